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
#' @param record_spec,parallel_records A record spec ([csv_record_spec()]) to
#'   decode the lines into named-list elements (`parallel_records` is ignored).
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
text_line_dataset <- function(filenames, compression_type = NULL, record_spec = NULL, parallel_records = NULL) {
  ds <- with_py_errors(data_py()$text_line_dataset(filenames, compression_type = compression_type))
  if (is.null(record_spec)) ds else dataset_decode_delim(ds, record_spec)
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

#' @rdname image_dataset_from_directory
#' @export
audio_dataset_from_directory <- function(directory, ..., batch_size = 32, seed = NULL) {
  args <- capture_args(ignore = character())
  check_directory(directory)
  do.call(call_core, c(list("data.audio_dataset_from_directory"), args))
}

#' Split a dataset or arrays into two datasets (keras3)
#'
#' @param dataset A TensorFlow dataset, an R array, or a list of arrays (one
#'   row per sample).
#' @param left_size,right_size Sizes of the parts: counts, or fractions below 1;
#'   `NULL` for the rest.
#' @param shuffle Shuffle before splitting.
#' @param seed Shuffling seed.
#' @returns A list of two TensorFlow datasets.
#' @examples
#' c(left, right) %<-% split_dataset(matrix(1:20, 10), left_size = 0.8)
#' length(iterate(left))
#' @export
split_dataset <- function(dataset, left_size = NULL, right_size = NULL, shuffle = FALSE, seed = NULL) {
  if (is.list(dataset) && !is_py_object(dataset)) dataset <- lapply(dataset, r_marshal) else dataset <- r_marshal(dataset)
  call_core("data.split_dataset", dataset, left_size = left_size, right_size = right_size, shuffle = shuffle,
            seed = seed)
}

check_directory <- function(directory, call = rlang::caller_env()) {
  if (!dir.exists(directory))
    abort_kb(c("{.arg directory} must be an existing directory with one sub-directory per class.",
               x = "{.path {directory}} does not exist."), call = call)
}

# ---- record files and delimited text with a record spec -------------------------

#' Datasets of records: TFRecord, fixed-length and delimited-text files, SQL
#'
#' `tfrecord_dataset()` reads TFRecord files (one serialized string per
#' record); `fixed_length_record_dataset()` reads binary files of
#' `record_bytes`-long records. `read_files()` applies a `reader` (such as
#' `text_line_dataset`) to each file and concatenates the datasets.
#'
#' `csv_record_spec()`, `tsv_record_spec()` and `delim_record_spec()`
#' describe delimited text (column names and types, read from `example_file`
#' unless given); `dataset_decode_delim()` turns a dataset of lines into
#' named-list elements with such a spec, and `text_line_dataset(file,
#' record_spec = )` does both. Types are `"integer"`, `"double"`,
#' `"character"` or `"logical"` (or readr's one-letter codes `"idcl"`).
#'
#' `sql_record_spec()` names and types the columns of a query;
#' `sqlite_dataset()` and `sql_dataset()` read its rows
#' (`tf$data$experimental$SqlDataset`).
#' @param filenames,files File names or glob patterns.
#' @param compression_type `NULL`, `"auto"`, `"GZIP"` or `"ZLIB"`.
#' @param buffer_size,num_parallel_reads Read buffer (bytes) and parallel reads.
#' @param record_bytes,header_bytes,footer_bytes Record, header and footer sizes.
#' @param reader A function of one file name returning a dataset.
#' @param ... Passed to `reader`.
#' @param parallel_files,parallel_interleave,num_shards,shard_index Kept for
#'   tfdatasets scripts (the files are read in order).
#' @param example_file A file to infer names and types from.
#' @param names,types Column names and types.
#' @param defaults Values used for empty fields, one per column.
#' @param skip Lines to skip at the start (1 for a header line).
#' @param delim The field delimiter.
#' @param dataset A dataset of text lines.
#' @param record_spec A record spec.
#' @param parallel_records Ignored (kept for tfdatasets scripts).
#' @param driver_name,data_source_name,query The SQL driver (`"sqlite"`), the
#'   database, and the query.
#' @param filename An SQLite database file.
#' @returns A dataset; the `*_record_spec()` functions return a record spec.
#' @examples
#' file <- tempfile(fileext = ".csv")
#' writeLines(c("x,y,s", "1,2.5,a", "3,4.5,b"), file)
#' spec <- csv_record_spec(file)
#' spec
#' text_line_dataset(file, record_spec = spec) %>% dataset_collect()
#' bin <- tempfile()
#' writeBin(as.raw(1:8), bin)
#' fixed_length_record_dataset(bin, record_bytes = 4) %>% length()
#' @name tfrecord_dataset
#' @export
tfrecord_dataset <- function(filenames, compression_type = "auto", buffer_size = NULL, num_parallel_reads = NULL) {
  with_py_errors(data_py()$tfrecord_dataset(filenames, compression_type = compression_type,
    buffer_size = as_count(buffer_size, "buffer_size", allow_null = TRUE),
    num_parallel_reads = as_count(num_parallel_reads, "num_parallel_reads", allow_null = TRUE)))
}

#' @rdname tfrecord_dataset
#' @export
fixed_length_record_dataset <- function(filenames, record_bytes, header_bytes = NULL, footer_bytes = NULL,
                                        buffer_size = NULL) {
  with_py_errors(data_py()$fixed_length_record_dataset(filenames, as_count(record_bytes, "record_bytes"),
    header_bytes = as_count(header_bytes, "header_bytes", allow_null = TRUE),
    footer_bytes = as_count(footer_bytes, "footer_bytes", allow_null = TRUE),
    buffer_size = as_count(buffer_size, "buffer_size", allow_null = TRUE)))
}

#' @rdname tfrecord_dataset
#' @export
read_files <- function(files, reader, ..., parallel_files = 1, parallel_interleave = 1, num_shards = NULL,
                       shard_index = NULL) {
  if (!is.function(reader)) abort_kb("{.arg reader} must be a function of a file name, such as {.fn text_line_dataset}.")
  paths <- unlist(lapply(path.expand(files), function(p) sort(Sys.glob(p))))
  if (!length(paths)) abort_kb("No file matches {.arg files} = {.val {files}}.")
  datasets <- lapply(paths, function(p) reader(p, ...))
  Reduce(function(a, b) dataset_concatenate(a, b), datasets)
}

record_types <- function(types, n, call = rlang::caller_env()) {
  codes <- c(i = "integer", d = "double", c = "character", l = "logical", n = "double")
  if (is.list(types) || is_py_object(types)) types <- vapply(as.list(types), dtype_record_type, "")
  if (length(types) == 1L && n > 1L && nchar(types) == n) types <- strsplit(types, "")[[1]]
  types <- ifelse(types %in% names(codes), codes[types], types)
  bad <- setdiff(types, codes)
  if (length(bad) || length(types) != n) {
    abort_kb("{.arg types} must give one of integer, double, character, logical per column ({n}); received {.val {types}}.", call = call)
  }
  unname(types)
}

# a TensorFlow dtype (tf$float64) or an R value (a default) as a record type
dtype_record_type <- function(x) {
  if (is_py_object(x)) {
    name <- with_py_errors(x$name)
    return(if (grepl("^(float|bfloat|double)", name)) "double" else if (grepl("^u?int", name)) "integer"
           else if (name == "string") "character" else if (name == "bool") "logical" else name)
  }
  if (is.character(x) && length(x) == 1L && !is.na(x) && x %in% c("integer", "double", "character", "logical", "i", "d", "c", "l", "n")) return(x)
  if (is.logical(x)) "logical" else if (is.integer(x)) "integer" else if (is.numeric(x)) "double" else "character"
}

#' @rdname tfrecord_dataset
#' @export
delim_record_spec <- function(example_file, delim = ",", skip = 0, names = NULL, types = NULL, defaults = NULL) {
  has_header <- is.null(names)
  # the defaults give the types when no types are given, as in tfdatasets
  if (is.null(types) && !is.null(defaults)) types <- vapply(as.list(defaults), dtype_record_type, "")
  if (is.null(names) || is.null(types)) {
    if (!file.exists(example_file)) abort_kb("{.arg example_file} {.path {example_file}} does not exist.")
    df <- utils::read.table(example_file, sep = delim, skip = skip, header = has_header, nrows = 1000,
                            stringsAsFactors = FALSE, quote = "\"", comment.char = "")
    if (is.null(names)) names <- colnames(df)
    if (is.null(types)) {
      types <- vapply(df, function(v) if (is.logical(v)) "logical" else if (is.integer(v)) "integer"
                      else if (is.numeric(v)) "double" else "character", "")
    }
  }
  structure(list(names = as.character(names), types = record_types(types, length(names)),
                 defaults = defaults, delim = delim, skip = as.integer(skip + has_header)),
            class = "kerasbridge_record_spec")
}

#' @rdname tfrecord_dataset
#' @export
csv_record_spec <- function(example_file, names = NULL, types = NULL, defaults = NULL, skip = 0) {
  delim_record_spec(example_file, ",", skip = skip, names = names, types = types, defaults = defaults)
}

#' @rdname tfrecord_dataset
#' @export
tsv_record_spec <- function(example_file, names = NULL, types = NULL, defaults = NULL, skip = 0) {
  delim_record_spec(example_file, "\t", skip = skip, names = names, types = types, defaults = defaults)
}

#' @export
print.kerasbridge_record_spec <- function(x, ...) {
  cat("<record spec>", sprintf("delim=%s skip=%d", encodeString(x$delim, quote = "\""), x$skip), "\n")
  for (i in seq_along(x$names)) cat(sprintf("  %s: %s\n", x$names[i], x$types[i]))
  invisible(x)
}

#' @rdname tfrecord_dataset
#' @export
dataset_decode_delim <- function(dataset, record_spec, parallel_records = NULL) {
  check_dataset(dataset)
  if (!inherits(record_spec, "kerasbridge_record_spec")) {
    abort_kb("{.arg record_spec} must come from {.fn csv_record_spec} or {.fn delim_record_spec}.")
  }
  with_py_errors(data_py()$decode_delim(dataset, as.list(record_spec$names), as.list(record_spec$types),
    delim = record_spec$delim, skip = record_spec$skip,
    defaults = if (is.null(record_spec$defaults)) NULL else as.list(record_spec$defaults)))
}

#' @rdname tfrecord_dataset
#' @export
sql_record_spec <- function(names, types) {
  structure(list(names = as.character(names), types = record_types(types, length(names))),
            class = "kerasbridge_record_spec")
}

#' @rdname tfrecord_dataset
#' @export
sql_dataset <- function(driver_name, data_source_name, query, record_spec) {
  if (!inherits(record_spec, "kerasbridge_record_spec")) abort_kb("{.arg record_spec} must come from {.fn sql_record_spec}.")
  with_py_errors(data_py()$sql_dataset(driver_name, data_source_name, query,
                                       as.list(record_spec$names), as.list(record_spec$types)))
}

#' @rdname tfrecord_dataset
#' @export
sqlite_dataset <- function(filename, query, record_spec) {
  if (!file.exists(filename)) abort_kb("{.arg filename} {.path {filename}} does not exist.")
  sql_dataset("sqlite", filename, query, record_spec)
}
