# tfdatasets transformations beyond the basic ones of R/data.R: reshaping
# (unbatch, padded batches, windows), combining (concatenate, flat_map,
# interleave), reducing, and dataset options. Same names, arguments and
# semantics as the R tfdatasets package; indices follow it too
# (dataset_shard()'s `index` and dataset_enumerate()'s counter are
# TensorFlow's 0-based values, passed through). R functions given here run
# once, while TensorFlow traces them (as for dataset_map(), R/data.R); the
# core is pycore/kerasbridge/data.py.

# padded_shapes: R lists are the element's structure, vectors are shapes
padded_shapes_arg <- function(x) {
  if (is.null(x) || is_py_object(x)) return(x)
  if (is.list(x)) return(lapply(x, padded_shapes_arg))
  shape(dims = x)
}

# padding_values: R lists are the structure, length-1 values the leaves
padding_values_arg <- function(x, call = rlang::caller_env()) {
  if (is.null(x) || is_py_object(x)) return(x)
  if (is.list(x)) return(lapply(x, padding_values_arg, call = call))
  if (!is.atomic(x) || length(x) != 1L || is.na(x)) {
    abort_kb("{.arg padding_values} must hold single (non-NA) values, not {.obj_type_friendly {x}}.", call = call)
  }
  x
}

# initial_state: length-1 R values stay scalars (r_marshal would make them 1-d)
state_arg <- function(x) {
  if (is.null(x) || is_py_object(x)) return(x)
  if (is.list(x) && !is.data.frame(x)) return(lapply(x, state_arg))
  if (is.atomic(x) && is.null(dim(x)) && length(x) == 1L && !is.factor(x)) return(x)
  r_marshal(x)
}

# ---- reshaping --------------------------------------------------------------

#' More dataset transformations (tfdatasets names)
#'
#' `dataset_unbatch()` splits each element into its rows (the inverse of
#'   dataset_batch()).
#'
#' `dataset_padded_batch()` batches elements of different shapes, padding
#'   each component to `padded_shapes` (`NULL` or `NA` dimensions: the longest
#'   in the batch) with `padding_values` (default 0, `""` for strings; one
#'   value is used for every component). Give one shape/value per component as
#'   a (named) list for list elements.
#'
#' `dataset_window()` makes a dataset of windows, each a dataset (or a
#'   (named) list of datasets) of `size` elements; turn them into tensors with
#'   `dataset_flat_map(function(w) dataset_batch(w, size))`.
#'
#' `dataset_concatenate()` appends the elements of the other datasets.
#'
#' `dataset_flat_map()` maps each element to a dataset and flattens the
#'   result; `dataset_interleave()` takes `block_length` elements from each of
#'   `cycle_length` such datasets in turn.
#'
#' `dataset_enumerate()` gives `list(index, element)` elements, the index
#'   counting from `start` (0 by default, as in tfdatasets).
#'
#' `dataset_shard()` keeps every `num_shards`-th element, starting at
#'   `index`, a 0-based worker index as in tfdatasets and TensorFlow.
#'
#' `dataset_map_and_batch()` (deprecated in tfdatasets) is
#'   `dataset_map()` followed by `dataset_batch()`.
#'
#' @param dataset a dataset.
#' @param batch_size number of consecutive elements in a batch.
#' @param padded_shapes `NULL`, a shape (a vector of whole numbers or `NA`,
#'   or shape()), or a (named) list of those, one per component.
#' @param padding_values `NULL`, a single value, or a (named) list of them,
#'   one per component; cast to the component's dtype.
#' @param drop_remainder drop a last batch or window with fewer elements.
#' @param size,shift,stride window length, how far each window starts after
#'   the previous one (default `size`), and the step between the elements of
#'   a window.
#' @param ... for `dataset_concatenate()`, the datasets to append.
#' @param map_func an R function of one element (list elements are passed as
#'   separate arguments) or a formula; for `dataset_flat_map()` and
#'   `dataset_interleave()` it must return a dataset. It runs once, while
#'   TensorFlow traces it.
#' @param cycle_length,block_length how many input elements are open at a
#'   time, and how many consecutive elements are taken from each.
#' @param start the first index of `dataset_enumerate()`.
#' @param num_shards,index the number of shards and the (0-based) shard kept.
#' @param name optional name of the tf.data operation.
#' @param num_parallel_batches ignored (kept for tfdatasets scripts).
#' @param num_parallel_calls passed to dataset_map().
#' @return a dataset.
#' @name dataset_unbatch
#' @examples
#' ds <- range_dataset(to = 6) %>% dataset_batch(3) %>% dataset_unbatch()
#' dataset_collect(ds)
#' range_dataset(to = 6) %>% dataset_window(size = 3, drop_remainder = TRUE) %>% length()
#' @export
dataset_unbatch <- function(dataset, name = NULL) {
  check_dataset(dataset)
  with_py_errors(if (is.null(name)) dataset$unbatch() else dataset$unbatch(name = name))
}

