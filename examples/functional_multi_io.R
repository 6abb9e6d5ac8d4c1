# The functional API with two named inputs and two named outputs, trained with
# per-output losses, metrics and loss weights, then saved and reloaded.
library(kerasbridge)
set_random_seed(3)

n <- 500
numeric_in <- matrix(rnorm(n * 6), n, 6)
category_in <- sample(0:4, n, replace = TRUE)
price <- numeric_in %*% c(1, -1, 0.5, 0, 2, 0) + category_in * 0.3 + rnorm(n, sd = 0.1)
expensive <- as.numeric(price > median(price))

features <- layer_input(shape = c(6), name = "features")
category <- layer_input(shape = c(1), name = "category")
cat_vec <- category %>% layer_embedding(input_dim = 5, output_dim = 3) %>% layer_flatten()
hidden <- list(features, cat_vec) %>% layer_concatenate() %>%
  layer_dense(units = 32, activation = "relu")
price_out <- hidden %>% layer_dense(units = 1, name = "price")
class_out <- hidden %>% layer_dense(units = 1, activation = "sigmoid", name = "expensive")

model <- keras_model(inputs = list(features = features, category = category),
                     outputs = list(price = price_out, expensive = class_out))
model %>% compile(
  optimizer = optimizer_adam(learning_rate = 0.01),
  loss = list(price = "mse", expensive = "binary_crossentropy"),
  metrics = list(price = "mae", expensive = "accuracy"),
  loss_weights = list(price = 1, expensive = 0.5)
)
x <- list(features = numeric_in, category = matrix(category_in, ncol = 1))
y <- list(price = price, expensive = expensive)
history <- model %>% fit(x, y, epochs = 20, batch_size = 32, validation_split = 0.2, verbose = 0)
print(history)
print(model %>% evaluate(x, y, verbose = 0))

path <- file.path(tempdir(), "multi_io.keras")
save_model(model, path)
reloaded <- load_model(path)
p1 <- predict(model, x, verbose = 0)
p2 <- predict(reloaded, x, verbose = 0)
stopifnot(isTRUE(all.equal(p1$price, p2$price)))
cat("Reloaded model gives the same predictions.\n")
