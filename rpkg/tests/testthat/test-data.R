skip_if_no_core()

x <- matrix(as.numeric(1:20), nrow = 10)  # 10 rows, 2 columns
y <- 0:9

test_that("tensor_slices_dataset() slices along the first R dimension", {
  ds <- tensor_slices_dataset(x)
  it <- as_iterator(ds)
  first <- iter_next(it)
  expect_identical(as.numeric(first), x[1, ])
  expect_identical(first$dtype$name, "float32")
  expect_identical(as.numeric(iter_next(it)), x[2, ])
  a <- array(as.numeric(1:24), c(2, 3, 4))
  el <- iter_next(as_iterator(tensor_slices_dataset(a)))
  expect_identical(as.array(el), a[1, , ])
  expect_identical(as.integer(iter_next(as_iterator(tensor_slices_dataset(y)))), 0L)
})

test_that("named lists give named-list elements; unnamed lists unpack with %<-%", {
  b <- tensor_slices_dataset(list(inputs = x, labels = y)) %>% dataset_batch(4) %>% as_iterator() %>% iter_next()
  expect_named(b, c("inputs", "labels"))
  expect_identical(as.array(b$inputs), x[1:4, ])
  expect_identical(as.integer(b$labels), 0:3)
  c(xb, yb) %<-% iter_next(as_iterator(tensor_slices_dataset(list(x, y)) %>% dataset_batch(3)))
  expect_identical(dim(xb), c(3L, 2L))
  expect_identical(as.integer(yb), 0:2)
})

test_that("data frames become named elements; factors their 0-based codes", {
  df <- data.frame(a = c(1.5, 2.5, 3.5), n = 3:1, f = factor(c("u", "v", "u")))
  el <- iter_next(as_iterator(tensor_slices_dataset(df) %>% dataset_batch(3)))
  expect_named(el, c("a", "n", "f"))
  expect_identical(as.numeric(el$a), df$a)
  expect_identical(as.integer(el$n), df$n)
  expect_identical(as.integer(el$f), c(0L, 1L, 0L))
})

test_that("tensors_dataset() makes one element of everything", {
  ds <- tensors_dataset(x)
  out <- iterate(ds, as.array, simplify = FALSE)
  expect_length(out, 1L)
  expect_identical(out[[1]], x)
})

test_that("tensors_dataset() keeps a vector of length 1 a scalar, as tfdatasets did", {
  expect_equal(tensors_dataset("foo")$element_spec$shape$rank, 0L)
  s <- iter_next(as_array_iterator(tensors_dataset("foo")))
  expect_identical(s$decode(), "foo")                    # numpy's bytes, as tfdatasets gives
  expect_equal(tensors_dataset(2)$element_spec$shape$rank, 0L)
  expect_equal(as.integer(tensors_dataset(c(2, 3))$element_spec$shape), 2L)
  pair <- tensors_dataset(list(1L, c(1, 2)))$element_spec   # a list is a tuple of its parts
  expect_equal(pair[[1]]$shape$rank, 0L)
  expect_equal(as.integer(pair[[2]]$shape), 2L)
  words <- list(tensors_dataset("a") %>% dataset_repeat(), tensors_dataset("b") %>% dataset_repeat())
  picked <- choose_from_datasets(words, range_dataset(0, 2) %>% dataset_repeat(2))
  expect_identical(iterate(as_array_iterator(picked), function(s) s$decode()), c("a", "b", "a", "b"))
})

test_that("batch, take, skip, repeat follow tf.data", {
  sizes <- iterate(range_dataset(0, 10) %>% dataset_batch(4), function(b) dim(b))
  expect_identical(sizes, c(4L, 4L, 2L))
  sizes <- iterate(range_dataset(0, 10) %>% dataset_batch(4, drop_remainder = TRUE), function(b) dim(b))
  expect_identical(sizes, c(4L, 4L))
  expect_identical(iterate(range_dataset(0, 10) %>% dataset_skip(3) %>% dataset_take(2), as.numeric), c(3, 4))
  expect_identical(iterate(range_dataset(0, 3) %>% dataset_repeat(2), as.numeric), c(0, 1, 2, 0, 1, 2))
  expect_identical(iterate(range_dataset(1, 10, by = 3), as.numeric), c(1, 4, 7))
  expect_identical(iterate(range_dataset(0, 5) %>% dataset_prefetch(2) %>% dataset_cache(), as.numeric), as.numeric(0:4))
})

test_that("dataset_shuffle() is a permutation, reproducible with a seed", {
  a <- iterate(range_dataset(0, 20) %>% dataset_shuffle(20, seed = 42), as.numeric)
  b <- iterate(range_dataset(0, 20) %>% dataset_shuffle(20, seed = 42), as.numeric)
  expect_identical(sort(a), as.numeric(0:19))
  expect_identical(a, b)
  expect_false(identical(a, as.numeric(0:19)))
})

