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

test_that("built-in layers carry tf.keras 2.x's layer class names", {
  skip_if_no_core()
  conv <- layer_conv_2d(filters = 2, kernel_size = 3)
  expect_s3_class(conv, "keras.layers.convolutional.Conv2D")               # tf.keras <= 2.8
  expect_s3_class(conv, "keras.layers.convolutional.conv2d.Conv2D")        # tf.keras 2.9-2.12
  expect_s3_class(layer_max_pooling_2d(), "keras.layers.pooling.MaxPooling2D")
  expect_s3_class(layer_dense(units = 1), "keras.layers.core.Dense")
  expect_false(inherits(layer_dense(units = 1), "keras.layers.convolutional.Conv2D"))
})
