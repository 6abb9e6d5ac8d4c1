skip_if_no_core <- function() {
  ok <- tryCatch({ kerasbridge:::core(); TRUE }, error = function(e) FALSE)
  if (!ok) skip("the Python core (kerasbridge) is not available")
}

digits_file <- function() system.file("extdata", "digits.csv.gz", package = "kerasbridge")

test_that("the digits file and its licence are installed with the package", {
  expect_true(file.exists(digits_file()))
  lic <- readLines(system.file("extdata", "DIGITS-LICENSE.md", package = "kerasbridge"))
  expect_true(any(grepl("CC BY 4.0", lic, fixed = TRUE)))
  expect_true(any(grepl("10.24432/C50P49", lic, fixed = TRUE)))
})

test_that("dataset_digits() has R keras' structure, types and sizes", {
  skip_if_no_core()
  d <- dataset_digits()
  expect_named(d, c("train", "test"))
  expect_named(d$train, c("x", "y"))
  expect_named(d$test, c("x", "y"))
  expect_equal(dim(d$train$x), c(1438L, 64L))
  expect_equal(dim(d$test$x), c(359L, 64L))
  expect_type(d$train$x, "double")
  expect_type(d$train$y, "integer")
  expect_null(dim(d$train$y))
  expect_length(d$train$y, 1438L)
  expect_equal(range(c(d$train$x, d$test$x)), c(0, 16))
  expect_setequal(unique(d$test$y), 0:9)
  # stratified: each digit has 20% (+- rounding) of its images in the test set
  frac <- table(d$test$y) / (table(d$test$y) + table(d$train$y))
  expect_true(all(abs(frac - 0.2) < 0.01))
})

test_that("dataset_digits() splits the shipped file exactly, rows and labels intact", {
  skip_if_no_core()
  raw <- as.matrix(utils::read.csv(digits_file(), header = FALSE))
  key <- function(x, y) sort(paste(apply(x, 1, paste, collapse = ","), y))
  d <- dataset_digits(test_split = 0.3, seed = 7)
  expect_equal(nrow(d$train$x) + nrow(d$test$x), 1797L)
  expect_identical(key(rbind(d$train$x, d$test$x), c(d$train$y, d$test$y)),
                   key(raw[, 1:64], raw[, 65]))
})

test_that("dataset_digits() is deterministic in its seed", {
  skip_if_no_core()
  a <- dataset_digits(seed = 3)
  expect_identical(a, dataset_digits(seed = 3L))
  b <- dataset_digits(seed = 4)
  expect_false(identical(a$test$y, b$test$y))
})

test_that("dataset_digits() rejects a bad test_split with an argument error", {
  skip_if_no_core()
  expect_error(dataset_digits(test_split = 1.5), "test_split", class = "kerasbridge_argument_error")
  expect_error(dataset_digits(test_split = "a"), "test_split", class = "kerasbridge_argument_error")
  expect_error(dataset_digits(path = tempfile(fileext = ".csv.gz")), "does not exist",
               class = "kerasbridge_argument_error")
})

write_fake_mnist <- function(path, n_train = 5L, n_test = 3L) {
  np <- reticulate::import("numpy", convert = FALSE)
  set.seed(1)
  x_train <- array(sample(0:255, n_train * 28 * 28, TRUE), c(n_train, 28, 28))
  x_test <- array(sample(0:255, n_test * 28 * 28, TRUE), c(n_test, 28, 28))
  y_train <- sample(0:9, n_train, TRUE)
  y_test <- sample(0:9, n_test, TRUE)
  u8 <- function(a) np$asarray(a, dtype = "uint8")
  np$savez(path, x_train = u8(x_train), y_train = u8(array(y_train)),
           x_test = u8(x_test), y_test = u8(array(y_test)))
  list(train = list(x = x_train, y = y_train), test = list(x = x_test, y = y_test))
}

