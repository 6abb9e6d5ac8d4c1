"""new_callback_class(): Keras callbacks.

R hooks see 1-based epoch and batch numbers and `logs` as a named list of
numbers; a hook that returns a named list of numbers adds those entries to the
logs, which later callbacks and the history see (Python hooks may do the same
by returning a dict). Only the hooks given are defined, so a callback without
batch hooks adds nothing per batch.
"""

import numbers

import keras

from ..errors import MethodError
from ..legacy.callbacks import CallbackCompat
from .factory import KindSpec, _note_python_error, make_class, method_error, r_invoke

EPOCH_HOOKS = {"on_epoch_begin", "on_epoch_end"}
BATCH_HOOKS = {f"on_{p}batch_{e}" for p in ("", "train_", "test_", "predict_")
               for e in ("begin", "end")}
LOG_HOOKS = {f"on_{p}_{e}" for p in ("train", "test", "predict") for e in ("begin", "end")}


def _merge(logs, out):
    if isinstance(out, dict) and out and all(isinstance(v, numbers.Number) for v in out.values()):
        logs.update({k: float(v) for k, v in out.items()})


def _hook(fn, classname, name, from_r):
    call = (lambda self, *args: r_invoke(fn, self, *args)) if from_r else fn

    def run(self, args, logs, where):
        """Call the hook; errors name the class, hook and epoch/batch; returned
        entries join the logs."""
        try:
            out = call(self, *args, logs)
        except MethodError:
            raise
        except Exception as e:
            if not from_r:
                _note_python_error(e, classname, name)
                raise
            raise method_error(classname, name, e, **where) from e
        _merge(logs, out)

    if name in EPOCH_HOOKS or name in BATCH_HOOKS:
        is_epoch = name in EPOCH_HOOKS

        def method(self, index, logs=None):
            logs = {} if logs is None else logs
            run(self, (index + 1 if from_r else index,), logs, {"epoch" if is_epoch else "batch": index})
        return method
    if name in LOG_HOOKS:
        def method(self, logs=None):
            run(self, (), {} if logs is None else logs, {})
        return method
    return None  # any other method: the factory's default wrapping


SPEC = KindSpec(
    "callback", keras.callbacks.Callback, compat=CallbackCompat,
    super_called=lambda obj: "params" in obj.__dict__,
    adapt_r={"*": lambda fn, c, n, sig: _hook(fn, c, n, True)},
    adapt_python={h: (lambda fn, c, n: _hook(fn, c, n, False))
                  for h in EPOCH_HOOKS | BATCH_HOOKS | LOG_HOOKS})


def new_callback_class(classname, initialize=None, on_epoch_end=None, *,
                       parent_class=None, **members):
    """Make a subclass of ``keras.callbacks.Callback`` (or of `parent_class`).

    Give any Keras hook by name (``on_train_begin``, ``on_epoch_end``,
    ``on_train_batch_end``, ``on_batch_end``, test and predict hooks).
    ``self.model`` and ``self.params`` are set by fit().

    Example::

        def on_epoch_end(self, epoch, logs):
            return {"loss_x2": logs["loss"] * 2}   # added to the logs and history

        Doubler = new_callback_class("Doubler", on_epoch_end=on_epoch_end)
        model.fit(x, y, callbacks=[Doubler()])
    """
    given = dict(initialize=initialize, on_epoch_end=on_epoch_end)
    members = {**{k: v for k, v in given.items() if v is not None}, **members}
    return make_class("callback", classname, members, parent_class)
