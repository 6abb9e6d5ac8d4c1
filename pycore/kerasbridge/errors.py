"""Errors the core raises, each with the R condition class R users see.

Every message says what was expected, what was received and how to fix it.
Each class names its R condition class in ``r_class``; the R front end reads
it from the exception (rpkg/R/errors.R), so the hierarchy is declared here
only. Bad-input errors subclass ValueError so Python code catching Keras' own
errors keeps working.

An R function that Python calls (an R method, a dataset_map function, a
tf_function body) never raises through reticulate: its R wrapper keeps the R
condition under a fresh id and returns an ``RFailure`` instead. The core turns that into an exception carrying
``r_error_id``, and the R side takes the original condition back by that id.
"""

import functools
import sys
import threading


class KerasBridgeError(ValueError):
    """Base class of every error the core raises on bad input."""

    r_class = "kerasbridge_keras_bridge_error"

    def __init__(self, message, argument=None):
        super().__init__(message)
        self.argument = argument


class InputShapeError(KerasBridgeError):
    """Data whose shape does not match the model's input or output."""

    r_class = "kerasbridge_input_shape_error"


class LabelRangeError(KerasBridgeError):
    """Sparse class labels outside 0..K-1."""

    r_class = "kerasbridge_label_range_error"


class MissingValueError(KerasBridgeError):
    """NA/NaN where data must be complete."""

    r_class = "kerasbridge_missing_value_error"


class UnknownIdentifierError(KerasBridgeError):
    """A loss, optimizer, metric or activation string Keras does not know."""

    r_class = "kerasbridge_unknown_identifier_error"


class SampleCountError(KerasBridgeError):
    """x, y and sample weights with different numbers of samples."""

    r_class = "kerasbridge_sample_count_error"


class InputNameError(KerasBridgeError):
    """Named data whose names match no model input or output."""

    r_class = "kerasbridge_input_name_error"


class ArgumentError(KerasBridgeError):
    """Any other argument with the wrong type or value."""

    r_class = "kerasbridge_argument_error"


class DownloadError(ArgumentError):
    """A file that could not be downloaded (network, truncated body, wrong hash)."""

    r_class = "kerasbridge_download_error"


class UnavailableError(KerasBridgeError):
    """A Keras 2 function whose Keras feature is gone from Keras 3."""

    r_class = "kerasbridge_unavailable_error"


class UndefinedClassError(KerasBridgeError):
    """Loading a model whose custom class has not been defined in this session."""

    r_class = "kerasbridge_undefined_class_error"


class ModelFileError(KerasBridgeError):
    """A model or weights file that is missing, half-written or not Keras'."""

    r_class = "kerasbridge_model_file_error"


class MethodError(RuntimeError):
    """A user-defined method (R or Python) failed; says which class/method/epoch/batch.

    ``r_error_id``: for an R method, the id under which R kept its condition."""

    r_class = "kerasbridge_method_error"

    def __init__(self, message, classname=None, method=None, epoch=None, batch=None,
                 r_error_id=None):
        super().__init__(message)
        self.classname = classname
        self.method = method
        self.epoch = epoch
        self.batch = batch
        self.r_error_id = r_error_id


class Interrupted(BaseException):
    """The user interrupted a call from R (Ctrl-C), seen between whole steps
    (interrupts.py); R signals its own interrupt condition instead of an error.
    A BaseException, like KeyboardInterrupt: no ``except Exception`` on the way
    (training.intact_on_failure would put back the weights from before the
    call) takes it for a failure; the steps done are kept."""

    r_class = "kerasbridge_interrupted"


class RThreadError(RuntimeError):
    """R code asked to run on a thread other than R's (a tf.data worker, a
    tf.distribute replica thread): raised by :func:`check_r_thread`."""

    r_class = "kerasbridge_r_thread_error"


class RFunctionError(RuntimeError):
    """An R function called from Python failed. R rethrows its own condition
    (taken back by ``r_error_id``), so this class has no R class of its own."""

    r_class = None

    def __init__(self, message, r_error_id=None):
        super().__init__(message)
        self.r_error_id = r_error_id


class RFailure:
    """What an R function's wrapper returns instead of raising (see the module docstring)."""

    def __init__(self, r_error_id, message):
        self.r_error_id = r_error_id
        self.message = message

    def __repr__(self):
        return f"<R error {self.r_error_id}: {self.message}>"


