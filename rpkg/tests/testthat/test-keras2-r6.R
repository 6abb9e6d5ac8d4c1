test_that("an R6 KerasLayer becomes a Keras layer through create_layer()", {
  skip_if_no_core()
  CustomLayer <- R6::R6Class("CustomLayerR6", inherit = KerasLayer,
    public = list(
      output_dim = NULL,
      initialize = function(output_dim) self$output_dim <- output_dim,
      build = function(input_shape) {
        self$kernel <- self$add_weight(name = "kernel", shape = list(input_shape[[2]], self$output_dim),
                                       initializer = "ones")
      },
      call = function(x, mask = NULL) op_matmul(x, self$kernel),
      compute_output_shape = function(input_shape) list(input_shape[[1]], self$output_dim)))
  layer_custom <- function(object, output_dim, name = NULL, trainable = TRUE)
    create_layer(CustomLayer, object, list(output_dim = as.integer(output_dim), name = name,
                                           trainable = trainable))
  model <- keras_model_sequential(input_shape = 3) |> layer_custom(2, name = "custom")
  expect_equal(predict(model, matrix(1, 1, 3), verbose = 0), matrix(3, 1, 2))
  expect_equal(model$layers[[1]]$name, "custom")
  expect_error(create_layer(R6::R6Class("NotALayer"), NULL, list()), "KerasLayer", class = "kerasbridge_error")
  expect_equal(unlist(create_layer(layer_dense, NULL, list(units = 3))$units), 3)
})

test_that("KerasWrapper, KerasCallback and KerasConstraint objects work where Keras takes them", {
  skip_if_no_core()
  Twice <- R6::R6Class("TwiceR6", inherit = KerasWrapper,
    public = list(call = function(x, mask = NULL) self$layer(x) * 2))
  w <- create_wrapper(Twice, args = list(layer = layer_dense(units = 2, kernel_initializer = "ones")))
  expect_equal(as.array(w(op_ones(c(1, 3)))), matrix(6, 1, 2))

  LossHistory <- R6::R6Class("LossHistory", inherit = KerasCallback,
    public = list(losses = NULL,
                  on_batch_end = function(batch, logs = list()) self$losses <- c(self$losses, logs[["loss"]])))
  history <- LossHistory$new()
  NonNeg <- R6::R6Class("NonNegR6", inherit = KerasConstraint,
    public = list(call = function(w) w * op_cast(w >= 0, "float32")))
  model <- keras_model_sequential(input_shape = 2) |>
    layer_dense(1, kernel_constraint = NonNeg$new())
  model |> compile(optimizer = "sgd", loss = "mse")
  model |> fit(matrix(1, 8, 2), rep(-5, 8), batch_size = 4, epochs = 2, verbose = 0, callbacks = list(history))
  expect_length(history$losses, 4)
  expect_false(is.null(history$model))
  expect_true(all(as.array(model$layers[[1]]$kernel) >= 0))
})

test_that("R6 classes inheriting a Keras class: create_layer(), r_to_py(), masks", {
  skip_if_no_core()
  MaskPass <- R6::R6Class("MaskPassR6", inherit = keras$layers$Layer,
    public = list(
      units = NULL,
      supports_masking = TRUE,
      initialize = function(units, ...) {
        super()$`__init__`(...)
        self$units <- units
      },
      build = function(input_shape) {
        self$kernel <- self$add_weight(name = "kernel", shape = list(input_shape[[2]], self$units),
                                       initializer = "ones")
      },
      call = function(x, mask = NULL) op_matmul(x, self$kernel),
      compute_mask = function(x, mask = NULL) mask))
  layer_mask_pass <- function(object, units, name = NULL)
    create_layer(MaskPass, object, list(units = as.integer(units), name = name))
  model <- keras_model_sequential(input_shape = 3) %>% layer_mask_pass(2, name = "mp")
  expect_equal(predict(model, matrix(1, 1, 3), verbose = 0), matrix(3, 1, 2), ignore_attr = TRUE)
  expect_equal(model$layers[[1]]$name, "mp")

  # r_to_py() of the generator: the Keras class, callable from R
  MaskPassPy <- r_to_py(MaskPass, convert = TRUE)
  expect_true(is.function(MaskPassPy))
  inp <- layer_input(shape = 4)
  expect_equal(dim(MaskPassPy(units = 2L)(inp)), c(NA, 2L))

  # Keras 2's layer$input_mask / layer$output_mask
  masked <- inp %>% layer_masking(mask_value = -9)
  lyr <- layer_mask_pass(NULL, 5)
  lyr(masked)
  expect_true(lyr$supports_masking)
  expect_s3_class(lyr$input_mask, "keras.src.backend.common.keras_tensor.KerasTensor")
  expect_identical(dim(lyr$output_mask), dim(lyr$input_mask))
})

