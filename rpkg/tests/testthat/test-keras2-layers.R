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
