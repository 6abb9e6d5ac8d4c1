# Learning-rate schedules, more initializers and weight constraints, with
# R keras 2.x names; built by the core (callbacks.make_object). The mechanical ones
# are generated from tools/wrappers.dcf (R/schedules-generated.R, R/constraints-generated.R,
# R/initializers-generated.R); their help-page headers stay here.

#' Learning-rate schedules
#'
#' Pass the result as an optimizer's `learning_rate`.
#' @param initial_learning_rate,decay_steps,decay_rate,staircase,alpha,boundaries,values,end_learning_rate,power,cycle,name,... As in R keras 2.x.
#' @order 1
#' @returns A learning-rate schedule, for an optimizer's `learning_rate`.
#' @examples
#' schedule <- learning_rate_schedule_exponential_decay(
#'   initial_learning_rate = 0.1, decay_steps = 100, decay_rate = 0.5)
#' optimizer_sgd(learning_rate = schedule)
#' @name learning_rate_schedules
NULL
#' @rdname learning_rate_schedules
#' @export
learning_rate_schedule_piecewise_constant_decay <- function(boundaries, values, name = "PiecewiseConstant") {
  call_core("callbacks.make_object", "schedules", "PiecewiseConstantDecay",
            boundaries = as.list(boundaries), values = as.list(values), name = name)
}

#' Weight constraints
#' @param max_value,min_value,rate,axis As in R keras 2.x (`axis` as Keras counts it).
#' @order 1
#' @returns A constraint object, for the `kernel_constraint`-like arguments of layers.
#' @examples
#' layer_dense(units = 2, kernel_constraint = constraint_maxnorm(max_value = 1))
#' constraint_nonneg()
#' @name constraints
NULL
