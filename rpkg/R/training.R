# compile / fit / evaluate / predict: R-shaped arguments in, R values out.
# The checks and the conversion live in the core (pycore/kerasbridge/training.py).

#' Configure a model for training
#' @param object A Keras model.
#' @param optimizer String (`"rmsprop"`) or optimizer object (`optimizer_adam()`).
#' @param loss String, loss object, R loss function (`loss_binary_crossentropy`), or a
#'   (named) list with one per output; `NULL` entries for outputs without a loss.
#' @param metrics Character vector, list, or named list (per output).
#' @param loss_weights Numeric vector or named list.
#' @param weighted_metrics Metrics weighted by `sample_weight`.
#' @param ... Other `compile()` arguments (`run_eagerly`, `jit_compile`, `steps_per_execution`).
#' @export
compile <- function(object, ...) UseMethod("compile")

#' @rdname compile
#' @export
compile.keras.src.models.model.Model <- function(object, optimizer = NULL, loss = NULL, metrics = NULL,
                                                 loss_weights = NULL, weighted_metrics = NULL, ...) {
  args <- capture_args()
  for (nm in c("loss", "metrics", "weighted_metrics")) if (!is.null(args[[nm]])) args[[nm]] <- as_py_identifiers(args[[nm]])
  if (!is.null(args$optimizer)) args$optimizer <- as_py_identifiers(args$optimizer)
  if (!is.null(args$loss_weights)) args$loss_weights <- as.list(args$loss_weights)
  do.call(call_core, c(list("training.compile", object), args))
  invisible(object)
}

# Character vectors -> lists (c("accuracy", "mae") is two metrics); our R loss_*/metric_*
# functions passed uncalled (loss = loss_binary_crossentropy, as R keras 2.x books do) ->
# their Keras names; NULL entries kept (no loss for that output).
as_py_identifiers <- function(x) {
  if (is.function(x) && !is.null(attr(x, "py_function_name"))) return(attr(x, "py_function_name"))
  if (is.function(x) && !is_py_object(x)) return(reticulate::py_func(x))
  if (is.character(x) && length(x) > 1 && is.null(names(x))) return(as.list(x))
  if (is.character(x) && !is.null(names(x))) return(as.list(x))
  if (is.list(x) && !is_py_object(x)) return(lapply(x, function(e) if (is.null(e)) NULL else as_py_identifiers(e)))
  x
}

#' Train a model
#' @param object A compiled model.
#' @param x,y Arrays, lists, named lists (per input/output) or a dataset (then `y = NULL`).
#' @param batch_size Samples per gradient update (default 32).
#' @param epochs Number of epochs (default 10, as in R keras).
#' @param verbose 0, 1, 2 or `"auto"`.
#' @param callbacks List of callbacks.
#' @param view_metrics Ignored (no RStudio viewer here); kept for R keras scripts.
#' @param validation_split Fraction of the data (the last rows) held out for validation.
#' @param validation_data `list(x_val, y_val)` or `list(x_val, y_val, sample_weight)`, or a dataset.
#' @param shuffle Shuffle the training data each epoch.
#' @param class_weight Named list (`list("0" = 1, "1" = 5)`) or numeric vector of class weights.
#' @param sample_weight Per-sample weights.
#' @param initial_epoch Epoch to start from (0-based count of epochs already run).
#' @param steps_per_epoch,validation_steps Steps per epoch / validation run.
#' @param ... Other Keras `fit()` arguments.
#' @return A `keras_training_history` object.
#' @export
fit <- function(object, ...) UseMethod("fit")

