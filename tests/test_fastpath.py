"""predict()/evaluate() on one batch skip Keras' loop (fastpath.py) and give
exactly Keras' numbers; anything else still runs Keras' loop."""

import numpy as np
import keras
import pytest

import kerasbridge as kb


def mlp(seed=0):
    keras.utils.set_random_seed(seed)
    m = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(3, activation="softmax")])
    kb.compile(m, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return m


def dropout_batchnorm():
    keras.utils.set_random_seed(1)
    inp = keras.Input((6,))
    h = keras.layers.Dense(16)(inp)
    h = keras.layers.BatchNormalization()(h)
    h = keras.layers.Dropout(0.5)(h)
    out = keras.layers.Dense(2)(h)
    m = keras.Model(inp, out)
    kb.compile(m, optimizer="sgd", loss="mse", metrics="mae")
    x = np.random.default_rng(3).random((64, 6))
    m.fit(x, x[:, :2], epochs=1, verbose=0)  # moving statistics away from their start
    return m


def two_in_two_out():
    keras.utils.set_random_seed(2)
    a, b = keras.Input((4,), name="a"), keras.Input((3,), name="b")
    h = keras.layers.Concatenate()([keras.layers.Dense(5)(a), b])
    m = keras.Model({"a": a, "b": b}, [keras.layers.Dense(1, name="p")(h), keras.layers.Dense(2, name="q")(h)])
    kb.compile(m, optimizer="adam", loss=["mse", "mse"])
    return m


@pytest.fixture
def no_keras_loop(monkeypatch):
    """Fail if Keras' predict/evaluate loop runs."""
    calls = []

    def loop(self, *a, **k):
        calls.append(a)
        raise AssertionError("Keras' loop ran")
    monkeypatch.setattr(keras.Model, "predict", loop)
    monkeypatch.setattr(keras.Model, "evaluate", loop)
    return calls


def keras_predict(m, x, **k):
    return keras.Model.predict(m, x, verbose=0, **k)


def fast_predict(m, x, **k):
    from kerasbridge import training
    saved = keras.Model.predict
    keras.Model.predict = lambda *a, **kw: (_ for _ in ()).throw(AssertionError("Keras' loop ran"))
    try:
        return training.predict(m, x, verbose=0, **k)
    finally:
        keras.Model.predict = saved


@pytest.mark.parametrize("rows", [1, 7, 32])
@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int32"])
def test_predict_one_batch_is_identical_to_keras(rows, dtype):
    m = mlp()
    x = (np.random.default_rng(rows).random((rows, 6)) * 4).astype(dtype)
    got = fast_predict(m, x)
    assert got.dtype == np.float32 and got.shape == (rows, 3)
    np.testing.assert_array_equal(got, keras_predict(m, x))


def test_predict_fortran_order_input_is_identical():
    m = mlp()
    x = np.asfortranarray(np.random.default_rng(0).random((5, 6)))
    np.testing.assert_array_equal(fast_predict(m, x), keras_predict(m, np.ascontiguousarray(x)))


def test_predict_dropout_and_batchnorm_run_in_inference_mode():
    m = dropout_batchnorm()
    x = np.random.default_rng(4).random((10, 6))
    a, b = fast_predict(m, x), fast_predict(m, x)
    np.testing.assert_array_equal(a, b)  # dropout off
    np.testing.assert_array_equal(a, keras_predict(m, x))


def test_predict_multi_input_multi_output_is_identical():
    m = two_in_two_out()
    rng = np.random.default_rng(5)
    x = {"a": rng.random((3, 4)), "b": rng.random((3, 3)).astype("float32")}
    got, want = fast_predict(m, x), keras_predict(m, x)
    assert isinstance(got, list) and len(got) == 2
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)


def test_predict_follows_model_changes():
    m = mlp()
    x = np.random.default_rng(6).random((4, 6))
    before = fast_predict(m, x)
    m.set_weights([w * 2 for w in m.get_weights()])  # weights set
    after = fast_predict(m, x)
    assert not np.array_equal(before, after)
    np.testing.assert_array_equal(after, keras_predict(m, x))
    kb.compile(m, optimizer="sgd", loss="mse")  # compile again
    np.testing.assert_array_equal(fast_predict(m, x), keras_predict(m, x))
    m.pop()  # a layer removed, another added: a new output shape
    m.add(keras.layers.Dense(2))
    got = fast_predict(m, x)
    assert got.shape == (4, 2)
    np.testing.assert_array_equal(got, keras_predict(m, x))


def test_predict_after_keras_own_predict_and_a_layer_change():
    m = mlp()
    x = np.random.default_rng(13).random((4, 6))
    keras_predict(m, x)  # Keras makes its step first, with 3 outputs
    m.pop()
    m.add(keras.layers.Dense(5))
    got = fast_predict(m, x)
    assert got.shape == (4, 5)
    np.testing.assert_array_equal(got, m(x, training=False).numpy())


