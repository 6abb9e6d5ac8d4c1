"""Issue 8: training killed with SIGKILL at random moments resumes from its
checkpoints to the same final weights as a run never interrupted.

A child Rscript trains a tiny model with callback_model_checkpoint() and
callback_backup_and_restore(); the test kills it at random points (at least
KILLS times), checks after every kill that the newest checkpoint loads and
that no partial file carries a checkpoint's name, restarts it until it
finishes, and compares the final weights with an uninterrupted run's.
A killed run starts each epoch only when the test says so, so the number of
kills never depends on how fast the machine trains (a fast one once finished
the 12 epochs in 4 runs).
"""

import glob
import json
import os
import random
import re
import shutil
import signal
import subprocess
import time

import numpy as np
import pytest

from rchild import r_child_env  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILLS = 5
EPOCHS = 12

TRAIN = r"""
args <- commandArgs(TRUE); dir <- args[1]; epochs <- as.integer(args[2]); gated <- identical(args[4], "gated")
suppressPackageStartupMessages(library(kerasbridge))
data <- jsonlite::read_json(args[3], simplifyVector = TRUE)
control <- file("stdin", open = "r")   # the test's orders: one connection, so no line is lost to buffering
set_random_seed(1)
m <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 8, activation = "relu") %>%
  layer_dense(units = 3, activation = "softmax")
m %>% compile(optimizer = optimizer_sgd(learning_rate = 0.05), loss = "sparse_categorical_crossentropy")
cbs <- list(
  callback_backup_and_restore(backup_dir = file.path(dir, "backup"), delete_checkpoint = FALSE),
  callback_model_checkpoint(filepath = file.path(dir, "ck-{epoch:03d}.keras")),
  callback_lambda(
    # gated: each epoch starts when the test says "go" (a closed stdin lets every epoch go)
    on_epoch_begin = function(epoch, logs) if (gated) {
      cat("READY", epoch + 1, "\n"); flush(stdout()); readLines(control, n = 1)
    },
    on_epoch_end = function(epoch, logs) { cat("EPOCH", epoch + 1, "\n"); flush(stdout()) }))
fit(m, data$x, data$y, epochs = epochs, batch_size = 10, shuffle = FALSE, verbose = 0, callbacks = cbs)
jsonlite::write_json(lapply(get_weights(m), function(w) as.numeric(aperm(w, rev(seq_along(dim(w)))))),
                     file.path(dir, "final.json"), digits = NA)
cat("DONE\n"); flush(stdout())
# exit only when the test says so (closes stdin): a kill decided after the last
# epoch then always lands on a live process, never races its exit
invisible(readLines(control, n = 1))
"""


def _reference(x, y):
    """The same training in this process, never interrupted (same seed, same
    data, same conversion: R and Python give identical numbers)."""
    import keras
    import kerasbridge as kb
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(3, activation="softmax")])
    kb.compile(m, optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="sparse_categorical_crossentropy")
    kb.fit(m, x, y, epochs=EPOCHS, batch_size=10, shuffle=False, verbose=0)
    return [w.ravel() for w in m.get_weights()]


def _start(script, d, data, epochs=EPOCHS, gated=False):
    return subprocess.Popen(["Rscript", script, d, str(epochs), data, "gated" if gated else "free"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=r_child_env(), text=True, bufsize=1, start_new_session=True)


def _finish(p):
    """Let a run that printed DONE exit (it waits for stdin to close) and reap it."""
    p.stdin.close()
    p.wait(timeout=300)
    return p.returncode


def _kill(p):
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=300)
    return p.returncode


def _write_inputs(tmp_path):
    script = str(tmp_path / "train.R")
    with open(script, "w") as f:
        f.write(TRAIN)
    rs = np.random.RandomState(1)
    x = rs.rand(200, 4)
    y = ((x[:, 0] + x[:, 1] > 1).astype(np.int32) + (x[:, 2] > 0.7)).astype(np.int32)
    data = str(tmp_path / "data.json")
    with open(data, "w") as f:
        json.dump({"x": x.tolist(), "y": y.tolist()}, f)
    return script, data, x, y


