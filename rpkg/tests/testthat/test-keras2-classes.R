test_that("keras_model_custom builds a subclassed model from a closure", {
  skip_if_no_core()
  keras_model_simple_mlp <- function(num_classes, name = NULL) {
    keras_model_custom(name = name, function(self) {
      self$dense1 <- layer_dense(units = 8, activation = "relu")
      self$dense2 <- layer_dense(units = num_classes, activation = "softmax")
      function(inputs, mask = NULL) {
        inputs %>% self$dense1() %>% self$dense2()
      }
    })
  }
  set_random_seed(1)
  model <- keras_model_simple_mlp(num_classes = 3, name = "mlp")
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  x <- matrix(runif(40 * 5), 40, 5); y <- sample(0:2, 40, TRUE)
  h <- model %>% fit(x, y, epochs = 2, verbose = 0)
  expect_length(h$metrics$loss, 2)
  expect_equal(model$name, "mlp")
  expect_equal(dim(predict(model, x, verbose = 0)), c(40, 3))
  m2 <- keras_model_simple_mlp(num_classes = 2)
  expect_equal(dim(predict(m2, x[1:2, ], verbose = 0)), c(2, 2))
})

test_that("%py_class% defines layer, metric and callback classes", {
  skip_if_no_core()
  Doubler(keras$layers$Layer) %py_class% {
    initialize <- function(factor = 2, ...) {
      super$initialize(...)
      self$factor <- factor
    }
    call <- function(inputs) inputs * self$factor
  }
  expect_true(is.function(Doubler))
  inp <- layer_input(shape = c(2))
  m <- keras_model(inp, inp %>% Doubler(factor = 3))
  expect_equal(predict(m, matrix(1:2, 1), verbose = 0), matrix(c(3, 6), 1), ignore_attr = TRUE)

  Counter(keras$callbacks$Callback) %py_class% {
    on_epoch_end <- function(epoch, logs = NULL) private$n <- c(private$n, epoch)
    epochs_seen <- function() private$n
  }
  cb <- Counter()
  model <- small_mlp()
  model %>% fit(matrix(runif(80), 10, 8), 0:9 %% 3, epochs = 2, verbose = 0, callbacks = list(cb))
  expect_equal(cb$epochs_seen(), 1:2)
})

test_that("positional arguments to the parent initialize follow Keras 2's order", {
  skip_if_no_core()
  Acc <- new_metric_class("RKeras2Acc",
    initialize = function(name = "my_acc", dtype = "float64") {
      super()$`__init__`(name, dtype)                # Keras 2: Metric(name, dtype)
      self$total <- self$add_weight("total", initializer = "zeros")
    },
    update_state = function(y_true, y_pred, sample_weight = NULL) self$total$assign_add(1),
    result = function() self$total$value)
  m <- Acc()
  expect_identical(m$name, "my_acc")
  expect_identical(m$dtype, "float64")
  Lyr <- new_layer_class("RKeras2Layer",
    initialize = function(...) super$initialize(FALSE, "my_layer", "float64", FALSE),
    call = function(x) x)
  l <- Lyr()
  expect_false(l$trainable)
  expect_identical(l$name, "my_layer")
  Lss <- new_loss_class("RKeras2Loss",
    initialize = function(reduction = "auto", name = "my_loss") super$initialize(reduction, name),
    call = function(y_true, y_pred) k_mean(k_square(y_true - y_pred), axis = -1))
  loss <- Lss()
  expect_identical(loss$name, "my_loss")
  expect_identical(loss$reduction, "sum_over_batch_size")   # Keras 2's "auto"
  inputs <- layer_input(shape = 3)
  outputs <- inputs %>% layer_dense(units = 2)
  Mdl <- new_model_class("RKeras2Model",
    initialize = function(inputs, outputs, name) super$initialize(inputs, outputs, name))
  model <- Mdl(inputs, outputs, "my_model")
  expect_identical(model$name, "my_model")
  expect_equal(dim(predict(model, matrix(1, 2, 3), verbose = 0)), c(2, 2))
  expect_error(Acc2 <- new_metric_class("RKeras2Bad",
    initialize = function() super$initialize("a", "float32", 3))(), "at most 2 positional",
    class = "kerasbridge_method_error")
})

test_that("%py_class% without a parent is a plain Python class, made without starting Python", {
  skip_if_no_core()
  out <- callr::r(function() {
    library(kerasbridge)
    Box %py_class% {
      "A docstring is ignored"
      initialize <- function(x) self$x <- x
      get <- function() self$x
    }
    Box2(Box) %py_class% {
      initialize <- function(...) super$initialize(...)   # unnamed arguments pass through `...`
      twice <- function() self$x * 2
    }
    started <- reticulate::py_available(initialize = FALSE)
    b <- Box2(21)
    list(started = started, get = b$get(), twice = b$twice(),
         keras = inherits(b, "keras.src.layers.layer.Layer"))
  }, env = c(callr::rcmd_safe_env(), R_LIBS = Sys.getenv("R_LIBS"),
             KERASBRIDGE_PYTHON = Sys.getenv("KERASBRIDGE_PYTHON"),
             RETICULATE_PYTHON = Sys.getenv("RETICULATE_PYTHON")))
  expect_false(out$started)
  expect_equal(out[c("get", "twice", "keras")], list(get = 21, twice = 42, keras = FALSE))
})

test_that("r_to_py() of a plain R6 class: convert decides what methods receive; private per instance", {
  skip_if_no_core()
  d <- reticulate::py_eval("{}", convert = FALSE)
  Updater <- R6::R6Class("UpdaterR6", public = list(
    update = function(x = NULL) {
      x[["seen_as"]] <- class(x)[[1]]
      x
    },
    initialize = function() private$n <- 0,
    bump = function(by) {   # `by` may be left out, as in R
      private$n <- private$n + if (missing(by)) 1 else by
      private$n
    }))
  raw <- r_to_py(Updater, convert = FALSE)()
  raw$update(d)                                   # a Python dict, changed in place
  expect_identical(reticulate::py_to_r(d)$seen_as, "python.builtin.dict")
  conv <- r_to_py(Updater, convert = TRUE)()
  e <- reticulate::py_eval("{}", convert = FALSE)
  expect_identical(conv$update(e), list(seen_as = "list"))   # an R copy, returned converted
  expect_identical(reticulate::py_to_r(e), setNames(list(), character()))
  expect_equal(conv$bump(), 1)
  expect_equal(conv$bump(5), 6)
  expect_equal(r_to_py(Updater, convert = TRUE)()$bump(), 1)
})

test_that("model$call <- tf$function(model$call) on an unbuilt custom model gives gradients (Keras 2 eager idiom)", {
  skip_if_no_core()
  model <- keras_model_custom(function(self) {
    self$dense <- layer_dense(units = 2)
    function(inputs, mask = NULL, training = TRUE) self$dense(inputs)
  })
  model$call <- tf$`function`(model$call)
  x <- k_ones(c(3, 4))
  with(tf$GradientTape() %as% tape, {
    loss <- k_sum(model(x))
  })
  grads <- tape$gradient(loss, model$trainable_variables)
  expect_length(grads, 2)
  expect_false(any(vapply(grads, is.null, logical(1))))
  opt <- optimizer_sgd(learning_rate = 0.1)
  before <- as.array(model(x))
  opt$apply_gradients(zip_lists(grads, model$trainable_variables))
  expect_false(isTRUE(all.equal(as.array(model(x)), before)))
})
