# The bridge's fixed costs (issue 12): what an R user pays on small calls,
# R through kerasbridge against Python calling Keras directly, in ONE run.
#
#   R_LIBS=.rlib KERASBRIDGE_PYTHON=$PWD/.venv/bin/python Rscript bench/bench_bridge.R
#
# Rows (the issue's table):
#   load      whole process: `Rscript -e 'library(kerasbridge); layer_dense(units = 2)'`
#             against `python -c 'import keras; keras.layers.Dense(2)'`, wall time
#             and peak RSS from /usr/bin/time; the two alternate.
#   predict_on_batch / predict / evaluate / train_on_batch / test_on_batch
#             on 1 row (32 rows for evaluate and the *_on_batch calls), R
#             calls in an R loop, Python calls in a Python loop in the same
#             process, blocks alternating R, Python, R, ...
#   callback  an R on_batch_end hook reading logs$loss, inside fit(): fit with
#             it minus fit without it, per batch; each call timed inside fit()
#             (new_callback_class() and callback_lambda()); the hook called
#             alone from Python; and the floor: an empty R function(batch, logs)
#             called from Python through reticulate.
#   tensor    (opt-in: BENCH_ONLY=tensor) S3 methods on small eager tensors:
#             `a + b` (3 floats each) and `m[2, 1:3]` (a 3x4 matrix) from R,
#             against `a + b` and `m[1, 0:3]` in Python (issue 18: R tensorflow's
#             methods add at most 20 us per call).
# Each block gives one mean per call; min and median are over blocks; ratios
# are R / Python of the medians (and of the mins).
#
# Env: BENCH_REPS (blocks per side, default 7), BENCH_LOAD_REPS (processes per
# side, default 3), BENCH_PROFILE=1 (also time the steps of the load: R alone,
# library() alone, import tensorflow / keras / kerasbridge), BENCH_ONLY
# (comma-separated rows: load,small,callback,tensor), BENCH_JSON (write results there).

suppressPackageStartupMessages(library(kerasbridge))
reps <- as.integer(Sys.getenv("BENCH_REPS", "7"))
load_reps <- as.integer(Sys.getenv("BENCH_LOAD_REPS", "3"))
only <- strsplit(Sys.getenv("BENCH_ONLY", "load,small,callback"), ",")[[1]]
python <- Sys.getenv("KERASBRIDGE_PYTHON", Sys.getenv("RETICULATE_PYTHON", "python3"))
results <- list()

summ <- function(r, p) {
  list(r_min = min(r), r_median = stats::median(r), py_min = min(p), py_median = stats::median(p),
       ratio_median = stats::median(r) / stats::median(p), ratio_min = min(r) / min(p))
}
row_line <- function(label, s, unit, scale = 1, digits = 2) {
  f <- function(v) formatC(v * scale, format = "f", digits = digits)
  cat(sprintf("%-34s R %s / %s   Python %s / %s %-3s  ratio %.2f (min %.2f)\n", label,
              f(s$r_min), f(s$r_median), f(s$py_min), f(s$py_median), unit, s$ratio_median, s$ratio_min))
}
cat(sprintf("load average before: %s\n", paste(readLines("/proc/loadavg", warn = FALSE), collapse = "")))
cat("times: min / median over blocks; ratio = R median / Python median\n\n")

