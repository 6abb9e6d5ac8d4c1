"""legacy/text.py wraps the Keras 2 Tokenizer that Keras 3.15 still ships
(keras.src.legacy.preprocessing.text): same numbers, plus the checks and the
plain-dict counts R needs. The behaviour itself is tested in test_text.py."""

import collections
import pickle

import numpy as np
import pytest
from keras.src.legacy.preprocessing import text as keras_text

from kerasbridge.errors import ArgumentError, MissingValueError
from kerasbridge.legacy import text

CORPUS = ["The cat sat on the mat.", "The dog ate my homework!", "cat, cat", "a b c d e f"]


def test_wraps_keras_tokenizer_with_the_same_numbers():
    ours = text.Tokenizer(num_words=6, oov_token="<unk>").fit_on_texts(CORPUS)
    theirs = keras_text.Tokenizer(num_words=6, oov_token="<unk>")
    theirs.fit_on_texts(CORPUS)
    assert isinstance(ours, keras_text.Tokenizer)
    assert ours.word_index == theirs.word_index and ours.document_count == theirs.document_count
    assert ours.texts_to_sequences(CORPUS + ["new words"]) == theirs.texts_to_sequences(CORPUS + ["new words"])
    for mode in text.MODES:
        np.testing.assert_array_equal(ours.texts_to_matrix(CORPUS, mode=mode), theirs.texts_to_matrix(CORPUS, mode=mode))
    assert ours.sequences_to_texts([[1, 2, 7]]) == theirs.sequences_to_texts([[1, 2, 7]])
    assert ours.to_json() == theirs.to_json()


def test_counts_stay_plain_dicts_across_fits():
    tok = text.Tokenizer().fit_on_texts(["a b", "b"])
    tok.fit_on_texts(["a c"])
    tok.fit_on_sequences([[1, 2]])
    for d in (tok.word_counts, tok.word_docs, tok.index_docs):
        assert type(d) is dict  # reticulate gives R a named list only for a dict
    assert tok.word_docs == {"a": 2, "b": 2, "c": 1} and tok.index_docs[1] == 3


def test_r_doubles_and_arrays_that_keras_alone_refuses():
    tok = text.Tokenizer(num_words=4.0).fit_on_texts(["a b c"])
    assert tok.num_words == 4 and type(tok.num_words) is int
    assert tok.sequences_to_matrix(np.array([[1, 2], [3, 3]], dtype=np.int32), mode="count").shape == (2, 4)
    with pytest.raises(MissingValueError, match="position 1"):
        tok.fit_on_texts(["a", None])
    with pytest.raises(ArgumentError, match="`mode`"):
        tok.sequences_to_matrix([[]], mode="nope")  # Keras alone returns zeros here


def test_keras3_pickles_load_too(tmp_path):
    theirs = keras_text.Tokenizer()
    theirs.fit_on_texts(["x y y"])
    path = tmp_path / "tok.pickle"
    path.write_bytes(pickle.dumps(theirs))
    back = text.load_text_tokenizer(str(path))
    assert isinstance(back, text.Tokenizer) and back.word_index == {"y": 1, "x": 2}
    assert not isinstance(back.word_docs, collections.defaultdict)
