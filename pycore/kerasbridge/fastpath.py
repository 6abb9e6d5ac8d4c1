"""predict() and evaluate() on data that fits in one batch, without Keras' loop.

Keras' ``predict``/``evaluate`` build a tf.data pipeline and an epoch iterator
for every call: about 80 ms, whatever the size of the input. For one batch,
the work is one call of the compiled step Keras would run anyway
(``model.predict_function`` / ``model.test_function``, the same tf.function
``predict_on_batch`` uses: Keras caches it per model, retraces it for new
input signatures and drops it when the model is compiled again), so calling it
directly returns the numbers Keras' loop returns (tests/test_fastpath.py
checks they are identical) in about 1 ms.

The fast path applies only when the result is certainly the same as Keras'
loop: NumPy inputs of 1..batch_size rows, no callbacks, no ``steps``, one step
per execution, no distribution strategy. Otherwise the callers in
training.py run Keras' own loop. Like Keras' data adapter, float arrays that
are not in ``floatx`` are cast to it first. A progress bar (``verbose`` not
0) is shown by the progress callbacks the loop would use (progress.py).

The compiled step is called through its concrete function for the input's
signature (dtypes, shapes), looked up once through the step's own dispatch and
then called directly (``direct_call``): TensorFlow's per-call dispatch (binding
and canonicalising the arguments, the function-cache lookup) costs more than
running a small model. ``predict_on_batch``/``train_on_batch``/
``test_on_batch`` take the same route (``on_batch``) with Keras' own steps
around it (build, reset of the metrics, ``pythonify_logs``).
"""

import contextlib
import functools
import weakref

import numpy as np
import keras
from keras.src.utils.python_utils import pythonify_logs  # what Keras' evaluate returns its logs through

from . import frontend, progress, tracking

_DEFAULT_BATCH = 32  # Keras' default batch_size for predict/evaluate


def _rows(xs):
    """Rows of the one batch `xs` holds (NumPy arrays, maybe nested in lists/dicts),
    or None when it is anything else or the arrays disagree."""
    n = None
    for a in keras.tree.flatten(xs):
        if not isinstance(a, np.ndarray) or a.ndim == 0 or a.dtype == object:
            return None
        if n is None:
            n = a.shape[0]
        elif a.shape[0] != n:
            return None
    return n


def _as_floatx(xs):
    """Float arrays not in floatx, cast to it: what Keras' data adapter does."""
    floatx = keras.config.floatx()

    def cast(a):
        if a is None or not keras.backend.is_float_dtype(a.dtype) or keras.backend.standardize_dtype(a.dtype) == floatx:
            return a
        return a.astype(floatx)

    return keras.tree.map_structure(cast, xs)


def _eligible(model, kwargs, *data):
    """True when one direct step gives what Keras' loop would."""
    if {k for k, v in kwargs.items() if v is not None} - {"batch_size", "verbose"}:   # steps = NULL is no steps
        return False
    if getattr(model, "steps_per_execution", 1) != 1 or getattr(model, "_distribute_strategy", None) is not None:
        return False
    try:
        import tensorflow as tf
        if tf.distribute.has_strategy():
            return False
    except ImportError:  # pragma: no cover
        pass
    batch_size = kwargs.get("batch_size") or _DEFAULT_BATCH
    counts = {_rows(d) for d in data if d is not None}
    if len(counts) != 1:
        return False
    n = counts.pop()
    return n is not None and 0 < n <= batch_size


def _progress(model, verbose):
    """Keras' own progress bar for one step (from R: R's, progress.py), or None for verbose = 0."""
    if verbose == 0:
        return None
    return progress.one_step_callbacks(model, verbose)


@contextlib.contextmanager
def guarded(model, phase=None):
    """Errors name the phase (tracking), if given; a failed first call leaves no
    half-traced function behind. Nothing else to restore: a predict or test
    step assigns no model weight, so the weight snapshot training.py takes
    around calls that train (a few ms per call) is not needed here."""
    with tracking.tracked(phase, ()) if phase else contextlib.nullcontext():
        try:
            yield
        except Exception:
            from .training import reset_half_built
            reset_half_built(model)
            raise


# model -> {"predict"/"test": (the step function, the model's layers when it was made)}
_made_for = weakref.WeakKeyDictionary()


def _compiled_step(model, kind):
    """Keras' compiled predict/test step for the model as it is now. Keras
    keeps the step it made until the next compile, even after layers were
    added or removed (its own predict() then answers with the old layers):
    here a change of layers makes a new one, and so does a step made before
    this module first saw the model (it can't tell which layers that one saw)."""
    layers = tuple(map(id, model.layers))
    name = kind + "_function"
    fn = getattr(model, name, None)
    seen = _made_for.setdefault(model, {}).get(kind)
    force = fn is not None and (seen is None or (seen[0] is fn and seen[1] != layers))
    made = getattr(model, "make_" + name)(force=force)
    fn = made or getattr(model, name)
    _made_for[model][kind] = (fn, layers)
    return fn


