"""Layers and models from R-shaped arguments.

R sends sizes as doubles (``units = 64`` arrives as 64.0) and shapes as numeric
vectors with NA for unknown: argspec.py coerces them. R keras scripts also pass
Keras 2 arguments (``batch_input_shape``, ``input_length`` on embeddings,
``weights`` on any layer): legacy/layer_args.py turns them into what Keras 3
means. ``compose_layer()`` is the one implementation of the object-first pipe
semantics of the R ``layer_*`` functions (also used by create_layer_wrapper()).
"""

import inspect
import os
import numbers

import keras
import numpy as np

from . import argspec, frontend
from .argspec import as_int, as_shape
from .errors import ArgumentError, guard_r_functions
from .legacy import layer_args as keras2
from .legacy import layer_classes as keras2_classes


def layer_kwargs(kwargs, class_name=None):
    """Coerce R-shaped layer arguments (argspec "layer") and translate Keras 2 ones."""
    return keras2.layer_args(argspec.coerce("layer", kwargs, class_name=class_name))


def make_layer(class_name, **kwargs):
    """A Keras layer by class name (``"Dense"``) with R-shaped arguments."""
    cls = keras2_classes.layer_class(class_name, kwargs) or getattr(keras.layers, class_name, None)
    if cls is None:
        raise ArgumentError(f"Keras has no layer class {frontend.fmt_value(class_name)}.", "class_name")
    batch_size = keras2.pop_batch_size(cls, kwargs)
    kwargs = keras2.keras2_defaults(class_name, kwargs)
    kwargs = layer_kwargs(kwargs, class_name)
    kwargs = _guard_r_functions(kwargs, class_name)
    weights = keras2.pop_initial_weights(cls, kwargs)
    with keras2.input_shape_allowed():
        layer = cls(**kwargs)
    return keras2.attach_batch_size(keras2.attach_initial_weights(layer, weights), batch_size)


def _guard_r_functions(kwargs, class_name):
    """An R activation or layer_lambda() function among a layer's arguments:
    replicas.enter_r keeps it on R's thread."""
    return {k: guard_r_functions(v, f"The R function given as `{k}` to a {class_name} layer")
            for k, v in kwargs.items()}


def construct_layer(cls, *args, **kwargs):
    """``keras$layers$Dense(32)`` called from R: Keras 2 took R's whole doubles
    where it wanted ints (``Dense(units = 32)``: it did ``int(units)``), Keras 3
    refuses ``32.0``. The positional arguments are named by the class's
    signature, then coerced as a ``layer_*()`` wrapper's are (argspec "layer")."""
    if not (isinstance(cls, type) and issubclass(cls, keras.layers.Layer)):
        return cls(*args, **kwargs)
    params = [p for p in inspect.signature(cls.__init__).parameters.values()][1:]
    named = {}
    for p, value in zip(params, args):
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            break
        named[p.name] = value
    if len(named) < len(args):   # a *args signature: leave the call as it is
        return cls(*args, **kwargs)
    dup = sorted(set(named) & set(kwargs))
    if dup:
        raise ArgumentError(f"`{dup[0]}` is given twice: by position and by name.", dup[0])
    kwargs = argspec.coerce("layer", {**named, **kwargs},
                            class_name=cls.__name__ if cls.__module__.startswith("keras.") else None)
    kwargs = _guard_r_functions(kwargs, cls.__name__)
    stand_in = keras2_classes.layer_class(cls.__name__, kwargs)
    if stand_in is not None and issubclass(stand_in, cls):   # Keras 2's checks, as layer_*() has them
        cls = stand_in
    with keras2.input_shape_allowed():
        return cls(**kwargs)


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
    from .legacy.functional import named_inputs_allowed  # R keras 2.x's named lists of inputs
    with named_inputs_allowed():
        return keras.Model(inputs=inputs, outputs=outputs, name=name, **kwargs)


