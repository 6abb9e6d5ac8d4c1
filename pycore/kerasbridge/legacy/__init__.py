"""Keras 2 compatibility: the one home of every shim Keras 3 needs for R keras 2.x code.

Keras keeps its own Keras 1/2 APIs in ``keras/src/legacy/``; ours live here,
one module per concern, each shim a small named function (or mixin) whose
docstring says which Keras 2 behaviour it emulates:

- ``layer_args``   layer arguments Keras 3 dropped (batch_input_shape, input_length, weights)
- ``layer_classes`` layer classes Keras 3 tightened or changed (Cropping3D to size 0, MultiHeadAttention scores shape)
- ``locally_connected``, ``random_resize`` layer classes Keras 3 removed (LocallyConnected1D/2D,
                   RandomHeight/RandomWidth)
- ``optimizers``   ``lr`` and ``decay``
- ``metrics``      named lists of metric functions; Keras 2's order of metric names
- ``callbacks``    ModelCheckpoint file names and ``period``; CallbackCompat
- ``classes``      Keras 2 methods inside custom classes (add_weight order, add_metric, ...);
                   the parent's initialize in Keras 2's positional order, optional for callbacks
- ``backend``      the ``k_*`` backend functions
- ``backend_module`` the Keras 2 backend module itself (``K <- backend()``, ``keras$backend``; 0-based axes)
- ``op_layers``    TensorFlow functions on symbolic Keras tensors become layers (``tf$reduce_sum(x)``)
- ``model_losses`` ``model$add_loss()`` / ``model$add_metric()`` with symbolic tensors
- ``sequential``   a built Sequential model's ``input``/``output`` from its own graph
- ``functional``   models built on named lists whose names are not the inputs' names
- ``training_args`` evaluate()/predict() ignore arguments they don't take (R keras 2.x's unused ``...``)
- ``trainable_state`` fit()/train_on_batch() train what was trainable at compile() (Keras 2's compiled trainable state)
- ``tensorboard``  R keras 2.x's ``tensorboard(log_dir)`` server
- ``generators``   fit/evaluate/predict from R generator functions
- ``text``         the Keras 2 text Tokenizer and friends

R's counterparts live in ``rpkg/R/keras2-*.R``. Submodules are imported where
they are used (not here), so importing one shim never imports them all.
"""
