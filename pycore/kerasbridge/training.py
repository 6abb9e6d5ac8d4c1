"""compile / fit / evaluate / predict with checks first, so that bad input
fails before the model is touched (a failed call leaves it unchanged).

Data goes through the one conversion policy in convert.py. Results come back
as plain values (dicts of floats, numpy arrays) that both front ends convert.
"""

import contextlib
import numbers
import os
import weakref

import numpy as np
import keras

from . import argspec, atomic, convert, fastpath, frontend, identifiers, interrupts, progress, tracking
from .convert import element_label
from .errors import ArgumentError, InputShapeError, LabelRangeError, guard_r_functions
from .legacy.metrics import match_target_rank, name_metric_functions, name_outputs_as_keras2, ordered_metric_names  # Keras 2 metric naming, target rank and order
from .legacy import training_args  # R keras 2.x's unused `...` of evaluate()/predict()
from .legacy import trainable_state  # Keras 2: fit() trains what was trainable at compile()

try:  # tf.data is optional for the checks below
    import tensorflow as tf
    _DATASET_TYPES = (tf.data.Dataset,)
except Exception:  # pragma: no cover
    _DATASET_TYPES = ()


def _is_dataset(x):
    if bool(_DATASET_TYPES) and isinstance(x, _DATASET_TYPES) or type(x).__name__ in ("PyDataset", "generator"):
        return True
    # PyDataset subclasses: Keras 2 image iterators (legacy/image.py), TimeseriesGenerator
    return isinstance(x, keras.utils.PyDataset)


def _as_list_or_none(value):
    if value is None or isinstance(value, (list, dict)):
        return value
    if isinstance(value, tuple):
        return list(value)
    return [value]


def _check_each(value, check, arg):
    if isinstance(value, dict):
        return {k: (None if v is None else _check_each(v, check, element_label(arg, k))) for k, v in value.items()}
    if isinstance(value, list):
        return [None if v is None else _check_each(v, check, arg) for v in value]
    return check(value, arg)


# -- a failed call leaves the model as it was ---------------------------------
#
# Checks before Keras catch most bad input; what still fails inside Keras
# (a dataset yielding the wrong thing, a callback raising at epoch 3) must not
# leave a half-built model behind: Keras keeps the tf.function it was tracing
# (later calls then fail with "Creating variables on a non-first call"), and
# training steps already run have moved the weights. `intact_on_failure`
# undoes both. The weight snapshot holds the value of every model and
# optimizer variable; above SNAPSHOT_MAX_BYTES it is skipped and only the
# half-built functions are reset (weights then change only if the failure came
# after training steps had run).
#
# On TensorFlow the snapshot is one call of a compiled function that reads
# every variable (kept per model, ~0.1 ms): TensorFlow gives each read its own
# value (an op that updates a variable whose buffer a read still holds writes
# to a new buffer first, copy-on-write), so nothing is copied before the call,
# and only the variables a step updates are copied, by TensorFlow, when it
# updates them. Elsewhere (another backend, a distribution strategy) it is a
# host copy of each variable (about 0.1 s per 100 MB here; 1.5 ms for 14 small
# variables, more than a small training step).

SNAPSHOT_MAX_BYTES = int(os.environ.get("KERASBRIDGE_SNAPSHOT_MAX_BYTES", 512 * 2**20))


def _state_variables(model):
    seen, out = set(), []
    opt = getattr(model, "optimizer", None)
    groups = [model.variables]  # weights, seed generator states, metric states
    if opt is not None and getattr(opt, "built", False):
        groups.append(opt.variables)
    for group in groups:
        for v in group:
            if id(v) not in seen:
                seen.add(id(v))
                out.append(v)
    return out


def _nbytes(variables):
    return sum(int(np.prod(v.shape)) * np.dtype(keras.backend.standardize_dtype(v.dtype)).itemsize for v in variables)


