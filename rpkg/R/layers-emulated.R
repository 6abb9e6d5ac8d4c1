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
#' These R keras 2.x / keras3 names exist so scripts fail with what to use
#' instead: `layer_random_height()`/`layer_random_width()` (removed in Keras 3:
#' use `layer_random_zoom(height_factor = , width_factor = 0)`, which keeps the
#' size, or `layer_resizing()`), `layer_locally_connected_1d()`/`_2d()` (removed
#' in Keras 3), and keras3's `layer_flax_module_wrapper()`, `layer_jax_model_wrapper()` and
#' `layer_torch_module_wrapper()` (JAX/PyTorch backends only).
#' @param object,... Ignored: each signals an error of class
#'   `kerasbridge_unavailable_error`.
#' @return Does not return.
#' @examples
#' try(layer_random_height(factor = 0.2))
#' @export
layer_random_height <- function(object, ...) unavailable_layer("layer_random_height",
  "RandomHeight was removed in Keras 3.", "Use {.fn layer_random_zoom} with {.code width_factor = 0} (keeps the image size) or {.fn layer_resizing}.")

#' @rdname layer_random_height
#' @export
layer_random_width <- function(object, ...) unavailable_layer("layer_random_width",
  "RandomWidth was removed in Keras 3.", "Use {.fn layer_random_zoom} with {.code height_factor = 0} (keeps the image size) or {.fn layer_resizing}.")

#' @rdname layer_random_height
#' @export
layer_locally_connected_1d <- function(object, ...) unavailable_layer("layer_locally_connected_1d",
  "LocallyConnected1D was removed in Keras 3.", "Use {.fn layer_conv_1d} (shared weights), or a custom layer.")

#' @rdname layer_random_height
#' @export
layer_locally_connected_2d <- function(object, ...) unavailable_layer("layer_locally_connected_2d",
  "LocallyConnected2D was removed in Keras 3.", "Use {.fn layer_conv_2d} (shared weights), or a custom layer.")

#' @rdname layer_random_height
#' @export
layer_flax_module_wrapper <- function(object, ...) unavailable_layer("layer_flax_module_wrapper",
  "FlaxLayer needs the JAX backend; kerasbridge runs on the TensorFlow backend.", "Write the layer with {.fn Layer} and {.code op_*} functions.")

#' @rdname layer_random_height
#' @export
layer_jax_model_wrapper <- function(object, ...) unavailable_layer("layer_jax_model_wrapper",
  "JaxLayer needs the JAX backend; kerasbridge runs on the TensorFlow backend.", "Write the layer with {.fn Layer} and {.code op_*} functions.")

#' @rdname layer_random_height
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
