skip_if_no_core()

test_that("one-shot iterators, iterator_get_next(), until_out_of_range(), with_dataset()", {
  it <- make_iterator_one_shot(range_dataset(to = 4))
  total <- 0
  n <- 0
  until_out_of_range({
    x <- iterator_get_next(it)
    total <- total + as.numeric(x)
    n <- n + 1
  })
  expect_identical(c(total, n), c(6, 4))
  expect_error(iterator_get_next(it), "no more elements", class = "kerasbridge_out_of_range_error")
  expect_null(with_dataset(iterator_get_next(it)))
  expect_identical(as.numeric(next_batch(range_dataset(from = 5, to = 7))), 5)
  it2 <- make_iterator_initializable(range_dataset(to = 2))
  expect_identical(as.numeric(iterator_get_next(it2)), 0)
  expect_null(out_of_range_handler(structure(class = c("kerasbridge_out_of_range_error", "error", "condition"),
                                             list(message = "end"))))
  expect_error(out_of_range_handler(simpleError("other")), "other")
  # other errors are not swallowed
  expect_error(until_out_of_range(stop("boom")), "boom")
})

test_that("TF1-only iterator functions say what to use instead", {
  for (f in list(make_iterator_from_structure, make_iterator_from_string_handle, iterator_initializer,
                 iterator_make_initializer, iterator_string_handle)) {
    expect_error(f(), "as_iterator", class = "kerasbridge_unavailable_error")
  }
})
