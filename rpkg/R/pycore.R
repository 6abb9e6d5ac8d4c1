# The only file that holds Python module objects. Nothing here starts Python
# at package load: reticulate's delay_load imports on first use.

.kb <- new.env(parent = emptyenv())

# Which Python: KERASBRIDGE_PYTHON, else the project's .venv (the R library is
# installed at <project>/.rlib, so the venv is its sibling), else reticulate's default.
kerasbridge_python <- function() {
  env <- Sys.getenv("KERASBRIDGE_PYTHON", "")
  if (nzchar(env)) return(list(path = env, source = "the KERASBRIDGE_PYTHON environment variable"))
  pkg <- system.file(package = "kerasbridge")
  dir <- dirname(pkg)
  for (i in 1:4) {
    cand <- file.path(dir, ".venv", "bin", "python")
    # normalise the folder only: bin/python is a symlink to the base interpreter,
    # and resolving it would leave the venv behind
    if (file.exists(cand)) return(list(path = file.path(normalizePath(dirname(cand)), "python"),
                                       source = "the project's .venv"))
    dir <- dirname(dir)
  }
  list(path = NULL, source = "reticulate's default Python")
}

use_kerasbridge_python <- function() {
  if (isTRUE(.kb$python_chosen)) return(invisible())
  .kb$python_chosen <- TRUE
  py <- kerasbridge_python()
  .kb$python <- py
  if (!is.null(py$path) && !reticulate::py_available(initialize = FALSE) &&
      !nzchar(Sys.getenv("RETICULATE_PYTHON"))) {
    Sys.setenv(RETICULATE_PYTHON = py$path)
  }
  invisible()
}

#' The Python core module (kerasbridge), imported on first use.
#' @keywords internal
core <- function() {
  if (!is.null(.kb$core)) return(.kb$core)
  use_kerasbridge_python()
  mod <- tryCatch(reticulate::import("kerasbridge"), error = function(e) {
    py <- .kb$python
    tried <- if (!is.null(py$path)) py$path else tryCatch(reticulate::py_config()$python, error = function(e2) "none found")
    cli::cli_abort(c(
      "Can't import the Python core {.code kerasbridge}.",
      "x" = "Tried Python {.path {tried}} (from {py$source}).",
      "i" = "Run {.code bash scripts/setup.sh} in the project, or set {.envvar KERASBRIDGE_PYTHON} to a Python that has {.code kerasbridge} and TensorFlow installed."
    ), parent = e, class = c("kerasbridge_python_error", "kerasbridge_error"), call = NULL)
  })
  mod$frontend$set_frontend("r")
  .kb$core <- mod
  mod
}

#' The TensorFlow and Keras modules
#'
#' `tf` and `keras` are the Python modules, loaded on first use.
#' @name tf
#' @export tf
#' @export keras
NULL

.onLoad <- function(libname, pkgname) {
  use_kerasbridge_python()
  tf_mod <- reticulate::import("tensorflow", delay_load = list(
    priority = 5, on_load = function() core()))
  keras_mod <- reticulate::import("keras", delay_load = list(
    priority = 5, on_load = function() core()))
  assign("tf", tf_mod, envir = topenv())
  assign("keras", keras_mod, envir = topenv())
}

tf <- NULL
keras <- NULL
