"""tf.data helpers behind the R ``dataset_*`` functions (tfdatasets names).

Two things need Python:

* Building a dataset from R data in at most ONE copy. reticulate hands an R
  array over as a read-only, Fortran-ordered view of R's memory. We copy it
  once into a 64-byte-aligned, C-ordered buffer of the target dtype (float32
  for R doubles: ``convert.keras_dtype``, as for model inputs), then hand that buffer to
  TensorFlow through DLPack, which shares it (``tf.constant`` would copy twice
  more; an unaligned DLPack buffer aborts the process, hence the alignment).
* Keeping R on R's main thread. tf.data runs ``map``/``filter`` functions on
  its own worker threads. An R function is only ever run while TensorFlow
  *traces* it (on the calling thread); the guard below makes any later call
  from another thread raise a clear error instead of entering R (which would
  crash the process with reticulate 1.28), and ``map``/``filter`` refuse
  functions whose graph calls back into Python (``tf.py_function``).
"""

import os

import numpy as np
import tensorflow as tf

from . import argspec, frontend
from .argspec import as_count, as_int, as_shape
from .convert import INT32_NA, element_label, friendly_type, keras_dtype
from .errors import ArgumentError, MissingValueError, RThreadError, r_result  # noqa: F401 (data.RThreadError)
from .replicas import enter_r

_ALIGN = 64  # Eigen's largest alignment; TensorFlow refuses less for zero-copy


def _aligned_empty(shape, dtype):
    dtype = np.dtype(dtype)
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    buf = np.empty(nbytes + _ALIGN, dtype=np.uint8)
    offset = (-buf.ctypes.data) % _ALIGN
    return buf[offset:offset + nbytes].view(dtype).reshape(shape)


def as_tensor(value, arg="x", dtype=None):
    """One R array/vector -> tensor, copying R's memory exactly once."""
    if tf.is_tensor(value) or isinstance(value, tf.Variable):
        return value if dtype is None else tf.cast(value, dtype)
    if isinstance(value, str) or (isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value)):
        return tf.constant(value if isinstance(value, (list, tuple)) else [value])
    if isinstance(value, (list, tuple)):
        value = np.asarray(value)
    if isinstance(value, (bool, int, float, np.generic)):
        value = np.asarray([value])
    if not isinstance(value, np.ndarray):
        raise ArgumentError(
            f"`{arg}` must be an array, vector, data frame or (named) list of those, "
            f"received {friendly_type(value)}.", arg)
    if value.dtype.kind in "OUS":
        return tf.constant(value.astype(str))
    if value.dtype == np.int32 and value.size and value.min() == INT32_NA:
        raise MissingValueError(
            f"`{arg}` contains NA values, which integer tensors can't hold. "
            f"Remove or impute them first.", arg)
    # the dtype policy is convert's (shared with model inputs); `dtype` forces a cast
    target = np.dtype(tf.as_dtype(dtype).as_numpy_dtype) if dtype is not None else keras_dtype(value)
    if target.kind == "b" or value.ndim == 0:
        return tf.constant(np.asarray(value, dtype=target, order="C"))
    out = _aligned_empty(value.shape, target)
    np.copyto(out, value, casting="unsafe")  # the one copy: order and dtype at once
    return tf.experimental.dlpack.from_dlpack(out.__dlpack__())


_SCALARS = (int, float, bool, str, np.generic)


