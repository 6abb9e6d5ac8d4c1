"""The Keras 2 backend module (``K <- backend()``, ``keras$backend`` from R).

R keras 2.x code calls the Keras 2.15 ``keras.backend`` functions directly:
``K$mean(x, axis = 1L)``, ``K$int_shape(x)``, ``K$epsilon()``. Those take
Python's 0-based axes (R's ``k_*()`` functions, legacy/backend.py, stay
1-based). ``BACKEND`` is one object whose attributes are those functions,
written on TensorFlow; what Keras 3's ``keras.backend`` still has and Keras 2
lacked falls through to it. Each function works eagerly and on symbolic Keras
tensors: called with a KerasTensor it becomes a layer of the model
(legacy/op_layers.py), as Keras 2's op layers did.
"""

import builtins

import keras
import numpy as np
import tensorflow as tf

from ..argspec import as_shape
from ..convert import as_int
from ..errors import ArgumentError
from .op_layers import has_keras_tensor, symbolic_aware

PATH = "kerasbridge.legacy.backend_module.BACKEND"
_FUNCTIONS = {}
# Functions that answer about symbolic tensors (or build from them) instead of
# computing on them: never op layers.
_NOT_OPS = {"int_shape", "ndim", "dtype", "is_keras_tensor", "is_sparse", "count_params",
            "is_placeholder", "is_tensor", "get_uid", "reset_uids", "function", "gradients"}


def keras2(fn=None, *, name=None):
    """Register `fn` as the Keras 2 backend function `name` (default: its name
    without a trailing underscore, for names that are Python builtins)."""
    def register(f):
        _FUNCTIONS[name or f.__name__.rstrip("_")] = f
        return f
    return register(fn) if fn is not None else register


def _axis(axis):
    """R sends 1 as 1.0 and c(0, 1) as a list: Keras 2 axes are 0-based ints."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return [as_int(a, "axis") for a in axis]
    return as_int(axis, "axis")


def _t(x, dtype=None):
    if isinstance(x, (tf.Tensor, tf.Variable)) or hasattr(x, "_keras_history"):
        return x if dtype is None else tf.cast(x, dtype)
    if isinstance(x, keras.Variable):
        return x.value
    return tf.convert_to_tensor(x, dtype=dtype or (keras.config.floatx() if isinstance(x, (float, list)) else None))


def _shape(shape):
    return tuple(as_shape(shape, "shape"))


def _dtype(dtype):
    return dtype or keras.config.floatx()


# --- configuration ----------------------------------------------------------
@keras2
def backend():
    return "tensorflow"


@keras2
def epsilon():
    return keras.config.epsilon()


@keras2
def set_epsilon(value):
    keras.config.set_epsilon(float(value))


@keras2
def floatx():
    return keras.config.floatx()


@keras2
def set_floatx(value):
    keras.config.set_floatx(value)


@keras2
def cast_to_floatx(x):
    return np.asarray(x, dtype=keras.config.floatx())


@keras2
def image_data_format():
    return keras.config.image_data_format()


@keras2
def set_image_data_format(data_format):
    keras.config.set_image_data_format(data_format)


@keras2
def clear_session():
    keras.utils.clear_session()


@keras2
def get_uid(prefix=""):
    from keras.src.backend.common.global_state import get_global_attribute, set_global_attribute
    uids = get_global_attribute("kb_keras2_uids", default={}, set_to_default=True)
    uids[prefix] = uids.get(prefix, 0) + 1
    set_global_attribute("kb_keras2_uids", uids)
    return uids[prefix]


@keras2
def reset_uids():
    from keras.src.backend.common.global_state import set_global_attribute
    set_global_attribute("kb_keras2_uids", {})


_learning_phase = [0]


@keras2
def learning_phase():
    return _learning_phase[0]


@keras2
def set_learning_phase(value):
    if value not in (0, 1, 0.0, 1.0, True, False):
        raise ArgumentError(f"`value` must be 0 (test) or 1 (train), received {value!r}.", "value")
    _learning_phase[0] = int(value)


@keras2
def manual_variable_initialization(value):
    """Keras 2 graph-mode setting; variables are always initialized eagerly now."""
    return None


@keras2
def name_scope(name):
    return tf.name_scope(name)


# --- tensors, variables and their values -------------------------------------
@keras2
def is_keras_tensor(x):
    return keras.backend.is_keras_tensor(x) or hasattr(x, "_keras_history")


@keras2
def is_sparse(tensor):
    return isinstance(tensor, tf.SparseTensor) or bool(getattr(tensor, "sparse", False))


@keras2
def to_dense(tensor):
    return tf.sparse.to_dense(tensor) if isinstance(tensor, tf.SparseTensor) else tensor


@keras2
def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None):
    """Keras 2's graph placeholder: a symbolic input (the first dimension is the batch)."""
    if shape is None:
        if ndim is None:
            raise ArgumentError("placeholder() needs `shape` or `ndim`.", "shape")
        shape = (None,) * as_int(ndim, "ndim")
    return keras.Input(batch_shape=_shape(shape), dtype=_dtype(dtype), sparse=bool(sparse), name=name)


