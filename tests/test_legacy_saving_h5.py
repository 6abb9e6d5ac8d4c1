"""legacy/saving_h5.py (and saving.py/atomic.py around it): every built-in
loss, metric and optimizer survives save_model_hdf5()/load_model_hdf5(),
.keras files, weights files and checkpoints, and no save changes the model
it saves (Keras 3.15's HDF5 saver pops the optimizer from the live model's
compile settings; its loader can't compile loss = "mse").

Cheap by construction: tiny models, no fit() (optimizer state comes from one
eager apply()), all losses on one many-output model, all metric names on one
model, so each format costs one save and one load per group."""

import json
import os

import h5py
import keras
import numpy as np
import pytest
from keras.src import losses, metrics, optimizers

from kerasbridge import atomic, saving
from kerasbridge.errors import ModelFileError
from kerasbridge.legacy import saving_h5

# names that are no loss or metric by themselves: base classes and wrappers
# needing a function, Mean/Sum (aggregate a value, not y_true/y_pred), and
# classes needing arguments (given as objects in METRIC_OBJECTS instead)
_NOT_BY_NAME = {"loss", "lossfunctionwrapper", "metric", "meanmetricwrapper", "mean", "sum", "iou", "io_u",
                "meaniou", "mean_io_u", "onehotiou", "one_hot_io_u", "onehotmeaniou", "one_hot_mean_io_u",
                "precisionatrecall", "precision_at_recall", "recallatprecision", "recall_at_precision",
                "sensitivityatspecificity", "sensitivity_at_specificity", "specificityatsensitivity",
                "specificity_at_sensitivity"}
LOSS_NAMES = sorted(n for n in losses.ALL_OBJECTS_DICT if n.lower() not in _NOT_BY_NAME)
METRIC_NAMES = sorted(n for n in metrics.ALL_OBJECTS_DICT if n.lower() not in _NOT_BY_NAME)
_ABSTRACT_OPTIMIZERS = {"optimizer", "lossscaleoptimizer", "multioptimizer", "optimizermap"}
OPTIMIZER_NAMES = sorted(n for n in optimizers.ALL_OBJECTS_DICT if n not in _ABSTRACT_OPTIMIZERS)
FORMATS = ["h5", "keras", "checkpoint.h5", "checkpoint.keras"]


def loss_objects():
    return [keras.losses.Huber(delta=0.5), keras.losses.CategoricalCrossentropy(label_smoothing=0.1),
            keras.losses.Tversky(alpha=0.3, beta=0.7), keras.losses.MeanSquaredError(name="my_mse")]


def metric_objects():
    return [keras.metrics.IoU(num_classes=2, target_class_ids=[0]), keras.metrics.MeanIoU(num_classes=2),
            keras.metrics.OneHotIoU(num_classes=2, target_class_ids=[1]), keras.metrics.OneHotMeanIoU(num_classes=2),
            keras.metrics.PrecisionAtRecall(0.5), keras.metrics.RecallAtPrecision(0.5),
            keras.metrics.SensitivityAtSpecificity(0.5), keras.metrics.SpecificityAtSensitivity(0.5),
            keras.metrics.AUC(num_thresholds=20, name="auc_20"), keras.metrics.TopKCategoricalAccuracy(k=1)]


def _model(n_outputs=1):
    inputs = keras.Input((3,))
    outs = [keras.layers.Dense(2, activation="softmax", name=f"out{i}")(inputs) for i in range(n_outputs)]
    return keras.Model(inputs, outs[0] if n_outputs == 1 else outs)


def _trained(model):
    """One optimizer step, eagerly: iterations 1 and non-zero slots."""
    opt = model.optimizer
    opt.build(model.trainable_variables)
    grads = [keras.ops.ones_like(v) * 0.1 for v in model.trainable_variables]
    opt.apply(grads, model.trainable_variables)
    return model


def _compile_settings(model):
    cfg = dict(model._compile_config.config)
    opt = cfg.pop("optimizer", None)
    cfg = json.loads(json.dumps(keras.saving.serialize_keras_object(cfg)))
    return cfg, None if opt is None else (type(opt).__name__, opt.get_config())


def _state(model):
    """What a save must leave unchanged (and a load must reproduce)."""
    opt = model.optimizer
    return {"config": json.loads(json.dumps(model.get_config(), default=str)),
            "compile": _compile_settings(model),
            "optimizer": type(opt).__name__,
            "iterations": int(opt.iterations.numpy()),
            "weights": [w.numpy() for w in model.weights],
            "optimizer_variables": [v.numpy() for v in opt.variables]}


def _assert_same(a, b, what):
    for key in ("config", "compile", "optimizer", "iterations"):
        assert a[key] == b[key], f"{what}: {key} differs:\n{a[key]}\n{b[key]}"
    for key in ("weights", "optimizer_variables"):
        assert len(a[key]) == len(b[key]), f"{what}: number of {key} differs"
        for x, y in zip(a[key], b[key]):
            np.testing.assert_array_equal(x, y, err_msg=f"{what}: {key} differ")


def _save(model, fmt, tmp_path):
    """Save `model` in `fmt`; the path to load it from."""
    ext = fmt.rsplit(".", 1)[-1]
    path = str(tmp_path / f"m.{ext}")
    if fmt.startswith("checkpoint"):
        cb = atomic.ModelCheckpoint(path)
        cb.set_model(model)
        cb.on_epoch_end(0, logs={"loss": 1.0})
    else:
        saving.save_model(model, path)
    return path


def _round_trip(model, fmt, tmp_path):
    before = _state(model)
    path = _save(model, fmt, tmp_path)
    _assert_same(_state(model), before, f"the live model after saving {fmt}")
    loaded = saving.load_model(path)
    _assert_same(_state(loaded), before, f"the model loaded from {fmt}")
    return loaded


