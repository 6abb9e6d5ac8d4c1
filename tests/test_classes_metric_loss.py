"""new_metric_class() and new_loss_class() from Python, through the shared harness."""

import keras
import numpy as np
import pytest

import kerasbridge as kb
from classes_harness import fresh_seed, run_loss_class_test, run_metric_class_test, save_and_load
from classes_harness import python_frontend  # noqa: F401 (autouse)


def make_metrics():
    def initialize(self, name="binary_tp", **kwargs):
        super(TruePositives, self).__init__(name=name, **kwargs)
        self.tp = self.add_weight(name="tp", initializer="zeros", dtype="int32")
        self.total = self.add_weight(name="total", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        hit = keras.ops.logical_and(keras.ops.cast(y_true, "bool"), y_pred > 0.5)
        self.tp.assign_add(keras.ops.sum(keras.ops.cast(hit, "int32")))
        self.total.assign_add(keras.ops.cast(keras.ops.shape(y_true)[0], "float32"))

    def result(self):
        return keras.ops.cast(self.tp, "float32") / keras.ops.maximum(self.total, 1.0)

    TruePositives = kb.new_metric_class("TruePositives", initialize=initialize,
                                        update_state=update_state, result=result)
    return TruePositives


Y_TRUE = np.array([[1], [1], [0], [1]], "float32")
Y_PRED = np.array([[0.9], [0.2], [0.8], [0.7]], "float32")


def test_metric_class_standalone_with_int_state():
    TP = make_metrics()
    m = run_metric_class_test(TP, {}, Y_TRUE, Y_PRED, expected=0.5, expected_after_two=0.5)
    assert [v.dtype for v in m.variables] == ["int32", "float32"]
    assert m.name == "binary_tp"


def test_metric_class_in_compile_matches_standalone_and_reset_each_epoch():
    TP = make_metrics()
    fresh_seed()
    x = np.random.default_rng(1).random((16, 3)).astype("float32")
    y = (x[:, :1] > 0.5).astype("float32")
    inp = keras.Input((3,))
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(inp))
    model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=[TP()])
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    ev = model.evaluate(x, y, verbose=0, return_dict=True)
    m = TP()
    m.update_state(y, model.predict(x, verbose=0))
    np.testing.assert_allclose(ev["binary_tp"], float(m.result()), rtol=1e-6)


def test_metric_reset_states_keras2_name_and_custom_reset():
    calls = []

    def reset_states(self):  # Keras 2 name, mapped to reset_state
        calls.append(1)
        self.n.assign(7.0)

    Const = kb.new_metric_class(
        "Const",
        initialize=lambda self, **kw: (super(Const, self).__init__(**kw),
                                       setattr(self, "n", self.add_weight(name="n", initializer="zeros")))[0],
        update_state=lambda self, y_true, y_pred, sample_weight=None: self.n.assign_add(1.0),
        result=lambda self: self.n + 0.0, reset_states=reset_states)
    m = Const()
    m.reset_state()
    assert calls == [1] and float(m.result()) == 7.0
    m.reset_states()
    assert calls == [1, 1]


def make_loss():
    def initialize(self, scale=1.0, name="scaled_mse", **kwargs):
        super(ScaledMSE, self).__init__(name=name, **kwargs)
        self.scale = scale

    def call(self, y_true, y_pred):
        return self.scale * keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)

    def get_config(self):
        return {**super(ScaledMSE, self).get_config(), "scale": self.scale}

    ScaledMSE = kb.new_loss_class("ScaledMSE", initialize=initialize, call=call, get_config=get_config)
    return ScaledMSE


def test_loss_class_reduction_and_config():
    ScaledMSE = make_loss()
    yt = np.array([[0.0, 0.0], [1.0, 1.0]], "float32")
    yp = np.array([[1.0, 1.0], [1.0, 3.0]], "float32")  # per-sample mse: 1, 2
    run_loss_class_test(ScaledMSE, {"scale": 2.0}, yt, yp, expected=3.0)
    run_loss_class_test(ScaledMSE, {"scale": 2.0, "reduction": "sum"}, yt, yp, expected=6.0)
    run_loss_class_test(ScaledMSE, {"scale": 1.0, "reduction": "auto"}, yt, yp, expected=1.5)
    loss = ScaledMSE(scale=2.0)
    np.testing.assert_allclose(float(loss(yt, yp, sample_weight=np.array([1.0, 0.0]))), 1.0)
    assert ScaledMSE(scale=3.0).get_config() == {"name": "scaled_mse", "reduction": "sum_over_batch_size",
                                                  "scale": 3.0}


def test_loss_class_in_compile_matches_builtin_and_saves(tmp_path):
    ScaledMSE = make_loss()
    x = np.random.default_rng(2).random((16, 3)).astype("float32")
    y = x.sum(axis=1, keepdims=True)

    def run(loss):
        fresh_seed()
        inp = keras.Input((3,))
        model = keras.Model(inp, keras.layers.Dense(1)(inp))
        model.compile(optimizer="sgd", loss=loss)
        return model, model.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0).history["loss"]

    model, h_custom = run(ScaledMSE(scale=1.0))
    _, h_builtin = run("mse")
    np.testing.assert_allclose(h_custom, h_builtin, rtol=1e-6)
    loaded = save_and_load(model, tmp_path)
    assert type(loaded.loss) is ScaledMSE
