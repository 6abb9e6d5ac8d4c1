"""`import kerasbridge` loads what the first model needs; the other submodules
load on first use and stay reachable under their names (issue 12)."""

import json
import os
import subprocess
import sys

LAZY = ["kerasbridge.applications", "kerasbridge.callbacks", "kerasbridge.data", "kerasbridge.datasets",
        "kerasbridge.ops", "kerasbridge.tensors", "kerasbridge.legacy.backend", "kerasbridge.legacy.generators"]


def fresh_python(code):
    """Run `code` in a new interpreter (nothing imported yet); its last line printed is JSON."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_leaves_heavy_submodules_unloaded_until_used():
    got = fresh_python(f"""
import json, sys
import kerasbridge as kb
lazy = {LAZY!r}
before = [m for m in lazy if m in sys.modules]
text_run = type(sys.modules["kerasbridge.legacy.text"]).__name__ != "_LazyModule"  # type() does not load it
layer = kb.make_layer("Dense", units=2)   # the first layer needs none of them
after_layer = [m for m in lazy if m in sys.modules]
names = [kb.datasets.__name__, kb.applications.__name__, kb.backend.__name__, kb.generators.__name__,
         kb.text.__name__, kb.tensors.__name__, kb.data.__name__, kb.callbacks.__name__, kb.ops.__name__]
from kerasbridge import text, generators
import kerasbridge.text
print(json.dumps(dict(before=before, text_run=text_run, after_layer=after_layer, names=names,
                      tokenizer=kerasbridge.text.Tokenizer.__module__, same=text is kb.legacy.text,
                      loaded=[m for m in lazy if m not in sys.modules], listed="datasets" in dir(kb))))
""")
    assert got["before"] == [] and got["after_layer"] == []
    assert got["text_run"] is False
    assert got["names"] == ["kerasbridge.datasets", "kerasbridge.applications", "kerasbridge.legacy.backend",
                            "kerasbridge.legacy.generators", "kerasbridge.legacy.text", "kerasbridge.tensors",
                            "kerasbridge.data", "kerasbridge.callbacks", "kerasbridge.ops"]
    assert got["tokenizer"] == "kerasbridge.text" and got["same"] is True
    assert got["loaded"] == [] and got["listed"] is True


def test_unknown_attribute_is_still_an_attribute_error():
    import pytest
    import kerasbridge as kb
    with pytest.raises(AttributeError, match="no attribute 'not_a_module'"):
        kb.not_a_module


def test_a_pickled_tokenizer_loads_in_a_fresh_session(tmp_path):
    import pickle
    import kerasbridge as kb
    tok = kb.text.Tokenizer(num_words=10)
    tok.fit_on_texts(["a b c", "a b"])
    path = tmp_path / "tok.pkl"
    path.write_bytes(pickle.dumps(tok))
    got = fresh_python(f"""
import json, pickle, sys
import kerasbridge
tok = pickle.loads(open({str(path)!r}, "rb").read())
print(json.dumps(dict(cls=type(tok).__module__, index=tok.word_index)))
""")
    assert got == {"cls": "kerasbridge.text", "index": tok.word_index}
