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
#' @returns `object`, invisibly (compiled in place).
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = optimizer_adam(learning_rate = 0.01),
#'                   loss = "mse", metrics = "mae")
#' @export
compile <- function(object, ...) UseMethod("compile")

#' @rdname compile
#' @export
compile.keras.src.models.model.Model <- function(object, optimizer = NULL, loss = NULL, metrics = NULL,
                                                 loss_weights = NULL, weighted_metrics = NULL, ...) {
  args <- capture_args()
  for (nm in c("loss", "metrics", "weighted_metrics")) if (!is.null(args[[nm]])) args[[nm]] <- as_py_identifiers(args[[nm]])
  # an R function given by name is named after it, as in R keras 2.x (`loss = custom_loss`: saved
  # in HDF5/.keras files as "custom_loss", found again by load_model(custom_objects = ...))
  if (is.name(substitute(loss)) && is_r_py_func(args$loss))
    reticulate::py_set_attr(args$loss, "__name__", as.character(substitute(loss)))
  if (!is.null(args$optimizer)) args$optimizer <- as_py_identifiers(args$optimizer)
  if (!is.null(args$loss_weights)) args$loss_weights <- as.list(args$loss_weights)
  do.call(call_core, c(list("training.compile", object), args))
  invisible(object)
}

# An R function as_py_identifiers() wrapped for Python (not a Keras object).
is_r_py_func <- function(x) {
  is_py_object(x) && isTRUE(tryCatch(identical(reticulate::py_to_r(reticulate::py_get_attr(x, "__name__")), "fn"),
                                     error = function(e) FALSE))
}

# Character vectors -> lists (c("accuracy", "mae") is two metrics); our R loss_*/metric_*
# functions passed uncalled (loss = loss_binary_crossentropy, as R keras 2.x books do) ->
# their Keras names; NULL entries kept (no loss for that output).
as_py_identifiers <- function(x) {
  if (is.function(x) && !is.null(attr(x, "py_function_name"))) return(attr(x, "py_function_name"))
  if (is.function(x) && !is_py_object(x)) return(reticulate::py_func(without_dots(x)))
  if (is.character(x) && length(x) > 1 && is.null(names(x))) return(as.list(x))
  if (is.character(x) && !is.null(names(x))) return(as.list(x))
  if (is.list(x) && !is_py_object(x)) return(lapply(x, function(e) if (is.null(e)) NULL else as_py_identifiers(e)))
  x
}

