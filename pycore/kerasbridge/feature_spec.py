"""tfdatasets' feature_spec() on Keras 3 preprocessing layers (R/feature-spec.R).

tf.feature_column and DenseFeatures are gone with Keras 3. A spec is a list
of *columns* (plain Python objects, one per step); ``fit_spec`` computes what
the steps need from the data (vocabularies, mean/sd, min/max), and
``DenseFeatures`` is a Keras layer that maps a dict of input tensors (one per
raw column) to the concatenated dense features, built from Normalization,
StringLookup/IntegerLookup, Hashing, Discretization, HashedCrossing and
Embedding layers. As in TensorFlow's DenseFeatures, dense columns are
concatenated in the order of their names.

Categorical columns produce ids in [0, num_buckets), or -1 for a value that
maps to no bucket (out of vocabulary with no OOV bucket), which indicator
columns encode as all zeros and embedding columns as a zero vector, as
tf.feature_column did.
"""

import numpy as np
import tensorflow as tf

from .argspec import as_count
from .errors import ArgumentError


def _col2(x):
    """A batch of one column -> [batch, k] (scalars per row become [batch, 1])."""
    x = tf.convert_to_tensor(x)
    if x.shape.rank == 0:
        x = tf.reshape(x, [1, 1])
    elif x.shape.rank == 1:
        x = tf.expand_dims(x, -1)
    elif x.shape.rank > 2:
        x = tf.reshape(x, [tf.shape(x)[0], -1])
    return x


class Column:
    """One step of a spec. ``key`` is the raw input it reads, ``name`` its name."""
    dense = False
    categorical = False

    def __init__(self, name):
        self.name = name

    def needs(self):
        """Names of the raw inputs this column reads."""
        return []

    def __repr__(self):
        return f"<{type(self).__name__} '{self.name}'>"

    def to_config(self):
        """Plain data for the saved model's config (nested columns as configs)."""
        def value(v):
            if isinstance(v, Column):
                return v.to_config()
            if isinstance(v, (list, tuple)):
                return [value(x) for x in v]
            if callable(v):
                raise ArgumentError(
                    f"The column '{self.name}' has an R/Python function as normalizer_fn, which can't be "
                    f"saved in a model file; use scaler_standard()/scaler_min_max(), or save the weights only.",
                    "normalizer_fn")
            return v
        return {"class": type(self).__name__, "fields": {k: value(v) for k, v in vars(self).items() if not k.startswith("_")}}


def column_from_config(config):
    """Inverse of Column.to_config()."""
    def value(v):
        if isinstance(v, dict) and "class" in v and "fields" in v:
            return column_from_config(v)
        if isinstance(v, list):
            return [value(x) for x in v]
        return v
    cls = _COLUMN_CLASSES[config["class"]]
    col = cls.__new__(cls)
    for k, v in config["fields"].items():
        setattr(col, k, tuple(value(v)) if k == "stats" and v is not None else value(v))
    return col


class NumericColumn(Column):
    dense = True

    def __init__(self, key, shape=1, default_value=None, dtype="float32", normalizer=None):
        super().__init__(key)
        self.key = key
        self.shape = shape
        self.default_value = default_value
        self.dtype = dtype
        self.normalizer = normalizer  # None, "standard", "min_max" or a callable
        self.stats = None

    def needs(self):
        return [self.key]

    def width(self):
        return int(np.prod(self.shape))

    def build_layers(self):
        return {}

    def dense_output(self, inputs, layers):
        x = tf.cast(_col2(inputs[self.key]), tf.float32)
        if self.normalizer == "standard":
            mean, sd = self.stats
            x = (x - mean) / (sd if sd > 0 else 1.0)
        elif self.normalizer == "min_max":
            lo, hi = self.stats
            x = (x - lo) / ((hi - lo) if hi > lo else 1.0)
        elif callable(self.normalizer):
            x = tf.cast(self.normalizer(x), tf.float32)
        return x


