"""Issue 8: a failed fit/evaluate/predict leaves the model as it was; bad
numbers and ignored settings are errors; files are written whole or not at all."""

import os
import zipfile

import numpy as np
import keras
import pytest
import tensorflow as tf

import kerasbridge as kb
from kerasbridge import atomic, saving, training
from kerasbridge.errors import (ArgumentError, InputShapeError, LabelRangeError, MethodError,
                                MissingValueError, ModelFileError)

X = np.random.default_rng(0).random((20, 4))
Y = (np.arange(20) % 3).astype(np.int32)


def model(seed=1):
    keras.utils.set_random_seed(seed)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    kb.compile(m, optimizer="adam", loss="sparse_categorical_crossentropy")
    return m


def weights(m):
    return [w.copy() for w in m.get_weights()]


def same(a, b):
    return len(a) == len(b) and all(np.array_equal(u, v) for u, v in zip(a, b))


@pytest.fixture(scope="module")
def reference():
    """Weights after a correct fit of a fresh model, the same seed."""
    m = model()
    keras.utils.set_random_seed(1)
    kb.fit(m, X, Y, epochs=2, verbose=0, shuffle=False)
    return weights(m)


def _ds(x, y, batch=4):
    d = tf.data.Dataset.from_tensor_slices((x, y))
    return d.batch(batch) if batch else d


