"""Runs the R package's testthat suite in a child R process and fails on any
failed or errored expectation (skips are reported, not failures)."""

import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_testthat_suite_passes():
    # rpy2's embedded R (earlier tests) leaves its own session variables in
    # os.environ; a child R must start its own session, not share that one's.
    env = {k: v for k, v in os.environ.items()
           if k not in ("R_SESSION_TMPDIR", "R_LIBS_USER", "R_LIBS_SITE", "R_PROFILE_USER", "R_ENVIRON_USER", "TF_CONFIG")}
    lib = env.get("KERASBRIDGE_RLIB", os.path.join(ROOT, ".rlib"))
    env["R_LIBS"] = lib
    env.setdefault("KERASBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    code = (
        "library(testthat); library(kerasbridge); "
        "res <- as.data.frame(testthat::test_dir('rpkg/tests/testthat', package = 'kerasbridge', "
        "load_package = 'installed', reporter = 'summary', stop_on_failure = FALSE)); "
        "cat(sprintf('\\nTESTTHAT files=%d tests=%d failed=%d errors=%d skipped=%d\\n', "
        "length(unique(res$file)), sum(res$nb), sum(res$failed), sum(res$error), sum(res$skipped))); "
        "bad <- res[res$failed > 0 | res$error, c('file', 'test')]; "
        "if (nrow(bad)) { cat('FAILED TESTS:\\n'); print(bad) }; "
        "quit(status = if (sum(res$failed) + sum(res$error) > 0) 1 else 0)"
    )
    proc = subprocess.run(["Rscript", "-e", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    # testthat's own report (stdout) first: stderr is mostly TensorFlow's chatter
    tail = proc.stdout[-9000:] + "\n--- stderr (end) ---\n" + proc.stderr[-1500:]
    assert proc.returncode == 0, tail
    assert "TESTTHAT" in proc.stdout and "failed=0" in proc.stdout, tail
