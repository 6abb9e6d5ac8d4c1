test_that("an R6 KerasLayer becomes a Keras layer through create_layer()", {
  skip_if_no_core()
  CustomLayer <- R6::R6Class("CustomLayerR6", inherit = KerasLayer,
    public = list(
      output_dim = NULL,
      initialize = function(output_dim) self$output_dim <- output_dim,
      build = function(input_shape) {
        self$kernel <- self$add_weight(name = "kernel", shape = list(input_shape[[2]], self$output_dim),
                                       initializer = "ones")
      },
      call = function(x, mask = NULL) op_matmul(x, self$kernel),
      compute_output_shape = function(input_shape) list(input_shape[[1]], self$output_dim)))
  layer_custom <- function(object, output_dim, name = NULL, trainable = TRUE)
    create_layer(CustomLayer, object, list(output_dim = as.integer(output_dim), name = name,
                                           trainable = trainable))
  model <- keras_model_sequential(input_shape = 3) |> layer_custom(2, name = "custom")
  expect_equal(predict(model, matrix(1, 1, 3), verbose = 0), matrix(3, 1, 2))
  expect_equal(model$layers[[1]]$name, "custom")
  expect_error(create_layer(R6::R6Class("NotALayer"), NULL, list()), "KerasLayer", class = "kerasbridge_error")
  expect_equal(unlist(create_layer(layer_dense, NULL, list(units = 3))$units), 3)
})

test_that("KerasWrapper, KerasCallback and KerasConstraint objects work where Keras takes them", {
  skip_if_no_core()
  Twice <- R6::R6Class("TwiceR6", inherit = KerasWrapper,
    public = list(call = function(x, mask = NULL) self$layer(x) * 2))
  w <- create_wrapper(Twice, args = list(layer = layer_dense(units = 2, kernel_initializer = "ones")))
  expect_equal(as.array(w(op_ones(c(1, 3)))), matrix(6, 1, 2))

  LossHistory <- R6::R6Class("LossHistory", inherit = KerasCallback,
    public = list(losses = NULL,
                  on_batch_end = function(batch, logs = list()) self$losses <- c(self$losses, logs[["loss"]])))
  history <- LossHistory$new()
  NonNeg <- R6::R6Class("NonNegR6", inherit = KerasConstraint,
    public = list(call = function(w) w * op_cast(w >= 0, "float32")))
  model <- keras_model_sequential(input_shape = 2) |>
    layer_dense(1, kernel_constraint = NonNeg$new())
  model |> compile(optimizer = "sgd", loss = "mse")
  model |> fit(matrix(1, 8, 2), rep(-5, 8), batch_size = 4, epochs = 2, verbose = 0, callbacks = list(history))
  expect_length(history$losses, 4)
  expect_false(is.null(history$model))
  expect_true(all(as.array(model$layers[[1]]$kernel) >= 0))
})
