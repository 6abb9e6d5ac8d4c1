"""Keras 2 text preprocessing, which Keras 3 removed.

``Tokenizer``, ``text_to_word_sequence``, ``one_hot`` and ``hashing_trick``
follow the documented semantics of Keras 2's ``keras.preprocessing.text``
(written here from those semantics):

- ``word_index`` ranks words by descending count over all texts fitted so far,
  ties by first occurrence, starting at 1; an ``oov_token`` takes index 1.
- ``num_words`` keeps only indices ``< num_words`` when texts are turned into
  sequences or matrices (``word_index`` itself keeps every word).
- ``tfidf``: ``tf = 1 + log(count)``, ``idf = log(1 + document_count / (1 + df))``.

The R functions of the same names (rpkg/R/text.R) call the module-level
functions below; R users read ``tokenizer$word_index`` etc. through reticulate.
Tokenizers are saved as Keras 2's JSON (``Tokenizer.to_json()``).
"""

import hashlib
import json
import math
import numbers

import numpy as np

from . import frontend
from .convert import as_int
from .errors import ArgumentError, MissingValueError

DEFAULT_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
MODES = ("binary", "count", "tfidf", "freq")


def _check_str(value, arg):
    if not isinstance(value, str):
        raise ArgumentError(f"`{arg}` must be a single string, received {frontend.fmt_value(value)}.", arg)
    return value


def text_to_word_sequence(text, filters=DEFAULT_FILTERS, lower=True, split=" "):
    """Split a text into words: lower-case it, turn every character of
    ``filters`` into ``split``, split on ``split`` and drop empty words."""
    text = _check_str(text, "text")
    split = _check_str(split, "split")
    if split == "":
        raise ArgumentError("`split` must be a non-empty string (the word separator).", "split")
    if lower:
        text = text.lower()
    if filters:
        text = text.translate(str.maketrans({c: split for c in filters}))
    return [w for w in text.split(split) if w]


def _md5(word):
    return int(hashlib.md5(word.encode("utf-8")).hexdigest(), 16)


def hashing_trick(text, n, hash_function=None, filters=DEFAULT_FILTERS, lower=True, split=" "):
    """Words -> ``hash(word) % (n - 1) + 1`` (indices 1..n-1; 0 is never used).

    ``hash_function``: None (Python's ``hash``, which differs between
    processes unless PYTHONHASHSEED is set), ``"md5"`` (stable), or a function
    of a string that returns an integer.
    """
    n = as_int(n, "n")
    if n is None or n < 2:
        raise ArgumentError(f"`n` must be a whole number >= 2 (the size of the hashing space), received {n}.", "n")
    if hash_function is None:
        hash_function = hash
    elif hash_function == "md5":
        hash_function = _md5
    elif isinstance(hash_function, str):
        raise ArgumentError(
            f"`hash_function` must be NULL, \"md5\" or a function; received {hash_function!r}."
            if frontend.is_r() else
            f"`hash_function` must be None, 'md5' or a callable; received {hash_function!r}.", "hash_function")
    seq = text_to_word_sequence(text, filters=filters, lower=lower, split=split)
    return [int(hash_function(w)) % (n - 1) + 1 for w in seq]


def one_hot(text, n, filters=DEFAULT_FILTERS, lower=True, split=" "):
    """``hashing_trick`` with Python's ``hash``, as Keras 2's ``one_hot``."""
    return hashing_trick(text, n, hash_function=hash, filters=filters, lower=lower, split=split)


def _as_num_words(value):
    n = as_int(value, "num_words")
    if n is not None and n < 1:
        raise ArgumentError(f"`num_words` must be NULL or a whole number >= 1, received {n}." if frontend.is_r()
                            else f"`num_words` must be None or an integer >= 1, received {n}.", "num_words")
    return n


