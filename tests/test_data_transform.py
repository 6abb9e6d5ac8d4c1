"""Core tests for the tfdatasets functions in kerasbridge.data behind
R/data-transform.R (padded batches, flat_map/interleave, reduce) and
R/data-files.R (file sources),
and R round trips of the same functions (R fixture, tests/rbridge.py)."""

import gzip

import numpy as np
import pytest
import tensorflow as tf

from kerasbridge import data
from kerasbridge.errors import ArgumentError


def ragged():
    """Elements [1], [2, 2], [3, 3, 3], [4, 4, 4, 4] (int64)."""
    return tf.data.Dataset.range(1, 5).map(lambda x: tf.fill([x], x))


def values(ds):
    return [v.tolist() if hasattr(v, "tolist") else v for v in (t.numpy() for t in ds)]


# ---- padded batches ---------------------------------------------------------

def test_padded_batch_defaults_fixed_shapes_and_values():
    assert values(data.dataset_padded_batch(ragged(), 2)) == [[[1, 0], [2, 2]], [[3, 3, 3, 0], [4, 4, 4, 4]]]
    out = data.dataset_padded_batch(ragged(), 2, padded_shapes=[5], padding_values=-1)
    assert values(out)[0] == [[1, -1, -1, -1, -1], [2, 2, -1, -1, -1]]
    out = data.dataset_padded_batch(ragged(), 3, padded_shapes=[None], drop_remainder=True)
    assert values(out) == [[[1, 0, 0], [2, 2, 0], [3, 3, 3]]]


def test_counts_and_shapes_use_the_argument_spec():
    # clear errors naming the argument, not a Python TypeError from int()
    with pytest.raises(ArgumentError, match="`batch_size` must be a whole number, received 2.5"):
        data.dataset_padded_batch(ragged(), 2.5)
    with pytest.raises(ArgumentError, match="`cycle_length` must be a whole number"):
        data.dataset_interleave(tf.data.Dataset.range(2), lambda x: tf.data.Dataset.range(1), cycle_length="two")
    with pytest.raises(ArgumentError, match="`num_parallel_calls` must be a whole number"):
        data.dataset_map(tf.data.Dataset.range(2), lambda x: x, num_parallel_calls=[1, 2])
    with pytest.raises(ArgumentError, match="Dimensions must be whole numbers >= 0 or NA, not 1.5"):
        data.dataset_padded_batch(ragged(), 2, padded_shapes=[1.5])
    # NA, NULL and -1 pad to the longest in the batch, as everywhere shapes are read
    out = next(iter(data.dataset_padded_batch(ragged(), 2, padded_shapes=[float("nan")])))
    assert out.shape == (2, 2)
    # a count computed by TensorFlow is taken as it is (R's tf$constant(2L) is int32)
    assert next(iter(data.dataset_padded_batch(ragged(), tf.constant(2)))).shape == (2, 2)


def test_file_names_are_checked_once_in_the_core():
    with pytest.raises(ArgumentError, match="file names or patterns, not a number"):
        data.text_line_dataset(42.0)
    with pytest.raises(ArgumentError, match="file names or patterns"):
        data.file_list_dataset([])


def test_padded_batch_matches_the_element_structure():
    z = tf.data.Dataset.zip({"a": ragged(), "b": tf.data.Dataset.range(4)})
    # R lists arrive as Python lists/dicts; shapes as TensorShape (from R's shape())
    out = data.dataset_padded_batch(z, 2, padded_shapes={"a": tf.TensorShape([3]), "b": tf.TensorShape([])},
                                    padding_values={"a": 9.0, "b": None})
    first = next(iter(out))
    assert first["a"].numpy().tolist() == [[1, 9, 9], [2, 2, 9]]
    assert first["a"].dtype == tf.int64  # the R double 9 was cast to the component's dtype
    pair = tf.data.Dataset.zip((ragged(), ragged()))
    a, b = next(iter(data.dataset_padded_batch(pair, 2, padding_values=-1.0)))  # one value for all
    assert b.numpy().tolist() == [[1, -1], [2, 2]]
    a, b = next(iter(data.dataset_padded_batch(pair, 2, padded_shapes=[tf.TensorShape([2]), tf.TensorShape([3])])))
    assert (a.shape[1], b.shape[1]) == (2, 3)
    with pytest.raises(ArgumentError, match="names"):
        data.dataset_padded_batch(z, 2, padded_shapes={"a": tf.TensorShape([3])})
    with pytest.raises(ArgumentError, match="list of 2"):
        data.dataset_padded_batch(pair, 2, padded_shapes=[tf.TensorShape([3])])
    with pytest.raises(ArgumentError, match="whole number"):
        data.dataset_padded_batch(ragged(), 2, padding_values=0.5)


