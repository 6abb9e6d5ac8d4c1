"""tf.distribute helpers: the TF_CONFIG environment variable from a dict (R: a
named list), and back; which worker is the chief and where a non-chief worker
writes its copy of a checkpoint; starting N workers of one script on this
machine (launch_workers); the sharding policy of a dataset.

TensorFlow's multi-worker strategies read the cluster from ``TF_CONFIG``, a
JSON text: ``{"cluster": {"worker": ["host:port", ...]}, "task": {"type":
"worker", "index": 0}}``. The task index is 0-based in TF_CONFIG and for Python
users, 1-based for R users (the worker's position in ``cluster$worker``).

R code is never run on TensorFlow's replica threads (replicas.py), and Keras
3's fit() works under MultiWorkerMirroredStrategy (multi_worker.py).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from . import frontend
from .errors import ArgumentError

ENV = "TF_CONFIG"


def _check_cluster(cluster):
    if not isinstance(cluster, dict) or not cluster:
        raise ArgumentError(
            f"`cluster` must be a named list of task types, each a vector of \"host:port\" addresses "
            f"(e.g. list(worker = c(\"127.0.0.1:12345\", \"127.0.0.1:12346\"))), not {type(cluster).__name__}.",
            argument="cluster")
    out = {}
    for kind, addresses in cluster.items():
        if isinstance(addresses, str):
            addresses = [addresses]
        addresses = list(addresses) if isinstance(addresses, (list, tuple)) else None
        if not addresses or not all(isinstance(a, str) and a.rpartition(":")[2].isdigit() for a in addresses):
            raise ArgumentError(
                f"`cluster${kind}` must be a non-empty vector of \"host:port\" addresses, "
                f"received {cluster[kind]!r}.", argument="cluster")
        out[str(kind)] = addresses
    return out


def tf_config_cluster(cluster=None, task_type="worker", task_index=None, set_env=True):
    """With no `cluster`: the current TF_CONFIG as a dict (None when unset).
    Otherwise the TF_CONFIG for task `task_index` (0-based from Python,
    1-based from R) of `task_type`, written to the environment (unless
    `set_env` is false) and returned."""
    if cluster is None:
        text = os.environ.get(ENV)
        if not text:
            return None
        try:
            config = json.loads(text)
        except ValueError as e:
            raise ArgumentError(f"The environment variable {ENV} is not valid JSON ({e}); "
                                f"set it with tf_config_cluster(cluster, task_index = ...).") from e
        task = config.get("task")
        if isinstance(task, dict) and isinstance(task.get("index"), int):
            config["task"] = dict(task, index=frontend.index(task["index"]))
        return config
    cluster = _check_cluster(cluster)
    if task_type not in cluster:
        raise ArgumentError(f"`task_type` must name a task type of `cluster` "
                            f"({frontend.fmt_names(cluster)}), received {task_type!r}.", argument="task_type")
    n = len(cluster[task_type])
    first = frontend.index(0)
    if task_index is None:
        raise ArgumentError(f"`task_index` is missing: the position of this process among the "
                            f"{n} {task_type} address(es), from {first}.", argument="task_index")
    try:
        index = int(task_index)
        if index != task_index:
            raise ValueError
    except (TypeError, ValueError):
        raise ArgumentError(f"`task_index` must be a whole number, received {task_index!r}.",
                            argument="task_index") from None
    if not first <= index < first + n:
        raise ArgumentError(f"`task_index` must be between {first} and {first + n - 1} "
                            f"(the {n} {task_type} address(es) of `cluster`), received {index}.",
                            argument="task_index")
    config = {"cluster": cluster, "task": {"type": task_type, "index": index - first}}
    if set_env:
        os.environ[ENV] = json.dumps(config)
    return dict(config, task={"type": task_type, "index": index})


def get_tf_config():
    """The TF_CONFIG text of this process ("" when unset)."""
    return os.environ.get(ENV, "")


def set_tf_config(text):
    """Set (or with None, remove) TF_CONFIG in this process: the R side hands
    over R's value, which Python's os.environ does not follow."""
    if text is None or text == "":
        os.environ.pop(ENV, None)
    else:
        os.environ[ENV] = text


# -- the chief, and where the other workers write -----------------------------

def _task():
    config = tf_config_cluster() if os.environ.get(ENV) else None
    if not config or "task" not in config:
        return None, None, {}
    task = config["task"]
    return task.get("type"), task.get("index"), config.get("cluster", {})


def is_chief():
    """True for the process that writes checkpoints and the saved model: the
    only process when there is no TF_CONFIG, the `chief` task when the
    cluster has one, else the first worker."""
    task_type, index, cluster = _task()
    if task_type is None:
        return True
    first = frontend.index(0)
    if task_type == "chief":
        return True
    return task_type == "worker" and "chief" not in cluster and index == first


def worker_path(path):
    """Where this worker writes `path` (a file): `path` itself on the chief;
    on other workers a private directory of this process under the system's
    temporary directory. Every worker must take part in saving (reading
    distributed variables is a collective operation), but only the chief's
    copy is kept, as Keras' multi-worker saving does; a private directory
    outside the chief's cannot race with the chief's own clean-up."""
    if is_chief():
        return path
    return os.path.join(_worker_dir(), os.path.basename(os.fspath(path)))


def _worker_dir():
    return os.path.join(tempfile.gettempdir(), f"kerasbridge-workertemp-{os.getpid()}")


def remove_worker_copy(path):
    """Remove a non-chief worker's copy written at worker_path(path)."""
    if not is_chief():
        shutil.rmtree(_worker_dir(), ignore_errors=True)