#' @rdname dataset_unbatch
#' @export
dataset_padded_batch <- function(dataset, batch_size, padded_shapes = NULL, padding_values = NULL,
                                 drop_remainder = FALSE, name = NULL) {
  check_dataset(dataset)
  with_py_errors(data_py()$dataset_padded_batch(
    dataset, as_count(batch_size, "batch_size"),
    padded_shapes = padded_shapes_arg(padded_shapes),
    padding_values = padding_values_arg(padding_values),
    drop_remainder = as_flag(drop_remainder, "drop_remainder"), name = name))
}

#' @rdname dataset_unbatch
#' @export
dataset_window <- function(dataset, size, shift = NULL, stride = 1, drop_remainder = FALSE) {
  check_dataset(dataset)
  with_py_errors(dataset$window(as_count(size, "size"), shift = as_count(shift, "shift", allow_null = TRUE),
                           stride = as_count(stride, "stride"),
                           drop_remainder = as_flag(drop_remainder, "drop_remainder")))
}

#' @rdname dataset_unbatch
#' @export
dataset_map_and_batch <- function(dataset, map_func, batch_size, num_parallel_batches = NULL,
                                  drop_remainder = FALSE, num_parallel_calls = NULL) {
  dataset %>%
    dataset_map(map_func, num_parallel_calls = num_parallel_calls) %>%
    dataset_batch(batch_size, drop_remainder = drop_remainder)
}

# ---- combining --------------------------------------------------------------

#' @rdname dataset_unbatch
#' @export
dataset_concatenate <- function(dataset, ...) {
  check_dataset(dataset)
  others <- list(...)
  for (i in seq_along(others)) {
    check_dataset(others[[i]], paste0("..", i))
    dataset <- with_py_errors(dataset$concatenate(others[[i]]))
  }
  dataset
}

#' @rdname dataset_unbatch
#' @export
dataset_flat_map <- function(dataset, map_func) {
  check_dataset(dataset)
  f <- as_map_function(map_func)
  with_trace(with_py_errors(data_py()$dataset_flat_map(dataset, with_trace_errors(f))))
}

#' @rdname dataset_unbatch
#' @export
dataset_interleave <- function(dataset, map_func, cycle_length, block_length = 1) {
  check_dataset(dataset)
  f <- as_map_function(map_func)
  with_trace(with_py_errors(data_py()$dataset_interleave(
    dataset, with_trace_errors(f),
    cycle_length = as_count(cycle_length, "cycle_length"),
    block_length = as_count(block_length, "block_length"))))
}

#' @rdname dataset_unbatch
#' @export
dataset_enumerate <- function(dataset, start = 0L) {
  check_dataset(dataset)
  with_py_errors(dataset$enumerate(as_count(start, "start")))
}

