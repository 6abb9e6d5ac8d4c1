"""new_constraint_class(): weight constraints with their own arguments.

Keras calls a constraint as ``constraint(w)``; the class's ``call(w)``
method does the work (keras3's R ``Constraint()`` spells it so).
"""

import keras

from .factory import KindSpec, make_class


class CallIsDunderCall:
    """``obj(x)`` runs the class's ``call(x)`` (Keras calls constraints and
    schedules directly)."""

    def __call__(self, *args, **kwargs):
        return self.call(*args, **kwargs)


SPEC = KindSpec("constraint", keras.constraints.Constraint, compat=CallIsDunderCall)


def new_constraint_class(classname, initialize=None, call=None, get_config=None, *, parent_class=None, **members):
    """Make a subclass of ``keras.constraints.Constraint``; ``call(w)`` returns the constrained weights.

    Example::

        NonNeg = new_constraint_class("NonNeg", call=lambda self, w: w * keras.ops.cast(w >= 0, w.dtype))
        keras.layers.Dense(2, kernel_constraint=NonNeg())
    """
    given = dict(initialize=initialize, call=call, get_config=get_config)
    members = {**{k: v for k, v in given.items() if v is not None}, **members}
    return make_class("constraint", classname, members, parent_class)
