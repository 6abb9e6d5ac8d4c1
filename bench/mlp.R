# The MLP that bench_custom_loop.R and bench_autograph.R train from R
# (784-64-64-10, logits out), built the same way with seed 1; their Python
# sides build the same layers.
make_mlp <- function() {
  set_random_seed(1)
  inputs <- layer_input(shape = 784)
  outputs <- inputs %>%
    layer_dense(units = 64, activation = "relu") %>%
    layer_dense(units = 64, activation = "relu") %>%
    layer_dense(units = 10)
  keras_model(inputs, outputs)
}
