"""Keras 2 image preprocessing on Keras 3: image_data_generator() & co.

Keras 3.15 still ships Keras 2's ``ImageDataGenerator`` and its iterators in
``keras.src.legacy.preprocessing.image`` (they are ``PyDataset`` subclasses,
so ``fit()``/``evaluate()``/``predict()`` take them as they are). This module
wraps them with what R users need (tests/test_legacy_image.py,
rpkg/tests/testthat/test-keras2-image.R):

- Arguments are checked and R doubles made integers (batch sizes, seeds,
  target sizes); R vectors become tuples/lists where Keras wants them.
- Rotation, shifts, shear and zoom are applied with ``keras.ops.image.
  affine_transform`` instead of SciPy (Keras' legacy code needs SciPy, which
  kerasbridge does not require): the same transform matrix as Keras builds,
  handed to the op in its (x, y) convention.
- ``flow_images_from_dataframe`` takes a data frame as a dict of columns (an R
  data.frame without pandas) and builds the file iterator itself.
- Image files: ``image_load``/``image_to_array``/``image_array_save``/
  ``image_from_array``/``image_smart_resize`` are Keras' ``keras.utils``
  functions with checked arguments; ``image_array_resize`` uses
  ``keras.ops.image.resize``.
"""

import os

import keras
import numpy as np
from keras.src.legacy.preprocessing import image as keras_image
from keras.src.utils import image_utils

from .. import frontend
from ..argspec import as_int
from ..errors import ArgumentError, guard_r_functions, is_r_function
from ..pywarnings import deprecated

FILL_MODES = ("constant", "nearest", "reflect", "wrap", "mirror")


def _pair(value, arg):
    """target_size and friends: two whole numbers (an R c(h, w))."""
    values = list(value) if isinstance(value, (list, tuple, np.ndarray)) else [value]
    if len(values) != 2:
        raise ArgumentError(f"`{arg}` must be two whole numbers (height, width), "
                            f"received {frontend.fmt_value(value)}.", arg)
    return tuple(as_int(v, arg) for v in values)


def _opt_int(value, arg):
    return None if value is None else as_int(value, arg)


def _range(value, arg):
    """A number, or a pair (lower, upper) given as an R vector."""
    if isinstance(value, (list, tuple, np.ndarray)):
        values = [float(v) for v in value]
        if len(values) != 2:
            raise ArgumentError(f"`{arg}` must be one number or two (lower, upper), "
                                f"received {frontend.fmt_value(value)}.", arg)
        return values
    return value


class ImageDataGenerator(keras_image.ImageDataGenerator):
    """Keras 2's ImageDataGenerator, its geometric transforms done without SciPy."""

    def apply_transform(self, x, transform_parameters):
        p = transform_parameters
        matrix = affine_matrix(p.get("theta", 0), p.get("tx", 0), p.get("ty", 0), p.get("shear", 0),
                               p.get("zx", 1), p.get("zy", 1))
        rest = {k: v for k, v in p.items() if k not in ("theta", "tx", "ty", "shear", "zx", "zy")}
        if matrix is not None:
            x = _affine(x, matrix, self.row_axis - 1, self.col_axis - 1, self.channel_axis - 1,
                        self.fill_mode, self.cval, self.interpolation_order)
        return super().apply_transform(x, rest)


def affine_matrix(theta=0, tx=0, ty=0, shear=0, zx=1, zy=1):
    """Keras 2's transform matrix (rotation, shift, shear, zoom, in that order), or None."""
    m = np.eye(3)
    if theta:
        t = np.deg2rad(theta)
        m = m @ np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
    if tx or ty:
        m = m @ np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    if shear:
        s = np.deg2rad(shear)
        m = m @ np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]])
    if zx != 1 or zy != 1:
        m = m @ np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
    return None if np.allclose(m, np.eye(3)) else m


def _affine(x, matrix, row_axis, col_axis, channel_axis, fill_mode, cval, order):
    """One image through `matrix` (centred on the image), as SciPy's
    ndimage.affine_transform would sample it in Keras 2."""
    h, w = x.shape[row_axis], x.shape[col_axis]
    ox, oy = h / 2 - 0.5, w / 2 - 0.5  # Keras 2's centring (transform_matrix_offset_center)
    centred = np.array([[1, 0, ox], [0, 1, oy], [0, 0, 1]]) @ matrix @ np.array([[1, 0, -ox], [0, 1, -oy], [0, 0, 1]])
    if col_axis > row_axis:  # Keras swaps x/y so the matrix reads (row, col)
        centred[:, [0, 1]] = centred[:, [1, 0]]
        centred[[0, 1]] = centred[[1, 0]]
    a, off = centred[:2, :2], centred[:2, 2]
    # SciPy: in_row = a00 r + a01 c + o0, in_col = a10 r + a11 c + o1; the op maps
    # output (x=col, y=row) to input (a0 x + a1 y + a2, b0 x + b1 y + b2)
    transform = np.array([[a[1, 1], a[1, 0], off[1], a[0, 1], a[0, 0], off[0], 0.0, 0.0]], dtype="float32")
    hwc = np.moveaxis(x, channel_axis, -1) if channel_axis != 2 else x
    out = keras.ops.image.affine_transform(hwc[None].astype("float32"), transform,
                                           interpolation="nearest" if order == 0 else "bilinear",
                                           fill_mode=fill_mode, fill_value=cval, data_format="channels_last")
    out = np.asarray(keras.ops.convert_to_numpy(out))[0].astype(x.dtype, copy=False)
    return np.moveaxis(out, -1, channel_axis) if channel_axis != 2 else out


