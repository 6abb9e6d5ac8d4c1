"""Tensor arithmetic with R semantics, for the R package's S3 group generics.

The R methods (rpkg/R/tensor-methods.R) make one call here per operation:
R numbers on either side of an operator take the tensor's dtype (as in the R
``tensorflow`` package), and symbolic Keras tensors (``keras.Input()``) go
through ``keras.ops`` so ``features * 2`` works while building a functional model.
"""

import numbers

import numpy as np
import tensorflow as tf
import keras

from . import argspec, frontend
from .convert import INT32_NA as _INT32_NA, as_int, as_shape
from .errors import ArgumentError

try:  # the class moved between Keras 3 releases; fall back to duck typing
    from keras.src.backend.common.keras_tensor import KerasTensor as _KerasTensor
except ImportError:  # pragma: no cover
    _KerasTensor = ()

# R operator -> (tf function, keras.ops function)
_BINARY = {
    "+": (tf.add, keras.ops.add),
    "-": (tf.subtract, keras.ops.subtract),
    "*": (tf.multiply, keras.ops.multiply),
    "/": (tf.math.truediv, keras.ops.true_divide),
    "^": (tf.pow, keras.ops.power),
    "%%": (tf.math.floormod, keras.ops.mod),
    "%/%": (tf.math.floordiv, keras.ops.floor_divide),
    "==": (tf.equal, keras.ops.equal),
    "!=": (tf.not_equal, keras.ops.not_equal),
    "<": (tf.less, keras.ops.less),
    ">": (tf.greater, keras.ops.greater),
    "<=": (tf.less_equal, keras.ops.less_equal),
    ">=": (tf.greater_equal, keras.ops.greater_equal),
    "&": (tf.logical_and, keras.ops.logical_and),
    "|": (tf.logical_or, keras.ops.logical_or),
}

_LOGICAL = {"&", "|"}


def _log_base(base):
    def f(x):
        return tf.math.log(x) / tf.math.log(tf.constant(base, x.dtype))
    return f


def _gamma(x):
    # |gamma| from lgamma; the sign alternates between the poles for x < 0
    sign = tf.where(x > 0, tf.ones_like(x), tf.pow(-tf.ones_like(x), tf.floor(-x) + 1))
    return sign * tf.exp(tf.math.lgamma(x))


def _flat_r_order(x):
    """Flatten the way R's cum*() sees an array: column-major (first index fastest)."""
    return tf.reshape(tf.transpose(x), [-1])


# R Math group member -> tf function (the R side handles `log(x, base)`, `round(digits)`)
_MATH = {
    "abs": tf.abs, "sign": tf.sign, "sqrt": tf.sqrt, "floor": tf.floor,
    "ceiling": tf.math.ceil, "trunc": lambda x: tf.where(x < 0, tf.math.ceil(x), tf.floor(x)),
    "round": tf.round, "exp": tf.exp, "log": tf.math.log, "expm1": tf.math.expm1,
    "log1p": tf.math.log1p, "log2": _log_base(2.0), "log10": _log_base(10.0),
    "cos": tf.cos, "sin": tf.sin, "tan": tf.tan, "acos": tf.acos, "asin": tf.asin,
    "atan": tf.atan, "cosh": tf.cosh, "sinh": tf.sinh, "tanh": tf.tanh,
    "acosh": tf.acosh, "asinh": tf.asinh, "atanh": tf.atanh,
    "cospi": lambda x: tf.cos(x * tf.constant(np.pi, x.dtype)),
    "sinpi": lambda x: tf.sin(x * tf.constant(np.pi, x.dtype)),
    "tanpi": lambda x: tf.tan(x * tf.constant(np.pi, x.dtype)),
    "lgamma": tf.math.lgamma, "gamma": lambda x: _gamma(x),
    "digamma": tf.math.digamma, "trigamma": lambda x: tf.math.polygamma(tf.ones_like(x), x),
    "cumsum": lambda x: tf.cumsum(_flat_r_order(x)),
    "cumprod": lambda x: tf.math.cumprod(_flat_r_order(x)),
    "cummax": lambda x: tf.scan(tf.maximum, _flat_r_order(x)),
    "cummin": lambda x: tf.scan(tf.minimum, _flat_r_order(x)),
}

