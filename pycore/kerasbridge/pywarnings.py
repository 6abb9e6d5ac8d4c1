"""Python warnings raised while R calls the core, handed to R as R warnings.

Recording runs around each call the R package makes into Python (see
push()/pop() below); R re-signals what was caught, each warning once, with R's
classes: ``kerasbridge_deprecated_warning`` (once per session) for a
:class:`Keras2Deprecation`, ``kerasbridge_python_warning`` for the rest.
Python users see warnings as Python shows them; nothing changes for them.
"""

import os
import re
import warnings

# Python hides these by default; a user never acts on them unless they come
# from the code the user called (Keras or kerasbridge)
_HIDDEN = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
_OURS = tuple(os.sep + name + os.sep for name in ("keras", "kerasbridge"))
# ...except NumPy's notes on how Keras' own code uses NumPy (Keras' predict()
# of one sample: "Conversion of an array with ndim > 0 to a scalar is
# deprecated ... (Deprecated NumPy 1.25.)"): nothing the user can act on
_NUMPY_NOTE = re.compile(r"\(Deprecated NumPy [0-9.]+\)")


class Keras2Deprecation(DeprecationWarning):
    """A Keras 2 argument that Keras 3 renamed or dropped; `argument` names it.
    R shows it as a deprecation warning, once per session per argument."""

    def __init__(self, message, argument):
        super().__init__(message)
        self.argument = argument


def deprecated(message, argument, stacklevel=2):
    """Warn that the Keras 2 argument `argument` is deprecated."""
    warnings.warn(Keras2Deprecation(message, argument), stacklevel=stacklevel + 1)


class Recorder:
    def __init__(self):
        self._catcher = warnings.catch_warnings(record=True)
        self._log = None

    def start(self):
        self._log = self._catcher.__enter__()
        warnings.simplefilter("always")  # every warning reaches the log; stop() keeps each once
        return self

    def stop(self):
        """End recording; the warnings a user should see, each once, as
        dicts: message, category (the Python class name), argument (for a
        Keras2Deprecation, else None)."""
        self._catcher.__exit__(None, None, None)
        seen, out = set(), []
        for w in self._log or []:
            msg = str(w.message)
            key = (w.category, msg)
            if key in seen or not _shown(w):
                continue
            seen.add(key)
            out.append({"message": msg, "category": w.category.__name__,
                        "argument": getattr(w.message, "argument", None)})
        self._log = None
        return out


def _shown(w):
    if issubclass(w.category, Keras2Deprecation):
        return True
    if issubclass(w.category, _HIDDEN):
        return any(part in (w.filename or "") for part in _OURS) and not _NUMPY_NOTE.search(str(w.message))
    return True


# Recording runs while the front end is R: frontend.call_as("r", ...) and
# frontend.enter("r")/leave() (the R package's ways in) call push()/pop() when
# they enter R from Python's front end, so nested entries record nothing
# twice and a call costs R no extra crossing. pop() hands a non-empty list to
# the sink, an R function that keeps it until R's call returns
# (rpkg/R/errors.R), so R signals the warnings with the user's call and never
# from inside Python.
_stack = []
_sink = None


def set_sink(fn):
    """`fn(warnings)` receives what each recording caught (None: re-warn in Python)."""
    global _sink
    _sink = fn


def push():
    _stack.append(Recorder().start())


def pop():
    if not _stack:
        return
    caught = _stack.pop().stop()
    if not caught:
        return
    if _sink is not None:
        _sink(caught)
    else:
        for w in caught:
            warnings.warn(w["message"], Keras2Deprecation if w["argument"] else UserWarning, stacklevel=2)
