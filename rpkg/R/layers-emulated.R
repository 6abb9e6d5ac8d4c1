# layer_* names whose Keras class is gone from Keras 3 (R keras 2.x) or needs
# another backend (keras3's JAX/torch wrappers). Those with a faithful Keras 3
# equivalent are emulated on it; the rest fail at once with what to use instead.

#' Keras 2 activation layers emulated on Keras 3
#'
#' `layer_activation_selu()` is `layer_activation(activation = "selu")`.
#' `layer_activation_thresholded_relu()` (Keras 2's `ThresholdedReLU`, removed in
#' Keras 3) is `keras.layers.ReLU(threshold = theta)`: `x` above `theta`, else 0
#' (at exactly `theta` it returns `theta` where Keras 2 returned 0).
#' @param object A Sequential model, a tensor, or missing (returns the layer).
#' @param theta The threshold (Keras 2's default 1).
#' @param ... Other layer arguments (`name`, `input_shape`, ...).
#' @return The layer, or `object` with the layer applied (see [layer_dense()]).
#' @examples
#' layer_activation_thresholded_relu(theta = 0.5)(op_convert_to_tensor(c(0.2, 0.7)))
#' @export
layer_activation_selu <- function(object, ...) {
  args <- c(list(activation = "selu"), capture_args(ignore = "object"))
  create_layer("Activation", if (missing(object)) NULL else object, args)
}

#' @rdname layer_activation_selu
#' @export
layer_activation_thresholded_relu <- function(object, theta = 1.0, ...) {
  args <- capture_args(ignore = c("object", "theta"))
  args$threshold <- theta
  create_layer("ReLU", if (missing(object)) NULL else object, args)
}

#' Layers Keras 3 does not have on the TensorFlow backend
#'
#' These keras3 names exist so scripts fail with what to use
#' instead: `layer_flax_module_wrapper()`, `layer_jax_model_wrapper()` and
#' `layer_torch_module_wrapper()` (JAX/PyTorch backends only).
#' @param object,... Ignored: each signals an error of class
#'   `kerasbridge_unavailable_error`.
#' @return Does not return.
#' @examples
#' try(layer_jax_model_wrapper())
#' @export
layer_flax_module_wrapper <- function(object, ...) unavailable_layer("layer_flax_module_wrapper",
  "FlaxLayer needs the JAX backend; kerasbridge runs on the TensorFlow backend.", "Write the layer with {.fn Layer} and {.code op_*} functions.")

#' Random height and width (Keras 2's layers, emulated on Keras 3)
#'
#' In training, each batch of images is resized to a random height
#' (`layer_random_height()`) or width (`layer_random_width()`): the size times
#' `1 + f`, `f` drawn uniformly from `factor` (`0.2` means `c(-0.2, 0.2)`), the
#' other side kept; at inference the images pass unchanged. Keras 3 removed
#' both layers; kerasbridge provides them as R keras 2.x did
#' (`pycore/kerasbridge/legacy/random_resize.py`). To keep the image size,
#' use [layer_random_zoom()] instead.
#' @param object A Sequential model, a tensor, or missing (returns the layer).
#' @param factor One number or `c(lower, upper)`, fractions of the size (`lower > -1`).
#' @param interpolation `"bilinear"` (default), `"nearest"`, `"bicubic"`, `"area"`, ...
#' @param seed An integer seed, or `NULL`.
#' @param ... Standard layer arguments (`name`, `input_shape`, ...).
#' @return The layer, or `object` with the layer applied (see [layer_dense()]).
#' @examples
#' layer <- layer_random_height(factor = 0.5, seed = 1)
#' dim(layer(array(1, c(2, 8, 8, 1)), training = TRUE))
#' @export
layer_random_height <- function(object, factor, interpolation = "bilinear", seed = NULL, ...) {
  args <- capture_args(ignore = "object")
  create_layer("RandomHeight", if (missing(object)) NULL else object, args)
}

#' @rdname layer_random_height
#' @export
layer_random_width <- function(object, factor, interpolation = "bilinear", seed = NULL, ...) {
  args <- capture_args(ignore = "object")
  create_layer("RandomWidth", if (missing(object)) NULL else object, args)
}

