test_that("custom_metric() names an R metric function in the history", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  mae2 <- custom_metric("mae2", function(y_true, y_pred) k_mean(k_abs(y_true - y_pred)))
  model %>% compile(optimizer = "sgd", loss = "mse", metrics = list(mae2))
  x <- matrix(runif(20), 10, 2); y <- runif(10)
  h <- model %>% fit(x, y, epochs = 1, verbose = 0)
  expect_named(h$metrics, c("loss", "mae2"))
})

test_that("a metric function sees targets of the predictions' rank, as in Keras 2 (per sample, not per pair)", {
  skip_if_no_core()
  acc <- custom_metric("argmax_acc", function(y_true, y_pred) {
    k_cast(k_equal(k_cast(y_true, "int64"), k_expand_dims(k_argmax(y_pred, axis = -1), axis = -1)), "float32")
  })
  model <- keras_model_sequential(input_shape = 2) %>%
    layer_dense(units = 2, activation = "softmax", kernel_initializer = "zeros",
                bias_initializer = initializer_constant(c(1, 0)))
  model %>% compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy", metrics = acc)
  # predictions are always class 0; 3 of 4 targets are 0: per sample 0.75 (per pair it was 0.5625)
  res <- evaluate(model, matrix(0, 4, 2), c(0, 0, 0, 1), verbose = 0)
  expect_equal(res[["argmax_acc"]], 0.75, tolerance = 1e-6)
})

test_that("metrics = list(acc = metric_binary_accuracy) on a single-output model names the metric, as R keras 2.x did", {
  skip_if_no_core()
  x <- layer_input(shape = 3)
  model <- keras_model(x, layer_dense(x, 1, activation = "sigmoid"))
  suppressWarnings(model %>% compile(optimizer = "sgd", loss = "binary_crossentropy",
                                     metrics = list(acc = metric_binary_accuracy)))
  h <- model %>% fit(matrix(runif(24), 8), rep(c(0, 1), 4), epochs = 1, verbose = 0, validation_split = 0.25)
  expect_equal(names(h$metrics), c("loss", "acc", "val_loss", "val_acc"))
  # a name Keras resolves by the loss loses its list name (R keras 2.x dropped it)
  model %>% compile(optimizer = "sgd", loss = "binary_crossentropy", metrics = list(acc = "accuracy"))
  h <- model %>% fit(matrix(runif(24), 8), rep(c(0, 1), 4), epochs = 1, verbose = 0)
  expect_equal(names(h$metrics), c("loss", "accuracy"))
})

test_that("train_on_batch()/test_on_batch() give loss, then the per-output losses in output order (R keras 2.x's metrics_names)", {
  skip_if_no_core()
  x <- layer_input(shape = 3)
  model <- keras_model(x, list(layer_dense(x, 1, activation = "sigmoid", name = "gen"),
                               layer_dense(x, 4, activation = "softmax", name = "aux")))
  model %>% compile(optimizer = "sgd", loss = list("binary_crossentropy", "sparse_categorical_crossentropy"))
  X <- matrix(runif(24), 8); y <- list(matrix(rep(0:1, 4)), rep(0:3, 2))
  expect_named(unlist(train_on_batch(model, X, y)), c("loss", "gen_loss", "aux_loss"))
  expect_named(unlist(test_on_batch(model, X, y)), c("loss", "gen_loss", "aux_loss"))
})

test_that("a subclassed model's outputs are output_1, output_2 in the history, as in Keras 2", {
  skip_if_no_core()
  TwoHeads <- new_model_class("TwoHeads",
    initialize = function() {
      super$initialize()
      self$a <- layer_dense(units = 3, activation = "softmax")
      self$b <- layer_dense(units = 1)
    },
    call = function(inputs) list(self$a(inputs), self$b(inputs)))
  model <- TwoHeads()
  model %>% compile(optimizer = "sgd", loss = list("categorical_crossentropy", "mse"),
                    metrics = list(list("accuracy"), list("mae")))
  x <- matrix(runif(32), 8)
  y <- list(to_categorical(0:7 %% 3, 3), matrix(1, 8, 1))
  history <- model %>% fit(x, y, epochs = 1, verbose = 0)
  expect_setequal(names(history$metrics),
                  c("loss", "output_1_loss", "output_2_loss", "output_1_accuracy", "output_2_mae"))
})

test_that("two outputs of one nested model get a loss each (discriminator, discriminator_1), as in Keras 2", {
  skip_if_no_core()
  inputs <- layer_input(shape = 4)
  disc <- keras_model(inputs, list(inputs %>% layer_dense(1, activation = "sigmoid"),
                                   inputs %>% layer_dense(3, activation = "softmax")),
                      name = "discriminator")
  z <- layer_input(shape = 4)
  combined <- keras_model(z, disc(z))
  combined %>% compile(optimizer = "sgd", loss = list("binary_crossentropy", "sparse_categorical_crossentropy"))
  res <- train_on_batch(combined, matrix(runif(32), 8), list(matrix(1, 8, 1), matrix(0, 8, 1)))
  expect_length(res, 3)
  expect_equal(res[[1]], res[[2]] + res[[3]], tolerance = 1e-5)
  scores <- evaluate(combined, matrix(runif(32), 8), list(matrix(1, 8, 1), matrix(0, 8, 1)), verbose = 0)
  expect_named(scores, c("loss", "discriminator_loss", "discriminator_1_loss"))
})
