"""Core tests for kerasbridge.data (datasets from R-shaped data, the R-thread
guard) and kerasbridge.tensors (R semantics for tensor arithmetic/indexing)."""

import threading

import numpy as np
import pytest
import tensorflow as tf

from kerasbridge import argspec, data, frontend, tensors
from kerasbridge.errors import ArgumentError, MissingValueError


@pytest.fixture(autouse=True)
def python_frontend():
    with frontend.using("python"):
        yield


def _rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024


def r_matrix(rows, cols, seed=0):
    """What reticulate hands over for an R double matrix: Fortran order, read-only."""
    x = np.asfortranarray(np.random.default_rng(seed).random((rows, cols)))
    x.setflags(write=False)
    return x


def test_as_tensor_from_r_matrix_keeps_rows_and_makes_float32():
    x = r_matrix(5, 3)
    t = data.as_tensor(x)
    assert t.dtype == tf.float32
    assert t.shape == (5, 3)
    np.testing.assert_array_equal(t.numpy(), x.astype(np.float32))


def test_as_tensor_copies_r_memory_once():
    x = r_matrix(4000, 2500)  # 80 MB of doubles -> 40 MB of float32
    target_mib = x.size * 4 / 2**20
    before = _rss_mib()
    t = data.as_tensor(x)
    grown = _rss_mib() - before
    assert t.shape == (4000, 2500)
    # one float32 copy; tf.constant() would have added two more
    assert grown < 1.5 * target_mib, f"grew {grown:.0f} MiB for {target_mib:.0f} MiB of data"
    assert float(tf.reduce_sum(t[:, 0])) == pytest.approx(float(x[:, 0].astype(np.float32).sum()), rel=1e-5)


def test_as_tensor_dtypes_and_missing_values():
    assert data.as_tensor(np.array([1, 2], dtype=np.int32)).dtype == tf.int32
    assert data.as_tensor(np.array([True, False])).dtype == tf.bool
    assert data.as_tensor(["a", "b"]).dtype == tf.string
    assert data.as_tensor(np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3))).numpy().tolist() == [[0, 1, 2], [3, 4, 5]]
    with pytest.raises(MissingValueError, match="NA"):
        data.as_tensor(np.array([1, np.iinfo(np.int32).min], dtype=np.int32))
    with pytest.raises(ArgumentError, match="must be an array"):
        data.as_tensor(object())


def test_tensor_slices_dataset_structures():
    x = r_matrix(6, 2)
    y = np.arange(6, dtype=np.int32)
    named = data.tensor_slices_dataset({"x": x, "y": y})
    assert set(named.element_spec) == {"x", "y"}
    first = next(iter(named))
    np.testing.assert_array_equal(first["x"].numpy(), x[0].astype(np.float32))
    pair = data.tensor_slices_dataset([x, y])
    assert isinstance(pair.element_spec, tuple) and len(pair.element_spec) == 2
    with pytest.raises(ArgumentError, match="same number of rows"):
        data.tensor_slices_dataset([x, y[:4]])
    with pytest.raises(ArgumentError, match="tensors_dataset"):
        data.tensor_slices_dataset(np.array(3.0))
    one = data.tensors_dataset([x, y])
    assert len(list(one)) == 1


def test_map_lists_become_tuples_and_trace_once():
    calls = []

    def fn(a, b):
        calls.append(1)
        return [a * 2, b + 1]

    ds = data.dataset_map(tf.data.Dataset.from_tensor_slices(([1.0, 2.0], [0, 1])), fn)
    assert isinstance(ds.element_spec, tuple)
    assert [(float(a), int(b)) for a, b in ds] == [(2.0, 1), (4.0, 2)]
    assert len(calls) == 1


def test_parallel_map_runs_the_traced_graph():
    ds = data.dataset_map(tf.data.Dataset.range(50), lambda v: v * 3, num_parallel_calls=-1)
    assert sum(int(v) for v in ds) == 3 * sum(range(50))


def test_guard_refuses_worker_threads():
    guarded = data.main_thread_only(lambda v: v, "dataset_map()")
    assert guarded(3) == 3
    errors = []

    def worker():
        try:
            guarded(1)
        except Exception as e:  # noqa: BLE001 - recorded for the assertion
            errors.append(e)

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert len(errors) == 1 and isinstance(errors[0], data.RThreadError)
    assert "worker thread" in str(errors[0])


