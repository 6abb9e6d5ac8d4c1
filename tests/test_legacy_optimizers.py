"""legacy/optimizers.py: Keras 2's `lr` and `decay`."""

import keras
import pytest

import kerasbridge as kb
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import optimizers


def test_lr_becomes_learning_rate_with_a_deprecation_warning():
    with pytest.warns(DeprecationWarning, match="`lr` is deprecated"):
        assert optimizers.lr_to_learning_rate({"lr": 0.1}) == {"learning_rate": 0.1}
    with pytest.raises(ArgumentError, match="not both"):
        optimizers.lr_to_learning_rate({"lr": 0.1, "learning_rate": 0.2})
    with pytest.warns(DeprecationWarning):
        opt = kb.make_optimizer("adam", lr=0.25)
    assert float(opt.learning_rate) == pytest.approx(0.25)


def test_decay_is_inverse_time_decay_from_the_learning_rate():
    out = optimizers.decay_to_schedule(keras.optimizers.SGD, {"learning_rate": 0.1, "decay": 0.01})
    sched = out["learning_rate"]
    assert isinstance(sched, keras.optimizers.schedules.InverseTimeDecay) and "decay" not in out
    assert float(sched(10)) == pytest.approx(0.1 / (1 + 0.01 * 10))
    # without a learning rate: the optimizer's default (RMSprop: 0.001)
    sched = optimizers.decay_to_schedule(keras.optimizers.RMSprop, {"decay": 1.0})["learning_rate"]
    assert float(sched(1)) == pytest.approx(0.001 / 2)
    # decay = 0 is no schedule
    assert optimizers.decay_to_schedule(keras.optimizers.SGD, {"decay": 0.0}) == {}


def test_make_optimizer_coerces_clipping_to_floats():
    opt = kb.make_optimizer("sgd", clipnorm=1)
    assert opt.clipnorm == 1.0 and isinstance(opt.clipnorm, float)


def test_an_optimizer_made_from_r_takes_a_second_models_variables_as_keras_2():
    # Keras 2: one optimizer instance could update any variables; Keras 3 refused
    # variables it was not built with ("Unknown variable").
    import numpy as np
    import tensorflow as tf
    opt = kb.make_optimizer("rmsprop", momentum=0.5)
    a = keras.Variable(np.ones((2, 2), "float32"))
    opt.apply_gradients([(np.full((2, 2), 0.5, "float32"), a)])
    moment_a = [v.numpy().copy() for v in opt.variables if "momentum" in v.path]
    b = keras.Variable(np.ones((3,), "float32"))
    opt.apply_gradients([(np.full((3,), 0.5, "float32"), b)])   # a new variable, eagerly
    assert not np.allclose(b.numpy(), 1.0)
    assert int(opt.iterations) == 2
    kept = [v.numpy() for v in opt.variables if "momentum" in v.path][:1]
    np.testing.assert_allclose(kept[0], moment_a[0])               # a's slot kept its value
    c = keras.Variable(np.ones((4,), "float32"))

    @tf.function
    def step():                                                   # inside a traced step
        opt.apply_gradients([(tf.fill((4,), 0.5), c)])
    step()
    step()
    assert not np.allclose(c.numpy(), 1.0) and int(opt.iterations) == 4
    assert len(opt.variables) == 2 + 3 * 2                        # iterations, learning rate, 2 slots each
    np.testing.assert_allclose([v.numpy() for v in opt.variables if "momentum" in v.path][0], moment_a[0])
    opt.apply_gradients([(np.full((2, 2), 0.5, "float32"), a)])   # the first variable still works