test_that("dataset_map() takes R functions and formulas, and traces them once", {
  calls <- 0
  ds <- tensor_slices_dataset(list(x, y)) %>%
    dataset_map(function(features, label) {
      calls <<- calls + 1
      list(features / 10, label + 1L)
    })
  expect_equal(calls, 1)
  res <- iterate(ds %>% dataset_batch(10), function(b) list(as.array(b[[1]]), as.integer(b[[2]])), simplify = FALSE)
  expect_equal(calls, 1)  # iterating ran the graph, not R
  expect_equal(res[[1]][[1]], x / 10, tolerance = 1e-6)
  expect_identical(res[[1]][[2]], y + 1L)
  doubled <- iterate(range_dataset(0, 4) %>% dataset_map(~ .x * 2L), as.numeric)
  expect_identical(doubled, c(0, 2, 4, 6))
  named <- tensor_slices_dataset(list(a = x, b = y)) %>% dataset_map(function(el) list(s = el$a[1] + el$a[2], b = el$b))
  first <- iter_next(as_iterator(named))
  expect_named(first, c("s", "b"))
  expect_identical(as.numeric(first$s), sum(x[1, ]))
})

test_that("dataset_map() with parallel calls runs the traced graph", {
  ds <- range_dataset(0, 100) %>% dataset_map(function(v) tf$cast(v, "float32") * 2, num_parallel_calls = 4) %>%
    dataset_batch(10)
  expect_equal(sum(iterate(ds, function(b) as.numeric(sum(b)))), sum(0:99) * 2)
  ds <- range_dataset(0, 10) %>% dataset_map(~ .x + 1L, num_parallel_calls = tf$data$AUTOTUNE)
  expect_identical(iterate(ds, as.numeric), as.numeric(1:10))
})

test_that("a map function that would call R on worker threads fails clearly", {
  expect_error(
    range_dataset(0, 10) %>% dataset_map(function(v) tf$py_function(function(a) a, list(v), tf$int64),
                                         num_parallel_calls = 2),
    "worker threads", class = "kerasbridge_argument_error")
})

test_that("R errors inside a map function keep their class and message", {
  expect_error(range_dataset(0, 3) %>% dataset_map(function(v) stop("bad element")), "bad element")
  expect_error(range_dataset(0, 3) %>% dataset_map(function(v) if (v > 1) v else v),
               "tf\\$cond", class = "kerasbridge_control_flow_error")
})

test_that("dataset_filter() keeps the elements whose predicate is TRUE", {
  evens <- iterate(range_dataset(0, 10) %>% dataset_filter(function(v) v %% 2L == 0L), as.numeric)
  expect_identical(evens, c(0, 2, 4, 6, 8))
  expect_identical(iterate(range_dataset(0, 10) %>% dataset_filter(~ .x > 6L), as.numeric), c(7, 8, 9))
  expect_error(range_dataset(0, 3) %>% dataset_filter(~ .x * 2L), "TRUE/FALSE", class = "kerasbridge_argument_error")
})

test_that("zip_datasets() pairs elements, keeping names", {
  z <- zip_datasets(range_dataset(0, 3), range_dataset(10, 13))
  expect_identical(iterate(z, function(p) as.numeric(p[[1]]) + as.numeric(p[[2]])), c(10, 12, 14))
  z <- zip_datasets(list(a = range_dataset(0, 2), b = range_dataset(5, 7)))
  expect_named(iter_next(as_iterator(z)), c("a", "b"))
  # tfdatasets scripts pass one Python tuple of datasets
  z <- zip_datasets(reticulate::tuple(range_dataset(0, 3), range_dataset(10, 13)))
  expect_identical(iterate(z, function(p) as.numeric(p[[1]]) + as.numeric(p[[2]])), c(10, 12, 14))
})

test_that("iteration: NULL when exhausted, completed =, arrays, iterate()", {
  it <- as_iterator(range_dataset(0, 2))
  expect_identical(as.numeric(iter_next(it)), 0)
  expect_identical(as.numeric(iter_next(it)), 1)
  expect_null(iter_next(it))
  expect_identical(iter_next(it, completed = "done"), "done")
  ai <- as_array_iterator(tensor_slices_dataset(list(a = x, b = y)) %>% dataset_batch(5))
  el <- iter_next(ai)
  expect_identical(el$a, x[1:5, ])
  expect_identical(el$b, array(0:4))
  els <- iterate(range_dataset(0, 3))
  expect_length(els, 3L)
  expect_true(is_tensor(els[[3]]))
  expect_identical(as.numeric(els[[3]]), 2)
})

test_that("bad arguments are R errors naming the argument", {
  expect_error(dataset_batch(1:3, 2), "must be a TensorFlow dataset", class = "kerasbridge_argument_error")
  expect_error(range_dataset(0, 3) %>% dataset_batch(2.5), "batch_size", class = "kerasbridge_argument_error")
  expect_error(tensor_slices_dataset(list(x, 1:3)), "same number of rows", class = "kerasbridge_argument_error")
  expect_error(tensor_slices_dataset(c(1L, NA)), "NA", class = "kerasbridge_missing_value_error")
  expect_error(range_dataset(0, 3) %>% dataset_map("nope"), "function or a formula", class = "kerasbridge_argument_error")
})

