"""Keras 2 text preprocessing (pycore/kerasbridge/legacy/text.py, rpkg/R/keras2-text.R).

Expected values are worked out by hand from Keras 2's documented semantics.
"""

import json
import math

import numpy as np
import pytest

from kerasbridge import text
from kerasbridge.errors import ArgumentError, MissingValueError

CORPUS = ["The cat sat on the mat.", "The dog ate my homework!", "cat, cat"]


def fitted(texts=CORPUS, **kwargs):
    return text.Tokenizer(**kwargs).fit_on_texts(texts)


# --- text_to_word_sequence / hashing -------------------------------------------

def test_text_to_word_sequence_filters_lowers_and_drops_empty_words():
    assert text.text_to_word_sequence("Hello, World!  It's\tme\n") == ["hello", "world", "it's", "me"]
    assert text.text_to_word_sequence("Hello, World", lower=False) == ["Hello", "World"]
    assert text.text_to_word_sequence("a-b_c", filters="-", split="_") == ["a", "b", "c"]
    assert text.text_to_word_sequence("a.b", filters="") == ["a.b"]
    with pytest.raises(ArgumentError, match="split"):
        text.text_to_word_sequence("a b", split="")


def test_hashing_trick_md5_is_stable_and_in_range():
    # int(md5(word).hexdigest(), 16) % (n - 1) + 1, computed once
    assert text.hashing_trick("A b, hello world a", 10, hash_function="md5") == [2, 5, 8, 9, 2]
    assert text.hashing_trick("a b hello world", 100, hash_function="md5") == [92, 95, 98, 45]
    assert text.hashing_trick("x y", 5, hash_function=lambda w: {"x": 3, "y": 8}[w]) == [4, 1]
    with pytest.raises(ArgumentError, match="`n`"):
        text.hashing_trick("a", 1)
    with pytest.raises(ArgumentError, match="hash_function"):
        text.hashing_trick("a", 5, hash_function="sha1")


def test_one_hot_uses_one_index_per_word():
    out = text.one_hot("a b a c a", 7)
    assert len(out) == 5 and out[0] == out[2] == out[4]
    assert all(1 <= i <= 6 for i in out)
    assert text.text_one_hot("a b a", 7).dtype == np.int32


# --- fitting -------------------------------------------------------------------

def test_word_index_ranks_by_count_then_first_occurrence():
    tok = fitted()
    assert list(tok.word_index.items()) == [
        ("the", 1), ("cat", 2), ("sat", 3), ("on", 4), ("mat", 5), ("dog", 6), ("ate", 7), ("my", 8), ("homework", 9)]
    assert tok.word_counts == {"the": 3, "cat": 3, "sat": 1, "on": 1, "mat": 1, "dog": 1, "ate": 1, "my": 1,
                               "homework": 1}
    assert tok.word_docs["the"] == 2 and tok.word_docs["cat"] == 2 and tok.word_docs["dog"] == 1
    assert tok.index_docs[1] == 2 and tok.index_docs[9] == 1
    assert tok.document_count == 3
    assert tok.index_word[2] == "cat"
    # a later, more frequent word moves ahead; equal counts keep first-seen order
    tok = fitted(["b a", "a c c"])
    assert tok.word_index == {"a": 1, "c": 2, "b": 3}
    assert list(tok.word_index) == ["a", "c", "b"]


def test_fitting_is_cumulative():
    tok = fitted(["b a"])
    assert tok.word_index == {"b": 1, "a": 2}
    tok.fit_on_texts(["a c c c"])
    assert tok.word_index == {"c": 1, "a": 2, "b": 3}
    assert tok.document_count == 2 and tok.word_docs == {"b": 1, "a": 2, "c": 1}


def test_oov_token_takes_index_one():
    tok = fitted(["b a", "a c c"], oov_token="<unk>")
    assert tok.word_index == {"<unk>": 1, "a": 2, "c": 3, "b": 4}
    assert tok.texts_to_sequences(["a zz b"]) == [[2, 1, 4]]


