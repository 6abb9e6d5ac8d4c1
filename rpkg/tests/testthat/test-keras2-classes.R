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

test_that("layer_cudnn_lstm is an LSTM", {
  skip_if_no_core()
  l <- layer_cudnn_lstm(units = 4)
  expect_s3_class(l, "keras.src.layers.rnn.lstm.LSTM")
})
