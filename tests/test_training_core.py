"""The core's compile/fit/evaluate/predict from Python: checks before Keras runs."""

import numpy as np
import keras
import pytest

import kerasbridge as kb
from kerasbridge.errors import ArgumentError, LabelRangeError, UnknownIdentifierError


def mlp():
    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.Input((5,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(3, activation="softmax")])
    kb.compile(m, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return m


def test_fit_evaluate_predict_python_idioms():
    m = mlp()
    x = np.random.default_rng(0).random((30, 5))
    y = np.arange(30) % 3
    h = kb.fit(m, x, y, epochs=2, batch_size=10.0, verbose=0)
    d = kb.history_to_dict(h)
    assert list(d["metrics"]) == ["loss", "accuracy"] and len(d["metrics"]["loss"]) == 2
    ev = kb.evaluate(m, x, y, verbose=0)
    assert list(ev) == ["loss", "accuracy"]
    assert kb.predict(m, x, verbose=0).shape == (30, 3)


def test_fit_arguments_are_coerced_by_the_argument_spec():
    m = mlp()
    x = np.random.default_rng(0).random((30, 5))
    y = np.arange(30) % 3
    with pytest.raises(ArgumentError, match="`epochs` must be a whole number, received 1.5"):
        kb.fit(m, x, y, epochs=1.5, verbose=0)
    with pytest.raises(ArgumentError, match="`steps_per_execution`"):
        kb.compile(m, optimizer="adam", loss="sparse_categorical_crossentropy", steps_per_execution=2.5)
    h = kb.fit(m, x, y, epochs=1.0, batch_size=15.0, verbose=0.0)
    assert h.params["epochs"] == 1 and h.params["steps"] == 2


def test_labels_out_of_range_fail_before_training():
    m = mlp()
    w = [v.copy() for v in m.get_weights()]
    with pytest.raises(LabelRangeError, match="0-based"):
        kb.fit(m, np.zeros((6, 5)), np.array([1, 2, 3, 1, 2, 3]), epochs=1, verbose=0)
    for a, b in zip(w, m.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_unknown_identifiers_list_close_matches():
    m = mlp()
    with pytest.raises(UnknownIdentifierError, match="'mse'|'mae'"):
        kb.compile(m, optimizer="adam", loss="msee")
    with pytest.raises(UnknownIdentifierError, match="'adam'"):
        kb.compile(m, optimizer="adm", loss="mse")


def test_keras2_optimizer_arguments():
    opt = kb.make_optimizer("sgd", lr=0.1, decay=0.01, momentum=0.9)
    assert isinstance(opt._learning_rate, keras.optimizers.schedules.InverseTimeDecay)
    # Keras 2: lr / (1 + decay * iterations)
    assert float(opt._learning_rate(10)) == pytest.approx(0.1 / (1 + 0.01 * 10))


def test_batch_size_with_dataset_is_an_error():
    import tensorflow as tf
    m = mlp()
    ds = tf.data.Dataset.from_tensor_slices((np.zeros((4, 5), np.float32), np.zeros(4, np.int32))).batch(2)
    with pytest.raises(ArgumentError, match="already makes batches"):
        kb.fit(m, ds, batch_size=2, verbose=0)
    h = kb.fit(m, ds, epochs=1, verbose=0)
    assert len(h.history["loss"]) == 1


def test_checkpoint_paths_follow_keras3_rules(tmp_path):
    cb = kb.callbacks.make_callback("ModelCheckpoint", filepath=str(tmp_path / "w.hdf5"), save_weights_only=True)
    assert cb.filepath.endswith("w.weights.h5")
    cb = kb.callbacks.make_callback("ModelCheckpoint", filepath=str(tmp_path / "m.hdf5"))
    assert cb.filepath.endswith("m.h5")


def test_layers_accept_r_shaped_arguments():
    layer = kb.make_layer("Conv2D", filters=4.0, kernel_size=[3.0, 3.0], input_shape=[8.0, 8.0, 1.0])
    assert layer.filters == 4 and layer.kernel_size == (3, 3)
    emb = kb.make_layer("Embedding", input_dim=10.0, output_dim=2.0, input_length=5.0)
    model = keras.Sequential([emb])
    assert model.input_shape == (None, 5)
