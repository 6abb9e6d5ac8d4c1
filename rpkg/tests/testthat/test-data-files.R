skip_if_no_core()

test_that("text_line_dataset() and file_list_dataset() read files", {
  dir <- file.path(tempdir(), "kb-text")
  dir.create(dir, showWarnings = FALSE)
  writeLines(c("first line", "second", "3"), file.path(dir, "a.txt"))
  writeLines(c("b1", "b2"), file.path(dir, "b.txt"))
  lines <- iterate(text_line_dataset(file.path(dir, "a.txt")), as.array)
  expect_identical(lines, c("first line", "second", "3"))
  both <- iterate(text_line_dataset(file.path(dir, "*.txt")), as.array)
  expect_identical(both, c("first line", "second", "3", "b1", "b2"))
  gz <- gzfile(file.path(dir, "c.txt.gz"), "w")
  writeLines(c("zipped", "lines"), gz)
  close(gz)
  expect_identical(iterate(text_line_dataset(file.path(dir, "c.txt.gz"), compression_type = "GZIP"), as.array),
                   c("zipped", "lines"))
  expect_identical(iterate(text_line_dataset(file.path(dir, "c.txt.gz"), compression_type = "auto"), as.array),
                   c("zipped", "lines"))
  files <- iterate(file_list_dataset(file.path(dir, "*.txt"), shuffle = FALSE), as.array)
  expect_identical(basename(files), c("a.txt", "b.txt"))
  shuffled <- iterate(file_list_dataset(file.path(dir, "*.txt"), seed = 1), as.array)
  expect_setequal(basename(shuffled), c("a.txt", "b.txt"))
  expect_error(text_line_dataset(file.path(dir, "nothing-*.txt")), "No file matches",
               class = "kerasbridge_argument_error")
  expect_error(text_line_dataset(42), "file names", class = "kerasbridge_argument_error")
})

csv_file <- function() {
  path <- file.path(tempdir(), "kb-small.csv")
  df <- data.frame(x1 = c(0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.15, 0.85),
                   x2 = c(1.0, 0.0, 0.9, 0.1, 0.8, 0.2, 0.95, 0.05),
                   name = c("a", "b", "c", "d", "e", "f", "g", "h"),
                   label = c(0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L))
  utils::write.csv(df, path, row.names = FALSE)
  list(path = path, df = df)
}

test_that("make_csv_dataset() gives named-list batches of columns, label separate", {
  f <- csv_file()
  ds <- make_csv_dataset(f$path, batch_size = 4, label_name = "label", num_epochs = 1, shuffle = FALSE)
  batches <- dataset_collect(ds)
  expect_length(batches, 2L)
  c(features, label) %<-% batches[[1]]
  expect_setequal(names(features), c("x1", "x2", "name"))
  expect_equal(as.numeric(features$x1), f$df$x1[1:4], tolerance = 1e-6)
  expect_identical(features$x1$dtype$name, "float32")
  expect_identical(as.vector(as.array(features$name)), f$df$name[1:4])
  expect_identical(as.integer(label), f$df$label[1:4])
  # no label: one named list; select_columns by name
  el <- iter_next(as_iterator(make_csv_dataset(f$path, 8, select_columns = c("x2", "label"), num_epochs = 1,
                                               shuffle = FALSE)))
  expect_setequal(names(el), c("x2", "label"))
  expect_identical(as.integer(el$label), f$df$label)
  # integer select_columns are 0-based (tfdatasets passes them to TensorFlow)
  el <- iter_next(as_iterator(make_csv_dataset(f$path, 8, select_columns = 0L, num_epochs = 1, shuffle = FALSE)))
  expect_named(el, "x1")
  # num_epochs = NULL repeats forever
  expect_identical(length(make_csv_dataset(f$path, 4, num_epochs = NULL)), Inf)
  expect_error(make_csv_dataset(file.path(tempdir(), "no-such-*.csv"), 4), "No file matches",
               class = "kerasbridge_argument_error")
})

