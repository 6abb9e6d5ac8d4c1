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
Inf / -Inf (or a double     MissingValueError naming the argument, unless
too large for float32)      allowed (``allowing_inf(True)``; R: fit(...,
                            allow_inf = TRUE) or options(kerasbridge.allow_inf))
NA_integer_ (INT32_MIN)     MissingValueError naming the argument
complex, character, dates   ArgumentError naming the argument (nothing is
                            silently dropped: not the imaginary part either)
sparse matrix (dgCMatrix)   tf.SparseTensor (``sparse_matrix``), passed on
tf.Tensor, tf.data.Dataset  passed through untouched
==========================  ===================================================

The first dimension is always the batch (sample) dimension. Sizes and counts
that arrive as R doubles (``units = 64`` is 64.0) become ints via ``as_int``
(the argument spec, argspec.py, says which argument gets which coercer).

Also decided once here: the dtype R data takes (``keras_dtype``, shared with
tf.data's ``data.as_tensor``) and what a shape is (``as_shape``: R sends it as
written, ``c(NA, 784)``, ``list(NULL, 3)``, ``shape(...)`` pieces; NA, NULL
and -1 are unknown dimensions). Shapes are written back by the one formatter,
``frontend.fmt_shape``.
"""

import contextlib
import contextvars
import numbers
import os

import numpy as np

from . import frontend
from .errors import ArgumentError, InputNameError, InputShapeError, MissingValueError, SampleCountError
from .legacy import data as keras2_data

INT32_NA = np.iinfo(np.int32).min


def as_int(value, arg):
    """Coerce an integral number (R double or integer) to int; None stays None."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"`{arg}` must be a whole number, not {frontend.fmt_value(value)}.", arg)
    if isinstance(value, numbers.Integral):
        if value == INT32_NA:  # R's NA_integer_
            raise MissingValueError(f"`{arg}` must be a whole number, not NA.", arg)
        return int(value)
    if isinstance(value, numbers.Real):
        if value != value:
            raise MissingValueError(f"`{arg}` must be a whole number, not NA.", arg)
        if float(value).is_integer():
            return int(value)
        raise ArgumentError(f"`{arg}` must be a whole number, received {value}.", arg)
    raise ArgumentError(f"`{arg}` must be a whole number, received {friendly_type(value)}.", arg)


