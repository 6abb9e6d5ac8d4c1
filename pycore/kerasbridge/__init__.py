"""kerasbridge: the Keras behaviour shared by the R package and Python users.

Python users::

    import kerasbridge as kb
    model = kb.keras_model_sequential(input_shape=(784,))
    ...

R users get the same behaviour through ``library(kerasbridge)``.
"""

# quiet first: it sets TF_CPP_MIN_LOG_LEVEL before TensorFlow is imported
from . import quiet  # noqa: F401
from . import frontend, errors, convert, argspec, identifiers, layers, training, saving
# Registered with Keras at import, so that a saved model with op layers loads
# in a fresh session; the rest of the Keras 2 shims load on first use.
from .legacy import op_layers  # noqa: F401
from .errors import (
    KerasBridgeError, InputShapeError, LabelRangeError, MissingValueError,
    UnknownIdentifierError, SampleCountError, InputNameError, ArgumentError,
    UndefinedClassError, MethodError, RThreadError,
)
from .training import compile, fit, evaluate, predict, history_to_dict
from .layers import make_layer, layer_input, keras_model, keras_model_sequential, add_to_sequential, get_layer
from .identifiers import make_optimizer, make_loss, make_metric
from .distribute import tf_config_cluster, launch_workers, is_chief  # noqa: E402  (no TensorFlow)
from . import multi_worker, replicas  # noqa: E402
# Two fixes to TensorFlow/Keras for tf.distribute, inert elsewhere: Keras 3
# fit() under MultiWorkerMirroredStrategy, and R code on replica threads.
multi_worker.install()
replicas.install()

__version__ = "0.1.0"
from .classes import *  # noqa: E402,F401,F403  (class constructors)

# Submodules that the first model does not need load on first use
# (kerasbridge.datasets, from kerasbridge import text, ...): PEP 562.
# backend, generators and text are Keras 2 shims living in legacy/.
_LAZY = {name: "." + name for name in ("applications", "callbacks", "data", "datasets", "ops", "tensors")}
_LAZY.update({name: ".legacy." + name for name in ("backend", "generators", "text")})


def __getattr__(name):
    path = _LAZY.get(name)
    if path is None:
        raise AttributeError(f"module 'kerasbridge' has no attribute {name!r}")
    import importlib
    module = importlib.import_module(path, __name__)
    globals()[name] = module
    return module


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


def _alias_text_module():
    """Tokenizers are pickled as kerasbridge.text.Tokenizer (legacy/text.py):
    that module name must import in a fresh session without loading the shim
    before it is used."""
    import importlib.util
    import sys
    if "kerasbridge.text" in sys.modules:
        return
    spec = importlib.util.find_spec(".legacy.text", __name__)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.modules["kerasbridge.text"] = module
    spec.loader.exec_module(module)
    from . import legacy
    legacy.text = module  # what an import would bind


_alias_text_module()
