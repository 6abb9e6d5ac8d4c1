# Saving and loading (R/models.R): a save never changes the model, and every
# file error names the user's file.

regression_model <- function(optimizer = "adam", loss = "mse", metrics = "mae") {
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 2)
  model %>% compile(optimizer = optimizer, loss = loss, metrics = metrics)
  model
}

test_that("save_model_hdf5() leaves the model as it was, and load_model_hdf5() compiles loss = 'mse'", {
  skip_if_no_core()
  model <- regression_model()
  x <- matrix(runif(24), 8, 3)
  y <- matrix(runif(16), 8, 2)
  model %>% fit(x, y, epochs = 2, batch_size = 4, verbose = 0)
  h5 <- tempfile(fileext = ".h5")
  save_model_hdf5(model, h5)
  expect_s3_class(model$optimizer, "keras.src.optimizers.adam.Adam")
  # the issue's data loss: a later .keras save reloaded with RMSprop at step 0
  k <- tempfile(fileext = ".keras")
  save_model(model, k)
  for (reloaded in list(load_model_hdf5(h5), load_model(k))) {
    expect_s3_class(reloaded$optimizer, "keras.src.optimizers.adam.Adam")
    expect_equal(as.integer(reloaded$optimizer$iterations$numpy()), 4L)
    expect_equal(reloaded$loss, "mse")
    expect_equal(predict(reloaded, x, verbose = 0), predict(model, x, verbose = 0))
  }
  # include_optimizer = FALSE: no compile settings in the file, the model loads uncompiled
  h5_bare <- tempfile(fileext = ".h5")
  save_model_hdf5(model, h5_bare, include_optimizer = FALSE)
  expect_false(isTRUE(load_model_hdf5(h5_bare)$compiled))
})

test_that("saving into a folder that does not exist is an error naming the folder", {
  skip_if_no_core()
  model <- regression_model()
  dir <- file.path(tempfile("missing"), "deeper")
  expect_error(save_model(model, file.path(dir, "m.keras")),
               class = "kerasbridge_model_file_error", regexp = "missing.*does not exist")
  expect_false(dir.exists(dir))
  expect_error(save_model_weights_hdf5(model, file.path(dir, "w.weights.h5")), class = "kerasbridge_model_file_error")
  file <- tempfile()
  writeLines("x", file)
  expect_error(save_model(model, file.path(file, "m.keras")),
               class = "kerasbridge_model_file_error", regexp = "is a file, not a folder")
})

test_that("a file that can't be written is named, with the cause, never the temporary name", {
  skip_if_no_core()
  skip_if_not(dir.exists("/proc"))
  model <- regression_model()
  err <- tryCatch(save_model(model, "/proc/m.keras"), error = function(e) e)
  expect_s3_class(err, "kerasbridge_model_file_error")
  expect_match(conditionMessage(err), "/proc/m.keras", fixed = TRUE)
  expect_no_match(conditionMessage(err), "tmp-")
})

test_that("load_model() of a .keras file with a broken config.json or no weights names the file", {
  skip_if_no_core()
  model <- regression_model()
  k <- tempfile(fileext = ".keras")
  save_model(model, k)
  dir <- tempfile("unzipped")
  utils::unzip(k, exdir = dir)
  broken <- tempfile(fileext = ".keras")
  writeLines("{\"class_name\": ", file.path(dir, "config.json"))
  withr::with_dir(dir, utils::zip(broken, c("config.json", "metadata.json", "model.weights.h5"), flags = "-q"))
  expect_error(load_model(broken), class = "kerasbridge_model_file_error",
               regexp = paste0(basename(broken), ".*config.json is not valid JSON"))
  utils::unzip(k, exdir = dir)
  no_weights <- tempfile(fileext = ".keras")
  withr::with_dir(dir, utils::zip(no_weights, c("config.json", "metadata.json"), flags = "-q"))
  expect_error(load_model(no_weights), class = "kerasbridge_model_file_error",
               regexp = paste0(basename(no_weights), ".*holds no weights"))
})

