# Bad input gets an R error naming the argument, what was received and the fix;
# the model is unchanged afterwards and still trains.

expect_model_intact <- function(model, before, x, y) {
  expect_equal(get_weights(model), before)
  h <- model %>% fit(x, y, epochs = 1, verbose = 0)
  expect_true(is.finite(h$metrics$loss))
}

test_that("x with the wrong shape says expected and received shapes", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% fit(matrix(runif(50), 10, 5), y, verbose = 0),
                      class = "kerasbridge_input_shape_error")
  expect_match(conditionMessage(err), "expected shape c(NA, 8)", fixed = TRUE)
  expect_match(conditionMessage(err), "received c(10, 5)", fixed = TRUE)
  expect_model_intact(model, before, x, y)
})

test_that("labels outside 0..K-1 suggest y - 1", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% fit(x, y + 1L, verbose = 0), class = "kerasbridge_label_range_error")
  expect_match(conditionMessage(err), "0-based")
  expect_match(conditionMessage(err), "y - 1", fixed = TRUE)
  expect_model_intact(model, before, x, y)
})

test_that("NA in x is an error naming x", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  xna <- x; xna[3, 2] <- NA
  err <- expect_error(model %>% fit(xna, y, verbose = 0), class = "kerasbridge_missing_value_error")
  expect_match(conditionMessage(err), "`x` contains NA")
  expect_error(model %>% fit(x, c(NA, y[-1]), verbose = 0), class = "kerasbridge_missing_value_error")
  expect_model_intact(model, before, x, y)
})

test_that("unknown loss/optimizer/metric strings list close matches", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% compile(optimizer = "rmsprop", loss = "sparse_categorical_crossentropi"),
                      class = "kerasbridge_unknown_identifier_error")
  expect_match(conditionMessage(err), "sparse_categorical_crossentropy")
  expect_match(conditionMessage(err), "`loss`")
  err <- expect_error(model %>% compile(optimizer = "adamm", loss = "mse"), class = "kerasbridge_unknown_identifier_error")
  expect_match(conditionMessage(err), "\"adam\"")
  err <- expect_error(model %>% compile(optimizer = "adam", loss = "mse", metrics = c("accuracy", "acuracy")),
                      class = "kerasbridge_unknown_identifier_error")
  expect_match(conditionMessage(err), "accuracy")
  expect_model_intact(model, before, x, y)  # still compiled as before
})

test_that("x and y with different numbers of samples", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% fit(x, y[1:7], verbose = 0), class = "kerasbridge_sample_count_error")
  expect_match(conditionMessage(err), "`x` has 10")
  expect_match(conditionMessage(err), "`y` has 7")
  expect_model_intact(model, before, x, y)
})

test_that("a named list whose names match no model input", {
  skip_if_no_core()
  set_random_seed(2)
  a <- layer_input(shape = c(4), name = "a"); b <- layer_input(shape = c(2), name = "b")
  out <- list(a, b) %>% layer_concatenate() %>% layer_dense(units = 1)
  model <- keras_model(list(a = a, b = b), out)
  model %>% compile(optimizer = "sgd", loss = "mse")
  x <- list(a = matrix(runif(40), 10, 4), b = matrix(runif(20), 10, 2)); y <- runif(10)
  before <- get_weights(model)
  err <- expect_error(model %>% fit(list(alpha = x$a, beta = x$b), y, verbose = 0), class = "kerasbridge_input_name_error")
  expect_match(conditionMessage(err), 'c("alpha", "beta")', fixed = TRUE)
  expect_match(conditionMessage(err), 'c("a", "b")', fixed = TRUE)
  expect_model_intact(model, before, x, y)
})

test_that("errors are R errors of class kerasbridge_error with the call", {
  skip_if_no_core()
  model <- small_mlp()
  err <- tryCatch(fit(model, matrix(1, 2, 3), c(0, 1), verbose = 0), error = identity)
  expect_s3_class(err, "kerasbridge_error")
  expect_s3_class(err, "rlang_error")
  expect_false(grepl("Traceback|ValueError", conditionMessage(err)))
  expect_error(layer_dense(units = 4, activation = "relu6x"), class = "kerasbridge_unknown_identifier_error")
  expect_error(get_layer(model, index = 5), "between 1 and 2")
})