class Tokenizer:
    """Keras 2's text tokenizer (``keras.preprocessing.text.Tokenizer``).

    Attributes as in Keras 2: ``word_counts`` (word -> count, in first-seen
    order), ``word_docs`` (word -> number of texts containing it),
    ``word_index`` (word -> index), ``index_word``, ``index_docs``
    (index -> number of texts), ``document_count``, ``num_words``.
    """

    def __init__(self, num_words=None, filters=DEFAULT_FILTERS, lower=True, split=" ", char_level=False,
                 oov_token=None, document_count=0):
        self.num_words = _as_num_words(num_words)
        self.filters = "" if filters is None else _check_str(filters, "filters")
        self.lower = bool(lower)
        self.split = _check_str(split, "split")
        self.char_level = bool(char_level)
        self.oov_token = None if oov_token is None else _check_str(oov_token, "oov_token")
        self.document_count = as_int(document_count, "document_count")
        self.word_counts = {}
        self.word_docs = {}
        self.index_docs = {}
        self.word_index = {}
        self.index_word = {}

    def __setstate__(self, state):
        # Keras 2's pickled __dict__: OrderedDict / defaultdict become dicts; extras (analyzer) are dropped
        fresh = Tokenizer()
        for k in ("num_words", "filters", "lower", "split", "char_level", "oov_token", "document_count"):
            setattr(self, k, state.get(k, getattr(fresh, k)))
        for k in ("word_counts", "word_docs", "index_docs", "word_index", "index_word"):
            setattr(self, k, dict(state.get(k) or {}))

    def __repr__(self):
        return (f"<Tokenizer: {len(self.word_index)} words from {self.document_count} texts, "
                f"num_words={self.num_words}, oov_token={self.oov_token!r}>")

    # -- texts -> words --------------------------------------------------------

    def _words(self, text, i, arg="texts"):
        if isinstance(text, (list, tuple)) and all(isinstance(t, str) for t in text):
            return [t.lower() for t in text] if self.lower else list(text)
        if text is None:
            raise MissingValueError(f"`{arg}` has a missing value (NA) at position {frontend.index(i)}.", arg)
        if not isinstance(text, str):
            raise ArgumentError(
                f"`{arg}` must hold strings; element {frontend.index(i)} is {frontend.fmt_value(text)}.", arg)
        if self.char_level:
            return list(text.lower() if self.lower else text)
        return text_to_word_sequence(text, self.filters, self.lower, self.split)

    def fit_on_texts(self, texts):
        """Count the words of ``texts`` (cumulative) and rebuild ``word_index``."""
        texts = _as_text_list(texts)
        for i, text in enumerate(texts):
            seq = self._words(text, i)
            self.document_count += 1
            for w in seq:
                self.word_counts[w] = self.word_counts.get(w, 0) + 1
            for w in set(seq):
                self.word_docs[w] = self.word_docs.get(w, 0) + 1
        # sorted() is stable: equal counts keep first-occurrence order
        ranked = sorted(self.word_counts.items(), key=lambda kv: kv[1], reverse=True)
        vocab = ([self.oov_token] if self.oov_token is not None else []) + [w for w, _ in ranked]
        self.word_index = dict(zip(vocab, range(1, len(vocab) + 1)))
        self.index_word = {i: w for w, i in self.word_index.items()}
        for w, c in self.word_docs.items():
            self.index_docs[self.word_index[w]] = c
        return self

    def fit_on_sequences(self, sequences):
        """Count in how many sequences each index occurs (needed by tfidf)."""
        sequences = _as_sequences(sequences)
        self.document_count += len(sequences)
        for seq in sequences:
            for j in set(seq):
                self.index_docs[j] = self.index_docs.get(j, 0) + 1
        return self

    # -- texts -> indices ------------------------------------------------------

    def texts_to_sequences_generator(self, texts):
        texts = _as_text_list(texts)
        num_words = self.num_words
        oov = self.word_index.get(self.oov_token) if self.oov_token is not None else None
        for i, text in enumerate(texts):
            out = []
            for w in self._words(text, i):
                j = self.word_index.get(w)
                if j is None or (num_words and j >= num_words):
                    if oov is not None:
                        out.append(oov)
                else:
                    out.append(j)
            yield out

    def texts_to_sequences(self, texts):
        """One list of word indices per text; unknown words (and indices
        ``>= num_words``) become the oov_token's index, or are dropped."""
        return list(self.texts_to_sequences_generator(texts))

    def sequences_to_texts_generator(self, sequences):
        num_words = self.num_words
        oov_word = self.oov_token
        for seq in _as_sequences(sequences):
            words = []
            for j in seq:
                w = self.index_word.get(j)
                if w is None or (num_words and j >= num_words):
                    if oov_word is not None:
                        words.append(oov_word)
                else:
                    words.append(w)
            yield " ".join(words)

    def sequences_to_texts(self, sequences):
        return list(self.sequences_to_texts_generator(sequences))

    def texts_to_matrix(self, texts, mode="binary"):
        return self.sequences_to_matrix(self.texts_to_sequences(texts), mode=mode)

    def sequences_to_matrix(self, sequences, mode="binary"):
        """A (len(sequences), num_words) float64 matrix; column j is index j
        (column 0, the padding index, stays 0 unless sequences contain 0)."""
        if mode not in MODES:
            raise ArgumentError(
                f"`mode` must be one of {', '.join(repr(m) for m in MODES)}; received {mode!r}.", "mode")
        sequences = _as_sequences(sequences)
        if self.num_words:
            num_words = self.num_words
        elif self.word_index:
            num_words = len(self.word_index) + 1
        else:
            raise ArgumentError(
                "The tokenizer has no vocabulary: fit it on some texts first "
                f"({'fit_text_tokenizer()' if frontend.is_r() else 'fit_on_texts()'}) or give it `num_words`.",
                "tokenizer")
        if mode == "tfidf" and not self.document_count:
            raise ArgumentError("`mode = \"tfidf\"` needs a fitted tokenizer (document_count is 0)."
                                if frontend.is_r() else "mode='tfidf' needs a fitted tokenizer (document_count is 0).",
                                "mode")
        x = np.zeros((len(sequences), num_words), dtype=np.float64)
        for i, seq in enumerate(sequences):
            if not len(seq):
                continue
            counts = {}
            for j in seq:
                if j < num_words:
                    counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                if mode == "count":
                    x[i, j] = c
                elif mode == "freq":
                    x[i, j] = c / len(seq)
                elif mode == "binary":
                    x[i, j] = 1.0
                else:
                    tf = 1.0 + math.log(c)
                    idf = math.log(1.0 + self.document_count / (1.0 + self.index_docs.get(j, 0)))
                    x[i, j] = tf * idf
        return x

    # -- serialisation (Keras 2's JSON format) -----------------------------------

    def get_config(self):
        return {
            "num_words": self.num_words, "filters": self.filters, "lower": self.lower, "split": self.split,
            "char_level": self.char_level, "oov_token": self.oov_token, "document_count": self.document_count,
            "word_counts": json.dumps(self.word_counts), "word_docs": json.dumps(self.word_docs),
            "index_docs": json.dumps(self.index_docs), "index_word": json.dumps(self.index_word),
            "word_index": json.dumps(self.word_index),
        }

    def to_json(self, **kwargs):
        return json.dumps({"class_name": "Tokenizer", "config": self.get_config()}, **kwargs)