test_that("a custom R loss is saved under its name and found again through custom_objects", {
  skip_if_no_core()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 2, activation = "softmax")
  custom_loss <- function(y_true, y_pred) loss_categorical_crossentropy(y_true, y_pred)
  mean_pred <- custom_metric("mean_pred", function(y_true, y_pred) op_mean(y_pred))
  model %>% compile(optimizer = "nadam", loss = custom_loss, metrics = mean_pred)
  expect_equal(model$loss$`__name__`, "custom_loss")
  h5 <- tempfile(fileext = ".h5")
  save_model_hdf5(model, h5)
  expect_error(load_model_hdf5(h5), class = "kerasbridge_model_file_error", regexp = "custom_objects")
  reloaded <- load_model_hdf5(h5, custom_objects = c(custom_loss = custom_loss, mean_pred = mean_pred))
  x <- matrix(runif(12), 4, 3)
  y <- diag(2)[c(1, 2, 1, 2), ]
  history <- reloaded %>% fit(x, y, epochs = 1, verbose = 0)
  expect_true("mean_pred" %in% names(history$metrics))
})

test_that("freeze_weights() and unfreeze_weights() select layers as R keras 2.x did", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 4)
  for (nm in c("a", "b", "c", "d")) model %>% layer_dense(units = 2, name = nm)
  n_frozen <- function() length(model$non_trainable_weights) / 2
  freeze_weights(model, from = -2)            # the last two layers; the others trainable
  expect_equal(n_frozen(), 2)
  freeze_weights(model, from = 2, to = "c")
  expect_equal(n_frozen(), 2)
  freeze_weights(model, which = ~ .x$name %in% c("a", "d"))
  expect_equal(vapply(model$layers, function(l) l$trainable, TRUE), c(FALSE, TRUE, TRUE, FALSE))
  unfreeze_weights(model, which = c(1, 2))
  expect_equal(vapply(model$layers, function(l) l$trainable, TRUE), c(TRUE, TRUE, FALSE, FALSE))
  unfreeze_weights(model)
  expect_equal(n_frozen(), 0)
  expect_error(freeze_weights(model, from = 1, to = 2, which = 1), class = "kerasbridge_argument_error")
})

test_that("freeze_weights() of a single layer freezes it (the book's pretrained embedding)", {
  skip_if_no_core()
  model <- keras_model_sequential() %>%
    layer_embedding(input_dim = 10, output_dim = 3, input_shape = 4) %>% layer_flatten() %>%
    layer_dense(units = 1)
  embedding <- get_layer(model, index = 1) %>% set_weights(list(matrix(1, 10, 3))) %>% freeze_weights()
  expect_false(embedding$trainable)
  expect_length(model$trainable_weights, 2)
  expect_equal(get_weights(embedding)[[1]], matrix(1, 10, 3))
  unfreeze_weights(embedding)
  expect_length(model$trainable_weights, 3)
  expect_error(freeze_weights(embedding, from = 1), "single layer", class = "kerasbridge_argument_error")
})

test_that("reset_states() takes a layer as well as a model", {
  skip_if_no_core()
  model <- keras_model_sequential() %>%
    layer_lstm(units = 4, input_shape = c(10, 3), batch_size = 8, stateful = TRUE)
  expect_silent(reset_states(model$layers[[1]]))
  expect_silent(reset_states(model))
})

test_that("freeze_weights() after compile(): the model's own train_on_batch() still trains it, a model compiled after does not (Keras 2's GAN recipe)", {
  skip_if_no_core()
  set_random_seed(1)
  disc <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 1)
  disc %>% compile(optimizer = "sgd", loss = "mse")
  gen <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 3)
  freeze_weights(disc)
  z <- layer_input(shape = 2)
  combined <- keras_model(z, disc(gen(z)))
  combined %>% compile(optimizer = "sgd", loss = "mse")
  w <- get_weights(disc)
  train_on_batch(disc, matrix(1, 4, 3), matrix(5, 4, 1))
  expect_false(isTRUE(all.equal(get_weights(disc), w)))
  expect_false(disc$trainable)
  w <- get_weights(disc); wg <- get_weights(gen)
  train_on_batch(combined, matrix(1, 4, 2), matrix(5, 4, 1))
  expect_equal(get_weights(disc), w)
  expect_false(isTRUE(all.equal(get_weights(gen), wg)))
})
