"""legacy/layer_classes.py: Keras 2 layer classes whose checks Keras 3 tightened."""

import os

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge.legacy import layer_classes


def test_cropping3d_to_size_zero_as_in_keras2():
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(32),
                              keras.layers.Reshape((2, 4, 2, 2)), kb.make_layer("Cropping3D")])
    assert model.output_shape == (None, 0, 2, 0, 2)
    assert model.predict(np.zeros((3, 784)), verbose=0).shape == (3, 0, 2, 0, 2)


def test_cropping3d_otherwise_keras3():
    layer = kb.make_layer("Cropping3D", cropping=(1, 1, 0))
    x = np.arange(3 * 4 * 2 * 2, dtype="float32").reshape((1, 3, 4, 2, 2))
    np.testing.assert_array_equal(np.asarray(layer(x)), x[:, 1:2, 1:3, :, :])
    with pytest.raises(ValueError, match="should be smaller"):
        kb.make_layer("Cropping3D", cropping=2)(x)   # more than the dimension: an error in Keras 2 too


def test_cropping3d_saves_and_loads(tmp_path):
    model = keras.Sequential([keras.Input((2, 4, 2, 2)), kb.make_layer("Cropping3D")])
    path = os.path.join(tmp_path, "m.keras")
    model.save(path)
    assert isinstance(keras.models.load_model(path).layers[-1], layer_classes.Cropping3D)
    assert layer_classes.layer_class("Dense") is None
