"""Which front end is calling the core, so messages speak its language.

R users read shapes as ``c(NA, 784)`` and count from 1; Python users read
``(None, 784)`` and count from 0. The core writes each message once and renders
shapes and indices through these helpers.

The front end is a context variable, "python" unless a caller says otherwise
for the duration of its call: ``with frontend.using("r"): ...`` or
``frontend.call_as("r", fn, *args)``. The R package enters "r" around each of
its calls into Python (``with_py_errors()`` in rpkg/R/errors.R), so R methods
that Keras calls back during that call see "r" too. A context variable belongs
to one thread: code Keras runs on its own worker threads (batch-end callbacks
dispatched asynchronously, tf.data workers) sees "python"; R code never runs
there (see data.main_thread_only).
"""

import contextlib
import contextvars

from . import pywarnings, rgc

_FRONTENDS = ("python", "r")
_frontend = contextvars.ContextVar("kerasbridge_frontend", default="python")


def _checked(name):
    if name not in _FRONTENDS:
        raise ValueError(f"frontend must be 'python' or 'r', received {name!r}")
    return name


def get_frontend():
    return _frontend.get()


def is_r():
    return _frontend.get() == "r"


@contextlib.contextmanager
def using(name):
    """Speak `name`'s language ("python" or "r") inside the block."""
    token = _frontend.set(_checked(name))
    try:
        yield
    finally:
        _frontend.reset(token)


def call_as(name, fn, /, *args, **kwargs):
    """fn(*args, **kwargs) with the front end `name`. Entering R from Python
    records Python's warnings for R (pywarnings.py)."""
    records = name == "r" and not is_r()
    if records:
        pywarnings.push()
    try:
        with using(name):
            return fn(*args, **kwargs)
    finally:
        if records:
            pywarnings.pop()


def enter(name):
    """Start speaking `name`; returns the token for leave(). For callers that
    can't use a `with` block (R's on.exit())."""
    if name == "r" and not is_r():
        pywarnings.push()
        rgc.take_over()
    return _frontend.set(_checked(name))


def leave(token):
    """End what enter() began."""
    was_r = is_r()
    try:
        _frontend.reset(token)
    except ValueError:  # token made in another context: restore its old value there
        _frontend.set("python" if token.old_value is contextvars.Token.MISSING else token.old_value)
    if was_r and not is_r():
        pywarnings.pop()
        rgc.collect_if_due()


def fmt_shape(shape):
    """Render a shape for the current front end."""
    if shape is None:
        return "NULL" if is_r() else "None"
    dims = list(shape)
    if is_r():
        return "c(" + ", ".join("NA" if d is None else str(int(d)) for d in dims) + ")"
    return "(" + ", ".join("None" if d is None else str(int(d)) for d in dims) + ("," if len(dims) == 1 else "") + ")"


_PY_SHAPE = None


def fmt_shapes_in(text):
    """Text that shows Python shapes ("(None, 8)", Keras' model summary) with
    the front end's: for R, each becomes c(NA, 8), padded or trimmed against
    the spaces after it so that table columns stay aligned."""
    global _PY_SHAPE
    if not is_r():
        return text
    import re
    if _PY_SHAPE is None:
        _PY_SHAPE = re.compile(r"\((?:None|\d+)(?:, (?:None|\d+))*,?\)( *)")

    def swap(m):
        dims = [d.strip() for d in m.group(0).strip()[1:-1].split(",") if d.strip()]
        new = "c(" + ", ".join("NA" if d == "None" else d for d in dims) + ")"
        width = len(m.group(0))  # the shape and the padding after it
        pad = m.group(1)
        if len(new) + (1 if pad else 0) <= width:
            return new + " " * (width - len(new))
        return new + (" " if pad else "")
    return _PY_SHAPE.sub(swap, text)


def fmt_value(value):
    """Render a scalar/string/None for the current front end."""
    if value is None:
        return "NULL" if is_r() else "None"
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE") if is_r() else str(value)
    if isinstance(value, str):
        return f'"{value}"' if is_r() else repr(value)
    return str(value)


def fmt_names(names):
    names = list(names)
    if is_r():
        return "c(" + ", ".join(f'"{n}"' for n in names) + ")"
    return "[" + ", ".join(repr(n) for n in names) + "]"


def index(i):
    """A 0-based index as the user counts it."""
    return i + 1 if is_r() else i
