# Datasets read from files on disk, with the tfdatasets and R keras names:
# text lines, file lists and CSV files (tf.data sources), and
# keras.utils.*_dataset_from_directory with R's arguments (image_size =
# c(256, 256), seed as a number). The core is pycore/kerasbridge/data.py;
# numbers are coerced there through the argument spec (argspec.py).
# make_csv_dataset()'s integer `select_columns` are 0-based, as in tfdatasets.

#' Datasets from files
#'
#' `text_line_dataset()`: one string element per line of the files (glob
#'   patterns are expanded; `compression_type` is `NULL` for none, `"GZIP"`,
#'   `"ZLIB"` or `"auto"` (from the file extension)).
#'
#' `file_list_dataset()`: the names of the files matching `file_pattern`,
#'   shuffled unless `shuffle = FALSE` (as in TensorFlow).
#'
#' `make_csv_dataset()`: batches of CSV rows, each a named list of column
#'   tensors, or `list(features, label)` when `label_name` is given. Column
#'   types are inferred (integers int32, other numbers float32, text string).
#'   `num_epochs = NULL` repeats the data forever (give `steps_per_epoch` to
#'   `fit()`). Integer `select_columns` are 0-based, as in tfdatasets.
#' @param filenames,file_pattern file names or glob patterns.
#' @param compression_type `NULL`, `"auto"`, `"GZIP"` or `"ZLIB"`.
#' @param shuffle shuffle the file names / the rows.
#' @param seed,shuffle_seed random seed for the shuffle.
#' @param batch_size rows per batch.
#' @param column_names the names of the columns when the files have no header.
#' @param column_defaults defaults (and so types) of the columns, e.g. `list(0, 0L, "")`.
#' @param label_name the column returned separately as the label.
#' @param select_columns names (or 0-based indices) of the columns to read.
#' @param field_delim,use_quote_delim,na_value,header how the files are written.
#' @param num_epochs how often to repeat the data (`NULL`: forever).
#' @param shuffle_buffer_size,prefetch_buffer_size,num_parallel_reads,sloppy,num_rows_for_inference
#'   passed to `tf$data$experimental$make_csv_dataset()`.
#' @param num_parallel_parser_calls ignored (kept for tfdatasets scripts).
#' @return a dataset.
#' @examples
#' file <- tempfile(fileext = ".csv")
#' writeLines(c("x,y", "1,2", "3,4", "5,6"), file)
#' text_line_dataset(file) %>% dataset_collect()
#' ds <- make_csv_dataset(file, batch_size = 2, num_epochs = 1, shuffle = FALSE)
#' iter_next(as_iterator(ds))
#' @export
text_line_dataset <- function(filenames, compression_type = NULL) {
  with_py_errors(data_py()$text_line_dataset(filenames, compression_type = compression_type))
}

#' @rdname text_line_dataset
#' @export
file_list_dataset <- function(file_pattern, shuffle = NULL, seed = NULL) {
  with_py_errors(data_py()$file_list_dataset(
    file_pattern,
    shuffle = if (is.null(shuffle)) NULL else as_flag(shuffle, "shuffle"),
    seed = as_count(seed, "seed", allow_null = TRUE)))
}

#' @rdname text_line_dataset
#' @export
make_csv_dataset <- function(file_pattern, batch_size,
                             column_names = NULL, column_defaults = NULL,
                             label_name = NULL, select_columns = NULL,
                             field_delim = ",", use_quote_delim = TRUE, na_value = "",
                             header = TRUE, num_epochs = NULL,
                             shuffle = TRUE, shuffle_buffer_size = 10000, shuffle_seed = NULL,
                             prefetch_buffer_size = NULL,
                             num_parallel_reads = NULL, num_parallel_parser_calls = NULL,
                             sloppy = FALSE, num_rows_for_inference = 100) {
  args <- list(file_pattern, as_count(batch_size, "batch_size"),
               field_delim = field_delim, use_quote_delim = as_flag(use_quote_delim, "use_quote_delim"),
               na_value = na_value, header = as_flag(header, "header"),
               shuffle = as_flag(shuffle, "shuffle"),
               shuffle_buffer_size = as_count(shuffle_buffer_size, "shuffle_buffer_size"),
               sloppy = as_flag(sloppy, "sloppy"))
  if (!is.null(column_names)) args$column_names <- as.list(column_names)
  if (!is.null(column_defaults)) args$column_defaults <- as.list(column_defaults)
  if (!is.null(label_name)) args$label_name <- label_name
  if (!is.null(select_columns)) {
    args$select_columns <- as.list(if (is.numeric(select_columns)) as.integer(select_columns) else select_columns)
  }
  if (!is.null(num_epochs)) args$num_epochs <- as_count(num_epochs, "num_epochs")
  if (!is.null(shuffle_seed)) args$shuffle_seed <- as_count(shuffle_seed, "shuffle_seed")
  if (!is.null(prefetch_buffer_size)) args$prefetch_buffer_size <- as_count(prefetch_buffer_size, "prefetch_buffer_size")
  if (!is.null(num_parallel_reads)) args$num_parallel_reads <- as_count(num_parallel_reads, "num_parallel_reads")
  args$num_rows_for_inference <- as_count(num_rows_for_inference, "num_rows_for_inference", allow_null = TRUE)
  with_py_errors(do.call(data_py()$make_csv_dataset, args))
}

#' Datasets of images or texts from a directory tree
#'
#' One sub-directory per class. Returns a batched dataset of `(x, y)` that
#' `fit()` takes directly.
#' @param directory The root directory.
#' @param image_size Height and width to resize to, `c(256, 256)`.
#' @param batch_size Batch size (`NULL` for unbatched).
#' @param seed Shuffling seed (needed with `validation_split`).
#' @param ... Other arguments of Keras' function (`labels`, `label_mode`,
#'   `class_names`, `color_mode`, `shuffle`, `validation_split`, `subset`, ...).
#' @returns A TensorFlow dataset of `list(x, y)` batches.
#' @examples
#' root <- file.path(tempdir(), "texts")
#' for (class in c("neg", "pos")) {
#'   dir.create(file.path(root, class), recursive = TRUE, showWarnings = FALSE)
#'   writeLines(paste("a", class, "review"), file.path(root, class, "1.txt"))
#' }
#' ds <- text_dataset_from_directory(root, batch_size = 2)
#' ds
#' @export
image_dataset_from_directory <- function(directory, ..., image_size = c(256, 256), batch_size = 32, seed = NULL) {
  args <- capture_args(ignore = character())
  args$image_size <- image_size
  check_directory(directory)
  do.call(call_core, c(list("data.image_dataset_from_directory"), args))
}

#' @rdname image_dataset_from_directory
#' @export
text_dataset_from_directory <- function(directory, ..., batch_size = 32, seed = NULL) {
  args <- capture_args(ignore = character())
  check_directory(directory)
  do.call(call_core, c(list("data.text_dataset_from_directory"), args))
}

check_directory <- function(directory, call = rlang::caller_env()) {
  if (!dir.exists(directory))
    abort_kb(c("{.arg directory} must be an existing directory with one sub-directory per class.",
               x = "{.path {directory}} does not exist."), call = call)
}
