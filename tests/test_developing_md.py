"""DEVELOPING.md accounts for every file of the core and of the R package, so the
tree it describes is the real one (a new file needs its line there)."""

import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tree_block():
    text = open(os.path.join(ROOT, "DEVELOPING.md"), encoding="utf-8").read()
    start = text.index("## The tree")
    return text[start:text.index("\n## ", start + 1)]


def listed_names(block):
    """File names at the start of a tree line, plus the *-generated.R names."""
    names = set(re.findall(r"^\s+([\w.-]+\.(?:py|R))\b", block, re.M))
    names |= {n + "-generated.R" for n in re.findall(r"([a-z]+)-(?:generated\.R|,)", block)}
    return names


def test_every_core_module_is_listed():
    block = tree_block()
    names = listed_names(block)
    for path in glob.glob(os.path.join(ROOT, "pycore", "kerasbridge", "**", "*.py"), recursive=True):
        assert os.path.basename(path) in names, f"{os.path.relpath(path, ROOT)} is not in DEVELOPING.md's tree"
    for sub in ("classes/", "legacy/"):
        assert sub in block


def test_every_r_file_is_listed():
    names = listed_names(tree_block())
    for path in glob.glob(os.path.join(ROOT, "rpkg", "R", "*.R")):
        assert os.path.basename(path) in names, f"{os.path.relpath(path, ROOT)} is not in DEVELOPING.md's tree"


def test_no_listed_file_is_gone():
    names = listed_names(tree_block())
    real = {os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "pycore", "kerasbridge", "**", "*.py"), recursive=True)}
    real |= {os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "rpkg", "R", "*.R"))}
    real |= {"rbridge.py", "draft-entries.py", "generate-wrappers.R"}  # named in the prose lines
    assert names <= real, sorted(names - real)
