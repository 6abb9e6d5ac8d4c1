# One worker of a MultiWorkerMirroredStrategy run, started by
# tests/test_distribute.py with TF_CONFIG set (without TF_CONFIG: the
# single-process reference). Arguments: output directory; "r" for a model with
# an R-defined layer and R metric, "r-step" for that model with an R
# train_step() too ("plain" otherwise); "backup" to train with
# callback_backup_and_restore(); the number of epochs.
suppressPackageStartupMessages(library(kerasbridge))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]; r_code <- args[2] %in% c("r", "r-step"); backup <- args[3] == "backup"; epochs <- as.integer(args[4])

strategy <- tf$distribute$MultiWorkerMirroredStrategy()
task <- tf_config_cluster()$task
me <- if (is.null(task)) "single" else paste0("worker", task$index)

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE))), "classes.R"))

set.seed(1)  # the same data on every worker; fit() gives each its share
x <- matrix(runif(96 * 4), 96); y <- matrix(rowSums(x) + rnorm(96, sd = 0.1), 96)
with(strategy$scope(), {
  set_random_seed(1)
  inputs <- layer_input(shape = 4)
  h <- if (r_code) Scale()(inputs) else inputs
  model_class <- if (args[2] == "r-step") KerasTwoStep else keras_model
  model <- model_class(inputs, h %>% layer_dense(8, activation = "relu") %>% layer_dense(1))
  model %>% compile(optimizer = optimizer_sgd(learning_rate = 0.05, momentum = 0.9), loss = "mse",
                    metrics = if (r_code) list(MeanPred(), "mae") else "mae")
})

callbacks <- list(callback_lambda(on_batch_end = function(batch, logs) {
  cat(sprintf("PROGRESS %s epoch %d batch %d\n", me, epoch_now, batch)); flush(stdout())
  if (backup) Sys.sleep(0.1)  # time for the test to kill a worker mid-epoch
}), callback_lambda(on_epoch_begin = function(epoch, logs) epoch_now <<- epoch))
epoch_now <- 0L
if (backup) callbacks <- c(list(callback_backup_and_restore(file.path(out, "backup"))), callbacks)
history <- model %>% fit(x, y, epochs = epochs, batch_size = 24, shuffle = FALSE, verbose = 0,
                         callbacks = callbacks)
save_model(model, file.path(out, "model.keras"))  # every worker saves; the chief's file is kept
weights <- unlist(lapply(get_weights(model), as.numeric))
writeLines(sprintf("%.9g", weights), file.path(out, paste0("weights-", me, ".txt")))
cat("REPLICAS", strategy$num_replicas_in_sync, "\n")
cat("LOSS", format(history$metrics$loss, digits = 8), "\n")
cat("DONE", me, "\n")