def test_map_and_filter_refuse_python_callbacks():
    def calls_python(v):
        return tf.py_function(lambda a: a, [v], tf.int64)

    with pytest.raises(ArgumentError, match="worker threads"):
        data.dataset_map(tf.data.Dataset.range(3), calls_python, num_parallel_calls=2)
    with pytest.raises(ArgumentError, match="worker threads"):
        data.dataset_filter(tf.data.Dataset.range(3), lambda v: tf.py_function(lambda a: True, [v], tf.bool) & True)


def test_filter_checks_the_predicate():
    ds = data.dataset_filter(tf.data.Dataset.range(10), lambda v: v % 3 == 0)
    assert [int(v) for v in ds] == [0, 3, 6, 9]
    with pytest.raises(ArgumentError, match="scalar bool"):
        data.dataset_filter(tf.data.Dataset.range(3), lambda v: v * 2)


def test_element_spec_paths():
    ds = data.tensor_slices_dataset({"a": r_matrix(4, 3), "b": np.arange(4, dtype=np.int32)}).batch(2)
    assert data.element_spec(ds) == [("['a']", [None, 3], "float32"), ("['b']", [None], "int32")]


def test_binary_casts_r_numbers_to_the_tensor_dtype():
    i = tf.constant([1, 2, 3])
    assert tensors.binary("+", i, 2.0).dtype == tf.int32
    assert tensors.binary("*", 2.0, tf.constant(1.5, tf.float32)).dtype == tf.float32
    assert tensors.binary("^", i, 2.0).numpy().tolist() == [1.0, 4.0, 9.0]
    assert tensors.binary("%/%", tf.constant(-7.0), 2.0).numpy() == -4.0  # floor, as R's %/%
    assert tensors.binary("%%", tf.constant(-7.0), 2.0).numpy() == 1.0  # sign of divisor, as R's %%
    with pytest.raises(ArgumentError, match="Cast the tensor first"):
        tensors.binary("+", i, 0.5)


def test_axis_is_one_based():
    # the tensor methods serve R; the axis converter is argspec's, shared with k_*()
    with frontend.using("r"):
        assert argspec.as_axis(1) == 0
        assert argspec.as_axis(-1) == -1
        assert argspec.as_axis([1, 2]) == [0, 1]
        with pytest.raises(ArgumentError, match="from 1"):
            argspec.as_axis(0)
        m = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        assert tensors.reduce("sum", m, axis=1).numpy().tolist() == [5.0, 7.0, 9.0]  # colSums
        assert tensors.reduce("sum", m, axis=[2.0]).numpy().tolist() == [6.0, 15.0]  # rowSums
        with pytest.raises(ArgumentError, match="from 1"):
            tensors.reduce("sum", m, axis=0)


def _r_index(x, *items, drop=True, **options):
    """x[...] from R with R tensorflow's default options: (result, negative used)."""
    with frontend.using("r"):
        out, negative, _tensor, _too_few = tensors.tensor_extract(x, list(items), drop, **options)
        return out, negative


