"""Issue 13: tf.distribute from R. R is only ever entered on R's main thread
(errors.check_r_thread guards every call into R): under MirroredStrategy, whose
replicas run on threads of their own, an R-defined layer is an R error of
class kerasbridge_r_thread_error, never an abort of the R process. And
tf_config_cluster() (distribute.py) writes and reads TF_CONFIG.
"""

import json
import os
import shutil
import subprocess
import threading

import pytest

from kerasbridge import distribute, frontend
from kerasbridge.errors import ArgumentError, RThreadError, check_r_thread

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# A fresh R process: logical devices must be configured before TensorFlow starts.
CHILD = r"""
suppressPackageStartupMessages(library(kerasbridge))
cpu <- tf$config$list_physical_devices("CPU")[[1]]
tf$config$set_logical_device_configuration(cpu, list(tf$config$LogicalDeviceConfiguration(),
                                                     tf$config$LogicalDeviceConfiguration()))
set.seed(1); x <- matrix(runif(64 * 4), 64); y <- matrix(runif(64), 64)
Scale <- new_layer_class("Scale", call = function(inputs) inputs * 2)
train <- function(strategy, r_layer) {
  build <- function() {
    set_random_seed(1)
    inp <- keras_input(shape = 4)
    h <- if (r_layer) Scale()(inp) else layer_dense(inp, 4)
    model <- keras_model(inp, layer_dense(h, 1))
    compile(model, loss = "mse", optimizer = optimizer_sgd(learning_rate = 0.1))
    model
  }
  model <- if (is.null(strategy)) build() else with(strategy$scope(), build())
  fit(model, x, y, epochs = 2, batch_size = 16, shuffle = FALSE, verbose = 0)
  unlist(lapply(get_weights(model), as.numeric))
}
mirrored <- tf$distribute$MirroredStrategy(list("/cpu:0", "/cpu:1"))
cat("REPLICAS", mirrored$num_replicas_in_sync, "\n")
r <- tryCatch({ train(mirrored, TRUE); "trained" },
              error = function(e) paste(class(e)[1], gsub("\n", " ", conditionMessage(e))))
cat("MIRRORED R-LAYER", r, "\n")
rloss <- tryCatch({
  with(mirrored$scope(), {
    inp <- keras_input(shape = 4)
    model <- keras_model(inp, layer_dense(inp, 1))
    compile(model, optimizer = "sgd", loss = function(y_true, y_pred) op_mean(op_square(y_true - y_pred)),
            metrics = list(custom_metric("cm", function(y_true, y_pred) op_mean(y_pred))))
  })
  fit(model, x, y, epochs = 1, batch_size = 16, verbose = 0); "trained"
}, error = function(e) paste(class(e)[1], gsub("\n", " ", conditionMessage(e))))
cat("MIRRORED R-LOSS", rloss, "\n")
one <- tryCatch({ train(tf$distribute$OneDeviceStrategy("/cpu:0"), TRUE); "trained" },
                error = function(e) conditionMessage(e))
cat("ONEDEVICE R-LAYER", one, "\n")
cat("PLAIN MAXDIFF", max(abs(train(mirrored, FALSE) - train(NULL, FALSE))), "\n")
"""


