# tfdatasets' TF1-style iteration (make_iterator_one_shot(), iterator_get_next(),
# until_out_of_range(), ...) on TensorFlow 2 iterators. A one-shot iterator is
# a TF2 iterator; iterator_get_next() signals an R condition of class
# `kerasbridge_out_of_range_error` at the end, which until_out_of_range() and
# with_dataset() catch. Initializable iterators, string handles and
# reinitializable iterators need TF1 sessions: those names give an error that
# says what to use instead (as_iterator()/iter_next(), a new iterator per pass).

#' TF1-style dataset iteration (tfdatasets names)
#'
#' `make_iterator_one_shot()` (and `make_iterator_initializable()`, already
#' initialized in TensorFlow 2) makes an iterator; `iterator_get_next()`
#' returns its next element, and at the end signals an error of class
#' `kerasbridge_out_of_range_error`. `until_out_of_range(expr)` evaluates
#' `expr` repeatedly until then; `with_dataset(expr)` evaluates `expr` once,
#' ending quietly there; `out_of_range_handler()` is the handler they use.
#' `next_batch()` is the next element of a fresh one-shot iterator.
#'
#' `make_iterator_from_structure()`, `make_iterator_from_string_handle()`,
#' `iterator_initializer()`, `iterator_make_initializer()` and
#' `iterator_string_handle()` need TensorFlow 1 sessions and signal a
#' `kerasbridge_unavailable_error`: in TensorFlow 2 make a new iterator
#' (`as_iterator(dataset)`) for each pass instead.
#' @param dataset A dataset.
#' @param shared_name Ignored (TensorFlow 1).
#' @param iterator An iterator.
#' @param expr An expression.
#' @param error An error condition.
#' @param ... Ignored: these names signal an error.
#' @returns An iterator, an element, or the value of `expr` (`NULL` at the end).
#' @examples
#' it <- make_iterator_one_shot(range_dataset(to = 3))
#' total <- 0
#' until_out_of_range({
#'   x <- iterator_get_next(it)
#'   total <- total + as.numeric(x)
#' })
#' total
#' with_dataset(iterator_get_next(it))
#' try(iterator_initializer(it))
#' @export
make_iterator_one_shot <- function(dataset) {
  check_dataset(dataset)
  with_py_errors(data_py()$make_iterator(dataset))
}

#' @rdname make_iterator_one_shot
#' @export
make_iterator_initializable <- function(dataset, shared_name = NULL) make_iterator_one_shot(dataset)

#' @rdname make_iterator_one_shot
#' @export
iterator_get_next <- function(iterator) {
  res <- with_py_errors(data_py()$iterator_get_next(iterator))
  if (!isTRUE(res[[1]])) {
    abort_kb(c("The iterator has no more elements.", i = "Make a new one with {.fn make_iterator_one_shot} for another pass."),
             kind = "out_of_range")
  }
  res[[2]]
}

#' @rdname make_iterator_one_shot
#' @export
next_batch <- function(dataset) iterator_get_next(make_iterator_one_shot(dataset))

#' @rdname make_iterator_one_shot
#' @export
out_of_range_handler <- function(error) {
  if (inherits(error, "kerasbridge_out_of_range_error")) return(invisible(NULL))
  stop(error)
}

#' @rdname make_iterator_one_shot
#' @export
until_out_of_range <- function(expr) {
  expr <- substitute(expr)
  env <- parent.frame()
  # the loop runs in the caller's frame, so `break` and `next` in `expr` act on it
  tryCatch(eval(call("repeat", expr), env), kerasbridge_out_of_range_error = function(e) invisible(NULL))
}

#' @rdname make_iterator_one_shot
#' @export
with_dataset <- function(expr) {
  tryCatch(expr, kerasbridge_out_of_range_error = function(e) invisible(NULL))
}

tf1_iterator_unavailable <- function(fn, call = rlang::caller_env()) {
  abort_kb(c(paste0("{.fn ", fn, "} needs TensorFlow 1 sessions, which TensorFlow 2 does not have."),
             i = "Iterate with {.code it <- as_iterator(dataset)} and {.fn iter_next} (or {.fn make_iterator_one_shot}); make a new iterator for each pass over the data."),
           kind = "unavailable", call = call)
}

#' @rdname make_iterator_one_shot
#' @export
make_iterator_from_structure <- function(...) tf1_iterator_unavailable("make_iterator_from_structure")

#' @rdname make_iterator_one_shot
#' @export
make_iterator_from_string_handle <- function(...) tf1_iterator_unavailable("make_iterator_from_string_handle")

#' @rdname make_iterator_one_shot
#' @export
iterator_initializer <- function(...) tf1_iterator_unavailable("iterator_initializer")

#' @rdname make_iterator_one_shot
#' @export
iterator_make_initializer <- function(...) tf1_iterator_unavailable("iterator_make_initializer")

#' @rdname make_iterator_one_shot
#' @export
iterator_string_handle <- function(...) tf1_iterator_unavailable("iterator_string_handle")
