"""Keras 2's automatic op layers: a TensorFlow function called on a symbolic
Keras tensor (a functional model's input or a layer's output) became a layer of
the model. Keras 3 refuses ("A KerasTensor cannot be used as input to a
TensorFlow function"); R keras 2.x code such as ``tf$reduce_sum(x, axis = 1L)``
or ``tf$nn$relu(x)`` on a layer output relies on it.

- ``symbolic_aware(fn, path)``: `fn` as is for eager calls; called with a
  KerasTensor anywhere in its arguments (nested lists and dicts included), it
  makes a ``TFOpLayer`` and calls it on those tensors.
- ``TFOpLayer``: runs the function named by its dotted `path` ("tf.math.reduce_sum",
  "kerasbridge.legacy.backend_module.mean") with the other arguments stored in
  its config, so the model saves and loads.
"""

import importlib

import keras
import numpy as np
import tensorflow as tf
from keras.src.backend.common.keras_tensor import KerasTensor
from keras.src.utils import naming

from ..errors import ArgumentError

_TENSOR = "__kb_tensor__"      # placeholder of the i-th symbolic input
_ARRAY = "__kb_ndarray__"      # a constant array argument
_DTYPE = "__kb_dtype__"        # a tf.DType argument
_OPAQUE = "__kb_opaque__"      # an argument that can't be saved (a Python function, ...)


def has_keras_tensor(value):
    """True when `value` is, or contains (lists, tuples, dicts), a KerasTensor."""
    if isinstance(value, KerasTensor):
        return True
    if isinstance(value, (list, tuple)):
        return any(has_keras_tensor(v) for v in value)
    if isinstance(value, dict):
        return any(has_keras_tensor(v) for v in value.values())
    return False


def _encode(value, tensors, opaque):
    """`value` with each KerasTensor replaced by a placeholder (collected in
    `tensors`) and everything else made JSON-friendly for get_config()."""
    if isinstance(value, KerasTensor):
        tensors.append(value)
        return {_TENSOR: len(tensors) - 1}
    if isinstance(value, (list, tuple)):
        return [_encode(v, tensors, opaque) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v, tensors, opaque) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (np.generic,)):
        return value.item()
    if isinstance(value, tf.DType):
        return {_DTYPE: value.name}
    if isinstance(value, (np.ndarray, tf.Tensor, tf.Variable)) or hasattr(value, "numpy"):
        arr = np.asarray(value)
        return {_ARRAY: arr.tolist(), "dtype": str(arr.dtype)}
    opaque.append(value)
    return {_OPAQUE: len(opaque) - 1, "repr": repr(value)[:200]}


def _decode(value, tensors, opaque):
    if isinstance(value, list):
        return [_decode(v, tensors, opaque) for v in value]
    if isinstance(value, dict):
        if _TENSOR in value:
            return tensors[value[_TENSOR]]
        if _ARRAY in value:
            return np.asarray(value[_ARRAY], dtype=value["dtype"])
        if _DTYPE in value:
            return tf.as_dtype(value[_DTYPE])
        if _OPAQUE in value:
            if opaque is None or value[_OPAQUE] >= len(opaque):
                raise ArgumentError(
                    f"This saved op layer had an argument that can't be saved ({value['repr']}); "
                    "rebuild the model in code instead of loading it.", argument="arguments")
            return opaque[value[_OPAQUE]]
        return {k: _decode(v, tensors, opaque) for k, v in value.items()}
    return value


def resolve(path):
    """The function a dotted `path` names: "tf.nn.relu" (from the tensorflow
    module) or "package.module.function"."""
    parts = path.split(".")
    if parts[0] == "tf":
        obj, rest = tf, parts[1:]
    else:
        obj, rest = None, []
        for i in range(len(parts) - 1, 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            rest = parts[i:]
            break
        if obj is None:
            raise ArgumentError(f"Can't find the function {path!r} of an op layer.", argument="path")
    for p in rest:
        obj = getattr(obj, p)
    return obj


@keras.saving.register_keras_serializable(package="kerasbridge")
class TFOpLayer(keras.layers.Layer):
    """A TensorFlow (or Keras 2 backend) function called on symbolic tensors,
    as a layer. `path` names the function; `arguments` are its positional and
    keyword arguments with the symbolic inputs as placeholders."""

    def __init__(self, function, arguments, **kwargs):
        super().__init__(**kwargs)
        # plain attributes, kept out of Keras' tracking (they hold no weights)
        object.__setattr__(self, "function", function)
        object.__setattr__(self, "arguments", arguments)
        object.__setattr__(self, "_fn", resolve(function))
        object.__setattr__(self, "_opaque", None)

    def call(self, inputs):
        tensors = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        args = _decode(self.arguments.get("args", []), tensors, self._opaque)
        kwargs = _decode(self.arguments.get("kwargs", {}), tensors, self._opaque)
        return self._fn(*args, **kwargs)

    def get_config(self):
        return {**super().get_config(), "function": self.function, "arguments": self.arguments}


def op_layer(path, args, kwargs, name=None):
    """Call the function at `path` on symbolic tensors through a new TFOpLayer
    (named `name`, default the path, made unique)."""
    tensors, opaque = [], []
    arguments = {"args": _encode(list(args), tensors, opaque),
                 "kwargs": _encode(dict(kwargs), tensors, opaque)}
    base = name or path.replace("kerasbridge.legacy.backend_module.BACKEND.", "keras.backend.")
    name = naming.uniquify(base)
    layer = TFOpLayer(path, arguments, name=name)
    object.__setattr__(layer, "_opaque", opaque)
    return layer(tensors)


def symbolic_aware(fn, path):
    """`fn` (named `path`) that, given a KerasTensor among its arguments, makes
    an op layer instead of failing. Eager calls only pay for the check."""
    def wrapper(*args, **kwargs):
        if has_keras_tensor(args) or has_keras_tensor(kwargs):
            return op_layer(path, args, kwargs)
        return fn(*args, **kwargs)
    wrapper.__name__ = getattr(fn, "__name__", path.rsplit(".", 1)[-1])
    wrapper.__doc__ = getattr(fn, "__doc__", None)
    wrapper.__wrapped__ = fn
    wrapper._kb_op_path = path
    return wrapper


_TF_CACHE = {}


def tf_attr(path):
    """`tf$a$b` from R: the attribute at dotted `path` under tensorflow ("tf.a.b");
    functions come back symbolic_aware (cached, so the check is all it costs)."""
    hit = _TF_CACHE.get(path)
    if hit is not None:
        return hit
    obj = resolve(path)
    if callable(obj) and not isinstance(obj, type) and (
            getattr(obj, "__module__", "") or "").startswith("tensorflow"):
        obj = symbolic_aware(obj, path)
    _TF_CACHE[path] = obj
    return obj
