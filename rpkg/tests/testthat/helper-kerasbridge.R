# Skip (rather than fail) when the Python core can't be imported, as
# reticulate-based packages do; the project's own test run always has it.
skip_if_no_core <- function() {
  ok <- tryCatch({ kerasbridge:::core(); TRUE }, error = function(e) FALSE)
  if (!ok) testthat::skip("the kerasbridge Python core is not available")
}

small_mlp <- function(n_in = 8, n_out = 3, seed = 1) {
  set_random_seed(seed)
  model <- keras_model_sequential(input_shape = c(n_in)) %>%
    layer_dense(units = 8, activation = "relu") %>%
    layer_dense(units = n_out, activation = "softmax")
  model %>% compile(optimizer = "rmsprop", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  model
}
