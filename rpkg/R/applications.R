# application_*(): Keras' model zoo with R keras 2.x names. Pretrained weights
# must already be in the Keras cache (no downloads); see pycore/kerasbridge/applications.py.

new_application_wrapper <- function(name) {
  force(name)
  function(include_top = TRUE, weights = "imagenet", input_tensor = NULL, input_shape = NULL,
           pooling = NULL, classes = 1000, ...) {
    args <- capture_args(ignore = character())
    if (!is.null(args$input_shape)) args$input_shape <- as_py_shape(args$input_shape)
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
#' @export
imagenet_preprocess_input <- function(x, ...) {
  call_core("applications.preprocess_input", "imagenet", r_marshal(x), ...)
}

#' @rdname imagenet_preprocess_input
#' @export
mobilenet_v2_preprocess_input <- function(x, ...) {
  call_core("applications.preprocess_input", "mobilenet_v2", r_marshal(x), ...)
}