#' @rdname dataset_unbatch
#' @export
dataset_shard <- function(dataset, num_shards, index) {
  check_dataset(dataset)
  num_shards <- as_count(num_shards, "num_shards")
  index <- as_count(index, "index")
  if (!is_tensor(num_shards) && !is_tensor(index) && (index < 0L || index >= num_shards)) {
    abort_kb(c("{.arg index} must be from 0 to {num_shards - 1L} (0-based, as in tfdatasets), not {index}."))
  }
  with_py_errors(dataset$shard(num_shards, index))
}

# ---- reducing and collecting ------------------------------------------------

#' Reduce a dataset to one value, or collect its elements
#'
#' `dataset_reduce()` calls `reduce_func(state, element)` on every element,
#' starting from `initial_state`, and returns the final state. The function
#' must return a state with the structure of `initial_state`; it runs once,
#' while TensorFlow traces it. R numbers in `initial_state` become scalar
#' tensors (doubles float32, integers int32); give a tensor
#' (`tf$constant(0L, dtype = tf$int64)`) for another dtype. Results are cast to the
#' state's dtype.
#'
#' `dataset_collect()` returns a list of (at most `iter_max`) elements.
#' @param dataset a dataset.
#' @param initial_state a value, tensor, or (named) list of them.
#' @param reduce_func an R function `function(state, element)` or a formula
#'   (`~ .x + .y`). List elements come as one list argument.
#' @param iter_max the most elements to collect.
#' @return the final state (a tensor or a list of tensors); for
#'   `dataset_collect()`, a list of elements.
#' @examples
#' range_dataset(to = 5) %>%
#'   dataset_reduce(tf$constant(0L, dtype = "int64"), function(state, x) state + x)
#' dataset_collect(range_dataset(to = 3))
#' @export
dataset_reduce <- function(dataset, initial_state, reduce_func) {
  check_dataset(dataset)
  f <- as_map_function(reduce_func, "reduce_func")
  with_trace(with_py_errors(data_py()$dataset_reduce(dataset, state_arg(initial_state), with_trace_errors(f))))
}

#' @rdname dataset_reduce
#' @export
dataset_collect <- function(dataset, iter_max = Inf) {
  check_dataset(dataset)
  if (!is.numeric(iter_max) || length(iter_max) != 1L || is.na(iter_max) || iter_max < 0) {
    abort_kb("{.arg iter_max} must be a number >= 0, not {.obj_type_friendly {iter_max}}.")
  }
  it <- as_iterator(dataset)
  out <- list()
  sentinel <- new.env()
  while (length(out) < iter_max) {
    el <- iter_next(it, completed = sentinel)
    if (identical(el, sentinel)) break
    out[[length(out) + 1L]] <- el
  }
  out
}

#' Get or set dataset options
#'
#' With no options, returns the dataset's `tf$data$Options()`. Otherwise sets
#' them: named arguments (nested names separated by `"."`, e.g.
#' `threading.private_threadpool_size = 4`), one named list of them, or a
#' `tf$data$Options()` object.
#' @param dataset a dataset.
#' @param ... options.
#' @return the options, or a dataset with the options set.
#' @examples
#' ds <- range_dataset(to = 3)
#' dataset_options(ds)
#' @export
dataset_options <- function(dataset, ...) {
  check_dataset(dataset)
  opts <- list(...)
  if (!length(opts)) return(with_py_errors(dataset$options()))
  if (length(opts) == 1L && is.null(names(opts)) && is.list(opts[[1]]) && !is_py_object(opts[[1]])) opts <- opts[[1]]
  options <- tf$data$Options()
  for (i in seq_along(opts)) {
    val <- opts[[i]]
    if (is_py_object(val)) {
      options <- with_py_errors(options$merge(val))
      next
    }
    nm <- names(opts)[i]
    if (is.null(nm) || !nzchar(nm)) {
      abort_kb("Options must be named (e.g. {.code deterministic = FALSE}) or {.code tf$data$Options()}.")
    }
    if (is.numeric(val) && length(val) == 1L && !is.na(val) && val == round(val)) val <- as.integer(val)
    path <- strsplit(nm, ".", fixed = TRUE)[[1]]
    target <- options
    for (p in utils::head(path, -1L)) target <- with_py_errors(reticulate::py_get_attr(target, p))
    with_py_errors(reticulate::py_set_attr(target, utils::tail(path, 1L), val))
  }
  with_py_errors(dataset$with_options(options))
}

