"""The one argument spec: argument name -> coercer, per kind of object.

R sends sizes and counts as doubles (``units = 64`` arrives as 64.0), shapes as
numeric vectors with NA for unknown and axes counted from 1. Every constructor
in the core coerces its arguments through ``coerce(kind, kwargs)`` and this
table, so "what does R's value of `x` become" is answered here, once.

``SPEC[kind][arg]`` is a coercer ``f(value, arg) -> value``. Arguments the spec
does not name pass through untouched, and so does ``None`` (Keras keeps its
default). ``CLASS_OVERRIDES[kind][class_name]`` changes or adds coercers for one
class; ``coerce(..., overrides=)`` does the same for one call.

What ``axis`` means (decided once, per family; README "What `axis` means"):

- layer, loss, metric, regularizer, initializer, constraint, schedule: Keras'
  own axis, 0-based with negative numbers counting from the end, passed as
  given (only made a whole number). R keras 2.x and keras3 both pass layer
  axes unchanged (``layer_batch_normalization(axis = -1)``), so R scripts keep
  working as written.
- backend (``k_*``) and tensor (R methods on tensors): counted as the user
  counts. From R 1-based (negative from the end, 0 is an error), from Python
  0-based: ``as_axis``.
"""

import functools

import numpy as np

from . import frontend
from .convert import as_int, as_int_or_tuple, as_shape
from .errors import ArgumentError

__all__ = ["SPEC", "CLASS_OVERRIDES", "coerce", "as_int", "as_int_or_tuple", "as_shape", "as_axis",
           "as_count", "as_int_if_double", "as_positive_int", "as_nonnegative_int", "as_rate", "as_positive_count", "as_learning_rate",
           "check_initializer", "as_dims", "as_float", "as_padding", "check_activation", "as_whole_numbers"]


# -- coercers ---------------------------------------------------------------
# as_int, as_int_or_tuple and as_shape live in convert.py (the conversion
# policy) and are re-exported here.

def as_axis(value, arg="axis"):
    """An axis (or several) as the user counts them -> Keras' 0-based axis.

    From R: 1-based, negative counts from the end, 0 is an error. From Python:
    unchanged."""
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        value = value.ravel().tolist()
    if isinstance(value, (list, tuple)):
        return [as_axis(v, arg) for v in value]
    a = as_int(value, arg)
    if frontend.is_r() and a == 0:
        raise ArgumentError(f"`{arg}` counts from 1 in R (or from the end with negative numbers); received 0.", arg)
    if frontend.is_r() and a > 0:
        return a - 1
    return a


def as_count(value, arg):
    """A count or size for tf.data: a whole number, or a tensor (a count
    computed by TensorFlow: its value when known now, else the tensor itself)."""
    if hasattr(value, "dtype") and hasattr(value, "shape") and not isinstance(value, (np.ndarray, np.generic)):
        try:
            return int(value)  # an eager scalar; tf.data wants int64 where R gives int32
        except (TypeError, ValueError):
            return value
    return as_int(value, arg)


def as_dims(value, arg):
    """A shape written as whole numbers -> a tuple of ints, even of length one
    (``shape = 3`` from R is ``(3,)``); -1 stays -1 (``op_reshape(x, c(-1, 2))``)."""
    dims = as_int_or_tuple(value, arg)
    return (dims,) if isinstance(dims, int) else dims


def as_positive_int(value, arg):
    """A size or count that must be >= 1 (``batch_size = 0`` would train nothing)."""
    n = as_int(value, arg)
    if n < 1:
        raise ArgumentError(f"`{arg}` must be a whole number >= 1, received {n}.", arg)
    return n


def as_nonnegative_int(value, arg):
    """A whole number >= 0 (``initial_epoch``)."""
    n = as_int(value, arg)
    if n < 0:
        raise ArgumentError(f"`{arg}` must be a whole number >= 0, received {n}.", arg)
    return n


