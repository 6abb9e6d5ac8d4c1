"""Training progress written through the R front end's own output.

Keras' ProgbarLogger writes to the process's stdout, which R never sees:
knitr, sink(), capture.output() and RStudio read R's output connection. When
the R front end calls fit/evaluate/predict and R has given a writer
(``set_writer``: an R function that ``cat()``s), Keras' progress bar is replaced
by :class:`RProgress`, which formats the lines as Keras does and hands each to
the writer. Keras calls it on the main thread (it is not ``async_safe``, so
Keras never dispatches it to a worker), which is where R may run. Python users
keep Keras' own progress bar.

``verbose`` (decided by R: ``resolve_verbose()`` in rpkg/R/progress.R):
0 nothing; 1 a live bar redrawn with ``\\r`` (R asks for it only when its
output is a terminal); 2 (or "auto" here) one line per epoch. Never an
escape sequence: the bar is plain ASCII.
"""

import time

import keras
from keras.src.callbacks.callback_list import CallbackList

from . import frontend
from .errors import check_r_thread

_writer = None
BAR_WIDTH = 30
LIVE_INTERVAL = 0.1  # seconds between redraws of the live bar (each is a call into R)


def set_writer(fn):
    """`fn(text)` writes progress text for the R front end (None: Keras' own)."""
    global _writer
    _writer = None if fn is None else _on_r_thread(fn)


def _on_r_thread(fn):
    # Keras calls progress callbacks on the main thread; the guard makes any
    # other caller an RThreadError rather than an abort of R (errors.py).
    def write(text):
        check_r_thread("The R progress writer")
        return fn(text)
    return write


def for_r():
    """True when progress goes to R's writer rather than Keras' progress bar."""
    return _writer is not None and frontend.is_r()


def _mode(verbose):
    if isinstance(verbose, str):
        return 2 if verbose == "auto" else _mode(int(verbose))
    v = int(verbose)
    return 0 if v == 0 else (1 if v == 1 else 2)


def replace_progbar(kwargs, callbacks):
    """(kwargs, callbacks) for a Keras fit/evaluate/predict called from R: Keras'
    progress bar off (``verbose = 0``) and RProgress added, unless verbose is
    0. Unchanged for Python users."""
    if not for_r():
        return kwargs, callbacks
    mode = _mode(kwargs.get("verbose", "auto"))
    kwargs = dict(kwargs, verbose=0)
    if mode:
        callbacks = list(callbacks or []) + [RProgress(_writer, live=(mode == 1))]
    return kwargs, callbacks


def one_step_callbacks(model, verbose):
    """The progress callbacks for a single predict/test step run outside
    Keras' loop (fastpath.py): R's or Keras' own, as in the loop."""
    if not for_r():
        return CallbackList(None, add_progbar=True, verbose=verbose, epochs=1, steps=1, model=model)
    mode = _mode(verbose)
    if not mode:
        return None
    return CallbackList([RProgress(_writer, live=(mode == 1))], epochs=1, steps=1, verbose=0, model=model)


def format_value(v):
    """A metric as Keras' progress bar shows it."""
    try:
        v = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f"{v:.4f}" if abs(v) > 1e-3 else f"{v:.4e}"


def format_time_per_step(seconds, unit="step"):
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s/{unit}"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/{unit}"
    return f"{seconds * 1e6:.0f}us/{unit}"


def _ordered(logs):
    """loss first, then the metrics, then the validation ones (loss first),
    as R users read them (history, evaluate())."""
    names = [k for k in logs if not k.startswith("val_")]
    vals = [k for k in logs if k.startswith("val_")]
    key = lambda k: (k not in ("loss", "val_loss"),)  # noqa: E731  (stable: keeps Keras' order otherwise)
    return sorted(names, key=key) + sorted(vals, key=key)


def _metrics(logs):
    return "".join(f" - {k}: {format_value(logs[k])}" for k in _ordered(logs or {}))


