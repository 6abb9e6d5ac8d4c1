"""new_loss_class(): Keras losses with their own arguments."""

import keras

from ..legacy.classes import LossCompat
from .factory import KindSpec, make_class

SPEC = KindSpec("loss", keras.losses.Loss, compat=LossCompat,
                super_called=lambda obj: "reduction" in obj.__dict__)


def new_loss_class(classname, initialize=None, call=None, get_config=None, *,
                   parent_class=None, **members):
    """Make a subclass of ``keras.losses.Loss`` (or of `parent_class`).

    ``call(y_true, y_pred)`` returns per-sample losses; Keras applies
    ``sample_weight`` and the ``reduction`` given to the parent's initialize
    (default "sum_over_batch_size"; Keras 2's "auto" is accepted). Give
    ``get_config`` when ``initialize`` takes extra arguments.

    Example::

        def initialize(self, delta=1.0, name="scaled_mse", **kwargs):
            super(ScaledMSE, self).__init__(name=name, **kwargs)
            self.delta = delta

        ScaledMSE = new_loss_class(
            "ScaledMSE", initialize=initialize,
            call=lambda self, y_true, y_pred: self.delta * keras.ops.mean((y_true - y_pred) ** 2, axis=-1),
            get_config=lambda self: {"name": self.name, "reduction": self.reduction, "delta": self.delta})
    """
    given = dict(initialize=initialize, call=call, get_config=get_config)
    members = {**{k: v for k, v in given.items() if v is not None}, **members}
    return make_class("loss", classname, members, parent_class)
