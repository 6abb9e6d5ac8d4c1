# Core exceptions -> R conditions. The core writes each message once (in R
# terms, because the R front end is active); here it only gets an R class.

py_error_class <- function(type_name) {
  snake <- gsub("([a-z0-9])([A-Z])", "\\1_\\2", type_name)
  paste0("kerasbridge_", tolower(snake))
}

kerasbridge_error_types <- c(
  "KerasBridgeError", "InputShapeError", "LabelRangeError", "MissingValueError",
  "UnknownIdentifierError", "SampleCountError", "InputNameError",
  "ArgumentError", "UndefinedClassError", "MethodError")

# Rethrow a Python error caught in R as an R error with a kerasbridge class.
rethrow_py_error <- function(e, call) {
  info <- tryCatch(reticulate::py_last_error(), error = function(e2) NULL)
  type <- if (!is.null(info)) info$type else NULL
  msg <- conditionMessage(e)
  if (!is.null(info) && !is.null(info$value)) msg <- info$value
  # reticulate prefixes the Python type and appends a traceback hint
  msg <- sub("^[A-Za-z_.]*(Error|Exception): ", "", msg)
  msg <- sub("\n+(Detailed traceback|Run `reticulate::py_last_error\\(\\)`).*$", "", msg)
  msg <- gsub("\033\\[[0-9;]*m", "", msg)  # Keras colours some messages
  if (!is.null(type) && type %in% kerasbridge_error_types) {
    # The core wrote this message for R users: repeating the Python error as a
    # "Caused by" would only echo it, so it is kept as a field instead.
    cls <- c(py_error_class(type), "kerasbridge_error")
    # A failing R method (MethodError): its original R error becomes the parent.
    if (identical(type, "MethodError"))
      rlang::abort(msg, class = cls, call = call, parent = method_error_parent(msg) %||% e, python_error = e)
    rlang::abort(msg, class = cls, call = call, python_error = e)
  }
  rlang::abort(c(msg, i = if (!is.null(type)) paste0("Raised by Keras/TensorFlow as a Python ", type, ".")),
               class = c("kerasbridge_python_error", "kerasbridge_error"), parent = e, call = call)
}

#' Call a function of the Python core, with R errors.
#' @param fn name of a function in the core module (dots allowed: "training.fit").
#' @keywords internal
call_core <- function(fn, ..., .call = rlang::caller_env()) {
  f <- core()
  for (part in strsplit(fn, ".", fixed = TRUE)[[1]]) f <- f[[part]]
  with_py_errors(f(...), .call = .call)
}

# Run R code that calls Python (core functions, Keras methods) with R errors.
# reticulate 1.28 raises a Python exception as an Rcpp::exception whose message
# starts with the Python type (the python.builtin.Exception class arrived in
# 1.29); any other R error passes through unchanged.
with_py_errors <- function(expr, .call = rlang::caller_env()) {
  tryCatch(expr, error = function(e) {
    if (is_python_error(e)) rethrow_py_error(e, .call)
    stop(e)
  })
}

is_python_error <- function(e) {
  inherits(e, "python.builtin.Exception") ||
    (inherits(e, "Rcpp::exception") && grepl("^[A-Za-z_][A-Za-z0-9_.]*: ", conditionMessage(e)))
}
