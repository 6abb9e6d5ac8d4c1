#' Define a custom Keras metric class with R functions
#'
#' `initialize` creates the state with `self$add_weight(name, initializer,
#' dtype)` (float or `"int32"`); `update_state(y_true, y_pred, sample_weight =
#' NULL)` accumulates it; `result()` returns the value. Without `reset_state`,
#' every state variable is set back to zero. Use it in `compile(metrics = )` or
#' standalone: `m <- MyMetric(); m$update_state(y, p); m$result()`.
#'
#' @inheritParams new_layer_class
#' @param initialize The constructor method; create the state with
#'   `self$add_weight()` in it.
#' @param update_state,result,reset_state Methods.
#' @param parent_class A class to extend instead of `keras$metrics$Metric`.
#' @return A constructor function.
#' @examples
#' metric_count <- new_metric_class("Count",
#'   initialize = function(name = "count", ...) {
#'     super$initialize(name = name, ...)
#'     self$n <- self$add_weight(name = "n", initializer = "zeros", dtype = "int32")
#'   },
#'   update_state = function(y_true, y_pred, sample_weight = NULL)
#'     self$n$assign_add(tf$shape(y_true)[1]),
#'   result = function() self$n$value
#' )
#' m <- metric_count()
#' m$update_state(c(1, 2, 3), c(1, 2, 3))
#' m$result()
#' @export
new_metric_class <- function(classname, initialize = NULL, update_state = NULL, result = NULL,
                             reset_state = NULL, ..., parent_class = NULL) {
  new_class_constructor("metric", classname,
                        c(list(initialize = initialize, update_state = update_state,
                               result = result, reset_state = reset_state), list(...)),
                        parent_class)
}
