skip_if_no_core()

test_that("use_compat(), train(), train_and_evaluate(), tf_probability() say what to use", {
  expect_null(use_compat("v2"))
  expect_error(use_compat("v1"), "TensorFlow 2", class = "kerasbridge_unavailable_error")
  expect_error(train(), "fit", class = "kerasbridge_unavailable_error")
  expect_error(train_and_evaluate(), "tf.estimator", class = "kerasbridge_unavailable_error")
  if (!reticulate::py_module_available("tensorflow_probability")) {
    expect_error(tf_probability(), "tensorflow_probability", class = "kerasbridge_unavailable_error")
  }
  expect_identical(formals(install_tensorflow)$gpu, FALSE)
})

test_that("view_savedmodel() lists a SavedModel's signatures", {
  dir <- tempfile()
  m <- tf$Module()
  m$f <- tf$`function`(function(x) x * 2, input_signature = list(tf$TensorSpec(list(NULL, 3L), "float32", name = "x")))
  tf$saved_model$save(m, dir, signatures = m$f)
  out <- NULL
  printed <- capture.output(out <- view_savedmodel(dir))
  expect_identical(names(out), "serving_default")
  expect_identical(names(out$serving_default$inputs), "x")
  expect_identical(out$serving_default$inputs$x$dtype, "float32")
  expect_length(out$serving_default$outputs, 1)
  expect_true(any(grepl("signature_def['serving_default']", printed, fixed = TRUE)))
  expect_error(view_savedmodel(tempdir()), "SavedModel directory", class = "kerasbridge_error")
})

test_that("parse_arguments() reads --name=value, --name value and --flag", {
  args <- parse_arguments(c("--epochs=10", "--lr", "0.01", "--verbose", "--name=run1"))
  expect_identical(args, list(epochs = 10L, lr = 0.01, verbose = TRUE, name = "run1"))
  expect_identical(parse_arguments(character()), list())
  expect_error(parse_arguments("epochs=3"), "--name=value", class = "kerasbridge_error")
})

test_that("parse_arguments() reads arrays and dashed names; tracked lists reach R as lists", {
  expect_equal(parse_arguments(c("--array=[1,2,3]", "--nested-dashes=1000")),
               list(array = c(1, 2, 3), nested_dashes = 1000))
  skip_if_no_core()
  model <- keras$Sequential(list())
  model$denses <- list(keras$layers$Dense(2L), keras$layers$Dense(3L))
  model$by_name <- list(abc = keras$layers$Dense(2L))
  expect_true(is.list(model$denses))
  expect_length(model$denses, 2)
  expect_named(model$by_name, "abc")
})
