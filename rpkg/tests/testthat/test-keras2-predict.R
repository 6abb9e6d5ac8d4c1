test_that("predict_classes() gives 0-based argmax, or p > 0.5 for one unit", {
  skip_if_no_core()
  x <- matrix(runif(10 * 8), 10, 8)
  model <- small_mlp()
  p <- predict(model, x, verbose = 0)
  expect_identical(predict_classes(model, x), max.col(p, ties.method = "first") - 1L)
  binary <- keras_model_sequential(input_shape = 8) %>% layer_dense(units = 1, activation = "sigmoid")
  pb <- predict(binary, x, verbose = 0)
  expect_identical(predict_classes(binary, x), as.integer(pb > 0.5))
})

test_that("predict_proba() is predict()", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(4 * 8), 4, 8)
  expect_equal(predict_proba(model, x), predict(model, x, verbose = 0))
})

test_that("predicting one sample warns of nothing (NumPy's notes on Keras' own code stay in Python)", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 1, activation = "sigmoid")
  x <- matrix(runif(3), 1)
  expect_no_warning(predict_classes(model, x))
  expect_no_warning(predict(model, x, batch_size = NULL, verbose = 0, steps = NULL))
  cb <- callback_lambda(on_predict_end = function(logs) NULL)   # Keras' own loop, not one direct step
  expect_no_warning(predict(model, x, verbose = 0, callbacks = list(cb)))
})
