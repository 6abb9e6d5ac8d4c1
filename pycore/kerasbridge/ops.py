"""One generic call for the function families R wraps by dotted path under
``keras``: ``op_*`` (``keras.ops``), ``activation_*`` (``keras.activations``),
``random_*`` (``keras.random``) and ``config_*`` (``keras.config``).

The R wrappers are generated (rpkg/tools/wrappers.dcf); each hands the
arguments the user supplied to ``call_op(path, ...)``, which applies the
argument spec (``argspec.SPEC["op"]``: 1-based axes from R, whole numbers for
sizes) and keras3's index conventions below, then calls Keras. No per-op code:
what differs between ops is data in the tables here.

keras3's conventions for indices (R front end only; Python counts from 0):

- arguments that are positions (``op_take(x, indices)``,
  ``op_slice(inputs, start_indices, shape)``, ``op_one_hot(x, ...)``) count
  from 1: ``INDEX_ARGS``;
- results that are positions (``op_argmax``, ``op_argsort``, the indices of
  ``op_top_k``) count from 1: ``INDEX_RESULTS``. ``zero_indexed = TRUE`` (an
  R-only argument, as in keras3) keeps both 0-based.
"""

import inspect

import keras
import numpy as np

from . import argspec, frontend
from .convert import keras_dtype
from .errors import ArgumentError

# op name (path under keras) -> the arguments that hold 1-based positions from R
INDEX_ARGS = {
    "ops.take": ("indices",),
    "ops.take_along_axis": ("indices",),
    "ops.scatter": ("indices",),
    "ops.scatter_update": ("indices",),
    "ops.slice": ("start_indices",),
    "ops.slice_update": ("start_indices",),
    "ops.one_hot": ("x",),
    "ops.multi_hot": ("inputs",),
    "ops.segment_sum": ("segment_ids",),
    "ops.segment_max": ("segment_ids",),
}

# op name -> which part of the result is a position (None: the whole result)
INDEX_RESULTS = {
    "ops.argmax": None,
    "ops.argmin": None,
    "ops.argsort": None,
    "ops.searchsorted": None,
    "ops.digitize": None,
    "ops.top_k": 1,
}


def _whole_array(value, arg):
    """Whole numbers keeping their structure (``pad_width = rbind(c(1, 1), c(0, 2))``)."""
    arr = np.asarray(value)
    if arr.dtype.kind == "f":
        if not np.all(np.mod(arr, 1) == 0):
            raise ArgumentError(f"`{arg}` must hold whole numbers.", arg)
        arr = arr.astype(np.int64)
    return arr.tolist()


def _tensordot_axes(value, arg):
    """``axes = 2`` is a number of axes (not an axis); ``axes = list(2, 1)`` are axes."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [argspec.as_axis(v, arg) for v in value]
    return argspec.as_int(value, arg)


# per-op changes to SPEC["op"]
OVERRIDES = {
    "ops.tensordot": {"axes": _tensordot_axes},
    "ops.pad": {"pad_width": _whole_array},
    "random.randint": {"minval": argspec.as_int_if_double, "maxval": argspec.as_int_if_double},
    # metric functions keep Keras' own axis, as the metric_* objects do (argspec's "metric" kind)
    **{f"metrics.{name}": {"axis": argspec.as_int_if_double}
       for name in ("binary_focal_crossentropy", "categorical_focal_crossentropy")},
}

# paths whose R wrapper takes `zero_indexed` (read by the generator's test)
ZERO_INDEXED = tuple(sorted(set(INDEX_ARGS) | set(INDEX_RESULTS)))


def resolve(path):
    """``"ops.sum"`` -> ``keras.ops.sum``; ``"ops.image.resize"`` -> ``keras.ops.image.resize``."""
    obj = keras
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            raise ArgumentError(f"keras.{path} does not exist in Keras {keras.__version__}.", "path")
    return obj


def _shift(value, by, arg):
    """Add `by` to every position of an R value (numbers, arrays, tensors, lists)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return type(value)(_shift(v, by, arg) for v in value)
    if isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"`{arg}` must hold positions (whole numbers), received {frontend.fmt_value(value)}.", arg)
    if isinstance(value, float):
        value = argspec.as_int(value, arg)
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        if not np.all(np.mod(value, 1) == 0):
            raise ArgumentError(f"`{arg}` must hold whole numbers (positions counted from 1).", arg)
        value = value.astype(np.int32)
    if isinstance(value, int):
        if by < 0 and value == 0:
            raise ArgumentError(f"`{arg}` counts from 1 in R; received 0. Use zero_indexed = TRUE for 0-based positions.", arg)
        return value + by if value > 0 or by > 0 else value
    return keras.ops.add(value, by)


def _r_array(value):
    """R doubles become floatx, as model inputs do (convert.keras_dtype)."""
    if isinstance(value, np.ndarray):
        target = keras_dtype(value)
        return value.astype(target) if target != value.dtype else value
    if isinstance(value, list):
        return [_r_array(v) for v in value]
    return value


def _bind(fn, args, kwargs):
    """Arguments R passed by name go to Python by position where the signature
    needs it (positional-only parameters, or those before ``*args``)."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return list(args), kwargs
    positional = []
    has_varargs = any(p.kind is p.VAR_POSITIONAL for p in params)
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            break
        if p.kind is p.POSITIONAL_ONLY or (has_varargs and p.kind is p.POSITIONAL_OR_KEYWORD):
            if p.name in kwargs:
                positional.append(kwargs.pop(p.name))
            elif p.default is p.empty and args:
                positional.append(args.pop(0))
            else:
                break
    return positional + list(args), kwargs


def call_op(path, /, *args, zero_indexed=False, **kwargs):
    """``keras.<path>(*args, **kwargs)`` with the "op" argument spec applied.

    From R, axes and positions count from 1 (see the module docstring);
    ``zero_indexed=True`` keeps positions 0-based."""
    fn = resolve(path)
    kwargs = argspec.coerce("op", kwargs, overrides=OVERRIDES.get(path))
    from_r = frontend.is_r()
    if from_r:
        args = [_r_array(a) for a in args]
        kwargs = {k: _r_array(v) for k, v in kwargs.items()}
        for name in INDEX_ARGS.get(path, ()):
            if name in kwargs:  # whole R doubles become ints either way
                kwargs[name] = _shift(kwargs[name], 0 if zero_indexed else -1, name)
    positional, kwargs = _bind(fn, list(args), kwargs)
    out = fn(*positional, **kwargs)
    if from_r and not zero_indexed and path in INDEX_RESULTS:
        part = INDEX_RESULTS[path]
        if part is None:
            out = keras.ops.add(out, 1)
        else:
            out = tuple(keras.ops.add(o, 1) if i == part else o for i, o in enumerate(out))
    return out
