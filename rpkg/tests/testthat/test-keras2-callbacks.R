# Callback logs with Keras 2's dict idioms; callbacks without the parent initialize.

test_that("logs answer $get, [[ ]], names() and keep exact names, without Python", {
  logs <- kerasbridge:::keras2_logs(list(loss = 0.5, val_loss = 0.7))
  expect_type(logs, "list")
  expect_identical(logs$get("loss"), 0.5)
  expect_identical(logs$get("accuracy", 0), 0)
  expect_null(logs$get("accuracy"))             # dict.get(): None, not an error
  expect_identical(logs[["val_loss"]], 0.7)
  expect_identical(names(logs), c("loss", "val_loss"))
  expect_true("loss" %in% names(logs))
  expect_identical(logs$keys(), c("loss", "val_loss"))
  expect_null(logs$los)                         # no partial matching, as a dict
  logs$extra <- 1
  logs[["more"]] <- 2
  expect_identical(logs$get("extra"), 1)
  expect_identical(kerasbridge:::keras2_logs_added(NULL, logs), list(extra = 1, more = 2))
  expect_identical(kerasbridge:::keras2_logs_added(list(ret = 3), logs), list(extra = 1, more = 2, ret = 3))
  expect_output(print(logs), "<logs>")
  returned <- kerasbridge:::keras2_logs_added(logs, kerasbridge:::keras2_logs(list(loss = 1)))
  expect_identical(returned, list(loss = 0.5, val_loss = 0.7, extra = 1, more = 2))  # a plain list
})

skip_if_no_core()

tiny_fit <- function(callbacks, epochs = 2) {
  set_random_seed(0)
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = "mse")
  model %>% fit(matrix(1, 12, 3), matrix(0, 12, 1), epochs = epochs, batch_size = 4,
                validation_split = 0.25, verbose = 0, callbacks = callbacks)
}

test_that("a callback's logs answer Keras 2 dict idioms; what it adds is seen later and in the history", {
  seen <- new.env()
  Adder <- new_callback_class("RLogsAdder",
    on_epoch_end = function(epoch, logs) {
      seen$get_loss <- logs$get("loss")
      seen$missing <- logs$get("no_such_metric", -1)
      seen$missing_null <- is.null(logs$get("no_such_metric"))
      seen$has_val <- "val_loss" %in% names(logs)
      logs$loss_x2 <- logs[["loss"]] * 2           # assigned: reaches later callbacks and history
      list(loss_x3 = logs$get("loss") * 3)          # returned: the same
    })
  Reader <- new_callback_class("RLogsReader",
    on_epoch_end = function(epoch, logs) seen$later <- c(seen$later, logs$get("loss_x2")))
  lam <- callback_lambda(on_epoch_end = function(epoch, logs) {
    seen$lambda <- logs$get("loss_x3")
    logs$from_lambda <- 1
  })
  h <- tiny_fit(list(Adder(), Reader(), lam))
  expect_type(seen$get_loss, "double")
  expect_identical(seen$missing, -1)
  expect_true(seen$missing_null)
  expect_true(seen$has_val)
  expect_equal(h$metrics$loss_x2, 2 * h$metrics$loss, tolerance = 1e-6)
  expect_equal(h$metrics$loss_x3, 3 * h$metrics$loss, tolerance = 1e-6)
  expect_equal(seen$later, h$metrics$loss_x2, tolerance = 1e-6)
  expect_equal(seen$lambda, tail(h$metrics$loss_x3, 1), tolerance = 1e-6)
  expect_equal(h$metrics$from_lambda, c(1, 1))
})

test_that("a callback whose initialize never calls the parent's works, as in Keras 2", {
  Counter <- new_callback_class("RNoSuperCb",
    initialize = function(every = 1) { self$every <- every; self$n <- 0 },
    on_epoch_end = function(epoch, logs) self$n <- self$n + 1)
  cb <- Counter(2)
  expect_identical(cb$every, 2)
  tiny_fit(list(cb), epochs = 3)
  expect_identical(cb$n, 3)
})
