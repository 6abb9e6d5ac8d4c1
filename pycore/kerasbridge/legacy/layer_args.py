"""Keras 2 layer arguments that Keras 3 dropped, turned into what Keras 3 means.

Called by ``layers.layer_kwargs()`` / ``layers.make_layer()`` after the
argument spec (argspec.py) has coerced the R values.
"""

import inspect
import warnings
from contextlib import contextmanager

import numpy as np

from ..argspec import as_int, as_shape
from ..pywarnings import deprecated

# Keras 3 warns when a layer gets `input_shape`; R keras 2.x scripts pass it to
# the first layer: that is the idiom, not a mistake.
INPUT_SHAPE_WARNING = "Do not pass an `input_shape`"


def batch_input_shape(kwargs):
    """Keras 2's ``batch_input_shape = c(32, 10)`` -> ``input_shape = c(10)``
    (an explicit ``input_shape`` wins); its batch size is kept by
    ``pop_batch_size``."""
    bis = kwargs.pop("batch_input_shape", None)
    if bis is not None:
        kwargs.setdefault("input_shape", as_shape(bis, "batch_input_shape")[1:])
    return kwargs


def pop_batch_size(cls, kwargs):
    """Keras 2 took ``batch_size`` (and the first dimension of
    ``batch_input_shape``) on every layer: the fixed batch size of the model's
    input (a stateful RNN needs one). Keras 3 layers refuse it, so it is popped
    here and kept on the layer (``attach_batch_size``) for the Input that
    ``add_batch_input`` puts before it in a Sequential model."""
    params = inspect.signature(cls.__init__).parameters
    batch_size = None if "batch_size" in params else kwargs.pop("batch_size", None)
    bis = kwargs.get("batch_input_shape")
    if batch_size is None and bis is not None and "batch_input_shape" not in params:
        batch_size = as_shape(bis, "batch_input_shape")[0]
    return None if batch_size is None else as_int(batch_size, "batch_size")


def attach_batch_size(layer, batch_size):
    if batch_size is not None:
        object.__setattr__(layer, "_kerasbridge_batch_size", batch_size)
    return layer


def add_batch_input(model, layer):
    """An empty Sequential model whose first layer was given ``input_shape`` and a
    batch size (``pop_batch_size``) starts with an Input of that batch shape."""
    import keras
    batch_size = getattr(layer, "_kerasbridge_batch_size", None)
    shape = getattr(layer, "_input_shape_arg", None)
    if batch_size is not None and shape is not None and not model.layers:
        model.add(keras.layers.InputLayer(batch_shape=(batch_size, *tuple(shape))))


def input_length(kwargs):
    """Keras 2's ``layer_embedding(input_length = 10)``: it only fixed the input
    shape, so it becomes ``input_shape = c(10)``."""
    n = kwargs.pop("input_length", None)
    if n is not None:
        deprecated("`input_length` is deprecated in Keras 3; use `input_shape`.", "input_length", stacklevel=4)
        kwargs.setdefault("input_shape", (as_int(n, "input_length"),))
    return kwargs


# Arguments Keras 2 defaulted that Keras 3 requires: {class: {argument: Keras 2 default}}
KERAS2_REQUIRED_DEFAULTS = {
    "AveragePooling1D": {"pool_size": 2},
    "AveragePooling2D": {"pool_size": (2, 2)},
    "AveragePooling3D": {"pool_size": (2, 2, 2)},
}


def keras2_defaults(class_name, kwargs):
    """Fill in the Keras 2 default of an argument Keras 3 made required
    (``layer_average_pooling_2d()`` pooled 2 x 2)."""
    for arg, value in KERAS2_REQUIRED_DEFAULTS.get(class_name, {}).items():
        kwargs.setdefault(arg, value)
    return kwargs


def layer_args(kwargs):
    """All Keras 2 layer-argument translations, in order."""
    return input_length(batch_input_shape(kwargs))


def pop_initial_weights(cls, kwargs):
    """Keras 2 took initial ``weights = list(...)`` on every layer; Keras 3 only
    on a few. For the others, pop them (as arrays: an R bias arrives as a list)
    so that ``attach_initial_weights`` can set them once the layer is built."""
    if "weights" in kwargs and "weights" not in inspect.signature(cls.__init__).parameters:
        weights = kwargs.pop("weights")
        return None if weights is None else [np.asarray(w) for w in weights]
    return None


def attach_initial_weights(layer, weights):
    """Keep `weights` on the layer until it is built (set at once if it is)."""
    if weights is not None:
        object.__setattr__(layer, "_kerasbridge_initial_weights", weights)
        set_pending_weights(layer)
    return layer


def set_pending_weights(layer):
    """Set the initial weights kept by ``attach_initial_weights`` once the layer
    is built (after it joined a model or was called), then forget them."""
    weights = getattr(layer, "_kerasbridge_initial_weights", None)
    if weights is not None and layer.built:
        layer.set_weights(weights)
        object.__setattr__(layer, "_kerasbridge_initial_weights", None)


@contextmanager
def input_shape_allowed():
    """Silence Keras 3's warning about ``input_shape`` on a layer."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=INPUT_SHAPE_WARNING)
        yield
