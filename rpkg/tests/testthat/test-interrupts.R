# Ctrl-C during a core call (R/interrupts.R): the core stops between whole
# steps and R gets its interrupt condition once the call has returned. SIGINT
# is raised inside the process at a known moment (kb_raise_sigint), so these
# tests are deterministic; tests/test_interrupts.py sends it from outside at
# random moments.


sigint <- function() .Call(kerasbridge:::kb_raise_sigint)

small_model <- function() {
  set_random_seed(1)
  m <- keras_model_sequential(input_shape = 3) %>% layer_dense(2)
  m %>% compile(optimizer = "sgd", loss = "mse")
  m
}

test_that("Ctrl-C in fit() stops at the next batch: an R interrupt, the steps done are kept", {
  skip_if_no_core()
  m <- small_model()
  x <- matrix(seq_len(60) / 60, ncol = 3); y <- matrix(seq_len(40) / 40, ncol = 2)
  before <- get_weights(m)
  begun <- 0L
  cb <- callback_lambda(on_batch_begin = function(batch, logs) begun <<- begun + 1L,
                        on_batch_end = function(batch, logs) if (batch == 3) sigint())
  got <- tryCatch({ fit(m, x, y, epochs = 5, batch_size = 2, verbose = 0, callbacks = list(cb)); "returned" },
                  interrupt = function(e) "interrupt")
  expect_equal(got, "interrupt")
  expect_equal(begun, 4L)  # batches 1..4 ran whole; the 5th never began
  expect_false(identical(get_weights(m), before))
  expect_true(all(is.finite(unlist(get_weights(m)))))
  # the next call works, and no interrupt is left over
  expect_s3_class(fit(m, x, y, epochs = 1, batch_size = 2, verbose = 0), "keras_training_history")
  expect_equal(.Call(kerasbridge:::kb_guard_state), c(0L, 0L, 0L))
})

test_that("Ctrl-C in a call that has no steps (predict on one batch) comes once it has returned", {
  skip_if_no_core()
  m <- small_model()
  x <- matrix(1, 4, 3)
  cb <- callback_lambda(on_predict_begin = function(logs) sigint())
  got <- tryCatch({ predict(m, x, callbacks = list(cb), verbose = 0); "returned" },
                  interrupt = function(e) "interrupt")
  expect_equal(got, "interrupt")
  expect_equal(dim(predict(m, x, verbose = 0)), c(4L, 2L))
})

test_that("Ctrl-C in R code Keras calls waits for the outermost call", {
  skip_if_no_core()
  m <- small_model()
  x <- matrix(seq_len(60) / 60, ncol = 3); y <- matrix(seq_len(40) / 40, ncol = 2)
  ran <- FALSE
  cb <- callback_lambda(on_batch_end = function(batch, logs) {
    if (batch == 1) { sigint(); ran <<- TRUE }  # the R code goes on to its end
  })
  got <- tryCatch({ fit(m, x, y, epochs = 1, batch_size = 2, verbose = 0, callbacks = list(cb)); "returned" },
                  interrupt = function(e) "interrupt")
  expect_true(ran)
  expect_equal(got, "interrupt")
})

test_that("outside core calls the signal handler is the one found before", {
  skip_if_no_core()
  m <- small_model()
  predict(m, matrix(1, 1, 3), verbose = 0)
  expect_equal(.Call(kerasbridge:::kb_guard_state), c(0L, 0L, 0L))
  got <- tryCatch({ sigint(); Sys.sleep(0.01); "returned" }, interrupt = function(e) "interrupt")
  expect_equal(got, "interrupt")
})

test_that("a Ctrl-C R already acted on does not turn a later call's error into an interrupt", {
  skip_if_no_core()
  m <- small_model()
  got <- tryCatch({ sigint(); Sys.sleep(0.01); "returned" }, interrupt = function(e) "interrupt")
  expect_equal(got, "interrupt")
  # reticulate 1.28 keeps its own record of that Ctrl-C and made the next
  # Python error an interrupt: the error's message was lost
  got <- tryCatch(predict(m, matrix(1, 2, 5), verbose = 0),
                  error = function(e) "error", interrupt = function(e) "interrupt")
  expect_equal(got, "error")
})
