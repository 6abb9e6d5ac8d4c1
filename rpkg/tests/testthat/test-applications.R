test_that("applications build offline; missing pretrained weights fail at once, saying where", {
  skip_if_no_core()
  withr::local_envvar(KERAS_HOME = tempfile("kerashome"))
  m <- application_mobilenet_v2(weights = NULL, input_shape = c(32, 32, 3), classes = 3, alpha = 0.35)
  expect_equal(unlist(m$output_shape), 3L)
  t0 <- Sys.time()
  err <- expect_error(application_vgg16(weights = "imagenet", include_top = FALSE, input_shape = c(32, 32, 3)),
                      class = "kerasbridge_argument_error")
  expect_lt(as.numeric(difftime(Sys.time(), t0, units = "secs")), 20)
  expect_match(conditionMessage(err), "can't be downloaded")
  expect_match(conditionMessage(err), "weights = NULL", fixed = TRUE)
  x <- array(255, c(1, 2, 2, 3))
  expect_equal(as.numeric(mobilenet_v2_preprocess_input(x))[1], 1)
})

test_that("optimizer_* and application_* pass their own `name` argument through", {
  skip_if_no_core()
  expect_equal(optimizer_adam(name = "my_adam")$name, "my_adam")
  m <- application_mobilenet_v2(weights = NULL, input_shape = c(32, 32, 3), classes = 2, alpha = 0.35, name = "tiny")
  expect_equal(m$name, "tiny")
})