class Boom(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if epoch == 1:
            raise RuntimeError("boom")


# Every trigger of the audit, plus failures that only Keras can see.
FAILING_CALLS = {
    "missing y": lambda m: kb.fit(m, X, None, epochs=1, verbose=0),
    "y with extra columns": lambda m: kb.fit(m, X, np.stack([Y, Y], 1), epochs=1, verbose=0),
    "unbatched dataset": lambda m: kb.fit(m, _ds(X.astype("float32"), Y, None), epochs=1, verbose=0),
    "string dataset": lambda m: kb.fit(m, _ds(np.array(["a"] * 20), Y), epochs=1, verbose=0),
    "wrong-shaped dataset": lambda m: kb.fit(m, _ds(np.random.rand(20, 5).astype("float32"), Y), epochs=1, verbose=0),
    # the dataset's labels are strings: only Keras' trace finds out
    "dataset with string labels": lambda m: kb.fit(m, _ds(X.astype("float32"), np.array(["a"] * 20)), epochs=1, verbose=0),
    "callback failing after an epoch": lambda m: kb.fit(m, X, Y, epochs=3, verbose=0, shuffle=False, callbacks=[Boom()]),
    "evaluate on a string dataset": lambda m: kb.evaluate(m, _ds(X.astype("float32"), np.array(["a"] * 20)), verbose=0),
    "predict on a wrong-shaped dataset": lambda m: kb.predict(m, tf.data.Dataset.from_tensor_slices(
        np.random.rand(20, 5).astype("float32")).batch(4), verbose=0),
}


@pytest.mark.parametrize("name", list(FAILING_CALLS))
def test_a_failed_call_leaves_the_model_as_it_was(name, reference):
    m = model()
    before = weights(m)
    with pytest.raises(Exception):
        FAILING_CALLS[name](m)
    assert same(weights(m), before)
    keras.utils.set_random_seed(1)
    kb.fit(m, X, Y, epochs=2, verbose=0, shuffle=False)
    assert same(weights(m), reference), "the next fit() must give the numbers of a fresh model"


def test_a_failed_fit_after_training_restores_weights_and_optimizer_state():
    m = model()
    kb.fit(m, X, Y, epochs=1, verbose=0, shuffle=False)
    before = weights(m)
    opt_before = [np.array(v.numpy()) for v in m.optimizer.variables]
    with pytest.raises(RuntimeError, match="boom") as info:  # Python users keep their exception, with a note
        kb.fit(m, X, Y, epochs=3, verbose=0, shuffle=False, callbacks=[Boom()])
    assert info.value.__notes__ == ["(raised in the callback Boom.on_epoch_end() during fit(), epoch 1)"]  # 0-based
    assert same(weights(m), before)
    assert same([np.array(v.numpy()) for v in m.optimizer.variables], opt_before)


def test_r_users_get_a_method_error_naming_the_callback_and_epoch():
    from kerasbridge import frontend
    m = model()
    with frontend.using("r"), pytest.raises(MethodError, match=r"The callback Boom\$on_epoch_end\(\) failed during fit\(\), epoch 2: boom"):
        kb.fit(m, X, Y, epochs=3, verbose=0, shuffle=False, callbacks=[Boom()])


def test_above_the_snapshot_limit_only_the_half_built_state_is_reset(monkeypatch):
    monkeypatch.setattr(training, "SNAPSHOT_MAX_BYTES", 0)
    m = model()
    assert training.snapshot(m) is None
    with pytest.raises(Exception):
        kb.fit(m, _ds(X.astype("float32"), np.array(["a"] * 20)), epochs=1, verbose=0)
    kb.fit(m, X, Y, epochs=1, verbose=0)  # usable again


def test_snapshot_cost_is_small():
    import time
    keras.utils.set_random_seed(0)
    big = keras.Sequential([keras.Input((1000,)), keras.layers.Dense(2000), keras.layers.Dense(1000)])  # 4M params
    t = time.perf_counter()
    snap = training.snapshot(big)
    assert time.perf_counter() - t < 2.0 and len(snap) == 4


# -- item 3: no silent wrong numbers -------------------------------------------

def test_inf_is_an_error_unless_allowed():
    m = model()
    x = X.copy()
    x[3, 1] = np.inf
    with pytest.raises(MissingValueError, match=r"`x` contains Inf/-Inf.*allow_inf=True"):
        kb.fit(m, x, Y, epochs=1, verbose=0)
    y = Y.astype(float)
    y[0] = -np.inf
    with pytest.raises(MissingValueError, match="`y` contains Inf"):
        kb.evaluate(m, X, y, verbose=0)
    with pytest.raises(MissingValueError, match="numbers too large for float32"):
        kb.predict(m, X * 1e300, verbose=0)
    assert kb.predict(m, x, verbose=0, allow_inf=True).shape == (20, 3)


def test_complex_and_strings_are_errors():
    m = model()
    with pytest.raises(ArgumentError, match="`x` must be numeric, received complex data"):
        kb.fit(m, X + 1j, Y, epochs=1, verbose=0)
    with pytest.raises(ArgumentError, match="`y` must be numeric, received string data"):
        kb.fit(m, X, ["a"] * 20, epochs=1, verbose=0)


def test_fractional_sparse_labels_are_an_error():
    with pytest.raises(LabelRangeError, match="fractional values such as 0.5"):
        kb.fit(model(), X, Y + 0.5, epochs=1, verbose=0)


# -- item 4: settings are never silently ignored --------------------------------

@pytest.mark.parametrize("kwargs, match", [
    (dict(class_weight={"0": 1, "7": 2}), "classes that do not exist: 7"),
    (dict(class_weight=[1, 2, 3, 4]), "classes that do not exist: 3"),
    (dict(batch_size=0), "`batch_size` must be a whole number >= 1, received 0"),
    (dict(batch_size=-1), "`batch_size` must be a whole number >= 1, received -1"),
    (dict(epochs=-1), "`epochs` must be a whole number >= 1, received -1"),
    (dict(epochs=2, initial_epoch=2), r"`initial_epoch` \(2\) must be less than `epochs` \(2\)"),
    (dict(initial_epoch=-1), "`initial_epoch` must be a whole number >= 0"),
    (dict(callbacks="early_stopping"), "`callbacks` must be a callback object"),
])
def test_fit_settings_are_checked(kwargs, match):
    kwargs = {"epochs": 1, "verbose": 0, **kwargs}
    with pytest.raises(ArgumentError, match=match):
        kb.fit(model(), X, Y, **kwargs)


def test_compile_checks_the_loss_type_at_once():
    with pytest.raises(ArgumentError, match="`loss` must be a loss name"):
        kb.compile(model(), optimizer="adam", loss=3)
    with pytest.raises(ArgumentError, match="`metrics` must be a metric name"):
        kb.compile(model(), optimizer="adam", loss="mse", metrics=[True])


def test_zero_rows():
    m = model()
    with pytest.raises(ArgumentError, match="`x` has 0 rows"):
        kb.fit(m, X[:0], Y[:0], epochs=1, verbose=0)
    p = kb.predict(m, X[:0], verbose=0)
    assert p.shape == (0, 3)


def test_predict_none_names_x():
    with pytest.raises(ArgumentError, match="`x` must be the input data"):
        kb.predict(model(), None)


def test_sparse_input():
    m = model()
    dense = X * (X > 0.5)
    i, j = np.nonzero(dense)
    sp = kb.convert.sparse_matrix(i, j, dense[i, j], np.array([20, 4]))
    np.testing.assert_allclose(kb.predict(m, sp, verbose=0), kb.predict(m, dense, verbose=0), rtol=1e-6)
    kb.fit(m, sp, Y, epochs=1, verbose=0, batch_size=5)


# -- item 2: files are whole or absent ------------------------------------------

def test_a_failed_save_leaves_the_previous_file(tmp_path):
    m = model()
    f = tmp_path / "m.keras"
    saving.save_model(m, f)
    good = f.read_bytes()

    def half_write(tmp):
        with open(tmp, "wb") as h:
            h.write(good[: len(good) // 2])
        raise KeyboardInterrupt  # killed mid-write
    with pytest.raises(KeyboardInterrupt):
        atomic.replace_atomically(f, half_write)
    assert f.read_bytes() == good
    assert os.listdir(tmp_path) == ["m.keras"]  # no temporary file left either
    saving.load_model(f)


def test_overwrite_false_is_an_error(tmp_path):
    m = model()
    f = tmp_path / "w.weights.h5"
    saving.save_weights(m, f)
    with pytest.raises(ModelFileError, match="already exists"):
        saving.save_weights(m, f, overwrite=False)


@pytest.mark.parametrize("content, name, match", [
    (b"", "m.keras", "is empty"),
    (b"PK\x03\x04 half", "m.keras", "not a zip archive"),
    (b"hello world", "m.h5", "not an HDF5 file"),
])
def test_load_model_says_what_is_wrong_with_the_file(tmp_path, content, name, match):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(ModelFileError, match=match):
        saving.load_model(str(f))


def test_load_model_on_a_truncated_keras_file(tmp_path):
    f = tmp_path / "m.keras"
    saving.save_model(model(), f)
    b = f.read_bytes()
    f.write_bytes(b[: len(b) // 2])
    with pytest.raises(ModelFileError, match="not a valid .keras file"):
        saving.load_model(str(f))
    z = tmp_path / "other.keras"
    with zipfile.ZipFile(z, "w") as h:
        h.writestr("hello.txt", "hi")
    with pytest.raises(ModelFileError, match="holds no config.json"):
        saving.load_model(str(z))
    with pytest.raises(ModelFileError, match="does not exist"):
        saving.load_model(str(tmp_path / "nope.keras"))


def test_checkpoint_callbacks_write_atomically(tmp_path):
    m = model()
    ck = kb.callbacks.make_callback("ModelCheckpoint", filepath=str(tmp_path / "ck-{epoch:02d}.keras"))
    br = kb.callbacks.make_callback("BackupAndRestore", backup_dir=str(tmp_path / "backup"), delete_checkpoint=False)
    assert isinstance(ck, atomic.ModelCheckpoint) and isinstance(br, atomic.BackupAndRestore)
    kb.fit(m, X, Y, epochs=3, verbose=0, shuffle=False, callbacks=[ck, br])
    assert sorted(os.listdir(tmp_path)) == ["backup", "ck-01.keras", "ck-02.keras", "ck-03.keras"]
    assert sorted(os.listdir(tmp_path / "backup")) == ["state-3-0.weights.h5", "training_metadata.json"]
    saving.load_model(str(tmp_path / "ck-03.keras"))
    # a new fit() resumes after epoch 3: nothing left to do for epochs = 3
    m2 = model()
    br2 = kb.callbacks.make_callback("BackupAndRestore", backup_dir=str(tmp_path / "backup"))
    h = kb.fit(m2, X, Y, epochs=4, verbose=0, shuffle=False, callbacks=[br2])
    assert h.epoch == [3]


def test_backup_killed_between_weights_and_metadata_keeps_the_old_pair(tmp_path, monkeypatch):
    m = model()
    br = kb.callbacks.make_callback("BackupAndRestore", backup_dir=str(tmp_path), delete_checkpoint=False)
    kb.fit(m, X, Y, epochs=2, verbose=0, shuffle=False, callbacks=[br])
    saved = weights(m)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the weights of epoch 3 are written, the switch is not
    monkeypatch.setattr(atomic, "write_text", killed)
    br3 = kb.callbacks.make_callback("BackupAndRestore", backup_dir=str(tmp_path), delete_checkpoint=False)
    with pytest.raises(KeyboardInterrupt):
        kb.fit(m, X, Y, epochs=3, verbose=0, shuffle=False, callbacks=[br3])
    monkeypatch.undo()
    m2 = model(seed=5)
    br_again = kb.callbacks.make_callback("BackupAndRestore", backup_dir=str(tmp_path), delete_checkpoint=False)
    br_again.set_model(m2)
    br_again._load_model()
    assert m2._initial_epoch == 2
    assert same(weights(m2), saved)


def test_sequence_outputs_and_empty_data():
    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.Input((5, 3)), keras.layers.Dense(4, activation="softmax")])
    kb.compile(m, optimizer="adam", loss="sparse_categorical_crossentropy")
    kb.fit(m, np.random.rand(10, 5, 3), np.random.randint(0, 4, (10, 5)), epochs=1, verbose=0)  # y (n, T): not "extra columns"
    with pytest.raises(ArgumentError, match="`y` must hold data, received an empty list"):
        kb.fit(model(), X, [], epochs=1, verbose=0)


def test_loading_a_compiled_untrained_model_is_quiet_and_a_real_mismatch_warns(tmp_path):
    """Keras 3 warns "Skipping variable loading for optimizer" for a model saved
    compiled but untrained: its optimizer had nothing to restore. saving.py drops
    that warning only; a trained optimizer whose state can't load still warns."""
    import warnings

    import keras

    from kerasbridge import saving

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.compile(optimizer="adam", loss="mse")
    path = str(tmp_path / "m.keras")
    model.save(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        saving.load_model(path)
    assert not [w for w in caught if "Skipping variable loading" in str(w.message)]

    class Noisy:  # a warning as Keras gives it for a trained optimizer's state
        message = ("Skipping variable loading for optimizer 'adam', because it has 6 variables "
                   "whereas the saved optimizer has 4 variables.")
    assert not saving._unbuilt_optimizer_notice(Noisy, saving.load_model(path))
