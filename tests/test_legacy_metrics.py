"""legacy/metrics.py: named lists of metric functions; Keras 2's metric order."""

import keras
import numpy as np
import pytest

import kerasbridge as kb
import kerasbridge.training
from kerasbridge.errors import UnknownIdentifierError
from kerasbridge.legacy import metrics


def rmse(y_true, y_pred):
    return keras.ops.sqrt(keras.ops.mean(keras.ops.square(y_true - y_pred)))


def test_custom_metric_takes_the_name():
    f = metrics.custom_metric("my_rmse", rmse)
    assert f.__name__ == "my_rmse" and float(f(np.array([1.0]), np.array([3.0]))) == pytest.approx(2.0)


def test_named_list_of_functions_names_metrics_in_history():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    named = metrics.name_metric_functions(model, {"rmse": rmse})
    assert [f.__name__ for f in named] == ["rmse"]
    kb.compile(model, optimizer="sgd", loss="mse", metrics={"rmse": rmse})
    h = kb.fit(model, np.zeros((4, 2)), np.zeros((4, 1)), epochs=1, verbose=0, validation_split=0.5)
    assert list(kb.history_to_dict(h)["metrics"]) == ["loss", "rmse", "val_loss", "val_rmse"]


def test_output_names_stay_a_per_output_dict():
    inp = keras.Input((2,))
    model = keras.Model(inp, {"a": keras.layers.Dense(1, name="a")(inp)})
    assert metrics.name_metric_functions(model, {"a": ["mae"]}) == {"a": ["mae"]}
    two = keras.Model(inp, {"a": keras.layers.Dense(1, name="a")(inp), "c": keras.layers.Dense(1, name="c")(inp)})
    with pytest.raises(UnknownIdentifierError, match="match no model output"):
        metrics.name_metric_functions(two, {"a": "mae", "b": "mae"})  # a misspelt output name


def test_names_that_are_not_outputs_make_a_plain_list_as_r_keras_2():
    # R keras 2.x's compile(): names not all output names -> a plain list; a
    # function (our metric_binary_accuracy arrives as "binary_accuracy") takes
    # its name, other entries lose theirs; no error.
    inp = keras.Input((2,))
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid", name="dense")(inp))
    named = metrics.name_metric_functions(model, {"acc": "binary_accuracy", "b": "accuracy", "mae": ["mae"]})
    assert [getattr(m, "__name__", None) or getattr(m, "name", m) for m in named] == ["acc", "accuracy", "mae"]
    assert isinstance(named[0], keras.metrics.BinaryAccuracy)
    assert metrics.name_metric_functions(model, {"auc": keras.metrics.AUC(name="auc")})[0].name == "auc"
    kb.compile(model, optimizer="sgd", loss="binary_crossentropy", metrics={"acc": "binary_accuracy"})
    h = kb.fit(model, np.zeros((4, 2)), np.ones((4, 1)), epochs=1, verbose=0, validation_split=0.5)
    assert list(kb.history_to_dict(h)["metrics"]) == ["loss", "acc", "val_loss", "val_acc"]


def test_keras2_order_loss_first_then_val_in_the_same_order():
    names = ["accuracy", "val_accuracy", "loss", "val_loss", "out_loss", "val_out_loss"]
    assert metrics.ordered_metric_names(names) == \
        ["loss", "out_loss", "accuracy", "val_loss", "val_out_loss", "val_accuracy"]
    from kerasbridge import training
    assert training.ordered_metric_names is metrics.ordered_metric_names  # the old name still works


def test_metric_functions_get_targets_of_the_predictions_rank():
    import keras
    from kerasbridge.legacy.metrics import match_target_rank
    seen = []

    def per_sample(y_true, y_pred):  # compares y_true with the argmax, as Keras 2 scripts do
        seen.append(tuple(y_true.shape))
        return keras.ops.cast(keras.ops.equal(y_true, keras.ops.expand_dims(keras.ops.argmax(y_pred, -1), -1)), "float32")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="softmax")])
    kb.compile(model, optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=[per_sample])
    x = np.random.RandomState(0).rand(8, 3)
    y = np.array([0, 1] * 4)
    kb.fit(model, x, y, epochs=1, batch_size=8, verbose=0)
    assert seen and all(s[-1] == 1 and len(s) == 2 for s in seen)
    # names and Metric objects pass through unchanged
    m = keras.metrics.AUC()
    assert match_target_rank(["accuracy", m]) == ["accuracy", m]
    assert match_target_rank([per_sample])[0].__name__ == "per_sample"


