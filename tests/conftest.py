import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import rbridge  # noqa: E402


@pytest.fixture(scope="session")
def R():
    """The R side, embedded in this process: R("code") evaluates R code."""
    rbridge.r('suppressPackageStartupMessages(library(kerasbridge))')
    return rbridge


def pytest_sessionfinish(session, exitstatus):
    rbridge.shutdown()
