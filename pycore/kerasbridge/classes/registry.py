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


def load_objects():
    """custom_objects() for a loader: a class named like a Keras built-in
    ("MSE") must not shadow that name in files that mean the built-in; the
    class itself is found by its registered name "kerasbridge>Name"."""
    from keras.src import activations, losses, metrics, optimizers
    builtin = set()
    for module in (losses, metrics, optimizers, activations):
        builtin.update(getattr(module, "ALL_OBJECTS_DICT", {}))
    return {k: v for k, v in custom_objects().items() if k not in builtin}
