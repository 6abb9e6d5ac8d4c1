test_that("flags() takes defaults and command-line values, typed", {
  defs <- list(flag_numeric("learning_rate", 0.01), flag_integer("units", 32), flag_boolean("dropout", FALSE),
               flag_string("optimizer", "adam"))
  f <- do.call(flags, c(defs, list(arguments = character())))
  expect_equal(f$learning_rate, 0.01)
  expect_identical(f$units, 32L)
  f <- do.call(flags, c(defs, list(arguments = c("--units=64", "--dropout", "true", "--learning-rate", "0.5",
                                                 "--optimizer=sgd"))))
  expect_identical(f$units, 64L)
  expect_true(f$dropout)
  expect_equal(f$learning_rate, 0.5)
  expect_equal(f$optimizer, "sgd")
  expect_error(do.call(flags, c(defs, list(arguments = "--nope=1"))), "not a declared flag",
               class = "kerasbridge_error")
  expect_error(do.call(flags, c(defs, list(arguments = "--units=abc"))), "integer", class = "kerasbridge_error")
  withr::with_envvar(c(TFRUNS_RUN_DIR = ""), expect_null(run_dir()))
  withr::with_envvar(c(TFRUNS_RUN_DIR = "runs/1"), expect_equal(run_dir(), "runs/1"))
})
