"""Drive R from pytest in the same process, safely with reticulate 1.28.

rpy2 is used exactly once: to load reticulate and set ``__main__.kb_r_eval`` to
an R function that evaluates R code. Every later R call goes through that
function, i.e. from Python through reticulate, which keeps the GIL held while R
runs, so reticulate's finalizers (which touch Python objects) are safe.
``shutdown()`` runs R's gc() the same way so rpy2's exit hook has nothing left
to finalize (see ../shared/PLATFORM.md).

Data goes Python -> R through attributes of ``__main__`` (``py$name`` in R);
results come back through reticulate's conversion (arrays -> numpy, named
lists -> dict, vectors -> list/scalar).
"""

import os
import __main__

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_started = False


def start():
    global _started
    if _started:
        return
    os.environ.setdefault("KERASBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    import rpy2.robjects as ro

    # KERASBRIDGE_RLIB lets a developer test against a private R library
    lib = os.environ.get("KERASBRIDGE_RLIB", os.path.join(ROOT, ".rlib"))
    ro.r(f"""
      .libPaths(c("{lib}", .libPaths()))
      library(reticulate)
      reticulate::py_set_attr(reticulate::import_main(convert = TRUE), "kb_r_eval",
        function(code) eval(parse(text = code), envir = globalenv()))
    """)
    _started = True


def r(code):
    """Evaluate R code in R's global environment; returns the value converted by reticulate."""
    start()
    return __main__.kb_r_eval(code)


def put(**values):
    """Make Python values visible to R as py$name."""
    for k, v in values.items():
        setattr(__main__, k, v)


def started():
    return _started


def shutdown():
    if _started:
        __main__.kb_r_eval("rm(list = ls(globalenv()), envir = globalenv()); invisible(gc())")
