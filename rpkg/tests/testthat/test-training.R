test_that("fit/evaluate/predict return R values", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(60 * 8), 60, 8)
  y <- sample(0:2, 60, replace = TRUE)
  history <- model %>% fit(x, y, epochs = 2, batch_size = 16, validation_split = 0.2, verbose = 0)
  expect_s3_class(history, "keras_training_history")
  expect_named(history$metrics, c("loss", "accuracy", "val_loss", "val_accuracy"))
  expect_length(history$metrics$loss, 2)
  expect_equal(history$params$epochs, 2)
  ev <- model %>% evaluate(x, y, verbose = 0)
  expect_type(ev, "double")
  expect_named(ev, c("loss", "accuracy"))
  p <- model %>% predict(x, verbose = 0)
  expect_true(is.array(p) || is.matrix(p))
  expect_equal(dim(p), c(60, 3))
  expect_equal(rowSums(p), rep(1, 60), tolerance = 1e-5)
  expect_equal(predict_classes(model, x), max.col(p, ties.method = "first") - 1L)
})

test_that("fit takes the R keras 2.x arguments", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(40 * 8), 40, 8)
  y <- rep(0:1, 20)
  xv <- matrix(runif(10 * 8), 10, 8); yv <- rep(0:1, 5)
  h <- model %>% fit(x, y, epochs = 3, batch_size = 8, verbose = 0, shuffle = FALSE,
                     validation_data = list(xv, yv, rep(1, 10)),
                     sample_weight = rep(1, 40), initial_epoch = 1)
  expect_length(h$metrics$loss, 2)  # epochs 2 and 3
  expect_true("val_loss" %in% names(h$metrics))
  h2 <- model %>% fit(x, y, epochs = 1, verbose = 0, class_weight = c(1, 3), steps_per_epoch = 2, batch_size = 8)
  expect_length(h2$metrics$loss, 1)
  expect_equal(h2$params$steps, 2)
  h3 <- model %>% fit(x, y, epochs = 1, verbose = 0, class_weight = list("0" = 1, "1" = 2))
  expect_length(h3$metrics$loss, 1)
  expect_error(model %>% fit(x, y, epochs = 1, verbose = 0, class_weight = list(a = 1)),
               class = "kerasbridge_argument_error")
})

test_that("factors and data frames are converted", {
  skip_if_no_core()
  model <- small_mlp(n_in = 2)
  df <- data.frame(a = runif(30), b = runif(30))
  y <- factor(sample(c("lo", "mid", "hi"), 30, TRUE), levels = c("lo", "mid", "hi"))
  x <- as.matrix(df)
  h <- model %>% fit(x, y, epochs = 1, verbose = 0)
  expect_length(h$metrics$loss, 1)
})

test_that("history prints, converts to a data frame and plots", {
  skip_if_no_core()
  model <- small_mlp()
  h <- model %>% fit(matrix(runif(80), 10, 8), 0:9 %% 3, epochs = 2, validation_split = 0.2, verbose = 0)
  out <- capture.output(print(h))
  expect_true(any(grepl("Final epoch (plot to see history):", out, fixed = TRUE)))
  expect_true(any(grepl("^ +loss: [0-9.]+$", out)))
  df <- as.data.frame(h)
  expect_named(df, c("epoch", "value", "metric", "data"))
  expect_equal(nrow(df), 2 * 4)
  expect_equal(levels(df$data), c("training", "validation"))
  expect_equal(levels(df$metric), c("loss", "accuracy"))
  f <- tempfile(fileext = ".png")
  png(f); p <- plot(h); print(p); dev.off()
  expect_true(file.exists(f) && file.size(f) > 1000)
  png(f); plot(h, method = "base"); dev.off()
  expect_true(file.size(f) > 1000)
})