# model -> (ids of its state variables, those variables, their size in bytes,
# the compiled reader or None); weak, so a model's entry goes with it
_readers = weakref.WeakKeyDictionary()


def _reader(model, variables):
    """(size in bytes, a concrete function returning the value of each of
    `variables`, or None where it can't be used), kept per model until its
    variables change."""
    ids = tuple(map(id, variables))
    hit = _readers.get(model)
    if hit is not None and hit[0] == ids:
        return hit[2], hit[3]
    reader = None
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf
        values = [v.value for v in variables]  # the tf.Variable behind each Keras variable
        if (not tf.distribute.has_strategy() and getattr(model, "_distribute_strategy", None) is None
                and all(type(t) is not type(v) and isinstance(t, tf.Variable)
                        and not isinstance(t, tf.distribute.DistributedValues) for t, v in zip(values, variables))):
            reader = tf.function(lambda: [t.read_value() for t in values], autograph=False).get_concrete_function()
    entry = (ids, variables, _nbytes(variables), reader)
    try:
        _readers[model] = entry
    except TypeError:  # pragma: no cover - an object without weak references
        pass
    return entry[2], reader


def snapshot(model):
    """[(variable, its value now)] of the model's and optimizer's variables, or
    None when they are larger than SNAPSHOT_MAX_BYTES."""
    variables = _state_variables(model)
    nbytes, reader = _reader(model, variables)
    if nbytes > SNAPSHOT_MAX_BYTES:
        return None
    if reader is not None:
        return list(zip(variables, reader._call_flat([], reader.captured_inputs)))
    return [(v, np.array(keras.ops.convert_to_numpy(v.value), copy=True)) for v in variables]


def reset_half_built(model):
    """Forget what a failed call built half-way: the next call traces afresh."""
    for name in ("train_function", "test_function", "predict_function"):
        if hasattr(model, name):
            setattr(model, name, None)
    model.stop_training = False


@contextlib.contextmanager
def intact_on_failure(model, training=False):
    """Run a Keras call; on any error, put the model back as it was before.
    For training, the optimizer is built first (as Keras would on the first
    step) so that its slots and step counter are in the snapshot too."""
    opt = getattr(model, "optimizer", None)
    if training and opt is not None and not getattr(opt, "built", True) and getattr(model, "built", False) \
            and model.trainable_variables:
        strategy = getattr(model, "distribute_strategy", None)  # variables where Keras would make them
        with strategy.scope() if strategy is not None else contextlib.nullcontext():
            opt.build(model.trainable_variables)
    saved = snapshot(model)
    try:
        yield
    except Exception:
        reset_half_built(model)
        for v, value in saved or ():
            v.assign(value)
        raise


def _failed_callback(exc, callbacks):
    """(callback, hook) of the user's callback whose hook raised `exc`, found in
    the frames of Keras' CallbackList (which loops `for callback in ...`)."""
    found, tb = None, exc.__traceback__
    while tb is not None:
        f = tb.tb_frame
        cb = f.f_locals.get("callback")
        if f.f_code.co_name.lstrip("_").startswith("on_") and any(cb is c for c in callbacks):
            found = (cb, f.f_code.co_name.lstrip("_"))
        tb = tb.tb_next
    return found


