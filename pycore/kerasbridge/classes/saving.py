"""Loading models that contain classes made by the constructors."""

import re

import keras

from .. import frontend
from ..errors import UndefinedClassError
from . import registry

_NOT_FOUND = re.compile(r"Could not locate (?:class|function) '([^']+)'")


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """keras.saving.load_model(); classes made by new_*_class are found by
    name once defined again, and an undefined one gives an error naming it."""
    objs = {**registry.load_objects(), **dict(custom_objects or {})}
    try:
        return keras.saving.load_model(filepath, custom_objects=objs or None,
                                       compile=compile, safe_mode=safe_mode)
    except TypeError as e:
        m = _NOT_FOUND.search(str(e))
        if m is None:
            raise
        name = m.group(1)
        how = (f'new_layer_class("{name}", ...)' if frontend.is_r()
               else f'kerasbridge.new_layer_class("{name}", ...)')
        raise UndefinedClassError(
            f"Can't load {filepath}: it uses the class '{name}', which is not defined "
            f"in this session. Define it first (e.g. `{how}`, or the constructor "
            f"that made it), then load again.", argument="filepath") from e
