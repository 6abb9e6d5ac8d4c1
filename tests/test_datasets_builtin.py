"""Built-in data sets: the shipped digits file and a local mnist.npz (pycore/kerasbridge/datasets.py)."""

import gzip
import os

import numpy as np
import pytest

from kerasbridge import datasets, frontend
from kerasbridge.errors import ArgumentError, DownloadError
from localserver import dead_url, serve


@pytest.fixture(autouse=True)
def python_frontend():
    with frontend.using("python"):
        yield


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Downloads go to 127.0.0.1 where nothing listens, never to the internet."""
    origin = dead_url()
    monkeypatch.setenv("KERASBRIDGE_DATA_ORIGIN", origin)
    return origin


@pytest.fixture
def r_frontend():
    with frontend.using("r"):
        yield


def write_fake_mnist(path, n_train=6, n_test=4, drop=None):
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, n_train, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    np.savez(path, **{k: v for k, v in arrays.items() if k != drop})
    return arrays


# --- digits -----------------------------------------------------------------

def test_load_digits_reads_the_shipped_file():
    x, y = datasets.load_digits()
    assert x.shape == (1797, 64) and x.dtype == np.float32
    assert y.shape == (1797,) and y.dtype == np.int32
    assert x.min() == 0 and x.max() == 16
    assert np.array_equal(np.bincount(y), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    # first image of the UCI file, a zero
    assert y[0] == 0
    assert x[0, :16].tolist() == [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]


def test_load_digits_explicit_path(tmp_path):
    p = tmp_path / "d.csv.gz"
    with gzip.open(p, "wt") as f:
        f.write(",".join(["1"] * 64 + ["7"]) + "\n" + ",".join(["2"] * 64 + ["3"]) + "\n")
    x, y = datasets.load_digits(p)
    assert x.shape == (2, 64) and y.tolist() == [7, 3]


def test_load_digits_wrong_file_and_missing_file(tmp_path):
    p = tmp_path / "bad.csv.gz"
    with gzip.open(p, "wt") as f:
        f.write("1,2,3\n")
    with pytest.raises(ArgumentError, match="65 comma-separated columns"):
        datasets.load_digits(p)
    missing = tmp_path / "none.csv.gz"
    with pytest.raises(ArgumentError, match=str(missing)):
        datasets.load_digits(missing)


def test_split_is_deterministic_stratified_and_complete():
    x, y = datasets.load_digits()
    (xa, ya), (xt, yt) = datasets.train_test_split(x, y, test_split=0.2, seed=1)
    assert xa.shape == (1438, 64) and xt.shape == (359, 64)
    # every image lands in exactly one set, with its label
    rows = lambda xx, yy: sorted(map(tuple, np.column_stack([xx, yy]).astype(int).tolist()))
    assert rows(np.vstack([xa, xt]), np.concatenate([ya, yt])) == rows(x, y)
    # stratified: each class keeps its share in the test set
    share = np.bincount(yt, minlength=10) / np.bincount(y)
    assert np.all(np.abs(share - 0.2) < 0.01)
    (xa2, ya2), (xt2, yt2) = datasets.train_test_split(x, y, test_split=0.2, seed=1.0)
    assert np.array_equal(xt, xt2) and np.array_equal(ya, ya2)
    (_, _), (_, yt3) = datasets.train_test_split(x, y, test_split=0.2, seed=2)
    assert not np.array_equal(yt, yt3)


@pytest.mark.parametrize("bad", [1.0, -0.1, "a", None])
def test_split_rejects_bad_fraction(bad):
    x, y = np.zeros((10, 2)), np.arange(10) % 2
    with pytest.raises(ArgumentError, match="test_split"):
        datasets.train_test_split(x, y, test_split=bad)


def test_dataset_digits_has_r_keras_structure():
    d = datasets.dataset_digits(test_split=0.25, seed=5)
    assert set(d) == {"train", "test"}
    assert d["train"]["x"].dtype == np.float64 and d["train"]["x"].shape[1] == 64
    assert d["train"]["y"].dtype == np.int32
    assert len(d["train"]["y"]) + len(d["test"]["y"]) == 1797


# --- MNIST ------------------------------------------------------------------

def test_load_mnist_from_explicit_path(tmp_path):
    p = tmp_path / "mnist.npz"
    want = write_fake_mnist(p)
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist(str(p))
    assert x_train.shape == (6, 28, 28) and x_train.dtype == np.uint8
    assert x_test.shape == (4, 28, 28)
    for got, key in [(x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"), (y_test, "y_test")]:
        assert np.array_equal(got, want[key])


def test_dataset_mnist_gives_int32_for_r(tmp_path):
    p = tmp_path / "mnist.npz"
    want = write_fake_mnist(p)
    d = datasets.dataset_mnist(p)
    assert d["train"]["x"].dtype == np.int32 and d["test"]["y"].dtype == np.int32
    assert np.array_equal(d["test"]["x"], want["x_test"])


def test_load_mnist_default_locations(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("KERAS_HOME", raising=False)
    (home / ".keras" / "datasets").mkdir(parents=True)
    want = write_fake_mnist(home / ".keras" / "datasets" / "mnist.npz", n_train=2)
    assert datasets.load_mnist()[0][0].shape[0] == 2
    # KERAS_HOME wins over ~/.keras
    kh = tmp_path / "kh"
    (kh / "datasets").mkdir(parents=True)
    write_fake_mnist(kh / "datasets" / "mnist.npz", n_train=3)
    monkeypatch.setenv("KERAS_HOME", str(kh))
    assert datasets.load_mnist()[0][0].shape[0] == 3
    assert want["x_train"].shape[0] == 2


def test_missing_mnist_download_failure_names_the_url_and_the_path(tmp_path, monkeypatch, no_internet):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    with pytest.raises(DownloadError) as e:
        datasets.load_mnist()
    msg = str(e.value)
    assert no_internet + "mnist.npz" in msg
    assert str(tmp_path / "kh" / "datasets" / "mnist.npz") in msg
    assert "load_mnist(path=...)" in msg
    assert not (tmp_path / "kh" / "datasets" / "mnist.npz").exists()


def test_mnist_downloads_on_first_use_then_reuses_the_cache(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    want = write_fake_mnist(site / "mnist.npz", n_train=5)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    with serve(site) as base:
        monkeypatch.setenv("KERASBRIDGE_DATA_ORIGIN", base)
        (x_train, y_train), _ = datasets.load_mnist()
    assert np.array_equal(x_train, want["x_train"])
    assert (tmp_path / "kh" / "datasets" / "mnist.npz").is_file()
    monkeypatch.setenv("KERASBRIDGE_DATA_ORIGIN", dead_url())  # server gone: the cache is read
    assert datasets.load_mnist()[0][0].shape == (5, 28, 28)

    explicit = tmp_path / "elsewhere" / "mnist.npz"
    with pytest.raises(ArgumentError, match=str(explicit)):
        datasets.load_mnist(explicit)


def test_missing_mnist_speaks_r_to_r_users(tmp_path, r_frontend):
    with pytest.raises(ArgumentError, match=r"dataset_mnist\(path = \.\.\.\)"):
        datasets.load_mnist(tmp_path / "mnist.npz")


def test_mnist_file_without_the_arrays(tmp_path):
    p = tmp_path / "mnist.npz"
    write_fake_mnist(p, drop="y_test")
    with pytest.raises(ArgumentError, match="lacks y_test"):
        datasets.load_mnist(p)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip file")
    with pytest.raises(ArgumentError, match="Can't read"):
        datasets.load_mnist(junk)


# --- from R -----------------------------------------------------------------

def test_r_dataset_mnist_keeps_image_layout(R, tmp_path):
    p = tmp_path / "mnist.npz"
    want = write_fake_mnist(p)
    R.put(kb_mnist_path=str(p))
    R.r("kb_m <- dataset_mnist(py$kb_mnist_path)")
    assert R.r("storage.mode(kb_m$train$x)") == "integer"
    assert list(R.r("dim(kb_m$train$x)")) == [6, 28, 28]
    assert R.r("is.integer(kb_m$train$y) && is.null(dim(kb_m$train$y))")
    # R's x[i, r, c] is Python's x[i-1, r-1, c-1]
    assert R.r("kb_m$train$x[2, 3, 4]") == int(want["x_train"][1, 2, 3])
    assert R.r("kb_m$test$x[4, 28, 1]") == int(want["x_test"][3, 27, 0])
    assert list(R.r("kb_m$test$y")) == want["y_test"].tolist()
    R.r("rm(kb_m)")


def test_r_dataset_mnist_missing_file_is_an_argument_error(R, tmp_path, r_frontend):
    p = str(tmp_path / "nope" / "mnist.npz")
    R.put(kb_mnist_path=p)
    cls = R.r("tryCatch(dataset_mnist(py$kb_mnist_path), error = function(e) class(e))")
    assert "kerasbridge_argument_error" in list(cls)
    msg = R.r("tryCatch(dataset_mnist(py$kb_mnist_path), error = function(e) conditionMessage(e))")
    assert p in msg and "dataset_mnist(path = ...)" in msg


def test_r_dataset_digits_matches_the_core(R):
    R.r("kb_d <- dataset_digits(test_split = 0.2, seed = 11)")
    assert list(R.r("dim(kb_d$train$x)")) == [1438, 64]
    (_, _), (xt, yt) = datasets.train_test_split(*datasets.load_digits(), test_split=0.2, seed=11)
    assert list(R.r("kb_d$test$y")) == yt.tolist()
    assert np.array_equal(np.asarray(R.r("kb_d$test$x")), xt)
    R.r("rm(kb_d)")


# --- Keras' other data sets from the files Keras caches (fake files, Keras' formats) ---

import importlib
import io
import json
import pickle
import tarfile


def ragged(seqs):
    a = np.empty(len(seqs), dtype=object)
    a[:] = [list(s) for s in seqs]
    return a


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """An empty $KERAS_HOME and $HOME: nothing from the real ~/.keras is read."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    d = tmp_path / "kh" / "datasets"
    d.mkdir(parents=True)
    return d


