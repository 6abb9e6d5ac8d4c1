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


from .locally_connected import LocallyConnected1D, LocallyConnected2D  # noqa: E402  (removed in Keras 3)
from .random_resize import RandomHeight, RandomWidth  # noqa: E402  (removed in Keras 3)

LAYER_CLASSES = {"Cropping3D": Cropping3D, "LocallyConnected1D": LocallyConnected1D,
                 "LocallyConnected2D": LocallyConnected2D, "MultiHeadAttention": MultiHeadAttention,
                 "RandomHeight": RandomHeight, "RandomWidth": RandomWidth}


def layer_class(class_name):
    """The Keras 2 stand-in for a Keras 3 layer class, or None."""
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
