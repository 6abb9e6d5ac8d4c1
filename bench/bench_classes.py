"""Benchmark of the class constructors, R against Python in one run (issue 3).

1. A train_step model defined in R vs the same model in Python: seconds per
   epoch after the first (target: R/Python <= 1.05). The R step runs only when
   fit() traces it, so the ratio should be ~1.
2. A callback whose on_train_batch_end records logs$loss, R vs Python: the
   added cost per call in microseconds (target: R <= 100 us), measured both
   directly (the hook called in a loop) and inside fit() (per-batch time with
   the callback minus without it).

Run:  KERASBRIDGE_RLIB=/tmp/rlib-classes .venv/bin/python bench/bench_classes.py [--json out.json]
"""

import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import kerasbridge as kb  # noqa: E402
import rbridge  # noqa: E402


class EpochTimer(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self._t = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self._t)

    def on_train_begin(self, logs=None):
        self.times = []


def py_train_step(self, data):
    x, y = data
    with tf.GradientTape() as tape:
        y_pred = self(x, training=True)
        loss = self.compiled_loss(y, y_pred)
    grads = tape.gradient(loss, self.trainable_variables)
    self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
    self.compiled_metrics.update_state(y, y_pred)
    return {m.name: m.result() for m in self.metrics}


R_SETUP = """
suppressPackageStartupMessages(library(kerasbridge))
BenchStep <- new_model_class("BenchStepR", train_step = function(data) {
  c(x, y) %<-% data
  with(tf$GradientTape() %as% tape, {
    y_pred <- self(x, training = TRUE)
    loss <- self$compiled_loss(y, y_pred)
  })
  grads <- tape$gradient(loss, self$trainable_variables)
  self$optimizer$apply_gradients(zip_lists(grads, self$trainable_variables))
  self$compiled_metrics$update_state(y, y_pred)
  results <- list()
  for (m in self$metrics) results[[m$name]] <- m$result()
  results
})
LossRecorder <- new_callback_class("LossRecorderR",
  on_train_begin = function(logs) private$losses <- numeric(),
  on_train_batch_end = function(batch, logs) private$losses <- c(private$losses, logs$loss),
  n_recorded = function() length(private$losses))
bench_r_model <- function() {
  inputs <- layer_input(shape = 32)
  outputs <- inputs %>% layer_dense(units = 64, activation = "relu") %>% layer_dense(units = 1)
  model <- BenchStep(inputs = inputs, outputs = outputs)
  model %>% compile(optimizer = "adam", loss = "mse", metrics = "mae")
  model
}
bench_r_cb <- LossRecorder()
bench_r_model_py <- bench_r_model
"""


def make_model(cls):
    inp = keras.Input((32,))
    hidden = keras.layers.Dense(64, activation="relu")(inp)
    model = cls(inputs=inp, outputs=keras.layers.Dense(1)(hidden))
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    return model


def epoch_times(model, x, y, epochs, batch_size, callbacks=()):
    timer = EpochTimer()
    model.fit(x, y, epochs=epochs, batch_size=batch_size, shuffle=False, verbose=0,
              callbacks=[timer, *callbacks])
    return timer.times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--samples", type=int, default=8192)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    rng = np.random.default_rng(0)
    x = rng.random((args.samples, 32)).astype("float32")
    y = x.sum(axis=1, keepdims=True).astype("float32")
    rbridge.r(R_SETUP)
    PyStep = kb.new_model_class("BenchStepPy", train_step=py_train_step)
    r_model_cls = rbridge.r("kerasbridge:::py_class_of(BenchStep)")

    # 1. train_step: interleave R and Python runs so machine noise hits both
    per_epoch = {"r": [], "python": []}
    steps = args.samples // 32
    for _ in range(args.repeats):
        for side, cls in (("python", PyStep), ("r", r_model_cls)):
            keras.utils.set_random_seed(1)
            t = epoch_times(make_model(cls), x, y, args.epochs, 32)
            per_epoch[side].append(float(np.median(t[1:])))
    step_r = min(per_epoch["r"])
    step_py = min(per_epoch["python"])

    # 2. callback cost, directly: the hook as fit() calls it
    PyRecorder = kb.new_callback_class(
        "LossRecorderPy",
        on_train_begin=lambda self, logs: setattr(self, "losses", []),
        on_train_batch_end=lambda self, batch, logs: self.losses.append(logs["loss"]))
    r_cb = rbridge.r("bench_r_cb")
    py_cb = PyRecorder()
    n_calls = 5000
    direct = {}
    for side, cb in (("python", py_cb), ("r", r_cb)):
        best = float("inf")
        for _ in range(args.repeats):
            cb.on_train_begin({})
            logs = {"loss": 0.5, "mae": 0.25}
            t0 = time.perf_counter()
            for i in range(n_calls):
                cb.on_train_batch_end(i, logs)
            best = min(best, (time.perf_counter() - t0) / n_calls * 1e6)
        direct[side] = best
    assert rbridge.r("bench_r_cb$n_recorded()") == n_calls

    # 3. callback cost inside fit: batch size 16 on a tiny model, many batches
    small_x, small_y = x[:4096], y[:4096]
    batches = len(small_x) // 16
    in_fit = {}
    for side, cbs in (("none", []), ("python", [PyRecorder()]), ("r", [rbridge.r("LossRecorder()")])):
        best = float("inf")
        for _ in range(args.repeats):
            keras.utils.set_random_seed(1)
            inp = keras.Input((32,))
            m = keras.Model(inp, keras.layers.Dense(1)(inp))
            m.compile(optimizer="sgd", loss="mse")
            t = epoch_times(m, small_x, small_y, 3, 16, cbs)
            best = min(best, float(np.median(t[1:])) / batches * 1e6)
        in_fit[side] = best

    res = {
        "train_step_seconds_per_epoch": {"r": step_r, "python": step_py,
                                         "ratio_r_over_python": step_r / step_py,
                                         "steps_per_epoch": steps, "target_ratio": 1.05},
        "callback_us_per_call_direct": {"r": direct["r"], "python": direct["python"],
                                        "r_minus_python": direct["r"] - direct["python"],
                                        "target_r": 100.0},
        "callback_us_per_batch_in_fit": {"no_callback": in_fit["none"], "python": in_fit["python"],
                                         "r": in_fit["r"],
                                         "added_r": in_fit["r"] - in_fit["none"],
                                         "added_python": in_fit["python"] - in_fit["none"]},
    }
    print(json.dumps(res, indent=2))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=2)
    rbridge.shutdown()
    sys.stdout.flush()
    os._exit(0)  # see shared/PLATFORM.md: no R finalizers at interpreter exit


if __name__ == "__main__":
    main()
