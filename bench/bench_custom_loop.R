# Custom training loop benchmark (issue 4), in one process:
#   1. building a dataset from a 60000 x 784 R matrix: how many copies of the data;
#   2. seconds per epoch: R loop with tf_function() on the step vs the same loop
#      in Python with @tf.function (target ratio <= 1.2);
#   3. the eager R loop vs the tf_function R loop (speed-up).
# Every loop consumes the whole dataset every epoch (steps are counted and checked).
#
#   R_LIBS=.rlib KERASBRIDGE_PYTHON=$PWD/.venv/bin/python Rscript bench/bench_custom_loop.R
# Env: BENCH_N (rows, default 60000), BENCH_EPOCHS (default 2), BENCH_EAGER_EPOCHS (default 1).

suppressPackageStartupMessages(library(kerasbridge))

n <- as.integer(Sys.getenv("BENCH_N", "60000"))
epochs <- as.integer(Sys.getenv("BENCH_EPOCHS", "2"))
eager_epochs <- as.integer(Sys.getenv("BENCH_EAGER_EPOCHS", "1"))
batch_size <- 64L

rss_mib <- function() {
  line <- grep("^VmRSS", readLines("/proc/self/status"), value = TRUE)
  as.numeric(strsplit(trimws(sub("VmRSS:", "", line)), " +")[[1]][1]) / 1024
}

set.seed(1)
x <- matrix(runif(n * 784), n, 784)
y <- sample(0:9, n, replace = TRUE)
invisible(tf$constant(1))  # start Python and TensorFlow before measuring memory

# ---- 1. copies when building the dataset ------------------------------------
invisible(gc())
before <- rss_mib()
train <- tensor_slices_dataset(list(x, y))
grown <- rss_mib() - before
float32_mib <- n * 784 * 4 / 2^20
cat(sprintf("dataset from a %d x 784 R matrix: RSS grew %.0f MiB; one float32 copy is %.0f MiB -> %.2f copies\n",
            n, grown, float32_mib, grown / float32_mib))
train <- train %>% dataset_batch(batch_size)
steps_per_epoch <- ceiling(n / batch_size)

# ---- the model and loop, R ---------------------------------------------------
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE))), "mlp.R"))

r_epochs <- function(compiled, n_epochs) {
  model <- make_mlp()
  loss_fn <- loss_sparse_categorical_crossentropy(from_logits = TRUE)
  optimizer <- optimizer_rmsprop(learning_rate = 1e-3)
  acc <- metric_sparse_categorical_accuracy()
  train_step <- function(x, y) {
    with(tf$GradientTape() %as% tape, {
      logits <- model(x, training = TRUE)
      loss <- loss_fn(y, logits)
    })
    grads <- tape$gradient(loss, model$trainable_weights)
    optimizer$apply_gradients(zip_lists(grads, model$trainable_weights))
    acc$update_state(y, logits)
    loss
  }
  if (compiled) train_step <- tf_function(train_step)
  times <- numeric()
  for (epoch in seq_len(n_epochs + compiled)) {  # a compiled loop gets a warm-up epoch (tracing)
    acc$reset_state()
    steps <- 0L
    start <- proc.time()[["elapsed"]]
    it <- as_iterator(train)
    while (!is.null(batch <- iter_next(it))) {
      c(xb, yb) %<-% batch
      loss <- train_step(xb, yb)
      steps <- steps + 1L
    }
    times <- c(times, proc.time()[["elapsed"]] - start)
    stopifnot(steps == steps_per_epoch)
  }
  if (compiled) times <- times[-1]
  list(seconds = times, acc = as.numeric(acc$result()))
}

# ---- the same loop, Python -------------------------------------------------
reticulate::py_run_string("
import time
import tensorflow as tf
import keras

def python_epochs(train, n_epochs, steps_per_epoch):
    keras.utils.set_random_seed(1)
    inputs = keras.Input((784,))
    h = keras.layers.Dense(64, activation='relu')(inputs)
    h = keras.layers.Dense(64, activation='relu')(h)
    model = keras.Model(inputs, keras.layers.Dense(10)(h))
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.RMSprop(learning_rate=1e-3)
    acc = keras.metrics.SparseCategoricalAccuracy()

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        acc.update_state(y, logits)
        return loss

    times = []
    for epoch in range(n_epochs + 1):  # warm-up epoch (tracing), as in R
        acc.reset_state()
        steps = 0
        start = time.perf_counter()
        for x, y in train:
            loss = train_step(x, y)
            steps += 1
        times.append(time.perf_counter() - start)
        assert steps == steps_per_epoch, steps
    return {'seconds': times[1:], 'acc': float(acc.result())}
")

py <- reticulate::py
# Python before and after R, so neither side gets the warmer machine
res_py <- py$python_epochs(train, epochs, as.integer(steps_per_epoch))
res_graph <- r_epochs(TRUE, epochs)
res_py2 <- py$python_epochs(train, epochs, as.integer(steps_per_epoch))
res_py$seconds <- c(unlist(res_py$seconds), unlist(res_py2$seconds))
res_eager <- r_epochs(FALSE, eager_epochs)

per_epoch <- function(r) mean(unlist(r$seconds))
cat(sprintf("steps per epoch: %d (batch %d)\n", as.integer(steps_per_epoch), batch_size))
cat(sprintf("Python @tf.function loop : %.2f s/epoch (acc %.4f)\n", per_epoch(res_py), res_py$acc))
cat(sprintf("R tf_function() loop     : %.2f s/epoch (acc %.4f)\n", per_epoch(res_graph), res_graph$acc))
cat(sprintf("R eager loop             : %.2f s/epoch\n", per_epoch(res_eager)))
cat(sprintf("ratio R tf_function / Python @tf.function: %.2f (target <= 1.2)\n", per_epoch(res_graph) / per_epoch(res_py)))
cat(sprintf("speed-up R tf_function vs R eager: %.1fx\n", per_epoch(res_eager) / per_epoch(res_graph)))
