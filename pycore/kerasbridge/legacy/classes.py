"""Keras 2 methods that R keras code uses inside classes and Keras 3 removed.

Mixed into every class the constructors make (before the Keras base class,
see ``KindSpec(compat=)`` in classes/factory.py):

- ``add_weight(name, shape, ...)``: Keras 2 took `name` first; sizes that
  arrive from R as doubles (64 -> 64.0) are made integers.
- ``add_metric(value, name, aggregation)``: a per-layer mean (or sum) tracker
  that Keras 3 resets each epoch and reports in fit logs, history and evaluate().
- ``input_mask``/``output_mask`` of a layer in a functional graph.
- ``call(inputs, other, mask)``: `mask` is the first input's mask, as Keras 2
  gave it (keras2_first_input_mask).
- ``self.call = tf.function(self.call)`` on an unbuilt layer or model: Keras 3's
  symbolic build no longer freezes the trace (``keras2_traced_call``).
- ``WrapperCompat``: the parent of R keras 2.x's R6 ``KerasWrapper`` classes.
- Models: ``compiled_loss(y, y_pred)`` and ``compiled_metrics.update_state(...)``.
- Metrics: ``reset_states()``; losses: ``reduction = "auto"``.
- ``ALIASES``: Keras 2 method names given to the constructors (``reset_states``).

The callback counterpart, ``CallbackCompat``, is in legacy/callbacks.py.
"""

import functools

import keras
import tensorflow as tf
from keras.src.backend.common.stateless_scope import in_stateless_scope
from keras.src.backend.common.symbolic_scope import in_symbolic_scope
from keras.src.backend.common.keras_tensor import KerasTensor
from keras.src.backend.common.masking import get_keras_mask

from .. import frontend
from ..argspec import as_shape
from ..errors import ArgumentError

# Keras 2 method names R code still uses, mapped to the Keras 3 method they
# mean, per kind of class (read by classes/hooks.py and classes/factory.py).
ALIASES = {
    "metric": {"reset_states": "reset_state"},
}


def int_shape(shape):
    """(4.0, 64.0) -> (4, 64): R sends sizes as doubles; NA/None stay unknown.
    The argument spec's shape coercer, under the name these classes use."""
    return as_shape(shape, "shape")


def keras2_weight_args(args, kwargs):
    """Keras 2's ``add_weight(name, shape, dtype, initializer, ...)`` -> Keras 3's
    ``add_weight(shape, initializer, dtype, ..., name=)``; shapes made integer."""
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


def keras2_traced_call(function):
    """A ``tf.function`` set as a layer's ``call`` (Keras 2's eager idiom
    ``model$call <- tf$function(model$call)``), made safe for Keras 3.

    Keras 3 builds an unbuilt layer by running ``call`` on symbolic inputs in
    a stateless scope, where variables read as constants. Traced there, the
    tf.function kept that trace (its batch-size-free signature covers every
    later batch): gradients were None and training changed nothing. Keras 2
    built the layer on the first real call. So Keras' symbolic runs call the
    plain function, and every real call the tf.function."""
    python_fn = function.python_function

    @functools.wraps(python_fn)
    def call(*args, **kwargs):
        if in_symbolic_scope() or in_stateless_scope():
            return python_fn(*args, **kwargs)
        return function(*args, **kwargs)

    call.tf_function = function
    return call


def keras2_first_input_mask(layer, args, kwargs):
    """Keras 2 gave ``call(inputs, encoder_outputs, mask = NULL)`` the mask of
    its first input; Keras 3 fills `mask` only when the call has one tensor
    argument (with several, only `<argument>_mask`). The kwargs, with that mask
    added where Keras 3 would leave `mask` empty."""
    if not getattr(layer, "_call_has_mask_arg", False) or kwargs.get("mask") is not None:
        return kwargs
    params = [p for p in layer._call_signature.parameters.values() if p.name != "self"]
    names = [p.name for p in params]
    if "mask" not in names or len(args) > names.index("mask"):
        return kwargs  # given positionally
    first = args[0] if args else kwargs.get(names[0])
    tensors = [a for a in list(args[1:]) + [v for k, v in kwargs.items() if k != names[0]]
               if keras.ops.is_tensor(a) or isinstance(a, KerasTensor)]
    if first is None or not tensors:
        return kwargs  # one tensor argument: Keras 3 passes its mask itself
    mask = _tensor_mask(first)
    if mask is None:
        return kwargs
    return {**kwargs, "mask": mask}


class LayerCompat:
    """Keras 2 layer methods: ``add_weight`` with Keras 2's argument order (and
    ``synchronization`` dropped), ``add_loss`` and ``add_metric``; a ``tf.function`` assigned
    to ``call`` (keras2_traced_call)."""

    def __setattr__(self, name, value):
        if name == "call" and isinstance(value, tf.types.experimental.PolymorphicFunction):
            value = keras2_traced_call(value)
        super().__setattr__(name, value)

    def __call__(self, *args, **kwargs):
        return super().__call__(*args, **keras2_first_input_mask(self, args, kwargs))

    def add_weight(self, *args, **kwargs):
        args, kwargs = keras2_weight_args(args, kwargs)
        kwargs.pop("synchronization", None)  # Keras 2 only
        return super().add_weight(*args, **kwargs)

    def add_loss(self, losses, inputs=None):
        """Keras 2's ``add_loss(losses, inputs = ...)``: a list of losses adds
        each; ``inputs`` (TF1's input-conditional losses, ignored by TF 2's
        Keras 2 already) is accepted and ignored. The book's VAE layer calls
        ``self$add_loss(loss, inputs = inputs)``; Keras 3 takes one loss only."""
        for loss in (losses if isinstance(losses, (list, tuple)) else [losses]):
            super().add_loss(loss)

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

    # Keras 2's layer.input_mask / layer.output_mask: the mask carried by the
    # layer's (first) input / output tensor in a functional graph.
    @property
    def input_mask(self):
        self.input  # Keras' error for a layer that was never called
        # Keras 3's node inputs include a `mask` argument; Keras 2 meant the first input
        args = self._inbound_nodes[0].arguments.args
        return _tensor_mask(args[0] if args else self.input)

    @property
    def output_mask(self):
        return _tensor_mask(self.output)


