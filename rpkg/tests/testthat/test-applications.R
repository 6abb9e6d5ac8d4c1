test_that("applications build offline; a failed weights download says which URL and where", {
  skip_if_no_core()
  withr::local_envvar(KERAS_HOME = tempfile("kerashome"), KERASBRIDGE_DATA_ORIGIN = dead_local_url())
  m <- application_mobilenet_v2(weights = NULL, input_shape = c(32, 32, 3), classes = 3, alpha = 0.35)
  expect_equal(unlist(m$output_shape), 3L)
  t0 <- Sys.time()
  err <- expect_error(application_vgg16(weights = "imagenet", include_top = FALSE, input_shape = c(32, 32, 3)),
                      class = "kerasbridge_download_error")
  expect_lt(as.numeric(difftime(Sys.time(), t0, units = "secs")), 20)
  expect_match(conditionMessage(err), Sys.getenv("KERASBRIDGE_DATA_ORIGIN"), fixed = TRUE)
  expect_match(conditionMessage(err), "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", fixed = TRUE)
  expect_match(conditionMessage(err), "weights = NULL", fixed = TRUE)
  x <- array(255, c(1, 2, 2, 3))
  expect_equal(as.numeric(mobilenet_v2_preprocess_input(x))[1], 1)
})

test_that("every application family has its preprocess_input, and models find theirs", {
  skip_if_no_core()
  x <- array(255, c(1, 2, 2, 3))
  expect_equal(as.numeric(xception_preprocess_input(x))[1], 1)
  expect_equal(as.numeric(inception_v3_preprocess_input(x))[1], 1)
  expect_equal(as.numeric(mobilenet_preprocess_input(x))[1], 1)
  expect_equal(as.numeric(resnet_v2_preprocess_input(x))[1], 1)
  expect_equal(as.numeric(nasnet_preprocess_input(x))[1], 1)
  expect_equal(as.numeric(inception_resnet_v2_preprocess_input(x))[1], 1)
  # caffe mode: BGR, ImageNet means subtracted
  expect_equal(resnet_preprocess_input(x)[1, 1, 1, ], 255 - c(103.939, 116.779, 123.68), tolerance = 1e-4)
  expect_equal(imagenet_preprocess_input(x)[1, 1, 1, ], 255 - c(103.939, 116.779, 123.68), tolerance = 1e-4)
  expect_equal(dim(densenet_preprocess_input(x)), dim(x))
  m <- application_mobilenet_v2(weights = NULL, input_shape = c(32, 32, 3), classes = 3, alpha = 0.35)
  expect_equal(as.numeric(application_preprocess_inputs(m, x))[1], 1)
  expect_error(application_preprocess_inputs("tinynet", x), class = "kerasbridge_argument_error")
})

test_that("new application constructors build (random weights)", {
  skip_if_no_core()
  m <- application_densenet(c(1, 1, 1, 1), input_shape = c(32, 32, 3), classes = 2)
  expect_equal(unlist(m$output_shape), 2L)
  m <- application_mobilenet_v3_small(weights = NULL, input_shape = c(32, 32, 3), classes = 2,
                                      include_preprocessing = FALSE)
  expect_equal(unlist(m$output_shape), 2L)
  expect_identical(application_nasnetmobile, application_nasnet_mobile)
  for (f in c("application_efficientnet_v2b0", "application_convnext_tiny", "application_resnet152_v2",
              "application_efficientnet_b7", "application_densenet201", "application_nasnetlarge"))
    expect_true(is.function(get(f, asNamespace("kerasbridge"))))
})

test_that("imagenet_decode_predictions() downloads the class index once, from the data origin", {
  skip_if_no_core()
  site <- tempfile("site")
  dir.create(site)
  index <- setNames(lapply(0:999, function(i) list(sprintf("n%08d", i), paste0("class", i))), 0:999)
  jsonlite::write_json(index, file.path(site, "imagenet_class_index.json"), auto_unbox = TRUE)
  withr::local_envvar(KERASBRIDGE_DATA_ORIGIN = local_http_server(site), KERAS_HOME = tempfile("kh"))
  preds <- matrix(0, 2, 1000)
  preds[1, 8] <- 0.9
  preds[2, 1000] <- 1
  out <- imagenet_decode_predictions(preds, top = 2)
  expect_length(out, 2)
  expect_equal(out[[1]]$class_description[1], "class7")
  expect_equal(out[[2]]$class_name[1], "n00000999")
  expect_equal(out[[1]]$score[1], 0.9, tolerance = 1e-6)
  expect_true(file.exists(file.path(Sys.getenv("KERAS_HOME"), "models", "imagenet_class_index.json")))
})

test_that("optimizer_* and application_* pass their own `name` argument through", {
  skip_if_no_core()
  expect_equal(optimizer_adam(name = "my_adam")$name, "my_adam")
  m <- application_mobilenet_v2(weights = NULL, input_shape = c(32, 32, 3), classes = 2, alpha = 0.35, name = "tiny")
  expect_equal(m$name, "tiny")
})