def _env():
    env = dict(os.environ)
    env["R_LIBS"] = env.get("KERASBRIDGE_RLIB", os.path.join(ROOT, ".rlib"))
    env.setdefault("KERASBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    env.setdefault("RETICULATE_PYTHON", env["KERASBRIDGE_PYTHON"])
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    env.pop("TF_CONFIG", None)
    return env


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_r_layer_under_mirrored_strategy_is_an_r_error_not_a_crash(tmp_path):
    script = tmp_path / "child.R"
    script.write_text(CHILD)
    p = subprocess.run(["Rscript", str(script)], cwd=ROOT, env=_env(), capture_output=True,
                       text=True, timeout=240)
    out = p.stdout + p.stderr
    # before issue 13: "terminate called after throwing an instance of
    # 'Rcpp::LongjumpException'" and SIGABRT (return code 134 or -6)
    assert p.returncode == 0, out[-3000:]
    assert "REPLICAS 2" in out
    line = next(l for l in out.splitlines() if l.startswith("MIRRORED R-LAYER"))
    assert "kerasbridge_r_thread_error" in line, line
    assert "call() of class Scale" in line and "MirroredStrategy" in line
    assert "OneDeviceStrategy" in line  # the fix is named
    # an R closure given to compile() as loss is guarded too
    line = next(l for l in out.splitlines() if l.startswith("MIRRORED R-LOSS"))
    assert "kerasbridge_r_thread_error" in line and "`loss`" in line, line
    # the fix the message names works: one device runs on R's thread
    assert "ONEDEVICE R-LAYER trained" in out, out[-3000:]
    # a plain model trains under the strategy to the single-device numbers
    diff = float(next(l for l in out.splitlines() if l.startswith("PLAIN MAXDIFF")).split()[2])
    assert diff < 1e-5


def test_guard_r_functions_leaves_python_functions_alone():
    from kerasbridge.errors import guard_r_functions

    def f(y_true, y_pred):
        return y_pred
    assert guard_r_functions(f, "x") is f
    assert guard_r_functions({"a": [f, "mse"]}, "x") == {"a": [f, "mse"]}


def test_guard_passes_on_the_main_thread():
    check_r_thread("anything")


def test_guard_raises_on_another_thread():
    caught = []
    t = threading.Thread(target=lambda: caught.append(_raised(lambda: check_r_thread("The R function f"))))
    t.start()
    t.join()
    assert isinstance(caught[0], RThreadError)
    assert "The R function f" in str(caught[0]) and "main thread" in str(caught[0])


def test_guard_names_the_strategy_on_a_replica_thread():
    import tensorflow as tf
    # MirroredStrategy runs each replica on a thread of its own, even on one device
    strategy = tf.distribute.MirroredStrategy(["/cpu:0"])
    caught = []

    @tf.function
    def step():
        def replica_fn():
            caught.append(_raised(lambda: check_r_thread("The R method call() of class Scale")))
            return tf.constant(0.0)
        return strategy.run(replica_fn)

    step()
    assert isinstance(caught[0], RThreadError)
    assert "MirroredStrategy" in str(caught[0]) and "OneDeviceStrategy" in str(caught[0])


def test_one_device_strategy_runs_on_the_main_thread():
    import tensorflow as tf
    strategy = tf.distribute.OneDeviceStrategy("/cpu:0")
    seen = []

    @tf.function
    def step():
        def replica_fn():
            seen.append(threading.current_thread() is threading.main_thread())
            return tf.constant(0.0)
        return strategy.run(replica_fn)

    step()
    assert seen == [True]


def _raised(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return e
    return None


@pytest.fixture
def no_tf_config():
    """No TF_CONFIG during the test, and whatever the test wrote removed after it:
    a TF_CONFIG left behind would put every later TensorFlow process (the R
    suite's child R, for one) into a multi-worker cluster."""
    saved = os.environ.pop("TF_CONFIG", None)
    yield
    os.environ.pop("TF_CONFIG", None)
    if saved is not None:
        os.environ["TF_CONFIG"] = saved


def test_tf_config_cluster_writes_and_reads(no_tf_config):
    cluster = {"worker": ["127.0.0.1:12345", "127.0.0.1:12346"]}
    assert distribute.tf_config_cluster() is None
    out = distribute.tf_config_cluster(cluster, task_index=1)
    assert json.loads(os.environ["TF_CONFIG"]) == {"cluster": cluster, "task": {"type": "worker", "index": 1}}
    assert out == distribute.tf_config_cluster()


def test_tf_config_cluster_index_is_1_based_for_r(no_tf_config):
    with frontend.using("r"):
        out = distribute.tf_config_cluster({"worker": ["a:1", "b:2"]}, task_index=2.0)
        assert out["task"]["index"] == 2
        assert distribute.tf_config_cluster()["task"]["index"] == 2
    assert json.loads(os.environ["TF_CONFIG"])["task"]["index"] == 1


def test_tf_config_cluster_read_only(no_tf_config):
    distribute.tf_config_cluster({"worker": ["a:1"]}, task_index=0, set_env=False)
    assert "TF_CONFIG" not in os.environ


@pytest.mark.parametrize("args, argument, text", [
    (({"worker": ["a:1"]},), "task_index", "missing"),
    (({"worker": ["a:1"]}, "worker", 1), "task_index", "between 0 and 0"),
    (({"worker": ["a:1"]}, "chief", 0), "task_type", "'chief'"),
    (({"worker": ["nohost"]}, "worker", 0), "cluster", "host:port"),
    (("a:1",), "cluster", "named list"),
    (({"worker": ["a:1"]}, "worker", 0.5), "task_index", "whole number"),
])
def test_tf_config_cluster_bad_arguments(no_tf_config, args, argument, text):
    with pytest.raises(ArgumentError, match=text) as e:
        distribute.tf_config_cluster(*args)
    assert e.value.argument == argument


def test_tf_config_cluster_bad_json(monkeypatch):
    monkeypatch.setenv("TF_CONFIG", "{not json")
    with pytest.raises(ArgumentError, match="not valid JSON"):
        distribute.tf_config_cluster()


def test_python_users_import_it():
    import kerasbridge
    assert kerasbridge.tf_config_cluster is distribute.tf_config_cluster
