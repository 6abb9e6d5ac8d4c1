"""The Keras 2 backend functions (``k_mean``, ``k_square``, ...) that R keras
code uses in custom losses and metrics, on Keras 3's ``keras.ops``.

R keras 2.x counts axes from 1 (negative axes count from the end); Python
counts from 0. The argument spec's ``as_axis`` (argspec.py, kind "backend")
turns what the user wrote into Keras' axis.
"""

import keras
from keras import ops

from .. import argspec
from ..argspec import as_int, as_shape
from ..errors import ArgumentError
from .op_layers import has_keras_tensor, op_layer


# name -> (keras.ops function, names of axis arguments)
_ELEMENTWISE = ["abs", "exp", "log", "sqrt", "square", "sign", "round", "relu", "sigmoid", "softplus",
                "tanh", "zeros_like", "ones_like", "transpose", "floor", "ceil", "cos", "sin", "log1p", "expm1"]
_REDUCE = ["mean", "sum", "max", "min", "prod", "std", "var", "any", "all"]
_BINARY = ["maximum", "minimum", "equal", "not_equal", "greater", "greater_equal", "less", "less_equal",
           "dot", "subtract", "add", "multiply", "divide"]


def call(fn_name, /, *args, **kwargs):
    """One k_<fn_name>() call with Keras 2 argument names and R axes.
    (Positional-only: k_constant() and others take a `name` argument.)
    On symbolic Keras tensors, a function written on TensorFlow rather than
    keras.ops becomes an op layer, as in Keras 2 (legacy/op_layers.py)."""
    kwargs = argspec.coerce("backend", kwargs)
    if not (has_keras_tensor(args) or has_keras_tensor(kwargs)):
        return dispatch(fn_name, *args, **kwargs)
    try:
        return dispatch(fn_name, *args, **kwargs)
    except (ValueError, TypeError) as e:
        if "KerasTensor" not in str(e):
            raise
    # the axes are already Keras' (coerced above): the layer calls dispatch()
    return op_layer("kerasbridge.legacy.backend.dispatch", (fn_name,) + args, kwargs,
                    name=f"k_{fn_name}")


def dispatch(fn_name, /, *args, **kwargs):
    """k_<fn_name>() on arguments already in Keras' terms (0-based axes)."""
    if fn_name in _ELEMENTWISE or fn_name in _BINARY:
        # Keras 2 named them x (and y); keras.ops names them x (x1, x2): pass them by position
        names = ("x", "y") if fn_name in _BINARY else ("x",)
        args = args + tuple(kwargs.pop(n) for n in names if n in kwargs)
        return getattr(ops, fn_name)(*args, **kwargs)
    if fn_name in _REDUCE:
        keep = kwargs.pop("keepdims", False)
        return getattr(ops, fn_name)(*args, keepdims=bool(keep), **kwargs)
    impl = _SPECIAL.get(fn_name)
    if impl is None:
        raise ArgumentError(f"k_{fn_name}() is not available.", "fn_name")
    return impl(*args, **kwargs)


def _clip(x, min_value=None, max_value=None):
    return ops.clip(x, min_value, max_value)


def _pow(x, a):
    return ops.power(x, a)


def _cast(x, dtype):
    return ops.cast(x, dtype)


def _constant(value, dtype=None, shape=None, name=None):
    t = ops.convert_to_tensor(value, dtype=dtype or keras.config.floatx())
    if shape is not None:
        t = ops.broadcast_to(t, as_shape(shape)) if ops.size(t) == 1 else ops.reshape(t, as_shape(shape))
    return t


def _argmax(x, axis=-1):
    return ops.argmax(x, axis=axis)


def _argmin(x, axis=-1):
    return ops.argmin(x, axis=axis)


def _softmax(x, axis=-1):
    return ops.softmax(x, axis=axis)


def _concatenate(tensors, axis=-1):
    return ops.concatenate(list(tensors), axis=axis)


def _stack(x, axis=0):
    return ops.stack(list(x), axis=axis)


def _expand_dims(x, axis=-1):
    return ops.expand_dims(x, axis)


def _squeeze(x, axis=None):
    return ops.squeeze(x, axis)


def _reshape(x, shape):
    return ops.reshape(x, tuple(-1 if d is None else d for d in as_shape(shape)))


def _flatten(x):
    return ops.reshape(x, (-1,))


def _batch_flatten(x):
    return ops.reshape(x, (ops.shape(x)[0], -1))


def _zeros(shape, dtype=None, name=None):
    return ops.zeros(as_shape(shape), dtype=dtype or keras.config.floatx())


def _ones(shape, dtype=None, name=None):
    return ops.ones(as_shape(shape), dtype=dtype or keras.config.floatx())


def _epsilon():
    return keras.config.epsilon()


def _floatx():
    return keras.config.floatx()


def _int_shape(x):
    return tuple(getattr(x, "shape", ()))


