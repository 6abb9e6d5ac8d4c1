"""Built-in data sets, downloaded on first use into the Keras cache (download.py).

Python users get Keras' shapes::

    (x_train, y_train), (x_test, y_test) = kerasbridge.datasets.load_mnist()
    x, y = kerasbridge.datasets.load_digits()

The R functions ``dataset_mnist()`` and ``dataset_digits()`` call the core
functions of the same name, which return R keras' structure
``{"train": {"x", "y"}, "test": {"x", "y"}}`` (a named list in R) with
integer pixels and labels where R keras has them.

A data file is looked for where Keras caches it ($KERAS_HOME/datasets, then
~/.keras/datasets); when it is in neither, it is downloaded from Keras' URL
(or from $KERASBRIDGE_DATA_ORIGIN, same file name) into the first, with
Keras' published hash checked (only for Keras' own URL: a mirror may serve a
different build of the file).

The digits data (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0,
see rpkg/inst/extdata/DIGITS-LICENSE.md) ship with the R package.
"""

import gzip
import numbers
import os

import keras
import numpy as np

from . import download, frontend
from .convert import INT32_NA, as_int
from .errors import ArgumentError, DownloadError

_HERE = os.path.dirname(os.path.abspath(__file__))
# <repo>/pycore/kerasbridge/datasets.py -> <repo>/rpkg/inst/extdata/digits.csv.gz
REPO_DIGITS = os.path.join(os.path.dirname(os.path.dirname(_HERE)), "rpkg", "inst", "extdata", "digits.csv.gz")

MNIST_KEYS = ("x_train", "y_train", "x_test", "y_test")
MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
# Keras' published sha256 of each file (keras/src/datasets/*.py)
KNOWN_HASHES = {
    "mnist.npz": "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
    "imdb.npz": "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f",
    "imdb_word_index.json": "bfafd718b763782e994055a2d397834f",
    "reuters.npz": "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
    "reuters_word_index.json": "4d44cc38712099c9e383dc6e5f11a921",
    "boston_housing.npz": "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5",
    "california_housing.npz": "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f",
    "cifar-10-python.tar.gz": "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
    "cifar-100-python.tar.gz": "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7",
}


def fetch(fname, url, folder, hint=""):
    """Downloads `url` to <folder>/<fname> (through $KERASBRIDGE_DATA_ORIGIN when
    set), Keras' hash checked for Keras' own URL; a failure adds `hint`."""
    origin = download.data_origin(url)
    file_hash = KNOWN_HASHES.get(os.path.basename(url)) if origin == url else None
    try:
        return download.get_file(os.path.join(folder, fname), origin, file_hash=file_hash)
    except DownloadError as e:
        if not hint:
            raise
        raise DownloadError(f"{e} {hint}", e.argument) from e


def _call(py, r):
    return r if frontend.is_r() else py


# --- digits -----------------------------------------------------------------

def digits_path(path=None):
    """The digits file: ``path`` when given, else the copy in the source tree."""
    if path is not None:
        path = os.fspath(path)
        if not os.path.isfile(path):
            raise ArgumentError(f"`path` must name the digits file digits.csv.gz; {path!r} does not exist.", "path")
        return path
    if os.path.isfile(REPO_DIGITS):
        return REPO_DIGITS
    raise ArgumentError(
        f"Can't find the digits data file: {REPO_DIGITS} does not exist. "
        f"Pass its location with {_call('load_digits(path=...)', 'dataset_digits(path = ...)')}; "
        f"the R package installs it at system.file(\"extdata\", \"digits.csv.gz\", package = \"kerasbridge\").",
        "path")


def load_digits(path=None):
    """The 1,797 8x8 digit images: ``(x, y)``.

    ``x`` is a float32 array of shape (1797, 64), pixel counts 0..16, each row
    an 8x8 image read row by row; ``y`` an int32 array of labels 0..9.
    """
    path = digits_path(path)
    with gzip.open(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",", dtype=np.int32, ndmin=2)
    if data.ndim != 2 or data.shape[1] != 65:
        raise ArgumentError(
            f"{path} is not the digits file: expected 65 comma-separated columns (64 pixels, then the label), "
            f"found {data.shape[1] if data.ndim == 2 else 0}.", "path")
    return data[:, :64].astype(np.float32), np.ascontiguousarray(data[:, 64])


