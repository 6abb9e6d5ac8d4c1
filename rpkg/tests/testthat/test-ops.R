# op_* (R/ops.R, generated R/ops-generated.R): every generated op runs on a tiny
# input; axes and positions count from 1; numbers match keras.ops from Python.

m <- matrix(c(0.1, 0.2, 0.3, 0.4), 2, 2)
img <- array(seq(0, 1, length.out = 1 * 8 * 8 * 3), c(1, 8, 8, 3))
op_inputs <- list(x = m, x1 = m, x2 = m, y = m, a = m, b = m, shape = c(2, 2), newshape = c(4),
                  inputs = m, images = img, size = c(4, 4), y_true = m, y_pred = m)
ints <- matrix(1:4, 2, 2)
sig <- as.numeric(1:8)

# ops whose required arguments need particular values
op_special <- list(
  op_arange = list(start = 3),
  op_argpartition = list(x = c(3, 1, 2), kth = 1),
  op_associative_scan = list(f = function(a, b) a + b, elems = c(1, 2, 3)),
  op_average_pool = list(inputs = array(1, c(1, 4, 4, 1)), pool_size = 2),
  op_max_pool = list(inputs = array(1, c(1, 4, 4, 1)), pool_size = 2),
  op_bartlett = list(x = 4), op_blackman = list(x = 4), op_hamming = list(x = 4),
  op_hanning = list(x = 4), op_kaiser = list(x = 4, beta = 1),
  op_batch_normalization = list(x = m, mean = c(0, 0), variance = c(1, 1), axis = -1),
  op_binary_crossentropy = list(target = m, output = m),
  op_categorical_crossentropy = list(target = m, output = m),
  op_sparse_categorical_crossentropy = list(target = c(0L, 1L), output = m),
  op_bitwise_and = list(x = ints, y = ints), op_bitwise_or = list(x = ints, y = ints),
  op_bitwise_xor = list(x = ints, y = ints), op_bitwise_invert = list(x = ints),
  op_bitwise_not = list(x = ints), op_bitwise_left_shift = list(x = ints, y = ints),
  op_bitwise_right_shift = list(x = ints, y = ints), op_left_shift = list(x = ints, y = ints),
  op_right_shift = list(x = ints, y = ints),
  op_cast = list(x = m, dtype = "int32"), op_saturate_cast = list(x = m, dtype = "int8"),
  op_cholesky = list(x = diag(2, 2)),
  op_clip = list(x = m, x_min = 0.15, x_max = 0.35),
  op_concatenate = list(xs = list(m, m)), op_hstack = list(xs = list(m, m)), op_vstack = list(xs = list(m, m)),
  op_cond = list(pred = TRUE, true_fn = function() 1, false_fn = function() 0),
  op_conv = list(inputs = array(1, c(1, 5, 5, 1)), kernel = array(1, c(3, 3, 1, 2))),
  op_conv_transpose = list(inputs = array(1, c(1, 5, 5, 1)), kernel = array(1, c(3, 3, 2, 1))),
  op_depthwise_conv = list(inputs = array(1, c(1, 5, 5, 1)), kernel = array(1, c(3, 3, 1, 1))),
  op_separable_conv = list(inputs = array(1, c(1, 5, 5, 1)), depthwise_kernel = array(1, c(3, 3, 1, 1)),
                           pointwise_kernel = array(1, c(1, 1, 1, 2))),
  op_correlate = list(x1 = c(1, 2, 3), x2 = c(0, 1, 0.5)),
  op_ctc_decode = list(inputs = array(seq(0.1, 1.2, length.out = 12), c(1, 3, 4)), sequence_lengths = array(3L, 1)),
  op_ctc_loss = list(target = matrix(c(1L, 2L), 1), output = array(seq(0.1, 1.6, length.out = 16), c(1, 4, 4)),
                     target_length = array(2L, 1), output_length = array(4L, 1)),
  op_custom_gradient = list(f = function(x) x),
  op_digitize = list(x = c(0.2, 1.5), bins = c(0, 1, 2)),
  op_dot_product_attention = list(query = array(0.5, c(1, 2, 1, 4)), key = array(0.5, c(1, 2, 1, 4)),
                                  value = array(0.5, c(1, 2, 1, 4))),
  op_einsum = list("ij->ji", m),
  op_expand_dims = list(x = m, axis = 1),
  op_extract_sequences = list(x = sig, sequence_length = 2, sequence_stride = 2),
  op_eye = list(N = 2), op_tri = list(N = 2), op_identity = list(n = 2),
  op_fft = list(x = list(m, m)), op_fft2 = list(x = list(m, m)), op_ifft2 = list(x = list(m, m)),
  op_irfft = list(x = list(m, m)),
  op_fori_loop = list(lower = 0, upper = 3, body_fun = function(i, s) s + i, init_val = 0),
  op_full = list(shape = c(2), fill_value = 3), op_full_like = list(x = m, fill_value = 3),
  op_get_item = list(x = m, key = 1L),
  op_histogram = list(x = c(1, 2, 3)),
  op_image_affine_transform = list(images = img, transform = matrix(c(1, 0, 0, 0, 1, 0, 0, 0), 1)),
  op_image_map_coordinates = list(inputs = matrix(c(1, 2, 3, 4), 2), coordinates = array(0.5, c(2, 1)), order = 1),
  op_image_perspective_transform = list(images = img, start_points = array(c(0, 0, 7, 0, 0, 7, 7, 7), c(1, 4, 2)),
                                        end_points = array(c(1, 0, 7, 1, 0, 6, 7, 7), c(1, 4, 2))),
  op_image_crop = list(images = img, top_cropping = 1, left_cropping = 1, target_height = 4, target_width = 4),
  op_image_pad = list(images = img, top_padding = 1, left_padding = 1, target_height = 10, target_width = 10),
  op_in_top_k = list(targets = c(0L, 1L), predictions = m, k = 1),
  op_istft = list(x = list(matrix(1, 3, 3), matrix(0, 3, 3)), sequence_length = 4, sequence_stride = 2, fft_length = 4),
  op_stft = list(x = sig, sequence_length = 4, sequence_stride = 2, fft_length = 4),
  op_linspace = list(start = 0, stop = 1, num = 3), op_logspace = list(start = 0, stop = 1, num = 3),
  op_map = list(f = function(x) x * 2, xs = c(1, 2)),
  op_moments = list(x = m, axes = 1),
  op_moveaxis = list(x = array(1, c(2, 3, 4)), source = 1, destination = 3),
  op_multi_hot = list(inputs = matrix(c(1L, 2L), 1), num_classes = 3),
  op_one_hot = list(x = c(1, 2), num_classes = 3),
  op_pad = list(x = m, pad_width = rbind(c(1, 1), c(0, 0))),
  op_polar = list(abs_ = c(1, 2), angle = c(0, 0)),
  op_psnr = list(x1 = m, x2 = m * 0.9, max_val = 1),
  op_quantile = list(x = m, q = 0.5),
  op_rearrange = list(tensor = m, pattern = "a b -> b a"),
  op_repeat = list(x = m, repeats = 2), op_tile = list(x = m, repeats = c(1, 2)),
  op_roll = list(x = c(1, 2, 3), shift = 1),
  op_rot90 = list(array = m),
  op_scan = list(f = function(carry, x) list(carry + x, carry), init = 0, xs = c(1, 2, 3)),
  op_scatter = list(indices = rbind(c(1, 1)), values = array(1, 1), shape = c(2, 2)),
  op_scatter_update = list(inputs = matrix(0, 2, 2), indices = rbind(c(1, 1)), updates = array(5, 1)),
  op_searchsorted = list(sorted_sequence = c(1, 2, 3), values = array(2.5, 1)),
  op_segment_max = list(data = c(1, 2, 3), segment_ids = c(1L, 1L, 2L)),
  op_segment_sum = list(data = c(1, 2, 3), segment_ids = c(1L, 1L, 2L)),
  op_select = list(condlist = list(c(TRUE, FALSE), c(FALSE, TRUE)), choicelist = list(c(1, 2), c(3, 4))),
  op_slice = list(inputs = m, start_indices = c(1, 1), shape = c(1, 2)),
  op_slice_update = list(inputs = m, start_indices = c(1, 1), updates = matrix(0, 1, 2)),
  op_split = list(x = c(1, 2, 3, 4), indices_or_sections = 2),
  op_stop_gradient = list(variable = m),
  op_swapaxes = list(x = m, axis1 = 1, axis2 = 2),
  op_switch = list(index = 0L, branches = list(function(x) x, function(x) -x), m),
  op_take = list(x = c(10, 20, 30), indices = c(1, 3)),
  op_take_along_axis = list(x = c(10, 20, 30), indices = c(3, 1)),
  op_threshold = list(x = m, threshold = 0.25, default_value = 0),
  op_top_k = list(x = c(5, 1, 9), k = 2),
  op_unravel_index = list(indices = c(3L), shape = c(2, 2)),
  op_vectorize = list(pyfunc = function(x) x * 2),
  op_vectorized_map = list(`function` = function(x) x * 2, elements = c(1, 2)),
  op_where = list(condition = c(TRUE, FALSE), x1 = c(1, 2), x2 = c(3, 4)),
  op_while_loop = list(cond = function(i) i < 3, body = function(i) i + 1, loop_vars = 0),
  keras_variable = list(initializer = m),
  get_source_inputs = list(tensor = m)
)

