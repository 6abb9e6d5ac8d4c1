"""legacy/locally_connected.py: Keras 2's LocallyConnected1D/2D on Keras 3."""

import itertools

import keras
import numpy as np
import pytest

from kerasbridge import layers
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy.locally_connected import LocallyConnected1D, LocallyConnected2D


def _reference(x, kernel, bias, kernel_size, strides, channels_first):
    """Keras 2's definition: each output position's patch, flattened in the
    input's axis order, times that position's own kernel."""
    if channels_first:
        x_last = np.moveaxis(x, 1, -1)
    else:
        x_last = x
    spatial = x_last.shape[1:-1]
    out_sp = [(s - k) // st + 1 for s, k, st in zip(spatial, kernel_size, strides)]
    out = np.zeros((x.shape[0], *out_sp, kernel.shape[-1]))
    for p, pos in enumerate(itertools.product(*map(range, out_sp))):
        window = tuple(slice(q * st, q * st + k) for q, st, k in zip(pos, strides, kernel_size))
        patch = x[(slice(None), slice(None)) + window] if channels_first else x[(slice(None),) + window + (slice(None),)]
        out[(slice(None),) + pos] = patch.reshape(x.shape[0], -1) @ kernel[p]
    out = out + bias
    return np.moveaxis(out, -1, 1) if channels_first else out


@pytest.mark.parametrize("cls,shape,kernel_size,strides,fmt", [
    (LocallyConnected1D, (3, 7, 2), (2,), (1,), "channels_last"),
    (LocallyConnected1D, (3, 7, 2), (3,), (2,), "channels_last"),
    (LocallyConnected1D, (3, 2, 7), (3,), (2,), "channels_first"),
    (LocallyConnected2D, (2, 5, 4, 3), (2, 2), (1, 1), "channels_last"),
    (LocallyConnected2D, (2, 3, 5, 4), (2, 3), (2, 1), "channels_first"),
])
def test_unshared_weights_per_position_as_keras_2(cls, shape, kernel_size, strides, fmt):
    rng = np.random.RandomState(0)
    x = rng.rand(*shape).astype("float32")
    layer = cls(4, kernel_size, strides=strides, data_format=fmt, bias_initializer="random_normal")
    got = keras.ops.convert_to_numpy(layer(x))
    kernel, bias = [w.numpy() for w in layer.weights]
    want = _reference(x, kernel, bias, kernel_size, strides, fmt == "channels_first")
    assert got.shape == want.shape == layer.compute_output_shape(shape)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    positions = np.prod(want.shape[2:] if fmt == "channels_first" else want.shape[1:-1])
    assert kernel.shape == (positions, np.prod(kernel_size) * (shape[1] if fmt == "channels_first" else shape[-1]), 4)


def test_make_layer_builds_them_from_r_arguments_and_they_train_and_reload(tmp_path):
    layer = layers.make_layer("LocallyConnected2D", filters=3.0, kernel_size=[2.0, 2.0], activation="relu",
                              implementation=2.0)
    assert isinstance(layer, LocallyConnected2D) and layer.filters == 3 and layer.kernel_size == (2, 2)
    m = keras.Sequential([keras.Input((4, 4, 2)), layer, keras.layers.Flatten(), keras.layers.Dense(1)])
    m.compile(optimizer="sgd", loss="mse")
    x = np.random.RandomState(1).rand(8, 4, 4, 2)
    m.fit(x, np.ones((8, 1)), epochs=1, verbose=0)
    path = str(tmp_path / "lc.keras")
    m.save(path)
    again = keras.models.load_model(path)
    np.testing.assert_allclose(again.predict(x, verbose=0), m.predict(x, verbose=0), rtol=1e-6)


def test_keras_2_limits_are_errors_naming_the_argument():
    with pytest.raises(ArgumentError, match="padding"):
        LocallyConnected1D(2, 3, padding="same")
    with pytest.raises(ArgumentError, match="kernel_size"):
        LocallyConnected1D(2, 5)(np.ones((1, 3, 2), "float32"))
