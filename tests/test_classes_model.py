"""new_model_class() from Python: subclassed and functional-style models,
custom train_step/test_step, Keras 2 compiled_loss/compiled_metrics, metrics property."""

import os

import keras
import numpy as np
import tensorflow as tf

import kerasbridge as kb
from classes_harness import keras2_train_step
from classes_harness import fresh_seed, save_and_load
from classes_harness import python_frontend  # noqa: F401 (autouse)


def data(n=32):
    rng = np.random.default_rng(0)
    x = rng.random((n, 4)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]], "float32")).astype("float32")
    return x, y


def make_subclassed():
    def initialize(self, hidden=8, **kwargs):
        super(TwoLayer, self).__init__(**kwargs)
        self.hidden = hidden
        self.d1 = keras.layers.Dense(hidden, activation="relu")
        self.d2 = keras.layers.Dense(1)

    def call(self, inputs, training=None):
        return self.d2(self.d1(inputs))

    TwoLayer = kb.new_model_class("TwoLayer", initialize=initialize, call=call)
    return TwoLayer


def test_subclassed_model_fits_saves_and_loads(tmp_path):
    TwoLayer = make_subclassed()
    fresh_seed()
    model = TwoLayer(hidden=8)
    model.compile(optimizer="adam", loss="mse")
    x, y = data()
    h = model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    assert len(h.history["loss"]) == 3 and h.history["loss"][2] < h.history["loss"][0]
    assert model.get_config()["hidden"] == 8
    loaded = save_and_load(model, tmp_path)
    assert type(loaded) is TwoLayer
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)


def test_subclassed_model_on_named_list_of_inputs():
    def initialize(self, **kwargs):
        super(Joint, self).__init__(**kwargs)
        self.out = keras.layers.Dense(1, kernel_initializer="ones")

    def call(self, inputs):
        return self.out(keras.ops.concatenate([inputs["a"], inputs["b"]], axis=-1))

    Joint = kb.new_model_class("Joint", initialize=initialize, call=call)
    y = Joint()({"a": np.ones((2, 3), "float32"), "b": np.ones((2, 1), "float32")})
    np.testing.assert_allclose(y, [[4.0], [4.0]])


def test_functional_style_model_with_keras2_train_step_matches_builtin():
    x, y = data()
    Custom = kb.new_model_class("Keras2Step", train_step=keras2_train_step)

    def build(cls):
        fresh_seed(5)
        inp = keras.Input((4,))
        m = cls(inputs=inp, outputs=keras.layers.Dense(1)(inp))
        m.compile(optimizer="sgd", loss="mse", metrics=["mae"])
        return m

    custom, builtin = build(Custom), build(keras.Model)
    hc = custom.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0).history
    hb = builtin.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0).history
    assert set(hc) == {"loss", "mae"}
    np.testing.assert_allclose(hc["loss"], hb["loss"], rtol=1e-5)
    np.testing.assert_allclose(hc["mae"], hb["mae"], rtol=1e-5)


def test_train_step_is_traced_not_run_per_batch_and_metrics_property_is_reset():
    traced = []

    def initialize(self, **kwargs):
        super(Tracked, self).__init__(**kwargs)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae = keras.metrics.MeanAbsoluteError(name="mae")

    def train_step(self, data):
        traced.append(1)
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = keras.ops.mean(keras.ops.square(y - y_pred))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        self.mae.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae.result()}

    def test_step(self, data):
        x, y = data
        self.mae.update_state(y, self(x, training=False))
        return {"mae": self.mae.result()}

    Tracked = kb.new_model_class(
        "Tracked", initialize=initialize, train_step=train_step, test_step=test_step,
        call=lambda self, x: self.dense(x),
        metrics=kb.mark_active(lambda self: [self.loss_tracker, self.mae]))
    # a layer made after initialize: attribute tracking still applies
    fresh_seed()
    model = Tracked()
    model.dense = keras.layers.Dense(1)
    model.compile(optimizer="sgd")  # only an optimizer
    x, y = data(16)
    h = model.fit(x, y, epochs=3, batch_size=4, verbose=0)
    assert len(traced) <= 2  # traced once (twice at most), not 12 batches
    # reset each epoch: epoch 3's mean is over epoch 3 only, so it differs from a running mean
    assert h.history["loss"][2] < h.history["loss"][0]
    ev = model.evaluate(x, y, verbose=0, return_dict=True)
    direct = float(np.mean(np.abs(y - model.predict(x, verbose=0))))
    np.testing.assert_allclose(ev["mae"], direct, rtol=1e-5)


def test_functional_style_custom_model_saves_and_loads(tmp_path):
    Custom = kb.new_model_class("SavedStep", train_step=keras2_train_step)
    fresh_seed()
    inp = keras.Input((4,))
    model = Custom(inputs=inp, outputs=keras.layers.Dense(2)(inp))
    model.compile(optimizer="sgd", loss="mse")
    x, _ = data(4)
    loaded = save_and_load(model, tmp_path)
    assert type(loaded) is Custom
    np.testing.assert_array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))
