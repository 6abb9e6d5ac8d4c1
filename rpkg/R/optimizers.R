# optimizer_*(): R keras 2.x signatures; `lr` and `decay` (Keras 2) still work,
# translated by the core (identifiers.make_optimizer).

new_optimizer_wrapper <- function(name, formals) {
  f <- function() {
    args <- capture_args(ignore = character())
    do.call(call_core, c(list("identifiers.make_optimizer", name), args))
  }
  formals(f) <- formals
  f
}

#' Optimizers
#'
#' Only arguments you supply are passed on; Keras' defaults (shown) apply otherwise.
#' Keras 2 arguments `lr` (now `learning_rate`) and `decay` (a learning-rate decay,
#' now an `InverseTimeDecay` schedule) are still accepted.
#' @param learning_rate A number or a learning-rate schedule.
#' @param ... Other arguments of the Keras optimizer (`clipnorm`, `clipvalue`, `lr`, `decay`, ...).
#' @name optimizers
NULL

#' @rdname optimizers
#' @export
optimizer_rmsprop <- new_optimizer_wrapper("rmsprop", alist(learning_rate = 0.001, rho = 0.9, momentum = 0, epsilon = 1e-07, centered = FALSE, ... = ))
#' @rdname optimizers
#' @export
optimizer_adam <- new_optimizer_wrapper("adam", alist(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07, amsgrad = FALSE, ... = ))
#' @rdname optimizers
#' @export
optimizer_adamw <- new_optimizer_wrapper("adamw", alist(learning_rate = 0.001, weight_decay = 0.004, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07, amsgrad = FALSE, ... = ))
#' @rdname optimizers
#' @export
optimizer_sgd <- new_optimizer_wrapper("sgd", alist(learning_rate = 0.01, momentum = 0, nesterov = FALSE, ... = ))
#' @rdname optimizers
#' @export
optimizer_adagrad <- new_optimizer_wrapper("adagrad", alist(learning_rate = 0.001, initial_accumulator_value = 0.1, epsilon = 1e-07, ... = ))
#' @rdname optimizers
#' @export
optimizer_adadelta <- new_optimizer_wrapper("adadelta", alist(learning_rate = 0.001, rho = 0.95, epsilon = 1e-07, ... = ))
#' @rdname optimizers
#' @export
optimizer_adamax <- new_optimizer_wrapper("adamax", alist(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07, ... = ))
#' @rdname optimizers
#' @export
optimizer_nadam <- new_optimizer_wrapper("nadam", alist(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07, ... = ))
#' @rdname optimizers
#' @export
optimizer_ftrl <- new_optimizer_wrapper("ftrl", alist(learning_rate = 0.001, ... = ))
