"""The mechanical R wrappers (layer_*, optimizer_*, loss_*, metric_*, callback_*,
initializer_*, constraint_*, learning_rate_schedule_*, k_*) are generated from
rpkg/tools/wrappers.dcf by rpkg/tools/generate-wrappers.R.

- the committed R/*-generated.R files and NAMESPACE's generated export block are
  what the generator writes now;
- every manifest Class exists in Keras (or, for k_*, in the core's backend);
- the "tether": every default written in the manifest equals the default of the
  Keras class's __init__, so a Keras upgrade that changes one fails here instead
  of drifting silently. A default kept on purpose from R keras 2.x is listed in the
  entry's Keras2Defaults field, with the reason in Keras2Why; the test checks it
  still differs (else the listing is stale and should go).
"""

import ast
import inspect
import os
import subprocess

import keras
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RPKG = os.path.join(ROOT, "rpkg")
MANIFEST = os.path.join(RPKG, "tools", "wrappers.dcf")


def read_manifest():
    """The DCF records as dicts (continuation lines start with white space)."""
    records, rec, key = [], {}, None
    for line in open(MANIFEST).read().splitlines():
        if not line.strip():
            if rec:
                records.append(rec)
            rec, key = {}, None
        elif line[0] in " \t":
            rec[key] += " " + line.strip()
        else:
            key, _, value = line.partition(":")
            rec[key] = value.strip()
    if rec:
        records.append(rec)
    return records


ENTRIES = read_manifest()


def listed(entry, field):
    return [a.strip() for a in entry.get(field, "").split(",") if a.strip()]


# --- R formals -> Python values ------------------------------------------------

