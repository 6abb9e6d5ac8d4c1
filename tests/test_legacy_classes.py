"""legacy/classes.py: Keras 2 methods inside custom classes."""

import keras
import numpy as np
import pytest

import kerasbridge as kb
from kerasbridge.classes import hooks
from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import classes


def test_keras2_add_weight_order_and_double_sizes():
    args, kwargs = classes.keras2_weight_args(("w", (4.0, 2.0), "float32", "ones"), {})
    assert args == () and kwargs == {"name": "w", "shape": (4, 2), "dtype": "float32", "initializer": "ones"}
    args, kwargs = classes.keras2_weight_args(((3.0,),), {"initializer": "zeros"})
    assert args == ((3,),)


def test_int_shape_is_the_spec_shape_policy():
    assert classes.int_shape((4.0, 64.0)) == (4, 64)
    assert classes.int_shape(5.0) == (5,)
    assert classes.int_shape([None, 4.0]) == (None, 4)
    assert classes.int_shape(None) is None
    with pytest.raises(ArgumentError, match="whole number"):
        classes.int_shape((2.5,))


def test_layer_add_weight_keras2_style_and_add_metric():
    def build(self, input_shape):
        self.w = self.add_weight("w", (input_shape[-1], 2.0), "float32", "ones")

    def call(self, x):
        self.add_metric(keras.ops.sum(x), name="total", aggregation="sum")
        return x @ self.w

    Lin = kb.new_layer_class("Lin", build=build, call=call)
    assert issubclass(Lin, classes.LayerCompat)
    inp = keras.Input((3,))
    model = keras.Model(inp, Lin()(inp))
    model.compile(optimizer="sgd", loss="mse")
    logs = model.evaluate(np.ones((4, 3)), np.zeros((4, 2)), verbose=0, return_dict=True)
    assert logs["total"] == pytest.approx(12.0)
    assert model.layers[1].w.shape == (3, 2)
    with pytest.raises(ArgumentError, match="needs a `name`"):
        Lin().add_metric(1.0)


def test_metric_reset_states_alias_and_scalar_weights():
    assert hooks.ALIASES is classes.ALIASES and classes.ALIASES["metric"] == {"reset_states": "reset_state"}

    def initialize(self, **kwargs):
        super(Count, self).__init__(**kwargs)
        self.n = self.add_weight("n", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self.n.assign_add(1.0)

    Count = kb.new_metric_class("Count", initialize=initialize, update_state=update_state,
                                result=lambda self: self.n.value,
                                reset_states=lambda self: self.n.assign(-1.0))
    m = Count()
    assert m.n.shape == ()
    m.update_state(0, 0)
    m.reset_state()  # the Keras 2 name defined the Keras 3 method
    assert float(m.result()) == -1.0
    m.reset_states()
    assert float(m.result()) == -1.0


def test_loss_reduction_auto():
    MSE = kb.new_loss_class("MSE", call=lambda self, y, p: keras.ops.mean((y - p) ** 2, axis=-1))
    assert MSE(reduction="auto").reduction == "sum_over_batch_size"


def test_model_compiled_loss_and_metrics_in_train_step():
    from classes_harness import keras2_train_step

    M = kb.new_model_class("M", train_step=keras2_train_step)
    assert issubclass(M, classes.ModelCompat)
    inp = keras.Input((2,))
    model = M(inputs=inp, outputs=keras.layers.Dense(1, kernel_initializer="zeros")(inp))
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    h = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=1, verbose=0)
    assert h.history["loss"][0] == pytest.approx(1.0)  # zeros predict 0 for targets 1


# --- Keras 2's parent initialize: positional order, and callbacks without it ---

def _made(kind, **members):
    return kb.classes.factory.make_class(kind, f"Keras2{kind.title()}", members)


@pytest.mark.parametrize("kind,args,expected", [
    ("metric", ("my_metric", "float64"), {"name": "my_metric", "dtype": "float64"}),
    ("layer", (False, "my_layer", "float64", True), {"trainable": False, "name": "my_layer", "dtype": "float64"}),
    ("loss", ("sum", "my_loss"), {"reduction": "sum", "name": "my_loss"}),
])
def test_keras2_init_args_take_keras2_positional_order(kind, args, expected):
    cls = _made(kind)
    got_args, got_kwargs = classes.keras2_init_args(cls, args, {})
    assert got_args == () and got_kwargs == expected   # Layer's `dynamic` is dropped


def test_keras2_init_args_leave_other_parents_alone():
    Dense2 = kb.classes.factory.make_class("layer", "MyDense2", {}, keras.layers.Dense)
    assert classes.keras2_init_args(Dense2, (4,), {}) == ((4,), {})
    with pytest.raises(ArgumentError, match="positional"):
        classes.keras2_init_args(_made("metric"), ("a", "float32", 3), {})
    with pytest.raises(ArgumentError, match="both by position and by name"):
        classes.keras2_init_args(_made("metric"), ("a",), {"name": "b"})


def test_super_init_from_r_uses_keras2_order():
    from kerasbridge.classes.factory import super_init
    Acc = _made("metric")
    m = Acc.__new__(Acc)
    super_init(Acc, m, "my_metric", "float64")   # Keras 3 alone would make the name the dtype
    assert m.name == "my_metric" and m.dtype == "float64"
    Lss = _made("loss")
    loss = Lss.__new__(Lss)
    super_init(Lss, loss, "auto", "my_loss")
    assert loss.name == "my_loss" and loss.reduction == "sum_over_batch_size"


