#' A layer_*() function for a custom layer class
#'
#' The function's first argument is `object` (a model, a tensor, or missing);
#' the others are the class's `initialize` arguments. Like every `layer_*()`,
#' it adds the layer to a Sequential model, calls it on a tensor, or returns
#' the layer when `object` is missing, so it works in pipes.
#'
#' @param Class A constructor made by [new_layer_class()] (or a Keras layer class,
#'   or, as in R keras 2.x, an R6 class inheriting a Keras layer or model class or
#'   [KerasLayer]).
#' @return A function `function(object, <initialize arguments>)`.
#' @examples
#' Linear <- new_layer_class(
#'   "Linear",
#'   initialize = function(units = 2, ...) {
#'     super$initialize(...)
#'     self$dense <- layer_dense(units = units)
#'   },
#'   call = function(inputs) self$dense(inputs)
#' )
#' layer_linear <- create_layer_wrapper(Linear)
#' model <- keras_model_sequential(input_shape = 5) %>% layer_linear(units = 3)
#' @export
create_layer_wrapper <- function(Class) {
  if (inherits(Class, "R6ClassGenerator")) Class <- r6_constructor(Class)
  ok <- inherits(Class, "kerasbridge_layer_class") || inherits(Class, "kerasbridge_model_class") ||
    (is_py_object(Class) && isTRUE(tryCatch(reticulate::import_builtins()$issubclass(Class, keras$layers$Layer),
                                            error = function(e) FALSE)))
  if (!ok)
    abort_kb(c("{.arg Class} must be a layer class made by {.fn new_layer_class} or a Keras layer class.",
               x = "Received {.obj_type_friendly {Class}}."))
  init_formals <- if (inherits(Class, "kerasbridge_class_constructor")) formals(Class) else alist(... = )
  init_formals$object <- NULL
  wrapper <- function(object) {
    # a piped-in object first, so layers are created (and named) in pipe order
    object <- if (missing(object)) NULL else object
    args <- capture_args(ignore = "object")
    compose_layer(object, do.call(Class, args))
  }
  formals(wrapper) <- c(alist(object = ), init_formals)
  environment(wrapper) <- list2env(list(Class = Class), parent = asNamespace("kerasbridge"))
  wrapper
}
