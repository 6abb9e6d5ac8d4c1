# `hearts`: tfdatasets' heart disease table, lazy data of the package.

test_that("hearts is there after library(), as in tfdatasets", {
  expect_s3_class(hearts, "data.frame")
  expect_equal(dim(hearts), c(303L, 14L))
  expect_type(hearts$thal, "character")
  expect_setequal(unique(hearts$target), c(0L, 1L))
  expect_false(anyNA(hearts))
})

test_that("a feature spec of hearts: numeric, bucketized, embedded and crossed columns", {
  skip_if_no_core()
  spec <- feature_spec(hearts, target ~ .) %>%
    step_numeric_column(all_numeric(), -cp, -restecg, -exang, -sex, -fbs,
                        normalizer_fn = scaler_standard()) %>%
    step_categorical_column_with_vocabulary_list(thal) %>%
    step_bucketized_column(age, boundaries = c(30, 40, 50, 60)) %>%
    step_indicator_column(thal) %>%
    step_embedding_column(thal, dimension = 3) %>%
    step_crossed_column(c(thal, bucketized_age), hash_bucket_size = 10) %>%
    step_indicator_column(crossed_thal_bucketized_age) %>%
    fit()
  # 7 numeric columns, the bucketized age, thal's embedding, two indicator columns
  expect_length(spec$dense_features(), 11)
  expect_setequal(names(spec$dense_features()),
                  c("age", "trestbps", "chol", "thalach", "oldpeak", "slope", "ca", "bucketized_age",
                    "embedding_thal", "indicator_thal", "indicator_crossed_thal_bucketized_age"))
})
