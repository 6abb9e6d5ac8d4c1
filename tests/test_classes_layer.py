"""new_layer_class() from Python: real Keras layers through the shared harness."""

import inspect
import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasbridge as kb
from classes_harness import run_layer_class_test
from classes_harness import python_frontend  # noqa: F401 (autouse)


def make_linear():
    def initialize(self, units=3, **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        # Keras 2 order (name first) and a size as a double, as R sends it
        self.w = self.add_weight("w", (input_shape[-1], float(self.units)), initializer="ones")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        return inputs @ self.w + self.b

    Linear = kb.new_layer_class("Linear", initialize=initialize, build=build, call=call)
    return Linear


def test_layer_class_harness(tmp_path):
    Linear = make_linear()
    assert issubclass(Linear, keras.layers.Layer) and Linear.__name__ == "Linear"
    model, loaded = run_layer_class_test(Linear, {"units": 3}, (5,), (3,), tmp_path,
                                         expected_config={"units": 3})
    assert [tuple(w.shape) for w in model.layers[-1].weights] == [(5, 3), (3,)]


def test_call_signature_training_and_mask_are_seen_by_keras():
    seen = []

    def call(self, inputs, training=None, mask=None):
        seen.append((training, None if mask is None else tuple(mask.shape)))
        return inputs * (2.0 if training else 1.0)

    Twice = kb.new_layer_class("TwiceInTraining", call=call)
    layer = Twice()
    assert layer._call_has_training_arg and layer._call_has_mask_arg
    x = np.ones((2, 3), "float32")
    np.testing.assert_array_equal(layer(x, training=True), 2 * x)
    np.testing.assert_array_equal(layer(x), x)
    assert seen[0] == (True, None)


def test_several_inputs_and_add_loss_in_functional_model():
    def call(self, targets, logits, sample_weights=None):
        loss = keras.ops.mean(keras.ops.square(targets - logits))
        self.add_loss(loss)
        return logits

    Endpoint = kb.new_layer_class("Endpoint", call=call)
    assert list(inspect.signature(Endpoint.call).parameters) == ["self", "targets", "logits", "sample_weights"]
    t = keras.Input((2,), name="t")
    x = keras.Input((4,), name="x")
    out = Endpoint()(t, keras.layers.Dense(2, name="d")(x))
    model = keras.Model([t, x], out)
    model.compile(optimizer="sgd")
    keras.utils.set_random_seed(3)
    xs = np.ones((8, 4), "float32")
    ts = np.zeros((8, 2), "float32")
    h = model.fit([ts, xs], epochs=2, batch_size=8, verbose=0)
    assert len(h.history["loss"]) == 2 and h.history["loss"][1] < h.history["loss"][0]


def test_add_metric_reaches_fit_logs_history_and_evaluate():
    def call(self, inputs):
        self.add_metric(keras.ops.mean(inputs), name="input_mean")
        self.add_metric(keras.ops.sum(inputs) * 0 + 1.0, name="batches", aggregation="sum")
        return inputs

    Probe = kb.new_layer_class("Probe", call=call)
    inp = keras.Input((2,))
    model = keras.Model(inp, keras.layers.Dense(1)(Probe()(inp)))
    model.compile(optimizer="sgd", loss="mse")
    x = np.full((12, 2), 3.0, "float32")
    y = np.zeros((12, 1), "float32")
    h = model.fit(x, y, epochs=2, batch_size=4, verbose=0)
    assert h.history["input_mean"] == [3.0, 3.0]
    assert h.history["batches"] == [3.0, 3.0]  # reset each epoch: 3 batches per epoch
    ev = model.evaluate(x, y, batch_size=6, verbose=0, return_dict=True)
    assert ev["input_mean"] == 3.0 and ev["batches"] == 2.0


def test_compute_output_shape_and_get_config_override():
    def initialize(self, factor=2, **kwargs):
        super(Repeat, self).__init__(**kwargs)
        self.factor = factor

    def get_config(self):
        return {**super(Repeat, self).get_config(), "factor": self.factor}

    Repeat = kb.new_layer_class(
        "Repeat", initialize=initialize, get_config=get_config,
        call=lambda self, x: keras.ops.tile(x, (1, self.factor)),
        compute_output_shape=lambda self, s: (s[0], s[1] * self.factor))
    inp = keras.Input((3,))
    out = Repeat(factor=3)(inp)
    assert tuple(out.shape) == (None, 9)
    assert Repeat.from_config(Repeat(factor=4).get_config()).factor == 4


def test_usable_in_sequential_and_through_wrapper():
    Linear = make_linear()
    layer_linear = kb.create_layer_wrapper(Linear)
    assert list(inspect.signature(layer_linear).parameters)[:2] == ["object", "units"]
    model = keras.Sequential([keras.Input((4,))])
    assert layer_linear(model, units=2) is model
    assert tuple(model.output_shape) == (None, 2)
    assert isinstance(layer_linear(units=5), Linear)
    t = layer_linear(keras.Input((4,)), 6)
    assert tuple(t.shape) == (None, 6)


def test_mark_active_property_and_subclassing_a_made_class():
    def initialize(self, **kwargs):
        super(Base, self).__init__(**kwargs)
        self._scale = 2.0

    def scale(self, value=None):
        return self._scale

    Base = kb.new_layer_class("ScaledBase", initialize=initialize,
                              scale=kb.mark_active(lambda self: self._scale),
                              call=lambda self, x: x * self.scale)
    Child = kb.new_layer_class("ScaledChild", parent_class=Base,
                               call=lambda self, x: super(Child, self).call(x) + 1.0)
    assert issubclass(Child, Base)
    c = Child()
    assert c.scale == 2.0
    np.testing.assert_array_equal(c(np.ones((1, 2), "float32")), [[3.0, 3.0]])


def test_bad_parent_class_and_bad_classname():
    with pytest.raises(kb.ArgumentError, match="parent_class"):
        kb.new_layer_class("X", parent_class=keras.metrics.Mean)
    with pytest.raises(kb.ArgumentError, match="classname"):
        kb.new_layer_class("not a name")


def test_typo_warning_names_the_method_meant():
    with pytest.warns(UserWarning, match=r"`buld`.*Did you mean `build`"):
        kb.new_layer_class("Typo", buld=lambda self, s: None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kb.new_layer_class("NoTypo", helper_fn=lambda self: 1, call=lambda self, x: x)