def _final(d):
    with open(os.path.join(d, "final.json")) as f:
        return [np.array(w) for w in json.load(f)]


def _newest_checkpoint(d):
    files = glob.glob(os.path.join(d, "ck-*.keras"))
    return max(files, key=lambda f: int(re.search(r"ck-(\d+)", f).group(1))) if files else None


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_sigkill_during_checkpointed_training_resumes_to_the_same_weights(tmp_path):
    from kerasbridge import saving

    rng = random.Random(int(os.environ.get("KERASBRIDGE_KILL_SEED", "8")))
    t0 = time.monotonic()
    script, data, x, y = _write_inputs(tmp_path)
    expected = _reference(x, y)

    d = str(tmp_path / "killed")
    os.makedirs(d)
    kills, loads, runs = 0, 0, 0
    while True:
        runs += 1
        assert runs < 30, "training never finished"
        p = _start(script, d, data, gated=kills < KILLS)
        killed = False
        if kills < KILLS:
            # the run starts its epochs one at a time, when told: it is killed at a
            # random moment of the first or second epoch it runs (a checkpoint's or
            # the backup's write included), so each run adds at most 2 epochs and
            # KILLS kills always happen before the last epoch, however fast it trains;
            # the first run is let through its first epoch, so every kill finds a checkpoint
            target, started = (2 if runs == 1 else rng.randint(1, 2)), 0
            for line in p.stdout:
                if line.startswith("READY"):
                    started += 1
                    p.stdin.write("go\n")
                    p.stdin.flush()
                    if started == target:
                        time.sleep(rng.uniform(0, 0.15))
                        assert _kill(p) == -signal.SIGKILL
                        killed = True
                        break
                if line.startswith("DONE"):
                    break
        else:
            p.stdin.close()   # not gated: the last run trains to the end
            assert any(line.startswith("DONE") for line in p.stdout), f"run {runs} did not finish"
        if not killed:
            p.stdin.close()   # let it exit (it waits for stdin's end after DONE)
            assert p.wait(timeout=300) == 0, f"run {runs} failed with status {p.returncode}"
            break
        kills += 1
        # only whole files carry a checkpoint's name, and the newest one loads
        newest = _newest_checkpoint(d)
        if newest is not None:
            saving.load_model(newest)
            loads += 1
        for f in os.listdir(d):
            assert f.startswith(".") or re.fullmatch(r"ck-\d{3}\.keras|backup", f), f
    assert kills == KILLS and loads == KILLS
    # a run that was never killed resumes from the backup and finishes the same
    got = _final(d)
    assert len(got) == len(expected)
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a.astype(np.float32), b)  # JSON carries float32 as a double
    assert _newest_checkpoint(d).endswith(f"ck-{EPOCHS:03d}.keras")
    print(f"kill test: {kills} kills, {loads} checkpoint loads, {runs} runs, {time.monotonic() - t0:.1f} s")


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_a_kill_after_the_last_epoch_is_a_kill_and_the_rerun_finishes(tmp_path):
    """The race of a fresh clone: the kill decided at the last epoch landed after
    the run had exited by itself. The run now waits to be let go, so a kill
    after DONE is a kill; the rerun resumes from the backup and finishes."""
    script, data, _, _ = _write_inputs(tmp_path)
    d = str(tmp_path / "run")
    os.makedirs(d)
    p = _start(script, d, data, epochs=1)
    assert any(line.startswith("DONE") for line in p.stdout)
    assert _kill(p) == -signal.SIGKILL  # the old script had exited here: status 0
    first = _final(d)
    p = _start(script, d, data, epochs=1)
    assert any(line.startswith("DONE") for line in p.stdout)
    assert _finish(p) == 0
    for a, b in zip(_final(d), first):
        np.testing.assert_array_equal(a, b)
