"""legacy/layer_args.py: Keras 2 layer arguments Keras 3 dropped."""

import warnings

import keras
import numpy as np

import kerasbridge as kb
from kerasbridge.legacy import layer_args


def test_batch_input_shape_drops_the_batch_size():
    assert layer_args.batch_input_shape({"batch_input_shape": [32.0, 10.0]}) == {"input_shape": (10,)}
    # an explicit input_shape wins
    assert layer_args.batch_input_shape({"batch_input_shape": [32, 10], "input_shape": (5,)}) == {"input_shape": (5,)}
    layer = kb.make_layer("Dense", units=2.0, batch_input_shape=[None, 7.0])
    model = kb.keras_model_sequential([layer])
    assert model.input_shape == (None, 7)


def test_embedding_input_length_fixes_the_input_shape():
    assert layer_args.input_length({"input_length": 12.0}) == {"input_shape": (12,)}
    model = kb.keras_model_sequential([kb.make_layer("Embedding", input_dim=50.0, output_dim=4.0, input_length=12.0)])
    assert model.output_shape == (None, 12, 4)


def test_initial_weights_set_once_built():
    w = [np.array([[1.0, 2.0, 3.0]]), [0.5, 0.5, 0.5]]  # the bias as an R vector (a list)
    layer = kb.make_layer("Dense", units=3.0, weights=w)
    assert not layer.built
    model = kb.keras_model_sequential(input_shape=[1.0])
    kb.layers.compose_layer(model, layer)
    np.testing.assert_array_equal(layer.get_weights()[0], [[1.0, 2.0, 3.0]])
    np.testing.assert_array_equal(layer.get_weights()[1], [0.5, 0.5, 0.5])
    assert getattr(layer, "_kerasbridge_initial_weights") is None
    # also when the layer is called on a tensor
    layer2 = kb.make_layer("Dense", units=3.0, weights=w)
    kb.layers.compose_layer(keras.Input((1,)), layer2)
    np.testing.assert_array_equal(layer2.get_weights()[0], [[1.0, 2.0, 3.0]])


def test_pop_initial_weights_only_where_keras3_lacks_them():
    kwargs = {"units": 3, "weights": [[1.0]]}
    assert layer_args.pop_initial_weights(keras.layers.Dense, kwargs)[0].shape == (1,)
    assert "weights" not in kwargs
    # Embedding still takes `weights` in Keras 3: left for Keras
    kwargs = {"input_dim": 3, "output_dim": 2, "weights": [np.zeros((3, 2))]}
    assert layer_args.pop_initial_weights(keras.layers.Embedding, kwargs) is None and "weights" in kwargs


def test_input_shape_warning_is_silenced():
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        kb.make_layer("Dense", units=2, input_shape=[3])
    assert not [w for w in seen if layer_args.INPUT_SHAPE_WARNING in str(w.message)]
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        keras.layers.Dense(2, input_shape=(3,))
    assert [w for w in seen if layer_args.INPUT_SHAPE_WARNING in str(w.message)]  # Keras still warns


def test_batch_size_and_batch_input_shape_fix_the_sequential_input():
    model = kb.keras_model_sequential()
    lstm = kb.make_layer("LSTM", units=4.0, input_shape=[10.0, 3.0], batch_size=25.0, stateful=True)
    kb.layers.compose_layer(model, lstm)
    assert model.inputs[0].shape == (25, 10, 3)
    model = kb.keras_model_sequential()
    kb.layers.compose_layer(model, kb.make_layer("Dense", units=2.0, batch_input_shape=[8.0, 3.0]))
    assert model.inputs[0].shape == (8, 3)
    # batch_size without an input shape is Keras 2's no-op, not an error
    assert kb.make_layer("Dense", units=2.0, batch_size=4.0).units == 2
    model = kb.keras_model_sequential(input_shape=[3.0], batch_size=5.0)
    kb.layers.compose_layer(model, kb.make_layer("Dense", units=1.0))
    assert model.inputs[0].shape == (5, 3)


def test_keras2_defaults_of_arguments_keras3_requires():
    assert kb.make_layer("AveragePooling2D").pool_size == (2, 2)
    assert kb.make_layer("AveragePooling1D", pool_size=3.0).pool_size == (3,)


def test_whole_doubles_become_ints_from_the_signature():
    h = kb.make_layer("Hashing", num_bins=3.0, salt=133.0)
    assert list(h.salt) == [133, 133]
    assert kb.make_layer("TextVectorization", ngrams=2.0).get_config()["ngrams"] == 2
    assert kb.make_layer("Permute", dims=[1.0]).dims == (1,)
    # a fraction where Keras' default is whole is left for Keras to judge
    from kerasbridge import argspec
    assert argspec.coerce("layer", {"value_range": [-1.5, 1.0]}, class_name="RandomContrast") == {"value_range": [-1.5, 1.0]}
    lam = kb.make_layer("Lambda", function=lambda x: x, output_shape=[784.0])
    assert lam.compute_output_shape((None, 784)) == (None, 784)
