skip_if_no_core()

# Each generic on a tensor against base R on the same numbers.

m <- matrix(c(1.5, -2, 3.25, 4, -5.5, 6), nrow = 2)
tm <- tf$constant(m)
v <- c(0.5, 1, 2.5, 4)
tv <- tf$constant(v)

expect_tensor_equal <- function(t, expected, tolerance = 1e-6) {
  expect_true(is_tensor(t))
  got <- as.array(t)
  if (is.null(dim(expected))) got <- as.vector(got)
  expect_equal(got, expected, tolerance = tolerance)
}

test_that("tensors, variables and datasets carry R tensorflow's / tfdatasets' classes", {
  expect_identical(class(tm)[1:2], c("tensorflow.tensor", "tensorflow.python.framework.ops.EagerTensor"))
  expect_identical(class(tm)[length(class(tm))], "python.builtin.object")
  expect_s3_class(tm, "tensorflow.python.types.core.Tensor")
  expect_identical(class(tf$Variable(1))[1], "tensorflow.tensor")
  expect_identical(class(keras$Variable(1))[1], "tensorflow.tensor")  # Keras 3's variables too
  expect_identical(class(tf$data$Dataset$range(2L))[1], "tf_dataset")
  expect_false(inherits(keras$Input(shape = list(3L)), "tensorflow.tensor"))
  expect_s3_class(keras$Input(shape = list(3L)), "keras.src.backend.common.keras_tensor.KerasTensor")
})

test_that("arithmetic matches base R, with R numbers on either side", {
  for (op in c("+", "-", "*", "/", "^", "%%", "%/%")) {
    f <- match.fun(op)
    expect_tensor_equal(f(tm, tm), f(m, m))
    expect_tensor_equal(f(tm, 3), f(m, 3))
    expect_tensor_equal(f(3, tm), f(3, m))
  }
  expect_tensor_equal(-tm, -m)
  expect_tensor_equal(tv * c(1, 2, 3, 4), v * c(1, 2, 3, 4))
})

test_that("comparison and logical operators match base R", {
  for (op in c("==", "!=", "<", ">", "<=", ">=")) {
    f <- match.fun(op)
    expect_tensor_equal(f(tm, 3.25), f(m, 3.25))
    expect_tensor_equal(f(1, tm), f(1, m))
  }
  a <- c(TRUE, FALSE, TRUE, FALSE); b <- c(TRUE, TRUE, FALSE, FALSE)
  expect_tensor_equal(tf$constant(a) & tf$constant(b), a & b)
  expect_tensor_equal(tf$constant(a) | b, a | b)
  expect_tensor_equal(!tf$constant(a), !a)
})

test_that("R numbers take the tensor's dtype", {
  ti <- tf$constant(c(1L, 2L, 3L))
  expect_equal(ti$dtype$name, "int32")
  expect_equal((ti + 1)$dtype$name, "int32")
  expect_equal((2 * ti)$dtype$name, "int32")
  expect_equal((tf$constant(1, dtype = "float32") * 2.5)$dtype$name, "float32")
  expect_error(ti + 0.5, class = "kerasbridge_argument_error")
  expect_error(ti + 0.5, "Cast the tensor first")
  # a scalar stays a scalar
  expect_equal(dim(tf$constant(2) + 1), integer(0))
})

test_that("Math group matches base R", {
  pos <- abs(m) + 0.25
  tpos <- tf$constant(pos)
  for (fn in c("abs", "sign", "floor", "ceiling", "trunc", "cumsum", "cumprod", "cummax", "cummin")) {
    f <- match.fun(fn)
    expect_tensor_equal(f(tm), f(m))
  }
  for (fn in c("sqrt", "exp", "log", "log2", "log10", "log1p", "expm1", "cos", "sin", "tan",
               "tanh", "lgamma", "gamma", "digamma", "cospi")) {
    f <- match.fun(fn)
    expect_tensor_equal(f(tpos), f(pos), tolerance = 1e-5)
  }
  expect_tensor_equal(gamma(tf$constant(c(-0.5, -1.5, 2.5))), gamma(c(-0.5, -1.5, 2.5)), tolerance = 1e-5)
  expect_tensor_equal(log(tpos, base = 3), log(pos, base = 3))
  expect_tensor_equal(round(tf$constant(c(0.5, 1.5, 2.5, -0.5, 2.567))), round(c(0.5, 1.5, 2.5, -0.5, 2.567)))
  expect_tensor_equal(round(tm / 3, 2), round(m / 3, 2))
  # integers are computed as doubles, as R does
  expect_tensor_equal(sqrt(tf$constant(c(4L, 9L))), c(2, 3))
})

