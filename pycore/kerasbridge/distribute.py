"""tf.distribute helpers: the TF_CONFIG environment variable from a dict (R: a
named list), and back.

TensorFlow's multi-worker strategies read the cluster from ``TF_CONFIG``, a
JSON text: ``{"cluster": {"worker": ["host:port", ...]}, "task": {"type":
"worker", "index": 0}}``. The task index is 0-based in TF_CONFIG and for Python
users, 1-based for R users (the worker's position in ``cluster$worker``).

R code is never run on TensorFlow's replica threads: every call into R goes
through ``errors.check_r_thread``, which raises RThreadError there.
"""

import json
import os

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
