"""Layers and models from R-shaped arguments.

R sends sizes as doubles (``units = 64`` arrives as 64.0), shapes as numeric
vectors with NA for unknown, and the Keras 2 arguments R keras scripts still
pass (``input_shape`` on any layer, ``batch_input_shape``, ``input_length`` on
embeddings). Keras 3 rejects some of these; here they become what Keras 3 means.
"""

import inspect
import warnings

import keras

from . import frontend, identifiers
from .convert import as_int, as_int_or_tuple, as_shape
from .errors import ArgumentError

# Arguments that Keras wants as ints (or tuples of ints) but R sends as doubles.
INT_ARGS = {
    "units", "filters", "input_dim", "output_dim", "n", "num_heads", "key_dim", "value_dim",
    "groups", "depth_multiplier", "max_tokens", "num_tokens", "output_sequence_length",
    "seed", "num_oov_indices", "max_value", "num_bins", "output_size", "latent_dim",
    "sequence_length", "batch_size", "implementation", "height", "width",
}
INT_OR_TUPLE_ARGS = {
    "kernel_size", "strides", "pool_size", "dilation_rate", "size",
    "target_shape", "dims", "cropping", "axis",
}
SHAPE_ARGS = {"input_shape", "shape", "batch_shape", "noise_shape"}
_ACTIVATION_ARGS = {"activation", "recurrent_activation"}


def _coerce(key, value):
    if value is None:
        return None
    if key in INT_ARGS:
        return as_int(value, key)
    if key in INT_OR_TUPLE_ARGS:
        return as_int_or_tuple(value, key)
    if key in SHAPE_ARGS:
        return as_shape(value, key)
    if key == "padding" and not isinstance(value, str):
        return as_int_or_tuple(value, key)
    if key in _ACTIVATION_ARGS:
        return identifiers.check_activation(value, key)
    return value


def layer_kwargs(kwargs):
    """Coerce R-shaped layer arguments and translate Keras 2 ones."""
    kwargs = {k: _coerce(k, v) for k, v in kwargs.items()}
    bis = kwargs.pop("batch_input_shape", None)
    if bis is not None:
        shape = as_shape(bis, "batch_input_shape")
        kwargs.setdefault("input_shape", shape[1:])
    # Embedding(input_length=) is gone in Keras 3: it only fixed the input shape.
    input_length = kwargs.pop("input_length", None)
    if input_length is not None:
        kwargs.setdefault("input_shape", (as_int(input_length, "input_length"),))
    return kwargs


def make_layer(class_name, **kwargs):
    """A Keras layer by class name (``"Dense"``) with R-shaped arguments."""
    cls = getattr(keras.layers, class_name, None)
    if cls is None:
        raise ArgumentError(f"Keras has no layer class {frontend.fmt_value(class_name)}.", "class_name")
    kwargs = layer_kwargs(kwargs)
    # Keras 2 took initial `weights` on every layer; Keras 3 only on a few.
    # Elsewhere they are set once the layer is built (compose_layer()).
    pending_weights = None
    if "weights" in kwargs and "weights" not in inspect.signature(cls.__init__).parameters:
        pending_weights = kwargs.pop("weights")
    with warnings.catch_warnings():
        # R keras 2.x scripts pass input_shape to the first layer: that is the idiom, not a mistake.
        warnings.filterwarnings("ignore", message="Do not pass an `input_shape`")
        layer = cls(**kwargs)
    if pending_weights is not None:
        import numpy as np  # R vectors (a bias) arrive as lists
        object.__setattr__(layer, "_kerasbridge_initial_weights", [np.asarray(w) for w in pending_weights])
        _set_pending_weights(layer)
    return layer


def _set_pending_weights(layer):
    weights = getattr(layer, "_kerasbridge_initial_weights", None)
    if weights is not None and layer.built:
        layer.set_weights(weights)
        object.__setattr__(layer, "_kerasbridge_initial_weights", None)