test_that("fit() trains on a make_csv_dataset() pipeline", {
  f <- csv_file()
  ds <- make_csv_dataset(f$path, batch_size = 4, label_name = "label", select_columns = c("x1", "x2", "label"),
                         num_epochs = 1, shuffle = TRUE, shuffle_seed = 1) %>%
    dataset_map(function(features, label) list(tf$stack(list(features$x1, features$x2), axis = 1L), label))
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 2, activation = "softmax")
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  h <- model %>% fit(ds, epochs = 3, verbose = 0)
  expect_length(h$metrics$loss, 3L)
  expect_true(all(is.finite(h$metrics$loss)))
  # a repeated (num_epochs = NULL) pipeline with steps_per_epoch
  rep_ds <- make_csv_dataset(f$path, batch_size = 4, label_name = "label", select_columns = c("x1", "x2", "label")) %>%
    dataset_map(function(features, label) list(tf$stack(list(features$x1, features$x2), axis = 1L), label))
  h <- model %>% fit(rep_ds, epochs = 2, steps_per_epoch = 3, verbose = 0)
  expect_length(h$metrics$loss, 2L)
  p <- predict(model, ds %>% dataset_map(function(x, y) x), verbose = 0)
  expect_identical(dim(p), c(8L, 2L))
})

test_that("image_dataset_from_directory reads class folders of PNGs and fit() trains on it", {
  skip_if_no_core()
  root <- tempfile("imgs")
  for (cls in c("dark", "light")) {
    dir.create(file.path(root, cls), recursive = TRUE)
    for (i in 1:4) {
      png(file.path(root, cls, sprintf("%d.png", i)), width = 16, height = 16)
      par(mar = c(0, 0, 0, 0)); plot.new()
      rect(0, 0, 1, 1, col = if (cls == "dark") "black" else "white", border = NA)
      dev.off()
    }
  }
  ds <- image_dataset_from_directory(root, image_size = c(8, 8), batch_size = 4, seed = 1)
  batch <- iter_next(as_iterator(ds))
  expect_equal(dim(batch[[1]]), c(4L, 8L, 8L, 3L))
  expect_equal(ds$class_names, c("dark", "light"))
  model <- keras_model_sequential(input_shape = c(8, 8, 3)) %>%
    layer_rescaling(1 / 255) %>% layer_flatten() %>% layer_dense(units = 1, activation = "sigmoid")
  model %>% compile(optimizer = "adam", loss = "binary_crossentropy", metrics = "accuracy")
  h <- model %>% fit(ds, epochs = 2, verbose = 0)
  expect_length(h$metrics$loss, 2)
  expect_error(image_dataset_from_directory(file.path(root, "nope")), class = "kerasbridge_argument_error")
})

test_that("text_dataset_from_directory reads class folders of text files", {
  skip_if_no_core()
  root <- tempfile("texts")
  for (cls in c("neg", "pos")) {
    dir.create(file.path(root, cls), recursive = TRUE)
    for (i in 1:3) writeLines(paste(cls, "review", i), file.path(root, cls, sprintf("%d.txt", i)))
  }
  ds <- text_dataset_from_directory(root, batch_size = 6, seed = 2)
  batch <- iter_next(as_iterator(ds))
  expect_equal(length(as.array(batch[[2]])), 6)
  expect_setequal(as.integer(as.array(batch[[2]])), c(0L, 0L, 0L, 1L, 1L, 1L))
})

test_that("audio_dataset_from_directory() and split_dataset()", {
  skip_if_no_core()
  root <- tempfile("audio")
  for (cls in c("a", "b")) dir.create(file.path(root, cls), recursive = TRUE)
  reticulate::py_run_string(sprintf('
import wave, struct, os
for cls in ("a", "b"):
    for i in range(2):
        with wave.open(os.path.join(%s, cls, f"{i}.wav"), "wb") as w:
            w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
            w.writeframes(struct.pack("<100h", *range(100)))
', encodeString(root, quote = '"')))
  ds <- audio_dataset_from_directory(root, batch_size = 2, output_sequence_length = 100)
  b <- iterate(ds)[[1]]
  expect_equal(dim(as.array(b[[1]])), c(2L, 100L, 1L))
  parts <- split_dataset(matrix(as.numeric(1:20), 10), left_size = 0.8)
  expect_length(parts, 2)
  expect_length(iterate(parts[[1]]), 8)
  expect_length(iterate(parts[[2]]), 2)
  expect_error(split_dataset(matrix(1, 4, 1), left_size = -1), "left_size", class = "kerasbridge_argument_error")
})
