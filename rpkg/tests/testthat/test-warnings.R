# Python warnings during a call into Python become R warnings (R/errors.R:
# resignal_py_warnings(); pycore/kerasbridge/pywarnings.py).

test_that("a Python warning is an R warning of class kerasbridge_python_warning, once, with the R call", {
  skip_if_no_core()
  py <- reticulate::py_run_string(paste(
    "def twice():",
    "    import warnings",
    "    for _ in range(2): warnings.warn('watch out', UserWarning)",
    "    return 1", sep = "\n"), local = TRUE)
  f <- function() kerasbridge:::with_py_errors(py$twice())
  ws <- list()
  withCallingHandlers(f(), warning = function(w) { ws[[length(ws) + 1]] <<- w; invokeRestart("muffleWarning") })
  expect_length(ws, 1)
  expect_s3_class(ws[[1]], "kerasbridge_python_warning")
  expect_match(conditionMessage(ws[[1]]), "watch out")
  expect_match(conditionMessage(ws[[1]]), "Python UserWarning")
  expect_equal(conditionCall(ws[[1]]), quote(f()))
  expect_false(grepl("site-packages|\\.py:", conditionMessage(ws[[1]])))
})

test_that("Keras 2 argument deprecations are R deprecation warnings, once per session", {
  skip_if_no_core()
  rlang::reset_warning_verbosity("kerasbridge_deprecated_lr")  # other test files may have shown it
  expect_warning(optimizer_sgd(lr = 0.1), "`lr` is deprecated", class = "lifecycle_warning_deprecated")
  expect_no_warning <- function(expr) expect_warning(expr, NA)
  expect_no_warning(optimizer_sgd(lr = 0.1))  # shown once per session
  withr::local_options(rlib_warning_verbosity = "verbose")
  w <- expect_warning(optimizer_adam(decay = 1e-4), class = "kerasbridge_deprecated_warning")
  expect_equal(w$argument, "decay")
  expect_warning(layer_embedding(input_dim = 10, output_dim = 2, input_length = 5), "input_length",
                 class = "kerasbridge_deprecated_warning")
  expect_warning(callback_model_checkpoint(tempfile(fileext = ".keras"), period = 2), "period",
                 class = "kerasbridge_deprecated_warning")
})

test_that("warnings are R warnings, not Python text on stderr", {
  skip_if_no_core()
  withr::local_options(rlib_warning_verbosity = "verbose")
  out <- capture.output(type = "message", res <- tryCatch(optimizer_sgd(lr = 0.1), warning = function(w) w))
  expect_s3_class(res, "warning")
  expect_false(any(grepl("site-packages|DeprecationWarning:", out)))
})
