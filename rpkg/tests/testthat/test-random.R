# random_* (R/random.R, generated R/random-generated.R)

test_that("every generated random_* runs on a tiny input", {
  skip_if_no_core()
  fns <- manifest_entries("random")$Function
  expect_gt(length(fns), 10)
  special <- list(
    random_beta = list(shape = c(2), alpha = 1, beta = 1),
    random_binomial = list(shape = c(2), counts = 5, probabilities = 0.5),
    random_categorical = list(logits = matrix(0, 2, 3), num_samples = 4),
    random_dropout = list(inputs = matrix(1, 2, 2), rate = 0.5),
    random_gamma = list(shape = c(2), alpha = 1),
    random_integer = list(shape = c(2), minval = 0, maxval = 5),
    random_shuffle = list(x = c(1, 2, 3)),
    random_seed_generator = list(seed = 1))
  expect_equal(call_each(fns, list(shape = c(2, 3)), special), character())
})

test_that("shapes, seeds and bounds may be R doubles; seeds reproduce", {
  skip_if_no_core()
  a <- as.array(random_normal(c(2, 3), seed = 1))
  expect_equal(dim(a), c(2L, 3L))
  expect_equal(a, as.array(random_normal(c(2, 3), seed = 1)))
  expect_equal(dim(as.array(random_uniform(3, seed = 2))), 3L)
  i <- as.array(random_integer(c(50), minval = 2, maxval = 5, seed = 3))
  expect_true(all(i >= 2 & i < 5))
  expect_equal(sort(as.vector(as.array(random_shuffle(c(1, 2, 3), seed = 4)))), c(1, 2, 3))
  # the same generator gives new numbers on each draw
  gen <- random_seed_generator(42)
  expect_false(isTRUE(all.equal(as.array(random_uniform(c(4), seed = gen)), as.array(random_uniform(c(4), seed = gen)))))
  expect_s3_class(gen, "keras.src.random.seed_generator.SeedGenerator")
})
