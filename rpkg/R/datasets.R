# tf.data datasets with the tfdatasets names and semantics. Elements built
# from a named list come back as named lists of tensors (`batch$x`), unnamed
# lists as unnamed lists (`c(x, y) %<-% batch`). Building a dataset from R
# data copies it once (pycore/kerasbridge/data.py). R doubles become float32,
# the dtype Keras computes in, as everywhere else in kerasbridge.

data_py <- function() {
  if (is.null(.kb$data)) {
    core()
    .kb$data <- reticulate::import("kerasbridge.data")
  }
  .kb$data
}

dataset_class <- "tensorflow.python.data.ops.dataset_ops.DatasetV2"

check_dataset <- function(dataset, arg = "dataset", call = rlang::caller_env()) {
  if (!inherits(dataset, dataset_class)) {
    cli::cli_abort(c("{.arg {arg}} must be a TensorFlow dataset.",
                     x = "Received {.obj_type_friendly {dataset}}.",
                     i = "Make one with {.fn tensor_slices_dataset} or {.fn range_dataset}."),
                   class = c("kerasbridge_argument_error", "kerasbridge_error"), call = call)
  }
  invisible(dataset)
}

as_count <- function(x, arg, call = rlang::caller_env(), allow_null = FALSE) {
  if (is.null(x) && allow_null) return(NULL)
  if (is_tensor(x)) return(x)
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x != round(x)) {
    cli::cli_abort("{.arg {arg}} must be a whole number, not {.obj_type_friendly {x}}.",
                   class = c("kerasbridge_argument_error", "kerasbridge_error"), call = call)
  }
  as.integer(x)
}

as_map_function <- function(f, arg = "map_func", call = rlang::caller_env()) {
  if (inherits(f, "formula")) f <- rlang::as_function(f)
  if (!is.function(f)) {
    cli::cli_abort("{.arg {arg}} must be a function or a formula such as {.code ~ .x / 255}.",
                   class = c("kerasbridge_argument_error", "kerasbridge_error"), call = call)
  }
  f
}

# ---- creating ---------------------------------------------------------------

#' Datasets from R data
#'
#' `tensor_slices_dataset()` makes one element per row (first dimension) of an
#' array, of every array in a (named) list, or of a data frame;
#' `tensors_dataset()` makes a single element of all of it.
#' @param tensors an array, vector, data frame, or (named) list of those.
#' @export
tensor_slices_dataset <- function(tensors) {
  with_py_errors(data_py()$tensor_slices_dataset(r_marshal(tensors)))
}

#' @rdname tensor_slices_dataset
#' @export
tensors_dataset <- function(tensors) {
  with_py_errors(data_py()$tensors_dataset(r_marshal(tensors)))
}

#' A dataset of a sequence of numbers, `from` up to (not including) `to`
#' @export
range_dataset <- function(from = 0, to = 0, by = 1, ..., dtype = tf$int64) {
  with_py_errors(tf$data$Dataset$range(as_count(from, "from"), as_count(to, "to"), as_count(by, "by"), output_type = dtype))
}

#' Zip datasets into a dataset of (named) lists
#' @param ... datasets, or one (named) list of datasets.
#' @export
zip_datasets <- function(...) {
  ds <- list(...)
  if (length(ds) == 1L && is.list(ds[[1]]) && !inherits(ds[[1]], dataset_class)) ds <- ds[[1]]
  for (i in seq_along(ds)) check_dataset(ds[[i]], paste0("..", i))
  with_py_errors(data_py()$zip_datasets(if (!is.null(names(ds))) ds else unname(ds)))
}

# ---- transforming -----------------------------------------------------------

#' Transform datasets (tfdatasets names)
#' @param dataset a dataset.
#' @name dataset_batch
#' @export
dataset_batch <- function(dataset, batch_size, drop_remainder = FALSE, num_parallel_calls = NULL,
                          deterministic = NULL, name = NULL) {
  check_dataset(dataset)
  args <- list(as_count(batch_size, "batch_size"), drop_remainder = isTRUE(drop_remainder))
  if (!is.null(num_parallel_calls)) args$num_parallel_calls <- as_count(num_parallel_calls, "num_parallel_calls")
  if (!is.null(deterministic)) args$deterministic <- deterministic
  if (!is.null(name)) args$name <- name
  with_py_errors(do.call(dataset$batch, args))
}

#' @rdname dataset_batch
#' @export
dataset_shuffle <- function(dataset, buffer_size, seed = NULL, reshuffle_each_iteration = NULL) {
  check_dataset(dataset)
  args <- list(as_count(buffer_size, "buffer_size"))
  if (!is.null(seed)) args$seed <- as_count(seed, "seed")
  if (!is.null(reshuffle_each_iteration)) args$reshuffle_each_iteration <- isTRUE(reshuffle_each_iteration)
  with_py_errors(do.call(dataset$shuffle, args))
}