test_that("length() is the number of elements, Inf when repeated, NA when unknown", {
  expect_identical(length(range_dataset(0, 10) %>% dataset_batch(4)), 3L)
  expect_identical(length(range_dataset(0, 10) %>% dataset_repeat()), Inf)
  expect_identical(length(range_dataset(0, 10) %>% dataset_filter(~ .x > 3L)), NA_real_)
})

test_that("print() shows the element structure", {
  expect_output(print(tensor_slices_dataset(list(x = x, y = y)) %>% dataset_batch(2)),
                "\\$x: shape=c\\(NA, 2\\) dtype=float32")
})

test_that("fit(), evaluate() and predict() take datasets", {
  set_random_seed(1)
  n <- 64
  xs <- matrix(runif(n * 4), n)
  ys <- as.integer(xs[, 1] > 0.5)
  model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2, activation = "softmax")
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  train <- tensor_slices_dataset(list(xs, ys)) %>% dataset_batch(16)
  h <- model %>% fit(train, epochs = 2, verbose = 0, validation_data = train, validation_steps = 2)
  expect_length(h$metrics$loss, 2L)
  expect_length(h$metrics$val_loss, 2L)
  # steps_per_epoch continues through a repeated dataset across epochs
  h <- model %>% fit(train %>% dataset_repeat(), epochs = 3, steps_per_epoch = 3, verbose = 0)
  expect_length(h$metrics$loss, 3L)
  ev <- model %>% evaluate(train, verbose = 0)
  expect_true(all(c("loss", "accuracy") %in% names(ev)))
  p <- predict(model, tensor_slices_dataset(xs) %>% dataset_batch(16), verbose = 0)
  expect_identical(dim(p), c(64L, 2L))
  expect_error(model %>% fit(train, batch_size = 8, verbose = 0), "already", class = "kerasbridge_argument_error")
  # (x, y, sample_weight) elements
  weighted <- tensor_slices_dataset(list(xs, ys, rep(1, n))) %>% dataset_batch(16)
  h <- model %>% fit(weighted, epochs = 1, verbose = 0)
  expect_length(h$metrics$loss, 1L)
})

test_that("named-list elements feed multi-input models by input name", {
  a <- layer_input(shape = 3, name = "a")
  b <- layer_input(shape = 2, name = "b")
  out <- layer_concatenate(list(a, b)) %>% layer_dense(units = 1)
  model <- keras_model(list(a, b), out)
  model %>% compile(optimizer = "sgd", loss = "mse")
  n <- 12
  ds <- tensor_slices_dataset(list(list(a = matrix(runif(n * 3), n), b = matrix(runif(n * 2), n)), runif(n))) %>%
    dataset_batch(4)
  h <- model %>% fit(ds, epochs = 1, verbose = 0)
  expect_true(is.finite(h$metrics$loss))
})

test_that("named-list targets feed multi-output models by output name", {
  set_random_seed(2)
  inp <- layer_input(shape = 3)
  reg <- inp %>% layer_dense(units = 1, name = "reg")
  cls <- inp %>% layer_dense(units = 2, activation = "softmax", name = "cls")
  model <- keras_model(inp, list(reg = reg, cls = cls))
  model %>% compile(optimizer = "sgd", loss = list(reg = "mse", cls = "sparse_categorical_crossentropy"))
  n <- 16
  xs <- matrix(runif(n * 3), n)
  ds <- tensor_slices_dataset(list(xs, list(reg = runif(n), cls = rep(0:1, n / 2)))) %>% dataset_batch(8)
  h <- model %>% fit(ds, epochs = 2, verbose = 0)
  expect_length(h$metrics$loss, 2L)
  expect_true(all(c("reg_loss", "cls_loss") %in% names(h$metrics)))
})

test_that("steps_per_epoch continues through a finite dataset across epochs", {
  # a model that always predicts 0 and never learns: each epoch's MSE shows
  # which batches it saw (batch k has y = k)
  model <- keras_model_sequential(input_shape = 1) %>%
    layer_dense(units = 1, kernel_initializer = "zeros", bias_initializer = "zeros")
  model %>% compile(optimizer = optimizer_sgd(learning_rate = 0), loss = "mse")
  ds <- tensor_slices_dataset(list(matrix(0, 6, 1), as.numeric(1:6))) %>% dataset_batch(1)
  h <- model %>% fit(ds, epochs = 3, steps_per_epoch = 2, verbose = 0)
  expect_equal(h$metrics$loss, c(mean(c(1, 4)), mean(c(9, 16)), mean(c(25, 36))), tolerance = 1e-6)
})

test_that("dataset_shuffle() with a buffer size below 1 is an error naming buffer_size", {
  skip_if_no_core()
  ds <- tensor_slices_dataset(1:10)
  expect_error(dataset_shuffle(ds, -5), class = "kerasbridge_argument_error", regexp = "buffer_size.*>= 1")
  expect_error(dataset_shuffle(ds, 0), class = "kerasbridge_argument_error", regexp = "buffer_size")
})
