# application_*(): Keras' model zoo with R keras 2.x and keras3 names. Pretrained
# weights are downloaded into the Keras cache on first use by the core
# (pycore/kerasbridge/applications.py, through download.get_file).

new_application_wrapper <- function(name) {
  force(name)
  function(include_top = TRUE, weights = "imagenet", input_tensor = NULL, input_shape = NULL,
           pooling = NULL, classes = 1000, ...) {
    args <- capture_args(ignore = character())  # input_shape as written: the core's shape policy reads it
    sync_download_env()
    do.call(call_core, c(list("applications.make_application", name), args))
  }
}

#' Keras applications (pretrained architectures)
#'
#' Pretrained `weights = "imagenet"` are read from the Keras cache
#' (`~/.keras/models/`), downloaded there on first use (see [get_file()]); a
#' failed download says which URL failed and where to put the file by hand.
#' `weights = NULL` gives the architecture with random weights.
#' @param include_top,weights,input_tensor,input_shape,pooling,classes,... As in R keras 2.x.
#' @returns A Keras model.
#' @examples
#' # the architecture with random weights: nothing to download
#' model <- application_mobilenet(weights = NULL, input_shape = c(32, 32, 3),
#'                                classes = 10, alpha = 0.25)
#' count_params(model)
#' @name applications
NULL

#' @rdname applications
#' @export
application_vgg16 <- new_application_wrapper("vgg16")
#' @rdname applications
#' @export
application_vgg19 <- new_application_wrapper("vgg19")
#' @rdname applications
#' @export
application_resnet50 <- new_application_wrapper("resnet50")
#' @rdname applications
#' @export
application_resnet101 <- new_application_wrapper("resnet101")
#' @rdname applications
#' @export
application_resnet50_v2 <- new_application_wrapper("resnet50_v2")
#' @rdname applications
#' @export
application_mobilenet <- new_application_wrapper("mobilenet")
#' @rdname applications
#' @export
application_mobilenet_v2 <- new_application_wrapper("mobilenet_v2")
#' @rdname applications
#' @export
application_inception_v3 <- new_application_wrapper("inception_v3")
#' @rdname applications
#' @export
application_inception_resnet_v2 <- new_application_wrapper("inception_resnet_v2")
#' @rdname applications
#' @export
application_xception <- new_application_wrapper("xception")
#' @rdname applications
#' @export
application_densenet121 <- new_application_wrapper("densenet121")
#' @rdname applications
#' @export
application_efficientnet_b0 <- new_application_wrapper("efficientnet_b0")

#' Preprocess images for a pretrained model
#' @param x An R array of images (`n x height x width x 3`).
#' @param ... Other arguments (`data_format`).
#' @returns An R array of the same shape, scaled as the model expects.
#' @examples
#' images <- array(runif(2 * 4 * 4 * 3, 0, 255), dim = c(2, 4, 4, 3))
#' range(imagenet_preprocess_input(images))
#' range(mobilenet_v2_preprocess_input(images))
#' @export
imagenet_preprocess_input <- function(x, ...) {
  call_core("applications.preprocess_input", "imagenet", r_marshal(x), ...)
}

#' @rdname imagenet_preprocess_input
#' @export
mobilenet_v2_preprocess_input <- function(x, ...) {
  call_core("applications.preprocess_input", "mobilenet_v2", r_marshal(x), ...)
}