def as_int_or_tuple(value, arg):
    """Sizes such as kernel_size = c(3, 3): an int, or a tuple of ints."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        vals = [as_int(v, arg) for v in np.asarray(value).ravel().tolist()] if isinstance(value, np.ndarray) else [as_int(v, arg) for v in value]
        return tuple(vals)
    return as_int(value, arg)


def _is_unknown_dim(v):
    # NULL, NA (NaN from an R double, INT32_NA from an R integer) and -1 (as in
    # the R tensorflow package) all mean "unknown"
    if v is None or isinstance(v, (bool, np.bool_)):
        return v is None
    if isinstance(v, numbers.Real) and v != v:
        return True
    return isinstance(v, numbers.Real) and (v == -1 or (isinstance(v, numbers.Integral) and v == INT32_NA))


def element_label(arg, key):
    """How the user names one part of `arg`: x$a or x[[1]] from R, x['a'] or
    x[0] from Python (a name for a named list/dict, else a 0-based position)."""
    if isinstance(key, str):
        return f"{arg}${key}" if frontend.is_r() else f"{arg}[{key!r}]"
    return f"{arg}[[{frontend.index(key)}]]" if frontend.is_r() else f"{arg}[{key}]"


def friendly_type(value):
    """What a value is, in the user's words (as R's cli says it: "a number")."""
    r = frontend.is_r()
    if value is None:
        return "NULL" if r else "None"
    if isinstance(value, (bool, np.bool_)):
        return frontend.fmt_value(bool(value))
    if isinstance(value, str):
        return "a string"
    if isinstance(value, numbers.Integral):
        return "an integer"
    if isinstance(value, numbers.Real):
        return "a number"
    if isinstance(value, (list, tuple)) and value:
        if all(isinstance(v, str) for v in value):
            return "a character vector" if r else "a list of strings"
        if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value):
            return "a numeric vector" if r else "a list of numbers"
    if not r:
        return f"an object of type {type(value).__name__}"
    # R users never read Python type names: the nearest R word, else the class
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a named list"
    if isinstance(value, np.ndarray):
        return "an array" if value.ndim > 1 else "a vector"
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return "a tensor"
    if callable(value) and not isinstance(value, type):
        return "a function"
    name = type(value).__name__
    return f"an {name} object" if name[:1].lower() in "aeiou" else f"a {name} object"


def _shape_dims(value, arg, nested=False):
    """Flatten the pieces of a shape: R vectors (lists), nested lists (a piece of
    an input_shape in build()), TensorShapes, arrays and tensors are spliced."""
    if value is None or isinstance(value, (str, bytes, bool, np.bool_, numbers.Real)):
        return [value]
    if hasattr(value, "as_list"):  # tf.TensorShape, e.g. from R's shape()
        if getattr(value, "rank", 0) is None:
            raise ArgumentError("Can't list the dimensions of a shape of unknown rank.", arg)
        return value.as_list()
    if hasattr(value, "numpy"):  # an eager tensor of dimensions
        value = value.numpy()
    if isinstance(value, np.ndarray):
        return value.ravel().tolist()
    if isinstance(value, (list, tuple)):
        if nested and value and all(isinstance(v, str) for v in value):
            return [value]  # a piece such as c("a", "b"): reported whole
        return [d for v in value for d in _shape_dims(v, arg, True)]
    return [value]


def as_shape(value, arg="shape"):
    """THE shape policy. R sends the shape as written: c(784), list(NULL, 3),
    shape(NA, 3), pieces to splice; NA, NULL and -1 are unknown dimensions.
    Returns a tuple with None for the unknown ones."""
    if value is None:
        return None
    where = f" (in `{arg}`)" if arg else ""
    dims = []
    for v in _shape_dims(value, arg):
        if _is_unknown_dim(v):
            dims.append(None)
        elif isinstance(v, (numbers.Real, np.generic)) and not isinstance(v, (bool, np.bool_)):
            if v < 0 or not float(v).is_integer():
                raise ArgumentError(f"Dimensions must be whole numbers >= 0 or NA, not {v:g}{where}.", arg)
            dims.append(int(v))
        else:
            raise ArgumentError(f"Dimensions must be whole numbers or NA, not {friendly_type(v)}{where}.", arg)
    return tuple(dims)


def tensor_shape(dims):
    """R's shape(): a TensorShape from the dimensions as written (see as_shape)."""
    import tensorflow as tf
    return tf.TensorShape(list(as_shape(dims, None)))


def keras_dtype(arr, model_dtype=None):
    """The dtype R data takes on its way into Keras, for model inputs (as_array)
    and for tf.data (data.as_tensor) alike: R doubles become float32 (Keras
    computes in float32; float64 would double the memory), or the model input's
    own float dtype when it has one; integers (R's int32 labels) and logicals
    keep theirs."""
    if arr.dtype.kind == "f":
        if model_dtype is not None and np.dtype(model_dtype).kind == "f":
            return np.dtype(model_dtype)
        return np.dtype(np.float32)
    return arr.dtype


def _is_plain_number_list(value):
    return len(value) > 0 and all(isinstance(v, (numbers.Number, np.generic)) and not isinstance(v, np.ndarray) for v in value)


_PARALLEL_MIN_ELEMENTS = 1 << 22  # below ~4M elements one thread is as fast
_pool = None

# Inf in training data turns every weight into NaN within a few steps, so it is
# an error unless the caller allows it for one call (fit(..., allow_inf=True)).
_allow_inf = contextvars.ContextVar("kerasbridge_allow_inf", default=False)


@contextlib.contextmanager
def allowing_inf(allow=True):
    """Inside the block, Inf/-Inf in data passes the check (NaN never does)."""
    token = _allow_inf.set(bool(allow))
    try:
        yield
    finally:
        _allow_inf.reset(token)


