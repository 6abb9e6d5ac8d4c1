#' Functional model from inputs and outputs
#' @param inputs,outputs Tensors, lists of tensors, or named lists.
#' @param name Optional model name.
#' @param ... Other `keras.Model` arguments.
#' @returns A Keras functional model.
#' @examples
#' inputs <- layer_input(shape = 4)
#' outputs <- inputs %>% layer_dense(units = 8, activation = "relu") %>% layer_dense(units = 1)
#' model <- keras_model(inputs, outputs)
#' model
#' @export
keras_model <- function(inputs, outputs = NULL, name = NULL, ...) {
  args <- capture_args(ignore = character())
  do.call(call_core, c(list("layers.keras_model"), args))
}

#' Sequential model
#' @param layers Optional list of layers to add.
#' @param input_shape Optional input shape (batch dimension excluded); adds an input layer.
#' @param name Optional model name.
#' @param ... Other arguments (`input_batch_size`, `input_dtype`, `trainable`).
#' @returns A Sequential model (layers are added to it in place with `%>%`).
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>%
#'   layer_dense(units = 8, activation = "relu") %>%
#'   layer_dense(units = 1)
#' model
#' @export
keras_model_sequential <- function(layers = NULL, input_shape = NULL, name = NULL, ...) {
  args <- capture_args(ignore = character())
  if (!is.null(args$input_shape)) args$input_shape <- as_py_shape(args$input_shape)
  do.call(call_core, c(list("layers.keras_model_sequential"), args))
}

#' Get a layer by name or 1-based index
#' @param object A model.
#' @param name Layer name.
#' @param index 1-based layer index.
#' @returns The layer.
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>%
#'   layer_dense(units = 2, name = "hidden") %>%
#'   layer_dense(units = 1)
#' get_layer(model, "hidden")
#' get_layer(model, index = 2)
#' @export
get_layer <- function(object, name = NULL, index = NULL) {
  call_core("layers.get_layer", object, name = name, index = index)
}

#' Freeze or unfreeze layers
#' @param object A model.
#' @param from,to Layer names or 1-based indices delimiting the range
#'   (inclusive; negative indices count from the end). Layers outside the range
#'   get the opposite setting, as in R keras 2.x.
#' @param which Instead of a range: the layers to (un)freeze, as names, 1-based
#'   indices, a logical vector (one per layer) or a function (or formula) of a
#'   layer returning `TRUE`/`FALSE`; the other layers get the opposite setting.
#' @returns The model, invisibly (changed in place).
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>%
#'   layer_dense(units = 2) %>% layer_dense(units = 1)
#' freeze_weights(model, to = 1)
#' length(model$trainable_weights)
#' unfreeze_weights(model)
#' length(model$trainable_weights)
#' @export
freeze_weights <- function(object, from = NULL, to = NULL, which = NULL) {
  call_core("layers.freeze_weights", object, from_ = from, to = to, trainable = FALSE,
            which = which_layers(object, which))
  invisible(object)
}

#' @rdname freeze_weights
#' @export
unfreeze_weights <- function(object, from = NULL, to = NULL, which = NULL) {
  call_core("layers.freeze_weights", object, from_ = from, to = to, trainable = TRUE,
            which = which_layers(object, which))
  invisible(object)
}

# `which` as the core reads it: a function or formula of a layer becomes one logical per layer
which_layers <- function(object, which) {
  if (inherits(which, "formula")) which <- rlang::as_function(which)
  if (is.function(which)) which <- vapply(object$layers, function(l) isTRUE(which(l)), TRUE)
  if (is.null(which)) NULL else as.list(which)
}

#' Number of parameters of a model or layer
#' @param object A model or layer.
#' @returns The number of parameters, an integer.
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
#' count_params(model)
#' @export
count_params <- function(object) with_py_errors(as.integer(object$count_params()))

#' Get and set layer/model weights as R arrays
#' @param object A model or layer.
#' @returns `get_weights()`: a list of R arrays; `set_weights()`: `object`, invisibly.
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
#' w <- get_weights(model)
#' str(w)
#' set_weights(model, list(w[[1]] * 0, w[[2]]))
#' @export
get_weights <- function(object) with_py_errors(object$get_weights())

#' @param weights A list of R arrays, in the order `get_weights()` returns them.
#' @rdname get_weights
#' @export
set_weights <- function(object, weights) {
  check_weights(object, weights)
  with_py_errors(object$set_weights(lapply(weights, r_marshal)))
  invisible(object)
}