@contextlib.contextmanager
def naming_callback_errors(callbacks):
    """An error raised by one of the user's callbacks (a Keras one, an R
    function in callback_lambda()) says which callback, hook and epoch, as
    errors in the methods of new_*_class classes do (classes/factory.py): R
    users get a MethodError (kerasbridge_method_error) with the original as
    its cause; Python users keep their exception, with a note. Errors already
    placed (our own, or noted by a class's method) pass unchanged."""
    from .classes.factory import _describe_position
    from .errors import KerasBridgeError, MethodError
    # Keras cuts its own frames from tracebacks, and with them the frame that
    # says which callback failed: keep them for this call only.
    filtering = keras.config.is_traceback_filtering_enabled()
    if filtering and len(callbacks) > 1:
        keras.config.disable_traceback_filtering()
    try:
        yield
    except (KerasBridgeError, MethodError):
        raise
    except Exception as e:
        hit = None if getattr(e, "_kb_noted", False) else _failed_callback(e, callbacks)
        if hit is None:
            raise
        cb, hook = hit
        phase, epoch, batch = tracking.current()
        batch = batch if "batch" in hook else None
        label = f"{type(cb).__name__}{'$' if frontend.is_r() else '.'}{hook}()"
        where = _describe_position(phase, epoch, batch)
        if not frontend.is_r():
            try:
                e.add_note(f"(raised in the callback {label}{where})")
                e._kb_noted = True
            except (AttributeError, TypeError):
                pass
            raise
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise MethodError(f"The callback {label} failed{where}: {msg}", classname=type(cb).__name__, method=hook,
                          epoch=epoch, batch=batch, r_error_id=getattr(e, "r_error_id", None)) from e
    finally:
        if filtering:
            keras.config.enable_traceback_filtering()


# -- compile -----------------------------------------------------------------

def _check_identifier_type(value, arg, what):
    """A loss/metric/optimizer must be a name, a function or a Keras object:
    a number or TRUE would only fail later, inside fit()."""
    if isinstance(value, (bool, np.bool_, numbers.Number, np.ndarray)):
        example = {"loss": '"mse"', "metrics": '"accuracy"', "optimizer": '"adam"'}[what]
        raise ArgumentError(
            f"`{arg}` must be a {what if what != 'metrics' else 'metric'} name (e.g. {example}), a function or a Keras "
            f"{what if what != 'metrics' else 'metric'} object; received "
            f"{frontend.fmt_value(bool(value)) if isinstance(value, (bool, np.bool_)) else convert.friendly_type(value) + ' (' + (format(value, 'g') if isinstance(value, numbers.Real) else type(value).__name__) + ')'}.", arg)
    return value


def compile(model, optimizer=None, loss=None, metrics=None, loss_weights=None, weighted_metrics=None, **kwargs):
    """model.compile() with R-friendly arguments: single strings or lists,
    named lists per output (dicts), NULL entries for outputs without a loss."""
    optimizer = identifiers.check_optimizer(_check_identifier_type("rmsprop" if optimizer is None else optimizer,
                                                                   "optimizer", "optimizer"))
    if loss is not None:
        loss = _check_each(loss, lambda v, a: identifiers.check_loss(_check_identifier_type(v, a, "loss"), a), "loss")
        loss = guard_r_functions(loss, "The R function given as `loss`")  # errors.py: never R off its thread
    metrics = _as_list_or_none(metrics)
    name_outputs_as_keras2(model, loss, metrics, loss_weights)  # Keras 2: output_1, output_2, ...
    if metrics is not None:
        metrics = _check_each(metrics, lambda v, a: identifiers.check_metric(_check_identifier_type(v, a, "metrics"), a), "metrics")
        metrics = name_metric_functions(model, metrics)
        metrics = match_target_rank(guard_r_functions(metrics, "The R function given in `metrics`"))
        if isinstance(metrics, dict):
            metrics = {k: _as_list_or_none(v) for k, v in metrics.items()}
    weighted_metrics = _as_list_or_none(weighted_metrics)
    if weighted_metrics is not None:
        weighted_metrics = _check_each(weighted_metrics, identifiers.check_metric, "weighted_metrics")
        weighted_metrics = guard_r_functions(weighted_metrics, "The R function given in `weighted_metrics`")
    if isinstance(loss_weights, (list, tuple)):
        loss_weights = [float(w) for w in loss_weights]
    elif isinstance(loss_weights, dict):
        loss_weights = {k: float(w) for k, w in loss_weights.items()}
    elif isinstance(loss_weights, numbers.Real):
        loss_weights = [float(loss_weights)]
    kwargs = argspec.coerce("fit", kwargs)
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics, loss_weights=loss_weights,
                  weighted_metrics=weighted_metrics, **kwargs)
    trainable_state.record(model)  # Keras 2: fit() trains what was trainable at compile()
    return model


