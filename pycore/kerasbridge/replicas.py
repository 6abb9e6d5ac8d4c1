"""R code under tf.distribute strategies: every call into R on R's thread.

TensorFlow's MirroredStrategy and MultiWorkerMirroredStrategy run each local
replica's step function on a thread of its own
(tensorflow/python/distribute/mirrored_run.py), even when the worker has one
device, and R may only be entered on R's main thread (reticulate aborts the R
process otherwise). Two changes to that replica runner make R-defined layers,
models, metrics, losses and callbacks work under these strategies:

1. One local replica (the usual multi-worker set-up, one device per worker,
   and MirroredStrategy on one device): the step function runs on the calling
   thread itself, in a replica context whose ``merge_call`` runs inline. That
   is what TensorFlow's thread hand-off computes when there is one thread, so
   R code, including an R ``train_step()``, runs where it is called.
2. Several local replicas (MirroredStrategy over several devices): TensorFlow
   runs the replica threads one at a time while the main thread waits. A call
   into R from a replica thread is traced on the main thread instead, as a
   nested tf.function under that replica's context and device; the replica
   thread then calls the traced function, so its ops, gradients and variable
   reads are the replica's own. What cannot work this way (an R
   ``train_step()``, whose optimizer step synchronises the replicas) is an R
   error that says so.

Both changes are inert for code that never calls R (case 1 computes the same
values without a thread; case 2 changes nothing until a replica calls R).
``install()`` applies them once, from ``import kerasbridge``.
"""

import functools
import queue
import threading

from .errors import RThreadError, check_r_thread

_installed = False
_jobs = queue.SimpleQueue()   # (job, done-event, result box) posted by replica threads
_wake = threading.Condition()  # main thread waits here for a job or a paused replica
_serving = 0                   # > 0 while the main thread coordinates replica threads
_TracingReplicaContext = None  # made by install()


def on_main_thread():
    return threading.current_thread() is threading.main_thread()


def _mirrored_run():
    from tensorflow.python.distribute import mirrored_run
    return mirrored_run


# -- 1. one local replica: run inline --------------------------------------

def _inline_context_class():
    from tensorflow.python.distribute import distribute_lib, distribute_utils
    mirrored_run = _mirrored_run()

    class InlineReplicaContext(mirrored_run._MirroredReplicaContext):
        """The replica context of the only local replica, run on the calling
        thread: merge_call runs merge_fn at once in cross-replica mode, with
        the arguments grouped as TensorFlow groups one thread's arguments."""

        def _merge_call(self, fn, args, kwargs):
            merge_args = distribute_utils.regroup((args,))
            merge_kwargs = distribute_utils.regroup((kwargs,))
            distribute_lib._push_per_thread_mode(distribute_lib._CrossReplicaThreadMode(self._strategy))
            try:
                result = fn(self._strategy, *merge_args, **merge_kwargs)
            finally:
                distribute_lib._pop_per_thread_mode()
            return distribute_utils.select_replica(0, result)

    return InlineReplicaContext


def _run_inline(distribution, fn, args, kwargs, context_class):
    from tensorflow.python.distribute import distribute_utils, shared_variable_creator
    from tensorflow.python.framework import ops
    from tensorflow.python.ops import variable_scope
    device = distribution.extended.worker_devices[0]
    creator = shared_variable_creator.make_fn({}, 0)
    with context_class(distribution, distribution.extended._get_replica_id_in_sync_group(0)), \
            ops.device(device), variable_scope.variable_creator_scope(creator):
        result = fn(*distribute_utils.select_replica(0, args),
                    **distribute_utils.select_replica(0, kwargs))
    return distribute_utils.regroup((result,))


# -- 2. several local replicas: the main thread traces R calls ---------------

class _ServingEvent(threading.Event):
    """A replica thread's `has_paused` event: while the main thread waits on
    it, it runs the jobs replica threads post (see enter_r)."""

    def set(self):
        super().set()
        with _wake:
            _wake.notify_all()

    def wait(self, timeout=None):
        if not on_main_thread():
            return super().wait(timeout)
        while True:
            with _wake:
                while not self.is_set() and _jobs.empty():
                    _wake.wait()
            if _jobs.empty():
                return True
            _run_job(_jobs.get_nowait())


def _run_job(item):
    job, done, box = item
    try:
        box.append((True, job()))
    except BaseException as e:  # handed back to the replica thread
        box.append((False, e))
    finally:
        done.set()


