"""Issue 19: Ctrl-C never kills R.

A child R session runs each kind of call (fit, evaluate, predict on a large
matrix and on 10 rows, *_on_batch, get/set_weights, conversion of a large
matrix, iteration over a tf.data dataset, fit with an R callback, save, load)
in a loop and prints "GO i op" first; the test waits for that line, then sends
SIGINT after a random delay (so it lands anywhere in the loop: R code,
reticulate, Keras' steps, R code Keras calls). The child catches the
interrupt, checks that the model still predicts finite numbers and that calls
which move no weight left the weights as they were, and prints "DONE i".
Failure: the child dies (before: "caught segfault ... py_has_attr_impl"), or
prints nothing for minutes (before: the interrupt was lost and the loop ran
on), or reports anything but an interrupt and a usable model.
"""

import os
import random
import select
import shutil
import signal
import subprocess
import tempfile

import pytest

from rchild import r_child_env

ROUNDS = 30
SILENCE_S = 180  # no line for this long: the child hangs (generous: the machine may be busy)
STARTUP_S = 600  # R, Python and TensorFlow starting, on a busy machine

CHILD = r"""
suppressPackageStartupMessages(library(kerasbridge))
n <- as.integer(commandArgs(TRUE)[1])
out <- function(...) { cat(..., "\n", sep = ""); flush(stdout()) }
set.seed(1)
x <- matrix(runif(2000 * 8), ncol = 8); y <- matrix(runif(2000), ncol = 1)
big <- matrix(runif(200000 * 8), ncol = 8)
small <- x[1:10, , drop = FALSE]
model <- keras_model_sequential(input_shape = 8) %>% layer_dense(16, activation = "relu") %>% layer_dense(1)
model %>% compile(optimizer = "adam", loss = "mse")
file <- tempfile(fileext = ".keras")
save_model(model, file)
ds <- tensor_slices_dataset(list(x, y)) %>% dataset_batch(10)
ops <- list(
  fit = function() fit(model, x, y, epochs = 2, batch_size = 8, verbose = 0),
  evaluate = function() evaluate(model, x, y, batch_size = 8, verbose = 0),
  predict_big = function() predict(model, big, verbose = 0),
  predict_small = function() predict(model, small, verbose = 0),
  train_on_batch = function() train_on_batch(model, small, y[1:10, , drop = FALSE]),
  test_on_batch = function() test_on_batch(model, small, y[1:10, , drop = FALSE]),
  predict_on_batch = function() predict_on_batch(model, small),
  weights = function() set_weights(model, get_weights(model)),
  convert = function() as_tensor(big),
  dataset = function() { it <- as_iterator(ds); while (!is.null(iter_next(it))) NULL },
  r_callback = function() fit(model, x, y, epochs = 1, batch_size = 8, verbose = 0,
                              callbacks = list(callback_lambda(on_batch_end = function(batch, logs) sum(runif(100))))),
  save = function() save_model(model, file, overwrite = TRUE),
  load = function() load_model(file)
)
moves_weights <- c("fit", "train_on_batch", "r_callback")
out("READY")
for (i in seq_len(n)) {
  op <- names(ops)[(i - 1L) %% length(ops) + 1L]
  before <- get_weights(model)
  out("GO ", i, " ", op)
  how <- tryCatch({ repeat ops[[op]](); "returned" },
                  interrupt = function(e) "interrupt",
                  error = function(e) paste("error:", gsub("\n", " ", conditionMessage(e))))
  p <- tryCatch(predict(model, small, verbose = 0), error = function(e) e)
  after <- get_weights(model)
  ok <- !inherits(p, "error") && all(is.finite(p)) && all(is.finite(unlist(after))) &&
    (op %in% moves_weights || identical(before, after))
  out("DONE ", i, " ", op, " ", how, " ", if (ok) "usable" else "BROKEN")
}
out("END")
"""


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_interrupts_at_random_moments_never_kill_r():
    rng = random.Random(19)
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "child.R")
        with open(script, "w") as f:
            f.write(CHILD)
        p = subprocess.Popen(["Rscript", script, str(ROUNDS)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=r_child_env())
        buf, seen, done = b"", [], 0
        try:
            while True:
                while b"\n" not in buf:
                    wait = SILENCE_S if seen else STARTUP_S
                    ready, _, _ = select.select([p.stdout], [], [], wait)
                    if not ready:
                        pytest.fail(f"the child hangs (no line for {wait} s) after: {seen[-3:]}")
                    chunk = os.read(p.stdout.fileno(), 65536)
                    if not chunk:
                        err = p.stderr.read().decode(errors="replace")[-2000:]
                        pytest.fail(f"the child died (exit {p.wait()}) after: {seen[-3:]}\n{err}")
                    buf += chunk
                line, buf = buf.split(b"\n", 1)
                line = line.decode().strip()
                seen.append(line)
                if line.startswith("GO "):
                    # a random moment of the loop the child has just entered
                    select.select([], [], [], rng.uniform(0.0, 0.5))
                    p.send_signal(signal.SIGINT)
                elif line.startswith("DONE "):
                    done += 1
                    assert line.endswith(" interrupt usable"), line
                elif line == "END":
                    break
        finally:
            if p.poll() is None:
                p.kill()
            p.wait()
    assert done == ROUNDS


def test_core_stops_at_the_next_batch_and_keeps_the_steps_done(monkeypatch):
    """The core side alone: with the flag raised during batch 3, fit() stops
    before batch 4 with Interrupted (a BaseException: the weights of the three
    whole steps are kept, not put back), and only for the R front end."""
    import numpy as np
    import keras
    import kerasbridge as kb
    from kerasbridge import frontend, interrupts
    from kerasbridge.errors import Interrupted

    flag = [0]
    monkeypatch.setattr(interrupts, "_flag", lambda: flag[0])
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    kb.compile(m, optimizer="sgd", loss="mse")
    x, y = np.random.default_rng(0).random((20, 3)), np.random.default_rng(1).random((20, 2))
    before = [w.copy() for w in m.get_weights()]
    begun = []

    class Raise(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            begun.append(batch)

        def on_train_batch_end(self, batch, logs=None):
            if batch == 2:
                flag[0] = 1

    with frontend.using("r"), pytest.raises(Interrupted):
        kb.fit(m, x, y, batch_size=2, epochs=3, verbose=0, callbacks=[Raise()])
    assert begun == [0, 1, 2]
    assert int(m.optimizer.iterations.numpy()) == 3
    assert not all(np.array_equal(a, b) for a, b in zip(before, m.get_weights()))
    # Python users keep Python's own KeyboardInterrupt: no check is added
    kb.fit(m, x, y, batch_size=2, epochs=1, verbose=0)