def test_padded_batch_strings_pad_with_empty_string():
    words = tf.data.Dataset.from_tensor_slices(["a b", "c"]).map(lambda s: tf.strings.split(s))
    assert values(data.dataset_padded_batch(words, 2)) == [[[b"a", b"b"], [b"c", b""]]]


# ---- functions that return datasets ----------------------------------------

def test_flat_map_and_interleave_trace_once():
    calls = []

    def fn(x):
        calls.append(1)
        return tf.data.Dataset.from_tensors(x).repeat(x)

    assert values(data.dataset_flat_map(tf.data.Dataset.range(1, 4), fn)) == [1, 2, 2, 3, 3, 3]
    assert len(calls) == 1
    ds = data.dataset_interleave(tf.data.Dataset.from_tensor_slices([1, 2, 3, 4, 5]),
                                 lambda x: tf.data.Dataset.from_tensors(x).repeat(6), cycle_length=2, block_length=4)
    assert values(ds) == [1] * 4 + [2] * 4 + [1] * 2 + [2] * 2 + [3] * 4 + [4] * 4 + [3] * 2 + [4] * 2 + [5] * 6


def test_flat_map_of_windows_unpacks_list_elements():
    pairs = tf.data.Dataset.zip((tf.data.Dataset.range(4), tf.data.Dataset.range(10, 14))).window(2)
    out = data.dataset_flat_map(pairs, lambda a, b: tf.data.Dataset.zip((a.batch(2), b.batch(2))))
    assert [(a.numpy().tolist(), b.numpy().tolist()) for a, b in out] == [([0, 1], [10, 11]), ([2, 3], [12, 13])]


def test_flat_map_and_interleave_refuse_non_datasets_and_python_callbacks():
    with pytest.raises(ArgumentError, match="must return a dataset"):
        data.dataset_flat_map(tf.data.Dataset.range(3), lambda x: x * 2)
    with pytest.raises(ArgumentError, match="must return a dataset"):
        data.dataset_interleave(tf.data.Dataset.range(3), lambda x: x, cycle_length=1)

    def calls_python(x):
        y = tf.py_function(lambda a: a, [x], tf.int64)
        return tf.data.Dataset.from_tensors(y)

    with pytest.raises(ArgumentError, match="worker threads"):
        data.dataset_flat_map(tf.data.Dataset.range(3), calls_python)


# ---- reduce -----------------------------------------------------------------

def test_reduce_states_are_scalars_and_keep_their_dtype():
    calls = []

    def fn(state, x):
        calls.append(1)
        return [state[0] + tf.cast(x, tf.float32), state[1] + 1]

    total, count = data.dataset_reduce(tf.data.Dataset.range(5), [0.0, 0], fn)
    assert (total.dtype, count.dtype) == (tf.float32, tf.int32)
    assert total.shape == () and float(total) == 10.0 and int(count) == 5
    assert len(calls) == 1
    # R numbers in the result are cast to the state's dtype
    out = data.dataset_reduce(tf.data.Dataset.range(3), {"n": tf.constant(0, tf.int64)}, lambda s, x: {"n": s["n"] + x})
    assert int(out["n"]) == 3
    with pytest.raises(ArgumentError, match="structure"):
        data.dataset_reduce(tf.data.Dataset.range(3), [0.0, 0.0], lambda s, x: s[0])


# ---- file sources -----------------------------------------------------------

def test_text_line_dataset_globs_and_compression(tmp_path):
    (tmp_path / "a.txt").write_text("one\ntwo\n")
    (tmp_path / "b.txt").write_text("three\n")
    with gzip.open(tmp_path / "c.txt.gz", "wt") as f:
        f.write("zipped\n")
    assert values(data.text_line_dataset(str(tmp_path / "*.txt"))) == [b"one", b"two", b"three"]
    assert values(data.text_line_dataset([str(tmp_path / "c.txt.gz")], "auto")) == [b"zipped"]
    assert values(data.text_line_dataset(str(tmp_path / "c.txt.gz"), "gzip")) == [b"zipped"]
    with pytest.raises(ArgumentError, match="No file matches"):
        data.text_line_dataset(str(tmp_path / "none*.txt"))
    with pytest.raises(ArgumentError, match="compression_type"):
        data.text_line_dataset(str(tmp_path / "a.txt"), "bz2")


def test_file_list_dataset(tmp_path):
    for n in ("x.csv", "y.csv", "z.txt"):
        (tmp_path / n).write_text("1\n")
    names = [v.decode().rsplit("/", 1)[1] for v in data.file_list_dataset(str(tmp_path / "*.csv"), shuffle=False).as_numpy_iterator()]
    assert names == ["x.csv", "y.csv"]
    with pytest.raises(ArgumentError, match="No file matches"):
        data.file_list_dataset(str(tmp_path / "*.json"))


