# The older R keras 2.x ways of defining classes, on top of new_*_class():
# keras_model_custom() and the %py_class% operator.

#' Custom model from a closure (R keras 2.x)
#'
#' `model_fn(self)` creates the layers on `self` and returns the forward pass,
#' `function(inputs, mask = NULL)` (it may also take `training`).
#' @param model_fn A function of `self` returning the call function.
#' @param name Optional model name.
#' @returns A Keras model.
#' @examples
#' model <- keras_model_custom(name = "two_layers", function(self) {
#'   self$hidden <- layer_dense(units = 8, activation = "relu")
#'   self$out <- layer_dense(units = 1)
#'   function(inputs, mask = NULL) inputs %>% self$hidden() %>% self$out()
#' })
#' dim(predict(model, matrix(runif(8), ncol = 4), verbose = 0))
#' @export
keras_model_custom <- function(model_fn, name = NULL) {
  force(model_fn)
  Custom <- new_model_class(
    "KerasModelCustom",
    initialize = function(name = NULL, ...) {
      super$initialize(name = name, ...)
      private$call_fn <- model_fn(self)
    },
    call = function(inputs, mask = NULL, training = NULL) {
      f <- private$call_fn
      args <- list(inputs)
      if ("mask" %in% names(formals(f))) args$mask <- mask
      if ("training" %in% names(formals(f))) args$training <- training
      do.call(f, args)
    })
  if (is.null(name)) Custom() else Custom(name = name)
}

# self, super and private are bound when a class's methods run (R/py-classes.R)
utils::globalVariables(c("self", "super", "private"))

#' Define a Keras class with R keras 2.x's `%py_class%` syntax
#'
#' `MyLayer(keras$layers$Layer) %py_class% { initialize <- function(...) ...; call <- function(x) ... }`
#' defines `MyLayer` in the calling environment: a constructor made by the
#' matching `new_*_class()` (layer, model, metric, loss or callback, from the
#' parent class). Without a parent (`MyClass %py_class% { ... }`) it is a
#' plain Python class, as in R keras 2.x. `__init__` is accepted as the name
#' of `initialize`; a bare string in the body (a docstring) is ignored.
#' @param spec `ClassName(ParentClass)` (unevaluated).
#' @param body A braced block of method and field definitions (unevaluated).
#' @returns The class constructor, invisibly (also assigned in the calling environment).
#' @examples
#' Scale(keras$layers$Layer) %py_class% {
#'   initialize <- function(factor = 2, ...) {
#'     super$initialize(...)
#'     self$factor <- factor
#'   }
#'   call <- function(inputs) inputs * self$factor
#' }
#' layer <- Scale(factor = 3)
#' layer(matrix(1:2, nrow = 1))
#' @export
`%py_class%` <- function(spec, body) {
  spec <- substitute(spec)
  body <- substitute(body)
  env <- parent.frame()
  if (!is.call(spec) && !is.name(spec))
    abort_kb("The left side of {.code %py_class%} must be {.code ClassName(ParentClass)}.")
  classname <- as.character(if (is.call(spec)) spec[[1]] else spec)
  parent <- if (is.call(spec) && length(spec) > 1) eval(spec[[2]], env) else NULL
  members_env <- new.env(parent = env)
  eval(body, members_env)
  members <- mget(ls(members_env, all.names = TRUE, sorted = FALSE), envir = members_env)
  names(members)[names(members) == "__init__"] <- "initialize"
  ctor <- new_class_constructor(py_class_kind(parent), classname, members, parent_class = parent)
  assign(classname, ctor, envir = env)
  invisible(ctor)
}

# Which new_*_class() a parent class calls for: "layer", "model", ...; a
# plain Python class ("object") for no parent or a Python class of none of
# Keras' kinds.
py_class_kind <- function(parent) {
  if (is.null(parent)) return("object")
  if (inherits(parent, "kerasbridge_class_constructor")) return(attr(parent, "state")$kind)
  sub <- function(base) isTRUE(tryCatch(reticulate::import_builtins()$issubclass(parent, base), error = function(e) FALSE))
  if (sub(keras$Model)) return("model")
  if (sub(keras$metrics$Metric)) return("metric")
  if (sub(keras$losses$Loss)) return("loss")
  if (sub(keras$callbacks$Callback)) return("callback")
  if (sub(keras$layers$Layer)) return("layer")
  if (sub(keras$constraints$Constraint)) return("constraint")
  if (sub(keras$optimizers$schedules$LearningRateSchedule)) return("learning_rate_schedule")
  if (isTRUE(tryCatch(reticulate::import_builtins()$isinstance(parent, reticulate::import_builtins()$type),
                      error = function(e) FALSE)))
    return("object")
  abort_kb(c("The parent class must be a Python class (a Keras Layer, Model, Metric, Loss, Callback, ...) or a class made by a {.fn new_*_class} constructor.",
             x = "Received {.obj_type_friendly {parent}}."))
}
