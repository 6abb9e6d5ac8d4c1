"""The methods Keras calls on each kind of class, by name.

A member whose name is one edit away from one of these (two for long names)
is almost certainly a typo that Keras would silently ignore (``update_states``,
``on_epoch_ends``), so the constructors warn about it at class creation.

rpkg/R/py-classes.R holds a copy of this table (R must warn without starting
Python); tests/test_roundtrip_classes.py checks that the two are equal.
"""

import warnings

from ..legacy.classes import ALIASES  # Keras 2 method names (reset_states)

_LAYER = ["initialize", "build", "call", "compute_output_shape", "compute_mask",
          "get_config", "from_config"]

HOOKS = {
    "layer": _LAYER,
    "model": _LAYER + ["train_step", "test_step", "predict_step", "compute_loss",
                       "compute_metrics", "metrics"],
    "metric": ["initialize", "update_state", "result", "reset_state", "get_config"],
    "loss": ["initialize", "call", "get_config"],
    "callback": ["initialize", "set_model", "set_params",
                 "on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
                 "on_train_batch_begin", "on_train_batch_end",
                 "on_batch_begin", "on_batch_end",
                 "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end",
                 "on_predict_begin", "on_predict_end",
                 "on_predict_batch_begin", "on_predict_batch_end"],
    "constraint": ["initialize", "call", "get_config"],
    "learning_rate_schedule": ["initialize", "call", "get_config"],
    "object": ["initialize"],  # plain Python classes (plain.py): nothing else is called by Keras
}



def edit_distance(a, b):
    """Levenshtein distance (the same measure as R's utils::adist)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def likely_typo(kind, name):
    """The hook `name` was probably meant to be, or None."""
    hooks = HOOKS[kind]
    if name in hooks or name in ALIASES.get(kind, {}):
        return None
    for hook in hooks:
        d = edit_distance(name, hook)
        if d == 1 or (d == 2 and len(hook) >= 8):
            return hook
    return None


def warn_typos(kind, classname, names, base):
    for name in names:
        # A name the base class already has is an override, not a typo.
        if hasattr(base, name):
            continue
        meant = likely_typo(kind, name)
        if meant is not None:
            warnings.warn(
                f"{classname}: method `{name}` is not a {kind} method Keras calls, "
                f"so Keras will never call it. Did you mean `{meant}`?",
                UserWarning, stacklevel=4)
