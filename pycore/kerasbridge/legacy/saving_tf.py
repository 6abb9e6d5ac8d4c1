"""Keras 2's TensorFlow-format weights and node API on Keras 3.

- save_model_weights_tf()/load_model_weights_tf(): Keras 2 wrote a TF
  checkpoint at a path prefix; Keras 3 writes only ``.weights.h5`` files. The
  weights go to ``<filepath>.weights.h5`` (``filepath`` itself when it already
  ends so), written atomically, and are read back from the same name.
- get_input_at() & co.: a layer's i-th call (Keras 2's inbound node), read
  from Keras 3's ``layer._inbound_nodes`` (0-based here, 1-based in R).
"""

import os

from .. import atomic, frontend
from ..argspec import as_int
from ..errors import ArgumentError


def weights_tf_path(filepath):
    filepath = os.path.expanduser(os.fspath(filepath))
    return filepath if filepath.endswith(".weights.h5") else filepath + ".weights.h5"


def save_model_weights_tf(model, filepath, overwrite=True):
    path = weights_tf_path(filepath)
    if os.path.exists(path) and not overwrite:
        raise ArgumentError(f"{path} exists; use overwrite = TRUE to replace it.", "overwrite")
    atomic.save_weights(model, path)
    return path


def load_model_weights_tf(model, filepath, skip_mismatch=False):
    path = weights_tf_path(filepath)
    if not os.path.isfile(path):
        raise ArgumentError(f"No weights saved at {os.fspath(filepath)!r}: {path} does not exist "
                            f"(save_model_weights_tf() writes <filepath>.weights.h5).", "filepath")
    model.load_weights(path, skip_mismatch=bool(skip_mismatch))
    return model


def _node(layer, node_index):
    nodes = getattr(layer, "_inbound_nodes", None)
    if nodes is None:
        raise ArgumentError(f"`object` must be a layer, received {frontend.fmt_value(layer)}.", "object")
    i = as_int(node_index, "node_index")
    if frontend.is_r():
        i -= 1
    if not 0 <= i < len(nodes):
        raise ArgumentError(f"`node_index` must be in {frontend.index(0)}..{frontend.index(len(nodes) - 1)} "
                            f"(the layer was called {len(nodes)} time(s)), received {node_index}.", "node_index")
    return nodes[i]


def _one(xs):
    xs = list(xs)
    return xs[0] if len(xs) == 1 else xs


def get_input_at(layer, node_index):
    return _one(_node(layer, node_index).input_tensors)


def get_output_at(layer, node_index):
    return _one(_node(layer, node_index).output_tensors)


def get_input_shape_at(layer, node_index):
    return _one(tuple(t.shape) for t in _node(layer, node_index).input_tensors)


def get_output_shape_at(layer, node_index):
    return _one(tuple(t.shape) for t in _node(layer, node_index).output_tensors)


def get_input_mask_at(layer, node_index):
    return _one(getattr(t, "_keras_mask", None) for t in _node(layer, node_index).input_tensors)


def get_output_mask_at(layer, node_index):
    return _one(getattr(t, "_keras_mask", None) for t in _node(layer, node_index).output_tensors)
