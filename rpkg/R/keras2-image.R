# Keras 2 image and sequence preprocessing (removed from Keras 3's public API),
# from the core's pycore/kerasbridge/legacy/image.py and legacy/sequence.py.
# The iterators are Keras 3 PyDatasets: fit()/evaluate()/predict() take them.

image_core <- function(fn, ..., .call = rlang::caller_env()) {
  call_core(paste0("legacy.image.", fn), ..., .call = .call)
}

# Keras calls preprocessing_function on its data thread, where R must never run:
# the iterators of a generator with an R preprocessing_function are pulled on
# R's thread instead, as an R generator function (fit()/evaluate()/predict()
# call this on their `x`), with the iterator's length as the default steps.
r_thread_generator <- function(x) {
  if (!inherits(x, "keras.src.legacy.preprocessing.image.Iterator") ||
      !isTRUE(image_core("pulled_on_r_thread", x))) return(x)
  structure(function() generator_next(x), kb_steps = length(x))
}

#' Generate batches of image data with real-time augmentation (Keras 2)
#'
#' Keras 2's `ImageDataGenerator` on Keras 3: the generator describes the
#' augmentation; [flow_images_from_data()], [flow_images_from_directory()] and
#' [flow_images_from_dataframe()] make the batches that [fit()],
#' [evaluate()] and [predict()] take directly. Rotations, shifts, shear and
#' zoom are computed with Keras ops (no SciPy needed).
#'
#' @param featurewise_center,samplewise_center,featurewise_std_normalization,samplewise_std_normalization
#'   Centre / scale to unit variance over the data set (fit the statistics with
#'   [fit_image_data_generator()]) or per image.
#' @param zca_whitening,zca_epsilon ZCA whitening (needs SciPy: an error here).
#' @param rotation_range Degrees of random rotation.
#' @param width_shift_range,height_shift_range Random shifts: a fraction of the
#'   size (< 1) or pixels (>= 1).
#' @param brightness_range Two numbers: the range of brightness factors.
#' @param shear_range Shear angle in degrees.
#' @param zoom_range A number (zoom in `[1 - z, 1 + z]`) or two numbers.
#' @param channel_shift_range Range of random channel shifts.
#' @param fill_mode,cval How points outside the image are filled: "constant"
#'   (with `cval`), "nearest", "reflect", "wrap".
#' @param horizontal_flip,vertical_flip Random flips.
#' @param rescale Factor applied to every pixel first (e.g. `1/255`).
#' @param preprocessing_function A function applied to each image (after augmentation):
#'   a Python function, or an R function as in R keras 2.x (the batches are then made on R's thread).
#' @param data_format "channels_last" (default) or "channels_first".
#' @param validation_split Fraction of images kept for `subset = "validation"`.
#' @returns A generator object (Python `ImageDataGenerator`).
#' @examples
#' gen <- image_data_generator(rescale = 1/255, horizontal_flip = TRUE)
#' x <- array(runif(4 * 8 * 8 * 3, 0, 255), dim = c(4, 8, 8, 3))
#' batch <- generator_next(flow_images_from_data(x, 1:4, gen, batch_size = 2))
#' dim(batch[[1]])
#' @export
image_data_generator <- function(featurewise_center = FALSE, samplewise_center = FALSE,
                                 featurewise_std_normalization = FALSE, samplewise_std_normalization = FALSE,
                                 zca_whitening = FALSE, zca_epsilon = 1e-6, rotation_range = 0,
                                 width_shift_range = 0, height_shift_range = 0, brightness_range = NULL,
                                 shear_range = 0, zoom_range = 0, channel_shift_range = 0, fill_mode = "nearest",
                                 cval = 0, horizontal_flip = FALSE, vertical_flip = FALSE, rescale = NULL,
                                 preprocessing_function = NULL, data_format = NULL, validation_split = 0) {
  args <- capture_args(ignore = character())
  do.call(image_core, c(list("image_data_generator"), args))
}

