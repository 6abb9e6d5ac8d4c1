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
