# The `tf` and `keras` proxies: TF functions on symbolic tensors become layers;
# keras$backend is the Keras 2 backend module.

test_that("tf and keras are proxies that do not start Python when printed", {
  expect_s3_class(tf, "kerasbridge_module_proxy")
  expect_output(print(tf), "Module(tensorflow)", fixed = TRUE)
})

skip_if_no_core()

test_that("tf$... works eagerly as before: functions, sub-modules, classes, values", {
  expect_equal(as.array(tf$reduce_sum(tf$ones(c(2L, 3L)))), 6)
  expect_equal(as.vector(as.array(tf$nn$relu(tf$constant(c(-1, 2))))), c(0, 2))
  expect_equal(as.array(tf$math$reduce_max(tf$constant(c(1, 5, 3)))), 5)
  expect_identical(tf$`__version__`, "2.21.0")
  expect_true(inherits(tf$float32, "tensorflow.python.framework.dtypes.DType"))
  expect_s3_class(tf$nn, "kerasbridge_module_proxy")
  expect_true("reduce_sum" %in% names(tf))
  v <- tf$Variable(1)
  expect_equal(as.array(v$assign_add(2)), 3)
})

test_that("tf$ functions, k_*() and R arithmetic on symbolic tensors build a model that saves and loads", {
  set_random_seed(1)
  inputs <- layer_input(shape = 3)
  h <- inputs %>% layer_dense(units = 4)
  a <- tf$nn$relu(h)
  s <- tf$reduce_sum(a, axis = 1L, keepdims = TRUE)
  both <- tf$concat(list(a, s), axis = 1L)
  out <- k_mean(both, axis = 2, keepdims = TRUE) + k_square(s) * 2 - 1
  model <- keras_model(inputs, list(both, out))
  types <- vapply(model$layers, function(l) class(l)[[1]], "")
  expect_true(sum(grepl("TFOpLayer", types)) == 3)
  x <- matrix(c(1, -2, 3, 0.5, 0.5, 0.5), 2, 3, byrow = TRUE)
  p <- predict(model, x, verbose = 0)
  hx <- predict(keras_model(inputs, h), x, verbose = 0)
  relu <- pmax(hx, 0)
  expect_equal(p[[1]], cbind(relu, rowSums(relu)), tolerance = 1e-5)
  expect_equal(drop(p[[2]]), rowMeans(cbind(relu, rowSums(relu))) + 2 * rowSums(relu)^2 - 1, tolerance = 1e-5)
  f <- tempfile(fileext = ".keras")
  save_model(model, f)
  expect_equal(predict(load_model(f), x, verbose = 0), p, tolerance = 1e-6)
  model %>% compile(optimizer = "sgd", loss = list("mse", "mse"))
  h <- model %>% fit(x, list(matrix(0, 2, 5), matrix(0, 2, 1)), epochs = 1, verbose = 0)
  expect_length(h$metrics$loss, 1)
})

test_that("keras$backend and backend() are the Keras 2 backend, 0-based axes", {
  K <- backend()
  expect_identical(keras$backend, K)
  x <- matrix(1:6, 2)                        # rows (1, 3, 5) and (2, 4, 6)
  expect_equal(as.vector(as.array(K$mean(x, axis = 1L))), c(3, 4))      # 0-based: over columns
  expect_equal(as.vector(as.array(K$sum(x, axis = 0))), c(3, 7, 11))
  expect_equal(as.vector(as.array(k_mean(x, axis = 2))), c(3, 4))       # k_*() stays 1-based
  expect_identical(K$epsilon(), 1e-07)
  expect_identical(K$backend(), "tensorflow")
  expect_identical(keras$backend$floatx(), "float32")
  expect_identical(K$int_shape(layer_input(shape = c(4, 2))), list(NULL, 4L, 2L))
  expect_equal(dim(as.array(K$batch_flatten(array(1, c(2, 3, 4))))), c(2, 12))
  expect_true(K$is_float_dtype("float32"))   # Keras 3's keras.backend, through the same object
  # symbolic: a custom loss written with K, and K on a layer output
  inputs <- layer_input(shape = 3)
  out <- K$expand_dims(K$sum(K$square(inputs), axis = -1L), axis = -1L)
  model <- keras_model(inputs, out)
  expect_equal(predict(model, matrix(1, 2, 3), verbose = 0), matrix(3, 2, 1))
  loss <- function(y_true, y_pred) K$mean(K$square(y_pred - y_true), axis = -1L)
  model %>% compile(optimizer = "sgd", loss = loss)
  expect_length((model %>% fit(matrix(1, 4, 3), matrix(0, 4, 1), epochs = 1, verbose = 0))$metrics$loss, 1)
})

test_that("keras$layers classes called from R take whole doubles, as Keras 2's did", {
  input <- layer_input(shape(4))
  out <- keras$layers$Dense(units = 32)(input)          # Keras 3 alone: "expected a positive integer"
  expect_equal(out$shape$as_list(), list(NULL, 32L))
  conv <- keras$layers$Conv2D(8, c(3, 3), activation = "relu")   # positional, a tuple
  expect_identical(conv$filters, 8L)
  expect_identical(unlist(conv$kernel_size), c(3L, 3L))
  expect_error(keras$layers$Dense(units = 2.5), "`units`.*whole number")
  expect_error(keras$layers$Dense(3, units = 3), "`units`.*twice")
  # still the class itself to R6, inherits() and r_to_py()
  expect_s3_class(keras$layers$Layer, "python.builtin.type")
  expect_true(reticulate::import_builtins()$id(r_to_py(keras$layers$Dense)) ==
              reticulate::import_builtins()$id(reticulate::import("keras")$layers$Dense))
  L <- R6::R6Class("PassThrough", inherit = keras$layers$Layer,
                   public = list(call = function(x) x))
  expect_equal(dim(create_layer(L, NULL, list())(k_ones(c(2, 3)))), c(2L, 3L))
})
