# Printing fits getOption("width") and shows R shapes (issue 11): the model
# summary (R/models.R format(), pycore layers.model_summary_text), tensors, shapes.

test_that("print(model) and summary(model) are as wide as getOption('width'), with R shapes", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 4) %>% layer_dense(8) %>% layer_dense(2)
  withr::local_options(width = 60)
  lines <- capture.output(print(model))
  expect_equal(max(nchar(lines)), 60)
  expect_true(any(grepl("c(NA, 8)", lines, fixed = TRUE)))
  expect_false(any(grepl("None", lines, fixed = TRUE)))
  input <- keras_input(shape = c(28, 28, 3))
  output <- input %>% layer_conv_2d(4, 3) %>% layer_flatten() %>% layer_dense(1)
  withr::local_options(width = 100)
  lines <- capture.output(summary(keras_model(input, output)))
  expect_equal(max(nchar(lines)), 100)
  expect_true(any(grepl("Param #", lines, fixed = TRUE)))  # no column cut off past 80
  expect_true(any(grepl("c(NA, 26, 26, 4)", lines, fixed = TRUE)))
  expect_equal(max(nchar(capture.output(summary(model, line_length = 70)))), 70)
})

test_that("tensors and shapes print R shapes", {
  skip_if_no_core()
  expect_output(print(as_tensor(matrix(1:6, 2), dtype = "float32")), "shape=c(2, 3)", fixed = TRUE)
  expect_output(print(shape(NA, 8)), "TensorShape([None, 8])", fixed = TRUE)  # as R tensorflow prints it
})

test_that("an unbuilt model prints R keras 2.x's words for it", {
  skip_if_no_core()
  model <- keras_model_sequential()
  expect_output(print(model), "no summary available")
  expect_output(print(model), "unbuilt")
  expect_output(summary(model), "input_shape")
})
