"""rlimits.py: R's time limits checked between batches of calls from R."""

import keras
import numpy as np
import pytest

from kerasbridge import frontend, interrupts, rlimits, training
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
        assert interrupts.checked([]) == []
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
                     callbacks=[cb])  # fit() adds the step check
    assert int(m.optimizer.iterations.numpy()) >= 2  # whole steps kept, not rolled back


def test_the_flag_set_while_python_ran_is_read_at_the_next_batch(checker, monkeypatch):
    """A limit that ran out during the call (R's event poll kept its error and
    set the flag, rpkg/src/timelimits.c) is acted on at once, not after INTERVAL."""
    calls, state = checker
    flag = [0]
    monkeypatch.setattr(rlimits, "_pending", lambda: flag[0])
    with frontend.using("r"):
        rlimits.check()
        rlimits.check()
        assert len(calls) == 1  # throttled while the flag is down
        flag[0] = 1
        state["out"] = RFailure("r9", "reached elapsed time limit")
        with pytest.raises(rlimits.TimeLimitReached, match="time limit"):
            rlimits.check()
    assert len(calls) == 2


def test_one_step_check_for_interrupts_and_time_limits(checker):
    with frontend.using("r"):
        cbs = interrupts.checked([])
    assert [type(c).__name__ for c in cbs] == ["StepCheck"]