# -- the compiled step, called directly -------------------------------------------

def _signature(value):
    """A hashable key for the input signature TensorFlow dispatches on:
    structure, dtypes and shapes (arrays), None and other leaves by type."""
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape)
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_signature(v) for v in value))
    if isinstance(value, dict):
        return (dict, tuple((k, _signature(value[k])) for k in sorted(value)))
    if value is None:
        return None
    return (type(value), value) if isinstance(value, (bool, int, float, str)) else (type(value), id(value))


class _Direct:
    """One concrete function of a compiled step, and how to call it on flat
    tensors (``flat``: the positions of the array arguments), or None to call
    it with the structured arguments."""
    __slots__ = ("concrete", "flat")

    def __init__(self, concrete, args):
        import tensorflow as tf
        self.concrete, self.flat = concrete, None
        try:
            specs = tf.nest.flatten(concrete.structured_input_signature[0])
            leaves = tf.nest.flatten(args)
        except Exception:  # pragma: no cover - structures TensorFlow flattens differently
            return
        if len(specs) != len(leaves):
            return
        flat = []
        for i, (spec, leaf) in enumerate(zip(specs, leaves)):
            if isinstance(spec, tf.TensorSpec):
                if not (isinstance(leaf, np.ndarray) and spec.dtype.as_numpy_dtype == leaf.dtype
                        and spec.shape.is_compatible_with(leaf.shape)):
                    return
                flat.append(i)
            elif not (spec is None and leaf is None):
                return
        if len(flat) + len(concrete.captured_inputs) == len(concrete.inputs) and hasattr(concrete, "_call_flat"):
            self.flat = flat

    def __call__(self, args):
        if self.flat is None:
            return self.concrete(*args)
        import tensorflow as tf
        leaves = tf.nest.flatten(args)
        return self.concrete._call_flat([tf.constant(leaves[i]) for i in self.flat], self.concrete.captured_inputs)


def direct_call(step, args):
    """``step(*args)`` for a tf.function ``step`` (a Keras compiled step) through
    the concrete function its own dispatch picks for these arguments' signature,
    kept on ``step`` (so it goes when Keras makes a new step): the same graph,
    the same numbers, without TensorFlow's per-call dispatch (a few hundred us)."""
    cache = getattr(step, "_kerasbridge_direct", None)
    if cache is None:
        cache = {}
        step._kerasbridge_direct = cache
    key = _signature(args)
    direct = cache.get(key)
    if direct is None:
        concrete = step.get_concrete_function(*args)
        direct = _Direct(concrete, args)
        if len(cache) >= 8:  # bounded: one entry per input signature seen
            cache.clear()
        cache[key] = direct
    return direct(args)


def _tf_function(fn):
    """The tf.function behind a Keras compiled step, or None (run_eagerly, or
    a structure this module does not know: then Keras' own call runs). Keras'
    train/test step is a Python function that pulls one batch from an iterator
    and calls the tf.function ``one_step_on_data`` (wrapped by
    ``_autoconvert_optionals``, which only matters for tf.data Optionals)."""
    import tensorflow as tf
    kind = tf.types.experimental.PolymorphicFunction
    if isinstance(fn, kind):
        return fn
    try:
        cells = dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in fn.__closure__)))
        inner = getattr(cells.get("one_step_on_data"), "__wrapped__", None)
    except (AttributeError, TypeError, ValueError):
        return None
    return inner if isinstance(inner, kind) else None


def predict(model, xs, callbacks, kwargs):
    """Predictions for one batch through Keras' compiled predict step, or None
    when Keras' loop must run (see the module docstring)."""
    if callbacks or not _eligible(model, kwargs, xs):
        return None
    xs = _as_floatx(xs)
    bar = _progress(model, kwargs.get("verbose", "auto"))
    with guarded(model, "predict"):
        if bar is not None:
            bar.on_predict_begin()
            bar.on_predict_batch_begin(0)
        out = _call_step(_compiled_step(model, "predict"), [(xs,)])
        if bar is not None:
            bar.on_predict_batch_end(0, {"outputs": out})
            bar.on_predict_end()
    return _numpy(out)