class VocabularyColumn(Column):
    categorical = True

    def __init__(self, key, vocabulary=None, num_oov_buckets=0, default_value=-1, vocabulary_file=None):
        super().__init__(key)
        self.key = key
        self.vocabulary = None if vocabulary is None else list(vocabulary)
        self.num_oov = num_oov_buckets
        self.default_value = default_value
        self.vocabulary_file = vocabulary_file

    def needs(self):
        return [self.key]

    @property
    def num_buckets(self):
        return len(self.vocabulary) + self.num_oov

    def build_layers(self):
        import keras
        vocab = self.vocabulary
        n_oov = max(self.num_oov, 1)  # Keras 3 refuses OOV values with none
        if vocab and all(isinstance(v, str) for v in vocab):
            lookup = keras.layers.StringLookup(vocabulary=vocab, num_oov_indices=n_oov)
        else:
            lookup = keras.layers.IntegerLookup(vocabulary=[int(v) for v in vocab], num_oov_indices=n_oov)
        return {"lookup": lookup}

    def ids(self, inputs, layers):
        x = _col2(inputs[self.key])
        idx = tf.cast(layers["lookup"](x), tf.int64)
        n_oov = max(self.num_oov, 1)
        if self.num_oov == 0:
            return tf.where(idx < n_oov, tf.constant(self.default_value, tf.int64), idx - n_oov)
        # vocabulary first, then the OOV buckets, as tf.feature_column numbered them
        return tf.where(idx < n_oov, len(self.vocabulary) + idx, idx - n_oov)


class HashColumn(Column):
    categorical = True

    def __init__(self, key, hash_bucket_size):
        super().__init__(key)
        self.key = key
        self.num_buckets = hash_bucket_size

    def needs(self):
        return [self.key]

    def build_layers(self):
        import keras
        return {"hash": keras.layers.Hashing(num_bins=self.num_buckets)}

    def ids(self, inputs, layers):
        x = _col2(inputs[self.key])
        if x.dtype != tf.string:
            x = tf.strings.as_string(x)
        return tf.cast(layers["hash"](x), tf.int64)


class IdentityColumn(Column):
    categorical = True

    def __init__(self, key, num_buckets, default_value=None):
        super().__init__(key)
        self.key = key
        self.num_buckets = num_buckets
        self.default_value = default_value

    def needs(self):
        return [self.key]

    def build_layers(self):
        return {}

    def ids(self, inputs, layers):
        x = tf.cast(_col2(inputs[self.key]), tf.int64)
        fallback = -1 if self.default_value is None else self.default_value
        ok = (x >= 0) & (x < self.num_buckets)
        return tf.where(ok, x, tf.constant(fallback, tf.int64))


class BucketizedColumn(Column):
    dense = True
    categorical = True

    def __init__(self, name, source, boundaries):
        super().__init__(name)
        self.source = source  # a NumericColumn
        self.boundaries = [float(b) for b in boundaries]
        self.num_buckets = len(self.boundaries) + 1

    def needs(self):
        return [self.source.key]

    def build_layers(self):
        import keras
        return {"bins": keras.layers.Discretization(bin_boundaries=self.boundaries)}

    def ids(self, inputs, layers):
        x = tf.cast(_col2(inputs[self.source.key]), tf.float32)
        return tf.cast(layers["bins"](x), tf.int64)

    def width(self):
        return self.num_buckets

    def dense_output(self, inputs, layers):
        return _one_hot(self.ids(inputs, layers), self.num_buckets)


