skip_if_no_core()

test_that("create_layer_wrapper gives object-first pipe semantics and initialize's formals", {
  RLinear <- define_linear("WrappedLinear")
  layer_linear <- create_layer_wrapper(RLinear)
  expect_identical(names(formals(layer_linear)), c("object", "units", "..."))
  model <- keras_model_sequential(input_shape = 4) %>% layer_linear(units = 2) %>% layer_linear(units = 5)
  expect_identical(length(model$layers), 2L)
  expect_identical(model$output_shape, list(NULL, 5L))
  expect_true(inherits(layer_linear(units = 3), "kerasbridge.classes.user.WrappedLinear"))
  out <- layer_input(shape = 4) %>% layer_linear(units = 6)
  expect_identical(out$shape, list(NULL, 6L))
  expect_error(create_layer_wrapper(function() 1), class = "kerasbridge_argument_error")
})
