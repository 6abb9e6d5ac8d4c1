"""legacy/model_losses.py: model.add_loss / add_metric with symbolic tensors."""

import keras
import numpy as np
import pytest

from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import model_losses


def functional():
    keras.utils.set_random_seed(0)
    inp = keras.Input((3,))
    hidden = keras.layers.Dense(4)(inp)
    return keras.Model(inp, keras.layers.Dense(1)(hidden)), hidden


def test_symbolic_loss_joins_the_training_loss_and_metric_the_logs(tmp_path):
    model, hidden = functional()
    names = list(model.output_names)
    model_losses.add_loss(model, keras.ops.mean(hidden) * 0.0 + 10.0)
    model_losses.add_metric(model, keras.ops.mean(hidden, axis=-1), name="hidden_mean")
    assert model.output_names == names     # compile()'s per-output losses still match
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.ones((8, 3)), np.zeros((8, 1))
    hist = model.fit(x, y, epochs=2, verbose=0).history
    assert set(hist) == {"loss", "hidden_mean"}
    assert all(v >= 10.0 for v in hist["loss"])                 # the added loss is in the loss
    ev = model.evaluate(x, y, verbose=0, return_dict=True)
    assert set(ev) == {"loss", "hidden_mean"} and ev["loss"] >= 10.0
    hidden_model = keras.Model(model.inputs, hidden)
    np.testing.assert_allclose(ev["hidden_mean"], hidden_model.predict(x, verbose=0).mean(), rtol=1e-5)
    assert model.predict(x, verbose=0).shape == (8, 1)          # outputs unchanged
    path = str(tmp_path / "m.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert loaded.evaluate(x, y, verbose=0, return_dict=True) == pytest.approx(ev)


def test_add_metric_needs_a_name_and_a_known_aggregation():
    model, hidden = functional()
    with pytest.raises(ArgumentError, match="needs a `name`"):
        model_losses.add_metric(model, hidden)
    with pytest.raises(ArgumentError, match="aggregation"):
        model_losses.add_metric(model, hidden, name="h", aggregation="max")


def test_symbolic_loss_needs_a_functional_model():
    seq = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    with pytest.raises(ArgumentError, match="functional model"):
        model_losses.add_loss(seq, keras.ops.mean(keras.Input((2,))))
