"""R's time limits (``setTimeLimit()``) honoured between batches.

R checks its elapsed and CPU time limits only in R_ProcessEvents(); a long
fit() runs in Keras, and reticulate's own poll of R's events while Python runs
printed the limit's error, swallowed it and cleared the limit: a fit() under
``setTimeLimit(elapsed = 3)`` ran to its end. The R package's C code
(rpkg/src/timelimits.c) now keeps that error while R is inside the core and
raises a flag; the checks between whole steps (interrupts.StepCheck) read
the flag (``use_checker``'s library, through ctypes: no call into R) at every
batch and, at most every ``INTERVAL`` seconds, also run R's check themselves
(the checker, a call into R). When a limit ran out they stop with
:class:`TimeLimitReached`: the steps done are whole and kept, and R signals
its own "reached elapsed time limit" error (the kept condition, by
``r_error_id``). Ctrl-C is interrupts.py's.

TimeLimitReached is a BaseException, like KeyboardInterrupt: no ``except
Exception`` on the way (training.intact_on_failure, which would put back the
weights from before the call) takes it for a failure of the call.
"""

import ctypes
import time

from . import frontend
from .errors import RFailure, check_r_thread

INTERVAL = 0.25  # seconds between two calls into R
_checker = None
_pending = None
_last = [0.0]


class TimeLimitReached(BaseException):
    """R's time limit ran out during a call from R; R rethrows its own error."""

    r_class = None

    def __init__(self, message, r_error_id=None):
        super().__init__(message)
        self.r_error_id = r_error_id


def use_checker(fn, library_path=None):
    """`fn()`: R's time-limit check, returning None or an RFailure (R's error,
    kept). `library_path`: R's kerasbridge.so, whose
    ``kb_time_limit_pending()`` says a limit ran out meanwhile. None: no checks."""
    global _checker, _pending
    _checker = fn
    _pending = None
    if library_path is not None:
        flag = ctypes.CDLL(library_path).kb_time_limit_pending
        flag.restype, flag.argtypes = ctypes.c_int, []
        _pending = flag


def active():
    """True when calls from R are checked now."""
    return _checker is not None and frontend.is_r()


def start():
    """A call from R begins: its first batch runs R's check."""
    _last[0] = 0.0


def check(force=False):
    """Raise TimeLimitReached when R's time limit has run out: the flag is read
    every time; R's own check runs (on R's thread) at most every INTERVAL
    seconds unless `force`."""
    if _checker is None or not frontend.is_r():
        return
    now = time.monotonic()
    if not (force or now - _last[0] >= INTERVAL or (_pending is not None and _pending())):
        return
    check_r_thread("R's time-limit check")
    _last[0] = now
    out = _checker()
    if isinstance(out, RFailure):
        raise TimeLimitReached(out.message, r_error_id=out.r_error_id)
