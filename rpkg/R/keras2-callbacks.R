# Callback `logs` as R keras 2.x code uses them: a named list of numbers that
# also answers Keras 2's dict idioms (`logs$get("loss")`, `logs$get("val_loss",
# default)`), and whose new entries (`logs$acc2 <- ...`, `logs[["acc2"]] <- ...`)
# reach the logs later callbacks and the history see.

# `x`: the logs Keras passed (a named list once reticulate converted the dict).
# Entries the callback adds are also recorded in the "written" environment,
# since the callback's own copy of `logs` is gone when it returns.
keras2_logs <- function(x, written = new.env(parent = emptyenv())) {
  if (!is.list(x)) x <- list()
  if (is.null(names(x))) names(x) <- character()
  attr(x, "written") <- written
  class(x) <- logs_class
  x
}
logs_class <- c("kerasbridge_logs", "list")

#' Callback logs: a named list with Keras 2's dict methods
#'
#' The `logs` a callback hook receives is a named list of numbers (`logs$loss`,
#' `logs[["loss"]]`, `names(logs)`) that also answers Keras 2's dict idioms:
#' `logs$get("loss")`, `logs$get("val_loss", default)` (NULL when missing and no
#' default), `logs$keys()`. Entries the hook assigns (`logs$loss2 <- ...`) or
#' returns as a named list are added to the logs that later callbacks and the
#' history see.
#' @param x A `kerasbridge_logs` list.
#' @param name An entry name.
#' @param value A number.
#' @name callback_logs
#' @keywords internal
NULL

#' @rdname callback_logs
#' @returns `$`: the entry (or, for `get`/`keys`, Keras 2's dict method);
#'   the assignment forms: the changed logs.
#' @examples
#' cb <- callback_lambda(on_epoch_end = function(epoch, logs) {
#'   cat("loss:", logs$get("loss"), "\n")
#' })
#' @export
`$.kerasbridge_logs` <- function(x, name) {
  v <- .subset2(x, name)  # exact, as a dict is
  if (!is.null(v) || !(name %in% c("get", "keys")) || name %in% names(x)) return(v)
  switch(name,
    get = function(key, default = NULL) if (key %in% names(x)) .subset2(x, key) else default,
    keys = function() names(x),
    NULL)
}

#' @rdname callback_logs
#' @export
`$<-.kerasbridge_logs` <- function(x, name, value) {
  written <- attr(x, "written")
  if (!is.null(written)) assign(name, value, envir = written)
  cls <- class(x)
  x <- unclass(x)
  x[[name]] <- value
  attr(x, "written") <- written
  class(x) <- cls
  x
}

#' @rdname callback_logs
#' @export
`[[<-.kerasbridge_logs` <- function(x, name, value) {
  if (!is.character(name)) return(NextMethod())
  `$<-.kerasbridge_logs`(x, name, value)
}

#' @export
print.kerasbridge_logs <- function(x, ...) {
  cat("<logs>\n")
  utils::str(unclass(x)[names(x)], give.attr = FALSE, no.list = TRUE)
  invisible(x)
}

# What a hook's entries added to the logs are, for the core: the named list it
# returned and what it assigned to `logs`.
keras2_logs_added <- function(out, logs) {
  force(out)  # the hook runs first: it is what writes
  if (inherits(out, "kerasbridge_logs")) out <- stats::setNames(unclass(out)[names(out)], names(out))
  written <- attr(logs, "written")
  if (!length(written)) return(out)  # the usual case: nothing assigned to `logs`
  written <- as.list(written, all.names = TRUE)
  if (is.list(out) && !is.null(names(out))) {
    for (nm in names(out)) written[[nm]] <- out[[nm]]
  }
  written
}

# Wraps a callback hook made by wrap_r_method() (py-classes.R): its last
# argument, the logs, becomes a kerasbridge_logs list, and entries the hook
# assigned to it travel back with what it returned (the core merges them).
keras2_logs_hook <- function(kind, name, fn) {
  if (!identical(kind, "callback") || !startsWith(name, "on_")) return(fn)
  force(fn)
  function(.kb_self, .kb_private_key, ...) {
    # Keras' hooks take (logs) or (epoch/batch, logs): those are called
    # directly, since this runs once per batch in fit() (list() + do.call()
    # cost as much as the hook itself; issue 12).
    n <- ...length()
    if (!n) return(fn(.kb_self, .kb_private_key))
    if (n == 2L) {
      logs <- keras2_logs(..2)
      out <- fn(.kb_self, .kb_private_key, ..1, logs)
    } else if (n == 1L) {
      logs <- keras2_logs(..1)
      out <- fn(.kb_self, .kb_private_key, logs)
    } else {
      args <- list(...)
      logs <- keras2_logs(args[[n]])
      args[[n]] <- logs
      out <- do.call(fn, c(list(.kb_self, .kb_private_key), args))
    }
    if (is_py_object(out)) return(out)  # an RFailure: the hook failed
    keras2_logs_added(out, logs)
  }
}

# A callback_lambda() hook whose last argument (the logs) is a kerasbridge_logs
# list; what it assigns to the logs or returns as a named list joins them.
# Keras' hooks take (logs) or (epoch/batch, logs): called directly, since this
# runs once per batch in fit(); a vector the hook returns is not sent back (the
# core only reads a named list).
keras2_logs_fn <- function(fn) {
  force(fn)
  function(...) {
    n <- ...length()
    if (n == 2L) {
      logs <- keras2_logs(..2)
      out <- fn(..1, logs)
    } else if (n == 1L) {
      logs <- keras2_logs(..1)
      out <- fn(logs)
    } else {
      args <- list(...)
      logs <- keras2_logs(args[[n]])
      args[[n]] <- logs
      out <- do.call(fn, args)
    }
    if (length(attr(logs, "written")) || inherits(out, "kerasbridge_logs")) return(keras2_logs_added(out, logs))
    if (is.atomic(out)) NULL else out
  }
}
