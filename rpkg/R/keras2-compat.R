# Keras 2 functions whose Keras feature is gone from Keras 3: a clear
# kerasbridge_unavailable_error saying what to use, or the Keras 3 way
# (TF-format weights and the node API: core legacy/saving_tf.py).

removed_in_keras3 <- function(fn, instead, call = rlang::caller_env()) {
  abort_kb(c(paste0("{.fn ", fn, "} is not available: Keras 3 removed it."), i = instead),
             kind = "unavailable", call = call)
}

#' Keras 2 functions removed in Keras 3
#'
#' These fail with a `kerasbridge_unavailable_error` that says what to use
#' instead: YAML model configs (use [save_model_config()] / JSON), SavedModel
#' round trips (use [save_model()] with a `.keras` file, or
#' [export_savedmodel()] for serving), `multi_gpu_model()` (use a
#' `tf$distribute` strategy) and `hdf5_matrix()` (read the data with the
#' `hdf5r` package, or use a tf.data dataset).
#' @param ... Ignored.
#' @returns Never returns: an error.
#' @examples
#' try(model_to_yaml(NULL))
#' @name keras2_removed
NULL

#' @rdname keras2_removed
#' @export
model_to_yaml <- function(...) removed_in_keras3("model_to_yaml", "Use {.fn model_to_json} or {.fn save_model_config}.")
#' @rdname keras2_removed
#' @export
model_from_yaml <- function(...) removed_in_keras3("model_from_yaml", "Use {.fn model_from_json} or {.fn load_model_config}.")
#' @rdname keras2_removed
#' @export
model_to_saved_model <- function(...) removed_in_keras3("model_to_saved_model",
  "Use {.fn save_model} with a {.file .keras} file, or {.fn export_savedmodel} for serving.")
#' @rdname keras2_removed
#' @export
model_from_saved_model <- function(...) removed_in_keras3("model_from_saved_model",
  "Use {.fn load_model} on a {.file .keras} file; a SavedModel can be used for inference with {.fn layer_tfsm}.")
#' @rdname keras2_removed
#' @export
multi_gpu_model <- function(...) removed_in_keras3("multi_gpu_model",
  "Build and compile the model inside {.code with(tf$distribute$MirroredStrategy()$scope(), ...)}.")
#' @rdname keras2_removed
#' @export
hdf5_matrix <- function(...) removed_in_keras3("hdf5_matrix",
  "Read the data with the {.pkg hdf5r} package, or stream it with a tf.data dataset.")

#' Which Keras implementation is used (Keras 2)
#'
#' kerasbridge always uses the Keras 3 that ships with TensorFlow
#' (`"tensorflow"`); `use_implementation("keras")` and other values are errors.
#' @param implementation `"tensorflow"`.
#' @returns `implementation()`: `"tensorflow"`; `use_implementation()`: `"tensorflow"`, invisibly.
#' @examples
#' implementation()
#' use_implementation("tensorflow")
#' @export
implementation <- function() "tensorflow"

#' @rdname implementation
#' @export
use_implementation <- function(implementation = c("tensorflow", "keras")) {
  if (!identical(implementation, "tensorflow") && !identical(implementation, c("tensorflow", "keras"))) {
    abort_kb(c("{.arg implementation} must be {.val tensorflow}: kerasbridge always uses Keras 3 on TensorFlow.",
               x = "You supplied {.val {implementation}}."), kind = "unavailable")
  }
  invisible("tensorflow")
}

#' An R array as a NumPy array in row-major (C) order (Keras 2)
#' @param x An R array, matrix or vector (or a NumPy array, returned as it is);
#'   a list (or data frame) is converted element by element, as in R keras 2.x.
#' @param dtype NumPy dtype; `NULL`: R doubles become the backend's float type
#'   (`k_floatx()`, float32 unless changed), as in R keras 2.x; integers int32, logicals bool.
#' @returns A NumPy array (a list of them for a list).
#' @examples
#' a <- keras_array(matrix(1:6, 2))
#' a$shape
#' @export
keras_array <- function(x, dtype = NULL) {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (is.data.frame(x)) x <- as.list(x)  # one array per column, as R keras 2.x did
  if (is.list(x)) return(lapply(x, keras_array, dtype = dtype))
  if (is.null(dim(x))) dim(x) <- length(x)
  if (is.null(dtype) && is.double(x)) dtype <- k_floatx()
  reticulate::np_array(x, dtype = dtype, order = "C")
}

