"""Core tests for kerasbridge.data (datasets from R-shaped data, the R-thread
guard) and kerasbridge.tensors (R semantics for tensor arithmetic/indexing)."""

import threading

import numpy as np
import pytest
import tensorflow as tf

from kerasbridge import data, frontend, tensors
from kerasbridge.errors import ArgumentError, MissingValueError


@pytest.fixture(autouse=True)
def python_frontend():
    old = frontend.get_frontend()
    frontend.set_frontend("python")
    yield
    frontend.set_frontend(old)


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
    assert tensors.as_axis(1) == 0
    assert tensors.as_axis(-1) == -1
    assert tensors.as_axis([1, 2]) == [0, 1]
    with pytest.raises(ArgumentError, match="from 1"):
        tensors.as_axis(0)


def test_index_key_translation():
    x = tf.reshape(tf.range(12), (3, 4))
    assert tensors.extract(x, [1, ["slice", None, None, None]]).numpy().tolist() == [4, 5, 6, 7]
    assert tensors.extract(x, [["slice", 0, 2, None], "newaxis", 3]).shape == (2, 1)
    assert tensors.extract(x, ["...", 0]).numpy().tolist() == [0, 4, 8]
    assert tensors.describe(tf.Variable([1.0], name="w"))["kind"] == "Variable"
    assert tensors.dims(tf.zeros((2, 5))) == [2, 5]
