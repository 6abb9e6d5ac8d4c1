"""R keras 2.x's ``tensorboard(log_dir)``: the TensorBoard server for a log folder.

The server runs in its own Python process (``python -m tensorboard.main``), so
its threads never share the interpreter R embeds, and stopping it is ending
that process. It binds 127.0.0.1 and a port the system picks (``--port 0``);
the URL is read from the line TensorBoard prints when it serves.
"""

import atexit
import os
import re
import subprocess
import sys
import threading

from .. import frontend
from ..argspec import as_int
from ..errors import ArgumentError, KerasBridgeError

_SERVING = re.compile(r"(http://[^\s]+:\d+/)")
_servers = []  # started and not yet stopped, newest last


class TensorBoardServer:
    """A running TensorBoard: ``url``, ``log_dir``, ``stop()``, ``running``."""

    def __init__(self, proc, url, log_dir):
        self.proc = proc
        self.url = url
        self.log_dir = log_dir

    @property
    def running(self):
        return self.proc.poll() is None

    def stop(self, timeout=10):
        """End the server (idempotent)."""
        if self.running:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self in _servers:
            _servers.remove(self)
        return self.url

    def __repr__(self):
        return f"<TensorBoard {self.url} ({'running' if self.running else 'stopped'}) for {self.log_dir}>"


def _log_dirs(log_dir):
    """One folder, or several (``c(a = "logs/a", b = "logs/b")`` from R: named runs)."""
    if isinstance(log_dir, str):
        dirs = {None: log_dir}
    elif isinstance(log_dir, dict):
        dirs = dict(log_dir)
    elif isinstance(log_dir, (list, tuple)) and log_dir and all(isinstance(d, str) for d in log_dir):
        dirs = {os.path.basename(os.path.normpath(d)) or d: d for d in log_dir}
    else:
        raise ArgumentError(
            f"`log_dir` must be a folder path (or several), received {frontend.fmt_value(log_dir)}.",
            argument="log_dir")
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)  # TensorBoard serves an empty folder, and fills in later
    if list(dirs) == [None]:
        return ["--logdir", os.path.abspath(dirs[None])]
    spec = ",".join(f"{name}:{os.path.abspath(d)}" for name, d in dirs.items())
    return ["--logdir_spec", spec]


def start_tensorboard(log_dir="logs", host="127.0.0.1", port=0, reload_interval=5,
                      timeout=60):
    """Start TensorBoard on `log_dir`; returns the running server once it serves.
    `port` 0 lets the system pick a free one. Errors after `timeout` seconds,
    with what TensorBoard printed."""
    port = as_int(port, "port")
    timeout = float(timeout)
    cmd = [sys.executable, "-m", "tensorboard.main", *_log_dirs(log_dir),
           "--host", str(host), "--port", str(port),
           "--reload_interval", str(float(reload_interval))]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL=os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2"))
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)
    lines, found = [], {}
    ready = threading.Event()

    def drain():
        # keeps reading, so a chatty server never blocks on a full pipe
        for line in proc.stdout:
            if not ready.is_set():
                lines.append(line.rstrip())
                m = _SERVING.search(line)
                if m:
                    found["url"] = m.group(1)
                    ready.set()
        ready.set()  # the process ended

    threading.Thread(target=drain, daemon=True, name="tensorboard-output").start()
    if not ready.wait(timeout) or "url" not in found:
        proc.kill()
        proc.wait()
        said = "\n".join(lines[-15:]) or "(nothing)"
        why = "did not start serving" if "url" not in found and proc.returncode is not None \
            else f"did not serve within {timeout:g} s"
        raise KerasBridgeError(f"TensorBoard {why} for `log_dir` {frontend.fmt_value(log_dir)}. "
                               f"It printed:\n{said}")
    server = TensorBoardServer(proc, found["url"], log_dir)
    _servers.append(server)
    return server


def stop_tensorboard(server=None):
    """Stop `server`, or every server started here; returns the URLs stopped."""
    targets = [server] if server is not None else list(_servers)
    return [s.stop() for s in targets]


def running_tensorboards():
    return [s for s in _servers if s.running]


atexit.register(stop_tensorboard)
