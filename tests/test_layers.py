"""layers.py: layers and models called from R."""

import keras
import numpy as np
import pytest

from kerasbridge import frontend, layers
from kerasbridge.errors import ArgumentError


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


def test_freeze_weights_of_a_single_layer_sets_it_whole():
    dense = keras.layers.Dense(2)
    dense.build((None, 3))
    assert layers.freeze_weights(dense) is dense and dense.trainable is False and dense.trainable_weights == []
    layers.freeze_weights(dense, trainable=True)
    assert dense.trainable is True
    with pytest.raises(ArgumentError, match="single layer"):
        layers.freeze_weights(dense, from_=1)


def test_keras_model_sequential_takes_keras2_input_arguments_and_one_layer():
    dense = keras.layers.Dense(2)
    model = layers.keras_model_sequential(layers=dense, input_shape=[3.0], dtype="float64",
                                          batch_size=4.0, input_layer_name="features")
    assert model.inputs[0].shape == (4, 3) and model.inputs[0].dtype == "float64"
    assert model.layers == [dense] and model.inputs[0].name == "features"


def test_a_layer_called_on_a_sequential_model_joins_it():
    model = keras.Sequential([keras.Input((3,))])
    dense = keras.layers.Dense(2)
    with frontend.using("r"):
        assert layers.call_layer(dense, model) is model
    assert model.layers == [dense] and model.outputs[0].shape == (None, 2)


def test_metric_and_loss_functions_coerce_their_arguments():
    from kerasbridge import identifiers
    y_true = np.array([[0.0], [1.0]])
    y_pred = np.array([[0.3, 0.2, 0.1], [0.1, 0.2, 0.7]], dtype="float32")
    out = identifiers.compute_metric("top_k_categorical_accuracy", np.array([[1.0, 0, 0], [0, 1.0, 0]]), y_pred, k=3.0)
    assert np.asarray(out).tolist() == [1.0, 1.0]
    assert np.asarray(identifiers.compute_loss("mean_squared_error", y_true, y_true)).tolist() == [0.0, 0.0]


def test_a_layer_called_with_its_input_argument_named_as_keras_2_allowed():
    # R keras 2.x: self$attention(query = x, value = x, key = x) named MultiHeadAttention's input
    mha = keras.layers.MultiHeadAttention(num_heads=2, key_dim=4)
    x = np.ones((1, 3, 8), "float32")
    with frontend.using("r"):
        out = layers.call_layer(mha, query=x, value=x, key=x)
        assert tuple(out.shape) == (1, 3, 8)
        import pytest
        from kerasbridge.errors import ArgumentError
        with pytest.raises(ArgumentError, match="`object` is missing"):
            layers.call_layer(mha, value=x)
