"""R's time limits (``setTimeLimit()``) honoured between batches.

R checks its elapsed and CPU time limits only where R code runs
(``R_CheckUserInterrupt``); a long fit() runs in Keras, so R never looked and
``setTimeLimit(elapsed = 3)`` let an 87 s fit() finish. When the R front end
has given a checker (``use_checker``: an R function that runs R's own check
and returns the time-limit error, kept, instead of raising it), fit(),
evaluate() and predict() called from R run it at the start of each batch, at
most every ``INTERVAL`` seconds (each is a call into R), and stop there with
:class:`TimeLimitReached`: the steps done are whole and kept, and R signals
its own "reached elapsed time limit" error (the kept condition, by
``r_error_id``). Ctrl-C is interrupts.py's: it needs no call into R.

TimeLimitReached is a BaseException, like KeyboardInterrupt: no ``except
Exception`` on the way (training.intact_on_failure, which would put back the
weights from before the call) takes it for a failure of the call.
"""

import time

import keras

from . import frontend
from .errors import RFailure, check_r_thread

INTERVAL = 0.25  # seconds between two calls into R
_checker = None
_last = [0.0]


class TimeLimitReached(BaseException):
    """R's time limit ran out during a call from R; R rethrows its own error."""

    r_class = None

    def __init__(self, message, r_error_id=None):
        super().__init__(message)
        self.r_error_id = r_error_id


def use_checker(fn):
    """`fn()`: R's time-limit check, returning None, an RFailure (R's error,
    kept) or "interrupt" (an interrupt R had pending). None: no checks."""
    global _checker
    _checker = fn


def check(force=False):
    """Run R's check (on R's thread, at most every INTERVAL seconds unless
    `force`); raise TimeLimitReached when R's time limit has run out."""
    if _checker is None or not frontend.is_r():
        return
    now = time.monotonic()
    if not force and now - _last[0] < INTERVAL:
        return
    check_r_thread("R's time-limit check")
    _last[0] = now
    out = _checker()
    if isinstance(out, str) and out == "interrupt":  # Ctrl-C R had pending: stop as Python does for it
        raise KeyboardInterrupt
    if isinstance(out, RFailure):
        raise TimeLimitReached(out.message, r_error_id=out.r_error_id)


class TimeLimitCheck(keras.callbacks.Callback):
    """check() at the start of each batch and epoch. Begin hooks only, which
    Keras calls on R's thread (its batch-end hooks may run on a worker)."""

    async_safe = True

    def on_epoch_begin(self, epoch, logs=None):
        check()

    def on_train_batch_begin(self, batch, logs=None):
        check()

    def on_test_batch_begin(self, batch, logs=None):
        check()

    def on_predict_batch_begin(self, batch, logs=None):
        check()


def checked(callbacks):
    """`callbacks` with a TimeLimitCheck added, when the R front end calls."""
    if _checker is None or not frontend.is_r():
        return callbacks
    _last[0] = 0.0  # the first batch of a call checks
    return list(callbacks or []) + [TimeLimitCheck()]