# R's name -> keras.ops' name, where they differ
_KERAS_MATH = {"ceiling": "ceil", "acos": "arccos", "asin": "arcsin", "atan": "arctan",
               "acosh": "arccosh", "asinh": "arcsinh", "atanh": "arctanh"}

# Math functions keras.ops lacks, applied to symbolic Keras tensors as TF op layers
_SYMBOLIC_TF = {"lgamma": "tf.math.lgamma", "digamma": "tf.math.digamma"}

_REDUCE = {
    "sum": tf.reduce_sum, "prod": tf.reduce_prod, "max": tf.reduce_max,
    "min": tf.reduce_min, "all": tf.reduce_all, "any": tf.reduce_any,
    "mean": tf.reduce_mean,
}


def is_keras_tensor(x):
    return isinstance(x, _KerasTensor) if _KerasTensor else False


def _is_tensor_like(x):
    return tf.is_tensor(x) or isinstance(x, tf.Variable) or is_keras_tensor(x) or hasattr(x, "dtype") and hasattr(x, "shape") and not isinstance(x, np.ndarray)


def _dtype_of(x):
    dt = x.dtype
    return tf.as_dtype(dt if isinstance(dt, str) else getattr(dt, "name", dt))


def _np_dtype(x):
    return np.dtype(_dtype_of(x).as_numpy_dtype)


def _as_operand(value, dtype, op):
    """An R value next to a tensor: converted to the tensor's dtype."""
    if isinstance(value, (list, tuple)):
        value = np.asarray(value)
    if dtype == tf.bool or op in _LOGICAL:
        return tf.cast(tf.constant(value), tf.bool)
    if dtype.is_integer:
        arr = np.asarray(value)
        if arr.dtype.kind == "f" and not np.all(np.isfinite(arr) & (arr == np.round(arr))):
            shown = arr.item() if arr.size == 1 else "values"
            fix = 'tf$cast(x, "float32")' if frontend.is_r() else 'tf.cast(x, "float32")'
            raise ArgumentError(
                f"Can't combine a tensor of type {dtype.name} with the non-integer {shown} in `{op}`: "
                f"R numbers take the tensor's type. Cast the tensor first, e.g. {fix}.", "e2")
        return tf.constant(arr.astype(dtype.as_numpy_dtype))
    return tf.constant(value, dtype=dtype)


def binary(op, a, b):
    """``a op b`` where at least one side is a tensor; R numbers take its dtype."""
    tf_fn, keras_fn = _BINARY[op]
    if is_keras_tensor(a) or is_keras_tensor(b):
        # R numbers take the Keras tensor's dtype here too (R doubles would be float64)
        if not _is_tensor_like(b):
            b = np.asarray(b, dtype=_np_dtype(a))
        elif not _is_tensor_like(a):
            a = np.asarray(a, dtype=_np_dtype(b))
        return keras_fn(a, b)
    a_t, b_t = _is_tensor_like(a), _is_tensor_like(b)
    if a_t and not b_t:
        b = _as_operand(b, _dtype_of(a), op)
    elif b_t and not a_t:
        a = _as_operand(a, _dtype_of(b), op)
    if op in _LOGICAL:
        a = tf.cast(a, tf.bool) if a.dtype != tf.bool else a
        b = tf.cast(b, tf.bool) if b.dtype != tf.bool else b
    elif op == "^" and a.dtype.is_integer and b.dtype.is_integer:
        # R's ^ always gives doubles; tf.pow on ints would overflow silently
        a, b = tf.cast(a, tf.float32), tf.cast(b, tf.float32)
    return tf_fn(a, b)


def unary(op, x):
    if op == "-":
        return keras.ops.negative(x) if is_keras_tensor(x) else tf.negative(x)
    if op == "!":
        return keras.ops.logical_not(x) if is_keras_tensor(x) else tf.logical_not(tf.cast(x, tf.bool))
    if op == "+":
        return x
    raise ArgumentError(f"Unary `{op}` is not defined for tensors.", "e1")


