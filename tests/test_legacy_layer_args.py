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
