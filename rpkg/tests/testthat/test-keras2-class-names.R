test_that("Keras objects carry R keras 2.x's class names after Keras 3's own", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  expect_s3_class(model, "keras.engine.training.Model")
  expect_s3_class(model, "keras.engine.sequential.Sequential")
  expect_s3_class(model$layers[[1]], "keras.engine.base_layer.Layer")
  expect_s3_class(metric_auc(), "keras.metrics.Metric")
  expect_s3_class(loss_huber(), "keras.losses.Loss")
  expect_s3_class(callback_early_stopping(), "keras.callbacks.Callback")
  inp <- layer_input(shape = 2)
  expect_s3_class(keras_model(inp, layer_dense(inp, 1)), "keras.engine.functional.Functional")
  cls <- class(metric_auc())
  # Keras 3's names come first (their methods win); python.builtin.object stays last
  expect_lt(match("keras.src.metrics.metric.Metric", cls), match("keras.metrics.Metric", cls))
  expect_identical(cls[[length(cls)]], "python.builtin.object")
  # a method written for R keras 2.x's class is found
  summary_k2 <- function(object, ...) "keras2 method"
  registerS3method("format", "keras.metrics.base_metric.Metric", summary_k2, envir = globalenv())
  expect_identical(format(metric_auc()), "keras2 method")
})
