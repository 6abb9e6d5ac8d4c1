"""Keras 2 text preprocessing, which Keras 3 removed from its public API.

Keras 3.15 still ships Keras 2's ``Tokenizer``, ``text_to_word_sequence``,
``one_hot`` and ``hashing_trick`` in ``keras.src.legacy.preprocessing.text``;
this module wraps them and adds only what R users need on top (checked by
tests/test_text.py and rpkg/tests/testthat/test-keras2-text.R):

- Arguments are checked and R doubles made integers (``num_words = 100``
  arrives as 100.0, which Keras' ``np.zeros((n, num_words))`` refuses).
- Texts are checked first: an R ``NA`` (None) or a non-string is an error
  naming its position, not an AttributeError from inside Keras.
- Sequences (R integer vectors, double vectors, matrix rows) become lists of
  ints first; Keras' ``if not seq`` fails on NumPy arrays, and R's NA must be
  caught.
- ``word_counts``, ``word_docs`` and ``index_docs`` are kept as plain dicts
  between calls: Keras uses ``defaultdict``/``OrderedDict``, and reticulate 1.28
  hands a ``defaultdict`` to R as a Python object instead of a named list
  (``tokenizer$word_docs$cat`` would fail).
- ``sequences_to_matrix`` checks ``mode`` before counting (Keras only fails on
  an unknown mode when a sequence is non-empty) and says how to fix a missing
  vocabulary in the front end's terms.
- ``fit_on_texts``/``fit_on_sequences`` return the tokenizer (R's
  ``fit_text_tokenizer()`` returns it).
- Saved as Keras 2's JSON (``to_json()``, Keras' own); ``tokenizer_from_json``
  and ``load_text_tokenizer`` here also read R keras 2.x pickles and fail
  with an ArgumentError on other files.

Semantics (Keras 2's): ``word_index`` ranks words by descending count over
all texts fitted so far, ties by first occurrence, starting at 1; an
``oov_token`` takes index 1. ``num_words`` keeps only indices ``< num_words``
in sequences and matrices. ``tfidf``: ``tf = 1 + log(count)``,
``idf = log(1 + document_count / (1 + df))``.

The R functions of the same names (rpkg/R/keras2-text.R) call the module-level
functions at the end of this file.
"""

import collections
import hashlib
import json
import numbers
import sys

import numpy as np
from keras.src.legacy.preprocessing import text as keras_text

from .. import frontend
from ..argspec import as_int
from ..errors import ArgumentError, MissingValueError

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
    return keras_text.text_to_word_sequence(text, filters=filters or "", lower=lower, split=split)


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
    user_fn = hash_function
    # our checked splitter; an R hash function returns a double: made an int
    return keras_text.hashing_trick(
        text, n, hash_function=lambda w: int(user_fn(w)),
        analyzer=lambda t: text_to_word_sequence(t, filters=filters, lower=lower, split=split))


def one_hot(text, n, filters=DEFAULT_FILTERS, lower=True, split=" "):
    """``hashing_trick`` with Python's ``hash``, as Keras 2's ``one_hot``."""
    return hashing_trick(text, n, hash_function=hash, filters=filters, lower=lower, split=split)


def _as_num_words(value):
    n = as_int(value, "num_words")
    if n is not None and n < 1:
        raise ArgumentError(f"`num_words` must be NULL or a whole number >= 1, received {n}." if frontend.is_r()
                            else f"`num_words` must be None or an integer >= 1, received {n}.", "num_words")
    return n