test_that("Summary group and mean() match base R, with 1-based axis", {
  for (fn in c("sum", "prod", "max", "min", "range")) {
    f <- match.fun(fn)
    expect_tensor_equal(f(tm), f(m))
  }
  expect_tensor_equal(mean(tm), mean(m))
  expect_tensor_equal(sum(tm, axis = 1), colSums(m))
  expect_tensor_equal(sum(tm, axis = 2), rowSums(m))
  expect_tensor_equal(mean(tm, axis = 2), rowMeans(m))
  expect_equal(dim(sum(tm, axis = 2, keepdims = TRUE)), c(2L, 1L))
  expect_tensor_equal(max(tm, tv, 10), max(m, v, 10))
  expect_tensor_equal(all(tm > -6), TRUE)
  expect_tensor_equal(any(tm > 100), FALSE)
  expect_tensor_equal(mean(tf$constant(1:4)), 2.5)
  expect_error(sum(tm, tv, axis = 1), class = "kerasbridge_argument_error")
})

test_that("`[` uses R's 1-based indexing", {
  a <- array(as.numeric(1:60), c(3, 4, 5))
  ta <- tf$constant(a)
  expect_tensor_equal(tm[1, ], m[1, ])
  expect_tensor_equal(tm[, 2], m[, 2])
  expect_tensor_equal(tm[2, 3], m[2, 3])
  expect_tensor_equal(tm[1:2, 2:3], m[1:2, 2:3])
  expect_tensor_equal(tm[, 3:1], m[, 3:1])
  expect_tensor_equal(ta[2, , ], a[2, , ])
  expect_tensor_equal(ta[, 2:3, 5], a[, 2:3, 5])
  expect_tensor_equal(ta[, , seq(1, 5, by = 2)], a[, , seq(1, 5, by = 2)])
  expect_tensor_equal(ta[all_dims(), 1], a[, , 1])
  expect_tensor_equal(tv[2], v[2])
  expect_tensor_equal(tv[2:4], v[2:4])
  expect_equal(dim(tm[1, , drop = FALSE]), c(1L, 3L))
  expect_equal(dim(tm[, 2, drop = FALSE]), c(2L, 1L))
  expect_equal(dim(tv[NULL, ]), c(1L, 4L))
  n <- 3
  expect_tensor_equal(tv[2:n], v[2:n])
  idx <- 2:4
  expect_tensor_equal(tv[idx], v[idx])
  expect_tensor_equal(tv[4:2], v[4:2])
  expect_tensor_equal(tv[4:1], v[4:1])
  expect_tensor_equal(tv[seq(4, 1, by = -2)], v[seq(4, 1, by = -2)])
  expect_tensor_equal(ta[3:1, 4, 5:1], a[3:1, 4, 5:1])
})

test_that("tf$shape(x)[1] is the batch size, and tensors index as they are", {
  x <- tf$zeros(shape(7, 3))
  expect_equal(as.integer(tf$shape(x)[1]), 7L)
  expect_equal(as.integer(tf$shape(x)[2]), 3L)
  expect_tensor_equal(suppressWarnings(tv[tf$constant(0L)]), v[1])
})

test_that("negative indices count from the end, as in the R tensorflow package", {
  expect_tensor_equal(suppressWarnings(tv[-1]), v[length(v)])
  expect_tensor_equal(suppressWarnings(tm[-1, ]), m[nrow(m), ])
  expect_tensor_equal(suppressWarnings(tv[-2:-1]), v[3:4])
  expect_tensor_equal(suppressWarnings(tv[-1:-3]), v[4:2])
})

test_that("bad indices are R errors that say what to do", {
  expect_error(tv[0], "indexed from 1", class = "kerasbridge_argument_error")
  expect_error(tv[5], "out of bounds", class = "kerasbridge_argument_error")
  expect_error(tm[1, 2, 1], "Incorrect number of dimensions", class = "kerasbridge_argument_error")
  expect_error(tv[NA], "NA", class = "kerasbridge_argument_error")
  expect_error(tv[Inf], "Inf", class = "kerasbridge_argument_error")
  expect_error(tv["a"], "character", class = "kerasbridge_argument_error")
  expect_error(tv[mean], "function", class = "kerasbridge_argument_error")
  expect_error(tm[matrix(1:4, 2)], "not currently supported", class = "kerasbridge_argument_error")
  expect_error(tv[-(1:2)], "positive", class = "kerasbridge_argument_error")
  expect_error(tv[c(1, 3, 4)], "tf\\$gather", class = "kerasbridge_argument_error")
  expect_error(tv[c(TRUE, FALSE)], "boolean_mask", class = "kerasbridge_argument_error")
})

