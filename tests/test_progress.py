"""progress.py: fit/evaluate/predict called from R write their progress through
R's writer (Keras' progress bar stays off); Python users keep Keras' own."""

import re
import threading

import numpy as np
import keras
import pytest

from kerasbridge import frontend, progress, training

ESC = "\x1b"


@pytest.fixture
def written():
    out = []
    threads = set()

    def write(text):
        threads.add(threading.get_ident())
        out.append(text)

    progress.set_writer(write)
    yield out, threads
    progress.set_writer(None)


def _model():
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    m.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    return m


X = np.random.default_rng(0).random((64, 4)).astype("float32")
Y = X.sum(axis=1, keepdims=True)


def test_number_formats_follow_keras():
    assert progress.format_value(0.69314) == "0.6931"
    assert progress.format_value(2e-5) == "2.0000e-05"
    assert progress.format_time_per_step(0.0123) == "12ms/step"
    assert progress.format_time_per_step(2.4) == "2s/step"
    assert progress.format_time_per_step(5e-5) == "50us/step"


def test_fit_from_r_writes_one_line_per_epoch_on_the_main_thread(written, capsys):
    out, threads = written
    with frontend.using("r"):
        training.fit(_model(), X, Y, epochs=2, batch_size=16, validation_split=0.25, verbose=2)
    text = "".join(out)
    lines = text.splitlines()
    assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2"
    assert re.fullmatch(r"3/3 - \d+s - \d+[mu]?s/step - loss: [\d.e+-]+ - mae: [\d.e+-]+ - val_loss: [\d.e+-]+ - val_mae: [\d.e+-]+",
                        lines[1]), lines[1]
    assert len(lines) == 4
    assert ESC not in text and "\r" not in text
    assert threads == {threading.get_ident()}  # Keras calls it on the main thread, where R may run
    assert capsys.readouterr().out == ""  # nothing from Keras' own progress bar


def test_live_bar_redraws_with_carriage_returns_and_no_escape_codes(written, capsys):
    out, _ = written
    progress.LIVE_INTERVAL, old = 0.0, progress.LIVE_INTERVAL
    try:
        with frontend.using("r"):
            training.fit(_model(), X, Y, epochs=1, batch_size=8, verbose=1)
    finally:
        progress.LIVE_INTERVAL = old
    text = "".join(out)
    assert "\r" in text and ESC not in text
    assert re.search(r"\r8/8 \[=+\] - \d+s \d+[mu]?s/step - loss: ", text)
    assert text.endswith("\n") and capsys.readouterr().out == ""


def test_evaluate_and_predict_from_r_one_batch_and_several(written):
    out, _ = written
    m = _model()
    with frontend.using("r"):
        training.evaluate(m, X[:10], Y[:10], verbose=2)           # one batch: fastpath.py
        training.evaluate(m, X, Y, batch_size=16, verbose=2)      # Keras' loop
        training.predict(m, X[:10], verbose=2)
        training.predict(m, X, batch_size=16, verbose=2)
    lines = "".join(out).splitlines()
    assert [ln.split(" - ")[0] for ln in lines] == ["1/1", "4/4", "1/1", "4/4"]
    assert "loss:" in lines[0] and "loss:" in lines[1] and "loss" not in lines[2]


def test_verbose_0_writes_nothing(written):
    out, _ = written
    with frontend.using("r"):
        training.fit(_model(), X, Y, epochs=2, verbose=0)
        training.predict(_model(), X[:3], verbose=0)
    assert out == []


def test_python_users_keep_keras_progress_bar(written, capsys):
    out, _ = written
    with frontend.using("python"):
        training.fit(_model(), X, Y, epochs=1, verbose=2)
    assert out == []
    assert "loss:" in capsys.readouterr().out