def train_test_split(x, y, test_split=0.2, seed=1):
    """Deterministic stratified split: ``((x_train, y_train), (x_test, y_test))``.

    Each class puts ``round(n_class * test_split)`` of its samples in the test
    set, so every digit appears in both sets in its original proportion. The
    same ``seed`` gives the same split on every machine (NumPy's PCG64).
    """
    x = np.asarray(x)
    y = np.asarray(y).reshape(-1)
    if x.shape[0] != y.shape[0]:
        raise ArgumentError(f"`x` has {x.shape[0]} samples but `y` has {y.shape[0]}; they must match.", "y")
    try:
        test_split = float(test_split)
    except (TypeError, ValueError):
        raise ArgumentError(f"`test_split` must be a number in [0, 1), received {test_split!r}.", "test_split") from None
    if not 0.0 <= test_split < 1.0:
        raise ArgumentError(
            f"`test_split` must be a fraction in [0, 1) (e.g. 0.2 for a 20% test set), received {test_split}.",
            "test_split")
    rng = np.random.default_rng(as_int(seed, "seed"))
    test_idx = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        rng.shuffle(members)
        test_idx.append(members[: int(round(len(members) * test_split))])
    test_idx = np.concatenate(test_idx) if test_idx else np.empty(0, dtype=np.intp)
    is_test = np.zeros(len(y), dtype=bool)
    is_test[test_idx] = True
    train_idx = rng.permutation(np.flatnonzero(~is_test))
    test_idx = rng.permutation(test_idx)
    return (x[train_idx], y[train_idx]), (x[test_idx], y[test_idx])


def dataset_digits(path=None, test_split=0.2, seed=1):
    """R keras' structure: ``{"train": {"x", "y"}, "test": {"x", "y"}}``, x of shape (n, 64)."""
    (x_train, y_train), (x_test, y_test) = train_test_split(*load_digits(path), test_split=test_split, seed=seed)
    return {"train": {"x": x_train.astype(np.float64), "y": y_train},
            "test": {"x": x_test.astype(np.float64), "y": y_test}}


# --- MNIST ------------------------------------------------------------------

def mnist_candidates():
    """Where Keras keeps mnist.npz: $KERAS_HOME/datasets, then ~/.keras/datasets."""
    dirs = []
    if os.environ.get("KERAS_HOME"):
        dirs.append(os.path.join(os.path.expanduser(os.environ["KERAS_HOME"]), "datasets"))
    dirs.append(os.path.join(os.path.expanduser("~"), ".keras", "datasets"))
    out = []
    for d in dirs:
        p = os.path.join(d, "mnist.npz")
        if p not in out:
            out.append(p)
    return out


def _missing_mnist(tried):
    where = " or ".join(tried)
    raise ArgumentError(
        f"Can't find the MNIST data file mnist.npz: {where} does not exist. "
        f"Pass the location of Keras' mnist.npz (arrays {', '.join(MNIST_KEYS)}) with "
        f"{_call('load_mnist(path=...)', 'dataset_mnist(path = ...)')}, or leave `path` unset to "
        f"download it from {MNIST_URL} into the Keras cache.",
        "path")


def mnist_path(path=None):
    if path is not None:
        path = os.path.expanduser(os.fspath(path))
        if not os.path.isfile(path):
            _missing_mnist([path])
        return path
    tried = mnist_candidates()
    for p in tried:
        if os.path.isfile(p):
            return p
    return fetch("mnist.npz", MNIST_URL, os.path.dirname(tried[0]),
                 f"Or pass its location with {_call('load_mnist(path=...)', 'dataset_mnist(path = ...)')}.")


def load_mnist(path=None):
    """MNIST from a local mnist.npz, as ``keras.datasets.mnist.load_data()`` returns it:
    ``((x_train, y_train), (x_test, y_test))``, uint8 images of shape (n, 28, 28) and uint8 labels.
    """
    path = mnist_path(path)
    try:
        with np.load(path, allow_pickle=False) as f:
            missing = [k for k in MNIST_KEYS if k not in f.files]
            if missing:
                raise ArgumentError(
                    f"{path} is not an MNIST file: it lacks {', '.join(missing)} "
                    f"(Keras' mnist.npz holds {', '.join(MNIST_KEYS)}).", "path")
            arrays = {k: f[k] for k in MNIST_KEYS}
    except (OSError, ValueError) as e:
        if isinstance(e, ArgumentError):
            raise
        raise ArgumentError(f"Can't read {path} as a NumPy .npz file: {e}", "path") from e
    for part in ("train", "test"):
        x, y = arrays["x_" + part], arrays["y_" + part]
        if x.shape[0] != y.reshape(-1).shape[0]:
            raise ArgumentError(
                f"{path} is damaged: x_{part} has {x.shape[0]} images but y_{part} has {y.size} labels.", "path")
    return (arrays["x_train"], arrays["y_train"].reshape(-1)), (arrays["x_test"], arrays["y_test"].reshape(-1))