def write_fake_imdb(path):
    # Keras' imdb.npz: object arrays of lists of word ranks, integer labels
    np.savez(path, x_train=ragged([[1, 2, 3], [4, 5], [6]]), y_train=np.array([0, 1, 1]),
             x_test=ragged([[7, 8], [9, 1, 1, 2]]), y_test=np.array([1, 0]))


def write_fake_reuters(path):
    np.savez(path, x=ragged([[1], [2, 2], [3, 3, 3], [4], [5, 6]]), y=np.arange(5))


def write_idx_gz(path, array, header):
    with gzip.open(path, "wb") as f:
        f.write(b"\0" * header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def cifar_batch(n, seed, labels):
    rng = np.random.default_rng(seed)
    # CIFAR's python pickles: bytes keys, (n, 3072) uint8 rows (channel planes of 32x32)
    return {b"data": rng.integers(0, 256, (n, 3072), dtype=np.uint8), **labels}


def as_image(rows):
    return rows.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)


def test_imdb_is_keras_loader_on_the_cached_file(keras_home):
    write_fake_imdb(keras_home / "imdb.npz")
    (x_train, y_train), (x_test, y_test) = datasets.load_imdb()
    # RandomState(113) shuffles train to [2, 0, 1] and test to [1, 0]; start_char 1,
    # ranks + index_from 3; with num_words unset Keras' cut is `< max index`, so 12 -> oov 2
    assert [list(x) for x in x_train] == [[1, 9], [1, 4, 5, 6], [1, 7, 8]]
    assert y_train.tolist() == [1, 0, 1]
    assert [list(x) for x in x_test] == [[1, 2, 4, 4, 5], [1, 10, 11]]
    assert y_test.tolist() == [0, 1]
    d = datasets.dataset_imdb(num_words=6, skip_top=5)
    assert [x.tolist() for x in d["train"]["x"]] == [[2, 2], [2, 2, 5, 2], [2, 2, 2]]
    assert all(x.dtype == np.int32 and x.ndim == 1 for x in d["train"]["x"] + d["test"]["x"])
    assert d["test"]["y"].dtype == np.int32 and d["test"]["y"].tolist() == [0, 1]
    # maxlen keeps sequences shorter than 4; no oov_char drops words (8 is the max, so cut)
    d = datasets.dataset_imdb(start_char=None, index_from=0, oov_char=None, maxlen=4, seed=1)
    assert sorted(x.tolist() for x in d["train"]["x"] + d["test"]["x"]) == [[1, 2, 3], [4, 5], [6], [7]]


