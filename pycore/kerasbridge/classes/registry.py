"""Every class the constructors made in this process, by name.

Classes register with Keras as "kerasbridge>Name" when made, so loading needs
nothing from here in Python. The R side makes its classes lazily; it installs
a hook here (``set_before_load``) that makes every class R has defined, so a
model loads even when the class was defined but not used yet.
"""

_classes = {}
_before_load = []


def add(cls):
    _classes[cls.__name__] = cls


def set_before_load(fn):
    """fn() is called before a model is loaded (the R side: make pending classes)."""
    _before_load[:] = [fn]


def custom_objects():
    for fn in list(_before_load):
        fn()
    return dict(_classes)
