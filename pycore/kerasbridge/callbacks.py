"""Built-in Keras callbacks from R keras 2.x arguments; regularizers,
initializers, constraints and schedules by class name.

Arguments are coerced by the argument spec (argspec.py); the Keras 2
ModelCheckpoint arguments Keras 3 changed are translated by legacy/callbacks.py.
"""

import functools
import numbers

import keras

from . import argspec, atomic, frontend
from .errors import ArgumentError, is_r_function
from .legacy import callbacks as keras2
from .replicas import enter_r


def make_callback(class_name, **kwargs):
    # checkpoints are written atomically (atomic.py): a kill never leaves half a file
    cls = atomic.ATOMIC_CALLBACKS.get(class_name) or getattr(keras.callbacks, class_name, None)
    if cls is None:
        raise ArgumentError(f"Keras has no callback {frontend.fmt_value(class_name)}.", "class_name")
    kwargs = argspec.coerce("callback", kwargs, class_name=class_name)
    if class_name == "ModelCheckpoint":
        kwargs = keras2.checkpoint_args(kwargs)
    if class_name == "TensorBoard":
        kwargs = keras2.tensorboard_args(kwargs)
    return cls(**kwargs)


_OBJECT_MODULES = {"regularizers": keras.regularizers, "initializers": keras.initializers,
                   "constraints": keras.constraints, "schedules": keras.optimizers.schedules}


def make_object(kind, class_name, **kwargs):
    """Regularizers, initializers, constraints and schedules by class name
    (`kind` is the keras module: "regularizers", ...)."""
    cls = getattr(_OBJECT_MODULES[kind], class_name, None)
    if cls is None:
        raise ArgumentError(f"keras.{kind} has no {frontend.fmt_value(class_name)}.", "class_name")
    return cls(**argspec.coerce(argspec.OBJECT_KINDS[kind], kwargs, class_name=class_name))


def make_lambda_callback(**hooks):
    """keras.callbacks.LambdaCallback whose hooks may be R functions. Keras passes
    logs as a dict; R wants plain numbers, so logs are made plain floats first.
    A named list of numbers a hook returns is added to the logs (as the
    hooks of new_callback_class() do), so later callbacks and the history see it.
    R functions are entered through replicas.enter_r, as every R function is."""
    def plain(logs):
        return {k: float(v) for k, v in (logs or {}).items()}

    def merge(logs, out):
        if logs is not None and isinstance(out, dict) and out and \
                all(isinstance(v, numbers.Number) for v in out.values()):
            logs.update({k: float(v) for k, v in out.items()})

    def wrap(fn, n_args, name):
        if fn is None:
            return None
        if is_r_function(fn):
            what = f"The R function given as `{name}` to callback_lambda()"
            call = functools.partial(enter_r, what, fn)
        else:
            call = fn
        if n_args == 2:
            return lambda i, logs=None: merge(logs, call(int(i), plain(logs)))
        return lambda logs=None: merge(logs, call(plain(logs)))
    # every hook Keras calls: (epoch or batch, logs) or (logs)
    arity = {"on_epoch_begin": 2, "on_epoch_end": 2, "on_batch_begin": 2, "on_batch_end": 2,
             **{f"on_{phase}_batch_{when}": 2 for phase in ("train", "test", "predict") for when in ("begin", "end")},
             **{f"on_{phase}_{when}": 1 for phase in ("train", "test", "predict") for when in ("begin", "end")}}
    kwargs = {}
    for name, fn in hooks.items():
        if name not in arity:
            raise ArgumentError(f"callback_lambda() has no hook `{name}`; hooks are {frontend.fmt_names(arity)}.", name)
        kwargs[name] = wrap(fn, arity[name], name)
    return keras.callbacks.LambdaCallback(**kwargs)
