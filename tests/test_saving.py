"""saving.py and atomic.py: a missing folder is an error naming it, write
errors name the user's path and cause (never the temporary file), a broken
.keras file is named, and Keras' own checkpoint callbacks write atomically."""

import errno
import json
import os
import zipfile

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge import atomic, saving
from kerasbridge.errors import ModelFileError


def _model():
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    m.compile(optimizer="adam", loss="mse")
    return m


def test_a_missing_folder_is_an_error_naming_it(tmp_path):
    folder = tmp_path / "no" / "such"
    with pytest.raises(ModelFileError, match=f"the folder {folder} does not exist"):
        saving.save_model(_model(), str(folder / "m.keras"))
    with pytest.raises(ModelFileError, match="does not exist"):
        saving.save_weights(_model(), str(folder / "m.weights.h5"))
    assert not (tmp_path / "no").exists()


def test_a_file_in_place_of_the_folder_is_named(tmp_path):
    f = tmp_path / "plain"
    f.write_text("x")
    with pytest.raises(ModelFileError, match=f"{f} is a file, not a folder"):
        saving.save_model(_model(), str(f / "sub" / "m.keras"))
    # the atomic writer alone (checkpoints make their folders): no bare "File exists"
    with pytest.raises(ModelFileError, match=f"Can't write {f}/sub/m.keras: {f} is a file, not a folder"):
        atomic.save_model(_model(), str(f / "sub" / "m.keras"))


@pytest.mark.parametrize("code, cause", [
    (errno.EACCES, "no permission to write in the folder"),
    (errno.EROFS, "read-only file system"),
    (errno.ENOSPC, "no space left"),
])
def test_write_errors_name_the_users_path_and_the_cause(tmp_path, code, cause):
    target = str(tmp_path / "m.keras")

    def fail(tmp):
        raise OSError(code, os.strerror(code), tmp)
    with pytest.raises(ModelFileError, match=f"Can't write {target}: .*{cause}") as e:
        atomic.replace_atomically(target, fail)
    assert ".tmp-" not in str(e.value)
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
def test_a_folder_that_takes_no_files_is_named():
    with pytest.raises(ModelFileError, match="Can't write /proc/m.keras: the folder /proc") as e:
        saving.save_model(_model(), "/proc/m.keras")
    assert ".tmp-" not in str(e.value)


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w") as zo:
        for n in zi.namelist():
            data = change(n, zi.read(n))
            if data is not None:
                zo.writestr(n, data)


def test_broken_keras_files_are_named(tmp_path):
    ok = str(tmp_path / "ok.keras")
    saving.save_model(_model(), ok)
    bad_json = str(tmp_path / "bad_json.keras")
    _rewrite(ok, bad_json, lambda n, d: d[:-5] if n == "config.json" else d)
    with pytest.raises(ModelFileError, match=r"bad_json.keras is corrupt: its config.json is not valid JSON"):
        saving.load_model(bad_json)
    no_weights = str(tmp_path / "no_weights.keras")
    _rewrite(ok, no_weights, lambda n, d: None if n.endswith(".h5") else d)
    with pytest.raises(ModelFileError, match=r"no_weights.keras is incomplete: it holds no weights"):
        saving.load_model(no_weights)


def test_a_missing_weights_entry_is_named(tmp_path):
    import h5py
    ok = str(tmp_path / "ok.keras")
    saving.save_model(_model(), ok)

    def drop_dense(name, data):
        if not name.endswith(".h5"):
            return data
        w = tmp_path / "w.h5"
        w.write_bytes(data)
        with h5py.File(w, "a") as f:
            del f["layers/dense/vars"]
        return w.read_bytes()
    broken = str(tmp_path / "broken.keras")
    _rewrite(ok, broken, drop_dense)
    with pytest.raises(ModelFileError, match=r"Can't load .*broken.keras: its weights do not match .*'dense"):
        saving.load_model(broken)


def test_keras_own_checkpoint_callbacks_given_to_fit_write_atomically(tmp_path):
    m = _model()
    x, y = np.ones((8, 3)), np.ones((8, 2))
    br = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"), delete_checkpoint=False)
    ck = keras.callbacks.ModelCheckpoint(str(tmp_path / "ck.keras"))

    class Mine(keras.callbacks.BackupAndRestore):
        pass
    mine = Mine(str(tmp_path / "mine"))
    kb.fit(m, x, y, epochs=2, verbose=0, callbacks=[br, ck, mine])
    assert type(br) is atomic.BackupAndRestore and type(ck) is atomic.ModelCheckpoint
    assert type(mine) is Mine  # a user's subclass keeps its own writing
    assert sorted(os.listdir(tmp_path / "backup")) == ["state-2-0.weights.h5", "training_metadata.json"]
    with open(tmp_path / "backup" / "training_metadata.json") as f:
        assert json.load(f)["weights"] == "state-2-0.weights.h5"
    saving.load_model(str(tmp_path / "ck.keras"))


def test_an_hdf5_model_compiles_with_a_metric_from_keras_global_custom_objects(tmp_path):
    def kb_global_pred(y_true, y_pred):
        return keras.ops.mean(y_pred)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=[kb_global_pred])
    path = tmp_path / "m.h5"
    saving.save_model(model, path)
    with pytest.raises(ModelFileError, match="kb_global_pred"):
        saving.load_model(path)
    with keras.saving.custom_object_scope({"kb_global_pred": kb_global_pred}):  # R: with_custom_object_scope()
        loaded = saving.load_model(path)
    out = loaded.evaluate(np.ones((2, 3)), np.ones((2, 1)), verbose=0, return_dict=True)
    assert set(out) == {"loss", "kb_global_pred"}
    from kerasbridge import serialization
    old = serialization.set_custom_objects({"kb_global_pred": kb_global_pred}, clear=False)  # R's scope
    try:
        assert saving.load_model(path).compiled
    finally:
        serialization.set_custom_objects(old, clear=True)
