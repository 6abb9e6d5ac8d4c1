test_that("keras3 constructors: Layer(), Metric(), Loss(), Callback(), Constraint(), schedules", {
  skip_if_no_core()
  Scale <- Layer("Scale3",
    initialize = function(factor = 2, ...) {
      super$initialize(...)
      self$factor <- factor
    },
    call = function(inputs) inputs * self$factor,
    active = list(double_factor = function() self$factor * 2))
  s <- Scale(3)
  expect_equal(as.array(s(op_ones(c(1, 2)))), matrix(3, 1, 2))
  expect_equal(s$double_factor, 6)
  expect_error(Layer("Bad", call = function(x) x, private = list(1)), "private",
               class = "kerasbridge_error")

  Mae <- Loss("Mae3", call = function(y_true, y_pred) op_mean(op_abs(y_true - y_pred), axis = -1))
  NonNeg <- Constraint("NonNeg3", call = function(w) w * op_cast(w >= 0, "float32"))
  Counter <- Callback("Counter3", on_train_begin = function(logs = NULL) self$epochs <- c(),
                      on_epoch_end = function(epoch, logs = NULL) {
    self$epochs <- c(self$epochs, epoch)
  })
  Halving <- new_learning_rate_schedule_class("Halving3",
    initialize = function(rate = 0.1) self$rate <- rate,
    call = function(step) self$rate * 0.5^op_floor(step / 100))
  expect_equal(as.numeric(Halving(0.2)(op_convert_to_tensor(250))), 0.05, tolerance = 1e-6)
  cb <- Counter()
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(1, kernel_constraint = NonNeg())
  model |> compile(optimizer = optimizer_sgd(learning_rate = Halving(0.1)), loss = Mae())
  model |> fit(matrix(1, 4, 2), c(-1, -1, -1, -1), epochs = 2, verbose = 0, callbacks = list(cb))
  expect_equal(as.numeric(cb$epochs), c(1, 2))
  expect_true(all(as.array(model$layers[[1]]$kernel) >= 0))

  Sum <- Metric("Sum3",
    initialize = function(...) {
      super$initialize(...)
      self$total <- self$add_weight(name = "total", initializer = "zeros")
    },
    update_state = function(y_true, y_pred, sample_weight = NULL) self$total$assign_add(op_sum(y_true)),
    result = function() self$total$value)
  m <- Sum()
  m$update_state(c(1, 2, 3), c(1, 2, 3))
  expect_equal(as.numeric(m$result()), 6)
})

test_that("active_property() and %<-active%", {
  n <- 0
  tick %<-active% function() { n <<- n + 1; n }
  tick
  expect_equal(tick, 2)
  f <- function() 1
  expect_s3_class(active_property(f), "kerasbridge_active")
})

test_that("Layer() returns a layer wrapper; a Layer() class can be inherited", {
  skip_if_no_core()
  layer_times <- Layer("TimesX3",
    initialize = function(x) {
      super()$`__init__`()
      self$x <- tf$constant(x)
    },
    call = function(inputs, ...) inputs * self$x)
  expect_identical(names(formals(layer_times)), c("object", "x"))
  model <- keras_model_sequential() %>% layer_times(2) %>% layer_times(x = 3)
  expect_equal(predict(model, matrix(1:2, ncol = 1), verbose = 0), matrix(c(6, 12), ncol = 1),
               ignore_attr = TRUE)
  layer_squared <- Layer("SquaredX3", inherit = layer_times,
    initialize = function(x) super()$`__init__`(x^2))
  inp <- layer_input(shape = 1)
  out <- inp %>% layer_squared(3)
  expect_equal(predict(keras_model(inp, out), matrix(1), verbose = 0), matrix(9), ignore_attr = TRUE)
})

test_that("keras3's private = list(): per-instance members, methods seeing self; __class__ in scope", {
  skip_if_no_core()
  Counted <- Layer("CountedP3",
    initialize = function(...) super$initialize(...),
    call = function(inputs) {
      private$bump()
      inputs
    },
    count = function() private$n,
    same_class = function() identical(reticulate::py_id(`__class__`), reticulate::py_id(CountedP3)) &&
      inherits(self, "kerasbridge.classes.user.CountedP3"),
    private = list(n = 0, bump = function() private$n <- private$n + 1, layer_name = function() self$name))
  a <- Counted(name = "a")
  b <- Counted()
  a(op_ones(c(1, 2))); a(op_ones(c(1, 2)))
  b(op_ones(c(1, 2)))
  expect_equal(c(a$count(), b$count()), c(2, 1))
  expect_true(a$same_class())
  Sub <- Layer("CountedSubP3", inherit = Counted, call = function(inputs) inputs,
               private = list(extra = TRUE), has_both = function() c(private$n, private$extra))
  expect_equal(Sub()$has_both(), c(0, 1))
  # an R6 class's private list seeds `private` too
  WithPrivate <- R6::R6Class("WithPrivateR6", public = list(get = function() private$secret),
                             private = list(secret = "s"))
  expect_identical(r_to_py(WithPrivate, convert = TRUE)()$get(), "s")
})
