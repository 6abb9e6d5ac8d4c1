# R keras 2.x's layer constructors for layers Keras 3 folded into others:
# layer_cudnn_lstm()/layer_cudnn_gru() are Keras 3's LSTM/GRU, which use cuDNN by
# themselves. (Keras 2 layer *arguments* are translated in the core:
# pycore/kerasbridge/legacy/layer_args.py; other removed layers are emulated
# or refused with a clear error in R/layers-emulated.R.)
# They have the generated wrappers' shape (R/layers-generated.R) but stay here, so
# that every Keras 2 name is found in a keras2-*.R file.

#' CuDNN recurrent layers (R keras 2.x)
#'
#' Keras 3's `layer_lstm()`/`layer_gru()` use cuDNN by themselves when they can,
#' so these are the same layers (with `reset_after = TRUE` for GRU, as cuDNN's).
#' @inheritParams layer_lstm
#' @returns Like [layer_lstm()]: the layer, the model with the layer added, or
#'   the output tensor.
#' @examples
#' model <- keras_model_sequential(input_shape = c(5, 3)) %>%
#'   layer_cudnn_lstm(units = 4) %>%
#'   layer_dense(units = 1)
#' model
#' @export
layer_cudnn_lstm <- function(object, units, ...) {
  args <- capture_args(ignore = "object")
  create_layer("LSTM", if (missing(object)) NULL else object, args)
}

#' @rdname layer_cudnn_lstm
#' @export
layer_cudnn_gru <- function(object, units, ...) {
  args <- capture_args(ignore = "object")
  create_layer("GRU", if (missing(object)) NULL else object, args)
}