# ---- load: whole processes, alternating ---------------------------------------
timed_process <- function(cmd, args) {
  out <- tempfile()
  on.exit(unlink(out))
  status <- system2("/usr/bin/time", c("-f", shQuote("%e %M %U %S"), "-o", out, cmd, args), stdout = FALSE, stderr = FALSE)
  if (status != 0) stop("benchmark process failed: ", cmd, " ", paste(args, collapse = " "))
  v <- scan(out, quiet = TRUE, what = "")
  v <- as.numeric(utils::tail(v, 4))
  c(seconds = v[[1]], mib = v[[2]] / 1024, cpu = v[[3]] + v[[4]])
}
rscript <- file.path(R.home("bin"), "Rscript")
r_load <- c("-e", shQuote("suppressPackageStartupMessages(library(kerasbridge)); invisible(layer_dense(units = 2))"))
py_load <- c("-c", shQuote("import keras; keras.layers.Dense(2)"))
if ("load" %in% only) {
  Sys.setenv(TF_CPP_MIN_LOG_LEVEL = "2")
  lr <- lp <- NULL
  for (i in seq_len(load_reps)) {
    lp <- rbind(lp, timed_process(python, py_load))
    lr <- rbind(lr, timed_process(rscript, r_load))
  }
  s <- summ(lr[, "seconds"], lp[, "seconds"])
  row_line("load + first layer (s)", s, "s")
  s_cpu <- summ(lr[, "cpu"], lp[, "cpu"])
  row_line("  same, process CPU time (s)", s_cpu, "s")
  mem <- list(r_peak_mib = min(lr[, "mib"]), py_peak_mib = min(lp[, "mib"]))
  cat(sprintf("%-34s R %.0f MiB   Python %.0f MiB   R extra %+.0f MiB\n", "  peak RSS (min over processes)",
              mem$r_peak_mib, mem$py_peak_mib, mem$r_peak_mib - mem$py_peak_mib))
  results$load <- c(s, mem, list(cpu = s_cpu))
  if (Sys.getenv("BENCH_PROFILE") == "1") {
    steps <- list(
      "R alone (Rscript -e 0)" = list(rscript, c("-e", "0")),
      "R + library(reticulate) (loads Matrix)" = list(rscript, c("-e", shQuote("suppressPackageStartupMessages(library(reticulate))"))),
      "R + library(kerasbridge), no Python" = list(rscript, c("-e", shQuote("suppressPackageStartupMessages(library(kerasbridge))"))),
      "R + reticulate starts Python" = list(rscript, c("-e", shQuote(sprintf("reticulate::use_python('%s', required = TRUE); invisible(reticulate::import('sys'))", python)))),
      "python -c pass" = list(python, c("-c", "pass")),
      "python: import tensorflow" = list(python, c("-c", shQuote("import tensorflow"))),
      "python: import keras" = list(python, c("-c", shQuote("import keras"))),
      "python: import kerasbridge" = list(python, c("-c", shQuote("import kerasbridge"))))
    prof <- list()
    for (nm in names(steps)) {
      v <- replicate(load_reps, timed_process(steps[[nm]][[1]], steps[[nm]][[2]]))
      prof[[nm]] <- c(seconds = min(v["seconds", ]), mib = min(v["mib", ]))
      prof[[nm]][["cpu"]] <- min(v["cpu", ])
      cat(sprintf("  %-40s %6.2f s  CPU %5.2f s  %5.0f MiB (min of %d)\n", nm, prof[[nm]][["seconds"]],
                  prof[[nm]][["cpu"]], prof[[nm]][["mib"]], load_reps))
    }
    results$load_profile <- prof
  }
  cat("\n")
}

# ---- small calls: same model, R loop against Python loop ---------------------
invisible(kerasbridge:::core())
reticulate::py_run_string('
import time
def kb_bench_block(fn, n):
    t = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t) / n
def kb_bind(f, *a, **k):
    return lambda: f(*a, **k)
')
pym <- reticulate::import_main(convert = FALSE)
py_get_item_fn <- function(tuple, i) reticulate::py_get_item(tuple, i)
py_block <- function(fn, n) reticulate::py_to_r(pym$kb_bench_block(fn, as.integer(n)))
r_block <- function(fn, n) {
  t <- proc.time()[["elapsed"]]
  for (i in seq_len(n)) fn()
  (proc.time()[["elapsed"]] - t) / n
}
# blocks alternate Python, R, Python, R ... so load changes hit both alike
paired <- function(r_fn, py_fn, n) {
  r_fn(); r_fn(); py_block(py_fn, 2)   # warm: traces, caches
  r <- p <- numeric()
  for (i in seq_len(reps)) {
    p <- c(p, py_block(py_fn, n))
    r <- c(r, r_block(r_fn, n))
  }
  summ(r, p)
}

if ("small" %in% only) {
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 784) %>%
    layer_dense(units = 128, activation = "relu") %>% layer_dense(units = 10, activation = "softmax")
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  x1 <- matrix(runif(784), 1)
  x32 <- matrix(runif(32 * 784), 32)
  y32 <- sample(0:9, 32, TRUE)
  np <- reticulate::import("numpy", convert = FALSE)
  # Python's own arrays, as a Python user would hold them (row-major float64)
  px1 <- np$array(x1); px32 <- np$array(x32); py32 <- np$array(y32)
  pmodel <- reticulate::r_to_py(model)
  pf <- pym$kb_bind
  cat("model: Dense 784-128-10 (relu, softmax), adam, sparse_categorical_crossentropy + accuracy\n")
  small <- list(
    predict_on_batch_1row = list(function() predict_on_batch(model, x1),
                                 pf(pmodel$predict_on_batch, px1), 200, 1e3, "ms"),
    predict_1row = list(function() predict(model, x1, verbose = 0),
                        pf(pmodel$predict, px1, verbose = 0L), 20, 1e3, "ms"),
    evaluate_32rows = list(function() evaluate(model, x32, y32, verbose = 0),
                           pf(pmodel$evaluate, px32, py32, verbose = 0L), 20, 1e3, "ms"),
    train_on_batch_32rows = list(function() train_on_batch(model, x32, y32),
                                 pf(pmodel$train_on_batch, px32, py32), 100, 1e3, "ms"),
    test_on_batch_32rows = list(function() test_on_batch(model, x32, y32),
                                pf(pmodel$test_on_batch, px32, py32), 100, 1e3, "ms"))
  for (nm in names(small)) {
    b <- small[[nm]]
    s <- paired(b[[1]], b[[2]], b[[3]])
    row_line(nm, s, b[[5]], scale = b[[4]], digits = 3)
    results[[nm]] <- s
  }
  # the numbers must be Keras' own
  stopifnot(identical(predict(model, x1, verbose = 0),
                      reticulate::py_to_r(pmodel$predict(np$array(x1, dtype = "float32"), verbose = 0L))))
  cat("\n")
}