@keras2
def is_placeholder(x):
    return is_keras_tensor(x)


@keras2
def variable(value, dtype=None, name=None, constraint=None):
    return keras.Variable(np.asarray(value), dtype=_dtype(dtype), name=name, constraint=constraint)


@keras2
def constant(value, dtype=None, shape=None, name=None):
    return tf.constant(value, dtype=_dtype(dtype), shape=None if shape is None else _shape(shape), name=name)


@keras2
def get_value(x):
    return keras.ops.convert_to_numpy(x)


@keras2(name="eval")
def eval_(x):
    return get_value(x)


@keras2
def batch_get_value(tensors):
    return [get_value(t) for t in tensors]


@keras2
def set_value(x, value):
    x.assign(np.asarray(value, dtype=getattr(x.dtype, "name", x.dtype)))


@keras2
def batch_set_value(tuples):
    for x, value in tuples:
        set_value(x, value)


@keras2
def update(x, new_x):
    return x.assign(new_x)


@keras2
def update_add(x, increment):
    return x.assign_add(increment)


@keras2
def update_sub(x, decrement):
    return x.assign_sub(decrement)


@keras2
def moving_average_update(x, value, momentum):
    return x.assign(x * momentum + _t(value) * (1 - momentum))


@keras2
def print_tensor(x, message="", summarize=3):
    tf.print(message, x, summarize=summarize)
    return x


@keras2
def count_params(x):
    return int(np.prod(x.shape))


@keras2
def int_shape(x):
    try:
        return tuple(x.shape.as_list()) if isinstance(x.shape, tf.TensorShape) else tuple(x.shape)
    except (AttributeError, ValueError):
        return None


@keras2
def ndim(x):
    return len(int_shape(x))


@keras2
def dtype(x):
    d = x.dtype
    return getattr(d, "name", d)


@keras2
def shape(x):
    return tf.shape(_t(x))


@keras2
def zeros(shape, dtype=None, name=None):
    return tf.zeros(_shape(shape), dtype=_dtype(dtype), name=name)


@keras2
def ones(shape, dtype=None, name=None):
    return tf.ones(_shape(shape), dtype=_dtype(dtype), name=name)


@keras2
def eye(size, dtype=None, name=None):
    n = [as_int(s, "size") for s in size] if isinstance(size, (list, tuple)) else [as_int(size, "size")]
    return tf.eye(n[0], n[-1] if len(n) > 1 else None, dtype=_dtype(dtype), name=name)


@keras2
def zeros_like(x, dtype=None, name=None):
    return tf.zeros_like(_t(x), dtype=dtype, name=name)


@keras2
def ones_like(x, dtype=None, name=None):
    return tf.ones_like(_t(x), dtype=dtype, name=name)


@keras2
def identity(x, name=None):
    return tf.identity(_t(x), name=name)


@keras2
def arange(start, stop=None, step=1, dtype="int32"):
    if stop is None:
        start, stop = 0, start
    return tf.range(start, stop, step, dtype=dtype)


@keras2
def cast(x, dtype):
    return tf.cast(_t(x), dtype)


@keras2
def stop_gradient(variables):
    if isinstance(variables, (list, tuple)):
        return [tf.stop_gradient(v) for v in variables]
    return tf.stop_gradient(variables)