def test_named_metric_functions_warn_as_keras2_did():
    import keras
    from kerasbridge.pywarnings import Keras2Deprecation
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    with pytest.warns(Keras2Deprecation, match="deprecated"):
        kb.compile(model, optimizer="sgd", loss="mse", metrics={"acc": lambda y_true, y_pred: y_pred})


def test_per_output_losses_in_output_order_as_keras2_metrics_names():
    names = ["aux_loss", "gen_loss", "loss", "val_aux_loss", "val_gen_loss", "val_loss"]
    assert metrics.ordered_metric_names(names, ["gen", "aux"]) == \
        ["loss", "gen_loss", "aux_loss", "val_loss", "val_gen_loss", "val_aux_loss"]
    from kerasbridge import training
    keras.utils.set_random_seed(0)
    inp = keras.Input((3,))
    model = keras.Model(inp, [keras.layers.Dense(1, activation="sigmoid", name="gen")(inp),
                              keras.layers.Dense(4, activation="softmax", name="aux")(inp)])
    kb.compile(model, optimizer="sgd", loss=["binary_crossentropy", "sparse_categorical_crossentropy"])
    x, y = np.ones((8, 3), "float32"), [np.ones((8, 1), "float32"), np.zeros((8,), "int32")]
    assert list(training.train_on_batch(model, x, y)) == ["loss", "gen_loss", "aux_loss"]
    assert list(training.test_on_batch(model, x, y)) == ["loss", "gen_loss", "aux_loss"]
    assert list(training.evaluate(model, x, y, verbose=0)) == ["loss", "gen_loss", "aux_loss"]
    h = training.fit(model, x, y, epochs=1, verbose=0)
    assert list(training.history_to_dict(h)["metrics"]) == ["loss", "gen_loss", "aux_loss"]


class TwoHeads(keras.Model):
    def __init__(self):
        super().__init__()
        self.a = keras.layers.Dense(3, activation="softmax")
        self.b = keras.layers.Dense(1)

    def call(self, x):
        return [self.a(x), self.b(x)]


def test_subclassed_multi_output_model_names_outputs_as_keras2():
    keras.utils.set_random_seed(0)
    model = TwoHeads()
    kb.compile(model, optimizer="sgd", loss=["categorical_crossentropy", "mse"],
               metrics=[["accuracy"], ["accuracy"]])
    x = np.random.default_rng(0).random((8, 4), "float32")
    y = [keras.utils.to_categorical(np.arange(8) % 3, 3), np.ones((8, 1), "float32")]
    history = kb.fit(model, x, y, epochs=1, verbose=0)
    # Keras 3 alone: categorical_crossentropy_loss, mse_loss, accuracy, accuracy_1 (measured)
    assert sorted(history.history) == ["loss", "output_1_accuracy", "output_1_loss",
                                       "output_2_accuracy", "output_2_loss"]


def test_single_output_and_functional_models_keep_their_names():
    model = TwoHeads()
    kb.compile(model, optimizer="sgd", loss="mse")        # how many outputs is not said: Keras 3's names
    assert getattr(model, "output_names", None) is None
    inputs = keras.Input((4,))
    functional = keras.Model(inputs, [keras.layers.Dense(1, name="p")(inputs), keras.layers.Dense(1, name="q")(inputs)])
    kb.compile(functional, optimizer="sgd", loss=["mse", "mae"])
    assert list(functional.output_names) == ["p", "q"]


def test_outputs_of_one_nested_model_are_numbered_as_keras2():
    inputs = keras.Input((4,))
    disc = keras.Model(inputs, [keras.layers.Dense(1, activation="sigmoid")(inputs),
                                keras.layers.Dense(3, activation="softmax")(inputs)], name="discriminator")
    z = keras.Input((4,))
    combined = keras.Model(z, disc(z))
    kb.compile(combined, optimizer="sgd", loss=["binary_crossentropy", "sparse_categorical_crossentropy"])
    assert list(combined.output_names) == ["discriminator", "discriminator_1"]
    x = np.random.default_rng(0).random((8, 4), "float32")
    y = [np.ones((8, 1), "float32"), np.zeros((8, 1), "float32")]
    out = kb.training.evaluate(combined, x, y, verbose=0)
    # Keras 3 alone: one "discriminator_loss", the second output's overwriting the first's
    assert list(out)[:3] == ["loss", "discriminator_loss", "discriminator_1_loss"]
    assert out["loss"] == pytest.approx(out["discriminator_loss"] + out["discriminator_1_loss"], rel=1e-5)
