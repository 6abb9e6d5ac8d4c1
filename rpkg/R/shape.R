# shape() objects: TensorFlow's TensorShape, read and written the R way.
# Unknown dimensions are NA (or NULL, or -1, as in the R tensorflow package);
# shape(dims = NULL) is a shape of unknown rank. They print as the R call that
# makes them: shape(NA, 784).

shape_class <- "tensorflow.python.framework.tensor_shape.TensorShape"

#' Tensor shapes
#'
#' @param ... dimensions: whole numbers, or `NA`/`NULL`/`-1` for unknown ones.
#'   Vectors and other shapes are spliced in: `shape(NA, dim(x))`.
#' @param dims the dimensions as one vector or list; `NULL` for unknown rank.
#' @return a TensorShape, accepted wherever TensorFlow/Keras take a shape.
#' @examples
#' shape(NA, 28, 28)
#' shape(dims = c(10, 3))
#' layer_input(shape = shape(NA, 4))
#' @export
shape <- function(..., dims = list(...)) {
  if (is.null(dims)) return(tf$TensorShape(NULL))
  if (inherits(dims, shape_class)) return(dims)
  if (inherits(dims, "tensorflow.tensor")) {  # a shape as a tensor: -1 is unknown (as_tensor(shape) reversed)
    dims <- as.integer(dims)
    dims[dims == -1L] <- NA_integer_
  }
  # the checks and the splicing are the core's shape policy (convert.as_shape)
  call_core("convert.tensor_shape", shape_spec(dims))
}

# The dimensions as written, in the form reticulate 1.28 hands over faithfully:
# a logical NA would arrive as TRUE (so logicals go as doubles: NA -> NaN) and a
# named list as a dict.
shape_spec <- function(d) {
  if (is.list(d) && !is_py_object(d)) return(lapply(unname(d), shape_spec))
  if (is.logical(d)) return(as.double(d))
  d
}

shape_rank <- function(x) x$rank

#' @export
as.list.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  if (is.null(shape_rank(x))) {
    abort_kb("Can't list the dimensions of a shape of unknown rank.")
  }
  d <- x$as_list()
  if (is_py_object(d)) d <- reticulate::py_to_r(d)
  as.list(d)
}

#' @export
as.integer.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  vapply(as.list(x), function(e) if (is.null(e)) NA_integer_ else as.integer(e), 0L)
}

#' @export
as.double.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  as.double(as.integer.tensorflow.python.framework.tensor_shape.TensorShape(x))
}

#' @export
length.tensorflow.python.framework.tensor_shape.TensorShape <- function(x) {
  shape_rank(x) %||% NA_integer_
}

# format() writes the dims as R tensorflow does, "(3, NA)"; print() shows
# TensorFlow's own repr, TensorShape([3, None]), as R tensorflow prints it.
#' @export
format.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  if (is.null(shape_rank(x))) return("(<unknown>)")
  # the one shape formatter writes c(NA, 784)
  paste0("(", substring(fmt_shape(x), 3L))
}

#' @export
print.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  cat(reticulate::py_repr(x), "\n", sep = "")
  invisible(x)
}

#' @export
merge.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, y, ...) {
  with_py_errors(x$merge_with(shape(dims = y)))
}

#' @export
`[[<-.tensorflow.python.framework.tensor_shape.TensorShape` <- function(x, i, value) {
  d <- as.list(x)
  d[[i]] <- if (is.null(value) || is.na(value)) NA_integer_ else value
  shape(dims = d)
}

#' @export
str.tensorflow.python.framework.tensor_shape.TensorShape <- function(object, ...) {
  cat(" TensorShape ", format(object), "\n", sep = "")
  invisible()
}

#' @export
`[.tensorflow.python.framework.tensor_shape.TensorShape` <- function(x, i) {
  shape(dims = as.list(x)[i])
}

#' @export
`[[.tensorflow.python.framework.tensor_shape.TensorShape` <- function(x, i) {
  as.list(x)[[i]] %||% NA_integer_
}

#' @export
`[<-.tensorflow.python.framework.tensor_shape.TensorShape` <- function(x, i, value) {
  d <- as.list(x)
  d[i] <- as.list(if (inherits(value, shape_class)) as.integer(value) else value)
  shape(dims = d)
}

#' @export
c.tensorflow.python.framework.tensor_shape.TensorShape <- function(...) {
  shape(dims = list(...))
}

#' @export
`==.tensorflow.python.framework.tensor_shape.TensorShape` <- function(e1, e2) {
  identical(shape_key(shape(dims = e1)), shape_key(shape(dims = e2)))
}

#' @export
`!=.tensorflow.python.framework.tensor_shape.TensorShape` <- function(e1, e2) !(e1 == e2)

# unknown dims compare equal to unknown dims, as in the R tensorflow package
shape_key <- function(s) if (is.null(shape_rank(s))) "unknown" else as.integer(s)

# ---- a Keras tensor's `$shape` ----------------------------------------------
# Keras 3 gives a symbolic tensor's shape as a tuple (an R list once converted).
# R keras 2.x gave a TensorShape, as for eager tensors and variables, and its
# scripts call `x$shape$as_list()`, `$rank`, `$ndims`, `$num_elements()`,
# or test `inherits(x$shape, "...TensorShape")`: a Keras tensor's `$shape` is a
# TensorShape again. Read as a list it still works: `[[`, length(), as.list(),
# unlist(), lapply().

#' @export
`$.keras.src.backend.common.keras_tensor.KerasTensor` <- function(x, name) {
  value <- NextMethod()
  if (identical(name, "shape") && is.list(value)) tf$TensorShape(value) else value
}

#' @export
unlist.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, recursive = TRUE, use.names = TRUE) {
  unlist(as.list(x), recursive = recursive, use.names = use.names)
}
