# keras3's small R helpers: named_list() and newaxis.

#' A list named after its arguments (keras3)
#'
#' Like [list()], but an unnamed argument is named after the expression that
#' gave it (`named_list(x, y)` is `list(x = x, y = y)`).
#' @param ... Values.
#' @returns A named list.
#' @examples
#' x <- 1; y <- "a"
#' named_list(x, y, z = 3)
#' @export
named_list <- function(...) {
  values <- list(...)
  exprs <- as.list(substitute(list(...)))[-1L]
  nms <- names(values) %||% rep("", length(values))
  unnamed <- !nzchar(nms)
  nms[unnamed] <- vapply(exprs[unnamed], function(e) paste(deparse(e, width.cutoff = 500L), collapse = " "), "")
  names(values) <- nms
  values
}

#' Add an axis when indexing a tensor (keras3)
#'
#' `newaxis` is `NULL`: in `x[, newaxis]` it inserts a new axis of size 1.
#' @format `NULL`.
#' @examples
#' x <- op_ones(c(2, 3))
#' dim(x[, newaxis, ])
#' @export
newaxis <- NULL