# --- random ------------------------------------------------------------------
def _seed(seed):
    return None if seed is None else as_int(seed, "seed")


@keras2
def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return tf.random.normal(_shape(shape), mean, stddev, dtype=_dtype(dtype), seed=_seed(seed))


@keras2
def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return tf.random.uniform(_shape(shape), minval, maxval, dtype=_dtype(dtype), seed=_seed(seed))


@keras2
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return tf.random.truncated_normal(_shape(shape), mean, stddev, dtype=_dtype(dtype), seed=_seed(seed))


@keras2
def random_bernoulli(shape, p=0.0, dtype=None, seed=None):
    return tf.cast(tf.random.uniform(_shape(shape), seed=_seed(seed)) < p, _dtype(dtype))


@keras2
def random_binomial(shape, p=0.0, dtype=None, seed=None):
    return random_bernoulli(shape, p, dtype, seed)


@keras2
def random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None):
    return variable(random_normal(shape, mean, scale, dtype, seed), dtype, name)


@keras2
def random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None):
    return variable(random_uniform(shape, low, high, dtype, seed), dtype, name)


@keras2
def dropout(x, level, noise_shape=None, seed=None):
    return tf.nn.dropout(_t(x), rate=level, noise_shape=noise_shape, seed=_seed(seed))


# --- element-wise --------------------------------------------------------------
for _name, _fn in {"abs": tf.abs, "exp": tf.exp, "log": tf.math.log, "sqrt": tf.sqrt,
                   "square": tf.square, "sign": tf.sign, "round": tf.round, "sin": tf.sin,
                   "cos": tf.cos, "tanh": tf.tanh, "sigmoid": tf.sigmoid,
                   "softplus": tf.nn.softplus, "softsign": tf.nn.softsign}.items():
    def _unary(x, _fn=_fn):
        return _fn(_t(x))
    _unary.__name__ = _name
    _FUNCTIONS[_name] = _unary


@keras2
def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    return keras.activations.relu(_t(x), negative_slope=alpha, max_value=max_value, threshold=threshold)


@keras2
def elu(x, alpha=1.0):
    return keras.activations.elu(_t(x), alpha=alpha)


@keras2
def hard_sigmoid(x):
    return tf.clip_by_value(0.2 * _t(x) + 0.5, 0.0, 1.0)


@keras2
def softmax(x, axis=-1):
    return tf.nn.softmax(_t(x), axis=_axis(axis))


@keras2(name="pow")
def pow_(x, a):
    return tf.pow(_t(x), a)


@keras2
def clip(x, min_value=None, max_value=None):
    lo = -np.inf if min_value is None else min_value
    hi = np.inf if max_value is None else max_value
    x = _t(x)
    return tf.clip_by_value(x, tf.cast(lo, x.dtype), tf.cast(hi, x.dtype))


for _name, _fn in {"maximum": tf.maximum, "minimum": tf.minimum, "equal": tf.equal,
                   "not_equal": tf.not_equal, "greater": tf.greater,
                   "greater_equal": tf.greater_equal, "less": tf.less,
                   "less_equal": tf.less_equal}.items():
    def _binary(x, y, _fn=_fn):
        x = _t(x)
        return _fn(x, _t(y, x.dtype) if not hasattr(y, "dtype") else y)
    _binary.__name__ = _name
    _FUNCTIONS[_name] = _binary


# --- reductions (0-based axis) ---------------------------------------------------
for _name, _fn in {"mean": tf.reduce_mean, "sum": tf.reduce_sum, "max": tf.reduce_max,
                   "min": tf.reduce_min, "prod": tf.reduce_prod, "std": tf.math.reduce_std,
                   "var": tf.math.reduce_variance}.items():
    def _reduce(x, axis=None, keepdims=False, _fn=_fn):
        x = _t(x)
        if x.dtype.is_bool or x.dtype.is_integer and _fn in (tf.reduce_mean, tf.math.reduce_std,
                                                               tf.math.reduce_variance):
            x = tf.cast(x, keras.config.floatx())
        return _fn(x, axis=_axis(axis), keepdims=bool(keepdims))
    _reduce.__name__ = _name
    _FUNCTIONS[_name] = _reduce


