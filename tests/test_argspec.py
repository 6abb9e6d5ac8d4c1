"""The one argument spec (argspec.py): what each R value becomes, per kind."""

import numpy as np
import pytest

from kerasbridge import argspec, frontend
from kerasbridge.errors import ArgumentError, MissingValueError, UnknownIdentifierError


def test_layer_arguments_from_r_doubles():
    out = argspec.coerce("layer", {"units": 64.0, "kernel_size": [3.0, 3.0], "input_shape": [None, 784.0],
                                   "padding": "same", "activation": "relu", "name": "d", "use_bias": None})
    assert out == {"units": 64, "kernel_size": (3, 3), "input_shape": (None, 784), "padding": "same",
                   "activation": "relu", "name": "d", "use_bias": None}
    assert type(out["units"]) is int
    assert argspec.coerce("layer", {"padding": [1.0, 2.0]})["padding"] == (1, 2)


def test_coerce_returns_a_new_dict():
    kwargs = {"units": 3.0}
    assert argspec.coerce("layer", kwargs) == {"units": 3}
    assert kwargs == {"units": 3.0}


def test_errors_name_the_argument():
    with pytest.raises(ArgumentError, match="`units` must be a whole number, received 2.5"):
        argspec.coerce("layer", {"units": 2.5})
    with pytest.raises(MissingValueError, match="`filters`"):
        argspec.coerce("layer", {"filters": float("nan")})
    with pytest.raises(UnknownIdentifierError, match="activation"):
        argspec.coerce("layer", {"activation": "relux"})


def test_lenient_kinds_leave_non_doubles_alone():
    # callbacks: verbose = TRUE stays TRUE (Keras accepts it); 1.0 becomes 1
    assert argspec.coerce("callback", {"verbose": True, "patience": 3.0}) == {"verbose": True, "patience": 3}
    assert argspec.coerce("metric", {"num_thresholds": 10.0, "thresholds": [0.5]}) == \
        {"num_thresholds": 10, "thresholds": [0.5]}
    with pytest.raises(ArgumentError, match="`patience`"):
        argspec.coerce("callback", {"patience": 1.5})


def test_fit_arguments_are_strict_integers():
    assert argspec.coerce("fit", {"epochs": 2.0, "batch_size": 32, "verbose": 0.0}) == \
        {"epochs": 2, "batch_size": 32, "verbose": 0}
    with pytest.raises(ArgumentError, match="`epochs`"):
        argspec.coerce("fit", {"epochs": True})


def test_class_and_call_overrides():
    out = argspec.coerce("schedule", {"boundaries": [100.0, 0.5], "values": [1.0, 0.5, 0.1]},
                         class_name="PiecewiseConstantDecay")
    assert out["boundaries"] == [100, 0.5] and type(out["boundaries"][0]) is int
    assert argspec.coerce("schedule", {"boundaries": [100.0]})["boundaries"] == [100.0]  # other classes
    assert argspec.coerce("layer", {"units": 3.5}, overrides={"units": None}) == {"units": 3.5}
    assert argspec.coerce("layer", {"rate": 1}, overrides={"rate": argspec.as_float}) == {"rate": 1.0}
    with pytest.raises(ValueError, match="no kind 'lyer'"):
        argspec.coerce("lyer", {})


def test_axis_meaning_per_family():
    # layers, losses, metrics, objects: Keras' own axis, as given
    assert argspec.coerce("layer", {"axis": -1.0})["axis"] == -1
    assert argspec.coerce("layer", {"axis": 1.0})["axis"] == 1
    assert argspec.coerce("metric", {"axis": 1.0})["axis"] == 1
    assert argspec.coerce("constraint", {"axis": 0.0})["axis"] == 0
    # backend / tensors: as the user counts; Python 0-based
    assert argspec.coerce("backend", {"axis": 1})["axis"] == 1
    with frontend.using("r"):
        assert argspec.coerce("backend", {"axis": 1.0})["axis"] == 0
        assert argspec.coerce("tensor", {"axis": [1.0, -1.0]})["axis"] == [0, -1]
        assert argspec.as_axis(np.array([2.0, 3.0])) == [1, 2]
        with pytest.raises(ArgumentError, match="counts from 1 in R"):
            argspec.as_axis(0)
        assert argspec.coerce("layer", {"axis": -1.0})["axis"] == -1  # layers: unchanged from R too


def test_spec_has_every_kind_and_convert_names_still_work():
    assert {"layer", "loss", "metric", "optimizer", "callback", "regularizer", "initializer", "constraint",
            "schedule", "fit", "data", "backend"} <= set(argspec.SPEC)
    from kerasbridge import convert
    assert argspec.as_int is convert.as_int and argspec.as_shape is convert.as_shape
    assert argspec.as_shape([None, 3.0, float("nan")]) == (None, 3, None)
