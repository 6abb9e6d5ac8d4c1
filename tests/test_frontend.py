"""The front end is a context variable set per call (pycore/kerasbridge/frontend.py)."""

import threading

from kerasbridge import frontend


def test_using_and_call_as_scope_the_front_end():
    with frontend.using("python"):
        assert not frontend.is_r() and frontend.fmt_shape((None, 3)) == "(None, 3)"
        with frontend.using("r"):
            assert frontend.is_r() and frontend.fmt_shape((None, 3)) == "c(NA, 3)"
            assert frontend.call_as("python", frontend.get_frontend) == "python"
            assert frontend.index(0) == 1
        assert frontend.get_frontend() == "python"
        assert frontend.call_as("r", frontend.fmt_value, None) == "NULL"


def test_enter_leave_for_callers_without_with_blocks():
    with frontend.using("python"):
        token = frontend.enter("r")
        assert frontend.is_r()
        frontend.leave(token)
        assert frontend.get_frontend() == "python"


def test_other_threads_see_python():
    seen = []
    with frontend.using("r"):
        t = threading.Thread(target=lambda: seen.append(frontend.get_frontend()))
        t.start()
        t.join()
    assert seen == ["python"]


def test_unknown_front_end_is_refused():
    import pytest
    with pytest.raises(ValueError, match="'python' or 'r'"):
        with frontend.using("julia"):
            pass
