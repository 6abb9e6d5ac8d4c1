"""layers.py: layers and models called from R."""

import keras
import numpy as np

from kerasbridge import frontend, layers


def test_a_model_called_on_an_r_number_takes_it_as_an_array():
    model = keras.Sequential([keras.layers.Dropout(0.99999999)])
    with frontend.using("r"):
        assert np.asarray(layers.call_layer(model, 1.0, training=True)).tolist() == [0.0]
        assert np.asarray(layers.call_layer(model, [1.0, 2.0], training=False)).tolist() == [1.0, 2.0]
