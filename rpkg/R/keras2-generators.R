# R keras 2.x's fit_generator(), evaluate_generator() and predict_generator():
# the core drives the loop (pycore/kerasbridge/legacy/generators.py), pulling
# each batch from the R function on R's thread.

#' Train, evaluate and predict from an R generator function (R keras 2.x)
#'
#' Deprecated in R keras 2.x (each call warns): use `fit()`, `evaluate()` and
#' `predict()`, which take generators too. `generator` is an R function that
#' returns `list(x, y)` (or `list(x, y, w)`) each time it is called, or a Keras
#' iterator such as [flow_images_from_data()] (handed to `fit()` & co.). Batches are pulled on R's thread and fed to the
#' compiled train step, with callbacks and history as in `fit()`. `fit()` with a
#' function as `x` does the same.
#' @inheritParams fit
#' @param generator An R function returning a batch per call, or a Keras iterator.
#' @param max_queue_size,workers Ignored (R runs on one thread).
#' @returns `fit_generator()`: a `keras_training_history`; `evaluate_generator()`:
#'   a named numeric vector; `predict_generator()`: an R array.
#' @examples
#' x <- matrix(runif(64 * 4), ncol = 4)
#' y <- x %*% c(1, -1, 0.5, 0)
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "adam", loss = "mse")
#' batches <- function() {
#'   rows <- sample(nrow(x), 16)
#'   list(x[rows, , drop = FALSE], y[rows, , drop = FALSE])
#' }
#' history <- fit_generator(model, batches, steps_per_epoch = 4, epochs = 2, verbose = 0)
#' evaluate_generator(model, batches, steps = 2)
#' @export
fit_generator <- function(object, generator, steps_per_epoch, epochs = 1,
                          verbose = getOption("keras.fit_verbose", default = "auto"), callbacks = NULL,
                          view_metrics = NULL, validation_data = NULL, validation_steps = NULL,
                          class_weight = NULL, max_queue_size = 10, workers = 1, initial_epoch = 0) {
  warn_generator_deprecated("fit_generator", "fit")
  if (!is.function(generator))  # a Keras iterator (flow_images_from_data() & co.): fit() takes it
    return(fit(object, generator, steps_per_epoch = steps_per_epoch, epochs = epochs, verbose = verbose,
               callbacks = callbacks, view_metrics = view_metrics, validation_data = validation_data,
               validation_steps = validation_steps, class_weight = class_weight, initial_epoch = initial_epoch))
  fit_r_generator(object, generator, steps_per_epoch = steps_per_epoch, epochs = epochs, verbose = verbose,
                  callbacks = callbacks, validation_data = validation_data, validation_steps = validation_steps,
                  class_weight = class_weight, initial_epoch = initial_epoch)
}

# fit() from an R generator function: fit_generator() without its warning (fit(x = <function>))
fit_r_generator <- function(object, generator, steps_per_epoch, epochs = 1, verbose = "auto", callbacks = NULL,
                            validation_data = NULL, validation_steps = NULL, class_weight = NULL, initial_epoch = 0) {
  if (!is.null(validation_data) && !is.function(validation_data)) validation_data <- lapply(unname(validation_data), r_marshal)
  h <- call_core("legacy.generators.fit_generator", object, marshalling_generator(generator), steps_per_epoch = steps_per_epoch,
                 epochs = epochs, verbose = resolve_verbose(verbose), callbacks = if (!is.null(callbacks)) as_callback_list(callbacks),
                 validation_data = if (is.function(validation_data)) marshalling_generator(validation_data) else validation_data,
                 validation_steps = validation_steps,
                 class_weight = if (!is.null(class_weight)) as.list(class_weight), initial_epoch = initial_epoch,
                 .call = rlang::caller_env())
  invisible(new_training_history(call_core("training.history_to_dict", h)))
}

#' @rdname fit_generator
#' @param steps Number of batches to draw.
#' @export
evaluate_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1, callbacks = NULL) {
  warn_generator_deprecated("evaluate_generator", "evaluate")
  if (!is.function(generator)) return(evaluate(object, generator, steps = steps, callbacks = callbacks, verbose = 0))
  evaluate_r_generator(object, generator, steps = steps, callbacks = callbacks, verbose = 0)
}

# evaluate()/predict() from an R generator function, as R keras 2.x allowed
evaluate_r_generator <- function(object, generator, steps, callbacks = NULL, verbose = 0) {
  new_metrics_vector(unlist(call_core("legacy.generators.evaluate_generator", object, marshalling_generator(generator),
                                      steps = steps, callbacks = if (!is.null(callbacks)) as_callback_list(callbacks),
                                      verbose = verbose, .call = rlang::caller_env())))
}

predict_r_generator <- function(object, generator, steps, callbacks = NULL, verbose = 0) {
  call_core("legacy.generators.predict_generator", object, marshalling_generator(generator), steps = steps,
            callbacks = if (!is.null(callbacks)) as_callback_list(callbacks), verbose = verbose,
            .call = rlang::caller_env())
}

#' @rdname fit_generator
#' @export
predict_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1, verbose = 0, callbacks = NULL) {
  warn_generator_deprecated("predict_generator", "predict")
  if (!is.function(generator)) return(predict(object, generator, steps = steps, callbacks = callbacks, verbose = verbose))
  predict_r_generator(object, generator, steps = steps, callbacks = callbacks, verbose = verbose)
}

# Each batch goes through r_marshal() so vectors arrive as arrays.
marshalling_generator <- function(generator) {
  force(generator)
  function() r_marshal(generator())
}

# R keras 2.x warned at every call; users' tests match "deprecated"
warn_generator_deprecated <- function(old, new) {
  rlang::warn(paste0("`", old, "` is deprecated. Use `", new, "` instead, it now accept generators."),
              class = c("kerasbridge_deprecated_warning", "lifecycle_warning_deprecated"))
}