def test_callback_initialize_without_parent_initialize_works():
    def initialize(self, factor=2):
        self.factor = factor   # never calls the parent's initialize, as Keras 2 allowed

    def on_epoch_end(self, epoch, logs):
        return {"loss_x": logs["loss"] * self.factor}

    Cb = kb.new_callback_class("NoSuperCb", initialize=initialize, on_epoch_end=on_epoch_end)
    cb = Cb(3)
    assert cb.factor == 3 and cb.model is None
    inp = keras.Input((2,))
    model = keras.Model(inp, keras.layers.Dense(1)(inp))
    model.compile(optimizer="sgd", loss="mse")
    h = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=2, verbose=0, callbacks=[cb])
    np.testing.assert_allclose(h.history["loss_x"], 3 * np.array(h.history["loss"]), rtol=1e-6)


def test_layers_still_need_the_parent_initialize():
    assert "callback" in classes.PARENT_INIT_OPTIONAL
    assert classes.PARENT_INIT_OPTIONAL.isdisjoint({"layer", "model", "metric", "loss"})


def test_layer_input_and_output_mask_keras2_properties():
    class PassMask(classes.LayerCompat, keras.layers.Layer):
        supports_masking = True

        def call(self, x, mask=None):
            return x

    inp = keras.Input((4,))
    masked = keras.layers.Masking(mask_value=-9.0)(inp)
    layer = PassMask()
    layer(masked)
    assert layer.input_mask is not None and tuple(layer.input_mask.shape) == (None,)
    assert layer.output_mask is not None
    with pytest.raises(AttributeError, match="never been called"):
        PassMask().input_mask
    unmasked = PassMask()
    unmasked(inp)
    assert unmasked.input_mask is None


def test_wrapper_compat_calls_the_wrapped_layer_by_default():
    class Shift(classes.WrapperCompat):
        def call(self, x, mask=None, training=None):
            return super().call(x) + 1.0

    w = Shift(keras.layers.Dense(2, kernel_initializer="ones"))
    out = w(np.ones((1, 3), "float32"))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(out), [[4.0, 4.0]])
    assert w.compute_output_shape((None, 3)) == (None, 2)


def test_tf_function_assigned_to_call_before_build_trains():
    # Keras 2's eager idiom: model.call = tf.function(model.call) on an unbuilt
    # model; Keras 3's symbolic build traced it with constant weights, so
    # gradients were None and the trace was reused for every batch.
    import tensorflow as tf

    def initialize(self):
        super(type(self), self).__init__()
        self.dense = keras.layers.Dense(2)

    def call(self, x, training=None):
        return self.dense(x)

    Two = kb.new_model_class("TwoOut", initialize=initialize, call=call)
    model = Two()
    model.call = tf.function(model.call)
    assert model.call.tf_function is not None
    x = tf.ones((3, 4))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    assert len(grads) == 2 and all(g is not None for g in grads)
    before = model(x).numpy()
    model.dense.kernel.assign(model.dense.kernel + 1.0)
    assert not np.allclose(model(tf.ones((5, 4))).numpy()[:3], before)


def test_call_with_two_tensor_arguments_gets_the_first_inputs_mask_as_keras_2():
    # Keras 2: call(inputs, encoder_outputs, mask = NULL) received the mask of
    # `inputs` (a decoder after a masking embedding); Keras 3 leaves it NULL
    seen = {}

    class Decoder(classes.LayerCompat, keras.layers.Layer):
        def call(self, inputs, context, mask=None):
            seen["mask"] = mask
            return inputs + context

    tokens = keras.Input((5,), dtype="int32")
    x = keras.layers.Embedding(10, 3, mask_zero=True)(tokens)
    ctx = keras.Input((5, 3))
    Decoder()(x, ctx)
    assert seen["mask"] is not None and tuple(seen["mask"].shape) == (None, 5)
    Decoder()(x, ctx, mask=None)   # an explicit NULL is filled too, as Keras 3 does for one tensor argument
    assert seen["mask"] is not None
    Decoder()(ctx, ctx)            # no mask on the first input: none given
    assert seen["mask"] is None
    out = Decoder()(np.ones((1, 5, 3), "float32"), np.ones((1, 5, 3), "float32"))
    assert tuple(out.shape) == (1, 5, 3) and seen["mask"] is None


def test_add_loss_takes_keras2_inputs_argument_and_lists():
    def call(self, inputs):
        x, target = inputs
        self.add_loss(keras.ops.mean(keras.ops.square(x - target)), inputs=inputs)  # the book's VAE layer
        self.add_loss([keras.ops.sum(x) * 0.0, keras.ops.sum(target) * 0.0])       # a list: each is added
        return x

    Reconstruction = kb.new_layer_class("Reconstruction", call=call)
    a, b = keras.Input((3,)), keras.Input((3,))
    model = keras.Model([a, b], Reconstruction()([a, b]))
    kb.compile(model, optimizer="sgd", loss=None)
    x = np.ones((4, 3), "float32")
    logs = model.evaluate([x, np.zeros((4, 3), "float32")], verbose=0, return_dict=True)
    assert logs["loss"] == pytest.approx(1.0)
    assert len(model.losses) == 3