def test_one_based_indices_are_translated_in_the_core():
    x = tf.reshape(tf.range(12), (3, 4))  # rows 0..2 of 4 columns
    row = lambda i: [4 * i + j for j in range(4)]
    out, neg = _r_index(x, ["value", 2.0], ["all"])  # x[2, ]
    assert out.numpy().tolist() == row(1) and not neg
    assert _r_index(x, ["range", 1.0, 2.0, None], ["value", 4])[0].numpy().tolist() == [3, 7]  # x[1:2, 4]
    assert _r_index(x, ["range", 3.0, 1.0, None], ["value", 1.0])[0].numpy().tolist() == [8, 4, 0]  # x[3:1, 1]
    assert _r_index(x, ["all"], ["value", [1.0, 3.0]])[0].numpy().tolist() == [[0, 2], [4, 6], [8, 10]]  # seq(1, 3, by = 2)
    assert _r_index(x, ["value", 1.0], ["all"], drop=False)[0].shape == (1, 4)
    assert _r_index(x, ["value", None], ["all_dims"])[0].shape == (1, 3, 4)  # x[NULL, all_dims()]
    assert _r_index(x, ["all_dims"], ["value", 1.0])[0].numpy().tolist() == [0, 4, 8]
    assert _r_index(x, ["value", tf.constant(2)])[0].numpy().tolist() == row(2)  # tensors are 0-based
    out, neg = _r_index(x, ["value", -1.0])  # x[-1]: the last row, and R warns
    assert out.numpy().tolist() == row(2) and neg
    assert _r_index(x, ["range", -2.0, -1.0, None])[0].numpy().tolist() == [row(1), row(2)]
    y = tf.constant([1.0, 2.0, 3.0])
    assert tensors.transpose(tf.zeros((2, 3, 4)), [3.0, 1.0, 2.0]).shape == (4, 2, 3)  # aperm()
    for items, msg in [([["value", 0.0]], "indexed from 1"), ([["value", 4.0]], "out of bounds: 4 for a dimension of size 3"),
                       ([["value", 2.5]], "whole number, not 2.5"), ([["value", float("nan")]], "NA"),
                       ([["value", [1.0, 3.0, 2.0]]], r"tf\$gather\(x, indices - 1L, axis = 0\)"),
                       ([["value", [True, False]]], "boolean_mask"), ([["value", "a"]], "must be a number"),
                       ([["value", 1.0], ["value", 1.0]], "Incorrect number of dimensions supplied: the tensor has 1 dimension, received 2"),
                       ([["value", [-1.0, -2.0]]], "positive sequences")]:
        with pytest.raises(ArgumentError, match=msg):
            _r_index(y, *items)


def test_extract_options_and_python_style_slices():
    """R tensorflow's extract options, NA:NA:-1 (None bounds), `[<-` as a modified copy."""
    x = tf.range(1, 11)
    assert _r_index(x, ["range", None, None, -1])[0].numpy().tolist() == list(range(10, 0, -1))
    assert _r_index(x, ["range", 6.0, 2.0, 2.0])[0].numpy().tolist() == [6, 4, 2]  # step sign follows the bounds
    py = dict(one_based=False, inclusive_stop=False, check_bounds=False)
    assert _r_index(x, ["range", 2.0, 5.0, None], **py)[0].numpy().tolist() == [3, 4, 5]
    assert _r_index(x, ["value", 0.0], **py)[0].numpy() == 1
    assert _r_index(x, ["range", 8.0, 20.0, None], **py)[0].numpy().tolist() == [9, 10]  # out of bounds is fine
    with frontend.using("r"):
        _, _, tensor_used, too_few = tensors.tensor_extract(tf.zeros((2, 2)), [["value", tf.constant(1)]])
    assert tensor_used and too_few
    with frontend.using("r"):
        y = tensors.tensor_assign(tf.zeros((2, 3)), [["value", 1.0], ["all"]], 5.0)
    assert y.numpy().tolist() == [[5, 5, 5], [0, 0, 0]]


def test_shapes_are_written_by_the_one_formatter():
    with frontend.using("r"):
        assert tensors.shape_text([None, 3]) == "c(NA, 3)"
        assert tensors.shape_text(2) == "c(2)"  # reticulate's simplified one-dim list
        assert tensors.shape_text(tf.TensorShape(None)) == "<unknown rank>"
        assert tensors.describe(tf.zeros((2, 3)))["shape_text"] == "c(2, 3)"
    assert tensors.shape_text(tf.TensorShape([None, 3])) == "(None, 3)"


def test_index_key_translation():
    x = tf.reshape(tf.range(12), (3, 4))
    assert tensors.extract(x, [1, ["slice", None, None, None]]).numpy().tolist() == [4, 5, 6, 7]
    assert tensors.extract(x, [["slice", 0, 2, None], "newaxis", 3]).shape == (2, 1)
    assert tensors.extract(x, ["...", 0]).numpy().tolist() == [0, 4, 8]
    assert tensors.describe(tf.Variable([1.0], name="w"))["kind"] == "Variable"
    assert tensors.dims(tf.zeros((2, 5))) == [2, 5]


def test_tensors_dataset_keeps_scalars():
    """from_tensors() semantics: a scalar is one element of shape (), a list a tuple."""
    assert data.tensors_dataset("foo").element_spec.shape == ()
    assert data.tensors_dataset(2.0).element_spec.shape == ()
    spec = data.tensors_dataset([1, np.array([1.0, 2.0])]).element_spec
    assert spec[0].shape == () and spec[1].shape == (2,)