def test_num_words_keeps_indices_below_it():
    tok = fitted(["b a", "a c c"], num_words=3)
    assert tok.word_index == {"a": 1, "c": 2, "b": 3}  # the index keeps every word
    assert tok.texts_to_sequences(["a b c d", "b"]) == [[1, 2], []]
    tok = fitted(["b a", "a c c"], num_words=3, oov_token="<unk>")
    assert tok.texts_to_sequences(["a b c d"]) == [[2, 1, 1, 1]]
    assert tok.sequences_to_texts([[2, 3, 4, 9]]) == ["a <unk> <unk> <unk>"]
    with pytest.raises(ArgumentError, match="num_words"):
        text.Tokenizer(num_words=0)


def test_char_level_and_pretokenized_lists():
    tok = fitted(["aAb"], char_level=True)
    assert tok.word_index == {"a": 1, "b": 2}
    assert tok.texts_to_sequences(["ba"]) == [[2, 1]]
    tok = fitted([["Hello", "hello", "x"]])
    assert tok.word_index == {"hello": 1, "x": 2}


def test_a_single_string_is_one_text():
    tok = fitted("one two two")
    assert tok.document_count == 1 and tok.word_index == {"two": 1, "one": 2}


def test_bad_texts_are_argument_errors():
    tok = text.Tokenizer()
    with pytest.raises(ArgumentError, match="element 1"):
        tok.fit_on_texts(["a", 3])
    with pytest.raises(MissingValueError):
        tok.fit_on_texts(["a", None])
    with pytest.raises(ArgumentError, match="text tokenizer"):
        text.texts_to_sequences("not a tokenizer", ["a"])


# --- matrices ------------------------------------------------------------------

def test_matrix_modes():
    tok = fitted(["b a", "a c c"])  # a=1 c=2 b=3, 4 columns
    seqs = [[1, 2, 2, 3], []]
    assert tok.texts_to_matrix(["a c c b z", ""], mode="count").tolist() == [[0, 1, 2, 1], [0, 0, 0, 0]]
    assert tok.texts_to_matrix(["a c c b z", ""], mode="binary").tolist() == [[0, 1, 1, 1], [0, 0, 0, 0]]
    assert tok.sequences_to_matrix(seqs, mode="freq").tolist() == [[0, 0.25, 0.5, 0.25], [0, 0, 0, 0]]
    # indices >= num_words are not counted, but do count in freq's length
    assert tok.sequences_to_matrix([[1, 7, 7]], mode="freq").tolist() == [[0, 1 / 3, 0, 0]]
    x = tok.texts_to_matrix(["a c c"], mode="tfidf")
    # a: tf 1, df 2, idf log(1 + 2/3); c: tf 1 + log 2, df 1, idf log(1 + 2/2)
    want = [0.0, math.log(1 + 2 / 3), (1 + math.log(2)) * math.log(2), 0.0]
    assert x.shape == (1, 4) and x.dtype == np.float64
    np.testing.assert_allclose(x[0], want, rtol=1e-15)
    with pytest.raises(ArgumentError, match="mode"):
        tok.texts_to_matrix(["a"], mode="bm25")


def test_matrix_width_is_num_words_when_given():
    tok = fitted(["b a", "a c c"], num_words=3)
    assert tok.texts_to_matrix(["a b c"]).tolist() == [[0, 1, 1]]
    unfitted = text.Tokenizer()
    with pytest.raises(ArgumentError, match="no vocabulary"):
        unfitted.texts_to_matrix(["a"])
    with pytest.raises(ArgumentError, match="tfidf"):
        text.Tokenizer(num_words=5).sequences_to_matrix([[1]], mode="tfidf")


