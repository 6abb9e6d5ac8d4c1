# R keras 2.x's saving functions Keras 3 dropped: save_model_tf()/load_model_tf()
# (a SavedModel directory then; here a folder holding model.keras) and
# serialize_model()/unserialize_model() (the .keras file's bytes as a raw
# vector). Thin R functions over save_model()/load_model() (R/models.R).

#' @rdname save_model
#' @export
save_model_tf <- function(object, filepath, overwrite = TRUE, ...) {
  filepath <- path.expand(filepath)
  if (!grepl("\\.keras$", filepath)) { dir.create(filepath, showWarnings = FALSE, recursive = TRUE); filepath <- file.path(filepath, "model.keras") }
  call_core("saving.save_model", object, filepath, overwrite = overwrite)
  invisible(object)
}

#' @rdname save_model
#' @export
load_model_tf <- function(filepath, custom_objects = NULL, compile = TRUE, ...) {
  load_model(filepath, custom_objects = custom_objects, compile = compile, ...)
}

#' Serialize a model to an R raw vector, and back
#'
#' As in R keras 2.x: the raw vector can be kept with `saveRDS()`. It holds the
#' `.keras` file's bytes.
#' @param model A model (for `serialize_model()`) or a raw vector (for `unserialize_model()`).
#' @param include_optimizer Kept for R keras 2.x scripts; the optimizer is always included.
#' @param custom_objects,compile As in [load_model()].
#' @returns `serialize_model()`: a raw vector; `unserialize_model()`: the model.
#' @examples
#' model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2)
#' raw <- serialize_model(model)
#' length(raw)
#' unserialize_model(raw)
#' @export
serialize_model <- function(model, include_optimizer = TRUE) {
  f <- tempfile(fileext = ".keras")
  on.exit(unlink(f))
  save_model(model, f)
  readBin(f, what = "raw", n = file.size(f))
}

#' @rdname serialize_model
#' @export
unserialize_model <- function(model, custom_objects = NULL, compile = TRUE) {
  if (!is.raw(model))
    abort_kb(c("{.arg model} must be a raw vector made by {.fn serialize_model}.",
               x = "Received {.obj_type_friendly {model}}."))
  f <- tempfile(fileext = ".keras")
  on.exit(unlink(f))
  writeBin(model, f)
  load_model(f, custom_objects = custom_objects, compile = compile)
}

# R keras 2.x's custom_objects (load_model(), with_custom_object_scope()): an
# unnamed entry is named after its object, a custom_metric()'s name, a class's
# name, a Python function's __name__, so `list(metric_mean_pred, layer_my_dense)`
# works as it did. Done in R: reticulate would give every unnamed entry the same
# key "".
name_custom_objects <- function(objects, arg = "custom_objects", call = rlang::caller_env()) {
  if (is.null(objects)) return(NULL)
  if (!is.list(objects)) objects <- list(objects)
  nms <- rlang::names2(objects)
  for (i in which(nms == "")) nms[[i]] <- custom_object_name(objects[[i]], i, arg, call)
  names(objects) <- nms
  objects
}

custom_object_name <- function(o, i, arg, call) {
  if (inherits(o, "kerasbridge_class_constructor")) return(attr(o, "state")$classname)
  if (inherits(o, "R6ClassGenerator")) return(o$classname)
  if (is.character(attr(o, "py_function_name", TRUE))) return(attr(o, "py_function_name", TRUE))
  if (is_py_object(o) && reticulate::py_has_attr(o, "__name__"))
    return(as.character(reticulate::py_to_r(reticulate::py_get_attr(o, "__name__"))))
  abort_kb(c("{.arg {arg}} must be a named list: entry {i} has no name and no name of its own.",
             i = "Name it as the saved model names it, e.g. {.code list(my_loss = my_loss)}."), call = call)
}
