"""legacy/random_resize.py: Keras 2's RandomHeight/RandomWidth on Keras 3."""

import keras
import numpy as np
import pytest

from kerasbridge import layers
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy.random_resize import RandomHeight, RandomWidth


def test_training_resizes_one_side_within_the_factor_inference_passes_through():
    x = np.random.RandomState(0).rand(2, 20, 10, 3).astype("float32")
    heights = set()
    layer = RandomHeight(factor=(-0.5, 0.5), seed=1)
    for _ in range(12):
        out = keras.ops.convert_to_numpy(layer(x, training=True))
        assert out.shape[0] == 2 and out.shape[2:] == (10, 3)
        assert 10 <= out.shape[1] <= 30
        heights.add(out.shape[1])
    assert len(heights) > 1  # random
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(x, training=False)), x)
    wide = keras.ops.convert_to_numpy(RandomWidth(factor=(0.5, 0.5))(x, training=True))
    assert wide.shape == (2, 20, 15, 3)  # width * 1.5, height kept
    single = keras.ops.convert_to_numpy(RandomWidth(factor=(1.0, 1.0))(x[0], training=True))
    assert single.shape == (20, 20, 3)  # an unbatched image


def test_in_models_from_r_arguments_and_saved():
    layer = layers.make_layer("RandomHeight", factor=0.5, seed=3.0)
    assert isinstance(layer, RandomHeight) and layer.seed == 3
    model = keras.Sequential([keras.Input((28, 28, 1)), layer])
    assert model.output_shape == (None, None, 28, 1)
    x = np.ones((4, 28, 28, 1), "float32")
    assert model.predict(x, verbose=0).shape == (4, 28, 28, 1)  # inference: unchanged
    config = keras.saving.serialize_keras_object(layer)
    again = keras.saving.deserialize_keras_object(config)
    assert isinstance(again, RandomHeight) and again.factor == 0.5


def test_bad_factor_names_the_argument():
    with pytest.raises(ArgumentError, match="factor"):
        RandomHeight(factor=(0.3, 0.1))
    with pytest.raises(ArgumentError, match="factor"):
        RandomWidth(factor=(-1.5, 0.2))
