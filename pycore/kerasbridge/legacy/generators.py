"""Training from an R generator function (R keras 2.x ``fit_generator()``,
or ``fit()`` with a function as ``x``).

Keras 3 runs Python generators inside tf.data, on TensorFlow's own threads,
and R must only ever run on R's main thread (../shared/PLATFORM.md). So the
batches are pulled here, on the calling thread, and fed to the model's
compiled train step one at a time, with the same callbacks, logs and history
that ``fit()`` gives. Metrics accumulate over the epoch as in ``fit()``.
"""

import functools

import numpy as np
import keras
from keras.src.trainers import data_adapters

from .. import convert, progress
from ..argspec import as_int
from ..errors import ArgumentError
from . import trainable_state
from .metrics import ordered_metric_names


def _unpack(batch, model, what):
    if isinstance(batch, dict) or not isinstance(batch, (list, tuple)) or len(batch) not in (2, 3):
        raise ArgumentError(
            f"The {what} generator must return list(x, y) or list(x, y, sample_weight) on each call.", "generator")
    x = convert.as_inputs(batch[0], model, "x")
    y = convert.as_targets(batch[1], model, "y")
    w = convert.as_targets(batch[2], model, "sample_weight") if len(batch) == 3 else None
    convert.check_sample_counts(x=x, y=y, sample_weight=w)
    return x, y, w


def _run_batch(model, fn_name, x, y, w):
    model._maybe_symbolic_build(data_batch=(x, y, w))
    if fn_name == "train":
        model.make_train_function()
        fn = model.train_function
    else:
        model.make_test_function()
        fn = model.test_function

    def data():
        yield (x, y, w)
    return {k: float(np.asarray(v)) for k, v in fn(data()).items()}


def _evaluate_generator(model, generator, steps, callbacks=None):
    model.reset_metrics()
    logs = {}
    for step in range(steps):
        x, y, w = _unpack(generator(), model, "validation")
        if callbacks is not None:
            callbacks.on_test_batch_begin(step)
        logs = _run_batch(model, "test", x, y, w)
        if callbacks is not None:
            callbacks.on_test_batch_end(step, logs)
    return logs


def _respecting_compiled_trainable_state(fit):
    """Keras 2 trained what was trainable at compile(), from a generator too (trainable_state.py)."""
    @functools.wraps(fit)
    def wrapped(model, *args, **kwargs):
        with trainable_state.respected(model):
            return fit(model, *args, **kwargs)
    return wrapped


@_respecting_compiled_trainable_state
def fit_generator(model, generator, steps_per_epoch, epochs=1, verbose="auto", callbacks=None,
                  validation_data=None, validation_steps=None, class_weight=None, initial_epoch=0):
    steps = as_int(steps_per_epoch, "steps_per_epoch")
    if steps is None or steps < 1:
        raise ArgumentError("`steps_per_epoch` must be given (a positive whole number) when training from a generator function.",
                            "steps_per_epoch")
    epochs = as_int(epochs, "epochs")
    initial_epoch = as_int(initial_epoch, "initial_epoch") or 0
    verbose = 1 if verbose == "auto" else as_int(verbose, "verbose")
    kw, callbacks = progress.replace_progbar({"verbose": verbose}, callbacks)  # from R: through R's output
    verbose = kw["verbose"]
    val_is_fn = callable(validation_data) and not isinstance(validation_data, (list, tuple))
    if val_is_fn and not validation_steps:
        raise ArgumentError("`validation_steps` must be given when `validation_data` is a generator function.", "validation_steps")
    cw = None
    if class_weight is not None:
        from ..training import _class_weight
        cw = _class_weight(class_weight)
    cbs = keras.callbacks.CallbackList(callbacks or [], add_history=True, add_progbar=verbose != 0,
                                       model=model, verbose=verbose, epochs=epochs, steps=steps)
    model.stop_training = False
    cbs.on_train_begin()
    logs = {}
    for epoch in range(initial_epoch, epochs):
        model.reset_metrics()
        cbs.on_epoch_begin(epoch)
        for step in range(steps):
            x, y, w = _unpack(generator(), model, "training")
            if cw is not None:
                w = data_adapters.data_adapter_utils.class_weight_to_sample_weights(y, cw)
            cbs.on_train_batch_begin(step)
            logs = _run_batch(model, "train", x, y, w)
            cbs.on_train_batch_end(step, logs)
            if model.stop_training:
                break
        epoch_logs = dict(logs)
        if validation_data is not None:
            if val_is_fn:
                val = _evaluate_generator(model, validation_data, as_int(validation_steps, "validation_steps"))
            else:
                from ..training import evaluate
                vd = list(validation_data)
                val = evaluate(model, vd[0], vd[1], vd[2] if len(vd) == 3 else None, verbose=0)
            epoch_logs.update({"val_" + k: v for k, v in val.items()})
        cbs.on_epoch_end(epoch, epoch_logs)
        if model.stop_training:
            break
    cbs.on_train_end(logs)
    return model.history


def _steps(steps):
    n = as_int(steps, "steps")
    if n is None or n < 1:
        raise ArgumentError("`steps` must be given (a positive whole number) when the data is a generator function.", "steps")
    return n


def _callback_list(model, callbacks, verbose, steps):
    """The callbacks of one evaluate/predict pass, with the progress bar where
    ``verbose`` asks for it (from R: through R's output)."""
    verbose = 1 if verbose == "auto" else as_int(verbose, "verbose")
    kw, callbacks = progress.replace_progbar({"verbose": verbose}, callbacks)
    return keras.callbacks.CallbackList(callbacks or [], add_progbar=kw["verbose"] != 0, model=model,
                                        verbose=kw["verbose"], epochs=1, steps=steps)


def evaluate_generator(model, generator, steps, callbacks=None, verbose=0):
    """evaluate() from a generator function: on_test_* callbacks as Keras' evaluate()."""
    steps = _steps(steps)
    cbs = _callback_list(model, callbacks, verbose, steps)
    cbs.on_test_begin()
    logs = _evaluate_generator(model, generator, steps, cbs)
    logs = {k: logs[k] for k in ordered_metric_names(logs)}
    cbs.on_test_end(logs)
    return logs


def predict_generator(model, generator, steps, callbacks=None, verbose=0):
    """Each call of the generator gives a batch of inputs (or list(x, ...): x is used);
    on_predict_* callbacks as Keras' predict()."""
    steps = _steps(steps)
    cbs = _callback_list(model, callbacks, verbose, steps)
    cbs.on_predict_begin()
    outs = []
    for step in range(steps):
        batch = generator()
        x = batch[0] if isinstance(batch, (list, tuple)) and len(batch) in (2, 3) and not isinstance(batch[0], (int, float)) else batch
        cbs.on_predict_batch_begin(step)
        outs.append(model.predict_on_batch(convert.as_inputs(x, model, "x")))
        cbs.on_predict_batch_end(step, {"outputs": outs[-1]})
    cbs.on_predict_end()
    if isinstance(outs[0], dict):
        return {k: np.concatenate([o[k] for o in outs]) for k in outs[0]}
    if isinstance(outs[0], (list, tuple)):
        return [np.concatenate([o[i] for o in outs]) for i in range(len(outs[0]))]
    return np.concatenate(outs)
