"""Every R script (and Python script) in examples/ runs to the end as a user would run it
(Rscript from the project root), so none of them rots. The main job
(train_digits.R) must also write its checkpoint and plot."""

import glob
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = sorted(glob.glob(os.path.join(ROOT, "examples", "*.R")) + glob.glob(os.path.join(ROOT, "examples", "*.py")))


@pytest.mark.parametrize("path", SCRIPTS, ids=[os.path.basename(p) for p in SCRIPTS])
def test_example_runs(path, tmp_path):
    env = dict(os.environ)
    env["R_LIBS"] = env.get("KERASBRIDGE_RLIB", os.path.join(ROOT, ".rlib"))
    env.setdefault("KERASBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    cmd = ["Rscript", path] if path.endswith(".R") else [os.path.join(ROOT, ".venv", "bin", "python"), path]
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    if os.path.basename(path) == "train_digits.R":
        assert "Final epoch (plot to see history):" in proc.stdout
        assert (tmp_path / "out" / "digits_best.keras").stat().st_size > 10_000
        assert (tmp_path / "out" / "digits_history.png").stat().st_size > 10_000