# -- label checks ------------------------------------------------------------

def _is_sparse_ce(loss):
    if loss is None:
        return False
    if isinstance(loss, str):
        return loss in ("sparse_categorical_crossentropy",)
    if isinstance(loss, keras.losses.SparseCategoricalCrossentropy):
        return True
    fn = getattr(loss, "fn", loss)
    return getattr(fn, "__name__", "") == "sparse_categorical_crossentropy"


def _output_units(model):
    try:
        return [t.shape[-1] for t in model.outputs]
    except Exception:
        return []


def _check_sparse_labels(model, y, arg="y"):
    """Sparse categorical labels must be 0..K-1 (R users often have 1..K)."""
    loss = getattr(model, "loss", None)
    units = _output_units(model)
    names = convert.model_output_names(model)
    if not units:
        return
    pairs = []  # (label, y array, K)
    if isinstance(loss, dict):
        for k, l in loss.items():
            if _is_sparse_ce(l) and k in names:
                yk = y.get(k) if isinstance(y, dict) else (y[names.index(k)] if isinstance(y, list) else None)
                pairs.append((element_label(arg, k), yk, units[names.index(k)]))
    elif isinstance(loss, (list, tuple)):
        for i, l in enumerate(loss):
            if _is_sparse_ce(l) and i < len(units):
                yi = y[i] if isinstance(y, list) else (y.get(names[i]) if isinstance(y, dict) else None)
                pairs.append((element_label(arg, i), yi, units[i]))
    elif _is_sparse_ce(loss):
        if isinstance(y, np.ndarray):
            pairs.append((arg, y, units[0]))
        elif isinstance(y, (list, dict)):
            vals = y.values() if isinstance(y, dict) else y
            for (label, _), v, k in zip(convert._flat_arrays(y, arg), vals, units):
                pairs.append((label, v, k))
    for label, arr, k in pairs:
        if not isinstance(arr, np.ndarray) or arr.size == 0 or k is None:
            continue
        if arr.dtype.kind == "f" and not np.all(np.mod(arr, 1) == 0):
            bad = arr.ravel()[np.flatnonzero(np.mod(arr.ravel(), 1) != 0)[0]]
            raise LabelRangeError(
                f"`{label}` must hold whole class labels (0, 1, 2, ...) for a sparse categorical loss, "
                f"received fractional values such as {bad:g}. Round them, or use one-hot targets with "
                f"\"categorical_crossentropy\" for soft labels.", label)
        lo, hi = arr.min(), arr.max()
        if lo < 0 or hi > k - 1:
            hint = ""
            if lo >= 1 and hi == k:
                hint = f" They look 1-based (1..{k}): use `{label} - 1`." if frontend.is_r() else f" They look 1-based: use `{label} - 1`."
            raise LabelRangeError(
                f"`{label}` must hold class labels from 0 to {k - 1} (labels are 0-based; the output has {k} units), "
                f"received labels from {lo:g} to {hi:g}.{hint}", label)


# -- fit / evaluate / predict ------------------------------------------------

def _n_classes(model):
    """How many classes the (single) output can predict: its units, 2 for one unit."""
    units = _output_units(model)
    if len(units) != 1 or units[0] is None:
        return None
    return max(int(units[0]), 2)


