"""The conversion policy (pycore/kerasbridge/convert.py), tested once."""

import numpy as np
import keras
import pytest

from kerasbridge import convert, frontend
from kerasbridge.errors import (ArgumentError, InputNameError, InputShapeError, MissingValueError,
                                SampleCountError)


@pytest.fixture
def r_frontend():
    with frontend.using("r"):
        yield


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
    with pytest.raises(MissingValueError, match="`units` must be a whole number, not NA"):
        convert.as_int(convert.INT32_NA, "units")  # R's NA_integer_
    assert convert.as_shape([np.nan, 3.0]) == (None, 3)
    assert convert.as_shape(784.0) == (784,)
    assert convert.as_shape([None, 3]) == (None, 3)


def test_one_shape_policy_for_all_shapes():
    import tensorflow as tf
    # NA (NaN or R's NA_integer_), NULL and -1 are unknown; pieces are spliced
    assert convert.as_shape([np.nan, convert.INT32_NA, None, -1, 2.0]) == (None, None, None, None, 2)
    assert convert.as_shape([1.0, [2.0, 3.0], tf.TensorShape([4, None])]) == (1, 2, 3, 4, None)
    assert convert.as_shape(tf.constant([2, 5])) == (2, 5)
    assert convert.tensor_shape([]).rank == 0 and convert.tensor_shape([np.nan, 3.0]).as_list() == [None, 3]
    with pytest.raises(ArgumentError, match=r"whole numbers >= 0 or NA, not 2.5 \(in `shape`\)"):
        convert.as_shape([2.5])
    with pytest.raises(ArgumentError, match="whole numbers >= 0 or NA, not -2"):
        convert.tensor_shape([-2.0])
    with pytest.raises(ArgumentError, match="whole numbers or NA, not a string"):
        convert.tensor_shape(["a"])
    with pytest.raises(ArgumentError, match="unknown rank"):
        convert.as_shape([tf.TensorShape(None)])


def test_one_dtype_choice_for_model_inputs_and_datasets():
    from kerasbridge import data
    r_double = np.asfortranarray(np.ones((3, 2)))
    r_int = np.arange(3, dtype=np.int32)
    assert convert.keras_dtype(r_double) == np.float32
    assert convert.keras_dtype(r_double, "float16") == np.float16  # the model input's float dtype
    assert convert.keras_dtype(r_double, "int32") == np.float32  # ... but never for doubles -> ints
    assert convert.keras_dtype(r_int) == np.int32 and convert.keras_dtype(r_int, "float32") == np.int32
    # the same choice for model inputs and for tf.data
    assert convert.as_array(r_double, "x").dtype == data.as_tensor(r_double).dtype.as_numpy_dtype
    assert convert.as_array(r_int, "y").dtype == data.as_tensor(r_int).dtype.as_numpy_dtype


def test_timeseries_rows_are_counted_as_the_user_counts(r_frontend):
    series = np.arange(10, dtype=np.float64)
    ds = convert.timeseries_dataset_from_array(series, None, 3.0, batch_size=100.0, start_index=2.0, end_index=6.0)
    assert next(iter(ds)).numpy()[0].tolist() == [1.0, 2.0, 3.0]  # row 2 (1-based) is the value 1
    with frontend.using("python"):
        ds = convert.timeseries_dataset_from_array(series, None, 3, batch_size=100, start_index=2, end_index=6)
        assert next(iter(ds)).numpy()[0].tolist() == [2.0, 3.0, 4.0]


def test_timeseries_r_start_0_and_negative_end_as_r_keras_2(r_frontend):
    # R keras 2.x: start_index = 0 (the Python API's first row) stays the first row,
    # end_index = -1 is the last row, -3 the third from the end
    series = np.arange(10, dtype=np.float64)
    first = lambda ds: next(iter(ds)).numpy()
    assert first(convert.timeseries_dataset_from_array(series, None, 3.0, batch_size=100.0, start_index=0.0))[0].tolist() == [0.0, 1.0, 2.0]
    assert len(first(convert.timeseries_dataset_from_array(series, None, 3.0, batch_size=100.0, end_index=-1.0))) == 8
    assert len(first(convert.timeseries_dataset_from_array(series, None, 3.0, batch_size=100.0, end_index=-3.0))) == 6


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
    assert [o.shape for o in out.values()] == [(3, 4), (3, 2)]  # keyed as the model's dict of inputs


def test_list_of_one_array_takes_the_form_of_the_models_one_input(recwarn):
    seq = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    inp = keras.Input((4,))
    single = keras.Model(inp, keras.layers.Dense(2)(inp))
    as_list = keras.Model([inp], keras.layers.Dense(2)(inp))
    for m in (seq, single):  # list(x), as R keras 2.x scripts pass it: the array itself
        x = convert.as_inputs([r_matrix(3, 4)], m)
        assert isinstance(x, np.ndarray) and x.shape == (3, 4)
        assert m.predict_on_batch(x).shape == (3, 2)
    assert isinstance(convert.as_inputs([r_matrix(3, 4)], as_list), list)
    assert not [w for w in recwarn if "structure" in str(w.message)]


def test_a_model_built_on_a_dict_matches_data_by_its_keys(r_frontend):
    ins = {"b": keras.Input((2,), name="b_name"), "a": keras.Input((1,), name="a_name")}
    outs = {"ob": keras.layers.Dense(5, name="ob_name")(ins["b"]), "oa": keras.layers.Dense(4, name="oa_name")(ins["a"])}
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = keras.Model(ins, outs)
    assert sorted(convert.model_output_names(m)) == ["oa", "ob"]
    x = convert.as_inputs({"a": r_matrix(3, 1), "b": r_matrix(3, 2)}, m)
    assert sorted(x) == ["a", "b"]
    with pytest.raises(InputNameError, match=r'c\("a_name", "b_name"\)'):  # the layers' names are not the keys
        convert.as_inputs({"a_name": r_matrix(3, 1), "b_name": r_matrix(3, 2)}, m)
    # positional data follows model.inputs (Keras sorts a dict's keys) and is keyed for Keras
    pos = convert.as_inputs([r_matrix(3, 1), r_matrix(3, 2)], m)
    assert {k: v.shape for k, v in pos.items()} == {"a": (3, 1), "b": (3, 2)}
    assert sorted(m.predict(pos, verbose=0)) == ["oa", "ob"]
    # targets of named outputs must be named: Keras would pair an unnamed list in sorted-name order
    with pytest.raises(InputNameError, match=r'`y` must be a named list .* c\("oa", "ob"\)'):
        convert.as_targets([r_matrix(3, 5), r_matrix(3, 4)], m)
    assert sorted(convert.as_targets({"ob": r_matrix(3, 5), "oa": r_matrix(3, 4)}, m)) == ["oa", "ob"]


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


def test_strings_for_a_single_string_input_reach_keras_as_a_string_tensor():
    import keras
    import kerasbridge as kb
    layer = keras.layers.TextVectorization(output_sequence_length=3)
    layer.adapt(["a b", "c"])
    model = keras.Sequential([keras.Input((1,), dtype="string"), layer])
    x = np.array([["a b"], ["c"]], dtype=object)
    assert kb.predict(model, x, verbose=0).shape == (2, 3)