def math(name, x):
    if is_keras_tensor(x):
        if name in ("sinpi", "cospi", "tanpi"):
            trig = {"sinpi": keras.ops.sin, "cospi": keras.ops.cos, "tanpi": keras.ops.tan}[name]
            return trig(keras.ops.multiply(x, np.pi))
        fn = getattr(keras.ops, _KERAS_MATH.get(name, name), None)
        if fn is None and name in _SYMBOLIC_TF:
            # no keras.ops counterpart: TensorFlow's op as a layer of the model
            from .legacy.op_layers import op_layer
            return op_layer(_SYMBOLIC_TF[name], [x], {})
        if fn is None:
            raise ArgumentError(f"`{name}()` is not available for symbolic Keras tensors.", "x")
        return fn(x)
    fn = _MATH.get(name)
    if fn is None:
        raise ArgumentError(f"`{name}()` is not implemented for tensors.", "x")
    if name in ("sqrt", "exp", "log", "log2", "log10", "log1p", "expm1", "cos", "sin", "tan",
                "acos", "asin", "atan", "cosh", "sinh", "tanh", "acosh", "asinh", "atanh",
                "cospi", "sinpi", "tanpi", "lgamma", "gamma", "digamma", "trigamma") and not x.dtype.is_floating:
        x = tf.cast(x, tf.float32)  # R computes these on doubles; tf refuses ints
    return fn(x)


def reduce(name, x, axis=None, keepdims=False):
    axis = argspec.coerce("tensor", {"axis": axis})["axis"]  # 1-based from R
    if is_keras_tensor(x):
        return getattr(keras.ops, name)(x, axis=axis, keepdims=bool(keepdims))
    if name in ("all", "any") and x.dtype != tf.bool:
        x = tf.cast(x, tf.bool)
    if name == "mean" and x.dtype.is_integer:
        x = tf.cast(x, tf.float32)  # R's mean() of integers is a double
    return _REDUCE[name](x, axis=axis, keepdims=bool(keepdims))


def reduce_many(name, xs):
    """``sum(a, b, 3)``: reduce each to a scalar, then reduce the results."""
    parts = []
    dtype = next((x.dtype for x in xs if _is_tensor_like(x)), None)
    for x in xs:
        if not _is_tensor_like(x):
            x = _as_operand(x, tf.as_dtype(dtype), name)
        parts.append(reduce(name, x))
    return reduce(name, tf.stack([tf.cast(p, parts[0].dtype) for p in parts]))


def dims(x):
    """Static dims as a list (None = unknown), or None when the rank is unknown."""
    shape = x.shape
    if not isinstance(shape, tf.TensorShape):
        shape = tf.TensorShape(shape)
    if shape.rank is None:
        return None
    return shape.as_list()


def _slice_part(v):
    return None if v is None else (v if tf.is_tensor(v) else int(v))


def index_key(spec):
    """Build a ``__getitem__`` key from the R side's translated spec.

    Each item is an int (0-based), ``"newaxis"``, ``"..."``, a tensor (used
    as-is), or ``["slice", start, stop, step]`` with 0-based exclusive bounds.
    """
    key = []
    for item in spec:
        if isinstance(item, str):
            key.append(None if item == "newaxis" else Ellipsis)
        elif isinstance(item, list) and item and item[0] == "slice":
            key.append(slice(*[_slice_part(v) for v in item[1:4]]))
        elif isinstance(item, (numbers.Integral, float)) and not isinstance(item, bool):
            key.append(int(item))
        else:
            key.append(item)
    return key[0] if len(key) == 1 else tuple(key)


def extract(x, spec):
    return x[index_key(spec)]


