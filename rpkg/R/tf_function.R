# tf_function(): an R function compiled into a TensorFlow graph. The R code
# runs while TensorFlow traces the function (once per new input signature);
# later calls run the graph and never enter R.

#' Compile an R function into a TensorFlow graph
#'
#' @param f an R function of tensors.
#' @param input_signature `NULL`, or a list of `tf$TensorSpec()` (one per
#'   argument) fixing the shapes/dtypes the graph accepts.
#' @param autograph `TRUE` (the default) translates R `if`, `while`, `for`,
#'   `break` and `next` on tensors and datasets into graph control flow (see
#'   [autograph()]); `FALSE` traces the R code as it is (an `if` on a symbolic
#'   tensor is then an error: use `tf$cond()` / `tf$while_loop()`).
#' @param ... passed to `tf$function()` (e.g. `jit_compile`, `reduce_retracing`).
#' @return an R function that calls the compiled TensorFlow function; `$`
#'   reaches the TensorFlow function (`f$get_concrete_function()`).
#' @examples
#' square_sum <- tf_function(function(x) tf$reduce_sum(x * x))
#' square_sum(tf$constant(c(1, 2, 3)))
#' @export
tf_function <- function(f, input_signature = NULL, autograph = TRUE, ...) {
  if (!is.function(f)) {
    abort_kb("{.arg f} must be an R function, not {.obj_type_friendly {f}}.")
  }
  if (!is.logical(autograph) || length(autograph) != 1L || is.na(autograph)) {
    abort_kb("{.arg autograph} must be {.code TRUE} or {.code FALSE}, not {.obj_type_friendly {autograph}}.")
  }
  if (autograph) f <- ag_translate(f)  # R/autograph.R
  traced <- with_trace_errors(f)
  # py_func() gives TensorFlow the R signature (to bind arguments by name); it
  # can't express `...`, which reticulate's own (*args, **kwargs) wrapper can.
  callable <- tryCatch(reticulate::py_func(traced), error = function(e) traced)
  # the core raises the R error the body returns (keeping that signature)
  callable <- core()$errors$r_function(callable)
  args <- list(callable, autograph = FALSE, ...)
  if (!is.null(input_signature)) args$input_signature <- input_signature
  py_fn <- with_py_errors(do.call(tf$`function`, args))
  # An R error raised while tracing crosses Python by id (errors.R); the R side
  # rethrows the original condition.
  wrapper <- function(...) with_trace(py_fn(...), call = NULL)
  structure(wrapper, class = c("kerasbridge_tf_function", "function"), py_function = py_fn)
}

#' @export
`$.kerasbridge_tf_function` <- function(x, name) attr(x, "py_function")[[name]]

#' @export
r_to_py.kerasbridge_tf_function <- function(x, convert = FALSE) attr(x, "py_function")

#' @export
print.kerasbridge_tf_function <- function(x, ...) {
  cat("<tf_function: an R function compiled into a TensorFlow graph>\n")
  invisible(x)
}

# Evaluate code that may trace R functions; an R error raised while tracing
# is rethrown as the original R condition (rethrow_py_error() takes it back by
# the id its Python exception carries).
with_trace <- function(expr, call = rlang::caller_env()) {
  with_py_errors(expr, .call = call)
}

# The same function (same formals, so TensorFlow binds arguments by name) whose
# body keeps any R error for the R side (returning it to Python by id) and
# explains the one R raises for `if`/`while` on a symbolic tensor.
with_trace_errors <- function(f) {
  if (is.primitive(f)) {
    prim <- f
    f <- function(...) prim(...)
  }
  g <- f
  # the function object itself goes into the call: no `:::`, works whatever
  # environment f was defined in
  body(g) <- bquote(.(record_trace_error)(.(body(f))))
  g
}

record_trace_error <- function(expr) {
  tryCatch(expr, error = function(e) keep_r_error(explain_control_flow(e)))
}

explain_control_flow <- function(e) {
  call <- conditionCall(e)
  head <- if (is.call(call) && is.name(call[[1]])) as.character(call[[1]]) else ""
  if (!head %in% c("if", "while") ||
      !grepl("not interpretable as logical|argument is of length zero|the condition has length", conditionMessage(e))) {
    return(e)
  }
  cond <- deparse(call[[2]], width.cutoff = 60L)[1]
  fix <- if (head == "if") "tf$cond(pred, true_fn, false_fn)" else "tf$while_loop(cond, body, loop_vars)"
  tryCatch(abort_kb(c(
    "Can't use R's {.code {head}} on a tensor inside {.fn tf_function}: {.code {head} ({cond})}.",
    x = "The tensor's value is only known when the graph runs, after the R code has finished.",
    i = "Use {.code {fix}} instead, or compute the condition from R values (not tensors)."),
    call = NULL, kind = "control_flow"), error = identity)
}