class CrossedColumn(Column):
    categorical = True

    def __init__(self, name, sources, hash_bucket_size):
        super().__init__(name)
        self.sources = sources  # raw column names (str) or bucketized columns
        self.num_buckets = hash_bucket_size

    def needs(self):
        out = []
        for s in self.sources:
            out.extend([s] if isinstance(s, str) else s.needs())
        return out

    def build_layers(self):
        import keras
        layers = {"cross": keras.layers.HashedCrossing(num_bins=self.num_buckets)}
        for i, s in enumerate(self.sources):
            if not isinstance(s, str):
                layers.update({f"{i}.{k}": v for k, v in s.build_layers().items()})
        return layers

    def ids(self, inputs, layers):
        parts = []
        for i, s in enumerate(self.sources):
            if isinstance(s, str):
                v = _col2(inputs[s])
            else:
                v = s.ids(inputs, {k.split(".", 1)[1]: l for k, l in layers.items() if k.startswith(f"{i}.")})
            parts.append(v if v.dtype == tf.string else tf.strings.as_string(v))
        out = parts[0]
        for p in parts[1:]:
            out = layers["cross"]((out, p))
            out = tf.strings.as_string(out) if p is not parts[-1] else out
        return tf.cast(out, tf.int64)


def _one_hot(ids, depth):
    # -1 (no bucket) encodes as zeros; several values per row add up
    return tf.reduce_sum(tf.one_hot(ids, depth, dtype=tf.float32), axis=1)


class IndicatorColumn(Column):
    dense = True

    def __init__(self, name, source):
        super().__init__(name)
        self.source = source

    def needs(self):
        return self.source.needs()

    def build_layers(self):
        return self.source.build_layers()

    def width(self):
        return self.source.num_buckets

    def dense_output(self, inputs, layers):
        return _one_hot(self.source.ids(inputs, layers), self.source.num_buckets)


class EmbeddingColumn(Column):
    dense = True

    def __init__(self, name, source, dimension, combiner="mean", shared=None):
        super().__init__(name)
        self.source = source
        self.dimension = dimension
        self.combiner = combiner
        self.shared = shared  # the name of a shared embedding table

    def needs(self):
        return self.source.needs()

    def build_layers(self):
        layers = dict(self.source.build_layers())
        if self.shared is None:
            import keras
            layers["embedding"] = keras.layers.Embedding(self.source.num_buckets, self.dimension)
        return layers

    def width(self):
        return self.dimension

    def dense_output(self, inputs, layers):
        ids = self.source.ids(inputs, layers)
        valid = tf.cast(ids >= 0, tf.float32)[..., None]
        vectors = layers["embedding"](tf.maximum(ids, 0)) * valid
        total = tf.reduce_sum(vectors, axis=1)
        if self.combiner == "sum":
            return total
        count = tf.reduce_sum(valid, axis=1)
        if self.combiner == "sqrtn":
            return total / tf.maximum(tf.sqrt(count), 1.0)
        return total / tf.maximum(count, 1.0)


_COLUMN_CLASSES = {c.__name__: c for c in (NumericColumn, VocabularyColumn, HashColumn, IdentityColumn,
                                            BucketizedColumn, CrossedColumn, IndicatorColumn, EmbeddingColumn)}


# ---- fitting -----------------------------------------------------------------

def _collect(dataset, keys):
    """All values of the raw columns `keys` in the dataset, as flat numpy arrays."""
    values = {k: [] for k in keys}
    for el in dataset.as_numpy_iterator():
        if isinstance(el, tuple):  # (features, label) elements
            el = el[0]
        for k in keys:
            values[k].append(np.asarray(el[k]).reshape(-1))
    out = {}
    for k, v in values.items():
        arr = np.concatenate(v) if v else np.asarray([])
        if arr.dtype.kind in "OS":
            arr = np.asarray([s.decode() if isinstance(s, bytes) else str(s) for s in arr])
        out[k] = arr
    return out