def _class_weight(value, model=None):
    if value is None:
        return None
    if isinstance(value, dict):
        out = {}
        for k, w in value.items():
            try:
                key = int(k)
            except (TypeError, ValueError):
                raise ArgumentError(
                    f"`class_weight` names must be class labels \"0\", \"1\", ...; received {frontend.fmt_value(k)}.", "class_weight") from None
            if isinstance(w, (bool, np.bool_)) or not isinstance(w, (numbers.Real, np.ndarray)):
                raise ArgumentError(
                    f"`class_weight` must hold numbers (numeric weights), received {convert.friendly_type(w)} for class {k}.", "class_weight")
            out[key] = float(np.asarray(w).ravel()[0]) if isinstance(w, np.ndarray) else float(w)
    elif isinstance(value, (list, tuple, np.ndarray)):
        value = value.ravel().tolist() if isinstance(value, np.ndarray) else value
        try:
            out = {i: float(w) for i, w in enumerate(value)}
        except (TypeError, ValueError):
            raise ArgumentError(f"`class_weight` must hold numbers, received {convert.friendly_type(list(value))}.", "class_weight") from None
    else:
        raise ArgumentError("`class_weight` must be a named list (names \"0\", \"1\", ...) or a numeric vector.", "class_weight")
    bad = [w for w in out.values() if not np.isfinite(w) or w < 0]
    if bad:
        raise ArgumentError(f"`class_weight` must hold finite weights >= 0, received {bad[0]:g}.", "class_weight")
    k = _n_classes(model) if model is not None else None
    unknown = sorted(c for c in out if c < 0 or (k is not None and c >= k))
    if unknown:
        raise ArgumentError(
            f"`class_weight` names classes that do not exist: {', '.join(str(c) for c in unknown)}. "
            f"The model predicts {k} classes, labelled 0 to {k - 1 if k else '?'} (0-based).", "class_weight")
    return out


def _check_target_shapes(model, ys, arg="y"):
    """y with more (or fewer) columns than the output has units is a mistake that
    Keras' broadcasting can hide (mse of a 2-column y against 1 unit trains)."""
    if not isinstance(ys, np.ndarray) or ys.ndim < 2:
        return
    units = _output_units(model)
    loss = getattr(model, "loss", None)
    if len(units) != 1 or units[0] is None or isinstance(loss, (dict, list, tuple)):
        return
    try:
        if len(model.outputs[0].shape) != 2:  # only (samples, units) outputs: sequences are left to Keras
            return
    except Exception:
        return
    k, got = int(units[0]), ys.shape[-1]
    sparse = _is_sparse_ce(loss)
    if (sparse and got != 1) or (not sparse and got != k and got != 1):
        expected = (frontend.fmt_shape((None,)) + " or " + frontend.fmt_shape((None, 1))) if sparse else frontend.fmt_shape((None, k))
        raise InputShapeError(
            f"`{arg}` must have shape {expected} to match the model output ({k} unit(s)"
            f"{', sparse labels' if sparse else ''}), received {frontend.fmt_shape(ys.shape)}.", arg)


def _prepare(model, x, y=None, sample_weight=None, arg_x="x", arg_y="y", arg_w="sample_weight"):
    if _is_dataset(x):
        if y is not None:
            raise ArgumentError(f"`{arg_y}` must be {frontend.fmt_value(None)} when `{arg_x}` is a dataset: the dataset already yields the targets.", arg_y)
        return x, None, None
    xs = convert.as_inputs(x, model, arg_x)
    ys = convert.as_targets(y, model, arg_y)
    ws = convert.as_targets(sample_weight, model, arg_w) if sample_weight is not None else None
    convert.check_sample_counts(**{arg_x: xs, arg_y: ys, arg_w: ws})
    if ys is not None:
        _check_sparse_labels(model, ys, arg_y)
        _check_target_shapes(model, ys, arg_y)
    return xs, ys, ws


def _first_count(value):
    for _, v in convert._flat_arrays(value, "x"):
        n = convert.n_samples(v)
        if n is not None:
            return n
    return None


