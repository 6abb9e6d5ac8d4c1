skip_if_no_core()

test_that("tf_function() compiles an R function; R code runs only when tracing", {
  traces <- 0
  f <- tf_function(function(x, y) {
    traces <<- traces + 1
    x * 2 + y
  })
  expect_s3_class(f, "kerasbridge_tf_function")
  expect_identical(as.numeric(f(tf$constant(1), tf$constant(2))), 4)
  expect_identical(as.numeric(f(tf$constant(5), tf$constant(1))), 11)
  expect_equal(traces, 1)
  # a new input signature traces again
  f(tf$constant(c(1, 2)), tf$constant(c(3, 4)))
  expect_equal(traces, 2)
  expect_identical(as.numeric(f(y = tf$constant(1), x = tf$constant(3))), 7)
})

test_that("default arguments and `...` work", {
  f <- tf_function(function(x, scale = 2) x * scale)
  expect_identical(as.numeric(f(tf$constant(3))), 6)
  expect_identical(as.numeric(f(tf$constant(3), 5)), 15)
  early <- tf_function(function(x) { if (TRUE) return(x + 1); x })
  expect_identical(as.numeric(early(tf$constant(1))), 2)
  expect_identical(as.numeric(tf_function(sqrt)(tf$constant(16))), 4)
  g <- tf_function(function(...) ..1 * 2 + ..2)
  expect_identical(as.numeric(g(tf$constant(4), tf$constant(1))), 9)
})

test_that("input_signature fixes shapes and dtypes, NA for unknown dims", {
  traces <- 0
  f <- tf_function(function(x) { traces <<- traces + 1; sum(x, axis = 2) },
                   input_signature = list(tf$TensorSpec(shape(NA, 3), tf$float32)))
  expect_identical(as.numeric(f(tf$ones(shape(2, 3)))), c(3, 3))
  expect_identical(as.numeric(f(tf$ones(shape(4, 3)))), rep(3, 4))
  expect_equal(traces, 1)
  expect_error(f(tf$ones(shape(2, 5))), class = "kerasbridge_error")
  expect_identical(as.integer(f$get_concrete_function()$output_shapes), NA_integer_)
})

test_that("with autograph = FALSE, R `if`/`while` on a symbolic tensor is an error that names tf$cond / tf$while_loop", {
  f <- tf_function(function(x) if (x > 0) x else -x, autograph = FALSE)
  err <- expect_error(f(tf$constant(1)), class = "kerasbridge_control_flow_error")
  expect_match(conditionMessage(err), "if (x > 0)", fixed = TRUE)
  expect_match(conditionMessage(err), "tf$cond", fixed = TRUE)
  g <- tf_function(function(x) { while (x < 10) x <- x * 2; x }, autograph = FALSE)
  expect_error(g(tf$constant(1)), "tf\\$while_loop", class = "kerasbridge_control_flow_error")
  # what the message suggests works
  h <- tf_function(function(x) tf$cond(x > 0, function() x, function() -x))
  expect_identical(as.numeric(h(tf$constant(-3))), 3)
  w <- tf_function(function(x) tf$while_loop(function(v) v < 10, function(v) list(v * 2), list(x))[[1]])
  expect_identical(as.numeric(w(tf$constant(1))), 16)
})

test_that("other R errors while tracing keep their class", {
  f <- tf_function(function(x) rlang::abort("custom failure", class = "my_error"))
  expect_error(f(tf$constant(1)), "custom failure", class = "my_error")
  expect_error(tf_function(1), class = "kerasbridge_argument_error")
  # autograph = TRUE is the default (test-autograph.R); only TRUE/FALSE are accepted
  expect_error(tf_function(identity, autograph = "yes"), "autograph", class = "kerasbridge_argument_error")
})

test_that("GradientTape with %as%, zip_lists() and apply_gradients() train a variable", {
  w <- tf$Variable(c(1, -1))
  opt <- keras$optimizers$SGD(learning_rate = 0.1)
  x <- tf$constant(c(2, 3))
  with(tf$GradientTape() %as% tape, {
    loss <- sum((w * x - 1)^2)
  })
  grads <- tape$gradient(loss, list(w))
  # d/dw sum((w x - 1)^2) = 2 x (w x - 1)
  expect_equal(as.numeric(grads[[1]]), c(2 * 2 * (2 - 1), 2 * 3 * (-3 - 1)), tolerance = 1e-6)
  opt$apply_gradients(zip_lists(grads, list(w)))
  expect_equal(as.numeric(w), c(1 - 0.1 * 4, -1 + 0.1 * 24), tolerance = 1e-6)
})

test_that("zip_lists() pairs elements, matching names", {
  expect_identical(zip_lists(list(1, 2), list("a", "b")), list(list(1, "a"), list(2, "b")))
  expect_identical(zip_lists(list(a = 1, b = 2), list(b = 20, a = 10)),
                   list(a = list(1, 10), b = list(2, 20)))
  expect_identical(zip_lists(list(list(1, 2), list(3, 4))), list(list(1, 3), list(2, 4)))
  expect_error(zip_lists(list(1, 2), list(1)), "same length", class = "kerasbridge_argument_error")
})

test_that("a custom training step in tf_function() matches the eager step", {
  make <- function() {
    set_random_seed(3)
    inputs <- layer_input(shape = 4)
    outputs <- inputs %>% layer_dense(units = 3)
    keras_model(inputs, outputs)
  }
  x <- matrix(seq(-1, 1, length.out = 32), 8)
  y <- c(0L, 1L, 2L, 0L, 1L, 2L, 0L, 1L)
  run <- function(compiled) {
    model <- make()
    loss_fn <- keras$losses$SparseCategoricalCrossentropy(from_logits = TRUE)
    opt <- keras$optimizers$SGD(learning_rate = 0.5)
    step <- function(x, y) {
      with(tf$GradientTape() %as% tape, {
        loss <- loss_fn(y, model(x, training = TRUE))
      })
      grads <- tape$gradient(loss, model$trainable_weights)
      opt$apply_gradients(zip_lists(grads, model$trainable_weights))
      loss
    }
    if (compiled) step <- tf_function(step)
    losses <- vapply(1:3, function(i) as.numeric(step(tf$constant(x, dtype = "float32"), tf$constant(y))), 0)
    list(losses = losses, kernel = as.array(model$trainable_weights[[1]]))
  }
  eager <- run(FALSE)
  graph <- run(TRUE)
  expect_true(eager$losses[3] < eager$losses[1])
  expect_equal(graph$losses, eager$losses, tolerance = 1e-5)
  expect_equal(graph$kernel, eager$kernel, tolerance = 1e-5)
})

test_that("standalone metrics give the right numbers on hand-made inputs", {
  acc <- metric_sparse_categorical_accuracy()
  acc$update_state(c(0L, 1L, 2L, 1L), rbind(c(0.9, 0.1, 0), c(0.2, 0.7, 0.1), c(0.5, 0.3, 0.2), c(0.1, 0.2, 0.7)))
  expect_equal(as.array(acc$result()), 0.5)
  m <- metric_mean()
  m$update_state(c(1, 2, 3, 6))
  expect_equal(as.numeric(m$result()), 3)
  m$reset_state()
  expect_equal(as.numeric(m$result()), 0)
  loss <- loss_sparse_categorical_crossentropy()
  expect_equal(as.numeric(loss(array(c(1L, 0L)), rbind(c(0.25, 0.75), c(0.5, 0.5)))), mean(-log(c(0.75, 0.5))), tolerance = 1e-6)
})