def fit_columns(columns, dataset):
    """Compute vocabularies and scaler statistics from the dataset (in place)."""
    def walk(c):
        yield c
        for s in [getattr(c, "source", None)] + [x for x in getattr(c, "sources", []) if not isinstance(x, str)]:
            if isinstance(s, Column):
                yield from walk(s)
    todo = [c for col in columns for c in walk(col)]
    keys = sorted({c.key for c in todo
                   if (isinstance(c, VocabularyColumn) and c.vocabulary is None)
                   or (isinstance(c, NumericColumn) and c.normalizer in ("standard", "min_max"))})
    data = _collect(dataset, keys) if keys else {}
    for c in todo:
        if isinstance(c, VocabularyColumn) and c.vocabulary is None:
            vocab = np.unique(data[c.key])
            c.vocabulary = [str(v) for v in vocab] if vocab.dtype.kind in "UO" else [int(v) for v in vocab]
        elif isinstance(c, NumericColumn) and c.normalizer in ("standard", "min_max"):
            v = data[c.key].astype(np.float64)
            c.stats = ((float(v.mean()), float(v.std())) if c.normalizer == "standard"
                       else (float(v.min()), float(v.max())))
    return columns


def read_vocabulary_file(path, vocabulary_size=None):
    with open(path, encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f if line.strip()]
    if vocabulary_size is not None:
        vocab = vocab[:as_count(vocabulary_size, "vocabulary_size")]
    return vocab


# ---- the layer ---------------------------------------------------------------

def _dense_features_class():
    import keras

    class DenseFeatures(keras.layers.Layer):
        """A dict of raw input tensors -> the concatenated dense features."""

        def __init__(self, feature_columns, **kwargs):
            super().__init__(**kwargs)
            cols = list(feature_columns)
            bad = [c for c in cols if not (isinstance(c, Column) and c.dense)]
            if bad or not cols:
                raise ArgumentError(
                    "`feature_columns` must be dense feature columns, as dense_features(spec) returns "
                    "them from a fitted spec" + (f"; received {bad[0]!r}." if bad else "; received none."),
                    "feature_columns")
            self.columns = sorted(cols, key=lambda c: c.name)
            self.column_layers = [c.build_layers() for c in self.columns]
            shared = {}
            for c, layers in zip(self.columns, self.column_layers):
                if isinstance(c, EmbeddingColumn) and c.shared is not None:
                    if c.shared not in shared:
                        n = max(o.source.num_buckets for o in self.columns
                                if isinstance(o, EmbeddingColumn) and o.shared == c.shared)
                        shared[c.shared] = keras.layers.Embedding(n, c.dimension, name=c.shared)
                    layers["embedding"] = shared[c.shared]
            # tracked so Keras builds and saves their weights
            self.tracked = [l for layers in self.column_layers for l in layers.values()]

        def build(self, input_shape=None):
            # the embedding tables exist before a saved model's weights are loaded into them
            for layer in self.tracked:
                if isinstance(layer, keras.layers.Embedding) and not layer.built:
                    layer.build()
            self.built = True

        def call(self, inputs):
            missing = sorted({k for c in self.columns for k in c.needs()} - set(inputs))
            if missing:
                raise ArgumentError(
                    f"The input of layer_dense_features() lacks the column(s) {', '.join(missing)}; "
                    f"received {', '.join(sorted(inputs))}.", "object")
            parts = [c.dense_output(inputs, layers) for c, layers in zip(self.columns, self.column_layers)]
            return tf.concat([tf.cast(p, self.compute_dtype) for p in parts], axis=-1)

        def get_config(self):
            config = super().get_config()
            config["feature_columns"] = [c.to_config() for c in self.columns]
            return config

        @classmethod
        def from_config(cls, config):
            config = dict(config)
            config["feature_columns"] = [column_from_config(c) for c in config["feature_columns"]]
            return cls(**config)

        def compute_output_shape(self, input_shape):
            return (None, sum(c.width() for c in self.columns))

    # found by name when a saved model is loaded (saving.load_model imports this module)
    return keras.saving.register_keras_serializable(package="kerasbridge")(DenseFeatures)


_DENSE_FEATURES = None