def dataset_mnist(path=None):
    """R keras' structure with integer pixels and labels (R has no uint8)."""
    (x_train, y_train), (x_test, y_test) = load_mnist(path)
    return {"train": {"x": x_train.astype(np.int32), "y": y_train.astype(np.int32)},
            "test": {"x": x_test.astype(np.int32), "y": y_test.astype(np.int32)}}


# --- Keras' other built-in data sets, from the files Keras caches -------------
#
# Keras 3's loaders (keras.datasets.imdb.load_data() etc.) fetch their file with
# keras.utils.get_file(), which (a) no longer accepts a path as the file name,
# (b) looks only in the keras home fixed when Keras was imported, and (c)
# re-downloads a cached file whose hash differs from the published one. So the
# file is found here and read with Keras' own readers (npz_utils.load_npz for
# the pickled sequences, cifar.load_batch); the few lines of each loader that
# shuffle, split and index are written out below, with Keras' results (same
# seeds, same order, same cuts), and tested against them.

import json
import tarfile

KERAS_DATA_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
FASHION_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                 "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")
CIFAR = {
    # name: (Keras 3 extraction folder, folder inside the archive, archive name, url, files inside)
    "cifar10": ("cifar-10-batches-py-target", "cifar-10-batches-py", "cifar-10-python.tar.gz",
                "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                tuple(f"data_batch_{i}" for i in range(1, 6)) + ("test_batch",)),
    "cifar100": ("cifar-100-python-target", "cifar-100-python", "cifar-100-python.tar.gz",
                 "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz", ("train", "test")),
}


def datasets_dirs(keras_home=None):
    """The folders Keras caches data sets in: $KERAS_HOME/datasets, then ~/.keras/datasets."""
    dirs = []
    home = keras_home if keras_home else os.environ.get("KERAS_HOME")
    if home:
        dirs.append(os.path.join(os.path.expanduser(os.fspath(home)), "datasets"))
    default = os.path.join(os.path.expanduser("~"), ".keras", "datasets")
    if default not in dirs:
        dirs.append(default)
    return dirs


def _r_or_py(r_call, py_call):
    return r_call if frontend.is_r() else py_call


def _no_file(what, path, url, r_fn, py_fn):
    raise ArgumentError(
        f"Can't find the {what}: {path} does not exist. Pass the location of a copy of {url} "
        f"with {_r_or_py(r_fn, py_fn)}, or a bare file name to download it into the Keras cache.",
        "path")


def cached_file(fname, what, url, r_fn, py_fn, keras_home=None):
    """A file Keras would cache: ``fname`` itself when it names a folder
    (absolute, or with a directory part), else <datasets dir>/fname, downloaded
    from `url` when it is in no datasets dir."""
    if not isinstance(fname, (str, os.PathLike)):
        raise ArgumentError(f"`path` must be a file name or path, received {frontend.fmt_value(fname)}.", "path")
    fname = os.path.expanduser(os.fspath(fname))
    if os.path.isabs(fname) or os.path.dirname(fname):
        if os.path.isfile(fname):
            return fname
        _no_file(what, fname, url, r_fn, py_fn)
    tried = [os.path.join(d, fname) for d in datasets_dirs(keras_home)]
    for p in tried:
        if os.path.isfile(p):
            return p
    return fetch(fname, url, os.path.dirname(tried[0]), f"Or pass its location with {_r_or_py(r_fn, py_fn)}.")


def _read_failed(e, path):
    raise ArgumentError(f"Can't read {path} as Keras' data file: {e}", "path") from e


def _load_failed(e, path):
    if isinstance(e, ArgumentError):
        raise e
    raise ArgumentError(f"Can't load the data in {path}: {e}", "path") from e


def _shuffled(rng, *arrays):
    """The arrays in one random order (Keras' loaders: RandomState(seed).shuffle of the indices)."""
    order = np.arange(len(arrays[0]))
    rng.shuffle(order)
    return [a[order] for a in arrays]


def _index_words(xs, start_char, index_from):
    """Word ranks -> indices from `index_from`, each sequence led by `start_char`."""
    first = [] if start_char is None else [start_char]
    return [first + [w + index_from for w in x] for x in xs]


def _cut_vocabulary(xs, num_words, skip_top, oov_char):
    """Keep the indices in [skip_top, num_words) (num_words unset: below the
    largest index, as Keras has it); others become `oov_char`, or are dropped."""
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    return [[w for w in x if skip_top <= w < num_words] for x in xs]


def _read_sequences(path, keys):
    from keras.src.datasets import npz_utils  # Keras' reader for the pickled ragged arrays
    try:
        f = npz_utils.load_npz(path)
        return [f[k] for k in keys]
    except Exception as e:  # noqa: BLE001 - any unreadable file is a bad `path`
        _read_failed(e, path)


def _count(value, arg, null_ok=True, minimum=None):
    """A whole-number argument: one number (an R double or integer, or a Python
    int), or NULL/None where `null_ok`. R users may not give NULL where Keras
    needs a number (skip_top, seed, index_from); Python's None there keeps
    meaning "Keras' default"."""
    if value is None and (null_ok or not frontend.is_r()):
        return None
    whole = (isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
             and value == value and float(value).is_integer() and value != INT32_NA)
    if not whole:
        nullable = f" or {frontend.fmt_value(None)}" if null_ok else ""
        raise ArgumentError(f"`{arg}` must be a single whole number{nullable}, "
                            f"received {frontend.fmt_value(value)}.", arg)
    value = int(value)
    if minimum is not None and value < minimum:
        raise ArgumentError(f"`{arg}` must be a whole number >= {minimum}, received {value}.", arg)
    return value


def _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from):
    return dict(num_words=_count(num_words, "num_words", True, 1),
                skip_top=_count(skip_top, "skip_top", False, 0) or 0,
                maxlen=_count(maxlen, "maxlen", True, 1), seed=_count(seed, "seed", False),
                start_char=_count(start_char, "start_char", True, 0),
                oov_char=_count(oov_char, "oov_char", True, 0),
                index_from=_count(index_from, "index_from", False, 0) or 0)


