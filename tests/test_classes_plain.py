"""classes/plain.py: plain Python classes (R: %py_class% without a parent, r_to_py(<R6 class>))."""

import inspect

import pytest

import kerasbridge as kb
from kerasbridge.classes import factory


def test_new_py_class_makes_a_plain_class_and_extends_one():
    def initialize(self, x):
        self.x = x

    Box = kb.new_py_class("PlainBox", initialize=initialize, get=lambda self: self.x, kind="box")
    assert Box.__mro__[1:] == (object,)
    assert Box(3).get() == 3 and Box.kind == "box"
    Box2 = kb.new_py_class("PlainBox2", parent_class=Box, twice=lambda self: self.x * 2)
    assert Box2(4).twice() == 8 and isinstance(Box2(1), Box)


def test_r_formals_without_default_may_be_left_out_only_in_plain_classes():
    params = [{"name": "o", "has_default": False}]
    sig = factory._signature_from_r(params, r_missing=True)
    assert sig.parameters["o"].default is factory.R_DEFAULT
    sig = factory._signature_from_r(params)
    assert sig.parameters["o"].default is inspect.Parameter.empty


def test_an_r_dots_initialize_takes_unnamed_arguments():
    sig = factory._signature_from_r([{"name": "..."}])
    params = list(factory._with_varargs(sig).parameters.values())
    assert [p.kind for p in params[1:]] == [inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD]
    # an R formal called `args` keeps the signature as it was
    sig = factory._signature_from_r([{"name": "args", "has_default": False}, {"name": "..."}])
    assert factory._with_varargs(sig) is sig


def test_raw_option_skips_the_kind_adapter():
    calls = []

    def rfn(self, key, *args, **kwargs):
        calls.append((args, kwargs))

    # a callback hook from R is normally 1-based (callback.py); raw: Keras' own arguments
    cb_cls = factory.make_r_class("callback", "RawHooks", r_methods={
        "on_epoch_end": [rfn, [{"name": "epoch", "has_default": False},
                               {"name": "logs", "has_default": True, "constant_default": True,
                                "default": None}], {"raw": True}]})
    cb = cb_cls()
    cb.on_epoch_end(0, {"loss": 1.0})
    assert calls == [((), {"epoch": 0, "logs": {"loss": 1.0}})]


def test_an_r_method_taking_only_dots_takes_positional_arguments():
    seen = []

    def rfn(self, key, *args, **kwargs):
        seen.append((args, sorted(kwargs)))
        return args[0]

    cls = factory.make_r_class("layer", "DotsOnlyCall", r_methods={"call": [rfn, [{"name": "..."}]]})
    params = inspect.signature(cls.call).parameters
    assert [p.kind for p in params.values()][1:] == [inspect.Parameter.VAR_POSITIONAL,
                                                     inspect.Parameter.VAR_KEYWORD]
    cls = factory.make_r_class("object", "DotsOnlyMethod", r_methods={"f": [rfn, [{"name": "..."}]]})
    assert cls().f(1, 2, a=3) == 1 and seen[-1] == ((1, 2), ["a"])