# ---- `[` from R, as the R tensorflow package defines it ----------------------
#
# R sends each index as written (rpkg/R/tensor-methods.R), tagged:
#   ["all"]                      a missing index: the whole dimension
#   ["all_dims"]                 all_dims(): the remaining dimensions (Python's ...)
#   ["range", start, stop, step] `a:b`, `a:b:step`, `` `a:` ``, `` `::2` ``: bounds as
#                                written (numbers, tensors, or None for NULL/NA)
#   ["value", v]                 anything else: a number, a regular sequence (a
#                                strided slice), None (a new axis) or a tensor
# and R tensorflow's options (tf_extract_opts()) say how numbers are read:
#   one_based        1 is the first element (0 is an error); negatives count
#                    from the end, Python style, either way
#   inclusive_stop   `a:b` includes b (R) or not (Python)
#   check_bounds     an index past the dimension's size is an error
# Tensors are passed to TensorFlow as they are (0-based, exclusive), always.
# Everything not supported is an error naming the index; nothing is dropped.

def _fmt_num(v):
    return f"{v:g}" if isinstance(v, float) else str(v)


def _is_number(v):
    return isinstance(v, (numbers.Real, np.number)) and not isinstance(v, (bool, np.bool_))


def _sign(v):
    return -1 if v < 0 else 1


class _Index:
    """Translation of one `[` call; remembers whether a negative number or a
    tensor was used (R warns about those once per session)."""

    def __init__(self, one_based=True, inclusive_stop=True, check_bounds=True):
        self.one_based = bool(one_based)
        self.inclusive_stop = bool(inclusive_stop)
        self.check_bounds = bool(check_bounds)
        self.negative = False
        self.tensor = False

    def number(self, i, size, k):
        """One index as written: whole, not NA, within bounds; 0-based when
        one_based (negatives stay: Python counts them from the end)."""
        if i != i or (isinstance(i, (numbers.Integral, np.integer)) and i == _INT32_NA):
            raise ArgumentError(f"Index {k} is NA; NA, Inf, or character inputs are not supported as tensor indices.", "i")
        if not np.isfinite(float(i)):
            raise ArgumentError(f"Index {k} is {_fmt_num(i)}; NA, Inf, or character inputs are not supported as tensor indices.", "i")
        if not float(i).is_integer():
            raise ArgumentError(f"Index {k} must be a whole number, not {_fmt_num(i)}.", "i")
        i = int(i)
        if i < 0:
            self.negative = True
        if self.one_based and i == 0:
            raise ArgumentError(
                f"Index {k} is 0, but tensors are indexed from 1 in R (it looks like you might be using 0-based "
                f"indexing). The first element is x[1]; for 0-based indexing set "
                f"options(tensorflow.extract.one_based = FALSE).", "i")
        if self.check_bounds and size is not None and (i - self.one_based >= size if i > 0 else -i > size):
            raise ArgumentError(f"Index {k} is out of bounds: {i} for a dimension of size {size}.", "i")
        return i - 1 if self.one_based and i > 0 else i

    def slice(self, start, stop, step, size, k):
        """start:stop:step as written (None for a missing bound) -> a Python slice."""
        for v in (start, stop, step):
            if v is not None and not _is_number(v) and not _is_tensor_like(v):
                raise ArgumentError(f"Index {k}: the bounds of a slice must be whole numbers, NULL/NA or tensors.", "i")
        if any(_is_tensor_like(v) for v in (start, stop, step)):
            self.tensor = True
        if _is_number(step):
            if step != step:
                step = None
            elif step == 0:
                raise ArgumentError(f"Index {k}: the step of a slice can't be 0.", "i")
            else:
                step = int(step)
        # NA bounds are missing bounds (NA:NA:-1 reverses an axis)
        start = None if _is_number(start) and start != start else start
        stop = None if _is_number(stop) and stop != stop else stop
        s0 = self.number(start, size, k) if _is_number(start) else start
        e0 = self.number(stop, size, k) if _is_number(stop) else stop
        if _is_number(start) and _is_number(stop) and not _is_tensor_like(step):
            # `b:a` walks backwards (R tensorflow flips the step's sign for it)
            if s0 > e0 and _sign(s0) == _sign(e0) and (step is None or step > 0):
                step = -(step or 1)
        if self.inclusive_stop and _is_number(stop) and not _is_tensor_like(step):
            direction = 1 if step is None or step > 0 else -1
            was_negative = e0 < 0
            e0 = e0 + direction
            # an exclusive stop of 0 forwards, or of -1 backwards past the first
            # element, means "to the end" in Python
            if (direction == 1 and e0 == 0) or (direction == -1 and e0 == -1 and not was_negative):
                e0 = None
        return slice(s0, e0, step)

    def item(self, item, size, k, drop):
        tag = item[0]
        if tag == "all":
            return slice(None)
        if tag == "all_dims":
            return Ellipsis
        if tag == "range":
            return self.slice(item[1], item[2], item[3], size, k)
        v = item[1]
        if v is None:
            return None  # a new axis
        if _is_tensor_like(v):
            self.tensor = True
            return v
        if isinstance(v, np.ndarray):
            if v.ndim > 1:
                raise ArgumentError(f"Index {k}: subsetting tensors with R matrices or arrays is not currently supported.", "i")
            v = v.ravel().tolist()
        values = v if isinstance(v, (list, tuple)) else [v]
        if values and all(isinstance(e, (bool, np.bool_)) for e in values):
            raise ArgumentError(f"Logical indices are not supported on tensors (index {k}). "
                                f"Use `tf$boolean_mask(x, mask)`.", "i")
        if not values or not all(_is_number(e) for e in values):
            raise ArgumentError(f"Index {k} must be a number, a range such as 1:3, NULL or a tensor.", "i")
        if len(values) == 1:
            i = self.number(values[0], size, k)
            if drop:
                return i
            # a length-1 slice keeps the dimension
            return slice(i, None if i == -1 else i + 1)
        # a regular sequence such as seq(1, 9, by = 2) is a strided slice
        for e in values:
            self.number(e, size, k)
        step = values[1] - values[0]
        if (step == 0 or values[0] < 0 or values[-1] < 0
                or any(b - a != step for a, b in zip(values, values[1:]))):
            raise ArgumentError(
                f"Index {k}: only positive sequences with a single step size, such as 1:3 or seq(1, 9, by = 2), "
                f"are accepted when not written with `:`. To pick arbitrary elements use "
                f"`tf$gather(x, indices - 1L, axis = {k - 1})`.", "i")
        return self.slice(values[0], values[-1], None if step == 1 else step, size, k)


