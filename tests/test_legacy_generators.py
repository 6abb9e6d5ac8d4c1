"""legacy/generators.py: fit/evaluate/predict from generator functions."""

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import generators


def model_and_gen():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    rng = np.random.default_rng(0)
    return model, (lambda: (rng.random((4, 2)).astype("float32"), rng.random((4, 1)).astype("float32")))


def test_fit_generator_gives_a_history_per_epoch():
    model, gen = model_and_gen()
    h = generators.fit_generator(model, gen, steps_per_epoch=3.0, epochs=2.0, verbose=0,
                                 validation_data=gen, validation_steps=2.0)
    assert list(h.history) == ["loss", "mae", "val_loss", "val_mae"] or \
        set(h.history) == {"loss", "mae", "val_loss", "val_mae"}
    assert len(h.history["loss"]) == 2


def test_evaluate_generator_in_keras2_order_and_predict_concatenates():
    model, gen = model_and_gen()
    out = generators.evaluate_generator(model, gen, steps=2.0)
    assert list(out) == ["loss", "mae"]
    assert generators.predict_generator(model, gen, steps=3).shape == (12, 1)


def test_evaluate_and_predict_generators_call_their_callbacks_as_keras_does():
    model, gen = model_and_gen()
    seen = []

    class Record(keras.callbacks.Callback):
        def on_test_begin(self, logs=None): seen.append("test_begin")
        def on_test_batch_end(self, batch, logs=None): seen.append(f"test_batch_{batch}")
        def on_test_end(self, logs=None): seen.append(f"test_end:{','.join(logs)}")
        def on_predict_begin(self, logs=None): seen.append("predict_begin")
        def on_predict_batch_end(self, batch, logs=None): seen.append(f"predict_batch_{batch}:{logs['outputs'].shape}")
        def on_predict_end(self, logs=None): seen.append("predict_end")

    generators.evaluate_generator(model, gen, steps=2, callbacks=[Record()])
    assert generators.predict_generator(model, gen, steps=2, callbacks=[Record()]).shape == (8, 1)
    assert seen == ["test_begin", "test_batch_0", "test_batch_1", "test_end:loss,mae",
                    "predict_begin", "predict_batch_0:(4, 1)", "predict_batch_1:(4, 1)", "predict_end"]
    with pytest.raises(ArgumentError, match="`steps` must be given"):
        generators.predict_generator(model, gen, steps=None)


def test_steps_per_epoch_is_required():
    model, gen = model_and_gen()
    with pytest.raises(ArgumentError, match="`steps_per_epoch` must be given"):
        generators.fit_generator(model, gen, steps_per_epoch=None)
    assert kb.generators is generators
