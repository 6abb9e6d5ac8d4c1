# R keras 2.x's custom_metric(): an R function Keras names after `name` (Keras
# names metrics after __name__). The core is pycore/kerasbridge/legacy/metrics.py,
# which also names the functions of `metrics = list(rmse = f)`.

#' Custom metric from an R function, named
#'
#' As in R keras 2.x: `metrics = list(custom_metric("rmse", function(y_true, y_pred) ...))`.
#' A named list of R functions (`metrics = list(rmse = f)`) names them the same way.
#' @param name Metric name (shown in the history and logs).
#' @param metric_fn `function(y_true, y_pred)` returning a tensor.
#' @returns A metric function, for the `metrics` argument of [compile()].
#' @examples
#' rmse <- custom_metric("rmse", function(y_true, y_pred) {
#'   k_sqrt(k_mean(k_square(y_pred - y_true)))
#' })
#' x <- matrix(runif(64 * 4), ncol = 4)
#' y <- x %*% c(1, -1, 0.5, 0)
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "adam", loss = "mse", metrics = list(rmse))
#' model %>% evaluate(x, y, verbose = 0)
#' @export
custom_metric <- function(name, metric_fn) {
  call_core("legacy.metrics.custom_metric", name, metric_fn)
}