@keras2(name="any")
def any_(x, axis=None, keepdims=False):
    return tf.reduce_any(tf.cast(_t(x), tf.bool), axis=_axis(axis), keepdims=bool(keepdims))


@keras2(name="all")
def all_(x, axis=None, keepdims=False):
    return tf.reduce_all(tf.cast(_t(x), tf.bool), axis=_axis(axis), keepdims=bool(keepdims))


@keras2
def argmax(x, axis=-1):
    return tf.argmax(_t(x), axis=_axis(axis))


@keras2
def argmin(x, axis=-1):
    return tf.argmin(_t(x), axis=_axis(axis))


@keras2
def cumsum(x, axis=0):
    return tf.cumsum(_t(x), axis=_axis(axis))


@keras2
def cumprod(x, axis=0):
    return tf.math.cumprod(_t(x), axis=_axis(axis))


@keras2
def logsumexp(x, axis=None, keepdims=False):
    return tf.reduce_logsumexp(_t(x), axis=_axis(axis), keepdims=bool(keepdims))


@keras2
def l2_normalize(x, axis=None):
    return tf.math.l2_normalize(_t(x), axis=_axis(axis))


# --- shapes ---------------------------------------------------------------------
@keras2
def reshape(x, shape):
    return tf.reshape(_t(x), [-1 if d is None else d for d in _shape(shape)])


@keras2
def flatten(x):
    return tf.reshape(_t(x), [-1])


@keras2
def batch_flatten(x):
    x = _t(x)
    return tf.reshape(x, tf.stack([-1, tf.reduce_prod(tf.shape(x)[1:])]))


@keras2
def permute_dimensions(x, pattern):
    return tf.transpose(_t(x), perm=_axis(list(pattern)))


@keras2
def transpose(x):
    return tf.transpose(_t(x))


@keras2
def expand_dims(x, axis=-1):
    return tf.expand_dims(_t(x), _axis(axis))


@keras2
def squeeze(x, axis):
    return tf.squeeze(_t(x), [_axis(axis)])


@keras2
def concatenate(tensors, axis=-1):
    tensors = [_t(t) for t in tensors]
    if all(isinstance(t, tf.SparseTensor) for t in tensors):
        return tf.sparse.concat(_axis(axis), tensors)
    return tf.concat(tensors, _axis(axis))


@keras2
def stack(x, axis=0):
    return tf.stack([_t(t) for t in x], axis=_axis(axis))


@keras2
def tile(x, n):
    n = [as_int(i, "n") for i in n] if isinstance(n, (list, tuple)) else [as_int(n, "n")]
    return tf.tile(_t(x), n)


@keras2(name="repeat")
def repeat_(x, n):
    """(batch, dim) -> (batch, n, dim)."""
    x = tf.expand_dims(_t(x), 1)
    return tf.tile(x, [1, as_int(n, "n"), 1])


@keras2
def repeat_elements(x, rep, axis):
    return tf.repeat(_t(x), as_int(rep, "rep"), axis=_axis(axis))


@keras2
def reverse(x, axes):
    axes = _axis(axes)
    return tf.reverse(_t(x), axes if isinstance(axes, list) else [axes])


@keras2
def gather(reference, indices):
    return tf.gather(_t(reference), tf.cast(_t(indices), "int32"))


@keras2
def one_hot(indices, num_classes):
    return tf.one_hot(tf.cast(_t(indices), "int32"), depth=as_int(num_classes, "num_classes"), axis=-1)


@keras2
def slice(x, start, size):  # noqa: A001 (Keras 2's name)
    return tf.slice(_t(x), [as_int(i, "start") for i in start], [as_int(i, "size") for i in size])


def _pads(padding, n):
    padding = list(padding)
    return [[as_int(a, "padding"), as_int(b, "padding")] for a, b in padding[:n]]


@keras2
def temporal_padding(x, padding=(1, 1)):
    return tf.pad(_t(x), [[0, 0], [as_int(padding[0], "padding"), as_int(padding[1], "padding")], [0, 0]])


@keras2
def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    p = _pads(padding, 2)
    if (data_format or image_data_format()) == "channels_first":
        return tf.pad(_t(x), [[0, 0], [0, 0]] + p)
    return tf.pad(_t(x), [[0, 0]] + p + [[0, 0]])


