skip_if_no_core()

arrays <- function(ds) iterate(ds, as.array, simplify = FALSE)

# elements 1, 2 2, 3 3 3, 4 4 4 4 (int64 vectors of different lengths)
ragged <- function() range_dataset(1, 5) %>% dataset_map(function(x) tf$fill(list(x), x))

test_that("dataset_unbatch() splits batches back into elements", {
  expect_identical(iterate(range_dataset(0, 7) %>% dataset_batch(3) %>% dataset_unbatch(), as.numeric),
                   as.numeric(0:6))
  x <- matrix(as.numeric(1:12), nrow = 6)
  rows <- iterate(tensor_slices_dataset(list(x = x, y = 0:5)) %>% dataset_batch(4) %>% dataset_unbatch(),
                  function(el) c(as.numeric(el$x), as.numeric(el$y)), simplify = FALSE)
  expect_length(rows, 6L)
  expect_identical(rows[[5]], c(x[5, ], 4))
})

test_that("dataset_padded_batch() pads to the longest, a fixed shape, with a value", {
  b <- arrays(ragged() %>% dataset_padded_batch(2))
  expect_identical(b[[1]], rbind(c(1, 0), c(2, 2)))
  expect_identical(b[[2]], rbind(c(3, 3, 3, 0), c(4, 4, 4, 4)))
  b <- arrays(ragged() %>% dataset_padded_batch(2, padded_shapes = 5, padding_values = -1L))
  expect_identical(b[[1]], rbind(c(1, -1, -1, -1, -1), c(2, 2, -1, -1, -1)))
  expect_identical(b[[2]], rbind(c(3, 3, 3, -1, -1), c(4, 4, 4, 4, -1)))
  # NA dimension: the longest in the batch; drop_remainder
  b <- arrays(ragged() %>% dataset_padded_batch(3, padded_shapes = NA, drop_remainder = TRUE))
  expect_length(b, 1L)
  expect_identical(b[[1]], rbind(c(1, 0, 0), c(2, 2, 0), c(3, 3, 3)))
})

test_that("dataset_padded_batch() takes one shape/value per component of list elements", {
  z <- zip_datasets(list(a = ragged(), b = range_dataset(0, 4)))
  b <- iter_next(as_iterator(z %>% dataset_padded_batch(2, padded_shapes = list(a = 3, b = integer(0)),
                                                       padding_values = list(a = 9, b = 0))))
  expect_named(b, c("a", "b"))
  expect_identical(as.array(b$a), rbind(c(1, 9, 9), c(2, 2, 9)))
  expect_identical(as.numeric(b$b), c(0, 1))
  # one padding value for every component
  u <- iter_next(as_iterator(zip_datasets(ragged(), ragged()) %>% dataset_padded_batch(2, padding_values = -1)))
  expect_identical(as.array(u[[2]]), rbind(c(1, -1), c(2, 2)))
  expect_error(z %>% dataset_padded_batch(2, padded_shapes = list(a = 3)), "names",
               class = "kerasbridge_argument_error")
  expect_error(ragged() %>% dataset_padded_batch(2, padding_values = 1.5), "whole number",
               class = "kerasbridge_argument_error")
})

test_that("dataset_window() makes windows that dataset_flat_map() batches", {
  w <- range_dataset(0, 7) %>% dataset_window(3, shift = 2, drop_remainder = TRUE) %>%
    dataset_flat_map(function(win) dataset_batch(win, 3))
  expect_identical(iterate(w, as.numeric, simplify = FALSE), list(c(0, 1, 2), c(2, 3, 4), c(4, 5, 6)))
  # default shift = size, stride, and the short last window kept
  w <- range_dataset(0, 7) %>% dataset_window(3, stride = 2) %>% dataset_flat_map(~ dataset_batch(.x, 3))
  expect_identical(iterate(w, as.numeric, simplify = FALSE), list(c(0, 2, 4), c(3, 5), 6))
  # list elements: a window is a list of datasets, passed as separate arguments
  pairs <- zip_datasets(range_dataset(0, 4), range_dataset(10, 14)) %>% dataset_window(2) %>%
    dataset_flat_map(function(a, b) zip_datasets(dataset_batch(a, 2), dataset_batch(b, 2)))
  first <- iter_next(as_iterator(pairs))
  expect_identical(as.numeric(first[[1]]), c(0, 1))
  expect_identical(as.numeric(first[[2]]), c(10, 11))
})

test_that("dataset_flat_map() flattens the datasets it makes; traced once", {
  calls <- 0
  ds <- range_dataset(1, 4) %>% dataset_flat_map(function(x) {
    calls <<- calls + 1
    tensors_dataset(x) %>% dataset_repeat(x)
  })
  expect_identical(iterate(ds, as.numeric), c(1, 2, 2, 3, 3, 3))
  expect_equal(calls, 1)
  m <- matrix(as.numeric(1:6), nrow = 2)
  rows <- tensors_dataset(m) %>% dataset_flat_map(~ tensor_slices_dataset(.x))
  expect_identical(iterate(rows, as.numeric, simplify = FALSE), list(m[1, ], m[2, ]))
  expect_error(range_dataset(0, 2) %>% dataset_flat_map(~ .x * 2L), "must return a dataset",
               class = "kerasbridge_argument_error")
  expect_error(range_dataset(0, 2) %>% dataset_flat_map(function(x) stop("no dataset here")), "no dataset here")
})

