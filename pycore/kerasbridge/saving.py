"""Saving and loading models and weights.

Saving is atomic (atomic.py): a file is complete or absent. Loading finds
classes made by the class constructors by name, so users need not list
custom_objects (they may); an undefined one is an error naming it (see
classes/saving.py). A file that is missing, half-written or not a Keras file
is a ModelFileError that says what is wrong with the file.

HDF5 model files (``.h5``, R's save_model_hdf5()/load_model_hdf5()) go through
legacy/saving_h5.py: saving leaves the model as it was, and a model compiled
with ``loss = "mse"`` loads.
"""

import json
import os
import re
import warnings
import zipfile

from . import atomic, distribute, frontend
from .classes import registry
from .classes.saving import load_model as _load_model
from .errors import ModelFileError, UndefinedClassError
from .legacy import saving_h5

_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def _check_overwrite(filepath, overwrite):
    if not overwrite and os.path.exists(filepath):
        raise ModelFileError(
            f"`filepath` {filepath} already exists and `overwrite` is {frontend.fmt_value(False)}. "
            f"Use overwrite = {frontend.fmt_value(True)} or another file name.", "filepath")


def check_folder(filepath):
    """The folder `filepath` goes in must exist, as for Python's open() and R's
    saveRDS(): a mistyped folder is an error naming it, not a new folder."""
    folder = os.path.dirname(os.path.abspath(filepath))
    if os.path.isdir(folder) or not distribute.is_chief():  # a non-chief worker writes elsewhere (atomic.py)
        return
    in_the_way = atomic.not_a_folder(folder)
    if in_the_way:
        raise ModelFileError(f"Can't save to {filepath}: {in_the_way} is a file, not a folder.", "filepath")
    make = f'dir.create("{folder}", recursive = TRUE)' if frontend.is_r() else f'os.makedirs("{folder}")'
    raise ModelFileError(f"Can't save to {filepath}: the folder {folder} does not exist. Create it first "
                         f"({make}) or check the path.", "filepath")


def save_model(model, filepath, overwrite=True, **kwargs):
    """model.save(), written atomically into an existing folder. HDF5 files
    (.h5, .hdf5) are written by legacy/saving_h5.py: the model is unchanged."""
    filepath = os.fspath(filepath)
    check_folder(filepath)
    _check_overwrite(filepath, overwrite)
    return atomic.save_model(model, filepath, **kwargs)


def save_weights(model, filepath, overwrite=True, **kwargs):
    """model.save_weights(), written atomically into an existing folder."""
    filepath = os.fspath(filepath)
    check_folder(filepath)
    _check_overwrite(filepath, overwrite)
    return atomic.save_weights(model, filepath, **kwargs)


