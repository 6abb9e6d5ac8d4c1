# Tensors that behave like R values: group generics, `[` with R's 1-based
# indexing (as the R tensorflow package defines it), dim(), as.array(), print().
#
# Every TensorFlow tensor, variable (TensorFlow's and Keras'), ragged and sparse
# tensor that reaches R carries the class vector R tensorflow gives it:
# "tensorflow.tensor", then the Python class chain (reticulate's), ending in
# "python.builtin.object"; tf.data datasets get "tf_dataset" in front, as
# tfdatasets gives them (tensor_class_filter(), registered in .onLoad). The
# methods below are registered for "tensorflow.tensor" and for symbolic Keras
# tensors (layer_input(): "keras.src.backend.common.keras_tensor.KerasTensor")
# under the same function objects (see NAMESPACE), so R's Ops dispatch accepts
# `tensor + keras_tensor` (identical methods).
# The arithmetic itself lives in the core (pycore/kerasbridge/tensors.py).

tensor_base_classes <- c(
  "tensorflow.python.types.core.Tensor", "tensorflow.python.framework.tensor.Tensor",
  "tensorflow.python.ops.variables.Variable", "tensorflow.python.framework.ops.Tensor",
  "tensorflow.python.ops.ragged.ragged_tensor.RaggedTensor",
  "tensorflow.python.framework.sparse_tensor.SparseTensor")

dataset_base_class <- "tensorflow.python.data.ops.dataset_ops.DatasetV2"

# reticulate calls this with the Python class chain of every object that reaches R
# (dozens per call into Python): objects outside TensorFlow leave at the first test
tensor_class_filter <- function(classes) {
  first <- classes[[1L]]
  if (!startsWith(first, "tensorflow.") && !startsWith(first, "keras.src.backend.")) return(classes)
  if (any(tensor_base_classes %in% classes)) return(c("tensorflow.tensor", classes))
  if (dataset_base_class %in% classes && !"tf_dataset" %in% classes) return(c("tf_dataset", classes))
  classes
}

# One filter for both (reticulate runs every registered filter on every object
# reaching R): tensors and datasets here, R keras 2.x's names for Keras objects
# otherwise (R/keras2-class-names.R).
kerasbridge_class_filter <- function(classes) {
  first <- classes[[1L]]
  if (startsWith(first, "tensorflow.") || startsWith(first, "keras.src.backend.")) return(tensor_class_filter(classes))
  keras2_class_filter(classes)
}

register_class_filters <- function() {
  reticulate::register_class_filter(kerasbridge_class_filter)
}


# The arithmetic and the rest are functions of the core's tensors module,
# called through call_core() (R/errors.R): looked up once and bound to the R
# front end on the Python side, so each method is one crossing into Python.

is_tensor <- function(x) {
  inherits(x, c("tensorflow.tensor", "keras.src.backend.common.keras_tensor.KerasTensor"))
}

# R values next to a tensor: vectors must arrive as arrays, not Python lists.
# (length-1 values stay scalars, so `sum(x) + 1` keeps a scalar shape)
tensor_operand <- function(x) if (is_py_object(x) || length(x) == 1L && is.null(dim(x))) x else r_marshal(x)

tensor_Ops <- function(e1, e2) {
  if (missing(e2)) return(call_core("tensors.unary", .Generic, e1))
  call_core("tensors.binary", .Generic, tensor_operand(e1), tensor_operand(e2))
}

tensor_Math <- function(x, ...) {
  args <- list(...)
  if (.Generic == "round" && length(args) && !identical(as.numeric(args[[1]]), 0)) {
    # round(x, digits): scale, round half to even (as R does), scale back
    scale <- 10^args[[1]]
    return(tensor_Math_call("round", x * scale) / scale)
  }
  if (.Generic == "signif") {
    abort_kb("{.fn signif} is not supported for tensors; use {.code round(x, digits)}.")
  }
  tensor_Math_call(.Generic, x)
}

tensor_Math_call <- function(name, x) call_core("tensors.math", name, x)

tensor_log <- function(x, base = exp(1)) {
  out <- tensor_Math_call("log", x)
  if (missing(base) || identical(base, exp(1))) return(out)
  out / log(base)  # an R number: takes the tensor's dtype
}

tensor_Summary <- function(..., na.rm = FALSE) {
  args <- list(...)
  axis <- args$axis
  keepdims <- isTRUE(args$keepdims)
  args$axis <- NULL
  args$keepdims <- NULL
  call_core("tensors.summarize", .Generic, unname(lapply(args, tensor_operand)), axis = axis, keepdims = keepdims)
}

