#' Pad sequences to the same length
#'
#' As in R keras 2.x: a list of integer vectors (e.g. word indices) becomes an
#' integer matrix with one row per sequence.
#' @param sequences A list of integer vectors.
#' @param maxlen Length of the rows (default: the longest sequence).
#' @param dtype Type of the result.
#' @param padding,truncating `"pre"` or `"post"`.
#' @param value Padding value.
#' @returns A matrix with one row per sequence and `maxlen` columns.
#' @examples
#' pad_sequences(list(c(1, 2, 3), c(4, 5)), maxlen = 4)
#' @export
pad_sequences <- function(sequences, maxlen = NULL, dtype = "int32", padding = "pre",
                          truncating = "pre", value = 0) {
  if (!is.list(sequences)) sequences <- list(sequences)
  seqs <- lapply(sequences, function(s) as.integer(s))
  call_core("convert.pad_sequences", lapply(seqs, function(s) array(s, dim = length(s))),
            maxlen = maxlen, dtype = dtype, padding = padding, truncating = truncating, value = value)
}

#' Fit a preprocessing layer's state to data
#'
#' For `layer_normalization()`, `layer_text_vectorization()`, `layer_string_lookup()`,
#' `layer_discretization()`, ...: computes the mean/variance, vocabulary or bins.
#' @param object A preprocessing layer.
#' @param data An R array, character vector or a dataset.
#' @param ... Passed to the layer's `adapt()` (`batch_size`, `steps`).
#' @return The layer, invisibly (it is modified in place).
#' @examples
#' layer <- layer_normalization()
#' adapt(layer, matrix(c(1, 2, 3, 4, 5, 6), ncol = 2))
#' layer(matrix(c(1, 4), ncol = 2))
#' @export
adapt <- function(object, data, ...) {
  if (is.character(data) && is.null(dim(data))) data <- array(data, dim = length(data))
  call_core("convert.adapt", object, r_marshal(data), ...)
  invisible(object)
}

#' Vocabulary of a text or lookup layer
#' @param object A `layer_text_vectorization()`, `layer_string_lookup()` or `layer_integer_lookup()`.
#' @param include_special_tokens Include padding and OOV tokens.
#' @param vocabulary A character (or integer) vector.
#' @param ... Passed to Keras.
#' @returns `get_vocabulary()`: for `layer_string_lookup()` and
#'   `layer_text_vectorization()`, a character vector; for `layer_integer_lookup()`,
#'   a list of integers (`list(-1L, 42L, ...)`), as R keras 2.x returned it (keras3
#'   returns a vector: `unlist()` the result for one). `set_vocabulary()`: `object`,
#'   invisibly.
#' @examples
#' layer <- layer_string_lookup()
#' adapt(layer, c("a", "b", "b", "c"))
#' get_vocabulary(layer)
#' set_vocabulary(layer, c("x", "y"))
#' get_vocabulary(layer)
#' @export
get_vocabulary <- function(object, include_special_tokens = TRUE) {
  vocab <- unlist(with_py_errors(object$get_vocabulary(include_special_tokens = include_special_tokens)))
  if (is.null(vocab)) return(list())   # an empty vocabulary, as 2.x returned it
  if (is.character(vocab)) return(vocab)
  # R keras 2.x: Keras' list of NumPy integers reached R as a list, not a vector
  fits <- all(is.na(vocab) | abs(vocab) <= .Machine$integer.max)
  as.list(if (fits) as.integer(vocab) else vocab)
}

#' @rdname get_vocabulary
#' @export
set_vocabulary <- function(object, vocabulary, ...) {
  with_py_errors(object$set_vocabulary(as.list(vocabulary), ...))
  invisible(object)
}

#' Windows of a time series as a dataset
#'
#' As in R keras 2.x: `start_index` and `end_index` count rows from 1 and are
#' inclusive; a `start_index` of 0 (Python's first row) is the first row too,
#' and a negative `end_index` counts from the last row (-1).
#' @param data A matrix or vector: rows are time steps.
#' @param targets Targets aligned with `data` rows, or `NULL`.
#' @param sequence_length,sequence_stride,sampling_rate,batch_size,shuffle,seed Window settings.
#' @param start_index,end_index First and last rows (1-based, inclusive) to use.
#' @param ... Other arguments of Keras' function.
#' @returns A TensorFlow dataset of `list(inputs, targets)` batches (only inputs
#'   when `targets` is `NULL`).
#' @examples
#' series <- matrix(1:20, ncol = 1)
#' ds <- timeseries_dataset_from_array(series, targets = NULL, sequence_length = 5,
#'                                     batch_size = 4)
#' dim(iter_next(as_iterator(ds)))
#' @export
timeseries_dataset_from_array <- function(data, targets, sequence_length, sequence_stride = 1L, sampling_rate = 1L,
                                          batch_size = 128L, shuffle = FALSE, seed = NULL,
                                          start_index = NULL, end_index = NULL, ...) {
  call_core("convert.timeseries_dataset_from_array", r_marshal(data), r_marshal(targets),
            sequence_length = sequence_length, sequence_stride = sequence_stride, sampling_rate = sampling_rate,
            batch_size = batch_size, shuffle = shuffle, seed = seed,
            start_index = start_index, end_index = end_index, ...)  # 1-based: the core translates
}
