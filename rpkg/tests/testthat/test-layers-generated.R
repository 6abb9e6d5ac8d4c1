# layer_* generated from tools/wrappers.dcf (R/layers-generated.R): every entry
# builds a layer from R values (sizes as doubles); the layers keras3 added are
# applied to tiny inputs.

layer_inputs <- list(units = 2, rate = 0.5, stddev = 0.1, target_shape = c(2, 2), dims = c(2, 1), n = 2,
                     activation = "relu", filters = 2, kernel_size = 3, input_dim = 5, output_dim = 2,
                     num_heads = 2, key_dim = 2, axes = 1, scale = 0.5, num_bins = 4, height = 4, width = 4,
                     factor = 0.2, height_factor = 0.2, width_factor = 0.2, equation = "ab,bc->ac",
                     output_shape = 3, head_dim = 2, num_query_heads = 2, num_key_value_heads = 1,
                     max_number = 2, specificity = 0.5, sensitivity = 0.5)

test_that("every generated layer_* builds its Keras layer", {
  skip_if_no_core()
  fns <- manifest_entries("layer")$Function
  expect_gt(length(fns), 120)
  special <- list(
    layer_pipeline = list(layers = list(layer_identity(), layer_rescaling(scale = 2))),
    layer_rnn = list(cell = layer_gru_cell(units = 2)),
    layer_spectral_normalization = list(layer = layer_dense(units = 2)),
    layer_stacked_rnn_cells = list(cells = list(layer_gru_cell(units = 2), layer_lstm_cell(units = 2))),
    # Keras 3 requires pool_size (tools/wrappers.dcf, Keras2Why: a known gap)
    layer_average_pooling_1d = list(pool_size = 2), layer_average_pooling_2d = list(pool_size = 2),
    layer_average_pooling_3d = list(pool_size = 2),
    layer_category_encoding = list(num_tokens = 3), layer_discretization = list(num_bins = 3),
    layer_random_posterization = list(factor = c(1, 4)))
  fns <- setdiff(fns, "layer_tfsm")  # needs a SavedModel on disk
  # STFTSpectrogram builds its window with scipy, which Keras does not require
  if (!reticulate::py_module_available("scipy")) fns <- setdiff(fns, "layer_stft_spectrogram")
  expect_equal(call_each(fns, layer_inputs, special, optional = c("object", "inputs")), character())
})

test_that("keras3's new layers compute on tiny inputs", {
  skip_if_no_core()
  x <- matrix(c(1, -2, 3, -4), 2, 2)
  expect_equal(as.array(layer_identity()(x)), x, ignore_attr = TRUE)
  expect_equal(as.array(layer_activity_regularization(l1 = 0.1)(x)), x, ignore_attr = TRUE)
  un <- as.array(layer_unit_normalization()(x))
  expect_equal(rowSums(un^2), c(1, 1), tolerance = 1e-5)
  rms <- as.array(layer_rms_normalization(epsilon = 0)(x))
  expect_equal(rms, x / sqrt(rowMeans(x^2)), tolerance = 1e-4, ignore_attr = TRUE)
  expect_equal(dim(as.array(layer_einsum_dense(equation = "ab,bc->ac", output_shape = 3)(x))), c(2L, 3L))
  expect_equal(dim(as.array(layer_group_normalization(groups = 1)(x))), c(2L, 2L))
  seqs <- array(runif(2 * 5 * 3), c(2, 5, 3))
  expect_equal(dim(as.array(layer_rnn(cell = rnn_cell_gru(units = 4))(seqs))), c(2L, 4L))
  expect_equal(dim(as.array(layer_rnn(cell = rnn_cells_stack(list(rnn_cell_simple(3), rnn_cell_lstm(2))),
                                      return_sequences = TRUE)(seqs))), c(2L, 5L, 2L))
  expect_equal(dim(as.array(layer_depthwise_conv_1d(kernel_size = 3)(seqs))), c(2L, 3L, 3L))
  vol <- array(runif(1 * 4 * 4 * 4 * 1), c(1, 4, 4, 4, 1))
  expect_equal(dim(as.array(layer_conv_3d_transpose(filters = 2, kernel_size = 3)(vol))), c(1L, 6L, 6L, 6L, 2L))
  expect_equal(dim(as.array(layer_spatial_dropout_3d(rate = 0.5)(vol))), dim(vol))
  img <- array(runif(2 * 8 * 8 * 3) * 255, c(2, 8, 8, 3))
  expect_equal(dim(as.array(layer_random_crop(height = 4, width = 4)(img, training = TRUE))), c(2L, 4L, 4L, 3L))
  expect_equal(dim(as.array(layer_random_brightness(factor = 0.2)(img, training = TRUE))), dim(img))
  for (aug in list(layer_random_grayscale(), layer_random_hue(factor = 0.2), layer_random_saturation(factor = 0.2),
                   layer_random_sharpness(factor = 0.2), layer_random_shear(x_factor = 0.2), layer_solarization(),
                   layer_auto_contrast(), layer_random_invert(), layer_random_posterization(factor = c(1, 4))))
    expect_equal(dim(as.array(aug(img, training = TRUE))), dim(img))
  audio <- array(runif(2 * 1024), c(2, 1024))
  expect_equal(dim(as.array(layer_mel_spectrogram(fft_length = 256, sequence_stride = 128, num_mel_bins = 16)(audio)))[1:2],
               c(2L, 16L))
  att <- layer_additive_attention()(list(array(1, c(1, 2, 3)), array(1, c(1, 4, 3))))
  expect_equal(dim(as.array(att)), c(1L, 2L, 3L))
})

test_that("RNN cells take no object; Keras 2 and keras3 spellings are the same functions", {
  skip_if_no_core()
  expect_identical(rnn_cell_gru, layer_gru_cell)
  expect_identical(rnn_cell_lstm, layer_lstm_cell)
  expect_identical(rnn_cell_simple, layer_simple_rnn_cell)
  expect_identical(rnn_cells_stack, layer_stacked_rnn_cells)
  cell <- rnn_cell_lstm(8)  # positional units, as in keras3
  expect_s3_class(cell, "keras.src.layers.rnn.lstm.LSTMCell")
  expect_equal(cell$units, 8L)
})
