"""Built-in data sets: the shipped digits file and a local mnist.npz (pycore/kerasbridge/datasets.py)."""

import gzip
import os

import numpy as np
import pytest

from kerasbridge import datasets, frontend
from kerasbridge.errors import ArgumentError


@pytest.fixture(autouse=True)
def python_frontend():
    # R tests in this process switch the core to the R front end; restore it after.
    before = frontend.get_frontend()
    frontend.set_frontend("python")
    yield
    frontend.set_frontend(before)


@pytest.fixture
def r_frontend():
    frontend.set_frontend("r")


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


def test_missing_mnist_names_the_paths_and_says_no_download(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    with pytest.raises(ArgumentError) as e:
        datasets.load_mnist()
    msg = str(e.value)
    assert str(tmp_path / "kh" / "datasets" / "mnist.npz") in msg
    assert str(home / ".keras" / "datasets" / "mnist.npz") in msg
    assert "never downloads" in msg and "load_mnist(path=...)" in msg
    assert e.value.argument == "path"

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
