# Keras 2 text preprocessing (removed in Keras 3), from the core's
# pycore/kerasbridge/legacy/text.py. The tokenizer is a Python object: R users read
# tokenizer$word_index, $word_counts, $document_count, $num_words through reticulate.

text_arg_error <- function(msg, call = rlang::caller_env(), .envir = parent.frame()) {
  abort_kb(msg, call = call, .envir = .envir)
}

# A character vector (any length) -> a Python list of str; a length-1 vector
# would otherwise arrive as one str, which Python iterates character by character.
as_texts <- function(texts, arg = "texts", call = rlang::caller_env()) {
  if (is.factor(texts)) texts <- as.character(texts)
  if (is.character(texts)) {
    if (anyNA(texts)) {
      abort_kb(c("{.arg {arg}} must not contain missing values.",
                 "x" = "Element{?s} {which(is.na(texts))} {?is/are} NA."), call = call, kind = "missing_value")
    }
    return(as.list(unname(texts)))
  }
  if (is.list(texts)) return(lapply(unname(texts), function(t) if (is.character(t)) as.list(t) else t))
  text_arg_error(c("{.arg {arg}} must be a character vector of texts.",
                   "x" = "You supplied {.obj_type_friendly {texts}}."), call = call)
}

# A list of integer vectors (or a matrix, one sequence per row) for the core.
as_sequences <- function(sequences, call = rlang::caller_env()) {
  if (is.matrix(sequences)) return(sequences)
  if (is.list(sequences)) return(lapply(unname(sequences), function(s) array(s, dim = length(s))))
  text_arg_error(c("{.arg sequences} must be a list of integer vectors (one per text) or a matrix.",
                   "x" = "You supplied {.obj_type_friendly {sequences}}."), call = call)
}

check_tokenizer <- function(object, call = rlang::caller_env()) {
  if (!inherits(object, "kerasbridge.text.Tokenizer")) {
    text_arg_error(c("{.arg object} must be a tokenizer made by {.fn text_tokenizer}.",
                     "x" = "You supplied {.obj_type_friendly {object}}."), call = call)
  }
  object
}

text_modes <- c("binary", "count", "tfidf", "freq")

match_mode <- function(mode, call = rlang::caller_env()) {
  if (identical(mode, text_modes)) return("binary")
  if (!is.character(mode) || length(mode) != 1L || !(mode %in% text_modes))
    text_arg_error(c("{.arg mode} must be one of {.val {text_modes}}.",
                     "x" = "You supplied {.val {mode}}."), call = call)
  mode
}

# The core returns 1-d int32 arrays; R users get plain integer vectors.
as_int_vectors <- function(x) lapply(x, function(s) as.integer(as.vector(s)))

#' Text tokenization utility (Keras 2's Tokenizer)
#'
#' Vectorizes texts into sequences of word indices or into matrices. Keras 3
#' dropped it; kerasbridge keeps Keras 2's behaviour: `word_index` ranks words
#' by descending frequency (ties by first occurrence) from 1, an `oov_token`
#' takes index 1, and only indices below `num_words` are used when texts are
#' converted.
#'
#' Fit it with [fit_text_tokenizer()]; then `tokenizer$word_index` (named list
#' word -> index), `tokenizer$word_counts`, `tokenizer$word_docs`,
#' `tokenizer$index_word`, `tokenizer$document_count` and `tokenizer$num_words`
#' are available as in R keras.
#'
#' @param num_words Maximum number of words to keep (indices `< num_words`), or
#'   `NULL` for all.
#' @param filters Characters removed from the texts (replaced by `split`).
#' @param lower Convert the texts to lower case.
#' @param split Word separator.
#' @param char_level Every character is a token.
#' @param oov_token Token that replaces out-of-vocabulary words in
#'   [texts_to_sequences()], or `NULL` to drop them.
#' @return A tokenizer (a Python object, modified in place by [fit_text_tokenizer()]).
#' @examples
#' texts <- c("The cat sat on the mat.", "The dog ate my homework.")
#' tokenizer <- text_tokenizer(num_words = 100) %>% fit_text_tokenizer(texts)
#' texts_to_sequences(tokenizer, texts)
#' @export
text_tokenizer <- function(num_words = NULL, filters = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n',
                           lower = TRUE, split = " ", char_level = FALSE, oov_token = NULL) {
  args <- capture_args(ignore = character())
  for (a in intersect(c("lower", "char_level"), names(args))) {
    if (!is.logical(args[[a]]) || length(args[[a]]) != 1L || is.na(args[[a]]))
      text_arg_error("{.arg {a}} must be TRUE or FALSE.")
  }
  do.call(call_core, c(list("legacy.text.text_tokenizer"), args))
}

