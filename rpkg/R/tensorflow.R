# The small helpers of the tensorflow R package that scripts call without
# attaching it: as_tensor(), tf_version(), tf_config(), tf_gpu_configured().

#' TensorFlow helpers (from the tensorflow R package)
#'
#' `as_tensor()` converts R data (or a tensor) to a TensorFlow tensor, cast to
#' `dtype` when given (R doubles with an integer `dtype` are cast, as tensorflow's
#' `as_tensor()` does). `tf_version()` is the TensorFlow version,
#' `tf_config()` where it was found (and which Python, chosen how: see
#' [kerasbridge_config()]), `tf_gpu_configured()` whether it sees a GPU.
#' @param x An R array or vector, a tensor, or a dataset of one element
#'   (its element, as tfdatasets' `as_tensor()` gives it; `as.array(dataset)` too).
#' @param dtype A dtype name such as `"float32"` or `"int32"`; `NULL` keeps `x`'s.
#' @param ... Unused (tensorflow's `as_tensor()` takes them for its methods).
#' @param shape An optional shape: `x` is reshaped to it (row-major), or a
#'   scalar is broadcast to fill it. Unknown dimensions (`NA`, `-1`) are inferred.
#' @param name An optional name for the tensor.
#' @param verbose Print what was found.
#' @return `as_tensor()`: a tensor; `tf_version()`: a `package_version`;
#'   `tf_config()`: a list; `tf_gpu_configured()`: `TRUE` or `FALSE`.
#' @examples
#' as_tensor(matrix(1:6, 2), dtype = "float32")
#' tf_version() >= "2.16"
#' tf_gpu_configured(verbose = FALSE)
#' @name tensorflow-helpers
NULL

#' @rdname tensorflow-helpers
#' @export
as_tensor <- function(x, dtype = NULL, ..., shape = NULL, name = NULL) {
  if (inherits(x, dataset_base_class)) {  # a dataset of one element: that element (tfdatasets)
    x <- with_py_errors(x$get_single_element(name = name))
    if (is.null(dtype) && is.null(shape)) return(x)
  }
  if (!is.null(dtype) && is.double(x) && !is_py_object(x)) {
    # R numbers to an integer dtype go as integers (NA is an error), as in R tensorflow
    int_dtype <- with_py_errors(tf$as_dtype(dtype))
    if (int_dtype$is_integer) {
      if (anyNA(x)) abort_kb("Can't convert R numbers with {.code NA} to an integer dtype.")
      if (int_dtype$max <= .Machine$integer.max) storage.mode(x) <- "integer"
    }
  }
  if (!is.null(shape) && !is_py_object(shape)) shape <- shape_spec(if (is.list(shape)) shape else as.list(shape))
  call_core("tensors.as_tensor", tensor_operand(x), dtype = dtype, shape = shape, name = name)
}

#' @rdname tensorflow-helpers
#' @export
tf_version <- function() {
  v <- with_py_errors(tf$`__version__`)
  package_version(sub("^([0-9]+[.][0-9]+).*", "\\1", v))
}

#' @rdname tensorflow-helpers
#' @export
tf_config <- function() {
  cfg <- kerasbridge_config()  # R/install.R: which Python, and why
  c(with_py_errors(list(available = TRUE, version = tf_version(), version_str = tf$`__version__`,
                        location = dirname(tf$`__file__`), python = reticulate::py_exe(),
                        python_version = reticulate::py_config()$version)),
    list(python_source = cfg$source, keras_version = cfg$keras, gpus = cfg$gpus))
}

#' @rdname tensorflow-helpers
#' @export
tf_gpu_configured <- function(verbose = TRUE) {
  gpus <- with_py_errors(tf$config$list_physical_devices("GPU"))
  if (verbose) message(if (length(gpus)) paste("TensorFlow sees", length(gpus), "GPU(s).") else "TensorFlow sees no GPU.")
  length(gpus) > 0
}