def _sequences_file(name, path, keras_home):
    r_fn, py_fn = f"dataset_{name}(path = ...)", f"load_{name}(path=...)"
    return cached_file(path, f"{name.upper() if name == 'imdb' else name.capitalize()} data file "
                             f"{os.path.basename(os.fspath(path))}",
                       KERAS_DATA_URL + f"{name}.npz", r_fn, py_fn, keras_home)


def _load_imdb(local, num_words, skip_top, maxlen, seed, start_char, oov_char, index_from):
    """keras.datasets.imdb.load_data() on the local file."""
    x_train, y_train, x_test, y_test = _read_sequences(local, ("x_train", "y_train", "x_test", "y_test"))
    rng = np.random.RandomState(seed)
    x_train, y_train = _shuffled(rng, x_train, y_train)
    x_test, y_test = _shuffled(rng, x_test, y_test)
    x_train = _index_words(x_train, start_char, index_from)
    x_test = _index_words(x_test, start_char, index_from)
    if maxlen:
        from keras.src.utils.python_utils import remove_long_seq
        x_train, y_train = remove_long_seq(maxlen, x_train, y_train)
        x_test, y_test = remove_long_seq(maxlen, x_test, y_test)
        if not x_train or not x_test:
            raise ArgumentError(f"After filtering {local} for sequences shorter than maxlen={maxlen}, "
                                f"no sequence was kept. Increase maxlen.", "maxlen")
    xs = _cut_vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    labels = np.concatenate([y_train, y_test])
    n = len(x_train)
    return (np.array(xs[:n], dtype="object"), labels[:n]), (np.array(xs[n:], dtype="object"), labels[n:])


