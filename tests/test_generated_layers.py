"""The layer_* wrappers are generated from rpkg/tools/layers.dcf; the committed
file must match what the generator writes now."""

import os
import subprocess


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_generated_layer_wrappers_are_up_to_date(tmp_path):
    out = tmp_path / "layers-generated.R"
    subprocess.run(["Rscript", "tools/generate-layers.R", str(out)], cwd=os.path.join(ROOT, "rpkg"), check=True)
    committed = open(os.path.join(ROOT, "rpkg", "R", "layers-generated.R")).read()
    assert out.read_text() == committed, "run: cd rpkg && Rscript tools/generate-layers.R"


def test_every_generated_wrapper_is_exported():
    import re
    src = open(os.path.join(ROOT, "rpkg", "R", "layers-generated.R")).read()
    ns = open(os.path.join(ROOT, "rpkg", "NAMESPACE")).read()
    names = re.findall(r"^(layer_[a-z0-9_]+) <- function", src, re.M)
    assert len(names) > 70
    assert [n for n in names if f"export({n})" not in ns] == []