@keras2
def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    p = _pads(padding, 3)
    if (data_format or image_data_format()) == "channels_first":
        return tf.pad(_t(x), [[0, 0], [0, 0]] + p)
    return tf.pad(_t(x), [[0, 0]] + p + [[0, 0]])


@keras2
def resize_images(x, height_factor, width_factor, data_format, interpolation="nearest"):
    layer = keras.layers.UpSampling2D((as_int(height_factor, "height_factor"), as_int(width_factor, "width_factor")),
                                      data_format=data_format, interpolation=interpolation)
    return layer(_t(x))


@keras2
def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    size = tuple(as_int(f, "factor") for f in (depth_factor, height_factor, width_factor))
    return keras.layers.UpSampling3D(size, data_format=data_format)(_t(x))


# --- linear algebra --------------------------------------------------------------
@keras2
def dot(x, y):
    x, y = _t(x), _t(y)
    if len(x.shape) > 2 or len(y.shape) > 2:
        return tf.tensordot(x, y, axes=[[len(x.shape) - 1], [max(len(y.shape) - 2, 0)]])
    return tf.matmul(x, y)


@keras2
def batch_dot(x, y, axes=None):
    """Keras 2's batch_dot: per-sample dot products over `axes` (0-based; the
    batch axis 0 is never reduced)."""
    x, y = _t(x), _t(y)
    nx, ny = len(x.shape), len(y.shape)
    if axes is None:
        axes = [nx - 1, ny - 2 if ny > 2 else ny - 1]
    elif not isinstance(axes, (list, tuple)):
        axes = [axes, axes]
    ax, ay = [a % n for a, n in zip(_axis(list(axes)), (nx, ny))]
    if ax == 0 or ay == 0:
        raise ArgumentError("batch_dot() can't reduce the batch axis (0).", "axes")
    x = tf.experimental.numpy.moveaxis(x, ax, -1)
    y = tf.experimental.numpy.moveaxis(y, ay, 1)
    # (b, ..., k) x (b, k, ...) -> (b, ..., ...)
    xs, ys = tf.shape(x), tf.shape(y)
    x2 = tf.reshape(x, tf.stack([xs[0], -1, xs[-1]]))
    y2 = tf.reshape(y, tf.stack([ys[0], ys[1], -1]))
    out = tf.matmul(x2, y2)
    out_shape = tf.concat([xs[:-1], ys[2:]], 0)
    out = tf.reshape(out, out_shape)
    if nx == 2 and ny == 2:  # both were (b, k): Keras 2 returned (b, 1)
        out = tf.expand_dims(out, -1)
    return out


@keras2
def bias_add(x, bias, data_format=None):
    x = _t(x)
    fmt = "NCHW" if (data_format or image_data_format()) == "channels_first" and len(x.shape) == 4 else None
    bias = _t(bias)
    if bias.dtype != x.dtype and bias.dtype.is_floating and x.dtype.is_floating:
        bias = tf.cast(bias, x.dtype)  # an R array (float64) plus a float32 bias: Keras 2 added them
    return tf.nn.bias_add(x, bias, data_format=fmt)


# --- losses ----------------------------------------------------------------------
@keras2
def binary_crossentropy(target, output, from_logits=False):
    return keras.ops.binary_crossentropy(_t(target), _t(output), from_logits=bool(from_logits))


@keras2
def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return keras.ops.categorical_crossentropy(_t(target), _t(output), from_logits=bool(from_logits),
                                              axis=_axis(axis))


@keras2
def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1, ignore_class=None):
    loss = keras.ops.sparse_categorical_crossentropy(_t(target), _t(output),
                                                     from_logits=bool(from_logits), axis=_axis(axis))
    if ignore_class is not None:
        keep = tf.cast(tf.not_equal(tf.reshape(tf.cast(_t(target), "int32"), tf.shape(loss)),
                                    as_int(ignore_class, "ignore_class")), loss.dtype)
        loss = loss * keep
    return loss


