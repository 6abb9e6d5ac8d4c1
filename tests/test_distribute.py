"""Issue 13: tf.distribute from R and Python.

- R code under strategies runs on R's thread (replicas.py): R-defined layers,
  losses, metrics, dataset functions under MirroredStrategy over two logical
  devices train to the single-device numbers; an R train_step() with two
  devices in one process is an R error (kerasbridge_r_thread_error), never an
  abort of the R process (before: "terminate called after throwing an instance
  of 'Rcpp::LongjumpException'").
- MultiWorkerMirroredStrategy trains from R (multi_worker.py): 2 and 3
  worker processes of tests/distribute/worker.R on 127.0.0.1 end with the
  weights of one process with the same global batch and seed; the chief's
  saved model is kept, other workers leave nothing behind.
- Fault tolerance: a worker killed with SIGKILL mid-epoch; after a restart,
  callback_backup_and_restore() resumes and the result equals an
  uninterrupted run.
- tf_config_cluster(), is_chief(), launch_workers() for R and Python.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from kerasbridge import distribute, frontend, replicas
from kerasbridge.errors import ArgumentError, RThreadError, check_r_thread

from rchild import r_child_env  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "tests", "distribute")
needs_r = pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")


def _lines(out, prefix):
    return [l for l in out.splitlines() if l.startswith(prefix)]


@needs_r
def test_r_code_under_mirrored_strategy_runs_on_r_thread():
    p = subprocess.run(["Rscript", os.path.join(HERE, "mirrored.R")], cwd=ROOT, env=r_child_env(),
                       capture_output=True, text=True, timeout=300)
    out = p.stdout + p.stderr
    assert p.returncode == 0, out[-3000:]
    assert "REPLICAS 2" in out and "STILL ALIVE" in out
    for label in ("PLAIN", "R-CODE", "R-ACTIVATION-LAMBDA", "R-DATASET-MAP", "R-TRAIN-STEP-ONE-DEVICE"):
        line = _lines(out, label + " ")[0]
        assert line.split()[1] == "trained", line
        weights, history = float(line.split()[3]), float(line.split()[5])
        assert weights < 1e-5 and history < 1e-5, line
    line = _lines(out, "R-TRAIN-STEP-TWO-DEVICES")[0]
    assert "kerasbridge_r_thread_error" in line and "2 devices" in line, line
    assert "one device per process" in line  # the fix is named


def _weights(path):
    return np.loadtxt(path)


def _single_r(tmp_path, epochs=4):
    ref = tmp_path / "single"
    ref.mkdir()
    p = subprocess.run(["Rscript", os.path.join(HERE, "worker.R"), str(ref), "r", "plain", str(epochs)],
                       cwd=ROOT, env=r_child_env(), capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, (p.stdout + p.stderr)[-3000:]
    return _weights(ref / "weights-single.txt")


@pytest.fixture(scope="module")
def r_reference(tmp_path_factory):
    """The single-process run every multi-worker run must match."""
    if shutil.which("Rscript") is None:
        pytest.skip("R is not installed")
    return _single_r(tmp_path_factory.mktemp("ref"))


@needs_r
@pytest.mark.parametrize("n, model", [(2, "r"), (3, "r-step")])
def test_r_multi_worker_training_matches_one_process(tmp_path, r_reference, n, model):
    """An R layer and an R metric (and with 3 workers an R train_step(), which
    computes what the default step does): the weights of one process."""
    command = ["Rscript", os.path.join(HERE, "worker.R"), str(tmp_path), model, "plain", "4"]
    workers = distribute.start_workers(command, n=n, env=r_child_env(), log_dir=f"{tmp_path}-logs")
    status = workers.wait(timeout=300)
    output = [workers.output(i) for i in range(n)]
    assert status == [0] * n, "\n".join(o[-2000:] for o in output)
    for i in range(1, n + 1):
        assert f"REPLICAS {n}" in output[i - 1]
        w = _weights(tmp_path / f"weights-worker{i}.txt")
        assert np.max(np.abs(w - r_reference)) < 1e-5
    # the chief's model is the one saved; the others left no private copy behind
    assert sorted(os.listdir(tmp_path)) == ["model.keras"] + [f"weights-worker{i}.txt" for i in range(1, n + 1)]
    temp = os.path.dirname(distribute._worker_dir())
    assert not [p for p in workers.procs if os.path.exists(os.path.join(temp, f"kerasbridge-workertemp-{p.pid}"))]


@needs_r
def test_r_multi_worker_resumes_after_a_worker_is_killed(tmp_path, r_reference):
    command = ["Rscript", os.path.join(HERE, "worker.R"), str(tmp_path), "r", "backup", "4"]
    workers = distribute.start_workers(command, n=2, env=r_child_env(), log_dir=f"{tmp_path}-logs")
    deadline = time.monotonic() + 240
    while "worker2 epoch 2 batch 1" not in workers.output(1):  # mid-epoch 3 (0-based 2)
        assert time.monotonic() < deadline and all(p.poll() is None for p in workers.procs), \
            workers.output(0)[-2000:] + workers.output(1)[-2000:]
        time.sleep(0.05)
    workers.kill(1, signal.SIGKILL)
    status = workers.wait(timeout=120)
    assert status[1] == -signal.SIGKILL
    meta = json.loads((tmp_path / "backup" / "training_metadata.json").read_text())
    assert meta["epoch"] == 2  # the last whole epoch before the kill
    run = distribute.launch_workers(command, n=2, env=r_child_env(), timeout=300, log_dir=f"{tmp_path}-logs2")
    assert run["status"] == [0, 0], "\n".join(o[-2000:] for o in run["output"])
    for i, out in enumerate(run["output"], start=1):
        assert f"worker{i} epoch 0 " not in out and f"worker{i} epoch 2 batch 0" in out  # resumed
        w = _weights(tmp_path / f"weights-worker{i}.txt")
        assert np.max(np.abs(w - r_reference)) < 1e-5
    assert not (tmp_path / "backup").exists()  # the chief removed its backup at the end


def test_python_multi_worker_training_matches_one_process(tmp_path):
    env = r_child_env()
    env["PYTHONPATH"] = os.pathsep.join([os.path.join(ROOT, "pycore"), env.get("PYTHONPATH", "")])
    command = [sys.executable, os.path.join(HERE, "worker.py"), str(tmp_path), "3"]
    single = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert single.returncode == 0, single.stderr[-3000:]
    run = distribute.launch_workers(command, n=2, env=env, timeout=300, log_dir=f"{tmp_path}-logs")
    assert run["status"] == [0, 0], "\n".join(o[-2000:] for o in run["output"])
    ref = _weights(tmp_path / "weights-py-single.txt")
    for i in (0, 1):
        assert "REPLICAS 2" in run["output"][i]
        assert np.max(np.abs(_weights(tmp_path / f"weights-py-worker{i}.txt") - ref)) < 1e-5
    assert "chief" in _lines(run["output"][0], "DONE")[0] and "chief" not in _lines(run["output"][1], "DONE")[0]


def test_a_failing_worker_stops_the_others(tmp_path):
    script = tmp_path / "w.py"
    script.write_text("import json, os, sys, time\n"
                      "i = json.loads(os.environ['TF_CONFIG'])['task']['index']\n"
                      "sys.exit(3) if i == 1 else time.sleep(60)\n")
    start = time.monotonic()
    run = distribute.launch_workers([sys.executable, str(script)], n=2, timeout=120, log_dir=f"{tmp_path}-logs")
    assert run["status"][1] == 3 and run["status"][0] != 0
    assert time.monotonic() - start < 30


def test_launch_workers_bad_arguments():
    with pytest.raises(ArgumentError, match="not found") as e:
        distribute.launch_workers(["no-such-program-kb"], n=2)
    assert e.value.argument == "command"
    with pytest.raises(ArgumentError, match="whole number") as e:
        distribute.launch_workers([sys.executable, "-c", "1"], n=1.5)
    assert e.value.argument == "n"


def test_one_local_replica_runs_on_the_calling_thread():
    import tensorflow as tf
    # TensorFlow runs even a single replica on a thread of its own; replicas.py runs it inline
    strategy = tf.distribute.MirroredStrategy(["/cpu:0"])
    seen = []

    @tf.function
    def step():
        def replica_fn():
            seen.append(threading.current_thread() is threading.main_thread())
            ctx = tf.distribute.get_replica_context()
            return ctx.all_reduce("sum", tf.constant(2.0))  # a merge_call, run inline
        return strategy.run(replica_fn)

    assert float(step()) == 2.0
    assert seen == [True]


def test_enter_r_on_the_main_thread_is_a_call():
    assert replicas.enter_r("f", lambda a, b=0: a + b, 1, b=2) == 3


def test_enter_r_off_a_replica_thread_raises():
    caught = []
    t = threading.Thread(target=lambda: caught.append(_raised(
        lambda: replicas.enter_r("The R function f", lambda: 1))))
    t.start()
    t.join()
    assert isinstance(caught[0], RThreadError)
    assert "The R function f" in str(caught[0]) and "main thread" in str(caught[0])


def test_guard_passes_on_the_main_thread():
    check_r_thread("anything")


def test_guard_r_functions_leaves_python_functions_alone():
    from kerasbridge.errors import guard_r_functions

    def f(y_true, y_pred):
        return y_pred
    assert guard_r_functions(f, "x") is f
    assert guard_r_functions({"a": [f, "mse"]}, "x") == {"a": [f, "mse"]}


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


def test_is_chief_and_worker_path(no_tf_config, tmp_path):
    target = str(tmp_path / "m.keras")
    assert distribute.is_chief() and distribute.worker_path(target) == target
    distribute.tf_config_cluster({"worker": ["a:1", "b:2"]}, task_index=1)
    assert not distribute.is_chief()
    private = distribute.worker_path(target)
    assert private != target and os.path.basename(private) == "m.keras"
    distribute.tf_config_cluster({"chief": ["c:0"], "worker": ["a:1"]}, task_type="worker", task_index=0)
    assert not distribute.is_chief()  # a cluster with a chief: the first worker isn't it
    distribute.tf_config_cluster({"chief": ["c:0"], "worker": ["a:1"]}, task_type="chief", task_index=0)
    assert distribute.is_chief()


def test_dataset_shard_policy():
    import tensorflow as tf
    ds = distribute.dataset_shard_policy(tf.data.Dataset.range(4), "data")
    assert ds.options().experimental_distribute.auto_shard_policy == tf.data.experimental.AutoShardPolicy.DATA
    with pytest.raises(ArgumentError, match="policy"):
        distribute.dataset_shard_policy(ds, "rows")


def test_python_users_import_it():
    import kerasbridge
    assert kerasbridge.tf_config_cluster is distribute.tf_config_cluster
    assert kerasbridge.launch_workers is distribute.launch_workers
    assert kerasbridge.is_chief is distribute.is_chief
