"""Keras 2 layer classes whose checks Keras 3 tightened.

``make_layer()`` asks ``layer_class(name)`` first: a class here stands in for
the Keras 3 class of that name, as a subclass that only relaxes what Keras 2
allowed. Each is registered (``kerasbridge>Name``) so a saved model loads
again wherever kerasbridge is imported.
"""

import keras
from keras.src import api_export

from .. import frontend


@keras.saving.register_keras_serializable(package="kerasbridge")
class Cropping3D(keras.layers.Cropping3D):
    """Keras 2's Cropping3D cropped a spatial dimension down to size 0 (R keras
    2.x: ``layer_cropping_3d()`` on a 2 x 4 x 2 volume gives a 0 x 2 x 0
    output); Keras 3 refuses any cropping that leaves less than 1. Cropping
    more than the dimension is still an error."""

    def _spatial_axes(self):
        return (2, 3, 4) if self.data_format == "channels_first" else (1, 2, 3)

    def _empty_ok(self, shape):
        """True when every known spatial size is cropped to exactly 0 or more,
        and at least one to exactly 0 (the one case Keras 3 refuses and Keras 2 allowed)."""
        sizes = [None if shape[a] is None else shape[a] - sum(c)
                 for a, c in zip(self._spatial_axes(), self.cropping)]
        known = [s for s in sizes if s is not None]
        return bool(known) and min(known) == 0

    def compute_output_shape(self, input_shape):
        if not self._empty_ok(input_shape):
            return super().compute_output_shape(input_shape)
        out = list(input_shape)
        for a, c in zip(self._spatial_axes(), self.cropping):
            if out[a] is not None:
                out[a] -= sum(c)
        return tuple(out)

    def call(self, inputs):
        if not self._empty_ok(tuple(inputs.shape)):
            return super().call(inputs)
        index = [slice(None)] * 5
        for a, (left, right) in zip(self._spatial_axes(), self.cropping):
            index[a] = slice(left, -right if right else None)
        return inputs[tuple(index)]


class MultiHeadAttention(keras.layers.MultiHeadAttention):
    """Keras 2 gave the symbolic attention scores of ``return_attention_scores =
    TRUE`` the shape (batch, heads, query length, key length); Keras 3.15 gives
    (batch, heads, query length, query length) on symbolic inputs (its eager
    result is right). Only the default attention over axis 1 of 3-d inputs is
    corrected; anything else is Keras 3's."""

    def compute_output_spec(self, query, value, key=None, return_attention_scores=False, **kwargs):
        spec = super().compute_output_spec(query, value, key=key,
                                           return_attention_scores=return_attention_scores, **kwargs)
        if not return_attention_scores or len(query.shape) != 3 or self._attention_axes not in (None, (1,)):
            return spec
        output, scores = spec
        source = (key if key is not None else value).shape[1]
        shape = (query.shape[0], self.num_heads, query.shape[1], source)
        return output, keras.KerasTensor(shape, dtype=scores.dtype)


# Saved as Keras' own MultiHeadAttention (same config, same weights), so a model
# file made from R loads in plain Keras; kerasbridge loads it as Keras' class too.
api_export.REGISTERED_OBJS_TO_NAMES[MultiHeadAttention] = "keras.layers.MultiHeadAttention"


class TextVectorization(keras.layers.TextVectorization):
    """Keras 2 squeezed the trailing 1 of a (batch, 1) string input before
    splitting, so ``layer_input(shape = 1, dtype = "string") %>%
    layer_text_vectorization(output_mode = "multi_hot")`` was (None, tokens).
    Keras 3.15 does so when it runs (eager (2, tokens)) but its symbolic shape
    keeps the 1, (None, 1, tokens), and the next layer is built on that. Only
    the shape is corrected: the computation is Keras 3's."""

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self._split is not None and len(input_shape) > 1 and input_shape[-1] == 1:
            input_shape = input_shape[:-1]
        return super().compute_output_shape(input_shape)


api_export.REGISTERED_OBJS_TO_NAMES[TextVectorization] = "keras.layers.TextVectorization"


@keras.saving.register_keras_serializable(package="kerasbridge")
class RandomRotation(keras.layers.RandomRotation):
    """Keras 2 took any rotation ``factor`` (a fraction of a full turn, so 2 is
    up to two turns either way: every angle); Keras 3 refuses one outside
    [-1, 1]. Angles wrap, so the wide factor rotates as Keras 2 did. Used only
    for such a factor (``wide_factor()``): any other is Keras' own class and
    saves as it."""

    _FACTOR_BOUNDS = (-float("inf"), float("inf"))


def wide_factor(kwargs):
    """True when a ``factor`` argument lies outside Keras 3's [-1, 1]."""
    factor = kwargs.get("factor")
    values = factor if isinstance(factor, (list, tuple)) else [factor]
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) > 1 for v in values)


from .locally_connected import LocallyConnected1D, LocallyConnected2D  # noqa: E402  (removed in Keras 3)
from .random_resize import RandomHeight, RandomWidth  # noqa: E402  (removed in Keras 3)

LAYER_CLASSES = {"Cropping3D": Cropping3D, "LocallyConnected1D": LocallyConnected1D,
                 "LocallyConnected2D": LocallyConnected2D, "MultiHeadAttention": MultiHeadAttention,
                 "RandomHeight": RandomHeight, "RandomWidth": RandomWidth,
                 "TextVectorization": TextVectorization}

# Stand-ins used only when the arguments need them (the test of the arguments).
ARGUMENT_CLASSES = {"RandomRotation": (RandomRotation, wide_factor)}


def layer_class(class_name, kwargs=None):
    """The Keras 2 stand-in for a Keras 3 layer class, or None."""
    if class_name in ARGUMENT_CLASSES:
        cls, needed = ARGUMENT_CLASSES[class_name]
        return cls if needed(kwargs or {}) else None
    return LAYER_CLASSES.get(class_name)


# Keras 2 let a layer take new weights after it was built (an R keras 2.x
# wrapper's build() builds the wrapped layer, then adds a weight to it); Keras
# 3 locks a built layer's state and raises "You cannot add new elements of
# state". From R the lock is lifted for the one add_weight() call; Python
# users keep Keras 3's check.
_keras_add_weight = keras.layers.Layer.add_weight


def _add_weight(self, *args, **kwargs):
    tracker = getattr(self, "_tracker", None)
    if tracker is None or not tracker.locked or not frontend.is_r():
        return _keras_add_weight(self, *args, **kwargs)
    tracker.unlock()
    try:
        return _keras_add_weight(self, *args, **kwargs)
    finally:
        tracker.lock()


_add_weight.__doc__ = _keras_add_weight.__doc__
keras.layers.Layer.add_weight = _add_weight