def keras_model_sequential(layers=None, input_shape=None, name=None, input_batch_size=None, input_dtype=None,
                           batch_size=None, input_batch_shape=None, batch_input_shape=None, dtype=None,
                           input_sparse=None, sparse=None, input_ragged=None, ragged=None, input_name=None,
                           input_layer_name=None, input_tensor=None, trainable=None):
    """A Sequential model; ``input_shape`` adds an Input first (as keras3's R API
    does), with ``input_batch_size`` as its fixed batch size and
    ``input_batch_shape`` giving both. R keras 2.x's names for the Input's
    arguments (``batch_size``, ``batch_input_shape``, ``dtype``, ``sparse``,
    ``ragged``, ``input_layer_name``) are taken too, and ``layers`` may be one layer."""
    model = keras.Sequential(name=name, **({} if trainable is None else {"trainable": bool(trainable)}))
    first = lambda *values: next((v for v in values if v is not None), None)  # noqa: E731
    batch_shape = first(input_batch_shape, batch_input_shape)
    input_args = {"dtype": first(input_dtype, dtype), "sparse": first(input_sparse, sparse),
                  "ragged": first(input_ragged, ragged), "name": first(input_name, input_layer_name),
                  "tensor": input_tensor}
    input_args = {k: v for k, v in input_args.items() if v is not None}
    if batch_shape is not None:
        if hasattr(batch_shape, "as_list"):
            batch_shape = batch_shape.as_list()
        model.add(keras.Input(batch_shape=as_shape(batch_shape, "input_batch_shape"), **input_args))
    elif input_shape is not None or input_tensor is not None:
        if hasattr(input_shape, "as_list"):
            input_shape = input_shape.as_list()
        model.add(keras.Input(shape=as_shape(input_shape, "input_shape") if input_shape is not None else None,
                              batch_size=as_int(first(input_batch_size, batch_size), "input_batch_size"),
                              **input_args))
    if layers is not None and not isinstance(layers, (list, tuple)):
        layers = [layers]
    for layer in (layers or []):
        add_to_sequential(model, layer)
    return model


def add_to_sequential(model, layer):
    keras2.add_batch_input(model, layer)
    with keras2.input_shape_allowed():
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


def _is_scalar(value):
    return isinstance(value, (numbers.Number, str, np.generic)) and not isinstance(value, np.ndarray)


def _describe(value):
    """What the user passed, in the front end's terms (R: cli's obj_type_friendly)."""
    if frontend.is_r():
        if isinstance(value, bool):
            return "`TRUE`" if value else "`FALSE`"
        if isinstance(value, numbers.Number):
            return "a number"
        if isinstance(value, str):
            return "a string"
        if isinstance(value, (list, tuple)) and value:
            # reticulate hands an R vector of length > 1 over as a list
            return "a character vector" if all(isinstance(v, str) for v in value) else "a numeric vector"
        if isinstance(value, np.ndarray):
            return "an R array" if value.ndim > 1 else "an R vector"
        if callable(value):
            return "a function"
        from .convert import friendly_type  # R words for the rest, never a Python type name
        return friendly_type(value)
    return f"an object of type {type(value).__name__}"


def _is_composable(value):
    """A tensor (symbolic or eager) or a list of them (lists are otherwise left
    to the layer to judge, as R's `is.list()` check did); from Python also a
    NumPy array, which a layer can be called on. A number, a string, a vector
    of them or an R array is not: it is a layer argument given where `object`
    goes (``layer_dense(64)``)."""
    if isinstance(value, (list, tuple)):
        return not (value and all(_is_scalar(v) for v in value))
    if isinstance(value, dict):
        return True
    if isinstance(value, np.ndarray):
        return not frontend.is_r()
    return isinstance(value, (keras.KerasTensor, keras.Variable)) or keras.ops.is_tensor(value)


def compose_layer(object, layer):
    """Object-first pipe semantics of the R layer_* functions:
    no object -> the layer; a Sequential model -> layer added, model returned;
    a tensor or list of tensors -> the layer's output. Initial weights given
    Keras 2 style (legacy/layer_args.py) are set once the layer is built."""
    if object is None:
        return layer
    if isinstance(object, keras.Sequential):
        out = add_to_sequential(object, layer)
    elif isinstance(object, keras.Model):
        raise ArgumentError(
            "`object` is a functional model; layer_*() functions add layers only to a Sequential model. "
            "Call the layer on the model's output tensor instead.", "object")
    elif not _is_composable(object):
        hint = ("To create a layer on its own, name its arguments: layer_dense(units = 64)." if frontend.is_r()
                else "To create a layer on its own, pass object=None (or call the layer class).")
        raise ArgumentError(
            f"`object` must be a Sequential model, a tensor or a list of tensors. "
            f"Received {_describe(object)}. {hint}", "object")
    else:
        out = layer(object)
    keras2.set_pending_weights(layer)
    return out


def call_layer(layer, *args, **kwargs):
    """`layer(x, ...)` from R, where a layer or model is an R function
    (rpkg/R/layers.R: py_to_r_wrapper): the call, with its errors in R terms
    like every other kerasbridge call. Initial weights given Keras 2 style are
    set once the layer is built, as in compose_layer."""
    if not args and "inputs" not in kwargs and _first_call_arg(layer) not in kwargs:
        raise ArgumentError(f"`object` is missing: call the {type(layer).__name__} on its input, "
                            f"e.g. layer(x) with a tensor or an array x.", "object")
    if len(args) == 1 and not kwargs and isinstance(args[0], keras.Sequential) and args[0] is not layer:
        # R keras 2.x: a layer called on a Sequential model is added to it (`model %>% lstm_layer()`)
        return compose_layer(args[0], layer)
    if args and _is_r_numbers(args[0]):
        # an R number or vector (a Python float or list from reticulate): Keras 2 took it as an
        # array; Keras 3 takes only tensors and arrays positionally
        args = (np.asarray(args[0], dtype=np.float32 if _has_float(args[0]) else None).reshape(-1),) + args[1:]
    out = layer(*args, **kwargs)
    keras2.set_pending_weights(layer)
    return out


