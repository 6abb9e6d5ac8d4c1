skip_if_no_core()

num <- function(ds) vapply(dataset_collect(ds), function(x) as.numeric(as.array(x)), 0)

test_that("dataset_scan(), dataset_take_while(), dataset_unique(), dataset_rebatch()", {
  ds <- range_dataset(to = 5) %>%
    dataset_scan(tf$constant(0L, dtype = "int64"), function(state, x) list(state + x, state + x))
  expect_identical(num(ds), c(0, 1, 3, 6, 10))
  expect_identical(num(range_dataset(to = 10) %>% dataset_take_while(function(x) x < 4L)), c(0, 1, 2, 3))
  expect_identical(num(tensor_slices_dataset(c(3L, 1L, 3L, 2L, 1L)) %>% dataset_unique()), c(3, 1, 2))
  rb <- range_dataset(to = 6) %>% dataset_batch(4) %>% dataset_rebatch(2)
  expect_identical(lengths(lapply(dataset_collect(rb), as.array)), c(2L, 2L, 2L))
  expect_error(range_dataset(to = 3) %>% dataset_scan(0, function(s, x) s), "list\\(new_state, output\\)",
               class = "kerasbridge_error")
})

test_that("grouping, bucketing, resampling, shuffle-and-repeat, snapshot, prefetch to device", {
  g <- range_dataset(to = 10) %>%
    dataset_group_by_window(function(x) x %% 2L, function(key, w) dataset_batch(w, 5), window_size = 5)
  got <- lapply(dataset_collect(g), function(b) as.numeric(as.array(b)))
  expect_identical(got, list(c(0, 2, 4, 6, 8), c(1, 3, 5, 7, 9)))
  # sequences of lengths 1..6: lengths < 4 in one bucket, the others in the second
  b <- range_dataset(from = 1, to = 7) %>% dataset_map(function(n) tf$ones(list(n)))
  bb <- b %>% dataset_bucket_by_sequence_length(function(x) tf$shape(x)[1], bucket_boundaries = c(4),
                                                 bucket_batch_sizes = c(3, 3))
  dims <- lapply(dataset_collect(bb), function(x) dim(as.array(x)))
  expect_identical(dims, list(c(3L, 3L), c(3L, 6L)))
  rs <- tensor_slices_dataset(c(rep(0L, 70), rep(1L, 30))) %>% dataset_repeat() %>%
    dataset_rejection_resample(function(x) x, target_dist = c(0.5, 0.5), initial_dist = c(0.7, 0.3), seed = 1) %>%
    dataset_take(400)
  cls <- vapply(dataset_collect(rs), function(el) as.numeric(el[[1]]), 0)
  expect_gt(mean(cls), 0.35)
  expect_lt(mean(cls), 0.65)
  sr <- range_dataset(to = 4) %>% dataset_shuffle_and_repeat(buffer_size = 4, count = 2, seed = 1)
  expect_identical(sort(num(sr)), c(0, 0, 1, 1, 2, 2, 3, 3))
  snap <- file.path(tempdir(), "snap")
  expect_identical(num(range_dataset(to = 3) %>% dataset_snapshot(snap)), c(0, 1, 2))
  expect_true(dir.exists(snap))
  expect_identical(num(range_dataset(to = 3) %>% dataset_prefetch_to_device("/cpu:0")), c(0, 1, 2))
})

test_that("dataset_prepare() stacks features and splits the response", {
  df <- data.frame(a = c(1, 2, 3, 4), b = c(5, 6, 7, 8), y = c(0, 1, 0, 1))
  el <- tensor_slices_dataset(df) %>% dataset_prepare(y ~ ., batch_size = 2) %>% as_iterator() %>% iter_next()
  expect_identical(names(el), c("x", "y"))
  expect_equal(as.array(el$x), cbind(c(1, 2), c(5, 6)))
  expect_equal(as.numeric(el$y), c(0, 1))
  el2 <- tensor_slices_dataset(df) %>% dataset_prepare(x = c("b"), y = "y", named_features = TRUE, named = FALSE) %>%
    as_iterator() %>% iter_next()
  expect_identical(names(el2[[1]]), "b")
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(1)
  model %>% compile(loss = "mse", optimizer = "sgd")
  h <- model %>% fit(tensor_slices_dataset(df) %>% dataset_prepare(y ~ ., batch_size = 2, named = FALSE),
                     epochs = 2, verbose = 0)
  expect_length(h$metrics$loss, 2)
})

test_that("dataset_prepare() selects columns the tidyselect way", {
  df <- data.frame(a = c(1, 2, 3, 4), b = c(5, 6, 7, 8), s = c(1, 1, 2, 2), y = c(0, 1, 0, 1))
  ds <- tensor_slices_dataset(df) %>% dataset_batch(2)
  first <- function(d) d %>% as_iterator() %>% iter_next()
  el <- first(dataset_prepare(ds, x = c(a, b), y = y, named_features = TRUE))
  expect_identical(names(el$x), c("a", "b"))
  el <- first(dataset_prepare(ds, x = -y, y = y, named_features = TRUE))
  expect_identical(names(el$x), c("a", "b", "s"))  # -y: all but y
  nm <- c("b", "a")
  el <- first(dataset_prepare(ds, x = !!nm, named_features = TRUE))
  expect_identical(names(el$x), c("b", "a"))
  expect_null(el$y)
  el <- first(dataset_prepare(ds, x = starts_with("a"), y = y, named = FALSE))
  expect_null(names(el))
  expect_error(dataset_prepare(ds, x = c(a, nope)), "nope")
})