test_that("dataset_interleave() cycles through blocks as in tfdatasets", {
  ds <- tensor_slices_dataset(c(1, 2, 3, 4, 5)) %>%
    dataset_interleave(cycle_length = 2, block_length = 4, function(x) tensors_dataset(x) %>% dataset_repeat(6))
  expect_identical(iterate(ds, as.numeric),
                   c(1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5))
  ds <- range_dataset(0, 2) %>% dataset_interleave(~ range_dataset(0, 3) %>% dataset_map(function(v) v + .x * 10L),
                                                   cycle_length = 2)
  expect_identical(iterate(ds, as.numeric), c(0, 10, 1, 11, 2, 12))
})

test_that("dataset_concatenate() appends any number of datasets", {
  ds <- dataset_concatenate(range_dataset(0, 2), range_dataset(5, 7), range_dataset(9, 10))
  expect_identical(iterate(ds, as.numeric), c(0, 1, 5, 6, 9))
  expect_equal(length(ds), 5)
  expect_error(dataset_concatenate(range_dataset(0, 2), 1:3), "\\.\\.1", class = "kerasbridge_argument_error")
})

test_that("dataset_enumerate() counts from start (0 by default, as in tfdatasets)", {
  e <- iterate(tensor_slices_dataset(100:103) %>% dataset_enumerate(),
               function(el) c(as.numeric(el[[1]]), as.numeric(el[[2]])), simplify = FALSE)
  expect_identical(e, list(c(0, 100), c(1, 101), c(2, 102), c(3, 103)))
  e <- iterate(tensor_slices_dataset(c(7L, 8L)) %>% dataset_enumerate(start = 1), function(el) as.numeric(el[[1]]))
  expect_identical(e, c(1, 2))
})

test_that("dataset_shard() keeps every n-th element from a 0-based index", {
  expect_identical(iterate(range_dataset(0, 10) %>% dataset_shard(3, 0), as.numeric), c(0, 3, 6, 9))
  expect_identical(iterate(range_dataset(0, 10) %>% dataset_shard(3, 1), as.numeric), c(1, 4, 7))
  expect_error(range_dataset(0, 10) %>% dataset_shard(3, 3), "0-based", class = "kerasbridge_argument_error")
})

test_that("dataset_reduce() folds the elements into the state; traced once", {
  total <- dataset_reduce(range_dataset(0, 5), tf$constant(0L, dtype = tf$int64), function(s, x) s + x)
  expect_identical(as.numeric(total), 10)
  expect_identical(total$dtype$name, "int64")
  # R numbers are scalar states; a float32 state from 0
  calls <- 0
  mean_state <- dataset_reduce(tensor_slices_dataset(c(1, 2, 3, 6)), list(0, 0), function(state, x) {
    calls <<- calls + 1
    list(state[[1]] + x, state[[2]] + 1)
  })
  expect_equal(calls, 1)
  expect_identical(dim(mean_state[[1]]), integer(0))
  expect_identical(as.numeric(mean_state[[1]]) / as.numeric(mean_state[[2]]), 3)
  named <- dataset_reduce(tensor_slices_dataset(list(a = 1:4, b = c(0.5, 1, 1, 1))), list(n = 0L, w = 0),
                          function(s, el) list(n = s$n + el$a, w = s$w + el$b))
  expect_identical(as.numeric(named$n), 10)
  expect_identical(as.numeric(named$w), 3.5)
  expect_identical(as.numeric(dataset_reduce(range_dataset(0, 4), 0L, ~ .x + tf$cast(.y, "int32"))), 6)
  expect_error(dataset_reduce(range_dataset(0, 3), list(0, 0), function(s, x) s[[1]]), "structure",
               class = "kerasbridge_argument_error")
  # R errors while tracing keep their class and message
  expect_error(dataset_reduce(range_dataset(0, 3), 0L, function(s, x) if (x > 1L) s else s),
               "tf\\$cond", class = "kerasbridge_control_flow_error")
  expect_error(dataset_reduce(range_dataset(0, 3), 0L, function(s, x) stop("bad state")), "bad state")
})

test_that("dataset_map_and_batch() is map then batch", {
  b <- arrays(range_dataset(0, 5) %>% dataset_map_and_batch(~ .x * 2L, batch_size = 2))
  expect_identical(b, list(array(c(0, 2)), array(c(4, 6)), array(8)))
  b <- arrays(range_dataset(0, 5) %>% dataset_map_and_batch(~ .x + 1L, 2, drop_remainder = TRUE))
  expect_length(b, 2L)
})

test_that("dataset_collect() returns (at most iter_max) elements", {
  els <- dataset_collect(range_dataset(0, 4))
  expect_length(els, 4L)
  expect_identical(as.numeric(els[[4]]), 3)
  expect_length(dataset_collect(range_dataset(0, 4) %>% dataset_repeat(), iter_max = 6), 6L)
})

test_that("dataset_options() sets and returns options", {
  ds <- range_dataset(0, 3) %>% dataset_options(deterministic = FALSE, threading.private_threadpool_size = 2)
  opts <- dataset_options(ds)
  expect_false(opts$deterministic)
  expect_identical(opts$threading$private_threadpool_size, 2L)
  expect_identical(iterate(ds, as.numeric), c(0, 1, 2))
})