def _first_call_arg(layer):
    """The name of the input argument of `layer.call` (MultiHeadAttention's
    `query`): R keras 2.x scripts name it (`self$attention(query = x, value = x)`)."""
    try:
        params = list(inspect.signature(layer.call).parameters.values())
    except (TypeError, ValueError):
        return None
    return params[0].name if params and params[0].kind in (params[0].POSITIONAL_OR_KEYWORD,
                                                          params[0].KEYWORD_ONLY) else None


def _is_r_numbers(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Number):
        return True
    return isinstance(value, list) and bool(value) and all(
        isinstance(v, numbers.Number) and not isinstance(v, bool) for v in value)


def _has_float(value):
    return any(isinstance(v, float) for v in (value if isinstance(value, list) else [value]))


def model_summary_text(model, line_length=None, positions=None, expand_nested=False, show_trainable=False):
    """model.summary() as text (so R can print or capture it)."""
    lines = []

    def collect(line, line_break=True):
        lines.append(line)
    if not model.built:
        # R keras 2.x printed "<no summary available, model was not built>"; scripts' tests match it
        return (f'Model: "{model.name}" <no summary available, model was not built> (unbuilt: its input shape '
                f'is unknown; give the first layer `input_shape`, or fit/call the model once)')
    # Keras draws the table with rich, whose console is as wide as COLUMNS or
    # 80: a wider table (line_length > 80, or Keras' own 98 for functional
    # models) would lose its right-hand columns, so the console is made wide enough
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(max(int(line_length or 0), 120))
    try:
        model.summary(line_length=line_length, positions=positions, expand_nested=expand_nested,
                      show_trainable=show_trainable, print_fn=collect)
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old
    return frontend.fmt_shapes_in("\n".join(lines))  # R users read c(NA, 8)


def freeze_weights(model, from_=None, to=None, trainable=False, which=None):
    """Keras 2 freeze_weights()/unfreeze_weights(): the whole model, a range of
    layers (by name or index as the user counts; negative from the end), or the
    layers `which` names (names, indices or a logical per layer). As in R keras
    2.x, layers outside the range or selection get the opposite setting.
    A single layer (``get_layer(model, index = 1) %>% freeze_weights()``) is
    set as a whole."""
    if not hasattr(model, "layers"):
        if from_ is not None or to is not None or which is not None:
            arg = "which" if which is not None else ("from" if from_ is not None else "to")
            raise ArgumentError(f"`{arg}` picks layers of a model; {frontend.fmt_value(model.name)} is a single "
                                f"layer: freeze or unfreeze it without `{arg}`.", arg)
        model.trainable = trainable
        return model
    layers = model.layers
    names = [l.name for l in layers]

    def pos(v, arg):
        if isinstance(v, str):
            if v not in names:
                raise ArgumentError(f"No layer named {frontend.fmt_value(v)}; layers are {frontend.fmt_names(names)}.", arg)
            return names.index(v)
        if hasattr(v, "name") and hasattr(v, "trainable"):  # a layer
            return pos(v.name, arg)
        i = as_int(v, arg)
        n = len(layers)
        if i < 0:
            i0 = n + i
        else:
            i0 = i - 1 if frontend.is_r() else i
        if not 0 <= i0 < n:
            raise ArgumentError(f"`{arg}` = {i} is not a layer index: the model has {n} layers.", arg)
        return i0
    if which is not None:
        if from_ is not None or to is not None:
            raise ArgumentError("Supply either `which` or `from`/`to`, not both.", "which")
        which = list(which) if isinstance(which, (list, tuple)) else [which]
        if which and all(isinstance(w, (bool, np.bool_)) for w in which):
            chosen = {i for i, w in enumerate(which) if w}
        else:
            chosen = {pos(w, "which") for w in which}
        model.trainable = True
        for i, layer in enumerate(layers):
            layer.trainable = trainable if i in chosen else not trainable
        return model
    if from_ is None and to is None:
        model.trainable = trainable
        for layer in layers:  # Keras 2 set every layer; Keras 3's setter can leave a frozen one frozen
            layer.trainable = trainable
        return model
    lo, hi = pos(from_, "from") if from_ is not None else 0, pos(to, "to") if to is not None else len(layers) - 1
    model.trainable = True
    for i, layer in enumerate(layers):
        layer.trainable = trainable if lo <= i <= hi else not trainable
    return model
