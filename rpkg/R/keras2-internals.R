# R keras 2.x's unexported helpers that scripts and packages reached with
# `keras:::` (skip conditions, feature probes). Each answers as R keras 2.x
# answered on its TensorFlow implementation, for the Keras that kerasbridge runs.

# R keras 2.x could run on "keras" or "tensorflow" (tf.keras); kerasbridge is always tf.keras' successor.
get_keras_implementation <- function(default = "tensorflow") "tensorflow"

is_tensorflow_implementation <- function(implementation = get_keras_implementation()) {
  grepl("^tensorflow", implementation)
}

is_keras_implementation <- function(implementation = get_keras_implementation()) {
  identical(implementation, "keras")
}

# The version of the Keras Python package in use (3.x).
keras_version <- function() {
  package_version(sub("^(\\d+\\.\\d+\\.\\d+).*", "\\1", keras$`__version__`))
}

# Whether `x` is a tensor, symbolic (a layer output) or eager.
is_keras_tensor <- function(x) {
  is_py_object(x) && (inherits(x, "keras.src.backend.common.keras_tensor.KerasTensor") || isTRUE(tf$is_tensor(x)))
}

have_module <- function(module) reticulate::py_module_available(module)
have_h5py <- function() have_module("h5py")
have_pyyaml <- function() have_module("yaml")
have_pillow <- function() have_module("PIL")

is_mac_arm64 <- function() {
  info <- Sys.info()
  info[["sysname"]] == "Darwin" && info[["machine"]] == "arm64"
}

is_windows <- function() identical(.Platform$OS.type, "windows")
is_osx <- function() unname(Sys.info()["sysname"] == "Darwin")

# R keras 2.x's generic preprocessing entry: a preprocess_input function of Keras
# applied to an R array.
preprocess_input <- function(x, preprocessor, ...) {
  preprocessor(keras_array(x), ...)
}
