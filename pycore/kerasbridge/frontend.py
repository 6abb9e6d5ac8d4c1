"""Which front end is calling the core, so messages speak its language.

R users read shapes as ``c(NA, 784)`` and count from 1; Python users read
``(None, 784)`` and count from 0. The core writes each message once and renders
shapes and indices through these helpers.
"""

_FRONTEND = "python"


def set_frontend(name):
    global _FRONTEND
    if name not in ("python", "r"):
        raise ValueError(f"frontend must be 'python' or 'r', received {name!r}")
    _FRONTEND = name


def get_frontend():
    return _FRONTEND


def is_r():
    return _FRONTEND == "r"


def fmt_shape(shape):
    """Render a shape for the current front end."""
    if shape is None:
        return "NULL" if is_r() else "None"
    dims = list(shape)
    if is_r():
        return "c(" + ", ".join("NA" if d is None else str(int(d)) for d in dims) + ")"
    return "(" + ", ".join("None" if d is None else str(int(d)) for d in dims) + ("," if len(dims) == 1 else "") + ")"


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