def _tensor_mask(tensors):
    if isinstance(tensors, (list, tuple)):
        masks = [_tensor_mask(t) for t in tensors]
        return None if all(m is None for m in masks) else masks
    return get_keras_mask(tensors)


class WrapperCompat(LayerCompat, keras.layers.Wrapper):
    """The parent of R keras 2.x's R6 ``KerasWrapper`` classes
    (rpkg/R/keras2-r6.R: create_wrapper()). Keras 2's KerasWrapper called the
    wrapped layer by default, so ``super$call(x)`` and
    ``super$compute_output_shape(s)`` in a subclass reach the wrapped layer;
    Keras 3's Wrapper leaves both abstract."""

    def call(self, inputs, mask=None, training=None):
        return self.layer.call(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


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
    """Keras 2 model members used in a custom train_step: ``compiled_loss`` and
    ``compiled_metrics``."""

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
    """Keras 2 metric methods: ``add_weight`` in Keras 2's order (shape defaults
    to a scalar; ``synchronization``/``aggregation`` dropped) and ``reset_states``."""

    def add_weight(self, *args, **kwargs):
        args, kwargs = keras2_weight_args(args, kwargs)
        for k in ("synchronization", "aggregation"):
            kwargs.pop(k, None)
        if "shape" not in kwargs and not args:
            kwargs["shape"] = ()
        return super().add_weight(*args, **kwargs)

    def reset_states(self):  # Keras 2 name
        return self.reset_state()


class LossCompat:
    """Keras 2 loss arguments: ``reduction = "auto"``."""

    def __init__(self, *args, **kwargs):
        # Keras 2's default reduction "auto" is Keras 3's "sum_over_batch_size"
        if kwargs.get("reduction") == "auto":
            kwargs["reduction"] = "sum_over_batch_size"
        super().__init__(*args, **kwargs)


# --- the parent's initialize, as Keras 2 had it ------------------------------

# Keras 2's positional order of each base class's __init__, for R keras 2.x code
# such as `super$initialize(name, dtype)` in a metric. Keras 3 reordered Metric
# (dtype, name) and Loss (name, reduction) and made Layer's keyword-only. Model
# comes before Layer: it is one.
KERAS2_INIT_ORDER = (
    (keras.Model, ("inputs", "outputs", "name")),
    (keras.metrics.Metric, ("name", "dtype")),
    (keras.losses.Loss, ("reduction", "name")),
    (keras.layers.Layer, ("trainable", "name", "dtype", "dynamic")),
)

# The kinds whose `initialize` may skip the parent's: Keras 2 ran a callback
# whose __init__ never called super().__init__() (fit() sets what it needs).
# Layers, metrics and losses broke in Keras 2 too, so they keep the error.
PARENT_INIT_OPTIONAL = frozenset({"callback"})


def _compat_classes():
    from .callbacks import CallbackCompat
    return (LayerCompat, ModelCompat, MetricCompat, LossCompat, CallbackCompat)


def parent_init_owner(cls):
    """The class whose __init__ `super(cls, obj).__init__` runs (our compat
    mixins pass through, so they are skipped)."""
    compat = _compat_classes()
    for klass in cls.__mro__[1:]:
        if klass in compat:
            continue
        if "__init__" in klass.__dict__:
            return klass
    return object


def keras2_init_args(cls, args, kwargs):
    """Positional arguments to the parent's initialize in Keras 2's order
    (``Metric(name, dtype)``, ``Layer(trainable, name, dtype, dynamic)``,
    ``Loss(reduction, name)``, ``Model(inputs, outputs, name)``) -> keywords.
    Applies only when the parent is the Keras base class itself (a Dense
    parent keeps Dense's own order). Keras 2's ``dynamic`` is dropped."""
    owner = parent_init_owner(cls)
    for base, order in KERAS2_INIT_ORDER:
        if owner is base:
            break
    else:
        return args, kwargs
    kwargs = dict(kwargs)
    if args:
        if len(args) > len(order):
            raise ArgumentError(
                f"The initialize of {base.__name__} takes at most {len(order)} positional "
                f"arguments ({', '.join(order)}), received {len(args)}. Name the others.",
                argument="...")
        for key, value in zip(order, args):
            if key in kwargs:
                raise ArgumentError(
                    f"`{key}` was given both by position and by name to the initialize "
                    f"of {base.__name__}; give it once.", argument=key)
            kwargs[key] = value
        args = ()
    if issubclass(base, keras.layers.Layer):
        kwargs.pop("dynamic", None)  # Keras 3 has no eager-only layers
    return args, kwargs


def init_parent_for_user(kind, owner, obj):
    """Keras 2 tolerated an `initialize` that never called the parent's (for
    callbacks): initialize the parent now, keeping what the user's initialize
    set. False when the kind needs the call or the parent needs arguments."""
    if kind not in PARENT_INIT_OPTIONAL:
        return False
    saved = dict(obj.__dict__)
    try:
        super(owner, obj).__init__()
    except TypeError:
        return False  # the parent needs arguments: the user must call it
    obj.__dict__.update(saved)
    return True