def test_imdb_leaves_keras_get_file_alone(keras_home, tmp_path):
    mod = importlib.import_module("keras.src.datasets.imdb")
    before = mod.get_file
    p = tmp_path / "elsewhere" / "my_imdb.npz"
    p.parent.mkdir()
    write_fake_imdb(p)
    assert len(datasets.load_imdb(str(p))[0][0]) == 3
    assert mod.get_file is before
    with pytest.raises(ArgumentError, match="Increase maxlen"):
        datasets.load_imdb(str(p), maxlen=1)
    assert mod.get_file is before


def test_imdb_missing_file_says_where_to_put_it(keras_home, tmp_path, no_internet):
    with pytest.raises(DownloadError) as e:
        datasets.load_imdb()
    msg = str(e.value)
    assert str(keras_home / "imdb.npz") in msg
    assert no_internet + "imdb.npz" in msg
    assert "load_imdb(path=...)" in msg
    with pytest.raises(ArgumentError, match="does not exist"):
        datasets.load_imdb(str(tmp_path / "nowhere" / "imdb.npz"))
    with pytest.raises(ArgumentError, match="`num_words`"):
        datasets.load_imdb(num_words=0)


def test_imdb_missing_file_speaks_r(keras_home, r_frontend):
    with pytest.raises(ArgumentError, match=r"dataset_imdb\(path = \.\.\.\)"):
        datasets.dataset_imdb()


