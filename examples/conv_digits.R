# A small convnet on the shipped 8x8 digits, written as the R keras 2.x books
# write MNIST convnets: array_reshape() to add the channel axis, to_categorical()
# labels and categorical cross-entropy.
library(kerasbridge)
use_session_with_seed(1, quiet = TRUE)

c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_digits()
x_train <- array_reshape(x_train / 16, c(nrow(x_train), 8, 8, 1))
x_test <- array_reshape(x_test / 16, c(nrow(x_test), 8, 8, 1))
y_train <- to_categorical(y_train, 10)
y_test <- to_categorical(y_test, 10)

model <- keras_model_sequential() %>%
  layer_conv_2d(filters = 16, kernel_size = c(3, 3), activation = "relu", padding = "same",
                input_shape = c(8, 8, 1)) %>%
  layer_max_pooling_2d(pool_size = c(2, 2)) %>%
  layer_conv_2d(filters = 32, kernel_size = c(3, 3), activation = "relu", padding = "same") %>%
  layer_flatten() %>%
  layer_dropout(rate = 0.25) %>%
  layer_dense(units = 10, activation = "softmax")

model %>% compile(loss = loss_categorical_crossentropy, optimizer = optimizer_adam(lr = 0.005),
                  metrics = c("acc"))
history <- model %>% fit(x_train, y_train, batch_size = 64, epochs = 8, verbose = 0,
                         validation_split = 0.1)
print(history)
score <- model %>% evaluate(x_test, y_test, verbose = 0)
cat("Test loss:", score$loss, "\n")
cat("Test accuracy:", score$acc, "\n")
stopifnot(score$acc > 0.9)
