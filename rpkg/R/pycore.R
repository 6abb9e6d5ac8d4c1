# The only file that holds Python module objects. Nothing here starts Python
# at package load: reticulate's delay_load imports on first use.

.kb <- new.env(parent = emptyenv())

# Which Python, decided at first use (never at library()) and never by setting
# an environment variable: the first of
#   1. a Python already running in this R session (a user's import(), rpy2);
#   2. the user's own request: use_python()/use_virtualenv() (reticulate keeps
#      it in .globals$required_python_version), RETICULATE_PYTHON or
#      RETICULATE_PYTHON_ENV: reticulate honours these itself;
#   3. KERASBRIDGE_PYTHON;
#   4. the project's .venv (the R library is installed at <project>/.rlib, so
#      the venv is its sibling), else the venv install_kerasbridge() made;
#   5. reticulate's default.
# 3 and 4 are requested with reticulate::use_python(required = TRUE).
# `use`: whether kerasbridge must make that request itself.
kerasbridge_python <- function() {
  if (python_initialized())
    return(list(path = reticulate::py_config()$python, source = "the Python already running in this R session", use = FALSE))
  required <- reticulate_globals()$required_python_version
  if (!is.null(required))
    return(list(path = required, source = "use_python() / use_virtualenv()", use = FALSE))
  # use_python(required = FALSE): a preference reticulate weighs itself
  preferred <- reticulate_globals()$use_python_versions
  if (length(preferred))
    return(list(path = preferred[[1]], source = "use_python() / use_virtualenv() (required = FALSE)", use = FALSE))
  for (var in c("RETICULATE_PYTHON", "RETICULATE_PYTHON_ENV")) {
    val <- Sys.getenv(var, "")
    if (nzchar(val)) return(list(path = val, source = paste("the", var, "environment variable"), use = FALSE))
  }
  env <- Sys.getenv("KERASBRIDGE_PYTHON", "")
  if (nzchar(env)) return(list(path = env, source = "the KERASBRIDGE_PYTHON environment variable", use = TRUE))
  venv <- project_venv_python()
  if (!is.null(venv)) return(list(path = venv, source = "the project's .venv", use = TRUE))
  user <- file.path(user_venv(), "bin", "python")
  if (file.exists(user)) return(list(path = user, source = "the venv made by install_kerasbridge()", use = TRUE))
  list(path = NULL, source = "reticulate's default Python", use = FALSE)
}

project_venv_python <- function() {
  dir <- dirname(system.file(package = "kerasbridge"))
  for (i in 1:4) {
    cand <- file.path(dir, ".venv", "bin", "python")
    # normalise the folder only: bin/python is a symlink to the base interpreter,
    # and resolving it would leave the venv behind
    if (file.exists(cand)) return(file.path(normalizePath(dirname(cand)), "python"))
    dir <- dirname(dir)
  }
  NULL
}

# reticulate's record of the session (1.28 has no exported getter for the
# use_python() request); read only.
reticulate_globals <- function() get(".globals", envir = asNamespace("reticulate"))

python_initialized <- function() {
  isTRUE(get("is_python_initialized", envir = asNamespace("reticulate"))())
}

# reticulate 1.28 warns "This project appears to use Poetry" when Python starts
# in any project that has a pyproject.toml (its test for [tool.poetry] is
# always true), e.g. in a kerasbridge checkout. When that file names no
# Poetry, its lookup is pointed elsewhere while Python starts; a user's own
# reticulate.poetry.project option is left alone.
without_false_poetry <- function(expr) {
  if (python_initialized() || !is.null(getOption("reticulate.poetry.project"))) return(expr)
  project <- tryCatch(get("poetry_project", envir = asNamespace("reticulate"))(), error = function(e) NULL)
  file <- if (length(project) == 1 && !is.na(project)) file.path(project, "pyproject.toml") else ""
  if (!file.exists(file) || any(grepl("tool.poetry", readLines(file, warn = FALSE), fixed = TRUE))) return(expr)
  old <- options(reticulate.poetry.project = tempfile("no-poetry"))
  on.exit(options(old))
  expr
}

use_kerasbridge_python <- function() {
  if (isTRUE(.kb$python_chosen)) return(invisible())
  py <- kerasbridge_python()
  .kb$python <- py
  if (isTRUE(py$use)) {
    tryCatch(reticulate::use_python(py$path, required = TRUE), error = function(e) {
      abort_kb(c(
        "Can't use the Python chosen for kerasbridge.",
        "x" = "Python {.path {py$path}} (from {py$source}): {conditionMessage(e)}",
        "i" = "Run {.code install_kerasbridge()} or {.code bash scripts/setup.sh}, or point {.envvar KERASBRIDGE_PYTHON} at a Python that has {.code kerasbridge} and TensorFlow installed."
      ), call = NULL, kind = "python")
    })
  }
  .kb$python_chosen <- TRUE
  invisible()
}

