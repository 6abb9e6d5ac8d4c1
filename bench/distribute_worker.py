"""A worker of bench/bench_distribute.py: the MLP of bench_fit.py (784-512-10,
dropout 0.2, rmsprop), trained from Python. Arguments: rows, epochs, "mw" for
MultiWorkerMirroredStrategy (TF_CONFIG set by the launcher) or "none"."""

import sys
import time

import numpy as np
import tensorflow as tf

import keras
import kerasbridge  # noqa: F401  (its fixes make Keras 3 train under several workers)

rows, epochs, multi = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "mw"
strategy = tf.distribute.MultiWorkerMirroredStrategy() if multi else tf.distribute.get_strategy()
rng = np.random.RandomState(1)
x = rng.rand(rows, 784).astype("float32")  # what R hands Keras (bench_fit.py: py32)
y = rng.randint(0, 10, rows)
with strategy.scope():
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(512, activation="relu"),
                              keras.layers.Dropout(0.2), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
seconds = []


class Timer(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        seconds.append(time.perf_counter() - self.started)


model.fit(x, y, epochs=epochs, batch_size=128, shuffle=False, verbose=0, callbacks=[Timer()])
print("EPOCH_SECONDS", " ".join(f"{s:.4f}" for s in seconds))
