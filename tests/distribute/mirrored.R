# Run by tests/test_distribute.py in a fresh R: MirroredStrategy over two
# logical CPU devices (configured before TensorFlow starts) with R-defined
# layers, losses, metrics, dataset functions and train_step; each line printed
# is checked by the test.
suppressPackageStartupMessages(library(kerasbridge))
cpu <- tf$config$list_physical_devices("CPU")[[1]]
tf$config$set_logical_device_configuration(cpu, list(tf$config$LogicalDeviceConfiguration(),
                                                     tf$config$LogicalDeviceConfiguration()))
set.seed(1); x <- matrix(runif(64 * 4), 64); y <- matrix(runif(64), 64)

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE))), "classes.R"))
r_mse <- function(y_true, y_pred) op_mean(op_square(y_true - y_pred), axis = -1)

build <- function(r_code, ctor = keras_model) {
  set_random_seed(1)
  inp <- keras_input(shape = 4)
  h <- if (r_code) Scale()(inp) else inp
  model <- ctor(inp, h %>% layer_dense(4, activation = "relu") %>% layer_dense(1))
  compile(model, optimizer = optimizer_sgd(learning_rate = 0.1),
          loss = if (r_code) r_mse else "mse",
          metrics = if (r_code) list(MeanPred()) else if (identical(ctor, keras_model)) "mae")
  model
}
train <- function(strategy, r_code, data = NULL, ctor = keras_model) {
  model <- if (is.null(strategy)) build(r_code, ctor) else with(strategy$scope(), build(r_code, ctor))
  h <- if (is.null(data)) fit(model, x, y, epochs = 2, batch_size = 16, shuffle = FALSE, verbose = 0)
       else fit(model, data, epochs = 2, verbose = 0)
  list(weights = unlist(lapply(get_weights(model), as.numeric)), history = unlist(h$metrics))
}
compare <- function(label, expr_a, expr_b) {
  out <- tryCatch({
    a <- expr_a; b <- expr_b
    sprintf("trained weights %.3g history %.3g", max(abs(a$weights - b$weights)),
            max(abs(a$history - b$history)))
  }, error = function(e) paste(class(e)[1], gsub("\n", " ", conditionMessage(e))))
  cat(label, out, "\n")
}

mirrored <- tf$distribute$MirroredStrategy(list("/cpu:0", "/cpu:1"))
cat("REPLICAS", mirrored$num_replicas_in_sync, "\n")
compare("PLAIN", train(mirrored, FALSE), train(NULL, FALSE))
compare("R-CODE", train(mirrored, TRUE), train(NULL, TRUE))
r_activation <- function() {
  set_random_seed(1)
  inp <- keras_input(shape = 4)
  h <- inp %>% layer_dense(4, activation = function(x) op_relu(x)) %>%
    layer_lambda(function(x) x * 2)
  model <- keras_model(inp, layer_dense(h, 1))
  compile(model, optimizer = optimizer_sgd(learning_rate = 0.1), loss = "mse")
  model
}
train_activation <- function(strategy) {
  model <- if (is.null(strategy)) r_activation() else with(strategy$scope(), r_activation())
  h <- fit(model, x, y, epochs = 2, batch_size = 16, shuffle = FALSE, verbose = 0)
  list(weights = unlist(lapply(get_weights(model), as.numeric)), history = unlist(h$metrics))
}
compare("R-ACTIVATION-LAMBDA", train_activation(mirrored), train_activation(NULL))
doubled <- function() tensor_slices_dataset(list(x, y)) %>%
  dataset_map(function(a, b) list(a * 2, b)) %>% dataset_batch(16)
compare("R-DATASET-MAP", train(mirrored, TRUE, doubled()), train(NULL, TRUE, doubled()))
compare("R-TRAIN-STEP-ONE-DEVICE",
        train(tf$distribute$MirroredStrategy(list("/cpu:0")), FALSE, ctor = KerasTwoStep),
        train(NULL, FALSE, ctor = KerasTwoStep))
compare("R-TRAIN-STEP-TWO-DEVICES", train(mirrored, FALSE, ctor = KerasTwoStep), train(NULL, FALSE))
cat("STILL ALIVE\n")
