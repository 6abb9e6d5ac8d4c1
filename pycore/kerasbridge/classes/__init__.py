"""Class constructors: Keras subclasses from Python or R functions.

One factory (factory.py) makes every class; each constructor module only
names its Keras base class, its hooks and the Keras 2 compatibility it needs.

Python methods are plain functions taking ``self`` first. Zero-argument
``super()`` needs a class body, so methods reach the parent with the
two-argument form, resolved when the method runs::

    def initialize(self, units=4, **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.units = units

    Linear = kerasbridge.new_layer_class("Linear", initialize=initialize, ...)
"""

from .active import mark_active
from .callback import new_callback_class
from .constraint import new_constraint_class
from .layer import new_layer_class
from .loss import new_loss_class
from .metric import new_metric_class
from .model import new_model_class
from .plain import new_py_class
from .schedule import new_learning_rate_schedule_class
from .wrapper import create_layer_wrapper
from . import factory, saving  # noqa: F401  (the R side calls factory.make_r_class)

__all__ = ["new_layer_class", "new_model_class", "new_metric_class", "new_loss_class",
           "new_callback_class", "new_constraint_class", "new_learning_rate_schedule_class", "new_py_class",
           "create_layer_wrapper", "mark_active"]
