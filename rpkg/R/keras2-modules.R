# The exported `tf` and `keras` objects with Keras 2 semantics Keras 3 dropped:
# - `tf$reduce_sum(x)`, `tf$nn$relu(x)`, `tf$concat(list(a, b), axis = 1L)` on a
#   symbolic Keras tensor become layers of the model, as Keras 2's op layers did
#   (the core wraps each TensorFlow function: legacy/op_layers.py);
# - `keras$backend` is the Keras 2 backend module (see backend(), keras2-backend.R).
# Each is a small R proxy around the Python module: `$` looks the name up (once,
# then cached), sub-modules come back as proxies, everything else as it is.
# Nothing is changed in Python's modules (no monkey-patching).

new_module_proxy <- function(kind, path) {
  structure(list(), kind = kind, path = path, class = "kerasbridge_module_proxy")
}

.kb_proxy <- new.env(parent = emptyenv())
.kb_proxy$cache <- new.env(parent = emptyenv())   # "tf.nn.relu" -> value

# The real Python module behind a proxy.
proxy_module <- function(x) {
  core()
  if (identical(attr(x, "kind"), "keras")) .kb$keras_module else .kb$tf_module
}

#' @export
`$.kerasbridge_module_proxy` <- function(x, name) {
  path <- paste0(attr(x, "path"), ".", name)
  if (identical(path, "tf.distribute")) sync_tf_config()  # R's TF_CONFIG for the strategies (distribute.R)
  hit <- .kb_proxy$cache[[path]]
  if (!is.null(hit)) return(hit)
  value <- proxy_lookup(x, name, path)
  if (!is.null(value)) assign(path, value, envir = .kb_proxy$cache)
  value
}

#' @export
`[[.kerasbridge_module_proxy` <- `$.kerasbridge_module_proxy`

proxy_lookup <- function(x, name, path) {
  kind <- attr(x, "kind")
  if (kind == "keras") {
    if (identical(path, "keras.backend")) return(backend())
    if (identical(path, "keras.layers")) return(new_module_proxy("keras", path))
    value <- r_to_py(x)[[name]]   # keras$Model, keras$layers$Dense, ...: Keras' own
    if (startsWith(path, "keras.layers.")) return(layer_class_from_r(value))
    return(value)
  }
  core()
  value <- with_py_errors(legacy_module("op_layers")$tf_attr(path))
  if (inherits(value, "python.builtin.module")) return(new_module_proxy("tf", path))
  py_callable_with_r_errors(value)  # tf$reshape(...) fails with a kerasbridge error (R/errors.R)
}

# A Keras layer class called from R (`keras$layers$Dense(32)`) takes R's whole
# doubles where it wants ints, as Keras 2's did (layers.construct_layer in the
# core). The closure keeps the class's attributes, so r_to_py(), inherits(),
# `R6Class(inherit = keras$layers$Layer)` and `%py_class%` see the class itself.
layer_class_from_r <- function(cls) {
  if (!is.function(cls) || !inherits(cls, "python.builtin.type")) return(cls)
  wrapped <- function(...) call_core("layers.construct_layer", cls, ...)
  attributes(wrapped) <- attributes(cls)
  wrapped
}

#' @export
print.kerasbridge_module_proxy <- function(x, ...) {
  cat("Module(", sub("^tf", "tensorflow", attr(x, "path")), ")\n", sep = "")
  invisible(x)
}

#' @export
names.kerasbridge_module_proxy <- function(x) {
  m <- proxy_module(x)
  rest <- strsplit(attr(x, "path"), ".", fixed = TRUE)[[1]][-1]
  for (p in rest) m <- m[[p]]
  names(m)
}

#' @export
.DollarNames.kerasbridge_module_proxy <- function(x, pattern = "") {
  nms <- tryCatch(names(x), error = function(e) character())
  nms[grepl(pattern, nms)]
}

#' @export
r_to_py.kerasbridge_module_proxy <- function(x, convert = FALSE) {
  m <- proxy_module(x)
  for (p in strsplit(attr(x, "path"), ".", fixed = TRUE)[[1]][-1]) m <- m[[p]]
  m
}
