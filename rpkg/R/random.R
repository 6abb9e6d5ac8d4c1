# keras3's random_* functions (generated: R/random-generated.R), over
# keras.random through call_op() (R/ops.R): shapes and seeds may be R doubles.

#' Random tensors (keras3 `random_*`)
#'
#' Draws from `keras.random`. `seed` is a whole number, or a
#' `random_seed_generator()` for draws that differ from call to call inside
#' compiled code. `random_integer()` is `keras.random.randint`.
#' @return A tensor (`random_seed_generator()`: a `keras.random.SeedGenerator`).
#' @examples
#' random_normal(c(2, 3), seed = 1)
#' gen <- random_seed_generator(42)
#' random_uniform(c(2), seed = gen)
#' random_integer(c(5), minval = 0, maxval = 10, seed = 1)
#' @order 1
#' @name random
NULL