test_that("dataset_mnist(path) reads a local mnist.npz as integer arrays", {
  skip_if_no_core()
  path <- tempfile(fileext = ".npz")
  on.exit(unlink(path))
  expected <- write_fake_mnist(path)
  m <- dataset_mnist(path)
  expect_named(m, c("train", "test"))
  expect_equal(dim(m$train$x), c(5L, 28L, 28L))
  expect_equal(dim(m$test$x), c(3L, 28L, 28L))
  expect_type(m$train$x, "integer")
  expect_type(m$train$y, "integer")
  # image i is m$train$x[i, , ], pixel (row, col) in place, as in R keras
  expect_identical(m$train$x, expected$train$x)
  expect_identical(m$test$x, expected$test$x)
  expect_identical(m$train$y, expected$train$y)
  expect_identical(m$test$y, expected$test$y)
  c(c(x_train, y_train), c(x_test, y_test)) %<-% m
  expect_identical(y_test, expected$test$y)
})

test_that("dataset_mnist() names the missing file and says where to put it", {
  skip_if_no_core()
  path <- file.path(tempdir(), "nowhere", "mnist.npz")
  err <- expect_error(dataset_mnist(path), class = "kerasbridge_argument_error")
  msg <- conditionMessage(err)
  expect_match(msg, path, fixed = TRUE)
  expect_match(msg, "download", fixed = TRUE)
  expect_match(msg, "dataset_mnist(path = ...)", fixed = TRUE)
  expect_error(dataset_mnist(path = 3), "path", class = "kerasbridge_argument_error")
})

test_that("dataset_mnist() rejects an npz without the MNIST arrays", {
  skip_if_no_core()
  path <- tempfile(fileext = ".npz")
  on.exit(unlink(path))
  np <- reticulate::import("numpy", convert = FALSE)
  np$savez(path, x_train = np$zeros(c(2L, 28L, 28L)))
  expect_error(dataset_mnist(path), "y_train", class = "kerasbridge_argument_error")
})

# --- Keras' other data sets, from fake files in Keras' formats ----------------

# A fresh $KERAS_HOME/datasets with fake files written by Python in Keras' formats.
local_keras_home <- function(env = parent.frame()) {
  home <- tempfile("kh")
  dir.create(file.path(home, "datasets"), recursive = TRUE)
  withr::local_envvar(KERAS_HOME = home, .local_envir = env)
  withr::defer(unlink(home, recursive = TRUE), envir = env)
  file.path(home, "datasets")
}

