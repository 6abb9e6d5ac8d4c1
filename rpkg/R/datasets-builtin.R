#' MNIST handwritten digits, from a local file
#'
#' Reads Keras' `mnist.npz` from disk. kerasbridge never downloads data: copy
#' the file to `~/.keras/datasets/mnist.npz` (or `$KERAS_HOME/datasets/mnist.npz`),
#' or give its location in `path`.
#'
#' @param path Path to `mnist.npz` (arrays `x_train`, `y_train`, `x_test`,
#'   `y_test`). `NULL` looks in `$KERAS_HOME/datasets` and then `~/.keras/datasets`.
#' @return `list(train = list(x, y), test = list(x, y))` as in R keras: `x` an
#'   integer array of images x 28 x 28 (pixels 0..255), `y` an integer vector of
#'   labels 0..9.
#' @examples
#' \dontrun{
#' mnist <- dataset_mnist()
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% mnist
#' }
#' @export
dataset_mnist <- function(path = NULL) {
  if (!is.null(path)) path <- path.expand(check_path_arg(path))
  dataset_as_r(call_core("datasets.dataset_mnist", path = path))
}

#' The 8x8 handwritten digits shipped with kerasbridge
#'
#' The UCI "Optical Recognition of Handwritten Digits" data (Alpaydin and
#' Kaynak, 1998; CC BY 4.0): 1,797 images of 8 x 8 pixels, each pixel a count
#' 0..16, split into a training and a test set. Nothing is downloaded; see
#' `system.file("extdata", "DIGITS-LICENSE.md", package = "kerasbridge")` for
#' source, licence and citation.
#'
#' @param test_split Fraction of the images, in \[0, 1), held out as the test
#'   set. The split is stratified: every digit keeps its proportion in both sets.
#' @param seed Integer seed of the split; the same seed gives the same split
#'   on every machine.
#' @param path Path to `digits.csv.gz`; `NULL` uses the copy installed with the package.
#' @return `list(train = list(x, y), test = list(x, y))`: `x` a numeric matrix
#'   with one image per row (64 columns, the 8 x 8 pixels row by row), `y` an
#'   integer vector of labels 0..9.
#' @examples
#' \dontrun{
#' digits <- dataset_digits()
#' dim(digits$train$x)   # 1438 64
#' table(digits$test$y)
#' }
#' @export
dataset_digits <- function(test_split = 0.2, seed = 1L, path = NULL) {
  if (is.null(path)) {
    path <- system.file("extdata", "digits.csv.gz", package = "kerasbridge")
    if (!nzchar(path)) {
      cli::cli_abort(c("The digits data file is missing from the installed package.",
                       "i" = "Reinstall kerasbridge (e.g. {.code bash scripts/setup.sh})."),
                     class = c("kerasbridge_argument_error", "kerasbridge_error"))
    }
  } else {
    path <- path.expand(check_path_arg(path))
  }
  if (!is.numeric(test_split) || length(test_split) != 1L || is.na(test_split)) {
    cli::cli_abort(c("{.arg test_split} must be a single number in [0, 1).",
                     "x" = "You supplied {.obj_type_friendly {test_split}}."),
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
  }
  if (!is.numeric(seed) || length(seed) != 1L || is.na(seed)) {
    cli::cli_abort(c("{.arg seed} must be a single whole number.",
                     "x" = "You supplied {.obj_type_friendly {seed}}."),
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
  }
  dataset_as_r(call_core("datasets.dataset_digits", path = path, test_split = test_split, seed = seed))
}

check_path_arg <- function(path, call = rlang::caller_env()) {
  if (!is.character(path) || length(path) != 1L || is.na(path)) {
    cli::cli_abort(c("{.arg path} must be a single file path.",
                     "x" = "You supplied {.obj_type_friendly {path}}."),
                   class = c("kerasbridge_argument_error", "kerasbridge_error"), call = call)
  }
  path
}

# The core returns NumPy arrays, which reticulate makes R arrays; labels become
# plain integer vectors as R users index and table them.
dataset_as_r <- function(d) {
  lapply(d[c("train", "test")], function(part) {
    y <- part$y
    list(x = part$x, y = as.integer(as.vector(y)))
  })
}
