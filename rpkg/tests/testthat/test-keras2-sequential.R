# R/keras2-sequential.R: model$input / model$output of a built Sequential model.

skip_if_no_core()

test_that("a Sequential model built with an input shape answers model$input and model$output", {
  model <- keras_model_sequential() %>%
    layer_dense(20, input_shape = 30) %>%
    layer_dense(10)
  expect_identical(dim(model$input), c(NA_integer_, 30L))
  expect_identical(dim(model$output), c(NA_integer_, 10L))
  expect_length(model$inputs, 1)
  expect_identical(dim(model$outputs[[1]]), c(NA_integer_, 10L))
  # a functional model on the Sequential model's graph, as R keras 2.x scripts build
  twin <- keras_model(model$input, model$output)
  expect_identical(count_params(twin), count_params(model))
  # other names are the model's own
  expect_length(model$layers, 2)
})

test_that("a Sequential model with no input shape keeps Keras' error", {
  model <- keras_model_sequential() %>% layer_dense(2)
  expect_error(model$input, "never been called")
})
