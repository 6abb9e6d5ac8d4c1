# Regularizers and initializers with R keras 2.x names and arguments. The
# initializer_* wrappers are generated (R/initializers-generated.R from tools/wrappers.dcf);
# the regularizers rename `l` and always pass their factors, so they stay here.

#' Weight regularizers
#' @param l Regularization factor (R keras 2.x name).
#' @param l1,l2 Factors for `regularizer_l1_l2()`.
#' @returns A regularizer object, for the `kernel_regularizer`-like arguments of layers.
#' @examples
#' layer_dense(units = 2, kernel_regularizer = regularizer_l2(0.01))
#' regularizer_l1_l2(l1 = 0.01, l2 = 0.001)
#' @export
regularizer_l1 <- function(l = 0.01) call_core("callbacks.make_object", "regularizers", "L1", l1 = l)
#' @rdname regularizer_l1
#' @export
regularizer_l2 <- function(l = 0.01) call_core("callbacks.make_object", "regularizers", "L2", l2 = l)
#' @rdname regularizer_l1
#' @export
regularizer_l1_l2 <- function(l1 = 0.01, l2 = 0.01) call_core("callbacks.make_object", "regularizers", "L1L2", l1 = l1, l2 = l2)

#' Initializers
#' @param seed Integer seed.
#' @param ... Other arguments of the Keras initializer.
#' @order 1
#' @returns An initializer object, for the `kernel_initializer`-like arguments of layers.
#' @examples
#' init <- initializer_random_normal(stddev = 0.1, seed = 1)
#' layer_dense(units = 2, kernel_initializer = init)
#' initializer_ones()
#' @name initializers
NULL
