skip_if_no_core()

# a small "hearts"-like table: numbers, integer codes and a string category
hearts_like <- function(n = 120) {
  set.seed(42)
  df <- data.frame(age = sample(29:77, n, TRUE), cp = sample(0:3, n, TRUE),
                   chol = round(rnorm(n, 240, 40), 1),
                   thal = sample(c("fixed", "normal", "reversible"), n, TRUE),
                   stringsAsFactors = FALSE)
  df$target <- as.numeric(df$age > 55 | df$thal == "fixed")
  df
}

test_that("feature_spec() reads the formula; selectors pick by type and name", {
  df <- hearts_like()
  spec <- feature_spec(df, target ~ .)
  expect_s3_class(spec, "FeatureSpec")
  expect_identical(spec$x, c("age", "cp", "chol", "thal"))
  expect_identical(spec$y, "target")
  expect_identical(feature_spec(df, target ~ age + thal)$x, c("age", "thal"))
  expect_identical(feature_spec(df, ~ .)$x, names(df))
  s <- spec %>% step_numeric_column(all_numeric())
  expect_identical(names(s$steps), c("age", "cp", "chol"))
  expect_identical(names((spec %>% step_categorical_column_with_vocabulary_list(all_nominal()))$steps), "thal")
  expect_identical(names((spec %>% step_numeric_column(starts_with("c")))$steps), c("cp", "chol"))
  expect_identical(names((spec %>% step_numeric_column(all_numeric(), -age))$steps), c("cp", "chol"))
  expect_identical(names((spec %>% step_numeric_column(has_type("float32")))$steps), "chol")
  expect_identical(names((spec %>% step_numeric_column(matches("^a"), one_of("cp")))$steps), c("age", "cp"))
  expect_identical(ends_with("l", vars = c("chol", "thal", "age")), c("chol", "thal"))
  expect_identical(contains("HO", vars = c("chol", "age")), "chol")
  expect_identical(num_range("x", 1:2, vars = c("x1", "x2", "x3")), c("x1", "x2"))
  expect_identical(everything(vars = c("a", "b")), c("a", "b"))
  # steps don't modify the spec they were given (tfdatasets clones)
  expect_length(spec$steps, 0)
  expect_error(feature_spec(df, target ~ nope), "nope", class = "kerasbridge_error")
  expect_error(spec %>% step_numeric_column(nope), "select", class = "kerasbridge_error")
  expect_error(starts_with("a"), "inside a", class = "kerasbridge_error")
  # another package's selectors attached later don't get in the way
  local({
    starts_with <- function(...) stop("not ours")
    expect_identical(names((spec %>% step_numeric_column(starts_with("c")))$steps), c("cp", "chol"))
  })
})

test_that("fit() learns vocabularies and scalers; dense features have the right widths", {
  df <- hearts_like()
  spec <- feature_spec(df, target ~ .) %>%
    step_numeric_column(age, normalizer_fn = scaler_standard()) %>%
    step_numeric_column(chol, normalizer_fn = scaler_min_max()) %>%
    step_categorical_column_with_vocabulary_list(thal) %>%
    step_bucketized_column(age, boundaries = c(40, 50, 60)) %>%
    step_indicator_column(thal) %>%
    step_embedding_column(thal, dimension = 2) %>%
    step_crossed_column(thal_and_age = c(thal, bucketized_age), hash_bucket_size = 7) %>%
    step_indicator_column(thal_and_age)
  expect_error(dense_features(spec), "after fitting", class = "kerasbridge_error")
  fitted <- fit(spec)
  expect_true(fitted$fitted)
  expect_identical(unlist(fitted$columns$thal$vocabulary), c("fixed", "normal", "reversible"))
  st <- unlist(fitted$columns$age$stats)
  expect_equal(st[1], mean(df$age), tolerance = 1e-6)
  expect_equal(st[2], sqrt(mean((df$age - mean(df$age))^2)), tolerance = 1e-6)
  expect_equal(unlist(fitted$columns$chol$stats), range(df$chol), tolerance = 1e-6)
  expect_identical(names(dense_features(fitted)),
                   c("age", "chol", "bucketized_age", "indicator_thal", "embedding_thal", "indicator_thal_and_age"))
  out <- layer_dense_features(df, dense_features(fitted))
  # columns in name order: age 1, bucketized_age 4, chol 1, embedding 2, indicator_thal 3, cross 7
  expect_identical(dim(out), c(120L, 18L))
  m <- as.array(out)
  expect_equal(m[, 1], (df$age - st[1]) / st[2], tolerance = 1e-5)
  expect_equal(m[, 2:5], unname(t(sapply(findInterval(df$age, c(40, 50, 60)), function(i) as.numeric(0:3 == i)))))
  expect_equal(m[, 6], (df$chol - min(df$chol)) / diff(range(df$chol)), tolerance = 1e-5)
  expect_equal(m[, 9:11], unname(t(sapply(match(df$thal, c("fixed", "normal", "reversible")), function(i) as.numeric(1:3 == i)))))
  expect_equal(rowSums(m[, 12:18]), rep(1, 120))
})

