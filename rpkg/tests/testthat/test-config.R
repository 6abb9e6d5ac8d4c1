# config_* (generated R/config-generated.R) and R/config.R: use_backend(),
# config_set_backend(), clear_session(), reset_state()

test_that("every config_* getter answers", {
  skip_if_no_core()
  fns <- manifest_entries("config")$Function
  getters <- fns[!grepl("^config_(set|enable|disable)_", fns)]
  expect_gt(length(getters), 8)
  expect_equal(call_each(getters, list()), character())
  expect_equal(config_floatx(), "float32")
  expect_equal(config_backend(), "tensorflow")
  expect_equal(config_image_data_format(), "channels_last")
})

test_that("config_set_* setters change what the getters return", {
  skip_if_no_core()
  old <- config_epsilon()
  config_set_epsilon(1e-5)
  expect_equal(config_epsilon(), 1e-5)
  config_set_epsilon(old)
  expect_equal(config_epsilon(), old)
  config_set_floatx("float64"); expect_equal(config_floatx(), "float64")
  config_set_floatx("float32"); expect_equal(config_floatx(), "float32")
  config_set_image_data_format("channels_first"); expect_equal(config_image_data_format(), "channels_first")
  config_set_image_data_format("channels_last")
  was <- config_is_interactive_logging_enabled()
  config_disable_interactive_logging(); expect_false(config_is_interactive_logging_enabled())
  if (was) config_enable_interactive_logging()
  expect_equal(config_is_interactive_logging_enabled(), was)
})

test_that("the backend is TensorFlow; asking for another is a clear error", {
  skip_if_no_core()
  expect_silent(use_backend("tensorflow"))
  expect_silent(config_set_backend("tensorflow"))
  expect_error(use_backend("jax"), "runs on the TensorFlow backend", class = "kerasbridge_argument_error")
  expect_error(config_set_backend("torch"), "\"torch\"", class = "kerasbridge_error")
})

test_that("clear_session() resets layer names; reset_state() resets a metric", {
  skip_if_no_core()
  clear_session()
  expect_equal(layer_dense(units = 1)$name, "dense")
  expect_equal(layer_dense(units = 1)$name, "dense_1")
  clear_session()
  expect_equal(layer_dense(units = 1)$name, "dense")
  m <- metric_mean()
  m$update_state(c(1, 3))
  expect_equal(as.numeric(as.array(m$result())), 2)
  expect_identical(reset_state(m), m)
  expect_equal(as.numeric(as.array(m$result())), 0)
  expect_error(reset_state(1), "reset_state", class = "kerasbridge_argument_error")
})
