"""new_learning_rate_schedule_class(): learning-rate schedules.

Keras calls a schedule as ``schedule(step)``; the class's ``call(step)``
returns the learning rate (keras3's R spelling).
"""

import keras

from .constraint import CallIsDunderCall
from .factory import KindSpec, make_class

SPEC = KindSpec("learning_rate_schedule", keras.optimizers.schedules.LearningRateSchedule,
                compat=CallIsDunderCall)


def new_learning_rate_schedule_class(classname, initialize=None, call=None, get_config=None, *,
                                     parent_class=None, **members):
    """Make a subclass of ``keras.optimizers.schedules.LearningRateSchedule``.

    Example::

        Halving = new_learning_rate_schedule_class(
            "Halving", call=lambda self, step: 0.1 * 0.5 ** keras.ops.floor(step / 100))
        keras.optimizers.SGD(learning_rate=Halving())
    """
    given = dict(initialize=initialize, call=call, get_config=get_config)
    members = {**{k: v for k, v in given.items() if v is not None}, **members}
    return make_class("learning_rate_schedule", classname, members, parent_class)
