"""legacy/backend.py: the Keras 2 k_* functions, axes as the user counts."""

import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge import frontend
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import backend


X = np.arange(6, dtype="float32").reshape(2, 3)


def test_reductions_count_axes_from_1_in_r():
    with frontend.using("r"):
        np.testing.assert_allclose(backend.call("sum", X, axis=1.0), [3.0, 5.0, 7.0])
        np.testing.assert_allclose(backend.call("mean", X, axis=2, keepdims=True), [[1.0], [4.0]])
        np.testing.assert_allclose(backend.call("max", X, axis=-1.0), [2.0, 5.0])
        with pytest.raises(ArgumentError, match="counts from 1"):
            backend.call("sum", X, axis=0)


def test_python_axes_are_0_based():
    np.testing.assert_allclose(backend.call("sum", X, axis=0), [3.0, 5.0, 7.0])


def test_special_functions_and_unknown_names():
    with frontend.using("r"):
        np.testing.assert_array_equal(backend.call("argmax", X, axis=2), [2, 2])
        assert tuple(backend.call("zeros", [2.0, 3.0]).shape) == (2, 3)
        assert backend.call("int_shape", X) == (2, 3)
    with pytest.raises(ArgumentError, match="k_nope"):
        backend.call("nope", X)


def test_old_module_name_still_reaches_it():
    assert kb.backend is backend


def test_binary_and_elementwise_functions_take_keras2_argument_names():
    # R's k_greater_equal(w, 0) reaches the core as x = w, y = 0
    out = backend.call("greater_equal", x=np.array([1.0, -1.0]), y=0.0)
    assert out.numpy().tolist() == [True, False]
    assert backend.call("dot", x=np.ones((2, 3)), y=np.ones((3, 1))).shape == (2, 1)
    assert backend.call("abs", x=np.array([-2.0])).numpy().tolist() == [2.0]


def test_variable_is_floatx_unless_told_otherwise():
    assert backend.call("variable", np.ones((2, 2))).dtype == "float32"
    assert backend.call("variable", np.array([0, 1], dtype="int32")).dtype == "float32"
    assert backend.call("variable", np.ones(2), dtype="float64").dtype == "float64"


def test_random_functions_take_a_shape_holding_tensors():
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec((None, 2))])
    def sample(z):  # the batch size is a tensor while tracing, as inside layer_lambda()
        return backend.call("random_normal", shape=[tf.shape(z)[0], 2.0]) + backend.call("random_uniform", shape=tf.shape(z))
    assert sample(tf.zeros((3, 2))).shape == (3, 2)
    assert backend.call("random_normal", shape=[2.0, 3.0]).shape == (2, 3)


def test_random_uniform_with_an_integer_dtype_gives_integers_as_keras_2():
    # Keras 2's k_random_uniform was tf.random.uniform: dtype = "int64" with
    # minval = 0, maxval = 2 draws 0s and 1s (Keras 3's uniform() refuses it)
    with frontend.using("r"):
        x = backend.call("random_uniform", shape=[200.0, 50.0], minval=0.0, maxval=2.0, dtype="int64", seed=1.0)
    assert x.shape == (200, 50) and str(x.dtype) == "<dtype: 'int64'>"
    assert set(np.unique(np.asarray(x)).tolist()) == {0, 1}
