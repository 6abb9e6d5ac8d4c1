# R/feature-space.R and the generated feature_*() (keras.utils.FeatureSpace)

test_that("every generated feature_* describes a feature", {
  skip_if_no_core()
  fns <- manifest_entries("op")$Function
  fns <- fns[startsWith(fns, "feature_")]
  expect_length(fns, 10)
  special <- list(feature_cross = list(feature_names = c("a", "b"), crossing_dim = 8),
                  feature_custom = list(dtype = "float32", preprocessor = layer_identity(), output_mode = "float"),
                  feature_float_discretized = list(num_bins = 4), feature_integer_hashed = list(num_bins = 4),
                  feature_string_hashed = list(num_bins = 4))
  expect_equal(call_each(fns, list(), special), character())
})

test_that("layer_feature_space() adapts on a dataset and preprocesses named features", {
  skip_if_no_core()
  fs <- layer_feature_space(features = list(
    age = feature_float_rescaled(scale = 0.1),
    city = feature_string_categorical(num_oov_indices = 0),
    n = feature_integer_hashed(num_bins = 3)))
  expect_s3_class(fs, "keras.src.layers.preprocessing.feature_space.FeatureSpace")
  ds <- tensor_slices_dataset(list(age = c(20, 40, 60), city = c("a", "b", "a"), n = c(1L, 2L, 3L)))
  fs$adapt(ds)
  out <- as.array(fs(list(age = array(40, 1), city = array("b", 1), n = array(2L, 1))))
  expect_equal(dim(out), c(1L, 1L + 2L + 3L))
  expect_equal(out[1, 1], 4, tolerance = 1e-6)  # 40 * 0.1
  expect_equal(sum(out[1, 2:3]), 1)              # one-hot city
})
