"""Keras 2's functional models built on a named list of inputs whose names are not
the inputs' own (``list(a = layer_input(1, name = "a_name"))``): Keras 2 matched
data to the list's names, and so does Keras 3 (convert.py matches them too), but
Keras 3 warns at construction that each name should be its input's name. The
R keras 2.x idiom is valid, so that one warning is not shown to R users.
"""

import contextlib
import warnings

from .. import frontend

DICT_KEY_WARNING = "When providing `inputs` as a dict, all keys in the dict must match"


@contextlib.contextmanager
def named_inputs_allowed():
    """Keras 3's warning about dict keys that differ from input names, off for R."""
    with warnings.catch_warnings():
        if frontend.is_r():
            warnings.filterwarnings("ignore", message=DICT_KEY_WARNING)
        yield