#' Fit an image data generator's featurewise statistics
#'
#' Computes the mean and standard deviation `featurewise_center` /
#' `featurewise_std_normalization` use, from sample images.
#' @param object A generator from [image_data_generator()].
#' @param x An array of images (samples, height, width, channels).
#' @param augment Also fit on augmented copies.
#' @param rounds How many augmented copies when `augment = TRUE`.
#' @param seed Random seed.
#' @returns `object`, invisibly (it is modified in place).
#' @examples
#' gen <- image_data_generator(featurewise_center = TRUE)
#' x <- array(runif(4 * 8 * 8 * 3), dim = c(4, 8, 8, 3))
#' fit_image_data_generator(gen, x)
#' dim(gen$mean)
#' @export
fit_image_data_generator <- function(object, x, augment = FALSE, rounds = 1, seed = NULL) {
  invisible(image_core("fit_image_data_generator", object, r_marshal(x), augment = augment, rounds = rounds,
                       seed = seed))
}

#' Batches of augmented images from an array, a folder or a data frame
#'
#' @param x An array of images (samples, height, width, channels).
#' @param y Labels (a vector or matrix, one per image), or `NULL`.
#' @param generator A generator from [image_data_generator()].
#' @param batch_size Images per batch.
#' @param shuffle Shuffle the images every epoch.
#' @param sample_weight Weights of the images, or `NULL`.
#' @param seed Random seed of shuffling and augmentation.
#' @param save_to_dir,save_prefix,save_format Optionally save the augmented images.
#' @param subset "training" or "validation" when the generator has a `validation_split`.
#' @param directory A folder with one subfolder of images per class (or, for a
#'   data frame, the folder its file names are relative to).
#' @param target_size Height and width the images are resized to.
#' @param color_mode "rgb", "rgba" or "grayscale".
#' @param classes Class names (subfolders or labels) in order; `NULL` sorts them.
#' @param class_mode "categorical", "binary", "sparse", "input" or `NULL`
#'   (images only); for a data frame also "raw".
#' @param follow_links Follow symbolic links in `directory`.
#' @param interpolation Resampling: "nearest", "bilinear", "bicubic".
#' @param dataframe A data frame with the file names (`x_col`) and labels (`y_col`).
#' @param x_col,y_col Column names of the file names and the labels.
#' @param drop_duplicates Deprecated and ignored, with a warning (Keras 2.3 deprecated it): drop duplicate rows yourself.
#' @param validate_filenames Check that every file exists first.
#' @returns An iterator of batches (a Keras `PyDataset`), for [fit()],
#'   [evaluate()], [predict()] and [generator_next()].
#' @examples
#' x <- array(runif(6 * 8 * 8 * 3, 0, 255), dim = c(6, 8, 8, 3))
#' it <- flow_images_from_data(x, c(0, 1, 0, 1, 0, 1), image_data_generator(rescale = 1/255),
#'                             batch_size = 3)
#' model <- keras_model_sequential(input_shape = c(8, 8, 3)) |>
#'   layer_flatten() |> layer_dense(2, activation = "softmax")
#' model |> compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy")
#' model |> fit(it, epochs = 1, verbose = 0)
#' @export
flow_images_from_data <- function(x, y = NULL, generator = image_data_generator(), batch_size = 32,
                                  shuffle = TRUE, sample_weight = NULL, seed = NULL, save_to_dir = NULL,
                                  save_prefix = "", save_format = "png", subset = NULL) {
  image_core("flow_images_from_data", r_marshal(x), r_marshal(y), generator = generator, batch_size = batch_size,
             shuffle = shuffle, sample_weight = r_marshal(sample_weight), seed = seed, save_to_dir = save_to_dir,
             save_prefix = save_prefix, save_format = save_format, subset = subset)
}

#' @rdname flow_images_from_data
#' @export
flow_images_from_directory <- function(directory, generator = image_data_generator(), target_size = c(256, 256),
                                       color_mode = "rgb", classes = NULL, class_mode = "categorical",
                                       batch_size = 32, shuffle = TRUE, seed = NULL, save_to_dir = NULL,
                                       save_prefix = "", save_format = "png", follow_links = FALSE, subset = NULL,
                                       interpolation = "nearest") {
  if (!is.null(classes)) classes <- as.list(as.character(classes))
  image_core("flow_images_from_directory", path.expand(directory), generator = generator,
             target_size = as.list(target_size), color_mode = color_mode, classes = classes,
             class_mode = class_mode, batch_size = batch_size, shuffle = shuffle, seed = seed,
             save_to_dir = save_to_dir, save_prefix = save_prefix, save_format = save_format,
             follow_links = follow_links, subset = subset, interpolation = interpolation)
}

