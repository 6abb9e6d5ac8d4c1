# Models and layers as R values (R/rvalues.R): serialize()/saveRDS() keep the
# object itself, in this session and in a new one.

fitted_model <- function(with_class = FALSE) {
  set_random_seed(1)
  m <- keras_model_sequential(input_shape = 3)
  if (with_class) {
    layer_scale <- new_layer_class("RvaluesScale",
      initialize = function(k = 2, ...) { super$initialize(...); self$k <- k },
      build = function(input_shape) self$w <- self$add_weight(shape = shape(input_shape[[2]]), initializer = "ones"),
      call = function(x) x * self$w * self$k,
      get_config = function() { cfg <- super$get_config(); cfg$k <- self$k; cfg })
    m <- m %>% layer_scale(k = 3)
  }
  m <- m %>% layer_dense(4, activation = "relu") %>% layer_dense(2)
  m %>% compile(optimizer = optimizer_adam(learning_rate = 0.01), loss = "mse", metrics = "mae")
  x <- matrix(seq_len(30) / 30, 10); y <- matrix(seq_len(20) / 20, 10)
  fit(m, x, y, epochs = 2, verbose = 0)
  list(model = m, x = x, y = y)
}

optimizer_state <- function(m) {
  list(iterations = as.numeric(m$optimizer$iterations$numpy()),
       learning_rate = as.numeric(m$optimizer$learning_rate$numpy()),
       loss = m$loss, variables = lapply(m$optimizer$variables, function(v) v$numpy()))
}

test_that("serialize()/unserialize() give the same model: predictions, optimizer state, compile settings", {
  skip_if_no_core()
  v <- fitted_model(with_class = TRUE)
  m2 <- unserialize(serialize(v$model, NULL))
  expect_false(reticulate::py_id(m2) == reticulate::py_id(v$model))  # a model of its own
  expect_identical(predict(m2, v$x, verbose = 0), predict(v$model, v$x, verbose = 0))
  expect_equal(optimizer_state(m2), optimizer_state(v$model))
  # it trains on from where the original was, step for step
  fit(v$model, v$x, v$y, epochs = 1, verbose = 0, shuffle = FALSE)
  fit(m2, v$x, v$y, epochs = 1, verbose = 0, shuffle = FALSE)
  expect_equal(get_weights(m2), get_weights(v$model), tolerance = 1e-6)
})

test_that("a layer alone travels as its config and weights", {
  skip_if_no_core()
  l <- layer_dense(units = 3, name = "travelling")
  l$build(list(NULL, 2L))
  l2 <- unserialize(serialize(l, NULL))
  expect_equal(l2$name, "travelling")
  expect_equal(get_weights(l2), get_weights(l))
})

test_that("saveRDS() and save() give working models in a new R session (R classes travel too)", {
  skip_if_no_core()
  skip_if_not_installed("callr")
  v <- fitted_model(with_class = TRUE)
  rds <- tempfile(fileext = ".rds"); rdata <- tempfile(fileext = ".RData")
  on.exit(unlink(c(rds, rdata)))
  saveRDS(v, rds)
  model <- v$model
  save(model, file = rdata)
  out <- callr::r(function(rds, rdata) {
    v <- readRDS(rds)  # no library(kerasbridge): R loads it to read the model
    e <- new.env(); load(rdata, envir = e)
    list(p1 = stats::predict(v$model, v$x, verbose = 0), p2 = stats::predict(e$model, v$x, verbose = 0),
         iterations = as.numeric(v$model$optimizer$iterations$numpy()),
         lr = as.numeric(v$model$optimizer$learning_rate$numpy()))
  }, args = list(rds, rdata), env = c(callr::rcmd_safe_env(), R_LIBS = paste(.libPaths(), collapse = .Platform$path.sep)))
  p <- predict(v$model, v$x, verbose = 0)
  expect_identical(out$p1, p)
  expect_identical(out$p2, p)
  expect_equal(out$iterations, 2)
  expect_equal(out$lr, 0.01, tolerance = 1e-7)
})

test_that("a model that could not be kept says so on use, not reticulate's 'previous session' text", {
  skip_if_no_core()
  m <- keras_model_sequential(input_shape = 2) %>% layer_lambda(function(x) x * 2)
  m2 <- unserialize(serialize(m, NULL))
  expect_error(predict(m2, matrix(1, 1, 2), verbose = 0), class = "kerasbridge_error")
  expect_error(predict(m2, matrix(1, 1, 2), verbose = 0), "could not be kept")
})

test_that("a Python value that does not travel (a tensor) is a kerasbridge error, not reticulate's text", {
  skip_if_no_core()
  t2 <- unserialize(serialize(as_tensor(c(1, 2, 3)), NULL))
  expect_error(as.array(t2), class = "kerasbridge_unavailable_error")
  expect_error(t2 + 1, "earlier R session")
})
