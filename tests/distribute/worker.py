"""One worker of a MultiWorkerMirroredStrategy run from Python, started by
tests/test_distribute.py (and bench/bench_distribute.py) with TF_CONFIG set;
without TF_CONFIG, the single-process reference. Arguments: output
directory, number of epochs, optionally the number of rows. The model and
data match tests/distribute/worker.R without the R-defined parts."""

import os
import sys
import time

import numpy as np
import tensorflow as tf

import keras
import kerasbridge as kb

out, epochs = sys.argv[1], int(sys.argv[2])
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 96
strategy = tf.distribute.MultiWorkerMirroredStrategy()
task = kb.tf_config_cluster()
me = f"worker{task['task']['index']}" if task else "single"

rng = np.random.RandomState(1)  # the same data on every worker; fit() gives each its share
x = rng.rand(rows, 4).astype("float32")
y = (x.sum(axis=1, keepdims=True) + rng.normal(0, 0.1, (rows, 1))).astype("float32")
with strategy.scope():
    keras.utils.set_random_seed(1)
    inputs = keras.Input((4,))
    h = keras.layers.Dense(8, activation="relu")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), loss="mse",
                  metrics=["mae"])
start = time.perf_counter()
history = model.fit(x, y, epochs=epochs, batch_size=24, shuffle=False, verbose=0)
seconds = time.perf_counter() - start
kb.atomic.save_model(model, os.path.join(out, "model-py.keras"))  # the chief's file is kept
weights = np.concatenate([w.ravel() for w in model.get_weights()])
np.savetxt(os.path.join(out, f"weights-py-{me}.txt"), weights, fmt="%.9g")
print("REPLICAS", strategy.num_replicas_in_sync)
print("LOSS", " ".join(f"{v:.8f}" for v in history.history["loss"]))
print("SECONDS", f"{seconds:.4f}")
print("DONE", me, "chief" if kb.distribute.is_chief() else "")