#' @export
summary.keras.src.models.model.Model <- function(object, ..., line_length = NULL, positions = NULL,
                                                 expand_nested = FALSE, show_trainable = FALSE) {
  cat(format(object, line_length = line_length, positions = positions,
             expand_nested = expand_nested, show_trainable = show_trainable), "\n", sep = "")
  invisible(object)
}

#' @export
format.keras.src.models.model.Model <- function(x, ...) {
  args <- list(...)
  args <- args[!vapply(args, is.null, logical(1))]
  # as wide as R's console (getOption("width")), unless asked otherwise
  if (is.null(args$line_length)) args$line_length <- as.integer(getOption("width", 80L))
  do.call(call_core, c(list("layers.model_summary_text", x), args))
}

#' @export
print.keras.src.models.model.Model <- function(x, ...) {
  cat(format(x), "\n", sep = "")
  invisible(x)
}

#' Set the random seeds of R, Python, NumPy and TensorFlow
#' @param seed An integer seed.
#' @param disable_gpu Ignored (kept for R keras 2.x scripts; Keras 3 is deterministic on CPU).
#' @returns `NULL`, invisibly.
#' @examples
#' set_random_seed(42)
#' runif(1)
#' @export
set_random_seed <- function(seed, disable_gpu = TRUE) {
  seed <- as.integer(seed)
  set.seed(seed)
  with_py_errors(keras$utils$set_random_seed(seed))
  invisible(seed)
}

#' Convert a class vector (0-based integers) to a one-hot matrix
#' @param y Integer class labels 0..K-1.
#' @param num_classes Number of classes K (default: max(y) + 1).
#' @returns A numeric matrix with one row per label and `num_classes` columns.
#' @examples
#' to_categorical(c(0, 2, 1))
#' @export
to_categorical <- function(y, num_classes = NULL) {
  call_core("convert.to_categorical", r_marshal(y), num_classes = num_classes)
}

#' Save and load models
#'
#' `save_model()` writes a `.keras` file (Keras 3's format). `save_model_hdf5()`
#' writes legacy HDF5 (`.h5`) as R keras 2.x did. `save_model_tf()` is kept for
#' 2.x scripts: Keras 3 can't reload TensorFlow SavedModels, so it writes a
#' `.keras` file at `filepath` (a directory path gets `model.keras` inside).
#'
#' Saving never changes the model: Keras 3's own HDF5 writer drops the
#' optimizer from the model's compile settings (a later `.keras` save would
#' reload with RMSprop at step 0); kerasbridge writes HDF5 files without
#' touching the model, and `load_model_hdf5()` compiles the loaded model as it
#' was saved, with any built-in loss, metric (`"mse"`, `"mae"`, ...) and
#' optimizer, and the optimizer's state. Files are written whole or not at all
#' (under a temporary name, then renamed), into a folder that must exist, as
#' with `saveRDS()`: a missing folder is an error naming it. Errors name your
#' file and the cause.
#' @param object A model.
#' @param filepath Path to write/read.
#' @param overwrite Overwrite an existing file.
#' @param custom_objects Named list of custom classes/functions (optional). An
#'   unnamed entry is named after its object, as in R keras 2.x: a
#'   [custom_metric()]'s name, a class's name, a Python function's name.
#' @param compile Whether to compile the loaded model.
#' @param include_optimizer Save the optimizer's state too (`save_model_hdf5()`).
#' @param ... Passed to Keras.
#' @returns The save functions return `filepath` (or `object`), invisibly; the
#'   load functions return the model (`load_model_weights*()`: `object`, with its weights set).
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
#' path <- tempfile(fileext = ".keras")
#' save_model(model, path)
#' reloaded <- load_model(path)
#' weights <- tempfile(fileext = ".weights.h5")
#' save_model_weights(model, weights)
#' load_model_weights(reloaded, weights)
#' @export
save_model <- function(object, filepath, overwrite = TRUE, ...) {
  filepath <- path.expand(filepath)
  if (!grepl("\\.(keras|h5|hdf5)$", filepath))
    abort_kb(c("{.arg filepath} must end in {.file .keras} (or {.file .h5} for legacy HDF5).",
               x = "Received {.file {filepath}}."))
  call_core("saving.save_model", object, filepath, overwrite = overwrite, ...)  # atomic: whole file or none
  invisible(object)
}