@keras2
def binary_focal_crossentropy(target, output, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False):
    return keras.losses.binary_focal_crossentropy(
        _t(target), _t(output), apply_class_balancing=apply_class_balancing, alpha=alpha,
        gamma=gamma, from_logits=bool(from_logits))


@keras2
def categorical_focal_crossentropy(target, output, alpha=0.25, gamma=2.0, from_logits=False, axis=-1):
    return keras.losses.categorical_focal_crossentropy(
        _t(target), _t(output), alpha=alpha, gamma=gamma, from_logits=bool(from_logits), axis=_axis(axis))


@keras2
def in_top_k(predictions, targets, k):
    return tf.math.in_top_k(tf.cast(_t(targets), "int32"), _t(predictions), as_int(k, "k"))


@keras2
def ctc_label_dense_to_sparse(labels, label_lengths):
    labels = _t(labels)
    mask = tf.sequence_mask(tf.cast(_t(label_lengths), "int32"), tf.shape(labels)[1])
    idx = tf.where(mask)
    return tf.SparseTensor(idx, tf.gather_nd(labels, idx), tf.cast(tf.shape(labels), "int64"))


@keras2
def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    label_length = tf.cast(tf.squeeze(_t(label_length), -1), "int32")
    input_length = tf.cast(tf.squeeze(_t(input_length), -1), "int32")
    sparse = ctc_label_dense_to_sparse(tf.cast(_t(y_true), "int32"), label_length)
    logits = tf.math.log(tf.transpose(_t(y_pred), [1, 0, 2]) + epsilon())
    return tf.expand_dims(tf.nn.ctc_loss(sparse, logits, None, input_length, logits_time_major=True,
                                         blank_index=-1), 1)


@keras2
def ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1):
    logits = tf.math.log(tf.transpose(_t(y_pred), [1, 0, 2]) + epsilon())
    input_length = tf.cast(_t(input_length), "int32")
    if greedy:
        decoded, log_prob = tf.nn.ctc_greedy_decoder(logits, input_length)
    else:
        decoded, log_prob = tf.nn.ctc_beam_search_decoder(logits, input_length, beam_width=as_int(beam_width, "beam_width"),
                                                          top_paths=as_int(top_paths, "top_paths"))
    dense = [tf.sparse.to_dense(d, default_value=-1) for d in decoded]
    return dense, log_prob


# --- normalization -------------------------------------------------------------
@keras2
def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):
    return tf.nn.batch_normalization(_t(x), mean, var, beta, gamma, epsilon)


@keras2
def normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3):
    mean, var = tf.nn.moments(_t(x), _axis(list(reduction_axes)), keepdims=False)
    shape = [1] * len(_t(x).shape)
    kept = [i for i in builtins.range(len(shape)) if i not in _axis(list(reduction_axes))]
    for i in kept:
        shape[i] = -1
    bm, bv = tf.reshape(mean, shape), tf.reshape(var, shape)
    g = None if gamma is None else tf.reshape(gamma, shape)
    b = None if beta is None else tf.reshape(beta, shape)
    return tf.nn.batch_normalization(_t(x), bm, bv, b, g, epsilon), mean, var


# --- convolution and pooling --------------------------------------------------------
def _fmt(data_format, rank):
    first = (data_format or image_data_format()) == "channels_first"
    return {1: "NCW" if first else "NWC", 2: "NCHW" if first else "NHWC",
            3: "NCDHW" if first else "NDHWC"}[rank]


def _ints(v, n, arg):
    if isinstance(v, (list, tuple)):
        return [as_int(i, arg) for i in v]
    return [as_int(v, arg)] * n


