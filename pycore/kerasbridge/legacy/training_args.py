"""R keras 2.x's ``evaluate()`` and ``predict()`` took ``...`` and used none of it,
so scripts pass ``fit()``'s arguments along (``evaluate(x, y, epochs = 1)``);
Keras 3 refuses them ("Arguments not recognized"). Here they are dropped, with a
deprecation warning (once per argument and session) naming each.
"""

import inspect

from keras.src.trainers.trainer import Trainer

from .. import frontend
from ..pywarnings import deprecated


def drop_unused(method, kwargs):
    """``kwargs`` without the arguments Keras' ``<method>()`` does not take (the
    API's own signature: a backend's or a subclass's may hide it behind ``**kwargs``)."""
    params = inspect.signature(getattr(Trainer, method)).parameters.values()
    known = {p.name for p in params if p.kind is not p.VAR_KEYWORD}
    unused = [k for k in kwargs if k not in known and not k.startswith("_")]
    for k in unused:
        deprecated(f"`{k}` is not an argument of {method}(){' (R keras 2.x ignored it)' if frontend.is_r() else ''}; "
                   f"it is ignored.", k)
    return {k: v for k, v in kwargs.items() if k not in unused}
