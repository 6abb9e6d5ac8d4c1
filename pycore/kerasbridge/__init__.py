"""kerasbridge: the Keras behaviour shared by the R package and Python users.

Python users::

    import kerasbridge as kb
    model = kb.keras_model_sequential(input_shape=(784,))
    ...

R users get the same behaviour through ``library(kerasbridge)``.
"""

from . import frontend, errors, convert, identifiers, layers, training, saving, callbacks, backend, generators, data, tensors, applications
from .errors import (
    KerasBridgeError, InputShapeError, LabelRangeError, MissingValueError,
    UnknownIdentifierError, SampleCountError, InputNameError, ArgumentError,
    UndefinedClassError, MethodError,
)
from .training import compile, fit, evaluate, predict, history_to_dict
from .layers import make_layer, layer_input, keras_model, keras_model_sequential, add_to_sequential, get_layer
from .identifiers import make_optimizer, make_loss, make_metric

__version__ = "0.1.0"
from . import datasets
from .classes import *  # noqa: E402,F401,F403  (class constructors, issue 3)
from . import text  # noqa: E402  (Keras 2 text preprocessing)
