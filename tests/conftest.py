import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import rbridge  # noqa: E402

_exit_status = {"code": None}


@pytest.fixture(scope="session")
def R():
    """The R side, embedded in this process: R.r("code") evaluates R code,
    R.put(name=value) makes a Python value visible in R as py$name."""
    rbridge.r('suppressPackageStartupMessages(library(kerasbridge))')
    return rbridge


@pytest.fixture(autouse=True)
def _frontend_for_test(request):
    """R-driven tests (those using the R fixture) read the core's messages as R
    users do, also where the test's Python code calls the core; the others as
    Python users do. The R package itself enters "r" around its own calls."""
    from kerasbridge import frontend
    with frontend.using("r" if "R" in request.fixturenames else "python"):
        yield


def pytest_sessionfinish(session, exitstatus):
    _exit_status["code"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    # Embedded R + reticulate 1.28 can abort at interpreter exit (rpy2's endr()
    # runs R finalizers without the GIL; ../shared/PLATFORM.md). Free R's objects
    # through reticulate first, then leave without running exit hooks, keeping
    # pytest's exit status.
    if rbridge.started():
        try:
            rbridge.shutdown()
        except Exception as e:  # pragma: no cover
            print(f"rbridge shutdown: {e}", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        code = _exit_status["code"]
        os._exit(1 if code is None else code)
