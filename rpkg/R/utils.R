# Only the arguments the user supplied are forwarded to Python, so Keras keeps
# its own defaults. Call it as a statement at the top of a wrapper
# (`args <- capture_args()`), never as an argument of another call: its
# defaults look one frame up, which a lazily evaluated argument would shift.
capture_args <- function(ignore = "object", env = parent.frame(), fn = sys.function(-1), call = sys.call(-1)) {
  mc <- match.call(fn, call, expand.dots = FALSE, envir = parent.frame(2L))
  supplied <- setdiff(as.character(names(mc)[-1]), c("...", ignore))
  args <- mget(supplied, envir = env)
  if ("..." %in% names(mc)) args <- c(args, eval(quote(list(...)), env))
  # a bare NA is logical and would reach Python as TRUE: send it as NA_real_ (NaN),
  # which the core reports as NA (`units = NA`, `batch_size = NA`)
  for (i in seq_along(args)) if (identical(args[[i]], NA)) args[i] <- list(NA_real_)
  args
}

`%||%` <- function(x, y) if (is.null(x)) y else x

is_py_object <- function(x) inherits(x, "python.builtin.object")
