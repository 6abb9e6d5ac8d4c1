# The rest of R keras 2.x's k_* (generated R/backend-generated.R; core
# pycore/kerasbridge/legacy/backend_more.py over backend_module.py): each runs
# on a tiny input with Keras 2's semantics and 1-based axes; TF1-only ones fail
# saying what to use instead.

m <- matrix(c(1, 2, 3, 4, 5, 6), 2, 3)
img <- array(seq_len(1 * 4 * 4 * 1) / 16, c(1, 4, 4, 1))
k_more_inputs <- list(x = m, y = t(m), size = 2, shape = c(2, 2), start = 3, tensor = m, variables = m,
                      n = 2, rep = 2, axis = 1, axes = 2, pattern = c(2, 1), e = 1e-7, data_format = "channels_last",
                      condition = matrix(TRUE, 2, 3), then_expression = m, else_expression = -m,
                      alt = -m, level = 0.5, mean = 0, scale = 1, low = 0, high = 1, message = "k_print_tensor:")

k_more_special <- function() list(
  k_batch_get_value = list(ops = list(k_constant(1), k_constant(2))),
  k_batch_set_value = list(lists = list(list(k_variable(0), 5))),
  k_batch_normalization = list(x = m, mean = 0, var = 1, beta = 0, gamma = 1),
  k_bias_add = list(x = m, bias = c(1, 1, 1)),
  k_conv1d = list(x = array(1, c(1, 5, 1)), kernel = array(1, c(3, 1, 2))),
  k_conv2d = list(x = img, kernel = array(1, c(3, 3, 1, 2))),
  k_conv3d = list(x = array(1, c(1, 4, 4, 4, 1)), kernel = array(1, c(3, 3, 3, 1, 2))),
  k_conv2d_transpose = list(x = img, kernel = array(1, c(3, 3, 2, 1)), output_shape = c(1, 6, 6, 2)),
  k_conv3d_transpose = list(x = array(1, c(1, 4, 4, 4, 1)), kernel = array(1, c(3, 3, 3, 2, 1)),
                            output_shape = c(1, 6, 6, 6, 2)),
  k_depthwise_conv2d = list(x = img, depthwise_kernel = array(1, c(3, 3, 1, 1))),
  k_separable_conv2d = list(x = img, depthwise_kernel = array(1, c(3, 3, 1, 1)), pointwise_kernel = array(1, c(1, 1, 1, 2))),
  k_pool2d = list(x = img, pool_size = c(2, 2)),
  k_pool3d = list(x = array(1, c(1, 4, 4, 4, 1)), pool_size = c(2, 2, 2)),
  k_resize_images = list(x = img, height_factor = 2, width_factor = 2, data_format = "channels_last"),
  k_resize_volumes = list(x = array(1, c(1, 2, 2, 2, 1)), depth_factor = 2, height_factor = 2, width_factor = 2,
                          data_format = "channels_last"),
  k_spatial_2d_padding = list(x = img), k_spatial_3d_padding = list(x = array(1, c(1, 2, 2, 2, 1))),
  k_temporal_padding = list(x = array(1, c(1, 3, 2))),
  k_ctc_batch_cost = list(y_true = matrix(c(1, 2), 1), y_pred = array(0.25, c(1, 4, 4)),
                          input_length = matrix(4, 1), label_length = matrix(2, 1)),
  k_ctc_decode = list(y_pred = array(0.25, c(1, 4, 4)), input_length = array(4, 1)),
  k_ctc_label_dense_to_sparse = list(labels = matrix(1:4, 2), label_lengths = c(1L, 2L)),
  k_foldl = list(fn = function(a, b) a + b, elems = c(1, 2, 3)),
  k_foldr = list(fn = function(a, b) a + b, elems = c(1, 2, 3)),
  k_map_fn = list(fn = function(x) x * 2, elems = c(1, 2, 3)),
  k_function = list(inputs = list(inp <- layer_input(shape = 2)), outputs = list(layer_dense(inp, units = 1))),
  k_tile = list(x = m, n = c(1, 2)),
  k_batch_dot = list(x = m, y = m, axes = 2),
  k_in_top_k = list(predictions = m, targets = c(0L, 1L), k = 1),
  k_moving_average_update = list(x = k_variable(c(1, 1)), value = c(3, 3), momentum = 0.5),
  k_normalize_batch_in_training = list(x = m, gamma = NULL, beta = NULL, reduction_axes = 1),
  k_random_normal_variable = list(shape = c(2), mean = 0, scale = 1),
  k_random_uniform_variable = list(shape = c(2), low = 0, high = 1),
  k_rnn = list(step_function = function(x, states) list(x + states[[1]], list(x + states[[1]])),
               inputs = array(1, c(1, 3, 2)), initial_states = list(matrix(0, 1, 2))),
  k_update = list(x = k_variable(1), new_x = 2), k_update_add = list(x = k_variable(1), increment = 2),
  k_update_sub = list(x = k_variable(1), decrement = 2),
  k_set_floatx = list(floatx = "float32"), k_set_image_data_format = list(data_format = "channels_last"),
  k_manual_variable_initialization = list(value = TRUE),
  k_set_learning_phase = list(value = 0),
  k_placeholder = list(shape = c(NA, 2)),
  k_local_conv1d = list(inputs = array(1, c(1, 4, 2)), kernel = array(1, c(3, 4, 5)), kernel_size = 2, strides = 1),
  k_local_conv2d = list(inputs = array(1, c(1, 3, 3, 1)), kernel = array(1, c(4, 4, 2)), kernel_size = c(2, 2),
                        strides = c(1, 1), output_shape = c(2, 2))
)

