"""legacy/layer_classes.py: from R a built layer takes new weights, as in Keras 2."""

import keras
import numpy as np
import pytest

from kerasbridge import frontend
from kerasbridge.legacy import layer_classes  # noqa: F401  (installs the shim)


def _built_dense():
    d = keras.layers.Dense(3)
    d.build((None, 2))
    return d


def test_from_r_a_built_layer_takes_a_new_weight_and_stays_locked():
    d = _built_dense()
    with frontend.using("r"):
        w = d.add_weight(name="extra", shape=(1,), initializer="ones")
    assert any(v is w for v in d.trainable_weights) and len(d.weights) == 3
    assert d._tracker.locked  # locked again: only that call was let through
    np.testing.assert_array_equal(w.numpy(), [1.0])
    out = d(np.ones((1, 2), "float32"))
    assert tuple(out.shape) == (1, 3)


def test_python_users_keep_keras_3s_check():
    d = _built_dense()
    with pytest.raises(ValueError, match="cannot add new elements of state"):
        d.add_weight(name="extra", shape=(1,))
