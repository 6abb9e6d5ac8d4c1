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
#' @export
shape <- function(..., dims = list(...)) {
  if (is.null(dims)) return(tf$TensorShape(NULL))
  if (inherits(dims, shape_class)) return(dims)
  if (is_tensor(dims)) dims <- as.integer(dims)
  if (!is.list(dims)) dims <- as.list(dims)
  parts <- lapply(unname(dims), function(d) {
    if (inherits(d, shape_class)) return(as.list(d))
    # a piece of a shape that arrived as an R list, e.g. tail(input_shape, 1) in build()
    if (is.list(d) && !is_py_object(d)) return(as.list(shape(dims = d)))
    if (is_tensor(d)) d <- as.integer(d)
    if (is.null(d)) return(list(NULL))
    if (!is.numeric(d) && !is.logical(d)) {
      cli::cli_abort("Dimensions must be whole numbers or NA, not {.obj_type_friendly {d}}.",
                     class = c("kerasbridge_argument_error", "kerasbridge_error"), call = rlang::caller_env(4))
    }
    lapply(as.list(d), function(e) {
      if (is.na(e) || e == -1) return(NULL)
      if (e < 0 || e != round(e)) {
        cli::cli_abort("Dimensions must be whole numbers >= 0 or NA, not {e}.",
                       class = c("kerasbridge_argument_error", "kerasbridge_error"), call = NULL)
      }
      as.integer(e)
    })
  })
  tf$TensorShape(if (length(parts)) unlist(parts, recursive = FALSE) else list())
}

shape_rank <- function(x) x$rank

#' @export
as.list.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  if (is.null(shape_rank(x))) {
    cli::cli_abort("Can't list the dimensions of a shape of unknown rank.",
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
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

#' @export
format.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  if (is.null(shape_rank(x))) return("shape(dims = NULL)")
  d <- as.integer(x)
  paste0("shape(", paste(ifelse(is.na(d), "NA", d), collapse = ", "), ")")
}

#' @export
print.tensorflow.python.framework.tensor_shape.TensorShape <- function(x, ...) {
  cat(format(x), "\n", sep = "")
  invisible(x)
}

#' @export
str.tensorflow.python.framework.tensor_shape.TensorShape <- function(object, ...) {
  cat(" ", format(object), "\n", sep = "")
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