def image_data_generator(featurewise_center=False, samplewise_center=False, featurewise_std_normalization=False,
                         samplewise_std_normalization=False, zca_whitening=False, zca_epsilon=1e-6,
                         rotation_range=0.0, width_shift_range=0.0, height_shift_range=0.0, brightness_range=None,
                         shear_range=0.0, zoom_range=0.0, channel_shift_range=0.0, fill_mode="nearest", cval=0.0,
                         horizontal_flip=False, vertical_flip=False, rescale=None, preprocessing_function=None,
                         data_format=None, validation_split=0.0, interpolation_order=1, dtype=None):
    if fill_mode not in FILL_MODES:
        raise ArgumentError(f"`fill_mode` must be one of {frontend.fmt_names(FILL_MODES)}, "
                            f"received {frontend.fmt_value(fill_mode)}.", "fill_mode")
    if not 0 <= float(validation_split) < 1:
        raise ArgumentError(f"`validation_split` must be a number in [0, 1), received {validation_split}.",
                            "validation_split")
    if zca_whitening:
        raise ArgumentError("`zca_whitening = TRUE` needs SciPy, which kerasbridge does not install; "
                            "use featurewise_center/featurewise_std_normalization instead.", "zca_whitening")
    if is_r_function(preprocessing_function):
        preprocessing_function = _r_preprocessing_function(preprocessing_function)
    return ImageDataGenerator(
        featurewise_center=bool(featurewise_center), samplewise_center=bool(samplewise_center),
        featurewise_std_normalization=bool(featurewise_std_normalization),
        samplewise_std_normalization=bool(samplewise_std_normalization), zca_epsilon=float(zca_epsilon),
        rotation_range=float(rotation_range), width_shift_range=_range(width_shift_range, "width_shift_range"),
        height_shift_range=_range(height_shift_range, "height_shift_range"),
        brightness_range=None if brightness_range is None else _range(brightness_range, "brightness_range"),
        shear_range=float(shear_range), zoom_range=_range(zoom_range, "zoom_range"),
        channel_shift_range=float(channel_shift_range), fill_mode=fill_mode, cval=float(cval),
        horizontal_flip=bool(horizontal_flip), vertical_flip=bool(vertical_flip), rescale=rescale,
        preprocessing_function=preprocessing_function, data_format=data_format,
        validation_split=float(validation_split), interpolation_order=as_int(interpolation_order,
                                                                             "interpolation_order"),
        dtype=dtype)


def _r_preprocessing_function(fn):
    """An R preprocessing_function (R keras 2.x took one): R's result arrives
    read-only and in R's order, Keras rescales it in place, so it is copied.
    The iterators of such a generator are pulled on R's thread
    (pulled_on_r_thread()); anywhere else the R function is an RThreadError."""
    guarded = guard_r_functions(fn, "The R function given as `preprocessing_function`")

    def call(x):
        return np.array(guarded(x), dtype=x.dtype)
    call._kb_r_function = True
    return call


def pulled_on_r_thread(iterator):
    """True for an iterator of an image_data_generator() with an R
    preprocessing_function: fit()/evaluate()/predict() take its batches on R's
    thread, as from an R generator function, not on Keras' data thread."""
    generator = getattr(iterator, "image_data_generator", None)
    return bool(getattr(getattr(generator, "preprocessing_function", None), "_kb_r_function", False))


def _check_generator(generator):
    if not isinstance(generator, keras_image.ImageDataGenerator):
        raise ArgumentError(f"`generator` must be made by image_data_generator(), "
                            f"received {frontend.fmt_value(generator)}.", "generator")
    return generator


def _images(x, arg="x"):
    x = np.asarray(x)
    if x.ndim != 4:
        raise ArgumentError(f"`{arg}` must be a 4-d array of images (samples, height, width, channels), "
                            f"received shape {frontend.fmt_shape(x.shape)}.", arg)
    return np.array(x, dtype=keras.config.floatx())


