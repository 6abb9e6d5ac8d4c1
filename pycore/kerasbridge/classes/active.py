"""mark_active(fn): a member that becomes a property (an "active binding" in R)."""


class ActiveProperty:
    def __init__(self, fn):
        if not callable(fn):
            raise TypeError(f"mark_active() needs a function, received {fn!r}")
        self.fn = fn


def mark_active(fn):
    """Make `fn` a property of the class being made: `fn(self)` is the getter and,
    when it takes a second argument, `fn(self, value)` the setter.

    Example::

        Model = new_model_class("M", metrics=mark_active(lambda self: [self.tracker]), ...)
    """
    return ActiveProperty(fn)
