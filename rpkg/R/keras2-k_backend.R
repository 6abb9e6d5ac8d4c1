# R keras 2.x's k_*() backend functions (Keras 3 has keras.ops instead), for R
# keras code in custom losses and metrics. Behaviour (and the 1-based axis) lives
# in pycore/kerasbridge/legacy/backend.py; the k_*() wrappers are generated
# (R/backend-generated.R) from their R keras 2.x formals in tools/wrappers.dcf and
# pass only what the user supplied to k_call(). (The Keras 2 backend *module*,
# `K <- backend()`, with 0-based axes, is R/keras2-backend.R.)

# Errors name the user's k_*() call (.call), as the other kinds' mechanisms do.
k_call <- function(name, args, .call = rlang::caller_env()) {
  args <- lapply(args, function(a) if (is.atomic(a) && !is.null(a) && is.null(dim(a)) && length(a) > 1 && !is.character(a)) as.list(a) else a)
  # Not through call_core(): k_foldl(fn = ), k_map_fn(fn = ) would bind to call_core()'s own `fn`.
  with_py_errors(do.call(core()$legacy$backend$call, c(list(name), args)), .call = .call)
}

#' Keras backend functions (R keras 2.x `k_*`)
#'
#' Axes count from 1, as in R keras 2.x (negative axes count from the end).
#' @param x,y,tensors,target,output,value,reference,indices Tensors or R arrays.
#' @param axis,keepdims,min_value,max_value,a,dtype,shape,name,from_logits,mean,stddev,minval,maxval,seed,num_classes,constraint As in R keras 2.x.
#' @order 1
#' @returns A tensor (`k_backend()`, `k_floatx()`, `k_epsilon()`: a string or number).
#' @examples
#' x <- k_constant(matrix(1:6, nrow = 2))
#' k_sum(x, axis = 1)      # 1-based: column sums
#' k_mean(x, axis = 2)
#' k_relu(k_constant(c(-1, 2)))
#' @name k_backend
NULL

#' @rdname k_backend
#' @export
k_backend <- function() with_py_errors(keras$config$backend())