# Re(), Im(), Mod(), Arg(), Conj()
tensor_Complex <- function(z) call_core("tensors.complex_op", .Generic, z)

tensor_is_finite <- function(x) call_core("tensors.predicate", "is.finite", x)
tensor_is_infinite <- function(x) call_core("tensors.predicate", "is.infinite", x)
tensor_is_nan <- function(x) call_core("tensors.predicate", "is.nan", x)

tensor_sort <- function(x, decreasing = FALSE, ...) call_core("tensors.sort", x, decreasing = isTRUE(decreasing))

# rep(x, times): the flattened tensor repeated (`times` may be a tensor)
tensor_rep <- function(x, times = 1L, ...) {
  call_core("tensors.rep", x, if (is_py_object(times)) times else as.integer(times))
}

# cbind()/rbind(): vectors become columns/rows; all values take `dtype`
# (default: the first tensor's), as in R tensorflow
tensor_cbind <- function(..., dtype = NULL, name = NULL, deparse.level = 1) {
  call_core("tensors.bind", unname(lapply(list(...), tensor_operand)), "c", dtype = dtype)
}
tensor_rbind <- function(..., dtype = NULL, name = NULL, deparse.level = 1) {
  call_core("tensors.bind", unname(lapply(list(...), tensor_operand)), "r", dtype = dtype)
}

# `axis` goes as written (1-based), here and in Summary: the core's argspec converts it
tensor_mean <- function(x, ..., axis = NULL, keepdims = FALSE) {
  call_core("tensors.reduce", "mean", x, axis = axis, keepdims = keepdims)
}

# ---- shape, length, conversion ---------------------------------------------

tensor_dim <- function(x) {
  d <- call_core("tensors.dims", x)
  if (is.null(d)) return(NULL)
  vapply(d, function(e) if (is.null(e)) NA_integer_ else as.integer(e), 0L)
}

tensor_length <- function(x) {
  d <- tensor_dim(x)
  if (is.null(d) || anyNA(d)) return(NA_integer_)
  as.integer(prod(d))
}

tensor_value <- function(x) {
  v <- call_core("tensors.value", x)
  if (is_py_object(v)) v <- reticulate::py_to_r(v)
  if (is.list(v)) {  # strings: column-major values and the dims (the core's value())
    s <- as.character(unlist(v$strings))
    return(if (length(v$dim)) array(s, dim = unlist(v$dim)) else s)
  }
  v
}

# A 0-d tensor gives a plain number, as in the R tensorflow package
# (`as.array(metric$result())` is the idiom for a metric's value).
tensor_as_array <- function(x, ...) tensor_value(x)

tensor_as_double <- function(x, ...) as.double(tensor_value(x))
tensor_as_character <- function(x, ...) as.character(tensor_value(x))
tensor_as_matrix <- function(x, ...) as.matrix(tensor_value(x), ...)
# a Python value as an R value, also from objects made with convert = FALSE
py_value <- function(x) if (is_py_object(x)) reticulate::py_to_r(x) else x

# an image tensor as a raster: integer dtypes scale to their maximum, floats to 1
tensor_as_raster <- function(x, max = NULL, ...) {
  dt <- with_py_errors(x$dtype)
  if (is.null(max)) max <- if (isTRUE(py_value(dt$is_integer))) py_value(dt$max) else 1
  grDevices::as.raster(tensor_value(x), max = max, ...)
}
tensor_as_integer <- function(x, ...) as.integer(tensor_value(x))
tensor_as_logical <- function(x, ...) as.logical(tensor_value(x))
tensor_as_vector <- function(x, mode = "any") as.vector(tensor_value(x), mode = mode)

# The one shape formatter is the core's (frontend.fmt_shape): c(NA, 784).
# `shape`: a list with NULL for unknown dims (as the core returns shapes), or a TensorShape.
fmt_shape <- function(shape) call_core("tensors.shape_text", shape)

tensor_header <- function(x) {
  info <- call_core("tensors.describe", x)
  what <- switch(info$kind,
    Tensor = "tf.Tensor", Variable = "tf.Variable", SymbolicTensor = "tf.Tensor (symbolic)",
    KerasTensor = "KerasTensor")
  name <- if (!is.null(info$name) && nzchar(info$name)) sprintf(" '%s'", info$name) else ""
  list(text = sprintf("<%s%s shape=%s dtype=%s>", what, name, info$shape_text, info$dtype),
       eager = isTRUE(info$eager) && info$kind %in% c("Tensor", "Variable"))
}

tensor_print <- function(x, ...) {
  h <- tensor_header(x)
  cat(h$text, "\n", sep = "")
  if (h$eager) {
    v <- tensor_value(x)
    if (length(v)) print(v, ...)
  }
  invisible(x)
}

