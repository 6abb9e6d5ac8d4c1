# Keras 2 text preprocessing (R/keras2-text.R). Expected values worked out by hand
# from Keras 2's documented semantics.

corpus <- c("The cat sat on the mat.", "The dog ate my homework!", "cat, cat")

test_that("text_to_word_sequence() filters, lowers and splits", {
  skip_if_no_core()
  expect_identical(text_to_word_sequence("Hello, World!  It's\tme\n"), c("hello", "world", "it's", "me"))
  expect_identical(text_to_word_sequence("Hello World", lower = FALSE), c("Hello", "World"))
  expect_identical(text_to_word_sequence("a-b_c", filters = "-", split = "_"), c("a", "b", "c"))
  expect_error(text_to_word_sequence(c("a", "b")), "single string", class = "kerasbridge_argument_error")
})

test_that("fit_text_tokenizer() ranks words by count, ties by first occurrence", {
  skip_if_no_core()
  tok <- text_tokenizer()
  out <- withVisible(fit_text_tokenizer(tok, corpus))
  expect_false(out$visible)
  expect_identical(out$value, tok)
  expect_identical(tok$word_index,
                   list(the = 1L, cat = 2L, sat = 3L, on = 4L, mat = 5L, dog = 6L, ate = 7L, my = 8L, homework = 9L))
  expect_identical(tok$word_counts,
                   list(the = 3L, cat = 3L, sat = 1L, on = 1L, mat = 1L, dog = 1L, ate = 1L, my = 1L, homework = 1L))
  expect_identical(tok$document_count, 3L)
  expect_null(tok$num_words)
  expect_identical(tok$word_docs$cat, 2L)
  # a later, more frequent word moves ahead; fitting again accumulates
  tok2 <- text_tokenizer() %>% fit_text_tokenizer(c("b a", "a c c"))
  expect_identical(names(tok2$word_index), c("a", "c", "b"))
  fit_text_tokenizer(tok2, "b b b")
  expect_identical(tok2$word_index, list(b = 1L, a = 2L, c = 3L))
  expect_identical(tok2$document_count, 3L)
})

test_that("texts_to_sequences() gives integer vectors; num_words and oov_token as Keras 2", {
  skip_if_no_core()
  tok <- text_tokenizer(num_words = 3) %>% fit_text_tokenizer(c("b a", "a c c"))
  expect_identical(tok$num_words, 3L)
  expect_identical(texts_to_sequences(tok, c("a b c d", "b")), list(c(1L, 2L), integer(0)))
  expect_identical(texts_to_sequences(tok, "c a"), list(c(2L, 1L)))
  oov <- text_tokenizer(num_words = 3, oov_token = "<unk>") %>% fit_text_tokenizer(c("b a", "a c c"))
  expect_identical(oov$word_index, list("<unk>" = 1L, a = 2L, c = 3L, b = 4L))
  expect_identical(texts_to_sequences(oov, "a b c d"), list(c(2L, 1L, 1L, 1L)))
  expect_identical(sequences_to_texts(oov, list(c(2L, 4L))), "a <unk>")
  gen <- texts_to_sequences_generator(oov, c("a", "a a"))
  expect_identical(unlist(reticulate::iter_next(gen)), 2L)
  expect_identical(unlist(reticulate::iter_next(gen)), c(2L, 2L))
})

test_that("char_level tokenizers count characters", {
  skip_if_no_core()
  tok <- text_tokenizer(char_level = TRUE) %>% fit_text_tokenizer("aAb")
  expect_identical(tok$word_index, list(a = 1L, b = 2L))
  expect_identical(texts_to_sequences(tok, "ba"), list(c(2L, 1L)))
})

test_that("texts_to_matrix() and sequences_to_matrix() reproduce Keras 2's modes", {
  skip_if_no_core()
  tok <- text_tokenizer() %>% fit_text_tokenizer(c("b a", "a c c"))  # a = 1, c = 2, b = 3
  m <- texts_to_matrix(tok, c("a c c b z", ""), mode = "count")
  expect_identical(m, rbind(c(0, 1, 2, 1), c(0, 0, 0, 0)))
  expect_identical(texts_to_matrix(tok, c("a c c b z", "")), rbind(c(0, 1, 1, 1), c(0, 0, 0, 0)))
  expect_equal(sequences_to_matrix(tok, list(c(1L, 2L, 2L, 3L)), mode = "freq"), rbind(c(0, 0.25, 0.5, 0.25)))
  expect_equal(sequences_to_matrix(tok, list(c(1, 7, 7)), mode = "freq"), rbind(c(0, 1 / 3, 0, 0)))
  tfidf <- texts_to_matrix(tok, "a c c", mode = "tfidf")
  expect_equal(tfidf, rbind(c(0, log(1 + 2 / 3), (1 + log(2)) * log(2), 0)), tolerance = 1e-14)
  # a padded matrix, one sequence per row
  expect_identical(sequences_to_matrix(tok, matrix(c(0L, 1L, 2L), nrow = 1), mode = "count"), rbind(c(1, 1, 1, 0)))
  # num_words sets the width
  tok3 <- text_tokenizer(num_words = 3) %>% fit_text_tokenizer(c("b a", "a c c"))
  expect_identical(texts_to_matrix(tok3, "a b c"), rbind(c(0, 1, 1)))
})

