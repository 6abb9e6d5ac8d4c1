"""R CMD check --as-cran of the R package: 0 ERROR, 0 WARNING, only the NOTEs listed
here (each with the reason it is accepted). Runs every help page's examples, so a
broken or slow example fails here.

What it leaves to other tests, to keep its time bounded (about 3 minutes on 2 cores):
the testthat suite (--no-tests: tests/test_r_package.py runs it) and the vignettes
(built without them, checked with --ignore-vignettes: tests/test_vignettes.py knits
every one and scripts/setup.sh builds and installs them with the package).
"""

import os
import re
import shutil
import subprocess
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RPKG = os.path.join(ROOT, "rpkg")

# NOTE title (the text after "checking ") -> why it is accepted. Anything else fails.
ALLOWED_NOTES = {
    # First-submission boilerplate of the CRAN incoming check: the maintainer line
    # is always printed, and "New submission" while CRAN does not know the package.
    "CRAN incoming feasibility": "maintainer line / new submission, printed for every package CRAN doesn't have yet",
    # TensorFlow's AutoGraph writes the Python source of each function it converts
    # (tf_function(), dataset_map() examples) to the temp directory and removes it only
    # at Python's exit, which R never runs; only those files are accepted (see below).
    "for detritus in the temp directory": "AutoGraph's generated __autograph_generated_file*.py",
    # rpkg/src/timelimits.c hooks R_ProcessEvents (ptr_R_ProcessEvents, Rinterface.h):
    # the only place where R's time-limit error can be kept while Python runs, instead
    # of being printed and lost in reticulate's event poll. Only that symbol is accepted.
    "compiled code": "ptr_R_ProcessEvents, the event hook of src/timelimits.c",
}
# Lines that may appear in the incoming-feasibility NOTE; anything else there fails.
ALLOWED_INCOMING_LINES = (
    "Maintainer:",
    "New submission",
    # The tarball is built with --no-build-vignettes (the vignettes train models; they
    # are knitted by tests/test_vignettes.py and built by scripts/setup.sh).
    "Package has a VignetteBuilder field but no prebuilt vignette index.",
)

CHECK_BUDGET_S = 6 * 60


def _env():
    env = dict(os.environ)
    env.setdefault("KERASBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.update({
        "_R_CHECK_FORCE_SUGGESTS_": "false",
        # no network here: skip the remote parts (CRAN/URL lookups), keep the local ones
        "_R_CHECK_CRAN_INCOMING_REMOTE_": "false",
        "_R_CHECK_SYSTEM_CLOCK_": "false",
        # --as-cran notes any example over 5 s elapsed: a reading of the machine's load
        # (the first example of a session imports TensorFlow), i.e. a timed assertion;
        # speed is bench/'s business, so only a runaway example (60 s) is noted
        "_R_CHECK_EXAMPLE_TIMING_THRESHOLD_": "60",
        "R_LIBS_USER": os.devnull,
    })
    # the check installs the package into its own library; the Debian R packages
    # are system-wide, so the project library must not shadow the version under check
    env.pop("R_LIBS", None)
    return env


def _sections(log):
    """[(title, status, body)] for each '* checking ...' line of 00check.log."""
    out = []
    parts = re.split(r"^\* ", log, flags=re.M)
    for part in parts[1:]:
        head, _, body = part.partition("\n")
        m = re.match(r"checking (.*?) \.\.\.(?:.*?)\s*(OK|NOTE|WARNING|ERROR|SKIPPED|NONE)?\s*$", head)
        if m:
            # a status printed after warnings spills onto the body's first lines
            status = m.group(2)
            if status is None:
                s = re.search(r"^\s*(OK|NOTE|WARNING|ERROR)\s*$", body, flags=re.M)
                status = s.group(1) if s else None
            out.append((m.group(1).strip(), status, body))
    return out