def _load_reuters(local, num_words, skip_top, maxlen, test_split, seed, start_char, oov_char, index_from):
    """keras.datasets.reuters.load_data() on the local file."""
    xs, labels = _read_sequences(local, ("x", "y"))
    xs, labels = _shuffled(np.random.RandomState(seed), xs, labels)
    xs = _index_words(xs, start_char, index_from)
    if maxlen:
        from keras.src.utils.python_utils import remove_long_seq
        xs, labels = remove_long_seq(maxlen, xs, labels)
    xs = _cut_vocabulary(xs, num_words, skip_top, oov_char)
    n = int(len(xs) * (1 - test_split))
    return ((np.array(xs[:n], dtype="object"), np.array(labels[:n])),
            (np.array(xs[n:], dtype="object"), np.array(labels[n:])))


def _ragged_int32(xs):
    return [np.asarray(x, dtype=np.int32).reshape(-1) for x in xs]


def load_imdb(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
              index_from=3, keras_home=None):
    """``keras.datasets.imdb.load_data()`` on a local imdb.npz: ``((x_train, y_train), (x_test, y_test))``."""
    args = _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from)
    local = _sequences_file("imdb", path, keras_home)
    try:
        return _load_imdb(local, **args)
    except (ValueError, IndexError, TypeError) as e:
        _load_failed(e, local)


def load_reuters(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
                 start_char=1, oov_char=2, index_from=3, keras_home=None):
    """``keras.datasets.reuters.load_data()`` on a local reuters.npz."""
    args = _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from)
    args["test_split"] = _check_fraction(test_split)
    local = _sequences_file("reuters", path, keras_home)
    try:
        return _load_reuters(local, **args)
    except (ValueError, IndexError, TypeError) as e:
        _load_failed(e, local)


def _check_fraction(test_split):
    fraction = (isinstance(test_split, numbers.Real) and not isinstance(test_split, (bool, np.bool_))
                and 0.0 <= test_split < 1.0)
    if not fraction:
        raise ArgumentError(f"`test_split` must be a single number in [0, 1), "
                            f"received {frontend.fmt_value(test_split)}.", "test_split")
    return float(test_split)


def _sequences_for_r(data):
    (x_train, y_train), (x_test, y_test) = data
    return {"train": {"x": _ragged_int32(x_train), "y": np.asarray(y_train).astype(np.int32).reshape(-1)},
            "test": {"x": _ragged_int32(x_test), "y": np.asarray(y_test).astype(np.int32).reshape(-1)}}


def dataset_imdb(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
                 index_from=3, keras_home=None):
    """R keras' structure; x a list of 1-d int32 arrays (R integer vectors)."""
    return _sequences_for_r(load_imdb(path, num_words, skip_top, maxlen, seed, start_char, oov_char, index_from,
                                      keras_home))


def dataset_reuters(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
                    start_char=1, oov_char=2, index_from=3, keras_home=None):
    return _sequences_for_r(load_reuters(path, num_words, skip_top, maxlen, test_split, seed, start_char, oov_char,
                                         index_from, keras_home))


def _word_index(name, path, keras_home):
    local = cached_file(path, f"{name} word index file {os.path.basename(os.fspath(path))}",
                        KERAS_DATA_URL + f"{name}_word_index.json", f"dataset_{name}_word_index(path = ...)",
                        f"{name}_word_index(path=...)", keras_home)
    try:
        with open(local, encoding="utf-8") as f:
            index = json.load(f)
    except (OSError, ValueError) as e:
        raise ArgumentError(f"Can't read {local} as a JSON word index: {e}", "path") from e
    if not isinstance(index, dict):
        raise ArgumentError(f"{local} is not a word index: expected a JSON object (word -> index).", "path")
    return {str(k): int(v) for k, v in index.items()}


def imdb_word_index(path="imdb_word_index.json", keras_home=None):
    """``keras.datasets.imdb.get_word_index()`` from the local file: word -> index."""
    return _word_index("imdb", path, keras_home)


def reuters_word_index(path="reuters_word_index.json", keras_home=None):
    return _word_index("reuters", path, keras_home)


dataset_imdb_word_index = imdb_word_index
dataset_reuters_word_index = reuters_word_index


