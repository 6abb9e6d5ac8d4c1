# keras3's activation_* functions (generated: R/activations-generated.R), over
# keras.activations through call_op() (R/ops.R). Each carries its Keras name,
# so it can be given uncalled where Keras takes an activation:
# layer_dense(units = 4, activation = activation_relu).

#' Activation functions (keras3 and R keras 2.x `activation_*`)
#'
#' Applied to a tensor, each returns the activated tensor; given uncalled as a
#' layer's `activation`, the Keras activation of the same name is used.
#' `axis` counts from 1 (negative from the end), as in keras3.
#' @return A tensor.
#' @examples
#' activation_relu(c(-1, 0, 2))
#' activation_softmax(matrix(c(1, 2, 3, 4), 2))
#' layer_dense(units = 4, activation = activation_gelu)
#' @order 1
#' @name activations
NULL

# registered in NAMESPACE (S3method(r_to_py, ...))
r_to_py.kerasbridge_activation_function <- function(x, convert = FALSE) {
  keras$activations$get(attr(x, "py_function_name"))
}
