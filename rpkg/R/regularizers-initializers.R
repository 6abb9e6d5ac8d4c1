# Regularizers and initializers with R keras 2.x names and arguments.

#' Weight regularizers
#' @param l Regularization factor (R keras 2.x name).
#' @param l1,l2 Factors for `regularizer_l1_l2()`.
#' @export
regularizer_l1 <- function(l = 0.01) call_core("callbacks.make_object", "regularizers", "L1", l1 = l)
#' @rdname regularizer_l1
#' @export
regularizer_l2 <- function(l = 0.01) call_core("callbacks.make_object", "regularizers", "L2", l2 = l)
#' @rdname regularizer_l1
#' @export
regularizer_l1_l2 <- function(l1 = 0.01, l2 = 0.01) call_core("callbacks.make_object", "regularizers", "L1L2", l1 = l1, l2 = l2)

new_initializer_wrapper <- function(class_name, formals) new_object_wrapper("initializers", class_name, formals)

#' Initializers
#' @param seed Integer seed.
#' @param ... Other arguments of the Keras initializer.
#' @name initializers
NULL
#' @rdname initializers
#' @export
initializer_glorot_uniform <- new_initializer_wrapper("GlorotUniform", alist(seed = NULL))
#' @rdname initializers
#' @export
initializer_glorot_normal <- new_initializer_wrapper("GlorotNormal", alist(seed = NULL))
#' @rdname initializers
#' @export
initializer_he_normal <- new_initializer_wrapper("HeNormal", alist(seed = NULL))
#' @rdname initializers
#' @export
initializer_he_uniform <- new_initializer_wrapper("HeUniform", alist(seed = NULL))
#' @rdname initializers
#' @export
initializer_random_normal <- new_initializer_wrapper("RandomNormal", alist(mean = 0, stddev = 0.05, seed = NULL))
#' @rdname initializers
#' @export
initializer_random_uniform <- new_initializer_wrapper("RandomUniform", alist(minval = -0.05, maxval = 0.05, seed = NULL))
#' @rdname initializers
#' @export
initializer_zeros <- new_initializer_wrapper("Zeros", alist())
#' @rdname initializers
#' @export
initializer_ones <- new_initializer_wrapper("Ones", alist())
#' @rdname initializers
#' @export
initializer_constant <- new_initializer_wrapper("Constant", alist(value = 0))
