"""legacy/op_layers.py: TensorFlow functions on symbolic Keras tensors become layers."""

import os

import keras
import numpy as np
import pytest
import tensorflow as tf

from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import op_layers


def test_has_keras_tensor_looks_inside_lists_and_dicts():
    kt = keras.Input((2,))
    assert op_layers.has_keras_tensor(kt)
    assert op_layers.has_keras_tensor([1, (2, {"a": kt})])
    assert not op_layers.has_keras_tensor([tf.ones(2), np.ones(2), {"a": 1}])


def test_eager_calls_are_the_function_itself():
    reduce_sum = op_layers.tf_attr("tf.reduce_sum")
    assert reduce_sum.__wrapped__ is tf.reduce_sum
    assert float(reduce_sum(tf.ones((2, 3)))) == 6.0
    assert op_layers.tf_attr("tf.reduce_sum") is reduce_sum        # cached
    assert op_layers.tf_attr("tf.float32") is tf.float32            # not a function: as is
    assert op_layers.tf_attr("tf.Variable") is tf.Variable          # classes: as is


def test_tf_ops_on_symbolic_tensors_build_save_and_load(tmp_path):
    relu = op_layers.tf_attr("tf.nn.relu")
    reduce_sum = op_layers.tf_attr("tf.reduce_sum")
    concat = op_layers.tf_attr("tf.concat")
    inp = keras.Input((3,))
    a = relu(inp)
    b = reduce_sum(a, axis=1, keepdims=True)
    c = concat([a, b, tf.ones((1, 1)) * 0 + b], axis=1)   # an eager constant among the args
    model = keras.Model(inp, c)
    assert [type(l).__name__ for l in model.layers[1:]] == ["TFOpLayer"] * 3
    assert model.layers[1].name == "tf.nn.relu"
    x = np.array([[1.0, -2.0, 3.0]])
    np.testing.assert_allclose(model.predict(x, verbose=0), [[1, 0, 3, 4, 4]])
    path = os.path.join(str(tmp_path), "ops.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    np.testing.assert_allclose(loaded.predict(x, verbose=0), [[1, 0, 3, 4, 4]])
    assert [l.get_config()["function"] for l in loaded.layers[1:]] == ["tf.nn.relu", "tf.reduce_sum", "tf.concat"]


def test_an_unsavable_argument_says_so_at_load():
    layer = op_layers.TFOpLayer("tf.map_fn", {"args": [{op_layers._OPAQUE: 0, "repr": "<fn>"},
                                                       {op_layers._TENSOR: 0}], "kwargs": {}})
    with pytest.raises(ArgumentError, match="can't be saved"):
        layer.call([tf.ones((2,))])


def test_resolve_names_tf_and_module_functions():
    assert op_layers.resolve("tf.nn.relu") is tf.nn.relu
    assert op_layers.resolve("numpy.mean") is np.mean


def test_k_functions_written_on_tensorflow_become_op_layers(monkeypatch, tmp_path):
    from kerasbridge import frontend
    from kerasbridge.legacy import backend as k_backend
    monkeypatch.setitem(k_backend._SPECIAL, "tf_only_sum", lambda x, axis=-1: tf.reduce_sum(x, axis=axis))
    inp = keras.Input((3, 2))
    with frontend.using("r"):
        out = k_backend.call("tf_only_sum", inp, axis=2)          # R's axis 2 = Keras' 1, coerced once
        assert isinstance(k_backend.call("mean", inp, axis=2), keras.KerasTensor)  # keras.ops: no layer needed
    model = keras.Model(inp, out)
    assert model.layers[-1].name == "k_tf_only_sum"
    x = np.arange(6.0).reshape(1, 3, 2)
    np.testing.assert_allclose(model.predict(x, verbose=0), x.sum(axis=1))
    path = str(tmp_path / "k.keras")
    model.save(path)
    np.testing.assert_allclose(keras.models.load_model(path).predict(x, verbose=0), x.sum(axis=1))