def _check_callbacks(callbacks):
    """A list of Keras callbacks (a string such as "early_stopping" is not one)."""
    cbs = callbacks if isinstance(callbacks, list) else ([] if callbacks is None else [callbacks])
    for i, cb in enumerate(cbs):
        if not isinstance(cb, keras.callbacks.Callback):
            label = element_label("callbacks", i) if len(cbs) > 1 or isinstance(callbacks, list) else "callbacks"
            fix = "callback_early_stopping()" if frontend.is_r() else "keras.callbacks.EarlyStopping()"
            raise ArgumentError(
                f"`{label}` must be a callback object (e.g. {fix}), received {convert.friendly_type(cb)}"
                f"{' ' + frontend.fmt_value(cb) if isinstance(cb, str) else ''}.", label)
    return atomic.made_atomic(cbs)  # Keras' own checkpoint callbacks write whole files too


def _dataset_rank_check(model, x):
    """A tf.data.Dataset whose elements can't be the model's input: said before
    Keras traces (its own message starts "Exception encountered when calling")."""
    import tensorflow as tf
    if not isinstance(x, tf.data.Dataset):
        return
    spec = x.element_spec
    xs = spec[0] if isinstance(spec, tuple) else spec
    inputs = convert._input_specs(model)
    if len(inputs) != 1 or not isinstance(xs, tf.TensorSpec):
        return
    expected = inputs[0][1]
    got = tuple(xs.shape.as_list()) if xs.shape.rank is not None else None
    if xs.dtype == tf.string:
        raise ArgumentError(
            f"`x` must be a dataset of numbers, received one whose inputs are strings. Turn them into numbers "
            f"first ({'dataset_map() with a text vectorization layer' if frontend.is_r() else 'dataset.map() with a TextVectorization layer'}).", "x")
    if got is None:
        return
    if len(got) == len(expected) - 1 and all(e is None or g is None or e == g for e, g in zip(expected[1:], got)):
        raise InputShapeError(
            f"`x` must be a dataset of batches: its elements have shape {frontend.fmt_shape(got)} but the model input is "
            f"{frontend.fmt_shape(expected)} (first dimension = samples). Batch it first "
            f"({'dataset_batch(x, 32)' if frontend.is_r() else 'dataset.batch(32)'}).", "x")
    if len(got) != len(expected) or any(e is not None and g is not None and e != g for e, g in zip(expected[1:], got[1:])):
        raise InputShapeError(
            f"`x` does not match the model input: the dataset yields inputs of shape {frontend.fmt_shape(got)}, "
            f"the model expects {frontend.fmt_shape(expected)} (first dimension = samples).", "x")


def _validation_data(model, value):
    if value is None or _is_dataset(value):
        return value
    if isinstance(value, dict):
        raise ArgumentError("`validation_data` must be an unnamed list: list(x_val, y_val) or list(x_val, y_val, sample_weight).", "validation_data")
    if not isinstance(value, (list, tuple)) or len(value) not in (2, 3):
        n = len(value) if isinstance(value, (list, tuple)) else 1
        raise ArgumentError(
            f"`validation_data` must be list(x_val, y_val) or list(x_val, y_val, sample_weight); received {n} element(s).", "validation_data")
    xv, yv, wv = _prepare(model, value[0], value[1], value[2] if len(value) == 3 else None,
                          "validation_data[[1]]" if frontend.is_r() else "validation_data[0]",
                          "validation_data[[2]]" if frontend.is_r() else "validation_data[1]",
                          "validation_data[[3]]" if frontend.is_r() else "validation_data[2]")
    return (xv, yv) if wv is None else (xv, yv, wv)


def _no_batch_size_with_dataset(x, kwargs):
    if _is_dataset(x) and kwargs.get("batch_size") is not None:
        raise ArgumentError(
            f"`batch_size` must be {frontend.fmt_value(None)} when `x` is a dataset: the dataset already makes batches "
            f"({'use dataset_batch()' if frontend.is_r() else 'use dataset.batch()'} to change their size).", "batch_size")