def split_formals(text):
    """Split R formals at top-level commas (not inside parentheses or strings)."""
    parts, depth, quote, cur = [], 0, None, ""
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def r_value(node):
    """An R default (parsed as a Python expression) -> the Python value Keras would
    get: NULL -> None, TRUE/FALSE -> bool, 1L -> 1, c(...)/list(...) -> tuple."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -r_value(node.operand)
    if isinstance(node, ast.Name) and node.id in ("NULL", "TRUE", "FALSE"):
        return {"NULL": None, "TRUE": True, "FALSE": False}[node.id]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("c", "list"):
        return tuple(r_value(a) for a in node.args)
    raise ValueError(f"cannot translate R default {ast.dump(node)}")


def r_defaults(formals):
    """name -> Python value, for the formals that have a default."""
    out = {}
    for part in split_formals(formals):
        name, eq, default = part.partition("=")
        if not eq or name.strip() == "...":
            continue
        src = default.strip()
        # 1L -> 1 (an integer literal's suffix), outside strings
        import re
        src = re.sub(r"(?<![\w.\"])(\d+)L\b", r"\1", src)
        value = r_value(ast.parse(src, mode="eval").body)
        # R's match.arg() idiom: mode = c("auto", "min", "max") means "auto"
        if isinstance(value, tuple) and len(value) > 1 and all(isinstance(v, str) for v in value):
            value = value[0]
        out[name.strip()] = value
    return out


def normalize(v):
    if isinstance(v, list):
        v = tuple(v)
    if isinstance(v, tuple):
        return tuple(normalize(x) for x in v)
    return v


def same(r, py):
    r, py = normalize(r), normalize(py)
    if isinstance(r, bool) or isinstance(py, bool):  # TRUE is not 1
        return type(r) is type(py) and r == py
    if isinstance(r, tuple) and isinstance(py, tuple):
        return len(r) == len(py) and all(same(a, b) for a, b in zip(r, py))
    # Keras turns a number into a tuple of it (strides = 1 is (1, 1); padding = 1 is (1, 1))
    if isinstance(r, tuple) and isinstance(py, (int, float)):
        return all(same(a, py) for a in r)
    if isinstance(py, tuple) and isinstance(r, (int, float)):
        return all(same(r, b) for b in py)
    return r == py


# --- manifest entry -> Keras class -----------------------------------------------

OBJECT_MODULES = {
    "layer": lambda: keras.layers,
    "loss": lambda: keras.losses,
    "metric": lambda: keras.metrics,
    "callback": lambda: keras.callbacks,
    "initializer": lambda: keras.initializers,
    "constraint": lambda: keras.constraints,
    "regularizer": lambda: keras.regularizers,
    "schedule": lambda: keras.optimizers.schedules,
}


def keras_class(entry):
    kind, name = entry["Kind"], entry["Class"]
    if kind == "optimizer":  # the core's name, as in compile(optimizer = "adam")
        from kerasbridge import identifiers
        return getattr(keras.optimizers, identifiers._OPTIMIZER_CLASSES[name])
    return getattr(OBJECT_MODULES[kind](), name)


TETHERED = [e for e in ENTRIES if e["Kind"] in OBJECT_MODULES or e["Kind"] == "optimizer"]

# Kinds whose Class is a function's (or class's) path under `keras` ("ops.sum",
# "random.SeedGenerator"), called through kerasbridge.ops.call_op.
FUNCTION_KINDS = ("op", "activation", "random", "config")
FUNCTIONS = [e for e in ENTRIES if e["Kind"] in FUNCTION_KINDS]


def keras_params(entry):
    """The __init__ parameters, with those that **kwargs hands to a base class
    (a layer's activity_regularizer, name, dtype ... go to keras.layers.Layer)."""
    params = {}
    for cls in reversed(keras_class(entry).__mro__):
        init = cls.__dict__.get("__init__")
        if init is not None and cls is not object:
            params.update(inspect.signature(init).parameters)
    return params


def mismatches(entry):
    """Formals defaults that are not Keras': name -> (ours, Keras' or 'absent')."""
    params = keras_params(entry)
    out = {}
    for name, ours in r_defaults(entry.get("Formals", "")).items():
        p = params.get(name)
        if p is None or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            out[name] = (ours, "absent")
        elif p.default is p.empty or not same(ours, p.default):
            out[name] = (ours, "required" if p.default is p.empty else p.default)
    return out


# --- tests -------------------------------------------------------------------------

def test_generated_wrappers_and_namespace_are_up_to_date(tmp_path):
    subprocess.run(["Rscript", "tools/generate-wrappers.R", str(tmp_path)], cwd=RPKG, check=True)
    fix = "run: cd rpkg && Rscript tools/generate-wrappers.R"
    written = sorted(f for f in os.listdir(tmp_path) if f.endswith("-generated.R"))
    committed = sorted(f for f in os.listdir(os.path.join(RPKG, "R")) if f.endswith("-generated.R"))
    assert written == committed, fix
    for f in written:
        assert (tmp_path / f).read_text() == open(os.path.join(RPKG, "R", f)).read(), f"{f}: {fix}"
    assert (tmp_path / "NAMESPACE").read_text() == open(os.path.join(RPKG, "NAMESPACE")).read(), f"NAMESPACE: {fix}"


def test_every_manifest_function_is_exported_once():
    import re
    ns = open(os.path.join(RPKG, "NAMESPACE")).read()
    exports = re.findall(r"^export\(([^)]+)\)$", ns, re.M)
    names = [e["Function"] for e in ENTRIES] + [a for e in ENTRIES for f in ("Aliases", "DeprecatedAliases")
                                                 for a in listed(e, f)]
    assert len(names) > 200
    assert [n for n in names if exports.count(n) != 1] == []


def test_layer_params_documented_by_name():
    # the old regex split wrote `@param c(0L, 0L))` for layer_cropping_2d/3d
    import re
    src = open(os.path.join(RPKG, "R", "layers-generated.R")).read()
    names = re.findall(r"^#' @param (\S+) ", src, re.M)
    assert [n for n in names if not re.fullmatch(r"[A-Za-z][\w.]*|\.\.\.", n)] == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["Function"])
