# Tensors that behave like R values: group generics, `[` with R's 1-based
# indexing (as the R tensorflow package defines it), dim(), as.array(), print().
#
# reticulate 1.28 gives every TensorFlow tensor (EagerTensor, SymbolicTensor
# inside tf_function(), ResourceVariable, Keras' Variable) the class
# "tensorflow.python.types.core.Tensor"; symbolic Keras tensors (layer_input())
# are "keras.src.backend.common.keras_tensor.KerasTensor". The methods below
# are registered for both under the same function objects (see NAMESPACE), so
# R's Ops dispatch accepts `tensor + keras_tensor` (identical methods).
# The arithmetic itself lives in the core (pycore/kerasbridge/tensors.py).


# Functions of the core's tensors module, looked up once: `$` on a Python
# module costs ~50 microseconds in reticulate 1.28, more than the operation.
tensors_fn <- function(name) {
  f <- .kb$tensor_fns[[name]]
  if (is.null(f)) {
    f <- tensors_py()[[name]]
    if (is.null(.kb$tensor_fns)) .kb$tensor_fns <- list()
    .kb$tensor_fns[[name]] <- f
  }
  f
}

tensors_py <- function() {
  if (is.null(.kb$tensors)) {
    core()  # picks the Python and sets the R front end first
    .kb$tensors <- reticulate::import("kerasbridge.tensors")
  }
  .kb$tensors
}

is_tensor <- function(x) {
  inherits(x, c("tensorflow.python.types.core.Tensor", "keras.src.backend.common.keras_tensor.KerasTensor"))
}

# R values next to a tensor: vectors must arrive as arrays, not Python lists.
# (length-1 values stay scalars, so `sum(x) + 1` keeps a scalar shape)
tensor_operand <- function(x) if (is_py_object(x) || length(x) == 1L && is.null(dim(x))) x else r_marshal(x)

tensor_Ops <- function(e1, e2) {
  if (missing(e2)) return(with_py_errors(tensors_fn("unary")(.Generic, e1)))
  with_py_errors(tensors_fn("binary")(.Generic, tensor_operand(e1), tensor_operand(e2)))
}

