#' Define a custom learning-rate schedule class with R functions
#'
#' `call(step)` returns the learning rate at optimizer step `step` (a
#' tensor); Keras calls the schedule once per step. Inside methods, `self` is
#' the schedule and `super` its parent class.
#'
#' @param classname The class name.
#' @param initialize,call,get_config Methods.
#' @param ... Other methods or fields.
#' @param parent_class A class to extend instead of
#'   `keras$optimizers$schedules$LearningRateSchedule`.
#' @return A constructor function.
#' @examples
#' halving <- new_learning_rate_schedule_class("Halving",
#'   initialize = function(rate = 0.1) {
#'     self$rate <- rate
#'   },
#'   call = function(step) self$rate * 0.5^op_floor(step / 100)
#' )
#' opt <- optimizer_sgd(learning_rate = halving(0.1))
#' @export
new_learning_rate_schedule_class <- function(classname, initialize = NULL, call = NULL, get_config = NULL, ...,
                                             parent_class = NULL) {
  new_class_constructor("learning_rate_schedule", classname,
                        c(list(initialize = initialize, call = call, get_config = get_config), list(...)),
                        parent_class)
}
