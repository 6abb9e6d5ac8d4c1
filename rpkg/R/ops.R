# keras3's functions over Keras' function modules: op_* (keras.ops),
# activation_* (R/activations.R), random_* (R/random.R) and config_* (R/config.R).
# The wrappers are generated (R/*-generated.R from tools/wrappers.dcf); each
# hands what the user supplied to call_op(), and the core's ops.call_op applies
# the argument spec: axes and positions count from 1, sizes become whole numbers.

# R vectors arrive as 1-d arrays (r_marshal), not Python lists, and length-1
# vectors as scalars (`k = 2`); errors name the user's op_*() call (.call), as
# the other kinds' mechanisms do.
# (Not through call_core(): an op argument named `f` would partially match its `fn`.)
call_op <- function(path, args, .call = rlang::caller_env()) {
  fn <- core()$ops$call_op
  with_py_errors(do.call(fn, c(list(path), lapply(args, op_marshal))), .call = .call)
}

op_marshal <- function(x) {
  if (is.atomic(x) && !is.factor(x) && is.null(dim(x)) && length(x) == 1) return(x)
  if (is.list(x) && !is.data.frame(x) && !is_py_object(x)) return(lapply(x, op_marshal))
  if (is.function(x) || is.environment(x)) return(x)
  r_marshal(x)
}

#' Core tensor operations (keras3 `op_*`)
#'
#' keras3's `op_*` functions over `keras.ops`. Axes count from 1 (negative
#' axes from the end); positions given (`op_take(x, indices)`,
#' `op_one_hot(x, ...)`) and returned (`op_argmax()`, `op_top_k()`) count from 1
#' unless `zero_indexed = TRUE`. Sizes and counts may be R doubles.
#' @return A tensor (or a list of tensors).
#' @examples
#' x <- op_convert_to_tensor(matrix(1:6, 2, 3), "float32")
#' op_sum(x, axis = 1)           # sums the first dimension: 3 7 11
#' op_argmax(c(3, 9, 4))         # 2
#' op_cond(TRUE, function() 1, function() 0)
#' @order 1
#' @name ops-core
NULL

#' NumPy-like tensor operations (keras3 `op_*`)
#'
#' keras3's `op_*` functions over the NumPy-like part of `keras.ops`
#' (`op_add()`, `op_sum()`, `op_reshape()`, `op_matmul()`, ...). Axes count from
#' 1 (negative axes from the end); `op_argmax()`, `op_argmin()`,
#' `op_argsort()`, `op_digitize()` and `op_take()` count positions from 1 unless
#' `zero_indexed = TRUE`.
#' @return A tensor (or a list of tensors).
#' @examples
#' x <- op_reshape(op_arange(6), c(2, 3))
#' op_sum(x, axis = 1)     # 3 5 7
#' op_sum(x, axis = -1)    # 3 12
#' op_max(x)
#' @order 1
#' @name ops-numpy
NULL

#' Neural-network operations (keras3 `op_*`)
#'
#' keras3's `op_*` functions over the `keras.ops.nn` functions (activations,
#' convolutions, pooling, losses, `op_one_hot()`, ...). Axes count from 1;
#' `op_one_hot()` takes classes counted from 1 unless `zero_indexed = TRUE`.
#' @return A tensor.
#' @examples
#' op_relu(c(-1, 0, 2))
#' op_one_hot(c(1, 3), num_classes = 3)
#' @order 1
#' @name ops-nn
NULL

#' Mathematical operations (keras3 `op_*`)
#'
#' keras3's `op_*` functions over `keras.ops.math` (`op_top_k()`,
#' `op_logsumexp()`, `op_fft()`, `op_segment_sum()`, ...). Axes count from 1;
#' the indices of `op_top_k()` and the `segment_ids` of `op_segment_sum()` count
#' from 1 unless `zero_indexed = TRUE`.
#' @return A tensor (or a list of tensors).
#' @examples
#' op_top_k(c(5, 1, 9), k = 2)   # values 9 5, indices 3 1
#' @order 1
#' @name ops-math
NULL

