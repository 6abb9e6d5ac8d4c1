# loss_*, metric_*, optimizer_*, callback_*, initializer_*, constraint_*,
# learning_rate_schedule_* and regularizer_* generated from tools/wrappers.dcf:
# every entry builds its Keras object; the keras3 additions compute.

object_inputs <- list(num_classes = 2, target_class_ids = c(0, 1), fn = function(y_true, y_pred) y_pred,
                      recall = 0.5, precision = 0.5, specificity = 0.5, sensitivity = 0.5,
                      initial_learning_rate = 0.1, decay_steps = 10, decay_rate = 0.9, first_decay_steps = 10,
                      filepath = "model.keras", filename = "log.csv")

test_that("every generated loss/metric/optimizer/callback/... builds its Keras object", {
  skip_if_no_core()
  kinds <- c("loss", "metric", "optimizer", "callback", "initializer", "constraint", "schedule", "regularizer")
  fns <- manifest_entries(kinds)$Function
  expect_gt(length(fns), 100)
  dir <- withr::local_tempdir()
  special <- list(optimizer_loss_scale = list(inner_optimizer = optimizer_sgd()),
                  callback_backup_and_restore = list(backup_dir = dir),
                  callback_model_checkpoint = list(filepath = file.path(dir, "m.keras")),
                  callback_csv_logger = list(filename = file.path(dir, "log.csv")))
  # STFT builds its window with scipy, which Keras does not require
  if (!reticulate::py_module_available("scipy")) fns <- setdiff(fns, "initializer_stft")
  # y_true/y_pred stay missing: the wrapper then returns the loss or metric object
  expect_equal(call_each(fns, object_inputs, special, optional = c("y_true", "y_pred")), character())
})

test_that("keras3's new losses and metrics compute Keras' numbers", {
  skip_if_no_core()
  y_true <- matrix(c(0, 1, 1, 0), 2)
  y_pred <- matrix(c(0.2, 0.7, 0.6, 0.1), 2)
  expect_equal(as.vector(as.array(loss_log_cosh(y_true, y_pred))),
               rowMeans(log(cosh(y_pred - y_true))), tolerance = 1e-5)
  expect_equal(as.vector(as.array(metric_hinge(y_true, y_pred))),
               rowMeans(pmax(1 - (2 * y_true - 1) * y_pred, 0)), tolerance = 1e-5)
  expect_equal(as.vector(as.array(metric_poisson(y_true, y_pred))),
               rowMeans(y_pred - y_true * log(y_pred + 1e-7)), tolerance = 1e-5)
  l <- loss_dice()
  expect_s3_class(l, "keras.src.losses.losses.Dice")
  expect_equal(as.numeric(as.array(l(y_true, y_true))), 0, tolerance = 1e-5)
  r2 <- metric_r2_score()
  r2$update_state(matrix(c(1, 2, 3, 4)), matrix(c(1, 2, 3, 4)))
  expect_equal(as.numeric(as.array(r2$result())), 1, tolerance = 1e-6)
})

test_that("keras3 spellings are the R keras 2.x functions", {
  skip_if_no_core()
  expect_identical(optimizer_adam_w, optimizer_adamw)
  expect_identical(metric_kullback_leibler_divergence, metric_kl_divergence)
  expect_identical(metric_logcosh_error, metric_log_cosh_error)
  # the Keras 2 names are deprecating aliases: a warning, then the keras3 function's object
  expect_warning(m <- metric_cosine_proximity(), "deprecated")
  expect_identical(class(m), class(metric_cosine_similarity()))
  expect_warning(l <- loss_cosine_proximity(), "deprecated")
  expect_identical(class(l), class(loss_cosine_similarity()))
  expect_s3_class(optimizer_adam_w(learning_rate = 0.01), "keras.src.optimizers.adamw.AdamW")
  expect_s3_class(optimizer_lamb(), "keras.src.optimizers.lamb.Lamb")
  expect_s3_class(optimizer_loss_scale(optimizer_adam()), "keras.src.optimizers.loss_scale_optimizer.LossScaleOptimizer")
  expect_s3_class(callback_terminate_on_nan(), "keras.src.callbacks.terminate_on_nan.TerminateOnNaN")
})

test_that("the new schedule and regularizer compute", {
  skip_if_no_core()
  s <- learning_rate_schedule_cosine_decay_restarts(initial_learning_rate = 0.1, first_decay_steps = 10)
  expect_equal(as.numeric(as.array(s(0))), 0.1, tolerance = 1e-6)
  expect_equal(as.numeric(as.array(s(5))), 0.05, tolerance = 1e-5)
  reg <- regularizer_orthogonal(factor = 1)
  expect_equal(as.numeric(as.array(reg(op_convert_to_tensor(diag(2), "float32")))), 0, tolerance = 1e-6)
})