def test_fit_on_sequences_feeds_tfidf():
    tok = text.Tokenizer(num_words=4).fit_on_sequences([[1, 1, 2], [2, 3]])
    assert tok.document_count == 2 and tok.index_docs == {1: 1, 2: 2, 3: 1}
    x = tok.sequences_to_matrix([[1, 1]], mode="tfidf")
    np.testing.assert_allclose(x[0], [0, (1 + math.log(2)) * math.log(1 + 2 / 2), 0, 0])


def test_sequences_shapes_and_bad_values():
    tok = fitted(["b a", "a c c"])
    # an R matrix (one padded sequence per row) and float indices
    assert tok.sequences_to_matrix(np.array([[0, 1, 2]]), mode="count").tolist() == [[1, 1, 1, 0]]
    assert tok.sequences_to_matrix([np.array([1.0, 3.0])]).tolist() == [[0, 1, 0, 1]]
    with pytest.raises(MissingValueError):
        tok.sequences_to_matrix([np.array([1, -2147483648], dtype=np.int32)])
    with pytest.raises(MissingValueError):
        tok.sequences_to_matrix([[1.0, float("nan")]])
    with pytest.raises(ArgumentError, match="negative"):
        tok.sequences_to_matrix([[1, -1]])
    with pytest.raises(ArgumentError, match="whole numbers"):
        tok.sequences_to_matrix([[1.5]])


# --- saving --------------------------------------------------------------------

def test_save_and_load_round_trip(tmp_path):
    tok = fitted(num_words=5, oov_token="<OOV>")
    f = tmp_path / "tok.json"
    text.save_text_tokenizer(tok, str(f))
    back = text.load_text_tokenizer(str(f))
    assert back.word_index == tok.word_index and list(back.word_index) == list(tok.word_index)
    assert back.word_counts == tok.word_counts and back.index_docs == tok.index_docs
    assert back.index_word == tok.index_word and back.document_count == 3 and back.num_words == 5
    assert back.texts_to_sequences(["the cat ate a dog"]) == tok.texts_to_sequences(["the cat ate a dog"]) \
        == [[2, 3, 1, 1, 1]]
    assert json.loads(f.read_text())["class_name"] == "Tokenizer"


def test_load_reads_keras2_json_and_rejects_other_files(tmp_path):
    # what Keras 2's Tokenizer.to_json() writes: the dicts are JSON strings
    cfg = {"num_words": None, "filters": "", "lower": True, "split": " ", "char_level": False,
           "oov_token": None, "document_count": 2, "word_counts": json.dumps({"x": 2, "y": 1}),
           "word_docs": json.dumps({"x": 2, "y": 1}), "index_docs": json.dumps({"1": 2, "2": 1}),
           "index_word": json.dumps({"1": "x", "2": "y"}), "word_index": json.dumps({"x": 1, "y": 2})}
    f = tmp_path / "k2.json"
    f.write_text(json.dumps({"class_name": "Tokenizer", "config": cfg}))
    tok = text.load_text_tokenizer(str(f))
    assert tok.word_index == {"x": 1, "y": 2} and tok.index_docs == {1: 2, 2: 1} and tok.index_word[2] == "y"
    assert tok.texts_to_matrix(["y y z"], mode="count").tolist() == [[0, 0, 2]]
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x80\x04\x95\xff\xfe")
    with pytest.raises(ArgumentError, match="pickled"):
        text.load_text_tokenizer(str(bad))
    notjson = tmp_path / "nj.json"
    notjson.write_text("{}")
    with pytest.raises(ArgumentError, match="Not a saved text tokenizer"):
        text.load_text_tokenizer(str(notjson))
    with pytest.raises(ArgumentError, match="Can't find"):
        text.load_text_tokenizer(str(tmp_path / "none.json"))


# --- from R --------------------------------------------------------------------

