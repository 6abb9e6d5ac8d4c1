# Datasets of files on disk: keras.utils.*_dataset_from_directory with R's
# arguments (image_size = c(256, 256), seed as a number).

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
#' @export
image_dataset_from_directory <- function(directory, ..., image_size = c(256, 256), batch_size = 32, seed = NULL) {
  args <- capture_args(ignore = character())
  args$directory <- path.expand(directory)
  args$image_size <- as.list(as.integer(image_size))
  if (!is.null(args$batch_size)) args$batch_size <- as.integer(args$batch_size)
  if (!is.null(args$seed)) args$seed <- as.integer(args$seed)
  check_directory(args$directory)
  with_py_errors(do.call(keras$utils$image_dataset_from_directory, args))
}

#' @rdname image_dataset_from_directory
#' @export
text_dataset_from_directory <- function(directory, ..., batch_size = 32, seed = NULL) {
  args <- capture_args(ignore = character())
  args$directory <- path.expand(directory)
  if (!is.null(args$batch_size)) args$batch_size <- as.integer(args$batch_size)
  if (!is.null(args$seed)) args$seed <- as.integer(args$seed)
  check_directory(args$directory)
  with_py_errors(do.call(keras$utils$text_dataset_from_directory, args))
}

check_directory <- function(directory, call = rlang::caller_env()) {
  if (!dir.exists(directory))
    cli::cli_abort(c("{.arg directory} must be an existing directory with one sub-directory per class.",
                     x = "{.path {directory}} does not exist."),
                   class = c("kerasbridge_argument_error", "kerasbridge_error"), call = call)
}
