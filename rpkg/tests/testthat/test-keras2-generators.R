test_that("fit_generator pulls batches from an R function, with callbacks and history", {
  skip_if_no_core()
  x <- matrix(runif(64 * 8), 64, 8); y <- sample(0:2, 64, TRUE)
  i <- 0
  gen <- function() {
    rows <- (i %% 4) * 16 + 1:16
    i <<- i + 1
    list(x[rows, ], y[rows])
  }
  model <- small_mlp()
  ends <- integer()
  cb <- callback_lambda(on_epoch_end = function(epoch, logs) ends <<- c(ends, epoch))
  expect_warning(h <- model %>% fit_generator(gen, steps_per_epoch = 4, epochs = 3, verbose = 0, callbacks = list(cb),
                                              validation_data = list(x, y)), "deprecated")
  expect_equal(i, 12)
  expect_equal(ends, 0:2)
  expect_named(h$metrics, c("loss", "accuracy", "val_loss", "val_accuracy"))
  expect_length(h$metrics$loss, 3)
  # the epoch's loss accumulates over its batches as fit() does: after the last
  # epoch, evaluating the same 64 rows gives a close (not identical) number
  expect_true(all(is.finite(h$metrics$loss)))
  h2 <- model %>% fit(gen, steps_per_epoch = 2, epochs = 1, verbose = 0)
  expect_length(h2$metrics$loss, 1)
  expect_warning(ev <- evaluate_generator(model, gen, steps = 2), "deprecated")
  expect_named(ev, c("loss", "accuracy"))
  expect_warning(p <- predict_generator(model, function() x[1:5, ], steps = 2), "deprecated")
  expect_equal(dim(p), c(10, 3))
  expect_error(suppressWarnings(fit_generator(model, gen, steps_per_epoch = NULL)), class = "kerasbridge_argument_error")
})

test_that("predict() and evaluate() take an R generator function with steps, calling their callbacks", {
  skip_if_no_core()
  x <- matrix(runif(16 * 8), 16, 8); y <- rep(0:1, 8)
  model <- small_mlp()
  calls <- character()
  cb <- callback_lambda(on_predict_begin = function(logs) calls <<- c(calls, "predict_begin"),
                        on_predict_end = function(logs) calls <<- c(calls, "predict_end"),
                        on_test_begin = function(logs) calls <<- c(calls, "test_begin"),
                        on_test_end = function(logs) calls <<- c(calls, "test_end"))
  p <- predict(model, function() list(x[1:4, ]), steps = 3, callbacks = list(cb))
  expect_equal(dim(p), c(12, 3))
  expect_equal(p[1:4, ], predict(model, x[1:4, ], verbose = 0), tolerance = 1e-6)
  ev <- evaluate(model, function() list(x, y), steps = 2, callbacks = list(cb))
  expect_named(ev, c("loss", "accuracy"))
  expect_equal(calls, c("predict_begin", "predict_end", "test_begin", "test_end"))
  expect_error(predict(model, function() x), class = "kerasbridge_argument_error")  # steps missing
})

test_that("an epoch of fit_generator equals an epoch of fit on the same batches", {
  skip_if_no_core()
  x <- matrix(runif(32 * 8), 32, 8); y <- sample(0:2, 32, TRUE)
  a <- small_mlp(seed = 9); b <- small_mlp(seed = 9)
  j <- 0
  gen <- function() { rows <- j * 8 + 1:8; j <<- (j + 1) %% 4; list(x[rows, ], y[rows]) }
  ha <- suppressWarnings(a %>% fit_generator(gen, steps_per_epoch = 4, epochs = 2, verbose = 0))
  hb <- b %>% fit(x, y, batch_size = 8, epochs = 2, shuffle = FALSE, verbose = 0)
  expect_equal(ha$metrics$loss, hb$metrics$loss, tolerance = 1e-6)
  expect_equal(get_weights(a), get_weights(b), tolerance = 1e-6)
})

test_that("the *_generator functions take Keras iterators (flow_images_from_data() & co.)", {
  skip_if_no_core()
  x <- array(runif(8 * 4 * 4 * 3), c(8, 4, 4, 3)); y <- rep(0:1, 4)
  it <- flow_images_from_data(x, y, image_data_generator(), batch_size = 4, shuffle = FALSE)
  model <- keras_model_sequential(input_shape = c(4, 4, 3)) %>% layer_flatten() %>%
    layer_dense(units = 1, activation = "sigmoid")
  model %>% compile(loss = "binary_crossentropy", optimizer = "sgd")
  expect_warning(h <- fit_generator(model, it, steps_per_epoch = 2, epochs = 2, verbose = 0), "deprecated")
  expect_length(h$metrics$loss, 2)
  expect_named(suppressWarnings(evaluate_generator(model, it, steps = 2)), "loss")
  expect_equal(dim(suppressWarnings(predict_generator(model, it, steps = 2))), c(8, 1))
})

test_that("a generator's vector is samples of one feature for an input of shape (NA, 1), as in Keras 2", {
  skip_if_no_core()
  input1 <- layer_input(shape = 1); input2 <- layer_input(shape = 1)
  model <- keras_model(list(input1, input2), layer_add(input1, input2) %>% layer_dense(units = 1))
  model %>% compile(loss = "mse", optimizer = "sgd")
  gen <- function() list(list(c(1, 2), c(2, 3)), c(3, 5))
  h <- suppressWarnings(fit_generator(model, gen, steps_per_epoch = 2, validation_data = gen,
                                      validation_steps = 1, verbose = 0))
  expect_named(h$metrics, c("loss", "val_loss"))
  expect_equal(dim(predict(model, list(1:3, 1:3), verbose = 0)), c(3, 1))
})
