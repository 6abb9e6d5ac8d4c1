"""Keras 2's compiled trainable state: fit() and train_on_batch() train what
was trainable when the model was compiled.

Keras 2 recorded each layer's ``trainable`` at compile() and put it back for
the length of fit()/train_on_batch() (RespectCompiledTrainableState), so the
classic GAN recipe works: compile the discriminator, then
``freeze_weights(discriminator)`` and compile the combined model; the
discriminator's own train_on_batch() still trains it, the combined model's
does not. Keras 3 reads ``trainable`` at call time: the discriminator never
trained ("The model does not have any trainable weights").

Only flags are kept, by layer position, in a table keyed weakly by the model:
nothing is added to the model, so Keras' saving and BackupAndRestore, which
walk a model's attributes, never see the record (a record that held the
layers themselves made their walk recurse).
"""

import contextlib
import weakref

_compiled = weakref.WeakKeyDictionary()   # model -> flags at its last compile()


def _layers(model):
    return list(model._flatten_layers(include_self=True))


def _flags(layers):
    return [(layer._trainable, tuple(v.trainable for v in layer._trainable_variables)) for layer in layers]


def _apply(layers, flags):
    for layer, (trainable, variables) in zip(layers, flags):
        object.__setattr__(layer, "_trainable", trainable)  # this layer only: the setter would recurse
        for v, t in zip(layer._trainable_variables, variables):
            if v.trainable != t:
                v.trainable = t


def record(model):
    """Keep the trainable flags of the model and all its layers for fit()."""
    try:
        _compiled[model] = _flags(_layers(model))
    except TypeError:   # a model that cannot be weakly referenced: Keras 3's behaviour
        pass


@contextlib.contextmanager
def respected(model):
    """The flags recorded at compile() for the block; the user's flags after it.
    A model whose layers changed since compile() keeps its present flags."""
    try:
        compiled = _compiled.get(model)
    except TypeError:
        compiled = None
    if compiled is None:
        yield
        return
    layers = _layers(model)
    current = _flags(layers)
    same_shape = len(current) == len(compiled) and all(
        len(c[1]) == len(k[1]) for c, k in zip(current, compiled))
    if current == compiled or not same_shape:
        yield
        return
    _apply(layers, compiled)
    try:
        yield
    finally:
        _apply(layers, current)
