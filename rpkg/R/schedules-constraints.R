# Learning-rate schedules, more initializers and weight constraints, with
# R keras 2.x names; built by the core (callbacks.make_object).

#' Learning-rate schedules
#'
#' Pass the result as an optimizer's `learning_rate`.
#' @param initial_learning_rate,decay_steps,decay_rate,staircase,alpha,boundaries,values,end_learning_rate,power,cycle,name,... As in R keras 2.x.
#' @name learning_rate_schedules
NULL
#' @rdname learning_rate_schedules
#' @export
learning_rate_schedule_exponential_decay <- new_object_wrapper("schedules", "ExponentialDecay",
  alist(initial_learning_rate = , decay_steps = , decay_rate = , staircase = FALSE, ... = ))
#' @rdname learning_rate_schedules
#' @export
learning_rate_schedule_inverse_time_decay <- new_object_wrapper("schedules", "InverseTimeDecay",
  alist(initial_learning_rate = , decay_steps = , decay_rate = , staircase = FALSE, ... = ))
#' @rdname learning_rate_schedules
#' @export
learning_rate_schedule_cosine_decay <- new_object_wrapper("schedules", "CosineDecay",
  alist(initial_learning_rate = , decay_steps = , alpha = 0, ... = ))
#' @rdname learning_rate_schedules
#' @export
learning_rate_schedule_polynomial_decay <- new_object_wrapper("schedules", "PolynomialDecay",
  alist(initial_learning_rate = , decay_steps = , end_learning_rate = 1e-04, power = 1, cycle = FALSE, ... = ))
#' @rdname learning_rate_schedules
#' @export
learning_rate_schedule_piecewise_constant_decay <- function(boundaries, values, name = "PiecewiseConstant") {
  call_core("callbacks.make_object", "schedules", "PiecewiseConstantDecay",
            boundaries = as.list(boundaries), values = as.list(values), name = name)
}

#' @rdname initializers
#' @export
initializer_truncated_normal <- new_object_wrapper("initializers", "TruncatedNormal", alist(mean = 0, stddev = 0.05, seed = NULL))
#' @rdname initializers
#' @export
initializer_orthogonal <- new_object_wrapper("initializers", "Orthogonal", alist(gain = 1, seed = NULL))
#' @rdname initializers
#' @export
initializer_identity <- new_object_wrapper("initializers", "Identity", alist(gain = 1))
#' @rdname initializers
#' @export
initializer_lecun_normal <- new_object_wrapper("initializers", "LecunNormal", alist(seed = NULL))
#' @rdname initializers
#' @export
initializer_lecun_uniform <- new_object_wrapper("initializers", "LecunUniform", alist(seed = NULL))
#' @rdname initializers
#' @export
initializer_variance_scaling <- new_object_wrapper("initializers", "VarianceScaling",
  alist(scale = 1, mode = "fan_in", distribution = "truncated_normal", seed = NULL))

#' Weight constraints
#' @param max_value,min_value,rate,axis As in R keras 2.x (`axis` as Keras counts it).
#' @name constraints
NULL
#' @rdname constraints
#' @export
constraint_maxnorm <- new_object_wrapper("constraints", "MaxNorm", alist(max_value = 2, axis = 0))
#' @rdname constraints
#' @export
constraint_nonneg <- new_object_wrapper("constraints", "NonNeg", alist())
#' @rdname constraints
#' @export
constraint_unitnorm <- new_object_wrapper("constraints", "UnitNorm", alist(axis = 0))
#' @rdname constraints
#' @export
constraint_minmaxnorm <- new_object_wrapper("constraints", "MinMaxNorm", alist(min_value = 0, max_value = 1, rate = 1, axis = 0))
