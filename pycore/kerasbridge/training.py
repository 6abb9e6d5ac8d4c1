"""compile / fit / evaluate / predict with checks first, so that bad input
fails before the model is touched (a failed call leaves it unchanged).

Data goes through the one conversion policy in convert.py. Results come back
as plain values (dicts of floats, numpy arrays) that both front ends convert.
"""

import numbers

import numpy as np
import keras

from . import convert, frontend, identifiers
from .convert import as_int
from .errors import ArgumentError, LabelRangeError

try:  # tf.data is optional for the checks below
    import tensorflow as tf
    _DATASET_TYPES = (tf.data.Dataset,)
except Exception:  # pragma: no cover
    _DATASET_TYPES = ()


def _is_dataset(x):
    return bool(_DATASET_TYPES) and isinstance(x, _DATASET_TYPES) or type(x).__name__ in ("PyDataset", "generator")


def _as_list_or_none(value):
    if value is None or isinstance(value, (list, dict)):
        return value
    if isinstance(value, tuple):
        return list(value)
    return [value]


def _check_each(value, check, arg):
    if isinstance(value, dict):
        return {k: (None if v is None else _check_each(v, check, f"{arg}${k}" if frontend.is_r() else f"{arg}[{k!r}]")) for k, v in value.items()}
    if isinstance(value, list):
        return [None if v is None else _check_each(v, check, arg) for v in value]
    return check(value, arg)


def compile(model, optimizer=None, loss=None, metrics=None, loss_weights=None, weighted_metrics=None, **kwargs):
    """model.compile() with R-friendly arguments: single strings or lists,
    named lists per output (dicts), NULL entries for outputs without a loss."""
    optimizer = identifiers.check_optimizer("rmsprop" if optimizer is None else optimizer)
    if loss is not None:
        loss = _check_each(loss, identifiers.check_loss, "loss")
    metrics = _as_list_or_none(metrics)
    if metrics is not None:
        metrics = _check_each(metrics, identifiers.check_metric, "metrics")
        metrics = identifiers.name_metric_functions(model, metrics)
        if isinstance(metrics, dict):
            metrics = {k: _as_list_or_none(v) for k, v in metrics.items()}
    weighted_metrics = _as_list_or_none(weighted_metrics)
    if weighted_metrics is not None:
        weighted_metrics = _check_each(weighted_metrics, identifiers.check_metric, "weighted_metrics")
    if isinstance(loss_weights, (list, tuple)):
        loss_weights = [float(w) for w in loss_weights]
    elif isinstance(loss_weights, dict):
        loss_weights = {k: float(w) for k, w in loss_weights.items()}
    elif isinstance(loss_weights, numbers.Real):
        loss_weights = [float(loss_weights)]
    for k in ("steps_per_execution",):
        if k in kwargs:
            kwargs[k] = as_int(kwargs[k], k)
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics, loss_weights=loss_weights,
                  weighted_metrics=weighted_metrics, **kwargs)
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
                pairs.append((f"{arg}${k}" if frontend.is_r() else f"{arg}[{k!r}]", yk, units[names.index(k)]))
    elif isinstance(loss, (list, tuple)):
        for i, l in enumerate(loss):
            if _is_sparse_ce(l) and i < len(units):
                yi = y[i] if isinstance(y, list) else (y.get(names[i]) if isinstance(y, dict) else None)
                pairs.append((f"{arg}[[{frontend.index(i)}]]" if frontend.is_r() else f"{arg}[{i}]", yi, units[i]))
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
        lo, hi = arr.min(), arr.max()
        if lo < 0 or hi > k - 1:
            hint = ""
            if lo >= 1 and hi == k:
                hint = f" They look 1-based (1..{k}): use `{label} - 1`." if frontend.is_r() else f" They look 1-based: use `{label} - 1`."
            raise LabelRangeError(
                f"`{label}` must hold class labels from 0 to {k - 1} (labels are 0-based; the output has {k} units), "
                f"received labels from {lo:g} to {hi:g}.{hint}", label)


# -- fit / evaluate / predict ------------------------------------------------

def _class_weight(value):
    if value is None:
        return None
    if isinstance(value, dict):
        out = {}
        for k, w in value.items():
            try:
                out[int(k)] = float(w)
            except (TypeError, ValueError):
                raise ArgumentError(
                    f"`class_weight` names must be class labels \"0\", \"1\", ...; received {frontend.fmt_value(k)}.", "class_weight")
        return out
    if isinstance(value, np.ndarray):
        value = value.ravel().tolist()
    if isinstance(value, (list, tuple)):
        return {i: float(w) for i, w in enumerate(value)}
    raise ArgumentError("`class_weight` must be a named list (names \"0\", \"1\", ...) or a numeric vector.", "class_weight")


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
    return xs, ys, ws


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