test_that("the feature columns vignette workflow trains and evaluates (data frame and dataset)", {
  df <- hearts_like()
  spec <- feature_spec(df, target ~ .) %>%
    step_numeric_column(all_numeric(), normalizer_fn = scaler_standard()) %>%
    step_categorical_column_with_vocabulary_list(thal) %>%
    step_indicator_column(thal) %>%
    step_embedding_column(thal, dimension = 2) %>%
    fit()
  x <- df[names(df) != "target"]
  inputs <- layer_input_from_dataset(x)
  expect_identical(names(inputs), c("age", "cp", "chol", "thal"))
  expect_identical(inputs$thal$dtype, "string")
  outputs <- inputs %>%
    layer_dense_features(dense_features(spec)) %>%
    layer_dense(units = 1, activation = "sigmoid")
  model <- keras_model(inputs, outputs)
  model %>% compile(loss = "binary_crossentropy", optimizer = optimizer_adam(0.05), metrics = "accuracy")
  h <- model %>% fit(x, df$target, epochs = 15, batch_size = 16, verbose = 0, validation_split = 0.2)
  expect_length(h$metrics$loss, 15)
  expect_lt(h$metrics$loss[15], h$metrics$loss[1])
  ev <- model %>% evaluate(x, df$target, verbose = 0)
  expect_gt(ev[["accuracy"]], 0.7)
  ds <- tensor_slices_dataset(df) %>% dataset_use_spec(spec) %>% dataset_batch(32)
  el <- iter_next(as_iterator(ds))
  expect_identical(names(el[[1]]), c("age", "cp", "chol", "thal"))
  expect_identical(dim(el[[2]]), 32L)
  model %>% fit(ds, epochs = 1, verbose = 0)
  p <- predict(model, x, verbose = 0)
  expect_length(p, 120)
  # the model (with its fitted columns and embedding weights) saves and loads
  file <- tempfile(fileext = ".keras")
  save_model(model, file)
  expect_equal(predict(load_model(file), x, verbose = 0), p, tolerance = 1e-5)
})