tensor_str <- function(object, ...) {
  cat(tensor_header(object)$text, "\n", sep = "")
  invisible()
}

tensor_format <- function(x, ...) tensor_header(x)$text

tensor_t <- function(x) {
  d <- tensor_dim(x)
  if (length(d) == 0L) return(tf$reshape(x, c(1L, 1L)))
  if (length(d) == 1L) return(tf$expand_dims(x, 0L))
  if (length(d) != 2L) abort_kb("{.fn t} needs a matrix or vector tensor; use {.fn aperm} for arrays.")
  tf$transpose(x)
}

tensor_aperm <- function(a, perm = NULL, ...) {
  call_core("tensors.transpose", a, perm)  # perm is 1-based; the core translates it
}

# ---- `[`: R's 1-based indexing as the R tensorflow package defines it -------
#
# scalars are 1-based and drop their dimension (unless drop = FALSE); `a:b` is
# an inclusive slice (`b:a` walks backwards, NA:NA:-1 reverses); Python-style
# slices may be written `` `5:` ``, `` `::2` ``, 2:NULL:2; a missing index takes
# the whole dimension; NULL (tf$newaxis) adds an axis; all_dims() stands for the
# remaining axes; negative numbers count from the end, Python style (x[-1] is
# the last element, with a once-per-session warning); tensors are passed to
# TensorFlow as they are (0-based, with a once-per-session warning).
# options(tensorflow.extract.style = "python") or `style = "python"` read
# numbers as Python does (0-based, exclusive stop, no bounds check); the finer
# options are R tensorflow's (tf_extract_opts()). The translation to Python's
# key, and its checks, are the core's (tensors.tensor_extract): R sends each
# index as written.

#' Stand-in for all remaining dimensions in `[` (Python's `...`)
#' @returns A marker object for `[`.
#' @examples
#' x <- tf$reshape(tf$range(24), c(2L, 3L, 4L))
#' x[all_dims(), 1]   # Python's x[..., 0]
#' @export
all_dims <- function() structure(list(), class = "kerasbridge_all_dims")

# what `[` has warned about this session (R tensorflow warns once about each)
warned_about <- new.env(parent = emptyenv())
warned_about$negative_indices <- FALSE
warned_about$tensors_passed_asis <- FALSE

# R tensorflow's extract options: `style` ("R" or "python") overrides the rest
tf_extract_opts <- function(style = getOption("tensorflow.extract.style"), ...,
                            one_based = getOption("tensorflow.extract.one_based", getOption("tensorflow.one_based_extract", TRUE)),
                            inclusive_stop = getOption("tensorflow.extract.inclusive_stop", TRUE),
                            disallow_out_of_bounds = getOption("tensorflow.extract.disallow_out_of_bounds",
                                                               getOption("tensorflow.extract.dissallow_out_of_bounds", TRUE)),
                            warn_tensors_passed_asis = getOption("tensorflow.extract.warn_tensors_passed_asis", TRUE),
                            warn_negatives_pythonic = getOption("tensorflow.extract.warn_negatives_pythonic", TRUE)) {
  opts <- list(one_based = isTRUE(one_based), inclusive_stop = isTRUE(inclusive_stop),
               disallow_out_of_bounds = isTRUE(disallow_out_of_bounds),
               warn_tensors_passed_asis = isTRUE(warn_tensors_passed_asis),
               warn_negatives_pythonic = isTRUE(warn_negatives_pythonic))
  if (!is.null(style)) {
    style <- match.arg(style, c("R", "python"))
    if (style == "python") opts[] <- list(FALSE) else opts$warn_tensors_passed_asis <- opts$warn_negatives_pythonic <- FALSE
  } else {
    if (warned_about$negative_indices) opts$warn_negatives_pythonic <- FALSE
    if (warned_about$tensors_passed_asis) opts$warn_tensors_passed_asis <- FALSE
  }
  structure(opts, class = "tf_extract_options")
}

# `a:b:c`, or a name such as `5:`/`::2`/`2:NULL` (backticked), as its 1-3 bounds
slice_parts <- function(expr, k) {
  if (is.name(expr)) {
    parts <- strsplit(as.character(expr), ":", fixed = TRUE)[[1]]
    if (endsWith(as.character(expr), ":")) parts <- c(parts, "")
    parts[!nzchar(parts)] <- "NULL"
    return(lapply(parts, function(p) parse(text = p, keep.source = FALSE)[[1]]))
  }
  lhs <- expr[[2]]
  if (is.call(lhs) && identical(lhs[[1]], as.name(":"))) return(list(lhs[[2]], lhs[[3]], expr[[3]]))
  list(lhs, expr[[3]])
}