#' @rdname dataset_batch
#' @param map_func an R function of one element (list elements are passed as
#'   separate arguments, named lists as one named list) or a formula (`~ .x * 2`).
#'   It runs once, while TensorFlow traces it; the traced graph does the work.
#' @export
dataset_map <- function(dataset, map_func, num_parallel_calls = NULL, deterministic = NULL, name = NULL) {
  check_dataset(dataset)
  f <- as_map_function(map_func)
  with_trace(with_py_errors(data_py()$dataset_map(dataset, with_trace_errors(f),
    num_parallel_calls = if (is.null(num_parallel_calls)) NULL else as_count(num_parallel_calls, "num_parallel_calls"),
    deterministic = deterministic, name = name)))
}

#' @rdname dataset_batch
#' @export
dataset_filter <- function(dataset, predicate, name = NULL) {
  check_dataset(dataset)
  f <- as_map_function(predicate, "predicate")
  with_trace(with_py_errors(data_py()$dataset_filter(dataset, with_trace_errors(f), name = name)))
}

#' @rdname dataset_batch
#' @export
dataset_repeat <- function(dataset, count = NULL) {
  check_dataset(dataset)
  with_py_errors(dataset$`repeat`(as_count(count, "count", allow_null = TRUE)))
}

#' @rdname dataset_batch
#' @export
dataset_take <- function(dataset, count) {
  check_dataset(dataset)
  with_py_errors(dataset$take(as_count(count, "count")))
}

#' @rdname dataset_batch
#' @export
dataset_skip <- function(dataset, count) {
  check_dataset(dataset)
  with_py_errors(dataset$skip(as_count(count, "count")))
}

#' @rdname dataset_batch
#' @export
dataset_prefetch <- function(dataset, buffer_size = tf$data$AUTOTUNE) {
  check_dataset(dataset)
  with_py_errors(dataset$prefetch(as_count(buffer_size, "buffer_size")))
}

#' @rdname dataset_batch
#' @export
dataset_cache <- function(dataset, filename = NULL) {
  check_dataset(dataset)
  with_py_errors(if (is.null(filename)) dataset$cache() else dataset$cache(path.expand(filename)))
}

# ---- iterating --------------------------------------------------------------

#' Iterate over a dataset
#'
#' `as_iterator()` makes an iterator; `iter_next()` returns the next element,
#' or `completed` (default `NULL`) when there are no more. `as_array_iterator()`
#' gives elements as R arrays. `iterate()` applies `f` to every element.
#' @export
as_iterator <- function(x) {
  if (inherits(x, "python.builtin.iterator")) return(x)
  with_py_errors(reticulate::as_iterator(x))
}

#' @rdname as_iterator
#' @export
iter_next <- function(it, completed = NULL) {
  with_py_errors(reticulate::iter_next(it, completed = completed))
}

#' @rdname as_iterator
#' @export
as_array_iterator <- function(x) {
  check_dataset(x, "x")
  with_py_errors(data_py()$as_numpy_iterator(x))
}

#' @rdname as_iterator
#' @param f a function applied to each element (default: keep the element).
#' @param simplify combine scalar results into a vector.
#' @export
iterate <- function(it, f = identity, simplify = TRUE) {
  if (inherits(it, dataset_class)) it <- as_iterator(it)
  out <- list()
  repeat {
    sentinel <- environment()
    el <- iter_next(it, completed = sentinel)
    if (identical(el, sentinel)) break
    out[[length(out) + 1L]] <- f(el)
  }
  if (simplify && length(out) && all(vapply(out, function(v) is.atomic(v) && length(v) == 1L, TRUE))) {
    return(unlist(out))
  }
  out
}

#' Number of elements: `Inf` for a repeated dataset, `NA` when TensorFlow
#' can't tell without iterating (after dataset_filter()), as in tfdatasets.
#' @export
length.tensorflow.python.data.ops.dataset_ops.DatasetV2 <- function(x) {
  n <- as.numeric(with_py_errors(x$cardinality()))
  if (n == -1) Inf else if (n == -2) NA_real_ else n
}

#' @export
print.tensorflow.python.data.ops.dataset_ops.DatasetV2 <- function(x, ...) {
  spec <- with_py_errors(data_py()$element_spec(x))
  cat("<dataset>\n")
  for (s in spec) {
    d <- if (is.null(s[[2]])) NULL else vapply(s[[2]], function(e) if (is.null(e)) NA_integer_ else as.integer(e), 0L)
    cat(sprintf("  %s: shape=%s dtype=%s\n", if (nzchar(s[[1]])) s[[1]] else "<element>", fmt_r_shape(d), s[[3]]))
  }
  invisible(x)
}
