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
  expect_error(layer_random_height(factor = 0.2), "layer_random_zoom", class = "kerasbridge_unavailable_error")
  expect_error(layer_random_width(factor = 0.2), "RandomWidth was removed", class = "kerasbridge_unavailable_error")
  expect_error(layer_locally_connected_2d(filters = 2, kernel_size = 3), "layer_conv_2d",
               class = "kerasbridge_unavailable_error")
  expect_error(layer_locally_connected_1d(), "LocallyConnected1D", class = "kerasbridge_unavailable_error")
  # layer_dense_features() is real now (R/feature-spec.R, test-feature-spec.R)
  expect_error(layer_jax_model_wrapper(), "JAX backend", class = "kerasbridge_unavailable_error")
  expect_error(layer_flax_module_wrapper(), "JAX backend", class = "kerasbridge_unavailable_error")
  expect_error(layer_torch_module_wrapper(), "PyTorch backend", class = "kerasbridge_unavailable_error")
  expect_error(metric_mean_relative_error(normalizer = 1), "metric_mean_wrapper", class = "kerasbridge_unavailable_error")
  expect_error(metric_mean_tensor(), "MeanTensor", class = "kerasbridge_unavailable_error")
})
