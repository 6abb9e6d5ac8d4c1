"""The conversion policy (pycore/kerasbridge/convert.py), tested once."""

import numpy as np
import keras
import pytest

from kerasbridge import convert, frontend
from kerasbridge.errors import (ArgumentError, InputNameError, InputShapeError, MissingValueError,
                                SampleCountError)


@pytest.fixture
def r_frontend():
    frontend.set_frontend("r")
    yield
    frontend.set_frontend("python")


def r_matrix(n, p):
    """What reticulate hands over for an R double matrix: Fortran order, read-only."""
    a = np.asfortranarray(np.arange(n * p, dtype=np.float64).reshape(n, p))
    a.setflags(write=False)
    return a


def test_double_array_becomes_c_order_float32_in_one_copy():
    x = r_matrix(5, 3)
    out = convert.as_array(x, "x")
    assert out.dtype == np.float32 and out.flags["C_CONTIGUOUS"] and out.flags["WRITEABLE"]
    np.testing.assert_array_equal(out, x.astype(np.float32))
    assert not np.shares_memory(out, x)


def test_integer_labels_stay_integer_arrays():
    y = np.array([0, 1, 2], dtype=np.int32)
    out = convert.as_array(y, "y")
    assert out.dtype == np.int32 and out.shape == (3,)


def test_plain_number_list_becomes_array():
    out = convert.as_array([1, 2, 3], "y")
    assert isinstance(out, np.ndarray) and out.tolist() == [1, 2, 3]


def test_na_is_an_error_naming_the_argument(r_frontend):
    x = r_matrix(4, 2).copy(); x[1, 1] = np.nan
    with pytest.raises(MissingValueError, match="`x` contains NA"):
        convert.as_array(x, "x")
    with pytest.raises(MissingValueError, match="`y` contains NA"):
        convert.as_array(np.array([0, convert.INT32_NA], dtype=np.int32), "y")


def test_strings_are_rejected(r_frontend):
    with pytest.raises(ArgumentError, match="character"):
        convert.as_array(np.array(["a", "b"]), "x")


def test_as_int_and_shapes():
    assert convert.as_int(64.0, "units") == 64 and isinstance(convert.as_int(64.0, "units"), int)
    with pytest.raises(ArgumentError):
        convert.as_int(2.5, "units")
    assert convert.as_shape([np.nan, 3.0]) == (None, 3)
    assert convert.as_shape(784.0) == (784,)
    assert convert.as_shape([None, 3]) == (None, 3)


def functional():
    a = keras.Input((4,), name="a")
    b = keras.Input((2,), name="b")
    out = keras.layers.Dense(1, name="out")(keras.layers.Concatenate()([a, b]))
    return keras.Model({"a": a, "b": b}, out)


def test_named_inputs_are_checked(r_frontend):
    m = functional()
    ok = convert.as_inputs({"a": r_matrix(3, 4), "b": r_matrix(3, 2)}, m)
    assert set(ok) == {"a", "b"} and ok["a"].dtype == np.float32
    with pytest.raises(InputNameError, match=r'c\("z"\)'):
        convert.as_inputs({"a": r_matrix(3, 4), "z": r_matrix(3, 2)}, m)
    with pytest.raises(InputShapeError, match=r"c\(NA, 2\)"):
        convert.as_inputs({"a": r_matrix(3, 4), "b": r_matrix(3, 5)}, m)
    with pytest.raises(InputShapeError, match="2 inputs"):
        convert.as_inputs(r_matrix(3, 4), m)


def test_unnamed_list_is_positional():
    m = functional()
    out = convert.as_inputs([r_matrix(3, 4), r_matrix(3, 2)], m)
    assert [o.shape for o in out] == [(3, 4), (3, 2)]


def test_sample_counts(r_frontend):
    with pytest.raises(SampleCountError, match="`x` has 5, `y` has 4"):
        convert.check_sample_counts(x=r_matrix(5, 2), y=np.zeros(4))


def test_python_frontend_renders_python_shapes():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    with pytest.raises(InputShapeError, match=r"\(None, 3\)"):
        convert.as_inputs(np.zeros((2, 4)), m)


def test_to_categorical():
    out = convert.to_categorical(np.array([0, 2, 1]), 3)
    np.testing.assert_array_equal(out, np.eye(3, dtype=np.float32)[[0, 2, 1]])


def test_large_arrays_are_cast_in_parallel_blocks_identically(r_frontend):
    x = np.asfortranarray(np.random.default_rng(1).random((5000, 1000)))  # above the parallel threshold
    out = convert.as_array(x, "x")
    assert out.flags["C_CONTIGUOUS"] and out.dtype == np.float32
    np.testing.assert_array_equal(out, x.astype(np.float32))
    x[4321, 999] = np.nan
    with pytest.raises(MissingValueError, match="`x` contains NA"):
        convert.as_array(x, "x")
    assert convert.as_array(np.float64(2.5), "x").tolist() == [2.5]
