"""new_py_class(): plain Python classes (no Keras base class).

R keras 2.x made any R6 class a Python class (``r_to_py(R6Class(...))``) and
``%py_class%`` without a parent made a subclass of ``object``; both come here
(kind ``"object"``). The class gets the same treatment as the Keras kinds
(``self``/``super``/``private`` in R methods, errors naming the method), and
nothing Keras-specific: no parent initialize is required.
"""

from .factory import KindSpec, make_class

SPEC = KindSpec("object", object, constructor="new_py_class")


def new_py_class(classname, initialize=None, *, parent_class=None, **members):
    """Make a plain Python class (a subclass of `parent_class`, or of ``object``).

    Example::

        def initialize(self, x):
            self.x = x

        Box = new_py_class("Box", initialize=initialize, get=lambda self: self.x)
        Box(3).get()   # 3
    """
    if initialize is not None:
        members = {"initialize": initialize, **members}
    return make_class("object", classname, members, parent_class)
