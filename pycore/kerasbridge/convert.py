"""The one conversion policy: R-shaped data -> Keras input.

Written once here and tested once (tests/test_convert.py). The R package only
does what reticulate 1.28 cannot (rpkg/R/marshal.R): it gives vectors a `dim`
so they arrive as 1-d arrays instead of Python lists, and turns factors into
0-based integer codes. Everything else happens here:

==========================  ===================================================
R value (as reticulate      Keras input
hands it over)
==========================  ===================================================
double array (float64,      C-order array of the model input's dtype (float32
Fortran order, read-only)   by default), made in ONE copy
integer array (int32)       int32 array (labels stay integers); C order
logical array (bool)        bool array
list of plain numbers       1-d array (a vector that reached us without a dim)
named list (dict)           dict keyed by model input/output names; names are
                            checked against the model
unnamed list (list)         positional inputs/outputs
NULL (None)                 None
NA_real_ / NaN              MissingValueError naming the argument
NA_integer_ (INT32_MIN)     MissingValueError naming the argument
tf.Tensor, tf.data.Dataset  passed through untouched
==========================  ===================================================

The first dimension is always the batch (sample) dimension. Sizes and counts
that arrive as R doubles (``units = 64`` is 64.0) become ints via ``as_int``.
"""

import numbers
import os

import numpy as np

from . import frontend
from .errors import ArgumentError, InputNameError, InputShapeError, MissingValueError, SampleCountError

INT32_NA = np.iinfo(np.int32).min


def as_int(value, arg):
    """Coerce an integral number (R double or integer) to int; None stays None."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"`{arg}` must be a whole number, not {frontend.fmt_value(value)}.", arg)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if value != value:
            raise MissingValueError(f"`{arg}` must be a whole number, not NA.", arg)
        if float(value).is_integer():
            return int(value)
        raise ArgumentError(f"`{arg}` must be a whole number, received {value}.", arg)
    raise ArgumentError(f"`{arg}` must be a whole number, received an object of type {type(value).__name__}.", arg)


def as_int_or_tuple(value, arg):
    """Sizes such as kernel_size = c(3, 3): an int, or a tuple of ints."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        vals = [as_int(v, arg) for v in np.asarray(value).ravel().tolist()] if isinstance(value, np.ndarray) else [as_int(v, arg) for v in value]
        return tuple(vals)
    return as_int(value, arg)


def as_shape(value, arg="shape"):
    """A shape from R: c(784), list(NULL, 3), NA for unknown -> tuple with None."""
    if value is None:
        return None
    if hasattr(value, "as_list"):  # tf.TensorShape, e.g. from R's shape()
        value = value.as_list()
    if isinstance(value, np.ndarray):
        value = value.ravel().tolist()
    if not isinstance(value, (list, tuple)):
        value = [value]
    dims = []
    for v in value:
        if v is None or (isinstance(v, float) and v != v) or (isinstance(v, numbers.Integral) and v == INT32_NA):
            dims.append(None)
        else:
            dims.append(as_int(v, arg))
    return tuple(dims)


def _is_plain_number_list(value):
    return len(value) > 0 and all(isinstance(v, (numbers.Number, np.generic)) and not isinstance(v, np.ndarray) for v in value)


_PARALLEL_MIN_ELEMENTS = 1 << 22  # below ~4M elements one thread is as fast
_pool = None


def _copy_block(out, value, lo, hi):
    """Cast rows lo:hi into out; True when they hold a NaN. numpy releases the
    GIL while casting, so blocks run in parallel. min() propagates NaN in one
    pass without a temporary mask."""
    with np.errstate(invalid="ignore", over="ignore"):
        np.copyto(out[lo:hi], value[lo:hi], casting="unsafe")
    block = out[lo:hi]
    return bool(block.size) and bool(np.isnan(block.min()))