def test_word_indexes(keras_home, tmp_path):
    (keras_home / "imdb_word_index.json").write_text(json.dumps({"the": 1, "and": 2, "fawn": 34701}))
    assert datasets.imdb_word_index() == {"the": 1, "and": 2, "fawn": 34701}
    p = tmp_path / "rw.json"
    p.write_text(json.dumps({"said": 1}))
    assert datasets.reuters_word_index(str(p)) == {"said": 1}
    with pytest.raises(ArgumentError, match="reuters_word_index.json"):
        datasets.reuters_word_index()
    (keras_home / "reuters_word_index.json").write_text("[1, 2]")
    with pytest.raises(ArgumentError, match="not a word index"):
        datasets.reuters_word_index()


def test_reuters_split_and_indices(keras_home):
    write_fake_reuters(keras_home / "reuters.npz")
    d = datasets.dataset_reuters()
    # RandomState(113) order [1, 0, 3, 2, 4]; int(5 * 0.8) = 4 for training
    assert [x.tolist() for x in d["train"]["x"]] == [[1, 5, 5], [1, 4], [1, 7], [1, 6, 6, 6]]
    assert d["train"]["y"].tolist() == [1, 0, 3, 2]
    assert [x.tolist() for x in d["test"]["x"]] == [[1, 8, 2]] and d["test"]["y"].tolist() == [4]
    d = datasets.dataset_reuters(test_split=0.4)
    assert len(d["train"]["x"]) == 3 and d["test"]["y"].tolist() == [2, 4]
    with pytest.raises(ArgumentError, match="test_split"):
        datasets.dataset_reuters(test_split=1)


def test_boston_housing(keras_home):
    x = np.arange(5 * 13, dtype=np.float64).reshape(5, 13)
    np.savez(keras_home / "boston_housing.npz", x=x, y=np.arange(5) + 0.5)
    d = datasets.dataset_boston_housing()
    assert np.array_equal(d["train"]["x"], x[[1, 0, 3, 2]]) and d["train"]["y"].tolist() == [1.5, 0.5, 3.5, 2.5]
    assert np.array_equal(d["test"]["x"], x[[4]]) and d["test"]["y"].tolist() == [4.5]
    assert d["train"]["x"].dtype == np.float64
    with pytest.raises(ArgumentError, match="boston_housing.npz"):
        datasets.load_boston_housing("nope.npz")


