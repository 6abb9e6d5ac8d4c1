"""Keras 2 optimizer arguments that Keras 3 renamed or dropped.

Called by ``identifiers.make_optimizer()`` (R's ``optimizer_<name>(...)``).
"""

import keras

from ..errors import ArgumentError
from ..pywarnings import deprecated


def lr_to_learning_rate(kwargs):
    """Keras 2's ``lr`` is Keras 3's ``learning_rate`` (with a DeprecationWarning;
    giving both is an error)."""
    if "lr" in kwargs:
        if "learning_rate" in kwargs:
            raise ArgumentError("Supply `learning_rate` or its old name `lr`, not both.", "lr")
        deprecated("`lr` is deprecated in Keras 3; use `learning_rate`.", "lr", stacklevel=3)
        kwargs["learning_rate"] = kwargs.pop("lr")
    return kwargs


def decay_to_schedule(cls, kwargs):
    """Keras 2's ``decay``: ``lr / (1 + decay * iterations)``, which is Keras 3's
    InverseTimeDecay with ``decay_steps = 1`` starting from the optimizer's
    learning rate (its default when none is given)."""
    decay = kwargs.pop("decay", None)
    if decay:
        deprecated("`decay` is deprecated in Keras 3; use a learning rate schedule, "
                   "e.g. `learning_rate = learning_rate_schedule_inverse_time_decay(...)`.", "decay", stacklevel=3)
        lr = kwargs.get("learning_rate", cls().learning_rate)
        lr = float(lr.numpy()) if hasattr(lr, "numpy") else float(lr)
        kwargs["learning_rate"] = keras.optimizers.schedules.InverseTimeDecay(
            initial_learning_rate=lr, decay_steps=1, decay_rate=float(decay))
    return kwargs
