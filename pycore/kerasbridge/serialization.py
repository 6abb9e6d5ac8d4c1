"""Serialization and the class registry (keras3's serialize_keras_object() &
co.), model configs as JSON files, state trees, quantization and export.

Thin checks over ``keras.saving`` and the model methods; R's
rpkg/R/serialization.R calls these (tests/test_serialization.py).
"""

import json
import os

import keras

from . import frontend
from .atomic import save_weights, write_text
from .errors import ArgumentError


def serialize_keras_object(obj):
    return keras.saving.serialize_keras_object(obj)


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    return keras.saving.deserialize_keras_object(config, custom_objects=custom_objects or None,
                                                 safe_mode=bool(safe_mode), **kwargs)


def get_custom_objects():
    """A copy of Keras' global custom objects (name -> object)."""
    return dict(keras.saving.get_custom_objects())


def set_custom_objects(objects=None, clear=True):
    """Adds `objects` (name -> object) to Keras' global custom objects (after
    clearing them when `clear`); returns the previous ones."""
    registry = keras.saving.get_custom_objects()
    old = dict(registry)
    if clear:
        registry.clear()
    for name, obj in dict(objects or {}).items():
        if not isinstance(name, str) or not name:
            raise ArgumentError("`objects` must be a named list: every custom object needs a name.", "objects")
        registry[name] = obj
    return old


def register_keras_serializable(obj, name=None, package="Custom"):
    """Registers `obj` under "package>name" (name: its class or function name)."""
    if name is None:
        name = getattr(obj, "__name__", None)
        if name is None:
            raise ArgumentError("`name` must be given: the object has no name of its own.", "name")
    key = f"{package}>{name}"
    keras.saving.get_custom_objects()[key] = obj
    try:
        # Keras' own maps, so get_registered_name() finds it
        from keras.src.saving import object_registration as reg
        reg.GLOBAL_CUSTOM_NAMES[obj] = key
    except (ImportError, AttributeError, TypeError):
        pass
    return obj


def get_registered_name(obj):
    return keras.saving.get_registered_name(obj)


def get_registered_object(name, custom_objects=None, module_objects=None):
    return keras.saving.get_registered_object(name, custom_objects=custom_objects, module_objects=module_objects)


def save_model_config(model, filepath, overwrite=True):
    filepath = os.path.expanduser(os.fspath(filepath))
    if os.path.exists(filepath) and not overwrite:
        raise ArgumentError(f"{filepath} exists; use overwrite = TRUE to replace it.", "overwrite")
    write_text(filepath, model.to_json())
    return filepath


def load_model_config(filepath, custom_objects=None):
    filepath = os.path.expanduser(os.fspath(filepath))
    if not os.path.isfile(filepath):
        raise ArgumentError(f"`filepath` must name a model config file; {filepath!r} does not exist.", "filepath")
    with open(filepath, encoding="utf-8") as f:
        text = f.read()
    try:
        json.loads(text)
    except ValueError as e:
        raise ArgumentError(f"{filepath} is not a JSON model config: {e}", "filepath") from e
    return keras.models.model_from_json(text, custom_objects=custom_objects or None)


def get_state_tree(model, value_format="numpy_array"):
    if value_format not in ("backend_tensor", "numpy_array", "python_list"):
        raise ArgumentError(f"`value_format` must be \"backend_tensor\", \"numpy_array\" or \"python_list\", "
                            f"received {frontend.fmt_value(value_format)}.", "value_format")
    if getattr(model, "optimizer", None) is None:
        raise ArgumentError("`object` must be compiled first: its state tree includes the optimizer's variables "
                            "(call compile()).", "object")
    return model.get_state_tree(value_format=value_format)


def set_state_tree(model, state_tree):
    model.set_state_tree(state_tree)
    return model


def quantize_weights(model, mode, **kwargs):
    modes = ("int8", "float8", "int4")
    if mode not in modes:
        raise ArgumentError(f"`mode` must be one of {frontend.fmt_names(modes)}, "
                            f"received {frontend.fmt_value(mode)}.", "mode")
    model.quantize(mode, **kwargs)
    return model


def export_savedmodel(model, export_dir_base, **kwargs):
    """A TensorFlow SavedModel for serving (Keras 3's model.export())."""
    path = os.path.expanduser(os.fspath(export_dir_base))
    model.export(path, format="tf_saved_model", verbose=False, **kwargs)
    return path
