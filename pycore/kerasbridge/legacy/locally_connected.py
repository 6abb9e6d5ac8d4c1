"""Keras 2's LocallyConnected1D and LocallyConnected2D, removed in Keras 3.

A locally connected layer is a convolution whose weights are not shared: each
output position has its own kernel. Keras 2 stored them as one kernel of shape
``(positions, prod(kernel_size) * channels, filters)`` (its implementation 1)
and a bias per position; these classes keep that layout, the "valid" padding
Keras 2 supported, both data formats and Keras 2's arguments
(``implementation`` is accepted and ignored: every implementation computed the
same function). The patches of every output position are gathered once and
multiplied with their kernels in one einsum.
"""

import itertools
import math

import keras
from keras import ops
from keras.src.backend.config import standardize_data_format

from ..errors import ArgumentError


def _ints(value, n, name):
    try:
        out = tuple(int(v) for v in (value if isinstance(value, (list, tuple)) else [value] * n))
    except (TypeError, ValueError):
        out = ()
    if len(out) != n or any(v < 1 for v in out):
        raise ArgumentError(f"`{name}` must be {n} positive whole number(s), received {value!r}.", name)
    return out


class _LocallyConnected(keras.layers.Layer):
    rank = None

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, implementation=1, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.filters = _ints(filters, 1, "filters")[0]
        self.kernel_size = _ints(kernel_size, self.rank, "kernel_size")
        self.strides = _ints(strides, self.rank, "strides")
        if str(padding).lower() != "valid":
            raise ArgumentError(f"`padding` must be \"valid\" for a locally connected layer (as in Keras 2), "
                                f"received {padding!r}.", "padding")
        self.padding = "valid"
        self.data_format = standardize_data_format(data_format)
        self.activation = keras.activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        self.implementation = int(implementation)
        self.input_spec = keras.layers.InputSpec(ndim=self.rank + 2)

    def _spatial(self, shape):
        return tuple(shape[2:]) if self.data_format == "channels_first" else tuple(shape[1:-1])

    def _channels(self, shape):
        return shape[1] if self.data_format == "channels_first" else shape[-1]

    def _out_spatial(self, spatial):
        out = []
        for size, k, s in zip(spatial, self.kernel_size, self.strides):
            if size is None:
                raise ArgumentError("A locally connected layer needs every spatial size known "
                                    f"(input shape {spatial}).", "input_shape")
            out.append((size - k) // s + 1)
        if any(o < 1 for o in out):
            raise ArgumentError(f"The input's spatial size {spatial} is smaller than `kernel_size` "
                                f"{self.kernel_size}.", "kernel_size")
        return tuple(out)

    def build(self, input_shape):
        self._out = self._out_spatial(self._spatial(input_shape))
        channels = self._channels(input_shape)
        positions = math.prod(self._out)
        self.kernel = self.add_weight(
            name="kernel", shape=(positions, math.prod(self.kernel_size) * channels, self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        # Keras 2's bias: one per output position and filter
        self.bias = self.add_weight(
            name="bias", shape=self._out + (self.filters,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint) if self.use_bias else None

    def _patches(self, inputs):
        """(batch, positions, prod(kernel_size) * channels), each patch
        flattened in the input's own axis order, as Keras 2 did."""
        patches = []
        for position in itertools.product(*(range(o) for o in self._out)):
            window = tuple(slice(p * s, p * s + k) for p, s, k in zip(position, self.strides, self.kernel_size))
            index = (slice(None), slice(None)) + window if self.data_format == "channels_first" \
                else (slice(None),) + window + (slice(None),)
            patches.append(ops.reshape(inputs[index], (-1, 1, self.kernel.shape[1])))
        return ops.concatenate(patches, axis=1)

    def call(self, inputs):
        out = ops.einsum("bpk,pkf->bpf", self._patches(inputs), ops.cast(self.kernel, inputs.dtype))
        out = ops.reshape(out, (-1,) + self._out + (self.filters,))
        if self.bias is not None:
            out = out + ops.cast(self.bias, out.dtype)
        if self.data_format == "channels_first":
            out = ops.transpose(out, (0, self.rank + 1) + tuple(range(1, self.rank + 1)))
        return self.activation(out) if self.activation is not None else out

    def compute_output_shape(self, input_shape):
        out = self._out_spatial(self._spatial(input_shape))
        if self.data_format == "channels_first":
            return (input_shape[0], self.filters) + out
        return (input_shape[0],) + out + (self.filters,)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format,
            "activation": keras.activations.serialize(self.activation), "use_bias": self.use_bias,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
            "bias_initializer": keras.initializers.serialize(self.bias_initializer),
            "kernel_regularizer": keras.regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": keras.regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": keras.constraints.serialize(self.kernel_constraint),
            "bias_constraint": keras.constraints.serialize(self.bias_constraint),
            "implementation": self.implementation})
        return config


@keras.saving.register_keras_serializable(package="kerasbridge")
class LocallyConnected1D(_LocallyConnected):
    """Keras 2's LocallyConnected1D: a 1D convolution with unshared weights."""
    rank = 1


@keras.saving.register_keras_serializable(package="kerasbridge")
class LocallyConnected2D(_LocallyConnected):
    """Keras 2's LocallyConnected2D: a 2D convolution with unshared weights."""
    rank = 2
