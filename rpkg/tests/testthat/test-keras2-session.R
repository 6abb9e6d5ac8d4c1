test_that("use_session_with_seed() seeds weight initialisation as set_random_seed() does", {
  skip_if_no_core()
  build <- function() keras_model_sequential(input_shape = 4) %>% layer_dense(units = 3)
  expect_message(use_session_with_seed(42), "Set session seed to 42")
  w1 <- get_weights(build())
  use_session_with_seed(42, quiet = TRUE)
  w2 <- get_weights(build())
  expect_equal(w1, w2)
  expect_silent(use_session_with_seed(1, quiet = TRUE))
})

test_that("is_keras_available() says whether the core imports", {
  skip_if_no_core()
  expect_true(is_keras_available())
})