@keras2
def conv1d(x, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    if padding == "causal":
        k = int(kernel.shape[0])
        x = temporal_padding(x, ((k - 1) * as_int(dilation_rate, "dilation_rate"), 0))
        padding = "valid"
    return tf.nn.conv1d(_t(x), kernel, as_int(strides, "strides"), padding.upper(), _fmt(data_format, 1),
                        as_int(dilation_rate, "dilation_rate"))


@keras2
def conv2d(x, kernel, strides=(1, 1), padding="valid", data_format=None, dilation_rate=(1, 1)):
    return tf.nn.conv2d(_t(x), kernel, _ints(strides, 2, "strides"), padding.upper(), _fmt(data_format, 2),
                        _ints(dilation_rate, 2, "dilation_rate"))


@keras2
def conv2d_transpose(x, kernel, output_shape, strides=(1, 1), padding="valid", data_format=None,
                     dilation_rate=(1, 1)):
    return tf.nn.conv2d_transpose(_t(x), kernel, [as_int(d, "output_shape") for d in output_shape],
                                  _ints(strides, 2, "strides"), padding.upper(), _fmt(data_format, 2),
                                  _ints(dilation_rate, 2, "dilation_rate"))


@keras2
def conv3d(x, kernel, strides=(1, 1, 1), padding="valid", data_format=None, dilation_rate=(1, 1, 1)):
    return tf.nn.conv3d(_t(x), kernel, [1] + _ints(strides, 3, "strides") + [1], padding.upper(),
                        _fmt(data_format, 3), [1] + _ints(dilation_rate, 3, "dilation_rate") + [1])


@keras2
def depthwise_conv2d(x, depthwise_kernel, strides=(1, 1), padding="valid", data_format=None,
                     dilation_rate=(1, 1)):
    return tf.nn.depthwise_conv2d(_t(x), depthwise_kernel, [1] + _ints(strides, 2, "strides") + [1],
                                  padding.upper(), _fmt(data_format, 2), _ints(dilation_rate, 2, "dilation_rate"))


@keras2
def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1), padding="valid",
                     data_format=None, dilation_rate=(1, 1)):
    return tf.nn.separable_conv2d(_t(x), depthwise_kernel, pointwise_kernel,
                                  [1] + _ints(strides, 2, "strides") + [1], padding.upper(),
                                  data_format=_fmt(data_format, 2),
                                  dilations=_ints(dilation_rate, 2, "dilation_rate"))


@keras2
def pool2d(x, pool_size, strides=(1, 1), padding="valid", data_format=None, pool_mode="max"):
    fn = tf.nn.max_pool2d if pool_mode == "max" else tf.nn.avg_pool2d
    return fn(_t(x), _ints(pool_size, 2, "pool_size"), _ints(strides, 2, "strides"), padding.upper(),
              _fmt(data_format, 2))


@keras2
def pool3d(x, pool_size, strides=(1, 1, 1), padding="valid", data_format=None, pool_mode="max"):
    fn = tf.nn.max_pool3d if pool_mode == "max" else tf.nn.avg_pool3d
    return fn(_t(x), _ints(pool_size, 3, "pool_size"), _ints(strides, 3, "strides"), padding.upper(),
              _fmt(data_format, 3))


@keras2
def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    return _local_conv(inputs, kernel, _ints(kernel_size, 1, "kernel_size"), _ints(strides, 1, "strides"),
                       data_format)


@keras2
def local_conv2d(inputs, kernel, kernel_size, strides, output_shape, data_format=None):
    return _local_conv(inputs, kernel, _ints(kernel_size, 2, "kernel_size"), _ints(strides, 2, "strides"),
                       data_format)


def _local_conv(inputs, kernel, kernel_size, strides, data_format):
    """Unshared-weight convolution: one kernel per output position, `kernel` of
    shape (positions, prod(kernel_size) * channels_in, channels_out)."""
    x = _t(inputs)
    first = (data_format or image_data_format()) == "channels_first"
    if first:
        x = tf.experimental.numpy.moveaxis(x, 1, -1)
    if len(kernel_size) == 1:
        patches = tf.image.extract_patches(tf.expand_dims(x, 1), [1, 1, kernel_size[0], 1],
                                           [1, 1, strides[0], 1], [1, 1, 1, 1], "VALID")[:, 0]
    else:
        patches = tf.image.extract_patches(x, [1, *kernel_size, 1], [1, *strides, 1], [1, 1, 1, 1], "VALID")
    spatial = tf.shape(patches)[1:-1]
    flat = tf.reshape(patches, tf.stack([tf.shape(patches)[0], -1, tf.shape(patches)[-1]]))
    out = tf.einsum("bpk,pko->bpo", flat, kernel)
    out = tf.reshape(out, tf.concat([tf.shape(patches)[:1], spatial, tf.shape(kernel)[-1:]], 0))
    if first:
        out = tf.experimental.numpy.moveaxis(out, -1, 1)
    return out


