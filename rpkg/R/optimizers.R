# optimizer_*(): R keras 2.x signatures; `lr` and `decay` (Keras 2) still work,
# translated by the core (identifiers.make_optimizer).

# The mechanism behind every optimizer_* wrapper (R/optimizers-generated.R, made
# from tools/wrappers.dcf).
make_optimizer <- function(name, args, .call = rlang::caller_env()) {
  do.call(call_core, c(list("identifiers.make_optimizer", name), args, list(.call = .call)))
}

#' Optimizers
#'
#' Only arguments you supply are passed on; Keras' defaults (shown) apply otherwise.
#' Keras 2 arguments `lr` (now `learning_rate`) and `decay` (a learning-rate decay,
#' now an `InverseTimeDecay` schedule) are still accepted.
#' @param learning_rate A number or a learning-rate schedule.
#' @param ... Other arguments of the Keras optimizer (`clipnorm`, `clipvalue`, `lr`, `decay`, ...).
#' @order 1
#' @returns An optimizer object, for [compile()].
#' @examples
#' optimizer_adam(learning_rate = 0.01)
#' optimizer_sgd(learning_rate = 0.1, momentum = 0.9)
#' @name optimizers
NULL

