"""Quiet start (issue 11): TensorFlow's startup lines don't reach the user
unless TF_CPP_MIN_LOG_LEVEL asks for them. Each case runs in a fresh process:
the lines are printed once, when TensorFlow is first imported."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = sys.executable

from kerasbridge.quiet import filter_startup_lines  # noqa: E402

NOTICE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
INFO = "I0000 00:00:1796024883.955548   30569 port.cc:153] oneDNN custom operations are on.\n"
INFO2 = ("I0000 00:00:1796024884.063758   30569 cpu_feature_guard.cc:227] This TensorFlow binary is optimized.\n"
         "To enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow.\n")
ERR = "E0000 00:00:1796024884.1   30569 cuda_dnn.cc:8] Unable to register cuDNN factory\n"


def _env(**over):
    env = dict(os.environ)
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)
    env.update(over)
    return env


def test_filter_drops_records_below_the_level_with_their_continuation_lines():
    # a line after a record is taken as its continuation, so the user's line comes first
    text = "a line of the user's\n" + NOTICE + INFO + INFO2 + ERR
    assert filter_startup_lines(text, 2) == "a line of the user's\n" + ERR
    assert filter_startup_lines(text, 3) == "a line of the user's\n"
    assert filter_startup_lines(text, 0) == text


def test_importing_the_core_prints_nothing():
    p = subprocess.run([PY, "-c", "import kerasbridge"], env=_env(), capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""


def test_a_level_set_by_the_user_is_honoured():
    p = subprocess.run([PY, "-c", "import kerasbridge, os; print(os.environ['TF_CPP_MIN_LOG_LEVEL'])"],
                       env=_env(TF_CPP_MIN_LOG_LEVEL="0"), capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    # at level 0 TensorFlow may log its own INFO records (e.g. a traceback of an
    # optional import) on stdout: the value printed last is the script's.
    assert p.stdout.strip().splitlines()[-1] == "0"
    assert "port.cc" in p.stderr or "cpu_feature_guard" in p.stderr  # TensorFlow's INFO lines, as asked


def test_an_r_script_that_fits_a_model_prints_nothing_on_stderr():
    code = ('library(kerasbridge); m <- keras_model_sequential(input_shape = 4) %>% layer_dense(2); '
            'm %>% compile(loss = "mse"); '
            'invisible(m %>% fit(matrix(runif(40), 10), matrix(runif(20), 10), epochs = 1, verbose = 0))')
    env = _env(R_LIBS=os.environ.get("KERASBRIDGE_RLIB", os.path.join(ROOT, ".rlib")))
    p = subprocess.run(["Rscript", "-e", code], env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stderr == ""
