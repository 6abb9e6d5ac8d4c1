"""legacy/sequence.py: timeseries_generator(), skipgrams(), make_sampling_table()."""

import keras
import numpy as np
import pytest

from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import sequence


def test_timeseries_generator_batches_and_fit():
    data = np.arange(20.0).reshape(10, 2)
    gen = sequence.timeseries_generator(data, np.arange(10.0), length=3.0, batch_size=2.0)
    x, y = gen[0]
    assert x.shape == (2, 3, 2) and y.tolist() == [3.0, 4.0]
    assert len(gen) == 4
    model = keras.Sequential([keras.Input((3, 2)), keras.layers.Flatten(), keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    model.fit(gen, epochs=1, verbose=0)
    with pytest.raises(ArgumentError, match="length"):
        sequence.timeseries_generator(data, np.arange(10.0), length=10)
    with pytest.raises(ArgumentError, match="targets"):
        sequence.timeseries_generator(data, np.arange(9.0), length=2)


def test_skipgrams_and_sampling_table():
    out = sequence.skipgrams([1.0, 2.0, 3.0], 4.0, window_size=1.0, seed=1)
    assert len(out["couples"]) == len(out["labels"]) == 8  # 4 positive pairs, as many negatives
    assert sorted(out["labels"]) == [0] * 4 + [1] * 4
    table = sequence.make_sampling_table(5.0)
    assert table.shape == (5,) and (table <= 1).all()
    with pytest.raises(ArgumentError, match="element"):
        sequence.skipgrams([1, float("nan")], 4)