def test_r_tokenizer_round_trip(R):
    R.r('kb_tok <- text_tokenizer(num_words = 3, oov_token = "<unk>") %>% fit_text_tokenizer(c("b a", "a c c"))')
    assert R.r('class(kb_tok)[1]') == "kerasbridge.text.Tokenizer"
    assert R.r('identical(names(kb_tok$word_index), c("<unk>", "a", "c", "b"))')
    assert R.r('identical(unlist(kb_tok$word_index, use.names = FALSE), 1:4)')
    assert R.r('identical(kb_tok$num_words, 3L) && identical(kb_tok$document_count, 2L)')
    assert R.r('identical(texts_to_sequences(kb_tok, c("a b c d", "zz")), list(c(2L, 1L, 1L, 1L), 1L))')
    assert R.r('identical(texts_to_sequences(kb_tok, "a"), list(2L))')
    m = np.asarray(R.r('texts_to_matrix(kb_tok, c("a a", "c"), mode = "count")'))
    # a = 2; c = 3 is not < num_words, so it becomes <unk> = 1
    assert m.tolist() == [[0, 0, 2], [0, 1, 0]]
    R.r("rm(kb_tok)")


def test_r_errors_have_kerasbridge_classes(R):
    cls = R.r('tryCatch(texts_to_matrix(text_tokenizer(), "a"), error = function(e) class(e))')
    assert "kerasbridge_argument_error" in list(cls)
    msg = R.r('tryCatch(texts_to_matrix(text_tokenizer(), "a"), error = function(e) conditionMessage(e))')
    assert "fit_text_tokenizer()" in msg
    cls = R.r('tryCatch(texts_to_sequences(text_tokenizer(), c("a", NA)), error = function(e) class(e))')
    assert "kerasbridge_missing_value_error" in list(cls)


def test_load_reads_r_keras2_pickles_and_refuses_other_classes(tmp_path, monkeypatch):
    # R keras 2.x saved tokenizers with reticulate::py_save_object(): a pickle of
    # keras_preprocessing.text.Tokenizer whose __dict__ holds OrderedDict/defaultdicts
    import collections
    import pickle
    import sys
    import types

    mod = types.ModuleType("keras_preprocessing.text")

    class Tokenizer:  # stand-in with Keras 2's attribute layout
        pass

    Tokenizer.__module__ = "keras_preprocessing.text"
    Tokenizer.__qualname__ = "Tokenizer"
    mod.Tokenizer = Tokenizer
    monkeypatch.setitem(sys.modules, "keras_preprocessing", types.ModuleType("keras_preprocessing"))
    monkeypatch.setitem(sys.modules, "keras_preprocessing.text", mod)
    old = Tokenizer()
    old.__dict__.update(
        word_counts=collections.OrderedDict([("b", 1), ("a", 2)]),
        word_docs=collections.defaultdict(int, {"b": 1, "a": 2}), filters="", split=" ", lower=True,
        num_words=None, document_count=2, char_level=False, oov_token=None,
        index_docs=collections.defaultdict(int, {2: 1, 1: 2}), word_index={"a": 1, "b": 2},
        index_word={1: "a", 2: "b"}, analyzer=None)
    f = tmp_path / "tok.pkl"
    f.write_bytes(pickle.dumps(old, protocol=pickle.HIGHEST_PROTOCOL))
    tok = text.load_text_tokenizer(str(f))
    assert isinstance(tok, text.Tokenizer) and type(tok.word_docs) is dict
    assert tok.word_index == {"a": 1, "b": 2} and tok.document_count == 2
    assert tok.texts_to_sequences(["b a c"]) == [[2, 1]]
    np.testing.assert_allclose(tok.texts_to_matrix(["a"], mode="tfidf")[0], [0, math.log(1 + 2 / 3), 0])

    class Evil:
        def __reduce__(self):
            import os
            return (os.getcwd, ())

    f.write_bytes(pickle.dumps(Evil(), protocol=pickle.HIGHEST_PROTOCOL))
    with pytest.raises(ArgumentError, match="refusing to load"):
        text.load_text_tokenizer(str(f))
