skip_if_no_core()

num <- function(x) as.numeric(as.array(x))
op_types <- function(f, ...) {
  vapply(f$get_concrete_function(...)$graph$get_operations(), function(op) op$type, "")
}
f32_dataset <- function() {
  x <- tf$constant(matrix(as.double(1:12), 6), dtype = "float32")
  y <- tf$constant(as.double(1:6), dtype = "float32")
  tf$data$Dataset$from_tensor_slices(reticulate::tuple(x, y))$batch(2L)
}

test_that("autograph() is exported, idempotent and checks its argument", {
  f <- function(x) x + 1
  g <- autograph(f)
  expect_identical(autograph(g), g)
  expect_identical(autograph(sqrt), sqrt)
  expect_error(autograph(1), class = "kerasbridge_argument_error")
  # eager tensors are read as R values: plain R semantics
  h <- autograph(function(x) if (x > 0) "pos" else "neg")
  expect_identical(h(tf$constant(2)), "pos")
  expect_identical(h(tf$constant(-2)), "neg")
  expect_error(tf_function(identity, autograph = NA), class = "kerasbridge_argument_error")
})

test_that("if on a tensor becomes tf$cond: both branches traced, values and assignments flow out", {
  f <- tf_function(function(x) if (x > 0) x * 2 else -x)
  expect_identical(num(f(tf$constant(3))), 6)
  expect_identical(num(f(tf$constant(-3))), 3)
  expect_true("If" %in% op_types(f, tf$TensorSpec(shape(), "float32")) ||
                "StatelessIf" %in% op_types(f, tf$TensorSpec(shape(), "float32")))
  g <- tf_function(function(x) {
    y <- tf$zeros_like(x)
    z <- 10
    if (sum(x) > 1) {
      y <- x + 1
      z <- 20
    } else {
      y <- x - 1
    }
    y * z
  })
  expect_identical(num(g(tf$constant(c(1, 2)))), c(40, 60))
  expect_identical(num(g(tf$constant(c(0, 0.5)))), c(-10, -5))
  # no else: the variable keeps its value when the condition is false
  h <- tf_function(function(x) {
    if (x < 0) x <- -x
    x
  })
  expect_identical(num(h(tf$constant(-4))), 4)
  expect_identical(num(h(tf$constant(4))), 4)
  # nested
  sgn <- tf_function(function(x) if (x > 0) 1 else if (x < 0) -1 else 0)
  expect_identical(vapply(c(-2, 0, 5), function(v) num(sgn(tf$constant(v))), 0), c(-1, 0, 1))
})

test_that("if on an R value keeps plain R semantics (and early return())", {
  traces <- 0
  f <- tf_function(function(x, training = FALSE) {
    traces <<- traces + 1
    if (training) return(x * 10)
    x
  })
  expect_identical(num(f(tf$constant(2), TRUE)), 20)
  expect_identical(num(f(tf$constant(2), FALSE)), 2)
  expect_equal(traces, 2)
  g <- tf_function(function(x, flag) if (flag) x else stop("never traced"))
  expect_identical(num(g(tf$constant(3), TRUE)), 3)
})

test_that("while on a tensor becomes tf$while_loop with the body's variables carried", {
  f <- tf_function(function(x) {
    n <- 0L
    while (x < 100) {
      x <- x * 2
      n <- n + 1L
    }
    list(x, n)
  })
  res <- f(tf$constant(3))
  expect_identical(num(res[[1]]), 192)
  expect_identical(num(res[[2]]), 6)
  expect_true("While" %in% op_types(f, tf$TensorSpec(shape(), "float32")) ||
                "StatelessWhile" %in% op_types(f, tf$TensorSpec(shape(), "float32")))
  # a tf.Variable changed in place is not a loop variable
  v <- tf$Variable(0)
  g <- tf_function(function(n) {
    i <- tf$constant(0L)
    while (i < n) {
      v$assign_add(2)
      i <- i + 1L
    }
    v$read_value()
  })
  expect_identical(num(g(tf$constant(5L))), 10)
})

test_that("break and next inside tensor loops", {
  f <- tf_function(function(x) {
    i <- tf$constant(0L)
    while (i < 10L) {
      i <- i + 1L
      if (i > x) break
    }
    i
  })
  expect_identical(num(f(tf$constant(3L))), 4)
  expect_identical(num(f(tf$constant(20L))), 10)
  odd_sum <- tf_function(function(n) {
    s <- 0L
    for (i in tf$range(n)) {
      if (i %% 2L == 0L) next
      s <- s + i
    }
    s
  })
  expect_identical(num(odd_sum(tf$constant(6L))), 1 + 3 + 5)
  # break under an R condition inside a graph loop ends it at once
  g <- tf_function(function(n, stop_early) {
    k <- 0L
    for (i in tf$range(n)) {
      k <- k + 1L
      if (stop_early) break
    }
    k
  })
  expect_identical(num(g(tf$constant(5L), TRUE)), 1)
  expect_identical(num(g(tf$constant(5L), FALSE)), 5)
})

