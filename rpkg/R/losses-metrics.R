# loss_*() and metric_*(): as in R keras 2.x,
# - called with y_true and y_pred they compute the value (a tensor);
# - called without them they return a Keras loss/metric object for compile();
# - passed uncalled (`loss = loss_binary_crossentropy`) compile() uses their Keras name.

# The mechanism behind every loss_*/metric_* wrapper (R/losses-generated.R,
# R/metrics-generated.R, made from tools/wrappers.dcf): compute the value with
# Keras' function, or make the Keras object in the core.
compute_loss <- function(fn_name, y_true, y_pred, args, .call = rlang::caller_env()) {
  # Not through call_core(): an argument named `fn` would bind to call_core()'s own.
  with_py_errors(do.call(core()$identifiers$compute_loss, c(list(fn_name, r_marshal(y_true), r_marshal(y_pred)), args)),
                 .call = .call)
}

make_loss <- function(class_name, args, .call = rlang::caller_env()) {
  do.call(call_core, c(list("identifiers.make_loss", class_name), args, list(.call = .call)))
}

compute_metric <- function(fn_name, y_true, y_pred, args, .call = rlang::caller_env()) {
  with_py_errors(do.call(core()$identifiers$compute_metric, c(list(fn_name, r_marshal(y_true), r_marshal(y_pred)), args)),
                 .call = .call)
}

make_metric <- function(class_name, args, .call = rlang::caller_env()) {
  # Not through call_core(): metric_mean_wrapper()'s `fn` would bind to call_core()'s own `fn`.
  with_py_errors(do.call(core()$identifiers$make_metric, c(list(class_name), args)), .call = .call)
}

#' @export
print.kerasbridge_loss_function <- function(x, ...) {
  cat("<kerasbridge loss function: ", attr(x, "py_function_name"), ">\n", sep = ""); invisible(x)
}
#' @export
print.kerasbridge_metric_function <- function(x, ...) {
  cat("<kerasbridge metric function: ", attr(x, "py_class_name"), ">\n", sep = ""); invisible(x)
}

#' Losses
#' @param y_true,y_pred Tensors or arrays; when both are supplied the loss is computed.
#' @param ... Other arguments of the Keras loss (`reduction`, `name`, ...).
#' @order 1
#' @returns With `y_true` and `y_pred`: the loss, a tensor (one value per sample);
#'   without them: a loss object (or function) for [compile()].
#' @examples
#' loss_mean_squared_error(c(1, 2), c(1.5, 2.5))
#' loss <- loss_binary_crossentropy(from_logits = TRUE)
#' loss
#' @name losses
NULL

#' Metrics
#' @param y_true,y_pred When both are supplied the metric function is computed.
#' @param ... Other arguments of the Keras metric (`name`, `dtype`, `thresholds`, ...).
#' @order 1
#' @returns With `y_true` and `y_pred` (the functions that have them): the metric,
#'   a tensor; without them: a metric object, for [compile()] or for
#'   `update_state()`/`result()` by hand.
#' @examples
#' metric_binary_accuracy(c(1, 0, 1), c(0.9, 0.2, 0.3))
#' m <- metric_mean()
#' m$update_state(c(1, 2, 3))
#' as.numeric(m$result())
#' @name metrics
NULL
