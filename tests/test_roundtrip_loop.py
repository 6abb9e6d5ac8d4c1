"""R <-> Python round trip for a custom training loop: the same model, seed,
data order and steps written with GradientTape in R (tf_function(), and
eagerly) and in Python (@tf.function) end with identical weights."""

import numpy as np
import pytest
import tensorflow as tf
import keras

N_EPOCHS = 2
BATCH = 16


@pytest.fixture(scope="module")
def loop_data():
    rng = np.random.default_rng(11)
    x = rng.random((64, 12)).astype(np.float32)
    y = rng.integers(0, 3, 64).astype(np.int32)
    return x, y


def python_loop(x, y, compiled=True):
    keras.utils.set_random_seed(42)
    inputs = keras.Input((12,))
    h = keras.layers.Dense(8, activation="relu")(inputs)
    outputs = keras.layers.Dense(3)(h)
    model = keras.Model(inputs, outputs)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.RMSprop(learning_rate=0.01)
    acc = keras.metrics.SparseCategoricalAccuracy()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(BATCH)

    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        acc.update_state(yb, logits)
        return loss

    if compiled:
        train_step = tf.function(train_step)
    losses = []
    for _ in range(N_EPOCHS):
        acc.reset_state()
        for xb, yb in ds:
            losses.append(float(train_step(xb, yb)))
    return model.get_weights(), losses, float(acc.result())


R_LOOP = """
x <- py$rl_x; y <- as.integer(py$rl_y)
set_random_seed(42)
inputs <- layer_input(shape = 12)
outputs <- inputs %%>%% layer_dense(units = 8, activation = "relu") %%>%% layer_dense(units = 3)
model <- keras_model(inputs, outputs)
loss_fn <- loss_sparse_categorical_crossentropy(from_logits = TRUE)
optimizer <- optimizer_rmsprop(learning_rate = 0.01)
acc <- metric_sparse_categorical_accuracy()
ds <- tensor_slices_dataset(list(x, y)) %%>%% dataset_batch(%(batch)d)

train_step <- function(xb, yb) {
  with(tf$GradientTape() %%as%% tape, {
    logits <- model(xb, training = TRUE)
    loss <- loss_fn(yb, logits)
  })
  grads <- tape$gradient(loss, model$trainable_weights)
  optimizer$apply_gradients(zip_lists(grads, model$trainable_weights))
  acc$update_state(yb, logits)
  loss
}
if (%(compiled)s) train_step <- tf_function(train_step)
losses <- c()
for (epoch in seq_len(%(epochs)d)) {
  acc$reset_state()
  it <- as_iterator(ds)
  while (!is.null(batch <- iter_next(it))) {
    c(xb, yb) %%<-%% batch
    losses <- c(losses, as.numeric(train_step(xb, yb)))
  }
}
rl_result <- list(weights = model$get_weights(), losses = losses, acc = as.numeric(acc$result()))
"""


@pytest.mark.parametrize("compiled", [True, False], ids=["tf_function", "eager"])
def test_custom_loop_same_weights_from_r_and_python(R, loop_data, compiled):
    x, y = loop_data
    w_py, losses_py, acc_py = python_loop(x, y, compiled=compiled)
    R.put(rl_x=x, rl_y=y)
    R.r(R_LOOP % {"batch": BATCH, "epochs": N_EPOCHS, "compiled": "TRUE" if compiled else "FALSE"})
    w_r = R.r("lapply(rl_result$weights, function(w) w)")
    losses_r = R.r("as.list(rl_result$losses)")
    acc_r = R.r("rl_result$acc")
    assert len(losses_r) == len(losses_py) == N_EPOCHS * (len(x) // BATCH)
    assert losses_r == losses_py  # bit-identical, step by step
    assert acc_r == acc_py
    assert len(w_r) == len(w_py) == 4
    for a, b in zip(w_r, w_py):
        np.testing.assert_array_equal(np.asarray(a, dtype=np.float32).reshape(b.shape), b)
    # the loop trained: the loss went down
    assert losses_py[-1] < losses_py[0]