def test_manifest_class_exists(entry):
    kind = entry["Kind"]
    if kind in FUNCTION_KINDS:
        from kerasbridge import ops
        assert callable(ops.resolve(entry["Class"]))
        return
    if kind == "backend":  # a core k_* function name (kerasbridge/backend.py)
        import importlib
        mod = None
        for path in ("kerasbridge.legacy.backend", "kerasbridge.backend"):
            try:
                mod = importlib.import_module(path)
            except ImportError:
                continue
            if hasattr(mod, "_SPECIAL"):
                break
        names = set(mod._SPECIAL) | set(mod._ELEMENTWISE) | set(mod._REDUCE) | set(mod._BINARY)
        assert entry["Class"] in names
        return
    cls = keras_class(entry)
    assert inspect.isclass(cls)
    if entry.get("PyFunction"):
        found = callable(getattr(OBJECT_MODULES[kind](), entry["PyFunction"], None))
        assert found != (entry["Function"] in NO_PY_FUNCTION), entry["Function"]


# Known gaps, asserted so that the day Keras fixes them this list must shrink.
NO_PY_FUNCTION = {
    # Keras 3 exports no keras.metrics.accuracy: metric_accuracy(y_true, y_pred)
    # fails (as before the manifest); metric_accuracy() as an object works.
    "metric_accuracy",
}


def r_formal_names(formals):
    return [p.partition("=")[0].strip().strip("`") for p in split_formals(formals)]


def one_based_default(name, value):
    """An R default of a 1-based argument (argspec.SPEC["op"] as_axis) as Keras counts it."""
    from kerasbridge import argspec
    if argspec.SPEC["op"].get(name) is not argspec.as_axis or value is None:
        return value
    if isinstance(value, tuple):
        return tuple(one_based_default(name, v) for v in value)
    return value - 1 if isinstance(value, int) and value > 0 else value


@pytest.mark.parametrize("entry", FUNCTIONS, ids=lambda e: e["Function"])
def test_function_formals_are_the_keras_signature(entry):
    """op_*/activation_*/random_*/config_*: the R formals are the Keras function's
    parameters, in order (``...`` for *args/**kwargs; ``zero_indexed`` where
    kerasbridge.ops shifts positions), and each R default is Keras' (1-based
    axes translated)."""
    from kerasbridge import ops
    fn = ops.resolve(entry["Class"])
    params = list(inspect.signature(fn).parameters.values())
    expected = [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if entry["Class"] in ops.ZERO_INDEXED:
        expected.append("zero_indexed")
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
        expected.append("...")
    assert r_formal_names(entry.get("Formals", "")) == expected, entry["Function"]
    by_name = {p.name: p for p in params}
    drift = {}
    for name, ours in r_defaults(entry.get("Formals", "")).items():
        if name == "zero_indexed":
            continue
        p = by_name[name]
        theirs = p.default
        if theirs is p.empty or not same(one_based_default(name, normalize(ours)), theirs):
            drift[name] = (ours, "required" if theirs is p.empty else theirs)
    assert drift == {}, (
        f"{entry['Function']}: these defaults in rpkg/tools/wrappers.dcf are not keras.{entry['Class']}'s "
        f"(ours, Keras'): {drift}. Update Formals (rpkg/tools/draft-entries.py drafts them) and regenerate.")


@pytest.mark.parametrize("entry", TETHERED, ids=lambda e: e["Function"])
def test_manifest_defaults_are_keras_defaults(entry):
    kept = set(listed(entry, "Keras2Defaults"))
    drift = {k: v for k, v in mismatches(entry).items() if k not in kept}
    assert drift == {}, (
        f"{entry['Function']}: these defaults in rpkg/tools/wrappers.dcf are not {entry['Class']}'s "
        f"(ours, Keras'): {drift}. Update Formals to Keras' default and regenerate, or, if R keras 2.x "
        f"semantics need ours, list the argument in Keras2Defaults with the reason in Keras2Why.")


@pytest.mark.parametrize("entry", [e for e in TETHERED if e.get("Keras2Defaults")], ids=lambda e: e["Function"])
def test_keras2_defaults_still_differ_for_a_reason(entry):
    assert entry.get("Keras2Why"), f"{entry['Function']}: Keras2Defaults needs a Keras2Why"
    found = mismatches(entry)
    stale = [a for a in listed(entry, "Keras2Defaults") if a not in found]
    assert stale == [], f"{entry['Function']}: Keras2Defaults {stale} now equal Keras' default: drop them from the listing"