def fit(model, x=None, y=None, sample_weight=None, class_weight=None, validation_data=None, callbacks=None,
        allow_inf=False, **kwargs):
    """model.fit() after the checks; returns the Keras History object. A failed
    call leaves the model as it was (intact_on_failure). `allow_inf`: let
    Inf/-Inf through the data check (README "What the package guarantees")."""
    kwargs = argspec.coerce("fit", kwargs)
    _no_batch_size_with_dataset(x, kwargs)
    split = kwargs.get("validation_split")
    if split is not None and not (0 <= float(split) < 1):
        raise ArgumentError(f"`validation_split` must be in [0, 1), received {split}.", "validation_split")
    if not getattr(model, "compiled", False) and getattr(model, "optimizer", None) is None:
        raise ArgumentError("The model must be compiled before training: call compile() first.", "object")
    epochs, initial = kwargs.get("epochs"), kwargs.get("initial_epoch")
    if epochs is not None and initial is not None and initial >= epochs:
        raise ArgumentError(
            f"`initial_epoch` ({initial}) must be less than `epochs` ({epochs}): `epochs` is the index of the last "
            f"epoch, not a count of further epochs, so nothing would train. Use epochs = {initial + epochs} to train "
            f"{epochs} more.", "initial_epoch")
    if x is None:
        raise ArgumentError(f"`x` must be the training data (an array, a list of arrays or a dataset), received {frontend.fmt_value(None)}.", "x")
    if _is_dataset(x):
        kwargs.setdefault("shuffle", False)  # a dataset shuffles itself (dataset_shuffle())
        _dataset_rank_check(model, x)
    with convert.allowing_inf(allow_inf):
        xs, ys, ws = _prepare(model, x, y, sample_weight)
        vd = _validation_data(model, validation_data)
    if not _is_dataset(x) and _first_count(xs) == 0:
        raise ArgumentError("`x` has 0 rows: there is nothing to train on.", "x")
    if ys is None and not _is_dataset(x) and getattr(model, "loss", None) is not None and \
            getattr(type(model), "train_step", None) is getattr(keras.Model, "train_step", None):  # a custom train_step may need no y
        raise ArgumentError(
            f"`y` must be given: the model was compiled with a loss, which compares predictions with `y`; "
            f"received {frontend.fmt_value(None)}.", "y")
    cw = _class_weight(class_weight, model)
    cbs = _check_callbacks(callbacks)
    kwargs, cbs = progress.replace_progbar(kwargs, cbs)  # from R: progress through R's output (progress.py)
    with tracking.tracked("fit", interrupts.checked(cbs)) as cbs, intact_on_failure(model, training=True), naming_callback_errors(cbs), \
            trainable_state.respected(model):  # where Keras is, for error messages; Keras 2's compiled trainable state
        return model.fit(xs, ys, sample_weight=ws, class_weight=cw, validation_data=vd, callbacks=cbs, **kwargs)


def history_to_dict(history):
    """A Keras History -> {"params": {...}, "metrics": {name: [floats]}, "epoch": [...]}."""
    outputs = getattr(getattr(history, "model", None), "output_names", None)
    metrics = {k: [float(v) for v in history.history[k]] for k in ordered_metric_names(history.history, outputs)}
    params = {k: v for k, v in (history.params or {}).items()}
    return {"params": params, "metrics": metrics, "epoch": list(history.epoch)}


def evaluate(model, x=None, y=None, sample_weight=None, callbacks=None, allow_inf=False, **kwargs):
    """model.evaluate() after the checks; returns {name: float} with loss first."""
    kwargs = argspec.coerce("fit", training_args.drop_unused("evaluate", kwargs))
    _no_batch_size_with_dataset(x, kwargs)
    if x is None:
        raise ArgumentError(f"`x` must be the data to evaluate on, received {frontend.fmt_value(None)}.", "x")
    if _is_dataset(x):
        _dataset_rank_check(model, x)
    with convert.allowing_inf(allow_inf):
        xs, ys, ws = _prepare(model, x, y, sample_weight)
    if not _is_dataset(x) and _first_count(xs) == 0:
        raise ArgumentError("`x` has 0 rows: there is nothing to evaluate.", "x")
    cbs = _check_callbacks(callbacks)
    out = fastpath.evaluate(model, xs, ys, ws, cbs, kwargs)  # one batch: Keras' compiled step, called directly
    if out is None:
        kwargs, cbs = progress.replace_progbar(kwargs, cbs)
        with tracking.tracked("evaluate", interrupts.checked(cbs)) as cbs, intact_on_failure(model), naming_callback_errors(cbs):
            out = model.evaluate(xs, ys, sample_weight=ws, callbacks=cbs, return_dict=True, **kwargs)
    return {k: float(out[k]) for k in ordered_metric_names(out, getattr(model, "output_names", None))}


