# The mechanism behind every layer_* wrapper (R/layers-generated.R): make the
# Keras layer in the core, then apply R keras' object-first pipe semantics.
#' Make a layer from a class and apply it object-first (R keras 2.x)
#'
#' The mechanism behind every `layer_*()` function, exported as R keras 2.x
#' exported it: the layer is made from `args`; with `object` missing it is
#' returned, a Sequential model gets it added, a tensor is passed through it.
#' @param class_name A Keras layer class (`keras$layers$Dense`), a layer class
#'   made by [new_layer_class()], an R6 class inheriting [KerasLayer], or the
#'   name of a Keras layer class (`"Dense"`).
#' @param object A Sequential model, a tensor or list of tensors, or missing.
#' @param args A named list of the layer's arguments.
#' @returns With `object` missing, the layer; with a Sequential model, the model
#'   (the layer added, in place); with tensors, the layer's output tensor(s).
#' @examples
#' layer <- create_layer(keras$layers$Dense, args = list(units = 2L))
#' layer
#' model <- keras_model_sequential(input_shape = 3)
#' create_layer("Dense", model, list(units = 2))
#' @export
create_layer <- function(class_name, object, args = list()) {
  if (missing(object)) object <- NULL
  force(object)  # a piped-in object first, so layers are created (and named) in pipe order
  # R keras 2.x's exported create_layer(layer_class, object, args): an R6 class or a layer class
  if (inherits(class_name, "R6ClassGenerator")) return(create_r6_layer(class_name, object, args))
  if (is.function(class_name) || is_py_object(class_name))
    return(compose_layer(object, do.call(class_name, as.list(args))))
  layer <- do.call(call_core, c(list("layers.make_layer", class_name), args, list(.call = rlang::caller_env())))
  compose_layer(object, layer)
}

# The generated merging layers (layer_add(), layer_concatenate(), ...; manifest
# `Inputs: dots`): R keras 2.x took the inputs as a list, as separate unnamed
# arguments (layer_add(a, b)) or piped (a %>% layer_add(b)). An unnamed plain
# number is the layer's first argument, as when it came second
# (layer_concatenate(list(a, b), 1) is axis = 1).
create_merge_layer <- function(class_name, inputs, args, positional = NULL) {
  nms <- names(args) %||% rep("", length(args))
  more <- args[!nzchar(nms)]
  args <- args[nzchar(nms)]
  if (!is.null(positional) && is.null(args[[positional]]) && length(more) &&
      is.numeric(more[[1]]) && !is_py_object(more[[1]])) {
    args[[positional]] <- more[[1]]
    more <- more[-1]
  }
  if (length(more)) {
    if (!is.null(inputs) && (!is.list(inputs) || is_py_object(inputs))) inputs <- list(inputs)
    inputs <- c(inputs, unname(more))
  }
  create_layer(class_name, inputs, args)
}

# Object-first pipe semantics and their checks live in the core
# (layers.compose_layer); R only keeps the printing idiom.
compose_layer <- function(object, layer, .call = rlang::caller_env(2)) {
  if (is.null(object)) return(layer)
  out <- call_core("layers.compose_layer", object, layer, .call = .call)
  if (inherits(object, "keras.src.models.sequential.Sequential")) invisible(out) else out
}

# A layer or model is an R function: `layer(x)`, `model(x, training = TRUE)`.
# reticulate makes that function with this generic; the call goes through the
# core so that a bad input is a kerasbridge error in R terms, not a bare
# Python exception.
#' @exportS3Method reticulate::py_to_r_wrapper
py_to_r_wrapper.keras.src.layers.layer.Layer <- function(x) {
  as_r_value(x)  # saveRDS() & co. keep the layer or model (R/rvalues.R)
  function(object, ...) {
    if (missing(object)) call_core("layers.call_layer", x, ...)
    else call_core("layers.call_layer", x, object, ...)
  }
}