# ---- the remaining tfdatasets transformations -----------------------------------

#' Stateful, conditional and grouping transformations (tfdatasets names)
#'
#' `dataset_scan()` carries a state through the elements: `scan_func(state,
#'   element)` returns `list(new_state, output)`, and the outputs make the new
#'   dataset. `dataset_take_while()` keeps elements while `predicate` is `TRUE`.
#'   `dataset_unique()` drops repeated elements. `dataset_rebatch()` re-batches
#'   a batched dataset to `batch_size`. `dataset_snapshot()` saves the dataset
#'   to `path` on the first pass and reads it back afterwards.
#'   `dataset_group_by_window()` groups elements by `key_func` (an integer per
#'   element) into windows of `window_size`, each reduced by `reduce_func(key,
#'   window)` to a dataset. `dataset_bucket_by_sequence_length()` batches
#'   sequences of similar length (`element_length_func`) together, padding them.
#'   `dataset_rejection_resample()` resamples to the class distribution
#'   `target_dist` (`class_func` gives an element's 0-based class); elements
#'   become `list(class, element)`. `dataset_shuffle_and_repeat()` shuffles
#'   then repeats; `dataset_prefetch_to_device()` prefetches to a device.
#'
#' R functions given here run once, while TensorFlow traces them, as for
#' [dataset_map()].
#' @param dataset A dataset.
#' @param initial_state The first state (a value, tensor or list of them).
#' @param scan_func,predicate,key_func,reduce_func,window_size_func,element_length_func,class_func
#'   R functions (or formulas) as described above.
#' @param batch_size The new batch size.
#' @param drop_remainder Drop a last batch with fewer elements.
#' @param path,compression,reader_func,shard_func Where and how to snapshot
#'   (`reader_func`, `shard_func` are not supported: R functions can't run on
#'   TensorFlow's threads).
#' @param window_size Elements per window.
#' @param bucket_boundaries,bucket_batch_sizes Upper length boundaries of the
#'   buckets, and the batch size of each bucket (one more than boundaries).
#' @param padded_shapes,padding_values As for [dataset_padded_batch()].
#' @param pad_to_bucket_boundary,no_padding Pad to the bucket's boundary, or not at all.
#' @param target_dist,initial_dist Target (and known initial) class proportions.
#' @param seed A random seed.
#' @param buffer_size,count Shuffle buffer size and number of repetitions
#'   (`NULL`: forever); for `dataset_prefetch_to_device()` the prefetch buffer.
#' @param device A device name, e.g. `"/cpu:0"` or `"/gpu:0"`.
#' @param name Optional name of the tf.data operation.
#' @returns A dataset.
#' @examples
#' range_dataset(to = 5) %>%
#'   dataset_scan(tf$constant(0L, dtype = "int64"), function(s, x) list(s + x, s + x)) %>%
#'   dataset_collect()
#' range_dataset(to = 10) %>% dataset_take_while(function(x) x < 3L) %>% length()
#' tensor_slices_dataset(c(1L, 1L, 2L)) %>% dataset_unique() %>% dataset_collect()
#' @name dataset_scan
#' @export
dataset_scan <- function(dataset, initial_state, scan_func) {
  check_dataset(dataset)
  f <- as_map_function(scan_func, "scan_func")
  with_trace(with_py_errors(data_py()$dataset_scan(dataset, state_arg(initial_state), with_trace_errors(f))))
}

