"""A local HTTP server for download tests: files from a folder, on 127.0.0.1.

    with serve(tmp_path) as base:      # base = "http://127.0.0.1:<port>/"
        get_file("a.bin", base + "a.bin")

A request for /short/<name> answers with <name>'s full Content-Length but only
half its bytes, then closes the connection: a truncated download.
Nothing here touches the internet.
"""

import contextlib
import functools
import http.server
import os
import threading


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        if self.path.startswith("/short/"):
            path = os.path.join(self.directory, self.path[len("/short/"):])
            with open(path, "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()


@contextlib.contextmanager
def serve(folder):
    handler = functools.partial(_Handler, directory=os.fspath(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def dead_url():
    """A URL on 127.0.0.1 where nothing listens (a port just freed)."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