@pytest.fixture(scope="module")
def check_log(tmp_path_factory):
    if shutil.which("R") is None:
        pytest.skip("R is not installed")
    work = tmp_path_factory.mktemp("rcheck")
    env = _env()
    build = subprocess.run(["R", "CMD", "build", "--no-build-vignettes", "--no-manual", RPKG],
                           cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
    tarball = next(p for p in os.listdir(work) if p.endswith(".tar.gz"))
    start = time.monotonic()
    check = subprocess.run(["R", "CMD", "check", "--as-cran", "--no-manual", "--no-tests",
                            "--ignore-vignettes", tarball],
                           cwd=work, env=env, capture_output=True, text=True, timeout=1200)
    elapsed = time.monotonic() - start
    log_path = work / "kerasbridge.Rcheck" / "00check.log"
    assert log_path.exists(), (check.stdout + check.stderr)[-4000:]
    log = log_path.read_text()
    examples_out = work / "kerasbridge.Rcheck" / "kerasbridge-Ex.Rout"
    return {"log": log, "elapsed": elapsed, "rc": check.returncode,
            "examples": examples_out.read_text() if examples_out.exists() else ""}


def test_no_errors_or_warnings(check_log):
    bad = [(t, s, b[:1500]) for t, s, b in _sections(check_log["log"]) if s in ("ERROR", "WARNING")]
    tail = check_log["examples"][-3000:] if any(t == "examples" for t, _, _ in bad) else ""
    assert not bad, f"{bad}\n{tail}"
    assert re.search(r"^Status: (OK|\d+ NOTEs?)\s*$", check_log["log"], flags=re.M), check_log["log"][-2000:]


def test_only_explained_notes(check_log):
    for title, status, body in _sections(check_log["log"]):
        if status != "NOTE":
            continue
        assert title in ALLOWED_NOTES, f"unexplained NOTE in 'checking {title}':\n{body[:2000]}"
        if title == "CRAN incoming feasibility":
            lines = [l.strip() for l in body.splitlines() if l.strip() and not l.startswith("*")]
            # the NOTE body ends where the next section starts (split above)
            unknown = [l for l in lines if not l.startswith(ALLOWED_INCOMING_LINES)
                       and l not in ("NOTE",) and not l.startswith("Warning") and "need Internet" not in l]
            assert not unknown, f"unexplained lines in the incoming NOTE: {unknown}"
        if title == "compiled code":
            calls = re.findall(r"non-API calls? to R: (.*)", body)
            assert calls and all(c.strip() == "\u2018ptr_R_ProcessEvents\u2019" for c in calls), body
        if title == "for detritus in the temp directory":
            files = re.findall(r"^\s+\u2018(.*?)\u2019", body, flags=re.M)
            assert files and all(f.startswith("__autograph_generated_file") for f in files), body


def test_examples_ran(check_log):
    sections = {t: s for t, s, _ in _sections(check_log["log"])}
    assert sections.get("examples") == "OK", sections.get("examples")
    # every help page's examples ran (not skipped): the Rout has one block per page
    assert check_log["examples"].count("### Name:") > 200


def test_check_time_bounded(check_log):
    assert check_log["elapsed"] < CHECK_BUDGET_S, f"R CMD check took {check_log['elapsed']:.0f} s"


# ---- help pages: every export documented, with \value and a runnable example ----

# Examples that can't run offline: they read data files the user downloads first.
NEEDS_DOWNLOAD = {"dataset_mnist", "dataset_imdb", "dataset_imdb_word_index", "dataset_reuters",
                  "dataset_reuters_word_index", "dataset_fashion_mnist", "dataset_cifar10",
                  "dataset_cifar100", "dataset_boston_housing", "dataset_california_housing",
                  # the ImageNet class index is downloaded on first use
                  "imagenet_decode_predictions", "mobilenet_decode_predictions",
                  "mobilenet_v2_decode_predictions",
                  # starts a server
                  "tensorboard", "tensorboard_stop"}


def _exports():
    text = open(os.path.join(RPKG, "NAMESPACE")).read()
    names = re.findall(r"^export\((.*?)\)\s*$", text, flags=re.M)
    return [n.strip().strip('"').strip("`") for n in names]


def _braced(text, start):
    """The text inside the braces that open at text[start] == '{'."""
    depth = 0
    for j in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0) if text[j - 1] != "\\" else 0
        if depth == 0:
            return text[start + 1:j]
    return text[start + 1:]


def _strip_dontrun(text):
    while True:
        i = text.find("\\dontrun{")
        if i < 0:
            return text
        depth, j = 0, i + len("\\dontrun")
        while j < len(text):
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
            if depth == 0:
                break
        text = text[:i] + text[j:]


def help_pages():
    """alias -> {'page', 'runnable', 'value', 'reexport'} from rpkg/man/*.Rd."""
    pages = {}
    man = os.path.join(RPKG, "man")
    for f in sorted(os.listdir(man)):
        if not f.endswith(".Rd"):
            continue
        text = open(os.path.join(man, f)).read()
        aliases = [a.replace("\\%", "%") for a in re.findall(r"\\alias\{(.*?)\}\s*$", text, flags=re.M)]
        at = text.find("\\examples{")
        examples = _braced(text, at + len("\\examples")) if at >= 0 else ""
        code = "\n".join(l for l in _strip_dontrun(examples).splitlines() if not l.lstrip().startswith("#"))
        runnable = re.search(r"[A-Za-z]", code) is not None
        # \format: the page of an object (tf, newaxis, an R6 class), not a function
        info = {"page": f, "runnable": runnable, "value": "\\value{" in text or "\\format{" in text,
                "reexport": "\\docType{import}" in text}
        for a in aliases:
            pages[a] = info
    return pages


def test_every_export_has_a_page_value_and_runnable_example():
    pages = help_pages()
    exports = _exports()
    undocumented = [e for e in exports if e not in pages]
    assert not undocumented, undocumented
    own = [e for e in exports if not pages[e]["reexport"]]
    no_value = sorted({pages[e]["page"] for e in own if not pages[e]["value"]})
    assert not no_value, f"help pages without @returns: {no_value}"
    no_example = sorted(e for e in own if not pages[e]["runnable"] and e not in NEEDS_DOWNLOAD)
    assert not no_example, f"{len(no_example)} exports without a runnable example: {no_example}"
