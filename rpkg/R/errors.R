# Core exceptions -> R conditions. The core writes each message once (in R
# terms, because the R front end is active); here it only gets an R class.

#' Signal a kerasbridge error
#'
#' The one way the R side raises an error: a cli-formatted message (a vector
#' with `x`/`i` bullets, interpolated in the caller's environment) with the
#' classes `kerasbridge_<kind>_error` and `kerasbridge_error`.
#' @param message a cli message vector.
#' @param kind the middle of the condition class, e.g. `"argument"`.
#' @param call the call the error is reported against.
#' @param ... fields added to the condition.
#' @param parent a condition that caused this one.
#' @param .envir where `{...}` in the message is evaluated.
#' @keywords internal
#' @noRd
abort_kb <- function(message, kind = "argument", call = rlang::caller_env(), ...,
                     parent = NULL, .envir = parent.frame()) {
  cli::cli_abort(message, class = c(paste0("kerasbridge_", kind, "_error"), "kerasbridge_error"),
                 call = call, ..., parent = parent, .envir = .envir)
}

# R conditions raised inside R functions that Python called (R methods,
# dataset_map functions, tf_function bodies), each under a fresh id until the
# R code that made the Python call takes it back. The id travels in the Python
# exception (`r_error_id`), so nothing is matched by message text.
.kb_r_errors <- new.env(parent = emptyenv())
.kb_r_errors$store <- new.env(parent = emptyenv())
.kb_r_errors$n <- 0L

# The value an R function called from Python returns instead of raising
# (reticulate 1.28 would turn the error into a bare RuntimeError): the core
# raises it as an exception carrying the id (pycore/kerasbridge/errors.py).
keep_r_error <- function(e) {
  core()$errors$RFailure(keep_r_error_id(e), conditionMessage(e))
}

# The id `e` is kept under.
keep_r_error_id <- function(e) {
  # A Python error coming back up through this R function was raised for an
  # inner R function: keep the innermost R condition, under its id.
  id <- if (is_python_error(e)) py_condition_info()$r_error_id else NULL
  if (is.null(id)) {
    .kb_r_errors$n <- .kb_r_errors$n + 1L
    id <- paste0("r", .kb_r_errors$n)
    assign(id, e, envir = .kb_r_errors$store)
    # an error Python swallowed is never taken: keep only the most recent ones
    old <- paste0("r", .kb_r_errors$n - 100L)
    if (exists(old, envir = .kb_r_errors$store, inherits = FALSE)) rm(list = old, envir = .kb_r_errors$store)
  }
  id
}

# The R condition kept under `id`, removed from the store; NULL if none.
take_r_error <- function(id) {
  if (is.null(id) || !exists(id, envir = .kb_r_errors$store, inherits = FALSE)) return(NULL)
  e <- get(id, envir = .kb_r_errors$store, inherits = FALSE)
  rm(list = id, envir = .kb_r_errors$store)
  e
}

# The R class (declared once, on each core error class) and the kept R
# condition's id of the last Python exception; NULLs when there is none.
py_condition_info <- function(info = reticulate::py_last_error()) {
  exc <- attr(info, "exception", exact = TRUE)
  if (is.null(exc)) return(list())
  tryCatch(core()$errors$r_condition_info(exc), error = function(e) list())
}

