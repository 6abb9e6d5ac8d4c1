#' Define a custom Keras loss class with R functions
#'
#' `call(y_true, y_pred)` returns per-sample losses; Keras applies
#' `sample_weight` and the `reduction` given to `super$initialize()` (default
#' `"sum_over_batch_size"`; Keras 2's `"auto"` is accepted). Give `get_config`
#' when `initialize` takes extra arguments, so a saved model can rebuild it.
#'
#' @inheritParams new_layer_class
#' @param initialize The constructor method; call `super$initialize()` in it.
#' @param call The loss, `function(y_true, y_pred)`, one value per sample.
#' @param get_config A method returning the constructor's arguments as a named
#'   list (for saving).
#' @param parent_class A class to extend instead of `keras$losses$Loss`.
#' @return A constructor function.
#' @examples
#' loss_scaled_mse <- new_loss_class("ScaledMSE",
#'   initialize = function(scale = 1, name = "scaled_mse", ...) {
#'     super$initialize(name = name, ...)
#'     self$scale <- scale
#'   },
#'   call = function(y_true, y_pred) {
#'     self$scale * tf$reduce_mean(tf$square(y_true - y_pred), axis = -1L)
#'   }
#' )
#' loss <- loss_scaled_mse(scale = 2)
#' loss(matrix(c(1, 2), 1), matrix(c(1.5, 2.5), 1))
#' @export
new_loss_class <- function(classname, initialize = NULL, call = NULL, get_config = NULL, ...,
                           parent_class = NULL) {
  new_class_constructor("loss", classname,
                        c(list(initialize = initialize, call = call, get_config = get_config),
                          list(...)),
                        parent_class)
}
