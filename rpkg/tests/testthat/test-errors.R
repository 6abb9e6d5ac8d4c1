# Bad input gets an R error naming the argument, what was received and the fix;
# the model is unchanged afterwards and still trains.

expect_model_intact <- function(model, before, x, y) {
  expect_equal(get_weights(model), before)
  h <- model %>% fit(x, y, epochs = 1, verbose = 0)
  expect_true(is.finite(h$metrics$loss))
}

test_that("x with the wrong shape says expected and received shapes", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% fit(matrix(runif(50), 10, 5), y, verbose = 0),
                      class = "kerasbridge_input_shape_error")
  expect_match(conditionMessage(err), "expected shape c(NA, 8)", fixed = TRUE)
  expect_match(conditionMessage(err), "received c(10, 5)", fixed = TRUE)
  expect_model_intact(model, before, x, y)
})

test_that("labels outside 0..K-1 suggest y - 1", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% fit(x, y + 1L, verbose = 0), class = "kerasbridge_label_range_error")
  expect_match(conditionMessage(err), "0-based")
  expect_match(conditionMessage(err), "y - 1", fixed = TRUE)
  expect_model_intact(model, before, x, y)
})

test_that("NA in x is an error naming x", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  xna <- x; xna[3, 2] <- NA
  err <- expect_error(model %>% fit(xna, y, verbose = 0), class = "kerasbridge_missing_value_error")
  expect_match(conditionMessage(err), "`x` contains NA")
  expect_error(model %>% fit(x, c(NA, y[-1]), verbose = 0), class = "kerasbridge_missing_value_error")
  expect_model_intact(model, before, x, y)
})

test_that("unknown loss/optimizer/metric strings list close matches", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% compile(optimizer = "rmsprop", loss = "sparse_categorical_crossentropi"),
                      class = "kerasbridge_unknown_identifier_error")
  expect_match(conditionMessage(err), "sparse_categorical_crossentropy")
  expect_match(conditionMessage(err), "`loss`")
  err <- expect_error(model %>% compile(optimizer = "adamm", loss = "mse"), class = "kerasbridge_unknown_identifier_error")
  expect_match(conditionMessage(err), "\"adam\"")
  err <- expect_error(model %>% compile(optimizer = "adam", loss = "mse", metrics = c("accuracy", "acuracy")),
                      class = "kerasbridge_unknown_identifier_error")
  expect_match(conditionMessage(err), "accuracy")
  expect_model_intact(model, before, x, y)  # still compiled as before
})

test_that("x and y with different numbers of samples", {
  skip_if_no_core()
  model <- small_mlp(); x <- matrix(runif(80), 10, 8); y <- 0:9 %% 3
  before <- get_weights(model)
  err <- expect_error(model %>% fit(x, y[1:7], verbose = 0), class = "kerasbridge_sample_count_error")
  expect_match(conditionMessage(err), "`x` has 10")
  expect_match(conditionMessage(err), "`y` has 7")
  expect_model_intact(model, before, x, y)
})

test_that("a named list whose names match no model input", {
  skip_if_no_core()
  set_random_seed(2)
  a <- layer_input(shape = c(4), name = "a"); b <- layer_input(shape = c(2), name = "b")
  out <- list(a, b) %>% layer_concatenate() %>% layer_dense(units = 1)
  model <- keras_model(list(a = a, b = b), out)
  model %>% compile(optimizer = "sgd", loss = "mse")
  x <- list(a = matrix(runif(40), 10, 4), b = matrix(runif(20), 10, 2)); y <- runif(10)
  before <- get_weights(model)
  err <- expect_error(model %>% fit(list(alpha = x$a, beta = x$b), y, verbose = 0), class = "kerasbridge_input_name_error")
  expect_match(conditionMessage(err), 'c("alpha", "beta")', fixed = TRUE)
  expect_match(conditionMessage(err), 'c("a", "b")', fixed = TRUE)
  expect_model_intact(model, before, x, y)
})

test_that("errors are R errors of class kerasbridge_error with the call", {
  skip_if_no_core()
  model <- small_mlp()
  err <- tryCatch(fit(model, matrix(1, 2, 3), c(0, 1), verbose = 0), error = identity)
  expect_s3_class(err, "kerasbridge_error")
  expect_s3_class(err, "rlang_error")
  expect_false(grepl("Traceback|ValueError", conditionMessage(err)))
  expect_error(layer_dense(units = 4, activation = "relu6x"), class = "kerasbridge_unknown_identifier_error")
  expect_error(get_layer(model, index = 5), "between 1 and 2")
})

test_that("abort_kb() is the one way R raises: cli message, kerasbridge classes, the caller's call", {
  f <- function(x) kerasbridge:::abort_kb(c("{.arg x} must be a number.", x = "Received {.obj_type_friendly {x}}."))
  err <- tryCatch(f("a"), error = identity)
  expect_s3_class(err, c("kerasbridge_argument_error", "kerasbridge_error", "rlang_error"))
  expect_match(conditionMessage(err), "`x` must be a number.", fixed = TRUE)
  expect_match(conditionMessage(err), "Received a string", fixed = TRUE)
  expect_identical(conditionCall(err), quote(f("a")))
  err <- tryCatch(kerasbridge:::abort_kb("gone", kind = "python", call = NULL), error = identity)
  expect_s3_class(err, "kerasbridge_python_error")
  expect_null(conditionCall(err))
})