def _shuffled_split(local, seed, test_split, rows=None):
    """The regression sets' load_data() (boston_housing, california_housing): an
    npz of x and y, optionally its first `rows`, one seeded shuffle, then the split."""
    try:
        with np.load(local, allow_pickle=False) as f:
            x, y = f["x"], f["y"]
    except Exception as e:  # noqa: BLE001 - any unreadable file is a bad `path`
        _read_failed(e, local)
    if rows is not None:
        x, y = x[:rows], y[:rows]
    x, y = _shuffled(np.random.RandomState(seed), x, y)
    n = int(len(x) * (1 - test_split))
    return (np.array(x[:n]), np.array(y[:n])), (np.array(x[n:]), np.array(y[n:]))


def load_boston_housing(path="boston_housing.npz", test_split=0.2, seed=113, keras_home=None):
    """``keras.datasets.boston_housing.load_data()`` on a local boston_housing.npz."""
    test_split = _check_fraction(test_split)
    seed = _count(seed, "seed", False)
    local = cached_file(path, f"Boston housing data file {os.path.basename(os.fspath(path))}",
                        KERAS_DATA_URL + "boston_housing.npz", "dataset_boston_housing(path = ...)",
                        "load_boston_housing(path=...)", keras_home)
    return _shuffled_split(local, seed, test_split)


def dataset_boston_housing(path="boston_housing.npz", test_split=0.2, seed=113, keras_home=None):
    """R keras' structure: x a float64 matrix (13 columns), y a float64 vector."""
    (x_train, y_train), (x_test, y_test) = load_boston_housing(path, test_split, seed, keras_home)
    return {"train": {"x": np.asarray(x_train, dtype=np.float64), "y": np.asarray(y_train, np.float64).reshape(-1)},
            "test": {"x": np.asarray(x_test, dtype=np.float64), "y": np.asarray(y_test, np.float64).reshape(-1)}}


def load_california_housing(version="large", path="california_housing.npz", test_split=0.2, seed=113,
                            keras_home=None):
    """``keras.datasets.california_housing.load_data()``: 20,640 districts (600
    with version "small"), 8 features, median house values."""
    if version not in ("small", "large"):
        raise ArgumentError(f"`version` must be \"small\" or \"large\", received {frontend.fmt_value(version)}.",
                            "version")
    test_split = _check_fraction(test_split)
    seed = _count(seed, "seed", False)
    local = cached_file(path, f"California housing data file {os.path.basename(os.fspath(path))}",
                        KERAS_DATA_URL + "california_housing.npz", "dataset_california_housing(path = ...)",
                        "load_california_housing(path=...)", keras_home)
    return _shuffled_split(local, seed, test_split, rows=600 if version == "small" else None)


def dataset_california_housing(version="large", path="california_housing.npz", test_split=0.2, seed=113,
                               keras_home=None):
    (x_train, y_train), (x_test, y_test) = load_california_housing(version, path, test_split, seed, keras_home)
    return {"train": {"x": np.asarray(x_train, dtype=np.float64), "y": np.asarray(y_train, np.float64).reshape(-1)},
            "test": {"x": np.asarray(x_test, dtype=np.float64), "y": np.asarray(y_test, np.float64).reshape(-1)}}


def load_fashion_mnist(keras_home=None):
    """``keras.datasets.fashion_mnist.load_data()`` on the four local files in
    <datasets dir>/fashion-mnist/."""
    dirs = [os.path.join(d, "fashion-mnist") for d in datasets_dirs(keras_home)]
    folder = next((d for d in dirs if all(os.path.isfile(os.path.join(d, f)) for f in FASHION_FILES)), None)
    if folder is None:
        folder = dirs[0]
        for name in FASHION_FILES:
            if not os.path.isfile(os.path.join(folder, name)):
                fetch(name, KERAS_DATA_URL + name, folder)
    def idx_file(name, header, shape=None):
        # MNIST's IDX format: a header, then uint8 values
        try:
            with gzip.open(os.path.join(folder, name), "rb") as f:
                values = np.frombuffer(f.read(), np.uint8, offset=header)
        except (OSError, ValueError) as e:
            _read_failed(e, os.path.join(folder, name))
        return values if shape is None else values.reshape(shape)

    labels_train, images_train, labels_test, images_test = FASHION_FILES
    y_train = idx_file(labels_train, 8)
    y_test = idx_file(labels_test, 8)
    x_train = idx_file(images_train, 16, (len(y_train), 28, 28))
    x_test = idx_file(images_test, 16, (len(y_test), 28, 28))
    return (x_train, y_train), (x_test, y_test)


