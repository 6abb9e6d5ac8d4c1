# R keras 2.x's tensorboard(): the TensorBoard server for a log folder (the
# callback that writes the logs is callback_tensorboard(), R/callbacks-generated.R).
# The server is a separate process started by the core (legacy/tensorboard.py).

#' Run TensorBoard on a log folder
#'
#' Starts the TensorBoard server on `log_dir` (the folder given to
#' [callback_tensorboard()]) on 127.0.0.1 and a free port, waits until it
#' serves, prints its URL and returns it invisibly. Stop it with
#' `tensorboard_stop(url)` (the returned value), `tensorboard_stop()` (every
#' server this session started) or `tensorboard(action = "stop")`; all are
#' stopped when R exits.
#' @param log_dir A folder of TensorBoard logs, or several (a named character
#'   vector names the runs). Created when missing.
#' @param action `"start"` or `"stop"` (stops every server started here).
#' @param host Address to serve on.
#' @param port A port number, or `"auto"` for a free one.
#' @param launch_browser Open the URL in a browser.
#' @param reload_interval Seconds between reloads of the logs.
#' @param timeout Seconds to wait for the server to serve.
#' @return The URL (class `kerasbridge_tensorboard`), invisibly.
#' @examples
#' \dontrun{
#' model %>% fit(x, y, callbacks = list(callback_tensorboard("logs/run1")))
#' url <- tensorboard("logs")
#' tensorboard_stop(url)
#' }
#' @export
tensorboard <- function(log_dir = "logs", action = c("start", "stop"), host = "127.0.0.1",
                        port = "auto", launch_browser = FALSE, reload_interval = 5,
                        timeout = 60) {
  action <- match.arg(action)
  if (action == "stop") return(invisible(tensorboard_stop()))
  if (!is.character(log_dir) || !length(log_dir) || anyNA(log_dir))
    abort_kb(c("{.arg log_dir} must be a folder path (or several).",
               x = "Received {.obj_type_friendly {log_dir}}."))
  dirs <- path.expand(log_dir)
  dirs <- if (!is.null(names(dirs))) as.list(dirs) else if (length(dirs) > 1) as.list(unname(dirs)) else dirs
  if (identical(port, "auto")) port <- 0L
  legacy_module("tensorboard")
  server <- call_core("legacy.tensorboard.start_tensorboard", dirs, host = host,
                      port = port, reload_interval = reload_interval, timeout = timeout)
  url <- structure(server$url, server = server, class = "kerasbridge_tensorboard")
  message("TensorBoard ", url, " started on ", paste(log_dir, collapse = ", "))
  if (isTRUE(launch_browser)) utils::browseURL(url)
  invisible(url)
}

#' @rdname tensorboard
#' @param server What [tensorboard()] returned; `NULL` stops every server started here.
#' @export
tensorboard_stop <- function(server = NULL) {
  if (is.null(server)) {
    if (is.null(.kb$core)) return(invisible(character()))  # no Python: nothing was started
    legacy_module("tensorboard")
    return(invisible(unlist(call_core("legacy.tensorboard.stop_tensorboard"))))
  }
  if (!inherits(server, "kerasbridge_tensorboard"))
    abort_kb(c("{.arg server} must be what {.fn tensorboard} returned.",
               x = "Received {.obj_type_friendly {server}}."))
  invisible(attr(server, "server")$stop())
}

#' @export
print.kerasbridge_tensorboard <- function(x, ...) {
  running <- attr(x, "server")$running
  cat("<TensorBoard> ", unclass(x)[[1]], if (isTRUE(running)) " (running)" else " (stopped)", "\n", sep = "")
  invisible(x)
}

# A Keras 2 shim module of the core (pycore/kerasbridge/legacy/<name>.py):
# the core imports these where they are used, so import it before call_core()
# reaches it as core()$legacy$<name>.
legacy_module <- function(name) {
  core()
  reticulate::import(paste0("kerasbridge.legacy.", name))
}