def tensor_extract(x, items, drop=True, one_based=True, inclusive_stop=True, check_bounds=True):
    """R's ``x[...]``: the tagged items (see above) -> ``x[key]``. Returns the
    result, whether a negative number was used, whether a tensor was used, and
    whether fewer indices than dimensions were given without all_dims()."""
    d = dims(x)
    items = [list(it) for it in items]
    n_real = sum(1 for it in items if not (it[0] == "value" and it[1] is None) and it[0] != "all_dims")
    has_ellipsis = any(it[0] == "all_dims" for it in items)
    if d is not None and n_real > len(d):
        raise ArgumentError(
            f"Incorrect number of dimensions supplied: the tensor has {len(d)} dimension{'' if len(d) == 1 else 's'}, "
            f"received {n_real} indices.", "i")
    too_few = d is not None and n_real < len(d) and not has_ellipsis and bool(items)
    index = _Index(one_based, inclusive_stop, check_bounds)
    key = []
    axis = 0
    for k, it in enumerate(items, start=1):
        if it[0] == "value" and it[1] is None:
            key.append(None)  # a new axis takes no dimension of x
            continue
        if it[0] == "all_dims":
            axis += max(0, (len(d) if d is not None else 0) - n_real)
            key.append(Ellipsis)
            continue
        size = d[axis] if d is not None and axis < len(d) else None
        key.append(index.item(it, size, k, drop))
        axis += 1
    if not key:
        out = x[...]
    else:
        out = x[key[0] if len(key) == 1 else tuple(key)]
    return out, index.negative, index.tensor, too_few


