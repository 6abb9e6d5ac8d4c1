"""legacy/functional.py: a model built on a named list whose names are not its inputs' names."""

import warnings

import keras

from kerasbridge import frontend, layers


def test_keras_model_on_dict_keys_other_than_input_names_is_quiet_for_r_only():
    def build():
        ins = {"a": keras.Input((1,), name="a_name")}
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            model = layers.keras_model(ins, keras.layers.Dense(2)(ins["a"]))
        return model, [str(w.message) for w in seen if "must match" in str(w.message)]
    with frontend.using("r"):
        model, seen = build()
    assert seen == [] and list(model._inputs_struct) == ["a"]
    assert len(build()[1]) == 1  # Python users keep Keras' warning