#' @rdname applications
#' @export
application_resnet152 <- new_application_wrapper("resnet152")
#' @rdname applications
#' @export
application_resnet101_v2 <- new_application_wrapper("resnet101_v2")
#' @rdname applications
#' @export
application_resnet152_v2 <- new_application_wrapper("resnet152_v2")
#' @rdname applications
#' @export
application_densenet169 <- new_application_wrapper("densenet169")
#' @rdname applications
#' @export
application_densenet201 <- new_application_wrapper("densenet201")
#' @rdname applications
#' @export
application_mobilenet_v3_small <- new_application_wrapper("mobilenet_v3_small")
#' @rdname applications
#' @export
application_mobilenet_v3_large <- new_application_wrapper("mobilenet_v3_large")
#' @rdname applications
#' @export
application_nasnet_mobile <- new_application_wrapper("nasnetmobile")
#' @rdname applications
#' @export
application_nasnet_large <- new_application_wrapper("nasnetlarge")
#' @rdname applications
#' @export
application_nasnetmobile <- application_nasnet_mobile
#' @rdname applications
#' @export
application_nasnetlarge <- application_nasnet_large
#' @rdname applications
#' @export
application_efficientnet_b1 <- new_application_wrapper("efficientnet_b1")
#' @rdname applications
#' @export
application_efficientnet_b2 <- new_application_wrapper("efficientnet_b2")
#' @rdname applications
#' @export
application_efficientnet_b3 <- new_application_wrapper("efficientnet_b3")
#' @rdname applications
#' @export
application_efficientnet_b4 <- new_application_wrapper("efficientnet_b4")
#' @rdname applications
#' @export
application_efficientnet_b5 <- new_application_wrapper("efficientnet_b5")
#' @rdname applications
#' @export
application_efficientnet_b6 <- new_application_wrapper("efficientnet_b6")
#' @rdname applications
#' @export
application_efficientnet_b7 <- new_application_wrapper("efficientnet_b7")
#' @rdname applications
#' @export
application_efficientnet_v2b0 <- new_application_wrapper("efficientnet_v2b0")
#' @rdname applications
#' @export
application_efficientnet_v2b1 <- new_application_wrapper("efficientnet_v2b1")
#' @rdname applications
#' @export
application_efficientnet_v2b2 <- new_application_wrapper("efficientnet_v2b2")
#' @rdname applications
#' @export
application_efficientnet_v2b3 <- new_application_wrapper("efficientnet_v2b3")
#' @rdname applications
#' @export
application_efficientnet_v2s <- new_application_wrapper("efficientnet_v2s")
#' @rdname applications
#' @export
application_efficientnet_v2m <- new_application_wrapper("efficientnet_v2m")
#' @rdname applications
#' @export
application_efficientnet_v2l <- new_application_wrapper("efficientnet_v2l")
#' @rdname applications
#' @export
application_convnext_tiny <- new_application_wrapper("convnext_tiny")
#' @rdname applications
#' @export
application_convnext_small <- new_application_wrapper("convnext_small")
#' @rdname applications
#' @export
application_convnext_base <- new_application_wrapper("convnext_base")
#' @rdname applications
#' @export
application_convnext_large <- new_application_wrapper("convnext_large")
#' @rdname applications
#' @export
application_convnext_xlarge <- new_application_wrapper("convnext_xlarge")

#' Generic DenseNet and NASNet architectures (R keras 2.x)
#'
#' `application_densenet()` builds a DenseNet with the given numbers of blocks;
#' `application_nasnet()` a NASNet with the given cell settings. Imagenet
#' weights exist only for the standard sizes (use [application_densenet121()],
#' [application_nasnet_mobile()], ...); use `weights = NULL` otherwise.
#' @param blocks Numbers of building blocks of the four dense blocks.
#' @param input_shape,include_top,weights,input_tensor,pooling,classes As in [application_vgg16()].
#' @param penultimate_filters,num_blocks,stem_block_filters,skip_reduction,filter_multiplier,default_size
#'   NASNet settings, as in Keras.
#' @param ... Other arguments of the Keras constructor.
#' @returns A Keras model.
#' @examples
#' m <- application_densenet(c(1, 1, 1, 1), weights = NULL, input_shape = c(32, 32, 3), classes = 2)
#' length(m$layers) > 10
#' @export
application_densenet <- function(blocks, include_top = TRUE, weights = NULL, input_tensor = NULL,
                                 input_shape = NULL, pooling = NULL, classes = 1000, ...) {
  args <- capture_args(ignore = character())
  args["weights"] <- list(weights)  # NULL must reach Keras (its default is "imagenet")
  do.call(call_core, c(list("applications.make_application", "densenet"), args))
}

#' @rdname application_densenet
#' @export
application_nasnet <- function(input_shape = NULL, penultimate_filters = 4032L, num_blocks = 6L,
                               stem_block_filters = 96L, skip_reduction = TRUE, filter_multiplier = 2L,
                               include_top = TRUE, weights = NULL, input_tensor = NULL, pooling = NULL,
                               classes = 1000, default_size = NULL, ...) {
  args <- capture_args(ignore = character())
  args["weights"] <- list(weights)  # NULL must reach Keras (its default is "imagenet")
  do.call(call_core, c(list("applications.make_application", "nasnet"), args))
}

new_preprocess_input <- function(family) {
  force(family)
  function(x, ...) call_core("applications.preprocess_input", family, r_marshal(x), ...)
}