test_that("dim(), length() and conversions match base R", {
  expect_identical(dim(tm), dim(m))
  expect_identical(length(tm), length(m))
  expect_identical(dim(tv), 4L)
  expect_identical(dim(tf$constant(1)), integer(0))
  expect_identical(as.array(tm), m)
  expect_identical(as.numeric(tm), as.numeric(m))
  expect_identical(as.integer(tf$constant(c(3L, 1L))), c(3L, 1L))
  expect_identical(as.logical(tm > 0), as.logical(m > 0))
  expect_identical(as.array(tf$constant(2.5)), 2.5)
  expect_identical(as.vector(tf$constant(c("a", "bc"))), c("a", "bc"))
  expect_identical(as.array(tf$constant(c(2.5, 3))), array(c(2.5, 3)))
})

test_that("dim() works on symbolic tensors with NA for unknown dims", {
  features <- keras$Input(shape = list(64L))
  expect_identical(dim(features), c(NA, 64L))
  expect_true(is.na(length(features)))
  expect_identical(dim(features * 2), c(NA, 64L))
  expect_identical((features * 2)$dtype, "float32")
  expect_identical(dim(features[, 1:10]), c(NA, 10L))
  expect_identical(dim(sqrt(features)), c(NA, 64L))
  expect_identical(dim(log(features, base = 2)), c(NA, 64L))
  expect_error(as.array(features), "symbolic", class = "kerasbridge_argument_error")
  expect_error(as.numeric(features), "symbolic", class = "kerasbridge_argument_error")
  f <- tf_function(function(x) { expect_identical(dim(x), c(NA, 2L)); x },
                   input_signature = list(tf$TensorSpec(shape(NA, 2), tf$float32)))
  f(tf$zeros(shape(1, 2)))
})

test_that("variables behave like tensors", {
  w <- tf$Variable(c(1, 2, 3))
  expect_tensor_equal(w * 2, c(2, 4, 6))
  expect_tensor_equal(w[2:3], c(2, 3))
  expect_identical(dim(w), 3L)
  expect_identical(as.numeric(sum(w)), 6)
})

test_that("print() and str() read well", {
  expect_output(print(tm), "<tf.Tensor shape=c\\(2, 3\\) dtype=float64>")
  expect_output(print(tm), "3.25")
  expect_output(print(tf$Variable(1, name = "w")), "<tf.Variable 'w:0' shape=c\\(\\) dtype=float32>")
  expect_output(str(tm), "^<tf.Tensor shape=c\\(2, 3\\) dtype=float64>$")
  # inside tf_function() a tensor has no value yet: print() shows the header only
  f <- tf_function(function(x) { expect_output(print(x), "^<tf.Tensor \\(symbolic\\) '.*' shape=c\\(2\\) dtype=float32>$"); x })
  f(tf$constant(c(1, 2), dtype = "float32"))
  expect_output(print(keras$Input(shape = list(64L), name = "digits")), "<KerasTensor 'digits' shape=c\\(NA, 64\\) dtype=float32>")
})

test_that("t() and aperm() follow base R", {
  expect_tensor_equal(t(tm), t(m))
  a <- array(as.numeric(1:24), c(2, 3, 4))
  expect_tensor_equal(aperm(tf$constant(a), c(3, 1, 2)), aperm(a, c(3, 1, 2)))
})

test_that("Complex, is.*, sort, rep, cbind/rbind, t and as.raster work as on arrays", {
  z <- tf$constant(1 + 2i)
  expect_equal(as.array(Re(z)), 1)
  expect_equal(as.array(Im(z)), 2)
  expect_equal(as.array(Mod(z)), Mod(1 + 2i))
  expect_equal(as.array(Arg(z)), Arg(1 + 2i))
  expect_equal(as.array(Conj(z)), Conj(1 + 2i))
  x <- array(c(0, 1, Inf, NaN))
  expect_identical(as.array(is.finite(as_tensor(x))), array(is.finite(x)))
  expect_identical(as.array(is.nan(as_tensor(x))), array(is.nan(x)))
  expect_identical(as.array(sort(as_tensor(c(3L, 1L, 2L)), decreasing = TRUE)), array(3:1))
  expect_identical(as.array(rep(as_tensor(array(1:2)), as_tensor(2L))), array(c(1:2, 1:2)))
  m <- matrix(1:9, 3)
  expect_identical(as.array(cbind(as_tensor(m), 1:3)), unname(cbind(m, 1:3)))
  expect_identical(as.array(rbind(1:3, as_tensor(m))), unname(rbind(1:3, m)))
  expect_identical(cbind(as_tensor(1:3), 1:3, dtype = "int64")$dtype$name, "int64")
  expect_identical(dim(t(tf$constant(1))), c(1L, 1L))
  expect_identical(as.numeric(range(tm, tm)), as.numeric(range(as.array(tm))))
  img <- tf$cast(tf$fill(c(2L, 2L, 3L), 255L), "uint8")
  expect_s3_class(as.raster(img), "raster")
})