def _replica_strategy():
    """The tf.distribute strategy whose replica context the current thread is
    in, or None. TensorFlow is looked up, never imported, from here."""
    tf = sys.modules.get("tensorflow")
    if tf is None:
        return None
    try:
        if tf.distribute.in_cross_replica_context() or not tf.distribute.has_strategy():
            return None
        return tf.distribute.get_strategy()
    except Exception:  # no distribute context on this thread
        return None


def check_r_thread(what, otherwise=None):
    """The guard in front of R for threads that can't reach it: R may only be
    entered on R's own (the process's main) thread; from any other thread
    reticulate aborts the R process. Off the main thread this raises
    RThreadError, in R terms, before R is touched. Replica threads of
    tf.distribute strategies never get here: replicas.enter_r runs their R
    code on R's thread. `what` names the R code ("the R method call() of class
    Scale"); `otherwise` is the message when no strategy is involved (a
    tf.data worker)."""
    if threading.current_thread() is threading.main_thread():
        return
    strategy = _replica_strategy()
    if strategy is not None:
        name = type(strategy).__name__
        raise RThreadError(
            f"{what} was called by {name} on a thread of its own while R's thread was not "
            f"waiting for it, and R code can run only on R's main thread. "
            f"Fixes: call strategy$run() from R's thread (inside fit(), or a tf_function() called from R), "
            f"or write this computation with keras ops (op_*()) in a layer defined in Python.")
    raise RThreadError(otherwise or (
        f"{what} was called by TensorFlow on a thread other than R's ({threading.current_thread().name}); "
        f"R code can run only on R's main thread. Write this computation with TensorFlow or keras "
        f"operations instead of R code."))


def is_r_function(fn, _depth=0):
    """True for an R function as reticulate hands it to Python: a function
    made in reticulate's rpytools.call, or reticulate::py_func()'s wrapper
    around one (``wrap_fn.<locals>.fn``, which R's compile() uses to keep the
    R signature)."""
    if not callable(fn):
        return False
    if getattr(fn, "__module__", None) == "rpytools.call":
        return True
    if _depth or getattr(fn, "__qualname__", "") != "wrap_fn.<locals>.fn":
        return False
    cells = getattr(fn, "__closure__", None) or ()
    return any(is_r_function(_cell(c), 1) for c in cells)


def _cell(c):
    try:
        return c.cell_contents
    except ValueError:  # an empty cell
        return None


def guard_r_functions(value, what):
    """`value` with every R function in it (in lists, tuples, dicts) behind
    replicas.enter_r: R functions that Keras calls as they are (a loss or metric
    closure given to compile()) would otherwise abort R on a replica thread.
    Anything else is returned as it is."""
    if isinstance(value, dict):
        return {k: guard_r_functions(v, what) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(guard_r_functions(v, what) for v in value)
    if not is_r_function(value) or getattr(value, "_kb_r_guarded", False):
        return value
    fn = value

    @functools.wraps(fn)  # Keras names losses and metrics after __name__
    def call(*args, **kwargs):
        from .replicas import enter_r
        return enter_r(what, fn, *args, **kwargs)
    call._kb_r_guarded = True
    return call


def r_result(value):
    """The value an R function returned, or its failure raised as RFunctionError."""
    if isinstance(value, RFailure):
        raise RFunctionError(value.message, r_error_id=value.r_error_id)
    return value


def r_function(fn, what="The R function given to tf_function()"):
    """`fn` (an R function) as a Python function raising RFunctionError when it
    fails (RThreadError off R's thread); its signature stays the one reticulate
    gave it."""
    @functools.wraps(fn)
    def call(*args, **kwargs):
        from .replicas import enter_r
        return enter_r(what, lambda *a, **kw: r_result(fn(*a, **kw)), *args, **kwargs)
    return call


def r_condition_info(exc):
    """For the R side: the R class of `exc` and the id of the R condition behind
    it. Keras re-raises some errors as a new exception of the same type (adding
    its call context, ``from None``), so the id is looked for along the chain."""
    r_error_id = None
    seen = set()
    e = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        r_error_id = getattr(e, "r_error_id", None)
        if r_error_id is not None:
            break
        e = e.__cause__ or e.__context__
    return {"r_class": getattr(type(exc), "r_class", None), "r_error_id": r_error_id}