#' @rdname imagenet_preprocess_input
#' @export
densenet_preprocess_input <- new_preprocess_input("densenet")
#' @rdname imagenet_preprocess_input
#' @export
inception_resnet_v2_preprocess_input <- new_preprocess_input("inception_resnet_v2")
#' @rdname imagenet_preprocess_input
#' @export
inception_v3_preprocess_input <- new_preprocess_input("inception_v3")
#' @rdname imagenet_preprocess_input
#' @export
mobilenet_preprocess_input <- new_preprocess_input("mobilenet")
#' @rdname imagenet_preprocess_input
#' @export
nasnet_preprocess_input <- new_preprocess_input("nasnet")
#' @rdname imagenet_preprocess_input
#' @export
resnet_preprocess_input <- new_preprocess_input("resnet")
#' @rdname imagenet_preprocess_input
#' @export
resnet_v2_preprocess_input <- new_preprocess_input("resnet_v2")
#' @rdname imagenet_preprocess_input
#' @export
xception_preprocess_input <- new_preprocess_input("xception")

#' Decode ImageNet predictions
#'
#' The `top` most probable ImageNet classes of each image. The class index
#' (`imagenet_class_index.json`) is downloaded into the Keras cache
#' (`~/.keras/models`) on first use, like any [get_file()] download.
#' @param preds A matrix of ImageNet scores, one row per image, 1000 columns.
#' @param top How many classes per image.
#' @param ... Unused.
#' @returns A list with one data frame per image: `class_name`,
#'   `class_description` and `score`, best first.
#' @examples
#' \dontrun{
#' preds <- matrix(runif(2000), nrow = 2)
#' imagenet_decode_predictions(preds, top = 3)
#' }
#' @export
imagenet_decode_predictions <- function(preds, top = 5, ...) {
  sync_download_env()
  rows <- call_core("applications.decode_predictions", r_marshal(as.matrix(preds)), top = top)
  lapply(rows, function(r) data.frame(class_name = unlist(r$class_name),
                                      class_description = unlist(r$class_description),
                                      score = unlist(r$score), stringsAsFactors = FALSE))
}

#' @rdname imagenet_decode_predictions
#' @export
mobilenet_decode_predictions <- imagenet_decode_predictions
#' @rdname imagenet_decode_predictions
#' @export
mobilenet_v2_decode_predictions <- imagenet_decode_predictions

#' Preprocess inputs and decode predictions for an application model (keras3)
#'
#' The preprocessing and the class decoding that match the application
#' `model` was built with ([application_vgg16()], [application_mobilenet_v2()], ...).
#' @param model A model made by an `application_*()` function.
#' @param x An R array of images.
#' @param preds Predictions of `model` (1000 columns).
#' @param top How many classes per image.
#' @param ... Passed to the family's `preprocess_input` (e.g. `data_format`).
#' @returns `application_preprocess_inputs()`: the preprocessed array;
#'   `application_decode_predictions()`: as [imagenet_decode_predictions()].
#' @examples
#' m <- application_mobilenet_v2(weights = NULL, input_shape = c(32, 32, 3), classes = 3, alpha = 0.35)
#' x <- array(255, c(1, 32, 32, 3))
#' range(application_preprocess_inputs(m, x))
#' @export
application_preprocess_inputs <- function(model, x, ...) {
  call_core("applications.application_preprocess_inputs", model, r_marshal(x), ...)
}

#' @rdname application_preprocess_inputs
#' @export
application_decode_predictions <- function(model, preds, top = 5, ...) {
  imagenet_decode_predictions(preds, top = top)
}

#' Load a MobileNet saved in HDF5 (R keras 2.x)
#'
#' [load_model_hdf5()] under R keras 2.x's MobileNet-specific names (Keras 3
#' needs no custom objects for MobileNet's layers).
#' @param filepath Path of the `.h5` file.
#' @returns The model.
#' @examples
#' m <- application_mobilenet(weights = NULL, input_shape = c(32, 32, 3), classes = 2, alpha = 0.25)
#' f <- tempfile(fileext = ".h5")
#' save_model_hdf5(m, f)
#' count_params(mobilenet_load_model_hdf5(f)) == count_params(m)
#' @export
mobilenet_load_model_hdf5 <- function(filepath) load_model_hdf5(filepath)

#' @rdname mobilenet_load_model_hdf5
#' @export
mobilenet_v2_load_model_hdf5 <- function(filepath) load_model_hdf5(filepath)