# --- control flow ------------------------------------------------------------------
@keras2
def switch(condition, then_expression, else_expression):
    def value(e):
        return e() if callable(e) else _t(e)
    cond = _t(condition)
    if len(cond.shape) == 0:
        return tf.cond(tf.cast(cond, tf.bool), lambda: value(then_expression), lambda: value(else_expression))
    return tf.where(tf.cast(cond, tf.bool), value(then_expression), value(else_expression))


@keras2
def in_train_phase(x, alt, training=None):
    training = learning_phase() if training is None else training
    if isinstance(training, (bool, int, float)):
        chosen = x if training else alt
        return chosen() if callable(chosen) else chosen
    return switch(training, x, alt)


@keras2
def in_test_phase(x, alt, training=None):
    return in_train_phase(alt, x, training=training)


@keras2
def map_fn(fn, elems, name=None, dtype=None):
    return tf.map_fn(fn, elems, name=name, fn_output_signature=dtype)


@keras2
def foldl(fn, elems, initializer=None, name=None):
    return tf.foldl(fn, elems, initializer=initializer, name=name)


@keras2
def foldr(fn, elems, initializer=None, name=None):
    return tf.foldr(fn, elems, initializer=initializer, name=name)


@keras2
def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, constants=None,
        unroll=False, input_length=None, time_major=False, zero_output_for_mask=False,
        return_all_outputs=True):
    """Keras 2's rnn(): iterate `step_function(input_t, states)` over time;
    returns (last_output, outputs, new_states). Keras 3 has the same loop."""
    from keras.src.backend.tensorflow.rnn import rnn as keras_rnn
    return keras_rnn(step_function, _t(inputs), list(initial_states), go_backwards=go_backwards,
                     mask=mask, constants=constants, unroll=unroll, input_length=input_length,
                     time_major=time_major, zero_output_for_mask=zero_output_for_mask,
                     return_all_outputs=return_all_outputs)


@keras2
def gradients(loss, variables):
    raise ArgumentError(
        "gradients() needed Keras 2's graph mode; compute gradients with "
        "tf$GradientTape() (with(tf$GradientTape() %as% tape, ...); tape$gradient(loss, vars)).",
        "loss")


@keras2
def function(inputs, outputs, updates=None, name=None, **kwargs):
    """Keras 2's backend function: a callable from a list of input values to
    the list of output values (a model from `inputs` to `outputs`)."""
    single = not isinstance(outputs, (list, tuple))
    model = keras.Model(inputs, outputs, name=name)

    def run(values):
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        out = model(values[0] if len(model.inputs) == 1 else values, training=False)
        out = [out] if single else list(out)
        return [keras.ops.convert_to_numpy(o) for o in out]
    return run


class Keras2Backend:
    """``keras.backend`` as Keras 2.15 had it (0-based axes), with what Keras 3's
    ``keras.backend`` adds. Functions work eagerly and on symbolic tensors."""

    def __init__(self, functions):
        for name, fn in functions.items():
            wrapped = fn if name in _NOT_OPS else symbolic_aware(fn, f"{PATH}.{name}")
            object.__setattr__(self, name, wrapped)

    def __getattr__(self, name):
        # only called for names not set above: Keras 3's own backend functions
        return getattr(keras.backend, name)

    def __dir__(self):
        return sorted(set(self.__dict__) | {n for n in dir(keras.backend) if not n.startswith("_")})

    def __repr__(self):
        return f"<Keras 2 backend: {len(self.__dict__)} functions (0-based axes) + keras.backend>"


# Keras 2 had is_tensor too (tf.is_tensor that also knew Keras tensors).
_FUNCTIONS.setdefault("is_tensor", lambda x: tf.is_tensor(x) or is_keras_tensor(x))
BACKEND = Keras2Backend(_FUNCTIONS)

KERAS2_NAMES = sorted(_FUNCTIONS)


def get_backend():
    """The object R's ``backend()`` and ``keras$backend`` return."""
    return BACKEND


__all__ = ["BACKEND", "Keras2Backend", "KERAS2_NAMES", "get_backend", "has_keras_tensor"]