# Rethrow a Python error caught in R as an R error with a kerasbridge class,
# in one style: a headline, then x (what was received) and i (hints, fixes,
# the Python class) bullets, each a short line; no ANSI codes; the Python error
# is kept as the field `python_error`, never printed a second time.
rethrow_py_error <- function(e, call) {
  info <- tryCatch(reticulate::py_last_error(), error = function(e2) NULL)
  type <- if (!is.null(info)) info$type else NULL
  msg <- conditionMessage(e)
  if (!is.null(info) && !is.null(info$value)) msg <- info$value
  msg <- trim_py_message(msg)
  cond <- if (!is.null(info)) py_condition_info(info) else list()
  r_error <- take_r_error(cond$r_error_id)
  if (!is.null(cond$r_class)) {
    # The core wrote this message for R users: repeating the Python error as a
    # "Caused by" would only echo it, so it is kept as a field instead.
    cls <- c(cond$r_class, "kerasbridge_error")
    # A failing R method (MethodError): its original R error becomes the parent.
    if (identical(cond$r_class, "kerasbridge_method_error"))
      rlang::abort(as_bullets(msg), class = cls, call = call, parent = r_error %||% e, python_error = e)
    rlang::abort(as_bullets(msg), class = cls, call = call, python_error = e)
  }
  # An R function's own error that only crossed Python (dataset_map, tf_function):
  # the original R condition, unchanged.
  if (!is.null(r_error)) stop(r_error)
  # Keras' or TensorFlow's own error: its message once, the Python class (and
  # TensorFlow's op) as an i bullet.
  op <- regmatches(msg, regexpr("\\[Op:[A-Za-z0-9_]+\\]$", msg))
  msg <- trimws(sub("\\s*\\[Op:[A-Za-z0-9_]+\\]$", "", msg))
  origin <- if (length(op)) paste0("TensorFlow's op ", sub("^\\[Op:(.*)\\]$", "\\1", op)) else "Keras/TensorFlow"
  pyclass <- if (!is.null(type)) sub("^.*[.]", "", type) else NULL
  rlang::abort(c(as_bullets(msg), i = if (!is.null(pyclass)) paste0("Raised by ", origin, " as a Python ", pyclass, ".")),
               class = c("kerasbridge_python_error", "kerasbridge_error"), call = call, python_error = e)
}

# A Python error message without what only Python users need: reticulate's
# type prefix and traceback hint, TensorFlow's function-node prefix, Keras'
# colours and its "Arguments received by ..." dump of the call's arguments.
trim_py_message <- function(msg) {
  msg <- paste(msg, collapse = "\n")
  msg <- sub("^[A-Za-z_][A-Za-z0-9_.]*(Error|Exception|Warning|Exit|Interrupt): ", "", msg)
  msg <- sub("\n+(Detailed traceback|Run `reticulate::py_last_error\\(\\)`).*$", "", msg)
  msg <- gsub("\033\\[[0-9;]*m", "", msg)
  msg <- gsub("\\{\\{function_node [^}]*\\}\\}\\s*", "", msg)
  msg <- sub("\n+\\s*Arguments received by .*$", "", msg)
  trimws(msg)
}

# A message as bullets: the first sentence (what was wrong; the core's
# sentences also say what was received, as "..., received c(10, 5)", a wording
# tests and users match on) is the headline; later sentences are x bullets
# when they say what was received, i bullets otherwise (hints and fixes).
# Plain text, never interpolated (messages hold `{` and `}`).
as_bullets <- function(msg) {
  parts <- unlist(strsplit(msg, "\n+"))
  parts <- unlist(lapply(parts, function(p) strsplit(p, "(?<!e\\.g\\.)(?<!i\\.e\\.)(?<=[.?!])\\s+(?=[A-Z`\"(])", perl = TRUE)[[1]]))
  parts <- trimws(parts[nzchar(trimws(parts))])
  if (!length(parts)) return(msg)
  head <- parts[1]
  rest <- parts[-1]
  if (!grepl("[.?!:]$", head)) head <- paste0(head, ".")
  if (!length(rest)) return(head)
  names(rest) <- ifelse(grepl("^(Received|Got|Found)\\b", rest), "x", "i")
  c(head, rest)
}

#' Call a function of the Python core, with R errors.
#' @param fn name of a function in the core module (dots allowed: "training.fit").
#' @keywords internal
call_core <- function(fn, ..., .call = rlang::caller_env()) {
  invoke_core(core_function(fn), ..., .call = .call)
}

# call_core() for functions that return arrays (predict): small float arrays
# come back as bytes read at C speed (pycore/kerasbridge/fastpath.py says why),
# as the same R arrays reticulate would make.
call_core_arrays <- function(fn, ..., .call = rlang::caller_env()) {
  unpack_arrays(invoke_core(core_function(fn, arrays = TRUE), ..., .call = .call))
}