def fit_image_data_generator(generator, x, augment=False, rounds=1, seed=None):
    """Featurewise statistics (mean, std) from `x`; returns the generator."""
    _check_generator(generator).fit(_images(x), augment=bool(augment), rounds=as_int(rounds, "rounds"),
                                    seed=_opt_int(seed, "seed"))
    return generator


def flow_images_from_data(x, y=None, generator=None, batch_size=32, shuffle=True, sample_weight=None, seed=None,
                          save_to_dir=None, save_prefix="", save_format="png", subset=None):
    generator = _check_generator(generator if generator is not None else image_data_generator())
    x = _images(x)
    if y is not None:
        y = np.asarray(y)
        if y.shape[0] != x.shape[0]:
            raise ArgumentError(f"`x` has {x.shape[0]} images but `y` has {y.shape[0]} labels; they must match.",
                                "y")
    return generator.flow(x, y, batch_size=as_int(batch_size, "batch_size"), shuffle=bool(shuffle),
                          sample_weight=None if sample_weight is None else np.asarray(sample_weight),
                          seed=_opt_int(seed, "seed"), save_to_dir=save_to_dir, save_prefix=save_prefix,
                          save_format=save_format, subset=subset)


def flow_images_from_directory(directory, generator=None, target_size=(256, 256), color_mode="rgb", classes=None,
                               class_mode="categorical", batch_size=32, shuffle=True, seed=None, save_to_dir=None,
                               save_prefix="", save_format="png", follow_links=False, subset=None,
                               interpolation="nearest", keep_aspect_ratio=False):
    generator = _check_generator(generator if generator is not None else image_data_generator())
    directory = os.path.expanduser(os.fspath(directory))
    if not os.path.isdir(directory):
        raise ArgumentError(f"`directory` must be a folder with one subfolder of images per class; "
                            f"{directory!r} is not a folder.", "directory")
    if isinstance(classes, str):
        classes = [classes]
    return generator.flow_from_directory(
        directory, target_size=_pair(target_size, "target_size"), color_mode=color_mode,
        classes=None if classes is None else list(classes), class_mode=class_mode,
        batch_size=as_int(batch_size, "batch_size"), shuffle=bool(shuffle), seed=_opt_int(seed, "seed"),
        save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
        follow_links=bool(follow_links), subset=subset, interpolation=interpolation,
        keep_aspect_ratio=bool(keep_aspect_ratio))


class FileListIterator(keras_image.BatchFromFilesMixin, keras_image.Iterator):
    """Batches of images read from a list of files with their labels
    (flow_images_from_dataframe without pandas)."""

    def __init__(self, filepaths, labels, generator, target_size, color_mode, class_mode, classes, batch_size,
                 shuffle, seed, save_to_dir, save_prefix, save_format, subset, interpolation,
                 keep_aspect_ratio, dtype):
        self.set_processing_attrs(generator, target_size, color_mode, generator.data_format, save_to_dir,
                                  save_prefix, save_format, subset, interpolation, keep_aspect_ratio)
        if subset is not None:  # the same split as Keras' DataFrameIterator: the first rows validate
            cut = int(generator._validation_split * len(filepaths))
            keep = slice(0, cut) if subset == "validation" else slice(cut, None)
            filepaths = filepaths[keep]
            labels = None if labels is None else labels[keep]
        self.class_mode = class_mode
        self.dtype = dtype
        self._filepaths = list(filepaths)
        self.filenames = [os.path.basename(p) for p in self._filepaths]
        self.samples = len(self._filepaths)
        if class_mode in ("categorical", "binary", "sparse"):
            classes = sorted(set(labels)) if classes is None else list(classes)
            self.class_indices = {c: i for i, c in enumerate(classes)}
            unknown = sorted(set(labels) - set(self.class_indices))
            if unknown:
                raise ArgumentError(f"`classes` lacks labels found in `y_col`: {frontend.fmt_names(unknown)}.",
                                    "classes")
            self.classes = np.array([self.class_indices[v] for v in labels], dtype="int32")
            self.num_classes = len(classes)
            self._labels = self.classes
        else:
            self.class_indices, self.classes = {}, None
            self._labels = None if labels is None else np.asarray(labels)
        super().__init__(self.samples, batch_size, shuffle, seed)

    @property
    def filepaths(self):
        return self._filepaths

    @property
    def labels(self):
        return self._labels

    @property
    def sample_weight(self):
        return None


