"""No R file of the package depends on collation order: code that runs when the
package is built (outside function bodies) uses only objects of its own file."""

import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHECK = r'''
files <- list.files("rpkg/R", "\\.R$", full.names = TRUE)
defs <- list()
for (f in files) for (e in parse(f, keep.source = FALSE))
  if (is.call(e) && as.character(e[[1]])[1] %in% c("<-", "=")) defs[[deparse(e[[2]])[1]]] <- basename(f)
eager <- function(x) {  # names evaluated at build time: not those inside function bodies
  if (is.name(x)) return(as.character(x))
  if (!is.call(x) || identical(x[[1]], as.name("function"))) return(character())
  unlist(lapply(as.list(x), eager))
}
for (f in files) for (e in parse(f, keep.source = FALSE)) {
  used <- if (is.call(e) && as.character(e[[1]])[1] %in% c("<-", "=")) eager(e[[3]]) else eager(e)
  for (s in unique(used)) {
    d <- defs[[s]]
    if (!is.null(d) && d != basename(f)) cat(basename(f), "uses", s, "from", d, "at build time\n")
  }
}
'''


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_no_r_file_depends_on_collation_order():
    with open(os.path.join(ROOT, "rpkg", "DESCRIPTION")) as f:
        assert "Collate:" not in f.read()
    out = subprocess.run(["Rscript", "-e", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
