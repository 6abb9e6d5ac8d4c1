"""legacy/training_args.py: evaluate()/predict() drop arguments they don't take, as R keras 2.x did."""

import warnings

import keras
import numpy as np

from kerasbridge import frontend, training
from kerasbridge.legacy.training_args import drop_unused
from kerasbridge.pywarnings import Keras2Deprecation


def test_fit_arguments_given_to_evaluate_and_predict_are_dropped_with_a_warning():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.ones((4, 2), "float32"), np.ones((4, 1), "float32")
    with warnings.catch_warnings(record=True) as seen, frontend.using("r"):
        warnings.simplefilter("always")
        assert list(training.evaluate(model, x, y, epochs=1, verbose=0)) == ["loss"]
        assert training.predict(model, x, epochs=1, shuffle=True, verbose=0).shape == (4, 1)
    dropped = [w.message for w in seen if isinstance(w.message, Keras2Deprecation)]
    assert [m.argument for m in dropped] == ["epochs", "epochs", "shuffle"]
    assert "`epochs` is not an argument of evaluate() (R keras 2.x ignored it)" in str(dropped[0])
    assert drop_unused("evaluate", {"batch_size": 2, "steps": 1}) == {"batch_size": 2, "steps": 1}
