"""Draft wrappers.dcf entries from Keras signatures (a helper for maintainers:
review the output, then append it to tools/wrappers.dcf).

    .venv/bin/python rpkg/tools/draft-entries.py op op_sum=ops.sum op_image_resize=ops.image.resize
    .venv/bin/python rpkg/tools/draft-entries.py layer layer_identity=Identity

For the function kinds (op, activation, random, config) Class is the path under
`keras`; defaults of 1-based arguments (argspec.SPEC["op"]'s axes) are written
as R counts them. For object kinds Class is the class name in the kind's module.
"""
import inspect
import sys

import keras

from kerasbridge import argspec, ops

R_RESERVED = {"if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE",
              "NULL", "Inf", "NaN", "NA", "in"}
MODULES = {"layer": keras.layers, "loss": keras.losses, "metric": keras.metrics, "callback": keras.callbacks,
           "initializer": keras.initializers, "constraint": keras.constraints,
           "regularizer": keras.regularizers, "schedule": keras.optimizers.schedules}
FUNCTION_KINDS = ("op", "activation", "random", "config")
PAGES = {"loss": "losses", "metric": "metrics", "callback": "callbacks", "initializer": "initializers",
         "constraint": "constraints", "regularizer": "regularizers", "schedule": "learning_rate_schedules",
         "optimizer": "optimizers"}


class NoR(Exception):
    pass


def r_literal(v):
    if v is None:
        return "NULL"
    if v is True:
        return "TRUE"
    if v is False:
        return "FALSE"
    if isinstance(v, int):
        return f"{v}L" if v >= 0 else f"-{-v}L"
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise NoR(v)
        r = repr(v)
        return r
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, (tuple, list)):
        return "c(" + ", ".join(r_literal(x) for x in v) + ")" if all(not isinstance(x, (tuple, list)) for x in v) \
            else "list(" + ", ".join(r_literal(x) for x in v) + ")"
    raise NoR(v)


def one_based(name, v):
    """Defaults of 1-based arguments as R writes them (0 -> 1; negatives unchanged)."""
    if argspec.SPEC["op"].get(name) is not argspec.as_axis or v is None:
        return v
    if isinstance(v, (tuple, list)):
        return type(v)(one_based(name, x) for x in v)
    return v + 1 if isinstance(v, int) and v >= 0 else v


def formals(params, kind, path=None):
    out, dots = [], False
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            dots = True
            continue
        name = f"`{p.name}`" if p.name in R_RESERVED else p.name
        if p.default is p.empty:
            out.append(name)
            continue
        v = one_based(p.name, p.default) if kind in FUNCTION_KINDS else p.default
        try:
            out.append(f"{name} = {r_literal(v)}")
        except NoR:
            out.append(name)  # a default R can't write: leave it to Keras (missing -> not sent)
    if kind in FUNCTION_KINDS and path in ops.ZERO_INDEXED:
        out.append("zero_indexed = FALSE")
    if dots and kind in FUNCTION_KINDS:
        out.append("...")
    return ", ".join(out)


def rdname(kind, obj):
    """The shared help page: ops by Keras module (ops-numpy, ops-nn, ...), else one per kind."""
    if kind == "op":
        return "ops-" + {"einops": "core"}.get(obj.__module__.rsplit(".", 1)[-1], obj.__module__.rsplit(".", 1)[-1])
    return {"activation": "activations", "random": "random", "config": "config"}[kind]


def main(kind, pairs):
    for pair in pairs:
        fn, _, target = pair.partition("=")
        if kind in FUNCTION_KINDS:
            obj = ops.resolve(target)
            params = list(inspect.signature(obj).parameters.values())
            print(f"Function: {fn}\nKind: {kind}\nClass: {target}\nFormals: {formals(params, kind, target)}\n"
                  f"Rdname: {rdname(kind, obj)}\n")
        else:
            cls = getattr(MODULES[kind], target)
            params = {}
            for c in reversed(cls.__mro__):
                init = c.__dict__.get("__init__")
                if init is not None and c is not object:
                    params.update({k: v for k, v in inspect.signature(init).parameters.items() if k != "self"})
            own = [p for n, p in inspect.signature(cls.__init__).parameters.items() if n != "self"]
            text = formals(own, kind)
            if kind != "layer":
                text = ", ".join(x for x in (text, "...") if x)
            extra = ""
            if kind in ("loss", "metric"):
                import re
                snake = re.sub(r"(?<!^)(?=[A-Z])", "_", target).lower()
                py_fn = [f for f in dir(MODULES[kind]) if f.replace("_", "") == target.lower()]
                if py_fn:
                    extra += f"PyFunction: {py_fn[0]}\n"
            if kind == "layer":
                extra += f"Title: {target} layer\n"
            else:
                extra += f"Rdname: {PAGES[kind]}\n"
            print(f"Function: {fn}\nKind: {kind}\nClass: {target}\n{extra}Formals: {text}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
