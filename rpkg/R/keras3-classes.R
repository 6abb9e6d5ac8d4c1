# keras3's class constructors, Layer(), Model(), Metric(), Loss(), Callback(),
# Constraint(), with keras3's signature shape, over the new_*_class() machinery
# (R/py-classes.R); active_property() and %<-active%.

# keras3's public/active lists become members; `private` seeds each
# instance's private environment (R/py-classes.R: seed_private()).
keras3_members <- function(named, dots, public, active) {
  active <- lapply(active, mark_active)
  c(named, dots, as.list(public), active)
}

#' Define a Keras subclass (keras3 style): Layer, Model, Metric, Loss, Callback, Constraint
#'
#' keras3's constructors: the same as [new_layer_class()], [new_model_class()],
#' [new_metric_class()], [new_loss_class()], [new_callback_class()] (and a
#' constraint), with keras3's arguments `public` (more members), `active`
#' (properties, as [active_property()]) and `inherit` (the parent class).
#' R keras 2.15's `Layer(classname, initialize, build, call, ...)` works too
#' (name the methods after `initialize`).
#' @param classname The class name.
#' @param initialize,call,build,get_config,update_state,result,train_step Methods.
#' @param ... Other methods and fields.
#' @param public,active Named lists of more members / of active properties.
#' @param private Named list of members each instance's `private` environment
#'   starts with (functions among them see `self`, `super` and `private`);
#'   never seen by Keras.
#' @param parent_env Ignored (methods keep their own environments).
#' @param inherit The parent class: a class made by one of these constructors, or a Keras class.
#' @returns A constructor function; `Layer()`'s is a layer wrapper,
#'   `function(object, <initialize arguments>)`, as [new_layer_class()]'s.
#' @examples
#' Scale <- Layer("Scale",
#'   initialize = function(factor = 2, ...) {
#'     super$initialize(...)
#'     self$factor <- factor
#'   },
#'   call = function(inputs) inputs * self$factor
#' )
#' as.array(Scale(3)(op_ones(c(1, 2))))
#' @export
Layer <- function(classname, initialize = NULL, call = NULL, build = NULL, get_config = NULL, ...,
                  public = list(), private = list(), active = list(), parent_env = parent.frame(),
                  inherit = NULL) {
  members <- keras3_members(list(initialize = initialize, call = call, build = build, get_config = get_config),
                            list(...), public, active)
  new_class_constructor("layer", classname, members, inherit, compose = TRUE, private = private)
}

#' @rdname Layer
#' @export
Model <- function(classname, initialize = NULL, call = NULL, train_step = NULL, ...,
                  public = list(), private = list(), active = list(), parent_env = parent.frame(),
                  inherit = NULL) {
  members <- keras3_members(list(initialize = initialize, call = call, train_step = train_step),
                            list(...), public, active)
  new_class_constructor("model", classname, members, inherit, private = private)
}

#' @rdname Layer
#' @export
Metric <- function(classname, initialize = NULL, update_state = NULL, result = NULL, ...,
                   public = list(), private = list(), active = list(), parent_env = parent.frame(),
                   inherit = NULL) {
  members <- keras3_members(list(initialize = initialize, update_state = update_state, result = result),
                            list(...), public, active)
  new_class_constructor("metric", classname, members, inherit, private = private)
}

#' @rdname Layer
#' @export
Loss <- function(classname, call = NULL, ..., public = list(), private = list(), active = list(),
                 parent_env = parent.frame(), inherit = NULL) {
  members <- keras3_members(list(call = call), list(...), public, active)
  new_class_constructor("loss", classname, members, inherit, private = private)
}

#' @rdname Layer
#' @export
Callback <- function(classname, ..., public = list(), private = list(), active = list(),
                     parent_env = parent.frame(), inherit = NULL) {
  members <- keras3_members(list(), list(...), public, active)
  new_class_constructor("callback", classname, members, inherit, private = private)
}

#' @rdname Layer
#' @export
Constraint <- function(classname, call = NULL, get_config = NULL, ..., public = list(), private = list(),
                       active = list(), parent_env = parent.frame(), inherit = NULL) {
  members <- keras3_members(list(call = call, get_config = get_config), list(...), public, active)
  new_class_constructor("constraint", classname, members, inherit, private = private)
}

#' Active properties and bindings
#'
#' `active_property(fn)` marks a class member as a property (keras3's name
#' for [mark_active()]). `sym %<-active% fn` makes `sym` an active binding in
#' the calling environment: reading `sym` calls `fn()`.
#' @param fn,value A function of no arguments (or of one, called with the value on assignment).
#' @param sym A name.
#' @returns `active_property()`: `fn`, marked; `%<-active%`: `value`, invisibly.
#' @examples
#' counter <- 0
#' now %<-active% function() { counter <<- counter + 1; counter }
#' now; now
#' @export
active_property <- function(fn) mark_active(fn)

#' @rdname active_property
#' @export
`%<-active%` <- function(sym, value) {
  name <- as.character(substitute(sym))
  env <- parent.frame()
  if (exists(name, envir = env, inherits = FALSE) && !bindingIsActive(name, env)) rm(list = name, envir = env)
  makeActiveBinding(name, value, env)
  invisible(value)
}
