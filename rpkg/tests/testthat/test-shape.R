skip_if_no_core()

test_that("shape() builds TensorShapes with NA for unknown dims", {
  s <- shape(NA, 784)
  expect_s3_class(s, "tensorflow.python.framework.tensor_shape.TensorShape")
  expect_identical(as.integer(s), c(NA, 784L))
  expect_identical(as.numeric(s), c(NA, 784))
  expect_identical(as.list(s), list(NULL, 784L))
  expect_identical(length(s), 2L)
  expect_identical(as.integer(shape(NULL, 3)), c(NA, 3L))
  expect_identical(as.integer(shape(-1, 3)), c(NA, 3L))
  expect_identical(as.integer(shape(dims = c(2, 3))), c(2L, 3L))
  expect_identical(as.integer(shape(1, c(2, 3), shape(4, NA))), c(1L, 2L, 3L, 4L, NA))
  expect_identical(length(shape()), 0L)
  expect_true(is.na(length(shape(dims = NULL))))
})

test_that("shape() prints and formats as in R tensorflow", {
  expect_output(print(shape(NA, 784)), "TensorShape([None, 784])", fixed = TRUE)
  expect_output(print(shape()), "TensorShape([])", fixed = TRUE)
  expect_output(print(shape(dims = NULL)), "TensorShape(None)", fixed = TRUE)
  expect_identical(format(shape(2, 3)), "(2, 3)")
  expect_identical(format(shape(3, NA)), "(3, NA)")
})

test_that("shapes subset, combine and compare like R lists", {
  s <- shape(1, 2, 3)
  expect_identical(as.integer(s[2:3]), c(2L, 3L))
  expect_identical(as.integer(s[-1]), c(2L, 3L))
  expect_identical(s[[2]], 2L)
  expect_identical(shape(NA, 2)[[1]], NA_integer_)
  s[1] <- NA
  expect_identical(as.integer(s), c(NA, 2L, 3L))
  expect_identical(as.integer(c(shape(1), shape(2, NA))), c(1L, 2L, NA))
  expect_true(shape(3, 4) == shape(3, 4))
  expect_false(shape(3, 4) == shape(4, 4))
  expect_true(shape(NA, 4) == shape(NA, 4))
  expect_true(shape(NA, 4) != shape(3, 4))
  expect_true(shape(2, 3) == c(2, 3))
})

test_that("shapes work where TensorFlow takes shapes, and tensors report them", {
  expect_identical(dim(tf$zeros(shape(2, 5))), c(2L, 5L))
  expect_identical(as.integer(tf$zeros(shape(2, 5))$shape), c(2L, 5L))
  spec <- tf$TensorSpec(shape(NA, 3), tf$float32)
  expect_identical(as.integer(spec$shape), c(NA, 3L))
})

test_that("bad dimensions are R errors", {
  expect_error(shape(2.5), "whole numbers", class = "kerasbridge_argument_error")
  expect_error(shape("a"), "whole numbers", class = "kerasbridge_argument_error")
  expect_error(as.list(shape(dims = NULL)), "unknown rank", class = "kerasbridge_argument_error")
})

test_that("shape() splices pieces of shapes that arrive as R lists", {
  skip_if_no_core()
  input_shape <- list(NULL, 4L)  # what build() receives for (None, 4)
  s <- shape(tail(input_shape, 1), 8)
  expect_equal(as.integer(s), c(4L, 8L))
})

test_that("shapes merge, take [[<-, and round-trip through tensors (R tensorflow)", {
  skip_if_no_core()
  expect_identical(as.integer(merge(shape(NA, 2), shape(1, 2))), c(1L, 2L))
  expect_error(merge(shape(2, 2), shape(1, 2)), "compatible")
  s <- shape(1, 2, 3)
  s[[1]] <- 44
  expect_identical(as.integer(s), c(44L, 2L, 3L))
  s[1:2] <- c(NA, 99)
  expect_identical(as.integer(s), c(NA, 99L, 3L))
  t <- as_tensor(shape(NA, 3))
  expect_identical(as.integer(t), c(-1L, 3L))
  expect_identical(as.integer(shape(dims = t)), c(NA, 3L))
  expect_error(as_tensor(shape(dims = NULL)), "unknown rank")
})

test_that("a Keras tensor's $shape is a TensorShape, as in R keras 2.x, that still reads as a list", {
  skip_if_no_core()
  x <- layer_input(shape = c(8, 16))
  s <- x$shape
  expect_s3_class(s, "tensorflow.python.framework.tensor_shape.TensorShape")
  expect_identical(s$as_list(), list(NULL, 8L, 16L))   # R keras 2.x: TensorShape.as_list()
  expect_identical(s$rank, 3L)
  expect_null(s$num_elements())
  expect_identical(unlist(s), c(8L, 16L))             # keras3 scripts read it as a list
  expect_identical(as.list(s), list(NULL, 8L, 16L))
  expect_identical(s[[1]], NA_integer_)              # unknown: NA, as R tensorflow reads a TensorShape
  expect_identical(s[[3]], 16L)
  expect_length(s, 3L)
  expect_identical(lapply(s, is.null), list(TRUE, FALSE, FALSE))
  known <- layer_input(shape = c(4, 2), batch_size = 5)$shape
  expect_identical(known$as_list(), c(5L, 4L, 2L))
  expect_identical(known$num_elements(), 40L)
  expect_identical(unlist(layer_input(shape = s[-1])$shape), c(8L, 16L))
  expect_identical(x$dtype, "float32")                 # other fields as they were
})