test_that("compile accepts strings, vectors, objects, R functions and NULL", {
  skip_if_no_core()
  model <- small_mlp()
  model %>% compile(optimizer = optimizer_adam(learning_rate = 0.01), loss = loss_sparse_categorical_crossentropy,
                    metrics = c("accuracy", "sparse_categorical_crossentropy"))
  h <- model %>% fit(matrix(runif(80), 10, 8), 0:9 %% 3, epochs = 1, verbose = 0)
  expect_named(h$metrics, c("loss", "accuracy", "sparse_categorical_crossentropy"))
  # Keras 2's lr/decay are R deprecation warnings (test-warnings.R); nothing else warns
  expect_warning(suppressWarnings(model %>% compile(optimizer = optimizer_sgd(lr = 0.1, decay = 1e-4), loss = "sparse_categorical_crossentropy"),
                                  classes = "kerasbridge_deprecated_warning"), NA)
  opt <- suppressWarnings(optimizer_sgd(lr = 0.1, decay = 1e-4), classes = "kerasbridge_deprecated_warning")
  expect_true(grepl("InverseTimeDecay", class(opt$learning_rate)[1]) ||
              inherits(opt$learning_rate, "python.builtin.object"))
})

test_that("weights, layers and seeds", {
  skip_if_no_core()
  model <- small_mlp()
  expect_equal(count_params(model), 8 * 8 + 8 + 8 * 3 + 3)
  w <- get_weights(model)
  expect_length(w, 4)
  expect_equal(dim(w[[1]]), c(8, 8))
  w[[1]][] <- 0
  set_weights(model, w)
  expect_equal(sum(abs(get_weights(model)[[1]])), 0)
  expect_equal(get_layer(model, index = 1)$units, 8L)
  expect_identical(get_layer(model, name = get_layer(model, index = 2)$name)$units, 3L)
  expect_length(model$layers, 2)
  a <- small_mlp(seed = 5); b <- small_mlp(seed = 5)
  expect_equal(get_weights(a), get_weights(b))
})

test_that("to_categorical makes one-hot matrices", {
  skip_if_no_core()
  m <- to_categorical(c(0, 2, 1), 3)
  expect_equal(m, rbind(c(1, 0, 0), c(0, 0, 1), c(0, 1, 0)))
  expect_error(to_categorical(c(1, 2, 3), 3), class = "kerasbridge_label_range_error")
})

test_that("save and load keep predictions", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(16), 2, 8)
  f <- tempfile(fileext = ".keras")
  save_model(model, f)
  expect_true(file.exists(f))
  m2 <- load_model(f)
  expect_equal(predict(m2, x, verbose = 0), predict(model, x, verbose = 0))
  h5 <- tempfile(fileext = ".h5")
  save_model_hdf5(model, h5)
  expect_equal(predict(load_model_hdf5(h5), x, verbose = 0), predict(model, x, verbose = 0))
})

test_that("callbacks: early stopping and checkpoints write files", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(400), 50, 8); y <- sample(0:2, 50, TRUE)
  dir <- tempfile(); f <- file.path(dir, "best.keras")
  h <- model %>% fit(x, y, epochs = 30, verbose = 0, validation_split = 0.2,
                     callbacks = list(callback_early_stopping(monitor = "loss", patience = 0, min_delta = 10),
                                      callback_model_checkpoint(f, save_best_only = TRUE)))
  expect_lt(length(h$metrics$loss), 30)
  expect_true(file.exists(f))
  seen <- integer()
  cb <- callback_lambda(on_epoch_end = function(epoch, logs) seen <<- c(seen, epoch))
  model %>% fit(x, y, epochs = 2, verbose = 0, callbacks = cb)
  expect_equal(seen, 0:1)
})

test_that("evaluate() results work as a vector and with $", {
  skip_if_no_core()
  model <- small_mlp()
  model %>% compile(optimizer = "rmsprop", loss = "sparse_categorical_crossentropy", metrics = "acc")
  x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  h <- model %>% fit(x, y, epochs = 1, verbose = 0)
  expect_named(h$metrics, c("loss", "acc"))
  score <- model %>% evaluate(x, y, verbose = 0)
  expect_equal(score$acc, score[["acc"]])
  expect_equal(unname(score[1]), score$loss)
  expect_null(score$nothing)
  expect_output(print(score), "loss")
  expect_true(is.numeric(score) && length(score) == 2)
})

test_that("JSON round trip and clone_model", {
  skip_if_no_core()
  model <- small_mlp()
  json <- model_to_json(model)
  expect_type(json, "character")
  m2 <- model_from_json(json)
  expect_equal(count_params(m2), count_params(model))
  m3 <- clone_model(model)
  expect_equal(length(m3$layers), length(model$layers))
})