#' @rdname save_model
#' @export
save_model_hdf5 <- function(object, filepath, overwrite = TRUE, include_optimizer = TRUE) {
  filepath <- path.expand(filepath)
  if (!grepl("\\.(h5|hdf5)$", filepath)) filepath <- paste0(filepath, ".h5")
  call_core("saving.save_model", object, filepath, overwrite = overwrite, include_optimizer = include_optimizer)
  invisible(object)
}

#' @rdname save_model
#' @export
load_model <- function(filepath, custom_objects = NULL, compile = TRUE, ...) {
  filepath <- path.expand(filepath)
  if (dir.exists(filepath) && file.exists(file.path(filepath, "model.keras"))) filepath <- file.path(filepath, "model.keras")
  if (!file.exists(filepath))
    abort_kb(c("{.arg filepath} must be an existing model file.", x = "{.file {filepath}} does not exist."))
  materialize_defined_classes()  # R classes defined before Python started must be known to Keras
  call_core("saving.load_model", filepath, custom_objects = name_custom_objects(custom_objects), compile = compile, ...)
}

#' @rdname save_model
#' @export
load_model_hdf5 <- load_model

#' @rdname save_model
#' @export
save_model_weights_hdf5 <- function(object, filepath, overwrite = TRUE) {
  filepath <- path.expand(filepath)
  if (!grepl("\\.weights\\.h5$", filepath)) filepath <- sub("(\\.h5|\\.hdf5)?$", ".weights.h5", filepath)
  call_core("saving.save_weights", object, filepath, overwrite = overwrite)
  invisible(object)
}

#' @rdname save_model
#' @export
load_model_weights_hdf5 <- function(object, filepath, ...) {
  filepath <- path.expand(filepath)
  if (!file.exists(filepath) && file.exists(sub("(\\.h5|\\.hdf5)?$", ".weights.h5", filepath)))
    filepath <- sub("(\\.h5|\\.hdf5)?$", ".weights.h5", filepath)
  call_core("saving.load_weights", object, filepath, ...)
  invisible(object)
}

#' @rdname save_model
#' @export
save_model_weights <- save_model_weights_hdf5

#' @rdname save_model
#' @export
load_model_weights <- load_model_weights_hdf5

#' Model configuration as JSON, and back
#' @param object A model.
#' @param json A JSON string from `model_to_json()`.
#' @param custom_objects Named list of custom classes.
#' @returns `model_to_json()`: a JSON string; `model_from_json()`: a new model
#'   (with fresh weights).
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
#' json <- model_to_json(model)
#' model_from_json(json)
#' @export
model_to_json <- function(object) with_py_errors(object$to_json())

#' @rdname model_to_json
#' @export
model_from_json <- function(json, custom_objects = NULL) {
  with_py_errors(keras$models$model_from_json(json, custom_objects = name_custom_objects(custom_objects)))
}

#' Copy a model's architecture (new weights)
#' @param model A model.
#' @param input_tensors Optional new inputs.
#' @param clone_function Optional function applied to each layer.
#' @returns A new model with the same architecture and new weights.
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
#' clone_model(model)
#' @export
clone_model <- function(model, input_tensors = NULL, clone_function = NULL) {
  args <- capture_args(ignore = character())
  with_py_errors(do.call(keras$models$clone_model, args))
}

#' Plot a model's graph
#'
#' Draws the layer graph (Keras' `plot_model()`, through graphviz) on the current
#' device, or writes it to `to_file`.
#' @param x A model.
#' @param show_shapes,show_dtype,show_layer_names,rankdir,expand_nested,dpi,show_layer_activations,show_trainable As in Keras' `plot_model()`.
#' @param to_file A `.png` path to write instead of drawing.
#' @param y,... Ignored.
#' @returns The path of the PNG file, invisibly.
#' @examples
#' model <- keras_model_sequential(input_shape = 4, name = "small") %>%
#'   layer_dense(units = 8) %>% layer_dense(units = 1)
#' plot(model, show_shapes = TRUE)
#' @export
plot.keras.src.models.model.Model <- function(x, y, show_shapes = FALSE, show_dtype = FALSE,
                                              show_layer_names = TRUE, rankdir = "TB", expand_nested = FALSE,
                                              dpi = 96, show_layer_activations = FALSE,
                                              show_trainable = FALSE, to_file = NULL, ...) {
  file <- if (is.null(to_file)) tempfile(fileext = ".png") else path.expand(to_file)
  with_py_errors(keras$utils$plot_model(x, to_file = file, show_shapes = show_shapes, show_dtype = show_dtype,
                                        show_layer_names = show_layer_names, rankdir = rankdir,
                                        expand_nested = expand_nested, dpi = as.integer(dpi),
                                        show_layer_activations = show_layer_activations,
                                        show_trainable = show_trainable))
  if (!is.null(to_file)) return(invisible(file))
  if (!requireNamespace("png", quietly = TRUE))
    abort_kb("Drawing a model needs the {.pkg png} package; or give {.arg to_file}.", kind = "dependency")
  img <- png::readPNG(file)
  graphics::plot.new()
  graphics::par(mar = c(0, 0, 0, 0))
  asp <- dim(img)[1] / dim(img)[2]
  graphics::plot.window(xlim = c(0, 1), ylim = c(0, 1), asp = asp)
  graphics::rasterImage(img, 0, 0, 1, asp)
  invisible(file)
}

