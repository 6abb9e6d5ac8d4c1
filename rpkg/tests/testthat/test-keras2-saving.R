test_that("serialize_model/unserialize_model survive saveRDS", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(16), 2, 8)
  f <- tempfile(fileext = ".rds")
  saveRDS(serialize_model(model), f)
  m2 <- unserialize_model(readRDS(f))
  expect_equal(predict(m2, x, verbose = 0), predict(model, x, verbose = 0))
  expect_error(unserialize_model("nope"), class = "kerasbridge_argument_error")
})

test_that("save_model_tf() writes model.keras in a folder that load_model_tf() reads", {
  skip_if_no_core()
  model <- small_mlp()
  x <- matrix(runif(16), 2, 8)
  dir <- tempfile("saved")
  save_model_tf(model, dir)
  expect_true(file.exists(file.path(dir, "model.keras")))
  expect_equal(predict(load_model_tf(dir), x, verbose = 0), predict(model, x, verbose = 0))
})

test_that("custom_objects may be unnamed, named after their objects, as in R keras 2.x", {
  skip_if_no_core()
  layer_twice <- new_layer_class("KbTwice", call = function(inputs) inputs * 2)
  metric_mean_pred <- custom_metric("kb_mean_pred", function(y_true, y_pred) k_mean(y_pred))
  my_loss <- function(y_true, y_pred) k_mean(k_square(y_true - y_pred))
  model <- keras_model_sequential(input_shape = 4) %>% layer_dense(2) %>% layer_twice()
  model %>% compile(loss = my_loss, optimizer = "sgd", metrics = metric_mean_pred)
  x <- matrix(runif(8), 2, 4)
  for (ext in c(".keras", ".h5")) {
    f <- tempfile(fileext = ext)
    save_model(model, f)
    m2 <- load_model(f, custom_objects = list(metric_mean_pred, layer_twice, my_loss = my_loss))
    expect_equal(predict(m2, x, verbose = 0), predict(model, x, verbose = 0), tolerance = 1e-6)
    expect_true("kb_mean_pred" %in% names(evaluate(m2, x, x[, 1:2], verbose = 0)))
  }
  expect_identical(names(kerasbridge:::name_custom_objects(list(metric_mean_pred, layer_twice, l = my_loss))),
                   c("kb_mean_pred", "KbTwice", "l"))
  expect_error(load_model(f, custom_objects = list(my_loss)), "must be a named list", class = "kerasbridge_argument_error")
})

test_that("with_custom_object_scope() lets load_model_hdf5() compile with a custom metric", {
  skip_if_no_core()
  metric_mean_pred <- custom_metric("kb_scope_pred", function(y_true, y_pred) k_mean(y_pred))
  model <- keras_model_sequential(input_shape = 4) %>% layer_dense(2)
  model %>% compile(loss = "mse", optimizer = "sgd", metrics = metric_mean_pred)
  f <- tempfile(fileext = ".hdf5")
  save_model_hdf5(model, f)
  expect_error(load_model_hdf5(f), "kb_scope_pred", class = "kerasbridge_model_file_error")
  ev <- with_custom_object_scope(metric_mean_pred, {  # unnamed: named after the metric
    evaluate(load_model_hdf5(f), matrix(runif(8), 2, 4), matrix(runif(4), 2, 2), verbose = 0)
  })
  expect_named(ev, c("loss", "kb_scope_pred"))
  expect_false("kb_scope_pred" %in% names(get_custom_objects()))  # the scope is left as it was
})
