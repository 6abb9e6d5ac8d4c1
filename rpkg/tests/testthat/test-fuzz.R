# Fuzzing the conversion and fit()/predict() with random R values (issue 8).
# Seeded and bounded: KERASBRIDGE_FUZZ_N values per run (default 200; set it
# higher, and KERASBRIDGE_FUZZ_SEED, to search more). The values are tried in a
# child R process with a time limit, so that a crash or a hang is a test
# failure and not the end of the test run. Every failure must be an R error of
# the package's classes, from the package's own checks: not a crash, not a
# hang, not an R or reticulate error, not a Keras message passed through
# (kerasbridge_python_error).

fuzz_value <- function(i) {
  n <- sample(c(0, 1, 5, 20, 20, 20), 1)
  p <- sample(c(1, 3, 4, 4, 4, 7), 1)
  num <- function() matrix(runif(n * p, -1e3, 1e3), n, p)
  sprinkle <- function(v, what) { if (length(v)) v[sample(length(v), 1)] <- what; v }
  switch(sample(24, 1),
    num(),
    num(),
    sprinkle(num(), NA),
    sprinkle(num(), NaN),
    sprinkle(num(), Inf),
    sprinkle(num(), -Inf),
    num() * 1e308,
    matrix(sample(-5:5, n * p, TRUE), n, p),
    sprinkle(matrix(sample(-5:5, n * p, TRUE), n, p), NA_integer_),
    matrix(runif(n * p) > 0.5, n, p),
    sprinkle(matrix(runif(n * p) > 0.5, n, p), NA),
    matrix(as.character(runif(n * p)), n, p),
    matrix(complex(real = runif(n * p), imaginary = 1), n, p),
    as.raw(sample(0:255, n * p, TRUE)),
    factor(sample(letters[1:3], n, TRUE)),
    Sys.Date() + seq_len(n),
    runif(n),
    array(runif(n * p * 2), c(n, p, 2)),
    as.data.frame(num()),
    { d <- as.data.frame(num()); if (ncol(d)) d[[1]] <- sample(c("a", "b"), n, TRUE); d },
    lapply(seq_len(sample(0:3, 1)), function(k) num()),
    stats::setNames(list(num()), sample(c("a", "x", ""), 1)),
    sample(list(NULL, NA, TRUE, "x", 3, list(), character(), numeric(), -1, 1e9, NA_character_), 1)[[1]],
    { m <- num(); m[m < 500] <- 0; Matrix::Matrix(m, sparse = TRUE) }
  )
}

fuzz_run <- function(n_values, seed, out, fuzz_value) {
  library(kerasbridge)
  set.seed(seed)
  set_random_seed(seed)
  m <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 3, activation = "softmax")
  m %>% compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy")
  y_for <- function(v) {
    n <- tryCatch(NROW(v), error = function(e) 20)
    switch(sample(4, 1), rep(0:2, length.out = n), rep(0:2, length.out = 20), fuzz_value(0), NULL)
  }
  con <- file(out, "w")
  on.exit(close(con))
  for (i in seq_len(n_values)) {
    v <- fuzz_value(i)
    y <- y_for(v)
    for (what in c("fit", "predict")) {
      writeLines(sprintf("start\t%d\t%s", i, what), con); flush(con)
      res <- tryCatch({
        if (what == "fit") fit(m, v, y, epochs = 1, batch_size = 8, verbose = 0) else predict(m, v, verbose = 0)
        "ok"
      }, error = function(e) {
        cls <- class(e)
        if (!inherits(e, "kerasbridge_error") || inherits(e, "kerasbridge_python_error"))
          paste0("FOREIGN ", cls[1], ": ", gsub("[\t\n]", " ", substr(conditionMessage(e), 1, 300)),
                 " | value: ", gsub("[\t\n]", " ", substr(paste(utils::capture.output(utils::str(v)), collapse = " "), 1, 200)))
        else cls[1]
      })
      writeLines(sprintf("done\t%d\t%s\t%s", i, what, res), con); flush(con)
    }
  }
  # the model is still usable after all that
  fit(m, matrix(runif(80), 20, 4), rep(0:2, length.out = 20), epochs = 1, verbose = 0)
  writeLines("finished", con)
}

test_that("random R values give the package's errors: no crash, no hang", {
  skip_if_no_core()
  skip_if_not_installed("callr")
  n_values <- as.integer(Sys.getenv("KERASBRIDGE_FUZZ_N", "200"))
  seed <- as.integer(Sys.getenv("KERASBRIDGE_FUZZ_SEED", "8"))
  out <- tempfile(fileext = ".tsv")
  timeout <- 60 + 2 * n_values  # seconds; a hang is a timeout
  status <- tryCatch({
    callr::r(fuzz_run, list(n_values, seed, out, fuzz_value), timeout = timeout,
             env = c(callr::rcmd_safe_env(), R_LIBS = paste(.libPaths(), collapse = .Platform$path.sep)))
    "ok"
  }, callr_timeout_error = function(e) "hang", error = function(e) paste("crash:", conditionMessage(e)))
  lines <- if (file.exists(out)) readLines(out) else character()
  done <- grep("^done", lines, value = TRUE)
  results <- vapply(strsplit(done, "\t"), `[`, "", 4)
  last <- utils::tail(lines, 1)
  expect_identical(status, "ok", info = paste("last line of the child:", last))
  expect_identical(last, "finished")
  foreign <- grep("^FOREIGN", results, value = TRUE)
  expect_identical(foreign, character(), info = paste(foreign, collapse = "\n"))
  expect_equal(length(results), 2 * n_values)
  # the fuzzer reaches both sides: accepted values and rejected ones
  expect_gt(sum(results == "ok"), 0)
  expect_gt(sum(results != "ok"), 0)
  counts <- table(results[!grepl("^FOREIGN", results)])
  message(sprintf("fuzz: %d values, %d calls, %d ok, %d errors of the package's classes, %d foreign, status %s (%s)",
                  n_values, length(results), sum(results == "ok"), sum(results != "ok" & !grepl("^FOREIGN", results)),
                  length(foreign), status, paste(names(counts), counts, sep = " ", collapse = ", ")))
})