def as_rate(value, arg):
    """A fraction in [0, 1] such as a dropout rate (``"0.5"`` is not a number)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        from .convert import friendly_type
        raise ArgumentError(f"`{arg}` must be a number in [0, 1], received {friendly_type(value)}"
                            f"{' (' + frontend.fmt_value(value) + ')' if isinstance(value, str) else ''}.", arg)
    v = float(value)
    if not 0 <= v <= 1:
        raise ArgumentError(f"`{arg}` must be a number in [0, 1], received {v:g}.", arg)
    return v


def as_positive_count(value, arg):
    """A count for tf.data that must be >= 1 (``dataset_batch(ds, 0)``)."""
    n = as_count(value, arg)
    if isinstance(n, int) and n < 1:
        raise ArgumentError(f"`{arg}` must be a whole number >= 1, received {n}.", arg)
    return n


def as_learning_rate(value, arg="learning_rate"):
    """A learning rate: a number (R integers too), a schedule or a function."""
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise ArgumentError(
            f"`{arg}` must be a number, a learning-rate schedule or a function, received "
            f"{frontend.fmt_value(value)}.", arg)
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
        if v != v or v < 0 or v == float("inf"):
            raise ArgumentError(f"`{arg}` must be a finite number >= 0, received {frontend.fmt_value(value) if v == v else 'NA'}.", arg)
        return v
    return value


def check_initializer(value, arg):
    """An initializer name must be known to Keras (objects pass through)."""
    if isinstance(value, str):
        import difflib
        import keras
        try:
            keras.initializers.get(value)
        except Exception:
            from .errors import UnknownIdentifierError
            from keras.src import initializers as _initializers
            known = sorted(k for k in _initializers.ALL_OBJECTS_DICT if k[0].islower())
            close = difflib.get_close_matches(value.lower(), known, n=3, cutoff=0.6)
            hint = f" Did you mean {', '.join(frontend.fmt_value(c) for c in close)}?" if close else ""
            raise UnknownIdentifierError(
                f"`{arg}` = {frontend.fmt_value(value)} is not a known initializer.{hint} "
                f"Use a name such as \"glorot_uniform\" or \"zeros\", or an initializer object.", arg) from None
    return value


def as_int_if_double(value, arg):
    """A whole R double -> int; anything else (an int, TRUE, a string) passes
    through for Keras to judge. For arguments such as ``verbose`` and
    ``patience`` where Keras accepts more than ints."""
    if isinstance(value, float):
        return as_int(value, arg)
    return value


def as_float(value, arg):
    """A number -> float (Keras' clipnorm & co. refuse R integers in some paths)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ArgumentError(f"`{arg}` must be a number, received {frontend.fmt_value(value)}.", arg) from None


def as_padding(value, arg="padding"):
    """``padding = "same"`` stays a string; ``padding = c(1, 2)`` becomes ints."""
    if isinstance(value, str):
        return value
    return as_int_or_tuple(value, arg)


def check_activation(value, arg="activation"):
    """An activation name must be known to Keras (functions pass through)."""
    from . import identifiers  # identifiers itself coerces through this module
    return identifiers.check_activation(value, arg)


def as_whole_numbers(value, arg):
    """A list of numbers whose whole ones become ints (schedule boundaries
    compare with the integer step counter)."""
    return [as_int(v, arg) if float(v).is_integer() else v for v in value]


# -- the spec ---------------------------------------------------------------

def _same(coercer, *names):
    return {n: coercer for n in names}


_OBJECT_ARGS = _same(as_int_if_double, "seed", "decay_steps", "axis")
_LOSS_METRIC_ARGS = _same(as_int_if_double, "num_thresholds", "num_classes", "k", "class_id", "top_k", "axis")

SPEC = {
    "layer": {
        **_same(as_positive_int, "units", "filters", "input_dim", "output_dim", "num_heads", "key_dim"),
        **_same(check_initializer, "kernel_initializer", "bias_initializer", "recurrent_initializer",
                "embeddings_initializer", "depthwise_initializer", "pointwise_initializer", "beta_initializer",
                "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer"),
        **_same(as_int, "n",
                "value_dim", "groups", "depth_multiplier", "max_tokens", "num_tokens",
                "output_sequence_length", "seed", "num_oov_indices", "max_value", "num_bins",
                "output_size", "latent_dim", "sequence_length", "batch_size", "implementation",
                "height", "width"),
        # Keras 3 layers added for keras3's layer_* (audio, attention, augmentation)
        **_same(as_int_if_double, "fft_length", "sequence_stride", "num_mel_bins", "sampling_rate",
                "frame_length", "frame_step", "head_dim", "num_query_heads", "num_key_value_heads",
                "num_chains", "chain_depth", "num_ops", "bins", "max_number", "power_iterations",
                "sliding_window"),
        **_same(as_int_or_tuple, "kernel_size", "strides", "pool_size", "dilation_rate", "size",
                "target_shape", "dims", "cropping", "axis", "axes", "ngrams", "salt"),
        **_same(as_shape, "input_shape", "shape", "batch_shape", "noise_shape"),
        "padding": as_padding,
        "rate": as_rate,
        **_same(check_activation, "activation", "recurrent_activation"),
    },
    "loss": dict(_LOSS_METRIC_ARGS),
    "metric": dict(_LOSS_METRIC_ARGS),
    "optimizer": {**_same(as_float, "clipnorm", "clipvalue", "global_clipnorm"), "learning_rate": as_learning_rate},
    "callback": _same(as_int_if_double, "patience", "verbose", "cooldown", "start_from_epoch",
                      "histogram_freq", "save_freq"),
    "regularizer": dict(_OBJECT_ARGS),
    "initializer": dict(_OBJECT_ARGS),
    "constraint": dict(_OBJECT_ARGS),
    "schedule": dict(_OBJECT_ARGS),
    "fit": {
        **_same(as_positive_int, "batch_size", "epochs", "steps_per_epoch", "validation_steps",
                "validation_batch_size", "validation_freq", "steps", "steps_per_execution"),
        "initial_epoch": as_nonnegative_int,
        "verbose": as_int_if_double,
    },
    "data": {
        "batch_size": as_positive_count,
        **_same(as_count, "buffer_size", "count", "seed", "cycle_length", "block_length",
                "num_epochs", "shuffle_buffer_size", "shuffle_seed", "prefetch_buffer_size",
                "num_parallel_reads", "num_rows_for_inference", "output_sequence_length", "sampling_rate"),
        "image_size": as_int_or_tuple,
    },
    # R keras 2.x's k_*(): every axis-valued argument counts from 1 (k_permute_dimensions(pattern =), ...)
    "backend": _same(as_axis, "axis", "axes", "pattern", "reduction_axes"),
    "tensor": {"axis": as_axis},
    # keras3's op_*/random_* (ops.call_op): axes from R count from 1; sizes are whole numbers
    "op": {
        **_same(as_axis, "axis", "axes", "axis1", "axis2", "source", "destination"),
        **_same(as_int_if_double, "k", "N", "M", "n", "num", "num_classes", "num_segments", "shift",
                "decimals", "fft_length", "minlength", "length", "unroll", "offset", "kth", "seed",
                "sequence_length", "sequence_stride", "output_length", "top_paths", "beam_width",
                "mask_index", "num_samples", "counts", "top_padding", "bottom_padding", "left_padding",
                "right_padding", "top_cropping", "bottom_cropping", "left_cropping", "right_cropping",
                "target_height", "target_width", "num_bins", "max_tokens", "num_oov_indices", "crossing_dim",
                "hashing_dim", "num_discretization_bins"),
        **_same(as_int_or_tuple, "size", "pool_size", "strides", "dilation_rate", "kernel_size", "repeats",
                "indices_or_sections"),
        **_same(as_dims, "shape", "newshape"),
    },
}

# Per-class changes to SPEC[kind]: {kind: {class_name: {arg: coercer}}}.
CLASS_OVERRIDES = {
    "schedule": {"PiecewiseConstantDecay": {"boundaries": as_whole_numbers}},
    "layer": {"EinsumDense": {"output_shape": as_int_or_tuple},
              "Permute": {"dims": as_dims},
              "Lambda": {"output_shape": lambda v, arg: v if callable(v) else as_shape(v, arg)},
              "RandomPosterization": {"factor": as_int_or_tuple}},
}

# The kinds keras.<module> objects are made from by make_object().
OBJECT_KINDS = {"regularizers": "regularizer", "initializers": "initializer",
                "constraints": "constraint", "schedules": "schedule"}


@functools.lru_cache(maxsize=None)
def signature_coercers(kind, class_name):
    """Coercers read from the Keras class's signature, for the arguments SPEC
    does not name: one whose default is a whole number (not a logical) takes a
    whole number (``num_oov_indices = 1`` -> 1), one whose default is a tuple of
    whole numbers takes one or a tuple (``strides = c(1, 1)``). Layers only."""
    import inspect
    import keras
    cls = getattr(keras.layers, class_name, None) if kind == "layer" else None
    if not isinstance(cls, type):
        return {}
    out = {}
    for name, p in inspect.signature(cls.__init__).parameters.items():
        d = p.default
        if isinstance(d, bool):
            continue
        if isinstance(d, int) or (isinstance(d, tuple) and d and all(
                isinstance(v, int) and not isinstance(v, bool) for v in d)):
            out[name] = _whole_if_whole
    return out


def _whole_if_whole(value, arg):
    """R's whole doubles -> ints (one, or a list/tuple of them); anything else
    (a fraction, a string) passes through for Keras to judge."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() for v in value):
        return tuple(int(v) for v in value)
    return value


def spec_for(kind, class_name=None, overrides=None):
    """The coercers for one kind (and class): the class's signature
    (signature_coercers), SPEC, then class, then call overrides."""
    if kind not in SPEC:
        raise ValueError(f"argspec has no kind {kind!r}; kinds are {sorted(SPEC)}")
    spec = dict(signature_coercers(kind, class_name)) if class_name is not None else {}
    spec.update(SPEC[kind])
    if class_name is not None:
        spec.update(CLASS_OVERRIDES.get(kind, {}).get(class_name, {}))
    if overrides:
        spec.update(overrides)
    return spec


def coerce(kind, kwargs, overrides=None, class_name=None):
    """A new dict with each argument of `kwargs` coerced as SPEC[kind] says.

    Unknown names and ``None`` values pass through. ``overrides`` maps argument
    names to coercers for this call (``None`` as coercer: leave that argument
    alone); ``class_name`` applies CLASS_OVERRIDES."""
    spec = spec_for(kind, class_name, overrides)
    out = {}
    for k, v in kwargs.items():
        f = spec.get(k)
        out[k] = v if f is None or v is None else f(v, k)
    return out
