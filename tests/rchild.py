"""The environment of a child R process the tests start (Rscript): the
project's R library and Python, quiet TensorFlow, and no TF_CONFIG (one left
by another test would put the child into a multi-worker cluster)."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def r_child_env():
    env = dict(os.environ)
    env["R_LIBS"] = env.get("KERASBRIDGE_RLIB", os.path.join(ROOT, ".rlib"))
    env.setdefault("KERASBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    env.setdefault("RETICULATE_PYTHON", env["KERASBRIDGE_PYTHON"])
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    env.pop("TF_CONFIG", None)
    return env
