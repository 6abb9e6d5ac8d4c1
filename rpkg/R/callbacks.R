# Built-in callbacks with R keras 2.x signatures. Keras-3 changes (checkpoint
# file extensions, `period`) are handled by the core (callbacks.make_callback).

new_callback_wrapper <- function(class_name, formals, prepare = identity) {
  f <- function() {
    args <- capture_args(ignore = character())
    args <- prepare(args)
    do.call(call_core, c(list("callbacks.make_callback", class_name), args))
  }
  formals(f) <- formals
  f
}

# Regularizers, initializers, constraints and schedules (built by the core's
# callbacks.make_object); defined here so files collated later can use it.
new_object_wrapper <- function(kind, class_name, formals) {
  f <- function() {
    args <- capture_args(ignore = character())
    do.call(call_core, c(list("callbacks.make_object", kind, class_name), args))
  }
  formals(f) <- formals
  f
}

mode_arg <- function(args) {
  if (!is.null(args$mode)) args$mode <- args$mode[[1]]
  args
}

#' Callbacks
#' @param monitor Quantity to monitor (`"val_loss"`, `"val_accuracy"`, ...).
#' @param ... Other arguments of the Keras callback.
#' @name callbacks
NULL

#' @rdname callbacks
#' @export
callback_early_stopping <- new_callback_wrapper("EarlyStopping", alist(
  monitor = "val_loss", min_delta = 0, patience = 0, verbose = 0, mode = c("auto", "min", "max"),
  baseline = NULL, restore_best_weights = FALSE, start_from_epoch = 0, ... = ), mode_arg)

#' @rdname callbacks
#' @param filepath Where to save: `.keras` or `.h5` for whole models, `.weights.h5` with
#'   `save_weights_only = TRUE` (other extensions are adapted). Keras 3 dropped `period`.
#' @export
callback_model_checkpoint <- new_callback_wrapper("ModelCheckpoint", alist(
  filepath = , monitor = "val_loss", verbose = 0, save_best_only = FALSE, save_weights_only = FALSE,
  mode = c("auto", "min", "max"), period = NULL, save_freq = "epoch", ... = ), function(args) {
    args <- mode_arg(args)
    if (!is.null(args$filepath)) {
      dir <- dirname(path.expand(args$filepath))
      if (!dir.exists(dir)) dir.create(dir, recursive = TRUE)
      args$filepath <- path.expand(args$filepath)
    }
    args
  })

#' @rdname callbacks
#' @export
callback_reduce_lr_on_plateau <- new_callback_wrapper("ReduceLROnPlateau", alist(
  monitor = "val_loss", factor = 0.1, patience = 10, verbose = 0, mode = c("auto", "min", "max"),
  min_delta = 1e-04, cooldown = 0, min_lr = 0, ... = ), mode_arg)

#' @rdname callbacks
#' @export
callback_csv_logger <- new_callback_wrapper("CSVLogger", alist(filename = , separator = ",", append = FALSE))

#' @rdname callbacks
#' @export
callback_terminate_on_naan <- new_callback_wrapper("TerminateOnNaN", alist())

#' @rdname callbacks
#' @export
callback_tensorboard <- new_callback_wrapper("TensorBoard", alist(log_dir = "logs", histogram_freq = 0, write_graph = TRUE, write_images = FALSE, update_freq = "epoch", ... = ))

#' @rdname callbacks
#' @param schedule An R function `function(epoch, lr)` returning the new learning rate;
#'   `epoch` counts from 0, as in R keras 2.x.
#' @export
callback_learning_rate_scheduler <- function(schedule, verbose = 0) {
  force(schedule)
  fn <- function(epoch, lr) as.numeric(schedule(as.integer(epoch), as.numeric(lr)))
  call_core("callbacks.make_callback", "LearningRateScheduler", schedule = fn, verbose = verbose)
}

#' @rdname callbacks
#' @param on_epoch_begin,on_epoch_end,on_batch_begin,on_batch_end,on_train_begin,on_train_end
#'   R functions called as in R keras 2.x: `function(epoch, logs)` (epoch from 0),
#'   `function(batch, logs)`, `function(logs)`.
#' @export
callback_lambda <- function(on_epoch_begin = NULL, on_epoch_end = NULL, on_batch_begin = NULL,
                            on_batch_end = NULL, on_train_begin = NULL, on_train_end = NULL, ...) {
  args <- capture_args(ignore = character())
  do.call(call_core, c(list("callbacks.make_lambda_callback"), args))
}
