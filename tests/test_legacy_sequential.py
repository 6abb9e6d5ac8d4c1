"""legacy/sequential.py: a built Sequential model's input/output as Keras 2 gave them."""

import keras
import pytest

from kerasbridge.legacy.sequential import sequential_io


def built():
    return keras.Sequential([keras.Input((30,)), keras.layers.Dense(20), keras.layers.Dense(10)])


def test_built_sequential_answers_from_its_own_graph():
    model = built()
    assert tuple(sequential_io(model, "input").shape) == (None, 30)
    assert tuple(sequential_io(model, "output").shape) == (None, 10)
    assert [tuple(t.shape) for t in sequential_io(model, "inputs")] == [(None, 30)]
    assert [tuple(t.shape) for t in sequential_io(model, "outputs")] == [(None, 10)]
    # its graph can seed a functional model, as R keras 2.x scripts do
    twin = keras.Model(sequential_io(model, "input"), sequential_io(model, "output"))
    assert twin.count_params() == model.count_params()


def test_called_sequential_still_answers_its_own_input():
    model = built()
    own = sequential_io(model, "input")
    model(keras.Input((30,)))            # Keras 3's model.input now names this call's tensor
    assert sequential_io(model, "input") is own


def test_unbuilt_sequential_keeps_keras_error():
    with pytest.raises(AttributeError, match="never been called"):
        sequential_io(keras.Sequential([keras.layers.Dense(2)]), "input")
    with pytest.raises(ValueError, match="must be one of"):
        sequential_io(built(), "layers")
