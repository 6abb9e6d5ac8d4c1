test_that("learning-rate schedules, initializers and constraints", {
  skip_if_no_core()
  sched <- learning_rate_schedule_exponential_decay(0.1, decay_steps = 10, decay_rate = 0.5)
  expect_equal(as.numeric(sched(10)), 0.05, tolerance = 1e-6)
  pw <- learning_rate_schedule_piecewise_constant_decay(boundaries = c(5, 10), values = c(1, 0.5, 0.1))
  expect_equal(as.numeric(pw(7)), 0.5)
  opt <- optimizer_adam(learning_rate = sched)
  model <- keras_model_sequential(input_shape = 3) %>%
    layer_dense(units = 2, kernel_initializer = initializer_orthogonal(seed = 1),
                kernel_constraint = constraint_maxnorm(1))
  model %>% compile(optimizer = opt, loss = "mse")
  model %>% fit(matrix(runif(30), 10, 3), matrix(runif(20), 10, 2), epochs = 1, verbose = 0)
  expect_true(all(sqrt(colSums(get_weights(model)[[1]]^2)) <= 1 + 1e-5))
})

test_that("adapt() fits normalization and text vectorization layers", {
  skip_if_no_core()
  norm <- layer_normalization()
  x <- matrix(c(1, 2, 3, 4, 5, 6), 3, 2)
  adapt(norm, x)
  out <- as.array(norm(x))
  expect_equal(colMeans(out), c(0, 0), tolerance = 1e-5)
  tv <- layer_text_vectorization(max_tokens = 10, output_mode = "int")
  adapt(tv, c("the cat sat", "the dog sat", "the end"))
  vocab <- get_vocabulary(tv)
  expect_equal(vocab[1:4], c("", "[UNK]", "the", "sat"))
})

test_that("get_vocabulary() returns strings as a vector and integers as a list, as in R keras 2.x", {
  skip_if_no_core()
  ints <- layer_integer_lookup()
  adapt(ints, as_tensor(rbind(c(12, 1138, 42), c(42, 1000, 36)), "int32"))
  expect_identical(get_vocabulary(ints), list(-1L, 42L, 1138L, 1000L, 36L, 12L))
  expect_identical(get_vocabulary(ints, include_special_tokens = FALSE)[[1]], 42L)
  strs <- layer_string_lookup()
  adapt(strs, c("a", "b", "b"))
  expect_identical(get_vocabulary(strs), c("[UNK]", "b", "a"))
})

test_that("timeseries_dataset_from_array windows rows with 1-based start_index", {
  skip_if_no_core()
  data <- matrix(1:20, 10, 2)
  ds <- timeseries_dataset_from_array(data, targets = NULL, sequence_length = 3, batch_size = 100,
                                      start_index = 2, end_index = 6)
  b <- as.array(iter_next(as_iterator(ds)))
  expect_equal(dim(b), c(3L, 3L, 2L))       # windows starting at rows 2, 3, 4 (rows 2..6)
  expect_equal(b[1, , 1], 2:4)
  expect_equal(b[3, , 1], 4:6)
})

test_that("pop_layer, get_config/from_config, reset_states, k_backend", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 3) %>% layer_dense(units = 2)
  pop_layer(model)
  expect_length(model$layers, 1)
  cfg <- get_config(layer_dense(units = 7, activation = "relu"))
  expect_equal(cfg$units, 7L)
  l2 <- from_config(cfg)
  expect_equal(l2$units, 7L)
  expect_invisible(reset_states(model))
  expect_equal(k_backend(), "tensorflow")
})