#' @rdname flow_images_from_data
#' @export
flow_images_from_dataframe <- function(dataframe, directory = NULL, x_col = "filename", y_col = "class",
                                       generator = image_data_generator(), target_size = c(256, 256),
                                       color_mode = "rgb", classes = NULL, class_mode = "categorical",
                                       batch_size = 32, shuffle = TRUE, seed = NULL, save_to_dir = NULL,
                                       save_prefix = "", save_format = "png", subset = NULL,
                                       interpolation = "nearest", drop_duplicates = NULL,
                                       validate_filenames = TRUE) {
  if (!is.data.frame(dataframe)) {
    abort_kb(c("{.arg dataframe} must be a data frame of file names and labels.",
               "x" = "You supplied {.obj_type_friendly {dataframe}}."))
  }
  cols <- lapply(as.list(dataframe), function(col) {
    if (is.factor(col)) col <- as.character(col)
    as.list(col)
  })
  if (!is.null(classes)) classes <- as.list(as.character(classes))
  if (!is.null(directory)) directory <- path.expand(directory)
  image_core("flow_images_from_dataframe", cols, directory = directory, x_col = x_col, y_col = y_col,
             generator = generator, target_size = as.list(target_size), color_mode = color_mode,
             classes = classes, class_mode = class_mode, batch_size = batch_size, shuffle = shuffle, seed = seed,
             save_to_dir = save_to_dir, save_prefix = save_prefix, save_format = save_format, subset = subset,
             interpolation = interpolation, validate_filenames = validate_filenames,
             drop_duplicates = drop_duplicates)
}

#' The next batch of an image or sequence iterator
#'
#' @param generator An iterator from [flow_images_from_data()] & co.
#' @param completed Ignored (R keras 2.x compatibility).
#' @returns The batch: `list(x, y)` (or `x` alone for iterators without labels).
#' @examples
#' x <- array(runif(4 * 8 * 8 * 3), dim = c(4, 8, 8, 3))
#' batch <- generator_next(flow_images_from_data(x, 1:4, batch_size = 2, shuffle = FALSE))
#' batch[[2]]
#' @export
generator_next <- function(generator, completed = NULL) {
  image_core("generator_next", generator)
}

#' Load, convert, resize and save images (Keras 2 and keras3 names)
#'
#' `image_load()` reads an image file (a PIL image); `image_to_array()` makes
#' it an array (height, width, channels); `image_from_array()` the reverse;
#' `image_array_save()` writes an array to an image file;
#' `image_array_resize()` and `image_smart_resize()` resize arrays (the latter
#' crops to keep the aspect ratio).
#' @param path Path of the image file.
#' @param grayscale Keras 2's spelling of `color_mode = "grayscale"`.
#' @param color_mode "rgb", "rgba" or "grayscale".
#' @param target_size `NULL` or the height and width to resize to.
#' @param interpolation Resampling method ("nearest", "bilinear", ...).
#' @param img,x An image (from `image_load()`) or an image array.
#' @param data_format "channels_last" or "channels_first".
#' @param dtype Data type of the result.
#' @param file_format Image format; `NULL` guesses it from `path`.
#' @param scale Scale the values to 0..255 first.
#' @param height,width,size New size (`size`: height and width).
#' @param backend_module Ignored (keras3 compatibility).
#' @returns `image_load()`, `image_from_array()`: an image object;
#'   `image_array_save()`: `path`, invisibly; the others an R array.
#' @examples
#' f <- tempfile(fileext = ".png")
#' image_array_save(array(runif(6 * 8 * 3, 0, 255), c(6, 8, 3)), f)
#' img <- image_load(f, target_size = c(3, 4))
#' dim(image_to_array(img))
#' dim(image_array_resize(image_to_array(img), 6, 6))
#' dim(image_smart_resize(array(0, c(6, 8, 3)), c(4, 4)))
#' @export
image_load <- function(path, grayscale = FALSE, color_mode = "rgb", target_size = NULL,
                       interpolation = "nearest") {
  if (!is.null(target_size)) target_size <- as.list(target_size)
  image_core("image_load", path.expand(path), grayscale = grayscale, color_mode = color_mode,
             target_size = target_size, interpolation = interpolation)
}

