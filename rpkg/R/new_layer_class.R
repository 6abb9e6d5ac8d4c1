#' Define a custom Keras layer class with R functions
#'
#' Inside each method, `self` is the layer, `super` its parent class
#' (`super$initialize(...)`, `super()$initialize(...)` and
#' ``super()$`__init__`(...)`` all work) and `private` a per-instance R
#' environment that Keras never sees. The returned constructor's arguments are
#' those of `initialize`; the Python class is made the first time it is used.
#'
#' @param classname The class name (also the name a saved model refers to).
#' @param initialize,build,call,compute_output_shape,get_config Methods.
#'   `call` may take `training`, `mask` and several inputs.
#' @param ... Other methods, fields, or properties made with [mark_active()].
#' @param parent_class A class to extend instead of `keras$layers$Layer`.
#' @return A constructor function.
#' @examples
#' layer_linear <- new_layer_class("Linear",
#'   initialize = function(units = 32, ...) {
#'     super$initialize(...)
#'     self$units <- units
#'   },
#'   build = function(input_shape) {
#'     self$w <- self$add_weight(shape = c(input_shape[[2]], self$units),
#'                               initializer = "random_normal")
#'   },
#'   call = function(inputs) tf$matmul(inputs, self$w)
#' )
#' layer <- layer_linear(units = 2)
#' layer(matrix(c(1, 2, 3), nrow = 1))
#' @export
new_layer_class <- function(classname, initialize = NULL, build = NULL, call = NULL,
                            compute_output_shape = NULL, get_config = NULL, ...,
                            parent_class = NULL) {
  new_class_constructor("layer", classname,
                        c(list(initialize = initialize, build = build, call = call,
                               compute_output_shape = compute_output_shape,
                               get_config = get_config), list(...)),
                        parent_class)
}
