test_that("layer_* follow object-first semantics", {
  skip_if_no_core()
  l <- layer_dense(units = 3)
  expect_s3_class(l, "keras.src.layers.core.dense.Dense")
  expect_identical(l$units, 3L)
  model <- keras_model_sequential()
  res <- withVisible(model %>% layer_dense(units = 4, input_shape = c(2)))
  expect_false(res$visible)
  expect_length(model$layers, 1)
  inp <- layer_input(shape = c(5))
  out <- inp %>% layer_dense(units = 2)
  expect_equal(unlist(out$shape), 2L)
  merged <- list(inp, inp) %>% layer_concatenate()
  expect_equal(unlist(merged$shape), 10L)
})

test_that("the layer catalog builds a conv net and an RNN from R-shaped arguments", {
  skip_if_no_core()
  model <- keras_model_sequential() %>%
    layer_conv_2d(filters = 4, kernel_size = c(3, 3), activation = "relu", input_shape = c(8, 8, 1)) %>%
    layer_max_pooling_2d(pool_size = c(2, 2)) %>%
    layer_batch_normalization() %>%
    layer_flatten() %>% layer_dense(units = 2)
  expect_equal(model$output_shape[[2]], 2L)
  rnn <- keras_model_sequential() %>%
    layer_embedding(input_dim = 50, output_dim = 4, input_length = 6) %>%
    layer_lstm(units = 3, return_sequences = TRUE) %>% layer_gru(units = 2) %>% layer_dense(1)
  expect_equal(unlist(rnn$input_shape), 6L)
  conv1 <- layer_input(shape = c(10, 3)) %>% layer_conv_1d(filters = 2, kernel_size = 3) %>%
    layer_global_average_pooling_1d()
  expect_equal(unlist(conv1$shape), 2L)
  r <- layer_input(shape = c(6)) %>% layer_reshape(c(2, 3)) %>% layer_layer_normalization()
  expect_equal(unlist(r$shape), c(2L, 3L))
})

test_that("layer_lambda runs an R function", {
  skip_if_no_core()
  inp <- layer_input(shape = c(3))
  out <- inp %>% layer_lambda(function(x) x * 2)
  m <- keras_model(inp, out)
  expect_equal(predict(m, matrix(1:3, 1), verbose = 0), matrix(c(2, 4, 6), 1), ignore_attr = TRUE)
})

test_that("generated layer wrappers forward only supplied arguments", {
  skip_if_no_core()
  d <- layer_dense(units = 2)
  expect_identical(d$activation$`__name__`, "linear")
  expect_identical(names(formals(layer_dense))[1:3], c("object", "units", "activation"))
})

test_that("plot(model) draws the layer graph", {
  skip_if_no_core()
  model <- small_mlp()
  f <- tempfile(fileext = ".png")
  expect_equal(plot(model, show_shapes = TRUE, to_file = f), f)
  expect_gt(file.size(f), 2000)
  g <- tempfile(fileext = ".png")
  png(g); plot(model); dev.off()
  expect_gt(file.size(g), 2000)
})

test_that("preprocessing and augmentation layers from the catalog work", {
  skip_if_no_core()
  img <- layer_input(shape = c(8, 8, 1))
  aug <- img %>% layer_random_flip("horizontal") %>% layer_random_rotation(0.1) %>%
    layer_resizing(4, 4) %>% layer_conv_2d(filters = 2, kernel_size = 2) %>% layer_global_max_pooling_2d()
  expect_equal(unlist(aug$shape), 2L)
  seq_in <- layer_input(shape = c(5, 3))
  masked <- seq_in %>% layer_masking() %>% layer_simple_rnn(units = 2)
  expect_equal(unlist(masked$shape), 2L)
})

test_that("initial weights = list(...) work on any layer, as in R keras 2.x", {
  skip_if_no_core()
  w <- list(matrix(1:6, 3, 2), c(10, 20))
  inp <- layer_input(shape = c(3))
  out <- inp %>% layer_dense(units = 2, weights = w)
  m <- keras_model(inp, out)
  expect_equal(predict(m, matrix(1, 1, 3), verbose = 0), matrix(c(16, 35), 1), ignore_attr = TRUE)
  seq_m <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = 3, weights = w)
  expect_equal(get_weights(seq_m)[[2]], c(10, 20), ignore_attr = TRUE)
  emb <- keras_model_sequential() %>%
    layer_embedding(input_dim = 3, output_dim = 2, input_length = 1, weights = list(diag(3)[, 1:2]))
  expect_equal(dim(get_weights(emb)[[1]]), c(3L, 2L))
})