is_slice_expr <- function(expr) {
  (is.call(expr) && identical(expr[[1]], as.name(":"))) ||
    (is.name(expr) && grepl(":", as.character(expr), fixed = TRUE))
}

# a bound of a slice: NULL and NA are missing, numbers and tensors go as they are
slice_bound <- function(v, k) {
  if (is.null(v) || is_py_object(v)) return(v)
  if (length(v) == 1L && is.na(v)) return(NULL)
  if (!is.numeric(v) || length(v) != 1L) {
    abort_kb("Index {k}: the bounds of a slice must be single whole numbers, NULL/NA or tensors.", kind = "argument")
  }
  v
}

# one index as written, tagged for the core
index_item <- function(expr, env, k) {
  if (identical(expr, quote(expr = ))) return(list("all"))
  # `a:b` and `a:b:step` go as their bounds, without building the sequence, so
  # the bounds may be negative, missing or tensors
  if (is_slice_expr(expr)) {
    parts <- slice_parts(expr, k)
    if (!length(parts) %in% 1:3) abort_kb("Index {k}: only 1, 2, or 3 parts can make a slice.", kind = "argument")
    b <- lapply(parts, function(p) slice_bound(eval(p, env), k))
    length(b) <- 3L
    return(list("range", b[[1]], b[[2]], b[[3]]))
  }
  v <- eval(expr, env)
  if (inherits(v, c("kerasbridge_all_dims", "python.builtin.ellipsis"))) return(list("all_dims"))
  if (is.null(v) || is_py_object(v)) return(list("value", v))
  if (is.function(v)) abort_kb("Index {k} is a function; tensors are indexed with numbers, slices, NULL or tensors.", kind = "argument")
  if (is.character(v) || (is.numeric(v) && any(!is.finite(v))) || (is.logical(v) && anyNA(v))) {
    what <- if (is.character(v)) "character" else if (anyNA(v)) "NA" else "Inf"
    abort_kb("Index {k} is {what}: NA, Inf, or character inputs are not supported as tensor indices.", kind = "argument")
  }
  if (length(dim(v)) > 1L) {
    abort_kb("Index {k}: matrix indices are not currently supported.", kind = "argument")
  }
  list("value", if (length(v) > 1L) as.vector(v) else v)
}

tensor_extract <- function(x, ..., drop = TRUE, style = getOption("tensorflow.extract.style"),
                           options = tf_extract_opts(style)) {
  dots <- eval(substitute(alist(...)))
  env <- parent.frame()
  items <- vector("list", length(dots))
  for (k in seq_along(dots)) items[[k]] <- index_item(dots[[k]], env, k)
  res <- call_core("tensors.tensor_extract",
    x, items, drop = isTRUE(drop), one_based = options$one_based,
    inclusive_stop = options$inclusive_stop, check_bounds = options$disallow_out_of_bounds)
  if (isTRUE(res[[4]])) {
    warning("Incorrect number of dimensions supplied. The number of supplied arguments (not counting any NULL, ",
            "tf$newaxis or all_dims()) should match the number of dimensions in the tensor.", call. = FALSE)
  }
  if (isTRUE(res[[2]]) && options$warn_negatives_pythonic) {
    warned_about$negative_indices <- TRUE
    warning("Negative numbers are interpreted python-style when subsetting tensorflow tensors: x[-1] is the last element. ",
            "To turn off this warning, set `options(tensorflow.extract.warn_negatives_pythonic = FALSE)`.", call. = FALSE)
  }
  if (isTRUE(res[[3]]) && options$warn_tensors_passed_asis) {
    warned_about$tensors_passed_asis <- TRUE
    warning("Indexing tensors are passed as-is to python, no index offsetting or R to python translation is performed: ",
            "the options one_based and inclusive_stop are ignored for them. To silence this warning, set ",
            "`options(tensorflow.extract.warn_tensors_passed_asis = FALSE)`.", call. = FALSE)
  }
  res[[1]]
}

# `x[i] <- value`: a tensor is replaced by a modified copy (R semantics); a
# variable is assigned in place. Indices are read as `[` reads them.
tensor_assign <- function(x, ..., value) {
  dots <- eval(substitute(alist(...)))
  env <- parent.frame()
  items <- vector("list", length(dots))
  for (k in seq_along(dots)) items[[k]] <- index_item(dots[[k]], env, k)
  options <- tf_extract_opts()
  call_core("tensors.tensor_assign",
    x, items, tensor_operand(value), one_based = options$one_based,
    inclusive_stop = options$inclusive_stop, check_bounds = options$disallow_out_of_bounds)
}
