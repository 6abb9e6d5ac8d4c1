# Setting up the Python side from R: install_kerasbridge() makes or updates a
# venv with the pins of pyproject.toml (shipped as inst/python-requirements.txt,
# checked against pyproject.toml by tests/test_python_discovery.py), and
# kerasbridge_config() says which Python was chosen and why (R/pycore.R).

#' Install the Python side of kerasbridge
#'
#' Creates (or updates) a Python virtual environment with TensorFlow, Keras and
#' the kerasbridge Python core, pinned as the project's `pyproject.toml` pins
#' them. `install_keras()` is the name R keras 2.x used, `install_tensorflow()`
#' the tensorflow R package's.
#'
#' With `gpu = TRUE`, TensorFlow's CUDA build (`tensorflow[and-cuda]`, same
#' version) replaces the CPU build; TensorFlow then uses a GPU when it sees one
#' ([tf_gpu_configured()]).
#'
#' The venv in `envname` is found again by [kerasbridge_config()] when it is the
#' default one; another path needs `KERASBRIDGE_PYTHON` or
#' `reticulate::use_virtualenv()` before the first model.
#' @param envname Path of the venv. The default is the project's `.venv` when
#'   the package is installed in a kerasbridge checkout, else a folder under
#'   `tools::R_user_dir("kerasbridge", "data")`.
#' @param gpu Install TensorFlow's CUDA build instead of the CPU build.
#' @param python The Python used to create the venv (3.10 or later).
#' @param source The kerasbridge checkout whose Python core (`pycore/`) is
#'   installed; by default the one the R package was installed from.
#' @param dry_run If `TRUE`, only return (and print) the commands.
#' @param ... Ignored (R keras 2.x's `install_keras()` took `method`, `conda`, ...).
#' @returns The commands, a list of character vectors (program then
#'   arguments), invisibly.
#' @examples
#' # dry_run = TRUE only lists the commands. `source` is found by itself when
#' # the package was installed from a kerasbridge checkout; a stand-in here:
#' checkout <- file.path(tempdir(), "kerasbridge-checkout")
#' dir.create(file.path(checkout, "pycore", "kerasbridge"), recursive = TRUE, showWarnings = FALSE)
#' file.create(file.path(checkout, "pyproject.toml"))
#' cmds <- install_kerasbridge(tempfile("venv"), source = checkout, dry_run = TRUE)
#' cmds[[2]]
#' @export
install_kerasbridge <- function(envname = default_venv(), gpu = FALSE, python = NULL,
                                source = project_root(), dry_run = FALSE, ...) {
  if (!(isTRUE(gpu) || isFALSE(gpu)))
    abort_kb(c("{.arg gpu} must be {.code TRUE} or {.code FALSE}.", x = "Received {.obj_type_friendly {gpu}}."))
  if (!(is.character(envname) && length(envname) == 1 && nzchar(envname)))
    abort_kb(c("{.arg envname} must be the path of a venv, a single string.", x = "Received {.obj_type_friendly {envname}}."))
  if (is.null(source) || !file.exists(file.path(source, "pyproject.toml")))
    abort_kb(c("Can't find the kerasbridge Python core to install.",
               x = "{.arg source} must be a kerasbridge checkout (a folder with {.file pyproject.toml}); received {.val {source %||% 'NULL'}}.",
               i = "Pass {.code source = \"path/to/kerasbridge\"}."))
  envname <- path.expand(envname)
  env_python <- file.path(envname, "bin", "python")
  cmds <- list()
  if (!file.exists(env_python)) {
    python <- python %||% unname(Sys.which("python3"))
    if (!nzchar(python))
      abort_kb(c("Can't find a Python to create the venv with.", i = "Pass {.arg python}, the path of Python 3.10 or later."))
    cmds <- c(cmds, list(venv_command(python, envname)))
  }
  cmds <- c(cmds, list(
    c(env_python, "-m", "pip", "install", "--upgrade", python_requirements(gpu = gpu)),
    # the core without its own dependencies: the requirements above already
    # chose the TensorFlow build (CPU or CUDA)
    c(env_python, "-m", "pip", "install", "--no-deps", "--upgrade", normalizePath(source))
  ))
  if (dry_run) {
    cli::cli_inform(c("i" = "Would run:", vapply(cmds, function(cmd) paste(shQuote(cmd), collapse = " "), "")))
    return(invisible(cmds))
  }
  for (cmd in cmds) run_setup_command(cmd)
  cli::cli_inform(c("v" = "Installed kerasbridge's Python side in {.path {envname}}.",
                    i = if (python_initialized()) "Restart R to use it." else NULL))
  invisible(cmds)
}

