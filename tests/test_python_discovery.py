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


VENV_PY = os.path.join(ROOT, ".venv", "bin", "python")


def test_library_sets_no_environment_variable():
    """Issue 11: loading the package (and its first use) changes no R environment variable."""
    p = rscript("before <- Sys.getenv(); library(kerasbridge); after <- Sys.getenv(); "
                "cat('SAME', identical(as.list(before), as.list(after)), '\\n'); "
                "cat('RP', Sys.getenv('RETICULATE_PYTHON', 'unset'), '\\n')",
                KERASBRIDGE_PYTHON=VENV_PY)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "SAME TRUE" in p.stdout and "RP unset" in p.stdout


def test_use_python_after_library_is_honoured_without_warnings():
    """A user's use_python() after library(kerasbridge) wins over KERASBRIDGE_PYTHON
    (which names a Python without the core here): no warning, and the model builds."""
    p = rscript(f"library(kerasbridge); reticulate::use_python('{VENV_PY}'); "
                "m <- keras_model_sequential(input_shape = 2) %>% layer_dense(1); "
                "cat('PY', reticulate::py_config()$python, '\\n'); "
                "cat('SOURCE', kerasbridge_config()$source, '\\n'); "
                "cat('RP', Sys.getenv('RETICULATE_PYTHON', 'unset'), '\\n')",
                KERASBRIDGE_PYTHON="/usr/bin/python3")
    assert p.returncode == 0, p.stderr[-2000:]
    assert f"PY {VENV_PY}" in p.stdout
    assert "SOURCE use_python() / use_virtualenv()" in p.stdout
    assert "RP unset" in p.stdout
    assert "Warning" not in p.stderr and "ignored" not in p.stderr, p.stderr


def test_use_virtualenv_is_honoured():
    p = rscript(f"library(kerasbridge); reticulate::use_virtualenv('{os.path.join(ROOT, '.venv')}'); "
                "invisible(kerasbridge:::core()); cat('PY', reticulate::py_config()$python, '\\n')",
                KERASBRIDGE_PYTHON="/usr/bin/python3")
    assert p.returncode == 0, p.stderr[-2000:]
    assert f"PY {VENV_PY}" in p.stdout
    assert "Warning" not in p.stderr, p.stderr


def test_reticulate_python_comes_before_kerasbridge_python():
    p = rscript("library(kerasbridge); cfg <- kerasbridge_config(); "
                "cat('PY', cfg$python, '\\n'); cat('SOURCE', cfg$source, '\\n')",
                RETICULATE_PYTHON=VENV_PY, KERASBRIDGE_PYTHON="/usr/bin/python3")
    assert p.returncode == 0, p.stderr[-2000:]
    assert f"PY {VENV_PY}" in p.stdout
    assert "SOURCE the RETICULATE_PYTHON environment variable" in p.stdout


def test_config_reports_the_choice_before_python_starts():
    p = rscript("library(kerasbridge); cfg <- kerasbridge_config(initialize = FALSE); "
                "cat('SOURCE', cfg$source, '\\n'); cat('STARTED', reticulate::py_available(initialize = FALSE), '\\n')",
                KERASBRIDGE_PYTHON=VENV_PY)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "SOURCE the KERASBRIDGE_PYTHON environment variable" in p.stdout
    assert "STARTED FALSE" in p.stdout


def test_r_package_requirements_match_pyproject():
    """install_kerasbridge() installs the pins of pyproject.toml, from the copy the
    R package ships (rpkg/inst/python-requirements.txt)."""
    import tomllib
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        deps = tomllib.load(f)["project"]["dependencies"]
    with open(os.path.join(ROOT, "rpkg", "inst", "python-requirements.txt")) as f:
        shipped = [ln.split("#")[0].strip() for ln in f]
    shipped = [s for s in shipped if s]
    assert shipped == deps, ("rpkg/inst/python-requirements.txt must list pyproject.toml's "
                             "[project] dependencies, one a line:\n" + "\n".join(deps))
