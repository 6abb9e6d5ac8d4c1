test_that("defining a layer class does not start Python", {
  skip_if_not_installed("callr")
  started <- in_new_r_session(function() {
    library(kerasbridge)
    L <- new_layer_class("Lazy", call = function(inputs) inputs)
    c(is_function = is.function(L), python = reticulate::py_available())
  })
  expect_identical(started, c(is_function = TRUE, python = FALSE))
})

skip_if_no_core()

test_that("a layer class sees self, super and private, and its constructor mirrors initialize", {
  RLinear <- define_linear()
  # R keras' layer wrapper: `object`, then initialize's formals
  expect_identical(names(formals(RLinear)), c("object", "units", "..."))
  layer <- RLinear(units = 2)
  expect_true(inherits(layer, "keras.src.layers.layer.Layer"))
  y <- layer(tf$ones(shape(3, 5)))
  expect_identical(as.integer(y$shape$as_list()), c(3L, 2L))
  expect_equal(as.array(y), matrix(5, 3, 2))
  # add_weight got shape c(5, 2) as doubles: Keras received integers
  expect_identical(lapply(layer$weights, function(w) as.integer(w$shape$as_list())), list(c(5L, 2L), 2L))
  layer(tf$ones(shape(1, 5)))
  expect_identical(layer$n_calls(), 2)
  # private is per instance
  other <- RLinear(units = 2)
  expect_identical(other$n_calls(), 0)
  # and never seen by Keras
  expect_false("private" %in% names(layer$get_config()))
  expect_false(any(grepl("private", names(layer$`__dict__`)) & !grepl("^_kb_", names(layer$`__dict__`))))
})

test_that("super$initialize, super()$initialize and super()$`__init__` all work", {
  forms <- list(
    quote(super$initialize(...)),
    quote(super()$initialize(...)),
    quote(super()$`__init__`(...)))
  for (i in seq_along(forms)) {
    init <- function(...) NULL
    body(init) <- forms[[i]]
    L <- new_layer_class(paste0("Super", i), initialize = init, call = function(inputs) inputs * 2)
    l <- L(name = paste0("super_", i))
    expect_identical(l$name, paste0("super_", i))
    expect_equal(as.array(l(tf$ones(shape(1, 2)))), matrix(2, 1, 2))
  }
})

test_that("Keras sees the real call signature: training and several inputs", {
  Dropish <- new_layer_class("Dropish",
    call = function(inputs, training = NULL) if (isTRUE(training)) inputs * 0 else inputs)
  l <- Dropish()
  expect_true(l$`_call_has_training_arg`)
  x <- tf$ones(shape(2, 3))
  expect_equal(as.array(l(x, training = TRUE)), matrix(0, 2, 3))
  expect_equal(as.array(l(x)), matrix(1, 2, 3))

  Endpoint <- new_layer_class("REndpoint",
    call = function(targets, logits, sample_weights = NULL) {
      self$add_loss(tf$reduce_mean(tf$square(targets - logits)))
      logits
    })
  t_in <- layer_input(shape = 2, name = "t")
  x_in <- layer_input(shape = 4, name = "x")
  out <- Endpoint()(t_in, x_in %>% layer_dense(units = 2))
  model <- keras_model(list(t_in, x_in), out)
  model %>% compile(optimizer = "sgd")
  set_random_seed(3)
  h <- model %>% fit(list(matrix(0, 8, 2), matrix(1, 8, 4)), epochs = 2, batch_size = 8, verbose = 0)
  expect_length(h$metrics$loss, 2)
  expect_lt(h$metrics$loss[2], h$metrics$loss[1])
})

test_that("self$add_metric values appear in fit logs, history and evaluate", {
  Probe <- new_layer_class("RProbe", call = function(inputs) {
    self$add_metric(tf$reduce_mean(inputs), name = "input_mean", aggregation = "mean")
    inputs
  })
  model <- keras_model_sequential(input_shape = 2) %>% create_layer_wrapper(Probe)() %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = "mse")
  x <- matrix(3, 12, 2)
  y <- matrix(0, 12, 1)
  h <- model %>% fit(x, y, epochs = 2, batch_size = 4, verbose = 0)
  expect_equal(h$metrics$input_mean, c(3, 3))
  ev <- model %>% evaluate(x, y, verbose = 0)
  expect_equal(unname(ev["input_mean"]), 3)
})

test_that("compute_output_shape and get_config from R", {
  Repeat <- new_layer_class("RRepeat",
    initialize = function(times = 2, ...) { super$initialize(...); self$times <- times },
    call = function(inputs) tf$tile(inputs, list(1L, as.integer(self$times))),
    compute_output_shape = function(input_shape) list(input_shape[[1]], input_shape[[2]] * self$times),
    get_config = function() { config <- super$get_config(); config$times <- self$times; config })
  out <- layer_input(shape = 3) %>% create_layer_wrapper(Repeat)(times = 3)
  expect_identical(as.list(out$shape), list(NULL, 9L))   # a TensorShape, as in R keras 2.x (R/shape.R)
  cfg <- Repeat(times = 4)$get_config()
  expect_identical(cfg$times, 4)
  expect_true(all(c("name", "trainable", "dtype") %in% names(cfg)))
})

test_that("a layer class can extend another one", {
  Base <- new_layer_class("RBase", call = function(inputs) inputs * 2)
  Child <- new_layer_class("RChild", parent_class = Base,
                           call = function(inputs) super$call(inputs) + 1)
  expect_equal(as.array(Child()(tf$ones(shape(1, 2)))), matrix(3, 1, 2))
})

