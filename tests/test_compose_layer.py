"""layers.compose_layer: the one implementation of the object-first pipe
semantics of layer_*() (R wrappers, create_layer_wrapper() in both languages)."""

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge import frontend
from kerasbridge.errors import ArgumentError
from kerasbridge.layers import compose_layer


def test_none_sequential_tensor():
    layer = keras.layers.Dense(2)
    assert compose_layer(None, layer) is layer
    model = keras.Sequential([keras.Input((3,))])
    assert compose_layer(model, keras.layers.Dense(2)) is model and model.output_shape == (None, 2)
    assert compose_layer(keras.Input((3,)), keras.layers.Dense(4)).shape == (None, 4)
    assert compose_layer(np.ones((2, 3), "float32"), keras.layers.Dense(5)).shape == (2, 5)  # Python: arrays too


def test_functional_model_and_non_tensors_are_errors():
    inp = keras.Input((3,))
    functional = keras.Model(inp, keras.layers.Dense(1)(inp))
    with pytest.raises(ArgumentError, match="functional model"):
        compose_layer(functional, keras.layers.Dense(2))
    with pytest.raises(ArgumentError, match="must be a Sequential model, a tensor or a list of tensors. "
                                            "Received an object of type float"):
        compose_layer(64.0, keras.layers.Dense(2))
    with frontend.using("r"):
        with pytest.raises(ArgumentError, match="Received an R array. .*layer_dense\\(units = 64\\)"):
            compose_layer(np.ones((2, 2)), keras.layers.Dense(2))
        with pytest.raises(ArgumentError, match="Received a number"):
            compose_layer(64.0, keras.layers.Dense(2))
        with pytest.raises(ArgumentError, match="Received a numeric vector"):
            compose_layer([1.0, 2.0], keras.layers.Dense(2))  # R's c(1, 2) arrives as a list


def test_create_layer_wrapper_uses_the_same_checks_and_weights():
    wrapper = kb.create_layer_wrapper(keras.layers.Dense)
    inp = keras.Input((3,))
    functional = keras.Model(inp, keras.layers.Dense(1)(inp))
    with pytest.raises(ArgumentError, match="functional model"):
        wrapper(functional, 2)
    model = keras.Sequential([keras.Input((3,))])
    assert wrapper(model, 2) is model and model.output_shape == (None, 2)


def test_r_object_check_message(R):
    msg = R.r('tryCatch(layer_dense(c(1, 2, 3), units = 2), '
              'kerasbridge_argument_error = function(e) conditionMessage(e))')
    assert "`object` must be a Sequential model, a tensor or a list of tensors" in msg
    assert "Received a numeric vector" in msg and "layer_dense(units = 64)" in msg
    assert R.r('class(tryCatch(layer_dense(c(1, 2, 3), units = 2), error = identity))[1]') == \
        "kerasbridge_argument_error"
