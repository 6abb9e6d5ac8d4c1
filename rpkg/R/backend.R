# Keras 2 backend functions (k_*) for R keras code in custom losses and metrics.
# Behaviour (and the 1-based axis) lives in pycore/kerasbridge/backend.py; these only
# pass what the user supplied. Written by hand from one table: see k_call().

k_call <- function(name, args) {
  args <- lapply(args, function(a) if (is.atomic(a) && !is.null(a) && is.null(dim(a)) && length(a) > 1 && !is.character(a)) as.list(a) else a)
  do.call(call_core, c(list("backend.call", name), args))
}

#' Keras backend functions (R keras 2.x `k_*`)
#'
#' Axes count from 1, as in R keras 2.x (negative axes count from the end).
#' @param x,y,tensors,target,output,value,reference,indices Tensors or R arrays.
#' @param axis,keepdims,min_value,max_value,a,dtype,shape,name,from_logits,mean,stddev,minval,maxval,seed,num_classes,constraint As in R keras 2.x.
#' @name backend
NULL

#' @rdname backend
#' @export
k_abs <- function(x) {
  args <- capture_args(ignore = character())
  k_call("abs", args)
}

#' @rdname backend
#' @export
k_exp <- function(x) {
  args <- capture_args(ignore = character())
  k_call("exp", args)
}

#' @rdname backend
#' @export
k_log <- function(x) {
  args <- capture_args(ignore = character())
  k_call("log", args)
}

#' @rdname backend
#' @export
k_sqrt <- function(x) {
  args <- capture_args(ignore = character())
  k_call("sqrt", args)
}

#' @rdname backend
#' @export
k_square <- function(x) {
  args <- capture_args(ignore = character())
  k_call("square", args)
}

#' @rdname backend
#' @export
k_sign <- function(x) {
  args <- capture_args(ignore = character())
  k_call("sign", args)
}

#' @rdname backend
#' @export
k_round <- function(x) {
  args <- capture_args(ignore = character())
  k_call("round", args)
}

#' @rdname backend
#' @export
k_relu <- function(x) {
  args <- capture_args(ignore = character())
  k_call("relu", args)
}

#' @rdname backend
#' @export
k_sigmoid <- function(x) {
  args <- capture_args(ignore = character())
  k_call("sigmoid", args)
}

#' @rdname backend
#' @export
k_softplus <- function(x) {
  args <- capture_args(ignore = character())
  k_call("softplus", args)
}

#' @rdname backend
#' @export
k_tanh <- function(x) {
  args <- capture_args(ignore = character())
  k_call("tanh", args)
}

#' @rdname backend
#' @export
k_zeros_like <- function(x) {
  args <- capture_args(ignore = character())
  k_call("zeros_like", args)
}

#' @rdname backend
#' @export
k_ones_like <- function(x) {
  args <- capture_args(ignore = character())
  k_call("ones_like", args)
}

#' @rdname backend
#' @export
k_transpose <- function(x) {
  args <- capture_args(ignore = character())
  k_call("transpose", args)
}

#' @rdname backend
#' @export
k_floor <- function(x) {
  args <- capture_args(ignore = character())
  k_call("floor", args)
}

#' @rdname backend
#' @export
k_ceil <- function(x) {
  args <- capture_args(ignore = character())
  k_call("ceil", args)
}

#' @rdname backend
#' @export
k_cos <- function(x) {
  args <- capture_args(ignore = character())
  k_call("cos", args)
}

#' @rdname backend
#' @export
k_sin <- function(x) {
  args <- capture_args(ignore = character())
  k_call("sin", args)
}

#' @rdname backend
#' @export
k_log1p <- function(x) {
  args <- capture_args(ignore = character())
  k_call("log1p", args)
}

#' @rdname backend
#' @export
k_expm1 <- function(x) {
  args <- capture_args(ignore = character())
  k_call("expm1", args)
}

#' @rdname backend
#' @export
k_mean <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("mean", args)
}

#' @rdname backend
#' @export
k_sum <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("sum", args)
}

#' @rdname backend
#' @export
k_max <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("max", args)
}

#' @rdname backend
#' @export
k_min <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("min", args)
}

#' @rdname backend
#' @export
k_prod <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("prod", args)
}

#' @rdname backend
#' @export
k_std <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("std", args)
}

#' @rdname backend
#' @export
k_var <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("var", args)
}

#' @rdname backend
#' @export
k_any <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("any", args)
}

#' @rdname backend
#' @export
k_all <- function(x, axis = NULL, keepdims = FALSE) {
  args <- capture_args(ignore = character())
  k_call("all", args)
}

#' @rdname backend
#' @export
k_maximum <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("maximum", args)
}

#' @rdname backend
#' @export
k_minimum <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("minimum", args)
}

#' @rdname backend
#' @export
k_equal <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("equal", args)
}

#' @rdname backend
#' @export
k_not_equal <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("not_equal", args)
}

#' @rdname backend
#' @export
k_greater <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("greater", args)
}

#' @rdname backend
#' @export
k_greater_equal <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("greater_equal", args)
}

#' @rdname backend
#' @export
k_less <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("less", args)
}

#' @rdname backend
#' @export
k_less_equal <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("less_equal", args)
}

#' @rdname backend
#' @export
k_dot <- function(x, y) {
  args <- capture_args(ignore = character())
  k_call("dot", args)
}

#' @rdname backend
#' @export
k_clip <- function(x, min_value = NULL, max_value = NULL) {
  args <- capture_args(ignore = character())
  k_call("clip", args)
}