def layer_input(shape=None, batch_size=None, name=None, dtype=None, sparse=None, batch_shape=None, tensor=None, **kwargs):
    """keras.Input from R: shape = c(784) or shape(NA, 3) or list(NULL, 3)."""
    if hasattr(shape, "as_list"):
        shape = shape.as_list()
    args = {"shape": as_shape(shape, "shape") if shape is not None else None,
            "batch_size": as_int(batch_size, "batch_size"), "name": name, "dtype": dtype,
            "batch_shape": as_shape(batch_shape, "batch_shape") if batch_shape is not None else None,
            "tensor": tensor}
    if sparse is not None:
        args["sparse"] = bool(sparse)
    if shape is None and batch_shape is None and tensor is None:
        raise ArgumentError("`shape` must be supplied, e.g. shape = c(784) for vectors of 784 features.", "shape")
    args.update(kwargs)
    return keras.Input(**{k: v for k, v in args.items() if v is not None})


def keras_model(inputs, outputs, name=None, **kwargs):
    return keras.Model(inputs=inputs, outputs=outputs, name=name, **kwargs)


def keras_model_sequential(layers=None, input_shape=None, name=None, input_batch_size=None, input_dtype=None, **kwargs):
    """A Sequential model; ``input_shape`` adds an Input first (as keras3's R API does)."""
    model = keras.Sequential(name=name, **kwargs)
    if input_shape is not None:
        if hasattr(input_shape, "as_list"):
            input_shape = input_shape.as_list()
        model.add(keras.Input(shape=as_shape(input_shape, "input_shape"),
                              batch_size=as_int(input_batch_size, "input_batch_size"),
                              dtype=input_dtype))
    for layer in (layers or []):
        add_to_sequential(model, layer)
    return model


def add_to_sequential(model, layer):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Do not pass an `input_shape`")
        model.add(layer)
    return model


def get_layer(model, name=None, index=None):
    """A layer by name or by index as the user counts (1-based from R)."""
    if (name is None) == (index is None):
        raise ArgumentError("Supply exactly one of `name` or `index`.", "name")
    if name is not None:
        names = [l.name for l in model.layers]
        if name not in names:
            raise ArgumentError(
                f"`name` = {frontend.fmt_value(name)} matches no layer. The model's layers are {frontend.fmt_names(names)}.", "name")
        return model.get_layer(name=name)
    i = as_int(index, "index")
    n = len(model.layers)
    i0 = i - 1 if frontend.is_r() else i
    lo = 1 if frontend.is_r() else 0
    if not (0 <= i0 < n) and not (not frontend.is_r() and -n <= i0 < 0):
        raise ArgumentError(
            f"`index` must be between {lo} and {n - 1 + lo} (the model has {n} layers), received {i}.", "index")
    return model.layers[i0]


def compose_layer(object, layer):
    """Object-first pipe semantics of the R layer_* functions:
    no object -> the layer; a Sequential model -> layer added, model returned;
    a tensor or list of tensors -> the layer's output."""
    if object is None:
        return layer
    if isinstance(object, keras.Sequential):
        out = add_to_sequential(object, layer)
    elif isinstance(object, keras.Model):
        raise ArgumentError(
            "`object` is a functional model; layer_*() functions add layers only to a Sequential model. "
            "Call the layer on the model's output tensor instead.", "object")
    else:
        out = layer(object)
    _set_pending_weights(layer)
    return out


def model_summary_text(model, line_length=None, positions=None, expand_nested=False, show_trainable=False):
    """model.summary() as text (so R can print or capture it)."""
    lines = []

    def collect(line, line_break=True):
        lines.append(line)
    if not model.built:
        return f'Model: "{model.name}" (not built yet: its input shape is unknown; give the first layer `input_shape`, or fit/call the model once)'
    model.summary(line_length=line_length, positions=positions, expand_nested=expand_nested,
                  show_trainable=show_trainable, print_fn=collect)
    return "\n".join(lines)


def freeze_weights(model, from_=None, to=None, trainable=False):
    """Keras 2 freeze_weights()/unfreeze_weights(): a range of layers (by name or
    index as the user counts), or the whole model."""
    if from_ is None and to is None:
        model.trainable = trainable
        return model
    layers = model.layers
    names = [l.name for l in layers]

    def pos(v, default):
        if v is None:
            return default
        if isinstance(v, str):
            if v not in names:
                raise ArgumentError(f"No layer named {frontend.fmt_value(v)}; layers are {frontend.fmt_names(names)}.", "from")
            return names.index(v)
        i = as_int(v, "from")
        return i - 1 if frontend.is_r() else i
    lo, hi = pos(from_, 0), pos(to, len(layers) - 1)
    model.trainable = True
    for i, layer in enumerate(layers):
        if lo <= i <= hi:
            layer.trainable = trainable
    return model