#' Train a model
#' @param object A compiled model.
#' @param x,y Arrays, lists, named lists (per input/output) or a dataset (then `y = NULL`).
#'   A data frame of numbers is used as a matrix; a `dgCMatrix` `x` as a sparse input.
#' @param batch_size Samples per gradient update (default 32).
#' @param epochs Number of epochs (default 10, as in R keras).
#' @param verbose 0, 1, 2 or `"auto"`: the progress bar where R's output is a
#'   terminal, one line per epoch elsewhere (knitr, `sink()`, `capture.output()`,
#'   `Rscript` writing to a file).
#' @param callbacks List of callbacks.
#' @param view_metrics Ignored (no RStudio viewer here); kept for R keras scripts.
#' @param validation_split Fraction of the data (the last rows) held out for validation.
#' @param validation_data `list(x_val, y_val)` or `list(x_val, y_val, sample_weight)`, or a dataset.
#' @param shuffle Shuffle the training data each epoch.
#' @param class_weight Named list (`list("0" = 1, "1" = 5)`) or numeric vector of class weights.
#' @param sample_weight Per-sample weights.
#' @param initial_epoch Epoch to start from (0-based count of epochs already run).
#' @param steps_per_epoch,validation_steps Steps per epoch / validation run.
#' @param ... Other Keras `fit()` arguments, and `allow_inf = TRUE` to let `Inf` in the
#'   data through (an error by default; `options(kerasbridge.allow_inf = TRUE)` for the session).
#' @return A `keras_training_history` object. A failed call leaves the model as it was.
#' @examples
#' x <- matrix(runif(64 * 4), ncol = 4)
#' y <- x %*% c(1, -1, 0.5, 0)
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "adam", loss = "mse")
#' history <- model %>% fit(x, y, epochs = 2, batch_size = 16, validation_split = 0.25)
#' history
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
  x <- r_thread_generator(x)  # R/keras2-image.R
  if (is.function(x) && !is_py_object(x))  # an R generator function, as R keras 2.x allowed
    return(fit_r_generator(object, x, steps_per_epoch = steps_per_epoch %||% attr(x, "kb_steps"),
                           epochs = epochs, verbose = verbose,
                           callbacks = callbacks, validation_data = validation_data,
                           validation_steps = validation_steps, class_weight = class_weight,
                           initial_epoch = initial_epoch))
  args <- capture_args(ignore = c("object", "x", "y", "view_metrics", "validation_data", "sample_weight", "callbacks"))
  if (is.null(args$epochs)) args$epochs <- epochs  # the default; a given one went through capture_args() (NA)
  args$verbose <- resolve_verbose(verbose)  # "auto": live bar or one line per epoch (R/progress.R)
  args$x <- marshal_data(x, "x", object)
  args$y <- marshal_data(y, "y")
  args <- allow_inf_arg(args)
  if (!is.null(sample_weight)) args$sample_weight <- marshal_data(sample_weight, "sample_weight")
  if (!is.null(validation_data)) args$validation_data <- if (is.list(validation_data) && !is_py_object(validation_data))
    Map(marshal_data, unname(validation_data), paste0("validation_data[[", seq_along(validation_data), "]]"),
        list(object, NULL, NULL)[seq_along(validation_data)]) else validation_data
  if (!is.null(callbacks)) args$callbacks <- as_callback_list(callbacks)
  if (!is.null(args$class_weight)) args$class_weight <- as.list(args$class_weight)
  history <- do.call(call_core, c(list("training.fit", object), args))
  # invisible, as in R keras 2.x: `model %>% fit(...)` at top level prints only the progress
  invisible(new_training_history(call_core("training.history_to_dict", history)))
}

as_callback_list <- function(callbacks) {
  if (is_py_object(callbacks) || inherits(callbacks, "R6")) return(list(callbacks))  # one callback
  unname(as.list(callbacks))
}

# Inf in data is an error unless allowed for one call (`allow_inf = TRUE`, passed
# on by `...`) or for the session (`options(kerasbridge.allow_inf = TRUE)`).
allow_inf_arg <- function(args) {
  if (isTRUE(args$allow_inf) || isTRUE(getOption("kerasbridge.allow_inf"))) args$allow_inf <- TRUE
  else args$allow_inf <- NULL
  args
}

# Data for fit/evaluate/predict. What only R can see is checked here (a logical
# NA reaches Python as TRUE; Dates, raw vectors and column types lose their
# meaning on the way), then r_marshal() and the core's conversion policy
# (pycore/kerasbridge/convert.py) do the rest. A data frame of numbers is a
# matrix, as R users expect, unless its columns are named after the model's
# inputs (then each column is one input). A dgCMatrix becomes a tf.SparseTensor.
marshal_data <- function(x, arg, model = NULL) {
  # the common case: a plain numeric matrix or array goes as it is
  if (!is.object(x) && (is.double(x) || is.integer(x)) && !is.null(dim(x))) return(x)
  if (is.null(x) || is_py_object(x) || is.function(x)) return(x)
  if (inherits(x, "sparseMatrix")) {
    if (is.null(model))  # only inputs: Keras takes sparse inputs, not sparse targets or weights
      abort_kb(c("{.arg {arg}} must be a dense array, not a sparse {.cls {class(x)[1]}}.",
                 i = "Use {.code as.matrix({arg})}; only the input data may be sparse."))
    return(sparse_as_tensor(x, arg))
  }
  if (is.data.frame(x) && !columns_are_inputs(x, model)) x <- data_frame_as_matrix(x, arg)
  check_r_data(x, arg)
  r_marshal(x)
}

