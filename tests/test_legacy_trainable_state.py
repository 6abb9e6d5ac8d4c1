"""legacy/trainable_state.py: fit()/train_on_batch() train what was trainable at compile() (Keras 2)."""

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge import training


def _gan():
    keras.utils.set_random_seed(0)
    disc = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(1)])
    kb.compile(disc, optimizer="sgd", loss="mse")
    gen = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3)])
    disc.trainable = False  # freeze_weights(discriminator) after its compile()
    z = keras.Input((2,))
    combined = keras.Model(z, disc(gen(z)))
    kb.compile(combined, optimizer="sgd", loss="mse")
    return disc, gen, combined


def _weights(model):
    return [w.copy() for w in model.get_weights()]


def test_frozen_after_compile_still_trains_on_its_own_not_in_the_combined_model():
    disc, gen, combined = _gan()
    x, y = np.ones((8, 3), "float32"), np.full((8, 1), 5.0, "float32")
    before = _weights(disc)
    training.train_on_batch(disc, x, y)
    assert not all(np.allclose(a, b) for a, b in zip(before, _weights(disc)))
    assert disc.trainable is False  # the user's state is back after the call
    before_d, before_g = _weights(disc), _weights(gen)
    training.train_on_batch(combined, np.ones((8, 2), "float32"), y)
    assert all(np.allclose(a, b) for a, b in zip(before_d, _weights(disc)))
    assert not all(np.allclose(a, b) for a, b in zip(before_g, _weights(gen)))
    before = _weights(disc)
    kb.fit(disc, x, y, epochs=1, verbose=0)
    assert not all(np.allclose(a, b) for a, b in zip(before, _weights(disc)))
    assert disc.trainable is False and disc.trainable_weights == []


def test_compile_again_takes_the_new_state():
    disc, _, _ = _gan()
    kb.compile(disc, optimizer="sgd", loss="mse")  # compiled while frozen: nothing to train, as in Keras 2
    before = _weights(disc)
    training.train_on_batch(disc, np.ones((8, 3), "float32"), np.full((8, 1), 5.0, "float32"))
    assert all(np.allclose(a, b) for a, b in zip(before, _weights(disc)))


class _StopAt(keras.callbacks.Callback):
    """Fails at the end of an epoch, as a killed run ends: BackupAndRestore keeps its backup."""

    def __init__(self, epoch):
        super().__init__()
        self.epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        if epoch == self.epoch:
            raise RuntimeError("stopped")


def test_backup_and_restore_resumes_a_compiled_model(tmp_path):
    # The record kept at compile() is no attribute of the model: BackupAndRestore
    # saves and loads the model's state by walking its attributes (a record that
    # held the layers made that walk recurse without end)
    def model():
        keras.utils.set_random_seed(2)
        m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(1)])
        kb.compile(m, optimizer="sgd", loss="mse")
        return m

    x, y = np.random.default_rng(0).random((16, 3), "float32"), np.ones((16, 1), "float32")
    backup = str(tmp_path / "backup")
    first = model()
    with pytest.raises(RuntimeError, match="stopped"):
        kb.fit(first, x, y, epochs=4, batch_size=8, shuffle=False, verbose=0,
               callbacks=[keras.callbacks.BackupAndRestore(backup), _StopAt(1)])
    resumed = model()
    history = kb.fit(resumed, x, y, epochs=4, batch_size=8, shuffle=False, verbose=0,
                     callbacks=[keras.callbacks.BackupAndRestore(backup)])
    assert len(history.history["loss"]) == 2       # epochs 3 and 4 only
    straight = model()
    kb.fit(straight, x, y, epochs=4, batch_size=8, shuffle=False, verbose=0)
    for a, b in zip(resumed.get_weights(), straight.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_fit_generator_trains_what_was_trainable_at_compile():
    from kerasbridge.legacy import generators
    disc, _, _ = _gan()
    before = _weights(disc)
    batch = (np.ones((8, 3), "float32"), np.full((8, 1), 5.0, "float32"))
    generators.fit_generator(disc, lambda: batch, steps_per_epoch=2, epochs=1, verbose=0)
    assert not all(np.allclose(a, b) for a, b in zip(before, _weights(disc)))
    assert disc.trainable is False
