"""The rest of R keras 2.x's ``k_*()`` functions (``k_batch_dot``,
``k_conv2d``, ``k_rnn``, ``k_permute_dimensions``, ...), for ``backend.call``.

Each is the Keras 2 backend function of the same name, written once in
``backend_module.py`` (``K <- backend()``, Python's 0-based axes), called with
R keras 2.x's argument names, R doubles made whole numbers where Keras 2 needs
them, and R data as floatx arrays. Axis-valued arguments (``axis``, ``axes``,
``pattern``, ``reduction_axes``) arrive already in Keras' terms: ``backend.call``
coerces them with the "backend" argument spec (1-based from R). The few that
Keras 2.15's ``keras.backend`` did not have (``k_unstack``,
``k_get_variable_shape``, ``k_conv3d_transpose``) or that only exist with TF1
sessions are here.
"""

import numbers

import numpy as np
from keras import ops

from .. import frontend
from ..argspec import as_int, as_int_if_double, as_int_or_tuple
from ..convert import keras_dtype
from ..errors import ArgumentError
from . import backend_module

# Arguments that hold data: R vectors (lists after k_call()) become arrays, and R
# doubles floatx, as model inputs do (convert.keras_dtype).
DATA_ARGS = ("x", "y", "elems", "bias", "kernel", "depthwise_kernel", "pointwise_kernel", "inputs", "value",
             "new_x", "increment", "decrement", "mean", "var", "beta", "gamma", "predictions", "targets",
             "condition", "then_expression", "else_expression", "alt", "labels", "label_lengths", "y_true",
             "y_pred", "input_length", "label_length", "initializer")

# Whole numbers R sends as doubles, per function (R keras 2.x made them integers).
INT_ARGS = {
    "arange": ("start", "stop", "step"), "repeat": ("n",), "repeat_elements": ("rep",), "eye": ("size",),
    "tile": ("n",), "ctc_decode": ("beam_width", "top_paths"), "get_uid": (), "in_top_k": ("k",),
    "resize_images": ("height_factor", "width_factor"),
    "resize_volumes": ("depth_factor", "height_factor", "width_factor"),
    "local_conv1d": ("kernel_size", "strides"), "local_conv2d": ("kernel_size", "strides", "output_shape"),
}


def _r_data(value):
    if isinstance(value, list) and value and all(isinstance(v, numbers.Number) for v in value):
        value = np.asarray(value)
    if isinstance(value, np.ndarray):
        target = keras_dtype(value)
        return value.astype(target) if target != value.dtype else value
    return value


def _whole(value, arg):
    if isinstance(value, (list, tuple, np.ndarray)):
        return as_int_or_tuple(value, arg)
    return as_int_if_double(value, arg)


# R keras 2.x's argument name -> Keras 2's
RENAMED = {
    "batch_get_value": {"ops": "tensors"},
    "batch_set_value": {"lists": "tuples"},
    "set_epsilon": {"e": "value"},
    "set_floatx": {"floatx": "value"},
}

# The k_*() functions R keras 2.15 has that backend.py does not.
NAMES = (
    "arange", "batch_dot", "batch_get_value", "batch_normalization", "batch_set_value", "bias_add",
    "cast_to_floatx", "conv1d", "conv2d", "conv2d_transpose", "conv3d", "conv3d_transpose", "count_params",
    "ctc_batch_cost", "ctc_decode", "ctc_label_dense_to_sparse", "cumprod", "depthwise_conv2d", "dropout",
    "dtype", "elu", "eval", "eye", "foldl", "foldr", "function", "get_session", "get_uid",
    "get_variable_shape", "gradients", "hard_sigmoid", "identity", "image_data_format", "in_test_phase",
    "in_top_k", "in_train_phase", "is_keras_tensor", "is_placeholder", "is_sparse", "is_tensor",
    "learning_phase", "local_conv1d", "local_conv2d", "logsumexp", "manual_variable_initialization",
    "map_fn", "moving_average_update", "normalize_batch_in_training", "permute_dimensions", "placeholder",
    "pool2d", "pool3d", "print_tensor", "random_bernoulli", "random_binomial", "random_normal_variable",
    "random_uniform_variable", "repeat", "repeat_elements", "reset_uids", "resize_images", "resize_volumes",
    "reverse", "rnn", "separable_conv2d", "set_epsilon", "set_floatx", "set_image_data_format",
    "set_learning_phase", "set_session", "softsign", "spatial_2d_padding", "spatial_3d_padding",
    "stop_gradient", "switch", "temporal_padding", "tile", "to_dense", "truncated_normal", "unstack",
    "update", "update_add", "update_sub",
)


def _keras2(name):
    """backend_module's `name` with R keras 2.x's argument names and axes."""
    fn = backend_module._FUNCTIONS[name]
    renamed = RENAMED.get(name, {})

    def call(*args, **kwargs):
        if frontend.is_r():
            kwargs = {k: _r_data(v) if k in DATA_ARGS else v for k, v in kwargs.items()}
        for arg in INT_ARGS.get(name, ()):
            if kwargs.get(arg) is not None:
                kwargs[arg] = _whole(kwargs[arg], arg)
        if isinstance(kwargs.get("reduction_axes"), int):  # Keras 2 takes a list
            kwargs["reduction_axes"] = [kwargs["reduction_axes"]]
        kwargs = {renamed.get(k, k): v for k, v in kwargs.items()}
        return fn(*args, **kwargs)
    call.__name__ = f"k_{name}"
    return call


def _unstack(x, axis=0, num=None, name=None):
    return ops.unstack(x, num=as_int(num, "num") if num is not None else None, axis=axis)


def _get_variable_shape(x):
    return tuple(x.shape)


def _conv3d_transpose(x, kernel, output_shape=None, strides=(1, 1, 1), padding="valid", data_format=None):
    # Keras 3 computes the output shape; Keras 2's output_shape is accepted and not needed.
    return ops.conv_transpose(x, kernel, strides=as_int_or_tuple(strides, "strides"), padding=padding,
                              data_format=data_format)


def _no_sessions(name):
    def call(*args, **kwargs):
        raise ArgumentError(f"k_{name}() is not available: TF1 sessions do not exist in Keras 3 (TensorFlow 2 "
                            "runs eagerly); drop the session code.", name)
    return call


OWN = {
    "unstack": _unstack,
    "get_variable_shape": _get_variable_shape,
    "conv3d_transpose": _conv3d_transpose,
    "get_session": _no_sessions("get_session"),
    "set_session": _no_sessions("set_session"),
}

SPECIAL = {name: OWN.get(name) or _keras2(name) for name in NAMES}
