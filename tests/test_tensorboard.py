"""TensorBoard: callback_tensorboard() event files from an R fit, read back with
TensorBoard's own event reader; tensorboard() serves them on 127.0.0.1."""

import glob
import json
import os
import time
import urllib.request

import numpy as np
import pytest
import tensorflow as tf
from tensorboard.backend.event_processing import event_accumulator

from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import tensorboard as tb


def epoch_scalars(run_dir, tag):
    """{step: value} of a scalar Keras wrote (TF2 summaries are tensors)."""
    acc = event_accumulator.EventAccumulator(run_dir, size_guidance={event_accumulator.TENSORS: 0})
    acc.Reload()
    assert tag in acc.Tags()["tensors"], acc.Tags()
    return {e.step: float(tf.make_ndarray(e.tensor_proto)) for e in acc.Tensors(tag)}


def test_callback_tensorboard_from_r_writes_scalars_per_epoch(R, tmp_path):
    log_dir = str(tmp_path / "logs")
    R.put(tb_log_dir=log_dir)
    R.r("""
      set_random_seed(1)
      x <- matrix(runif(64 * 4), 64, 4); y <- matrix(rowSums(x), 64, 1)
      model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
      model %>% compile(optimizer = "sgd", loss = "mse", metrics = "mae")
      tb_history <- model %>% fit(x, y, epochs = 3, batch_size = 16, validation_split = 0.25, verbose = 0,
                                  callbacks = list(callback_tensorboard(py$tb_log_dir, histogram_freq = 1)))
    """)
    history = R.r("lapply(tb_history$metrics, as.list)")
    assert glob.glob(os.path.join(log_dir, "train", "events.out.tfevents.*"))
    train = epoch_scalars(os.path.join(log_dir, "train"), "epoch_loss")
    val = epoch_scalars(os.path.join(log_dir, "validation"), "epoch_loss")
    assert sorted(train) == [0, 1, 2] and sorted(val) == [0, 1, 2]
    np.testing.assert_allclose([train[i] for i in range(3)], history["loss"], rtol=1e-5)
    np.testing.assert_allclose([val[i] for i in range(3)], history["val_loss"], rtol=1e-5)
    assert sorted(epoch_scalars(os.path.join(log_dir, "train"), "epoch_mae")) == [0, 1, 2]
    # histogram_freq = 1: the weights' histograms are there too
    acc = event_accumulator.EventAccumulator(os.path.join(log_dir, "train"))
    acc.Reload()
    assert any("kernel" in t for t in acc.Tags()["tensors"])


def test_server_serves_the_logs_and_stops(tmp_path):
    log_dir = tmp_path / "logs"
    w = tf.summary.create_file_writer(str(log_dir / "run1"))
    with w.as_default():
        for step in range(3):
            tf.summary.scalar("epoch_loss", 1.0 / (step + 1), step=step)
    w.close()
    server = tb.start_tensorboard(str(log_dir), timeout=60, reload_interval=1)
    try:
        assert server.url.startswith("http://127.0.0.1:") and server.running
        assert server in tb.running_tensorboards()
        with urllib.request.urlopen(server.url, timeout=20) as resp:
            assert resp.status == 200
        # the runs it found in log_dir (it loads them in the background: poll, bounded)
        runs, deadline = [], time.monotonic() + 30
        while "run1" not in runs and time.monotonic() < deadline:
            with urllib.request.urlopen(server.url + "data/runs", timeout=20) as resp:
                runs = json.loads(resp.read())
            time.sleep(0.5)
        assert runs == ["run1"]
    finally:
        tb.stop_tensorboard(server)
    assert not server.running and server not in tb.running_tensorboards()


def test_bad_log_dir_is_an_argument_error():
    with pytest.raises(ArgumentError, match="log_dir"):
        tb.start_tensorboard(3)
