test_that("k_* functions count axes from 1 and match base R", {
  skip_if_no_core()
  m <- matrix(c(1, 2, 3, 4, 5, 6), 2, 3)
  x <- k_constant(m)
  expect_equal(as.numeric(k_get_value(k_mean(x, axis = 2))), rowMeans(m))
  expect_equal(as.numeric(k_get_value(k_sum(x, axis = 1))), colSums(m))
  expect_equal(dim(k_get_value(k_sum(x, axis = 1, keepdims = TRUE))), c(1L, 3L))
  expect_equal(as.numeric(k_get_value(k_max(x))), max(m))
  expect_equal(k_get_value(k_square(x)), m^2, ignore_attr = TRUE)
  expect_equal(k_get_value(k_clip(x, 2, 5)), pmin(pmax(m, 2), 5), ignore_attr = TRUE)
  expect_equal(as.integer(k_get_value(k_argmax(x, axis = -1))), max.col(m) - 1L)
  expect_equal(k_epsilon(), 1e-7)
  expect_equal(as.numeric(k_get_value(k_constant(1:3, name = "c"))), c(1, 2, 3))
  expect_equal(k_get_value(k_variable(matrix(1, 2, 2), name = "v")), matrix(1, 2, 2), ignore_attr = TRUE)
  expect_error(k_mean(x, axis = 0), "counts from 1")
})

test_that("a Keras 2 style custom metric written with k_* trains", {
  skip_if_no_core()
  rmse <- function(y_true, y_pred) k_sqrt(k_mean(k_square(y_pred - y_true), axis = -1))
  set_random_seed(3)
  model <- keras_model_sequential(input_shape = c(3)) %>% layer_dense(units = 1)
  expect_warning(model %>% compile(optimizer = "sgd", loss = "mse", metrics = list(rmse = rmse)), "deprecated")
  h <- model %>% fit(matrix(runif(30), 10, 3), runif(10), epochs = 1, verbose = 0)
  expect_named(h$metrics, c("loss", "rmse"))
  model %>% compile(optimizer = "sgd", loss = "mse", metrics = custom_metric("my_rmse", rmse))
  h <- model %>% fit(matrix(runif(30), 10, 3), runif(10), epochs = 1, verbose = 0)
  expect_named(h$metrics, c("loss", "my_rmse"))
})

test_that("pad_sequences pads and truncates like R keras", {
  skip_if_no_core()
  p <- pad_sequences(list(1:3, 1:5), maxlen = 4)
  expect_equal(p, rbind(c(0L, 1L, 2L, 3L), c(2L, 3L, 4L, 5L)), ignore_attr = TRUE)
  p2 <- pad_sequences(list(1:2), maxlen = 3, padding = "post")
  expect_equal(as.integer(p2), c(1L, 2L, 0L))
})

test_that("k_random_normal() takes the symbolic batch size inside layer_lambda() (the VAE sampling)", {
  skip_if_no_core()
  x <- layer_input(shape = 4)
  z_mean <- layer_dense(x, 3); z_log_var <- layer_dense(x, 3)
  # the three forms R keras 2.x scripts use: the book's list(k_shape(z)[1], dim)
  # (1-based extract: the batch size), the whole shape tensor, and the Posit
  # example's c(k_shape(z)[[1]]) (Python's item 1: the latent size, broadcast)
  shapes <- list(function(z) list(k_shape(z)[1], 3),
                 function(z) k_shape(z),
                 function(z) c(k_shape(z)[[1]]))
  for (shape_of in shapes) {
    sampling <- function(args) {
      eps <- k_random_normal(shape = shape_of(args[[1]]), mean = 0, stddev = 1)
      args[[1]] + k_exp(args[[2]] / 2) * eps
    }
    z <- list(z_mean, z_log_var) %>% layer_lambda(sampling)  # output shape inferred, no output_shape
    expect_equal(unlist(z$shape), 3L)
    model <- keras_model(x, z)
    expect_equal(dim(predict(model, matrix(runif(20), 5), verbose = 0)), c(5, 3))
  }
})

test_that("k_shape() is a tensor, indexed as in R keras 2.x", {
  skip_if_no_core()
  s <- k_shape(k_constant(matrix(1:6, 3, 2)))
  expect_true(k_is_tensor(s))
  expect_equal(as.integer(as.array(s)), c(3L, 2L))
  expect_equal(as.integer(as.array(s[1])), 3L)      # `[`: 1-based
  expect_equal(as.integer(as.array(s[[1]])), 2L)    # `[[`: Python's item, as reticulate gave it
})
