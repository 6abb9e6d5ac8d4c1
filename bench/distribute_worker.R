# A worker of bench/bench_distribute.py: the MLP of bench_fit.py (784-512-10,
# dropout 0.2, rmsprop), trained from R. Arguments: rows, epochs, "mw" for
# MultiWorkerMirroredStrategy (TF_CONFIG set by the launcher) or "none".
suppressPackageStartupMessages(library(kerasbridge))
args <- commandArgs(trailingOnly = TRUE)
rows <- as.integer(args[1]); epochs <- as.integer(args[2]); multi <- args[3] == "mw"
strategy <- if (multi) tf$distribute$MultiWorkerMirroredStrategy() else tf$distribute$get_strategy()
set.seed(1)
x <- matrix(runif(rows * 784), rows); y <- sample(0:9, rows, replace = TRUE)
with(strategy$scope(), {
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 784) %>%
    layer_dense(512, activation = "relu") %>% layer_dropout(0.2) %>%
    layer_dense(10, activation = "softmax")
  model %>% compile(optimizer = "rmsprop", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
})
started <- NULL
seconds <- numeric()
timer <- callback_lambda(
  on_epoch_begin = function(epoch, logs) started <<- Sys.time(),
  on_epoch_end = function(epoch, logs) seconds <<- c(seconds, as.numeric(Sys.time() - started, units = "secs")))
model %>% fit(x, y, epochs = epochs, batch_size = 128, shuffle = FALSE, verbose = 0, callbacks = list(timer))
cat("EPOCH_SECONDS", sprintf("%.4f", seconds), "\n")
