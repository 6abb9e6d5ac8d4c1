"""Keras 2 ways of naming and ordering metrics.

- ``custom_metric``: R keras 2.x's ``custom_metric(name, fn)``: a function Keras names ``name``.
- ``name_metric_functions``: R keras 2.x's ``metrics = list(rmse = function(...))``
  names custom metric functions (compile(), via training.py).
- ``match_target_rank``: a metric function gets ``y_true`` with ``y_pred``'s rank, as in Keras 2.
- ``ordered_metric_names``: history and evaluate() results in Keras 2's order.
"""

import keras

from .. import frontend
from ..errors import UnknownIdentifierError, guard_r_functions
from ..pywarnings import deprecated


def custom_metric(name, fn):
    """A Python function named `name` that calls fn (an R function, say): Keras
    names losses and metrics after ``__name__``."""
    fn = guard_r_functions(fn, f"The R function of custom_metric(\"{name}\")")  # errors.py: never R off its thread

    def wrapper(y_true, y_pred):
        return fn(y_true, y_pred)
    wrapper.__name__ = wrapper.__qualname__ = str(name)
    return wrapper


# Keras resolves these names by the loss and the output (binary, categorical or
# sparse accuracy/crossentropy); naming them would fix one function.
_RESOLVED_BY_KERAS = frozenset({"accuracy", "acc", "crossentropy", "ce"})


def name_metric_functions(model, metrics):
    """R keras 2.x: ``metrics = list(rmse = function(y_true, y_pred) ...)`` names
    custom metric functions; it is not a per-output dict unless its names are the
    model's output names. As R keras 2.x's compile() had it, a named list whose
    names are not all output names is a plain list of metrics: a function (an R
    function, or one of our ``metric_*`` functions, which reach the core as
    their Keras name) takes its name; other entries lose theirs. A model with
    several outputs whose dict names some of them keeps the error (a misspelt
    output name)."""
    if not isinstance(metrics, dict):
        return metrics
    outputs = list(getattr(model, "output_names", None) or [])
    if outputs and set(metrics) <= set(outputs):
        return metrics
    if len(outputs) > 1 and set(metrics) & set(outputs):
        unknown = [k for k in metrics if k not in outputs]
        raise UnknownIdentifierError(
            f"`metrics` names {frontend.fmt_names(unknown)} match no model output; outputs are "
            f"{frontend.fmt_names(sorted(outputs))}.", "metrics")
    out, renamed = [], False
    for name, value in metrics.items():
        for v in (value if isinstance(value, (list, tuple)) else [value]):
            named = _named_metric(name, v) if name else None
            renamed = renamed or named is not None
            out.append(v if named is None else named)
    if renamed:
        # R keras 2.x's own words (users' tests match "deprecated")
        deprecated("Passing names for custom metrics is deprecated. Please use the custom_metric() function "
                   "to define custom metrics.", "metrics", stacklevel=4)
    return out


def _named_metric(name, value):
    """A named entry as the metric `name`: a function wrapped by custom_metric(),
    a metric name (what our ``metric_*`` functions arrive as) made that Metric
    under `name`; None where R keras 2.x dropped the name (a Metric object or
    class, a name Keras resolves by the loss)."""
    if isinstance(value, str):
        if value in _RESOLVED_BY_KERAS:
            return None
        try:
            metric = keras.metrics.get(value)
        except (ValueError, TypeError):
            return None
        if not isinstance(metric, keras.metrics.Metric):
            return custom_metric(name, metric) if callable(metric) else None
        config = metric.get_config()
        config["name"] = str(name)
        return type(metric).from_config(config)
    if callable(value) and not isinstance(value, (type, keras.metrics.Metric)):
        return custom_metric(name, value)
    return None


def match_target_rank(metrics):
    """Keras 2 gave a metric function ``y_true`` of shape (batch, 1) when the
    targets were a vector and ``y_pred`` a matrix (compile_utils'
    match_dtype_and_rank); Keras 3 hands the vector as it is, so a function
    comparing ``y_true`` with ``k_argmax(y_pred)`` broadcast to (batch, batch).
    Function metrics (not Metric objects or names) get Keras 2's target back."""
    def wrap(fn):
        if isinstance(fn, (str, type, keras.metrics.Metric)) or not callable(fn):
            return fn

        def metric(y_true, y_pred):
            if len(y_true.shape) == 1 and len(y_pred.shape) == 2:
                y_true = keras.ops.expand_dims(y_true, -1)
            return fn(y_true, y_pred)
        metric.__name__ = metric.__qualname__ = getattr(fn, "__name__", "metric")
        return metric
    if isinstance(metrics, dict):
        return {k: [wrap(f) for f in v] if isinstance(v, (list, tuple)) else wrap(v) for k, v in metrics.items()}
    if isinstance(metrics, (list, tuple)):
        return [wrap(f) for f in metrics]
    return wrap(metrics)


def ordered_metric_names(names, outputs=None):
    """loss first, then metrics, then the val_ ones in the same order (as Keras 2 printed them).
    With the model's `outputs` (names), the per-output losses ``<output>_loss``
    come in output order, as Keras 2's metrics_names had them (Keras 3 sorts them)."""
    names = list(names)
    rank = {f"{o}_loss": i for i, o in enumerate(outputs or [])}
    train = [n for n in names if not n.startswith("val_")]
    train = sorted(train, key=lambda n: (n != "loss", not n.endswith("loss"), rank.get(n, len(rank)), names.index(n)))
    val = [n for n in names if n.startswith("val_")]
    val = sorted(val, key=lambda n: (train.index(n[4:]) if n[4:] in train else len(train), names.index(n)))
    return train + val


def name_outputs_as_keras2(model, loss=None, metrics=None, loss_weights=None):
    """Keras 2 named a subclassed model's outputs ``output_1``, ``output_2``, ...
    so its history read ``output_1_loss``, ``output_2_accuracy``. Keras 3
    leaves them unnamed: per-output losses are named after the loss function
    (``categorical_crossentropy_loss``) and metrics bare (two outputs' accuracy
    become ``accuracy`` and ``accuracy_1``). When compile() shows how many
    outputs there are (a list of losses, of loss weights or of per-output
    metric lists), they get Keras 2's names; Keras uses a model's
    ``output_names`` to name losses and metrics. A functional model keeps its
    layers' names, numbered where one layer gives several outputs."""
    from keras.src.models.functional import Functional
    if isinstance(model, Functional):
        _unique_output_names(model)
        return
    if isinstance(model, keras.Sequential) or getattr(model, "output_names", None):
        return
    counts = [len(x) for x in (loss, loss_weights) if isinstance(x, (list, tuple))]
    if isinstance(metrics, (list, tuple)) and metrics and all(m is None or isinstance(m, (list, tuple)) for m in metrics):
        counts.append(len(metrics))
    n = max(counts, default=0)
    if n > 1:
        model.output_names = [f"output_{i + 1}" for i in range(n)]


def _unique_output_names(model):
    """Two outputs of one layer (a nested multi-output model: the GAN's
    ``combined <- keras_model(z, discriminator(fake))``) share its name in
    Keras 3, so their losses and metrics overwrite each other (one
    ``discriminator_loss`` reported). Keras 2 numbered the repeats:
    ``discriminator``, ``discriminator_1``."""
    names = list(model.output_names or [])
    if len(set(names)) == len(names):
        return
    seen, counts, unique = set(), {}, []
    for name in names:
        proposal = name
        while proposal in seen:
            counts[name] = counts.get(name, 0) + 1
            proposal = f"{name}_{counts[name]}"
        seen.add(proposal)
        unique.append(proposal)
    model.output_names = unique