#' @rdname install_kerasbridge
#' @export
install_keras <- function(envname = default_venv(), gpu = FALSE, ...) {
  install_kerasbridge(envname = envname, gpu = gpu, ...)
}

#' @rdname install_kerasbridge
#' @export
install_tensorflow <- function(envname = default_venv(), gpu = FALSE, ...) {
  # the tensorflow R package's name: kerasbridge's Python side brings TensorFlow
  install_kerasbridge(envname = envname, gpu = gpu, ...)
}

# The pins of pyproject.toml; with gpu, TensorFlow's CUDA build at the same version.
python_requirements <- function(gpu = FALSE) {
  reqs <- readLines(system.file("python-requirements.txt", package = "kerasbridge", mustWork = TRUE))
  reqs <- trimws(sub("#.*$", "", reqs))
  reqs <- reqs[nzchar(reqs)]
  if (gpu) reqs <- sub("^tensorflow-cpu(?=[=<>!~ ]|$)", "tensorflow[and-cuda]", reqs, perl = TRUE)
  reqs
}

venv_command <- function(python, envname, without_pip = FALSE) {
  c(python, "-m", "venv", if (without_pip) "--without-pip", envname)
}

run_setup_command <- function(cmd) {
  cli::cli_inform(c(">" = "{paste(shQuote(cmd), collapse = ' ')}"))
  status <- system2(cmd[[1]], shQuote(cmd[-1]))
  if (!identical(status, 0L))
    abort_kb(c("A setup command failed (exit status {status}).",
               x = "{paste(cmd, collapse = ' ')}",
               i = "Read the output above; without network access, {.code pip} can't download TensorFlow."),
             kind = "python", call = NULL)
}

# The kerasbridge checkout the R package was installed from (its library is
# <project>/.rlib), or NULL.
project_root <- function() {
  dir <- dirname(system.file(package = "kerasbridge"))
  for (i in 1:4) {
    if (file.exists(file.path(dir, "pyproject.toml")) && dir.exists(file.path(dir, "pycore", "kerasbridge")))
      return(normalizePath(dir))
    dir <- dirname(dir)
  }
  NULL
}

user_venv <- function() file.path(tools::R_user_dir("kerasbridge", "data"), "venv")

default_venv <- function() {
  root <- project_root()
  if (!is.null(root)) file.path(root, ".venv") else user_venv()
}

#' Which Python and TensorFlow kerasbridge uses
#'
#' `kerasbridge_config()` reports the Python kerasbridge chose (or would
#' choose) and why, and, once Python runs, the TensorFlow and Keras versions
#' and the GPUs TensorFlow sees. The Python is chosen at first use, in this
#' order: a Python already running in the session; `reticulate::use_python()`,
#' `use_virtualenv()`, `RETICULATE_PYTHON`; `KERASBRIDGE_PYTHON`; the project's
#' `.venv`; the venv of [install_kerasbridge()]; reticulate's default.
#' `tf_config()` is the same report under the tensorflow R package's name.
#' @param initialize Start Python (and import TensorFlow) to report versions.
#' @returns A list of class `kerasbridge_python_config`: `python`, `source`,
#'   `initialized`, and when initialised `tensorflow`, `keras`, `gpus`.
#' @examples
#' cfg <- kerasbridge_config(initialize = FALSE)
#' cfg$source
#' @export
kerasbridge_config <- function(initialize = TRUE) {
  if (initialize) core()
  # the choice core() made, else what it would choose now
  py <- if (python_initialized() && !is.null(.kb$python)) .kb$python else kerasbridge_python()
  cfg <- list(python = py$path, source = py$source, initialized = python_initialized())
  if (initialize) {
    cfg$python <- reticulate::py_config()$python
    cfg$initialized <- TRUE
    cfg$python_version <- reticulate::py_config()$version
    cfg$tensorflow <- with_py_errors(tf$`__version__`)
    cfg$keras <- with_py_errors(keras$`__version__`)
    cfg$gpus <- length(with_py_errors(tf$config$list_physical_devices("GPU")))
  }
  structure(cfg, class = "kerasbridge_python_config")
}

#' @export
print.kerasbridge_python_config <- function(x, ...) {
  cat("Python:     ", x$python %||% "(reticulate's default)", "\n", sep = "")
  cat("chosen by:  ", x$source, "\n", sep = "")
  if (!is.null(x$tensorflow)) {
    cat("TensorFlow: ", x$tensorflow, "\n", sep = "")
    cat("Keras:      ", x$keras, "\n", sep = "")
    cat("GPUs:       ", x$gpus, "\n", sep = "")
  } else {
    cat("(Python not started yet)\n")
  }
  invisible(x)
}
