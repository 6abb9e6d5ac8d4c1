"""new_layer_class(): custom Keras layers from Python or R functions."""

import keras

from ..legacy.classes import LayerCompat, int_shape
from .factory import KindSpec, call_r, make_class, with_signature


def _shape_from_r(rfn, classname, name, sig):
    # compute_output_shape from R returns list(NULL, 4) -> [None, 4.0]; Keras wants (None, 4)
    def method(self, *args, **kwargs):
        out = call_r(rfn, classname, name, self, *args, **kwargs)
        if isinstance(out, (list, tuple)) and out and all(isinstance(o, (list, tuple)) for o in out):
            return [int_shape(o) for o in out]
        return int_shape(out)
    return with_signature(name, sig, method)


def layer_super_called(obj):
    return getattr(obj, "_lock", True) is False


SPEC = KindSpec(
    "layer", keras.layers.Layer, compat=LayerCompat, super_called=layer_super_called,
    adapt_r={"compute_output_shape": _shape_from_r})


def new_layer_class(classname, initialize=None, build=None, call=None,
                    compute_output_shape=None, get_config=None, *, parent_class=None,
                    **members):
    """Make a subclass of ``keras.layers.Layer`` (or of `parent_class`).

    Methods are plain functions taking ``self`` first; ``initialize`` is
    ``__init__``. Any other keyword adds a method, a class attribute, or a
    property made with ``mark_active()``. Reach the parent with
    ``super(ClassName, self)``.

    Example::

        def initialize(self, units=4, **kwargs):
            super(Linear, self).__init__(**kwargs)
            self.units = units

        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                     initializer="ones")

        def call(self, inputs):
            return inputs @ self.w

        Linear = new_layer_class("Linear", initialize=initialize, build=build, call=call)
        Linear(3)(np.ones((2, 5)))   # shape (2, 3)
    """
    given = dict(initialize=initialize, build=build, call=call,
                 compute_output_shape=compute_output_shape, get_config=get_config)
    members = {**{k: v for k, v in given.items() if v is not None}, **members}
    return make_class("layer", classname, members, parent_class)