#' @rdname dataset_scan
#' @export
dataset_take_while <- function(dataset, predicate, name = NULL) {
  check_dataset(dataset)
  f <- as_map_function(predicate, "predicate")
  with_trace(with_py_errors(data_py()$dataset_take_while(dataset, with_trace_errors(f), name = name)))
}

#' @rdname dataset_scan
#' @export
dataset_unique <- function(dataset, name = NULL) {
  check_dataset(dataset)
  with_py_errors(if (is.null(name)) dataset$unique() else dataset$unique(name = name))
}

#' @rdname dataset_scan
#' @export
dataset_rebatch <- function(dataset, batch_size, drop_remainder = FALSE, name = NULL) {
  check_dataset(dataset)
  args <- list(as_count(batch_size, "batch_size"), drop_remainder = as_flag(drop_remainder, "drop_remainder"))
  if (!is.null(name)) args$name <- name
  with_py_errors(do.call(dataset$rebatch, args))
}

#' @rdname dataset_scan
#' @export
dataset_snapshot <- function(dataset, path, compression = c("AUTO", "GZIP", "SNAPPY", "None"),
                             reader_func = NULL, shard_func = NULL) {
  check_dataset(dataset)
  compression <- match.arg(compression)
  if (!is.null(reader_func) || !is.null(shard_func)) {
    abort_kb(c("{.arg reader_func} and {.arg shard_func} are not supported.",
               i = "TensorFlow would run them on its worker threads, where R code can't run."), kind = "unavailable")
  }
  with_py_errors(dataset$snapshot(path.expand(path), compression = compression))
}

#' @rdname dataset_scan
#' @export
dataset_group_by_window <- function(dataset, key_func, reduce_func, window_size = NULL, window_size_func = NULL,
                                    name = NULL) {
  check_dataset(dataset)
  kf <- as_map_function(key_func, "key_func")
  rf <- as_map_function(reduce_func, "reduce_func")
  wf <- if (is.null(window_size_func)) NULL else with_trace_errors(as_map_function(window_size_func, "window_size_func"))
  with_trace(with_py_errors(data_py()$dataset_group_by_window(
    dataset, with_trace_errors(kf), with_trace_errors(rf),
    window_size = as_count(window_size, "window_size", allow_null = TRUE), window_size_func = wf, name = name)))
}

#' @rdname dataset_scan
#' @export
dataset_bucket_by_sequence_length <- function(dataset, element_length_func, bucket_boundaries, bucket_batch_sizes,
                                              padded_shapes = NULL, padding_values = NULL,
                                              pad_to_bucket_boundary = FALSE, no_padding = FALSE,
                                              drop_remainder = FALSE, name = NULL) {
  check_dataset(dataset)
  f <- as_map_function(element_length_func, "element_length_func")
  if (length(bucket_batch_sizes) != length(bucket_boundaries) + 1L) {
    abort_kb("{.arg bucket_batch_sizes} must have one more entry than {.arg bucket_boundaries} ({length(bucket_boundaries) + 1L}), not {length(bucket_batch_sizes)}.")
  }
  with_trace(with_py_errors(data_py()$dataset_bucket_by_sequence_length(
    dataset, with_trace_errors(f), as.list(bucket_boundaries), as.list(bucket_batch_sizes),
    padded_shapes = padded_shapes_arg(padded_shapes), padding_values = padding_values_arg(padding_values),
    pad_to_bucket_boundary = as_flag(pad_to_bucket_boundary, "pad_to_bucket_boundary"),
    no_padding = as_flag(no_padding, "no_padding"), drop_remainder = as_flag(drop_remainder, "drop_remainder"),
    name = name)))
}