test_that("every generated op_* runs on a tiny input", {
  skip_if_no_core()
  fns <- manifest_entries("op")$Function
  fns <- fns[!startsWith(fns, "feature_")]  # test-feature-space.R
  expect_gt(length(fns), 280)
  expect_equal(call_each(fns, op_inputs, op_special), character())
})

test_that("axis counts from 1 (negative from the end), as in keras3", {
  skip_if_no_core()
  x <- matrix(1:6, 2, 3)
  expect_equal(as.vector(as.array(op_sum(x, axis = 1))), colSums(x))          # the first dimension
  expect_equal(as.vector(as.array(op_sum(x, axis = 2))), rowSums(x))
  expect_equal(as.vector(as.array(op_sum(x, axis = -1))), rowSums(x))
  expect_equal(as.vector(as.array(op_mean(matrix(c(1, 2, 3, 4), 2), axis = c(1, 2)))), 2.5)
  expect_equal(dim(as.array(op_expand_dims(x, axis = 1))), c(1L, 2L, 3L))
  expect_equal(dim(as.array(op_stack(list(c(1, 2), c(3, 4)), axis = 2))), c(2L, 2L))
  expect_equal(dim(as.array(op_transpose(array(0, c(2, 3, 4)), axes = c(3, 1, 2)))), c(4L, 2L, 3L))
  expect_equal(as.array(op_tensordot(diag(2), matrix(1:4, 2), axes = 1)), matrix(as.numeric(1:4), 2))
  expect_error(op_sum(x, axis = 0), "counts from 1")
})

