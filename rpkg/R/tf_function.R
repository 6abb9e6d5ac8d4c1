# tf_function(): an R function compiled into a TensorFlow graph. The R code
# runs while TensorFlow traces the function (once per new input signature);
# later calls run the graph and never enter R.

#' Compile an R function into a TensorFlow graph
#'
#' @param f an R function of tensors.
#' @param input_signature `NULL`, or a list of `tf$TensorSpec()` (one per
#'   argument) fixing the shapes/dtypes the graph accepts.
#' @param autograph must stay `FALSE`: AutoGraph rewrites Python source, not R.
#'   Write data-dependent control flow with `tf$cond()` / `tf$while_loop()`.
#' @param ... passed to `tf$function()` (e.g. `jit_compile`, `reduce_retracing`).
#' @return an R function that calls the compiled TensorFlow function; `$`
#'   reaches the TensorFlow function (`f$get_concrete_function()`).
#' @export
tf_function <- function(f, input_signature = NULL, autograph = FALSE, ...) {
  if (!is.function(f)) {
    cli::cli_abort("{.arg f} must be an R function, not {.obj_type_friendly {f}}.",
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
  }
  if (!isFALSE(autograph)) {
    cli::cli_abort(c("{.code autograph = TRUE} is not available for R functions.",
                     i = "Use {.code tf$cond()} and {.code tf$while_loop()} for control flow on tensors."),
                   class = c("kerasbridge_argument_error", "kerasbridge_error"))
  }
  traced <- with_trace_errors(f)
  # py_func() gives TensorFlow the R signature (to bind arguments by name); it
  # can't express `...`, which reticulate's own (*args, **kwargs) wrapper can.
  callable <- tryCatch(reticulate::py_func(traced), error = function(e) traced)
  args <- list(callable, autograph = FALSE, ...)
  if (!is.null(input_signature)) args$input_signature <- input_signature
  py_fn <- with_py_errors(do.call(tf$`function`, args))
  # An R error raised while tracing crosses Python as a RuntimeError and loses
  # its class; the R side rethrows the original condition instead.
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
# is rethrown as the original R condition (it crossed Python as a RuntimeError).
with_trace <- function(expr, call = rlang::caller_env()) {
  .kb$trace_error <- NULL
  tryCatch(expr, error = function(e) {
    err <- .kb$trace_error
    .kb$trace_error <- NULL
    if (!is.null(err)) stop(err)
    if (inherits(e, "kerasbridge_error")) stop(e)
    rethrow_py_error(e, call = call)
  })
}

# The same function (same formals, so TensorFlow binds arguments by name) whose
# body records any R error and explains the one R raises for `if`/`while` on a
# symbolic tensor.
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
  tryCatch(expr, error = function(e) {
    e <- explain_control_flow(e)
    .kb$trace_error <- e
    stop(e)
  })
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
  tryCatch(cli::cli_abort(c(
    "Can't use R's {.code {head}} on a tensor inside {.fn tf_function}: {.code {head} ({cond})}.",
    x = "The tensor's value is only known when the graph runs, after the R code has finished.",
    i = "Use {.code {fix}} instead, or compute the condition from R values (not tensors)."),
    class = c("kerasbridge_control_flow_error", "kerasbridge_error"),
    call = NULL), error = identity)
}
