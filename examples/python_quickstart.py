"""kerasbridge from Python: the same core the R package uses, with Python idioms.

Run: .venv/bin/python examples/python_quickstart.py
"""

import numpy as np
import keras

import kerasbridge as kb

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = kb.datasets.train_test_split(*kb.datasets.load_digits(), test_split=0.2)
x_train, x_test = x_train / 16.0, x_test / 16.0


# A custom layer with the class constructor: methods take `self` first, and
# reach the parent class with super(Class, self).
def initialize(self, units=32, **kwargs):
    super(Residual, self).__init__(**kwargs)
    self.units = units
    self.dense = keras.layers.Dense(units, activation="relu")


def call(self, inputs):
    return inputs + self.dense(inputs)


Residual = kb.new_layer_class("Residual", initialize=initialize, call=call)

model = kb.keras_model_sequential(input_shape=(64,))
model.add(keras.layers.Dense(32, activation="relu"))
model.add(Residual(units=32))
model.add(keras.layers.Dense(10, activation="softmax"))

# The core's compile/fit check their input first: a 1-based label, say, fails
# with a clear message before the model is touched.
kb.compile(model, optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics="accuracy")
try:
    kb.fit(model, x_train, y_train + 1, epochs=1, verbose=0)
except kb.LabelRangeError as e:
    print("caught:", e)

history = kb.fit(model, x_train, y_train, epochs=15, batch_size=32, validation_split=0.2, verbose=0)
print({k: round(v[-1], 4) for k, v in kb.history_to_dict(history)["metrics"].items()})
scores = kb.evaluate(model, x_test, y_test, verbose=0)
print("test:", scores)
assert scores["accuracy"] > 0.9