#' The Python core module (kerasbridge), imported on first use.
#' @keywords internal
core <- function() {
  if (!is.null(.kb$core)) return(.kb$core)
  use_kerasbridge_python()
  mod <- tryCatch(without_false_poetry(reticulate::import("kerasbridge")), error = function(e) {
    py <- .kb$python
    tried <- if (!is.null(py$path)) py$path else tryCatch(reticulate::py_config()$python, error = function(e2) "none found")
    abort_kb(c(
      "Can't import the Python core {.code kerasbridge}.",
      "x" = "Tried Python {.path {tried}} (from {py$source}).",
      "i" = "Run {.code install_kerasbridge()} or {.code bash scripts/setup.sh} in the project, or set {.envvar KERASBRIDGE_PYTHON} to a Python that has {.code kerasbridge} and TensorFlow installed."
    ), parent = e, call = NULL, kind = "python")
  })
  # bound once: with_r_frontend() runs around every call R makes into Python
  .kb$frontend_enter <- mod$frontend$enter
  .kb$frontend_leave <- mod$frontend$leave
  # Python's warnings during a call from R are kept here until it returns (R/errors.R)
  mod$pywarnings$set_sink(keep_py_warnings)
  # fit/evaluate/predict from R show progress through R's output (R/progress.R)
  mod$progress$set_writer(write_progress)
  # R's time limits stop Keras' loops between batches (R/progress.R)
  mod$rlimits$use_checker(check_time_limits, interrupt_flag_library())
  # Ctrl-C stops Keras' loops between steps (R/interrupts.R)
  mod$interrupts$use_flag(interrupt_flag_library())
  interrupt_use_reticulate()
  .kb$core <- mod
  mod
}

# The core's functions by dotted name ("training.predict"), looked up once
# (each `$` on a Python module costs reticulate a lookup and a new R wrapper)
# and bound to the R front end on the Python side (fastpath.for_r), so a call
# is one crossing with only the caller's arguments: reticulate 1.28 spends
# about 30 us on each Python object passed as an argument. `arrays`: the
# result's float arrays come back as bytes (unpack_arrays(), R/errors.R).
.kb$fn <- new.env(parent = emptyenv())
.kb$fn_arrays <- new.env(parent = emptyenv())
core_function <- function(name, arrays = FALSE) {
  cache <- if (arrays) .kb$fn_arrays else .kb$fn
  f <- cache[[name]]
  if (!is.null(f)) return(f)
  target <- core()
  for (part in strsplit(name, ".", fixed = TRUE)[[1]]) target <- target[[part]]
  f <- core()$fastpath$for_r(target, arrays = arrays)
  assign(name, f, envir = cache)
  f
}

# The core speaks R (front end "r", a context variable in
# pycore/kerasbridge/frontend.py) while `expr` runs, including in the R methods
# Keras calls back meanwhile. with_py_errors() wraps every R call into Python
# in this; calls nested inside the outermost one are already covered.
# Python warnings raised meanwhile (recorded by the core when the R front end
# is entered: pycore/kerasbridge/pywarnings.py) are signalled again as R
# warnings against `.call` when it ends (R/errors.R).
with_r_frontend <- function(expr, .call = NULL) {
  if (isTRUE(.kb$r_frontend)) return(expr)
  core()
  interrupt_guard_enter()  # Ctrl-C waits for a whole step (R/interrupts.R)
  token <- .kb$frontend_enter("r")
  .kb$r_frontend <- TRUE
  on.exit({
    .kb$r_frontend <- FALSE
    .kb$frontend_leave(token)
    resignal_py_warnings(.call)
    interrupt_guard_leave()
  })
  expr
}

#' The TensorFlow and Keras modules
#'
#' `tf` and `keras` are the Python modules, loaded on first use. They answer as
#' in R keras 2.x: a TensorFlow function called on a symbolic Keras tensor
#' (`tf$reduce_sum(x)`, `tf$nn$relu(x)`) becomes a layer of the model, and
#' `keras$backend` is the Keras 2 backend module ([backend()]).
#' @aliases keras
#' @format Python module objects (reticulate), loaded on first use.
#' @examples
#' tf$constant(c(1, 2, 3))
#' keras$ops$sum(c(1, 2, 3))
#' @name tf
#' @export tf
#' @export keras
NULL

.onLoad <- function(libname, pkgname) {
  # no Python chosen and no environment variable set here: core() decides at first use
  tf_mod <- reticulate::import("tensorflow", delay_load = list(
    priority = 5, on_load = function() core()))
  keras_mod <- reticulate::import("keras", delay_load = list(
    priority = 5, on_load = function() core()))
  .kb$tf_module <- tf_mod
  .kb$keras_module <- keras_mod
  # R proxies with Keras 2 semantics: TF ops on symbolic tensors, keras$backend (R/keras2-modules.R)
  assign("tf", new_module_proxy("tf", "tf"), envir = topenv())
  assign("keras", new_module_proxy("keras", "keras"), envir = topenv())
  # "tensorflow.tensor" / "tf_dataset" classes, "keras.engine.training.Model" & co.
  register_class_filters()  # (R/tensor-methods.R, R/keras2-class-names.R)
}

tf <- NULL
keras <- NULL
