# R keras's built-in data sets (dataset_mnist(), dataset_imdb(), ...), read from
# Keras' files in the local cache, downloaded there on first use (get_file());
# the core is pycore/kerasbridge/datasets.py.
# (tf.data datasets are R/data.R.)

#' MNIST handwritten digits
#'
#' Reads Keras' `mnist.npz` from the Keras cache (`$KERAS_HOME/datasets`, then
#' `~/.keras/datasets`), downloading it there on first use (see [get_file()];
#' `KERASBRIDGE_DATA_ORIGIN` sets another server), or from `path`. A failed
#' download says which URL failed and where to put the file by hand.
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
  sync_download_env()
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
#' digits <- dataset_digits()
#' dim(digits$train$x)   # 1438 64
#' table(digits$test$y)
#' @export
dataset_digits <- function(test_split = 0.2, seed = 1L, path = NULL) {
  if (is.null(path)) {
    path <- system.file("extdata", "digits.csv.gz", package = "kerasbridge")
    if (!nzchar(path)) {
      abort_kb(c("The digits data file is missing from the installed package.",
                 "i" = "Reinstall kerasbridge (e.g. {.code bash scripts/setup.sh})."))
    }
  } else {
    path <- path.expand(check_path_arg(path))
  }
  if (!is.numeric(test_split) || length(test_split) != 1L || is.na(test_split)) {
    abort_kb(c("{.arg test_split} must be a single number in [0, 1).",
               "x" = "You supplied {.obj_type_friendly {test_split}}."))
  }
  if (!is.numeric(seed) || length(seed) != 1L || is.na(seed)) {
    abort_kb(c("{.arg seed} must be a single whole number.",
               "x" = "You supplied {.obj_type_friendly {seed}}."))
  }
  dataset_as_r(call_core("datasets.dataset_digits", path = path, test_split = test_split, seed = seed))
}