def flow_images_from_dataframe(dataframe, directory=None, x_col="filename", y_col="class", generator=None,
                               target_size=(256, 256), color_mode="rgb", classes=None, class_mode="categorical",
                               batch_size=32, shuffle=True, seed=None, save_to_dir=None, save_prefix="",
                               save_format="png", subset=None, interpolation="nearest", keep_aspect_ratio=False,
                               validate_filenames=True, drop_duplicates=None):
    """`dataframe`: a dict of columns (an R data.frame) or a pandas DataFrame."""
    if drop_duplicates is not None:   # Keras 2.3 deprecated it, then ignored it; so does this
        deprecated("`drop_duplicates` is deprecated and ignored: drop duplicate rows of the data frame "
                   "yourself (`unique(df)` or `dplyr::distinct(df)`).", "drop_duplicates")
    generator = _check_generator(generator if generator is not None else image_data_generator())
    columns = {k: list(dataframe[k]) for k in dataframe.keys()} if hasattr(dataframe, "keys") else None
    if columns is None or x_col not in columns:
        raise ArgumentError(f"`dataframe` must be a data frame with a column `{x_col}` (`x_col`) of file names.",
                            "x_col")
    files = [str(f) for f in columns[x_col]]
    paths = [f if directory is None else os.path.join(os.path.expanduser(os.fspath(directory)), f) for f in files]
    labels = None
    if class_mode not in (None, "input"):
        if y_col not in columns:
            raise ArgumentError(f"`dataframe` has no column `{y_col}` (`y_col`); its columns: "
                                f"{frontend.fmt_names(list(columns))}.", "y_col")
        labels = [str(v) if class_mode in ("categorical", "binary", "sparse") else v for v in columns[y_col]]
    if validate_filenames:
        missing = [p for p in paths if not os.path.isfile(p)]
        if missing:
            raise ArgumentError(f"{len(missing)} file(s) in `{x_col}` do not exist, e.g. {missing[0]!r}.", x_col)
    return FileListIterator(np.array(paths, dtype=object), None if labels is None else np.array(labels, dtype=object),
                            generator, _pair(target_size, "target_size"), color_mode,
                            class_mode, classes, as_int(batch_size, "batch_size"), bool(shuffle),
                            _opt_int(seed, "seed"), save_to_dir, save_prefix, save_format, subset, interpolation,
                            bool(keep_aspect_ratio), keras.config.floatx())


def generator_next(generator, completed=None):
    """The next batch of a Keras 2 iterator (or any Python iterator); a
    PyDataset without __next__ (TimeseriesGenerator) gives its batches in turn."""
    if not hasattr(generator, "__next__") and isinstance(generator, keras.utils.PyDataset):
        i = getattr(generator, "_kerasbridge_next", 0)
        generator._kerasbridge_next = (i + 1) % len(generator)
        return generator[i]
    try:
        return next(generator)
    except TypeError:
        raise ArgumentError(f"`generator` must be an iterator (e.g. from flow_images_from_data()), "
                            f"received {frontend.fmt_value(generator)}.", "generator") from None


# --- image files and arrays (keras.utils) ------------------------------------

def image_load(path, grayscale=False, color_mode="rgb", target_size=None, interpolation="nearest",
               keep_aspect_ratio=False):
    path = os.path.expanduser(os.fspath(path))
    if not os.path.isfile(path):
        raise ArgumentError(f"`path` must name an image file; {path!r} does not exist.", "path")
    if grayscale:
        color_mode = "grayscale"
    return image_utils.load_img(path, color_mode=color_mode,
                                target_size=None if target_size is None else _pair(target_size, "target_size"),
                                interpolation=interpolation, keep_aspect_ratio=bool(keep_aspect_ratio))


def image_to_array(img, data_format=None, dtype=None):
    return image_utils.img_to_array(img, data_format=data_format, dtype=dtype)


def image_from_array(x, data_format=None, scale=True, dtype=None):
    return image_utils.array_to_img(np.asarray(x), data_format=data_format, scale=bool(scale), dtype=dtype)


def image_array_save(x, path, data_format=None, file_format=None, scale=True):
    image_utils.save_img(os.path.expanduser(os.fspath(path)), np.asarray(x), data_format=data_format,
                         file_format=file_format, scale=bool(scale))
    return path


def image_array_resize(x, height, width, data_format=None, interpolation="bilinear"):
    """An image (h, w, c) or a batch (n, h, w, c) resized to height x width."""
    x = np.asarray(x, dtype="float32")
    out = keras.ops.image.resize(x, (as_int(height, "height"), as_int(width, "width")),
                                 interpolation=interpolation, data_format=data_format)
    return np.asarray(keras.ops.convert_to_numpy(out))


def image_smart_resize(x, size, interpolation="bilinear", data_format="channels_last"):
    out = image_utils.smart_resize(np.asarray(x, dtype="float32"), _pair(size, "size"),
                                   interpolation=interpolation, data_format=data_format)
    return np.asarray(keras.ops.convert_to_numpy(out))