def dense_features_class():
    global _DENSE_FEATURES
    if _DENSE_FEATURES is None:
        _DENSE_FEATURES = _dense_features_class()
    return _DENSE_FEATURES


def dense_features_layer(feature_columns, **kwargs):
    dense_features_class()
    if isinstance(feature_columns, Column) or id(feature_columns) in _FROM_TF or _is_tf_feature_column(feature_columns):
        feature_columns = [feature_columns]
    if isinstance(feature_columns, dict):
        feature_columns = list(feature_columns.values())
    feature_columns = [from_tf_feature_column(c) for c in feature_columns]
    return _DENSE_FEATURES(feature_columns, **kwargs)


# ---- TensorFlow's own feature columns, as tfdatasets' spec$features() gives them ----
#
# tf.feature_column still exists in TF 2.21 (deprecated; Keras 3 has no
# DenseFeatures to use them). spec$features() returns them, so scripts that
# inspect the columns see TensorFlow's classes; layer_dense_features() maps
# each back to the Keras 3 column it was made from.

_FROM_TF = {}  # id(tf feature column) -> our column (the column keeps the tf one alive)


def from_tf_feature_column(c):
    """Our column for a TensorFlow feature column: the one spec$features() made it
    from, or one built from TensorFlow's own fields (R keras 2.x scripts give
    layer_dense_features() columns made with tf$feature_column directly)."""
    col = _FROM_TF.get(id(c))
    if col is not None:
        return col
    return _column_from_tf_fields(c) if _is_tf_feature_column(c) else c


def _is_tf_feature_column(c):
    return type(c).__module__.startswith("tensorflow.python.feature_column")


def _column_from_tf_fields(c):
    kind = type(c).__name__
    if kind == "NumericColumn":
        return NumericColumn(c.key, shape=tuple(int(d) for d in c.shape), default_value=c.default_value,
                             dtype=c.dtype.name, normalizer=c.normalizer_fn)
    if kind == "VocabularyListCategoricalColumn":
        vocab = [v.decode() if isinstance(v, bytes) else v for v in c.vocabulary_list]
        return VocabularyColumn(c.key, vocab, num_oov_buckets=c.num_oov_buckets, default_value=c.default_value)
    if kind == "HashedCategoricalColumn":
        return HashColumn(c.key, c.hash_bucket_size)
    if kind == "IdentityCategoricalColumn":
        return IdentityColumn(c.key, c.number_buckets, default_value=c.default_value)
    if kind == "BucketizedColumn":
        return BucketizedColumn(c.name, from_tf_feature_column(c.source_column), c.boundaries)
    if kind == "IndicatorColumn":
        return IndicatorColumn(c.name, from_tf_feature_column(c.categorical_column))
    if kind == "EmbeddingColumn":
        return EmbeddingColumn(c.name, from_tf_feature_column(c.categorical_column), c.dimension,
                               combiner=c.combiner)
    raise ArgumentError(
        f"layer_dense_features() can't use TensorFlow's {kind} ('{c.name}'); make the column with "
        "feature_spec() and its step_*() functions instead.", "feature_columns")


def _tf_normalizer(col):
    if col.normalizer == "standard" and col.stats is not None:
        mean, sd = col.stats
        sd = sd if sd > 0 else 1.0
        return lambda x: (tf.cast(x, tf.float32) - mean) / sd
    if col.normalizer == "min_max" and col.stats is not None:
        lo, hi = col.stats
        rng = (hi - lo) if hi > lo else 1.0
        return lambda x: (tf.cast(x, tf.float32) - lo) / rng
    return col.normalizer if callable(col.normalizer) else None


