"""pywarnings.py: warnings during a call from R are handed to R, each once;
Python users' warnings are untouched."""

import warnings

import pytest

from kerasbridge import frontend, pywarnings


@pytest.fixture
def sink():
    got = []
    pywarnings.set_sink(got.extend)
    yield got
    pywarnings.set_sink(None)


def _warns():
    for _ in range(3):
        warnings.warn("watch out", UserWarning)
    pywarnings.deprecated("`lr` is deprecated in Keras 3; use `learning_rate`.", "lr")
    warnings.warn("numpy internals", DeprecationWarning)  # not from Keras or kerasbridge: hidden, as Python does
    return 7


def test_call_as_r_hands_each_warning_once_to_the_sink(sink):
    with frontend.using("python"):
        assert frontend.call_as("r", _warns) == 7
    assert [(w["category"], w["argument"]) for w in sink] == [("UserWarning", None), ("Keras2Deprecation", "lr")]


def test_enter_and_leave_record_only_the_outermost_entry(sink):
    with frontend.using("python"):
        token = frontend.enter("r")
        inner = frontend.enter("r")
        _warns()
        frontend.leave(inner)
        assert sink == []  # still inside the outer entry
        frontend.leave(token)
    assert len(sink) == 2


def test_python_front_end_keeps_python_warnings(sink):
    with frontend.using("python"):
        with pytest.warns(UserWarning, match="watch out"):
            frontend.call_as("python", _warns)
    assert sink == []


def test_numpy_notes_about_keras_own_code_are_not_handed_to_r(sink, tmp_path):
    # as NumPy raises it inside Keras' pythonify_logs() (predict() of one sample)
    keras_file = str(tmp_path / "site-packages" / "keras" / "src" / "utils" / "python_utils.py")

    def from_keras():
        warnings.warn_explicit("Conversion of an array with ndim > 0 to a scalar is deprecated, and will error "
                               "in future. (Deprecated NumPy 1.25.)", DeprecationWarning, keras_file, 190)
        warnings.warn_explicit("`foo` is deprecated.", DeprecationWarning, keras_file, 10)   # Keras' own: shown

    with frontend.using("python"):
        frontend.call_as("r", from_keras)
    assert [w["message"] for w in sink] == ["`foo` is deprecated."]
