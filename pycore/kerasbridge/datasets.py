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
