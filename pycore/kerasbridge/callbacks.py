"""Built-in Keras callbacks from R keras 2.x arguments.

Keras 3 changed a few things R scripts rely on: ModelCheckpoint wants
``.keras``/``.h5`` (or ``.weights.h5`` with save_weights_only) and dropped
``period``; here those become what Keras 3 means, with a warning where the
meaning changes.
"""

import re
import warnings

import keras

from . import frontend
from .convert import as_int
from .errors import ArgumentError

_INT_ARGS = {"patience", "verbose", "cooldown", "start_from_epoch", "histogram_freq"}


def make_callback(class_name, **kwargs):
    cls = getattr(keras.callbacks, class_name, None)
    if cls is None:
        raise ArgumentError(f"Keras has no callback {frontend.fmt_value(class_name)}.", "class_name")
    for k in list(kwargs):
        if k in _INT_ARGS and isinstance(kwargs[k], float):
            kwargs[k] = as_int(kwargs[k], k)
    if isinstance(kwargs.get("save_freq"), float):
        kwargs["save_freq"] = as_int(kwargs["save_freq"], "save_freq")
    if class_name == "ModelCheckpoint":
        kwargs = _checkpoint_args(kwargs)
    return cls(**kwargs)


def _checkpoint_args(kwargs):
    path = kwargs.get("filepath")
    if not isinstance(path, str) or not path:
        raise ArgumentError("`filepath` must be a file path, e.g. \"checkpoints/best.keras\".", "filepath")
    period = kwargs.pop("period", None)
    if period is not None:
        if as_int(period, "period") != 1:
            warnings.warn("`period` was removed in Keras 3; saving every epoch instead.", stacklevel=3)
    if kwargs.get("save_weights_only"):
        if not path.endswith(".weights.h5"):
            kwargs["filepath"] = re.sub(r"(\.weights)?(\.h5|\.hdf5|\.keras)?$", "", path) + ".weights.h5"
    elif path.endswith(".hdf5"):
        kwargs["filepath"] = path[: -len(".hdf5")] + ".h5"
    elif not (path.endswith(".keras") or path.endswith(".h5")):
        kwargs["filepath"] = path + ".keras"
    return kwargs


def make_object(kind, class_name, **kwargs):
    """Regularizers, initializers, constraints and schedules by class name."""
    module = {"regularizers": keras.regularizers, "initializers": keras.initializers,
              "constraints": keras.constraints, "schedules": keras.optimizers.schedules}[kind]
    cls = getattr(module, class_name, None)
    if cls is None:
        raise ArgumentError(f"keras.{kind} has no {frontend.fmt_value(class_name)}.", "class_name")
    for k in ("seed", "decay_steps", "axis"):
        if isinstance(kwargs.get(k), float):
            kwargs[k] = as_int(kwargs[k], k)
    if class_name == "PiecewiseConstantDecay" and kwargs.get("boundaries") is not None:
        kwargs["boundaries"] = [as_int(b, "boundaries") if float(b).is_integer() else b for b in kwargs["boundaries"]]
    return cls(**kwargs)


def make_lambda_callback(**hooks):
    """keras.callbacks.LambdaCallback whose hooks may be R functions. Keras passes
    logs as a dict; R wants plain numbers, so logs are made plain floats first."""
    def plain(logs):
        return {k: float(v) for k, v in (logs or {}).items()}

    def wrap(fn, n_args):
        if fn is None:
            return None
        if n_args == 2:
            return lambda i, logs=None: fn(int(i), plain(logs))
        return lambda logs=None: fn(plain(logs))
    arity = {"on_epoch_begin": 2, "on_epoch_end": 2, "on_batch_begin": 2, "on_batch_end": 2,
             "on_train_begin": 1, "on_train_end": 1}
    kwargs = {}
    for name, fn in hooks.items():
        if name not in arity:
            raise ArgumentError(f"callback_lambda() has no hook `{name}`; hooks are {frontend.fmt_names(arity)}.", name)
        kwargs[name] = wrap(fn, arity[name])
    return keras.callbacks.LambdaCallback(**kwargs)