#' @rdname dataset_scan
#' @export
dataset_rejection_resample <- function(dataset, class_func, target_dist, initial_dist = NULL, seed = NULL,
                                       name = NULL) {
  check_dataset(dataset)
  f <- as_map_function(class_func, "class_func")
  with_trace(with_py_errors(data_py()$dataset_rejection_resample(
    dataset, with_trace_errors(f), as.numeric(target_dist),
    initial_dist = if (is.null(initial_dist)) NULL else as.numeric(initial_dist),
    seed = as_count(seed, "seed", allow_null = TRUE), name = name)))
}

#' @rdname dataset_scan
#' @export
dataset_shuffle_and_repeat <- function(dataset, buffer_size, count = NULL, seed = NULL) {
  dataset %>% dataset_shuffle(buffer_size, seed = seed) %>% dataset_repeat(count)
}

#' @rdname dataset_scan
#' @export
dataset_prefetch_to_device <- function(dataset, device, buffer_size = NULL) {
  check_dataset(dataset)
  with_py_errors(dataset$apply(tf$data$experimental$prefetch_to_device(
    device, buffer_size = as_count(buffer_size, "buffer_size", allow_null = TRUE))))
}

#' Prepare a dataset of columns for a model: `list(x, y)`
#'
#' Selects the feature columns `x` (a formula `y ~ a + b`, `.` for all other
#' columns, or names) and the response `y`, and stacks the features into one
#' float32 matrix (or keeps them as a named list with `named_features =
#' TRUE`), as tfdatasets' `dataset_prepare()`.
#' @param dataset A dataset of named lists (e.g. from a data frame or CSV).
#' @param x A formula, or the feature columns as tidyselect selects them:
#'   `c(mpg, disp)`, `-Species`, `!!names`, `starts_with("x")`.
#' @param y The response column (when `x` is not a formula), selected the same way.
#' @param named Elements as `list(x = , y = )` (`TRUE`) or unnamed.
#' @param named_features Keep the features as a named list.
#' @param parallel_records,num_parallel_batches Ignored (kept for tfdatasets scripts).
#' @param batch_size Batch the dataset first.
#' @param drop_remainder Drop a last, smaller batch.
#' @returns A dataset.
#' @examples
#' df <- data.frame(a = c(1, 2, 3), b = c(4, 5, 6), y = c(0, 1, 0))
#' tensor_slices_dataset(df) %>% dataset_prepare(y ~ ., batch_size = 2) %>% dataset_collect(1)
#' @export
dataset_prepare <- function(dataset, x, y = NULL, named = TRUE, named_features = FALSE, parallel_records = NULL,
                            batch_size = NULL, num_parallel_batches = NULL, drop_remainder = FALSE) {
  check_dataset(dataset)
  cols <- names(with_py_errors(dataset$element_spec))
  x_quo <- rlang::enquo(x)
  y_quo <- rlang::enquo(y)
  x_expr <- rlang::quo_get_expr(x_quo)
  x_val <- if (rlang::is_call(x_expr, "~")) rlang::eval_tidy(x_quo) else NULL
  if (inherits(x_val, "formula")) {
    y <- if (length(x_val) == 3L) all.vars(x_val[[2]]) else NULL
    rhs <- all.vars(x_val[[length(x_val)]])
    x <- if ("." %in% rhs) setdiff(cols, c(y, rhs)) else rhs
  } else {
    # tidyselect-style selection: x = c(mpg, disp), x = -Species, x = !!names, y = cyl
    types <- unlist(with_py_errors(fspec_py()$column_types(dataset)))
    y <- if (rlang::quo_is_null(y_quo)) NULL else select_names(list(y_quo), cols, types)
    x <- setdiff(select_names(list(x_quo), cols, types), y)
  }
  with_py_errors(data_py()$dataset_prepare(dataset, as.list(x), y, named = as_flag(named, "named"),
    named_features = as_flag(named_features, "named_features"),
    batch_size = as_count(batch_size, "batch_size", allow_null = TRUE),
    drop_remainder = as_flag(drop_remainder, "drop_remainder")))
}