#' @rdname image_load
#' @export
image_to_array <- function(img, data_format = c("channels_last", "channels_first"), dtype = NULL) {
  image_core("image_to_array", img, data_format = match.arg(data_format), dtype = dtype)
}

#' @rdname image_load
#' @export
image_from_array <- function(x, data_format = NULL, scale = TRUE, dtype = NULL) {
  image_core("image_from_array", r_marshal(x), data_format = data_format, scale = scale, dtype = dtype)
}

#' @rdname image_load
#' @export
image_array_save <- function(img, path, data_format = NULL, file_format = NULL, scale = TRUE) {
  invisible(image_core("image_array_save", r_marshal(img), path.expand(path), data_format = data_format,
                       file_format = file_format, scale = scale))
}

#' @rdname image_load
#' @export
image_array_resize <- function(img, height, width, data_format = c("channels_last", "channels_first")) {
  image_core("image_array_resize", r_marshal(img), height, width, data_format = match.arg(data_format))
}

#' @rdname image_load
#' @export
image_smart_resize <- function(x, size, interpolation = "bilinear", data_format = "channels_last",
                               backend_module = NULL) {
  image_core("image_smart_resize", r_marshal(x), as.list(size), interpolation = interpolation,
             data_format = data_format)
}

#' Batches of sliding windows over a time series (Keras 2)
#'
#' @param data A matrix or array, time steps first.
#' @param targets Targets, one per time step.
#' @param length Window length (time steps).
#' @param sampling_rate,stride Steps between samples in a window / between windows.
#' @param start_index,end_index The part of the series used (0-based, as Keras).
#' @param shuffle,reverse Shuffle windows; reverse the time steps in each window.
#' @param batch_size Windows per batch.
#' @returns An iterator of batches (a Keras `PyDataset`) for [fit()] & co.
#' @examples
#' gen <- timeseries_generator(matrix(1:20, 10), 1:10, length = 3, batch_size = 2)
#' batch <- generator_next(gen)
#' dim(batch[[1]])
#' @export
timeseries_generator <- function(data, targets, length, sampling_rate = 1, stride = 1, start_index = 0,
                                 end_index = NULL, shuffle = FALSE, reverse = FALSE, batch_size = 128) {
  call_core("legacy.sequence.timeseries_generator", r_marshal(data), r_marshal(targets), length,
            sampling_rate = sampling_rate, stride = stride, start_index = start_index, end_index = end_index,
            shuffle = shuffle, reverse = reverse, batch_size = batch_size)
}

#' Skip-gram word pairs and the word sampling table (Keras 2)
#'
#' @param sequence Word indices (integers) of one text.
#' @param vocabulary_size Size of the vocabulary (largest index + 1).
#' @param window_size Half-width of the context window.
#' @param negative_samples Ratio of negative (random) pairs.
#' @param shuffle Shuffle the pairs.
#' @param categorical Labels as one-hot pairs.
#' @param sampling_table From `make_sampling_table()`, or `NULL`.
#' @param seed Random seed.
#' @param size Vocabulary size.
#' @param sampling_factor Word2vec's sampling factor.
#' @returns `skipgrams()`: `list(couples, labels)`; `make_sampling_table()`: a
#'   numeric vector of sampling probabilities.
#' @examples
#' sg <- skipgrams(c(1, 2, 3, 4), vocabulary_size = 5, window_size = 1, seed = 1)
#' length(sg$couples) == length(sg$labels)
#' make_sampling_table(5)
#' @export
skipgrams <- function(sequence, vocabulary_size, window_size = 4, negative_samples = 1, shuffle = TRUE,
                      categorical = FALSE, sampling_table = NULL, seed = NULL) {
  call_core("legacy.sequence.skipgrams", array(sequence, dim = base::length(sequence)), vocabulary_size,
            window_size = window_size, negative_samples = negative_samples, shuffle = shuffle,
            categorical = categorical, sampling_table = r_marshal(sampling_table), seed = seed)
}

#' @rdname skipgrams
#' @export
make_sampling_table <- function(size, sampling_factor = 1e-5) {
  as.numeric(call_core("legacy.sequence.make_sampling_table", size, sampling_factor = sampling_factor))
}