def dataset_fashion_mnist(keras_home=None):
    (x_train, y_train), (x_test, y_test) = load_fashion_mnist(keras_home)
    return {"train": {"x": x_train.astype(np.int32), "y": y_train.astype(np.int32)},
            "test": {"x": x_test.astype(np.int32), "y": y_test.astype(np.int32)}}


def _cifar_folder(name, keras_home):
    """The extracted CIFAR folder (Keras 3's <dir>/<target>/<inner>, or Keras 2's
    <dir>/<inner>); a local archive is extracted next to it on first use."""
    target, inner, archive, url, files = CIFAR[name]
    dirs = datasets_dirs(keras_home)
    looked = []
    for d in dirs:
        for folder in (os.path.join(d, target, inner), os.path.join(d, inner)):
            looked.append(folder)
            if all(os.path.isfile(os.path.join(folder, f)) for f in files):
                return folder
    for d in dirs:
        for arc in (os.path.join(d, archive), os.path.join(d, target + "_archive")):
            if os.path.isfile(arc):
                dest = os.path.join(d, target)
                try:
                    with tarfile.open(arc) as tf:
                        members = [m for m in tf.getmembers()
                                   if m.isfile() and m.name.startswith(inner + "/") and ".." not in m.name]
                        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
                        tf.extractall(dest, members=members, **safe)
                except (OSError, tarfile.TarError) as e:
                    raise ArgumentError(f"Can't extract {arc}: {e}", "path") from e
                folder = os.path.join(dest, inner)
                if all(os.path.isfile(os.path.join(folder, f)) for f in files):
                    return folder
                raise ArgumentError(f"{arc} is not the {name.upper()} archive: it lacks {inner}/{files[0]}.", "path")
    fn = "dataset_cifar10()" if name == "cifar10" else "dataset_cifar100()"
    fetch(archive, url, dirs[0], f"{_r_or_py(fn, 'load_' + name + '()')} extracts it there on first use.")
    return _cifar_folder(name, keras_home)


def _load_cifar(name, keras_home, label_key="labels"):
    """keras.datasets.cifar10/cifar100.load_data() on the local folder: the
    batches read by Keras' load_batch, in Keras' order and image layout."""
    from keras.src.datasets.cifar import load_batch
    folder = _cifar_folder(name, keras_home)
    train_files, test_file = CIFAR[name][4][:-1], CIFAR[name][4][-1]
    try:
        train = [load_batch(os.path.join(folder, f), label_key=label_key) for f in train_files]
        x_test, y_test = load_batch(os.path.join(folder, test_file), label_key=label_key)
    except Exception as e:  # noqa: BLE001 - any unreadable batch is a bad data file
        _read_failed(e, folder)
    if name == "cifar10":  # five training batches, gathered in uint8 arrays as Keras does
        x_train = np.concatenate([x for x, _ in train]).astype("uint8")
        y_train = np.concatenate([np.asarray(y) for _, y in train]).astype("uint8")
    else:
        (x_train, y_train), = train
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if keras.backend.image_data_format() == "channels_last":
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    if name == "cifar10":
        x_test, y_test = x_test.astype(x_train.dtype), y_test.astype(y_train.dtype)
    return (x_train, y_train), (x_test, y_test)


def load_cifar10(keras_home=None):
    """``keras.datasets.cifar10.load_data()`` on local files: uint8 images (n, 32, 32, 3), labels (n, 1)."""
    return _load_cifar("cifar10", keras_home)


def load_cifar100(label_mode="fine", keras_home=None):
    if label_mode not in ("fine", "coarse"):
        raise ArgumentError(f"`label_mode` must be \"fine\" or \"coarse\", received {label_mode!r}.", "label_mode")
    return _load_cifar("cifar100", keras_home, label_key=f"{label_mode}_labels")


def _images_for_r(data):
    (x_train, y_train), (x_test, y_test) = data
    return {"train": {"x": x_train.astype(np.int32), "y": np.asarray(y_train).astype(np.int32).reshape(-1)},
            "test": {"x": x_test.astype(np.int32), "y": np.asarray(y_test).astype(np.int32).reshape(-1)}}


def dataset_cifar10(keras_home=None):
    return _images_for_r(load_cifar10(keras_home))


def dataset_cifar100(label_mode="fine", keras_home=None):
    return _images_for_r(load_cifar100(label_mode, keras_home))
