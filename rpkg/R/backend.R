# Keras 2 backend functions (k_*) for R keras code in custom losses and metrics.
# Behaviour (and the 1-based axis) lives in pycore/kerasbridge/backend.py; these only
# pass what the user supplied, each made by new_k_wrapper() from its R keras 2.x formals.

k_call <- function(name, args) {
  args <- lapply(args, function(a) if (is.atomic(a) && !is.null(a) && is.null(dim(a)) && length(a) > 1 && !is.character(a)) as.list(a) else a)
  do.call(call_core, c(list("backend.call", name), args))
}

# `k_name`, not `name`: k_constant() and others have a `name` argument.
new_k_wrapper <- function(k_name, formals) {
  f <- function() {
    args <- capture_args(ignore = character())
    k_call(k_name, args)
  }
  formals(f) <- formals
  f
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
k_abs <- new_k_wrapper("abs", alist(x = ))

#' @rdname backend
#' @export
k_exp <- new_k_wrapper("exp", alist(x = ))

#' @rdname backend
#' @export
k_log <- new_k_wrapper("log", alist(x = ))

#' @rdname backend
#' @export
k_sqrt <- new_k_wrapper("sqrt", alist(x = ))

#' @rdname backend
#' @export
k_square <- new_k_wrapper("square", alist(x = ))

#' @rdname backend
#' @export
k_sign <- new_k_wrapper("sign", alist(x = ))

#' @rdname backend
#' @export
k_round <- new_k_wrapper("round", alist(x = ))

#' @rdname backend
#' @export
k_relu <- new_k_wrapper("relu", alist(x = ))

#' @rdname backend
#' @export
k_sigmoid <- new_k_wrapper("sigmoid", alist(x = ))

#' @rdname backend
#' @export
k_softplus <- new_k_wrapper("softplus", alist(x = ))

#' @rdname backend
#' @export
k_tanh <- new_k_wrapper("tanh", alist(x = ))

#' @rdname backend
#' @export
k_zeros_like <- new_k_wrapper("zeros_like", alist(x = ))

#' @rdname backend
#' @export
k_ones_like <- new_k_wrapper("ones_like", alist(x = ))

#' @rdname backend
#' @export
k_transpose <- new_k_wrapper("transpose", alist(x = ))

#' @rdname backend
#' @export
k_floor <- new_k_wrapper("floor", alist(x = ))

#' @rdname backend
#' @export
k_ceil <- new_k_wrapper("ceil", alist(x = ))

#' @rdname backend
#' @export
k_cos <- new_k_wrapper("cos", alist(x = ))

#' @rdname backend
#' @export
k_sin <- new_k_wrapper("sin", alist(x = ))

#' @rdname backend
#' @export
k_log1p <- new_k_wrapper("log1p", alist(x = ))

#' @rdname backend
#' @export
k_expm1 <- new_k_wrapper("expm1", alist(x = ))

#' @rdname backend
#' @export
k_mean <- new_k_wrapper("mean", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_sum <- new_k_wrapper("sum", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_max <- new_k_wrapper("max", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_min <- new_k_wrapper("min", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_prod <- new_k_wrapper("prod", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_std <- new_k_wrapper("std", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_var <- new_k_wrapper("var", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_any <- new_k_wrapper("any", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_all <- new_k_wrapper("all", alist(x = , axis = NULL, keepdims = FALSE))

#' @rdname backend
#' @export
k_maximum <- new_k_wrapper("maximum", alist(x = , y = ))

#' @rdname backend
#' @export
k_minimum <- new_k_wrapper("minimum", alist(x = , y = ))

#' @rdname backend
#' @export
k_equal <- new_k_wrapper("equal", alist(x = , y = ))

#' @rdname backend
#' @export
k_not_equal <- new_k_wrapper("not_equal", alist(x = , y = ))

#' @rdname backend
#' @export
k_greater <- new_k_wrapper("greater", alist(x = , y = ))

#' @rdname backend
#' @export
k_greater_equal <- new_k_wrapper("greater_equal", alist(x = , y = ))

#' @rdname backend
#' @export
k_less <- new_k_wrapper("less", alist(x = , y = ))

#' @rdname backend
#' @export
k_less_equal <- new_k_wrapper("less_equal", alist(x = , y = ))

#' @rdname backend
#' @export
k_dot <- new_k_wrapper("dot", alist(x = , y = ))

#' @rdname backend
#' @export
k_clip <- new_k_wrapper("clip", alist(x = , min_value = NULL, max_value = NULL))

#' @rdname backend
#' @export
k_pow <- new_k_wrapper("pow", alist(x = , a = ))

#' @rdname backend
#' @export
k_cast <- new_k_wrapper("cast", alist(x = , dtype = ))

#' @rdname backend
#' @export
k_constant <- new_k_wrapper("constant", alist(value = , dtype = NULL, shape = NULL, name = NULL))

#' @rdname backend
#' @export
k_argmax <- new_k_wrapper("argmax", alist(x = , axis = -1))

#' @rdname backend
#' @export
k_argmin <- new_k_wrapper("argmin", alist(x = , axis = -1))

#' @rdname backend
#' @export
k_softmax <- new_k_wrapper("softmax", alist(x = , axis = -1))

#' @rdname backend
#' @export
k_concatenate <- new_k_wrapper("concatenate", alist(tensors = , axis = -1))

#' @rdname backend
#' @export
k_stack <- new_k_wrapper("stack", alist(x = , axis = 1))

#' @rdname backend
#' @export
k_expand_dims <- new_k_wrapper("expand_dims", alist(x = , axis = -1))

#' @rdname backend
#' @export
k_squeeze <- new_k_wrapper("squeeze", alist(x = , axis = NULL))

#' @rdname backend
#' @export
k_reshape <- new_k_wrapper("reshape", alist(x = , shape = ))

#' @rdname backend
#' @export
k_flatten <- new_k_wrapper("flatten", alist(x = ))

#' @rdname backend
#' @export
k_batch_flatten <- new_k_wrapper("batch_flatten", alist(x = ))

#' @rdname backend
#' @export
k_zeros <- new_k_wrapper("zeros", alist(shape = , dtype = NULL, name = NULL))

#' @rdname backend
#' @export
k_ones <- new_k_wrapper("ones", alist(shape = , dtype = NULL, name = NULL))

#' @rdname backend
#' @export
k_epsilon <- new_k_wrapper("epsilon", alist())

#' @rdname backend
#' @export
k_floatx <- new_k_wrapper("floatx", alist())

#' @rdname backend
#' @export
k_int_shape <- new_k_wrapper("int_shape", alist(x = ))

#' @rdname backend
#' @export
k_shape <- new_k_wrapper("shape", alist(x = ))

#' @rdname backend
#' @export
k_ndim <- new_k_wrapper("ndim", alist(x = ))

#' @rdname backend
#' @export
k_variable <- new_k_wrapper("variable", alist(value = , dtype = NULL, name = NULL, constraint = NULL))

#' @rdname backend
#' @export
k_get_value <- new_k_wrapper("get_value", alist(x = ))

#' @rdname backend
#' @export
k_set_value <- new_k_wrapper("set_value", alist(x = , value = ))

#' @rdname backend
#' @export
k_clear_session <- new_k_wrapper("clear_session", alist())

#' @rdname backend
#' @export
k_binary_crossentropy <- new_k_wrapper("binary_crossentropy", alist(target = , output = , from_logits = FALSE))

#' @rdname backend
#' @export
k_categorical_crossentropy <- new_k_wrapper("categorical_crossentropy", alist(target = , output = , from_logits = FALSE, axis = -1))

#' @rdname backend
#' @export
k_sparse_categorical_crossentropy <- new_k_wrapper("sparse_categorical_crossentropy", alist(target = , output = , from_logits = FALSE, axis = -1))

#' @rdname backend
#' @export
k_random_normal <- new_k_wrapper("random_normal", alist(shape = , mean = 0, stddev = 1, dtype = NULL, seed = NULL))

#' @rdname backend
#' @export
k_random_uniform <- new_k_wrapper("random_uniform", alist(shape = , minval = 0, maxval = 1, dtype = NULL, seed = NULL))

#' @rdname backend
#' @export
k_one_hot <- new_k_wrapper("one_hot", alist(indices = , num_classes = ))

#' @rdname backend
#' @export
k_l2_normalize <- new_k_wrapper("l2_normalize", alist(x = , axis = NULL))

#' @rdname backend
#' @export
k_cumsum <- new_k_wrapper("cumsum", alist(x = , axis = 1))

#' @rdname backend
#' @export
k_gather <- new_k_wrapper("gather", alist(reference = , indices = ))

#' @rdname backend
#' @export
k_backend <- function() with_py_errors(keras$config$backend())