test_that("as_tensor() converts as R tensorflow does: scalars, shape =, saturating casts, strings", {
  expect_identical(dim(as_tensor(5L)), integer())
  expect_identical(as_tensor(3)$dtype$name, "float64")
  expect_identical(dim(as_tensor(1:12, shape = c(NA, 4))), c(3L, 4L))
  expect_identical(as.array(as_tensor(1:6, shape = c(2, 3))), matrix(1:6, 2, byrow = TRUE))
  expect_identical(as.array(as_tensor(0, shape = c(2, 2))), matrix(0, 2, 2))
  expect_identical(dim(as_tensor(as_tensor(3), shape = as_tensor(4L))), 4L)
  expect_identical(as.integer(as_tensor(c(-1, 256), "uint8")), c(0L, 255L))
  expect_identical(as.integer(as_tensor(3.0, "int32")), 3L)
  s <- array(as.character(1:12), c(2, 3, 2))
  expect_identical(as.array(as_tensor(s)), s)
  expect_identical(as.character(as_tensor(s)), as.character(s))
})

test_that("`[` follows R tensorflow's options, styles and Python-style slices", {
  x <- tf$constant(array(1:20, c(10, 2)))
  r <- array(1:20, c(10, 2))
  expect_identical(as.array(x[NA:NA:-1, 1]), array(r[10:1, 1]))
  expect_identical(as.array(x[`5:`, 1]), array(r[5:10, 1]))
  expect_identical(as.array(x[`::2`, 1]), array(r[seq(1, 10, 2), 1]))
  expect_identical(as.array(x[NULL:NULL:3, 1]), array(r[seq(1, 10, 3), 1]))
  expect_identical(as.array(x[6:2:2, 1]), array(r[seq(6, 2, -2), 1]))
  expect_identical(as.array(x[0, , style = "python"]), array(r[1, ]))
  expect_identical(as.array(x[2:5, 1, style = "python"]), array(r[3:5, 2]))
  withr::with_options(list(tensorflow.extract.one_based = FALSE), {
    expect_identical(as.array(x[0:1, 0]), array(r[1:2, 1]))
  })
  withr::with_options(list(tensorflow.extract.style = "python"), {
    expect_identical(as.array(x[`-2:`, 0]), array(r[9:10, 1]))
  })
  expect_identical(dim(x[, tf$newaxis, 1]), c(10L, 1L))
  expect_warning(x[1:2], "Incorrect number of dimensions")
  expect_identical(as.array(suppressWarnings(x[tf$constant(2L), ])), array(r[3, ]))
})

test_that("`[<-` gives a modified copy of a tensor, and assigns a variable in place", {
  x <- tf$constant(array(1:6, c(2, 3)))
  y <- x
  y[1, 2] <- 100L
  r <- array(1:6, c(2, 3)); r[1, 2] <- 100L
  expect_identical(as.array(y), r)
  expect_identical(as.array(x), array(1:6, c(2, 3)))
  y[, 3] <- c(7L, 8L)
  r[, 3] <- c(7L, 8L)
  expect_identical(as.array(y), r)
  v <- tf$Variable(array(0, c(2, 2)))
  v[2, ] <- 5
  expect_identical(as.array(v), rbind(c(0, 0), c(5, 5)))
})

test_that("Math and Complex generics build symbolic Keras tensors (R keras 2.15's KerasTensor generics)", {
  kt <- layer_input(shape = 3)
  for (f in list(sinpi, cospi, tanpi, acos, asin, atan, lgamma, digamma, Re, Im, Conj, Arg, Mod)) {
    expect_s3_class(f(kt), "keras.src.backend.common.keras_tensor.KerasTensor")
  }
  model <- keras_model(kt, lgamma(kt) + sinpi(kt))
  out <- as.array(model(tf$constant(matrix(c(1, 2, 0.5), 1))))
  expect_equal(as.vector(out), lgamma(c(1, 2, 0.5)) + sinpi(c(1, 2, 0.5)), tolerance = 1e-5)
})
