# R/zip_lists.R: zip_lists() pairs elements by position, or by name when named.

test_that("zip_lists() pairs by position, or by name across named lists", {
  g <- list("g1", "g2"); w <- list("w1", "w2")
  expect_identical(zip_lists(g, w), list(list("g1", "w1"), list("g2", "w2")))
  names(g) <- names(w) <- c("a", "b")
  expect_identical(zip_lists(g, w[2:1]), list(a = list("g1", "w1"), b = list("g2", "w2")))
  names(g) <- c("x", "y")
  expect_error(zip_lists(g, w), "must match", class = "kerasbridge_argument_error")
  expect_identical(zip_lists(unname(g), unname(w)), list(list("g1", "w1"), list("g2", "w2")))
})
