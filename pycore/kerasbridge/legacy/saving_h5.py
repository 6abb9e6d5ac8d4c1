"""Keras 2's HDF5 model files (``.h5``/``.hdf5``) on Keras 3's legacy saver.

R keras 2.x users save with ``save_model_hdf5()`` and load with
``load_model_hdf5()``; Keras 3 still writes and reads the format
(``keras/src/legacy/saving/legacy_h5_format.py``) but with two defects this
module shields users from (saving.py and atomic.py route every ``.h5`` model
file through it, checkpoints included):

- saving changes the live model: the saver takes the compile settings by
  reference and pops ``"optimizer"`` from them, so a later ``.keras`` save or
  checkpoint of the same model reloads with RMSprop at iteration 0
  (``compile_config_kept``);
- loading a model compiled with a loss or metric given by a short name
  (``"mse"``, ``"mae"``, ``"mape"``, ``"msle"``, ...) fails with "Could not
  deserialize 'keras.metrics.mse'": the loader looks strings up as
  serialized objects. Here the compile settings are read from the file and
  handed to ``compile()`` as the user gave them (strings stay strings), then
  the optimizer's saved state is restored as Keras would (``compile_saved``).
"""

import contextlib
import copy
import json
import os

import keras
import numpy as np

from .. import frontend
from ..errors import ModelFileError, guard_r_functions

H5_SUFFIXES = (".h5", ".hdf5")


def is_h5_model_path(filepath):
    """True for a full-model HDF5 path (not Keras 3's ``.weights.h5``)."""
    filepath = os.fspath(filepath)
    return filepath.endswith(H5_SUFFIXES) and not filepath.endswith(".weights.h5")


@contextlib.contextmanager
def compile_config_kept(model):
    """Run a save; the model's compile settings are as before afterwards (Keras
    3's h5 saver pops "optimizer" from the live dict they are kept in)."""
    cc = getattr(model, "_compile_config", None)
    config = getattr(cc, "config", None)
    kept = dict(config) if isinstance(config, dict) else None
    try:
        yield
    finally:
        if kept is not None:
            config.clear()
            config.update(kept)


def write_model(model, filepath, include_optimizer=True):
    """The model as an HDF5 file, written as Keras 3's legacy saver writes it
    (its own helpers), leaving the model as it was, and with each optimizer
    variable under a name of its own (Adafactor's share names, so Keras'
    saver fails with "name already exists"; its loader reads them in order)."""
    import h5py
    from keras.src.legacy.saving import json_utils, legacy_h5_format, saving_options, saving_utils

    with compile_config_kept(model), h5py.File(filepath, "w") as f, \
            saving_options.keras_option_scope(use_legacy_config=True):
        for k, v in saving_utils.model_metadata(model, bool(include_optimizer)).items():
            f.attrs[k] = json.dumps(v, default=json_utils.get_json_type).encode("utf8") \
                if isinstance(v, (dict, list, tuple)) else v
        legacy_h5_format.save_weights_to_hdf5_group(f.create_group("model_weights"), model)
        optimizer = getattr(model, "optimizer", None)
        if include_optimizer and optimizer is not None and optimizer.variables:
            group = f.create_group("optimizer_weights")
            names = _unique([str(v.path) for v in optimizer.variables])
            legacy_h5_format.save_attributes_to_hdf5_group(group, "weight_names", [n.encode("utf8") for n in names])
            for name, v in zip(names, optimizer.variables):
                group.create_dataset(name, data=np.asarray(keras.ops.convert_to_numpy(v)))
        f.flush()
    return filepath


def _unique(names):
    seen, out = {}, []
    for n in names:
        k = seen.get(n, 0)
        seen[n] = k + 1
        out.append(n if k == 0 else f"{n}_{k}")
    return out


def _training_config(f):
    tc = f.attrs.get("training_config")
    if tc is None:
        return None
    if hasattr(tc, "decode"):
        tc = tc.decode("utf-8")
    from keras.src.legacy.saving import json_utils
    return json_utils.decode(tc)


_COMPILE_TIME_METRICS = ("accuracy", "acc", "crossentropy", "ce")  # chosen by compile() from the output shape