test_that("for over tf$range(), over a tensor's first dimension, and over an R vector", {
  f <- tf_function(function(n) {
    s <- tf$constant(0L)
    for (i in tf$range(n)) s <- s + i * i
    s
  })
  expect_identical(num(f(tf$constant(5L))), sum((0:4)^2))
  rows <- tf_function(function(m) {
    acc <- tf$zeros(shape(3))
    for (row in m) acc <- acc + row * row
    acc
  })
  m <- matrix(as.double(1:6), 2, 3)
  expect_equal(num(rows(tf$constant(m, dtype = "float32"))), colSums(m^2))
  # return() from inside an R loop returns from the function
  early <- tf_function(function(x) {
    for (k in 1:5) if (k == 2) return(x + k)
    x
  })
  expect_identical(num(early(tf$constant(0))), 2)
  # break/next in an R loop are R's
  partial <- tf_function(function(x) {
    for (k in 1:5) {
      if (k == 2) next
      if (k == 4) break
      x <- x + k
    }
    x
  })
  expect_identical(num(partial(tf$constant(0))), 1 + 3)
  # an R vector: an R loop, unrolled while tracing (no While op in the graph)
  unrolled <- tf_function(function(x) {
    for (k in 1:3) x <- x + k
    x
  })
  expect_identical(num(unrolled(tf$constant(0))), 6)
  expect_false(any(c("While", "StatelessWhile") %in% op_types(unrolled, tf$TensorSpec(shape(), "float32"))))
})

test_that("for over a dataset (with %<-%) runs in the graph and matches eager", {
  ds <- f32_dataset()
  body <- function() {
    tot <- tf$constant(0)
    n <- 0L
    for (batch in ds) {
      c(x, y) %<-% batch
      tot <- tot + sum(x) + sum(y)
      n <- n + 1L
    }
    list(tot, n)
  }
  graph <- tf_function(body)()
  eager <- autograph(body)()
  expect_equal(num(graph[[1]]), sum(1:12) + sum(1:6))
  expect_identical(num(graph[[2]]), 3)
  expect_identical(num(eager[[1]]), num(graph[[1]]))
  expect_identical(num(eager[[2]]), 3)
})

test_that("a variable first assigned inside a loop and used after it is carried", {
  ds <- f32_dataset()
  last <- tf_function(function() {
    for (batch in ds) {
      c(x, y) %<-% batch
      logs <- list(loss = mean(y), n = tf$shape(x)[1])
    }
    logs
  })
  logs <- last()
  expect_identical(num(logs$loss), mean(c(5, 6)))
  w <- tf_function(function(n) {
    i <- tf$constant(0L)
    while (i < n) {
      i <- i + 1L
      sq <- i * i
    }
    sq
  })
  expect_identical(num(w(tf$constant(4L))), 16)
})

test_that("break in a for over a dataset stops the iteration", {
  ds <- f32_dataset()
  f <- tf_function(function(limit) {
    seen <- 0
    for (batch in ds) {
      c(x, y) %<-% batch
      if (sum(y) > limit) break
      seen <- seen + sum(y)
    }
    seen
  })
  expect_identical(num(f(tf$constant(5))), 3)      # batches (1,2) then (3,4): 7 > 5
  expect_identical(num(f(tf$constant(100))), 21)
})

test_that("an if on a tensor inside a dataset loop", {
  ds <- f32_dataset()
  f <- tf_function(function() {
    big <- 0
    small <- 0
    for (b in ds) {
      c(x, y) %<-% b
      if (mean(y) > 2) big <- big + 1 else small <- small + 1
    }
    c(big, small)
  })
  res <- f()
  expect_identical(c(num(res[[1]]), num(res[[2]])), c(2, 1))
})

