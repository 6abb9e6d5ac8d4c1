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


def accept_new_variables(opt):
    """Keras 2 optimizers took variables they had not seen before (one optimizer
    applied to a second model's weights); a built Keras 3 optimizer refuses them
    ("Unknown variable"). For an optimizer made from R, new variables rebuild it
    on the old and the new ones; the old ones' slots (momentums, ...) keep their
    values, and `iterations` goes on counting. Set on this instance only."""
    def check_or_extend(variables):
        new = [v for v in variables if opt._var_key(v) not in opt._trainable_variables_indices]
        if new:
            _extend(opt, new)
    opt._check_variables_are_known = check_or_extend
    return opt


def _extend(opt, new):
    import tensorflow as tf
    from keras.src import backend
    slots = {v.path: v for v in list(opt._variables) if v is not opt._iterations and v is not opt._learning_rate}
    for v in slots.values():
        opt._tracker.untrack(v)         # out of opt.variables (by identity)
    old = list(opt._trainable_variables)
    opt._trainable_variables_indices.clear()
    opt.built = False
    with backend.name_scope(opt.name, caller=opt):
        opt.build(old + new)
    opt.built = True
    with tf.init_scope():               # once, not as a step of a traced train_step
        for v in opt._variables:
            prev = slots.get(v.path)
            if prev is not None and prev is not v:
                v.assign(prev.value)
