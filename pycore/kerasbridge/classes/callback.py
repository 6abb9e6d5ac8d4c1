"""new_callback_class(): Keras callbacks.

R hooks see 1-based epoch and batch numbers and `logs` as a named list of
numbers; a hook that returns a named list of numbers adds those entries to the
logs, which later callbacks and the history see (Python hooks may do the same
by returning a dict). Only the hooks given are defined, so a callback without
batch hooks adds nothing per batch.
"""

import numbers

import keras

from ..errors import MethodError, r_result
from ..legacy.callbacks import CallbackCompat
from ..replicas import enter_r
from .factory import (KindSpec, _note_python_error, instance_key, keyed_instance, make_class,
                      method_error, r_invoke)

EPOCH_HOOKS = {"on_epoch_begin", "on_epoch_end"}
BATCH_HOOKS = {f"on_{p}batch_{e}" for p in ("", "train_", "test_", "predict_")
               for e in ("begin", "end")}
LOG_HOOKS = {f"on_{p}_{e}" for p in ("train", "test", "predict") for e in ("begin", "end")}


def _merge(logs, out):
    if isinstance(out, dict) and out and all(isinstance(v, numbers.Number) for v in out.values()):
        logs.update({k: float(v) for k, v in out.items()})


def _r_hook(fn, classname, name, pass_self=True):
    """A Keras hook made from an R hook (rpkg/R/py-classes.R: wrap_r_hook()):
    one call into R per hook call, with (self or None, key, epoch/batch + 1,
    logs) or (self or None, key, logs). `self` goes along only when the R code
    names self or super (`pass_self`, decided by R when the class is made);
    otherwise R finds it by key when it needs it (factory.instance_of), which
    spares reticulate building an R wrapper for the instance on every batch."""
    takes_index = name in EPOCH_HOOKS or name in BATCH_HOOKS
    where_name = "epoch" if name in EPOCH_HOOKS else "batch"

    def run(self, args, logs, where):
        key = self.__dict__.get("_kb_private_key")
        if key is None:
            key = instance_key(self)
        # a copy of the instance shares the key: it passes itself
        eager = pass_self or not keyed_instance(self, key)
        try:
            out = r_result(enter_r(f"An R method of class {type(self).__name__}", fn,
                                   self if eager else None, key, *args, logs))
        except MethodError:
            raise
        except Exception as e:
            raise method_error(classname, name, e, **where) from e
        if out is not None:
            _merge(logs, out)

    if takes_index:
        def method(self, index, logs=None):
            run(self, (index + 1,), {} if logs is None else logs, {where_name: index})
    else:
        def method(self, logs=None):
            run(self, (), {} if logs is None else logs, {})
    return method


def _hook(fn, classname, name, from_r, pass_self=True):
    if from_r and (name in EPOCH_HOOKS or name in BATCH_HOOKS or name in LOG_HOOKS):
        return _r_hook(fn, classname, name, pass_self)
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
    adapt_r={"*": lambda fn, c, n, sig, pass_self=True: _hook(fn, c, n, True, pass_self)},
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