test_that("untranslatable constructs are errors that name the construct and the line", {
  src <- "function(x) {
    if (x > 0) return(x)
    -x
  }"
  f <- tf_function(eval(parse(text = src, keep.source = TRUE)))
  err <- expect_error(f(tf$constant(1)), class = "kerasbridge_autograph_error")
  expect_match(conditionMessage(err), "return()", fixed = TRUE)
  expect_match(conditionMessage(err), "if (x > 0)", fixed = TRUE)
  expect_match(conditionMessage(err), "<text>:2", fixed = TRUE)

  rep <- tf_function(function(x) {
    repeat {
      x <- x + 1
      if (x > 3) break
    }
    x
  })
  err <- expect_error(rep(tf$constant(0)), class = "kerasbridge_autograph_error")
  expect_match(conditionMessage(err), "repeat", fixed = TRUE)
  expect_match(conditionMessage(err), "if (x > 3)", fixed = TRUE)

  dt <- tf_function(function(x) {
    y <- 0L
    if (x > 0) y <- tf$constant(1L) else y <- tf$constant(1)
    y
  })
  err <- expect_error(dt(tf$constant(1)), class = "kerasbridge_autograph_error")
  expect_match(conditionMessage(err), "`y` is int32 in the `if` branch and float32 in the `else` branch", fixed = TRUE)

  lp <- tf_function(function(n) {
    s <- 0L
    for (i in tf$range(n)) s <- tf$cast(s, "float32") + 0.5
    s
  })
  err <- expect_error(lp(tf$constant(3L)), class = "kerasbridge_autograph_error")
  expect_match(conditionMessage(err), "for (i in tf$range(n))", fixed = TRUE)
  expect_match(conditionMessage(err), "`s` enters the loop as int32", fixed = TRUE)

  # an R error inside a traced branch keeps its class
  boom <- tf_function(function(x) if (x > 0) rlang::abort("inner", class = "my_error") else x)
  expect_error(boom(tf$constant(1)), "inner", class = "my_error")
})

test_that("autograph = FALSE keeps the plain-R error for if on a tensor", {
  f <- tf_function(function(x) if (x > 0) x else -x, autograph = FALSE)
  expect_error(f(tf$constant(1)), "tf\\$cond", class = "kerasbridge_control_flow_error")
})

test_that("R class methods Keras traces get autograph: if (training) and tensor conditions in call()", {
  Clip <- new_layer_class("AgClip",
    call = function(inputs, training = NULL) {
      # plain R condition: Keras passes TRUE/FALSE (or NULL)
      if (isTRUE(training)) inputs <- inputs * 0.5
      # tensor condition: tf$cond inside the traced call()
      if (tf$reduce_max(inputs) > 10) inputs / tf$reduce_max(inputs) * 10 else inputs
    })
  layer <- Clip()
  small <- matrix(c(1, 2, 3, 4), 2)
  big <- matrix(c(1, 2, 3, 40), 2)
  # eager
  expect_equal(as.array(layer(tf$constant(small, dtype = "float32"))), small)
  expect_equal(as.array(layer(tf$constant(big, dtype = "float32"))), big / 40 * 10, tolerance = 1e-6)
  expect_equal(as.array(layer(tf$constant(small, dtype = "float32"), training = TRUE)), small / 2)
  # inside a model: call() is traced into the graph (predict)
  inputs <- layer_input(shape = 2)
  model <- keras_model(inputs, inputs %>% layer())
  expect_equal(predict(model, rbind(c(1, 2), c(3, 40)), verbose = 0), rbind(c(0.25, 0.5), c(0.75, 10)), tolerance = 1e-6)
  expect_equal(predict(model, small, verbose = 0), small, tolerance = 1e-6)
  # a loop on a tensor inside a traced call()
  Halve <- new_layer_class("AgHalve", call = function(inputs) {
    while (tf$reduce_max(inputs) > 1) inputs <- inputs / 2
    inputs
  })
  m2 <- keras_model(inputs, inputs %>% Halve())
  expect_equal(predict(m2, rbind(c(8, 2)), verbose = 0), rbind(c(1, 0.25)), tolerance = 1e-6)
})

test_that("a metric's update_state() and result() with tensor conditions work inside evaluate()", {
  HighBatches <- new_metric_class("AgHighBatches",
    initialize = function(name = "high_batches", ...) {
      super$initialize(name = name, ...)
      self$high <- self$add_weight(name = "high", initializer = "zeros")
      self$seen <- self$add_weight(name = "seen", initializer = "zeros")
    },
    update_state = function(y_true, y_pred, sample_weight = NULL) {
      if (mean(y_pred) > 0.5) self$high$assign_add(1)   # side effect only, in tf$cond
      self$seen$assign_add(1)
    },
    result = function() if (self$seen > 0) self$high / self$seen else tf$constant(0))
  x <- rbind(matrix(1, 8, 1), matrix(-1, 8, 1))
  y <- matrix(0, 16, 1)
  model <- keras_model_sequential(input_shape = 1) %>%
    layer_dense(units = 1, activation = "sigmoid", kernel_initializer = "ones", bias_initializer = "zeros")
  model %>% compile(loss = "binary_crossentropy", metrics = list(HighBatches()))
  ev <- model %>% evaluate(x, y, batch_size = 8, verbose = 0)
  # batch 1: sigmoid(1) > 0.5, batch 2: sigmoid(-1) < 0.5
  expect_equal(ev[["high_batches"]], 0.5)
  m <- HighBatches()
  expect_equal(as.numeric(m$result()), 0)
})
