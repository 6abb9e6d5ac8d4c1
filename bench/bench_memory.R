# Issue 19: memory in loops a user writes (a benchmark, not a test).
#
# 1. N x (build, fit one epoch, discard) with k_clear_session() after each,
#    from R through kerasbridge; bench/bench_memory.py runs the same loop in
#    Python Keras and this script prints the ratio of the RSS growths.
# 2. 10,000 predict() calls on one model.
#
# Growth is VmRSS after the loop minus VmRSS after a warm-up iteration (so
# TensorFlow's one-time allocations are not counted).
# Rscript bench/bench_memory.R [N=500] [PREDICTS=10000]
suppressPackageStartupMessages(library(kerasbridge))
args <- as.integer(commandArgs(TRUE))
n <- if (length(args) >= 1) args[1] else 500L
n_predict <- if (length(args) >= 2) args[2] else 10000L
rss_mb <- function() {
  l <- grep("^VmRSS:", readLines("/proc/self/status"), value = TRUE)
  as.numeric(gsub("[^0-9]", "", l)) / 1024
}
set.seed(1)
x <- matrix(runif(256 * 20), ncol = 20); y <- matrix(runif(256), ncol = 1)
once <- function() {
  m <- keras_model_sequential(input_shape = 20) %>% layer_dense(32, activation = "relu") %>% layer_dense(1)
  m %>% compile(optimizer = "adam", loss = "mse")
  fit(m, x, y, epochs = 1, batch_size = 32, verbose = 0)
  rm(m)
  k_clear_session()
}
once(); invisible(gc())
r0 <- rss_mb(); t0 <- Sys.time()
for (i in seq_len(n)) once()
invisible(gc())
r_growth <- rss_mb() - r0
cat(sprintf("R build/fit/discard x %d: RSS growth %.1f MB (%.1f s)\n", n, r_growth, as.numeric(Sys.time() - t0, units = "secs")))

py <- Sys.getenv("KERASBRIDGE_PYTHON", file.path("..", ".venv", "bin", "python"))
script <- file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "bench_memory.py")
out <- system2(py, c(script, n), stdout = TRUE, env = "TF_CPP_MIN_LOG_LEVEL=2")
cat(out, sep = "\n")
py_growth <- as.numeric(sub(".*RSS growth ([-0-9.]+) MB.*", "\\1", grep("RSS growth", out, value = TRUE)))
cat(sprintf("ratio of RSS growth R / Python: %.2f\n", r_growth / py_growth))

m <- keras_model_sequential(input_shape = 20) %>% layer_dense(32, activation = "relu") %>% layer_dense(1)
small <- x[1:10, , drop = FALSE]
for (i in 1:100) predict(m, small, verbose = 0)
invisible(gc()); p0 <- rss_mb(); t0 <- Sys.time()
for (i in seq_len(n_predict)) predict(m, small, verbose = 0)
invisible(gc())
cat(sprintf("%d predict() calls on one model: RSS growth %.1f MB (%.1f s)\n", n_predict, rss_mb() - p0,
            as.numeric(Sys.time() - t0, units = "secs")))