def tokenizer_from_json(json_string):
    """A Tokenizer from ``Tokenizer.to_json()`` (also reads Keras 2's files)."""
    try:
        config = dict(json.loads(json_string)["config"])
        word_counts = json.loads(config.pop("word_counts"))
        word_docs = json.loads(config.pop("word_docs"))
        index_docs = {int(k): v for k, v in json.loads(config.pop("index_docs")).items()}
        index_word = {int(k): v for k, v in json.loads(config.pop("index_word")).items()}
        word_index = json.loads(config.pop("word_index"))
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise ArgumentError(f"Not a saved text tokenizer (Keras' Tokenizer JSON): {e}", "filename") from None
    known = ("num_words", "filters", "lower", "split", "char_level", "oov_token", "document_count")
    tok = Tokenizer(**{k: v for k, v in config.items() if k in known})
    tok.word_counts, tok.word_docs, tok.index_docs = word_counts, word_docs, index_docs
    tok.index_word, tok.word_index = index_word, word_index
    return tok


# --- input shaping ------------------------------------------------------------

def _as_text_list(texts):
    if isinstance(texts, str):
        return [texts]
    if isinstance(texts, np.ndarray):
        return texts.reshape(-1).tolist()
    try:
        return list(texts)
    except TypeError:
        raise ArgumentError(f"`texts` must be a character vector or a list of strings, "
                            f"received {frontend.fmt_value(texts)}." if frontend.is_r() else
                            f"`texts` must be a list of strings, received {type(texts).__name__}.", "texts") from None


