"""Keras applications (VGG16, ResNet50, MobileNetV2, ...) from R keras 2.x's
``application_*()`` functions.

Pretrained weights can't be downloaded here. While an application is built,
Keras' file fetcher is replaced by one that uses the Keras cache when the
weights file is there and otherwise fails at once, saying where to put the
file (instead of trying the network).
"""

import contextlib
import os

import keras
from keras.src import backend as _backend_config  # noqa: F401
from keras.src.utils import file_utils

from . import frontend
from .convert import as_int, as_shape
from .errors import ArgumentError

APPLICATIONS = {
    "vgg16": "VGG16", "vgg19": "VGG19", "resnet50": "ResNet50", "resnet101": "ResNet101",
    "resnet152": "ResNet152", "resnet50_v2": "ResNet50V2", "mobilenet": "MobileNet",
    "mobilenet_v2": "MobileNetV2", "mobilenet_v3_small": "MobileNetV3Small",
    "mobilenet_v3_large": "MobileNetV3Large", "inception_v3": "InceptionV3",
    "inception_resnet_v2": "InceptionResNetV2", "xception": "Xception", "densenet121": "DenseNet121",
    "densenet169": "DenseNet169", "densenet201": "DenseNet201", "nasnetmobile": "NASNetMobile",
    "efficientnet_b0": "EfficientNetB0", "efficientnet_b1": "EfficientNetB1",
    "efficientnet_b2": "EfficientNetB2", "efficientnet_b3": "EfficientNetB3",
}


def _cache_path(fname, cache_subdir="datasets", cache_dir=None):
    base = cache_dir or os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return os.path.join(base, cache_subdir, fname)


@contextlib.contextmanager
def offline_files():
    """Within the block, Keras may only use files already in its cache."""
    original = file_utils.get_file

    def cached_only(fname=None, origin=None, *args, cache_subdir="datasets", cache_dir=None, **kwargs):
        name = fname or os.path.basename(origin or "")
        path = _cache_path(name, cache_subdir, cache_dir)
        if not os.path.exists(path):
            raise ArgumentError(
                f"The pretrained weights file {name} is not on this machine and can't be downloaded "
                f"(no network). Put it at {path}, or use weights = {frontend.fmt_value(None)} for random weights.",
                "weights")
        return original(fname, origin, *args, cache_subdir=cache_subdir, cache_dir=cache_dir, **kwargs)

    file_utils.get_file = cached_only
    try:
        yield
    finally:
        file_utils.get_file = original


def make_application(application, /, **kwargs):
    """Positional-only, so that the model's own `name` argument passes through."""
    cls_name = APPLICATIONS.get(application)
    if cls_name is None:
        raise ArgumentError(f"No application {frontend.fmt_value(application)}; known: "
                            f"{frontend.fmt_names(sorted(APPLICATIONS))}.", "application")
    if kwargs.get("input_shape") is not None:
        kwargs["input_shape"] = as_shape(kwargs["input_shape"], "input_shape")
    if kwargs.get("classes") is not None:
        kwargs["classes"] = as_int(kwargs["classes"], "classes")
    with offline_files():
        return getattr(keras.applications, cls_name)(**kwargs)


def preprocess_input(name, x, **kwargs):
    """keras.applications.<module>.preprocess_input (e.g. name = "imagenet" -> vgg16's)."""
    from . import convert
    module = {"imagenet": "vgg16", "mobilenet": "mobilenet", "mobilenet_v2": "mobilenet_v2",
              "resnet": "resnet", "inception_v3": "inception_v3", "xception": "xception"}.get(name, name)
    fn = getattr(getattr(keras.applications, module), "preprocess_input")
    return fn(convert.as_array(x, "x"), **kwargs)
