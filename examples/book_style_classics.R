# The classic first examples of the R keras 2.x books, unchanged in style, on
# made-up data of the same shapes (no downloads here): binary classification of
# "reviews" as multi-hot vectors, multiclass with one-hot labels, and a
# regression with k-fold validation.
library(kerasbridge)
use_session_with_seed(42, quiet = TRUE)

# ---- Binary classification (IMDB-style) -----------------------------------
vectorize_sequences <- function(sequences, dimension = 1000) {
  results <- matrix(0, nrow = length(sequences), ncol = dimension)
  for (i in 1:length(sequences))
    results[i, sequences[[i]]] <- 1
  results
}
make_reviews <- function(n) {
  labels <- sample(0:1, n, replace = TRUE)
  seqs <- lapply(labels, function(l) sample(if (l == 1) 1:600 else 400:1000, 40, replace = TRUE))
  list(x = seqs, y = labels)
}
train <- make_reviews(2000); test <- make_reviews(500)
x_train <- vectorize_sequences(train$x); x_test <- vectorize_sequences(test$x)
y_train <- as.numeric(train$y); y_test <- as.numeric(test$y)

val_indices <- 1:500
x_val <- x_train[val_indices, ]; partial_x_train <- x_train[-val_indices, ]
y_val <- y_train[val_indices]; partial_y_train <- y_train[-val_indices]

model <- keras_model_sequential() %>%
  layer_dense(units = 16, activation = "relu", input_shape = c(1000)) %>%
  layer_dense(units = 16, activation = "relu") %>%
  layer_dense(units = 1, activation = "sigmoid")
model %>% compile(
  optimizer = optimizer_rmsprop(lr = 0.001),
  loss = loss_binary_crossentropy,
  metrics = metric_binary_accuracy
)
history <- model %>% fit(
  partial_x_train, partial_y_train,
  epochs = 4, batch_size = 512,
  validation_data = list(x_val, y_val), verbose = 0
)
str(history$metrics)
results <- model %>% evaluate(x_test, y_test, verbose = 0)
results
stopifnot(results$binary_accuracy > 0.9)
round(model %>% predict(x_test[1:5, ], verbose = 0), 3)

# ---- Multiclass with one-hot labels (Reuters-style) -----------------------
n_classes <- 6
topics <- sample(0:(n_classes - 1), 1500, replace = TRUE)
docs <- lapply(topics, function(t) sample(c(t * 100 + 1:100, sample(1:1000, 10)), 30, replace = TRUE))
x <- vectorize_sequences(docs)
one_hot_labels <- to_categorical(topics)
model <- keras_model_sequential() %>%
  layer_dense(units = 64, activation = "relu", input_shape = c(1000)) %>%
  layer_dense(units = 64, activation = "relu") %>%
  layer_dense(units = n_classes, activation = "softmax")
model %>% compile(optimizer = "rmsprop", loss = "categorical_crossentropy", metrics = c("accuracy"))
history <- model %>% fit(x[1:1200, ], one_hot_labels[1:1200, ], epochs = 5, batch_size = 128,
                         validation_split = 0.2, verbose = 0)
plot(history)
results <- model %>% evaluate(x[1201:1500, ], one_hot_labels[1201:1500, ], verbose = 0)
cat("test accuracy:", results[["accuracy"]], "\n")
predictions <- model %>% predict(x[1201:1210, ], verbose = 0)
which.max(predictions[1, ]) - 1
stopifnot(results[["accuracy"]] > 0.8)

# ---- Regression with k-fold validation (Boston-housing-style) -------------
train_data <- matrix(rnorm(400 * 13), 400, 13)
train_targets <- as.numeric(train_data %*% runif(13, -2, 2) + 20 + rnorm(400))
mean <- apply(train_data, 2, mean); std <- apply(train_data, 2, sd)
train_data <- scale(train_data, center = mean, scale = std)

build_model <- function() {
  model <- keras_model_sequential() %>%
    layer_dense(units = 64, activation = "relu", input_shape = dim(train_data)[[2]]) %>%
    layer_dense(units = 64, activation = "relu") %>%
    layer_dense(units = 1)
  model %>% compile(optimizer = "rmsprop", loss = "mse", metrics = c("mae"))
}
k <- 3
indices <- sample(1:nrow(train_data))
folds <- cut(indices, breaks = k, labels = FALSE)
all_scores <- c()
for (i in 1:k) {
  cat("processing fold #", i, "\n")
  val_indices <- which(folds == i, arr.ind = TRUE)
  model <- build_model()
  model %>% fit(train_data[-val_indices, ], train_targets[-val_indices],
                epochs = 20, batch_size = 16, verbose = 0)
  results <- model %>% evaluate(train_data[val_indices, ], train_targets[val_indices], verbose = 0)
  all_scores <- c(all_scores, results["mae"])
}
all_scores
mean(all_scores)
stopifnot(mean(all_scores) < 5)