test_that("an R error inside a method comes back by id, and the kept condition is freed", {
  skip_if_no_core()
  store <- kerasbridge:::.kb_r_errors$store
  Bad <- new_layer_class("RBadById", call = function(inputs) rlang::abort("kept by id", class = "my_method_error"))
  for (i in 1:2) {
    err <- tryCatch(layer_input(shape = 2) %>% Bad(), error = identity)
    expect_s3_class(err, "kerasbridge_method_error")
    expect_s3_class(err$parent, "my_method_error")
  }
  expect_length(ls(store), 0)
  # a tf_function body's R error comes back as itself
  f <- tf_function(function(x) rlang::abort("traced", class = "my_trace_error"), autograph = FALSE)
  expect_error(f(tf$constant(1)), "traced", class = "my_trace_error")
  expect_length(ls(store), 0)
})

# -- one style (issue 11): headline + bullets, no Python types, no ANSI, nothing twice

test_that("core errors are a headline and bullets, without Python type names or typos", {
  skip_if_no_core()
  model <- small_mlp()
  err <- expect_error(model %>% compile(loss = "msee"), class = "kerasbridge_unknown_identifier_error")
  lines <- strsplit(conditionMessage(err), "\n")[[1]]
  expect_equal(lines[1], "`loss` = \"msee\" is not a known loss.")
  expect_match(lines[2], "Did you mean \"mse\"")
  expect_match(lines[3], "Known losses include")
  expect_false(any(grepl("losss", lines)))
  err <- expect_error(layer_dense(units = list(a = 1)), class = "kerasbridge_argument_error")
  expect_match(conditionMessage(err), "received a named list")
  expect_false(grepl("object of type|dict", conditionMessage(err)))
})

test_that("a TensorFlow error from tf$... is a kerasbridge error: its message once, the Python class as an i bullet", {
  skip_if_no_core()
  f <- function() tf$reshape(tf$constant(1:6), c(7L))
  err <- expect_error(f(), class = "kerasbridge_python_error")
  msg <- conditionMessage(err)
  expect_equal(lengths(regmatches(msg, gregexpr("Input to reshape", msg))), 1L)
  expect_match(msg, "Python InvalidArgumentError")
  expect_false(grepl("function_node|\033|Traceback|site-packages", msg))
  expect_null(err$parent)  # the Python error is a field, not a "Caused by" copy
  expect_s3_class(err$python_error, "error")
  expect_match(paste(format(err), collapse = "\n"), "tf$reshape", fixed = TRUE)
  # what Python receives is still TensorFlow's function
  expect_match(reticulate::import_builtins()$repr(tf$reshape), "function")
})

test_that("trim_py_message() and as_bullets() keep one short line per point", {
  msg <- kerasbridge:::trim_py_message(paste0(
    "ValueError: \033[1mExpected\033[0m 3 inputs, e.g. `x`. Got 2.\n\nArguments received by Dense.call():\n  - inputs=tf.Tensor(...)"))
  expect_equal(msg, "Expected 3 inputs, e.g. `x`. Got 2.")
  expect_equal(kerasbridge:::as_bullets(msg), c("Expected 3 inputs, e.g. `x`.", x = "Got 2."))
  expect_equal(kerasbridge:::as_bullets("Bad {thing}"), "Bad {thing}.")
})

test_that("call_core_arrays() gives the R arrays reticulate's conversion gives, for every result shape", {
  skip_if_no_core()
  reticulate::py_run_string(paste(
    "import numpy as np",
    "def kb_results(kind):",
    "    r = np.random.default_rng(0)",
    "    return {'mat32': r.random((3, 4)).astype('float32'), 'vec': r.random(5), 'cube': r.random((2, 3, 4)),",
    "            'nan': np.array([[np.nan, np.inf], [-np.inf, 1.5]]), 'list': [r.random((2, 1)), r.random((2, 3))],",
    "            'dict': {'b': r.random((1, 2)), 'a': r.random((1, 1))}, 'big': r.random((70000, 1)),",
    "            'int': np.arange(6, dtype='int32').reshape(2, 3), 'empty': np.zeros((0, 3)), 'none': None}[kind]",
    sep = "\n"))
  # the core's functions are found by name: make this one reachable as one
  fastpath <- kerasbridge:::core()$fastpath
  main <- reticulate::import_main()
  reticulate::py_set_attr(fastpath, "kb_results", main$kb_results)
  on.exit(reticulate::py_del_attr(fastpath, "kb_results"))
  for (kind in c("mat32", "vec", "cube", "nan", "list", "dict", "big", "int", "empty", "none")) {
    expect_identical(kerasbridge:::call_core_arrays("fastpath.kb_results", kind), main$kb_results(kind), label = kind)
  }
})

test_that("predict() and predict_on_batch() return Keras' numbers as R arrays", {
  skip_if_no_core()
  set_random_seed(0)
  model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 3, activation = "softmax")
  x <- matrix(runif(8), 2)
  want <- model$predict(reticulate::np_array(x, dtype = "float32"), verbose = 0L)
  expect_identical(predict(model, x, verbose = 0), want)
  expect_identical(predict_on_batch(model, x), want)
  expect_identical(dim(predict(model, matrix(runif(400), 100), verbose = 0)), c(100L, 3L))
})
