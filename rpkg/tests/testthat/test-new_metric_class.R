skip_if_no_core()

define_tp <- function() new_metric_class("RTruePositives",
  initialize = function(name = "tp_rate", ...) {
    super$initialize(name = name, ...)
    self$tp <- self$add_weight(name = "tp", initializer = "zeros", dtype = "int32")
    self$total <- self$add_weight(name = "total", initializer = "zeros")
  },
  update_state = function(y_true, y_pred, sample_weight = NULL) {
    hit <- tf$logical_and(tf$cast(y_true, "bool"), y_pred > 0.5)
    self$tp$assign_add(tf$reduce_sum(tf$cast(hit, "int32")))
    self$total$assign_add(tf$cast(tf$shape(y_true)[1], "float32"))
  },
  result = function() tf$cast(self$tp, "float32") / tf$maximum(self$total, 1))

test_that("a metric class works standalone with float and int32 state and a default reset", {
  TP <- define_tp()
  m <- TP()
  expect_identical(m$name, "tp_rate")
  m$update_state(tf$constant(matrix(c(1, 1, 0, 1))), tf$constant(matrix(c(.9, .2, .8, .7))))
  expect_equal(as.numeric(m$result()), 0.5)
  expect_identical(vapply(m$variables, function(v) v$dtype, ""), c("int32", "float32"))
  m$reset_state()
  expect_equal(as.numeric(m$result()), 0)
  expect_equal(as.numeric(m$tp$numpy()), 0)
})

test_that("a metric class in compile() gives the same number as standalone", {
  TP <- define_tp()
  set.seed(1)
  x <- matrix(runif(48), 16, 3)
  y <- matrix(as.numeric(x[, 1] > 0.5), 16, 1)
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 1, activation = "sigmoid")
  model %>% compile(optimizer = "sgd", loss = "binary_crossentropy", metrics = list(TP()))
  h <- model %>% fit(x, y, epochs = 2, batch_size = 8, verbose = 0)
  expect_length(h$metrics$tp_rate, 2)
  ev <- model %>% evaluate(x, y, verbose = 0)
  m <- TP()
  m$update_state(y, predict(model, x, verbose = 0))
  expect_equal(unname(ev["tp_rate"]), as.numeric(m$result()), tolerance = 1e-6)
})

test_that("reset_states (Keras 2 name) is used as reset_state", {
  M <- new_metric_class("RSeven",
    initialize = function(...) { super$initialize(...); self$n <- self$add_weight(name = "n", initializer = "zeros") },
    update_state = function(y_true, y_pred, sample_weight = NULL) self$n$assign_add(1),
    result = function() self$n$value,
    reset_states = function() self$n$assign(7))
  m <- M()
  m$reset_state()
  expect_equal(as.numeric(m$result()), 7)
})
