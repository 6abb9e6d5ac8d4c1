test_that("custom_metric() names an R metric function in the history", {
  skip_if_no_core()
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  mae2 <- custom_metric("mae2", function(y_true, y_pred) k_mean(k_abs(y_true - y_pred)))
  model %>% compile(optimizer = "sgd", loss = "mse", metrics = list(mae2))
  x <- matrix(runif(20), 10, 2); y <- runif(10)
  h <- model %>% fit(x, y, epochs = 1, verbose = 0)
  expect_named(h$metrics, c("loss", "mae2"))
})
