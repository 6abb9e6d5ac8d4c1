"""Built-in data sets, read from local files only (nothing is ever downloaded).

Python users get Keras' shapes::

    (x_train, y_train), (x_test, y_test) = kerasbridge.datasets.load_mnist()
    x, y = kerasbridge.datasets.load_digits()

The R functions ``dataset_mnist()`` and ``dataset_digits()`` call the core
functions of the same name, which return R keras' structure
``{"train": {"x", "y"}, "test": {"x", "y"}}`` (a named list in R) with
integer pixels and labels where R keras has them.

The digits data (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0,
see rpkg/inst/extdata/DIGITS-LICENSE.md) ship with the R package; MNIST must
be copied to the machine by hand.
"""

import gzip
import os

import numpy as np

from . import frontend
from .convert import as_int
from .errors import ArgumentError

_HERE = os.path.dirname(os.path.abspath(__file__))
# <repo>/pycore/kerasbridge/datasets.py -> <repo>/rpkg/inst/extdata/digits.csv.gz
REPO_DIGITS = os.path.join(os.path.dirname(os.path.dirname(_HERE)), "rpkg", "inst", "extdata", "digits.csv.gz")

MNIST_KEYS = ("x_train", "y_train", "x_test", "y_test")
MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"


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
        f"kerasbridge never downloads data (this machine has no network access), so copy Keras' mnist.npz "
        f"(from {MNIST_URL}; arrays {', '.join(MNIST_KEYS)}) to {tried[-1]}, "
        f"or pass its location with {_call('load_mnist(path=...)', 'dataset_mnist(path = ...)')}.",
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
    _missing_mnist(tried)


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
# loaders are called with their module's `get_file` swapped, for the call, for
# one that returns the local file found here and never downloads. Everything
# else (shuffling with the seed, index_from, skip_top, maxlen, splits, image
# layout) is Keras' own code.

import importlib
import json
import tarfile
import threading
from contextlib import contextmanager

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
_GET_FILE_LOCK = threading.RLock()


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


def _no_download(what, tried, url, r_fn, py_fn, extra=""):
    where = " or ".join(tried)
    raise ArgumentError(
        f"Can't find the {what}: {where} does not exist. "
        f"It can't be downloaded here (kerasbridge never downloads data; this machine has no network access): "
        f"copy it from {url} to {tried[-1] if len(tried) > 1 else tried[0]}"
        f"{extra}, or pass its location with {_r_or_py(r_fn, py_fn)}.",
        "path")


def cached_file(fname, what, url, r_fn, py_fn, keras_home=None):
    """A file Keras would cache: ``fname`` itself when it names a folder
    (absolute, or with a directory part), else <datasets dir>/fname."""
    if not isinstance(fname, (str, os.PathLike)):
        raise ArgumentError(f"`path` must be a file name or path, received {frontend.fmt_value(fname)}.", "path")
    fname = os.path.expanduser(os.fspath(fname))
    if os.path.isabs(fname) or os.path.dirname(fname):
        if os.path.isfile(fname):
            return fname
        _no_download(what, [fname], url, r_fn, py_fn)
    tried = [os.path.join(d, fname) for d in datasets_dirs(keras_home)]
    for p in tried:
        if os.path.isfile(p):
            return p
    _no_download(what, tried, url, r_fn, py_fn)


@contextmanager
def _local_get_file(module_name, resolve):
    """Run a Keras loader with ``<module>.get_file`` answering from local files."""
    mod = importlib.import_module(module_name)
    with _GET_FILE_LOCK:
        original = mod.get_file

        def get_file(fname=None, origin=None, **kwargs):
            return resolve(fname, kwargs)

        mod.get_file = get_file
        try:
            yield mod
        finally:
            mod.get_file = original


def _keras_value_error(e, path):
    if isinstance(e, ArgumentError):
        raise e
    raise ArgumentError(f"Keras' loader failed on {path}: {e}", "path") from e


def _opt_int(value, arg, minimum=None):
    v = as_int(value, arg)
    if v is not None and minimum is not None and v < minimum:
        raise ArgumentError(f"`{arg}` must be a whole number >= {minimum}, received {v}.", arg)
    return v


def _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from):
    return dict(num_words=_opt_int(num_words, "num_words", 1), skip_top=_opt_int(skip_top, "skip_top", 0) or 0,
                maxlen=_opt_int(maxlen, "maxlen", 1), seed=as_int(seed, "seed"),
                start_char=_opt_int(start_char, "start_char", 0), oov_char=_opt_int(oov_char, "oov_char", 0),
                index_from=_opt_int(index_from, "index_from", 0) or 0)


def _load_sequences(name, path, keras_home, **kwargs):
    r_fn, py_fn = f"dataset_{name}(path = ...)", f"load_{name}(path=...)"
    local = cached_file(path, f"{name.upper() if name == 'imdb' else name.capitalize()} data file "
                              f"{os.path.basename(os.fspath(path))}",
                        KERAS_DATA_URL + f"{name}.npz", r_fn, py_fn, keras_home)
    with _local_get_file(f"keras.src.datasets.{name}", lambda fname, kw: local) as mod:
        try:
            return mod.load_data(path=os.path.basename(local), **kwargs)
        except Exception as e:
            _keras_value_error(e, local)


def _ragged_int32(xs):
    return [np.asarray(x, dtype=np.int32).reshape(-1) for x in xs]