#' Update a tokenizer's vocabulary from texts or sequences
#'
#' @param object A tokenizer from [text_tokenizer()]; it is modified in place.
#' @param x A character vector of texts, or a list of integer vectors
#'   (sequences of word indices, counted for the `"tfidf"` mode).
#' @return The tokenizer, invisibly (so it can be piped).
#' @examples
#' texts <- c("The cat sat on the mat.", "The dog ate my homework.")
#' tokenizer <- text_tokenizer(num_words = 100) %>% fit_text_tokenizer(texts)
#' head(unlist(tokenizer$word_index))
#' @export
fit_text_tokenizer <- function(object, x) {
  check_tokenizer(object)
  if (is.list(x) && !all(vapply(x, is.character, logical(1)))) {
    call_core("legacy.text.fit_text_tokenizer", object, as_sequences(x), sequences = TRUE)
  } else {
    call_core("legacy.text.fit_text_tokenizer", object, as_texts(x, "x"))
  }
  invisible(object)
}

#' Transform texts to sequences of word indices
#'
#' @param tokenizer A fitted tokenizer from [text_tokenizer()].
#' @param texts A character vector of texts.
#' @return A list with one integer vector of word indices per text.
#' @examples
#' texts <- c("The cat sat on the mat.", "The dog ate my homework.")
#' tokenizer <- text_tokenizer(num_words = 100) %>% fit_text_tokenizer(texts)
#' texts_to_sequences(tokenizer, "the cat ate")
#' @export
texts_to_sequences <- function(tokenizer, texts) {
  check_tokenizer(tokenizer)
  as_int_vectors(call_core("legacy.text.texts_to_sequences", tokenizer, as_texts(texts)))
}

#' Transform texts to sequences of word indices, one at a time
#'
#' @inheritParams texts_to_sequences
#' @return A Python generator; each [reticulate::iter_next()] gives the next
#'   text's word indices.
#' @examples
#' texts <- c("The cat sat on the mat.", "The dog ate my homework.")
#' tokenizer <- text_tokenizer(num_words = 100) %>% fit_text_tokenizer(texts)
#' it <- texts_to_sequences_generator(tokenizer, texts)
#' reticulate::iter_next(it)
#' @export
texts_to_sequences_generator <- function(tokenizer, texts) {
  check_tokenizer(tokenizer)
  with_py_errors(tokenizer$texts_to_sequences_generator(as_texts(texts)))
}

#' Convert texts or sequences to a matrix
#'
#' One row per text, `num_words` columns (or the vocabulary size + 1); column
#' `j + 1` is word index `j` (column 1 is the padding index 0).
#' `"tfidf"` follows Keras 2: `(1 + log(count)) * log(1 + document_count / (1 + df))`.
#'
#' @inheritParams texts_to_sequences
#' @param mode One of `"binary"`, `"count"`, `"tfidf"`, `"freq"`.
#' @return A numeric matrix.
#' @examples
#' texts <- c("The cat sat on the mat.", "The dog ate my homework.")
#' tokenizer <- text_tokenizer(num_words = 100) %>% fit_text_tokenizer(texts)
#' texts_to_matrix(tokenizer, texts, mode = "count")[, 1:6]
#' @export
texts_to_matrix <- function(tokenizer, texts, mode = c("binary", "count", "tfidf", "freq")) {
  check_tokenizer(tokenizer)
  mode <- match_mode(mode)
  call_core("legacy.text.texts_to_matrix", tokenizer, as_texts(texts), mode = mode)
}

#' @rdname texts_to_matrix
#' @param sequences A list of integer vectors of word indices (or a matrix, one
#'   sequence per row).
#' @export
sequences_to_matrix <- function(tokenizer, sequences, mode = c("binary", "count", "tfidf", "freq")) {
  check_tokenizer(tokenizer)
  mode <- match_mode(mode)
  call_core("legacy.text.sequences_to_matrix", tokenizer, as_sequences(sequences), mode = mode)
}