def test_predict_new_input_shape_on_the_same_model():
    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.layers.Dense(2)])  # no input shape: built by the first call
    x1 = np.random.default_rng(7).random((2, 3))
    np.testing.assert_array_equal(fast_predict(m, x1), keras_predict(m, x1))
    x2 = np.random.default_rng(8).random((9, 3))
    np.testing.assert_array_equal(fast_predict(m, x2), keras_predict(m, x2))


def test_predict_large_input_steps_or_callbacks_run_keras_loop(monkeypatch):
    from kerasbridge import training
    m = mlp()
    seen = []
    real = keras.Model.predict
    monkeypatch.setattr(keras.Model, "predict", lambda self, *a, **k: seen.append(k) or real(self, *a, **k))
    x = np.random.default_rng(9).random((40, 6))
    assert training.predict(m, x, verbose=0).shape == (40, 3)  # 40 rows > 32
    assert training.predict(m, x[:10], batch_size=5, verbose=0).shape == (10, 3)
    assert training.predict(m, x[:10], steps=1, verbose=0).shape == (10, 3)
    assert training.predict(m, x[:10], verbose=0, callbacks=[keras.callbacks.Callback()]).shape == (10, 3)
    assert len(seen) == 4
    assert training.predict(m, x[:10], batch_size=10, verbose=0).shape == (10, 3)
    assert len(seen) == 4


def test_predict_shows_keras_progress_bar(capsys):
    from kerasbridge import training
    m = mlp()
    training.predict(m, np.zeros((2, 6)), verbose=1)
    assert "1/1" in capsys.readouterr().out
    training.predict(m, np.zeros((2, 6)), verbose=0)
    assert capsys.readouterr().out == ""


def test_failed_fast_predict_leaves_no_half_traced_function():
    from kerasbridge import training

    class Fails(keras.layers.Layer):
        fail = False

        def call(self, x):
            if Fails.fail:
                raise ValueError("boom")
            return x

    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.Input((3,)), Fails(), keras.layers.Dense(1)])
    Fails.fail = True
    with pytest.raises(ValueError, match="boom"):
        training.predict(m, np.ones((2, 3)), verbose=0)
    assert m.predict_function is None
    Fails.fail = False
    x = np.ones((2, 3))
    np.testing.assert_array_equal(training.predict(m, x, verbose=0), keras_predict(m, x))


@pytest.mark.parametrize("weights", [False, True])
def test_evaluate_one_batch_is_identical_to_keras(weights, no_keras_loop):
    m = mlp()
    rng = np.random.default_rng(10)
    x, y = rng.random((20, 6)), np.arange(20) % 3
    w = rng.random(20) if weights else None
    got = kb.evaluate(m, x, y, sample_weight=w, verbose=0)
    assert list(got) == ["loss", "accuracy"] and not no_keras_loop
    from keras.src.backend.tensorflow.trainer import TensorFlowTrainer
    # Keras' own evaluate, past the fixture's stand-in
    want = TensorFlowTrainer.evaluate(m, x, y, sample_weight=w, verbose=0, return_dict=True)
    assert got == {k: float(want[k]) for k in got}


def test_evaluate_multi_output_and_fallbacks(monkeypatch):
    m = two_in_two_out()
    rng = np.random.default_rng(11)
    x = {"a": rng.random((6, 4)), "b": rng.random((6, 3))}
    y = [rng.random((6, 1)), rng.random((6, 2))]
    got = kb.evaluate(m, x, y, verbose=0)
    want = keras.Model.evaluate(m, x, y, verbose=0, return_dict=True)
    assert got == {k: float(want[k]) for k in got}
    seen = []
    real = keras.Model.evaluate
    monkeypatch.setattr(keras.Model, "evaluate", lambda self, *a, **k: seen.append(k) or real(self, *a, **k))
    kb.evaluate(m, x, y, batch_size=2, verbose=0)
    kb.evaluate(m, x, y, verbose=0, callbacks=[keras.callbacks.Callback()])
    assert len(seen) == 2


def test_predict_on_batch_and_test_on_batch_unchanged():
    m = mlp()
    rng = np.random.default_rng(12)
    x, y = rng.random((5, 6)), np.arange(5) % 3
    np.testing.assert_array_equal(kb.training.predict_on_batch(m, x), m.predict_on_batch(x))
    got = kb.training.test_on_batch(m, x, y)
    want = m.test_on_batch(x, y, return_dict=True)
    assert got == {k: float(v) for k, v in want.items()}


