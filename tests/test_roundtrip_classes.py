"""R <-> Python round trips for the class constructors: the same custom layer,
metric, loss, callback and train_step model, defined in R and in Python, give
identical fit() histories and evaluate() numbers with the same seed."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasbridge as kb
from kerasbridge.classes import hooks
from classes_harness import keras2_train_step


@pytest.fixture(scope="module")
def rt_data():
    rng = np.random.default_rng(11)
    x = rng.random((32, 4)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]], np.float32)).astype(np.float32)
    return x, y


def python_classes():
    def initialize(self, units=4, **kwargs):
        super(RtLinear, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units), initializer="glorot_uniform")
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        out = tf.matmul(inputs, self.w) + self.b
        self.add_metric(tf.reduce_mean(out), name="act_mean")
        return out

    RtLinear = kb.new_layer_class("RtLinear", initialize=initialize, build=build, call=call)

    def m_init(self, name="abs_err", **kwargs):
        super(RtAbsErr, self).__init__(name=name, **kwargs)
        self.total = self.add_weight(name="total", initializer="zeros")
        self.count = self.add_weight(name="count", initializer="zeros")

    def m_update(self, y_true, y_pred, sample_weight=None):
        self.total.assign_add(tf.reduce_sum(tf.abs(y_true - y_pred)))
        self.count.assign_add(tf.cast(tf.size(y_true), "float32"))

    RtAbsErr = kb.new_metric_class("RtAbsErr", initialize=m_init, update_state=m_update,
                                   result=lambda self: self.total / self.count)

    def l_init(self, scale=1.0, name="scaled_mse", **kwargs):
        super(RtScaledMSE, self).__init__(name=name, **kwargs)
        self.scale = scale

    RtScaledMSE = kb.new_loss_class(
        "RtScaledMSE", initialize=l_init,
        call=lambda self, y_true, y_pred: self.scale * tf.reduce_mean(tf.square(y_true - y_pred), axis=-1))

    RtCallback = kb.new_callback_class(
        "RtCallback", on_epoch_end=lambda self, epoch, logs: {"loss_half": logs["loss"] / 2})
    return RtLinear, RtAbsErr, RtScaledMSE, RtCallback


R_CLASSES = """
RtLinear <- new_layer_class("RtLinear",
  initialize = function(units = 4, ...) { super$initialize(...); self$units <- units },
  build = function(input_shape) {
    self$w <- self$add_weight(name = "w", shape = c(input_shape[[2]], self$units), initializer = "glorot_uniform")
    self$b <- self$add_weight(name = "b", shape = c(self$units), initializer = "zeros")
  },
  call = function(inputs) {
    out <- tf$matmul(inputs, self$w) + self$b
    self$add_metric(tf$reduce_mean(out), name = "act_mean")
    out
  })
RtAbsErr <- new_metric_class("RtAbsErr",
  initialize = function(name = "abs_err", ...) {
    super$initialize(name = name, ...)
    self$total <- self$add_weight(name = "total", initializer = "zeros")
    self$count <- self$add_weight(name = "count", initializer = "zeros")
  },
  update_state = function(y_true, y_pred, sample_weight = NULL) {
    self$total$assign_add(tf$reduce_sum(tf$abs(y_true - y_pred)))
    self$count$assign_add(tf$cast(tf$size(y_true), "float32"))
  },
  result = function() self$total / self$count)
RtScaledMSE <- new_loss_class("RtScaledMSE",
  initialize = function(scale = 1, name = "scaled_mse", ...) { super$initialize(name = name, ...); self$scale <- scale },
  call = function(y_true, y_pred) self$scale * tf$reduce_mean(tf$square(y_true - y_pred), axis = -1L))
RtCallback <- new_callback_class("RtCallback",
  on_epoch_end = function(epoch, logs) list(loss_half = logs$loss / 2))