test_that("positions given and returned count from 1 unless zero_indexed = TRUE", {
  skip_if_no_core()
  expect_equal(as.vector(as.array(op_argmax(c(3, 9, 4)))), 2)
  expect_equal(as.vector(as.array(op_argmax(c(3, 9, 4), zero_indexed = TRUE))), 1)
  expect_equal(as.vector(as.array(op_argmin(matrix(c(3, 1, 2, 5), 2), axis = 1))), c(2, 1))
  expect_equal(as.vector(as.array(op_argsort(c(3, 1, 2)))), c(2, 3, 1), ignore_attr = TRUE)
  top <- op_top_k(c(5, 1, 9), k = 2)
  expect_equal(as.vector(as.array(top[[1]])), c(9, 5))
  expect_equal(as.vector(as.array(top[[2]])), c(3, 1))
  expect_equal(as.vector(as.array(op_take(c(10, 20, 30), c(1, 3)))), c(10, 30))
  expect_equal(as.vector(as.array(op_take(c(10, 20, 30), c(0, 2), zero_indexed = TRUE))), c(10, 30))
  expect_equal(as.array(op_one_hot(c(1, 3), num_classes = 3)), rbind(c(1, 0, 0), c(0, 0, 1)))
  expect_equal(as.vector(as.array(op_searchsorted(c(1, 2, 3), c(2.5, 0.5)))), c(3, 1))
  expect_equal(as.array(op_slice(matrix(1:6, 2, 3), c(2, 2), c(1, 2))), matrix(c(4L, 6L), 1))
  expect_error(op_take(c(10, 20), 0), "counts from 1")
})