#' Locally connected layers (Keras 2's, emulated on Keras 3)
#'
#' A convolution whose weights are not shared: every output position has its
#' own kernel. Keras 3 removed `LocallyConnected1D`/`LocallyConnected2D`;
#' kerasbridge provides them as R keras 2.x did (`pycore/kerasbridge/legacy/locally_connected.py`),
#' with Keras 2's weight layout (kernel `positions x (kernel size * channels) x
#' filters`, one bias per position and filter) and its "valid" padding only.
#' `implementation` is accepted and ignored (every implementation computed the
#' same function). A model using them saves and loads wherever kerasbridge is
#' imported.
#' @param object A Sequential model, a tensor, or missing (returns the layer).
#' @param filters Number of output filters.
#' @param kernel_size,strides Length of the window and of its steps: one
#'   number (1D) or two (2D; one number is used for both).
#' @param padding `"valid"` (the only padding Keras 2 supported).
#' @param data_format `"channels_last"` (default) or `"channels_first"`.
#' @param activation,use_bias,kernel_initializer,bias_initializer,kernel_regularizer,bias_regularizer,activity_regularizer,kernel_constraint,bias_constraint
#'   As for [layer_conv_1d()].
#' @param implementation Accepted for Keras 2 scripts; ignored.
#' @param batch_size,name,trainable,weights,... Standard layer arguments (`input_shape`, `batch_input_shape`, `dtype`, ...).
#' @return The layer, or `object` with the layer applied (see [layer_dense()]).
#' @examples
#' x <- layer_input(shape = c(10, 2))
#' y <- x %>% layer_locally_connected_1d(filters = 3, kernel_size = 2)
#' dim(y)
#' @export
layer_locally_connected_1d <- function(object, filters, kernel_size, strides = 1L, padding = "valid", data_format = NULL,
                                       activation = NULL, use_bias = TRUE, kernel_initializer = "glorot_uniform",
                                       bias_initializer = "zeros", kernel_regularizer = NULL, bias_regularizer = NULL,
                                       activity_regularizer = NULL, kernel_constraint = NULL, bias_constraint = NULL,
                                       implementation = 1L, batch_size = NULL, name = NULL, trainable = NULL,
                                       weights = NULL, ...) {
  args <- capture_args(ignore = "object")
  create_layer("LocallyConnected1D", if (missing(object)) NULL else object, args)
}

#' @rdname layer_locally_connected_1d
#' @export
layer_locally_connected_2d <- function(object, filters, kernel_size, strides = c(1L, 1L), padding = "valid", data_format = NULL,
                                       activation = NULL, use_bias = TRUE, kernel_initializer = "glorot_uniform",
                                       bias_initializer = "zeros", kernel_regularizer = NULL, bias_regularizer = NULL,
                                       activity_regularizer = NULL, kernel_constraint = NULL, bias_constraint = NULL,
                                       implementation = 1L, batch_size = NULL, name = NULL, trainable = NULL,
                                       weights = NULL, ...) {
  args <- capture_args(ignore = "object")
  create_layer("LocallyConnected2D", if (missing(object)) NULL else object, args)
}


#' @rdname layer_flax_module_wrapper
#' @export
layer_jax_model_wrapper <- function(object, ...) unavailable_layer("layer_jax_model_wrapper",
  "JaxLayer needs the JAX backend; kerasbridge runs on the TensorFlow backend.", "Write the layer with {.fn Layer} and {.code op_*} functions.")

#' @rdname layer_flax_module_wrapper
#' @export
layer_torch_module_wrapper <- function(object, ...) unavailable_layer("layer_torch_module_wrapper",
  "TorchModuleWrapper needs the PyTorch backend; kerasbridge runs on the TensorFlow backend.", "Write the layer with {.fn Layer} and {.code op_*} functions.")

#' Keras 2 metrics removed in Keras 3
#'
#' `metric_mean_relative_error()` and `metric_mean_tensor()` (R keras 2.x) have
#' no Keras 3 class; each signals a `kerasbridge_unavailable_error` saying what
#' to use: [metric_mean_wrapper()] with your own function, or [metric_mean()].
#' @param ... Ignored.
#' @return Does not return.
#' @examples
#' try(metric_mean_tensor())
#' @export
metric_mean_relative_error <- function(...) unavailable_layer("metric_mean_relative_error",
  "MeanRelativeError was removed in Keras 3.", "Use {.fn metric_mean_wrapper} with a function of {.code y_true}, {.code y_pred}.")

#' @rdname metric_mean_relative_error
#' @export
metric_mean_tensor <- function(...) unavailable_layer("metric_mean_tensor",
  "MeanTensor was removed in Keras 3.", "Use {.fn metric_mean}, or {.fn op_mean} on stacked tensors.")

unavailable_layer <- function(fn, why, instead, call = rlang::caller_env()) {
  abort_kb(c(paste0("{.fn ", fn, "} is not available: ", why), i = instead), kind = "unavailable", call = call)
}
