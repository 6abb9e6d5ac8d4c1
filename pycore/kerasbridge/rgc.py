"""Python's cyclic garbage collection on R's thread only, in an R session.

reticulate 1.28 releases the R object behind a Python wrapper (an R function
given to Keras, an R layer's methods) in the wrapper's destructor, on whatever
thread drops it, and R's API is not thread-safe: a release on one of
TensorFlow's or Keras' worker threads while R runs can corrupt R's memory and
crash R later (fixed in reticulate 1.31, rstudio/reticulate#1406). Python's
automatic collector runs on whichever thread happens to allocate, and cycles
that hold R objects are common (a Keras layer and its R methods). So once R
has called the core, the automatic collector is off and the same policy runs
on R's thread: when a call from R ends (frontend.leave) and at the start of
each batch (interrupts.StepCheck). Objects freed by their last reference on a
worker thread are not covered; Python hosting R (rpy2) keeps Python's own
collector.
"""

import gc
import sys
import threading

_active = [False]


def _main():
    return threading.current_thread() is threading.main_thread()


def take_over():
    """Switch the automatic collector off (once; R's thread, R hosting Python)."""
    if _active[0] or not _main() or "rpy2" in sys.modules:
        return
    gc.disable()
    _active[0] = True


def active():
    return _active[0]


def collect_if_due():
    """What the automatic collector would do now, on R's thread: the oldest
    generation whose count passed its threshold."""
    if not _active[0] or not _main():
        return
    counts, limits = gc.get_count(), gc.get_threshold()
    if limits[0] <= 0 or counts[0] < limits[0]:  # threshold 0: collection switched off by the user
        return
    generation = 0
    if counts[1] >= limits[1]:
        generation = 2 if counts[2] >= limits[2] else 1
    gc.collect(generation)
