# Sequence classification with an embedding and recurrent layers, in the style
# of the R keras 2.x IMDB examples, on made-up data: a sequence is positive when
# it contains more "good" tokens (1..10) than "bad" ones (11..20).
library(kerasbridge)
set_random_seed(2)

make_data <- function(n) {
  seqs <- lapply(seq_len(n), function(i) sample(1:50, sample(5:30, 1), replace = TRUE))
  y <- vapply(seqs, function(s) as.integer(sum(s <= 10) > sum(s > 10 & s <= 20)), integer(1))
  list(x = pad_sequences(seqs, maxlen = 30), y = y)
}
train <- make_data(1200)
test <- make_data(300)

model <- keras_model_sequential() %>%
  layer_embedding(input_dim = 51, output_dim = 16, input_length = 30) %>%
  bidirectional(layer_gru(units = 16)) %>%
  layer_dense(units = 1, activation = "sigmoid")

model %>% compile(optimizer = "rmsprop", loss = "binary_crossentropy", metrics = c("accuracy"))
history <- model %>% fit(train$x, train$y, epochs = 8, batch_size = 32,
                         validation_split = 0.2, verbose = 0)
print(history)
results <- model %>% evaluate(test$x, test$y, verbose = 0)
print(results)
pred <- model %>% predict_classes(test$x[1:10, ])
print(rbind(predicted = pred, true = test$y[1:10]))
stopifnot(results[["accuracy"]] > 0.75)
