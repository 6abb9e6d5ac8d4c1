# model$add_loss() / model$add_metric() with symbolic tensors; self$add_loss() /
# self$add_metric() inside a custom layer's call().

skip_if_no_core()

test_that("model$add_loss and model$add_metric on a functional model, as in Keras 2", {
  set_random_seed(1)
  inputs <- layer_input(shape = 3)
  hidden <- inputs %>% layer_dense(units = 4)
  model <- keras_model(inputs, hidden %>% layer_dense(units = 1))
  model$add_loss(k_mean(k_square(hidden)) * 0 + 10)
  model$add_metric(tf$reduce_mean(hidden, axis = 1L), name = "hidden_mean", aggregation = "mean")
  model %>% compile(optimizer = "sgd", loss = "mse")
  x <- matrix(1, 8, 3); y <- matrix(0, 8, 1)
  h <- model %>% fit(x, y, epochs = 2, verbose = 0)
  expect_setequal(names(h$metrics), c("loss", "hidden_mean"))
  expect_true(all(h$metrics$loss >= 10))                    # the added loss is in the loss
  ev <- evaluate(model, x, y, verbose = 0)
  expect_setequal(names(ev), c("loss", "hidden_mean"))
  hx <- predict(keras_model(inputs, hidden), x, verbose = 0)
  expect_equal(unname(ev[["hidden_mean"]]), mean(hx), tolerance = 1e-5)
  expect_equal(dim(predict(model, x, verbose = 0)), c(8, 1))
})

test_that("add_metric without a name is an R error naming the argument", {
  inputs <- layer_input(shape = 3)
  model <- keras_model(inputs, inputs %>% layer_dense(units = 1))
  err <- tryCatch(model$add_metric(k_mean(inputs)), error = function(e) e)
  expect_s3_class(err, "kerasbridge_argument_error")
  expect_match(conditionMessage(err), "needs a `name`")
})

test_that("self$add_loss and self$add_metric in a custom layer, with Keras 2 backend functions", {
  K <- backend()
  ActivityReg <- new_layer_class("RKeras2ActivityReg",
    call = function(x) {
      self$add_loss(0.1 * K$sum(K$square(x)))
      self$add_metric(K$mean(x), name = "act_mean", aggregation = "mean")
      x
    })
  set_random_seed(2)
  inputs <- layer_input(shape = 3)
  outputs <- inputs %>% layer_dense(units = 2, kernel_initializer = "ones") %>% ActivityReg() %>%
    layer_dense(units = 1, kernel_initializer = "zeros")
  model <- keras_model(inputs, outputs)
  model %>% compile(optimizer = "sgd", loss = "mse")
  x <- matrix(1, 4, 3)
  h <- model %>% fit(x, matrix(0, 4, 1), epochs = 1, verbose = 0, batch_size = 4)
  expect_setequal(names(h$metrics), c("loss", "act_mean"))
  expect_equal(h$metrics$act_mean, 3, tolerance = 1e-5)     # dense of ones on ones: 3 each
  # mse is 0 (zero kernel); the layer loss is 0.1 * sum of squares over the batch (4 x 2 x 3^2)
  expect_equal(h$metrics$loss, 0.1 * 4 * 2 * 9, tolerance = 1e-4)
})
