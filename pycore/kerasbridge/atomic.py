"""Files written whole or not at all: models, weights and checkpoints.

Each file is written under a temporary name in its own directory and then
renamed over the target (``os.replace``, atomic on POSIX and Windows within one
file system). A process killed while writing leaves the previous file (or
none) plus a hidden ``.<name>.tmp-*`` file, never a half-written model under
the real name. The temporary name keeps the real extension: Keras chooses the
format by it.

The checkpoint callbacks here (made by callbacks.make_callback under Keras'
names, and put in place of Keras' own when those are given to fit(): see
made_atomic) save through the same function. BackupAndRestore keeps its weights and
its epoch counter in two files; a kill between writing them would pair new
weights with an old epoch, so each save writes a new weights file and then
the metadata that names it: the metadata file, replaced last, is the one
switch from the old state to the new.
"""

import errno
import json
import os
import uuid

import keras

from . import distribute
from .errors import ModelFileError
from .legacy import saving_h5

_KERAS_SUFFIXES = (".weights.h5", ".weights.json", ".keras", ".h5", ".hdf5", ".json")


def _temp_path(filepath):
    d, base = os.path.split(os.path.abspath(filepath))
    ext = next((e for e in _KERAS_SUFFIXES if base.endswith(e)), os.path.splitext(base)[1])
    return os.path.join(d, f".{base}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}{ext}")


def replace_atomically(filepath, write):
    """Run ``write(temp_path)``, then rename the temporary file to `filepath`.
    In multi-worker training only the chief's file is kept: the other workers
    write theirs to a private directory (distribute.worker_path), removed
    after, because every worker must take part in saving."""
    filepath = os.fspath(filepath)
    target = distribute.worker_path(filepath)
    if target != filepath:
        try:
            _replace(target, write)
            return filepath
        finally:
            distribute.remove_worker_copy(filepath)
    return _replace(filepath, write)


def _replace(filepath, write):
    d = os.path.dirname(os.path.abspath(filepath))
    tmp = _temp_path(filepath)
    try:
        try:
            os.makedirs(d, exist_ok=True)
            write(tmp)
            with open(tmp, "rb+") as f:  # on disk before it takes the real name
                os.fsync(f.fileno())
            os.replace(tmp, filepath)
        except OSError as e:  # the user's path and the cause, never our temporary name
            raise ModelFileError(f"Can't write {filepath}: {_cause(e, filepath, tmp)}.", "filepath") from e
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return filepath


def not_a_folder(folder):
    """The first of `folder` and its parents that exists but is not a folder
    (a file in the way), or None."""
    folder = os.path.abspath(folder)
    while not os.path.exists(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return None if os.path.isdir(folder) else folder


def _cause(e, filepath, tmp):
    d = os.path.dirname(os.path.abspath(filepath))
    code = e.errno
    if code in (errno.ENOTDIR, errno.EEXIST) and not_a_folder(d):
        return f"{not_a_folder(d)} is a file, not a folder"
    if code == errno.EISDIR or os.path.isdir(filepath):
        return f"{filepath} is a folder"
    if code in (errno.EACCES, errno.EPERM):
        return f"no permission to write in the folder {d}"
    if code == errno.EROFS:
        return f"the folder {d} is on a read-only file system"
    if code == errno.ENOSPC:
        return f"no space left on the device holding {d}"
    if code == errno.ENOENT:
        return (f"the folder {d} does not accept new files" if os.path.isdir(d)
                else f"the folder {d} does not exist")
    text = (e.strerror or str(e)).replace(tmp, filepath)  # h5py's errors carry no errno
    return text[:1].lower() + text[1:]


def save_model(model, filepath, **kwargs):
    """model.save() to `filepath`, atomically (overwrite checked by the caller).
    An HDF5 file (.h5, .hdf5) is written by legacy/saving_h5.py, which leaves
    the model's compile settings as they were."""
    kwargs.pop("overwrite", None)
    if saving_h5.is_h5_model_path(filepath):
        return replace_atomically(filepath, lambda tmp: saving_h5.write_model(model, tmp, **kwargs))
    return replace_atomically(filepath, lambda tmp: model.save(tmp, overwrite=True, **kwargs))


def save_weights(model, filepath, **kwargs):
    """model.save_weights() to `filepath`, atomically."""
    kwargs.pop("overwrite", None)
    return replace_atomically(filepath, lambda tmp: model.save_weights(tmp, overwrite=True, **kwargs))


def write_text(filepath, text):
    def write(tmp):
        with open(tmp, "w") as f:
            f.write(text)
    return replace_atomically(filepath, write)


class ModelCheckpoint(keras.callbacks.ModelCheckpoint):
    """Keras' ModelCheckpoint, writing each checkpoint atomically."""

    def _save_model(self, epoch, batch, logs):
        filepath = self._get_file_path(epoch, batch, logs)
        if os.path.isdir(filepath):
            raise IsADirectoryError(
                f"ModelCheckpoint's `filepath` must name a file, but {filepath} is an existing directory.")
        if not self._should_save_model(epoch, batch, logs, filepath):
            return
        if self.save_weights_only:
            save_weights(self.model, filepath)
        else:
            save_model(self.model, filepath)
        if self.verbose > 0:
            from keras.src.utils import io_utils  # keras.utils has no io_utils in Keras 3
            io_utils.print_msg(f"\nEpoch {epoch + 1}: finished saving model to {filepath}")


class BackupAndRestore(keras.callbacks.BackupAndRestore):
    """Keras' BackupAndRestore, whose backup survives a kill at any moment:
    weights go to a new file, then the metadata naming it replaces the old
    metadata (the switch), then older weights files are removed."""

    def _save_model(self):
        os.makedirs(self.backup_dir, exist_ok=True)
        name = f"state-{self._current_epoch}-{self._last_batch_seen}.weights.h5"
        save_weights(self.model, os.path.join(self.backup_dir, name))
        write_text(self._training_metadata_path, json.dumps(
            {"epoch": self._current_epoch, "batch": self._last_batch_seen, "weights": name}))
        if not distribute.is_chief():  # the chief's backup is the one kept
            return
        for f in os.listdir(self.backup_dir):
            if f.startswith("state-") and f.endswith(".weights.h5") and f != name:
                os.remove(os.path.join(self.backup_dir, f))

    def on_train_end(self, logs=None):
        if distribute.is_chief():  # the other workers only ever wrote private copies
            super().on_train_end(logs)

    def _load_model(self):
        if os.path.exists(self._training_metadata_path):
            with open(self._training_metadata_path) as f:
                name = json.load(f).get("weights")
            if name:  # our metadata: the weights it names (Keras' own: latest.weights.h5)
                self._weights_path = os.path.join(self.backup_dir, name)
        super()._load_model()


ATOMIC_CALLBACKS = {"ModelCheckpoint": ModelCheckpoint, "BackupAndRestore": BackupAndRestore}


def made_atomic(callbacks):
    """`callbacks` with Keras' own ModelCheckpoint and BackupAndRestore (made
    directly, keras$callbacks$BackupAndRestore(...) in R) writing atomically
    too: each becomes an instance of the subclass above, which adds no state,
    only the way it writes. Subclasses of Keras' classes are left alone (their
    own methods may write differently)."""
    for cb in callbacks:
        name = type(cb).__name__
        if name in ATOMIC_CALLBACKS and type(cb) is getattr(keras.callbacks, name):
            cb.__class__ = ATOMIC_CALLBACKS[name]
    return callbacks
