"""Loading saved models: custom classes made by the class constructors are
found by name, so users need not list custom_objects (they may)."""

import keras


def load_model(filepath, custom_objects=None, compile=True, **kwargs):
    objs = dict(custom_objects or {})
    try:  # classes made by new_*_class register themselves (issue 3)
        from .classes import registry
        objs = {**registry.custom_objects(), **objs}
    except Exception:
        pass
    return keras.models.load_model(filepath, custom_objects=objs or None, compile=compile, **kwargs)
