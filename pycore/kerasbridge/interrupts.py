"""Ctrl-C and R's time limits: the core stops between whole steps, never inside one.

While R waits for a core call, R's SIGINT handler is replaced by one that only
sets a flag (rpkg/src/interrupts.c): a KeyboardInterrupt raised by Python at an
arbitrary bytecode, or R jumping out of reticulate's C++ frames, is what
crashed R or left it hanging. Keras' loops read the flag at the start of each
batch (``checked``) and raise :class:`Interrupted`: the weights are those of
the last whole step, and R turns the error into its own interrupt once the
call has returned. Anything else (a conversion, a save) runs to its end first.

The flag is read through ``use_flag`` (the R front end points it at the
package's C function); Python users keep Python's own KeyboardInterrupt.
The same check between steps honours R's time limits (rlimits.py).
"""

import ctypes

import keras

from . import frontend, rgc, rlimits
from .errors import Interrupted

_flag = None


def use_flag(library_path):
    """Read interrupts from ``kb_interrupt_pending()`` of the shared library at
    `library_path` (R's kerasbridge.so; ctypes finds the copy R loaded)."""
    global _flag
    fn = ctypes.CDLL(library_path).kb_interrupt_pending
    fn.restype, fn.argtypes = ctypes.c_int, []
    _flag = fn


def pending():
    """True while an interrupt from R waits."""
    return _flag is not None and bool(_flag())


def check():
    """Raise Interrupted when an interrupt from R waits."""
    if _flag is not None and _flag():
        raise Interrupted("Interrupted by the user (Ctrl-C).")


class StepCheck(keras.callbacks.Callback):
    """Stops fit/evaluate/predict at the start of a batch when R was
    interrupted or R's time limit ran out: every step before it is whole.
    Begin hooks only, which Keras calls on R's thread (it keeps its
    asynchronous batch-end dispatch)."""

    async_safe = True

    @staticmethod
    def _check():
        check()
        rlimits.check()
        rgc.collect_if_due()  # cycles holding R objects are freed on R's thread (rgc.py)

    def on_train_batch_begin(self, batch, logs=None):
        self._check()

    def on_test_batch_begin(self, batch, logs=None):
        self._check()

    def on_predict_batch_begin(self, batch, logs=None):
        self._check()

    def on_epoch_begin(self, epoch, logs=None):
        self._check()


def checked(callbacks):
    """`callbacks` with a StepCheck first, when the R front end calls."""
    if not frontend.is_r() or (_flag is None and not rlimits.active()):
        return callbacks
    rlimits.start()
    return [StepCheck()] + list(callbacks or [])