def as_structure(value, arg="x", scalars=False):
    """R data -> the element structure of a dataset.

    named list / data frame -> dict; unnamed list -> tuple; array -> tensor.
    ``scalars``: a scalar stays one (a 0-d tensor) and every list is a tuple,
    as ``from_tensors()`` makes them (R tfdatasets hands its argument to
    reticulate, which makes an R vector of length 1 a scalar).
    """
    if isinstance(value, dict):
        return {k: as_structure(v, element_label(arg, k), scalars) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and value and (
            scalars or not all(isinstance(v, _SCALARS) for v in value)):
        return tuple(as_structure(v, element_label(arg, i), scalars)
                     for i, v in enumerate(value))
    if scalars and isinstance(value, _SCALARS):
        return tf.constant(value)
    return as_tensor(value, arg)


def _count_rows(structure):
    return [t.shape[0] if t.shape.rank else None for t in tf.nest.flatten(structure)]


def tensor_slices_dataset(tensors):
    """Dataset of the slices along the first (R) dimension."""
    structure = as_structure(tensors, "tensors")
    rows = [n for n in _count_rows(structure) if n is not None]
    if any(t.shape.rank == 0 for t in tf.nest.flatten(structure)):
        raise ArgumentError("`tensors` must have at least one dimension to slice along; "
                            "use tensors_dataset() for a single element.", "tensors")
    if len(set(rows)) > 1:
        raise ArgumentError(
            f"All components of `tensors` must have the same number of rows (first dimension), "
            f"received {', '.join(str(n) for n in rows)}.", "tensors")
    return tf.data.Dataset.from_tensor_slices(structure)


def tensors_dataset(tensors):
    """Dataset with one element: the whole of ``tensors``; a scalar stays a
    scalar (``tensors_dataset("foo")``: a string, not a vector of one)."""
    return tf.data.Dataset.from_tensors(as_structure(tensors, "tensors", scalars=True))


def _to_element(value):
    """What an R function returns -> a tf.data element (lists become tuples)."""
    if isinstance(value, list):
        return tuple(_to_element(v) for v in value)
    if isinstance(value, dict):
        return {k: _to_element(v) for k, v in value.items()}
    return value


def main_thread_only(fn, what):
    """Wrap an R function so it can only run on the main (R) thread."""
    otherwise = (
        f"{what} tried to run R code on a TensorFlow worker thread. R code runs only "
        f"while the function is traced, on R's thread; the function must be written "
        f"with TensorFlow operations (tf$...), not tf$py_function() or R computations on values.")

    def guarded(*args):
        # replicas.enter_r: the one way into R; an R error comes back as an RFailure
        return enter_r(f"The function given to {what}", lambda *a: r_result(fn(*a)), *args,
                       otherwise=otherwise)
    return guarded


def _element_fn(fn, what, returns_element=True):
    guarded = main_thread_only(fn, what)

    # AutoGraph would try to rewrite this wrapper (and wrap our errors in StagingError)
    @tf.autograph.experimental.do_not_convert
    def call(*args):
        # tf.data unpacks tuple elements into positional arguments; dicts come whole
        out = guarded(*args)
        return _to_element(out) if returns_element else out
    return call


_PY_CALLBACK_OPS = {"PyFunc", "PyFuncStateless", "EagerPyFunc"}


def _graph_op_types(graph):
    gd = graph.as_graph_def()
    ops = {n.op for n in gd.node}
    for f in gd.library.function:
        ops.update(n.op for n in f.node_def)
    return ops


def _check_no_callbacks(ds, what):
    """Refuse map/filter functions whose graph calls Python (and so R) per element."""
    fn = getattr(ds, "_map_func", None) or getattr(ds, "_predicate", None)
    graph = getattr(getattr(fn, "function", None), "graph", None)
    if graph is None:
        return
    if _graph_op_types(graph) & _PY_CALLBACK_OPS:
        raise ArgumentError(
            f"The function given to {what} calls tf$py_function() or tf$numpy_function(); "
            f"TensorFlow would run it on its worker threads, where R code can't run. "
            f"Write the function with TensorFlow operations (tf$...) only.", "map_func")


def _parallel(n):
    if n is None:
        return None
    n = as_count(n, "num_parallel_calls")
    return tf.data.AUTOTUNE if not tf.is_tensor(n) and n < 0 else n


def dataset_map(dataset, map_func, num_parallel_calls=None, deterministic=None, name=None):
    kwargs = {}
    if num_parallel_calls is not None:
        kwargs["num_parallel_calls"] = _parallel(num_parallel_calls)
    if deterministic is not None:
        kwargs["deterministic"] = bool(deterministic)
    if name is not None:
        kwargs["name"] = name
    out = dataset.map(_element_fn(map_func, "dataset_map()"), **kwargs)
    _check_no_callbacks(out, "dataset_map()")
    return out


def dataset_filter(dataset, predicate, name=None):
    kwargs = {"name": name} if name is not None else {}
    fn = _element_fn(predicate, "dataset_filter()", returns_element=False)

    @tf.autograph.experimental.do_not_convert
    def pred(*args):
        out = fn(*args)
        out = tf.convert_to_tensor(out)
        if out.dtype != tf.bool or out.shape.rank not in (0, None):
            raise ArgumentError(
                f"The predicate given to dataset_filter() must return a single TRUE/FALSE "
                f"(a scalar bool tensor), received a {out.dtype.name} tensor of shape "
                f"{frontend.fmt_shape(out.shape.as_list()) if out.shape.rank is not None else 'unknown'}.",
                "predicate")
        return out
    out = dataset.filter(pred, **kwargs)
    _check_no_callbacks(out, "dataset_filter()")
    return out


def zip_datasets(datasets):
    if isinstance(datasets, dict):
        return tf.data.Dataset.zip(datasets)
    return tf.data.Dataset.zip(tuple(datasets))


def element_spec(dataset):
    """A readable description of a dataset's element: name -> (shape, dtype)."""
    out = []

    def walk(spec, path):
        if isinstance(spec, dict):
            for k, v in spec.items():
                walk(v, element_label(path, k))
        elif isinstance(spec, (tuple, list)):
            for i, v in enumerate(spec):
                walk(v, element_label(path, i))
        else:
            shape = getattr(spec, "shape", None)
            dims = shape.as_list() if shape is not None and shape.rank is not None else None
            out.append((path, dims, getattr(getattr(spec, "dtype", None), "name", type(spec).__name__)))
    walk(dataset.element_spec, "")
    return out


def as_numpy_iterator(dataset):
    return dataset.as_numpy_iterator()


# ---- more transformations (R/data-transform.R) -----------------------------
#
# Functions of an element (flat_map, interleave, reduce) follow dataset_map():
# an R function runs only while TensorFlow traces it, on the calling thread,
# and a graph that would call back into Python (and so R) is refused.

def _check_dataset_result(fn, what):
    """A flat_map/interleave function must return a dataset."""
    @tf.autograph.experimental.do_not_convert
    def call(*args):
        out = fn(*args)
        if not isinstance(out, tf.data.Dataset):
            raise ArgumentError(
                f"The function given to {what} must return a dataset (e.g. tensor_slices_dataset(x)), "
                f"received {friendly_type(out)}.", "map_func")
        return out
    return call


def dataset_flat_map(dataset, map_func, name=None):
    kwargs = {"name": name} if name is not None else {}
    fn = _check_dataset_result(_element_fn(map_func, "dataset_flat_map()", returns_element=False),
                               "dataset_flat_map()")
    out = dataset.flat_map(fn, **kwargs)
    _check_no_callbacks(out, "dataset_flat_map()")
    return out


def dataset_interleave(dataset, map_func, cycle_length=None, block_length=None, name=None):
    """Sequential interleave: no parallel calls, so the traced graph runs on one thread."""
    kwargs = argspec.coerce("data", {"cycle_length": cycle_length, "block_length": block_length})
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    if name is not None:
        kwargs["name"] = name
    fn = _check_dataset_result(_element_fn(map_func, "dataset_interleave()", returns_element=False),
                               "dataset_interleave()")
    out = dataset.interleave(fn, **kwargs)
    _check_no_callbacks(out, "dataset_interleave()")
    return out


def as_state(value, arg="initial_state"):
    """R values -> a reduce state: lists become tuples, numbers SCALAR tensors
    (R doubles float32, R integers int32, as everywhere in kerasbridge)."""
    if tf.is_tensor(value) or isinstance(value, tf.Variable):
        return value
    if isinstance(value, dict):
        return {k: as_state(v, element_label(arg, k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(as_state(v, element_label(arg, i))
                     for i, v in enumerate(value))
    if isinstance(value, bool):
        return tf.constant(value)
    if isinstance(value, int):
        return tf.constant(value, tf.int32)
    if isinstance(value, float):
        return tf.constant(value, tf.float32)
    if isinstance(value, str):
        return tf.constant(value)
    return as_tensor(value, arg)


def dataset_reduce(dataset, initial_state, reduce_func):
    state = as_state(initial_state)
    guarded = main_thread_only(reduce_func, "dataset_reduce()")

    @tf.autograph.experimental.do_not_convert
    def call(old_state, element):
        out = _to_element(guarded(old_state, element))
        try:
            tf.nest.assert_same_structure(state, out)
        except (ValueError, TypeError):
            raise ArgumentError(
                "The function given to dataset_reduce() must return a new state with the structure "
                "of `initial_state` (the same list/named-list nesting).", "reduce_func") from None
        # the state keeps the dtype of `initial_state`: R numbers in the result are cast to it
        return tf.nest.map_structure(
            lambda s, o: o if tf.is_tensor(o) and o.dtype == s.dtype else tf.cast(o, s.dtype), state, out)
    return dataset.reduce(state, call)


def _leaf_spec(spec):
    return not isinstance(spec, (dict, tuple, list))


def _match_structure(value, spec, leaf, arg, broadcast=False):
    """Walk ``value`` (R lists -> Python lists/dicts) along the dataset's element
    structure, applying ``leaf(value, spec, arg)`` to each component's value."""
    if _leaf_spec(spec):
        return leaf(value, spec, arg)
    structured = isinstance(value, (dict, list, tuple))
    if not structured and (value is None or broadcast):
        items = spec.items() if isinstance(spec, dict) else enumerate(spec)
        out = {k: _match_structure(value, s, leaf, arg, broadcast) for k, s in items}
        return out if isinstance(spec, dict) else tuple(out[i] for i in range(len(spec)))
    if isinstance(spec, dict):
        if not isinstance(value, dict) or set(value) != set(spec):
            raise ArgumentError(
                f"`{arg}` must be a named list with the element's names ({', '.join(spec)}), "
                f"received {', '.join(value) if isinstance(value, dict) else type(value).__name__}.", arg)
        return {k: _match_structure(value[k], s, leaf, element_label(arg, k),
                                    broadcast) for k, s in spec.items()}
    if not isinstance(value, (list, tuple)) or len(value) != len(spec):
        raise ArgumentError(
            f"`{arg}` must be a list of {len(spec)} (one per component of the element), "
            f"received {len(value) if isinstance(value, (list, tuple)) else type(value).__name__}.", arg)
    return tuple(_match_structure(v, s, leaf, element_label(arg, i),
                                  broadcast) for i, (v, s) in enumerate(zip(value, spec)))


def _padded_shape(value, spec, arg):
    if value is None:
        return spec.shape  # unknown dimensions: the longest in each batch
    if isinstance(value, tf.TensorShape) or tf.is_tensor(value):
        return value
    # the shape policy: NA/NULL/-1 (unknown) pad to the longest in the batch
    return tf.TensorShape(list(as_shape(value, arg)))


def _padding_value(value, spec, arg):
    dtype = spec.dtype
    if value is None:
        return tf.constant("" if dtype == tf.string else 0, dtype) if dtype != tf.bool else tf.constant(False)
    if tf.is_tensor(value):
        return value if value.dtype == dtype else tf.cast(value, dtype)
    arr = np.asarray(value)
    if arr.size != 1:
        raise ArgumentError(f"`{arg}` must be a single value, received {arr.size} values.", arg)
    if dtype == tf.string:
        return tf.constant(str(arr.reshape(())), dtype)
    if dtype.is_integer and arr.dtype.kind == "f" and not float(arr) == round(float(arr)):
        raise ArgumentError(f"`{arg}` must be a whole number to pad a {dtype.name} component, received {float(arr)}.", arg)
    return tf.constant(arr.reshape(()).astype(dtype.as_numpy_dtype), dtype)


def dataset_padded_batch(dataset, batch_size, padded_shapes=None, padding_values=None,
                         drop_remainder=False, name=None):
    spec = dataset.element_spec
    shapes = _match_structure(padded_shapes, spec, _padded_shape, "padded_shapes")
    values = _match_structure(padding_values, spec, _padding_value, "padding_values", broadcast=True)
    kwargs = {"name": name} if name is not None else {}
    return dataset.padded_batch(as_count(batch_size, "batch_size"), padded_shapes=shapes, padding_values=values,
                                drop_remainder=bool(drop_remainder), **kwargs)


# ---- file sources (R/data-files.R) ----------------------------------------

def _as_patterns(x, arg):
    """File names or glob patterns -> a list of them, `~` expanded."""
    patterns = [x] if isinstance(x, str) else x
    if not isinstance(patterns, (list, tuple)) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise ArgumentError(f"`{arg}` must be one or more file names or patterns, not {friendly_type(x)}.", arg)
    return [os.path.expanduser(p) for p in patterns]


def _resolve_files(patterns, arg):
    """Each name or glob pattern -> the files it matches, in order; none is an error.
    A string tensor (a file name inside dataset_interleave()) goes to TensorFlow as it is."""
    if tf.is_tensor(patterns) and patterns.dtype == tf.string:
        return patterns
    files = []
    for p in _as_patterns(patterns, arg):
        found = sorted(tf.io.gfile.glob(p))
        if not found:
            raise ArgumentError(f"No file matches `{arg}` = {p!r}.", arg)
        files.extend(found)
    return files


def _compression(compression_type, files):
    if compression_type is None:
        return ""
    c = str(compression_type)
    if c.lower() == "auto":
        if tf.is_tensor(files):
            return ""
        if any(f.endswith(".gz") for f in files):
            return "GZIP"
        if any(f.endswith(".zlib") for f in files):
            return "ZLIB"
        return ""
    if c.upper() not in ("", "GZIP", "ZLIB"):
        raise ArgumentError(f"`compression_type` must be NULL, \"auto\", \"GZIP\" or \"ZLIB\", received {c!r}.",
                            "compression_type")
    return c.upper()


def text_line_dataset(filenames, compression_type=None):
    files = _resolve_files(filenames, "filenames")
    return tf.data.TextLineDataset(files, compression_type=_compression(compression_type, files))


def file_list_dataset(file_pattern, shuffle=None, seed=None):
    patterns = _as_patterns(file_pattern, "file_pattern")
    _resolve_files(patterns, "file_pattern")  # a clear error now, not when iterating
    kwargs = {}
    if shuffle is not None:
        kwargs["shuffle"] = bool(shuffle)
    if seed is not None:
        kwargs["seed"] = as_count(seed, "seed")
    return tf.data.Dataset.list_files(patterns if len(patterns) > 1 else patterns[0], **kwargs)


def make_csv_dataset(file_pattern, batch_size, **kwargs):
    """tf.data.experimental.make_csv_dataset with plain-dict features (OrderedDict
    would not become a named list in R)."""
    patterns = _as_patterns(file_pattern, "file_pattern")
    _resolve_files(patterns, "file_pattern")
    for key in ("column_names", "select_columns", "column_defaults"):
        if key in kwargs and kwargs[key] is not None and not isinstance(kwargs[key], (list, tuple)):
            kwargs[key] = [kwargs[key]]
    kwargs = argspec.coerce("data", kwargs)
    if kwargs.get("select_columns") is not None:
        # 0-based column numbers, as in tfdatasets and TensorFlow
        kwargs["select_columns"] = [as_int(c, "select_columns") if isinstance(c, (int, float, np.number)) and not isinstance(c, bool)
                                    else c for c in kwargs["select_columns"]]
    label = kwargs.get("label_name")
    ds = tf.data.experimental.make_csv_dataset(patterns, as_count(batch_size, "batch_size"), **kwargs)
    if label is None:
        return ds.map(lambda features: dict(features))
    return ds.map(lambda features, y: (dict(features), y))


# ---- directories of files (R/data-files.R) ---------------------------------

def _from_directory(fn, directory, kwargs):
    import keras
    kwargs = argspec.coerce("data", kwargs)  # image_size = c(256, 256), batch_size, seed
    return getattr(keras.utils, fn)(os.path.expanduser(directory), **kwargs)


def image_dataset_from_directory(directory, **kwargs):
    """keras.utils.image_dataset_from_directory with R's numbers (doubles) coerced."""
    return _from_directory("image_dataset_from_directory", directory, kwargs)


def text_dataset_from_directory(directory, **kwargs):
    """keras.utils.text_dataset_from_directory with R's numbers (doubles) coerced."""
    return _from_directory("text_dataset_from_directory", directory, kwargs)


def audio_dataset_from_directory(directory, **kwargs):
    """keras.utils.audio_dataset_from_directory (WAV files) with R's numbers coerced."""
    return _from_directory("audio_dataset_from_directory", directory, kwargs)


def split_dataset(dataset, left_size=None, right_size=None, shuffle=False, seed=None):
    """keras.utils.split_dataset: two tf.data datasets; sizes are counts (whole
    numbers) or fractions (numbers below 1)."""
    import keras

    def size(v, arg):
        if v is None:
            return None
        v = float(v)
        if v <= 0:
            raise ArgumentError(f"`{arg}` must be a count or a fraction above 0, received {v}.", arg)
        return v if v < 1 else int(v)
    if isinstance(dataset, list):
        dataset = tuple(dataset)
    return keras.utils.split_dataset(dataset, left_size=size(left_size, "left_size"),
                                     right_size=size(right_size, "right_size"), shuffle=bool(shuffle),
                                     seed=None if seed is None else argspec.coerce("data", {"seed": seed})["seed"])


# ---- the remaining tfdatasets transformations (R/data-transform.R) ---------

def _check_fn_graph(fn_attr_owner, attr, what):
    """Like _check_no_callbacks, for the transformations that keep their traced
    function under another attribute (scan, take_while, group_by_window)."""
    fn = getattr(fn_attr_owner, attr, None)
    graph = getattr(getattr(fn, "function", None), "graph", None)
    if graph is not None and _graph_op_types(graph) & _PY_CALLBACK_OPS:
        raise ArgumentError(
            f"The function given to {what} calls tf$py_function() or tf$numpy_function(); "
            f"TensorFlow would run it on its worker threads, where R code can't run. "
            f"Write the function with TensorFlow operations (tf$...) only.", "func")


def _scalar_bool(fn, what, arg):
    @tf.autograph.experimental.do_not_convert
    def pred(*args):
        out = tf.convert_to_tensor(fn(*args))
        if out.dtype != tf.bool or out.shape.rank not in (0, None):
            raise ArgumentError(f"The function given to {what} must return a single TRUE/FALSE "
                                f"(a scalar bool tensor), received a {out.dtype.name} tensor.", arg)
        return out
    return pred


def dataset_take_while(dataset, predicate, name=None):
    kwargs = {"name": name} if name is not None else {}
    fn = _scalar_bool(_element_fn(predicate, "dataset_take_while()", returns_element=False),
                      "dataset_take_while()", "predicate")
    out = dataset.take_while(fn, **kwargs)
    _check_fn_graph(out, "_predicate", "dataset_take_while()")
    return out


def dataset_scan(dataset, initial_state, scan_func, name=None):
    """scan_func(state, element) -> list(new_state, output)."""
    state = as_state(initial_state)
    guarded = main_thread_only(scan_func, "dataset_scan()")

    @tf.autograph.experimental.do_not_convert
    def call(old_state, *element):
        out = _to_element(guarded(old_state, *element))
        if not isinstance(out, tuple) or len(out) != 2:
            raise ArgumentError("The function given to dataset_scan() must return list(new_state, output).",
                                "scan_func")
        new_state, value = out
        try:
            tf.nest.assert_same_structure(state, new_state)
        except (ValueError, TypeError):
            raise ArgumentError("The new state returned to dataset_scan() must have the structure of "
                                "`initial_state`.", "scan_func") from None
        new_state = tf.nest.map_structure(
            lambda s, o: o if tf.is_tensor(o) and o.dtype == s.dtype else tf.cast(o, s.dtype), state, new_state)
        return new_state, value
    kwargs = {"name": name} if name is not None else {}
    out = dataset.scan(state, call, **kwargs)
    _check_fn_graph(out, "_scan_func", "dataset_scan()")
    return out


def dataset_group_by_window(dataset, key_func, reduce_func, window_size=None, window_size_func=None, name=None):
    key = main_thread_only(key_func, "dataset_group_by_window()")
    red = main_thread_only(reduce_func, "dataset_group_by_window()")

    @tf.autograph.experimental.do_not_convert
    def key_fn(*el):
        return tf.cast(key(*el), tf.int64)

    @tf.autograph.experimental.do_not_convert
    def reduce_fn(k, window):
        out = red(k, window)
        if not isinstance(out, tf.data.Dataset):
            raise ArgumentError("`reduce_func` must return a dataset (e.g. dataset_batch(window, 2)), "
                                f"received {friendly_type(out)}.", "reduce_func")
        return out
    kwargs = {}
    if window_size is not None:
        kwargs["window_size"] = as_count(window_size, "window_size")
    if window_size_func is not None:
        wsf = main_thread_only(window_size_func, "dataset_group_by_window()")
        kwargs["window_size_func"] = tf.autograph.experimental.do_not_convert(lambda k: tf.cast(wsf(k), tf.int64))
    if name is not None:
        kwargs["name"] = name
    return dataset.group_by_window(key_fn, reduce_fn, **kwargs)


def dataset_bucket_by_sequence_length(dataset, element_length_func, bucket_boundaries, bucket_batch_sizes,
                                      padded_shapes=None, padding_values=None, pad_to_bucket_boundary=False,
                                      no_padding=False, drop_remainder=False, name=None):
    length = main_thread_only(element_length_func, "dataset_bucket_by_sequence_length()")
    spec = dataset.element_spec
    kwargs = {}
    if padded_shapes is not None:
        kwargs["padded_shapes"] = _match_structure(padded_shapes, spec, _padded_shape, "padded_shapes")
    if padding_values is not None:
        kwargs["padding_values"] = _match_structure(padding_values, spec, _padding_value, "padding_values",
                                                    broadcast=True)
    if name is not None:
        kwargs["name"] = name
    return dataset.bucket_by_sequence_length(
        tf.autograph.experimental.do_not_convert(lambda *el: tf.cast(length(*el), tf.int32)),
        [as_count(b, "bucket_boundaries") for b in bucket_boundaries],
        [as_count(b, "bucket_batch_sizes") for b in bucket_batch_sizes],
        pad_to_bucket_boundary=bool(pad_to_bucket_boundary), no_padding=bool(no_padding),
        drop_remainder=bool(drop_remainder), **kwargs)


def dataset_rejection_resample(dataset, class_func, target_dist, initial_dist=None, seed=None, name=None):
    cls = main_thread_only(class_func, "dataset_rejection_resample()")
    kwargs = {}
    if initial_dist is not None:
        kwargs["initial_dist"] = [float(v) for v in np.ravel(initial_dist)]
    if seed is not None:
        kwargs["seed"] = as_count(seed, "seed")
    if name is not None:
        kwargs["name"] = name
    return dataset.rejection_resample(
        tf.autograph.experimental.do_not_convert(lambda *el: tf.cast(cls(*el), tf.int32)),
        [float(v) for v in np.ravel(target_dist)], **kwargs)


def dataset_prepare(dataset, x, y=None, named=True, named_features=False, batch_size=None, drop_remainder=False):
    """tfdatasets' dataset_prepare(): features (stacked into one float32 matrix
    unless named_features) and the response, as list(x, y)."""
    spec = dataset.element_spec
    if not isinstance(spec, dict):
        raise ArgumentError("`dataset` must have named-list elements (one per column), e.g. "
                            "tensor_slices_dataset(df) or a CSV dataset.", "dataset")
    missing = [k for k in list(x) + ([y] if y else []) if k not in spec]
    if missing:
        raise ArgumentError(f"`dataset` lacks the column(s) {', '.join(missing)}; it has {', '.join(spec)}.", "x")
    x = list(x)
    if batch_size is not None:
        dataset = dataset.batch(as_count(batch_size, "batch_size"), drop_remainder=bool(drop_remainder))

    def features(el):
        if named_features:
            return {k: el[k] for k in x}
        cols = [tf.cast(el[k], tf.float32) for k in x]
        return tf.stack(cols, axis=-1)

    def prepare(el):
        f = features(el)
        if y is None:
            return {"x": f} if named else (f,)
        return {"x": f, "y": el[y]} if named else (f, el[y])
    return dataset.map(prepare)


def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=True):
    return tf.data.Dataset.choose_from_datasets(list(datasets), choice_dataset,
                                                stop_on_empty_dataset=bool(stop_on_empty_dataset))


def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False):
    kwargs = {"stop_on_empty_dataset": bool(stop_on_empty_dataset)}
    if weights is not None:
        kwargs["weights"] = weights if isinstance(weights, tf.data.Dataset) else [float(w) for w in np.ravel(weights)]
    if seed is not None:
        kwargs["seed"] = as_count(seed, "seed")
    return tf.data.Dataset.sample_from_datasets(list(datasets), **kwargs)


def output_structure(dataset, what):
    """tfdatasets' output_shapes()/output_types(): the element structure's shapes or dtypes."""
    f = tf.compat.v1.data.get_output_shapes if what == "shapes" else tf.compat.v1.data.get_output_types
    return f(dataset)


# ---- records: TFRecord, fixed-length, delimited text, SQL (R/data-files.R) ---

def tfrecord_dataset(filenames, compression_type=None, buffer_size=None, num_parallel_reads=None):
    files = _resolve_files(filenames, "filenames")
    kwargs = {}
    if buffer_size is not None:
        kwargs["buffer_size"] = as_count(buffer_size, "buffer_size")
    if num_parallel_reads is not None:
        kwargs["num_parallel_reads"] = as_count(num_parallel_reads, "num_parallel_reads")
    return tf.data.TFRecordDataset(files, compression_type=_compression(compression_type, files), **kwargs)


def fixed_length_record_dataset(filenames, record_bytes, header_bytes=None, footer_bytes=None,
                                buffer_size=None, compression_type=None):
    files = _resolve_files(filenames, "filenames")
    kwargs = {k: as_count(v, k) for k, v in
              {"header_bytes": header_bytes, "footer_bytes": footer_bytes, "buffer_size": buffer_size}.items()
              if v is not None}
    return tf.data.FixedLengthRecordDataset(files, as_count(record_bytes, "record_bytes"),
                                            compression_type=_compression(compression_type, files), **kwargs)


_RECORD_DTYPES = {"integer": tf.int32, "double": tf.float32, "character": tf.string, "logical": tf.bool}


def _record_default(t):
    return {"integer": tf.constant([0], tf.int32), "double": tf.constant([0.0], tf.float32),
            "character": tf.constant([""], tf.string), "logical": tf.constant([0], tf.int32)}[t]


def decode_delim(dataset, names, types, delim=",", skip=0, na="", defaults=None):
    """Lines of delimited text -> named-list elements (after skipping `skip` lines)."""
    names = list(names)
    types = list(types)
    if skip:
        dataset = dataset.skip(as_count(skip, "skip"))
    record_defaults = []
    for i, t in enumerate(types):
        if t not in _RECORD_DTYPES:
            raise ArgumentError(f"`types` must be \"integer\", \"double\", \"character\" or \"logical\", "
                                f"received {t!r}.", "types")
        if defaults is not None and defaults[i] is not None:
            record_defaults.append(tf.constant([defaults[i]], _RECORD_DTYPES[t] if t != "logical" else tf.int32))
        else:
            record_defaults.append(_record_default(t))

    def decode(line):
        values = tf.io.decode_csv(line, record_defaults, field_delim=delim, na_value=na)
        out = {}
        for n, t, v in zip(names, types, values):
            out[n] = tf.cast(v, tf.bool) if t == "logical" else v
        return out
    return dataset.map(decode)


def sql_dataset(driver_name, data_source_name, query, names, types):
    if not hasattr(tf.data.experimental, "SqlDataset"):
        raise ArgumentError("This TensorFlow has no tf.data.experimental.SqlDataset.", "driver_name")
    dtypes = []
    for t in types:
        if t not in ("integer", "double", "character"):
            raise ArgumentError(f"SQL record types must be \"integer\", \"double\" or \"character\", received {t!r}.",
                                "record_spec")
        dtypes.append({"integer": tf.int32, "double": tf.float64, "character": tf.string}[t])
    ds = tf.data.experimental.SqlDataset(driver_name, os.path.expanduser(data_source_name), query, tuple(dtypes))
    names = list(names)
    return ds.map(lambda *cols: {n: (tf.cast(c, tf.float32) if c.dtype == tf.float64 else c)
                                 for n, c in zip(names, cols)})


# ---- TF1-style iteration, emulated with TF2 iterators (R/data-iterators.R) ----

def make_iterator(dataset):
    return iter(dataset)


def iterator_get_next(iterator):
    """(TRUE, element) or (FALSE, None) at the end: R raises its own out-of-range condition."""
    try:
        return True, iterator.get_next()
    except (tf.errors.OutOfRangeError, StopIteration):
        return False, None
