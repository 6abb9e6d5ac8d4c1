# application_*(): Keras' model zoo with R keras 2.x names. Pretrained weights
# must already be in the Keras cache (no downloads): the core checks for the file
# first (pycore/kerasbridge/applications.py).

new_application_wrapper <- function(name) {
  force(name)
  function(include_top = TRUE, weights = "imagenet", input_tensor = NULL, input_shape = NULL,
           pooling = NULL, classes = 1000, ...) {
    args <- capture_args(ignore = character())  # input_shape as written: the core's shape policy reads it
    do.call(call_core, c(list("applications.make_application", name), args))
  }
}

#' Keras applications (pretrained architectures)
#'
#' Pretrained `weights = "imagenet"` need the weights file in the Keras cache
#' (`~/.keras/models/`), since nothing can be downloaded; otherwise an R error
#' says which file to put where. `weights = NULL` gives the architecture with
#' random weights.
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