#' Lambda layer: wraps an R function of tensors
#' @param object Model or tensor, or missing.
#' @param f An R function of the input tensor(s).
#' @param output_shape Optional output shape.
#' @param ... Other `keras.layers.Lambda` arguments.
#' @returns Like the other `layer_*()` functions: the layer, the model with the
#'   layer added, or the output tensor.
#' @examples
#' inputs <- layer_input(shape = 3)
#' outputs <- inputs %>% layer_lambda(function(x) x * 2)
#' model <- keras_model(inputs, outputs)
#' predict(model, matrix(1:3, nrow = 1), verbose = 0)
#' @export
layer_lambda <- function(object, f, output_shape = NULL, ...) {
  args <- capture_args(ignore = c("object", "f"))
  args$`function` <- f
  if (!is.null(args$output_shape)) args$output_shape <- as_py_shape(args$output_shape)
  create_layer("Lambda", if (missing(object)) NULL else object, args)
}

#' Input layer: a symbolic tensor to build functional models from
#' @param shape Shape without the batch dimension, e.g. `c(784)`; `NA` for unknown.
#' @param batch_size,name,dtype,sparse,batch_shape,tensor,... As in `keras.Input`.
#' @returns A symbolic tensor (a `KerasTensor`) to build a functional model on.
#' @examples
#' inputs <- layer_input(shape = c(28, 28), name = "image")
#' dim(inputs)
#' @export
layer_input <- function(shape = NULL, batch_size = NULL, name = NULL, dtype = NULL, sparse = NULL,
                        batch_shape = NULL, tensor = NULL, ...) {
  args <- capture_args(ignore = character())
  if (!is.null(args$shape)) args$shape <- as_py_shape(args$shape)
  if (!is.null(args$batch_shape)) args$batch_shape <- as_py_shape(args$batch_shape)
  do.call(call_core, c(list("layers.layer_input"), args))
}

#' @rdname layer_input
#' @export
keras_input <- layer_input

# R shapes -> what the core's as_shape() reads: NA/NULL become None.
as_py_shape <- function(shape) {
  if (is_py_object(shape)) return(shape)
  if (is.list(shape)) return(lapply(shape, function(d) if (is.null(d) || (length(d) == 1 && is.na(d))) NULL else d))
  lapply(as.list(shape), function(d) if (is.na(d)) NULL else d)
}

#' Bidirectional wrapper for RNN layers
#' @param object Model or tensor, or missing.
#' @param layer An RNN layer, e.g. `layer_lstm(units = 32)`.
#' @param merge_mode,weights,backward_layer,... As in `keras.layers.Bidirectional`.
#' @returns Like the other `layer_*()` functions: the layer, the model with the
#'   layer added, or the output tensor.
#' @examples
#' model <- keras_model_sequential(input_shape = c(5, 3)) %>%
#'   bidirectional(layer_lstm(units = 4)) %>%
#'   layer_dense(units = 1)
#' model
#' @export
bidirectional <- function(object, layer, merge_mode = "concat", weights = NULL, backward_layer = NULL, ...) {
  args <- capture_args(ignore = "object")
  create_layer("Bidirectional", if (missing(object)) NULL else object, args)
}

#' @rdname bidirectional
#' @export
layer_bidirectional <- bidirectional

#' Apply a layer to every time step
#' @param object Model or tensor, or missing.
#' @param layer The layer to apply.
#' @param ... Other `keras.layers.TimeDistributed` arguments.
#' @returns Like the other `layer_*()` functions: the layer, the model with the
#'   layer added, or the output tensor.
#' @examples
#' inputs <- layer_input(shape = c(5, 3))
#' outputs <- inputs %>% time_distributed(layer_dense(units = 2))
#' dim(outputs)
#' @export
time_distributed <- function(object, layer, ...) {
  args <- capture_args(ignore = "object")
  create_layer("TimeDistributed", if (missing(object)) NULL else object, args)
}

#' @rdname time_distributed
#' @export
layer_time_distributed <- time_distributed
