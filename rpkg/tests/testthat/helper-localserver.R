# A local HTTP server for download tests (Python's http.server in a thread of
# the Python that kerasbridge uses, on 127.0.0.1): nothing touches the internet.
local_http_server <- function(dir, env = parent.frame()) {
  kerasbridge:::core()
  reticulate::py_run_string(paste(
    "import functools, http.server, threading",
    "class _KbQuietHandler(http.server.SimpleHTTPRequestHandler):",
    "    def log_message(self, *args): pass",
    "def _kb_serve(folder):",
    "    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(_KbQuietHandler, directory=folder))",
    "    threading.Thread(target=srv.serve_forever, daemon=True).start()",
    "    return srv",
    sep = "\n"))
  srv <- reticulate::py_eval("_kb_serve")(normalizePath(dir))
  withr::defer({ srv$shutdown(); srv$server_close() }, envir = env)
  sprintf("http://127.0.0.1:%d/", as.integer(srv$server_address[[2]]))
}

# A URL on 127.0.0.1 where nothing listens (a port just freed).
dead_local_url <- function() {
  socket <- reticulate::import("socket")
  s <- socket$socket()
  s$bind(reticulate::tuple("127.0.0.1", 0L))
  port <- as.integer(s$getsockname()[[2]])
  s$close()
  sprintf("http://127.0.0.1:%d/", port)
}
