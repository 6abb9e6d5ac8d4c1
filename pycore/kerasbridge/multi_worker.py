"""Keras 3 training under MultiWorkerMirroredStrategy (several processes).

Keras 3.15's TensorFlow trainer can't fit() under MultiWorkerMirroredStrategy
with more than one worker (keras-team/keras issue 20585, TensorFlow issue
72388: "Attempt to convert a value (PerReplica ...) with an unsupported
type"). Two places in keras/src/backend/tensorflow/trainer.py, fixed here for
the multi-worker case only (anything else goes to Keras' own code):

- ``_maybe_symbolic_build`` builds the model from a first batch by averaging
  the per-replica batches with an eager ``strategy.reduce``; eager collectives
  across workers fail. Building needs shapes only, so the local replica's
  batch is used.
- ``reduce_per_replica`` reduces the step's scalar logs with ``axis=0``, which
  is invalid for scalars. The mean across replicas (``axis=None``) is what
  single-worker training reports.

With these, a 2-worker fit gives the same weights as one process with the
same global batch (tests/test_distribute.py). ``install()`` applies them once,
from ``import kerasbridge``.
"""

import functools

_installed = False


def _in_multi_worker_mode(strategy):
    from keras.src.backend.tensorflow import trainer
    return trainer._collective_all_reduce_multi_worker(strategy)


def install():
    global _installed
    if _installed:
        return
    import tensorflow as tf
    from keras.src import tree
    from keras.src.backend.tensorflow import trainer

    original_build = trainer.TensorFlowTrainer._maybe_symbolic_build
    original_reduce = trainer.reduce_per_replica

    @functools.wraps(original_build)
    def maybe_symbolic_build(self, iterator=None, data_batch=None):
        strategy = self._distribute_strategy
        if strategy is None or iterator is None or not _in_multi_worker_mode(strategy):
            return original_build(self, iterator=iterator, data_batch=data_batch)
        for _, _, it in iterator:
            batch = next(it)
            data_batch = tree.map_structure(
                lambda v: strategy.experimental_local_results(v)[0]
                if isinstance(v, tf.distribute.DistributedValues) else v, batch)
            break
        with strategy.scope():
            self._symbolic_build(data_batch=data_batch)

    @functools.wraps(original_reduce)
    def reduce_per_replica(values, strategy, reduction):
        if reduction not in ("auto", "mean") or not _in_multi_worker_mode(strategy):
            return original_reduce(values, strategy, reduction)
        return tree.map_structure(lambda v: strategy.reduce("MEAN", v, axis=None), values)

    trainer.TensorFlowTrainer._maybe_symbolic_build = maybe_symbolic_build
    trainer.reduce_per_replica = reduce_per_replica
    _installed = True
