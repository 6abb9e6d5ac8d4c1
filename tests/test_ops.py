"""kerasbridge.ops.call_op: the one core entry point of keras3's op_*,
activation_*, random_* and config_* wrappers (rpkg/tools/wrappers.dcf).

From R, axes and positions count from 1 (argspec.SPEC["op"], ops.INDEX_ARGS,
ops.INDEX_RESULTS) and whole doubles become ints; from Python nothing moves."""

import numpy as np
import pytest

from kerasbridge import frontend, ops
from kerasbridge.errors import ArgumentError

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


def r(path, *args, **kwargs):
    return frontend.call_as("r", ops.call_op, path, *args, **kwargs)


def py(path, *args, **kwargs):
    return frontend.call_as("python", ops.call_op, path, *args, **kwargs)


def test_axis_counts_from_one_in_r_and_zero_in_python():
    np.testing.assert_allclose(r("ops.sum", X, axis=1.0), X.sum(axis=0))
    np.testing.assert_allclose(r("ops.sum", X, axis=-1.0), X.sum(axis=1))
    np.testing.assert_allclose(py("ops.sum", X, axis=1), X.sum(axis=1))
    np.testing.assert_allclose(r("ops.transpose", np.zeros((2, 3, 4)), axes=np.array([3.0, 1.0, 2.0])).shape, (4, 2, 3))
    with pytest.raises(ArgumentError, match="counts from 1"):
        r("ops.sum", X, axis=0.0)


def test_positions_count_from_one_in_r_unless_zero_indexed():
    assert int(r("ops.argmax", np.array([3.0, 9.0, 4.0]))) == 2
    assert int(r("ops.argmax", np.array([3.0, 9.0, 4.0]), zero_indexed=True)) == 1
    assert int(py("ops.argmax", np.array([3.0, 9.0, 4.0]))) == 1
    values, indices = r("ops.top_k", np.array([5.0, 1.0, 9.0]), k=2.0)
    np.testing.assert_array_equal(np.asarray(indices), [3, 1])
    np.testing.assert_allclose(r("ops.take", np.array([10.0, 20.0, 30.0]), indices=np.array([1.0, 3.0])), [10, 30])
    np.testing.assert_allclose(r("ops.one_hot", x=np.array([1.0, 3.0]), num_classes=3.0), [[1, 0, 0], [0, 0, 1]])
    with pytest.raises(ArgumentError, match="counts from 1"):
        r("ops.take", np.array([10.0, 20.0]), indices=0.0)


def test_sizes_and_shapes_become_ints_and_r_doubles_floatx():
    assert tuple(r("ops.zeros", shape=3.0).shape) == (3,)
    assert tuple(r("ops.reshape", np.arange(6.0), newshape=np.array([-1.0, 3.0])).shape) == (2, 3)
    assert tuple(r("random.normal", shape=np.array([2.0, 2.0]), seed=1.0).shape) == (2, 2)
    assert str(r("ops.add", X, 1.0).dtype) == "<dtype: 'float32'>"
    np.testing.assert_array_equal(r("ops.pad", np.ones(2), pad_width=np.array([[1.0, 1.0]])), [0, 1, 1, 0])


def test_positional_only_and_varargs_parameters_bind_from_names():
    np.testing.assert_allclose(r("ops.einsum", X, subscripts="ij->ji"), X.T)
    np.testing.assert_allclose(r("ops.tensordot", np.eye(2), np.eye(2), axes=1.0), np.eye(2))


def test_unknown_path_names_it():
    with pytest.raises(ArgumentError, match="keras.ops.nope does not exist"):
        ops.call_op("ops.nope")