# -- N workers of one script on this machine -----------------------------------

def free_ports(n, host="127.0.0.1"):
    """`n` TCP ports free on `host` right now (bound to port 0, then released)."""
    sockets = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((host, 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class Workers:
    """Worker processes started by start_workers(): `procs` (Popen), `logs`
    (one file per worker: its stdout and stderr), `cluster`."""

    def __init__(self, procs, logs, cluster):
        self.procs, self.logs, self.cluster = procs, logs, cluster

    def output(self, i):
        with open(self.logs[i], errors="replace") as f:
            return f.read()

    def kill(self, i, sig=signal.SIGKILL):
        if self.procs[i].poll() is None:
            self.procs[i].send_signal(sig)

    def wait(self, timeout=None):
        """Wait for every worker; when one fails, stop the others (a worker
        alone waits for its peers forever). Returns the exit codes."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while [p.poll() for p in self.procs].count(None):  # poll every one: sets returncode
            failed = any(p.returncode not in (None, 0) for p in self.procs)
            late = deadline is not None and time.monotonic() > deadline
            if failed or late:
                for p in self.procs:
                    if p.poll() is None:
                        p.kill()
                for p in self.procs:
                    p.wait()
                break
            time.sleep(0.05)
        return [p.returncode for p in self.procs]


def _check_command(command):
    if isinstance(command, str):
        command = [command]
    if not isinstance(command, (list, tuple)) or not command or \
            not all(isinstance(c, str) for c in command):
        raise ArgumentError(f"`command` must be a program and its arguments as strings, "
                            f"e.g. c(\"Rscript\", \"train.R\"), received {command!r}.", argument="command")
    if shutil.which(command[0]) is None:
        raise ArgumentError(f"`command`: the program {command[0]!r} was not found.", argument="command")
    return list(command)


def start_workers(command, n=2, host="127.0.0.1", env=None, log_dir=None):
    """Start `n` processes of `command`, worker i with the TF_CONFIG of a
    cluster of `n` workers on free ports of `host`, and return a Workers."""
    command = _check_command(command)
    try:
        count = int(n)
        if count != n or count < 1:
            raise ValueError
    except (TypeError, ValueError):
        raise ArgumentError(f"`n` must be a whole number of workers (1 or more), received {n!r}.",
                            argument="n") from None
    cluster = {"worker": [f"{host}:{p}" for p in free_ports(count, host)]}
    log_dir = log_dir or tempfile.mkdtemp(prefix="kerasbridge-workers-")
    os.makedirs(log_dir, exist_ok=True)
    procs, logs = [], []
    for i in range(count):
        child = dict(os.environ if env is None else env)
        child[ENV] = json.dumps({"cluster": cluster, "task": {"type": "worker", "index": i}})
        log = os.path.join(log_dir, f"worker-{i + frontend.index(0)}.log")
        with open(log, "w") as out:
            procs.append(subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=child,
                                          stdin=subprocess.DEVNULL))
        logs.append(log)
    return Workers(procs, logs, cluster)


def launch_workers(command, n=2, host="127.0.0.1", env=None, log_dir=None, timeout=None):
    """Run `n` workers of `command` (e.g. ["Rscript", "train.R"]) on this
    machine, each with its TF_CONFIG, and wait for them: a dict with
    `status` (exit codes), `output` (each worker's stdout and stderr),
    `logs` (the files) and `cluster`."""
    workers = start_workers(command, n, host, env, log_dir)
    status = workers.wait(timeout)
    return {"status": status, "output": [workers.output(i) for i in range(len(status))],
            "logs": workers.logs, "cluster": workers.cluster}


# -- datasets ------------------------------------------------------------------

SHARD_POLICIES = ("auto", "data", "file", "off", "hint")


def dataset_shard_policy(dataset, policy="data"):
    """`dataset` with the auto-sharding policy tf.distribute uses to split it
    among workers: "data" (every worker reads everything and keeps its share
    of the elements: the right choice for data made in R or NumPy), "file"
    (each worker reads its own files), "auto" (file, else data), "off" (every
    worker sees every element), "hint"."""
    import tensorflow as tf
    if policy not in SHARD_POLICIES:
        raise ArgumentError(f"`policy` must be one of {frontend.fmt_names(SHARD_POLICIES)}, "
                            f"received {policy!r}.", argument="policy")
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = getattr(
        tf.data.experimental.AutoShardPolicy, policy.upper())
    return dataset.with_options(options)


def distribute_dataset(dataset, strategy=None):
    """`dataset` split among the replicas of `strategy` (default: the current
    one), for a custom training loop with strategy.run(); fit() does this
    itself."""
    import tensorflow as tf
    strategy = strategy or tf.distribute.get_strategy()
    return strategy.experimental_distribute_dataset(dataset)