test_that("compile takes NULL losses for outputs without one", {
  skip_if_no_core()
  set_random_seed(1)
  inp <- layer_input(shape = c(4), name = "inp")
  a <- inp %>% layer_dense(units = 2, name = "a")
  b <- inp %>% layer_dense(units = 1, name = "b")
  m <- keras_model(inp, list(a = a, b = b))
  m %>% compile(optimizer = "sgd", loss = list(a = "mse", b = NULL))
  x <- matrix(runif(40), 10, 4)
  before_b <- get_weights(get_layer(m, name = "b"))
  suppressWarnings(h <- m %>% fit(x, list(a = matrix(runif(20), 10, 2)), epochs = 1, verbose = 0))
  expect_named(h$metrics, "loss")
  expect_equal(get_weights(get_layer(m, name = "b")), before_b)  # no loss, no gradient
})

test_that("fit() returns the history invisibly, as R keras 2.x", {
  skip_if_no_core()
  model <- small_mlp()
  res <- withVisible(model %>% fit(matrix(runif(80), 10, 8), 0:9 %% 3, epochs = 1, verbose = 0))
  expect_false(res$visible)
  expect_s3_class(res$value, "keras_training_history")
})

test_that("a failed fit() leaves the model as it was: the next fit() gives a fresh model's numbers (issue 8)", {
  skip_if_no_core()
  x <- matrix(runif(80), 20, 4); y <- rep(0:2, length.out = 20)
  fresh <- function() {
    set_random_seed(1)
    m <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 3, activation = "softmax")
    m %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
    m
  }
  ref <- fresh()
  ref %>% fit(x, y, epochs = 2, batch_size = 5, shuffle = FALSE, verbose = 0)
  boom <- callback_lambda(on_epoch_end = function(epoch, logs) if (epoch == 1) stop("boom"))
  triggers <- list(
    missing_y = function(m) fit(m, x, verbose = 0),
    y_extra_columns = function(m) fit(m, x, cbind(y, y), verbose = 0),
    unbatched_dataset = function(m) fit(m, tensor_slices_dataset(list(x, y)), verbose = 0),
    string_dataset = function(m) fit(m, tensor_slices_dataset(list(rep("a", 20), y)) %>% dataset_batch(5), verbose = 0),
    wrong_shape_dataset = function(m) fit(m, tensor_slices_dataset(list(matrix(runif(100), 20, 5), y)) %>% dataset_batch(5), verbose = 0),
    callback_after_training = function(m) fit(m, x, y, epochs = 3, shuffle = FALSE, verbose = 0, callbacks = list(boom)),
    evaluate_string_labels = function(m) evaluate(m, tensor_slices_dataset(list(x, rep("a", 20))) %>% dataset_batch(5), verbose = 0),
    predict_wrong_shape = function(m) predict(m, matrix(runif(20), 4, 5), verbose = 0))
  for (name in names(triggers)) {
    m <- fresh()
    w0 <- get_weights(m)
    expect_error(triggers[[name]](m), class = "kerasbridge_error", info = name)
    expect_identical(get_weights(m), w0, info = name)
    m %>% fit(x, y, epochs = 2, batch_size = 5, shuffle = FALSE, verbose = 0)
    expect_identical(get_weights(m), get_weights(ref), info = name)
  }
})

test_that("Inf is an error unless allowed; predict() on 0 rows is empty; dgCMatrix works (issue 8)", {
  skip_if_no_core()
  model <- small_mlp(n_in = 4)
  x <- matrix(runif(80), 20, 4); y <- rep(0:2, length.out = 20)
  xi <- x; xi[2, 2] <- Inf
  expect_error(fit(model, xi, y, verbose = 0), "allow_inf = TRUE", class = "kerasbridge_missing_value_error")
  expect_equal(dim(predict(model, xi, verbose = 0, allow_inf = TRUE)), c(20, 3))
  withr::with_options(list(kerasbridge.allow_inf = TRUE), expect_equal(dim(predict(model, xi, verbose = 0)), c(20, 3)))
  expect_equal(dim(predict(model, x[0, , drop = FALSE], verbose = 0)), c(0, 3))
  df <- as.data.frame(x)
  expect_equal(predict(model, df, verbose = 0), predict(model, x, verbose = 0))
  sx <- Matrix::Matrix(x * (x > 0.5), sparse = TRUE)
  expect_equal(predict(model, sx, verbose = 0), predict(model, as.matrix(sx), verbose = 0), tolerance = 1e-6)
  expect_s3_class(fit(model, sx, y, epochs = 1, verbose = 0), "keras_training_history")
})

