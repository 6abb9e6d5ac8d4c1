"""create_layer_wrapper(): a layer_*() style function for a layer class."""

import inspect

import keras

from ..layers import compose_layer


def create_layer_wrapper(layer_class):
    """Return ``fn(object=None, *args, **kwargs)`` that makes a `layer_class`
    from the arguments and composes it with `object` (layers.compose_layer,
    the same semantics and checks as the built-in layer_* functions).

    Example::

        layer_linear = create_layer_wrapper(Linear)
        model = keras.Sequential([keras.Input((5,))])
        layer_linear(model, 3)     # adds Linear(3) to model
    """
    if not (isinstance(layer_class, type) and issubclass(layer_class, keras.layers.Layer)):
        raise TypeError(f"create_layer_wrapper() needs a Layer class, received {layer_class!r}")

    def wrapper(object=None, *args, **kwargs):
        return compose_layer(object, layer_class(*args, **kwargs))

    init = inspect.signature(layer_class.__init__)
    params = [inspect.Parameter("object", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)]
    params += list(init.parameters.values())[1:]
    try:
        wrapper.__signature__ = inspect.Signature(params)
    except ValueError:
        pass
    wrapper.__name__ = "layer_" + layer_class.__name__.lower()
    wrapper.__doc__ = f"Make a {layer_class.__name__} layer and compose it with `object`."
    return wrapper
