# keras3's config_* getters and setters (generated: R/config-generated.R, over
# keras.config through call_op()), and the session/backend functions that need
# a decision: kerasbridge runs on TensorFlow only.

#' Keras configuration (keras3 `config_*`)
#'
#' Getters and setters of `keras.config`: `config_floatx()`,
#' `config_set_floatx("float64")`, `config_epsilon()`, `config_image_data_format()`,
#' `config_enable_unsafe_deserialization()`, ... The backend is TensorFlow:
#' `config_set_backend()` and `use_backend()` accept only `"tensorflow"`.
#' @param backend The backend name; only `"tensorflow"` is available.
#' @return The setting (getters), or `NULL` invisibly (setters).
#' @examples
#' config_floatx()
#' config_set_epsilon(1e-6); config_epsilon()
#' config_set_epsilon(1e-7)
#' use_backend("tensorflow")
#' @order 1
#' @name config
NULL

#' @rdname config
#' @order 3
#' @export
config_set_backend <- function(backend) {
  check_tensorflow_backend(backend)
  invisible(NULL)
}

#' @rdname config
#' @param gpu Ignored: TensorFlow uses a GPU when it finds one (keras3 uses it to choose a JAX/torch build).
#' @order 3
#' @export
use_backend <- function(backend, gpu = NA) {
  check_tensorflow_backend(backend)
  invisible(backend)
}

check_tensorflow_backend <- function(backend, call = rlang::caller_env()) {
  if (!(is.character(backend) && length(backend) == 1 && identical(tolower(backend), "tensorflow"))) {
    received <- paste(deparse(backend), collapse = " ")
    abort_kb(c("kerasbridge runs on the TensorFlow backend; {.arg backend} must be {.val tensorflow}, not {received}.",
               i = "For JAX or PyTorch, use Keras from Python or the keras3 R package."), call = call)
  }
}

#' Reset Keras' global state
#'
#' `clear_session()` frees the global state Keras keeps (layer name counters,
#' the graph of built models) and, with `free_memory`, collects memory.
#' `reset_state()` resets the state of a metric, a layer or a model (a
#' metric's running totals, an RNN's states).
#' @param free_memory Also run the garbage collector (Keras' default `TRUE`).
#' @param object A metric, layer or model.
#' @return `NULL` invisibly; `reset_state()` returns `object` invisibly.
#' @examples
#' clear_session()
#' m <- metric_mean(); m$update_state(c(1, 3)); reset_state(m); m$result()
#' @export
clear_session <- function(free_memory = TRUE) {
  args <- capture_args(ignore = character())
  call_op("utils.clear_session", args)
  invisible(NULL)
}

#' @rdname clear_session
#' @export
reset_state <- function(object) {
  if (!is_py_object(object) || !reticulate::py_has_attr(object, "reset_state"))
    abort_kb(c("{.arg object} must be a Keras metric, layer or model (an object with a {.code reset_state()} method).",
               x = "Received an object of class {.cls {class(object)[1]}}."))
  with_py_errors(object$reset_state())
  invisible(object)
}
