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