def write_fake_fashion(folder):
    folder.mkdir(parents=True, exist_ok=True)
    x_train = np.arange(2 * 784).reshape(2, 28, 28) % 256
    x_test = (255 - np.arange(784).reshape(1, 28, 28)) % 256
    write_idx_gz(folder / "train-labels-idx1-ubyte.gz", [3, 1], 8)
    write_idx_gz(folder / "train-images-idx3-ubyte.gz", x_train, 16)
    write_idx_gz(folder / "t10k-labels-idx1-ubyte.gz", [9], 8)
    write_idx_gz(folder / "t10k-images-idx3-ubyte.gz", x_test, 16)
    return x_train, x_test


def test_fashion_mnist(keras_home):
    with pytest.raises(DownloadError) as e:
        datasets.load_fashion_mnist()
    assert str(keras_home / "fashion-mnist") in str(e.value) and "-idx1-ubyte.gz" in str(e.value)
    x_train, x_test = write_fake_fashion(keras_home / "fashion-mnist")
    d = datasets.dataset_fashion_mnist()
    assert d["train"]["x"].dtype == np.int32 and np.array_equal(d["train"]["x"], x_train)
    assert np.array_equal(d["test"]["x"], x_test)
    assert d["train"]["y"].tolist() == [3, 1] and d["test"]["y"].tolist() == [9]


def test_cifar100_from_the_archive_then_the_extracted_folder(keras_home):
    train = cifar_batch(3, 1, {b"fine_labels": [5, 99, 0], b"coarse_labels": [1, 19, 0]})
    test = cifar_batch(2, 2, {b"fine_labels": [7, 8], b"coarse_labels": [2, 3]})
    with tarfile.open(keras_home / "cifar-100-python.tar.gz", "w:gz") as tf:
        for name, batch in (("train", train), ("test", test)):
            b = pickle.dumps(batch, protocol=3)
            info = tarfile.TarInfo("cifar-100-python/" + name)
            info.size = len(b)
            tf.addfile(info, io.BytesIO(b))
    d = datasets.dataset_cifar100()
    assert d["train"]["x"].shape == (3, 32, 32, 3) and d["train"]["x"].dtype == np.int32
    assert np.array_equal(d["train"]["x"], as_image(train[b"data"]))
    assert np.array_equal(d["test"]["x"], as_image(test[b"data"]))
    assert d["train"]["y"].tolist() == [5, 99, 0] and d["test"]["y"].tolist() == [7, 8]
    # extracted where Keras 3 keeps it; the archive is no longer needed
    assert (keras_home / "cifar-100-python-target" / "cifar-100-python" / "train").is_file()
    (keras_home / "cifar-100-python.tar.gz").unlink()
    d = datasets.dataset_cifar100("coarse")
    assert d["train"]["y"].tolist() == [1, 19, 0] and d["test"]["y"].tolist() == [2, 3]
    with pytest.raises(ArgumentError, match="label_mode"):
        datasets.load_cifar100("medium")


def test_cifar10_full_size_keras2_layout(keras_home):
    # Keras' cifar10 loader needs 5 x 10000 training images; write them, constant per batch
    folder = keras_home / "cifar-10-batches-py"
    folder.mkdir()
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    for k, name in enumerate(names):
        data = np.full((10000, 3072), k, dtype=np.uint8)
        data[0, :1024], data[0, 1024:2048], data[0, 2048:] = 10 + k, 20 + k, 30 + k  # R, G, B planes
        with open(folder / name, "wb") as f:
            pickle.dump({b"data": data, b"labels": [k] * 10000}, f, protocol=3)
    (x_train, y_train), (x_test, y_test) = datasets.load_cifar10()
    assert x_train.shape == (50000, 32, 32, 3) and y_train.shape == (50000, 1)
    assert x_test.shape == (10000, 32, 32, 3)
    assert x_train[0, 5, 7].tolist() == [10, 20, 30] and x_train[1, 0, 0].tolist() == [0, 0, 0]
    assert x_train[40000, 31, 31].tolist() == [14, 24, 34] and x_test[0, 0, 0].tolist() == [15, 25, 35]
    assert y_train[::10000, 0].tolist() == [0, 1, 2, 3, 4] and set(y_test[:, 0].tolist()) == {5}