def _as_sequences(sequences):
    """A list of lists of non-negative Python ints (R integer/double vectors, matrix rows)."""
    if isinstance(sequences, np.ndarray):
        if sequences.ndim == 1 and sequences.dtype != object:
            sequences = [sequences]
        elif sequences.ndim == 2:
            sequences = list(sequences)
    if isinstance(sequences, (str, bytes)) or not hasattr(sequences, "__iter__"):
        raise ArgumentError("`sequences` must be a list of integer vectors (one per text)."
                            if frontend.is_r() else "`sequences` must be a list of integer sequences.", "sequences")
    out = []
    for i, seq in enumerate(sequences):
        if isinstance(seq, numbers.Number) and not isinstance(seq, bool):
            seq = [seq]
        arr = np.asarray(seq).reshape(-1)
        if arr.size == 0:
            out.append([])
            continue
        if arr.dtype.kind == "f":
            if np.isnan(arr).any():
                raise MissingValueError(f"`sequences` element {frontend.index(i)} has missing values (NA).",
                                        "sequences")
            if not np.all(arr == np.floor(arr)):
                raise ArgumentError(f"`sequences` element {frontend.index(i)} holds non-whole numbers; "
                                    f"word indices must be whole numbers.", "sequences")
        elif arr.dtype.kind not in "iu":
            raise ArgumentError(f"`sequences` element {frontend.index(i)} must hold word indices (whole numbers), "
                                f"received {frontend.fmt_value(seq)}.", "sequences")
        arr = arr.astype(np.int64)
        if arr.min() < 0:
            if arr.min() == -2147483648:
                raise MissingValueError(f"`sequences` element {frontend.index(i)} has missing values (NA).",
                                        "sequences")
            raise ArgumentError(f"`sequences` element {frontend.index(i)} has negative word indices "
                                f"({int(arr.min())}); indices are >= 0.", "sequences")
        out.append(arr.tolist())
    return out


# --- the functions the R package calls (same names as R) ----------------------

def text_tokenizer(num_words=None, filters=DEFAULT_FILTERS, lower=True, split=" ", char_level=False,
                   oov_token=None):
    return Tokenizer(num_words=num_words, filters=filters, lower=lower, split=split, char_level=char_level,
                     oov_token=oov_token)


def _check_tokenizer(tokenizer):
    if not isinstance(tokenizer, Tokenizer):
        raise ArgumentError(
            f"`{'object' if frontend.is_r() else 'tokenizer'}` must be a text tokenizer made by "
            f"{'text_tokenizer()' if frontend.is_r() else 'Tokenizer()'}, received {type(tokenizer).__name__}.",
            "object")
    return tokenizer