def load_imdb(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
              index_from=3, keras_home=None):
    """``keras.datasets.imdb.load_data()`` on a local imdb.npz: ``((x_train, y_train), (x_test, y_test))``."""
    args = _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from)
    return _load_sequences("imdb", path, keras_home, **args)


def load_reuters(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
                 start_char=1, oov_char=2, index_from=3, keras_home=None):
    """``keras.datasets.reuters.load_data()`` on a local reuters.npz."""
    args = _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from)
    args["test_split"] = _check_fraction(test_split)
    return _load_sequences("reuters", path, keras_home, **args)


def _check_fraction(test_split):
    try:
        test_split = float(test_split)
    except (TypeError, ValueError):
        raise ArgumentError(f"`test_split` must be a number in [0, 1), received {test_split!r}.", "test_split") from None
    if not 0.0 <= test_split < 1.0:
        raise ArgumentError(f"`test_split` must be a fraction in [0, 1), received {test_split}.", "test_split")
    return test_split


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


def load_boston_housing(path="boston_housing.npz", test_split=0.2, seed=113, keras_home=None):
    """``keras.datasets.boston_housing.load_data()`` on a local boston_housing.npz."""
    test_split = _check_fraction(test_split)
    seed = as_int(seed, "seed")
    local = cached_file(path, f"Boston housing data file {os.path.basename(os.fspath(path))}",
                        KERAS_DATA_URL + "boston_housing.npz", "dataset_boston_housing(path = ...)",
                        "load_boston_housing(path=...)", keras_home)
    with _local_get_file("keras.src.datasets.boston_housing", lambda fname, kw: local) as mod:
        try:
            return mod.load_data(path=os.path.basename(local), test_split=test_split, seed=seed)
        except Exception as e:
            _keras_value_error(e, local)


def dataset_boston_housing(path="boston_housing.npz", test_split=0.2, seed=113, keras_home=None):
    """R keras' structure: x a float64 matrix (13 columns), y a float64 vector."""
    (x_train, y_train), (x_test, y_test) = load_boston_housing(path, test_split, seed, keras_home)
    return {"train": {"x": np.asarray(x_train, dtype=np.float64), "y": np.asarray(y_train, np.float64).reshape(-1)},
            "test": {"x": np.asarray(x_test, dtype=np.float64), "y": np.asarray(y_test, np.float64).reshape(-1)}}


def load_fashion_mnist(keras_home=None):
    """``keras.datasets.fashion_mnist.load_data()`` on the four local files in
    <datasets dir>/fashion-mnist/."""
    dirs = [os.path.join(d, "fashion-mnist") for d in datasets_dirs(keras_home)]
    folder = next((d for d in dirs if all(os.path.isfile(os.path.join(d, f)) for f in FASHION_FILES)), None)
    if folder is None:
        where = " or ".join(dirs)
        raise ArgumentError(
            f"Can't find the Fashion-MNIST data files ({', '.join(FASHION_FILES)}) in {where}. "
            f"They can't be downloaded here (kerasbridge never downloads data; this machine has no network access): "
            f"copy the four files from {KERAS_DATA_URL} to {dirs[-1]} (or to $KERAS_HOME/datasets/fashion-mnist).",
            "path")
    with _local_get_file("keras.src.datasets.fashion_mnist",
                         lambda fname, kw: os.path.join(folder, os.path.basename(fname))) as mod:
        try:
            return mod.load_data()
        except Exception as e:
            _keras_value_error(e, folder)


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
    raise ArgumentError(
        f"Can't find the {name.upper()} data: none of {' or '.join(looked)} holds {', '.join(files)}, "
        f"and there is no {archive} in {' or '.join(dirs)}. "
        f"It can't be downloaded here (kerasbridge never downloads data; this machine has no network access): "
        f"copy {archive} (from {url}) to {os.path.join(dirs[-1], archive)}; "
        f"{_r_or_py(fn, 'load_' + name + '()')} extracts it there on first use.",
        "path")


def _load_cifar(name, keras_home, **kwargs):
    folder = _cifar_folder(name, keras_home)
    target_dir = os.path.dirname(folder)  # Keras joins <returned dir>/<inner>
    with _local_get_file(f"keras.src.datasets.{name}", lambda fname, kw: target_dir) as mod:
        try:
            return mod.load_data(**kwargs)
        except Exception as e:
            _keras_value_error(e, folder)


def load_cifar10(keras_home=None):
    """``keras.datasets.cifar10.load_data()`` on local files: uint8 images (n, 32, 32, 3), labels (n, 1)."""
    return _load_cifar("cifar10", keras_home)


def load_cifar100(label_mode="fine", keras_home=None):
    if label_mode not in ("fine", "coarse"):
        raise ArgumentError(f"`label_mode` must be \"fine\" or \"coarse\", received {label_mode!r}.", "label_mode")
    return _load_cifar("cifar100", keras_home, label_mode=label_mode)


def _images_for_r(data):
    (x_train, y_train), (x_test, y_test) = data
    return {"train": {"x": x_train.astype(np.int32), "y": np.asarray(y_train).astype(np.int32).reshape(-1)},
            "test": {"x": x_test.astype(np.int32), "y": np.asarray(y_test).astype(np.int32).reshape(-1)}}


def dataset_cifar10(keras_home=None):
    return _images_for_r(load_cifar10(keras_home))


def dataset_cifar100(label_mode="fine", keras_home=None):
    return _images_for_r(load_cifar100(label_mode, keras_home))