#' @rdname fit
#' @export
fit.keras.src.models.model.Model <- function(object, x = NULL, y = NULL, batch_size = NULL, epochs = 10,
                                             verbose = getOption("keras.fit_verbose", default = "auto"),
                                             callbacks = NULL, view_metrics = NULL, validation_split = 0,
                                             validation_data = NULL, shuffle = TRUE, class_weight = NULL,
                                             sample_weight = NULL, initial_epoch = 0, steps_per_epoch = NULL,
                                             validation_steps = NULL, ...) {
  if (is.function(x) && !is_py_object(x))  # an R generator function, as R keras 2.x allowed
    return(fit_generator(object, x, steps_per_epoch = steps_per_epoch, epochs = epochs, verbose = verbose,
                         callbacks = callbacks, validation_data = validation_data,
                         validation_steps = validation_steps, class_weight = class_weight,
                         initial_epoch = initial_epoch))
  args <- capture_args(ignore = c("object", "x", "y", "view_metrics", "validation_data", "sample_weight", "callbacks"))
  args$epochs <- epochs
  args$verbose <- verbose
  args$x <- r_marshal(x)
  args$y <- r_marshal(y)
  if (!is.null(sample_weight)) args$sample_weight <- r_marshal(sample_weight)
  if (!is.null(validation_data)) args$validation_data <- if (is.list(validation_data) && !is_py_object(validation_data))
    lapply(unname(validation_data), r_marshal) else validation_data
  if (!is.null(callbacks)) args$callbacks <- as_callback_list(callbacks)
  if (!is.null(args$class_weight)) args$class_weight <- as.list(args$class_weight)
  history <- do.call(call_core, c(list("training.fit", object), args))
  # invisible, as in R keras 2.x: `model %>% fit(...)` at top level prints only the progress
  invisible(new_training_history(call_core("training.history_to_dict", history)))
}

as_callback_list <- function(callbacks) {
  if (is_py_object(callbacks)) return(list(callbacks))
  unname(as.list(callbacks))
}

#' Evaluate a model
#' @inheritParams fit
#' @param steps Number of batches (for datasets).
#' @return A named numeric vector: `loss`, then the metrics.
#' @export
evaluate <- function(object, ...) UseMethod("evaluate")

#' @rdname evaluate
#' @export
evaluate.keras.src.models.model.Model <- function(object, x = NULL, y = NULL, batch_size = NULL,
                                                  verbose = "auto", sample_weight = NULL, steps = NULL,
                                                  callbacks = NULL, ...) {
  args <- capture_args(ignore = c("object", "x", "y", "sample_weight", "callbacks"))
  args$verbose <- verbose
  args$x <- r_marshal(x)
  args$y <- r_marshal(y)
  if (!is.null(sample_weight)) args$sample_weight <- r_marshal(sample_weight)
  if (!is.null(callbacks)) args$callbacks <- as_callback_list(callbacks)
  out <- do.call(call_core, c(list("training.evaluate", object), args))
  new_metrics_vector(unlist(out))
}

# evaluate() gives a named numeric vector (loss first) that also answers `$`:
# R keras 2.x returned a named list in older versions, and scripts written then
# use `score$acc`; newer ones use `score[["accuracy"]]`. Both work.
new_metrics_vector <- function(x) structure(x, class = c("kerasbridge_metrics", "numeric"))

#' @export
`$.kerasbridge_metrics` <- function(x, name) {
  v <- unclass(x)
  if (!name %in% names(v)) return(NULL)
  v[[name]]
}

#' @export
print.kerasbridge_metrics <- function(x, ...) {
  print(unclass(x), ...)
  invisible(x)
}

#' Predict with a model
#' @param object A model.
#' @param x Input data (array, list, named list or dataset).
#' @param batch_size,verbose,steps,callbacks As in Keras.
#' @param ... Other Keras `predict()` arguments.
#' @return An R array (a list of arrays for several outputs).
#' @export
predict.keras.src.models.model.Model <- function(object, x, batch_size = NULL, verbose = "auto",
                                                 steps = NULL, callbacks = NULL, ...) {
  args <- capture_args(ignore = c("object", "x", "callbacks"))
  args$verbose <- verbose
  if (!is.null(callbacks)) args$callbacks <- as_callback_list(callbacks)
  do.call(call_core, c(list("training.predict", object, r_marshal(x)), args))
}

