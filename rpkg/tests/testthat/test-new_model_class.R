skip_if_no_core()

keras2_step <- function(data) {
  c(x, y) %<-% data
  with(tf$GradientTape() %as% tape, {
    y_pred <- self(x, training = TRUE)
    loss <- self$compiled_loss(y, y_pred)
  })
  grads <- tape$gradient(loss, self$trainable_variables)
  self$optimizer$apply_gradients(zip_lists(grads, self$trainable_variables))
  self$compiled_metrics$update_state(y, y_pred)
  results <- list()
  for (m in self$metrics) results[[m$name]] <- m$result()
  results
}

test_that("a Keras 2 train_step (GradientTape, compiled_loss/metrics) matches the built-in step", {
  d <- class_xy()
  Keras2Step <- new_model_class("RKeras2Step", train_step = keras2_step)
  build <- function(ctor) {
    set_random_seed(5)
    inputs <- layer_input(shape = 4)
    model <- ctor(inputs = inputs, outputs = inputs %>% layer_dense(units = 1))
    model %>% compile(optimizer = "sgd", loss = "mse", metrics = "mae")
    model
  }
  hc <- build(Keras2Step) %>% fit(d$x, d$y, epochs = 2, batch_size = 4, shuffle = FALSE, verbose = 0)
  hb <- build(keras_model) %>% fit(d$x, d$y, epochs = 2, batch_size = 4, shuffle = FALSE, verbose = 0)
  expect_setequal(names(hc$metrics), c("loss", "mae"))
  expect_equal(hc$metrics$loss, hb$metrics$loss, tolerance = 1e-5)
  expect_equal(hc$metrics$mae, hb$metrics$mae, tolerance = 1e-5)
})

test_that("train_step runs when traced, not per batch; metrics is an active property reset each epoch", {
  d <- class_xy()
  Tracked <- new_model_class("RTracked",
    initialize = function(...) {
      super$initialize(...)
      self$dense <- layer_dense(units = 1)
      self$loss_tracker <- keras$metrics$Mean(name = "loss")
      self$mae_metric <- keras$metrics$MeanAbsoluteError(name = "mae")
      private$traced <- 0L
    },
    call = function(inputs, training = NULL) self$dense(inputs),
    train_step = function(data) {
      private$traced <- private$traced + 1L
      c(x, y) %<-% data
      with(tf$GradientTape() %as% tape, {
        y_pred <- self(x, training = TRUE)
        loss <- self$compute_loss(y = y, y_pred = y_pred)
      })
      grads <- tape$gradient(loss, self$trainable_variables)
      self$optimizer$apply_gradients(zip_lists(grads, self$trainable_variables))
      self$loss_tracker$update_state(loss)
      self$mae_metric$update_state(y, y_pred)
      list(loss = self$loss_tracker$result(), mae = self$mae_metric$result())
    },
    test_step = function(data) {
      c(x, y) %<-% data
      self$mae_metric$update_state(y, self(x, training = FALSE))
      list(mae = self$mae_metric$result())
    },
    metrics = mark_active(function() list(self$loss_tracker, self$mae_metric)),
    times_traced = function() private$traced)
  set_random_seed(1)
  model <- Tracked()
  model %>% compile(optimizer = "sgd", loss = "mse")
  h <- model %>% fit(d$x, d$y, epochs = 3, batch_size = 4, verbose = 0)
  expect_lte(model$times_traced(), 2L)        # 12 batches, traced once or twice
  expect_length(model$metrics, 2)
  expect_lt(h$metrics$loss[3], h$metrics$loss[1])
  ev <- model %>% evaluate(d$x, d$y, verbose = 0)
  direct <- mean(abs(d$y - predict(model, d$x, verbose = 0)))
  expect_equal(unname(ev["mae"]), direct, tolerance = 1e-5)  # reset before evaluate
})

test_that("compile() with only an optimizer and a subclassed model on a named list of inputs", {
  Joint <- new_model_class("RJoint",
    initialize = function(...) {
      super$initialize(...)
      self$out <- layer_dense(units = 1, kernel_initializer = "ones")
    },
    call = function(inputs) self$out(tf$concat(list(inputs$a, inputs$b), axis = -1L)))
  m <- Joint()
  y <- m(list(a = tf$ones(shape(2, 3)), b = tf$ones(shape(2, 1))))
  expect_equal(as.array(y), matrix(4, 2, 1))
})

test_that("a functional-style model with an R train_step saves and loads", {
  Saved <- new_model_class("RSavedStep", train_step = keras2_step)
  set_random_seed(2)
  inputs <- layer_input(shape = 4)
  model <- Saved(inputs = inputs, outputs = inputs %>% layer_dense(units = 2))
  path <- tempfile(fileext = ".keras")
  save_model(model, path)
  loaded <- kerasbridge:::call_core("classes.saving.load_model", path)
  expect_true(inherits(loaded, "kerasbridge.classes.user.RSavedStep"))
  x <- class_xy(4)$x
  expect_identical(predict(loaded, x, verbose = 0), predict(model, x, verbose = 0))
})

test_that("load_model() finds classes defined in this session without custom_objects", {
  Defined <- new_layer_class("RDefinedForLoad", call = function(inputs) inputs * 2)
  model <- keras_model_sequential(input_shape = 2) %>% create_layer_wrapper(Defined)()
  path <- tempfile(fileext = ".keras")
  save_model(model, path)
  loaded <- load_model(path)
  expect_true(inherits(loaded$layers[[1]], "kerasbridge.classes.user.RDefinedForLoad"))
  expect_equal(predict(loaded, matrix(1, 1, 2), verbose = 0), matrix(2, 1, 2))
})
