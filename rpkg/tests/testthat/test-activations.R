# activation_* (R/activations.R, generated R/activations-generated.R)

test_that("every generated activation_* runs on a tiny input", {
  skip_if_no_core()
  fns <- manifest_entries("activation")$Function
  expect_gt(length(fns), 30)
  m <- matrix(c(-1, 0.5, 2, -0.2), 2, 2)
  expect_equal(call_each(fns, list(x = m), list(activation_glu = list(x = matrix(1:4 / 4, 1)),
    activation_threshold = list(x = m, threshold = 0, default_value = -9))), character())
})

test_that("activations compute Keras' numbers; axis counts from 1", {
  skip_if_no_core()
  expect_equal(as.vector(as.array(activation_relu(c(-1, 0, 2)))), c(0, 0, 2))
  expect_equal(as.vector(as.array(activation_relu(c(-1, 0, 2), negative_slope = 0.5))), c(-0.5, 0, 2))
  expect_equal(as.vector(as.array(activation_sigmoid(0))), 0.5)
  x <- matrix(c(1, 2, 3, 4), 2, 2)
  expect_equal(colSums(as.array(activation_softmax(x, axis = 1))), c(1, 1), tolerance = 1e-6)
  expect_equal(rowSums(as.array(activation_softmax(x))), c(1, 1), tolerance = 1e-6)
  expect_equal(as.vector(as.array(activation_elu(-1))), exp(-1) - 1, tolerance = 1e-6)
})

test_that("an activation_* given uncalled is the Keras activation of that name", {
  skip_if_no_core()
  layer <- layer_dense(units = 2, activation = activation_gelu)
  expect_equal(layer$activation$`__name__`, "gelu")
  layer <- layer_dense(units = 2, activation = activation_relu)
  expect_equal(layer$activation$`__name__`, "relu")
  expect_equal(attr(activation_swish, "py_function_name"), "swish")
})
