"""new_model_class(): custom Keras models (subclassed or functional-style)."""

import keras

from ..legacy.classes import ModelCompat
from .factory import KindSpec, make_class
from .layer import layer_super_called

SPEC = KindSpec("model", keras.Model, compat=ModelCompat,
                super_called=layer_super_called)


def new_model_class(classname, initialize=None, call=None, train_step=None,
                    test_step=None, predict_step=None, *, parent_class=None, **members):
    """Make a subclass of ``keras.Model`` (or of `parent_class`).

    With ``initialize`` + ``call`` it is a subclassed model. Without
    ``initialize`` it is built like a functional model:
    ``MyModel(inputs=inputs, outputs=outputs)``, typically to override
    ``train_step``/``test_step``. Keras 2 helpers are available inside the
    step: ``self.compiled_loss(y, y_pred)`` and
    ``self.compiled_metrics.update_state(y, y_pred)``. Make ``metrics`` a
    property with ``mark_active()`` so fit()/evaluate() reset your trackers.

    Example::

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compiled_loss(y, y_pred)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.compiled_metrics.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

        MyModel = new_model_class("MyModel", train_step=train_step)
        model = MyModel(inputs=inputs, outputs=outputs)
    """
    given = dict(initialize=initialize, call=call, train_step=train_step,
                 test_step=test_step, predict_step=predict_step)
    members = {**{k: v for k, v in given.items() if v is not None}, **members}
    return make_class("model", classname, members, parent_class)
