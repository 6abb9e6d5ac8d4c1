# R/progress.R: fit()/evaluate()/predict() progress reaches R's output
# connection (capture.output(), sink(), knitr), one line per epoch there.

test_that("fit() progress is R output: capture.output() gets one line per epoch, no escape codes", {
  skip_if_no_core()
  withr::local_options(keras.fit_verbose = NULL)  # the default, "auto" (another test file may set it)
  model <- small_mlp()
  x <- matrix(runif(160), 20, 8); y <- 0:19 %% 3
  out <- capture.output(model %>% fit(x, y, epochs = 2, batch_size = 10, validation_split = 0.5))
  expect_equal(out[c(1, 3)], c("Epoch 1/2", "Epoch 2/2"))
  expect_match(out[2], "^1/1 - [0-9]+s - [0-9]+[mu]?s/step - loss: [0-9.]+ - accuracy: [0-9.]+ - val_loss: [0-9.]+ - val_accuracy: [0-9.]+$")
  expect_length(out, 4)
  expect_false(any(grepl("[\r\033]", out)))
})

test_that("evaluate() and predict() write their line through R when asked; verbose = 0 writes nothing", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(160), 20, 8); y <- 0:19 %% 3
  expect_match(capture.output(s <- evaluate(model, x, y, verbose = 2)), "^1/1 - .* - loss: ")
  expect_match(capture.output(p <- predict(model, x, verbose = 2)), "^1/1 - [0-9]+s - [0-9]+[mu]?s/step$")
  expect_identical(capture.output(model %>% fit(x, y, epochs = 2, verbose = 0)), character())
  expect_identical(capture.output(s <- evaluate(model, x, y, verbose = 0)), character())
})

test_that("with verbose = 'auto', evaluate() and predict() write nothing where R's output is not a terminal", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(160), 20, 8); y <- 0:19 %% 3
  seen <- callback_lambda(on_predict_begin = function(logs) cat("predict"),
                          on_test_begin = function(logs) cat("test"))
  # as in R keras 2.15: a callback's own output is all capture.output() gets
  expect_identical(capture.output(p <- predict(model, x, callbacks = list(seen))), "predict")
  expect_identical(capture.output(s <- evaluate(model, x, y, callbacks = list(seen))), "test")
  expect_identical(dim(p), c(20L, 3L))
  expect_named(s, c("loss", "accuracy"))
  capture.output(v <- kerasbridge:::resolve_verbose("auto", not_live = 0L))  # a sink: not a terminal
  expect_identical(v, 0L)
})

test_that("verbose = 'auto' is one line per epoch when not writing to a terminal or when knitting", {
  expect_identical(kerasbridge:::resolve_verbose(0), 0)
  expect_identical(kerasbridge:::resolve_verbose(1L), 1L)
  withr::local_options(knitr.in.progress = TRUE)
  expect_identical(kerasbridge:::resolve_verbose("auto"), 2L)
  withr::local_options(knitr.in.progress = NULL)
  tmp <- tempfile(); sink(tmp); on.exit({ sink(); unlink(tmp) })
  expect_identical(kerasbridge:::resolve_verbose("auto"), 2L)  # sink(): a file, not a terminal
})

test_that("verbose = 1 asks for the live bar: carriage returns, still no escape codes", {
  skip_if_no_core()
  model <- small_mlp()
  out <- paste(capture.output(model %>% fit(matrix(runif(160), 20, 8), 0:19 %% 3, epochs = 1, batch_size = 5, verbose = 1)),
               collapse = "\n")
  expect_match(out, "4/4 \\[=+\\] - [0-9]+s")
  expect_false(grepl("\033", out, fixed = TRUE))
})

test_that("setTimeLimit() stops fit() between batches, keeping the whole steps", {
  skip_if_no_core()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = "mse")
  x <- matrix(runif(200), 100, 2)
  y <- runif(100)
  model %>% fit(x, y, epochs = 1, batch_size = 10, verbose = 0)  # traced before the clock starts
  before <- get_weights(model)
  stopped <- local({
    on.exit(setTimeLimit(), add = TRUE)
    setTimeLimit(elapsed = 2)
    tryCatch(fit(model, x, y, epochs = 3000, batch_size = 10, verbose = 0), error = function(e) e)
  })
  expect_s3_class(stopped, "error")
  expect_match(conditionMessage(stopped), "time limit")
  steps <- as.integer(model$optimizer$iterations$numpy())
  expect_gt(steps, 0L)          # trained until the limit, then stopped: whole steps kept
  expect_lt(steps, 3000L * 10L)
  expect_false(identical(get_weights(model), before))
  model %>% fit(x, y, epochs = 1, batch_size = 10, verbose = 0)  # and the model goes on training
  expect_equal(as.integer(model$optimizer$iterations$numpy()), steps + 10L)
})

test_that("a time limit running out in R code Keras calls stops fit() at the next batch", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = "mse")
  x <- matrix(runif(200), 100, 2)
  y <- runif(100)
  model %>% fit(x, y, epochs = 1, batch_size = 10, verbose = 0)
  # R's check fires inside the callback's Sys.sleep(); the callback runs to its
  # end, and the fit stops before the next batch (src/timelimits.c). The clock
  # starts in the callback, so a slow start of fit() cannot use up the limit.
  slept <- 0L
  cb <- callback_lambda(on_train_batch_end = function(batch, logs) {
    if (batch == 0) { setTimeLimit(elapsed = 0.5); Sys.sleep(1); slept <<- slept + 1L }
  })
  stopped <- local({
    on.exit(setTimeLimit(), add = TRUE)
    tryCatch(fit(model, x, y, epochs = 50, batch_size = 10, verbose = 0, callbacks = list(cb)),
             error = function(e) e)
  })
  expect_s3_class(stopped, "error")
  expect_match(conditionMessage(stopped), "time limit")
  expect_equal(slept, 1L)
  expect_equal(as.integer(model$optimizer$iterations$numpy()), 10L + 1L)
})
