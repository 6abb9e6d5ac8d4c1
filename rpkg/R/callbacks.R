# Built-in callbacks with R keras 2.x signatures. Keras-3 changes (checkpoint
# file extensions, `period`) are handled by the core (callbacks.make_callback).

# The mechanisms behind the callback_* wrappers (R/callbacks-generated.R) and the
# initializer_*, constraint_* and learning_rate_schedule_* ones (R/initializers-generated.R,
# ...), all made from tools/wrappers.dcf.
make_callback <- function(class_name, args, .call = rlang::caller_env()) {
  do.call(call_core, c(list("callbacks.make_callback", class_name), args, list(.call = .call)))
}

# kind: the Keras module the core looks the class up in ("initializers", "constraints", ...).
make_object <- function(kind, class_name, args, .call = rlang::caller_env()) {
  do.call(call_core, c(list("callbacks.make_object", kind, class_name), args, list(.call = .call)))
}

# `Prepare:` functions of tools/wrappers.dcf: applied to the captured arguments.
mode_arg <- function(args) {
  if (!is.null(args$mode)) args$mode <- args$mode[[1]]
  args
}

checkpoint_args <- function(args) {
  args <- mode_arg(args)
  if (!is.null(args$filepath)) {
    dir <- dirname(path.expand(args$filepath))
    if (!dir.exists(dir)) dir.create(dir, recursive = TRUE)
    args$filepath <- path.expand(args$filepath)
  }
  args
}

#' Callbacks
#' @param monitor Quantity to monitor (`"val_loss"`, `"val_accuracy"`, ...).
#' @param filepath Where to save: `.keras` or `.h5` for whole models, `.weights.h5` with
#'   `save_weights_only = TRUE` (other extensions are adapted). Keras 3 dropped `period`.
#' @param ... Other arguments of the Keras callback.
#' @details `callback_model_checkpoint()` and `callback_backup_and_restore()`
#'   write each file whole or not at all (under a temporary name in the same
#'   folder, then renamed): R killed while a checkpoint is written leaves the
#'   previous one, never a truncated file. Keras' own classes made directly
#'   (`keras$callbacks$BackupAndRestore(...)`, `keras$callbacks$ModelCheckpoint(...)`)
#'   are given the same writer when passed to [fit()]; a class derived from
#'   them keeps its own way of writing.
#' @order 1
#' @returns A Keras callback object, for the `callbacks` argument of [fit()].
#' @examples
#' x <- matrix(runif(64 * 4), ncol = 4)
#' y <- x %*% c(1, -1, 0.5, 0)
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "adam", loss = "mse")
#' callbacks <- list(
#'   callback_early_stopping(monitor = "val_loss", patience = 1),
#'   callback_model_checkpoint(tempfile(fileext = ".keras")),
#'   callback_csv_logger(tempfile(fileext = ".csv")),
#'   callback_lambda(on_epoch_end = function(epoch, logs) cat("epoch", epoch, "\n"))
#' )
#' history <- model %>% fit(x, y, epochs = 2, validation_split = 0.25,
#'                          callbacks = callbacks, verbose = 0)
#' @name callbacks
NULL

#' @rdname callbacks
#' @param schedule An R function `function(epoch, lr)` returning the new learning rate;
#'   `epoch` counts from 0, as in R keras 2.x.
#' @export
callback_learning_rate_scheduler <- function(schedule, verbose = 0) {
  force(schedule)
  fn <- function(epoch, lr) {
    out <- schedule(as.integer(epoch), as.numeric(lr))
    # as.numeric("a") would be NA with only a warning, and NaN weights after it
    if (!is.numeric(out) || length(out) != 1 || !is.finite(out))
      stop(sprintf("`schedule` must return one finite number (the learning rate); it returned %s.",
                   if (is.numeric(out) && length(out) == 1) format(out) else paste0("a ", class(out)[1], " of length ", length(out))),
           call. = FALSE)
    as.numeric(out)
  }
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
  args <- lapply(args, function(fn) if (is.function(fn)) keras2_logs_fn(fn) else fn)
  do.call(call_core, c(list("callbacks.make_lambda_callback"), args))
}