test_that("a layer or model called directly gives its result, and R-style errors", {
  d <- layer_dense(units = 2)
  inp <- layer_input(shape = 3)
  out <- d(inp)
  expect_equal(dim(out), c(NA, 2))
  m <- keras_model(inp, out)
  y <- m(matrix(runif(6), 2), training = FALSE)
  expect_equal(dim(as.array(y)), c(2, 2))
  err <- expect_error(m(matrix(1:8, 2)), class = "kerasbridge_python_error")
  expect_match(conditionMessage(err), "incompatible with the layer", fixed = TRUE)
  expect_error(layer_dense(units = 2)(), "`object` is missing", class = "kerasbridge_argument_error")
})

test_that("merging layers take their inputs as a list, as separate arguments and piped (R keras 2.x)", {
  skip_if_no_core()
  a <- layer_input(shape = c(4, 5)); b <- layer_input(shape = c(4, 5))
  expect_equal(unlist(layer_add(a, b)$shape), c(4L, 5L))
  expect_equal(unlist((a %>% layer_multiply(b))$shape), c(4L, 5L))
  expect_equal(unlist(layer_concatenate(a, b, axis = 1)$shape), c(8L, 5L))
  expect_equal(unlist(layer_concatenate(list(a, b), 1)$shape), c(8L, 5L))  # axis second, as it once came
  expect_equal(unlist(do.call(layer_subtract, list(a, b))$shape), c(4L, 5L))
  expect_equal(unlist(layer_dot(a, b, axes = 1)$shape), c(5L, 5L))
  expect_equal(unlist(layer_concatenate(axis = 1)(list(a, b))$shape), c(8L, 5L))
  model <- keras_model(list(a, b), layer_add(a, b))
  out <- predict(model, list(array(1, c(2, 4, 5)), array(2, c(2, 4, 5))), verbose = 0)
  expect_equal(out[1, 1, 1], 3)
})

test_that("every layer takes batch_size and batch_input_shape: a stateful RNN gets its fixed batch", {
  skip_if_no_core()
  model <- keras_model_sequential() %>%
    layer_lstm(units = 4, input_shape = c(10, 3), batch_size = 25, stateful = TRUE)
  expect_equal(unlist(model$inputs[[1]]$shape), c(25L, 10L, 3L))
  model <- keras_model_sequential() %>% layer_dense(units = 2, batch_input_shape = c(8, 3))
  expect_equal(unlist(model$inputs[[1]]$shape), c(8L, 3L))
  model <- keras_model_sequential(input_shape = 3, batch_size = 5) %>% layer_dense(units = 2)
  expect_equal(unlist(model$inputs[[1]]$shape), c(5L, 3L))
  l <- layer_dense(units = 2, name = "d", trainable = FALSE, dtype = "float64", input_shape = 3)
  expect_false(l$trainable)
  expect_identical(l$name, "d")
})

test_that("whole R doubles become integers where the Keras class wants them", {
  skip_if_no_core()
  expect_identical(layer_text_vectorization(ngrams = 2)$get_config()$ngrams, 2L)
  h <- layer_hashing(num_bins = 3, salt = 133)
  expect_identical(unlist(reticulate::import_builtins()$list(h$salt)), c(133L, 133L))
  expect_identical(layer_category_encoding(num_tokens = 3)$num_tokens, 3L)
  expect_equal(unlist(h(c("a", "b"))$shape$as_list()), 2L)
})

test_that("a model called on an R number takes it as data, as in R keras 2.x", {
  skip_if_no_core()
  model <- keras_model_sequential() %>% layer_dropout(rate = 0.99999999)
  expect_equal(as.numeric(model(1, training = TRUE)$numpy()), 0)
  expect_equal(as.numeric(model(1, training = FALSE)$numpy()), 1)
})

test_that("a layer called on a Sequential model joins it, and metric functions take whole numbers", {
  skip_if_no_core()
  lstm <- layer_lstm(units = 3)
  model <- keras_model_sequential(input_shape = shape(NULL, 4)) %>% lstm() %>% layer_dense(units = 2)
  expect_length(model$layers, 2)
  y_pred <- k_variable(matrix(c(0.3, 0.2, 0.1, 0.1, 0.2, 0.7), nrow = 2, ncol = 3))
  y_true <- k_variable(matrix(c(0L, 1L), nrow = 2, ncol = 1))
  expect_equal(as.numeric(metric_sparse_top_k_categorical_accuracy(y_true, y_pred, k = 3)$numpy()), c(1, 1))
})
