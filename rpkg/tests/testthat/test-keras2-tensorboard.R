test_that("tensorboard() checks log_dir, and stopping with nothing started is a no-op", {
  expect_error(tensorboard(log_dir = 3), class = "kerasbridge_error")
  expect_error(tensorboard_stop("http://x"), "must be what")
})

skip_if_no_core()

test_that("tensorboard() serves callback_tensorboard() logs on 127.0.0.1 and stops", {
  log_dir <- file.path(tempfile("tb"), "logs")
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = "mse")
  model %>% fit(matrix(1, 8, 2), matrix(0, 8, 1), epochs = 2, verbose = 0,
                callbacks = list(callback_tensorboard(log_dir)))
  expect_true(length(list.files(file.path(log_dir, "train"), "tfevents")) > 0)
  expect_message(url <- tensorboard(log_dir, timeout = 60), "TensorBoard http://127.0.0.1:")
  on.exit(tensorboard_stop(url), add = TRUE)
  expect_match(url, "^http://127\\.0\\.0\\.1:[0-9]+/$")
  expect_output(print(url), "(running)", fixed = TRUE)
  get <- function(address) {   # an HTTP GET, no browser
    con <- url(address)
    on.exit(close(con))
    paste(readLines(con, warn = FALSE), collapse = "")
  }
  runs <- ""                     # the server loads the logs in the background: poll, bounded
  deadline <- Sys.time() + 30
  while (!grepl("train", runs) && Sys.time() < deadline) {
    runs <- get(paste0(url, "data/runs"))
    Sys.sleep(0.5)
  }
  expect_match(runs, "train")
  tensorboard_stop(url)
  expect_output(print(url), "(stopped)", fixed = TRUE)
  expect_error(suppressWarnings(get(unclass(url))))
  # and every server at once
  url2 <- suppressMessages(tensorboard(log_dir))
  expect_identical(tensorboard(action = "stop"), unclass(url2)[[1]])
})