check_path_arg <- function(path, call = rlang::caller_env()) {
  if (!is.character(path) || length(path) != 1L || is.na(path)) {
    abort_kb(c("{.arg path} must be a single file path.",
               "x" = "You supplied {.obj_type_friendly {path}}."), call = call)
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

# --- Keras' other built-in data sets, from the files Keras caches ------------

# R's KERAS_HOME (Sys.setenv() after Python started is invisible to Python's
# os.environ), passed to the core; NULL lets the core read Python's.
r_keras_home <- function() {
  sync_download_env()  # every loader that may download reads it first
  h <- Sys.getenv("KERAS_HOME", unset = "")
  if (nzchar(h)) path.expand(h) else NULL
}

# x: the core's list of 1-d int32 arrays -> a list of plain integer vectors.
sequences_as_r <- function(d) {
  lapply(d[c("train", "test")], function(part) {
    list(x = lapply(part$x, function(s) as.integer(as.vector(s))), y = as.integer(as.vector(part$y)))
  })
}

sequence_dataset <- function(name, path, num_words, skip_top, maxlen, seed, start_char, oov_char,
                             index_from, test_split = NULL, call = rlang::caller_env()) {
  path <- check_path_arg(path, call = call)
  if (grepl("/", path, fixed = TRUE) || startsWith(path, "~")) path <- path.expand(path)
  # the core checks the counts and the split (datasets._count, _check_fraction)
  args <- list(path = path, num_words = num_words, skip_top = skip_top, maxlen = maxlen, seed = seed,
               start_char = start_char, oov_char = oov_char, index_from = index_from,
               keras_home = r_keras_home())
  if (!is.null(test_split)) args$test_split <- test_split
  sequences_as_r(do.call(call_core, c(list(paste0("datasets.dataset_", name)), args, list(.call = call))))
}

#' IMDB movie reviews sentiment classification
#'
#' Keras' `imdb.npz`: 25,000 training and 25,000 test reviews as sequences of
#' word indices (words ranked by frequency), labels 0/1. The file is read from
#' `~/.keras/datasets/imdb.npz` (or `$KERAS_HOME/datasets/`), downloaded there
#' on first use (see [get_file()]), or from a path you give. The data are prepared by Keras'
#' own loader (`keras.datasets.imdb.load_data()`), so shuffling, `num_words`,
#' `skip_top`, `maxlen` and the special indices are exactly Keras'.
#'
#' @param path File name in the Keras data sets folder, or a path to the file.
#' @param num_words Keep only the `num_words` most frequent words (others
#'   become `oov_char`); `NULL` keeps all.
#' @param skip_top Skip the most frequent words (they become `oov_char`).
#' @param maxlen Drop sequences of `maxlen` words or more; `NULL` keeps all.
#' @param seed Seed of the shuffle.
#' @param start_char Index that marks the start of each sequence.
#' @param oov_char Index of words cut by `num_words` or `skip_top`.
#' @param index_from Word indices start at this number.
#' @return `list(train = list(x, y), test = list(x, y))`: `x` a list of integer
#'   vectors, `y` an integer vector.
#' @seealso [dataset_imdb_word_index()]
#' @examples
#' # needs the data file downloaded first (see above)
#' \dontrun{
#' imdb <- dataset_imdb(num_words = 10000)
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% imdb
#' word_index <- dataset_imdb_word_index()
#' }
#' @export
dataset_imdb <- function(path = "imdb.npz", num_words = NULL, skip_top = 0L, maxlen = NULL, seed = 113L,
                         start_char = 1L, oov_char = 2L, index_from = 3L) {
  sequence_dataset("imdb", path, num_words, skip_top, maxlen, seed, start_char, oov_char, index_from)
}

#' @rdname dataset_imdb
#' @return `dataset_imdb_word_index()`: a named list, word -> index (before `index_from`).
#' @export
dataset_imdb_word_index <- function(path = "imdb_word_index.json") {
  word_index_dataset("imdb", path)
}

word_index_dataset <- function(name, path, call = rlang::caller_env()) {
  path <- check_path_arg(path, call = call)
  if (grepl("/", path, fixed = TRUE) || startsWith(path, "~")) path <- path.expand(path)
  call_core(paste0("datasets.dataset_", name, "_word_index"), path = path, keras_home = r_keras_home(),
            .call = call)
}

#' Reuters newswire topics classification
#'
#' Keras' `reuters.npz`: 11,228 newswires in 46 topics, as sequences of word
#' indices, split into training and test sets by Keras' own loader. Read from
#' `~/.keras/datasets/reuters.npz` (or `$KERAS_HOME/datasets/`), downloaded
#' there on first use, or from a path you give.
#'
#' @inheritParams dataset_imdb
#' @param test_split Fraction of the newswires used as the test set.
#' @return `list(train = list(x, y), test = list(x, y))`: `x` a list of integer
#'   vectors, `y` an integer vector of topics 0..45.
#' @examples
#' # needs the data file downloaded first (see above)
#' \dontrun{
#' reuters <- dataset_reuters(num_words = 10000)
#' word_index <- dataset_reuters_word_index()
#' }
#' @export
dataset_reuters <- function(path = "reuters.npz", num_words = NULL, skip_top = 0L, maxlen = NULL,
                            test_split = 0.2, seed = 113L, start_char = 1L, oov_char = 2L, index_from = 3L) {
  sequence_dataset("reuters", path, num_words, skip_top, maxlen, seed, start_char, oov_char, index_from,
                   test_split = test_split)
}

#' @rdname dataset_reuters
#' @export
dataset_reuters_word_index <- function(path = "reuters_word_index.json") {
  word_index_dataset("reuters", path)
}

#' Fashion-MNIST images of clothing
#'
#' Keras' four Fashion-MNIST files (`train-labels-idx1-ubyte.gz`,
#' `train-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte.gz`,
#' `t10k-images-idx3-ubyte.gz`) in `~/.keras/datasets/fashion-mnist/` (or
#' `$KERAS_HOME/datasets/fashion-mnist/`), downloaded there on first use.
#'
#' @return `list(train = list(x, y), test = list(x, y))`: `x` an integer array
#'   images x 28 x 28 (0..255), `y` an integer vector of classes 0..9.
#' @examples
#' # needs the data file downloaded first (see above)
#' \dontrun{
#' fashion <- dataset_fashion_mnist()
#' dim(fashion$train$x)
#' }
#' @export
dataset_fashion_mnist <- function() {
  dataset_as_r(call_core("datasets.dataset_fashion_mnist", keras_home = r_keras_home()))
}

#' CIFAR-10 and CIFAR-100 small images
#'
#' Reads the extracted CIFAR folder from `~/.keras/datasets/` (or
#' `$KERAS_HOME/datasets/`): Keras 3's `cifar-10-batches-py-target/cifar-10-batches-py/`
#' or Keras 2's `cifar-10-batches-py/` (likewise `cifar-100-python`); a
#' `cifar-10-python.tar.gz` / `cifar-100-python.tar.gz` archive placed there is
#' extracted on first use, and downloaded there first when it is missing.
#'
#' @return `list(train = list(x, y), test = list(x, y))`: `x` an integer array
#'   images x 32 x 32 x 3 (0..255), `y` an integer vector of classes.
#' @examples
#' # needs the data file downloaded first (see above)
#' \dontrun{
#' cifar <- dataset_cifar10()
#' dim(cifar$train$x)
#' }
#' @export
dataset_cifar10 <- function() {
  dataset_as_r(call_core("datasets.dataset_cifar10", keras_home = r_keras_home()))
}

#' @rdname dataset_cifar10
#' @param label_mode `"fine"` (100 classes) or `"coarse"` (20 super-classes).
#' @export
dataset_cifar100 <- function(label_mode = c("fine", "coarse")) {
  if (identical(label_mode, c("fine", "coarse"))) label_mode <- "fine"
  if (!is.character(label_mode) || length(label_mode) != 1L || !(label_mode %in% c("fine", "coarse")))
    abort_kb(c("{.arg label_mode} must be {.val fine} or {.val coarse}.", "x" = "You supplied {.val {label_mode}}."))
  dataset_as_r(call_core("datasets.dataset_cifar100", label_mode = label_mode, keras_home = r_keras_home()))
}

#' Boston housing prices regression data
#'
#' Keras' `boston_housing.npz` (506 samples, 13 features), split by Keras' own
#' loader. Read from `~/.keras/datasets/boston_housing.npz` (or
#' `$KERAS_HOME/datasets/`), downloaded there on first use, or from a path you give.
#'
#' @inheritParams dataset_imdb
#' @param test_split Fraction of the samples used as the test set.
#' @return `list(train = list(x, y), test = list(x, y))`: `x` a numeric matrix
#'   with 13 columns, `y` a numeric vector of prices (in $1000s).
#' @examples
#' # needs the data file downloaded first (see above)
#' \dontrun{
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_boston_housing()
#' }
#' @export
dataset_boston_housing <- function(path = "boston_housing.npz", test_split = 0.2, seed = 113L) {
  path <- check_path_arg(path)
  if (grepl("/", path, fixed = TRUE) || startsWith(path, "~")) path <- path.expand(path)
  d <- call_core("datasets.dataset_boston_housing", path = path,
                 test_split = test_split, seed = seed,  # checked by the core
                 keras_home = r_keras_home())
  lapply(d[c("train", "test")], function(part) list(x = part$x, y = as.vector(part$y)))
}

#' California housing prices regression data
#'
#' Keras' `california_housing.npz` (20,640 districts, 8 features, median house
#' value; `version = "small"` keeps the first 600), split by Keras' own rules.
#' Read from `~/.keras/datasets/` (or `$KERAS_HOME/datasets/`), downloaded
#' there on first use (see [get_file()]), or from a path you give.
#'
#' @param version "large" (all districts) or "small" (600).
#' @inheritParams dataset_boston_housing
#' @return `list(train = list(x, y), test = list(x, y))`: `x` a numeric matrix
#'   (8 columns), `y` a numeric vector.
#' @examples
#' \dontrun{
#' housing <- dataset_california_housing()
#' dim(housing$train$x)
#' }
#' @export
dataset_california_housing <- function(version = "large", path = "california_housing.npz", test_split = 0.2,
                                       seed = 113L) {
  path <- check_path_arg(path)
  if (grepl("/", path, fixed = TRUE) || startsWith(path, "~")) path <- path.expand(path)
  d <- call_core("datasets.dataset_california_housing", version = version, path = path,
                 test_split = test_split, seed = seed, keras_home = r_keras_home())
  lapply(d[c("train", "test")], function(part) list(x = part$x, y = as.vector(part$y)))
}