def _copy_block(out, value, lo, hi, check_inf):
    """Cast rows lo:hi into out; "nan", "inf" or None for what they hold. numpy
    releases the GIL while casting, so blocks run in parallel. min() propagates
    NaN (and finds -Inf) in one pass without a temporary mask; max() finds Inf."""
    with np.errstate(invalid="ignore", over="ignore"):
        np.copyto(out[lo:hi], value[lo:hi], casting="unsafe")
    block = out[lo:hi]
    if not block.size:
        return None
    lo_val = block.min()
    if np.isnan(lo_val):
        return "nan"
    if check_inf and (np.isinf(lo_val) or np.isinf(block.max())):
        return "inf"
    return None


def _cast_copy(value, target, check_inf=True):
    """A C-order copy of `value` in dtype `target` and what non-finite values it
    holds ("nan", "inf" or None). Large arrays (a 60000 x 784 R matrix, say) are
    cast by row blocks on a few threads: the conversion is a pure memory pass,
    about 2x faster on 2 cores."""
    global _pool
    if value.ndim == 0:
        out = np.array(value, dtype=target)
        return out, ("nan" if np.isnan(out) else "inf" if check_inf and np.isinf(out) else None)
    out = np.empty(value.shape, dtype=target, order="C")
    n = value.shape[0]
    if value.size < _PARALLEL_MIN_ELEMENTS or (os.cpu_count() or 1) < 2 or n < 64:
        return out, _copy_block(out, value, 0, n, check_inf)
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor
        _pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="kerasbridge-convert")
    k = 4 * _pool._max_workers
    bounds = [(i * n // k, (i + 1) * n // k) for i in range(k)]
    found = set(_pool.map(lambda b: _copy_block(out, value, b[0], b[1], check_inf), bounds))
    return out, ("nan" if "nan" in found else "inf" if "inf" in found else None)


def _is_string_list(value):
    return isinstance(value, (list, tuple)) and len(value) > 0 and all(isinstance(v, (str, bytes)) for v in value)


def _not_numeric(arg, what):
    r = frontend.is_r()
    fixes = {
        "character": f"Encode strings as numbers first ({'e.g. as.integer(factor(x)) - 1L' if r else 'e.g. with a StringLookup layer'}).",
        "complex": f"Keras computes with real numbers: pass {'Re(x) and Im(x)' if r else 'x.real and x.imag'} as separate columns.",
        "date": f"Convert dates to numbers first ({'e.g. as.numeric(x)' if r else 'e.g. days since a reference date'}).",
    }
    return ArgumentError(f"`{arg}` must be numeric, received {what if what != 'character' or r else 'string'} data. {fixes.get(what, '')}".rstrip(), arg)


def sparse_matrix(i, j, values, dims):
    """A sparse matrix from 0-based row/column indices and values (R's
    dgCMatrix, taken apart by the R package) -> tf.SparseTensor in float32,
    which Keras' fit()/predict() take as input. NA and Inf are checked as for
    dense data."""
    import tensorflow as tf
    vals = as_array(np.asarray(values, dtype=np.float64).ravel(), "x")
    idx = np.stack([np.asarray(i, dtype=np.int64).ravel(), np.asarray(j, dtype=np.int64).ravel()], axis=1)
    shape = [int(d) for d in np.asarray(dims).ravel()]
    return tf.sparse.reorder(tf.SparseTensor(idx, vals.astype(np.float32), shape))


def as_array(value, arg, dtype=None):
    """One array-like -> numpy array following the policy; checks NA."""
    if dtype == "string" and (isinstance(value, (str, bytes)) or _is_string_list(value)
                              or (isinstance(value, np.ndarray) and value.dtype.kind in "USO")):
        # a string model input (layer_input_from_dataset() of a character column,
        # R/feature-spec.R) takes strings; Keras wants them as an object array
        return np.asarray([value] if isinstance(value, (str, bytes)) else value).astype(str).astype(object)
    if isinstance(value, (str, bytes)) or _is_string_list(value):
        raise _not_numeric(arg, "character")
    if isinstance(value, (list, tuple)) and _is_plain_number_list(value):
        value = np.asarray(value)
    if isinstance(value, (numbers.Number, np.generic)) and not isinstance(value, np.ndarray):
        value = np.asarray([value])
    if not isinstance(value, np.ndarray):
        return value  # tensors, datasets, generators: Keras knows them
    if value.dtype.kind == "c":
        raise _not_numeric(arg, "complex")
    if value.dtype.kind in "Mm":
        raise _not_numeric(arg, "date")
    if value.dtype.kind == "f":
        # the single copy (dtype + order at once)
        out, bad = _cast_copy(value, keras_dtype(value, dtype), check_inf=not _allow_inf.get())
        if bad == "nan":
            raise MissingValueError(
                f"`{arg}` contains NA/NaN values. Remove or impute them before training "
                f"(e.g. {'x[is.na(x)] <- 0' if frontend.is_r() else 'np.nan_to_num(x)'}).", arg)
        if bad == "inf":
            allow = "fit(..., allow_inf = TRUE) or options(kerasbridge.allow_inf = TRUE)" if frontend.is_r() else "allow_inf=True"
            raise MissingValueError(
                f"`{arg}` contains Inf/-Inf values (or numbers too large for {out.dtype.name}), which turn the weights "
                f"into NaN. Replace them (e.g. {'x[is.infinite(x)] <- 0' if frontend.is_r() else 'np.nan_to_num(x)'}), "
                f"or allow them with {allow}.", arg)
        return out
    if value.dtype.kind in "iu":
        if value.dtype == np.int32 and value.size and value.min() == INT32_NA:
            raise MissingValueError(f"`{arg}` contains NA values. Remove or impute them first.", arg)
        return np.ascontiguousarray(value)
    if value.dtype.kind == "b":
        return np.ascontiguousarray(value)
    if value.dtype.kind in "US" or (value.dtype.kind == "O" and value.size and isinstance(value.flat[0], (str, bytes))):
        raise _not_numeric(arg, "character")
    if value.dtype.kind == "O":
        raise ArgumentError(f"`{arg}` must be a numeric array, received an array of "
                            f"{type(value.flat[0]).__name__ if value.size else 'objects'}.", arg)
    return value


def n_samples(value):
    if isinstance(value, np.ndarray):
        return value.shape[0] if value.ndim else 1
    dense_shape = getattr(value, "dense_shape", None)  # a tf.SparseTensor
    if dense_shape is not None:
        try:
            return int(dense_shape[0])
        except (TypeError, ValueError):
            return None
    return None


def _struct_keys(model, which, tensors):
    """The names data is matched by, one per tensor of ``model.<which>s``: for a model
    built on a dict (R: a named list), the dict's keys, as Keras 2 and Keras 3 both
    match data to them; None for a tensor outside such a dict."""
    graph = getattr(model, "_functional", None) or model  # a Sequential model's graph
    struct = getattr(graph, f"_{which}s_struct", None)
    if not isinstance(struct, dict):
        return [None] * len(tensors)
    key_of = {id(v): k for k, v in struct.items()}
    return [key_of.get(id(t)) for t in tensors]


def model_output_names(model):
    """The model's output names ([] when unknown, e.g. an unbuilt Sequential): the
    keys of the dict it was built on, else Keras' output names."""
    try:
        names = list(getattr(model, "output_names", None) or [])
        keys = _struct_keys(model, "output", list(model.outputs)) if names else []
    except Exception:
        return []
    return [k if k is not None else n for k, n in zip(keys, names)] if len(keys) == len(names) else names


def _input_specs(model):
    """(name, shape, dtype) of each model input, or [] when unknown; the name is
    the key of the dict the model was built on (see _struct_keys), else the
    input's own name."""
    try:
        inputs = model.inputs
    except Exception:
        return []
    if not inputs:
        return []
    keys = _struct_keys(model, "input", list(inputs))
    return [(k if k is not None else getattr(t, "name", None), tuple(t.shape), getattr(t, "dtype", "float32"))
            for k, t in zip(keys, inputs)]


def _inputs_are_a_list(model):
    """True when the model was built on a list of inputs (keras_model(list(input), ...)):
    Keras 3 then takes its one input as a list of one, else as the array itself."""
    graph = getattr(model, "_functional", None) or model  # a Sequential model's graph
    return isinstance(getattr(graph, "_inputs_struct", None), (list, tuple))


def _check_shape(arr, expected, arg, what):
    if expected is None:
        return arr
    arr = keras2_data.expand_1d(arr, expected)  # Keras 2: a vector is n samples for an input of shape (None, 1)
    if getattr(arr, "dense_shape", None) is not None:  # a tf.SparseTensor (from a dgCMatrix)
        got = tuple(int(d) for d in np.asarray(arr.dense_shape))
    elif isinstance(arr, np.ndarray):
        got = arr.shape
    else:
        return arr
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
    return arr


def _check_known_names(given, names, arg, what):
    unknown = [k for k in given if k not in names]
    if unknown:
        raise InputNameError(
            f"`{arg}` has names that match no model {what}: {frontend.fmt_names(unknown)}. "
            f"The model's {what}s are named {frontend.fmt_names(names)}.", arg)


def _check_not_empty(value, arg):
    if isinstance(value, (list, tuple, dict)) and len(value) == 0:
        raise ArgumentError(
            f"`{arg}` must hold data, received an empty {'list or vector' if frontend.is_r() else type(value).__name__}.", arg)


def as_inputs(x, model, arg="x"):
    """Model inputs: one array, a list (positional) or a dict (named)."""
    if x is None:
        return None
    _check_not_empty(x, arg)
    specs = _input_specs(model)
    names = [s[0] for s in specs]
    if isinstance(x, dict):
        if len(specs) == 1 and any(k not in names for k in x):
            # the model's one input has an internal name ("keras_tensor_72") users never chose
            raise InputNameError(
                f"`{arg}` must be one array: the model has a single input, received "
                f"{'a named list' if frontend.is_r() else 'a dict'} with {len(x)} element(s) "
                f"{frontend.fmt_names(list(x))}. "
                f"{'Pass a matrix or array (for a data frame of numbers: as.matrix(x)).' if frontend.is_r() else 'Pass one array.'}", arg)
        if specs:
            _check_known_names(x, names, arg, "input")
            missing = [n for n in names if n not in x]
            if missing:
                raise InputNameError(
                    f"`{arg}` is missing model inputs {frontend.fmt_names(missing)}; "
                    f"it must have one entry per input: {frontend.fmt_names(names)}.", arg)
        out = {}
        for k, v in x.items():
            spec = specs[names.index(k)] if k in names else None
            a = as_array(v, element_label(arg, k), spec[2] if spec else None)
            if spec:
                a = _check_shape(a, spec[1], element_label(arg, k), f"model input {frontend.fmt_value(k)}")
            out[k] = a
        return out
    if isinstance(x, (list, tuple)) and not _is_plain_number_list(x) and not _is_string_list(x):
        if len(specs) == 1 and len(x) != 1:
            raise InputShapeError(
                f"`{arg}` must be one array: the model has a single input, received "
                f"{'an unnamed list' if frontend.is_r() else 'a list'} of {len(x)} elements. "
                f"{'Pass a matrix or array with one row per sample (e.g. do.call(rbind, x)).' if frontend.is_r() else 'Pass one array (e.g. np.stack(x)).'}", arg)
        if specs and len(x) != len(specs):
            raise InputShapeError(
                f"`{arg}` has {len(x)} elements but the model has {len(specs)} input(s) "
                f"{frontend.fmt_names(names)}.", arg)
        out = []
        for i, v in enumerate(x):
            label = element_label(arg, i)
            spec = specs[i] if specs else None
            a = as_array(v, label, spec[2] if spec else None)
            if spec:
                a = _check_shape(a, spec[1], label, f"model input {frontend.fmt_value(spec[0])}")
            out.append(a)
        if len(specs) == 1 and not _inputs_are_a_list(model):
            return out[0]  # list(x) for a model of one input, as Keras 2 took it (Keras 3 warns)
        if specs and None not in (keys := _struct_keys(model, "input", list(model.inputs))):
            return dict(zip(keys, out))  # positional data for a model built on a named list
        return out
    spec = specs[0] if len(specs) == 1 else None
    if len(specs) > 1 and isinstance(x, np.ndarray):
        raise InputShapeError(
            f"`{arg}` is a single array but the model has {len(specs)} inputs {frontend.fmt_names(names)}. "
            f"Pass {'a named list' if frontend.is_r() else 'a dict'} with one array per input.", arg)
    a = as_array(x, arg, spec[2] if spec else None)
    if spec:
        a = _check_shape(a, spec[1], arg, "the model input")
        if spec[2] == "string" and isinstance(a, np.ndarray) and a.dtype == object:
            # the model's one input takes strings: Keras 3's fit/predict refuse NumPy object
            # arrays ("Invalid dtype: object") but take a TensorFlow string tensor
            import tensorflow as tf
            a = tf.constant(a.astype(str))
    return a


def as_targets(y, model, arg="y"):
    """Targets: one array, a list (positional) or a dict (by output name)."""
    if y is None:
        return None
    _check_not_empty(y, arg)
    if isinstance(y, dict):
        names = model_output_names(model)
        if names:
            _check_known_names(y, names, arg, "output")
        return {k: as_array(v, element_label(arg, k)) for k, v in y.items()}
    if isinstance(y, (list, tuple)) and not _is_plain_number_list(y) and not _is_string_list(y):
        if len(y) > 1:
            _check_positional_targets(model, arg)
        return [as_array(v, element_label(arg, i)) for i, v in enumerate(y)]
    return as_array(y, arg)


def _check_positional_targets(model, arg):
    """A model built on a named list of outputs takes named targets, as Keras 2
    did: Keras 3 would match an unnamed list to its outputs in sorted-name order,
    not the order the user wrote them in."""
    try:
        keys = _struct_keys(model, "output", list(model.outputs))
    except Exception:
        return
    if keys and None not in keys:
        named = "a named list" if frontend.is_r() else "a dict"
        raise InputNameError(
            f"`{arg}` must be {named} with one entry per output: the model's outputs were given as "
            f"{named} {frontend.fmt_names(keys)}, received an unnamed {'list' if frontend.is_r() else 'sequence'}.", arg)


def _flat_arrays(value, arg):
    if isinstance(value, dict):
        return [(element_label(arg, k), v) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [(element_label(arg, i), v) for i, v in enumerate(value)]
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


def adapt(layer, data, **kwargs):
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


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1, sampling_rate=1, batch_size=128,
                                  shuffle=False, seed=None, start_index=None, end_index=None, **kwargs):
    """keras.utils.timeseries_dataset_from_array with R-shaped arguments. Rows
    are counted as the user counts them: from R, `start_index` and `end_index`
    are 1-based and inclusive (R keras 2.x), from Python Keras' 0-based start
    and exclusive end (the same number for the end). As in R keras 2.x, an R
    start of 0 means the first row and a negative R end counts from the last."""
    import keras
    data = as_array(data, "data")
    targets = as_array(targets, "targets") if targets is not None else None
    start_index = as_int(start_index, "start_index")
    end_index = as_int(end_index, "end_index")
    if frontend.is_r():
        # R keras 2.x's translation: a start of 0 stays 0 (scripts written for the
        # 0-based Python API pass start_index = 0); an end of -1 is the last row
        if start_index is not None and start_index >= 1:
            start_index -= 1
        if end_index is not None and end_index < 0:
            end_index = None if end_index == -1 else len(data) + end_index + 1
    return keras.utils.timeseries_dataset_from_array(
        data, targets, sequence_length=as_int(sequence_length, "sequence_length"),
        sequence_stride=as_int(sequence_stride, "sequence_stride"), sampling_rate=as_int(sampling_rate, "sampling_rate"),
        batch_size=as_int(batch_size, "batch_size"), shuffle=bool(shuffle), seed=as_int(seed, "seed"),
        start_index=start_index, end_index=end_index, **kwargs)