test_that("op_* numbers match keras.ops called from Python", {
  skip_if_no_core()
  ops <- reticulate::import("keras")$ops
  np <- reticulate::import("numpy", convert = FALSE)
  x <- matrix(c(0.5, -1, 2, 3), 2, 2)
  px <- np$array(x, dtype = "float32")
  expect_equal(as.array(op_softmax(x)), as.array(ops$softmax(px)), tolerance = 1e-6)
  expect_equal(as.array(op_logsumexp(x, axis = 1)), as.array(ops$logsumexp(px, axis = 0L)), tolerance = 1e-6)
  expect_equal(as.array(op_matmul(x, x)), x %*% x, tolerance = 1e-6)
  expect_equal(as.vector(as.array(op_cumsum(c(1, 2, 3)))), c(1, 3, 6))
  expect_equal(as.array(op_reshape(op_arange(6), c(-1, 3))), matrix(0:5, 2, 3, byrow = TRUE))
  expect_equal(as.array(op_einsum("ij->ji", x)), t(x), tolerance = 1e-6)
  expect_equal(as.vector(as.array(op_pmax(c(1, 5), c(3, 2)))), c(3, 5))
  expect_equal(op_convert_to_array(op_ones(c(2, 2))), matrix(1, 2, 2))
  expect_equal(as.vector(as.array(op_subset(op_arange(5), 2:3))), c(1, 2))
  expect_equal(as.array(metric_huber(c(0, 1), c(0.5, 1))), 0.0625, tolerance = 1e-6)
})

test_that("normalize() divides by the norm along a 1-based axis and returns an R array", {
  skip_if_no_core()
  x <- matrix(c(3, 4, 6, 8), 2, byrow = TRUE)
  expect_equal(normalize(x), x / sqrt(rowSums(x^2)), tolerance = 1e-6, ignore_attr = TRUE)
  expect_equal(normalize(x, axis = 1), sweep(x, 2, sqrt(colSums(x^2)), "/"), tolerance = 1e-6, ignore_attr = TRUE)
  expect_true(is.array(normalize(x)))
})

test_that("keras_variable() and get_source_inputs() wrap Keras", {
  skip_if_no_core()
  v <- keras_variable(matrix(0, 2, 2))
  expect_s3_class(v, "keras.src.backend.tensorflow.core.Variable")
  expect_equal(v$dtype, "float32")
  v$assign(matrix(1, 2, 2))
  expect_equal(as.array(v$value), matrix(1, 2, 2), ignore_attr = TRUE)
  expect_equal(dim(as.array(keras_variable(initializer_ones(), shape = 3)$value)), 3L)
  inp <- layer_input(shape = 3)
  out <- layer_dense(inp, units = 2)
  src <- get_source_inputs(out)
  expect_length(src, 1)
  expect_equal(src[[1]]$name, inp$name)
})
