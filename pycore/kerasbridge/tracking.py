"""Where Keras is (fit/evaluate/predict, epoch, batch), for error messages.

The position is learnt from callback events, never from Keras' stack frames:

- ``training.fit/evaluate/predict`` run Keras inside ``tracked(phase, callbacks)``,
  which names the phase for the whole call (errors while Keras builds the model
  say "during fit()") and adds a ``PositionTracker`` callback;
- callbacks made by ``new_callback_class`` observe the same events
  (``observe_events``) and keep their own view of the position, so a Python
  user calling Keras' own ``model.fit`` still learns where a hook of theirs
  failed (errors elsewhere, e.g. in a layer, need ``kerasbridge.fit``).

The position is a context variable: it belongs to the thread that runs the
training loop. Keras calls ``*_batch_begin`` hooks on that thread; it may run
``*_batch_end`` hooks on a worker thread when every callback is async-safe, and
there the position is unknown (and R code can't run there anyway).
Positions are 0-based; the front end renders them (frontend.index).
"""

import contextlib
import contextvars
import functools
from collections import namedtuple

import keras

Position = namedtuple("Position", "phase epoch batch outer")
NOWHERE = Position(None, None, None, None)

_position = contextvars.ContextVar("kerasbridge_position", default=NOWHERE)

_PHASES = {"train": "fit", "test": "evaluate", "predict": "predict"}


def current():
    """(phase, epoch, batch): ("fit", 0, 3), or (None, None, None) outside Keras' loops."""
    p = _position.get()
    return p.phase, p.epoch, p.batch


def advance(p, event, index=None):
    """The position after a callback event (``"on_epoch_begin"`` etc.).

    Several observers may see the same event (the tracker and user callbacks):
    every transition is idempotent."""
    parts = event.split("_")  # on_train_begin, on_epoch_begin, on_test_batch_begin ...
    if event == "on_epoch_begin":
        return Position("fit", index, None, p.outer)
    if len(parts) == 3 and parts[1] in _PHASES and parts[2] == "begin":
        phase = _PHASES[parts[1]]
        if p.phase == phase:
            return p
        # evaluate() inside fit() (validation) comes back to fit() when it ends
        return Position(phase, None, None, p if p.phase is not None and phase != "fit" else None)
    if len(parts) == 3 and parts[1] in _PHASES and parts[2] == "end":
        return (p.outer or NOWHERE) if p.phase == _PHASES[parts[1]] else p
    if len(parts) == 4 and parts[1] in _PHASES and parts[2] == "batch":
        phase = _PHASES[parts[1]]
        return Position(phase, p.epoch if p.phase == phase else None, index, p.outer)
    if event in ("on_batch_begin", "on_batch_end"):  # Keras 2 names of train batch hooks
        return Position("fit", p.epoch, index, p.outer)
    return p


def observe(event, index=None):
    """Move the position of this context (the tracker's events)."""
    _position.set(advance(_position.get(), event, index))


class PositionTracker(keras.callbacks.Callback):
    """The callback fit()/evaluate()/predict() add; it only moves the position.
    Only begin hooks: Keras then keeps dispatching batch-end hooks as it would."""

    async_safe = True

    def on_train_begin(self, logs=None):
        observe("on_train_begin")

    def on_train_end(self, logs=None):
        observe("on_train_end")

    def on_epoch_begin(self, epoch, logs=None):
        observe("on_epoch_begin", epoch)

    def on_train_batch_begin(self, batch, logs=None):
        observe("on_train_batch_begin", batch)

    def on_test_begin(self, logs=None):
        observe("on_test_begin")

    def on_test_end(self, logs=None):
        observe("on_test_end")

    def on_test_batch_begin(self, batch, logs=None):
        observe("on_test_batch_begin", batch)

    def on_predict_begin(self, logs=None):
        observe("on_predict_begin")

    def on_predict_end(self, logs=None):
        observe("on_predict_end")

    def on_predict_batch_begin(self, batch, logs=None):
        observe("on_predict_batch_begin", batch)


@contextlib.contextmanager
def tracked(phase, callbacks):
    """Run one Keras fit/evaluate/predict: yields `callbacks` with a tracker
    first (so every other callback sees the new position); the position is
    restored afterwards, even when Keras fails."""
    token = _position.set(Position(phase, None, None, None))
    try:
        yield [PositionTracker()] + list(callbacks or [])
    finally:
        _position.reset(token)


# Events a callback made by new_callback_class observes: the phase-level ones
# always (one call per phase or epoch), batch hooks only when the user gave them
# (a callback without batch hooks must not make Keras call it per batch).
_ALWAYS = ("on_train_begin", "on_train_end", "on_epoch_begin", "on_test_begin",
           "on_test_end", "on_predict_begin", "on_predict_end")
_BATCH = tuple(f"on_{p}batch_{e}" for p in ("", "train_", "test_", "predict_")
               for e in ("begin", "end"))


def _observing(cls, event, method, takes_index):
    def run(self, index, args, kwargs):
        # The callback keeps its own view of the position (a Keras fit() that
        # fails never sends on_train_end, so nothing shared may be left set);
        # it is the context's position only while its hook runs.
        here = advance(self.__dict__.get("_kb_position", NOWHERE), event, index)
        object.__setattr__(self, "_kb_position", here)
        token = _position.set(here)
        try:
            if method is not None:
                return method(self, *args, **kwargs)
            return getattr(super(cls, self), event)(*args, **kwargs)  # the parent's hook
        finally:
            _position.reset(token)

    if takes_index:
        def hook(self, index, *args, **kwargs):
            return run(self, index, (index,) + args, kwargs)
    else:
        def hook(self, *args, **kwargs):
            return run(self, None, args, kwargs)
    if method is not None:
        functools.update_wrapper(hook, method)
    else:
        hook.__name__ = hook.__qualname__ = event
    return hook


def observe_events(cls):
    """Make the hooks of a callback class made by new_callback_class observe
    their events first (see the module docstring)."""
    for event in _ALWAYS + _BATCH:
        method = cls.__dict__.get(event)
        if method is None and event not in _ALWAYS:
            continue
        takes_index = event == "on_epoch_begin" or event in _BATCH
        setattr(cls, event, _observing(cls, event, method, takes_index))
    return cls
