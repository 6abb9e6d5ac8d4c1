"""Errors the core raises for bad input.

Every message says what was expected, what was received and how to fix it.
The R front end maps each class to an R condition class by snake-casing its
name (``InputShapeError`` -> ``kerasbridge_input_shape_error``).
All subclass ValueError so Python code catching Keras' own errors keeps working.
"""


class KerasBridgeError(ValueError):
    """Base class of every error the core raises on bad input."""

    def __init__(self, message, argument=None):
        super().__init__(message)
        self.argument = argument


class InputShapeError(KerasBridgeError):
    """Data whose shape does not match the model's input or output."""


class LabelRangeError(KerasBridgeError):
    """Sparse class labels outside 0..K-1."""


class MissingValueError(KerasBridgeError):
    """NA/NaN where data must be complete."""


class UnknownIdentifierError(KerasBridgeError):
    """A loss, optimizer, metric or activation string Keras does not know."""


class SampleCountError(KerasBridgeError):
    """x, y and sample weights with different numbers of samples."""


class InputNameError(KerasBridgeError):
    """Named data whose names match no model input or output."""


class ArgumentError(KerasBridgeError):
    """Any other argument with the wrong type or value."""


class UndefinedClassError(KerasBridgeError):
    """Loading a model whose custom class has not been defined in this session."""


class MethodError(RuntimeError):
    """A user-defined method (R or Python) failed; says which class/method/epoch/batch."""

    def __init__(self, message, classname=None, method=None, epoch=None, batch=None):
        super().__init__(message)
        self.classname = classname
        self.method = method
        self.epoch = epoch
        self.batch = batch