def _identifiers(value, module, custom_objects):
    """A saved loss or metrics entry as compile() takes it: names stay names
    (compile() resolves "mse", "acc", ...; a custom function's name maps to
    `custom_objects`; an unknown name is an error now, not at fit()),
    serialized objects are deserialized by Keras."""
    if value is None:
        return None
    if isinstance(value, str):
        if value in custom_objects:
            return custom_objects[value]
        if value not in _COMPILE_TIME_METRICS and value not in module.ALL_OBJECTS_DICT:
            from keras.src.saving import object_registration
            found = object_registration.get_registered_object(value)  # a custom object scope, the global ones
            if found is not None:
                return found
            module.get(value)  # ValueError for a name Keras does not know
        return value
    if isinstance(value, dict) and "class_name" in value:
        return module.deserialize(copy.deepcopy(value))
    if isinstance(value, dict):
        return {k: _identifiers(v, module, custom_objects) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_identifiers(v, module, custom_objects) for v in value]
    return value


def compile_args(training_config, custom_objects=None):
    """compile()'s arguments from an HDF5 file's training config."""
    from keras.src import losses, metrics, optimizers
    from keras.src.legacy.saving import saving_utils
    from keras.src.saving import object_registration

    from keras.src.backend.common import global_state

    # Keras' scope replaces the one the caller is in (custom_object_scope()): both kept
    scoped = global_state.get_global_attribute("custom_objects_scope_dict", {}) or {}
    custom_objects = {**scoped, **dict(custom_objects or {})}
    with object_registration.CustomObjectScope(custom_objects):
        opt_config = training_config["optimizer_config"]
        optimizer = optimizers.deserialize(copy.deepcopy(opt_config))
        optimizer = saving_utils._resolve_compile_arguments_compat(optimizer, opt_config, optimizers)
        args = dict(
            optimizer=optimizer,
            loss=_identifiers(training_config.get("loss"), losses, custom_objects),
            metrics=_identifiers(training_config.get("metrics"), metrics, custom_objects),
            weighted_metrics=_identifiers(training_config.get("weighted_metrics"), metrics, custom_objects),
            loss_weights=training_config.get("loss_weights"),
        )
    # settings Keras 3 writes but its loader drops (a .keras file keeps them)
    for k in ("run_eagerly", "steps_per_execution", "jit_compile"):
        if k in training_config:
            args[k] = training_config[k]
    return args


def compile_saved(model, filepath, custom_objects=None):
    """Compile `model` (loaded uncompiled from the HDF5 file `filepath`) as it
    was saved, with its optimizer's state. A file saved without its optimizer
    (include_optimizer = FALSE) leaves the model uncompiled, as Keras does."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    filepath = os.fspath(filepath)
    with h5py.File(filepath, "r") as f:
        training_config = _training_config(f)
        if training_config is None:
            return model
        try:
            args = compile_args(training_config, custom_objects)
            for k in ("loss", "metrics", "weighted_metrics"):  # R functions from custom_objects: never R off its thread
                args[k] = guard_r_functions(args[k], f"The R function given as `{k}`")
            model.compile(**args)
        except (ValueError, TypeError) as e:
            detail = (str(e).splitlines() or [type(e).__name__])[0].rstrip(".")
            raise ModelFileError(
                f"Can't compile the model loaded from {filepath}: {detail}. Give the custom loss, metric or "
                f"optimizer in `custom_objects`, or load with compile = {frontend.fmt_value(False)} and compile "
                f"the model again.", "filepath") from e
        # no try_build_compiled_arguments(): it logs a warning whenever metrics can't be built before
        # training; a model loaded from a .keras file is not built further either
        if "optimizer_weights" not in f:
            return model
        values = [v[()] for v in legacy_h5_format.load_optimizer_weights_from_hdf5_group(f)]
    if len(values) != len(model.optimizer.variables):  # saved after training: slots too
        model.optimizer.build(model.trainable_variables)
    variables = model.optimizer.variables  # all of them (set_weights() skips a LossScaleOptimizer's inner ones)
    if len(variables) != len(values) or any(tuple(v.shape) != np.shape(x) for v, x in zip(variables, values)):
        import warnings
        warnings.warn(f"The optimizer state saved in {filepath} ({len(values)} variables) does not fit the model's "
                      f"optimizer ({len(variables)} variables), so the model starts with a fresh optimizer.",
                      stacklevel=2)
        return model
    for v, x in zip(variables, values):
        v.assign(x)
    return model
