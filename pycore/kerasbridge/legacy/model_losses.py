"""Keras 2's ``model.add_loss(<symbolic tensor>)`` and ``model.add_metric(<symbolic
tensor>, name, aggregation)`` on functional models; Keras 3 raises
NotImplementedError for a symbolic loss and has no add_metric.

As Keras 2 did, the tensor joins the model's graph through a layer that passes
the model's outputs through unchanged and, on each forward pass, adds the loss
(``AddLoss``) or updates a mean/sum metric reported under its name (``AddMetric``).
The model is rewired in place (the same model object: R code calls
``model$add_loss(...)`` and then fits that model), its output names kept.
"""

import keras
from keras import ops
from keras.src import tree
from keras.src.backend.common.keras_tensor import KerasTensor
from keras.src.ops.function import map_graph

from .. import frontend
from ..errors import ArgumentError
from .classes import LayerCompat


def _passthrough(outputs):
    return outputs[0] if len(outputs) == 1 else list(outputs)


@keras.saving.register_keras_serializable(package="kerasbridge")
class AddLoss(keras.layers.Layer):
    """inputs = [model outputs..., loss]: returns the outputs; adds mean(loss)."""

    def call(self, inputs):
        *outputs, value = inputs
        self.add_loss(ops.mean(value))
        return _passthrough(outputs)

    def compute_output_spec(self, inputs):
        return _passthrough([keras.KerasTensor(t.shape, t.dtype) for t in inputs[:-1]])


@keras.saving.register_keras_serializable(package="kerasbridge")
class AddMetric(LayerCompat, keras.layers.Layer):
    """inputs = [model outputs..., value]: returns the outputs; tracks `value`
    (its mean over the batch) as the metric `metric_name`."""

    def __init__(self, metric_name, aggregation="mean", **kwargs):
        super().__init__(**kwargs)
        self.metric_name = metric_name
        self.aggregation = aggregation
        # the tracker exists before fit() traces its step
        self.add_metric(ops.zeros(()), name=metric_name, aggregation=aggregation)
        for m in self._metrics:
            m.reset_state()

    def call(self, inputs):
        *outputs, value = inputs
        self.add_metric(ops.mean(value) if self.aggregation == "mean" else value,
                        name=self.metric_name, aggregation=self.aggregation)
        return _passthrough(outputs)

    def compute_output_spec(self, inputs):
        return _passthrough([keras.KerasTensor(t.shape, t.dtype) for t in inputs[:-1]])

    def get_config(self):
        return {**super().get_config(), "metric_name": self.metric_name,
                "aggregation": self.aggregation}


def _check_functional(model, what):
    from keras.src.models.functional import Functional
    if not isinstance(model, Functional):
        raise ArgumentError(
            f"{what}() with a symbolic tensor needs a functional model (keras_model(inputs, outputs)); "
            f"received a {type(model).__name__}. In a custom layer or model, call "
            f"self${what}() inside call() instead.", argument="value")


def _rewire(model, layer, value):
    """Route the model's outputs through `layer` (called on outputs + [value])."""
    flat = tree.flatten(model._outputs_struct)
    new_flat = layer(list(flat) + [value])
    new_flat = new_flat if isinstance(new_flat, (list, tuple)) else [new_flat]
    outputs = tree.pack_sequence_as(model._outputs_struct, list(new_flat))
    names = list(model.output_names)
    # what keras.src.ops.function.Function.__init__ sets from the graph
    model._outputs_struct = tree.map_structure(lambda x: x, outputs)
    model._outputs = tree.flatten(outputs)
    (model._nodes, model._nodes_by_depth, model._operations,
     model._operations_by_depth) = map_graph(model._inputs, model._outputs)
    for op in model.layers:
        model._tracker.track(op)
    model.output_names = names  # losses and metrics keyed by output name still match
    return model


def add_loss(model, value):
    """``model$add_loss(value)``: a symbolic tensor on a functional model is
    added (its mean) to the training loss; anything else is Keras' own add_loss."""
    if not isinstance(value, KerasTensor):
        return model.add_loss(value)
    _check_functional(model, "add_loss")
    _rewire(model, AddLoss(name=keras.src.utils.naming.uniquify("add_loss")), value)


def add_metric(model, value, name=None, aggregation="mean"):
    """``model$add_metric(value, name =, aggregation = "mean")``: `value`'s
    batch mean (or sum) reported as metric `name` in fit logs, history and evaluate()."""
    if name is None or not isinstance(name, str) or not name:
        raise ArgumentError(
            f"add_metric() needs a `name` for the metric, received {frontend.fmt_value(name)}.",
            argument="name")
    if aggregation not in ("mean", "sum"):
        raise ArgumentError(
            f'`aggregation` must be "mean" or "sum", received {frontend.fmt_value(aggregation)}.',
            argument="aggregation")
    if not isinstance(value, KerasTensor):
        return model.add_metric(value, name=name, aggregation=aggregation)
    _check_functional(model, "add_metric")
    _rewire(model, AddMetric(name, aggregation,
                             name=keras.src.utils.naming.uniquify("add_metric")), value)
