"""Keras 2's compiled trainable state: fit() and train_on_batch() train what
was trainable when the model was compiled.

Keras 2 snapshotted each layer's ``trainable`` at compile() and put it back
for the length of fit()/train_on_batch() (RespectCompiledTrainableState), so
the classic GAN recipe works: compile the discriminator, then
``freeze_weights(discriminator)`` and compile the combined model; the
discriminator's own train_on_batch() still trains it, the combined model's
does not. Keras 3 reads ``trainable`` at call time: the discriminator never
trained ("The model does not have any trainable weights"). ``record()`` is
called by training.compile(); ``respected()`` wraps fit() and train_on_batch().
"""

import contextlib

_ATTR = "_kb_compiled_trainable"


def _state(model):
    return [(layer, layer._trainable, [(v, v.trainable) for v in layer._trainable_variables])
            for layer in model._flatten_layers(include_self=True)]


def _apply(state):
    for layer, trainable, variables in state:
        object.__setattr__(layer, "_trainable", trainable)  # this layer only: the setter would recurse
        for v, t in variables:
            if v.trainable != t:
                v.trainable = t


def _flags(state):
    return [(t, [vt for _, vt in vs]) for _, t, vs in state]


def record(model):
    """The trainable state of the model and all its layers, kept for fit()."""
    object.__setattr__(model, _ATTR, _state(model))  # never tracked or saved by Keras


@contextlib.contextmanager
def respected(model):
    """The state recorded at compile() for the block; the user's state after it."""
    compiled = getattr(model, _ATTR, None)
    if compiled is None:
        yield
        return
    current = _state(model)
    if _flags(current) == _flags(compiled) and len(current) == len(compiled):
        yield
        return
    _apply(compiled)
    try:
        yield
    finally:
        _apply(current)