def evaluate(model, xs, ys, ws, callbacks, kwargs):
    """{name: value} for one batch through Keras' compiled test step (as
    ``model.evaluate(..., return_dict=True)``), or None when Keras' loop must run."""
    if callbacks or not getattr(model, "compiled", False) or not _eligible(model, kwargs, xs, ys, ws):
        return None
    xs, ys, ws = _as_floatx(xs), _as_floatx(ys), _as_floatx(ws)
    batch = (xs,) if ys is None and ws is None else (xs, ys) if ws is None else (xs, ys, ws)
    bar = _progress(model, kwargs.get("verbose", "auto"))
    with guarded(model, "evaluate"):
        model._maybe_symbolic_build(data_batch=(xs, ys, ws))
        test_function = _compiled_step(model, "test")
        model.stop_evaluating = False
        if bar is not None:
            bar.on_test_begin()
        model.reset_metrics()
        if bar is not None:
            bar.on_test_batch_begin(0)
        step = _tf_function(test_function)
        logs = test_function(iter([batch])) if step is None else direct_call(step, (batch,))
        if bar is not None:
            bar.on_test_batch_end(0, logs)
        logs = pythonify_logs(model._get_metrics_result_or_logs(logs))
        if bar is not None:
            bar.on_test_end(logs)
    return logs


def _call_step(fn, data):
    """A Keras predict step ``fn([(xs,)])``, through direct_call() when it is a tf.function."""
    step = _tf_function(fn)
    return fn(data) if step is None else direct_call(step, (data,))


def _numpy(out):
    return keras.tree.map_structure(lambda t: t.numpy() if hasattr(t, "numpy") else t, out)


def on_batch(model, kind, xs, ys=None, ws=None):
    """``model.{kind}_on_batch(xs, ys, sample_weight=ws, return_dict=True)`` (kind:
    "predict", "train", "test") on NumPy data, through the compiled step called
    directly (direct_call()), with what Keras' own method does around it; None
    when Keras' method must run (no NumPy data, a distribution strategy,
    steps_per_execution > 1, run_eagerly)."""
    if getattr(model, "steps_per_execution", 1) != 1 or getattr(model, "_distribute_strategy", None) is not None:
        return None
    data = (xs,) if kind == "predict" else (xs, ys, ws)
    if _rows(data[0]) is None or any(d is not None and _rows(d) is None for d in data[1:]):
        return None
    import tensorflow as tf
    if tf.distribute.has_strategy():
        return None
    if kind == "predict":
        model.make_predict_function()
        step = _tf_function(model.predict_function)
        if step is None:
            return None
        return _numpy(direct_call(step, ([(xs,)],)))
    model._assert_compile_called(kind + "_on_batch")
    model._maybe_symbolic_build(data_batch=data)
    getattr(model, "make_" + kind + "_function")()
    step = _tf_function(getattr(model, kind + "_function"))
    if step is None:
        return None
    model.reset_metrics()
    return pythonify_logs(direct_call(step, (data,)))


# -- results for R ---------------------------------------------------------------
#
# reticulate 1.28 converts a NumPy array through an R method that makes three
# more calls into Python (importing numpy, checking for datetimes): about
# 0.3 ms per array, more than predict_on_batch() itself takes on one row. A
# float array of moderate size goes to R instead as its bytes in column-major
# order with its shape; R reads them at C speed (unpack_arrays() in
# rpkg/R/errors.R) into the same R array reticulate would make: doubles
# (float32 widened exactly), dim = shape. Larger arrays, other dtypes and
# other values take reticulate's own conversion (its fixed cost no longer
# matters there, and no extra copy is made of a large result).

PACK_MAX_ELEMENTS = 1 << 16


def _packable(a):
    return (isinstance(a, np.ndarray) and a.dtype.kind == "f" and a.ndim >= 1
            and 0 < a.size <= PACK_MAX_ELEMENTS)


def _pack(a):
    # a bytearray, because reticulate 1.28 gives R a raw vector for it (and
    # leaves `bytes` a Python object)
    return (bytearray(np.asarray(a, dtype=np.float64).tobytes(order="F")), list(a.shape))


def for_r(fn, arrays=False):
    """`fn` as the R package calls it (core_function() in rpkg/R/pycore.R): with
    the R front end, and with its float arrays packed for R when `arrays`. R
    keeps the result, so a call passes only the caller's arguments."""
    target = functools.partial(packed_for_r, fn) if arrays else fn

    def call(*args, **kwargs):
        return frontend.call_as("r", target, *args, **kwargs)
    call.__name__ = call.__qualname__ = getattr(fn, "__name__", "call")
    return call


def packed_for_r(fn, /, *args, **kwargs):
    """fn(*args, **kwargs) for R: ("array", packed), ("list", [packed, ...]),
    ("dict", names, [packed, ...]) or ("value", result) for anything else."""
    out = fn(*args, **kwargs)
    if _packable(out):
        return ("array", _pack(out))
    if isinstance(out, (list, tuple)) and out and all(_packable(a) for a in out):
        return ("list", [_pack(a) for a in out])
    if isinstance(out, dict) and out and all(isinstance(k, str) for k in out) and all(_packable(a) for a in out.values()):
        return ("dict", list(out), [_pack(a) for a in out.values()])
    return ("value", out)
