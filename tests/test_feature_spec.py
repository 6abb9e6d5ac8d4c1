"""Core tests for kerasbridge.feature_spec: tfdatasets' feature columns on
Keras 3 preprocessing layers (fit statistics, layer output, training)."""

import numpy as np
import pytest
import tensorflow as tf

from kerasbridge import feature_spec as fs
from kerasbridge import frontend, training
from kerasbridge.errors import ArgumentError


@pytest.fixture(autouse=True)
def python_frontend():
    with frontend.using("python"):
        yield


def table(n=60):
    rng = np.random.default_rng(0)
    age = rng.integers(20, 80, n).astype(np.int32)
    thal = rng.choice(["fixed", "normal", "reversible"], n)
    return {"age": age, "thal": thal, "target": (age > 50).astype(np.float32)}


def test_fit_columns_learns_vocabulary_and_scalers():
    t = table()
    ds = tf.data.Dataset.from_tensor_slices(t)
    age = fs.NumericColumn("age", normalizer="standard")
    mm = fs.NumericColumn("age", normalizer="min_max")
    thal = fs.VocabularyColumn("thal")
    fs.fit_columns([age, mm, fs.IndicatorColumn("indicator_thal", thal)], ds.batch(7))
    assert thal.vocabulary == ["fixed", "normal", "reversible"]
    assert age.stats == pytest.approx((t["age"].mean(), t["age"].std()))
    assert mm.stats == (float(t["age"].min()), float(t["age"].max()))


def test_dense_features_layer_output():
    t = table()
    ds = tf.data.Dataset.from_tensor_slices(t)
    thal = fs.VocabularyColumn("thal")
    age = fs.NumericColumn("age", normalizer="standard")
    cols = [age, fs.BucketizedColumn("bucketized_age", age, [30, 50]), fs.IndicatorColumn("indicator_thal", thal),
            fs.EmbeddingColumn("embedding_thal", thal, 2),
            fs.IndicatorColumn("indicator_x", fs.CrossedColumn("x", ["thal", fs.BucketizedColumn("b", age, [50])], 5))]
    fs.fit_columns(cols, ds)
    layer = fs.dense_features_layer(cols)
    out = layer({k: tf.constant(v) for k, v in t.items()}).numpy()
    # name order: age 1, bucketized_age 3, embedding_thal 2, indicator_thal 3, indicator_x 5
    assert out.shape == (60, 14)
    mean, sd = age.stats
    np.testing.assert_allclose(out[:, 0], (t["age"] - mean) / sd, rtol=1e-5)
    np.testing.assert_array_equal(out[:, 1:4].argmax(1), np.digitize(t["age"], [30, 50]))
    np.testing.assert_array_equal(out[:, 6:9].argmax(1), np.searchsorted(["fixed", "normal", "reversible"], t["thal"]))
    np.testing.assert_array_equal(out[:, 9:].sum(1), np.ones(60))
    with pytest.raises(ArgumentError, match="dense feature columns"):
        fs.dense_features_layer([thal])


def test_model_from_dataset_inputs_trains_on_strings():
    t = table()
    ds = tf.data.Dataset.from_tensor_slices(t)
    thal = fs.VocabularyColumn("thal")
    cols = [fs.NumericColumn("age", normalizer="standard"), fs.IndicatorColumn("indicator_thal", thal)]
    fs.fit_columns(cols, ds)
    features = fs.use_spec(ds, ["age", "thal"])
    inputs = fs.inputs_from_dataset(features.batch(4))
    assert {k: v.dtype for k, v in inputs.items()} == {"age": "int32", "thal": "string"}
    import keras
    out = keras.layers.Dense(1, activation="sigmoid")(fs.dense_features_layer(cols)(inputs))
    model = keras.Model(inputs, out)
    model.compile(loss="binary_crossentropy", optimizer="adam")
    # string columns reach a string model input through the conversion policy
    hist = training.fit(model, {"age": t["age"], "thal": list(t["thal"])}, t["target"], epochs=2, verbose=0)
    assert len(hist.history["loss"]) == 2
    prepared = fs.use_spec(ds, ["age", "thal"], "target").batch(16)
    assert len(model.fit(prepared, epochs=1, verbose=0).history["loss"]) == 1