#' Predicted classes and probabilities (R keras 2.x; removed from Keras)
#'
#' `predict_classes()` gives 0-based class indices (argmax, or `p > 0.5` for one
#' output unit) as R keras 2.x did; `predict_proba()` is `predict()`.
#' @inheritParams predict.keras.src.models.model.Model
#' @export
predict_classes <- function(object, x, batch_size = NULL, verbose = 0, steps = NULL) {
  p <- predict(object, x, batch_size = batch_size, verbose = verbose, steps = steps)
  if (is.null(dim(p)) || length(dim(p)) == 1 || dim(p)[length(dim(p))] == 1) return(as.integer(p > 0.5))
  max.col(matrix(p, nrow = dim(p)[1]), ties.method = "first") - 1L
}

#' @rdname predict_classes
#' @export
predict_proba <- function(object, x, batch_size = NULL, verbose = 0, steps = NULL) {
  predict(object, x, batch_size = batch_size, verbose = verbose, steps = steps)
}

#' Single-batch training, evaluation and prediction
#' @inheritParams fit
#' @export
train_on_batch <- function(object, x, y, class_weight = NULL, sample_weight = NULL) {
  new_metrics_vector(unlist(call_core("training.train_on_batch", object, r_marshal(x), r_marshal(y),
                   sample_weight = r_marshal(sample_weight), class_weight = if (!is.null(class_weight)) as.list(class_weight))))
}

#' @rdname train_on_batch
#' @export
test_on_batch <- function(object, x, y, sample_weight = NULL) {
  new_metrics_vector(unlist(call_core("training.test_on_batch", object, r_marshal(x), r_marshal(y), sample_weight = r_marshal(sample_weight))))
}

#' @rdname train_on_batch
#' @export
predict_on_batch <- function(object, x) {
  call_core("training.predict_on_batch", object, r_marshal(x))
}

#' Train, evaluate and predict from an R generator function (R keras 2.x)
#'
#' `generator` is an R function that returns `list(x, y)` (or `list(x, y, w)`)
#' each time it is called. Batches are pulled on R's thread and fed to the
#' compiled train step, with callbacks and history as in `fit()`. `fit()` with a
#' function as `x` does the same.
#' @inheritParams fit
#' @param generator An R function returning a batch per call.
#' @param max_queue_size,workers,use_multiprocessing Ignored (R runs on one thread).
#' @export
fit_generator <- function(object, generator, steps_per_epoch, epochs = 1,
                          verbose = getOption("keras.fit_verbose", default = "auto"), callbacks = NULL,
                          view_metrics = NULL, validation_data = NULL, validation_steps = NULL,
                          class_weight = NULL, max_queue_size = 10, workers = 1, initial_epoch = 0) {
  if (!is.null(validation_data) && !is.function(validation_data)) validation_data <- lapply(unname(validation_data), r_marshal)
  h <- call_core("generators.fit_generator", object, marshalling_generator(generator), steps_per_epoch = steps_per_epoch,
                 epochs = epochs, verbose = verbose, callbacks = if (!is.null(callbacks)) as_callback_list(callbacks),
                 validation_data = if (is.function(validation_data)) marshalling_generator(validation_data) else validation_data,
                 validation_steps = validation_steps,
                 class_weight = if (!is.null(class_weight)) as.list(class_weight), initial_epoch = initial_epoch)
  invisible(new_training_history(call_core("training.history_to_dict", h)))
}

#' @rdname fit_generator
#' @param steps Number of batches to draw.
#' @export
evaluate_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1, callbacks = NULL) {
  new_metrics_vector(unlist(call_core("generators.evaluate_generator", object, marshalling_generator(generator), steps = steps)))
}

#' @rdname fit_generator
#' @export
predict_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1, verbose = 0, callbacks = NULL) {
  call_core("generators.predict_generator", object, marshalling_generator(generator), steps = steps)
}

# Each batch goes through r_marshal() so vectors arrive as arrays.
marshalling_generator <- function(generator) {
  force(generator)
  function() r_marshal(generator())
}
