"""The Python half of bench_memory.R: N x (build, fit one epoch, discard) with
keras.backend.clear_session() in Python Keras; prints the RSS growth."""
import gc
import sys
import time

import numpy as np
import keras


def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024


rng = np.random.default_rng(1)
x, y = rng.random((256, 20)), rng.random((256, 1))


def once():
    m = keras.Sequential([keras.Input((20,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    m.compile(optimizer="adam", loss="mse")
    m.fit(x, y, epochs=1, batch_size=32, verbose=0)
    del m
    keras.backend.clear_session()


n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
once()
gc.collect()
r0, t0 = rss_mb(), time.time()
for _ in range(n):
    once()
gc.collect()
print(f"Python build/fit/discard x {n}: RSS growth {rss_mb() - r0:.1f} MB ({time.time() - t0:.1f} s)")