write_fake_files <- function(dir) {
  reticulate::py_run_string(sprintf('
import numpy as np, gzip, pickle, io, tarfile, json, os
d = %s
def ragged(seqs):
    a = np.empty(len(seqs), dtype=object); a[:] = [list(s) for s in seqs]; return a
np.savez(os.path.join(d, "imdb.npz"), x_train=ragged([[1, 2, 3], [4, 5], [6]]), y_train=np.array([0, 1, 1]),
         x_test=ragged([[7, 8], [9, 1, 1, 2]]), y_test=np.array([1, 0]))
np.savez(os.path.join(d, "reuters.npz"), x=ragged([[1], [2, 2], [3, 3, 3], [4], [5, 6]]), y=np.arange(5))
np.savez(os.path.join(d, "boston_housing.npz"), x=np.arange(65.0).reshape(5, 13), y=np.arange(5) + 0.5)
with open(os.path.join(d, "imdb_word_index.json"), "w") as f: json.dump({"the": 1, "and": 2}, f)
fm = os.path.join(d, "fashion-mnist"); os.makedirs(fm)
def idx(name, a, header):
    with gzip.open(os.path.join(fm, name), "wb") as f: f.write(b"\\0" * header + np.asarray(a, np.uint8).tobytes())
idx("train-labels-idx1-ubyte.gz", [3, 1], 8)
idx("train-images-idx3-ubyte.gz", np.arange(2 * 784) %% 256, 16)
idx("t10k-labels-idx1-ubyte.gz", [9], 8)
idx("t10k-images-idx3-ubyte.gz", np.arange(784) %% 256, 16)
rows = np.arange(2 * 3072).reshape(2, 3072) %% 251
with tarfile.open(os.path.join(d, "cifar-100-python.tar.gz"), "w:gz") as tf:
    for name, lab in (("train", ([5, 99], [1, 19])), ("test", ([7, 8], [2, 3]))):
        b = pickle.dumps({b"data": rows.astype(np.uint8), b"fine_labels": lab[0], b"coarse_labels": lab[1]}, protocol=3)
        info = tarfile.TarInfo("cifar-100-python/" + name); info.size = len(b); tf.addfile(info, io.BytesIO(b))
', encodeString(dir, quote = '"')))
}

test_that("dataset_imdb() reads the cached imdb.npz through Keras' loader", {
  skip_if_no_core()
  write_fake_files(local_keras_home())
  imdb <- dataset_imdb()
  expect_named(imdb, c("train", "test"))
  expect_named(imdb$train, c("x", "y"))
  # Keras' seed-113 shuffle, start_char 1, ranks + 3 (the largest index, 12, falls to oov 2)
  expect_identical(imdb$train$x, list(c(1L, 9L), c(1L, 4L, 5L, 6L), c(1L, 7L, 8L)))
  expect_identical(imdb$train$y, c(1L, 0L, 1L))
  expect_identical(imdb$test$x, list(c(1L, 2L, 4L, 4L, 5L), c(1L, 10L, 11L)))
  expect_identical(imdb$test$y, c(0L, 1L))
  c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_imdb(num_words = 6, skip_top = 5)
  expect_identical(x_train, list(c(2L, 2L), c(2L, 2L, 5L, 2L), c(2L, 2L, 2L)))
  expect_identical(dataset_imdb_word_index(), list(the = 1L, and = 2L))
  expect_error(dataset_imdb(num_words = 2.5), "num_words", class = "kerasbridge_argument_error")
  expect_error(dataset_imdb(maxlen = 1), "maxlen", class = "kerasbridge_argument_error")
})

test_that("dataset_reuters() and dataset_boston_housing() split as Keras does", {
  skip_if_no_core()
  write_fake_files(local_keras_home())
  r <- dataset_reuters()
  expect_identical(r$train$x, list(c(1L, 5L, 5L), c(1L, 4L), c(1L, 7L), c(1L, 6L, 6L, 6L)))
  expect_identical(r$train$y, c(1L, 0L, 3L, 2L))
  expect_identical(r$test$x, list(c(1L, 8L, 2L)))
  expect_identical(dataset_reuters(test_split = 0.4)$test$y, c(2L, 4L))
  expect_error(dataset_reuters(test_split = 2), "test_split", class = "kerasbridge_argument_error")
  b <- dataset_boston_housing()
  x <- matrix(0:64, 5, 13, byrow = TRUE)
  expect_identical(b$train$x, x[c(2, 1, 4, 3), ] + 0)
  expect_identical(b$train$y, c(1.5, 0.5, 3.5, 2.5))
  expect_identical(b$test$x, x[5, , drop = FALSE] + 0)
  expect_identical(b$test$y, 4.5)
})

test_that("dataset_fashion_mnist() and dataset_cifar100() give integer image arrays", {
  skip_if_no_core()
  write_fake_files(local_keras_home())
  f <- dataset_fashion_mnist()
  expect_identical(dim(f$train$x), c(2L, 28L, 28L))
  expect_type(f$train$x, "integer")
  # pixel (row, col) of image i is f$train$x[i, row, col]: row-major bytes in the file
  expect_identical(f$train$x[1, 1, 1:3], 0:2)
  expect_identical(f$train$x[1, 2, 1], 28L)
  expect_identical(f$train$x[2, 1, 1], (784L) %% 256L)
  expect_identical(f$train$y, c(3L, 1L))
  expect_identical(f$test$y, 9L)
  cf <- dataset_cifar100()
  expect_identical(dim(cf$train$x), c(2L, 32L, 32L, 3L))
  expect_type(cf$train$x, "integer")
  # byte k of a CIFAR row is channel k %/% 1024, pixel k %% 1024; rows are (0:6143) %% 251
  expect_identical(cf$train$x[1, 1, 1, ], c(0L, 1024L %% 251L, 2048L %% 251L))
  expect_identical(cf$train$x[2, 1, 2, 1], (3072L + 1L) %% 251L)
  expect_identical(cf$train$y, c(5L, 99L))
  expect_identical(dataset_cifar100("coarse")$test$y, c(2L, 3L))
  expect_error(dataset_cifar100("medium"), "label_mode", class = "kerasbridge_argument_error")
})

test_that("a data file that can't be downloaded is an error naming the URL and where to put it", {
  skip_if_no_core()
  dir <- local_keras_home()
  origin <- dead_local_url()
  withr::local_envvar(KERASBRIDGE_DATA_ORIGIN = origin)
  err <- expect_error(dataset_imdb(), class = "kerasbridge_download_error")
  expect_match(conditionMessage(err), file.path(dir, "imdb.npz"), fixed = TRUE)
  expect_match(conditionMessage(err), paste0(origin, "imdb.npz"), fixed = TRUE)
  expect_match(conditionMessage(err), "dataset_imdb(path = ...)", fixed = TRUE)
  path <- file.path(tempdir(), "nowhere", "reuters.npz")
  err <- expect_error(dataset_reuters(path = path), class = "kerasbridge_argument_error")
  expect_match(conditionMessage(err), path, fixed = TRUE)
  expect_error(dataset_reuters_word_index(), "reuters_word_index.json", class = "kerasbridge_download_error")
  expect_error(dataset_boston_housing(), "boston_housing.npz", class = "kerasbridge_download_error")
  expect_error(dataset_fashion_mnist(), file.path(dir, "fashion-mnist"), fixed = TRUE,
               class = "kerasbridge_download_error")
  err <- expect_error(dataset_cifar10(), class = "kerasbridge_download_error")
  expect_match(conditionMessage(err), "cifar-10-python.tar.gz", fixed = TRUE)
  expect_match(conditionMessage(err), "dataset_cifar10()", fixed = TRUE)
  expect_length(list.files(dir, pattern = "part$", all.files = TRUE), 0)
})

test_that("data sets download on first use from KERASBRIDGE_DATA_ORIGIN, then come from the cache", {
  skip_if_no_core()
  site <- tempfile("site")
  dir.create(site)
  write_fake_files(site)
  dir <- local_keras_home()
  withr::with_envvar(c(KERASBRIDGE_DATA_ORIGIN = local_http_server(site)), {
    imdb <- dataset_imdb()
  })
  expect_true(file.exists(file.path(dir, "imdb.npz")))
  withr::local_envvar(KERASBRIDGE_DATA_ORIGIN = dead_local_url())
  expect_identical(dataset_imdb(), imdb)
})

test_that("get_file() downloads into cache_dir once and checks the hash", {
  skip_if_no_core()
  site <- tempfile("site")
  dir.create(site)
  writeLines("hello", file.path(site, "hello.txt"))
  md5 <- unname(tools::md5sum(file.path(site, "hello.txt")))
  cache <- tempfile("cache")
  base <- local_http_server(site)
  path <- get_file("hello.txt", paste0(base, "hello.txt"), md5_hash = md5, cache_dir = cache)
  expect_equal(normalizePath(path), normalizePath(file.path(cache, "datasets", "hello.txt")))
  expect_equal(readLines(path), "hello")
  expect_equal(get_file("hello.txt", paste0(dead_local_url(), "hello.txt"), cache_dir = cache), path)
  err <- expect_error(get_file("other.txt", paste0(base, "hello.txt"), file_hash = strrep("0", 32),
                               cache_dir = cache), class = "kerasbridge_download_error")
  expect_match(conditionMessage(err), "not the expected", fixed = TRUE)
  expect_false(file.exists(file.path(cache, "datasets", "other.txt")))
})