def test_dense_features_model_saves_and_loads(tmp_path):
    import keras
    from kerasbridge import saving
    t = table()
    ds = tf.data.Dataset.from_tensor_slices(t)
    thal = fs.VocabularyColumn("thal")
    age = fs.NumericColumn("age", normalizer="standard")
    cols = [age, fs.EmbeddingColumn("embedding_thal", thal, 3), fs.BucketizedColumn("b", age, [40.0]),
            fs.IndicatorColumn("x", fs.CrossedColumn("x", ["thal", fs.BucketizedColumn("b2", age, [50.0])], 4))]
    fs.fit_columns(cols, ds)
    inputs = fs.inputs_from_dataset(fs.use_spec(ds, ["age", "thal"]).batch(2))
    model = keras.Model(inputs, keras.layers.Dense(1)(fs.dense_features_layer(cols)(inputs)))
    x = {"age": tf.constant(t["age"]), "thal": tf.constant(t["thal"])}
    path = str(tmp_path / "m.keras")
    model.save(path)
    again = saving.load_model(path)
    np.testing.assert_allclose(again(x).numpy(), model(x).numpy(), rtol=1e-5)
    with pytest.raises(ArgumentError, match="normalizer_fn"):
        fs.NumericColumn("age", normalizer=lambda v: v).to_config()


def test_columns_have_tensorflow_feature_column_counterparts():
    """spec$features() gives tf.feature_column objects; the layer maps them back."""
    import tensorflow as tf
    from kerasbridge import feature_spec as F
    num = F.NumericColumn("b")
    voc = F.VocabularyColumn("a", ["x", "y"])
    ind = F.IndicatorColumn("indicator_a", voc)
    emb = F.EmbeddingColumn("embedding_a", voc, 3)
    buck = F.BucketizedColumn("bucketized_b", num, [1, 2])
    cross = F.CrossedColumn("crossed_a_b", ["a", buck], 10)
    made = {c.name: F.to_tf_feature_column(c) for c in [num, voc, ind, emb, buck, cross]}
    assert type(made["indicator_a"]).__name__ == "IndicatorColumn"
    assert type(made["crossed_a_b"]).__name__ == "CrossedColumn"
    assert F.to_tf_feature_column(ind) is made["indicator_a"]  # made once
    assert F.from_tf_feature_column(made["indicator_a"]) is ind
    assert "_tf_column" not in num.to_config()["fields"]
    layer = F.dense_features_layer([made["b"], made["indicator_a"]])
    out = layer({"a": tf.constant(["x", "z"]), "b": tf.constant([1.0, 2.0])})
    assert out.shape == (2, 3)


def test_dense_features_layer_takes_tensorflow_feature_columns():
    # R keras 2.x: layer_dense_features(feature_columns = list(tf$feature_column$numeric_column("mpg")))
    from tensorflow.python.util import deprecation
    fc = tf.feature_column
    with deprecation.silence():
        mpg = fc.numeric_column("mpg", normalizer_fn=lambda x: x * 2)
        cyl = fc.indicator_column(fc.categorical_column_with_vocabulary_list("cyl", ["4", "6", "8"]))
        gear = fc.bucketized_column(fc.numeric_column("gear"), [4.0])
        crossed = fc.crossed_column(["cyl", "gear"], 4)
    layer = fs.dense_features_layer([mpg, cyl, gear])
    out = layer({"mpg": tf.constant([[1.0], [3.0]]), "cyl": tf.constant([["6"], ["8"]]),
                 "gear": tf.constant([[3.0], [5.0]])}).numpy()
    # name order: cyl_indicator 3, gear_bucketized 2, mpg 1
    np.testing.assert_array_equal(out, [[0, 1, 0, 1, 0, 2], [0, 0, 1, 0, 1, 6]])
    assert fs.dense_features_layer(mpg).compute_output_shape(None) == (None, 1)
    with pytest.raises(ArgumentError, match="CrossedColumn"):
        fs.dense_features_layer([crossed])