def _empty_predictions(model, xs):
    """predict() on 0 rows: arrays with 0 rows and the output's other dimensions."""
    with intact_on_failure(model):
        out = model(xs, training=False)
    return keras.tree.map_structure(lambda t: np.zeros((0,) + tuple(t.shape[1:]), dtype=keras.backend.standardize_dtype(t.dtype)), out)


def predict(model, x, callbacks=None, allow_inf=False, **kwargs):
    """model.predict() after the checks; numpy array(s) back."""
    kwargs = argspec.coerce("fit", training_args.drop_unused("predict", kwargs))
    _no_batch_size_with_dataset(x, kwargs)
    if x is None:
        raise ArgumentError(f"`x` must be the input data to predict from, received {frontend.fmt_value(None)}.", "x")
    if _is_dataset(x):
        _dataset_rank_check(model, x)
    with convert.allowing_inf(allow_inf):
        xs, _, _ = _prepare(model, x)
    if not _is_dataset(x) and _first_count(xs) == 0:
        return _empty_predictions(model, xs)
    cbs = _check_callbacks(callbacks)
    out = fastpath.predict(model, xs, cbs, kwargs)  # one batch: Keras' compiled step, called directly
    if out is not None:
        return out
    kwargs, cbs = progress.replace_progbar(kwargs, cbs)
    with tracking.tracked("predict", interrupts.checked(cbs)) as cbs, intact_on_failure(model), naming_callback_errors(cbs):
        return model.predict(xs, callbacks=cbs, **kwargs)


# The *_on_batch calls run Keras' compiled step directly (fastpath.on_batch(): the
# same steps as Keras' own method, without TensorFlow's per-call dispatch), or
# Keras' method where that does not apply.

def train_on_batch(model, x, y=None, sample_weight=None, class_weight=None):
    xs, ys, ws = _prepare(model, x, y, sample_weight)
    cw = _class_weight(class_weight, model)
    with intact_on_failure(model, training=True), trainable_state.respected(model):
        out = fastpath.on_batch(model, "train", xs, ys, ws) if cw is None else None
        if out is None:
            out = model.train_on_batch(xs, ys, sample_weight=ws, class_weight=cw, return_dict=True)
    return _keras2_order(model, out)


def test_on_batch(model, x, y=None, sample_weight=None):
    xs, ys, ws = _prepare(model, x, y, sample_weight)
    with fastpath.guarded(model):  # a test step moves no weight: no snapshot to take
        out = fastpath.on_batch(model, "test", xs, ys, ws)
        if out is None:
            out = model.test_on_batch(xs, ys, sample_weight=ws, return_dict=True)
    return _keras2_order(model, out)


def _keras2_order(model, out):
    """Results in R keras 2.x's order (its metrics_names): loss, the per-output
    losses in output order, then the metrics."""
    return {k: float(out[k]) for k in ordered_metric_names(out, getattr(model, "output_names", None))}


def predict_on_batch(model, x):
    xs, _, _ = _prepare(model, x)
    with fastpath.guarded(model):  # a predict step moves no weight: no snapshot to take
        out = fastpath.on_batch(model, "predict", xs)
        return model.predict_on_batch(xs) if out is None else out
