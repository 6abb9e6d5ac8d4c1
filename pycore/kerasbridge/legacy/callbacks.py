"""Keras 2 callback behaviour that Keras 3 changed.

- ``checkpoint_args``: ModelCheckpoint's file name and ``period`` (make_callback()).
- ``tensorboard_args``: TensorBoard's TensorFlow 1 arguments, ignored with a warning.
- ``CallbackCompat``: ``self$model`` assignable, as R keras 2.x callbacks do
  (mixed into classes made by new_callback_class()).
"""

import re

import keras

from ..argspec import as_int
from ..errors import ArgumentError
from ..pywarnings import deprecated


def checkpoint_period(kwargs):
    """Keras 2's ``period = n`` (save every n epochs) was removed: dropped, with a
    warning when it asked for anything but every epoch."""
    period = kwargs.pop("period", None)
    if period is not None and as_int(period, "period") != 1:
        deprecated("`period` was removed in Keras 3; saving every epoch instead.", "period", stacklevel=4)
    return kwargs


def checkpoint_filepath(path, save_weights_only=False):
    """Keras 3 wants ``.keras``/``.h5`` (``.weights.h5`` with save_weights_only);
    Keras 2 paths (``.hdf5``, no extension) become those."""
    if not isinstance(path, str) or not path:
        raise ArgumentError("`filepath` must be a file path, e.g. \"checkpoints/best.keras\".", "filepath")
    if save_weights_only:
        if not path.endswith(".weights.h5"):
            return re.sub(r"(\.weights)?(\.h5|\.hdf5|\.keras)?$", "", path) + ".weights.h5"
        return path
    if path.endswith(".hdf5"):
        return path[: -len(".hdf5")] + ".h5"
    if not (path.endswith(".keras") or path.endswith(".h5")):
        return path + ".keras"
    return path


def checkpoint_args(kwargs):
    """ModelCheckpoint arguments of R keras 2.x -> Keras 3's."""
    path = kwargs.get("filepath")
    kwargs["filepath"] = checkpoint_filepath(path, bool(kwargs.get("save_weights_only")))
    return checkpoint_period(kwargs)


# TensorBoard arguments of TensorFlow 1's Keras that Keras 3 dropped (and R keras 2.x still showed)
TENSORBOARD_TF1_ARGS = ("batch_size", "write_grads", "embeddings_layer_names", "embeddings_data")


def tensorboard_args(kwargs):
    """R keras 2.x's callback_tensorboard() showed TensorFlow 1 arguments that
    TensorFlow 2 already ignored: accepted, ignored, with a deprecation warning."""
    dropped = [a for a in TENSORBOARD_TF1_ARGS if a in kwargs]
    for a in dropped:
        kwargs.pop(a)
    if dropped:
        names = ", ".join(f"`{a}`" for a in dropped)
        deprecated(f"{names} of callback_tensorboard() are deprecated (TensorFlow 1 only) and ignored.",
                   dropped[0], stacklevel=4)
    if kwargs.get("embeddings_freq") is not None and not kwargs["embeddings_freq"]:
        kwargs.pop("embeddings_freq")  # R keras 2.x passed 0: Keras' own default
    return kwargs


class CallbackCompat:
    """R's ``self$model$stop_training <- TRUE`` assigns ``self$model`` back;
    Keras 3's ``model`` is a read-only property, so give it a setter."""

    @property
    def model(self):
        return keras.callbacks.Callback.model.fget(self)

    @model.setter
    def model(self, value):
        self._model = value
