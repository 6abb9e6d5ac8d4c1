# zip_lists() and %as%: the two helpers of the GradientTape idiom
#   with(tf$GradientTape() %as% tape, { ... })
#   optimizer$apply_gradients(zip_lists(gradients, model$trainable_weights))

#' Zip lists element-wise
#'
#' `zip_lists(list(a, b), list(c, d))` is `list(list(a, c), list(b, d))`:
#' the `(gradient, variable)` pairs `optimizer$apply_gradients()` wants. Names,
#' when the first list has them, are matched across lists and kept.
#' @param ... lists (or vectors) of the same length.
#' @returns A list of lists.
#' @examples
#' str(zip_lists(list(1, 2), list("a", "b")))
#' str(zip_lists(list(x = 1, y = 2), list(y = "b", x = "a")))
#' @export
zip_lists <- function(...) {
  lists <- list(...)
  if (length(lists) == 1L && is.list(lists[[1]]) && all(vapply(lists[[1]], is.list, TRUE))) lists <- lists[[1]]
  if (!length(lists)) return(list())
  n <- unique(lengths(lists))
  if (length(n) != 1L) {
    abort_kb(c("All arguments to {.fn zip_lists} must have the same length.",
               x = "Received lengths {lengths(lists)}."))
  }
  nms <- names(lists[[1]])
  if (!is.null(nms) && all(nzchar(nms))) {
    # names match across lists, as in R keras 2.x; names that differ are an error, not a silent NULL
    for (l in lists) if (!is.null(names(l)) && !setequal(names(l), nms))
      abort_kb(c("All names of the arguments to {.fn zip_lists} must match.",
                 i = "Call {.fn unname} on each argument for positional matching."))
    lists <- lapply(lists, function(l) if (is.null(names(l))) l else l[nms])
  }
  out <- lapply(seq_len(n), function(i) lapply(lists, `[[`, i))
  names(out) <- nms
  out
}

# `%as%` is reticulate's, re-exported in NAMESPACE: it tags the object with the
# name that reticulate's with() method binds `__enter__()`'s result to.