test_that("a model with an R layer saves to .keras and loads in a new R session", {
  skip_if_not_installed("callr")
  path <- tempfile(fileext = ".keras")
  RLinear <- define_linear("SavedRLinear")
  x <- matrix(seq(0, 1, length.out = 20), 4, 5)
  model <- keras_model_sequential(input_shape = 5) %>% create_layer_wrapper(RLinear)(units = 2) %>%
    layer_dense(units = 1)
  save_model(model, path)
  expect_true(file.exists(path))
  pred <- predict(model, x, verbose = 0)
  res <- in_new_r_session(function(path, x) {
    library(kerasbridge)
    undefined <- tryCatch({ kerasbridge:::call_core("classes.saving.load_model", path); "loaded" },
                          error = function(e) c(class(e)[1], conditionMessage(e)))
    source(file.path("helper-classes.R"), local = TRUE)
    define_linear("SavedRLinear")
    kerasbridge:::materialize_defined_classes()
    loaded <- kerasbridge:::call_core("classes.saving.load_model", path)
    list(undefined = undefined, pred = predict(loaded, x, verbose = 0))
  }, args = list(path = path, x = x))
  expect_identical(res$undefined[1], "kerasbridge_undefined_class_error")
  expect_match(res$undefined[2], "'SavedRLinear'.*Define it first")
  expect_identical(res$pred, pred)
})

test_that("a class can extend a built-in Keras layer; sizes from R reach it as integers", {
  TwiceDense <- new_layer_class("RTwiceDense", parent_class = keras$layers$Dense,
    initialize = function(units, ...) super$initialize(units = units, kernel_initializer = "ones", ...),
    call = function(inputs) super$call(inputs) * 2)
  layer <- TwiceDense(units = 3)
  expect_identical(layer$units, 3L)
  expect_equal(as.array(layer(tf$ones(shape(1, 2)))), matrix(4, 1, 3))
  expect_identical(layer$get_config()$units, 3L)
})

test_that("a layer constructor composes in pipes, as in R keras 2.x", {
  Scale <- new_layer_class("RScaleCompose",
    initialize = function(factor = 2, ...) { super$initialize(...); self$factor <- factor },
    call = function(inputs) inputs * self$factor)
  inp <- layer_input(shape = c(3))
  out <- inp %>% Scale(factor = 3)
  expect_s3_class(out, "keras.src.backend.common.keras_tensor.KerasTensor")
  m <- keras_model(inp, out)
  expect_equal(predict(m, matrix(1:3, 1), verbose = 0), matrix(c(3, 6, 9), 1), ignore_attr = TRUE)
  seq_model <- keras_model_sequential(input_shape = c(3)) %>% Scale(4)
  expect_length(seq_model$layers, 1)
  expect_equal(predict(seq_model, matrix(1, 1, 3), verbose = 0), matrix(4, 1, 3), ignore_attr = TRUE)
  lyr <- Scale(5)
  expect_equal(lyr$factor, 5)
})

test_that("the constructor is a layer wrapper: object first, then initialize's arguments", {
  Dense3 <- new_layer_class("RDense3Args",
    initialize = function(embed_dim, dense_dim, num_heads = 1, ...) {
      super$initialize(...)
      self$dims <- c(embed_dim, dense_dim, num_heads)
    },
    call = function(inputs) inputs * 2)
  expect_identical(names(formals(Dense3)), c("object", "embed_dim", "dense_dim", "num_heads", "..."))
  # object = NULL: the layer itself, the others by position
  lyr <- Dense3(NULL, 4, 8, 2)
  expect_equal(unlist(lyr$dims), c(4, 8, 2))
  # a plain value where `object` goes is initialize's first argument that no name took
  expect_equal(unlist(Dense3(4, 8)$dims), c(4, 8, 1))
  expect_equal(unlist(Dense3(8, embed_dim = 4)$dims), c(4, 8, 1))
  expect_equal(Dense3(4, 8, name = "named")$name, "named")
  through_dots <- function(...) Dense3(...)
  expect_equal(unlist(through_dots(4, 8)$dims), c(4, 8, 1))
  # a Sequential model as object: the layer is added, by position too
  model <- keras_model_sequential(input_shape = 3) %>% Dense3(4, 8)
  expect_length(model$layers, 1)
  expect_equal(unlist(model$layers[[1]]$dims), c(4, 8, 1))
  model <- keras_model_sequential(input_shape = 3)
  model %>% Dense3(4, 8)
  model %>% Dense3(4, 8)
  expect_length(model$layers, 2)
  expect_equal(predict(model, matrix(1, 1, 3), verbose = 0), matrix(4, 1, 3), ignore_attr = TRUE)
})

test_that("a call = function(...) layer takes its input by position (Sequential models call it so)", {
  layer_passthrough <- new_layer_class("RDotsCall",
    initialize = function(units, ...) {
      super$initialize(...)
      self$dense <- layer_dense(units = units, kernel_initializer = "ones")
    },
    call = function(...) self$dense(...))
  # Keras warns that it can't build such a layer by tracing (as for a Python call(*args))
  model <- suppressWarnings(keras_model_sequential(input_shape = 3) %>%
                              layer_dense(2, kernel_initializer = "ones") %>% layer_passthrough(1))
  expect_equal(predict(model, matrix(1, 1, 3), verbose = 0), matrix(6, 1, 1), ignore_attr = TRUE)
})
