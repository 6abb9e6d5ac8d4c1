# R keras 2.x's `K <- backend()` and `keras$backend`: the Keras 2.15 backend
# module, 0-based axes as in Python (R's k_*() functions stay 1-based). The
# functions live in the core (pycore/kerasbridge/legacy/backend_module.py);
# they work eagerly and on symbolic tensors (then they become layers).

#' The Keras 2 backend module
#'
#' `K <- backend()` (or `keras$backend`) gives the Keras 2 backend functions as
#' R keras 2.x code calls them: `K$mean(x, axis = 1L)`, `K$int_shape(x)`,
#' `K$epsilon()`, `K$batch_flatten(x)`, `K$categorical_crossentropy(y, p)`, ...
#' (every function of Keras 2.15's `keras.backend`), with Python's 0-based
#' `axis`, plus what Keras 3's `keras.backend` has. The `k_*()` functions
#' do the same with R's 1-based axes.
#' @param convert Whether results are converted to R (as reticulate does).
#' @return A Python object whose attributes are the backend functions.
#' @examples
#' K <- backend()
#' x <- K$constant(matrix(1:6, nrow = 2))
#' K$mean(K$square(x), axis = -1L)   # Python's 0-based axes
#' @rdname backend_module
#' @export
backend <- function(convert = TRUE) {
  key <- if (isTRUE(convert)) "backend" else "backend_noconvert"
  if (is.null(.kb[[key]])) {
    core()
    .kb[[key]] <- reticulate::import("kerasbridge.legacy.backend_module",
                                     convert = isTRUE(convert))$BACKEND
  }
  .kb[[key]]   # one object: identical(backend(), keras$backend)
}
