# Autograph benchmark (issue 9), in one process: a whole training epoch written
# as `for (batch in dataset)` inside ONE R tf_function() (autograph turns the
# loop into Dataset$reduce()) against the same loop inside one Python
# @tf.function (TensorFlow's AutoGraph does the same). Target: R / Python <= 1.05.
# Runs alternate (R, Python, R, ...) after one untimed tracing call of each.
#
#   R_LIBS=.rlib KERASBRIDGE_PYTHON=$PWD/.venv/bin/python Rscript bench/bench_autograph.R
# Env: BENCH_N (rows, default 20000), BENCH_REPS (timed epochs per side, default 5).

suppressPackageStartupMessages(library(kerasbridge))
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE))), "mlp.R"))

n <- as.integer(Sys.getenv("BENCH_N", "20000"))
reps <- as.integer(Sys.getenv("BENCH_REPS", "5"))
batch_size <- 64L

set.seed(1)
x <- matrix(runif(n * 784), n, 784)
y <- sample(0:9, n, replace = TRUE)
train <- tensor_slices_dataset(list(x, y)) %>% dataset_batch(batch_size)
steps_per_epoch <- as.integer(ceiling(n / batch_size))

# ---- R: the epoch loop in R, compiled once ----------------------------------
make_r_epoch <- function() {
  model <- make_mlp()
  loss_fn <- loss_sparse_categorical_crossentropy(from_logits = TRUE)
  optimizer <- optimizer_rmsprop(learning_rate = 1e-3)
  optimizer$build(model$trainable_weights)  # no variables may be made inside the loop
  acc <- metric_sparse_categorical_accuracy()
  epoch <- tf_function(function() {
    total <- tf$constant(0)
    steps <- tf$constant(0L)
    for (batch in train) {
      c(xb, yb) %<-% batch
      with(tf$GradientTape() %as% tape, {
        logits <- model(xb, training = TRUE)
        loss <- loss_fn(yb, logits)
      })
      grads <- tape$gradient(loss, model$trainable_weights)
      optimizer$apply_gradients(zip_lists(grads, model$trainable_weights))
      acc$update_state(yb, logits)
      total <- total + loss
      steps <- steps + 1L
    }
    list(total / tf$cast(steps, "float32"), steps)
  })
  function() {
    acc$reset_state()
    res <- epoch()
    list(loss = as.numeric(res[[1]]), steps = as.integer(res[[2]]), acc = as.numeric(acc$result()))
  }
}

# ---- Python: the same loop in one @tf.function --------------------------------
# written to a file and run from there: AutoGraph needs the function's source
# (code given to py_run_string() has none, and the loop would not be converted)
py_code <- "
import tensorflow as tf
import keras

def make_py_epoch(train):
    keras.utils.set_random_seed(1)
    inputs = keras.Input((784,))
    h = keras.layers.Dense(64, activation='relu')(inputs)
    h = keras.layers.Dense(64, activation='relu')(h)
    model = keras.Model(inputs, keras.layers.Dense(10)(h))
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.RMSprop(learning_rate=1e-3)
    optimizer.build(model.trainable_weights)
    acc = keras.metrics.SparseCategoricalAccuracy()

    @tf.function
    def epoch():
        total = tf.constant(0.0)
        steps = tf.constant(0)
        for xb, yb in train:
            with tf.GradientTape() as tape:
                logits = model(xb, training=True)
                loss = loss_fn(yb, logits)
            grads = tape.gradient(loss, model.trainable_weights)
            optimizer.apply_gradients(zip(grads, model.trainable_weights))
            acc.update_state(yb, logits)
            total += loss
            steps += 1
        return total / tf.cast(steps, tf.float32), steps

    def run():
        acc.reset_state()
        loss, steps = epoch()
        return {'loss': float(loss), 'steps': int(steps), 'acc': float(acc.result())}
    return run
"
py_file <- tempfile("bench_autograph_", fileext = ".py")
writeLines(py_code, py_file)
reticulate::py_run_file(py_file)

r_epoch <- make_r_epoch()
py_epoch <- reticulate::py$make_py_epoch(train)
timed <- function(f) {
  start <- proc.time()[["elapsed"]]
  res <- f()
  res$seconds <- proc.time()[["elapsed"]] - start
  stopifnot(res$steps == steps_per_epoch)
  res
}

first_r <- timed(r_epoch)    # includes tracing
first_py <- timed(py_epoch)
r_res <- py_res <- list()
for (i in seq_len(reps)) {
  r_res[[i]] <- timed(r_epoch)
  py_res[[i]] <- timed(py_epoch)
}
secs <- function(rs) vapply(rs, function(r) r$seconds, 0)

cat(sprintf("%d rows, batch %d, %d steps per epoch, %d timed epochs per side; load average %s\n",
            n, batch_size, steps_per_epoch, reps, paste(readLines("/proc/loadavg"), collapse = " ")))
cat(sprintf("first call (tracing + 1 epoch): R %.2f s, Python %.2f s\n", first_r$seconds, first_py$seconds))
cat(sprintf("R tf_function() epoch loop   : min %.3f  median %.3f s/epoch (last loss %.4f, acc %.4f)\n",
            min(secs(r_res)), median(secs(r_res)), r_res[[reps]]$loss, r_res[[reps]]$acc))
cat(sprintf("Python @tf.function epoch loop: min %.3f  median %.3f s/epoch (last loss %.4f, acc %.4f)\n",
            min(secs(py_res)), median(secs(py_res)), py_res[[reps]]$loss, py_res[[reps]]$acc))
cat(sprintf("ratio R / Python: min %.3f  median %.3f (target <= 1.05)\n",
            min(secs(r_res)) / min(secs(py_res)), median(secs(r_res)) / median(secs(py_res))))
