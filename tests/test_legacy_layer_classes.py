"""legacy/layer_classes.py: Keras 2 layer classes whose checks Keras 3 tightened."""

import os

import keras
import numpy as np
import pytest
import tensorflow as tf

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


def test_multi_head_attention_scores_shape_on_symbolic_inputs():
    layer = kb.make_layer("MultiHeadAttention", num_heads=2, key_dim=2)
    target, source = keras.Input((8, 16)), keras.Input((4, 16))
    output, scores = layer(target, source, return_attention_scores=True)
    assert output.shape == (None, 8, 16)
    assert scores.shape == (None, 2, 8, 4)     # Keras 3.15 alone: (None, 2, 8, 8)
    model = keras.Model([target, source], [output, scores])
    eager = model.predict([np.zeros((1, 8, 16)), np.zeros((1, 4, 16))], verbose=0)
    assert eager[1].shape == (1, 2, 8, 4)
    assert layer(target, source).shape == (None, 8, 16)


def test_multi_head_attention_saves_as_keras_own_class(tmp_path):
    q = keras.Input((4, 8))
    v = keras.Input((6, 8))
    out, scores = layer_classes.MultiHeadAttention(num_heads=2, key_dim=3)(q, v, return_attention_scores=True)
    assert tuple(scores.shape) == (None, 2, 4, 6)
    model = keras.Model([q, v], out)
    config = keras.saving.serialize_keras_object(model.layers[-1])
    assert (config["module"], config["class_name"], config["registered_name"]) == \
        ("keras.layers", "MultiHeadAttention", None)
    path = str(tmp_path / "mha.keras")
    model.save(path)
    x = [np.ones((1, 4, 8), "float32"), np.ones((1, 6, 8), "float32")]
    np.testing.assert_allclose(keras.models.load_model(path).predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6)


def test_text_vectorization_squeezes_a_column_of_strings_symbolically():
    layer = kb.make_layer("TextVectorization", max_tokens=20, output_mode="multi_hot")
    layer.adapt(["the cat sat", "the dog ran"])
    column = keras.Input((1,), dtype="string")
    encoded = layer(column)
    assert encoded.shape == (None, 6)                 # Keras 3.15 alone: (None, 1, 6)
    model = keras.Model(column, keras.layers.Dense(2)(encoded))
    assert model.output_shape == (None, 2)
    assert tuple(model(tf.constant([["the cat"], ["a dog"]])).shape) == (2, 2)
    assert layer(keras.Input((), dtype="string")).shape == (None, 6)   # a vector of strings: as before
    config = keras.saving.serialize_keras_object(layer)
    assert (config["module"], config["class_name"]) == ("keras.layers", "TextVectorization")


def test_text_vectorization_without_split_keeps_keras3_shape():
    layer = kb.make_layer("TextVectorization", max_tokens=5, output_mode="count", split=None)
    layer.adapt(["a", "b"])
    assert layer(keras.Input((1,), dtype="string")).shape == (None, 3)
    assert kb.make_layer("TextVectorization", output_mode="int", output_sequence_length=3)(
        keras.Input((1,), dtype="string")).shape == (None, 3)


def test_random_rotation_takes_keras2_wide_factor(tmp_path):
    layer = kb.make_layer("RandomRotation", factor=2.0, seed=1)
    assert isinstance(layer, layer_classes.RandomRotation)
    assert layer.factor == (-2.0, 2.0)
    x = np.random.default_rng(0).random((2, 8, 8, 1)).astype("float32")
    assert tuple(layer(x, training=True).shape) == (2, 8, 8, 1)
    model = keras.Sequential([keras.Input((8, 8, 1)), layer])
    path = str(tmp_path / "rot.keras")
    model.save(path)
    assert keras.models.load_model(path).layers[-1].factor == (-2.0, 2.0)
    # within Keras 3's bounds it is Keras' own class (a file plain Keras loads)
    assert type(kb.make_layer("RandomRotation", factor=0.2)) is keras.layers.RandomRotation
    assert type(kb.make_layer("RandomRotation", factor=[-0.5, 1])) is keras.layers.RandomRotation
    with pytest.raises(ValueError, match="factor"):
        keras.layers.RandomRotation(2.0)               # Python users keep Keras 3's check