class RProgress(keras.callbacks.Callback):
    """Keras' progress display, written through `write` (see the module docstring)."""

    def __init__(self, write, live=False):
        super().__init__()
        self._write = write
        self.live = live
        self._in_fit = False
        self._reset(None)

    # -- one progress display (an epoch, an evaluation, a prediction) --------

    def _reset(self, target):
        self.target = target
        self.seen = 0
        self._start = time.time()
        self._last_draw = 0.0
        self._drawn_width = 0

    def _update(self, batch, logs):
        self.seen = batch + 1
        if not self.live:
            return
        now = time.time()
        if now - self._last_draw < LIVE_INTERVAL:
            return
        self._last_draw = now
        self._draw(self._bar(final=False) + _metrics(logs), end="")

    def _finish(self, logs):
        target = self.target if self.target else self.seen
        per_step = (time.time() - self._start) / max(self.seen, 1)
        elapsed = f"{time.time() - self._start:.0f}s"
        if self.live:
            self._draw(f"{self._bar(final=True, target=target)} - {elapsed} {format_time_per_step(per_step)}"
                       f"{_metrics(logs)}", end="\n")
        else:
            count = f"{self.seen:>{len(str(target))}d}/{target}"
            self._write(f"{count} - {elapsed} - {format_time_per_step(per_step)}{_metrics(logs)}\n")

    def _bar(self, final, target=None):
        target = target or self.target
        if not target:
            return f"{self.seen:>7d}/Unknown"
        current = target if final else self.seen
        count = f"{current:>{len(str(target))}d}/{target}"
        done = min(int(BAR_WIDTH * current / target), BAR_WIDTH)
        if done == BAR_WIDTH:
            inner = "=" * BAR_WIDTH
        elif done > 0:
            inner = "=" * (done - 1) + ">" + "." * (BAR_WIDTH - done)
        else:
            inner = "." * BAR_WIDTH
        bar = f"[{inner}]"
        if final:
            return f"{count} {bar}"
        per_step = (time.time() - self._start) / max(self.seen, 1)
        eta = per_step * (target - current)
        return f"{count} {bar} - ETA: {_eta(eta)}"

    def _draw(self, text, end):
        # \r returns to the line start; spaces wipe what a longer line left
        pad = max(self._drawn_width - len(text), 0)
        self._write("\r" + text + " " * pad + end)
        self._drawn_width = 0 if end == "\n" else len(text)

    # -- Keras' hooks ------------------------------------------------------------

    def on_train_begin(self, logs=None):
        self._in_fit = True

    def on_train_end(self, logs=None):
        self._in_fit = False

    def on_epoch_begin(self, epoch, logs=None):
        self._reset(self.params.get("steps"))
        epochs = self.params.get("epochs") or 1
        if epochs > 1:
            self._write(f"Epoch {epoch + 1}/{epochs}\n")

    def on_train_batch_end(self, batch, logs=None):
        self._update(batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._finish(logs)

    def on_test_begin(self, logs=None):
        if not self._in_fit:  # validation inside fit shows in the epoch's line
            self._reset(self.params.get("steps"))

    def on_test_batch_end(self, batch, logs=None):
        if not self._in_fit:
            self._update(batch, logs)

    def on_test_end(self, logs=None):
        if not self._in_fit:
            self._finish(logs)

    def on_predict_begin(self, logs=None):
        self._reset(self.params.get("steps"))

    def on_predict_batch_end(self, batch, logs=None):
        self._update(batch, None)

    def on_predict_end(self, logs=None):
        self._finish(None)


def _eta(seconds):
    if seconds > 3600:
        return "%d:%02d:%02d" % (seconds // 3600, (seconds % 3600) // 60, seconds % 60)
    if seconds > 60:
        return "%d:%02d" % (seconds // 60, seconds % 60)
    return "%ds" % seconds
