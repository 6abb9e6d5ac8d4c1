"""new_metric_class(): stateful Keras metrics."""

import keras

from ..legacy.classes import MetricCompat
from .factory import KindSpec, make_class

SPEC = KindSpec("metric", keras.metrics.Metric, compat=MetricCompat,
                super_called=lambda obj: "_tracker" in obj.__dict__)


def new_metric_class(classname, initialize=None, update_state=None, result=None,
                     reset_state=None, *, parent_class=None, **members):
    """Make a subclass of ``keras.metrics.Metric`` (or of `parent_class`).

    ``initialize`` creates the state with ``self.add_weight(name=...,
    initializer=..., dtype=...)``; ``update_state(y_true, y_pred,
    sample_weight=None)`` accumulates; ``result()`` returns the value.
    ``reset_state`` defaults to zeroing every state variable. Usable in
    ``compile(metrics=[...])`` and standalone.

    Example::

        def initialize(self, name="count", **kwargs):
            super(Count, self).__init__(name=name, **kwargs)
            self.n = self.add_weight(name="n", initializer="zeros", dtype="int32")

        def update_state(self, y_true, y_pred, sample_weight=None):
            self.n.assign_add(keras.ops.shape(y_true)[0])

        Count = new_metric_class("Count", initialize=initialize,
                                 update_state=update_state,
                                 result=lambda self: self.n.value)
    """
    given = dict(initialize=initialize, update_state=update_state, result=result,
                 reset_state=reset_state)
    members = {**{k: v for k, v in given.items() if v is not None}, **members}
    return make_class("metric", classname, members, parent_class)
