"""serialization.py and legacy/saving_tf.py."""

import keras
import numpy as np
import pytest

from kerasbridge import frontend, serialization
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import saving_tf


def small_model():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])


def test_serialize_roundtrip_and_registry():
    cfg = serialization.serialize_keras_object(keras.layers.Dense(4))
    assert cfg["class_name"] == "Dense"
    assert serialization.deserialize_keras_object(cfg).units == 4

    def my_act(x):
        return x
    serialization.register_keras_serializable(my_act, package="kbtest")
    assert serialization.get_registered_name(my_act) == "kbtest>my_act"
    assert serialization.get_registered_object("kbtest>my_act") is my_act
    old = serialization.set_custom_objects({"a": my_act}, clear=False)
    assert "a" in serialization.get_custom_objects() and "kbtest>my_act" in old
    serialization.set_custom_objects(old, clear=True)
    assert "a" not in serialization.get_custom_objects()


def test_config_files_state_tree_quantize(tmp_path):
    m = small_model()
    path = serialization.save_model_config(m, tmp_path / "m.json")
    assert serialization.load_model_config(path).count_params() == m.count_params()
    with pytest.raises(ArgumentError, match="overwrite"):
        serialization.save_model_config(m, path, overwrite=False)
    with pytest.raises(ArgumentError, match="compiled"):
        serialization.get_state_tree(m)
    m.compile("sgd", "mse")
    tree = serialization.get_state_tree(m)
    assert "trainable_variables" in tree
    serialization.set_state_tree(m, tree)
    serialization.quantize_weights(m, "int8")
    with pytest.raises(ArgumentError, match="mode"):
        serialization.quantize_weights(small_model(), "int3")


def test_weights_tf_and_node_api(tmp_path):
    m = small_model()
    path = saving_tf.save_model_weights_tf(m, tmp_path / "ckpt")
    assert path.endswith("ckpt.weights.h5")
    m2 = small_model()
    saving_tf.load_model_weights_tf(m2, tmp_path / "ckpt")
    for a, b in zip(m.get_weights(), m2.get_weights()):
        assert np.array_equal(a, b)
    with pytest.raises(ArgumentError, match="does not exist"):
        saving_tf.load_model_weights_tf(m2, tmp_path / "nope")
    dense = keras.layers.Dense(2)
    dense(keras.Input((3,)))
    dense(keras.Input((5, 3)))
    assert saving_tf.get_output_shape_at(dense, 1) == (None, 5, 2)
    with frontend.using("r"):
        assert saving_tf.get_input_shape_at(dense, 1) == (None, 3)
        with pytest.raises(ArgumentError, match="node_index"):
            saving_tf.get_input_at(dense, 3)
