test_that("layer_cudnn_lstm is an LSTM", {
  skip_if_no_core()
  l <- layer_cudnn_lstm(units = 4)
  expect_s3_class(l, "keras.src.layers.rnn.lstm.LSTM")
})

test_that("layer_cudnn_gru is a GRU and pipes like any layer_*", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = c(5, 3)) %>% layer_cudnn_gru(units = 2)
  expect_s3_class(model$layers[[1]], "keras.src.layers.rnn.gru.GRU")
  expect_equal(unlist(model$output_shape), 2L)
})

test_that("layer_text_vectorization() of a one-column string input is 2-d, as in Keras 2", {
  skip_if_no_core()
  tv <- layer_text_vectorization(max_tokens = 20, output_mode = "multi_hot")
  tv %>% adapt(c("the cat sat", "the dog ran"))
  inputs <- layer_input(shape = 1, dtype = "string")
  encoded <- tv(inputs)
  expect_equal(unlist(encoded$shape$as_list()), 6L)
  model <- keras_model(inputs, encoded %>% layer_dense(units = 2))
  expect_equal(unlist(model$output_shape), 2L)
  out <- model(matrix(c("the cat", "a dog"), ncol = 1))
  expect_equal(dim(as.array(out)), c(2L, 2L))
})

test_that("layer_random_rotation() takes a factor past one turn, as Keras 2 did", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = c(8, 8, 1)) %>% layer_random_rotation(factor = 2)
  x <- array(runif(2 * 8 * 8), c(2, 8, 8, 1))
  expect_equal(dim(as.array(model(x, training = TRUE))), c(2L, 8L, 8L, 1L))
  expect_equal(unlist(model$layers[[1]]$factor), c(-2, 2))
  expect_equal(unlist(keras$layers$RandomRotation(factor = 2)$factor), c(-2, 2))
})
