# R/tensorflow.R: the tensorflow R package's helpers; R/reexports.R.

test_that("as_tensor(), tf_version(), tf_config(), tf_gpu_configured()", {
  skip_if_no_core()
  t <- as_tensor(matrix(1:6, 2), dtype = "float32")
  expect_equal(t$dtype$name, "float32")
  expect_equal(as.array(t), matrix(as.numeric(1:6), 2), ignore_attr = TRUE)
  expect_equal(as_tensor(c(1.7, 2.2), "int32")$dtype$name, "int32")
  expect_equal(as_tensor(3)$dtype$name, "float64")  # R's double, as tensorflow's as_tensor() keeps it
  expect_identical(as_tensor(t), t)
  expect_s3_class(tf_version(), "package_version")
  expect_true(tf_version() >= "2.16")
  cfg <- tf_config()
  expect_true(cfg$available)
  expect_equal(cfg$version, tf_version())
  expect_type(tf_gpu_configured(verbose = FALSE), "logical")
  expect_message(tf_gpu_configured(), "TensorFlow sees")
})

test_that("re-exported helpers work without attaching reticulate or magrittr", {
  skip_if_no_core()
  ns <- getNamespaceExports("kerasbridge")
  expect_true(all(c("%<>%", "tuple", "dict", "np_array", "r_to_py", "py_to_r", "import",
                    "use_python", "use_virtualenv") %in% ns))
  x <- c(3, 1, 2)
  x %<>% sort
  expect_equal(x, c(1, 2, 3))
  expect_equal(length(kerasbridge::tuple(1, 2)), 2L)
  expect_equal(reticulate::py_to_r(kerasbridge::np_array(1:3, dtype = "float32")$dtype$name), "float32")
})