k_tf1_only <- c("k_get_session", "k_set_session", "k_gradients")

test_that("every added k_* runs on a tiny input", {
  skip_if_no_core()
  more <- reticulate::import("kerasbridge.legacy.backend_more")
  fns <- paste0("k_", names(more$SPECIAL))
  fns <- intersect(manifest_entries("backend")$Function, fns)
  expect_gt(length(fns), 80)
  expect_equal(call_each(setdiff(fns, k_tf1_only), k_more_inputs, k_more_special()), character())
})

test_that("the TF1-only k_* fail saying what to use instead", {
  skip_if_no_core()
  expect_error(k_get_session(), "sessions do not exist", class = "kerasbridge_error")
  expect_error(k_set_session(NULL), "sessions do not exist", class = "kerasbridge_error")
  expect_error(k_gradients(1, 1), "GradientTape", class = "kerasbridge_error")
})

test_that("k_* keep Keras 2's numbers and count axes from 1", {
  skip_if_no_core()
  expect_equal(as.vector(k_get_value(k_cumprod(m, axis = 2))), as.vector(t(apply(m, 1, cumprod))))
  expect_equal(k_get_value(k_permute_dimensions(m, c(2, 1))), t(m), ignore_attr = TRUE)
  expect_equal(k_get_value(k_reverse(m, axes = 2)), m[, 3:1], ignore_attr = TRUE)
  expect_equal(dim(k_get_value(k_repeat(m, 4))), c(2L, 4L, 3L))
  expect_equal(k_get_value(k_repeat_elements(m, 2, axis = 1)), m[c(1, 1, 2, 2), ], ignore_attr = TRUE)
  expect_equal(k_get_value(k_tile(m, c(1, 2))), cbind(m, m), ignore_attr = TRUE)
  u <- k_unstack(m, axis = 2)
  expect_length(u, 3)
  expect_equal(as.vector(k_get_value(u[[3]])), m[, 3])
  expect_equal(as.vector(k_get_value(k_hard_sigmoid(c(-5, 0, 1)))), c(0, 0.5, 0.7), tolerance = 1e-6)
  expect_equal(k_get_value(k_batch_dot(m, m, axes = 2)), matrix(rowSums(m * m)), ignore_attr = TRUE)
  expect_equal(as.vector(k_get_value(k_logsumexp(c(0, 0)))), log(2), tolerance = 1e-6)
  expect_equal(k_get_value(k_eye(2)), diag(2), ignore_attr = TRUE)
  expect_equal(as.vector(k_get_value(k_arange(3))), c(0, 1, 2))
  expect_equal(k_count_params(k_variable(m)), 6L)
  expect_equal(k_dtype(k_constant(1)), "float32")
  expect_equal(k_image_data_format(), "channels_last")
  expect_equal(k_cast_to_floatx(1:2), array(c(1, 2)), ignore_attr = TRUE)
  expect_equal(k_get_value(k_switch(c(TRUE, FALSE), c(1, 2), c(3, 4))), c(1, 4), ignore_attr = TRUE)
  expect_equal(k_eval(k_in_train_phase(1, 2, training = TRUE)), 1, ignore_attr = TRUE)
  expect_equal(k_eval(k_in_test_phase(1, 2, training = FALSE)), 1, ignore_attr = TRUE)
  expect_equal(as.vector(k_eval(k_foldl(function(a, b) a + b, c(1, 2, 3)))), 6)
  v <- k_variable(c(1, 1))
  k_update_add(v, c(1, 2))
  expect_equal(as.vector(k_get_value(v)), c(2, 3))
  expect_equal(dim(k_get_value(k_spatial_2d_padding(img))), c(1L, 6L, 6L, 1L))
  expect_equal(dim(k_get_value(k_resize_images(img, 2, 2, "channels_last"))), c(1L, 8L, 8L, 1L))
  expect_true(k_is_tensor(k_constant(1)))
  expect_true(k_is_keras_tensor(layer_input(shape = 2)))
  expect_true(k_is_keras_tensor(k_placeholder(shape = c(NA, 2))))
  inp <- layer_input(shape = 2)
  f <- k_function(list(inp), list(layer_dense(inp, units = 1, kernel_initializer = "ones")))
  expect_equal(as.vector(as.array(f(list(matrix(c(1, 2), 1)))[[1]])), 3)
})