"""


def test_layer_metric_loss_callback_same_numbers_from_r_and_python(R, rt_data):
    x, y = rt_data
    RtLinear, RtAbsErr, RtScaledMSE, RtCallback = python_classes()
    keras.utils.set_random_seed(123)
    # made and added one at a time, as the R pipe does (initializer seeds are drawn in that order)
    model = keras.Sequential([keras.Input((4,))])
    model.add(RtLinear(units=4))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer="adam", loss=RtScaledMSE(scale=2.0), metrics=[RtAbsErr()])
    hist_py = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0, callbacks=[RtCallback()]).history
    ev_py = model.evaluate(x, y, verbose=0, return_dict=True)

    R.put(rt_x=x, rt_y=y)
    R.r(R_CLASSES)
    R.r("""
      set_random_seed(123)
      rt_layer <- create_layer_wrapper(RtLinear)
      model <- keras_model_sequential(input_shape = 4) %>% rt_layer(units = 4) %>% layer_dense(units = 1)
      model %>% compile(optimizer = "adam", loss = RtScaledMSE(scale = 2), metrics = list(RtAbsErr()))
      rt_history <- model %>% fit(py$rt_x, py$rt_y, batch_size = 8, epochs = 3, shuffle = FALSE,
                                  verbose = 0, callbacks = list(RtCallback()))
      rt_ev <- model %>% evaluate(py$rt_x, py$rt_y, verbose = 0)
    """)
    hist_r = R.r("lapply(rt_history$metrics, as.list)")
    assert set(hist_r) == set(hist_py) == {"loss", "abs_err", "act_mean", "loss_half"}
    for k in hist_py:
        assert np.array(hist_r[k]).tolist() == pytest.approx(hist_py[k], abs=0), k
    ev_r = R.r("as.list(rt_ev)")
    for k in ev_py:
        assert ev_r[k] == ev_py[k], k


def test_train_step_model_same_numbers_from_r_and_python(R, rt_data):
    x, y = rt_data
    Step = kb.new_model_class("RtStep", train_step=keras2_train_step)
    keras.utils.set_random_seed(7)
    inp = keras.Input((4,))
    hidden = keras.layers.Dense(8, activation="relu")(inp)  # layers made in the order R makes them
    model = Step(inputs=inp, outputs=keras.layers.Dense(1)(hidden))
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    hist_py = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0).history
    ev_py = model.evaluate(x, y, verbose=0, return_dict=True)

    R.put(rt_x=x, rt_y=y)
    R.r("""
      RtStep <- new_model_class("RtStep", train_step = function(data) {
        c(x, y) %<-% data
        with(tf$GradientTape() %as% tape, {
          y_pred <- self(x, training = TRUE)
          loss <- self$compiled_loss(y, y_pred)
        })
        grads <- tape$gradient(loss, self$trainable_variables)
        self$optimizer$apply_gradients(zip_lists(grads, self$trainable_variables))
        self$compiled_metrics$update_state(y, y_pred)
        results <- list()
        for (m in self$metrics) results[[m$name]] <- m$result()
        results
      })
      set_random_seed(7)
      inputs <- layer_input(shape = 4)
      outputs <- inputs %>% layer_dense(units = 8, activation = "relu") %>% layer_dense(units = 1)
      model <- RtStep(inputs = inputs, outputs = outputs)
      model %>% compile(optimizer = "adam", loss = "mse", metrics = "mae")
      rt_history <- model %>% fit(py$rt_x, py$rt_y, batch_size = 8, epochs = 3, shuffle = FALSE, verbose = 0)
      rt_ev <- model %>% evaluate(py$rt_x, py$rt_y, verbose = 0)
    """)
    hist_r = R.r("lapply(rt_history$metrics, as.list)")
    assert set(hist_r) == set(hist_py) == {"loss", "mae"}
    for k in hist_py:
        assert np.array(hist_r[k]).tolist() == pytest.approx(hist_py[k], abs=0), k
    ev_r = R.r("as.list(rt_ev)")
    assert ev_r == pytest.approx(ev_py, abs=0)


def test_r_hook_table_equals_the_core_one(R):
    hooks_r = R.r("lapply(kerasbridge:::class_hooks, as.list)")
    assert {k: list(v) for k, v in hooks_r.items()} == hooks.HOOKS
    aliases_r = R.r("lapply(kerasbridge:::class_aliases, as.list)")
    assert {k: dict(v) for k, v in aliases_r.items()} == hooks.ALIASES


def test_r_class_used_from_python_and_errors_say_where(R):
    R.r("""
      RtPy <- new_layer_class("RtPy", call = function(inputs) inputs * 3)
      rt_cls <- kerasbridge:::py_class_of(RtPy)
      RtBad <- new_layer_class("RtBad", call = function(inputs) stop("exploded in R"))
      rt_bad <- kerasbridge:::py_class_of(RtBad)
    """)
    cls = R.r("rt_cls")
    assert issubclass(cls, keras.layers.Layer) and cls.__name__ == "RtPy"
    np.testing.assert_array_equal(cls()(np.ones((1, 2), "float32")), [[3.0, 3.0]])
    with kb.frontend.using("r"):  # Python calls here, so Python's front end is the default
        with pytest.raises(kb.MethodError, match=r"RtBad\$call\(\) failed: .*exploded in R"):
            R.r("rt_bad")()(np.ones((1, 2), "float32"))
