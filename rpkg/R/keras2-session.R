# R keras 2.x's session and installation functions: use_session_with_seed()
# (Keras 3 has no session; it sets the seeds as set_random_seed() does),
# and is_keras_available(); install_keras() is install_kerasbridge() (R/install.R).

#' Keras 2 compatibility: sessions and installation
#'
#' `use_session_with_seed()` (R keras 2.x) sets all seeds, as `set_random_seed()` does.
#' `install_keras()` is [install_kerasbridge()]. `is_keras_available()`
#' tells whether the Python core can be imported.
#' @param seed Integer seed.
#' @param disable_gpu,disable_parallel_cpu,quiet Ignored.
#' @param ... Ignored.
#' @returns `use_session_with_seed()`: `NULL`, invisibly; `is_keras_available()`:
#'   `TRUE` or `FALSE`.
#' @examples
#' use_session_with_seed(42)
#' is_keras_available()
#' @export
use_session_with_seed <- function(seed, disable_gpu = TRUE, disable_parallel_cpu = TRUE, quiet = FALSE) {
  set_random_seed(seed)
  if (!quiet) message("Set session seed to ", seed)
  invisible(seed)
}

#' @rdname use_session_with_seed
#' @export
is_keras_available <- function(...) {
  tryCatch({ core(); TRUE }, error = function(e) FALSE)
}
