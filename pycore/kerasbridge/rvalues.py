"""Models and layers as R values: what R's serialize() (saveRDS, save.image,
parallel and callr workers) keeps of them, and how they come back.

R asks for the state when it serializes the value (rpkg/src/rvalues.c,
R/rvalues.R): a model is its .keras file (architecture, weights, optimizer
state, compile settings), a layer its config and weights. The names of the
classes made by new_*_class that the object uses come along, so that R can
ship their R definitions with it.
"""

import io
import json
import zipfile

import numpy as np
import keras

from . import saving
from .classes import registry
from .errors import UnavailableError


def save_state(obj, path):
    """Write `obj` to `path`; returns (kind, [names of new_*_class classes it uses])."""
    if isinstance(obj, keras.Model):
        keras.saving.save_model(obj, path)
        with zipfile.ZipFile(path) as z:
            config = z.read("config.json").decode()
        kind = "model"
    elif isinstance(obj, keras.layers.Layer):
        config = json.dumps(keras.saving.serialize_keras_object(obj))
        with open(path, "wb") as f:
            np.savez(f, *obj.get_weights(), config=np.array(config))
        kind = "layer"
    else:
        raise UnavailableError(f"A {type(obj).__name__} can't be kept in an R session file: "
                               "only models and layers can.")
    names = [cls.__name__ for name, cls in registry.custom_objects().items()
             if json.dumps(name) in config or json.dumps(cls.__name__) in config]
    return kind, sorted(set(names))


def load_state(kind, path):
    """The object `save_state` wrote to `path`."""
    if kind == "model":
        return saving.load_model(path)
    with open(path, "rb") as f:
        data = np.load(io.BytesIO(f.read()), allow_pickle=False)
    config = json.loads(str(data["config"]))
    layer = keras.saving.deserialize_keras_object(config, custom_objects=registry.custom_objects())
    weights = [data[f"arr_{i}"] for i in range(len(data.files) - 1)]
    if weights:
        layer.set_weights(weights)
    return layer


class Unavailable:
    """What an R value holds after unserialize() when its object could not be
    saved with it: every use says which object and why."""

    def __init__(self, what, why):
        self._kb_message = (f"This {what} was saved with an R session but could not be kept: {why} "
                            f"Save it with save_model() and load it with load_model() instead.")

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise UnavailableError(self.__dict__["_kb_message"])

    def __call__(self, *args, **kwargs):
        raise UnavailableError(self._kb_message)

    def __repr__(self):
        return f"<unavailable: {self._kb_message}>"