columns_are_inputs <- function(df, model) {
  if (is.null(model)) return(FALSE)
  names <- tryCatch(vapply(model$inputs, function(t) t$name, ""), error = function(e) character())
  length(names) > 1 && all(names(df) %in% names)
}

data_frame_as_matrix <- function(df, arg) {
  ok <- vapply(df, function(col) (is.numeric(col) || is.logical(col)) && is.null(dim(col)) &&
                 !inherits(col, c("Date", "POSIXt", "difftime")), TRUE)
  if (!all(ok)) {
    col <- names(df)[!ok][1]
    type <- class(df[[col]])[1]
    abort_kb(c("{.arg {arg}} must be a data frame of numeric columns to be used as a matrix.",
               x = "Column {.val {col}} is {.cls {type}}.",
               i = "Convert it to numbers first (e.g. {.code as.integer(factor(x${col})) - 1L}), or drop it."))
  }
  check_r_data(as.list(df), arg)
  m <- as.matrix(df)
  storage.mode(m) <- "double"
  dimnames(m) <- NULL
  m
}

check_r_data <- function(x, arg) {
  if (is.list(x) && !is.data.frame(x)) {
    nms <- names(x)
    for (i in seq_along(x)) {
      label <- if (!is.null(nms) && nzchar(nms[i])) paste0(arg, "$", nms[i]) else paste0(arg, "[[", i, "]]")
      check_r_data(x[[i]], label)
    }
    return(invisible())
  }
  if (is.data.frame(x)) return(check_r_data(as.list(x), arg))
  if (inherits(x, c("Date", "POSIXt", "difftime")))
    abort_kb(c("{.arg {arg}} must be numeric, not {.cls {class(x)[1]}}.", i = "Convert it to numbers first (e.g. {.code as.numeric({arg})})."))
  if (is.raw(x))
    abort_kb(c("{.arg {arg}} must be numeric, not a raw vector.", i = "Convert it first: {.code as.integer({arg})}."))
  if (is.complex(x))
    abort_kb(c("{.arg {arg}} must be real numbers, not complex.", x = "Keras computes with real numbers; the imaginary part would be lost.",
               i = "Pass {.code Re({arg})} and {.code Im({arg})} as separate columns."))
  if (is.logical(x) && anyNA(x))
    abort_kb(c("{.arg {arg}} contains NA values (in a logical vector, which would become {.code TRUE}).",
               i = "Remove or impute them first."), kind = "missing_value")
  invisible()
}

sparse_as_tensor <- function(x, arg) {
  if (!inherits(x, "dgCMatrix"))
    abort_kb(c("{.arg {arg}} must be a {.cls dgCMatrix} when sparse, not {.cls {class(x)[1]}}.",
               i = "Convert it with {.code as(as({arg}, \"CsparseMatrix\"), \"generalMatrix\")} or use a dense matrix."))
  j <- rep(seq_len(x@Dim[2]) - 1L, diff(x@p))
  call_core("convert.sparse_matrix", r_marshal(x@i), r_marshal(j), r_marshal(x@x), r_marshal(x@Dim))
}

#' Evaluate a model
#' @inheritParams fit
#' @param verbose 0 (silent), 1 (progress bar), 2 (one line) or `"auto"`: the
#'   progress bar where R's output is a terminal, nothing elsewhere (as in
#'   [predict()]).
#' @param steps Number of batches (for datasets).
#' @return A named numeric vector: `loss`, then the metrics.
#' @examples
#' x <- matrix(runif(64 * 4), ncol = 4)
#' y <- x %*% c(1, -1, 0.5, 0)
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "adam", loss = "mse", metrics = "mae")
#' model %>% evaluate(x, y, verbose = 0)
#' @export
evaluate <- function(object, ...) UseMethod("evaluate")

