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
