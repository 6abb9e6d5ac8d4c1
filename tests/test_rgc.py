"""rgc.py: in an R session, Python's cyclic garbage is collected on R's thread."""

import gc
import threading

import pytest

from kerasbridge import rgc


class Held:
    """Stands for a Python wrapper of an R object: records where it is freed."""
    freed_on = []

    def __init__(self):
        self.me = self  # a cycle: only the cyclic collector frees it

    def __del__(self):
        Held.freed_on.append(threading.current_thread().name)


@pytest.fixture
def r_session(monkeypatch):
    was = gc.isenabled()
    monkeypatch.setattr(rgc, "_active", [False])
    monkeypatch.delitem(__import__("sys").modules, "rpy2", raising=False)
    rgc.take_over()
    yield
    if was:
        gc.enable()


def test_cycles_made_on_a_worker_thread_are_freed_on_the_main_thread(r_session):
    assert rgc.active() and not gc.isenabled()
    Held.freed_on = []
    kept = []

    def worker():
        for _ in range(200):
            Held()
        kept.append([[i] for i in range(50000)])  # allocations far past the collector's threshold
    t = threading.Thread(target=worker, name="keras-worker")
    t.start()
    t.join()
    assert Held.freed_on == []  # nothing collected on the worker
    rgc.collect_if_due()
    assert len(Held.freed_on) == 200 and set(Held.freed_on) == {threading.main_thread().name}


def test_nothing_happens_below_the_threshold_or_off_the_main_thread(r_session):
    gc.collect()
    Held.freed_on = []
    Held()
    rgc.collect_if_due()  # one object: not due
    assert Held.freed_on == []
    kept = []
    t = threading.Thread(target=lambda: (kept.append([[i] for i in range(50000)]), rgc.collect_if_due()))
    t.start()
    t.join()
    assert Held.freed_on == []
    gc.collect()
    assert Held.freed_on == [threading.main_thread().name]


def test_python_hosting_r_keeps_its_collector(monkeypatch):
    monkeypatch.setattr(rgc, "_active", [False])
    monkeypatch.setitem(__import__("sys").modules, "rpy2", object())
    rgc.take_over()
    assert not rgc.active() and gc.isenabled()