#' Save and load weights in Keras 2's TensorFlow format
#'
#' Keras 3 has no TF checkpoint format: the weights go to
#' `<filepath>.weights.h5` (Keras 3's weights file), written atomically, and
#' `load_model_weights_tf()` reads them back from the same name.
#' @param object A Keras model.
#' @param filepath Path prefix, as in Keras 2.
#' @param overwrite Replace an existing file.
#' @param skip_mismatch Skip layers whose weights don't match.
#' @param ... Ignored (Keras 2 arguments).
#' @returns `object`, invisibly.
#' @examples
#' m <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
#' f <- tempfile("ckpt")
#' save_model_weights_tf(m, f)
#' load_model_weights_tf(m, f)
#' @export
save_model_weights_tf <- function(object, filepath, overwrite = TRUE, ...) {
  call_core("legacy.saving_tf.save_model_weights_tf", object, path.expand(filepath), overwrite = overwrite)
  invisible(object)
}

#' @rdname save_model_weights_tf
#' @export
load_model_weights_tf <- function(object, filepath, skip_mismatch = FALSE, ...) {
  call_core("legacy.saving_tf.load_model_weights_tf", object, path.expand(filepath), skip_mismatch = skip_mismatch)
  invisible(object)
}

#' A layer's inputs, outputs, shapes and masks at one of its calls (Keras 2)
#'
#' A layer called several times (shared) has one node per call;
#' `node_index` (1-based) picks the call.
#' @param object A layer.
#' @param node_index Which call of the layer, from 1.
#' @returns A tensor (a list for several), a shape, or a mask (`NULL` when none).
#' @examples
#' dense <- layer_dense(units = 2)
#' a <- keras_input(3); b <- keras_input(3)
#' ya <- dense(a); yb <- dense(b)
#' get_output_shape_at(dense, 2)
#' @export
get_input_at <- function(object, node_index) call_core("legacy.saving_tf.get_input_at", object, node_index)
#' @rdname get_input_at
#' @export
get_output_at <- function(object, node_index) call_core("legacy.saving_tf.get_output_at", object, node_index)
#' @rdname get_input_at
#' @export
get_input_shape_at <- function(object, node_index) call_core("legacy.saving_tf.get_input_shape_at", object, node_index)
#' @rdname get_input_at
#' @export
get_output_shape_at <- function(object, node_index) call_core("legacy.saving_tf.get_output_shape_at", object, node_index)
#' @rdname get_input_at
#' @export
get_input_mask_at <- function(object, node_index) call_core("legacy.saving_tf.get_input_mask_at", object, node_index)
#' @rdname get_input_at
#' @export
get_output_mask_at <- function(object, node_index) call_core("legacy.saving_tf.get_output_mask_at", object, node_index)

# A name R keras 2.x had deprecated (manifest `DeprecatedAliases`): its warning,
# every call, naming the function to use. R keras 2.x users' tests match
# "deprecated" and the new name.
warn_deprecated_alias <- function(old, new) {
  rlang::warn(paste0("`", old, "()` is deprecated; use `", new, "()` instead."),
              class = c("kerasbridge_deprecated_warning", "lifecycle_warning_deprecated"))
}

# reticulate::py_func() can't write `...` into a Python signature; R keras 2.x
# losses were often written function(y_true, y_pred, ...): the same function
# without the dots (they receive nothing from Keras anyway).
without_dots <- function(f) {
  fm <- formals(f)
  if (!"..." %in% names(fm)) return(f)
  fm[["..."]] <- NULL
  wrapper <- function() NULL
  formals(wrapper) <- fm
  body(wrapper) <- as.call(c(list(quote(f)), lapply(names(fm), as.name)))
  environment(wrapper) <- list2env(list(f = f), parent = environment(f) %||% globalenv())
  wrapper
}