#' @rdname backend
#' @export
k_pow <- function(x, a) {
  args <- capture_args(ignore = character())
  k_call("pow", args)
}

#' @rdname backend
#' @export
k_cast <- function(x, dtype) {
  args <- capture_args(ignore = character())
  k_call("cast", args)
}

#' @rdname backend
#' @export
k_constant <- function(value, dtype = NULL, shape = NULL, name = NULL) {
  args <- capture_args(ignore = character())
  k_call("constant", args)
}

#' @rdname backend
#' @export
k_argmax <- function(x, axis = -1) {
  args <- capture_args(ignore = character())
  k_call("argmax", args)
}

#' @rdname backend
#' @export
k_argmin <- function(x, axis = -1) {
  args <- capture_args(ignore = character())
  k_call("argmin", args)
}

#' @rdname backend
#' @export
k_softmax <- function(x, axis = -1) {
  args <- capture_args(ignore = character())
  k_call("softmax", args)
}

#' @rdname backend
#' @export
k_concatenate <- function(tensors, axis = -1) {
  args <- capture_args(ignore = character())
  k_call("concatenate", args)
}

#' @rdname backend
#' @export
k_stack <- function(x, axis = 1) {
  args <- capture_args(ignore = character())
  k_call("stack", args)
}

#' @rdname backend
#' @export
k_expand_dims <- function(x, axis = -1) {
  args <- capture_args(ignore = character())
  k_call("expand_dims", args)
}

#' @rdname backend
#' @export
k_squeeze <- function(x, axis = NULL) {
  args <- capture_args(ignore = character())
  k_call("squeeze", args)
}

#' @rdname backend
#' @export
k_reshape <- function(x, shape) {
  args <- capture_args(ignore = character())
  k_call("reshape", args)
}

#' @rdname backend
#' @export
k_flatten <- function(x) {
  args <- capture_args(ignore = character())
  k_call("flatten", args)
}

#' @rdname backend
#' @export
k_batch_flatten <- function(x) {
  args <- capture_args(ignore = character())
  k_call("batch_flatten", args)
}

#' @rdname backend
#' @export
k_zeros <- function(shape, dtype = NULL, name = NULL) {
  args <- capture_args(ignore = character())
  k_call("zeros", args)
}

#' @rdname backend
#' @export
k_ones <- function(shape, dtype = NULL, name = NULL) {
  args <- capture_args(ignore = character())
  k_call("ones", args)
}

#' @rdname backend
#' @export
k_epsilon <- function() {
  args <- capture_args(ignore = character())
  k_call("epsilon", args)
}

#' @rdname backend
#' @export
k_floatx <- function() {
  args <- capture_args(ignore = character())
  k_call("floatx", args)
}

#' @rdname backend
#' @export
k_int_shape <- function(x) {
  args <- capture_args(ignore = character())
  k_call("int_shape", args)
}

#' @rdname backend
#' @export
k_shape <- function(x) {
  args <- capture_args(ignore = character())
  k_call("shape", args)
}

#' @rdname backend
#' @export
k_ndim <- function(x) {
  args <- capture_args(ignore = character())
  k_call("ndim", args)
}

#' @rdname backend
#' @export
k_variable <- function(value, dtype = NULL, name = NULL, constraint = NULL) {
  args <- capture_args(ignore = character())
  k_call("variable", args)
}

#' @rdname backend
#' @export
k_get_value <- function(x) {
  args <- capture_args(ignore = character())
  k_call("get_value", args)
}

#' @rdname backend
#' @export
k_set_value <- function(x, value) {
  args <- capture_args(ignore = character())
  k_call("set_value", args)
}

#' @rdname backend
#' @export
k_clear_session <- function() {
  args <- capture_args(ignore = character())
  k_call("clear_session", args)
}

#' @rdname backend
#' @export
k_binary_crossentropy <- function(target, output, from_logits = FALSE) {
  args <- capture_args(ignore = character())
  k_call("binary_crossentropy", args)
}

#' @rdname backend
#' @export
k_categorical_crossentropy <- function(target, output, from_logits = FALSE, axis = -1) {
  args <- capture_args(ignore = character())
  k_call("categorical_crossentropy", args)
}

#' @rdname backend
#' @export
k_sparse_categorical_crossentropy <- function(target, output, from_logits = FALSE, axis = -1) {
  args <- capture_args(ignore = character())
  k_call("sparse_categorical_crossentropy", args)
}

#' @rdname backend
#' @export
k_random_normal <- function(shape, mean = 0, stddev = 1, dtype = NULL, seed = NULL) {
  args <- capture_args(ignore = character())
  k_call("random_normal", args)
}

#' @rdname backend
#' @export
k_random_uniform <- function(shape, minval = 0, maxval = 1, dtype = NULL, seed = NULL) {
  args <- capture_args(ignore = character())
  k_call("random_uniform", args)
}

#' @rdname backend
#' @export
k_one_hot <- function(indices, num_classes) {
  args <- capture_args(ignore = character())
  k_call("one_hot", args)
}

#' @rdname backend
#' @export
k_l2_normalize <- function(x, axis = NULL) {
  args <- capture_args(ignore = character())
  k_call("l2_normalize", args)
}

#' @rdname backend
#' @export
k_cumsum <- function(x, axis = 1) {
  args <- capture_args(ignore = character())
  k_call("cumsum", args)
}

#' @rdname backend
#' @export
k_gather <- function(reference, indices) {
  args <- capture_args(ignore = character())
  k_call("gather", args)
}

#' @rdname backend
#' @export
k_backend <- function() with_py_errors(keras$config$backend())
