"""legacy/data.py: Keras 2's vector-as-a-column for inputs of shape (None, 1)."""

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge import convert
from kerasbridge.errors import InputShapeError
from kerasbridge.legacy.data import expand_1d


def test_expand_1d_only_for_one_column_inputs():
    assert expand_1d(np.arange(3.0), (None, 1)).shape == (3, 1)
    assert expand_1d(np.arange(3.0), (None, 2)).shape == (3,)
    assert expand_1d(np.ones((3, 1)), (None, 1)).shape == (3, 1)


def test_a_vector_is_n_samples_for_an_input_of_shape_none_1():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    kb.compile(model, optimizer="sgd", loss="mse")
    kb.fit(model, np.arange(5.0), np.arange(5.0), epochs=1, verbose=0)
    assert convert.as_inputs(np.arange(5.0), model).shape == (5, 1)
    two = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    with pytest.raises(InputShapeError):
        convert.as_inputs(np.arange(5.0), two)


def test_tensors_given_as_inputs_pass_through_the_shape_check():
    import tensorflow as tf
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    x = tf.ones((3, 2))
    assert convert.as_inputs(x, model) is x
    assert kb.predict(model, x, verbose=0).shape == (3, 1)
