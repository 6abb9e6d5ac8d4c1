"""Errors and warnings of the class constructors, and loading in a new process."""

import os
import subprocess
import sys
import textwrap

import keras
import numpy as np
import pytest

import kerasbridge as kb
from classes_harness import python_frontend  # noqa: F401 (autouse)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# Callbacks may skip it, as in Keras 2 (tests/test_legacy_classes.py).
@pytest.mark.parametrize("maker", [kb.new_layer_class, kb.new_model_class, kb.new_metric_class,
                                   kb.new_loss_class])
def test_forgetting_parent_initialize_names_class_and_fix(maker):
    def initialize(self, units=2):
        self.units = units

    Cls = maker("Forgetful", initialize=initialize)
    with pytest.raises(kb.MethodError, match=r"Forgetful: `initialize` did not call the parent.*"
                                             r"super\(Forgetful, self\).__init__"):
        Cls()


@pytest.mark.parametrize("maker,typo,meant", [
    (kb.new_metric_class, "update_states", "update_state"),
    (kb.new_callback_class, "on_epoch_ends", "on_epoch_end"),
    (kb.new_model_class, "train_stp", "train_step"),
    (kb.new_loss_class, "cal", "call"),
])
def test_misspelled_hooks_warn_at_creation(maker, typo, meant):
    with pytest.warns(UserWarning, match=f"`{typo}`.*Did you mean `{meant}`"):
        maker("WithTypo", **{typo: lambda self, *a: None})


def test_python_error_in_callback_keeps_type_and_says_where():
    def on_train_batch_end(self, batch, logs):
        if batch == 1:
            raise ValueError("bad batch")

    Bad = kb.new_callback_class("BadBatch", on_train_batch_end=on_train_batch_end)
    inp = keras.Input((2,))
    model = keras.Model(inp, keras.layers.Dense(1)(inp))
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match="bad batch") as info:
        model.fit(np.ones((8, 2)), np.ones((8, 1)), batch_size=2, epochs=1, verbose=0, callbacks=[Bad()])
    assert any("BadBatch.on_train_batch_end()" in n and "epoch 0, batch 1" in n
               for n in getattr(info.value, "__notes__", []))


def test_method_error_reports_class_method_epoch_batch():
    from kerasbridge.classes.factory import method_error
    err = method_error("MyLayer", "call", RuntimeError("boom"), epoch=2, batch=0, phase="fit")
    assert isinstance(err, kb.MethodError)
    assert str(err) == "MyLayer.call() failed during fit(), epoch 2, batch 0: boom"
    assert (err.classname, err.method, err.epoch, err.batch) == ("MyLayer", "call", 2, 0)


SCRIPT = textwrap.dedent("""
    import os, sys, numpy as np, keras
    import kerasbridge as kb
    path, pred_file, mode = sys.argv[1:4]

    def define():
        def initialize(self, units=2, **kw):
            super(Saved, self).__init__(**kw)
            self.units = units
        def build(self, s):
            self.w = self.add_weight(shape=(s[-1], self.units), initializer="glorot_uniform", name="w")
        Saved = kb.new_layer_class("SavedLayer", initialize=initialize, build=build,
                                   call=lambda self, x: x @ self.w)
        return Saved

    x = np.linspace(0, 1, 12, dtype="float32").reshape(4, 3)
    if mode == "save":
        Saved = define()
        inp = keras.Input((3,))
        model = keras.Model(inp, Saved(units=2)(inp))
        model.save(path)
        np.save(pred_file, model.predict(x, verbose=0))
    else:
        try:
            kb.classes.saving.load_model(path)
            print("LOADED-WITHOUT-CLASS")
        except kb.UndefinedClassError as e:
            print("UNDEFINED:", e)
        define()
        model = kb.classes.saving.load_model(path)
        np.testing.assert_array_equal(model.predict(x, verbose=0), np.load(pred_file))
        print("SAME-PREDICTIONS")
""")


