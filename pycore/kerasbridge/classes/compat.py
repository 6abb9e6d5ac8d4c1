"""Keras 2 methods that R keras code uses inside classes and Keras 3 removed.

Mixed into every class the constructors make (before the Keras base class):

- ``add_weight(name, shape, ...)``: Keras 2 took `name` first; sizes that
  arrive from R as doubles (64 -> 64.0) are made integers.
- ``add_metric(value, name, aggregation)``: a per-layer mean (or sum) tracker
  that Keras 3 resets each epoch and reports in fit logs, history and evaluate().
- Models: ``compiled_loss(y, y_pred)`` and ``compiled_metrics.update_state(...)``.
"""

import keras
import tensorflow as tf
from keras.src.backend.common.symbolic_scope import in_symbolic_scope
from keras.src.backend.common.keras_tensor import KerasTensor

from .. import frontend
from ..errors import ArgumentError


def int_shape(shape):
    """(4.0, 64.0) -> (4, 64): R sends sizes as doubles."""
    if shape is None:
        return None
    if isinstance(shape, (int, float)):
        shape = [shape]
    out = []
    for d in shape:
        if isinstance(d, float):
            if not d.is_integer():
                raise ArgumentError(f"`shape` must hold whole numbers, received {d}.",
                                    argument="shape")
            d = int(d)
        out.append(d)
    return tuple(out)


def _keras2_weight_args(args, kwargs):
    # Keras 2: add_weight(name, shape, dtype, initializer, ...); Keras 3: (shape, initializer, dtype, ...)
    if args and isinstance(args[0], str):
        kwargs.setdefault("name", args[0])
        args = args[1:]
        for key, value in zip(("shape", "dtype", "initializer"), args):
            kwargs.setdefault(key, value)
        args = ()
    if "shape" in kwargs:
        kwargs["shape"] = int_shape(kwargs["shape"])
    elif args:
        args = (int_shape(args[0]),) + tuple(args[1:])
    return args, kwargs


class LayerCompat:
    def add_weight(self, *args, **kwargs):
        args, kwargs = _keras2_weight_args(args, kwargs)
        kwargs.pop("synchronization", None)  # Keras 2 only
        return super().add_weight(*args, **kwargs)

    def add_metric(self, value, name=None, aggregation="mean"):
        """Track `value` (a tensor) as a metric called `name` (Keras 2 API)."""
        if name is None:
            raise ArgumentError("add_metric() needs a `name` for the metric.", argument="name")
        if aggregation not in ("mean", "sum", None):
            raise ArgumentError(
                f'`aggregation` must be "mean" or "sum", received {frontend.fmt_value(aggregation)}.',
                argument="aggregation")
        tracker = None
        for m in self._metrics:
            if getattr(m, "_kb_added", False) and m.name == name:
                tracker = m
        if tracker is None:
            # A variable made while fit() traces its step must live outside the trace.
            with tf.init_scope():
                cls = keras.metrics.Sum if aggregation == "sum" else keras.metrics.Mean
                tracker = cls(name=name)
            tracker._kb_added = True
            # Appended to the list Keras reads for `layer.metrics`, not assigned
            # as an attribute: it is reset and reported, never saved.
            self._metrics.append(tracker)
        if in_symbolic_scope() or isinstance(value, KerasTensor):
            return  # building a functional model: nothing to record yet
        tracker.update_state(value)


class _CompiledMetrics:
    """`self.compiled_metrics` of a Keras 2 train_step, on Keras 3's compiled metrics."""

    def __init__(self, model):
        self._model = model

    def update_state(self, y_true, y_pred, sample_weight=None):
        cm = self._model._compile_metrics
        if cm is not None:
            cm.update_state(y_true, y_pred, sample_weight)

    def reset_state(self):
        cm = self._model._compile_metrics
        if cm is not None:
            cm.reset_state()

    @property
    def metrics(self):
        cm = self._model._compile_metrics
        return list(cm.metrics) if cm is not None else []


class ModelCompat(LayerCompat):
    def compiled_loss(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        """Keras 2's compiled loss: the compile() loss (plus the model's own
        losses, which Keras 3 always adds) and, as Keras 2 did, the update of
        the "loss" metric. `regularization_losses` is accepted and not added
        twice."""
        loss = self.compute_loss(y=y_true, y_pred=y_pred, sample_weight=sample_weight)
        if loss is None:
            raise ArgumentError("compiled_loss() needs a loss: give `loss` to compile().",
                                argument="loss")
        if self._loss_tracker is not None:
            first = keras.tree.flatten(y_pred)[0]
            self._loss_tracker.update_state(loss, sample_weight=keras.ops.shape(first)[0])
        return loss

    @property
    def compiled_metrics(self):
        return _CompiledMetrics(self)


class MetricCompat:
    def add_weight(self, *args, **kwargs):
        args, kwargs = _keras2_weight_args(args, kwargs)
        for k in ("synchronization", "aggregation"):
            kwargs.pop(k, None)
        if "shape" not in kwargs and not args:
            kwargs["shape"] = ()
        return super().add_weight(*args, **kwargs)

    def reset_states(self):  # Keras 2 name
        return self.reset_state()


class LossCompat:
    def __init__(self, *args, **kwargs):
        # Keras 2's default reduction "auto" is Keras 3's "sum_over_batch_size"
        if kwargs.get("reduction") == "auto":
            kwargs["reduction"] = "sum_over_batch_size"
        super().__init__(*args, **kwargs)