test_that("a KerasWrapper takes Keras 2 layer arguments and reaches the wrapped layer through super", {
  skip_if_no_core()
  Shifted <- R6::R6Class("ShiftedR6", inherit = KerasWrapper,
    public = list(
      shift = NULL,
      initialize = function(shift) self$shift <- shift,
      build = function(input_shape) {
        super$build(input_shape)
        self$bias <- super$add_weight(name = "bias", shape = shape(1), initializer = "ones")
      },
      call = function(x, mask = NULL, training = NULL) super$call(x) + self$bias * self$shift))
  wrapper_shifted <- function(object, layer, shift, input_shape = NULL)
    create_wrapper(Shifted, object, list(layer = layer, shift = shift, input_shape = input_shape))
  model <- keras_model_sequential() %>%
    wrapper_shifted(layer_dense(units = 2, kernel_initializer = "ones"), shift = 10, input_shape = shape(3))
  expect_identical(dim(model$inputs[[1]]), c(NA_integer_, 3L))
  expect_equal(predict(model, matrix(1, 1, 3), verbose = 0), matrix(13, 1, 2), ignore_attr = TRUE)
  expect_length(model$layers[[1]]$get_weights(), 3)
  model %>% compile(optimizer = "sgd", loss = "mse")
  expect_no_error(model %>% fit(matrix(1, 4, 3), matrix(0, 4, 2), epochs = 1, verbose = 0))
})

test_that("an R6 callback with a Keras parent gets Keras' own hook arguments; one R6 callback needs no list", {
  skip_if_no_core()
  Tagger <- R6::R6Class("TaggerR6", inherit = keras$callbacks$Callback,
    public = list(on_epoch_end = function(epoch, logs = NULL) {
      logs[["tag"]] <- epoch  # a Python dict, changed in place
      logs
    }))
  Copier <- R6::R6Class("CopierR6", inherit = keras$callbacks$Callback,
    public = list(on_epoch_end = function(epoch, logs = NULL) {
      logs[["ignored"]] <- epoch  # an R copy: Keras ignores what a hook returns
      logs
    }))
  tagger <- r_to_py(Tagger, convert = FALSE)()
  copier <- r_to_py(Copier, convert = TRUE)()
  model <- small_mlp()
  h <- model %>% fit(matrix(runif(80), 10, 8), 0:9 %% 3, epochs = 2, verbose = 0,
                     callbacks = list(tagger, copier))
  expect_equal(h$metrics$tag, c(0, 1))   # 0-based, as Keras gives it
  expect_false("ignored" %in% names(h$metrics))

  Seen <- R6::R6Class("SeenR6", inherit = KerasCallback,
    public = list(n = 0, on_predict_begin = function(logs) self$n <- self$n + 1))
  seen <- Seen$new()
  predict(model, matrix(runif(16), 2, 8), verbose = 0, callbacks = seen)
  expect_equal(seen$n, 1)
})

test_that("a wrapper's build() may add a weight to the layer it built (Keras 2 allowed it)", {
  skip_if_no_core()
  Scaled <- R6::R6Class("ScaledWrapperR6", inherit = keras$layers$Wrapper, public = list(
    build = function(input_shape) {
      self$layer$build(input_shape)
      self$scale <- self$layer$add_weight(name = "scale", shape = list(1L), initializer = "ones")
    },
    call = function(x, mask = NULL, training = NULL) self$layer$call(x) * self$scale
  ))
  model <- keras_model_sequential(input_shape = 2) %>%
    create_layer(Scaled, ., list(layer = layer_dense(units = 3)))
  expect_length(model$layers[[1]]$layer$weights, 3L)
  expect_equal(dim(predict(model, matrix(1, 4, 2), verbose = 0)), c(4L, 3L))
})

test_that("an R6 KerasLayer adds a loss with Keras 2's add_loss(loss, inputs = ) and trains with y = NULL", {
  skip_if_no_core()
  Reconstruction <- R6::R6Class("Reconstruction", inherit = KerasLayer,
    public = list(
      call = function(inputs, mask = NULL) {
        x <- inputs[[1]]; decoded <- inputs[[2]]
        self$add_loss(k_mean(k_square(x - decoded)), inputs = inputs)   # the book's VAE layer
        x
      }))
  layer_reconstruction <- function(object) create_layer(Reconstruction, object, list())
  input <- layer_input(shape = 3)
  decoded <- input %>% layer_dense(units = 3)
  model <- keras_model(input, list(input, decoded) %>% layer_reconstruction())
  model %>% compile(optimizer = "sgd", loss = NULL)
  x <- matrix(runif(48), 16)
  history <- model %>% fit(x = x, y = NULL, epochs = 2, batch_size = 8, verbose = 0,
                           validation_data = list(x, NULL))
  expect_named(history$metrics, c("loss", "val_loss"))
  expect_true(all(is.finite(unlist(history$metrics))))
})
