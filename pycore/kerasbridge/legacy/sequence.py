"""Keras 2 sequence preprocessing: timeseries_generator(), skipgrams(),
make_sampling_table().

Keras 3.15 still ships them in ``keras.src.legacy.preprocessing.sequence``;
this module checks the arguments and makes R doubles integers (lengths,
strides, sizes) and R vectors arrays. ``TimeseriesGenerator`` is a
``PyDataset``, so ``fit()`` takes it as it is (tests/test_legacy_sequence.py).
"""

import numpy as np
from keras.src.legacy.preprocessing import sequence as keras_sequence

from .. import frontend
from ..argspec import as_int
from ..errors import ArgumentError


def timeseries_generator(data, targets, length, sampling_rate=1, stride=1, start_index=0, end_index=None,
                         shuffle=False, reverse=False, batch_size=128):
    data, targets = np.asarray(data), np.asarray(targets)
    if len(data) != len(targets):
        raise ArgumentError(f"`data` has {len(data)} time steps but `targets` has {len(targets)}; they must match.",
                            "targets")
    length = as_int(length, "length")
    if length >= len(data):
        raise ArgumentError(f"`length` ({length}) must be shorter than the series ({len(data)} time steps).",
                            "length")
    return keras_sequence.TimeseriesGenerator(
        data, targets, length, sampling_rate=as_int(sampling_rate, "sampling_rate"), stride=as_int(stride, "stride"),
        start_index=as_int(start_index, "start_index"),
        end_index=None if end_index is None else as_int(end_index, "end_index"),
        shuffle=bool(shuffle), reverse=bool(reverse), batch_size=as_int(batch_size, "batch_size"))


def make_sampling_table(size, sampling_factor=1e-5):
    return keras_sequence.make_sampling_table(as_int(size, "size"), float(sampling_factor))


def skipgrams(sequence, vocabulary_size, window_size=4, negative_samples=1.0, shuffle=True, categorical=False,
              sampling_table=None, seed=None):
    """Returns {"couples": list of [word, context], "labels": list of 0/1}."""
    if isinstance(sequence, (int, float, np.integer, np.floating)):
        sequence = [sequence]
    words = []
    for i, w in enumerate(np.asarray(sequence).reshape(-1).tolist()):
        if w != w or float(w) != int(w):
            raise ArgumentError(f"`sequence` must hold word indices (whole numbers); element {frontend.index(i)} "
                                f"is {frontend.fmt_value(w)}.", "sequence")
        words.append(int(w))
    couples, labels = keras_sequence.skipgrams(
        words, as_int(vocabulary_size, "vocabulary_size"), window_size=as_int(window_size, "window_size"),
        negative_samples=float(negative_samples), shuffle=bool(shuffle), categorical=bool(categorical),
        sampling_table=None if sampling_table is None else np.asarray(sampling_table).reshape(-1),
        seed=None if seed is None else as_int(seed, "seed"))
    return {"couples": [list(map(int, c)) for c in couples], "labels": [list(map(int, l)) if categorical else int(l)
                                                                        for l in labels]}