# ---- an R callback inside fit() ----------------------------------------------
if ("callback" %in% only) {
  seen <- new.env()
  seen$loss <- 0
  RCb <- new_callback_class("BenchBatchEndR", on_batch_end = function(batch, logs) seen$loss <- logs$loss)
  LCb <- function() callback_lambda(on_batch_end = function(batch, logs) seen$loss <- logs$loss)
  reticulate::py_run_string('
import keras
import kerasbridge as kb
def _py_batch_end(self, batch, logs):
    self.loss = logs["loss"]
PyCb = kb.new_callback_class("BenchBatchEndPy", on_batch_end=_py_batch_end)
def kb_hook_block(cb, n):
    logs = {"loss": 0.5, "accuracy": 0.25}
    t = time.perf_counter()
    for i in range(n):
        cb.on_train_batch_end(i, logs)
    return (time.perf_counter() - t) / n
class TimedHook(keras.callbacks.Callback):
    """Runs `inner` as Keras would and times each on_train_batch_end call."""
    def __init__(self, inner):
        super().__init__()
        self.inner, self.times = inner, []
    def set_model(self, model):
        self.inner.set_model(model)
    def set_params(self, params):
        self.inner.set_params(params)
    def on_train_begin(self, logs=None):
        self.inner.on_train_begin(logs)
    def on_train_end(self, logs=None):
        self.inner.on_train_end(logs)
    def on_epoch_begin(self, epoch, logs=None):
        self.inner.on_epoch_begin(epoch, logs)
    def on_epoch_end(self, epoch, logs=None):
        self.inner.on_epoch_end(epoch, logs)
    def on_train_batch_end(self, batch, logs=None):
        t = time.perf_counter()
        self.inner.on_train_batch_end(batch, logs)
        self.times.append(time.perf_counter() - t)
def kb_median_us(timed):
    import statistics
    return statistics.median(timed.times) * 1e6
def kb_empty_block(f, n):
    t = time.perf_counter()
    for i in range(n):
        f(i, None)
    return (time.perf_counter() - t) / n
')
  n <- 4096L; bs <- 16L; batches <- n / bs
  xf <- matrix(runif(n * 8), n, 8); yf <- matrix(rowSums(xf), n, 1)
  xp <- np_array(xf, dtype = "float32"); yp <- np_array(yf, dtype = "float32")
  one_fit <- function(cbs) {
    set_random_seed(1)
    m <- keras_model_sequential(input_shape = 8) %>% layer_dense(units = 1)
    m %>% compile(optimizer = "sgd", loss = "mse")
    t <- proc.time()
    fit(m, xp, yp, batch_size = bs, epochs = 2, verbose = 0, shuffle = FALSE, callbacks = cbs)
    d <- proc.time() - t
    c(wall = d[["elapsed"]], cpu = d[["user.self"]] + d[["sys.self"]])
  }
  one_fit(list()); one_fit(list(RCb())); one_fit(list(pym$PyCb()))
  none <- r <- p <- NULL
  for (i in seq_len(reps)) {
    none <- rbind(none, one_fit(list()))
    r <- rbind(r, one_fit(list(RCb())))
    p <- rbind(p, one_fit(list(pym$PyCb())))
  }
  per_batch <- function(a, b) (stats::median(a) - stats::median(b)) / (2 * batches)
  added <- list(r_wall = per_batch(r[, "wall"], none[, "wall"]), py_wall = per_batch(p[, "wall"], none[, "wall"]),
                r_cpu = per_batch(r[, "cpu"], none[, "cpu"]), py_cpu = per_batch(p[, "cpu"], none[, "cpu"]),
                fit_none_median_s = stats::median(none[, "wall"]))
  stopifnot(seen$loss > 0)
  cat(sprintf("%-34s R %.1f   Python %.1f us per batch (median fit with - without, / %d batches)\n",
              "on_batch_end inside fit()", added$r_wall * 1e6, added$py_wall * 1e6, 2 * batches))
  cat(sprintf("%-34s R %.1f   Python %.1f us per batch\n", "  same, process CPU time", added$r_cpu * 1e6, added$py_cpu * 1e6))
  # the hook timed where Keras calls it, inside fit(): median per call
  # R: new_callback_class() hook; lambda: the same R function in callback_lambda()
  timed <- list(r = numeric(), python = numeric(), lambda = numeric())
  for (i in seq_len(reps)) {
    for (side in c("python", "r", "lambda")) {
      tcb <- pym$TimedHook(switch(side, r = RCb(), lambda = LCb(), python = pym$PyCb()))
      one_fit(list(tcb))
      timed[[side]] <- c(timed[[side]], reticulate::py_to_r(pym$kb_median_us(tcb)))
    }
  }
  in_fit <- summ(timed$r, timed$python)
  row_line("on_batch_end, per call inside fit()", in_fit, "us", digits = 1)
  in_fit_lambda <- summ(timed$lambda, timed$python)
  row_line("  callback_lambda(), inside fit()", in_fit_lambda, "us", digits = 1)
  rcb <- RCb(); pcb <- pym$PyCb(); lcb <- LCb()
  alone <- list(r = numeric(), python = numeric(), lambda = numeric())
  for (i in seq_len(reps)) {
    alone$python <- c(alone$python, reticulate::py_to_r(pym$kb_hook_block(pcb, 2000L)))
    alone$r <- c(alone$r, reticulate::py_to_r(pym$kb_hook_block(rcb, 2000L)))
    alone$lambda <- c(alone$lambda, reticulate::py_to_r(pym$kb_hook_block(lcb, 2000L)))
  }
  hook <- summ(alone$r, alone$python)
  row_line("  hook called alone from Python", hook, "us", scale = 1e6, digits = 1)
  hook_lambda <- summ(alone$lambda, alone$python)
  row_line("  callback_lambda() alone", hook_lambda, "us", scale = 1e6, digits = 1)
  # the floor: an empty R function(batch, logs) called from Python; R functions
  # handed to the core come with convert = TRUE (arguments converted in C++),
  # reticulate::r_to_py()'s default (convert = FALSE) wraps each argument
  floor_of <- function(convert) {
    empty <- reticulate::r_to_py(function(batch, logs) NULL, convert = convert)
    min(replicate(reps, reticulate::py_to_r(pym$kb_empty_block(empty, 2000L)))) * 1e6
  }
  floor_us <- floor_of(TRUE)
  floor_noconvert_us <- floor_of(FALSE)
  cat(sprintf("%-34s %.1f us (convert = FALSE: %.1f us; reticulate %s)\n", "  floor: empty R function from Python",
              floor_us, floor_noconvert_us, as.character(utils::packageVersion("reticulate"))))
  results$callback <- c(added, list(in_fit = in_fit, in_fit_lambda = in_fit_lambda, hook = hook,
                                    hook_lambda = hook_lambda, empty_r_function_us = floor_us,
                                    empty_r_function_noconvert_us = floor_noconvert_us))
}

if ("tensor" %in% only) {
  reticulate::py_run_string("
import tensorflow as tf
def kb_tensor_ops():
    a = tf.constant([1.0, 2.0, 3.0]); b = tf.constant([4.0, 5.0, 6.0])
    m = tf.reshape(tf.range(12), (4, 3))
    return (lambda: a + b), (lambda: m[1, 0:3])
")
  ops <- pym$kb_tensor_ops()
  a <- tf$constant(c(1, 2, 3)); b <- tf$constant(c(4, 5, 6))
  m <- tf$constant(matrix(1:12, 4, byrow = TRUE))
  rows <- list(tensor_plus = list(function() a + b, py_get_item_fn(ops, 0L)),
               tensor_extract = list(function() m[2, 1:3], py_get_item_fn(ops, 1L)))
  for (nm in names(rows)) {
    s <- paired(rows[[nm]][[1]], rows[[nm]][[2]], 2000)
    row_line(nm, s, "us", scale = 1e6, digits = 1)
    results[[nm]] <- s
  }
}

cat(sprintf("\nload average after: %s\n", paste(readLines("/proc/loadavg", warn = FALSE), collapse = "")))
json <- Sys.getenv("BENCH_JSON", "")
if (nzchar(json)) jsonlite::write_json(results, json, auto_unbox = TRUE, pretty = TRUE, digits = NA)