test_that("hash, identity, vocabulary-file, shared-embedding and remove steps", {
  df <- hearts_like(40)
  vocab <- tempfile(fileext = ".txt")
  writeLines(c("normal", "fixed"), vocab)
  spec <- feature_spec(df, target ~ .) %>%
    step_categorical_column_with_hash_bucket(thal, hash_bucket_size = 5) %>%
    step_categorical_column_with_identity(cp, num_buckets = 4) %>%
    step_indicator_column(thal, cp) %>%
    step_shared_embeddings_column(thal, cp, dimension = 3) %>%
    step_numeric_column(chol, normalizer_fn = function(x) x / 100) %>%
    step_numeric_column(age) %>%
    step_remove_column(age) %>%
    fit()
  expect_identical(names(dense_features(spec)),
                   c("indicator_thal", "indicator_cp", "shared_embeddings_thal", "shared_embeddings_cp", "chol"))
  # the layer concatenates in name order: chol, indicator_cp, indicator_thal, shared_*
  m <- as.array(layer_dense_features(df, dense_features(spec)))
  expect_identical(dim(m), c(40L, 1L + 4L + 5L + 3L + 3L))
  expect_equal(m[, 1], df$chol / 100, tolerance = 1e-5)
  expect_equal(m[, 2:5], unname(t(sapply(df$cp, function(i) as.numeric(0:3 == i)))))
  expect_equal(rowSums(m[, 6:10]), rep(1, 40))
  # out of vocabulary with no OOV bucket: all zeros, as tf.feature_column did
  s2 <- feature_spec(df, target ~ thal) %>%
    step_categorical_column_with_vocabulary_file(thal, vocabulary_file = vocab) %>%
    step_indicator_column(thal) %>% fit()
  m2 <- as.array(layer_dense_features(df, dense_features(s2)))
  expect_equal(m2, unname(cbind(as.numeric(df$thal == "normal"), as.numeric(df$thal == "fixed"))))
  s3 <- feature_spec(df, target ~ thal) %>%
    step_categorical_column_with_vocabulary_list(thal, vocabulary_list = c("normal"), num_oov_buckets = 1) %>%
    step_indicator_column(thal) %>% fit()
  m3 <- as.array(layer_dense_features(df, dense_features(s3)))
  expect_equal(m3[, 1], as.numeric(df$thal == "normal"))
  expect_equal(rowSums(m3), rep(1, 40))
  expect_error(feature_spec(df, ~ .) %>% step_indicator_column(age) %>% fit(), "categorical",
               class = "kerasbridge_error")
  expect_error(layer_dense_features(df, list()), "dense feature columns", class = "kerasbridge_error")
})

test_that("a spec has tfdatasets' methods: $fit() in place, $features() as TensorFlow columns, copies per step", {
  skip_if_no_core()
  df <- list(a = letters[1:6], b = 1:6, c = c(1, 2, 3, 4, 5, 6), y = c(0, 1, 0, 1, 0, 1))
  spec <- feature_spec(df, y ~ a + b + c) %>%
    step_numeric_column(b, c) %>%
    step_categorical_column_with_vocabulary_list(a)
  spec1 <- spec %>% step_indicator_column(a)
  expect_s3_class(spec1, "R6")
  expect_error(spec1$features(), "after fitting")
  spec1$fit()
  expect_named(spec1$features(), c("b", "c", "a", "indicator_a"))
  expect_named(spec1$dense_features(), c("b", "c", "indicator_a"))
  expect_s3_class(spec1$features()$a, "tensorflow.python.feature_column.feature_column._CategoricalColumn")
  expect_s3_class(spec1$dense_features()$indicator_a, "tensorflow.python.feature_column.feature_column_v2.IndicatorColumn")
  expect_error(spec$features(), "after fitting")  # steps and fit() copy the spec
  expect_identical(spec1$feature_types(), c("float32", "float32", "string", "float32"))
  layer <- layer_dense_features(feature_columns = spec1$dense_features())
  out <- layer(list(a = tf$constant(c("a", "b")), b = tf$constant(c(1L, 2L)), c = tf$constant(c(1, 2))))
  expect_identical(dim(out), c(2L, 2L + 6L))
})

test_that("the streaming scalers compute what R computes", {
  x <- c(3, 1, 4, 1, 5, 9, 2, 6)
  sc <- StandardScaler$new()
  for (b in split(x, rep(1:2, each = 4))) sc$fit_batch(b)
  sc$fit_resume()
  expect_equal(c(sc$mean, sc$sd), c(mean(x), sd(x)))
  mm <- MinMaxScaler$new()
  for (b in split(x, rep(1:2, each = 4))) mm$fit_batch(b)
  mm$fit_resume()
  expect_equal(c(mm$min, mm$max), range(x))
})
