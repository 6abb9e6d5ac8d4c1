"""Keras 2's ``model.input`` / ``model.output`` of a built Sequential model.

In Keras 2 a Sequential model given an input shape was a graph network: its
``input`` and ``output`` were the symbolic tensors of its own graph, so R keras
2.x scripts read ``model$input`` (``dim(model$input)``, or to build a second
model on the first's graph). A Keras 3 Sequential model keeps that graph in a
private Functional model and answers ``input``/``output`` from the layer's
first call instead: "has never been called" for a model that was only built,
another graph's tensor for one that was called on a tensor. ``inputs`` and
``outputs`` already read the graph, so they are answered the same way.
"""

SYMBOLIC_ATTRIBUTES = ("input", "inputs", "output", "outputs")


def sequential_io(model, name):
    """``model.<name>`` (input, inputs, output or outputs) as Keras 2 gave it: from
    the model's own graph once it is built, else Keras 3's answer (and error)."""
    if name not in SYMBOLIC_ATTRIBUTES:
        raise ValueError(f"`name` must be one of {', '.join(SYMBOLIC_ATTRIBUTES)}; received {name!r}.")
    graph = getattr(model, "_functional", None)
    return getattr(graph if graph is not None else model, name)