#' Remove the last layer of a Sequential model
#' @param object A Sequential model.
#' @returns The model, invisibly (changed in place).
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>%
#'   layer_dense(units = 2) %>% layer_dense(units = 1)
#' pop_layer(model)
#' length(model$layers)
#' @export
pop_layer <- function(object) {
  with_py_errors(object$pop())
  invisible(object)
}

#' Layer and model configuration
#' @param object A layer or model.
#' @param config A configuration from `get_config()`.
#' @param custom_objects Named list of custom classes.
#' @returns `get_config()`: a named list (the layer's or model's configuration);
#'   `from_config()`: a new layer or model made from it.
#' @examples
#' layer <- layer_dense(units = 2, activation = "relu")
#' config <- get_config(layer)
#' config$units
#' from_config(config)
#' @export
get_config <- function(object) {
  config <- with_py_errors(object$get_config())
  structure(config, kerasbridge_class = class(object)[[1]], class = c("kerasbridge_config", class(config)))
}

#' @rdname get_config
#' @export
from_config <- function(config, custom_objects = NULL) {
  cls_name <- attr(config, "kerasbridge_class")
  if (is.null(cls_name))
    abort_kb("{.arg config} must come from {.fn get_config}.")
  parts <- strsplit(cls_name, ".", fixed = TRUE)[[1]]
  module <- reticulate::import(paste(parts[-length(parts)], collapse = "."))
  cls <- module[[parts[length(parts)]]]
  cfg <- config
  attributes(cfg) <- list(names = names(config))
  with_py_errors(cls$from_config(cfg))
}

#' Reset the states of stateful layers
#' @param object A model or layer.
#' @returns `object`, invisibly.
#' @examples
#' model <- keras_model_sequential(input_shape = c(3, 2), input_batch_size = 1) %>%
#'   layer_simple_rnn(units = 2, stateful = TRUE)
#' reset_states(model)
#' @export
reset_states <- function(object) {
  layers <- if (reticulate::py_has_attr(object, "layers")) object$layers else list(object)
  for (l in layers) if (reticulate::py_has_attr(l, "reset_state")) with_py_errors(l$reset_state())
  invisible(object)
}

# set_weights(): the same number of arrays as get_weights() gives, each numeric,
# complete and of the same shape (Keras' own message names no argument).
check_weights <- function(object, weights) {
  current <- get_weights(object)
  if (!is.list(weights) || is.data.frame(weights))
    abort_kb(c("{.arg weights} must be a list of arrays, as {.fn get_weights} returns.",
               x = "Received {.obj_type_friendly {weights}}."))
  if (length(weights) != length(current))
    abort_kb(c("{.arg weights} must have {length(current)} array{?s}, one per weight of the model.",
               x = "Received {length(weights)}."))
  for (i in seq_along(weights)) {
    w <- weights[[i]]
    if (!is.numeric(w) && !is.logical(w))
      abort_kb(c("{.arg weights[[{i}]]} must be a numeric array.", x = "Received {.obj_type_friendly {w}}."))
    if (anyNA(w)) abort_kb(c("{.arg weights[[{i}]]} contains NA values."), kind = "missing_value")
    want <- dim(current[[i]]) %||% length(current[[i]])
    got <- dim(w) %||% length(w)
    if (!identical(as.integer(want), as.integer(got)))
      abort_kb(c("{.arg weights[[{i}]]} must have shape {.code c({paste(want, collapse = ', ')})}.",
                 x = "Received shape {.code c({paste(got, collapse = ', ')})}."), kind = "input_shape")
  }
}