#' @rdname evaluate
#' @export
evaluate.keras.src.models.model.Model <- function(object, x = NULL, y = NULL, batch_size = NULL,
                                                  verbose = "auto", sample_weight = NULL, steps = NULL,
                                                  callbacks = NULL, ...) {
  x <- r_thread_generator(x)
  if (is.function(x) && !is_py_object(x))  # an R generator function, as R keras 2.x allowed
    return(evaluate_r_generator(object, x, steps = steps %||% attr(x, "kb_steps"), callbacks = callbacks,
                                verbose = resolve_verbose(verbose, not_live = 0L)))
  args <- capture_args(ignore = c("object", "x", "y", "sample_weight", "callbacks"))
  args$verbose <- resolve_verbose(verbose, not_live = 0L)  # R/progress.R
  args$x <- marshal_data(x, "x", object)
  args$y <- marshal_data(y, "y")
  args <- allow_inf_arg(args)
  if (!is.null(sample_weight)) args$sample_weight <- marshal_data(sample_weight, "sample_weight")
  if (!is.null(callbacks)) args$callbacks <- as_callback_list(callbacks)
  out <- do.call(call_core, c(list("training.evaluate", py_arg(object)), args))
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
#' @param x Input data (array, list, named list or dataset), or an R function
#'   returning a batch of inputs on each call (then give `steps`).
#' @param verbose 0 (silent), 1 (progress bar), 2 (one line) or `"auto"`: the
#'   progress bar where R's output is a terminal, nothing elsewhere (knitr,
#'   `sink()`, `capture.output()`, `Rscript` writing to a file), as R keras 2.15
#'   put no prediction progress in R's output. [evaluate()] does the same;
#'   [fit()] writes one line per epoch there.
#' @param batch_size,steps,callbacks As in Keras.
#' @param ... Other Keras `predict()` arguments, and `allow_inf` (see [fit()]).
#' @return An R array (a list of arrays for several outputs).
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
#' predict(model, matrix(runif(8), ncol = 4), verbose = 0)
#' @export
predict.keras.src.models.model.Model <- function(object, x, batch_size = NULL, verbose = "auto",
                                                 steps = NULL, callbacks = NULL, ...) {
  x <- r_thread_generator(x)
  if (is.function(x) && !is_py_object(x))  # an R generator function, as R keras 2.x allowed
    return(predict_r_generator(object, x, steps = steps %||% attr(x, "kb_steps"), callbacks = callbacks,
                               verbose = resolve_verbose(verbose, not_live = 0L)))
  args <- capture_args(ignore = c("object", "x", "callbacks"))
  args$verbose <- resolve_verbose(verbose, not_live = 0L)  # R/progress.R
  args <- allow_inf_arg(args)
  if (!is.null(callbacks)) args$callbacks <- as_callback_list(callbacks)
  do.call(call_core_arrays, c(list("training.predict", py_arg(object), marshal_data(x, "x", object)), args))
}

#' Single-batch training, evaluation and prediction
#' @inheritParams fit
#' @returns `train_on_batch()`, `test_on_batch()`: a named numeric vector (the loss,
#'   then the metrics); `predict_on_batch()`: an R array.
#' @examples
#' x <- matrix(runif(64 * 4), ncol = 4)
#' y <- x %*% c(1, -1, 0.5, 0)
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
#' model %>% compile(optimizer = "adam", loss = "mse")
#' train_on_batch(model, x, y)
#' test_on_batch(model, x, y)
#' dim(predict_on_batch(model, x))
#' @export
train_on_batch <- function(object, x, y, class_weight = NULL, sample_weight = NULL) {
  new_metrics_vector(unlist(call_core("training.train_on_batch", py_arg(object), marshal_data(x, "x", object), marshal_data(y, "y"),
                   sample_weight = marshal_data(sample_weight, "sample_weight"), class_weight = if (!is.null(class_weight)) as.list(class_weight))))
}

#' @rdname train_on_batch
#' @export
test_on_batch <- function(object, x, y, sample_weight = NULL) {
  new_metrics_vector(unlist(call_core("training.test_on_batch", py_arg(object), marshal_data(x, "x", object), marshal_data(y, "y"),
                                      sample_weight = marshal_data(sample_weight, "sample_weight"))))
}

#' @rdname train_on_batch
#' @export
predict_on_batch <- function(object, x) {
  call_core_arrays("training.predict_on_batch", py_arg(object), marshal_data(x, "x", object))
}