# `f` is bound to the R front end on the Python side (core_function()), so the
# outermost call is one crossing instead of three (enter, call, leave).
invoke_core <- function(f, ..., .call) {
  if (isTRUE(.kb$r_frontend)) return(with_py_errors(f(...), .call = .call))
  # The arguments are evaluated first, so that R code in them that calls
  # Python enters the R front end on its own.
  list(...)
  .kb$r_frontend <- TRUE
  interrupt_guard_enter()  # Ctrl-C waits for a whole step (R/interrupts.R)
  on.exit({
    .kb$r_frontend <- FALSE
    resignal_py_warnings(.call)
    interrupt_guard_leave()
  })
  tryCatch(f(...), error = function(e) {
    interrupt_if_stopped()
    if (is_previous_session_error(e)) abort_previous_session(.call, list(...))
    if (is_python_error(e)) rethrow_py_error(e, .call)
    stop(e)
  })
}

# A Python object as an argument of a core call, passed by reticulate 1.28
# without R dispatch: for an argument with a class it calls R's r_to_py()
# generic (about 30 us), while a callable object without its class (models and
# layers are callable: an R function with the `py_object` attribute) goes
# straight to Python. Anything else is returned as it is.
py_arg <- function(x) {
  if (is.function(x) && inherits(x, "python.builtin.object") && !is.null(attr(x, "py_object", exact = TRUE)))
    unclass(x)
  else x
}

unpack_arrays <- function(res) {
  switch(res[[1]],
         array = unpack_array(res[[2]]),
         list = lapply(res[[2]], unpack_array),
         dict = stats::setNames(lapply(res[[3]], unpack_array), res[[2]]),
         res[[2]])
}

# (bytes, shape) -> the array; `dim<-` where array() would copy the numbers again
unpack_array <- function(p) {
  x <- readBin(p[[1]], "double", n = length(p[[1]]) %/% 8L)
  dim(x) <- p[[2]]
  x
}

# Run R code that calls Python (core functions, Keras methods) with R errors,
# and with the core speaking R (with_r_frontend()).
# reticulate 1.28 raises a Python exception as an Rcpp::exception whose message
# starts with the Python type (the python.builtin.Exception class arrived in
# 1.29); any other R error passes through unchanged.
with_py_errors <- function(expr, .call = rlang::caller_env()) {
  with_r_frontend(tryCatch(expr, error = function(e) {
    interrupt_if_stopped()
    if (is_previous_session_error(e)) abort_previous_session(.call)
    if (is_python_error(e)) rethrow_py_error(e, .call)
    stop(e)
  }), .call = .call)
}

# Python warnings of a call from R (pycore/kerasbridge/pywarnings.py hands them
# to keep_py_warnings() while the call runs; nothing is signalled from inside
# Python), signalled when the call returns, each once, against the user's
# call: a Keras 2 argument's deprecation once per session (lifecycle's class,
# so rlang's option rlib_warning_verbosity applies), anything else as
# `kerasbridge_python_warning`.
keep_py_warnings <- function(warnings) {
  .kb$py_warnings <- c(.kb$py_warnings, warnings)
  invisible(NULL)
}

resignal_py_warnings <- function(call = NULL) {
  warnings <- .kb$py_warnings
  if (!length(warnings)) return(invisible())
  .kb$py_warnings <- NULL
  if (is.environment(call)) call <- rlang::frame_call(call)
  for (w in warnings) {
    if (!is.null(w$argument)) {
      rlang::warn(w$message, class = c("kerasbridge_deprecated_warning", "lifecycle_warning_deprecated"),
                  call = call, argument = w$argument,
                  .frequency = "once", .frequency_id = paste0("kerasbridge_deprecated_", w$argument))
    } else {
      rlang::warn(c(w$message, i = paste0("Raised by Keras/TensorFlow as a Python ", w$category, ".")),
                  class = "kerasbridge_python_warning", call = call, python_class = w$category)
    }
  }
  invisible()
}

# A Python function or class reached through the exported `tf` object
# (R/keras2-modules.R), with kerasbridge errors: the closure reticulate made,
# called inside with_py_errors() against the user's call. Its attributes are
# reticulate's, so Python still receives the original object.
py_callable_with_r_errors <- function(f) {
  if (!is.function(f) || is.null(attr(f, "py_object", exact = TRUE))) return(f)
  wrapped <- function(...) with_py_errors(f(...), .call = sys.call())
  attributes(wrapped) <- attributes(f)
  wrapped
}

is_python_error <- function(e) {
  inherits(e, "python.builtin.Exception") ||
    (inherits(e, "Rcpp::exception") && grepl("^[A-Za-z_][A-Za-z0-9_.]*: ", conditionMessage(e)))
}