@pytest.mark.parametrize("fmt", ["h5", "keras"])  # checkpoints: same writer (the other tests)
def test_every_builtin_loss_round_trips(fmt, tmp_path):
    names = LOSS_NAMES + [None] * len(loss_objects())
    model = _model(len(names))
    given = {f"out{i}": n for i, n in enumerate(LOSS_NAMES)}
    given.update({f"out{len(LOSS_NAMES) + i}": o for i, o in enumerate(loss_objects())})
    model.compile(optimizer="adam", loss=given)
    _round_trip(_trained(model), fmt, tmp_path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_builtin_metric_round_trips(fmt, tmp_path):
    model = _model()
    model.compile(optimizer="adam", loss="mse", metrics=METRIC_NAMES + metric_objects(),
                  weighted_metrics=["mae", keras.metrics.AUC(name="wauc")])
    _round_trip(_trained(model), fmt, tmp_path)


def _optimizer(name):
    if name == "lossscaleoptimizer":
        return keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(momentum=0.5))
    return keras.optimizers.get(name)


@pytest.mark.parametrize("name", OPTIMIZER_NAMES + ["lossscaleoptimizer"])
def test_every_builtin_optimizer_round_trips_with_its_state(name, tmp_path):
    model = _model()
    model.compile(optimizer=_optimizer(name), loss="mse", metrics=["mae"])
    _trained(model)
    for fmt in FORMATS:
        _round_trip(model, fmt, tmp_path)
    before = _state(model)
    w = str(tmp_path / "m.weights.h5")
    saving.save_weights(model, w)
    _assert_same(_state(model), before, "the live model after saving weights")
    fresh = _model()
    saving.load_weights(fresh, w)
    for x, y in zip(fresh.weights, model.weights):
        np.testing.assert_array_equal(x.numpy(), y.numpy())
    cb = atomic.ModelCheckpoint(str(tmp_path / "c.weights.h5"), save_weights_only=True)
    cb.set_model(model)
    cb.on_epoch_end(0, logs={"loss": 1.0})
    _assert_same(_state(model), before, "the live model after a weights checkpoint")


def test_h5_save_then_keras_save_keeps_the_optimizer(tmp_path):
    """The issue's data loss: save_model_hdf5() then save_model() reloaded with RMSprop at step 0."""
    model = _model()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    _trained(_trained(model))
    saving.save_model(model, str(tmp_path / "m.h5"))
    saving.save_model(model, str(tmp_path / "m.keras"))
    loaded = saving.load_model(str(tmp_path / "m.keras"))
    assert type(loaded.optimizer).__name__ == "Adam"
    assert int(loaded.optimizer.iterations.numpy()) == 2
    assert loaded.optimizer.learning_rate.numpy() == pytest.approx(0.01)


def test_compile_config_kept_restores_the_settings_after_a_failed_save():
    model = _model()
    model.compile(optimizer="adam", loss="mse")
    before = dict(model._compile_config.config)
    with pytest.raises(RuntimeError):
        with saving_h5.compile_config_kept(model):
            model._compile_config.config.pop("optimizer")
            raise RuntimeError("write failed")
    assert model._compile_config.config == before


def test_h5_without_optimizer_loads_uncompiled(tmp_path):
    model = _model()
    model.compile(optimizer="adam", loss="mse")
    path = str(tmp_path / "m.h5")
    saving.save_model(model, path, include_optimizer=False)
    with h5py.File(path, "r") as f:
        assert "training_config" not in f.attrs
    assert getattr(saving.load_model(path), "optimizer", None) is None
    assert model.optimizer is not None and "optimizer" in model._compile_config.config


def test_h5_with_an_unknown_custom_loss_names_the_file_and_the_fix(tmp_path):
    def my_loss(y_true, y_pred):
        return keras.ops.mean(y_true - y_pred)
    model = _model()
    model.compile(optimizer="adam", loss=my_loss)
    path = str(tmp_path / "m.h5")
    saving.save_model(model, path)
    with pytest.raises(ModelFileError, match=r"Can't compile the model loaded from .*m\.h5.*custom_objects"):
        saving.load_model(path)
    loaded = saving.load_model(path, custom_objects={"my_loss": my_loss})
    assert loaded.loss is my_loss
    assert getattr(saving.load_model(path, compile=False), "optimizer", None) is None


def test_is_h5_model_path():
    assert saving_h5.is_h5_model_path("a/m.h5") and saving_h5.is_h5_model_path("m.hdf5")
    assert not saving_h5.is_h5_model_path("m.weights.h5") and not saving_h5.is_h5_model_path("m.keras")


@pytest.mark.parametrize("fmt", ["h5", "keras"])
def test_a_class_named_like_a_builtin_does_not_shadow_it_at_load(fmt, tmp_path):
    # a user class "MSE" (made earlier in the same process) must not replace
    # the built-in "MSE" a file names; the class itself still loads by its own name
    import kerasbridge as kb
    MSE = kb.new_loss_class("MSE", call=lambda self, y, p: keras.ops.mean((y - p) ** 2, axis=-1))
    model = _model()
    model.compile(optimizer="adam", loss="MSE", metrics=["MSE"])
    path = str(tmp_path / f"m.{fmt}")
    saving.save_model(model, path)
    loaded = saving.load_model(path)
    assert loaded.loss == "MSE"
    own = _model()
    own.compile(optimizer="adam", loss=MSE())
    saving.save_model(own, str(tmp_path / "own.keras"))
    assert type(saving.load_model(str(tmp_path / "own.keras")).loss).__name__ == "MSE"
