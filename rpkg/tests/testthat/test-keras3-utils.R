test_that("named_list() and newaxis", {
  x <- 1
  y <- "a"
  expect_identical(named_list(x, y, z = 3), list(x = 1, y = "a", z = 3))
  expect_null(newaxis)
  skip_if_no_core()
  expect_equal(dim(op_ones(c(2, 3))[, newaxis, ]), c(2L, 1L, 3L))
})