def _cast_copy(value, target):
    """A C-order copy of `value` in dtype `target` and whether it holds NaN.
    Large arrays (a 60000 x 784 R matrix, say) are cast by row blocks on a few
    threads: the conversion is a pure memory pass, about 2x faster on 2 cores."""
    global _pool
    if value.ndim == 0:
        out = np.array(value, dtype=target)
        return out, bool(np.isnan(out))
    out = np.empty(value.shape, dtype=target, order="C")
    n = value.shape[0]
    if value.size < _PARALLEL_MIN_ELEMENTS or (os.cpu_count() or 1) < 2 or n < 64:
        return out, _copy_block(out, value, 0, n)
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor
        _pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="kerasbridge-convert")
    k = 4 * _pool._max_workers
    bounds = [(i * n // k, (i + 1) * n // k) for i in range(k)]
    nan_found = list(_pool.map(lambda b: _copy_block(out, value, b[0], b[1]), bounds))
    return out, any(nan_found)


def as_array(value, arg, dtype=None):
    """One array-like -> numpy array following the policy; checks NA."""
    if isinstance(value, (list, tuple)) and _is_plain_number_list(value):
        value = np.asarray(value)
    if isinstance(value, (numbers.Number, np.generic)) and not isinstance(value, np.ndarray):
        value = np.asarray([value])
    if not isinstance(value, np.ndarray):
        return value  # tensors, datasets, generators: Keras knows them
    if value.dtype.kind == "f":
        target = np.dtype(dtype) if dtype is not None and np.dtype(dtype).kind == "f" else np.float32
        out, has_nan = _cast_copy(value, target)  # the single copy (dtype + order at once)
        if has_nan:
            raise MissingValueError(
                f"`{arg}` contains NA/NaN values. Remove or impute them before training "
                f"(e.g. {'x[is.na(x)] <- 0' if frontend.is_r() else 'np.nan_to_num(x)'}).", arg)
        return out
    if value.dtype.kind in "iu":
        if value.dtype == np.int32 and value.size and value.min() == INT32_NA:
            raise MissingValueError(f"`{arg}` contains NA values. Remove or impute them first.", arg)
        return np.ascontiguousarray(value)
    if value.dtype.kind == "b":
        return np.ascontiguousarray(value)
    if value.dtype.kind in "OUS":
        raise ArgumentError(
            f"`{arg}` must be numeric, received {'character' if frontend.is_r() else 'string'} data. "
            f"Encode strings as numbers first ({'e.g. as.integer(factor(x)) - 1L' if frontend.is_r() else 'e.g. with a StringLookup layer'}).", arg)
    return value


def n_samples(value):
    if isinstance(value, np.ndarray):
        return value.shape[0] if value.ndim else 1
    return None


def model_output_names(model):
    """The model's output names ([] when unknown, e.g. an unbuilt Sequential)."""
    try:
        names = getattr(model, "output_names", None)
    except Exception:
        names = None
    return list(names) if names else []


def _input_specs(model):
    """(name, shape, dtype) of each model input, or [] when unknown."""
    try:
        inputs = model.inputs
    except Exception:
        return []
    if not inputs:
        return []
    return [(getattr(t, "name", None), tuple(t.shape), getattr(t, "dtype", "float32")) for t in inputs]


def _check_shape(arr, expected, arg, what):
    if not isinstance(arr, np.ndarray) or expected is None:
        return
    got = arr.shape
    if len(got) != len(expected) or any(e is not None and e != g for e, g in zip(expected[1:], got[1:])):
        hint = ""
        if len(got) == len(expected) - 1 and frontend.is_r():
            hint = " If each sample is a single vector, add the missing dimension with array_reshape()."
        elif frontend.is_r():
            hint = " Reshape the data with array_reshape(), or change the model's input shape."
        else:
            hint = " Reshape the data, or change the model's input shape."
        raise InputShapeError(
            f"`{arg}` does not match {what}: expected shape {frontend.fmt_shape(expected)} "
            f"(first dimension = samples), received {frontend.fmt_shape(got)}.{hint}", arg)


def as_inputs(x, model, arg="x"):
    """Model inputs: one array, a list (positional) or a dict (named)."""
    if x is None:
        return None
    specs = _input_specs(model)
    names = [s[0] for s in specs]
    if isinstance(x, dict):
        if specs:
            unknown = [k for k in x if k not in names]
            if unknown:
                raise InputNameError(
                    f"`{arg}` has names that match no model input: {frontend.fmt_names(unknown)}. "
                    f"The model's inputs are named {frontend.fmt_names(names)}.", arg)
            missing = [n for n in names if n not in x]
            if missing:
                raise InputNameError(
                    f"`{arg}` is missing model inputs {frontend.fmt_names(missing)}; "
                    f"it must have one entry per input: {frontend.fmt_names(names)}.", arg)
        out = {}
        for k, v in x.items():
            spec = specs[names.index(k)] if k in names else None
            a = as_array(v, f"{arg}${k}" if frontend.is_r() else f"{arg}[{k!r}]", spec[2] if spec else None)
            if spec:
                _check_shape(a, spec[1], f"{arg}${k}" if frontend.is_r() else f"{arg}[{k!r}]", f"model input {frontend.fmt_value(k)}")
            out[k] = a
        return out
    if isinstance(x, (list, tuple)) and not _is_plain_number_list(x):
        if specs and len(x) != len(specs):
            raise InputShapeError(
                f"`{arg}` has {len(x)} elements but the model has {len(specs)} input(s) "
                f"{frontend.fmt_names(names)}.", arg)
        out = []
        for i, v in enumerate(x):
            label = f"{arg}[[{frontend.index(i)}]]" if frontend.is_r() else f"{arg}[{i}]"
            spec = specs[i] if specs else None
            a = as_array(v, label, spec[2] if spec else None)
            if spec:
                _check_shape(a, spec[1], label, f"model input {frontend.fmt_value(spec[0])}")
            out.append(a)
        return out
    spec = specs[0] if len(specs) == 1 else None
    if len(specs) > 1 and isinstance(x, np.ndarray):
        raise InputShapeError(
            f"`{arg}` is a single array but the model has {len(specs)} inputs {frontend.fmt_names(names)}. "
            f"Pass {'a named list' if frontend.is_r() else 'a dict'} with one array per input.", arg)
    a = as_array(x, arg, spec[2] if spec else None)
    if spec:
        _check_shape(a, spec[1], arg, "the model input")
    return a


def as_targets(y, model, arg="y"):
    """Targets: one array, a list (positional) or a dict (by output name)."""
    if y is None:
        return None
    if isinstance(y, dict):
        names = model_output_names(model)
        if names:
            unknown = [k for k in y if k not in names]
            if unknown:
                raise InputNameError(
                    f"`{arg}` has names that match no model output: {frontend.fmt_names(unknown)}. "
                    f"The model's outputs are named {frontend.fmt_names(names)}.", arg)
        return {k: as_array(v, f"{arg}${k}" if frontend.is_r() else f"{arg}[{k!r}]") for k, v in y.items()}
    if isinstance(y, (list, tuple)) and not _is_plain_number_list(y):
        return [as_array(v, f"{arg}[[{frontend.index(i)}]]" if frontend.is_r() else f"{arg}[{i}]") for i, v in enumerate(y)]
    return as_array(y, arg)


def _flat_arrays(value, arg):
    if isinstance(value, dict):
        return [(f"{arg}${k}" if frontend.is_r() else f"{arg}[{k!r}]", v) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [(f"{arg}[[{frontend.index(i)}]]" if frontend.is_r() else f"{arg}[{i}]", v) for i, v in enumerate(value)]
    return [(arg, value)]


def check_sample_counts(**named):
    """All arrays given must have the same number of samples (first dimension)."""
    counts = []
    for arg, value in named.items():
        if value is None:
            continue
        for label, v in _flat_arrays(value, arg):
            n = n_samples(v)
            if n is not None:
                counts.append((label, n))
    if len({n for _, n in counts}) > 1:
        desc = ", ".join(f"`{label}` has {n}" for label, n in counts)
        raise SampleCountError(
            f"All data must have the same number of samples (first dimension): {desc}. "
            f"Make sure x and y describe the same rows.", counts[0][0])


def to_categorical(y, num_classes=None):
    """Integer class vector (0-based) -> one-hot float32 matrix, checking labels."""
    y = as_array(y, "y")
    if not isinstance(y, np.ndarray) or y.dtype.kind not in "iuf":
        raise ArgumentError("`y` must be a vector of integer class labels.", "y")
    if y.dtype.kind == "f" and not np.all(np.mod(y, 1) == 0):
        raise ArgumentError("`y` must hold whole numbers (class labels 0, 1, 2, ...).", "y")
    yi = y.astype(np.int64).ravel()
    k = int(yi.max()) + 1 if num_classes is None else as_int(num_classes, "num_classes")
    if yi.size and (yi.min() < 0 or yi.max() >= k):
        from .errors import LabelRangeError
        raise LabelRangeError(
            f"`y` must hold labels from 0 to {k - 1} (labels are 0-based), received {yi.min()} to {yi.max()}."
            + (" Use `y - 1` if they are 1-based." if frontend.is_r() and yi.min() >= 1 else ""), "y")
    out = np.zeros((yi.size, k), dtype=np.float32)
    out[np.arange(yi.size), yi] = 1.0
    return out.reshape(y.shape[:-1] + (k,) if y.ndim > 1 and y.shape[-1] == 1 else y.shape + (k,))


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre", value=0.0):
    """keras.utils.pad_sequences with R-shaped input (a list of 1-d arrays)."""
    import keras
    seqs = [np.asarray(s).ravel().tolist() for s in sequences]
    return keras.utils.pad_sequences(seqs, maxlen=as_int(maxlen, "maxlen"), dtype=dtype, padding=padding,
                                     truncating=truncating, value=value)


def adapt_layer(layer, data, **kwargs):
    """layer.adapt() with R data: numbers as float32 arrays, strings as they are."""
    if isinstance(data, np.ndarray) and data.dtype.kind in "OUS":
        data = np.asarray(data, dtype=object)
    else:
        data = as_array(data, "data")
    for k in ("batch_size", "steps"):
        if k in kwargs and kwargs[k] is not None:
            kwargs[k] = as_int(kwargs[k], k)
    layer.adapt(data, **kwargs)
    return layer


def timeseries_dataset(data, targets, sequence_length, sequence_stride=1, sampling_rate=1, batch_size=128,
                       shuffle=False, seed=None, start_index=None, end_index=None, **kwargs):
    """keras.utils.timeseries_dataset_from_array with R-shaped arguments
    (indices already 0-based start / exclusive end)."""
    import keras
    data = as_array(data, "data")
    targets = as_array(targets, "targets") if targets is not None else None
    return keras.utils.timeseries_dataset_from_array(
        data, targets, sequence_length=as_int(sequence_length, "sequence_length"),
        sequence_stride=as_int(sequence_stride, "sequence_stride"), sampling_rate=as_int(sampling_rate, "sampling_rate"),
        batch_size=as_int(batch_size, "batch_size"), shuffle=bool(shuffle), seed=as_int(seed, "seed"),
        start_index=as_int(start_index, "start_index"), end_index=as_int(end_index, "end_index"), **kwargs)
