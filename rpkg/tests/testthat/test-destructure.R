test_that("%<-% unpacks lists and vectors like zeallot, fast path or not", {
  c(a, b) %<-% list(1, "two")
  expect_equal(a, 1); expect_equal(b, "two")
  c(p, q) %<-% c(3, 4)
  expect_equal(c(p, q), c(3, 4))
  c(c(x1, y1), c(x2, y2)) %<-% list(list(1, 2), list(3, 4))   # nested: zeallot
  expect_equal(c(x1, y1, x2, y2), c(1, 2, 3, 4))
  c(first, ...rest) %<-% list(1, 2, 3)                          # rest: zeallot
  expect_equal(rest, list(2, 3))
  expect_error(c(u, v) %<-% list(1, 2, 3))                       # length mismatch: zeallot's error
  df <- data.frame(m = 1:2, n = 3:4)
  c(m, n) %<-% df
  expect_equal(n, 3:4)
  f <- function(batch) { c(xx, yy) %<-% batch; xx + yy }        # assigns in the caller's frame
  expect_equal(f(list(1, 2)), 3)
  expect_false(exists("xx"))
})
