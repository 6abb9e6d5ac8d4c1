skip_if_no_core()

tiny_model <- function() {
  set_random_seed(0)
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = "mse")
  model
}

test_that("hooks see 1-based epochs and batches, logs as named lists, params and the model", {
  Recorder <- new_callback_class("RRecorder",
    on_train_begin = function(logs) {
      private$batches <- integer()
      private$params <- self$params
      private$model_class <- class(self$model)[1]
    },
    on_train_batch_end = function(batch, logs) private$batches <- c(private$batches, batch),
    on_epoch_end = function(epoch, logs) {
      private$epochs <- c(private$epochs, epoch)
      private$logs <- logs
      list(loss_x2 = logs$loss * 2)
    },
    seen = function() as.list(private))
  cb <- Recorder()
  h <- tiny_model() %>% fit(matrix(1, 12, 3), matrix(0, 12, 1), epochs = 2, batch_size = 4,
                            verbose = 0, callbacks = list(cb))
  seen <- cb$seen()
  expect_identical(seen$batches, c(1L, 2L, 3L, 1L, 2L, 3L))
  expect_identical(seen$epochs, c(1L, 2L))
  expect_type(seen$logs, "list")
  expect_identical(names(seen$logs), "loss")
  expect_identical(seen$params$epochs, 2L)
  expect_identical(seen$params$steps, 3L)
  expect_match(seen$model_class, "Sequential")
  # the returned entry is added to the logs: the history has it
  expect_equal(h$metrics$loss_x2, 2 * h$metrics$loss)
})

test_that("self$model$stop_training <- TRUE stops fit", {
  Stop <- new_callback_class("RStopAt2",
    on_epoch_end = function(epoch, logs) if (epoch == 2) self$model$stop_training <- TRUE)
  h <- tiny_model() %>% fit(matrix(1, 8, 3), matrix(0, 8, 1), epochs = 10, verbose = 0, callbacks = list(Stop()))
  expect_length(h$metrics$loss, 2)
})

test_that("test and predict hooks and the on_batch_* aliases are called", {
  Hooks <- new_callback_class("RHooks",
    on_test_batch_end = function(batch, logs) private$test <- c(private$test, batch),
    on_predict_end = function(logs) private$predicted <- TRUE,
    on_batch_end = function(batch, logs) private$alias <- c(private$alias, batch),
    seen = function() as.list(private))
  cb <- Hooks()
  m <- tiny_model()
  m %>% fit(matrix(1, 4, 3), matrix(0, 4, 1), batch_size = 2, epochs = 1, verbose = 0, callbacks = list(cb))
  m %>% evaluate(matrix(1, 6, 3), matrix(0, 6, 1), batch_size = 3, verbose = 0, callbacks = list(cb))
  predict(m, matrix(1, 2, 3), verbose = 0, callbacks = list(cb))
  seen <- cb$seen()
  expect_identical(seen$test, c(1L, 2L))
  expect_identical(seen$alias, c(1L, 2L))
  expect_true(seen$predicted)
})

test_that("an R error in a hook during fit names the class, hook, epoch and batch", {
  Boom <- new_callback_class("RBoom",
    on_train_batch_end = function(batch, logs) if (batch == 2) stop("bad batch ", batch))
  err <- tryCatch(tiny_model() %>% fit(matrix(1, 8, 3), matrix(0, 8, 1), epochs = 1, batch_size = 2,
                                      verbose = 0, callbacks = list(Boom())),
                  error = function(e) e)
  expect_s3_class(err, "kerasbridge_method_error")
  expect_match(conditionMessage(err), "RBoom$on_train_batch_end() failed during fit(), epoch 1, batch 2: bad batch 2",
               fixed = TRUE)
})

test_that("hooks an R callback does not define are Keras' own no-ops: nothing of ours runs per batch", {
  reticulate::py_run_string(paste(
    "import keras",
    "def kb_is_keras_default(obj, name):",
    "    return getattr(type(obj), name) is getattr(keras.callbacks.Callback, name)", sep = "\n"))
  is_default <- reticulate::py_eval("kb_is_keras_default")
  calls <- new.env()
  calls$n <- 0L
  EpochOnly <- new_callback_class("REpochOnly", on_epoch_end = function(epoch, logs) calls$n <- calls$n + 1L)
  cb <- EpochOnly()
  for (hook in c("on_batch_begin", "on_batch_end", "on_train_batch_begin", "on_train_batch_end",
                 "on_test_batch_end", "on_predict_batch_end"))
    expect_true(is_default(cb, hook), label = hook)
  expect_false(is_default(cb, "on_epoch_end"))
  model <- tiny_model()
  x <- matrix(runif(48), 16, 3)
  model %>% fit(x, x[, 1], epochs = 2, batch_size = 4, verbose = 0, callbacks = list(cb))
  expect_equal(calls$n, 2L)  # once per epoch, never per batch
  Batchy <- new_callback_class("RBatchy", on_batch_end = function(batch, logs) NULL)
  expect_false(is_default(Batchy(), "on_batch_end"))
})

test_that("hooks that don't name self still reach self, super and private (found by key)", {
  expect_true(kerasbridge:::names_self(function(batch, logs) self$model))
  expect_true(kerasbridge:::names_self(function(batch, logs) lapply(1, function(i) super$on_epoch_end)))
  expect_true(kerasbridge:::names_self(function(batch, logs, m = self$model) m))
  expect_false(kerasbridge:::names_self(function(batch, logs) private$x <- logs$loss))
  Lazy <- new_callback_class("RLazySelf",
    on_train_batch_end = function(batch, logs) {
      private$batches <- c(private$batches, batch)
      if (batch == 1) private$cls <- class(get("self"))[1]
    },
    on_epoch_end = function(epoch, logs) private$epochs <- self$params$epochs,
    seen = function() as.list(private))
  cb <- Lazy()
  tiny_model() %>% fit(matrix(1, 8, 3), matrix(0, 8, 1), epochs = 1, batch_size = 4, verbose = 0,
                       callbacks = list(cb))
  seen <- cb$seen()
  expect_identical(seen$batches, c(1L, 2L))
  expect_match(seen$cls, "RLazySelf")
  expect_identical(seen$epochs, 1L)
  # an R error in such a hook is the parent of the error R users see
  Boom <- new_callback_class("RLazyBoom", on_epoch_end = function(epoch, logs) stop("bad epoch ", epoch))
  err <- tryCatch(tiny_model() %>% fit(matrix(1, 4, 3), matrix(0, 4, 1), epochs = 1, verbose = 0,
                                      callbacks = list(Boom())), error = function(e) e)
  expect_s3_class(err, "kerasbridge_method_error")
  expect_match(conditionMessage(err), "RLazyBoom$on_epoch_end() failed during fit(), epoch 1", fixed = TRUE)
  expect_match(conditionMessage(err), ": bad epoch 1", fixed = TRUE)
  expect_identical(conditionMessage(err$parent), "bad epoch 1")
})
