"""Shared harness for the class-constructor tests (after keras' run_layer_test):
each check builds the object, calls it, round-trips its config, saves and
loads a model that uses it, and runs one training step."""

import os

import keras
import numpy as np
import tensorflow as tf
import pytest

import kerasbridge as kb


@pytest.fixture(autouse=True)
def python_frontend():
    """Messages as Python users read them. Test modules import this fixture to use it."""
    with kb.frontend.using("python"):
        yield


def fresh_seed(seed=1):
    keras.utils.set_random_seed(seed)


def save_and_load(model, tmp_path, name="model.keras", custom_objects=None):
    path = os.path.join(str(tmp_path), name)
    model.save(path)
    assert os.path.getsize(path) > 0
    return kb.classes.saving.load_model(path, custom_objects=custom_objects)


def run_layer_class_test(cls, init_kwargs, input_shape, expected_output_shape, tmp_path,
                         expected_config=None):
    """A layer class: build + call, config round trip, inside a functional
    model (one train step), save/load with identical predictions."""
    fresh_seed()
    layer = cls(**init_kwargs)
    x = np.random.default_rng(0).random((4,) + tuple(input_shape)).astype("float32")
    y = layer(x)
    assert tuple(y.shape) == (4,) + tuple(expected_output_shape)
    assert layer.built

    config = layer.get_config()
    for k, v in (expected_config or {}).items():
        assert config[k] == v, k
    clone = cls.from_config(config)
    assert type(clone) is cls
    assert clone.get_config() == config

    inp = keras.Input(tuple(input_shape))
    model = keras.Model(inp, cls(**init_kwargs)(inp))
    model.compile(optimizer="sgd", loss="mse")
    target = np.zeros((4,) + tuple(expected_output_shape), "float32")
    before = [w.numpy().copy() for w in model.trainable_weights]
    loss = model.train_on_batch(x, target)
    assert np.isfinite(loss)
    if before:
        after = [w.numpy() for w in model.trainable_weights]
        assert any(not np.allclose(a, b) for a, b in zip(before, after)), "one step must move the weights"

    loaded = save_and_load(model, tmp_path)
    assert type(loaded.layers[-1]) is cls
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0), rtol=0, atol=0)
    return model, loaded


def run_metric_class_test(cls, init_kwargs, y_true, y_pred, expected, expected_after_two=None):
    """A metric class: standalone update/result/reset, config round trip."""
    m = cls(**init_kwargs)
    m.update_state(y_true, y_pred)
    np.testing.assert_allclose(float(m.result()), expected, rtol=1e-6)
    if expected_after_two is not None:
        m.update_state(y_true, y_pred)
        np.testing.assert_allclose(float(m.result()), expected_after_two, rtol=1e-6)
    m.reset_state()
    assert all(float(np.sum(v.numpy())) == 0 for v in m.variables)
    clone = cls.from_config(m.get_config())
    assert type(clone) is cls and clone.name == m.name
    return m


def run_loss_class_test(cls, init_kwargs, y_true, y_pred, expected, tmp_path=None):
    """A loss class: value with reduction, config round trip."""
    loss = cls(**init_kwargs)
    np.testing.assert_allclose(float(loss(y_true, y_pred)), expected, rtol=1e-6)
    clone = cls.from_config(loss.get_config())
    np.testing.assert_allclose(float(clone(y_true, y_pred)), expected, rtol=1e-6)
    return loss


# The Keras 2 custom step R keras code writes (GradientTape, compiled_loss,
# compiled_metrics), shared by the Python tests and the R<->Python round trip.
def keras2_train_step(self, data):
    x, y = data
    with tf.GradientTape() as tape:
        y_pred = self(x, training=True)
        loss = self.compiled_loss(y, y_pred)
    grads = tape.gradient(loss, self.trainable_variables)
    self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
    self.compiled_metrics.update_state(y, y_pred)
    return {m.name: m.result() for m in self.metrics}