#' Transform sequences of word indices back to texts
#'
#' @inheritParams sequences_to_matrix
#' @return A character vector, one text per sequence.
#' @examples
#' texts <- c("The cat sat on the mat.", "The dog ate my homework.")
#' tokenizer <- text_tokenizer(num_words = 100) %>% fit_text_tokenizer(texts)
#' sequences_to_texts(tokenizer, list(c(1, 2, 3)))
#' @export
sequences_to_texts <- function(tokenizer, sequences) {
  check_tokenizer(tokenizer)
  as.character(unlist(call_core("legacy.text.sequences_to_texts", tokenizer, as_sequences(sequences))))
}

#' Save and load a text tokenizer
#'
#' The tokenizer is saved as Keras 2's tokenizer JSON (`Tokenizer.to_json()`),
#' so files written by Python Keras 2 can be loaded too. `load_text_tokenizer()`
#' also reads the pickle files R keras 2.x's `save_text_tokenizer()` wrote
#' (only a Keras 2 Tokenizer is accepted from a pickle, nothing else is run).
#'
#' @param object A tokenizer from [text_tokenizer()].
#' @param filename File to write or read.
#' @return `save_text_tokenizer()`: the tokenizer, invisibly;
#'   `load_text_tokenizer()`: the tokenizer.
#' @examples
#' texts <- c("The cat sat on the mat.", "The dog ate my homework.")
#' tokenizer <- text_tokenizer(num_words = 100) %>% fit_text_tokenizer(texts)
#' file <- tempfile()
#' save_text_tokenizer(tokenizer, file)
#' load_text_tokenizer(file)$word_index$cat
#' @export
save_text_tokenizer <- function(object, filename) {
  check_tokenizer(object)
  filename <- path.expand(check_path_arg(filename))
  call_core("legacy.text.save_text_tokenizer", object, filename)
  invisible(object)
}

#' @rdname save_text_tokenizer
#' @export
load_text_tokenizer <- function(filename) {
  filename <- path.expand(check_path_arg(filename))
  call_core("legacy.text.load_text_tokenizer", filename)
}

# A missing text (NA) is allowed: the functions give NA back, as R keras 2.x did.
check_text <- function(text, call = rlang::caller_env()) {
  if (identical(text, NA) || identical(text, NA_character_)) return(text)
  if (!is.character(text) || length(text) != 1L)
    # R keras 2.x's words ("should be length 1"): users' tests match them
    text_arg_error(c("{.arg text} should be length 1: a single string.",
                     "x" = "You supplied {.obj_type_friendly {text}}."), call = call)
  text
}

#' Convert a text to a sequence of words
#'
#' @param text A single string.
#' @param filters Characters replaced by `split` before splitting.
#' @param lower Convert to lower case.
#' @param split Word separator.
#' @return A character vector of words.
#' @examples
#' text_to_word_sequence("The cat sat on the mat.")
#' @export
text_to_word_sequence <- function(text, filters = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n',
                                  lower = TRUE, split = " ") {
  if (is.na(check_text(text))) return(NA_character_)
  as.character(unlist(call_core("legacy.text.text_to_word_sequence", text, filters = filters,
                                lower = lower, split = split)))
}

#' One-hot encode a text into word indices (hashing)
#'
#' `text_one_hot()` hashes each word with Python's `hash()` (which changes
#' between sessions unless `PYTHONHASHSEED` is set) to an index in `1..(n - 1)`;
#' `text_hashing_trick(hash_function = "md5")` is stable across sessions.
#'
#' @inheritParams text_to_word_sequence
#' @param n Size of the hashing space (indices are `1..(n - 1)`).
#' @param ... Passed on: `filters`, `lower`, `split`.
#' @return An integer vector of word indices.
#' @examples
#' text_one_hot("the cat sat on the mat", n = 20)
#' text_hashing_trick("the cat sat on the mat", n = 20, hash_function = "md5")
#' @export
text_one_hot <- function(text, n, ...) {
  if (is.na(check_text(text))) return(NA_integer_)
  as.integer(as.vector(call_core("legacy.text.text_one_hot", text, n, ...)))
}

#' @rdname text_one_hot
#' @param hash_function `NULL` (Python's `hash()`), `"md5"`, or a function of a
#'   string that returns a whole number.
#' @export
text_hashing_trick <- function(text, n, hash_function = NULL, ...) {
  if (is.na(check_text(text))) return(NA_integer_)
  as.integer(as.vector(call_core("legacy.text.text_hashing_trick", text, n, hash_function = hash_function, ...)))
}
