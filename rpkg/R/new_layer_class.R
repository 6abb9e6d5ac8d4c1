#' Define a custom Keras layer class with R functions
#'
#' Inside each method, `self` is the layer, `super` its parent class
#' (`super$initialize(...)`, `super()$initialize(...)` and
#' ``super()$`__init__`(...)`` all work) and `private` a per-instance R
#' environment that Keras never sees. The returned constructor is a layer
#' wrapper, as R keras' `layer_*()` functions: its arguments are `object`, then
#' those of `initialize`. With `object` missing or `NULL` it returns the layer
#' (`layer_x(NULL, embed_dim, dense_dim)`), with a Sequential model it adds the
#' layer (`model %>% layer_x(2)`), with a tensor it calls the layer on it; any
#' other value in `object`'s place is `initialize`'s first free argument
#' (`layer_x(2)`). The Python class is made the first time it is used.
#'
#' @param classname The class name (also the name a saved model refers to).
#' @param initialize,build,call,compute_output_shape,get_config Methods.
#'   `call` may take `training`, `mask` and several inputs.
#' @param ... Other methods, fields, or properties made with [mark_active()].
#' @param parent_class A class to extend instead of `keras$layers$Layer`.
#' @return A constructor function, `function(object, <initialize arguments>)`.
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
                        parent_class, compose = TRUE)
}
