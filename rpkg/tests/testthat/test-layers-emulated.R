# R/layers-emulated.R: Keras 2 layers emulated on Keras 3, and clear errors for
# the layers and metrics Keras 3 (on TensorFlow) does not have.

test_that("layer_activation_selu() and layer_activation_thresholded_relu() compute Keras 2's numbers", {
  skip_if_no_core()
  x <- c(-1, 0.5, 2)
  xt <- op_convert_to_tensor(array(x, 3))
  selu <- as.vector(as.array(layer_activation_selu()(xt)))
  expect_equal(selu, ifelse(x > 0, 1.0507009873554805 * x, 1.0507009873554805 * 1.6732632423543772 * (exp(x) - 1)),
               tolerance = 1e-5)
  expect_equal(as.vector(as.array(layer_activation_thresholded_relu(theta = 1)(xt))), c(0, 0, 2))
  expect_equal(as.vector(as.array(layer_activation_thresholded_relu()(xt))), c(0, 0, 2))  # theta = 1 as in Keras 2
  model <- keras_model_sequential(input_shape = c(3)) %>% layer_activation_thresholded_relu(theta = 0.2)
  expect_equal(length(model$layers), 1L)
})

test_that("layers and metrics Keras 3 lacks fail at once, saying what to use", {
  skip_if_no_core()
  # layer_dense_features() is real now (R/feature-spec.R, test-feature-spec.R)
  expect_error(layer_jax_model_wrapper(), "JAX backend", class = "kerasbridge_unavailable_error")
  expect_error(layer_flax_module_wrapper(), "JAX backend", class = "kerasbridge_unavailable_error")
  expect_error(layer_torch_module_wrapper(), "PyTorch backend", class = "kerasbridge_unavailable_error")
  expect_error(metric_mean_relative_error(normalizer = 1), "metric_mean_wrapper", class = "kerasbridge_unavailable_error")
  expect_error(metric_mean_tensor(), "MeanTensor", class = "kerasbridge_unavailable_error")
})

test_that("layer_locally_connected_1d()/_2d() are Keras 2's unshared-weight convolutions", {
  skip_if_no_core()
  model <- keras_model_sequential() %>%
    layer_dense(32, input_shape = c(784)) %>%
    layer_reshape(target_shape = c(2, 16)) %>%
    layer_locally_connected_1d(filters = 3, kernel_size = 2)
  expect_equal(unlist(model$output_shape), c(1L, 3L))  # c(NA, 1, 3): NULL batch dropped by unlist
  lc <- layer_locally_connected_2d(filters = 3, kernel_size = c(2, 2), strides = 2, input_shape = c(4, 4, 2))
  model <- keras_model_sequential(list(lc))
  # one kernel per output position: 2 x 2 positions, each 2 * 2 * 2 inputs -> 3 filters
  expect_equal(dim(get_weights(model)[[1]]), c(4L, 8L, 3L))
  expect_equal(dim(get_weights(model)[[2]]), c(2L, 2L, 3L))
  x <- array(runif(5 * 4 * 4 * 2), c(5, 4, 4, 2))
  w <- get_weights(model)
  want <- array(0, c(5, 2, 2, 3))
  for (i in 1:2) for (j in 1:2) {
    patch <- x[, (2 * i - 1):(2 * i), (2 * j - 1):(2 * j), , drop = FALSE]
    flat <- t(apply(patch, 1, function(p) as.vector(aperm(p, 3:1))))  # row-major, as Keras flattens
    want[, i, j, ] <- flat %*% w[[1]][(i - 1) * 2 + j, , ] + rep(w[[2]][i, j, ], each = 5)
  }
  expect_equal(predict(model, x, verbose = 0), want, tolerance = 1e-5)
  expect_error(layer_locally_connected_1d(filters = 2, kernel_size = 2, padding = "same"), "padding")
})

test_that("layer_random_height()/_width() resize one side at random in training only (Keras 2's layers)", {
  skip_if_no_core()
  x <- array(runif(2 * 20 * 10 * 3), c(2, 20, 10, 3))
  model <- keras_model_sequential(input_shape = c(20, 10, 3)) %>% layer_random_height(factor = c(0.5, 0.5))
  expect_equal(dim(predict(model, x, verbose = 0)), c(2L, 20L, 10L, 3L))  # inference: unchanged
  expect_equal(dim(as.array(model(x, training = TRUE))), c(2L, 30L, 10L, 3L))
  input <- layer_input(shape = c(20, 10, 3))
  out <- layer_random_width(factor = 0.2, seed = 1)(input)
  expect_equal(out$shape$as_list(), list(NULL, 20L, NULL, 3L))
  expect_error(layer_random_width(factor = c(0.5, 0.1)), "factor")
})
