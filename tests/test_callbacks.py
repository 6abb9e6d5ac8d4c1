"""callbacks.py: built-in callbacks by class name, the lambda callback."""

import os

import keras
import numpy as np

import kerasbridge as kb
from kerasbridge import callbacks


def _model():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


def test_checkpoint_with_verbose_saves_and_says_so(tmp_path, capsys):
    # Keras 3 has no keras.utils.io_utils: verbose = 1 failed at the first save
    path = str(tmp_path / "ckpt.keras")
    cb = callbacks.make_callback("ModelCheckpoint", filepath=path, verbose=1.0, monitor="loss")
    _model().fit(np.ones((4, 1)), np.ones((4, 1)), epochs=1, verbose=0, callbacks=[cb])
    assert os.path.exists(path)
    assert "finished saving model to" in capsys.readouterr().out


def test_lambda_callback_takes_every_keras_hook():
    seen = []
    cb = callbacks.make_lambda_callback(
        on_predict_begin=lambda logs: seen.append("predict_begin"),
        on_test_begin=lambda logs: seen.append("test_begin"),
        on_test_batch_end=lambda batch, logs: seen.append(("test_batch_end", batch)),
        on_train_batch_begin=lambda batch, logs: seen.append(("train_batch_begin", batch)))
    model = _model()
    x = np.ones((4, 1))
    model.predict(x, verbose=0, callbacks=[cb])
    model.evaluate(x, x, batch_size=4, verbose=0, callbacks=[cb])
    model.fit(x, x, batch_size=4, epochs=1, verbose=0, callbacks=[cb])
    assert seen == ["predict_begin", "test_begin", ("test_batch_end", 0), ("train_batch_begin", 0)]
