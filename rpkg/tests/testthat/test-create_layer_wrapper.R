skip_if_no_core()

test_that("create_layer_wrapper gives object-first pipe semantics and initialize's formals", {
  RLinear <- define_linear("WrappedLinear")
  layer_linear <- create_layer_wrapper(RLinear)
  expect_identical(names(formals(layer_linear)), c("object", "units", "..."))
  model <- keras_model_sequential(input_shape = 4) %>% layer_linear(units = 2) %>% layer_linear(units = 5)
  expect_identical(length(model$layers), 2L)
  expect_identical(model$output_shape, list(NULL, 5L))
  expect_true(inherits(layer_linear(units = 3), "kerasbridge.classes.user.WrappedLinear"))
  out <- layer_input(shape = 4) %>% layer_linear(units = 6)
  expect_identical(as.list(out$shape), list(NULL, 6L))   # a TensorShape, as in R keras 2.x (R/shape.R)
  expect_error(create_layer_wrapper(function() 1), class = "kerasbridge_argument_error")
})

test_that("layers are made in pipe order, and an initialize without ... survives save/load", {
  NoDots <- new_layer_class("RNoDots",
    initialize = function(units) { super$initialize(); self$units <- units },
    build = function(input_shape)
      self$w <- self$add_weight(shape = c(input_shape[[2]], self$units), initializer = "random_normal"),
    call = function(inputs) tf$matmul(inputs, self$w))
  layer_nodots <- create_layer_wrapper(NoDots)
  model <- keras_model_sequential(input_shape = 3) %>% layer_nodots(units = 2) %>% layer_nodots(units = 1)
  expect_identical(vapply(model$layers, function(l) l$name, ""), c("r_no_dots", "r_no_dots_1"))
  path <- tempfile(fileext = ".keras")
  save_model(model, path)
  loaded <- kerasbridge:::call_core("classes.saving.load_model", path)
  expect_identical(vapply(loaded$layers, function(l) l$name, ""), c("r_no_dots", "r_no_dots_1"))
  x <- matrix(1:6 / 6, 2, 3)
  expect_identical(predict(loaded, x, verbose = 0), predict(model, x, verbose = 0))
})

test_that("the wrapper of a %py_class% layer or a new_layer_class() class has object then initialize's formals", {
  skip_if_no_core()
  SimpleDenseW(keras$layers$Layer) %py_class% {
    initialize <- function(units, activation = NULL) {
      super$initialize()
      self$units <- as.integer(units)
    }
    call <- function(inputs) inputs[, seq_len(self$units)]
  }
  layer_simple_dense_w <- create_layer_wrapper(SimpleDenseW)
  expect_identical(formals(layer_simple_dense_w), formals(function(object, units, activation = NULL) {}))
  model <- keras_model_sequential(input_shape = 4) %>% layer_simple_dense_w(3) %>% layer_simple_dense_w(2)
  expect_length(model$layers, 2)
  Other <- new_layer_class("OtherW", initialize = function(k, ...) super$initialize(...),
                           call = function(inputs) inputs)
  expect_identical(names(formals(create_layer_wrapper(Other))), c("object", "k", "..."))
})

test_that("an R6 class inheriting keras$Model or a Keras layer class is wrapped (R keras 2.x)", {
  Twin <- R6::R6Class("R6TwinHeads", inherit = keras$Model,
    public = list(
      initialize = function(units = 2) {
        super$initialize()
        self$a <- layer_dense(units = units)
        self$b <- layer_dense(units = 1)
      },
      call = function(inputs) list(self$a(inputs), self$b(inputs))
    ))
  twin_heads <- create_layer_wrapper(Twin)
  expect_identical(names(formals(twin_heads)), c("object", "units"))
  m <- twin_heads(units = 3)
  out <- m(op_ones(c(2, 4)))
  expect_identical(dim(as.array(out[[1]])), c(2L, 3L))
  expect_identical(dim(as.array(out[[2]])), c(2L, 1L))
  Scale <- R6::R6Class("R6ScaleBy", inherit = keras$layers$Layer,
    public = list(
      initialize = function(k) { super$initialize(); self$k <- k },
      call = function(x) x * self$k))
  layer_scale_by <- create_layer_wrapper(Scale)
  model <- keras_model_sequential(input_shape = 2) %>% layer_scale_by(k = 3)
  expect_equal(predict(model, matrix(1, 1, 2), verbose = 0), matrix(3, 1, 2))
})