#' Linear algebra operations (keras3 `op_*`)
#'
#' keras3's `op_*` functions over `keras.ops.linalg`.
#' @return A tensor (or a list of tensors).
#' @examples
#' op_det(diag(2, 3))
#' @order 1
#' @name ops-linalg
NULL

#' Image operations (keras3 `op_image_*`)
#'
#' keras3's `op_image_*` functions over `keras.ops.image`. `op_image_crop()`
#' and `op_image_pad()` are `crop_images` and `pad_images`.
#' @return A tensor.
#' @examples
#' img <- array(runif(2 * 8 * 8 * 3), c(2, 8, 8, 3))
#' op_image_resize(img, size = c(4, 4))
#' @order 1
#' @name ops-image
NULL

#' @rdname ops-core
#' @order 3
#' @export
op_convert_to_array <- function(x) as.array(op_convert_to_numpy(x))

#' @rdname ops-core
#' @param ... Tensors (or R arrays) of the same shape (`op_pmax()`,
#'   `op_pmin()`), or the indices of `op_subset()`, as with `[`.
#' @order 3
#' @export
op_subset <- function(x, ...) x[...]

#' @rdname ops-numpy
#' @order 3
#' @export
op_pmax <- function(x, ...) Reduce(op_maximum, list(...), x)

#' @rdname ops-numpy
#' @order 3
#' @export
op_pmin <- function(x, ...) Reduce(op_minimum, list(...), x)

#' Metric functions (keras3 `metric_*` computed on `y_true`, `y_pred`)
#'
#' keras3's metric functions that have no metric object in Keras:
#' `metric_binary_focal_crossentropy()`, `metric_categorical_focal_crossentropy()`,
#' `metric_huber()` and `metric_log_cosh()` compute `keras.metrics.<name>` on
#' `y_true` and `y_pred` (`axis` is Keras' own, as for the other metrics).
#' @return A tensor: the metric per sample.
#' @examples
#' metric_huber(c(0, 1), c(0.5, 1))
#' @order 1
#' @name metric-functions
NULL

#' Normalize an array along an axis (`keras.utils.normalize`)
#'
#' Divides `x` by its `order`-norm along `axis` (counted from 1, negative from
#' the end; `-1`, the last, by default), as R keras 2.x and keras3's
#' `normalize()`. Unlike [op_normalize()], the result is an R array.
#' @return An array of the shape of `x`.
#' @examples
#' normalize(matrix(c(3, 4, 6, 8), 2, byrow = TRUE))   # rows of norm 1
#' @param x An array or tensor.
#' @param axis The axis to normalize along.
#' @param order The order of the norm (2: Euclidean).
#' @export
# Through op_normalize(): keras.utils.normalize() on a NumPy array treats axis 0
# as -1 (`axis = axis or -1`, Keras 3.15).
normalize <- function(x, axis = -1L, order = 2L) {
  as.array(op_normalize(x, axis = axis, order = order))
}

#' A Keras variable (`keras.Variable`)
#'
#' keras3's `keras_variable()`: a backend variable holding `initializer` (an
#' array, or an initializer with `shape`). Assign with `$assign()`.
#' @return A `keras.Variable`.
#' @examples
#' v <- keras_variable(matrix(0, 2, 2))
#' v$assign(matrix(1, 2, 2))
#' keras_variable(initializer_ones(), shape = c(3))
#' @order 1
#' @name keras_variable
NULL

#' The Input tensors a tensor was computed from (`keras.utils.get_source_inputs`)
#'
#' @return A list of the symbolic inputs (`layer_input()`) that `tensor` depends on.
#' @examples
#' inp <- layer_input(shape = 3)
#' out <- inp %>% layer_dense(2)
#' get_source_inputs(out)
#' @order 1
#' @name get_source_inputs
NULL
