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
  h <- model %>% fit_generator(gen, steps_per_epoch = 4, epochs = 3, verbose = 0, callbacks = list(cb),
                               validation_data = list(x, y))
  expect_equal(i, 12)
  expect_equal(ends, 0:2)
  expect_named(h$metrics, c("loss", "accuracy", "val_loss", "val_accuracy"))
  expect_length(h$metrics$loss, 3)
  # the epoch's loss accumulates over its batches as fit() does: after the last
  # epoch, evaluating the same 64 rows gives a close (not identical) number
  expect_true(all(is.finite(h$metrics$loss)))
  h2 <- model %>% fit(gen, steps_per_epoch = 2, epochs = 1, verbose = 0)
  expect_length(h2$metrics$loss, 1)
  ev <- evaluate_generator(model, gen, steps = 2)
  expect_named(ev, c("loss", "accuracy"))
  p <- predict_generator(model, function() x[1:5, ], steps = 2)
  expect_equal(dim(p), c(10, 3))
  expect_error(fit_generator(model, gen, steps_per_epoch = NULL), class = "kerasbridge_argument_error")
})

test_that("an epoch of fit_generator equals an epoch of fit on the same batches", {
  skip_if_no_core()
  x <- matrix(runif(32 * 8), 32, 8); y <- sample(0:2, 32, TRUE)
  a <- small_mlp(seed = 9); b <- small_mlp(seed = 9)
  j <- 0
  gen <- function() { rows <- j * 8 + 1:8; j <<- (j + 1) %% 4; list(x[rows, ], y[rows]) }
  ha <- a %>% fit_generator(gen, steps_per_epoch = 4, epochs = 2, verbose = 0)
  hb <- b %>% fit(x, y, batch_size = 8, epochs = 2, shuffle = FALSE, verbose = 0)
  expect_equal(ha$metrics$loss, hb$metrics$loss, tolerance = 1e-6)
  expect_equal(get_weights(a), get_weights(b), tolerance = 1e-6)
})
