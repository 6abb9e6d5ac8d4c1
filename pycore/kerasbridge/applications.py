"""Keras applications (VGG16, ResNet50, MobileNetV2, ...) from R keras 2.x's
``application_*()`` functions.

Pretrained weights can't be downloaded here. Before an application is built
with ``weights="imagenet"``, the weights file Keras would fetch is looked up in
the Keras cache (its name from ``weights_file_name()``, following the rules of
``keras.src.applications``); when it is missing the call fails at once, saying
where to put the file, instead of trying the network. Keras' own file fetcher
is left as it is: when the file is there, Keras finds it in its cache.
Arguments Keras refuses for imagenet weights (alpha, classes) are left to
Keras' own message; an input shape it refuses is reported after the missing
file (the file name doesn't depend on it).
"""

import inspect
import os

import keras
from keras.src.applications import densenet, inception_v3, vgg16, vgg19, xception
from keras.src.backend import config as keras_config

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


def _url_name(url):
    return url.rsplit("/", 1)[-1]


def _fixed(module, top, notop):
    """Files named after the URLs of Keras' module constants (with and without the top)."""
    return lambda kw: _url_name(getattr(module, top if kw["include_top"] else notop))


def _densenet(n):
    return _fixed(densenet, f"DENSENET{n}_WEIGHT_PATH", f"DENSENET{n}_WEIGHT_PATH_NO_TOP")


def _tf_kernels(stem):
    """resnet*, inception_resnet_v2: <stem>_weights_tf_dim_ordering_tf_kernels[_notop].h5"""
    return lambda kw: f"{stem}_weights_tf_dim_ordering_tf_kernels{'' if kw['include_top'] else '_notop'}.h5"


def _square_rows(kw, allowed, use_tensor):
    """The input size whose weights MobileNet v1/v2 load: the input's, when square and
    one of `allowed`, else 224 (Keras warns and loads the 224 weights)."""
    shape = kw.get("input_shape")
    if shape is None and use_tensor and kw.get("input_tensor") is not None:
        shape = tuple(kw["input_tensor"].shape)[1:]
    if shape is None:
        return 224
    rows, cols = (shape[1], shape[2]) if keras.config.image_data_format() == "channels_first" else (shape[0], shape[1])
    return rows if rows == cols and rows in allowed else 224


def _mobilenet(kw):
    text = {0.25: "2_5", 0.5: "5_0", 0.75: "7_5", 1.0: "1_0"}.get(kw.get("alpha", 1.0))
    if text is None:
        return None  # Keras refuses this alpha for imagenet weights itself
    rows = _square_rows(kw, (128, 160, 192, 224), use_tensor=False)
    return f"mobilenet_{text}_{rows}_tf{'' if kw['include_top'] else '_no_top'}.h5"


def _mobilenet_v2(kw):
    alpha = kw.get("alpha", 1.0)
    if alpha not in (0.35, 0.5, 0.75, 1.0, 1.3, 1.4):
        return None
    rows = _square_rows(kw, (96, 128, 160, 192, 224), use_tensor=True)
    return (f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{float(alpha)}_{rows}"
            f"{'' if kw['include_top'] else '_no_top'}.h5")


def _mobilenet_v3(kind):
    def name(kw):
        model = f"{kind}{'_minimalistic' if kw.get('minimalistic') else ''}_224_{kw.get('alpha', 1.0)}_float"
        return f"weights_mobilenet_v3_{model}{'' if kw['include_top'] else '_no_top_v2'}.h5"
    return name


def _efficientnet(kw):
    # Keras names the file after the model's `name` (default "efficientnetb0", ...)
    return f"{kw['name']}{'' if kw['include_top'] else '_notop'}.h5"


# application -> kwargs (with include_top and name filled in) -> the weights file
# name Keras caches under <keras home>/models (None: Keras rejects the arguments
# for imagenet weights before it looks for a file, and says why).
WEIGHTS_FILES = {
    "vgg16": _fixed(vgg16, "WEIGHTS_PATH", "WEIGHTS_PATH_NO_TOP"),
    "vgg19": _fixed(vgg19, "WEIGHTS_PATH", "WEIGHTS_PATH_NO_TOP"),
    "xception": _fixed(xception, "WEIGHTS_PATH", "WEIGHTS_PATH_NO_TOP"),
    "inception_v3": _fixed(inception_v3, "WEIGHTS_PATH", "WEIGHTS_PATH_NO_TOP"),
    "densenet121": _densenet(121), "densenet169": _densenet(169), "densenet201": _densenet(201),
    "resnet50": _tf_kernels("resnet50"), "resnet101": _tf_kernels("resnet101"),
    "resnet152": _tf_kernels("resnet152"), "resnet50_v2": _tf_kernels("resnet50v2"),
    "inception_resnet_v2": _tf_kernels("inception_resnet_v2"),
    "nasnetmobile": lambda kw: f"nasnet_mobile{'' if kw['include_top'] else '_no_top'}.h5",
    "mobilenet": _mobilenet, "mobilenet_v2": _mobilenet_v2,
    "mobilenet_v3_small": _mobilenet_v3("small"), "mobilenet_v3_large": _mobilenet_v3("large"),
    "efficientnet_b0": _efficientnet, "efficientnet_b1": _efficientnet,
    "efficientnet_b2": _efficientnet, "efficientnet_b3": _efficientnet,
}


def weights_file_name(application, **kwargs):
    """The file Keras loads for ``weights="imagenet"`` with these arguments, or None
    when Keras refuses them for imagenet weights (it then says why itself)."""
    params = inspect.signature(getattr(keras.applications, APPLICATIONS[application])).parameters
    kw = {k: p.default for k, p in params.items() if p.default is not inspect.Parameter.empty}
    kw.update(kwargs)
    if kw.get("include_top") and kw.get("classes") not in (None, 1000):
        return None
    return WEIGHTS_FILES[application](kw)


def _cache_path(fname, cache_subdir="models"):
    """Where Keras' get_file() looks: its home (fixed when Keras is imported, from
    $KERAS_HOME or ~/.keras), or /tmp/.keras when that can't be written."""
    base = os.path.expanduser(keras_config.keras_home())
    if not os.access(base, os.W_OK):
        base = os.path.join("/tmp", ".keras")
    return os.path.join(base, cache_subdir, fname)


def check_cached_weights(application, kwargs):
    """Fails at once when the imagenet weights file is not in the Keras cache."""
    if kwargs.get("weights", "imagenet") != "imagenet":
        return
    name = weights_file_name(application, **kwargs)
    if name is None:
        return
    path = _cache_path(name)
    if not os.path.exists(path):
        raise ArgumentError(
            f"The pretrained weights file {name} is not on this machine and can't be downloaded "
            f"(no network). Put it at {path}, or use weights = {frontend.fmt_value(None)} for random weights.",
            "weights")


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
    check_cached_weights(application, kwargs)
    return getattr(keras.applications, cls_name)(**kwargs)


def preprocess_input(name, x, **kwargs):
    """keras.applications.<module>.preprocess_input (e.g. name = "imagenet" -> vgg16's)."""
    from . import convert
    module = {"imagenet": "vgg16", "mobilenet": "mobilenet", "mobilenet_v2": "mobilenet_v2",
              "resnet": "resnet", "inception_v3": "inception_v3", "xception": "xception"}.get(name, name)
    fn = getattr(getattr(keras.applications, module), "preprocess_input")
    return fn(convert.as_array(x, "x"), **kwargs)
