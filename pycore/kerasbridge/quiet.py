"""Quiet start: TensorFlow prints nothing the user didn't ask for.

Imported first by the package, before anything else imports TensorFlow.

TensorFlow 2.21 writes its startup lines (oneDNN, CPU features, and absl's
"All log messages before absl::InitializeLog()" notice, once per bundled copy
of absl) straight to file descriptor 2 while it is imported, and some of them
ignore TF_CPP_MIN_LOG_LEVEL (measured: `TF_CPP_MIN_LOG_LEVEL=3 python -c
"import tensorflow"` still prints the oneDNN line). So the import runs with
descriptor 2 captured, and the captured text is written back without the
log records below the level asked for.

The level is TF_CPP_MIN_LOG_LEVEL when the user set it (in the shell, or in R
with Sys.setenv() before the first model); otherwise 2 (hide INFO and
WARNING, keep errors), which is also set in this Python process's environment
with setdefault so that TensorFlow's own filter agrees. When the user set the
variable, TensorFlow's Python loggers are left as they are. The R package sets
no environment variable when it loads: this runs when the core is imported.
"""

import os
import re
import sys
import tempfile

USER_LEVEL = os.environ.get("TF_CPP_MIN_LOG_LEVEL")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

_SEVERITY = {"I": 0, "W": 1, "E": 2, "F": 3}
# an absl/TF C++ log record: "I0000 00:00:1796.99 1325 port.cc:153] text"
_RECORD = re.compile(r"^([IWEF])\d{4} \d\d:\d\d:[\d.]+\s+\d+ \S+:\d+\] ")
_ABSL_NOTICE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR"


def min_level():
    try:
        return int(os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0"))
    except ValueError:
        return 0


def filter_startup_lines(text, level):
    """`text` without the C++ log records whose severity is below `level`
    (continuation lines go with their record) and, when anything is hidden,
    without absl's notice about early messages. Other lines are kept."""
    if level <= 0:
        return text
    kept, dropping = [], False
    for line in text.splitlines(keepends=True):
        m = _RECORD.match(line)
        if m:
            dropping = _SEVERITY[m.group(1)] < level
        elif line.rstrip("\n") == _ABSL_NOTICE:
            dropping = True
            continue
        if not dropping:
            kept.append(line)
    return "".join(kept)


def _import_tensorflow_quietly():
    level = min_level()
    if level <= 0 or "tensorflow" in sys.modules:
        import tensorflow  # noqa: F401
        return
    try:
        saved = os.dup(2)
    except OSError:  # no descriptor 2 (some embedded hosts): nothing to filter
        import tensorflow  # noqa: F401
        return
    with tempfile.TemporaryFile(mode="w+b") as tmp:
        try:
            sys.stderr.flush()
            os.dup2(tmp.fileno(), 2)
            import tensorflow  # noqa: F401
        finally:
            try:
                sys.stderr.flush()
            except Exception:
                pass
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            rest = filter_startup_lines(tmp.read().decode("utf-8", "replace"), level)
            if rest:
                sys.stderr.write(rest)
                sys.stderr.flush()


_import_tensorflow_quietly()

if USER_LEVEL is None:
    import tensorflow as _tf
    try:
        from absl import logging as _absl_logging
        _absl_logging.set_verbosity(_absl_logging.ERROR)
    except ImportError:  # absl comes with TensorFlow; nothing to quiet without it
        pass
    _tf.get_logger().setLevel("ERROR")