def _make_tf_column(col, fc):
    if isinstance(col, NumericColumn):
        shape = col.shape if isinstance(col.shape, (list, tuple)) else (int(col.shape),)
        return fc.numeric_column(col.key, shape=tuple(int(d) for d in shape), default_value=col.default_value,
                                 normalizer_fn=_tf_normalizer(col))
    if isinstance(col, VocabularyColumn):
        default = col.default_value if col.default_value is not None else -1
        if col.vocabulary_file is not None:
            return fc.categorical_column_with_vocabulary_file(
                col.key, col.vocabulary_file, num_oov_buckets=int(col.num_oov or 0),
                default_value=None if col.num_oov else default)
        vocab = list(col.vocabulary or [])
        return fc.categorical_column_with_vocabulary_list(
            col.key, vocab, num_oov_buckets=int(col.num_oov or 0), default_value=default if not col.num_oov else -1)
    if isinstance(col, HashColumn):
        return fc.categorical_column_with_hash_bucket(col.key, int(col.num_buckets))
    if isinstance(col, IdentityColumn):
        return fc.categorical_column_with_identity(col.key, int(col.num_buckets), default_value=col.default_value)
    if isinstance(col, BucketizedColumn):
        return fc.bucketized_column(to_tf_feature_column(col.source), col.boundaries)
    if isinstance(col, IndicatorColumn):
        return fc.indicator_column(to_tf_feature_column(col.source))
    if isinstance(col, EmbeddingColumn):
        return fc.embedding_column(to_tf_feature_column(col.source), int(col.dimension), combiner=col.combiner)
    if isinstance(col, CrossedColumn):
        keys = [k if isinstance(k, str) else to_tf_feature_column(k) for k in col.sources]
        return fc.crossed_column(keys, int(col.num_buckets))
    raise ArgumentError(f"The column '{col.name}' has no TensorFlow feature column counterpart.", "spec")


def to_tf_feature_column(col):
    """The tf.feature_column object for one of our columns (made once per column)."""
    made = getattr(col, "_tf_column", None)
    if made is not None:
        return made
    from tensorflow.python.util import deprecation
    with deprecation.silence():
        made = _make_tf_column(col, tf.feature_column)
    col._tf_column = made
    _FROM_TF[id(made)] = col
    return made


def as_input_structure(value):
    """A data frame / named list passed straight to the layer -> dict of tensors."""
    from .data import as_structure
    return as_structure(value, "object")


# ---- inputs and datasets -----------------------------------------------------

def inputs_from_dataset(dataset):
    """One keras.Input per column of the (named-list) element, batch dimension dropped."""
    import keras
    spec = dataset.element_spec
    if isinstance(spec, tuple):
        spec = spec[0]
    if not isinstance(spec, dict):
        raise ArgumentError(
            "`dataset` must have named-list elements (one per column), such as "
            "tensor_slices_dataset(data_frame) or dataset_use_spec() makes.", "dataset")
    out = {}
    for name, s in spec.items():
        dims = s.shape.as_list() if s.shape.rank is not None else [None]
        out[name] = keras.Input(shape=tuple(dims[1:]), dtype=s.dtype.name, name=name)
    return out


def use_spec(dataset, features, target=None):
    """Named-list elements -> (features, target) (or the features alone)."""
    spec = dataset.element_spec
    if not isinstance(spec, dict):
        raise ArgumentError("`dataset` must have named-list elements (one per column).", "dataset")
    missing = [k for k in list(features) + ([target] if target else []) if k not in spec]
    if missing:
        raise ArgumentError(f"`dataset` lacks the column(s) {', '.join(missing)} the spec uses; "
                            f"it has {', '.join(spec)}.", "dataset")
    features = list(features)
    if target is None:
        return dataset.map(lambda el: {k: el[k] for k in features})
    return dataset.map(lambda el: ({k: el[k] for k in features}, el[target]))


def column_types(dataset):
    """Column name -> dtype name of a dataset of named-list elements (None otherwise)."""
    spec = dataset.element_spec
    if not isinstance(spec, dict) or not all(hasattr(s, "dtype") for s in spec.values()):
        return None
    return {k: s.dtype.name for k, s in spec.items()}
