# Issue 19: what keeping a model in an R value costs (a benchmark, not a test):
# bytes and seconds of serialize()/unserialize() and saveRDS()/readRDS() for a
# model of about 1M parameters, compiled with Adam and trained one step (so
# its optimizer state, two slots per weight, travels too).
# Rscript bench/bench_rvalues.R
suppressPackageStartupMessages(library(kerasbridge))
set_random_seed(1)
m <- keras_model_sequential(input_shape = 1000) %>% layer_dense(1000)
m %>% compile(optimizer = "adam", loss = "mse")
x <- matrix(runif(32 * 1000), 32); y <- matrix(runif(32 * 1000), 32)
invisible(train_on_batch(m, x, y))
cat(sprintf("parameters: %d\n", count_params(m)))
time <- function(expr) { t0 <- Sys.time(); force(expr); as.numeric(Sys.time() - t0, units = "secs") }
best <- function(f, k = 3) min(vapply(seq_len(k), function(i) time(f()), 0))
b <- serialize(m, NULL)
cat(sprintf("serialize():   %.1f MB, %.2f s\n", length(b) / 2^20, best(function() serialize(m, NULL))))
cat(sprintf("unserialize(): %.2f s\n", best(function() unserialize(b))))
f <- tempfile(fileext = ".rds")
t_save <- best(function() saveRDS(m, f))
cat(sprintf("saveRDS():     %.1f MB on disk (gzip), %.2f s\n", file.size(f) / 2^20, t_save))
cat(sprintf("readRDS():     %.2f s (Python already running)\n", best(function() readRDS(f))))
p <- predict(m, x, verbose = 0)
stopifnot(identical(predict(readRDS(f), x, verbose = 0), p))