def tensor_assign(x, items, value, one_based=True, inclusive_stop=True, check_bounds=True):
    """R's ``x[...] <- value``: the elements `[` would select take ``value``
    (recycled by broadcasting). A tensor gives a modified copy; a variable is
    assigned in place and returned."""
    base = x.value() if isinstance(x, tf.Variable) else tf.convert_to_tensor(x)
    positions = tf.reshape(tf.range(tf.size(base)), tf.shape(base))
    sel = tensor_extract(positions, items, drop=True, one_based=one_based,
                         inclusive_stop=inclusive_stop, check_bounds=check_bounds)[0]
    value = value if _is_tensor_like(value) else np.asarray(value)
    value = tf.cast(value, base.dtype)
    vals = tf.reshape(tf.broadcast_to(value, tf.shape(sel)), [-1])
    flat = tf.tensor_scatter_nd_update(tf.reshape(base, [-1]), tf.reshape(sel, [-1, 1]), vals)
    out = tf.reshape(flat, tf.shape(base))
    if isinstance(x, tf.Variable):
        x.assign(out)
        return x
    return out


def transpose(x, perm=None):
    """R's aperm(): `perm` 1-based, as R counts dimensions."""
    if perm is not None:
        perm = [as_int(p, "perm") - 1 for p in (np.asarray(perm).ravel().tolist()
                                                if not isinstance(perm, (int, float)) else [perm])]
    return tf.transpose(x, perm)


def shape_text(shape):
    """A shape (list, None for unknown dims, or a TensorShape) as the user writes
    it, through the one shape formatter; "<unknown rank>" when the rank is unknown."""
    if shape is None or getattr(shape, "rank", 0) is None:
        return "<unknown rank>"
    return frontend.fmt_shape(as_shape(shape, None))  # R may send c(3L, 2L), or 2L for one dim


def describe(x):
    """What print()/str() show: kind, name, shape, dtype."""
    if is_keras_tensor(x):
        kind = "KerasTensor"
    elif isinstance(x, tf.Variable) or "Variable" in type(x).__name__:
        kind = "Variable"
    elif hasattr(x, "numpy") and tf.executing_eagerly():
        kind = "Tensor"
    else:
        kind = "SymbolicTensor"
    name = getattr(x, "name", None) if kind != "Tensor" else None
    dtype = getattr(x.dtype, "name", None) or str(x.dtype)
    return {"kind": kind, "name": name, "shape": dims(x), "shape_text": shape_text(dims(x)), "dtype": dtype,
            "eager": tf.executing_eagerly() and kind != "KerasTensor"}


def value(x):
    """The numpy value of an eager tensor or variable (R gets an array)."""
    if is_keras_tensor(x) or not hasattr(x, "numpy"):
        raise ArgumentError(
            "Can't convert a symbolic tensor to an R value: its value is only known when the "
            "graph runs. " + ("Inside tf_function(), keep computing with tf$... ops, or use tf$print() to look at it."
                              if frontend.is_r() else "Use tf ops, or tf.print()."), "x")
    try:
        out = x.numpy()
    except Exception as e:  # graph tensors inside tf.function
        raise ArgumentError(
            "Can't convert a symbolic tensor to an R value: its value is only known when the "
            "graph runs. Inside tf_function(), keep computing with tf$... ops, or use tf$print().", "x") from e
    if x.dtype == tf.string:  # bytes -> text, column-major for R (reticulate fills string arrays row by row)
        out = np.char.decode(np.asarray(out).astype(bytes), "utf-8", errors="replace")
        return {"strings": out.ravel(order="F").tolist(), "dim": list(out.shape)}
    return out


# ---- R tensorflow's generics beyond the arithmetic ---------------------------

