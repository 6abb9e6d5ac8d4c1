test_that("Keras 2 functions Keras 3 removed fail clearly", {
  for (f in list(model_to_yaml, model_from_yaml, model_to_saved_model, model_from_saved_model,
                 multi_gpu_model, hdf5_matrix))
    expect_error(f(NULL), "Keras 3 removed it", class = "kerasbridge_unavailable_error")
  expect_error(model_to_yaml(NULL), "save_model_config", class = "kerasbridge_unavailable_error")
  expect_equal(implementation(), "tensorflow")
  expect_equal(use_implementation("tensorflow"), "tensorflow")
  expect_error(use_implementation("keras"), class = "kerasbridge_unavailable_error")
})

test_that("keras_array, TF-format weights, the node API", {
  skip_if_no_core()
  a <- keras_array(matrix(1:6, 2))
  expect_equal(unlist(reticulate::py_to_r(a$shape)), c(2L, 3L))
  expect_true(reticulate::py_to_r(a$flags$c_contiguous))
  expect_equal(reticulate::py_str(a$dtype), "int32")
  # R keras 2.x: doubles in the backend's float type, so Keras preprocessing computes in float32
  expect_equal(reticulate::py_str(keras_array(c(0.5, 1))$dtype), "float32")
  expect_equal(reticulate::py_str(keras_array(c(0.5, 1), dtype = "float64")$dtype), "float64")
  img <- array(seq(0, 255, length.out = 2 * 3 * 3), c(1, 2, 3, 3))
  expect_identical(imagenet_preprocess_input(img),
                   kerasbridge:::preprocess_input(img, keras$applications$imagenet_utils$preprocess_input))
  m <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
  f <- tempfile("ckpt")
  save_model_weights_tf(m, f)
  expect_true(file.exists(paste0(f, ".weights.h5")))
  m2 <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
  load_model_weights_tf(m2, f)
  expect_equal(get_weights(m2), get_weights(m))
  dense <- layer_dense(units = 2)
  ya <- dense(keras_input(3))
  yb <- dense(keras_input(c(5, 3)))
  expect_equal(get_output_shape_at(dense, 2), list(NULL, 5L, 2L))
  expect_equal(get_input_shape_at(dense, 1), list(NULL, 3L))
  expect_error(get_input_at(dense, 3), "node_index", class = "kerasbridge_argument_error")
})

test_that("an R loss written function(y_true, y_pred, ...) compiles and trains", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 2, activation = "sigmoid")
  loss <- function(y_true, y_pred, ...) loss_binary_crossentropy(y_true, y_pred, ...)
  compile(model, loss = loss, optimizer = "sgd")
  h <- fit(model, matrix(runif(30), 10), matrix(round(runif(20)), 10), epochs = 1, verbose = 0)
  expect_true(is.finite(h$metrics$loss))
  f <- kerasbridge:::without_dots(function(a, b = 2, ...) a + b)
  expect_named(formals(f), c("a", "b"))
  expect_equal(f(1), 3)
})

test_that("a deprecated alias warns and still works", {
  skip_if_no_core()
  expect_warning(l <- loss_cosine_proximity(), "deprecated")
  expect_warning(loss_cosine_proximity(), "cosine_similarity")
  expect_s3_class(l, "keras.src.losses.losses.CosineSimilarity")
})

test_that("keras_array() converts lists and data frames element by element", {
  skip_if_no_core()
  a <- keras_array(list(x = 1:3, y = matrix(1:4, 2)))
  expect_named(a, c("x", "y"))
  expect_equal(unlist(reticulate::py_to_r(a$y$shape)), c(2L, 2L))
  expect_length(keras_array(data.frame(u = 1:2, v = c(0.5, 1))), 2)
})
