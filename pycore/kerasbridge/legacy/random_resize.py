"""Keras 2's RandomHeight and RandomWidth, removed in Keras 3.

In training each batch is resized to a random height (or width): the size times
``1 + f`` with ``f`` drawn uniformly from ``factor`` (one number ``x`` means
``(-x, x)``), the other side kept; at inference the images pass unchanged. The
output's resized side is unknown (None), as in Keras 2. kerasbridge runs on the
TensorFlow backend, whose image resize takes a size computed in the graph.
"""

import keras
import tensorflow as tf

from ..errors import ArgumentError


def _bounds(factor, name):
    if isinstance(factor, (list, tuple)):
        if len(factor) != 2:
            raise ArgumentError(f"`{name}` must be one number or two (lower, upper), received {factor!r}.", name)
        lower, upper = float(factor[0]), float(factor[1])
    else:
        lower, upper = -float(factor), float(factor)
    if lower > upper or lower < -1.0:
        raise ArgumentError(f"`{name}` must give -1 < lower <= upper (fractions of the size), received {factor!r}.",
                            name)
    return lower, upper


class _RandomResize(keras.layers.Layer):
    axis = None  # 0: height, 1: width (of the spatial axes)
    factor_name = None

    def __init__(self, factor, interpolation="bilinear", seed=None, **kwargs):
        super().__init__(**kwargs)
        self.factor = tuple(factor) if isinstance(factor, (list, tuple)) else factor
        self.lower, self.upper = _bounds(factor, "factor")
        self.interpolation = str(interpolation)
        self.seed = None if seed is None else int(seed)
        self._rng = keras.random.SeedGenerator(self.seed)

    def call(self, inputs, training=True):
        inputs = tf.convert_to_tensor(inputs)
        if not training:
            return tf.cast(inputs, self.compute_dtype)
        shape = tf.shape(inputs)
        rank = inputs.shape.rank
        size = [shape[rank - 3], shape[rank - 2]]  # (height, width) of batched or single images
        f = keras.random.uniform((), self.lower, self.upper, seed=self._rng)
        size[self.axis] = tf.cast(tf.cast(size[self.axis], "float32") * (1.0 + f), "int32")
        out = tf.image.resize(inputs, tf.stack(size), method=self.interpolation)
        return tf.cast(out, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        out = list(input_shape)
        out[len(out) - 3 + self.axis] = None
        return tuple(out)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "interpolation": self.interpolation, "seed": self.seed})
        return config


@keras.saving.register_keras_serializable(package="kerasbridge")
class RandomHeight(_RandomResize):
    """Keras 2's RandomHeight: a random height in training, the width kept."""
    axis = 0


@keras.saving.register_keras_serializable(package="kerasbridge")
class RandomWidth(_RandomResize):
    """Keras 2's RandomWidth: a random width in training, the height kept."""
    axis = 1