def check_model_file(filepath, what="model"):
    """Raise ModelFileError saying what is wrong with `filepath`, if anything we
    can see without loading it: missing, empty, a directory, not the format its
    extension says (a half-written .keras file is not a complete zip archive)."""
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath):
        raise ModelFileError(f"`filepath` must be an existing {what} file: {filepath} does not exist.", "filepath")
    if os.path.isdir(filepath):
        if os.path.exists(os.path.join(filepath, "saved_model.pb")):
            raise ModelFileError(
                f"{filepath} is a TensorFlow SavedModel directory, which Keras 3 can't load as a model. "
                f"Load the .keras or .h5 file saved with it, or re-save the model with save_model().", "filepath")
        raise ModelFileError(f"`filepath` must be a {what} file, but {filepath} is a directory.", "filepath")
    size = os.path.getsize(filepath)
    if size == 0:
        raise ModelFileError(f"{filepath} is empty (0 bytes): it is not a Keras {what} file. "
                             f"It may have been cut off while it was written; use an earlier copy.", "filepath")
    with open(filepath, "rb") as f:
        head = f.read(8)
    if filepath.endswith(".keras"):
        if not zipfile.is_zipfile(filepath):
            kind = "an HDF5 file (name it .h5)" if head == _HDF5_SIGNATURE else "not a zip archive"
            raise ModelFileError(
                f"{filepath} is not a valid .keras file: it is {kind} ({size} bytes). A .keras file is a zip archive "
                f"holding config.json and the weights; this one is truncated or corrupt, or was written by another "
                f"program. Use an earlier copy or save the model again.", "filepath")
        with zipfile.ZipFile(filepath) as z:
            names = set(z.namelist())
            bad = z.testzip()
            if "config.json" not in names:
                raise ModelFileError(f"{filepath} is a zip archive but not a Keras model: it holds no config.json.", "filepath")
            if bad is not None:
                raise ModelFileError(f"{filepath} is corrupt: the member {bad} fails its checksum. Use an earlier copy.", "filepath")
            try:
                json.loads(z.read("config.json"))
            except ValueError as e:
                raise ModelFileError(f"{filepath} is corrupt: its config.json is not valid JSON ({e}). "
                                     f"Use an earlier copy or save the model again.", "filepath") from e
        if not names & {"model.weights.h5", "model.weights.npz"}:
            raise ModelFileError(f"{filepath} is incomplete: it holds no weights (model.weights.h5). "
                                 f"Use an earlier copy or save the model again.", "filepath")
    elif filepath.endswith((".h5", ".hdf5")) and head != _HDF5_SIGNATURE:
        kind = "a zip archive (a .keras file: name it .keras)" if head[:2] == b"PK" else "not an HDF5 file"
        raise ModelFileError(
            f"{filepath} is not a valid HDF5 {what} file: it is {kind} ({size} bytes). It may be truncated, corrupt "
            f"or written by another program.", "filepath")


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """classes/saving.load_model() after checking the file; a file Keras can't
    read is a ModelFileError naming the file and Keras' reason."""
    check_model_file(filepath)
    from .feature_spec import dense_features_class
    dense_features_class()  # registers layer_dense_features()'s class before Keras looks it up
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if saving_h5.is_h5_model_path(filepath):  # Keras' loader can't compile loss = "mse" & co.
                model = _load_model(filepath, custom_objects=custom_objects, compile=False, safe_mode=safe_mode)
                if compile:
                    saving_h5.compile_saved(model, filepath, {**registry.load_objects(), **dict(custom_objects or {})})
            else:
                model = _load_model(filepath, custom_objects=custom_objects, compile=compile, safe_mode=safe_mode)
        for w in caught:
            if not _unbuilt_optimizer_notice(w, model):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return model
    except (UndefinedClassError, ModelFileError):
        raise
    except (OSError, KeyError, zipfile.BadZipFile) as e:  # Keras' ValueErrors (safe_mode, ...) say enough
        raise ModelFileError(f"Can't load {os.fspath(filepath)}: the file is not a model Keras can read "
                             f"({type(e).__name__}: {str(e).splitlines()[0] if str(e) else 'no detail'}).", "filepath") from e
    except ValueError as e:
        if "could not be loaded" not in str(e):  # Keras' message when saved weights lack an object's variables
            raise
        detail = next((line for line in str(e).splitlines()[1:] if line.strip()), "")
        raise ModelFileError(f"Can't load {os.fspath(filepath)}: its weights do not match the model it describes "
                             f"({detail.strip().rstrip('.')}). The file is incomplete or corrupt; use an earlier copy.", "filepath") from e


_SKIPPED = re.compile(r"Skipping variable loading for optimizer .* the saved optimizer has (\d+) variables")


def _unbuilt_optimizer_notice(w, model):
    """Keras 3 warns when a model compiled but never trained is loaded: its
    saved optimizer had only its unbuilt state (step count and learning rate),
    so there was nothing to restore. That warning is dropped; a real mismatch
    (a trained optimizer's state not loaded) still warns."""
    match = _SKIPPED.search(str(w.message))
    optimizer = getattr(model, "optimizer", None)
    if not match or optimizer is None:
        return False
    try:
        unbuilt = type(optimizer).from_config(optimizer.get_config())
    except Exception:  # noqa: BLE001  (a custom optimizer: keep the warning)
        return False
    return int(match.group(1)) == len(unbuilt.variables)


def load_weights(model, filepath, **kwargs):
    """model.load_weights() after checking the file."""
    check_model_file(filepath, "weights")
    try:
        model.load_weights(filepath, **kwargs)
    except (OSError, KeyError) as e:
        raise ModelFileError(f"Can't load weights from {os.fspath(filepath)}: "
                             f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else 'no detail'}.", "filepath") from e
    return model