# -- the *_on_batch calls and the snapshot, through the compiled step called directly --

def test_on_batch_calls_are_identical_to_keras_and_skip_its_dispatch(monkeypatch):
    from kerasbridge import fastpath, training
    a, b = mlp(), mlp()
    rng = np.random.default_rng(13)
    x, y, w = rng.random((9, 6)), np.arange(9) % 3, rng.random(9)
    calls = []
    real = fastpath.direct_call
    monkeypatch.setattr(fastpath, "direct_call", lambda *args: calls.append(1) or real(*args))
    for i in range(4):
        sw = w if i % 2 else None
        got = training.train_on_batch(a, x, y, sample_weight=sw)
        want = b.train_on_batch(x.astype("float32"), y, sample_weight=sw, return_dict=True)
        assert got == {k: float(v) for k, v in want.items()}
        assert all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights()))
        assert all(np.array_equal(u.numpy(), v.numpy()) for u, v in zip(a.optimizer.variables, b.optimizer.variables))
        got = training.test_on_batch(a, x, y, sample_weight=sw)
        want = b.test_on_batch(x.astype("float32"), y, sample_weight=sw, return_dict=True)
        assert got == {k: float(v) for k, v in want.items()}
        np.testing.assert_array_equal(training.predict_on_batch(a, x[:i + 1]), b.predict_on_batch(x[:i + 1].astype("float32")))
    assert len(calls) == 12  # every call went through the compiled step directly


def test_on_batch_multi_input_multi_output_is_identical():
    from kerasbridge import training
    a, b = two_in_two_out(), two_in_two_out()
    rng = np.random.default_rng(14)
    x = {"a": rng.random((5, 4)).astype("float32"), "b": rng.random((5, 3)).astype("float32")}
    y = [rng.random((5, 1)).astype("float32"), rng.random((5, 2)).astype("float32")]
    for _ in range(2):
        got = training.train_on_batch(a, x, y)
        assert got == {k: float(v) for k, v in b.train_on_batch(x, y, return_dict=True).items()}
    assert all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights()))
    for u, v in zip(training.predict_on_batch(a, x), b.predict_on_batch(x)):
        np.testing.assert_array_equal(u, v)


def test_on_batch_falls_back_to_keras_where_the_direct_call_does_not_apply(monkeypatch):
    from kerasbridge import fastpath, training
    m = mlp()
    x, y = np.random.default_rng(15).random((4, 6)), np.arange(4) % 3
    monkeypatch.setattr(fastpath, "direct_call", lambda *a: (_ for _ in ()).throw(AssertionError("direct call")))
    training.train_on_batch(m, x, y, class_weight={0: 1, 1: 2, 2: 1})  # Keras turns class weights into sample weights
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", run_eagerly=True)
    training.train_on_batch(m, x, y)
    training.test_on_batch(m, x, y)
    training.predict_on_batch(m, x)


def test_failed_train_on_batch_leaves_weights_and_optimizer_unchanged(monkeypatch):
    from kerasbridge import fastpath, training
    m = mlp()
    x, y = np.random.default_rng(16).random((4, 6)), np.arange(4) % 3
    training.train_on_batch(m, x, y)
    before = [w.copy() for w in m.get_weights()]
    opt_before = [np.array(v.numpy()) for v in m.optimizer.variables]

    def boom(logs):  # after the step has moved every weight
        raise RuntimeError("boom")
    monkeypatch.setattr(fastpath, "pythonify_logs", boom)
    with pytest.raises(RuntimeError, match="boom"):
        training.train_on_batch(m, x, y)
    assert all(np.array_equal(u, v) for u, v in zip(m.get_weights(), before))
    assert all(np.array_equal(u, v.numpy()) for u, v in zip(opt_before, m.optimizer.variables))


def test_snapshot_values_stay_as_they_were_when_the_variables_change():
    import gc
    import weakref
    from kerasbridge import training
    m = mlp()
    x, y = np.random.default_rng(17).random((4, 6)), np.arange(4) % 3
    m.train_on_batch(x, y)
    snap = training.snapshot(m)
    before = [np.array(keras.ops.convert_to_numpy(v)) for v in m.variables + m.optimizer.variables]
    assert [np.array(s) for _, s in snap] and all(np.array_equal(np.array(s), b) for (_, s), b in zip(snap, before))
    m.train_on_batch(x, y)
    m.set_weights([np.zeros_like(w) for w in m.get_weights()])
    assert all(np.array_equal(np.array(s), b) for (_, s), b in zip(snap, before))
    assert training.snapshot(m)[0][1] is not snap[0][1]  # a new read each time, from the kept reader
    ref = weakref.ref(m)
    del m, snap
    gc.collect()
    assert ref() is None  # the kept reader does not keep the model alive
