# Serialization and the class registry, model configs, state trees,
# quantization and export (core: pycore/kerasbridge/serialization.py).

#' Serialize and deserialize Keras objects; the custom object registry
#'
#' `serialize_keras_object()` gives the config (a named list) Keras saves for
#' an object; `deserialize_keras_object()` makes the object back.
#' `register_keras_serializable()` registers a custom class or function under
#' `"package>name"` so saved models find it; `get_registered_name()` /
#' `get_registered_object()` look it up. `get_custom_objects()` returns the
#' global custom objects, `set_custom_objects()` replaces (or adds to) them,
#' and `with_custom_object_scope()` evaluates an expression with extra custom
#' objects.
#' @param object,obj A Keras object (layer, loss, ...), class or function.
#' @param config A config from `serialize_keras_object()`.
#' @param custom_objects,objects A named list of custom classes and functions.
#' @param safe_mode Refuse to deserialize lambdas (Keras' safe mode).
#' @param name Name to register under (default: the object's own name).
#' @param package Package part of the registered name.
#' @param clear Remove the existing custom objects first.
#' @param module_objects A named list of objects to search as well.
#' @param expr An expression evaluated with the custom objects in scope.
#' @param ... Passed to Keras.
#' @returns `serialize_keras_object()`: a named list; `deserialize_keras_object()`,
#'   `get_registered_object()`: the object; `get_registered_name()`: a string;
#'   `get_custom_objects()`: a named list; `set_custom_objects()`: the previous
#'   ones, invisibly; `register_keras_serializable()`: `object`, invisibly;
#'   `with_custom_object_scope()`: the value of `expr`.
#' @examples
#' cfg <- serialize_keras_object(layer_dense(units = 2))
#' cfg$class_name
#' layer <- deserialize_keras_object(cfg)
#' my_relu <- function(x) op_relu(x)
#' register_keras_serializable(my_relu, name = "my_relu", package = "demo")
#' "demo>my_relu" %in% names(get_custom_objects())
#' @export
serialize_keras_object <- function(object) call_core("serialization.serialize_keras_object", object)

#' @rdname serialize_keras_object
#' @export
deserialize_keras_object <- function(config, custom_objects = NULL, safe_mode = TRUE, ...) {
  call_core("serialization.deserialize_keras_object", config, custom_objects = custom_objects,
            safe_mode = safe_mode, ...)
}

#' @rdname serialize_keras_object
#' @export
get_custom_objects <- function() call_core("serialization.get_custom_objects")

#' @rdname serialize_keras_object
#' @export
set_custom_objects <- function(objects = list(), clear = TRUE) {
  invisible(call_core("serialization.set_custom_objects", as.list(objects), clear = clear))
}

#' @rdname serialize_keras_object
#' @export
register_keras_serializable <- function(object, name = NULL, package = NULL) {
  if (is.null(name) && is.function(object) && !inherits(object, "python.builtin.object"))
    name <- deparse1(substitute(object))
  invisible(call_core("serialization.register_keras_serializable", object, name = name,
                      package = if (is.null(package)) "Custom" else package))
}

#' @rdname serialize_keras_object
#' @export
get_registered_name <- function(obj) call_core("serialization.get_registered_name", obj)

#' @rdname serialize_keras_object
#' @export
get_registered_object <- function(name, custom_objects = NULL, module_objects = NULL) {
  call_core("serialization.get_registered_object", name, custom_objects = custom_objects,
            module_objects = module_objects)
}

#' @rdname serialize_keras_object
#' @export
with_custom_object_scope <- function(objects, expr) {
  old <- set_custom_objects(name_custom_objects(objects, "objects"), clear = FALSE)
  on.exit(set_custom_objects(old, clear = TRUE), add = TRUE)
  force(expr)
}

#' Save and load a model's configuration (architecture only) as JSON
#' @param model A Keras model.
#' @param filepath Path of the JSON file.
#' @param overwrite Replace an existing file.
#' @param custom_objects A named list of custom classes used by the model.
#' @returns `save_model_config()`: `filepath`, invisibly; `load_model_config()`:
#'   a new model with fresh weights.
#' @examples
#' m <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
#' f <- tempfile(fileext = ".json")
#' save_model_config(m, f)
#' m2 <- load_model_config(f)
#' count_params(m2) == count_params(m)
#' @export
save_model_config <- function(model, filepath, overwrite = TRUE) {
  invisible(call_core("serialization.save_model_config", model, path.expand(filepath), overwrite = overwrite))
}

#' @rdname save_model_config
#' @export
load_model_config <- function(filepath, custom_objects = NULL) {
  call_core("serialization.load_model_config", path.expand(filepath), custom_objects = custom_objects)
}

#' A model's state (weights, optimizer and metric variables) as a nested list
#' @param object A compiled Keras model.
#' @param value_format "numpy_array" (R arrays), "backend_tensor" or "python_list".
#' @param state_tree A state tree from `get_state_tree()`.
#' @returns `get_state_tree()`: a nested named list; `set_state_tree()`: `object`, invisibly.
#' @examples
#' m <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
#' m |> compile(optimizer = "sgd", loss = "mse")
#' st <- get_state_tree(m)
#' names(st)
#' set_state_tree(m, st)
#' @export
get_state_tree <- function(object, value_format = "numpy_array") {
  call_core("serialization.get_state_tree", object, value_format = value_format)
}

#' @rdname get_state_tree
#' @export
set_state_tree <- function(object, state_tree) {
  invisible(call_core("serialization.set_state_tree", object, state_tree))
}

#' Quantize a model's weights
#' @param object A built Keras model.
#' @param mode "int8", "float8" or "int4".
#' @param ... Passed to Keras' `model$quantize()`.
#' @returns `object`, invisibly (quantized in place).
#' @examples
#' m <- keras_model_sequential(input_shape = 4) |> layer_dense(8)
#' quantize_weights(m, "int8")
#' @export
quantize_weights <- function(object, mode, ...) {
  invisible(call_core("serialization.quantize_weights", object, mode, ...))
}

#' Export a model as a TensorFlow SavedModel for serving
#'
#' Keras 3's `model$export()`: an inference-only SavedModel (with a `serve`
#' endpoint) in `export_dir_base`.
#' @param object A built Keras model.
#' @param export_dir_base Folder to write.
#' @param ... Passed to `model$export()`.
#' @returns The folder, invisibly.
#' @examples
#' m <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
#' export_savedmodel(m, tempfile("savedmodel"))
#' @export
export_savedmodel <- function(object, export_dir_base, ...) {
  invisible(call_core("serialization.export_savedmodel", object, path.expand(export_dir_base), ...))
}
