"""R <-> Python round trips: the same model, data and seed give identical
fit() histories, evaluate() numbers and predict() arrays from R and Python."""

import numpy as np
import keras
import pytest

import kerasbridge as kb


@pytest.fixture(scope="module")
def mlp_data():
    rng = np.random.default_rng(7)
    x = rng.random((96, 20)).astype(np.float32)
    y = rng.integers(0, 4, 96).astype(np.int32)
    return x, y


def python_mlp(x, y):
    keras.utils.set_random_seed(123)
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dropout(0.2), keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    h = model.fit(x, y, batch_size=16, epochs=3, shuffle=False, validation_split=0.25, verbose=0)
    ev = model.evaluate(x, y, verbose=0, return_dict=True)
    return h.history, ev, model.predict(x, verbose=0)


def test_sequential_mlp_same_numbers_from_r_and_python(R, mlp_data):
    x, y = mlp_data
    hist_py, ev_py, pred_py = python_mlp(x, y)
    R.put(rt_x=x, rt_y=y)
    R.r("""
      x <- py$rt_x; y <- as.integer(py$rt_y)
      set_random_seed(123)
      model <- keras_model_sequential(input_shape = c(20)) %>%
        layer_dense(units = 16, activation = "relu") %>%
        layer_dropout(rate = 0.2) %>%
        layer_dense(units = 4, activation = "softmax")
      model %>% compile(optimizer = "rmsprop", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
      history <- model %>% fit(x, y, batch_size = 16, epochs = 3, shuffle = FALSE,
                               validation_split = 0.25, verbose = 0)
      ev <- model %>% evaluate(x, y, verbose = 0)
      pred <- model %>% predict(x, verbose = 0)
    """)
    hist_r = R.r("lapply(history$metrics, as.list)")
    assert set(hist_r) == set(hist_py)
    for k in hist_py:
        assert np.array(hist_r[k]).tolist() == pytest.approx(hist_py[k], abs=0), k
    ev_r = R.r("as.list(ev)")
    assert list(ev_r) == ["loss", "accuracy"]  # loss first, as R keras prints it
    assert ev_r["loss"] == ev_py["loss"] and ev_r["accuracy"] == ev_py["accuracy"]
    pred_r = np.asarray(R.r("pred"))
    assert pred_r.shape == (96, 4)
    np.testing.assert_array_equal(pred_r.astype(np.float32), pred_py)


def two_in_two_out():
    a = keras.Input((6,), name="a")
    b = keras.Input((3,), name="b")
    h = keras.layers.Dense(8, activation="relu", name="hidden")(keras.layers.Concatenate()([a, b]))
    cls = keras.layers.Dense(3, activation="softmax", name="cls")(h)
    reg = keras.layers.Dense(1, name="reg")(h)
    return keras.Model({"a": a, "b": b}, {"cls": cls, "reg": reg})


def test_functional_two_inputs_two_outputs_same_numbers(R):
    rng = np.random.default_rng(3)
    xa = rng.normal(size=(64, 6)).astype(np.float32)
    xb = rng.normal(size=(64, 3)).astype(np.float32)
    ycls = rng.integers(0, 3, 64).astype(np.int32)
    yreg = rng.normal(size=(64, 1)).astype(np.float32)

    keras.utils.set_random_seed(11)
    m = two_in_two_out()
    m.compile(optimizer="adam", loss={"cls": "sparse_categorical_crossentropy", "reg": "mse"},
              metrics={"cls": ["accuracy"], "reg": ["mae"]}, loss_weights={"cls": 1.0, "reg": 0.5})
    h_py = m.fit({"a": xa, "b": xb}, {"cls": ycls, "reg": yreg}, batch_size=16, epochs=2, shuffle=False, verbose=0).history
    ev_py = m.evaluate({"a": xa, "b": xb}, {"cls": ycls, "reg": yreg}, verbose=0, return_dict=True)
    pred_py = m.predict({"a": xa, "b": xb}, verbose=0)

    R.put(rt_xa=xa, rt_xb=xb, rt_ycls=ycls, rt_yreg=yreg)
    R.r("""
      set_random_seed(11)
      a <- layer_input(shape = c(6), name = "a")
      b <- layer_input(shape = c(3), name = "b")
      h <- list(a, b) %>% layer_concatenate() %>% layer_dense(units = 8, activation = "relu", name = "hidden")
      cls <- h %>% layer_dense(units = 3, activation = "softmax", name = "cls")
      reg <- h %>% layer_dense(units = 1, name = "reg")
      model2 <- keras_model(inputs = list(a = a, b = b), outputs = list(cls = cls, reg = reg))
      model2 %>% compile(optimizer = "adam",
                         loss = list(cls = "sparse_categorical_crossentropy", reg = "mse"),
                         metrics = list(cls = "accuracy", reg = "mae"),
                         loss_weights = list(cls = 1, reg = 0.5))
      xs <- list(a = py$rt_xa, b = py$rt_xb)
      ys <- list(cls = as.integer(py$rt_ycls), reg = py$rt_yreg)
      h2 <- model2 %>% fit(xs, ys, batch_size = 16, epochs = 2, shuffle = FALSE, verbose = 0)
      ev2 <- model2 %>% evaluate(xs, ys, verbose = 0)
      pred2 <- model2 %>% predict(xs, verbose = 0)
    """)
    hist_r = R.r("lapply(h2$metrics, as.list)")
    assert set(hist_r) == set(h_py)
    for k in h_py:
        assert np.array(hist_r[k]).tolist() == h_py[k], k
    ev_r = R.r("as.list(ev2)")
    assert list(ev_r)[0] == "loss"
    assert {k: ev_r[k] for k in ev_py} == ev_py
    pred_r = R.r("pred2")
    assert set(pred_r) == {"cls", "reg"}
    np.testing.assert_array_equal(np.asarray(pred_r["cls"]).astype(np.float32), pred_py["cls"])
    np.testing.assert_array_equal(np.asarray(pred_r["reg"]).astype(np.float32), pred_py["reg"])