def fit_text_tokenizer(tokenizer, x, sequences=False):
    """Fit on texts (``sequences=False``) or on sequences of indices; returns the tokenizer."""
    tok = _check_tokenizer(tokenizer)
    return tok.fit_on_sequences(x) if sequences else tok.fit_on_texts(x)


def texts_to_sequences(tokenizer, texts):
    """A list of 1-d int32 arrays (R: integer vectors)."""
    return [np.asarray(s, dtype=np.int32) for s in _check_tokenizer(tokenizer).texts_to_sequences(texts)]


def texts_to_matrix(tokenizer, texts, mode="binary"):
    return _check_tokenizer(tokenizer).texts_to_matrix(texts, mode=mode)


def sequences_to_matrix(tokenizer, sequences, mode="binary"):
    return _check_tokenizer(tokenizer).sequences_to_matrix(sequences, mode=mode)


def sequences_to_texts(tokenizer, sequences):
    return _check_tokenizer(tokenizer).sequences_to_texts(sequences)


def save_text_tokenizer(tokenizer, filename):
    tok = _check_tokenizer(tokenizer)
    with open(filename, "w", encoding="utf-8") as f:
        f.write(tok.to_json())
    return tok


def load_text_tokenizer(filename):
    """A tokenizer saved by ``save_text_tokenizer()`` (JSON, also Keras 2's
    ``to_json()``), or pickled by R keras 2.x's ``save_text_tokenizer()``."""
    try:
        with open(filename, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise ArgumentError(f"Can't find the tokenizer file {filename}.", "filename") from None
    if raw[:1] == b"\x80":  # a pickle (protocol >= 2)
        return _unpickle_tokenizer(raw, filename)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ArgumentError(
            f"{filename} is neither a tokenizer saved as JSON (by save_text_tokenizer() or Keras' "
            f"Tokenizer.to_json()) nor a pickled Keras 2 tokenizer.", "filename") from None
    return tokenizer_from_json(text)


# Modules that defined Keras 2's Tokenizer (R keras 2.x pickled it with reticulate::py_save_object()).
_KERAS2_TOKENIZER_MODULES = frozenset({
    "keras_preprocessing.text", "keras.preprocessing.text", "keras.src.preprocessing.text",
    "tensorflow.python.keras.preprocessing.text", "tensorflow.keras.preprocessing.text",
    "tf_keras.preprocessing.text", "tf_keras.src.preprocessing.text", "kerasbridge.text"})
_PICKLE_ALLOWED = {("collections", "OrderedDict"), ("collections", "defaultdict"), ("builtins", "int"),
                   ("__builtin__", "int"), ("copyreg", "_reconstructor"), ("copy_reg", "_reconstructor"),
                   ("builtins", "object"), ("__builtin__", "object")}


def _unpickle_tokenizer(raw, filename):
    import io
    import pickle

    class _Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            if name == "Tokenizer" and module in _KERAS2_TOKENIZER_MODULES:
                return Tokenizer
            if (module, name) in _PICKLE_ALLOWED:
                return super().find_class(module, name)
            raise pickle.UnpicklingError(f"refusing to load {module}.{name}")

    try:
        tok = _Unpickler(io.BytesIO(raw)).load()
    except Exception as e:
        raise ArgumentError(f"{filename} is not a pickled Keras 2 text tokenizer ({e}).", "filename") from None
    if not isinstance(tok, Tokenizer):
        raise ArgumentError(f"{filename} holds a {type(tok).__name__}, not a text tokenizer.", "filename")
    return tok


def text_one_hot(text, n, filters=DEFAULT_FILTERS, lower=True, split=" "):
    return np.asarray(one_hot(text, n, filters=filters, lower=lower, split=split), dtype=np.int32)


def text_hashing_trick(text, n, hash_function=None, filters=DEFAULT_FILTERS, lower=True, split=" "):
    return np.asarray(hashing_trick(text, n, hash_function=hash_function, filters=filters, lower=lower, split=split),
                      dtype=np.int32)
