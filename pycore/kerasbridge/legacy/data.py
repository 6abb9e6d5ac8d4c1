"""Keras 2 conventions for the data given to fit/evaluate/predict.

- ``expand_1d``: Keras 2 made a vector into a one-column matrix before its
  train, test and predict steps (``data_adapter.expand_1d``), so a vector of n
  values was n samples for an input of shape (None, 1). Keras 3 dropped it.
"""

import numpy as np


def expand_1d(arr, expected):
    """A vector given for an input of shape (None, 1) -> an (n, 1) array."""
    if isinstance(arr, np.ndarray) and arr.ndim == 1 and expected is not None and len(expected) == 2 \
            and expected[1] == 1:
        return arr.reshape(-1, 1)
    return arr
