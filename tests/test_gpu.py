"""GPU checks, run where TensorFlow sees a GPU (skipped on CPU-only machines):
the same fit from R on the GPU as from Python on the GPU."""

import numpy as np
import pytest
import tensorflow as tf
import keras

GPUS = tf.config.list_physical_devices("GPU")
pytestmark = pytest.mark.skipif(not GPUS, reason="no GPU visible to TensorFlow")


def test_fit_from_r_on_gpu_matches_python(R):
    rng = np.random.default_rng(0)
    x = rng.random((256, 32)).astype(np.float32)
    y = rng.integers(0, 4, 256).astype(np.int32)
    keras.utils.set_random_seed(1)
    with tf.device("/GPU:0"):
        m = keras.Sequential([keras.Input((32,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(4, activation="softmax")])
        m.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        h = m.fit(x, y, epochs=2, batch_size=32, shuffle=False, verbose=0).history
    R.put(g_x=x, g_y=y)
    R.r("""
      set_random_seed(1)
      with(tf$device("/GPU:0"), {
        gm <- keras_model_sequential(input_shape = 32) %>% layer_dense(units = 16, activation = "relu") %>%
          layer_dense(units = 4, activation = "softmax")
        gm %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
        gh <- gm %>% fit(py$g_x, as.integer(py$g_y), epochs = 2, batch_size = 32, shuffle = FALSE, verbose = 0)
      })
    """)
    np.testing.assert_allclose(R.r("gh$metrics$loss"), h["loss"], rtol=1e-5)