test_that("choose/sample from datasets, random integers, sparse slices, output shapes/types", {
  a <- tensor_slices_dataset(c(1, 1, 1)); b <- tensor_slices_dataset(c(2, 2, 2))
  choice <- range_dataset(to = 4) %>% dataset_map(function(i) i %% 2L)
  expect_identical(num(choose_from_datasets(list(a, b), choice)), c(1, 2, 1, 2))
  s <- num(sample_from_datasets(list(a, b), weights = c(0.5, 0.5), seed = 1))
  expect_identical(sort(s), c(1, 1, 1, 2, 2, 2))
  r <- random_integer_dataset(seed = 3) %>% dataset_take(3) %>% dataset_collect()
  expect_length(r, 3)
  expect_identical(r[[1]]$dtype$name, "int64")
  st <- tf$SparseTensor(indices = list(c(0L, 0L), c(2L, 1L)), values = c(1, 2), dense_shape = c(3L, 2L))
  sp <- sparse_tensor_slices_dataset(st)
  expect_length(dataset_collect(sp), 3)
  expect_identical(as_tf_dataset(a), a)
  expect_error(as_tf_dataset(1:3), "dataset", class = "kerasbridge_error")
  ds <- tensor_slices_dataset(list(x = matrix(1, 4, 3), y = c(1, 2, 3, 4)))
  expect_identical(as.integer(output_shapes(ds)$x$as_list()), 3L)
  expect_identical(output_types(ds)$y$name, "float32")
})

test_that("record files: TFRecord, fixed-length, delimited text with a record spec, read_files(), SQLite", {
  rec <- tempfile(fileext = ".tfrecord")
  w <- tf$io$TFRecordWriter(rec)
  w$write("one"); w$write("two"); w$close()
  got <- vapply(dataset_collect(tfrecord_dataset(rec)), function(x) as.character(x$numpy()), "")
  expect_identical(got, c("one", "two"))
  bin <- tempfile()
  writeBin(as.raw(1:12), bin)
  expect_length(dataset_collect(fixed_length_record_dataset(bin, record_bytes = 4)), 3)
  csv <- tempfile(fileext = ".csv")
  writeLines(c("x,y,s", "1,2.5,a", "3,4.5,b"), csv)
  spec <- csv_record_spec(csv)
  expect_identical(spec$names, c("x", "y", "s"))
  expect_identical(spec$types, c("integer", "double", "character"))
  rows <- text_line_dataset(csv, record_spec = spec) %>% dataset_collect()
  expect_length(rows, 2)
  expect_identical(as.integer(rows[[2]]$x), 3L)
  expect_equal(as.numeric(rows[[2]]$y), 4.5)
  tsv <- tempfile(fileext = ".tsv")
  writeLines(c("1\ta", "2\tb"), tsv)
  ts <- tsv_record_spec(tsv, names = c("n", "l"), types = "ic")
  el <- text_line_dataset(tsv) %>% dataset_decode_delim(ts) %>% dataset_collect()
  expect_identical(as.character(el[[2]]$l$numpy()$decode()), "b")
  both <- read_files(c(csv, csv), text_line_dataset, record_spec = spec)
  expect_identical(length(dataset_collect(both)), 4L)
  db <- tempfile(fileext = ".sqlite")
  ok <- tryCatch({
    con <- reticulate::import("sqlite3")$connect(db)
    con$execute("CREATE TABLE t (a INTEGER, b REAL, c TEXT)")
    con$execute("INSERT INTO t VALUES (1, 0.5, 'x'), (2, 1.5, 'y')")
    con$commit(); con$close(); TRUE
  }, error = function(e) FALSE)
  skip_if_not(ok, "Python's sqlite3 is not available")
  sq <- sqlite_dataset(db, "SELECT a, b, c FROM t", sql_record_spec(c("a", "b", "c"), c("integer", "double", "character")))
  rows <- dataset_collect(sq)
  expect_length(rows, 2)
  expect_identical(as.integer(rows[[2]]$a), 2L)
  expect_equal(as.numeric(rows[[2]]$b), 1.5)
})

test_that("tfdatasets details: as.array(dataset), break in until_out_of_range, record types, tensor file names", {
  x <- array(as.numeric(1:20), c(4, 5))
  ds <- tensor_slices_dataset(x) %>% dataset_batch(4)
  expect_equal(as.array(ds), x)
  expect_equal(as.array(as_tensor(ds)), x)
  n <- 0
  until_out_of_range({
    n <- n + 1
    if (n == 3) break
  })
  expect_equal(n, 3)
  f <- tempfile(fileext = ".csv")
  writeLines(c("a,b", "1,x", "2,y"), f)
  spec <- csv_record_spec(f, defaults = list(0, ""))
  expect_identical(spec$types, c("double", "character"))
  spec2 <- csv_record_spec(f, names = c("a", "b"), defaults = list(0L, ""))  # no preview needed
  expect_identical(spec2$types, c("integer", "character"))
  expect_identical(sql_record_spec(c("a", "b"), c(tf$float64, tf$int32))$types, c("double", "integer"))
  expect_identical(column_names(tensor_slices_dataset(data.frame(a = 1, b = 2))), c("a", "b"))
  lines <- file_list_dataset(f) %>%
    dataset_interleave(function(file) text_line_dataset(file), cycle_length = 1) %>%
    as_array_iterator() %>% iterate()
  expect_length(lines, 3)
})