def _post(job):
    """Run `job` on the main thread (which is waiting on a replica) and return
    its value or raise its exception here."""
    done, box = threading.Event(), []
    with _wake:
        _jobs.put((job, done, box))
        _wake.notify_all()
    done.wait()
    ok, value = box[0]
    if not ok:
        raise value
    return value


def _replica_thread():
    t = threading.current_thread()
    return t if isinstance(t, _mirrored_run()._MirroredReplicaThread) else None


def _traced_on_main(thread, fn, args, kwargs):
    """`fn(*args, **kwargs)` for a replica thread: traced on the main thread as
    a tf.function in this replica's context and device, called here."""
    import tensorflow as tf
    from tensorflow.python.framework import ops
    mirrored_run = _mirrored_run()
    flat = tf.nest.flatten((args, kwargs))
    where = [i for i, v in enumerate(flat) if isinstance(v, tf.Tensor)]

    def body(*tensors):
        values = list(flat)
        for i, t in zip(where, tensors):
            values[i] = t
        a, kw = tf.nest.pack_sequence_as((args, kwargs), values)
        return fn(*a, **kw)

    traced = tf.function(body, autograph=False)
    inputs = [flat[i] for i in where]
    device = thread.devices[thread.replica_id]

    def trace():
        context = _TracingReplicaContext(thread.distribution, thread.replica_id_in_sync_group)
        try:
            with context, ops.device(device):
                return traced.get_concrete_function(*inputs)
        except Exception:
            if context.refused:  # raised inside R, come back as an R error: say it plainly
                raise RThreadError(context.refused) from None
            raise

    return _post(trace)(*inputs)


def _tracing_context_class():
    mirrored_run = _mirrored_run()

    class TracingReplicaContext(mirrored_run._MirroredReplicaContext):
        """A replica's context while the main thread traces its R code: a
        synchronisation (merge_call) would need every replica thread at once."""

        refused = None

        def _merge_call(self, fn, args, kwargs):
            n = len(self._strategy.extended.worker_devices)
            self.refused = (
                "R code that synchronises the replicas (an R train_step() or test_step() that applies "
                "the optimizer or reduces across replicas) can't run under a strategy with "
                f"{n} devices on this machine: TensorFlow runs each replica on a thread of its own, "
                "and R runs only on R's main thread. Fixes: use the default train_step() (R layers, "
                "losses and metrics work), or one device per process (MultiWorkerMirroredStrategy "
                "with one device per worker runs R code on R's thread).")
            raise RThreadError(self.refused)

    return TracingReplicaContext


def enter_r(what, fn, *args, otherwise=None, **kwargs):
    """THE way from Python into R: `fn(*args, **kwargs)` where `fn` enters R.
    On R's thread it is just a call. On a replica thread (several local
    replicas) it is traced on R's thread (see the module doc). On any other
    thread (a tf.data worker) it is RThreadError before R is touched: `what`
    names the R code, `otherwise` is the message when no strategy is involved."""
    if on_main_thread():
        return fn(*args, **kwargs)
    thread = _replica_thread() if _serving else None
    if thread is not None:
        return _traced_on_main(thread, fn, args, kwargs)
    check_r_thread(what, otherwise)  # raises: not R's thread
    raise AssertionError("unreachable")


# -- installing ------------------------------------------------------------

def install():
    """Apply both changes to TensorFlow's replica runner (once)."""
    global _installed
    if _installed:
        return
    mirrored_run = _mirrored_run()
    original = mirrored_run._call_for_each_replica
    global _TracingReplicaContext
    thread_init = mirrored_run._MirroredReplicaThread.__init__
    context_class = _inline_context_class()
    _TracingReplicaContext = _tracing_context_class()

    # (mirrored_run's own code names the class in super(), so it is kept and
    # only its __init__ wrapped)
    @functools.wraps(thread_init)
    def replica_thread_init(self, *args, **kwargs):
        thread_init(self, *args, **kwargs)
        self.has_paused = _ServingEvent()

    @functools.wraps(original)
    def call_for_each_replica(distribution, fn, args, kwargs):
        global _serving
        if len(distribution.extended.worker_devices) == 1:
            return _run_inline(distribution, fn, args, kwargs, context_class)
        if not on_main_thread():
            return original(distribution, fn, args, kwargs)
        _serving += 1
        try:
            return original(distribution, fn, args, kwargs)
        finally:
            _serving -= 1

    mirrored_run._MirroredReplicaThread.__init__ = replica_thread_init
    mirrored_run._call_for_each_replica = call_for_each_replica
    _installed = True
