#' Define a custom Keras callback class with R functions
#'
#' Give any Keras hook by name: `on_train_begin`, `on_epoch_end`,
#' `on_train_batch_end`, the `on_batch_*` aliases, test and predict hooks.
#' Hooks see 1-based `epoch` and `batch` numbers and `logs` as a named list of
#' numbers; a hook that returns a named list of numbers adds those entries to
#' the logs (later callbacks and the history see them). `self$model`,
#' `self$params` (`epochs`, `steps`, `verbose`) and
#' `self$model$stop_training <- TRUE` work. A callback without batch hooks
#' adds nothing per batch.
#'
#' @inheritParams new_layer_class
#' @param initialize The constructor method, `function(...)`; call
#'   `super$initialize()` in it.
#' @param on_epoch_end A hook, `function(epoch, logs)`.
#' @param ... Other hooks, methods or fields.
#' @param parent_class A class to extend instead of `keras$callbacks$Callback`.
#' @return A constructor function.
#' @examples
#' callback_losses <- new_callback_class("LossRecorder",
#'   on_train_begin = function(logs) private$losses <- numeric(),
#'   on_train_batch_end = function(batch, logs) private$losses <- c(private$losses, logs$loss)
#' )
#' recorder <- callback_losses()
#' model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "sgd", loss = "mse")
#' model %>% fit(matrix(runif(20), ncol = 2), runif(10), epochs = 1, verbose = 0,
#'               callbacks = list(recorder))
#' @export
new_callback_class <- function(classname, initialize = NULL, on_epoch_end = NULL, ...,
                               parent_class = NULL) {
  new_class_constructor("callback", classname,
                        c(list(initialize = initialize, on_epoch_end = on_epoch_end), list(...)),
                        parent_class)
}
