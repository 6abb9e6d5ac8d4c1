"""Losses, optimizers, metrics and activations named by strings or made by
constructors, with the Keras 2 spellings R keras code still uses.

Unknown strings fail here, before the model is touched, with close matches.
"""

import difflib

import keras
from keras.src import activations as _activations
from keras.src import losses as _losses
from keras.src import metrics as _metrics
from keras.src import optimizers as _optimizers

from . import argspec, frontend
from .errors import ArgumentError, UnknownIdentifierError, guard_r_functions
from .legacy import optimizers as keras2_optimizers

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
        f"Known {_plural(kind)} include {shown}, ...", arg)


def _plural(kind):
    return kind + ("es" if kind.endswith("s") else "s")  # "losses", not "losss"


def _checker(kind, getter, known, aliases=()):
    """A check for one kind of identifier: strings must be known to Keras
    (objects and functions pass through)."""
    def check(value, arg):
        if isinstance(value, (bool, int, float, complex)) or type(value).__module__ == "numpy":
            # a number is never an identifier: said now, not at fit() time
            raise ArgumentError(
                f"`{arg}` must be {'an' if kind[0] in 'aeiou' else 'a'} {kind} name (e.g. {frontend.fmt_value('relu' if kind == 'activation' else known[0])}), a function or a Keras "
                f"{kind} object; received {frontend.fmt_value(value) if isinstance(value, bool) else format(value, 'g') if isinstance(value, (int, float)) else repr(value)}.", arg)
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
    "adafactor": "Adafactor", "lamb": "Lamb", "muon": "Muon", "loss_scale_optimizer": "LossScaleOptimizer",
}


def make_optimizer(optimizer, /, **kwargs):
    """An optimizer from R's optimizer_<name>(...), accepting Keras 2 arguments
    (positional-only, so that the optimizer's own `name` argument passes through):
    ``lr`` and ``decay``; like Keras 2's, it takes variables it was not built
    with (legacy/optimizers.py).
    """
    cls_name = _OPTIMIZER_CLASSES.get(optimizer.lower())
    if cls_name is None:
        _unknown("optimizer", "optimizer", optimizer, sorted(_OPTIMIZER_CLASSES))
    cls = getattr(keras.optimizers, cls_name)
    kwargs = keras2_optimizers.lr_to_learning_rate(kwargs)
    kwargs = keras2_optimizers.decay_to_schedule(cls, kwargs)
    # an R function as learning rate: replicas.enter_r keeps it on R's thread
    kwargs = {k: guard_r_functions(v, f"The R function given as `{k}` to optimizer {cls_name}")
              for k, v in kwargs.items()}
    return keras2_optimizers.accept_new_variables(cls(**argspec.coerce("optimizer", kwargs, class_name=cls_name)))


def _class_for(module, name, kind):
    cls = getattr(module, name, None)
    if cls is None:
        _unknown(kind, "name", name, [n for n in dir(module) if n[0].isupper()])
    return cls


def make_loss(class_name, **kwargs):
    """A loss object from R's loss_<name>(...) with arguments."""
    return _class_for(keras.losses, class_name, "loss")(**argspec.coerce("loss", kwargs, class_name=class_name))


def compute_metric(fn_name, y_true, y_pred, **kwargs):
    """R's metric_<name>(y_true, y_pred, ...): Keras' metric function, with the
    arguments coerced as for the metric object (``k = 3`` arrives as 3.0)."""
    return getattr(keras.metrics, fn_name)(y_true, y_pred, **argspec.coerce("metric", kwargs))


def compute_loss(fn_name, y_true, y_pred, **kwargs):
    """R's loss_<name>(y_true, y_pred, ...): Keras' loss function, arguments coerced."""
    return getattr(keras.losses, fn_name)(y_true, y_pred, **argspec.coerce("loss", kwargs))


def make_metric(class_name, **kwargs):
    """A metric object from R's metric_<name>(...) with arguments."""
    return _class_for(keras.metrics, class_name, "metric")(**argspec.coerce("metric", kwargs, class_name=class_name))
