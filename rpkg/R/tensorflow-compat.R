# tensorflow R package names whose TensorFlow 1 machinery is gone in
# TensorFlow 2.21 / Keras 3: use_compat() (v2 only), train() and
# train_and_evaluate() (tf.estimator was removed), tf_probability() (only when
# tensorflow_probability is installed), and view_savedmodel(), which prints a
# SavedModel's signatures. Each missing piece is an error that says what to
# use instead.

#' TensorFlow 1 compatibility, estimators, TensorFlow Probability, SavedModels
#'
#' `use_compat("v2")` does nothing (TensorFlow 2 behaviour is the only one);
#' `use_compat("v1")` is an error: Keras 3 needs TensorFlow 2 behaviour.
#' `train()` and `train_and_evaluate()` (tf.estimator) are errors: use
#' [fit()]. `tf_probability()` returns the `tensorflow_probability` module
#' when it is installed. `view_savedmodel()` prints the signatures of a
#' SavedModel directory (what `saved_model_cli show` reports) and returns them.
#' @param version `"v2"` or `"v1"`.
#' @param model_dir A SavedModel directory.
#' @param ... Ignored.
#' @returns `use_compat()`: `NULL`, invisibly; `tf_probability()`: the module;
#'   `view_savedmodel()`: a named list of signatures (inputs and outputs),
#'   invisibly.
#' @examples
#' use_compat("v2")
#' try(train())
#' dir <- tempfile()
#' m <- tf$Module()
#' spec <- list(tf$TensorSpec(list(NULL), "float32"))
#' m$f <- tf$`function`(function(x) x * 2, input_signature = spec)
#' tf$saved_model$save(m, dir, signatures = m$f)
#' view_savedmodel(dir)
#' @export
use_compat <- function(version = c("v2", "v1")) {
  version <- match.arg(version)
  if (version == "v1") {
    abort_kb(c("{.code use_compat(\"v1\")} is not available: Keras 3 runs on TensorFlow 2 behaviour only.",
               i = "Write the code for TensorFlow 2 (eager execution, {.fn tf_function} for graphs)."), kind = "unavailable")
  }
  invisible(NULL)
}

#' @rdname use_compat
#' @export
train <- function(...) estimator_unavailable("train")

#' @rdname use_compat
#' @export
train_and_evaluate <- function(...) estimator_unavailable("train_and_evaluate")

estimator_unavailable <- function(fn, call = rlang::caller_env()) {
  abort_kb(c(paste0("{.fn ", fn, "} is not available: tf.estimator was removed from TensorFlow 2.16 and later."),
             i = "Build a Keras model and train it with {.fn fit} and {.fn evaluate}."), kind = "unavailable", call = call)
}

#' @rdname use_compat
#' @export
tf_probability <- function() {
  if (!reticulate::py_module_available("tensorflow_probability")) {
    abort_kb(c("{.fn tf_probability} needs the Python package {.pkg tensorflow_probability}, which is not installed.",
               i = "Install it into kerasbridge's Python environment (pip install tensorflow-probability tf-keras)."),
             kind = "unavailable")
  }
  with_py_errors(reticulate::import("tensorflow_probability"))
}

#' @rdname use_compat
#' @export
view_savedmodel <- function(model_dir) {
  if (!is.character(model_dir) || length(model_dir) != 1L || !file.exists(file.path(model_dir, "saved_model.pb"))) {
    abort_kb(c("{.arg model_dir} must be a SavedModel directory (with {.file saved_model.pb}).",
               x = "Received {.val {model_dir}}."))
  }
  loaded <- with_py_errors(tf$saved_model$load(path.expand(model_dir)))
  sigs <- with_py_errors(loaded$signatures)
  describe <- function(spec) {
    lapply(spec, function(s) list(shape = fmt_shape(s$shape$as_list()), dtype = s$dtype$name))
  }
  out <- list()
  for (key in reticulate::import_builtins()$list(sigs$keys())) {
    f <- sigs[[key]]
    out[[key]] <- list(inputs = describe(f$structured_input_signature[[2]]),
                       outputs = describe(f$structured_outputs))
  }
  cat("SavedModel:", model_dir, "\n")
  for (key in names(out)) {
    cat(sprintf("signature_def['%s']:\n", key))
    for (part in c("inputs", "outputs")) {
      for (nm in names(out[[key]][[part]])) {
        s <- out[[key]][[part]][[nm]]
        cat(sprintf("  %s['%s'] shape=%s dtype=%s\n", part, nm, s$shape, s$dtype))
      }
    }
  }
  invisible(out)
}

#' Parse command-line arguments
#'
#' The tensorflow R package's `parse_arguments()`: arguments of the form
#' `--name=value` or `--name value` (and `--flag`, meaning `TRUE`) become a
#' named list (dashes in names become underscores, `[1,2,3]` a vector), the values converted to numbers or logicals where they read as
#' such.
#' @param arguments A character vector; default: the script's trailing arguments.
#' @returns A named list.
#' @examples
#' parse_arguments(c("--epochs=10", "--lr", "0.01", "--verbose", "--name=run1"))
#' @export
parse_arguments <- function(arguments = NULL) {
  arguments <- arguments %||% commandArgs(trailingOnly = TRUE)
  out <- list()
  i <- 1L
  while (i <= length(arguments)) {
    a <- arguments[[i]]
    if (!startsWith(a, "--")) {
      abort_kb("{.arg arguments} must look like {.code --name=value} or {.code --name value}; received {.val {a}}.")
    }
    a <- substring(a, 3L)
    if (grepl("=", a, fixed = TRUE)) {
      key <- sub("=.*$", "", a)
      val <- sub("^[^=]*=", "", a)
    } else if (i < length(arguments) && !startsWith(arguments[[i + 1L]], "--")) {
      key <- a
      val <- arguments[[i + 1L]]
      i <- i + 1L
    } else {
      key <- a
      val <- "TRUE"
    }
    key <- gsub("-", "_", key, fixed = TRUE)  # --nested-dashes -> nested_dashes
    if (grepl("^\\[.*\\]$", val)) {  # --array=[1,2,3] -> c(1, 2, 3)
      parts <- trimws(strsplit(substring(val, 2L, nchar(val) - 1L), ",", fixed = TRUE)[[1]])
      out[[key]] <- utils::type.convert(parts, as.is = TRUE)
    } else {
      out[[key]] <- utils::type.convert(val, as.is = TRUE)
    }
    i <- i + 1L
  }
  out
}

# Keras 3 keeps lists and dicts assigned to a layer or model as TrackedList /
# TrackedDict; they reach R as R lists, as R tensorflow gives TensorFlow's
# ListWrapper / DictWrapper (`model$denses` is an R list).
py_tracked_list_to_r <- function(x) {
  reticulate::py_to_r(reticulate::import_builtins(convert = FALSE)$list(x))
}
py_tracked_dict_to_r <- function(x) {
  reticulate::py_to_r(reticulate::import_builtins(convert = FALSE)$dict(x))
}