def test_save_in_one_process_load_in_another_and_undefined_class_error(tmp_path):
    script = tmp_path / "roundtrip.py"
    script.write_text(SCRIPT)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    args = [sys.executable, str(script), str(tmp_path / "m.keras"), str(tmp_path / "pred.npy")]
    subprocess.run(args + ["save"], check=True, env=env, capture_output=True, cwd=ROOT, timeout=300)
    out = subprocess.run(args + ["load"], env=env, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "UNDEFINED:" in out.stdout and "'SavedLayer'" in out.stdout and "Define it first" in out.stdout
    assert "SAME-PREDICTIONS" in out.stdout


# --- where Keras is: the tracking callback (pycore/kerasbridge/tracking.py) ---

def test_position_follows_callback_events_including_validation_inside_fit():
    from kerasbridge import tracking
    assert tracking.current() == (None, None, None)
    with tracking.tracked("fit", []) as cbs:
        tracker = cbs[0]
        assert tracking.current() == ("fit", None, None)  # Keras still building the model
        tracker.on_train_begin()
        tracker.on_epoch_begin(2)
        tracker.on_train_batch_begin(5)
        assert tracking.current() == ("fit", 2, 5)
        tracker.on_test_begin()
        tracker.on_test_begin()  # a second observer of the same event changes nothing
        tracker.on_test_batch_begin(1)
        assert tracking.current() == ("evaluate", None, 1)
        tracker.on_test_end()
        tracker.on_test_end()
        assert tracking.current() == ("fit", 2, 5)
        tracker.on_train_end()
    assert tracking.current() == (None, None, None)


@pytest.mark.parametrize("through_kb", [True, False])
def test_callback_error_during_validation_says_evaluate_and_batch(through_kb):
    # Validation inside fit() is evaluate(): the position says so, then comes
    # back to fit(); nothing is left behind when fit() fails.
    from kerasbridge import tracking

    def on_test_batch_begin(self, batch, logs):
        raise ValueError("bad validation batch")

    Bad = kb.new_callback_class("BadValidation", on_test_batch_begin=on_test_batch_begin)
    inp = keras.Input((2,))
    model = keras.Model(inp, keras.layers.Dense(1)(inp))
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.ones((4, 2), "float32"), np.ones((4, 1), "float32")
    args = dict(epochs=1, batch_size=2, verbose=0, validation_data=(x, y), callbacks=[Bad()])
    with pytest.raises(ValueError, match="bad validation batch") as info:
        kb.fit(model, x, y, **args) if through_kb else model.fit(x, y, **args)
    assert any("BadValidation.on_test_batch_begin()" in n and "during evaluate(), batch 0" in n
               for n in info.value.__notes__)
    assert tracking.current() == (None, None, None)


def test_r_error_ids_travel_in_the_exception_chain():
    from kerasbridge import errors
    failure = errors.RFailure("r7", "boom")
    with pytest.raises(errors.RFunctionError) as info:
        errors.r_result(failure)
    assert info.value.r_error_id == "r7" and str(info.value) == "boom"
    from kerasbridge.classes.factory import method_error
    err = method_error("MyLayer", "call", info.value)
    assert err.r_error_id == "r7"
    # Keras re-raises as a new exception of the same type `from None`: the id is
    # still found along the chain
    try:
        try:
            raise err
        except kb.MethodError as e:
            raise kb.MethodError("Exception encountered when calling ...") from None
    except kb.MethodError as outer:
        assert errors.r_condition_info(outer) == {"r_class": "kerasbridge_method_error", "r_error_id": "r7"}
    assert errors.r_condition_info(ValueError("x")) == {"r_class": None, "r_error_id": None}
    assert errors.RThreadError.r_class == "kerasbridge_r_thread_error"
    # every core error class declares its own R class (rpkg/R/errors.R reads it)
    classes = [c for c in vars(errors).values()
               if isinstance(c, type) and issubclass(c, Exception) and c.__module__ == errors.__name__]
    assert len(classes) >= 12
    for cls in classes:
        assert "r_class" in cls.__dict__, cls
        assert cls.r_class is None or (cls.r_class.startswith("kerasbridge_") and cls.r_class.endswith("_error"))
    assert kb.InputShapeError.r_class == "kerasbridge_input_shape_error"


def test_instances_are_found_by_key_while_alive():
    from kerasbridge.classes import factory

    class Thing:
        pass
    a, b = Thing(), Thing()
    ka = factory.instance_key(a)
    assert factory.instance_key(a) == ka and factory.instance_key(b) != ka
    assert factory.instance_of(ka) is a and factory.keyed_instance(a, ka)
    assert factory.attach_private(a, object()) == ka  # `private` keeps the instance's key
    import copy
    c = copy.copy(a)  # a copy shares the key but is not the keyed instance
    assert not factory.keyed_instance(c, ka)
    del a, c
    import gc
    gc.collect()
    with pytest.raises(RuntimeError, match="No live instance"):
        factory.instance_of(ka)