test_that("fit_text_tokenizer() on sequences feeds tfidf", {
  skip_if_no_core()
  tok <- text_tokenizer(num_words = 4) %>% fit_text_tokenizer(list(c(1L, 1L, 2L), c(2L, 3L)))
  expect_identical(tok$document_count, 2L)
  expect_equal(sequences_to_matrix(tok, list(c(1L, 1L)), mode = "tfidf"),
               rbind(c(0, (1 + log(2)) * log(2), 0, 0)))
})

test_that("bad input gives kerasbridge errors", {
  skip_if_no_core()
  tok <- text_tokenizer() %>% fit_text_tokenizer("a b")
  expect_error(texts_to_matrix(tok, "a", mode = "bm25"), "mode", class = "kerasbridge_argument_error")
  expect_error(texts_to_matrix(text_tokenizer(), "a"), "fit_text_tokenizer()", fixed = TRUE,
               class = "kerasbridge_argument_error")
  expect_error(texts_to_matrix(text_tokenizer(), "a", mode = "tfidf"), class = "kerasbridge_argument_error")
  expect_error(texts_to_sequences(tok, c("a", NA)), "missing", class = "kerasbridge_missing_value_error")
  expect_error(sequences_to_matrix(tok, list(c(1L, NA))), "NA", class = "kerasbridge_missing_value_error")
  expect_error(sequences_to_matrix(tok, 1:3), "list of integer vectors", class = "kerasbridge_argument_error")
  expect_error(texts_to_sequences(list(), "a"), "text_tokenizer", class = "kerasbridge_argument_error")
  expect_error(texts_to_sequences(tok, 1:3), "character vector", class = "kerasbridge_argument_error")
  expect_error(text_tokenizer(num_words = 0), "num_words", class = "kerasbridge_argument_error")
  expect_error(text_tokenizer(lower = NA), "lower", class = "kerasbridge_argument_error")
})

test_that("save_text_tokenizer() and load_text_tokenizer() round-trip", {
  skip_if_no_core()
  tok <- text_tokenizer(num_words = 5, oov_token = "<OOV>") %>% fit_text_tokenizer(corpus)
  f <- tempfile(fileext = ".json")
  on.exit(unlink(f))
  expect_identical(withVisible(save_text_tokenizer(tok, f))$visible, FALSE)
  back <- load_text_tokenizer(f)
  expect_s3_class(back, "kerasbridge.text.Tokenizer")
  expect_identical(back$word_index, tok$word_index)
  expect_identical(back$word_counts, tok$word_counts)
  expect_identical(back$num_words, 5L)
  expect_identical(back$document_count, 3L)
  expect_identical(texts_to_sequences(back, "the cat ate a dog"), list(c(2L, 3L, 1L, 1L, 1L)))
  expect_error(load_text_tokenizer(file.path(tempdir(), "none.json")), "Can't find",
               class = "kerasbridge_argument_error")
})

test_that("text_hashing_trick() and text_one_hot() hash words to 1..n-1", {
  skip_if_no_core()
  # int(md5(word), 16) %% (n - 1) + 1
  expect_identical(text_hashing_trick("A b, hello world a", 10, hash_function = "md5"), c(2L, 5L, 8L, 9L, 2L))
  expect_identical(text_hashing_trick("x y", 5, hash_function = function(w) if (w == "x") 3 else 8), c(4L, 1L))
  oh <- text_one_hot("a b a c a", 7)
  expect_type(oh, "integer")
  expect_length(oh, 5L)
  expect_true(all(oh >= 1L & oh <= 6L))
  expect_identical(oh[c(1, 3, 5)], rep(oh[1], 3))
  expect_error(text_one_hot("a", 1), "`n`", class = "kerasbridge_argument_error")
})

test_that("a text that is not one string fails with R keras 2.x's words", {
  skip_if_no_core()
  expect_error(text_hashing_trick(letters, 10), "`text` should be length 1")
  expect_error(text_one_hot(c("a b", "c"), 10), "should be length 1")
})

test_that("a missing text gives NA back, as in R keras 2.x", {
  skip_if_no_core()
  expect_identical(text_hashing_trick(NA_character_, 10), NA_integer_)
  expect_identical(text_one_hot(NA, 10), NA_integer_)
  expect_identical(text_to_word_sequence(NA_character_), NA_character_)
})