def as_tensor(x, dtype=None, shape=None, name=None):
    """R tensorflow's as_tensor(): convert, cast (numbers saturate, as there),
    then honour ``shape``: a scalar fills a fully known shape (tf.fill), anything
    else is reshaped in row-major order (unknown dims: None, -1 or a tensor).
    An R double vector without dim becomes float64, as in R tensorflow."""
    if isinstance(x, tf.TensorShape):
        if x.rank is None:
            raise ArgumentError("Can't convert a shape of unknown rank to a tensor.", "x")
        x = [-1 if d is None else d for d in x.as_list()]
        x = tf.constant(x, dtype=tf.int32)
    elif not _is_tensor_like(x):
        if isinstance(x, float) or (isinstance(x, np.ndarray) and x.dtype == np.float64):
            x = tf.convert_to_tensor(x, dtype=tf.float64, name=name)
        else:
            x = tf.convert_to_tensor(x, name=name)
    if dtype is not None:
        dtype = tf.as_dtype(dtype)
        src = x.dtype
        if (dtype.is_floating or dtype.is_integer) and (src.is_floating or src.is_integer):
            x = tf.dtypes.saturate_cast(x, dtype, name=name)
        else:
            x = tf.cast(x, dtype, name=name)
    if shape is not None:
        if isinstance(shape, tf.TensorShape):
            shape = shape.as_list()
        if tf.is_tensor(shape):
            if shape.shape.rank == 0:
                shape = tf.expand_dims(shape, 0)
            partial = False
        else:
            shape = [-1 if d is None or d != d else int(d) for d in
                     (shape if isinstance(shape, (list, tuple)) else np.asarray(shape).ravel().tolist())]
            partial = any(d == -1 for d in shape)
        if shape is not None and not tf.is_tensor(shape) and list(x.shape) == shape:
            return x
        if x.shape.rank is not None and x.shape.num_elements() == 1 and (tf.is_tensor(shape) or not partial):
            return tf.fill(shape, tf.reshape(x, []), name=name)
        return tf.reshape(x, shape, name=name)
    return x


_COMPLEX = {"Re": tf.math.real, "Im": tf.math.imag, "Mod": tf.abs,
            "Arg": tf.math.angle, "Conj": tf.math.conj}


_COMPLEX_KERAS = {"Re": "real", "Im": "imag", "Mod": "absolute", "Arg": "angle", "Conj": "conj"}


def complex_op(name, x):
    """R's Complex group (Re, Im, Mod, Arg, Conj) on a tensor (keras.ops on symbolic Keras tensors)."""
    if is_keras_tensor(x):
        return getattr(keras.ops, _COMPLEX_KERAS[name])(x)
    if not x.dtype.is_complex and name in ("Arg",):
        x = tf.cast(x, tf.complex128 if x.dtype == tf.float64 else tf.complex64)
    return _COMPLEX[name](x)


_PREDICATES = {"is.finite": tf.math.is_finite, "is.infinite": tf.math.is_inf, "is.nan": tf.math.is_nan}


def predicate(name, x):
    """is.finite(), is.infinite(), is.nan(): integer tensors are all finite."""
    if not x.dtype.is_floating:
        return tf.fill(tf.shape(x), name == "is.finite")
    return _PREDICATES[name](x)


def summarize(name, xs, axis=None, keepdims=False):
    """R's Summary group on tensors (and R values next to them); range() is
    c(min, max) as one tensor."""
    if name == "range":
        return tf.stack([summarize("min", xs, axis, keepdims), summarize("max", xs, axis, keepdims)])
    if len(xs) == 1:
        return reduce(name, xs[0], axis=axis, keepdims=keepdims)
    if axis is not None:
        raise ArgumentError("`axis` can only be used when reducing one tensor.", "axis")
    return reduce_many(name, xs)


def sort(x, decreasing=False):
    return tf.sort(x, direction="DESCENDING" if decreasing else "ASCENDING")


def rep(x, times):
    """R's rep(x, times) on a tensor: the flattened tensor repeated."""
    flat = tf.reshape(x, [-1])
    times = tf.reshape(tf.cast(times, tf.int32), [-1])
    return tf.tile(flat, times)


def bind(values, along, dtype=None):
    """cbind()/rbind() of tensors and R values: vectors become columns (cbind)
    or rows (rbind), all take ``dtype`` (default: the first tensor's)."""
    if dtype is None:
        dtype = next((v.dtype for v in values if _is_tensor_like(v)), None)
    parts = []
    for v in values:
        t = v if _is_tensor_like(v) else tf.convert_to_tensor(np.asarray(v))
        if dtype is not None and t.dtype != tf.as_dtype(dtype):
            t = tf.cast(t, dtype)
        rank = t.shape.rank
        if rank == 0:
            t = tf.reshape(t, [1, 1])
        elif rank == 1:
            t = tf.expand_dims(t, 1 if along == "c" else 0)
        parts.append(t)
    if dtype is None:
        dtype = parts[0].dtype
    return tf.concat([tf.cast(p, dtype) for p in parts], axis=1 if along == "c" else 0)
