"""How the R package finds its Python: lazily, deterministically, with a clear
error when the core can't be imported. Each case runs in a fresh R process."""

import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rscript(code, **env_overrides):
    env = dict(os.environ)
    env["R_LIBS"] = env.get("KERASBRIDGE_RLIB", os.path.join(ROOT, ".rlib"))
    env.pop("RETICULATE_PYTHON", None)
    env.update(env_overrides)
    return subprocess.run(["Rscript", "-e", code], env=env, capture_output=True, text=True, timeout=300)


def test_library_does_not_start_python():
    p = rscript("library(kerasbridge); cat('STARTED', reticulate::py_available(initialize = FALSE), '\\n'); "
                "f <- keras_model_sequential; cat('STILL', reticulate::py_available(initialize = FALSE), '\\n')")
    assert p.returncode == 0, p.stderr
    assert "STARTED FALSE" in p.stdout and "STILL FALSE" in p.stdout


def test_kerasbridge_python_env_var_is_used():
    py = os.path.join(ROOT, ".venv", "bin", "python")
    p = rscript("library(kerasbridge); invisible(kerasbridge:::core()); cat('PY', reticulate::py_config()$python, '\\n')",
                KERASBRIDGE_PYTHON=py)
    assert p.returncode == 0, p.stderr[-2000:]
    assert f"PY {py}" in p.stdout


def test_missing_core_is_an_r_error_naming_the_python_tried():
    p = rscript("library(kerasbridge); tryCatch(keras_model_sequential(), error = function(e) "
                "{ cat(class(e)[1], '\\n'); cat(conditionMessage(e), '\\n') })",
                KERASBRIDGE_PYTHON="/usr/bin/python3")
    out = p.stdout
    assert "kerasbridge_python_error" in out, out + p.stderr[-2000:]
    assert "/usr/bin/python3" in out
    assert "KERASBRIDGE_PYTHON" in out and "scripts/setup.sh" in out


def test_project_venv_is_found_next_to_the_r_library():
    """With no environment variable, the package finds <project>/.venv from its
    own library path (<project>/.rlib), not the interpreter the venv links to."""
    env_python = os.environ.get("KERASBRIDGE_RLIB")
    if env_python and not env_python.startswith(ROOT):
        import pytest
        pytest.skip("R library outside the project")
    p = rscript("library(kerasbridge); invisible(keras_model_sequential()); "
                "cat('PY', reticulate::py_config()$python, '\\n')", KERASBRIDGE_PYTHON="")
    assert p.returncode == 0, p.stderr[-2000:]
    assert f"PY {os.path.join(ROOT, '.venv', 'bin', 'python')}" in p.stdout
