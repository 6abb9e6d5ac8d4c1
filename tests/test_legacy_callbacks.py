"""legacy/callbacks.py: ModelCheckpoint file names and `period`; CallbackCompat."""

import warnings

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import callbacks


@pytest.mark.parametrize("path, weights_only, expected", [
    ("best.hdf5", False, "best.h5"),
    ("best", False, "best.keras"),
    ("best.keras", False, "best.keras"),
    ("best.h5", False, "best.h5"),
    ("w.hdf5", True, "w.weights.h5"),
    ("w.weights.h5", True, "w.weights.h5"),
    ("w.keras", True, "w.weights.h5"),
    ("w", True, "w.weights.h5"),
])
def test_checkpoint_filepath_gets_a_keras3_extension(path, weights_only, expected):
    assert callbacks.checkpoint_filepath(path, weights_only) == expected


def test_checkpoint_filepath_must_be_a_path():
    with pytest.raises(ArgumentError, match="`filepath` must be a file path"):
        callbacks.checkpoint_filepath("", False)


def test_period_is_dropped_with_a_warning_unless_1():
    with pytest.warns(DeprecationWarning, match="`period` was removed"):
        assert callbacks.checkpoint_period({"period": 5.0}) == {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert callbacks.checkpoint_period({"period": 1.0, "monitor": "loss"}) == {"monitor": "loss"}


def test_make_callback_uses_them(tmp_path):
    with pytest.warns(DeprecationWarning, match="period"):
        cb = kb.callbacks.make_callback("ModelCheckpoint", filepath=str(tmp_path / "m.hdf5"), period=2.0,
                                        verbose=1.0)
    assert cb.filepath.endswith("m.h5") and cb.verbose == 1
    es = kb.callbacks.make_callback("EarlyStopping", patience=3.0)
    assert es.patience == 3 and type(es.patience) is int


def test_callback_compat_lets_hooks_assign_model():
    Stop = kb.new_callback_class("Stop", on_epoch_end=lambda self, epoch, logs: setattr(self, "model", self.model))
    assert issubclass(Stop, callbacks.CallbackCompat)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    cb = Stop()
    model.fit(np.zeros((2, 1)), np.zeros((2, 1)), epochs=1, verbose=0, callbacks=[cb])
    assert cb.model is model


def test_tensorboard_tf1_arguments_are_ignored_with_a_warning(tmp_path):
    from kerasbridge.pywarnings import Keras2Deprecation
    with pytest.warns(Keras2Deprecation, match="deprecated"):
        cb = kb.callbacks.make_callback("TensorBoard", log_dir=str(tmp_path), batch_size=32.0, write_grads=True,
                                        embeddings_freq=0.0, embeddings_layer_names=None, embeddings_data=None)
    assert cb.log_dir == str(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kb.callbacks.make_callback("TensorBoard", log_dir=str(tmp_path), histogram_freq=1.0)