class Tokenizer(keras_text.Tokenizer):
    """Keras 2's text tokenizer: Keras' own (``keras.src.legacy.preprocessing.text``)
    with checked arguments and inputs (see the module docstring).

    Attributes as in Keras 2: ``word_counts`` (word -> count, in first-seen
    order), ``word_docs`` (word -> number of texts containing it),
    ``word_index`` (word -> index), ``index_word``, ``index_docs``
    (index -> number of texts), ``document_count``, ``num_words``.
    """

    def __init__(self, num_words=None, filters=DEFAULT_FILTERS, lower=True, split=" ", char_level=False,
                 oov_token=None, document_count=0):
        super().__init__(
            num_words=_as_num_words(num_words),
            filters="" if filters is None else _check_str(filters, "filters"),
            lower=bool(lower), split=_check_str(split, "split"), char_level=bool(char_level),
            oov_token=None if oov_token is None else _check_str(oov_token, "oov_token"),
            document_count=as_int(document_count, "document_count"))
        self._plain_counts()

    def _plain_counts(self):
        # reticulate 1.28 gives R a named list for a dict, not for a defaultdict
        self.word_counts = dict(self.word_counts)
        self.word_docs = dict(self.word_docs)
        self.index_docs = dict(self.index_docs)

    def _counting(self):
        # Keras increments these with `d[k] += 1`
        self.word_docs = collections.defaultdict(int, self.word_docs)
        self.index_docs = collections.defaultdict(int, self.index_docs)

    def __setstate__(self, state):
        # Keras 2's pickled __dict__: OrderedDict / defaultdict become dicts; extras (analyzer) are dropped
        fresh = Tokenizer()
        for k in ("num_words", "filters", "lower", "split", "char_level", "oov_token", "document_count"):
            setattr(self, k, state.get(k, getattr(fresh, k)))
        for k in ("word_counts", "word_docs", "index_docs", "word_index", "index_word"):
            setattr(self, k, dict(state.get(k) or {}))
        self.analyzer = None

    def __repr__(self):
        return (f"<Tokenizer: {len(self.word_index)} words from {self.document_count} texts, "
                f"num_words={self.num_words}, oov_token={self.oov_token!r}>")

    def _checked_texts(self, texts, arg="texts"):
        """Texts as Keras reads them: strings, or lists of words (pre-split)."""
        out = []
        for i, text in enumerate(_as_text_list(texts)):
            if isinstance(text, (list, tuple)) and all(isinstance(t, str) for t in text):
                out.append(list(text))
            elif text is None:
                raise MissingValueError(f"`{arg}` has a missing value (NA) at position {frontend.index(i)}.", arg)
            elif not isinstance(text, str):
                raise ArgumentError(
                    f"`{arg}` must hold strings; element {frontend.index(i)} is {frontend.fmt_value(text)}.", arg)
            else:
                out.append(text)
        return out

    def _fit(self, fit, data):
        self._counting()
        try:
            fit(data)
        finally:
            self._plain_counts()
        return self

    def fit_on_texts(self, texts):
        """Count the words of ``texts`` (cumulative) and rebuild ``word_index``."""
        return self._fit(super().fit_on_texts, self._checked_texts(texts))

    def fit_on_sequences(self, sequences):
        """Count in how many sequences each index occurs (needed by tfidf)."""
        return self._fit(super().fit_on_sequences, _as_sequences(sequences))

    def texts_to_sequences_generator(self, texts):
        """One list of word indices per text; unknown words (and indices
        ``>= num_words``) become the oov_token's index, or are dropped."""
        return super().texts_to_sequences_generator(self._checked_texts(texts))

    def sequences_to_texts_generator(self, sequences):
        return super().sequences_to_texts_generator(_as_sequences(sequences))

    def sequences_to_matrix(self, sequences, mode="binary"):
        """A (len(sequences), num_words) float64 matrix; column j is index j
        (column 0, the padding index, stays 0 unless sequences contain 0)."""
        if mode not in MODES:
            raise ArgumentError(
                f"`mode` must be one of {', '.join(repr(m) for m in MODES)}; received {mode!r}.", "mode")
        sequences = _as_sequences(sequences)
        if not self.num_words and not self.word_index:
            raise ArgumentError(
                "The tokenizer has no vocabulary: fit it on some texts first "
                f"({'fit_text_tokenizer()' if frontend.is_r() else 'fit_on_texts()'}) or give it `num_words`.",
                "tokenizer")
        if mode == "tfidf" and not self.document_count:
            raise ArgumentError("`mode = \"tfidf\"` needs a fitted tokenizer (document_count is 0)."
                                if frontend.is_r() else "mode='tfidf' needs a fitted tokenizer (document_count is 0).",
                                "mode")
        return super().sequences_to_matrix(sequences, mode=mode)


# Moved here from kerasbridge/text.py: R users see the tokenizer's S3 class
# "kerasbridge.text.Tokenizer" (and pickles name that module), so both stay.
Tokenizer.__module__ = "kerasbridge.text"
sys.modules.setdefault("kerasbridge.text", sys.modules[__name__])


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
    "tf_keras.preprocessing.text", "tf_keras.src.preprocessing.text", "keras.src.legacy.preprocessing.text",
    "kerasbridge.text",
    "kerasbridge.legacy.text"})
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