def test_cifar_missing_data_says_where_to_put_the_archive(keras_home, tmp_path, no_internet):
    with pytest.raises(DownloadError) as e:
        datasets.load_cifar10()
    msg = str(e.value)
    assert str(keras_home / "cifar-10-python.tar.gz") in msg
    assert no_internet + "cifar-10-python.tar.gz" in msg and "extracts it there" in msg


def test_r_sequence_datasets_are_lists_of_integer_vectors(R, keras_home):
    write_fake_imdb(keras_home / "imdb.npz")
    write_fake_reuters(keras_home / "reuters.npz")
    R.r("kb_i <- dataset_imdb()")
    assert R.r('identical(kb_i$train$x, list(c(1L, 9L), c(1L, 4L, 5L, 6L), c(1L, 7L, 8L)))')
    assert R.r('identical(kb_i$train$y, c(1L, 0L, 1L)) && identical(kb_i$test$y, c(0L, 1L))')
    assert R.r('identical(dataset_reuters(num_words = 6)$test$x, list(c(1L, 2L, 2L)))')
    R.r("rm(kb_i)")


def test_r_missing_imdb_is_a_download_error(R, keras_home, r_frontend):
    cls = R.r("tryCatch(dataset_imdb(), error = function(e) class(e))")
    assert "kerasbridge_download_error" in list(cls)
    msg = R.r("tryCatch(dataset_imdb(), error = function(e) conditionMessage(e))")
    assert str(keras_home / "imdb.npz") in msg and "dataset_imdb(path = ...)" in msg


@pytest.mark.parametrize("kwargs", [{}, {"num_words": 6, "skip_top": 2, "seed": 1},
                                    {"start_char": None, "index_from": 0, "oov_char": None, "maxlen": 4}])
def test_sequence_loaders_match_keras_own(keras_home, monkeypatch, kwargs):
    # Our loaders read the file themselves; Keras' (fed the same file) must agree,
    # so a Keras upgrade that changes its shuffling or indexing fails here.
    write_fake_imdb(keras_home / "imdb.npz")
    write_fake_reuters(keras_home / "reuters.npz")
    for name, ours in (("imdb", datasets.load_imdb), ("reuters", datasets.load_reuters)):
        mod = importlib.import_module(f"keras.src.datasets.{name}")
        monkeypatch.setattr(mod, "get_file", lambda *a, _p=str(keras_home / f"{name}.npz"), **k: _p)
        theirs = mod.load_data(**kwargs)
        for (xa, ya), (xb, yb) in zip(theirs, ours(**kwargs)):
            assert [list(x) for x in xa] == [list(x) for x in xb]
            assert np.array_equal(ya, yb) and ya.dtype == yb.dtype


def test_california_housing_downloads_and_splits_as_keras(keras_home, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    x = np.arange(40 * 8, dtype="float32").reshape(40, 8)
    y = np.arange(40, dtype="float32")
    np.savez(site / "california_housing.npz", x=x, y=y)
    with serve(site) as base:
        monkeypatch.setenv("KERASBRIDGE_DATA_ORIGIN", base)
        (x_train, y_train), (x_test, y_test) = datasets.load_california_housing(test_split=0.25)
    assert (keras_home / "california_housing.npz").is_file()
    assert x_train.shape == (30, 8) and x_test.shape == (10, 8)
    order = np.arange(40)
    np.random.RandomState(113).shuffle(order)
    assert np.array_equal(y_train, y[order[:30]])
    d = datasets.dataset_california_housing(version="small", test_split=0.5)
    assert d["train"]["x"].dtype == np.float64 and len(d["test"]["y"]) == 20
    with pytest.raises(ArgumentError, match="version"):
        datasets.load_california_housing(version="medium")
