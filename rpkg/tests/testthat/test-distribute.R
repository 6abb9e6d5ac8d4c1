# Issue 13: R code under a tf.distribute strategy is an R error, never an
# abort of R (pycore/kerasbridge/errors.py: check_r_thread). MirroredStrategy
# runs each replica on a thread of its own even on one device, so one device
# is enough here; tests/test_distribute.py runs two logical CPUs in a child R.

test_that("an R layer under MirroredStrategy is a kerasbridge_r_thread_error", {
  Twice <- new_layer_class("DistTwice", call = function(inputs) inputs * 2)
  strategy <- tf$distribute$MirroredStrategy(list("/cpu:0"))
  expect_equal(strategy$num_replicas_in_sync, 1)
  with(strategy$scope(), {
    inp <- keras_input(shape = 3)
    model <- keras_model(inp, layer_dense(Twice()(inp), 1))
    compile(model, loss = "mse", optimizer = "sgd")
  })
  x <- matrix(runif(24), 8); y <- matrix(runif(8), 8)
  err <- expect_error(fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0),
                      class = "kerasbridge_r_thread_error")
  expect_match(conditionMessage(err), "call() of class DistTwice", fixed = TRUE)
  expect_match(conditionMessage(err), "OneDeviceStrategy", fixed = TRUE)
})

test_that("an R loss or metric function under MirroredStrategy is a kerasbridge_r_thread_error", {
  strategy <- tf$distribute$MirroredStrategy(list("/cpu:0"))
  x <- matrix(runif(24), 8); y <- matrix(runif(8), 8)
  with(strategy$scope(), {
    inp <- keras_input(shape = 3)
    model <- keras_model(inp, layer_dense(inp, 1))
    compile(model, optimizer = "sgd", loss = function(y_true, y_pred) op_mean(op_square(y_true - y_pred)))
  })
  expect_error(fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0),
               "`loss`", class = "kerasbridge_r_thread_error")
  with(strategy$scope(), {
    inp <- keras_input(shape = 3)
    model <- keras_model(inp, layer_dense(inp, 1))
    compile(model, optimizer = "sgd", loss = "mse",
            metrics = list(custom_metric("cm", function(y_true, y_pred) op_mean(y_pred))))
  })
  expect_error(fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0),
               "custom_metric", class = "kerasbridge_r_thread_error")
})

test_that("an R layer trains under OneDeviceStrategy (R's own thread)", {
  Twice <- new_layer_class("DistTwiceOne", call = function(inputs) inputs * 2)
  strategy <- tf$distribute$OneDeviceStrategy("/cpu:0")
  with(strategy$scope(), {
    inp <- keras_input(shape = 3)
    model <- keras_model(inp, layer_dense(Twice()(inp), 1))
    compile(model, loss = "mse", optimizer = "sgd")
  })
  x <- matrix(runif(24), 8); y <- matrix(runif(8), 8)
  h <- fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0)
  expect_length(h$metrics$loss, 1)
})

test_that("tf_config_cluster() writes TF_CONFIG from an R list and reads it back", {
  old <- Sys.getenv("TF_CONFIG", NA)
  on.exit(if (is.na(old)) Sys.unsetenv("TF_CONFIG") else Sys.setenv(TF_CONFIG = old))
  Sys.unsetenv("TF_CONFIG")
  expect_null(tf_config_cluster())
  workers <- c("127.0.0.1:12345", "127.0.0.1:12346")
  tf_config_cluster(list(worker = workers), task_index = 2)
  cfg <- jsonlite::fromJSON(Sys.getenv("TF_CONFIG"))
  expect_equal(cfg$task$index, 1L)  # 0-based in TF_CONFIG
  back <- tf_config_cluster()
  expect_equal(back$task$index, 2L)  # 1-based in R
  expect_equal(unlist(back$cluster$worker), workers)
  tf_config_cluster(list(worker = "127.0.0.1:1"), task_index = 1)
  expect_equal(unlist(tf_config_cluster()$cluster$worker), "127.0.0.1:1")
  expect_error(tf_config_cluster(list(worker = workers), task_index = 3),
               class = "kerasbridge_argument_error")
  expect_error(tf_config_cluster(list(worker = workers)), "task_index")
})
