"""new_callback_class() from Python: hooks, logs added by hooks, model access."""

import keras
import numpy as np

import kerasbridge as kb
from classes_harness import python_frontend  # noqa: F401 (autouse)


def small_model():
    keras.utils.set_random_seed(0)
    inp = keras.Input((3,))
    model = keras.Model(inp, keras.layers.Dense(1)(inp))
    model.compile(optimizer="sgd", loss="mse")
    return model


X = np.ones((12, 3), "float32")
Y = np.zeros((12, 1), "float32")


def test_hooks_see_epochs_batches_params_and_can_add_logs():
    events = []

    def on_train_begin(self, logs):
        events.append(("train_begin", self.params["epochs"], self.params["steps"]))

    def on_epoch_end(self, epoch, logs):
        events.append(("epoch_end", epoch, sorted(logs)))
        return {"loss_x2": logs["loss"] * 2}

    def on_train_batch_end(self, batch, logs):
        events.append(("batch", batch))

    Rec = kb.new_callback_class("Recorder", on_train_begin=on_train_begin,
                                on_epoch_end=on_epoch_end, on_train_batch_end=on_train_batch_end)
    model = small_model()
    h = model.fit(X, Y, epochs=2, batch_size=4, verbose=0, callbacks=[Rec()])
    assert events[0] == ("train_begin", 2, 3)
    assert [e[1] for e in events if e[0] == "batch"] == [0, 1, 2, 0, 1, 2]  # Python: 0-based
    assert ("epoch_end", 0, ["loss"]) in events
    np.testing.assert_allclose(h.history["loss_x2"], 2 * np.array(h.history["loss"]))


def test_stop_training_from_a_callback():
    def on_epoch_end(self, epoch, logs):
        if epoch == 1:
            self.model.stop_training = True

    Stop = kb.new_callback_class("StopAt2", on_epoch_end=on_epoch_end)
    h = small_model().fit(X, Y, epochs=10, verbose=0, callbacks=[Stop()])
    assert len(h.history["loss"]) == 2


def test_only_given_hooks_are_defined_so_no_batch_cost():
    from keras.src.utils.python_utils import is_default
    EpochOnly = kb.new_callback_class("EpochOnly", on_epoch_end=lambda self, epoch, logs: None)
    cb = EpochOnly()
    # Keras' own no-op hooks stay in place: nothing of ours runs per batch
    assert all(is_default(getattr(cb, h)) for h in
               ("on_train_batch_begin", "on_train_batch_end", "on_batch_end", "on_test_batch_end"))
    assert not is_default(cb.on_epoch_end)
    Batchy = kb.new_callback_class("Batchy", on_batch_end=lambda self, batch, logs: None)
    assert not is_default(Batchy().on_batch_end)


def test_test_and_predict_hooks():
    seen = []
    Cb = kb.new_callback_class(
        "EvalHooks",
        on_test_batch_end=lambda self, batch, logs: seen.append(("test", batch)),
        on_predict_end=lambda self, logs: seen.append(("predict_end",)))
    model = small_model()
    model.evaluate(X, Y, batch_size=6, verbose=0, callbacks=[Cb()])
    model.predict(X, verbose=0, callbacks=[Cb()])
    assert seen == [("test", 0), ("test", 1), ("predict_end",)]
