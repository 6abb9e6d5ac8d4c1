"""layers.py: layers and models called from R."""

import keras
import numpy as np

from kerasbridge import frontend, layers


def test_a_model_called_on_an_r_number_takes_it_as_an_array():
    model = keras.Sequential([keras.layers.Dropout(0.99999999)])
    with frontend.using("r"):
        assert np.asarray(layers.call_layer(model, 1.0, training=True)).tolist() == [0.0]
        assert np.asarray(layers.call_layer(model, [1.0, 2.0], training=False)).tolist() == [1.0, 2.0]


def test_freeze_weights_ranges_and_selections_set_the_other_layers_opposite():
    model = keras.Sequential([keras.Input((2,))] + [keras.layers.Dense(1, name=n) for n in "abcd"])
    with frontend.using("r"):
        layers.freeze_weights(model, from_=-2.0)
        assert [l.trainable for l in model.layers] == [True, True, False, False]
        layers.freeze_weights(model, which=[True, False, False, True])
        assert [l.trainable for l in model.layers] == [False, True, True, False]
        layers.freeze_weights(model, which=["b", 3.0], trainable=True)
        assert [l.trainable for l in model.layers] == [False, True, True, False]
