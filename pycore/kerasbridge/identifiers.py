"""Losses, optimizers, metrics and activations named by strings or made by
constructors, with the Keras 2 spellings R keras code still uses.

Unknown strings fail here, before the model is touched, with close matches.
"""

import difflib
import warnings

import keras
from keras.src import activations as _activations
from keras.src import losses as _losses
from keras.src import metrics as _metrics
from keras.src import optimizers as _optimizers

from . import frontend
from .convert import as_int
from .errors import ArgumentError, UnknownIdentifierError

LOSS_NAMES = sorted(k for k in _losses.ALL_OBJECTS_DICT if k[0].islower())
METRIC_NAMES = sorted({k for k in _metrics.ALL_OBJECTS_DICT if k[0].islower()} | {"acc"} | set(LOSS_NAMES))
OPTIMIZER_NAMES = sorted(k for k in _optimizers.ALL_OBJECTS_DICT if k not in ("optimizer", "optimizermap", "multioptimizer", "lossscaleoptimizer"))
ACTIVATION_NAMES = sorted(_activations.ALL_OBJECTS_DICT)

# Keras 2 optimizer class names as strings ("RMSprop", "Adam") still work in Keras 3
# through get(); we only normalise case for the check.


def _unknown(kind, arg, value, known):
    close = difflib.get_close_matches(str(value).lower(), known, n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(frontend.fmt_value(c) for c in close)}?" if close else ""
    shown = ", ".join(frontend.fmt_value(k) for k in known[:12])
    raise UnknownIdentifierError(
        f"`{arg}` = {frontend.fmt_value(value)} is not a known {kind}.{hint} "
        f"Known {kind}s include {shown}, ...", arg)


def _checker(kind, getter, known, aliases=()):
    """A check for one kind of identifier: strings must be known to Keras
    (objects and functions pass through)."""
    def check(value, arg):
        if isinstance(value, str) and value.lower() not in aliases:
            try:
                getter(value)
            except Exception:
                _unknown(kind, arg, value, known)
        return value
    return check


_check_loss = _checker("loss", keras.losses.get, LOSS_NAMES)
_check_metric = _checker("metric", keras.metrics.get, METRIC_NAMES, aliases=("acc", "accuracy"))
_check_optimizer = _checker("optimizer", keras.optimizers.get, OPTIMIZER_NAMES)
_check_activation = _checker("activation", keras.activations.get, ACTIVATION_NAMES)


def check_loss(value, arg="loss"):
    return _check_loss(value, arg)


def check_metric(value, arg="metrics"):
    return _check_metric(value, arg)


def check_optimizer(value, arg="optimizer"):
    return _check_optimizer(value, arg)


def check_activation(value, arg="activation"):
    return _check_activation(value, arg)


_OPTIMIZER_CLASSES = {
    "sgd": "SGD", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW", "adagrad": "Adagrad",
    "adadelta": "Adadelta", "adamax": "Adamax", "nadam": "Nadam", "ftrl": "Ftrl", "lion": "Lion",
    "adafactor": "Adafactor",
}


def make_optimizer(optimizer, /, **kwargs):
    """An optimizer from R's optimizer_<name>(...), accepting Keras 2 arguments
    (positional-only, so that the optimizer's own `name` argument passes through):
    ``lr`` (now ``learning_rate``) and ``decay`` (now a learning-rate schedule:
    Keras 2's ``lr / (1 + decay * iterations)`` is InverseTimeDecay with decay_steps = 1).
    """
    cls_name = _OPTIMIZER_CLASSES.get(optimizer.lower())
    if cls_name is None:
        _unknown("optimizer", "optimizer", optimizer, sorted(_OPTIMIZER_CLASSES))
    if "lr" in kwargs:
        if "learning_rate" in kwargs:
            raise ArgumentError("Supply `learning_rate` or its old name `lr`, not both.", "lr")
        warnings.warn("`lr` is deprecated in Keras 3; use `learning_rate`.", DeprecationWarning, stacklevel=2)
        kwargs["learning_rate"] = kwargs.pop("lr")
    decay = kwargs.pop("decay", None)
    if decay:
        lr = kwargs.get("learning_rate", getattr(keras.optimizers, cls_name)().learning_rate)
        lr = float(lr.numpy()) if hasattr(lr, "numpy") else float(lr)
        kwargs["learning_rate"] = keras.optimizers.schedules.InverseTimeDecay(
            initial_learning_rate=lr, decay_steps=1, decay_rate=float(decay))
    for k in ("clipnorm", "clipvalue", "global_clipnorm"):
        if kwargs.get(k) is not None:
            kwargs[k] = float(kwargs[k])
    return getattr(keras.optimizers, cls_name)(**kwargs)


def _class_for(module, name, kind):
    cls = getattr(module, name, None)
    if cls is None:
        _unknown(kind, "name", name, [n for n in dir(module) if n[0].isupper()])
    return cls


_INT_ARGS = {"num_thresholds", "num_classes", "k", "class_id", "top_k", "axis"}


def _ints(kwargs):
    for k in list(kwargs):
        if k in _INT_ARGS and isinstance(kwargs[k], float):
            kwargs[k] = as_int(kwargs[k], k)
    return kwargs


def make_loss(class_name, **kwargs):
    """A loss object from R's loss_<name>(...) with arguments."""
    return _class_for(keras.losses, class_name, "loss")(**_ints(kwargs))


def make_metric(class_name, **kwargs):
    """A metric object from R's metric_<name>(...) with arguments."""
    return _class_for(keras.metrics, class_name, "metric")(**_ints(kwargs))


def named_function(name, fn):
    """A Python function named `name` that calls fn (an R function, say): Keras
    names losses and metrics after ``__name__``."""
    def wrapper(y_true, y_pred):
        return fn(y_true, y_pred)
    wrapper.__name__ = wrapper.__qualname__ = str(name)
    return wrapper


def name_metric_functions(model, metrics):
    """R keras 2.x: ``metrics = list(rmse = function(y_true, y_pred) ...)`` names
    custom metric functions; it is not a per-output dict unless its names are the
    model's output names."""
    if not isinstance(metrics, dict):
        return metrics
    outputs = set(getattr(model, "output_names", None) or [])
    if outputs and set(metrics) <= outputs:
        return metrics
    if all(callable(v) and not isinstance(v, keras.metrics.Metric) for v in metrics.values()):
        return [named_function(k, v) for k, v in metrics.items()]
    if outputs:
        unknown = [k for k in metrics if k not in outputs]
        raise UnknownIdentifierError(
            f"`metrics` names {frontend.fmt_names(unknown)} match no model output; outputs are "
            f"{frontend.fmt_names(sorted(outputs))}. Use an unnamed list for a single-output model.", "metrics")
    return metrics
