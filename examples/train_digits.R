# Handwritten digit classification, the R keras 2.x way.
#
# Trains a small multilayer perceptron on the 8x8 UCI digits that ship with
# kerasbridge (1,797 images; Alpaydin & Kaynak 1998, CC BY 4.0), with a
# validation split, early stopping and a checkpoint of the best model.
# Run from the project root:  bash scripts/demo.sh
# Writes out/digits_best.keras and out/digits_history.png.

library(kerasbridge)

set_random_seed(42)
dir.create("out", showWarnings = FALSE)

# ---- Data ------------------------------------------------------------------
# A stratified 80/20 train/test split; x: one 8x8 image per row, pixels 0..16.
digits <- dataset_digits(test_split = 0.2, seed = 42)
c(c(x_train, y_train), c(x_test, y_test)) %<-% digits

x_train <- x_train / 16
x_test <- x_test / 16

cat("Training images:", nrow(x_train), " test images:", nrow(x_test), "\n")
print(table(digit = y_train))

# ---- Model -----------------------------------------------------------------
model <- keras_model_sequential() %>%
  layer_dense(units = 64, activation = "relu", input_shape = c(64)) %>%
  layer_dropout(rate = 0.2) %>%
  layer_dense(units = 64, activation = "relu") %>%
  layer_dropout(rate = 0.2) %>%
  layer_dense(units = 10, activation = "softmax")

summary(model)

model %>% compile(
  optimizer = optimizer_rmsprop(),
  loss = "sparse_categorical_crossentropy",
  metrics = "accuracy"
)

# ---- Training --------------------------------------------------------------
history <- model %>% fit(
  x_train, y_train,
  epochs = 100,
  batch_size = 32,
  validation_split = 0.2,
  callbacks = list(
    callback_early_stopping(monitor = "val_loss", patience = 10, restore_best_weights = TRUE),
    callback_model_checkpoint(filepath = "out/digits_best.keras", save_best_only = TRUE)
  ),
  verbose = 2
)

print(history)

# ---- Evaluation ------------------------------------------------------------
scores <- model %>% evaluate(x_test, y_test, verbose = 0)
cat("\nTest loss:    ", format(scores[["loss"]], digits = 4), "\n")
cat("Test accuracy:", format(scores[["accuracy"]], digits = 4), "\n\n")

probs <- model %>% predict(x_test, verbose = 0)
predicted <- max.col(probs, ties.method = "first") - 1L
cat("Confusion table (rows: predicted digit, columns: true digit)\n")
print(table(predicted = factor(predicted, levels = 0:9), true = factor(y_test, levels = 0:9)))

# The checkpoint holds the best epoch's model, which early stopping restored.
best <- load_model("out/digits_best.keras")
cat("\nCheckpointed model, test accuracy:",
    format((best %>% evaluate(x_test, y_test, verbose = 0))[["accuracy"]], digits = 4), "\n")

# ---- History plot ----------------------------------------------------------
png("out/digits_history.png", width = 900, height = 600, res = 110)
p <- plot(history)
if (inherits(p, "ggplot")) print(p)
invisible(dev.off())
cat("Wrote out/digits_history.png and out/digits_best.keras\n")