def test_make_csv_dataset_plain_dict_features(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a,b,label\n1.5,x,0\n2.5,y,1\n3.5,z,0\n")
    ds = data.make_csv_dataset(str(path), 3, label_name="label", num_epochs=1, shuffle=False)
    features, label = next(iter(ds))
    assert type(features) is dict and sorted(features) == ["a", "b"]
    assert features["a"].numpy().tolist() == [1.5, 2.5, 3.5]
    assert features["b"].numpy().tolist() == [b"x", b"y", b"z"]
    assert label.numpy().tolist() == [0, 1, 0]
    only = next(iter(data.make_csv_dataset(str(path), 3, select_columns=[0.0], num_epochs=1, shuffle=False)))
    assert list(only) == ["a"]  # integer columns are 0-based, as TensorFlow's
    one_name = next(iter(data.make_csv_dataset(str(path), 3, select_columns="b", num_epochs=1, shuffle=False)))
    assert list(one_name) == ["b"]


# ---- from R -----------------------------------------------------------------

def test_r_padded_batch_window_reduce_enumerate(R):
    got = R.r("""
      A <- range_dataset(1, 5) %>% dataset_map(function(x) tf$fill(list(x), x))
      list(
        padded = as.array(iter_next(as_iterator(A %>% dataset_padded_batch(2, padded_shapes = 3, padding_values = -1L)))),
        windows = iterate(range_dataset(0, 5) %>% dataset_window(2, shift = 1, drop_remainder = TRUE) %>%
                            dataset_flat_map(~ dataset_batch(.x, 2)), as.numeric, simplify = FALSE),
        total = as.numeric(dataset_reduce(range_dataset(0, 5), 0, function(s, x) s + tf$cast(x, "float32"))),
        enumerated = iterate(tensor_slices_dataset(c(5L, 6L)) %>% dataset_enumerate(), function(e) as.numeric(e[[1]])),
        sharded = iterate(range_dataset(0, 6) %>% dataset_shard(2, 1), as.numeric),
        concatenated = iterate(dataset_concatenate(range_dataset(0, 1), range_dataset(7, 9)), as.numeric)
      )
    """)
    np.testing.assert_array_equal(got["padded"], [[1, -1, -1], [2, 2, -1]])
    assert [list(w) for w in got["windows"]] == [[0, 1], [1, 2], [2, 3], [3, 4]]
    assert got["total"] == 10.0
    assert list(got["enumerated"]) == [0, 1]
    assert list(got["sharded"]) == [1, 3, 5]
    assert list(got["concatenated"]) == [0, 7, 8]


def test_r_make_csv_dataset_fits(R, tmp_path):
    path = tmp_path / "train.csv"
    rng = np.random.default_rng(0)
    rows = ["x1,x2,label"] + [f"{a:.3f},{b:.3f},{int(a > b)}" for a, b in rng.random((16, 2))]
    path.write_text("\n".join(rows) + "\n")
    R.put(csv_more_path=str(path))
    n = R.r("""
      ds <- make_csv_dataset(py$csv_more_path, batch_size = 8, label_name = "label", num_epochs = 1, shuffle = FALSE) %>%
        dataset_map(function(features, label) list(tf$stack(list(features$x1, features$x2), axis = 1L), label))
      set_random_seed(1)
      m <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 2, activation = "softmax")
      m %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
      h <- m %>% fit(ds, epochs = 2, verbose = 0)
      length(h$metrics$loss)
    """)
    assert int(n) == 2


def test_scan_and_take_while_refuse_python_callbacks():
    """tfdatasets' dataset_scan()/dataset_take_while(): an R function may only run
    while traced; a graph that calls back into Python per element is refused."""
    import tensorflow as tf
    from kerasbridge import data
    from kerasbridge.errors import ArgumentError
    ds = tf.data.Dataset.range(5)
    out = data.dataset_scan(ds, tf.constant(0, tf.int64), lambda s, x: [s + x, s + x])
    assert [int(v) for v in out] == [0, 1, 3, 6, 10]
    assert [int(v) for v in data.dataset_take_while(ds, lambda x: x < 2)] == [0, 1]
    cb = lambda x: tf.py_function(lambda v: v < 2, [x], tf.bool)
    with pytest.raises(ArgumentError, match="py_function"):
        data.dataset_take_while(ds, lambda x: tf.reshape(cb(x), []))
    with pytest.raises(ArgumentError, match="py_function"):
        data.dataset_scan(ds, tf.constant(0, tf.int64),
                          lambda s, x: [s + tf.reshape(tf.py_function(lambda v: v, [x], tf.int64), []), s])
