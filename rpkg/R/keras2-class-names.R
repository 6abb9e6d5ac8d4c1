# R keras 2.x's class names on Keras 3 objects. Under R keras 2.x a model's R
# class vector held "keras.engine.training.Model", a metric's
# "keras.metrics.Metric", ...: code and packages dispatch on those names
# (S3 methods, inherits(), expect_s3_class()). A reticulate class filter adds
# them (keras2_class_filter(), part of the package's one class filter in
# R/tensor-methods.R), after Keras 3's own names (so Keras 3 methods win) and before
# "python.builtin.object".

# Keras 3 class -> R keras 2.x's names for it (tf.keras 2.x spelled them with
# and, from TensorFlow 2.13, without "src").
keras2_class_names <- list(
  "keras.src.models.model.Model" = c("keras.engine.training.Model", "keras.src.engine.training.Model", "keras.models.Model"),
  "keras.src.models.sequential.Sequential" = c("keras.engine.sequential.Sequential", "keras.src.engine.sequential.Sequential"),
  "keras.src.models.functional.Functional" = c("keras.engine.functional.Functional", "keras.src.engine.functional.Functional"),
  "keras.src.layers.layer.Layer" = c("keras.engine.base_layer.Layer", "keras.src.engine.base_layer.Layer", "keras.layers.Layer"),
  "keras.src.metrics.metric.Metric" = c("keras.metrics.Metric", "keras.metrics.base_metric.Metric", "keras.src.metrics.base_metric.Metric"),
  "keras.src.losses.loss.Loss" = c("keras.losses.Loss", "keras.src.losses.Loss"),
  "keras.src.callbacks.callback.Callback" = c("keras.callbacks.Callback", "keras.src.callbacks.Callback"),
  "keras.src.optimizers.base_optimizer.BaseOptimizer" = c("keras.optimizers.optimizer.Optimizer", "keras.optimizers.Optimizer")
)

# A built-in layer's class, keras.src.layers.<package>.<module>.<Class> in Keras 3,
# was keras.layers.<package>.<module>.<Class> in tf.keras 2.9-2.12 and
# keras.layers.<package>.<Class> before (keras.layers.convolutional.Conv2D).
KERAS3_LAYER_CLASS <- "^keras[.]src[.]layers[.]([a-z0-9_]+)[.]([a-z0-9_]+)[.]([A-Za-z0-9_]+)$"

keras2_layer_class_names <- function(classes) {
  layer <- grep(KERAS3_LAYER_CLASS, classes, value = TRUE)
  if (!length(layer)) return(character())
  c(sub(KERAS3_LAYER_CLASS, "keras.layers.\\1.\\2.\\3", layer), sub(KERAS3_LAYER_CLASS, "keras.layers.\\1.\\3", layer))
}

keras2_class_filter <- function(classes) {
  hit <- names(keras2_class_names) %in% classes
  if (!any(hit)) return(classes)
  extra <- setdiff(c(keras2_layer_class_names(classes), unlist(keras2_class_names[hit], use.names = FALSE)), classes)
  n <- length(classes)
  if (n && classes[[n]] == "python.builtin.object") c(classes[-n], extra, classes[[n]]) else c(classes, extra)
}