_INT_FIT_ARGS = ("batch_size", "epochs", "initial_epoch", "steps_per_epoch", "validation_steps",
                 "validation_batch_size", "validation_freq", "steps")


def _int_args(kwargs):
    for k in _INT_FIT_ARGS:
        if k in kwargs and kwargs[k] is not None:
            kwargs[k] = as_int(kwargs[k], k)
    if isinstance(kwargs.get("verbose"), float):
        kwargs["verbose"] = as_int(kwargs["verbose"], "verbose")
    return kwargs


def _no_batch_size_with_dataset(x, kwargs):
    if _is_dataset(x) and kwargs.get("batch_size") is not None:
        raise ArgumentError(
            f"`batch_size` must be {frontend.fmt_value(None)} when `x` is a dataset: the dataset already makes batches "
            f"({'use dataset_batch()' if frontend.is_r() else 'use dataset.batch()'} to change their size).", "batch_size")


def fit(model, x=None, y=None, sample_weight=None, class_weight=None, validation_data=None, callbacks=None, **kwargs):
    """model.fit() after the checks; returns the Keras History object."""
    kwargs = _int_args(kwargs)
    _no_batch_size_with_dataset(x, kwargs)
    split = kwargs.get("validation_split")
    if split is not None and not (0 <= float(split) < 1):
        raise ArgumentError(f"`validation_split` must be in [0, 1), received {split}.", "validation_split")
    if not getattr(model, "compiled", False) and getattr(model, "optimizer", None) is None:
        raise ArgumentError("The model must be compiled before training: call compile() first.", "object")
    if _is_dataset(x):
        kwargs.setdefault("shuffle", False)  # a dataset shuffles itself (dataset_shuffle())
    xs, ys, ws = _prepare(model, x, y, sample_weight)
    vd = _validation_data(model, validation_data)
    cw = _class_weight(class_weight)
    cbs = callbacks if isinstance(callbacks, list) else ([] if callbacks is None else [callbacks])
    return model.fit(xs, ys, sample_weight=ws, class_weight=cw, validation_data=vd, callbacks=cbs, **kwargs)


def ordered_metric_names(names):
    """loss first, then metrics, then the val_ ones in the same order (as Keras 2 printed them)."""
    names = list(names)
    train = [n for n in names if not n.startswith("val_")]
    train = sorted(train, key=lambda n: (n != "loss", not n.endswith("loss"), names.index(n)))
    val = [n for n in names if n.startswith("val_")]
    val = sorted(val, key=lambda n: (train.index(n[4:]) if n[4:] in train else len(train), names.index(n)))
    return train + val


def history_to_dict(history):
    """A Keras History -> {"params": {...}, "metrics": {name: [floats]}, "epoch": [...]}."""
    metrics = {k: [float(v) for v in history.history[k]] for k in ordered_metric_names(history.history)}
    params = {k: v for k, v in (history.params or {}).items()}
    return {"params": params, "metrics": metrics, "epoch": list(history.epoch)}


def evaluate(model, x=None, y=None, sample_weight=None, callbacks=None, **kwargs):
    """model.evaluate() after the checks; returns {name: float} with loss first."""
    kwargs = _int_args(kwargs)
    _no_batch_size_with_dataset(x, kwargs)
    xs, ys, ws = _prepare(model, x, y, sample_weight)
    cbs = callbacks if isinstance(callbacks, list) else ([] if callbacks is None else [callbacks])
    out = model.evaluate(xs, ys, sample_weight=ws, callbacks=cbs, return_dict=True, **kwargs)
    return {k: float(out[k]) for k in ordered_metric_names(out)}


def predict(model, x, callbacks=None, **kwargs):
    """model.predict() after the checks; numpy array(s) back."""
    kwargs = _int_args(kwargs)
    _no_batch_size_with_dataset(x, kwargs)
    xs, _, _ = _prepare(model, x)
    cbs = callbacks if isinstance(callbacks, list) else ([] if callbacks is None else [callbacks])
    return model.predict(xs, callbacks=cbs, **kwargs)


def train_on_batch(model, x, y=None, sample_weight=None, class_weight=None):
    xs, ys, ws = _prepare(model, x, y, sample_weight)
    out = model.train_on_batch(xs, ys, sample_weight=ws, class_weight=_class_weight(class_weight), return_dict=True)
    return {k: float(v) for k, v in out.items()}


def test_on_batch(model, x, y=None, sample_weight=None):
    xs, ys, ws = _prepare(model, x, y, sample_weight)
    out = model.test_on_batch(xs, ys, sample_weight=ws, return_dict=True)
    return {k: float(v) for k, v in out.items()}


def predict_on_batch(model, x):
    xs, _, _ = _prepare(model, x)
    return model.predict_on_batch(xs)