def _shape(x):
    """Keras 2's shape() was tf.shape(): a 1-d int32 tensor, symbolic inside
    layer_lambda(). R keras 2.x scripts index it as a tensor: ``k_shape(z)[1]``
    (1-based extract) is the batch size, ``k_shape(z)[[1]]`` is Python's item 1
    (the Posit VAE example's ``shape = c(k_shape(z_mean)[[1]])``, which
    broadcasts). Keras 3's ops.shape() is a tuple; it stays for a functional
    input, which has no tensor shape."""
    if isinstance(x, keras.KerasTensor):
        return ops.shape(x)
    import tensorflow as tf
    return tf.shape(x)


def _ndim(x):
    return len(x.shape)


def _variable(value, dtype=None, name=None, constraint=None):
    # Keras 2's variable() was floatx unless told otherwise (R doubles would be float64)
    return keras.Variable(value, dtype=dtype or keras.config.floatx(), name=name, constraint=constraint)


def _get_value(x):
    return ops.convert_to_numpy(x)


def _set_value(x, value):
    x.assign(value)


def _clear_session():
    keras.utils.clear_session()


def _binary_crossentropy(target, output, from_logits=False):
    return ops.binary_crossentropy(target, output, from_logits=bool(from_logits))


def _categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return ops.categorical_crossentropy(target, output, from_logits=bool(from_logits), axis=axis)


def _sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return ops.sparse_categorical_crossentropy(target, output, from_logits=bool(from_logits), axis=axis)


def _symbolic_shape(shape):
    """A shape holding tensors (``list(k_shape(z_mean)[1], 2)``: the batch size
    inside layer_lambda(), the variational autoencoder's sampling) or a shape
    tensor (``k_shape(z_mean)``) -> one int32 shape tensor; None when the shape
    is plain numbers. Keras 2's random functions took such shapes."""
    import tensorflow as tf
    if ops.is_tensor(shape):
        return tf.cast(shape, "int32")
    dims = list(shape) if isinstance(shape, (list, tuple)) else [shape]
    if not any(ops.is_tensor(d) for d in dims):
        return None
    return tf.stack([tf.reshape(tf.cast(d, "int32"), []) if ops.is_tensor(d) else as_int(d, "shape") for d in dims])


def _random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dynamic = _symbolic_shape(shape)
    if dynamic is not None:
        import tensorflow as tf
        return tf.random.normal(dynamic, mean, stddev, dtype=dtype or keras.config.floatx(), seed=as_int(seed, "seed"))
    return keras.random.normal(as_shape(shape), mean=mean, stddev=stddev, dtype=dtype, seed=as_int(seed, "seed"))


def _random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Keras 2's random_uniform was tf.random.uniform: an integer dtype gives
    integers in [minval, maxval) (Keras 3's uniform() refuses integer dtypes)."""
    dynamic = _symbolic_shape(shape)
    if dynamic is not None:
        import tensorflow as tf
        return tf.random.uniform(dynamic, minval, maxval, dtype=dtype or keras.config.floatx(), seed=as_int(seed, "seed"))
    if dtype is not None and "int" in keras.backend.standardize_dtype(dtype):
        return keras.random.randint(as_shape(shape), minval=as_int(minval, "minval"), maxval=as_int(maxval, "maxval"),
                                    dtype=dtype, seed=as_int(seed, "seed"))
    return keras.random.uniform(as_shape(shape), minval=minval, maxval=maxval, dtype=dtype, seed=as_int(seed, "seed"))


def _one_hot(indices, num_classes):
    return ops.one_hot(ops.cast(indices, "int32"), as_int(num_classes, "num_classes"))


def _l2_normalize(x, axis=None):
    return ops.normalize(x, axis=-1 if axis is None else axis, order=2)


def _cumsum(x, axis=0):
    return ops.cumsum(x, axis=axis)


def _gather(reference, indices):
    return ops.take(reference, ops.cast(indices, "int32"), axis=0)


_SPECIAL = {
    "clip": _clip, "pow": _pow, "cast": _cast, "constant": _constant, "argmax": _argmax, "argmin": _argmin,
    "softmax": _softmax, "concatenate": _concatenate, "stack": _stack, "expand_dims": _expand_dims,
    "squeeze": _squeeze, "reshape": _reshape, "flatten": _flatten, "batch_flatten": _batch_flatten,
    "zeros": _zeros, "ones": _ones, "epsilon": _epsilon, "floatx": _floatx, "int_shape": _int_shape,
    "shape": _shape, "ndim": _ndim, "variable": _variable, "get_value": _get_value, "set_value": _set_value,
    "clear_session": _clear_session, "binary_crossentropy": _binary_crossentropy,
    "categorical_crossentropy": _categorical_crossentropy,
    "sparse_categorical_crossentropy": _sparse_categorical_crossentropy,
    "random_normal": _random_normal, "random_uniform": _random_uniform, "one_hot": _one_hot,
    "l2_normalize": _l2_normalize, "cumsum": _cumsum, "gather": _gather,
}

# The rest of R keras 2.x's k_*(), over the Keras 2 backend module (backend_more.py).
from .backend_more import SPECIAL as _MORE  # noqa: E402  (backend_more needs nothing from here)

_SPECIAL.update({name: fn for name, fn in _MORE.items() if name not in _SPECIAL})
