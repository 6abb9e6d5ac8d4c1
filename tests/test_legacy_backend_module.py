"""legacy/backend_module.py: the Keras 2.15 backend module, 0-based axes."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from kerasbridge.legacy.backend_module import BACKEND as K
from kerasbridge.legacy.backend_module import KERAS2_NAMES

# Every public function of Keras 2.15's keras.backend (tf.keras.backend).
KERAS_2_15 = """
abs all any arange argmax argmin backend batch_dot batch_flatten batch_get_value
batch_normalization batch_set_value bias_add binary_crossentropy binary_focal_crossentropy
cast cast_to_floatx categorical_crossentropy categorical_focal_crossentropy clear_session clip
concatenate constant conv1d conv2d conv2d_transpose conv3d cos count_params ctc_batch_cost
ctc_decode ctc_label_dense_to_sparse cumprod cumsum depthwise_conv2d dot dropout dtype elu
epsilon equal eval exp expand_dims eye flatten floatx foldl foldr function gather get_uid
get_value gradients greater greater_equal hard_sigmoid image_data_format in_test_phase
in_top_k in_train_phase int_shape is_keras_tensor is_sparse l2_normalize learning_phase
less less_equal local_conv1d local_conv2d log manual_variable_initialization map_fn max
maximum mean min minimum moving_average_update name_scope ndim normalize_batch_in_training
not_equal one_hot ones ones_like permute_dimensions placeholder pool2d pool3d pow
print_tensor prod random_bernoulli random_binomial random_normal random_normal_variable
random_uniform random_uniform_variable relu repeat repeat_elements reset_uids reshape
resize_images resize_volumes reverse rnn round separable_conv2d set_epsilon set_floatx
set_image_data_format set_learning_phase set_value shape sigmoid sign sin softmax softplus
softsign sparse_categorical_crossentropy spatial_2d_padding spatial_3d_padding sqrt square
squeeze stack std stop_gradient sum switch tanh temporal_padding tile to_dense transpose
truncated_normal update update_add update_sub var variable zeros zeros_like
""".split()


def test_every_keras_2_15_backend_function_is_there():
    assert sorted(set(KERAS_2_15) - set(KERAS2_NAMES)) == []
    for name in KERAS_2_15:
        assert callable(getattr(K, name)), name


def test_keras3_backend_functions_fall_through():
    assert K.standardize_dtype("float32") == "float32"
    assert K.is_float_dtype("float32")
    assert "result_type" in dir(K)


def test_axes_are_0_based_and_r_doubles_are_accepted():
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(K.mean(x, axis=1.0), [1.0, 4.0])     # R sends 1 as 1.0
    np.testing.assert_allclose(K.sum(x, axis=0), [3.0, 5.0, 7.0])
    np.testing.assert_allclose(K.max(x, axis=[0.0, 1.0]), 5.0)
    assert K.expand_dims(x, 0).shape == (1, 2, 3)
    assert K.concatenate([x, x], axis=0).shape == (4, 3)
    np.testing.assert_allclose(K.argmax(x, axis=0), [1, 1, 1])
    assert K.int_shape(x) == (2, 3) and K.ndim(x) == 2


def test_values_match_keras2_definitions():
    x = np.array([[1.0, -2.0], [3.0, 4.0]], dtype="float32")
    np.testing.assert_allclose(K.std(x), np.std(x), rtol=1e-6)
    np.testing.assert_allclose(K.var(x, axis=1), np.var(x, axis=1), rtol=1e-6)
    np.testing.assert_allclose(K.clip(x, 0, 2), np.clip(x, 0, 2))
    np.testing.assert_allclose(K.batch_flatten(np.ones((2, 3, 4))).shape, (2, 12))
    np.testing.assert_allclose(K.batch_dot(np.ones((2, 3)), np.ones((2, 3)), axes=1), [[3.0], [3.0]])
    assert K.batch_dot(np.ones((2, 3, 4)), np.ones((2, 4, 5))).shape == (2, 3, 5)
    np.testing.assert_allclose(K.dot(x, x), x @ x)
    np.testing.assert_allclose(K.categorical_crossentropy(np.eye(2), np.full((2, 2), 0.5)), [np.log(2)] * 2,
                               rtol=1e-6)
    np.testing.assert_allclose(K.permute_dimensions(np.ones((2, 3, 4)), (0, 2, 1)).shape, (2, 4, 3))
    np.testing.assert_allclose(K.repeat(np.ones((2, 3)), 4).shape, (2, 4, 3))
    assert K.epsilon() == keras.config.epsilon() and K.floatx() == "float32"
    v = K.variable(np.zeros((2,)))
    K.set_value(v, [1.0, 2.0])
    np.testing.assert_allclose(K.get_value(v), [1.0, 2.0])
    np.testing.assert_allclose(K.switch(K.greater(x, 0), x, K.zeros_like(x)), np.maximum(x, 0))


def test_symbolic_calls_become_layers_that_save_and_load(tmp_path):
    inp = keras.Input((3,))
    m = K.mean(inp, axis=1, keepdims=True)
    out = K.concatenate([inp, m, K.square(inp)], axis=-1)
    assert K.int_shape(out) == (None, 7)
    model = keras.Model(inp, out)
    assert "keras.backend.mean" in [l.name for l in model.layers]
    x = np.arange(6.0).reshape(2, 3)
    want = np.concatenate([x, x.mean(1, keepdims=True), x ** 2], axis=1)
    np.testing.assert_allclose(model.predict(x, verbose=0), want, rtol=1e-6)
    path = str(tmp_path / "k2.keras")
    model.save(path)
    np.testing.assert_allclose(keras.models.load_model(path).predict(x, verbose=0), want, rtol=1e-6)


def test_backend_function_and_graph_only_gradients():
    inp = keras.Input((2,))
    f = K.function([inp], [K.sum(inp, axis=1)])
    np.testing.assert_allclose(f([np.ones((3, 2))])[0], [2.0, 2.0, 2.0])
    with pytest.raises(Exception, match="GradientTape"):
        K.gradients(tf.constant(1.0), [])


def test_bias_add_of_an_r_array_and_a_float32_bias():
    x = np.ones((2, 3))  # an R array arrives as float64
    out = K.bias_add(x, tf.constant([1.0, 2.0, 3.0], dtype="float32"))
    assert out.dtype == tf.float64 and out.numpy()[0].tolist() == [2.0, 3.0, 4.0]
