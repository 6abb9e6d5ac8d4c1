test_that("misspelled hooks warn at class creation, without starting Python", {
  expect_warning(new_metric_class("W1", update_states = function(y_true, y_pred) NULL),
                 "update_states.*Did you mean.*update_state", class = "kerasbridge_method_name_warning")
  expect_warning(new_callback_class("W2", on_epoch_ends = function(epoch, logs) NULL),
                 "on_epoch_ends.*on_epoch_end")
  expect_warning(new_model_class("W3", train_stp = function(data) NULL), "train_step")
  expect_no_warning(new_layer_class("W4", call = function(inputs) inputs, my_helper = function() 1))
  expect_no_warning(new_metric_class("W5", reset_states = function() NULL))  # Keras 2 alias
})

test_that("bad arguments to a constructor are R errors naming the argument", {
  expect_error(new_layer_class("not valid"), class = "kerasbridge_argument_error")
  expect_error(new_layer_class("X", NULL, NULL, NULL, NULL, NULL, function(x) x), "must be named")
  expect_error(new_layer_class("X", parent_class = "Layer"), class = "kerasbridge_argument_error")
  expect_error(mark_active(1), class = "kerasbridge_argument_error")
})

test_that("constructors print what they make", {
  L <- new_layer_class("Printed", initialize = function(units, ...) NULL, call = function(inputs) inputs)
  expect_output(print(L), "<Printed> a Keras layer class made by new_layer_class\\(\\)")
  expect_output(print(L), "Printed\\(object, units, \\.\\.\\.\\)")
})

skip_if_no_core()

test_that("forgetting the parent initialize is an error naming the class and the fix", {
  Forgetful <- new_layer_class("RForgetful", initialize = function(units = 2) self$units <- units)
  err <- tryCatch(Forgetful(), error = function(e) e)
  expect_s3_class(err, "kerasbridge_method_error")
  expect_match(conditionMessage(err), "RForgetful")
  expect_match(conditionMessage(err), "super$initialize(...)", fixed = TRUE)
  # a callback may skip it, as in Keras 2 (test-keras2-callbacks.R)
  Quiet <- new_metric_class("RForgetfulMetric", initialize = function() NULL)
  expect_error(Quiet(), "RForgetfulMetric: `initialize` did not call the parent", class = "kerasbridge_method_error")
})

test_that("an R error inside a method is an R error with the original as parent", {
  Fails <- new_layer_class("RFails",
    initialize = function(...) { super$initialize(...); stop("no good: ", 42) })
  err <- tryCatch(Fails(), error = function(e) e)
  expect_s3_class(err, "kerasbridge_method_error")
  expect_match(conditionMessage(err), "RFails$initialize() failed", fixed = TRUE)
  expect_identical(conditionMessage(err$parent), "no good: 42")
})

test_that("private is a per-instance environment, freed with its instance", {
  got <- new.env()
  Holder <- new_layer_class("RHolder",
    initialize = function(...) { super$initialize(...); private$big <- numeric(10) },
    record = function(slot) { assign(slot, rlang::new_weakref(private), envir = got); NULL })
  h <- Holder()
  h$record("first")
  h$record("again")
  Holder()$record("other")
  expect_true(is.environment(rlang::wref_key(got$first)))
  expect_identical(rlang::wref_key(got$first)$big, numeric(10))
  expect_identical(rlang::wref_key(got$again), rlang::wref_key(got$first))    # same on every call
  expect_false(identical(rlang::wref_key(got$other), rlang::wref_key(got$first)))  # one per instance
  rm(h)
  # R drops its Python reference, Python collects the layer (it has cycles)
  # and drops its R closure, then R can collect the environment
  for (i in 1:2) { invisible(gc()); reticulate::import("gc")$collect() }
  invisible(gc())
  expect_null(rlang::wref_key(got$first))
})

test_that("mark_active makes getter and setter properties", {
  Box <- new_layer_class("RBox",
    initialize = function(...) { super$initialize(...); private$v <- 1 },
    value = mark_active(function(value) {
      if (missing(value)) return(private$v)
      private$v <- value * 10
    }),
    doubled = mark_active(function() private$v * 2))
  b <- Box()
  expect_identical(b$value, 1)
  b$value <- 2
  expect_identical(b$value, 20)
  expect_identical(b$doubled, 40)
})

test_that("an R error in a layer's call during fit names the class, method, epoch and batch", {
  Exploding <- new_layer_class("RExploding",
    call = function(inputs, training = NULL) { if (isTRUE(training)) stop("layer exploded"); inputs })
  model <- keras_model_sequential(input_shape = 4) %>% create_layer_wrapper(Exploding)() %>% layer_dense(units = 1)
  model %>% compile(optimizer = "sgd", loss = "mse")
  err <- tryCatch(model %>% fit(matrix(1, 8, 4), matrix(0, 8, 1), epochs = 2, verbose = 0),
                  error = function(e) e)
  expect_s3_class(err, "kerasbridge_method_error")
  expect_match(conditionMessage(err), "RExploding$call() failed during fit(), epoch 1, batch 1: layer exploded",
               fixed = TRUE)
})

test_that("a constructor handed to Python is its Keras class (custom_objects, parents)", {
  Ident <- new_layer_class("RIdentToPy", call = function(inputs) inputs)
  cls <- r_to_py(Ident)
  expect_true(inherits(cls, "python.builtin.type"))
  expect_identical(reticulate::py_to_r(reticulate::py_get_attr(cls, "__name__")), "RIdentToPy")
  model <- keras_model_sequential(input_shape = 2) %>% Ident()
  f <- tempfile(fileext = ".keras")
  save_model(model, f)
  loaded <- load_model(f, custom_objects = list(RIdentToPy = Ident))
  expect_equal(predict(loaded, matrix(1:2, 1), verbose = 0), matrix(1:2, 1), ignore_attr = TRUE)
})
