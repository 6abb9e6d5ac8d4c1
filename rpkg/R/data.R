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
    abort_kb(c("{.arg {arg}} must be a TensorFlow dataset.",
               x = "Received {.obj_type_friendly {dataset}}.",
               i = "Make one with {.fn tensor_slices_dataset} or {.fn range_dataset}."), call = call)
  }
  invisible(dataset)
}

as_count <- function(x, arg, call = rlang::caller_env(), allow_null = FALSE, min = NULL) {
  if (is.null(x) && allow_null) return(NULL)
  if (is_tensor(x)) return(x)
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x != round(x)) {
    abort_kb("{.arg {arg}} must be a whole number, not {.obj_type_friendly {x}}.", call = call)
  }
  if (!is.null(min) && x < min)
    abort_kb(c("{.arg {arg}} must be a whole number >= {min}.", x = "Received {x}."), call = call)
  as.integer(x)
}

as_flag <- function(x, arg, call = rlang::caller_env()) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    abort_kb("{.arg {arg}} must be TRUE or FALSE, not {.obj_type_friendly {x}}.", call = call)
  }
  x
}

as_map_function <- function(f, arg = "map_func", call = rlang::caller_env()) {
  if (inherits(f, "formula")) f <- rlang::as_function(f)
  if (!is.function(f)) {
    abort_kb("{.arg {arg}} must be a function or a formula such as {.code ~ .x / 255}.", call = call)
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
#' @returns A TensorFlow dataset.
#' @examples
#' ds <- tensor_slices_dataset(list(x = matrix(1:6, ncol = 2), y = c(1, 0, 1)))
#' ds
#' tensors_dataset(1:3)
#' @export
tensor_slices_dataset <- function(tensors) {
  with_py_errors(data_py()$tensor_slices_dataset(r_marshal(tensors)))
}

#' @rdname tensor_slices_dataset
#' @export
tensors_dataset <- function(tensors) {
  with_py_errors(data_py()$tensors_dataset(marshal_element(tensors)))
}

# R tfdatasets hands `tensors` to reticulate, which makes a vector of length 1
# a scalar: tensors_dataset("foo") is one string, not a vector of one.
marshal_element <- function(x) {
  if (is.list(x) && !is.data.frame(x)) return(lapply(x, marshal_element))
  if (is.atomic(x) && is.null(dim(x)) && length(x) == 1L && !is.factor(x)) return(x)
  r_marshal(x)
}

#' A dataset of a sequence of numbers, `from` up to (not including) `to`
#' @param from,to,by The first number, the end (not included) and the step.
#' @param ... Ignored (kept for tfdatasets scripts).
#' @param dtype The element type, a TensorFlow dtype.
#' @returns A TensorFlow dataset of scalars.
#' @examples
#' range_dataset(from = 1, to = 6) %>% dataset_collect()
#' @export
range_dataset <- function(from = 0, to = 0, by = 1, ..., dtype = tf$int64) {
  with_py_errors(tf$data$Dataset$range(as_count(from, "from"), as_count(to, "to"), as_count(by, "by"), output_type = dtype))
}

#' Zip datasets into a dataset of (named) lists
#' @param ... datasets, or one (named) list of datasets (or a Python tuple, list
#'   or dict of them, e.g. `tuple(x, y)`, as tfdatasets took).
#' @returns A dataset whose elements are (named) lists of the datasets' elements.
#' @examples
#' zip_datasets(x = range_dataset(to = 3), y = range_dataset(from = 10, to = 13)) %>%
#'   dataset_collect()
#' @export
zip_datasets <- function(...) {
  ds <- list(...)
  if (length(ds) == 1L && inherits(ds[[1]], c("python.builtin.tuple", "python.builtin.list", "python.builtin.dict")))
    ds <- reticulate::py_to_r(ds[[1]])   # tfdatasets: zip_datasets(tuple(x, y)), as tf's zip() unwraps it
  if (length(ds) == 1L && is.list(ds[[1]]) && !inherits(ds[[1]], dataset_class)) ds <- ds[[1]]
  for (i in seq_along(ds)) check_dataset(ds[[i]], paste0("..", i))
  with_py_errors(data_py()$zip_datasets(if (!is.null(names(ds))) ds else unname(ds)))
}

# ---- transforming -----------------------------------------------------------

#' Transform datasets (tfdatasets names)
#' @param dataset a dataset.
#' @name dataset_batch
#' @param batch_size The number of consecutive elements in a batch.
#' @param drop_remainder Drop a last batch with fewer elements.
#' @param num_parallel_calls,deterministic How many elements to process in
#'   parallel, and whether to keep their order (`NULL`: TensorFlow's default).
#' @param name An optional name of the tf.data operation.
#' @param buffer_size The number of elements buffered (shuffle, prefetch).
#' @param seed The random seed of the shuffle.
#' @param reshuffle_each_iteration Shuffle again on each pass over the data.
#' @param predicate An R function of one element (or a formula) that returns a
#'   logical scalar tensor: the elements for which it is `TRUE` are kept.
#' @param count The number of elements (`dataset_take()`, `dataset_skip()`), or of
#'   repetitions (`dataset_repeat()`; `NULL` repeats forever).
#' @param filename A file to cache the elements in; `NULL` caches in memory.
#' @returns A new dataset.
#' @examples
#' ds <- range_dataset(to = 10) %>%
#'   dataset_filter(function(x) x %% 2 == 0) %>%
#'   dataset_map(function(x) x * 10) %>%
#'   dataset_shuffle(buffer_size = 10, seed = 1) %>%
#'   dataset_batch(2)
#' dataset_collect(ds)
#' @export
dataset_batch <- function(dataset, batch_size, drop_remainder = FALSE, num_parallel_calls = NULL,
                          deterministic = NULL, name = NULL) {
  check_dataset(dataset)
  args <- list(as_count(batch_size, "batch_size"), drop_remainder = isTRUE(drop_remainder))
  if (!is_tensor(args[[1]]) && args[[1]] < 1L)  # TensorFlow's own message names no argument
    abort_kb("{.arg batch_size} must be a whole number >= 1, not {batch_size}.")
  if (!is.null(num_parallel_calls)) args$num_parallel_calls <- as_count(num_parallel_calls, "num_parallel_calls")
  if (!is.null(deterministic)) args$deterministic <- deterministic
  if (!is.null(name)) args$name <- name
  with_py_errors(do.call(dataset$batch, args))
}

#' @rdname dataset_batch
#' @export
dataset_shuffle <- function(dataset, buffer_size, seed = NULL, reshuffle_each_iteration = NULL) {
  check_dataset(dataset)
  args <- list(as_count(buffer_size, "buffer_size", min = 1L))
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
#' @param x A dataset.
#' @param it An iterator from `as_iterator()` (or a dataset, for `iterate()`).
#' @param completed The value `iter_next()` returns when the iterator is exhausted.
#' @returns `as_iterator()`, `as_array_iterator()`: an iterator; `iter_next()`: the
#'   next element or `completed`; `iterate()`: a list of the results (a vector with
#'   `simplify = TRUE` and scalar results).
#' @examples
#' it <- as_iterator(range_dataset(to = 3))
#' iter_next(it)
#' iter_next(it)
#' iterate(range_dataset(to = 4), function(x) as.numeric(x) * 2)
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

#' Number of elements of a dataset
#'
#' `Inf` for a repeated dataset, `NA` when TensorFlow can't tell without
#' iterating (after [dataset_filter()]), as in tfdatasets.
#' @param x A dataset.
#' @returns A number, `Inf` or `NA`.
#' @examples
#' length(range_dataset(to = 5))
#' length(dataset_repeat(range_dataset(to = 5)))
#' @export
length.tensorflow.python.data.ops.dataset_ops.DatasetV2 <- function(x) {
  n <- as.numeric(with_py_errors(x$cardinality()))
  if (n == -1) Inf else if (n == -2) NA_real_ else n
}

# the column names of a dataset of named-list elements (tfdatasets' internal helper)
column_names <- function(dataset) {
  check_dataset(dataset)
  names(with_py_errors(dataset$element_spec))
}

# a dataset of one element (e.g. everything in one batch) as an R array, as tfdatasets does
#' @export
as.array.tensorflow.python.data.ops.dataset_ops.DatasetV2 <- function(x, ...) as.array(as_tensor(x), ...)

#' @export
print.tensorflow.python.data.ops.dataset_ops.DatasetV2 <- function(x, ...) {
  spec <- with_py_errors(data_py()$element_spec(x))
  cat("<dataset>\n")
  for (s in spec) {
    cat(sprintf("  %s: shape=%s dtype=%s\n", if (nzchar(s[[1]])) s[[1]] else "<element>", fmt_shape(s[[2]]), s[[3]]))
  }
  invisible(x)
}

# ---- more sources and the element structure ---------------------------------------

#' Datasets made from other datasets, random numbers or sparse tensors
#'
#' `choose_from_datasets()` takes each element from the dataset that
#' `choice_dataset` (0-based int64 indices) names; `sample_from_datasets()`
#' picks from the datasets at random with `weights`. `random_integer_dataset()`
#' is an infinite dataset of random int64 numbers. `sparse_tensor_slices_dataset()`
#' slices a sparse tensor along its first dimension. `as_tf_dataset()` checks
#' that its argument is a TensorFlow dataset and returns it (tfdatasets used it
#' to add an R class).
#' @param datasets A list of datasets with the same element structure.
#' @param choice_dataset A dataset of int64 scalars (0-based dataset indices).
#' @param stop_on_empty_dataset Stop when a chosen dataset is exhausted.
#' @param weights Sampling weights, one per dataset (default: equal).
#' @param seed A random seed.
#' @param sparse_tensor A `tf$SparseTensor`.
#' @param dataset A dataset.
#' @returns A dataset.
#' @examples
#' a <- tensor_slices_dataset(c(1, 1, 1))
#' b <- tensor_slices_dataset(c(2, 2, 2))
#' choose_from_datasets(list(a, b), tensor_slices_dataset(c(0L, 1L, 0L)) %>%
#'   dataset_map(~ tf$cast(.x, "int64"))) %>% dataset_collect()
#' sample_from_datasets(list(a, b), weights = c(0.5, 0.5), seed = 1) %>% length()
#' random_integer_dataset(seed = 1) %>% dataset_take(2) %>% dataset_collect()
#' @export
choose_from_datasets <- function(datasets, choice_dataset, stop_on_empty_dataset = TRUE) {
  for (i in seq_along(datasets)) check_dataset(datasets[[i]], paste0("datasets[[", i, "]]"))
  check_dataset(choice_dataset, "choice_dataset")
  with_py_errors(data_py()$choose_from_datasets(unname(datasets), choice_dataset,
                                                stop_on_empty_dataset = as_flag(stop_on_empty_dataset, "stop_on_empty_dataset")))
}

#' @rdname choose_from_datasets
#' @export
sample_from_datasets <- function(datasets, weights = NULL, seed = NULL, stop_on_empty_dataset = FALSE) {
  for (i in seq_along(datasets)) check_dataset(datasets[[i]], paste0("datasets[[", i, "]]"))
  if (!is.null(weights) && !inherits(weights, dataset_class) && length(weights) != length(datasets)) {
    abort_kb("{.arg weights} must have one weight per dataset ({length(datasets)}), not {length(weights)}.")
  }
  with_py_errors(data_py()$sample_from_datasets(unname(datasets),
    weights = if (is.null(weights) || inherits(weights, dataset_class)) weights else as.list(as.numeric(weights)),
    seed = as_count(seed, "seed", allow_null = TRUE),
    stop_on_empty_dataset = as_flag(stop_on_empty_dataset, "stop_on_empty_dataset")))
}

#' @rdname choose_from_datasets
#' @export
random_integer_dataset <- function(seed = NULL) {
  with_py_errors(tf$data$Dataset$random(seed = as_count(seed, "seed", allow_null = TRUE)))
}

#' @rdname choose_from_datasets
#' @export
sparse_tensor_slices_dataset <- function(sparse_tensor) {
  if (!inherits(sparse_tensor, "tensorflow.python.framework.sparse_tensor.SparseTensor")) {
    abort_kb("{.arg sparse_tensor} must be a {.code tf$SparseTensor}, not {.obj_type_friendly {sparse_tensor}}.")
  }
  with_py_errors(tf$data$Dataset$from_tensor_slices(sparse_tensor))
}

#' @rdname choose_from_datasets
#' @export
as_tf_dataset <- function(dataset) {
  check_dataset(dataset)
  dataset
}

#' Shapes and dtypes of a dataset's elements
#'
#' tfdatasets' `output_shapes()` and `output_types()`: the element structure
#' (a named list for named-list elements) with each component's `TensorShape`
#' or dtype.
#' @param object A dataset.
#' @returns A shape or dtype, or a (named) list of them.
#' @examples
#' ds <- tensor_slices_dataset(list(x = matrix(1, 4, 3), y = c(1, 2, 3, 4)))
#' output_shapes(ds)
#' output_types(ds)
#' @export
output_shapes <- function(object) {
  check_dataset(object, "object")
  with_py_errors(data_py()$output_structure(object, "shapes"))
}

#' @rdname output_shapes
#' @export
output_types <- function(object) {
  check_dataset(object, "object")
  with_py_errors(data_py()$output_structure(object, "types"))
}
