skip_if_no_core()

define_scaled_mse <- function() new_loss_class("RScaledMSE",
  initialize = function(scale = 1, name = "scaled_mse", ...) {
    super$initialize(name = name, ...)
    self$scale <- scale
  },
  call = function(y_true, y_pred) self$scale * tf$reduce_mean(tf$square(y_true - y_pred), axis = -1L),
  get_config = function() { config <- super$get_config(); config$scale <- self$scale; config })

test_that("a loss class applies the reduction and sample weights as Keras does", {
  ScaledMSE <- define_scaled_mse()
  yt <- tf$constant(matrix(c(0, 0, 1, 1), 2, byrow = TRUE), "float32")
  yp <- tf$constant(matrix(c(1, 1, 1, 3), 2, byrow = TRUE), "float32")   # per sample: 1, 2
  expect_equal(as.numeric(ScaledMSE(scale = 2)(yt, yp)), 3)
  expect_equal(as.numeric(ScaledMSE(scale = 2, reduction = "sum")(yt, yp)), 6)
  expect_equal(as.numeric(ScaledMSE(reduction = "auto")(yt, yp)), 1.5)
  expect_equal(as.numeric(ScaledMSE(scale = 2)(yt, yp, sample_weight = tf$constant(c(1, 0)))), 1)
  expect_identical(ScaledMSE(scale = 3)$get_config(),
                   list(name = "scaled_mse", reduction = "sum_over_batch_size", scale = 3))
})

test_that("a loss class in compile() trains like the built-in loss", {
  ScaledMSE <- define_scaled_mse()
  d <- class_xy()
  run <- function(loss) {
    set_random_seed(1)
    model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
    model %>% compile(optimizer = "sgd", loss = loss)
    (model %>% fit(d$x, d$y, epochs = 2, batch_size = 8, shuffle = FALSE, verbose = 0))$metrics$loss
  }
  expect_equal(run(ScaledMSE()), run("mse"), tolerance = 1e-6)
})
