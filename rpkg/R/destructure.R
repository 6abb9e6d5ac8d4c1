#' Multiple assignment: `c(x, y) %<-% value`
#'
#' zeallot's operator, with a fast path for the common case (a flat
#' `c(a, b, ...)` of names and a plain list or vector of the same length), which
#' runs in a few microseconds instead of about 100: it matters in training loops
#' that unpack every batch (`c(x, y) %<-% batch`). Everything else (nesting,
#' `...rest`, `.` to skip, data frames, custom destructuring) goes to zeallot.
#' @param x The names to assign, as `c(a, b)`.
#' @param value The value to unpack.
#' @name destructure
#' @returns `value`, invisibly; the names in `x` are assigned in the calling environment.
#' @examples
#' c(a, b) %<-% list(1, "two")
#' a
#' b
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_digits()
#' dim(x_train)
#' @export
`%<-%` <- function(x, value) {
  lhs <- substitute(x)
  env <- parent.frame()
  if (is_flat_names(lhs) && !is.object(value) && (is.list(value) || is.atomic(value)) &&
      length(value) == length(lhs) - 1L) {
    syms <- as.list(lhs)[-1]
    for (i in seq_along(syms)) assign(as.character(syms[[i]]), value[[i]], envir = env)
    return(invisible(value))
  }
  eval(as.call(list(zeallot::`%<-%`, lhs, value)), env)
}

is_flat_names <- function(lhs) {
  if (!is.call(lhs) || !identical(lhs[[1]], quote(c)) || length(lhs) < 2 || !is.null(names(lhs))) return(FALSE)
  for (el in as.list(lhs)[-1]) {
    if (!is.symbol(el)) return(FALSE)
    nm <- as.character(el)
    if (nm == "." || startsWith(nm, "...") || !nzchar(nm)) return(FALSE)
  }
  TRUE
}