test_that("saving is atomic and a bad model file says what is wrong (issue 8)", {
  skip_if_no_core()
  model <- small_mlp(n_in = 4)
  d <- withr::local_tempdir()
  f <- file.path(d, "m.keras")
  save_model(model, f)
  expect_identical(list.files(d, all.files = TRUE, no.. = TRUE), "m.keras")  # no temporary file left
  expect_error(save_model(model, f, overwrite = FALSE), "already exists", class = "kerasbridge_model_file_error")
  b <- readBin(f, "raw", file.size(f))
  writeBin(b[seq_len(length(b) %/% 2)], f)
  expect_error(load_model(f), "not a valid .keras file", class = "kerasbridge_model_file_error")
  cb <- callback_backup_and_restore(backup_dir = file.path(d, "backup"))
  expect_true(inherits(cb, "keras.src.callbacks.backup_and_restore.BackupAndRestore"))
})

test_that("the *_on_batch calls from R give Keras' own numbers (compiled step called directly)", {
  skip_if_no_core()
  a <- small_mlp(); b <- small_mlp()
  np <- reticulate::import("numpy", convert = FALSE)
  x <- matrix(runif(5 * 8), 5, 8); y <- c(0L, 1L, 2L, 1L, 0L)
  px <- np$array(x, dtype = "float32"); py <- np$array(y)
  for (i in 1:2) {
    got <- train_on_batch(a, x, y)
    want <- b$train_on_batch(px, py, return_dict = TRUE)
    expect_identical(as.list(unclass(got)), want[names(got)])
    got <- test_on_batch(a, x, y)
    want <- b$test_on_batch(px, py, return_dict = TRUE)
    expect_identical(as.list(unclass(got)), want[names(got)])
  }
  expect_identical(get_weights(a), get_weights(b))
  expect_identical(predict_on_batch(a, x), b$predict_on_batch(px))
  expect_identical(kerasbridge:::py_arg(1), 1)  # only Python objects lose their class
})

test_that("epochs = NA is an error naming epochs", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(32), 4, 8)
  expect_error(fit(model, x, c(0, 1, 2, 0), epochs = NA, verbose = 0),
               class = "kerasbridge_missing_value_error", regexp = "`epochs` must be a whole number, not NA")
})

test_that("a model built on named lists takes data named by those lists' names, as in R keras 2.x", {
  skip_if_no_core()
  inputs <- list(b = layer_input(2, name = "b_layer"), a = layer_input(1, name = "a_layer"))
  outputs <- list(ob = inputs$b %>% layer_dense(3, name = "ob_layer"),
                  oa = inputs$a %>% layer_dense(4, name = "oa_layer"))
  expect_no_warning(model <- keras_model(inputs, outputs))  # Keras 3 warns: names are not the layers'
  model %>% compile(loss = "mse", optimizer = "sgd")
  x <- list(a = matrix(runif(10), 10, 1), b = matrix(runif(20), 10, 2))
  y <- list(oa = matrix(runif(40), 10, 4), ob = matrix(runif(30), 10, 3))
  expect_length(fit(model, x, y, epochs = 1, verbose = 0)$metrics$loss, 1)
  p <- predict(model, x, verbose = 0)
  expect_setequal(names(p), c("oa", "ob"))
  expect_equal(dim(p$ob), c(10, 3))
  # unnamed inputs follow model$inputs; unnamed targets are refused (their order is ambiguous)
  expect_equal(predict(model, unname(x), verbose = 0)$oa, p$oa, tolerance = 1e-6)
  expect_error(fit(model, x, unname(y), epochs = 1, verbose = 0), "must be a named list", class = "kerasbridge_input_name_error")
  expect_error(predict(model, list(a_layer = x$a, b_layer = x$b), verbose = 0), class = "kerasbridge_input_name_error")
  # fit()'s arguments given to evaluate() are ignored, as R keras 2.x's `...` was
  ev <- suppressWarnings(evaluate(model, x, y, epochs = 1, verbose = 0))  # warned once a session (tests/test_legacy_training_args.py)
  expect_true("loss" %in% names(ev))
})
