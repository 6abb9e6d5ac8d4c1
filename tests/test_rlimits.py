"""rlimits.py: R's time limits checked between batches of calls from R."""

import keras
import numpy as np
import pytest

from kerasbridge import frontend, rlimits, training
from kerasbridge.errors import RFailure


@pytest.fixture
def checker(monkeypatch):
    calls = []
    state = {"out": None}

    def fn():
        calls.append(1)
        return state["out"]
    monkeypatch.setattr(rlimits, "_checker", fn)
    monkeypatch.setattr(rlimits, "_last", [0.0])
    return calls, state


def test_check_raises_the_kept_r_error_and_throttles(checker):
    calls, state = checker
    with frontend.using("r"):
        rlimits.check()
        rlimits.check()  # within INTERVAL: no second call into R
        assert len(calls) == 1
        state["out"] = RFailure("r7", "reached elapsed time limit")
        with pytest.raises(rlimits.TimeLimitReached, match="time limit") as e:
            rlimits.check(force=True)
    assert e.value.r_error_id == "r7"
    assert not isinstance(e.value, Exception)  # passes every `except Exception` (intact_on_failure)


def test_python_users_are_not_checked(checker):
    calls, _ = checker
    with frontend.using("python"):
        rlimits.check(force=True)
        assert rlimits.checked([]) == []
    assert calls == []


def test_fit_stops_at_a_batch_start_keeping_the_steps_done(checker, monkeypatch):
    calls, state = checker
    monkeypatch.setattr(rlimits, "INTERVAL", 0.0)
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    m.compile(optimizer="sgd", loss="mse")

    def stop_at_fourth():
        state["out"] = RFailure("r1", "reached elapsed time limit") if len(calls) >= 4 else None
    cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: stop_at_fourth())
    with frontend.using("r"), pytest.raises(rlimits.TimeLimitReached):
        training.fit(m, np.ones((40, 2)), np.ones(40), epochs=5, batch_size=10, verbose=0,
                     callbacks=rlimits.checked([cb]))
    assert int(m.optimizer.iterations.numpy()) >= 2  # whole steps kept, not rolled back


def test_an_interrupt_r_had_pending_stops_as_ctrl_c(checker):
    _, state = checker
    state["out"] = "interrupt"
    with frontend.using("r"), pytest.raises(KeyboardInterrupt):
        rlimits.check(force=True)