tensor_Math <- function(x, ...) {
  args <- list(...)
  if (.Generic == "round" && length(args) && !identical(as.numeric(args[[1]]), 0)) {
    # round(x, digits): scale, round half to even (as R does), scale back
    scale <- 10^args[[1]]
    return(tensor_Math_call("round", x * scale) / scale)
  }
  if (.Generic == "signif") {
    cli::cli_abort("{.fn signif} is not supported for tensors; use {.code round(x, digits)}.",
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
  }
  tensor_Math_call(.Generic, x)
}

tensor_Math_call <- function(name, x) with_py_errors(tensors_fn("math")(name, x))

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
  if (.Generic == "range") {
    lo <- do.call(min, c(args, list(axis = axis, keepdims = keepdims)))
    hi <- do.call(max, c(args, list(axis = axis, keepdims = keepdims)))
    return(tf$stack(list(lo, hi)))
  }
  if (length(args) == 1L) {
    return(with_py_errors(tensors_fn("reduce")(.Generic, args[[1]], axis = axis_arg(axis), keepdims = keepdims)))
  }
  if (!is.null(axis)) {
    cli::cli_abort("{.arg axis} can only be used when reducing one tensor.",
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
  }
  with_py_errors(tensors_fn("reduce_many")(.Generic, lapply(args, tensor_operand)))
}

axis_arg <- function(axis) if (is.null(axis)) NULL else as.list(as.integer(axis))

tensor_mean <- function(x, ..., axis = NULL, keepdims = FALSE) {
  with_py_errors(tensors_fn("reduce")("mean", x, axis = axis_arg(axis), keepdims = keepdims))
}

# ---- shape, length, conversion ---------------------------------------------

tensor_dim <- function(x) {
  d <- with_py_errors(tensors_fn("dims")(x))
  if (is.null(d)) return(NULL)
  vapply(d, function(e) if (is.null(e)) NA_integer_ else as.integer(e), 0L)
}

tensor_length <- function(x) {
  d <- tensor_dim(x)
  if (is.null(d) || anyNA(d)) return(NA_integer_)
  as.integer(prod(d))
}

tensor_value <- function(x) {
  v <- with_py_errors(tensors_fn("value")(x))
  if (is_py_object(v)) v <- reticulate::py_to_r(v)
  v
}

# A 0-d tensor gives a plain number, as in the R tensorflow package
# (`as.array(metric$result())` is the idiom for a metric's value).
tensor_as_array <- function(x, ...) tensor_value(x)

tensor_as_double <- function(x, ...) as.double(tensor_value(x))
tensor_as_integer <- function(x, ...) as.integer(tensor_value(x))
tensor_as_logical <- function(x, ...) as.logical(tensor_value(x))
tensor_as_vector <- function(x, mode = "any") as.vector(tensor_value(x), mode = mode)

fmt_r_shape <- function(d) {
  if (is.null(d)) return("<unknown rank>")
  paste0("c(", paste(ifelse(is.na(d), "NA", d), collapse = ", "), ")")
}

tensor_header <- function(x) {
  info <- with_py_errors(tensors_fn("describe")(x))
  d <- if (is.null(info$shape)) NULL else vapply(info$shape, function(e) if (is.null(e)) NA_integer_ else as.integer(e), 0L)
  what <- switch(info$kind,
    Tensor = "tf.Tensor", Variable = "tf.Variable", SymbolicTensor = "tf.Tensor (symbolic)",
    KerasTensor = "KerasTensor")
  name <- if (!is.null(info$name) && nzchar(info$name)) sprintf(" '%s'", info$name) else ""
  list(text = sprintf("<%s%s shape=%s dtype=%s>", what, name, fmt_r_shape(d), info$dtype),
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
  if (length(d) == 1L) return(tf$expand_dims(x, 0L))
  if (length(d) != 2L) cli::cli_abort("{.fn t} needs a matrix or vector tensor; use {.fn aperm} for arrays.")
  tf$transpose(x)
}

tensor_aperm <- function(a, perm = NULL, ...) {
  tf$transpose(a, if (is.null(perm)) NULL else as.list(as.integer(perm) - 1L))
}

# ---- `[`: R's 1-based indexing as the R tensorflow package defines it -------
#
# scalars are 1-based and drop their dimension (unless drop = FALSE); `a:b` is
# an inclusive slice (`b:a` walks backwards); a missing index takes the whole
# dimension; NULL adds an axis; all_dims() stands for the remaining axes;
# negative numbers count from the end, Python style (x[-1] is the last element,
# with a once-per-session warning, as in the R tensorflow package); tensors are
# passed to TensorFlow as they are (0-based).

#' Stand-in for all remaining dimensions in `[` (Python's `...`)
#' @export
all_dims <- function() structure(list(), class = "kerasbridge_all_dims")

index_error <- function(msg, call, env = parent.frame()) {
  cli::cli_abort(msg, class = c("kerasbridge_argument_error", "kerasbridge_error"), call = call, .envir = env)
}

warn_negative_once <- function() {
  rlang::warn(c("Negative numbers in `[` on a tensor count from the end (Python style): x[-1] is the last element.",
                i = "Use x[2:n] to drop the first element."),
              .frequency = "once", .frequency_id = "kerasbridge_negative_index")
}

# one R index (number) -> 0-based Python index, checked against the dim size
to_zero_based <- function(i, size, k, call) {
  if (is.na(i)) index_error("Index {k} is NA; tensors can't be indexed with NA.", call)
  if (i != round(i)) index_error("Index {k} must be a whole number, not {i}.", call)
  if (i == 0) index_error(c("Index {k} is 0, but tensors are indexed from 1 in R.",
                            i = "The first element is x[1]."), call)
  if (!is.na(size) && abs(i) > size) {
    index_error("Index {k} is out of bounds: {i} for a dimension of size {size}.", call)
  }
  if (i < 0) {
    warn_negative_once()
    return(as.integer(i))
  }
  as.integer(i) - 1L
}

# an inclusive 1-based slice start:stop(:step) -> list("slice", start0, stop0, step)
r_slice <- function(start, stop, step, size, k, call) {
  num <- function(v) is.numeric(v) && length(v) == 1L
  if (num(start) && num(stop)) {
    for (v in c(start, stop)) to_zero_based(v, size, k, call)
    if (is.null(step) && start > stop && sign(start) == sign(stop)) step <- -1L
  }
  s0 <- if (num(start)) { if (start > 0) as.integer(start) - 1L else as.integer(start) } else start
  e0 <- stop
  if (num(stop)) {
    dir <- if (is.null(step) || step > 0) 1L else -1L
    e0 <- (if (stop > 0) as.integer(stop) - 1L else as.integer(stop)) + dir
    # an exclusive stop of 0 (forwards, from a negative stop) or -1 (backwards
    # past the first element) means "to the end" in Python
    if ((dir == 1L && e0 == 0L) || (dir == -1L && e0 == -1L && stop > 0)) e0 <- NULL
  }
  list("slice", s0, e0, if (is.null(step)) NULL else as.integer(step))
}

index_item <- function(expr, env, size, k, drop, call) {
  if (identical(expr, quote(expr = ))) return(list("slice", NULL, NULL, NULL))
  # `a:b` and `a:b:step` become slices without building the sequence, so the
  # bounds may be negative or tensors
  if (is.call(expr) && identical(expr[[1]], as.name(":"))) {
    lhs <- expr[[2]]
    if (is.call(lhs) && identical(lhs[[1]], as.name(":"))) {
      return(r_slice(eval(lhs[[2]], env), eval(lhs[[3]], env), eval(expr[[3]], env), size, k, call))
    }
    start <- eval(lhs, env)
    stop <- eval(expr[[3]], env)
    if (is_tensor(start) || is_tensor(stop)) return(list("slice", start, stop, NULL))
    return(r_slice(start, stop, NULL, size, k, call))
  }
  v <- eval(expr, env)
  if (is.null(v)) return("newaxis")
  if (inherits(v, "kerasbridge_all_dims")) return("...")
  if (is_tensor(v)) return(v)
  if (is.logical(v)) index_error(c("Logical indices are not supported on tensors (index {k}).",
                                   i = "Use {.code tf$boolean_mask(x, mask)}."), call)
  if (!is.numeric(v)) index_error("Index {k} must be a number, a range such as 1:3, NULL or a tensor.", call)
  if (length(v) == 1L) {
    i <- to_zero_based(v, size, k, call)
    if (drop) return(i)
    # a length-1 slice keeps the dimension
    return(if (i < 0) list("slice", i, if (i == -1L) NULL else i + 1L, NULL) else list("slice", i, i + 1L, NULL))
  }
  # a regular sequence such as seq(1, 9, by = 2) is a strided slice
  step <- v[2] - v[1]
  if (step == 0 || any(diff(v) != step)) {
    index_error(c("Index {k} must be a regular sequence such as 1:3 or seq(1, 9, by = 2).",
                  i = "To pick arbitrary elements use {.code tf$gather(x, indices - 1L, axis = {k - 1L})}."), call)
  }
  r_slice(v[1], v[length(v)], if (step == 1) NULL else step, size, k, call)
}

tensor_extract <- function(x, ..., drop = TRUE) {
  call <- sys.call()
  dots <- eval(substitute(alist(...)))
  env <- parent.frame()
  d <- tensor_dim(x)
  n_real <- sum(vapply(dots, function(e) !is.null(e) && !identical(e, quote(NULL)), TRUE))
  if (!is.null(d) && n_real > length(d)) {
    index_error("Too many indices: the tensor has {length(d)} dimension{?s}, received {n_real}.", call)
  }
  spec <- vector("list", length(dots))
  axis <- 0L
  for (k in seq_along(dots)) {
    axis <- axis + 1L
    size <- if (!is.null(d) && axis <= length(d)) d[[axis]] else NA_integer_
    item <- index_item(dots[[k]], env, size, k, drop, call)
    if (identical(item, "newaxis")) axis <- axis - 1L
    if (identical(item, "...")) axis <- axis + max(0L, length(d) - n_real)
    spec[[k]] <- item
  }
  with_py_errors(tensors_fn("extract")(x, spec))
}

#' @export
`[.tensorflow.python.types.core.Tensor` <- tensor_extract
