# Issue 13: R code under tf.distribute strategies runs on R's thread
# (pycore/kerasbridge/replicas.py). One device in this process here (logical
# devices must be set before TensorFlow starts): tests/test_distribute.py runs
# two logical CPUs and 2-3 worker processes in child R sessions.

train_small <- function(strategy, build) {
  x <- matrix(runif(24), 8); y <- matrix(runif(8), 8)
  model <- with(strategy$scope(), build())
  fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0)
}

test_that("an R layer trains under MirroredStrategy (which runs replicas on threads of their own)", {
  Twice <- new_layer_class("DistTwice", call = function(inputs) inputs * 2)
  strategy <- tf$distribute$MirroredStrategy(list("/cpu:0"))
  expect_equal(strategy$num_replicas_in_sync, 1)
  h <- train_small(strategy, function() {
    inp <- keras_input(shape = 3)
    model <- keras_model(inp, layer_dense(Twice()(inp), 1))
    compile(model, loss = "mse", optimizer = "sgd")
  })
  expect_length(h$metrics$loss, 1)
})

test_that("R loss and metric functions train under MirroredStrategy", {
  strategy <- tf$distribute$MirroredStrategy(list("/cpu:0"))
  h <- train_small(strategy, function() {
    inp <- keras_input(shape = 3)
    model <- keras_model(inp, layer_dense(inp, 1))
    compile(model, optimizer = "sgd", loss = function(y_true, y_pred) op_mean(op_square(y_true - y_pred)),
            metrics = list(custom_metric("cm", function(y_true, y_pred) op_mean(y_pred))))
  })
  expect_setequal(names(h$metrics), c("loss", "cm"))
})

test_that("an R layer trains under OneDeviceStrategy", {
  Twice <- new_layer_class("DistTwiceOne", call = function(inputs) inputs * 2)
  h <- train_small(tf$distribute$OneDeviceStrategy("/cpu:0"), function() {
    inp <- keras_input(shape = 3)
    model <- keras_model(inp, layer_dense(Twice()(inp), 1))
    compile(model, loss = "mse", optimizer = "sgd")
  })
  expect_length(h$metrics$loss, 1)
})

test_that("TF_CONFIG set with Sys.setenv() reaches TensorFlow after Python started", {
  old <- Sys.getenv("TF_CONFIG", NA)
  on.exit(if (is.na(old)) Sys.unsetenv("TF_CONFIG") else Sys.setenv(TF_CONFIG = old))
  Sys.setenv(TF_CONFIG = '{"cluster": {"worker": ["127.0.0.1:1", "127.0.0.1:2"]}, "task": {"type": "worker", "index": 1}}')
  resolver <- tf$distribute$cluster_resolver$TFConfigClusterResolver()
  expect_equal(resolver$task_id, 1L)
  expect_false(is_chief())
  Sys.unsetenv("TF_CONFIG")
  expect_null(tf_config_cluster())
  expect_true(is_chief())
})

test_that("is_chief() follows TF_CONFIG; dataset_shard_policy() sets the policy", {
  old <- Sys.getenv("TF_CONFIG", NA)
  on.exit(if (is.na(old)) Sys.unsetenv("TF_CONFIG") else Sys.setenv(TF_CONFIG = old))
  Sys.unsetenv("TF_CONFIG")
  expect_true(is_chief())
  tf_config_cluster(list(worker = c("127.0.0.1:1", "127.0.0.1:2")), task_index = 2)
  expect_false(is_chief())
  tf_config_cluster(list(worker = c("127.0.0.1:1", "127.0.0.1:2")), task_index = 1)
  expect_true(is_chief())
  ds <- dataset_shard_policy(tensor_slices_dataset(1:4), "data")
  expect_equal(ds$options()$experimental_distribute$auto_shard_policy,
               tf$data$experimental$AutoShardPolicy$DATA)
  expect_error(dataset_shard_policy(ds, "rows"), "policy", class = "kerasbridge_argument_error")
})

test_that("launch_workers() runs n workers of a script, each with its TF_CONFIG", {
  script <- tempfile(fileext = ".R")
  writeLines(c('cfg <- jsonlite::fromJSON(Sys.getenv("TF_CONFIG"))',
               'cat("worker", cfg$task$index, "of", length(cfg$cluster$worker), commandArgs(TRUE), "\\n")'),
             script)
  run <- launch_workers(script, n = 2, args = "hello", timeout = 60)
  expect_identical(run$status, c(0L, 0L))
  expect_match(run$output[1], "worker 0 of 2 hello", fixed = TRUE)  # TF_CONFIG itself counts from 0
  expect_match(run$output[2], "worker 1 of 2 hello", fixed = TRUE)
  expect_identical(basename(run$logs), c("worker-1.log", "worker-2.log"))
  err <- expect_error(launch_workers("no-such-script.R"), class = "kerasbridge_argument_error")
  expect_match(conditionMessage(err), "no-such-script.R", fixed = TRUE)
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
