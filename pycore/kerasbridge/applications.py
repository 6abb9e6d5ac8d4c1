"""Keras applications (VGG16, ResNet50, MobileNetV2, ...) from R keras 2.x's
``application_*()`` functions.

With ``weights="imagenet"``, the weights file Keras would fetch (its name and
URL from ``weights_source()``, following the rules of
``keras.src.applications``) is found in the Keras cache or downloaded there by
our own ``download.get_file()`` (through $KERASBRIDGE_DATA_ORIGIN when set),
and the model is built with ``weights=<that file>``: a failed download says
which URL failed and where to put the file by hand. Arguments Keras refuses
for imagenet weights (alpha, classes) are left to Keras' own message.
"""

import inspect
import os

import keras
import numpy as np
from keras.src.applications import (convnext, densenet, efficientnet, efficientnet_v2, inception_resnet_v2,
                                    inception_v3, mobilenet, mobilenet_v2, mobilenet_v3, nasnet, resnet, vgg16,
                                    vgg19, xception)
from keras.src.backend import config as keras_config

from . import download, frontend
from .convert import as_int, as_shape
from .errors import ArgumentError, DownloadError

APPLICATIONS = {
    "vgg16": "VGG16", "vgg19": "VGG19", "resnet50": "ResNet50", "resnet101": "ResNet101",
    "resnet152": "ResNet152", "resnet50_v2": "ResNet50V2", "mobilenet": "MobileNet",
    "mobilenet_v2": "MobileNetV2", "mobilenet_v3_small": "MobileNetV3Small",
    "mobilenet_v3_large": "MobileNetV3Large", "inception_v3": "InceptionV3",
    "inception_resnet_v2": "InceptionResNetV2", "xception": "Xception", "densenet121": "DenseNet121",
    "densenet169": "DenseNet169", "densenet201": "DenseNet201", "nasnetmobile": "NASNetMobile",
    "efficientnet_b0": "EfficientNetB0", "efficientnet_b1": "EfficientNetB1",
    "efficientnet_b2": "EfficientNetB2", "efficientnet_b3": "EfficientNetB3",
    "efficientnet_b4": "EfficientNetB4", "efficientnet_b5": "EfficientNetB5",
    "efficientnet_b6": "EfficientNetB6", "efficientnet_b7": "EfficientNetB7",
    "efficientnet_v2b0": "EfficientNetV2B0", "efficientnet_v2b1": "EfficientNetV2B1",
    "efficientnet_v2b2": "EfficientNetV2B2", "efficientnet_v2b3": "EfficientNetV2B3",
    "efficientnet_v2s": "EfficientNetV2S", "efficientnet_v2m": "EfficientNetV2M",
    "efficientnet_v2l": "EfficientNetV2L", "nasnetlarge": "NASNetLarge",
    "resnet101_v2": "ResNet101V2", "resnet152_v2": "ResNet152V2",
    "convnext_tiny": "ConvNeXtTiny", "convnext_small": "ConvNeXtSmall", "convnext_base": "ConvNeXtBase",
    "convnext_large": "ConvNeXtLarge", "convnext_xlarge": "ConvNeXtXLarge",
}
# Keras 2's generic constructors (application_densenet(blocks), application_nasnet(...)):
# not exported by keras.applications; their imagenet weights are Keras' business.
GENERIC = {"densenet": (densenet, "DenseNet"), "nasnet": (nasnet, "NASNet")}


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
    "nasnetlarge": lambda kw: f"nasnet_large{'' if kw['include_top'] else '_no_top'}.h5",
    "resnet101_v2": _tf_kernels("resnet101v2"), "resnet152_v2": _tf_kernels("resnet152v2"),
    **{app: _efficientnet for app in APPLICATIONS if app.startswith(("efficientnet", "convnext"))},
}

_NASNET_URLS = {"nasnet_mobile.h5": nasnet.NASNET_MOBILE_WEIGHT_PATH,
                "nasnet_mobile_no_top.h5": nasnet.NASNET_MOBILE_WEIGHT_PATH_NO_TOP,
                "nasnet_large.h5": nasnet.NASNET_LARGE_WEIGHT_PATH,
                "nasnet_large_no_top.h5": nasnet.NASNET_LARGE_WEIGHT_PATH_NO_TOP}


def _weights_base(application):
    """The folder URL Keras downloads `application`'s weights from (None: the
    module keeps whole URLs, found by file name)."""
    if application.startswith(("resnet", )):
        return resnet.BASE_WEIGHTS_PATH
    if application.startswith("efficientnet_v2"):
        return efficientnet_v2.BASE_WEIGHTS_PATH
    if application.startswith("efficientnet"):
        return efficientnet.BASE_WEIGHTS_PATH
    if application.startswith("convnext"):
        return convnext.BASE_WEIGHTS_PATH
    return {"mobilenet": mobilenet.BASE_WEIGHT_PATH, "mobilenet_v2": mobilenet_v2.BASE_WEIGHT_PATH,
            "mobilenet_v3_small": mobilenet_v3.BASE_WEIGHT_PATH, "mobilenet_v3_large": mobilenet_v3.BASE_WEIGHT_PATH,
            "inception_resnet_v2": inception_resnet_v2.BASE_WEIGHT_URL}.get(application)


def _fixed_url(fname):
    for module in (vgg16, vgg19, xception, inception_v3, densenet):
        for value in vars(module).values():
            if isinstance(value, str) and value.startswith("http") and value.endswith("/" + fname):
                return value
    return _NASNET_URLS.get(fname)


def weights_file_name(application, **kwargs):
    """The file Keras loads for ``weights="imagenet"`` with these arguments, or None
    when Keras refuses them for imagenet weights (it then says why itself)."""
    params = inspect.signature(getattr(keras.applications, APPLICATIONS[application])).parameters
    kw = {k: p.default for k, p in params.items() if p.default is not inspect.Parameter.empty}
    kw.update(kwargs)
    if kw.get("include_top") and kw.get("classes") not in (None, 1000):
        return None
    return WEIGHTS_FILES[application](kw)


def weights_source(application, **kwargs):
    """(file name, URL) of the imagenet weights Keras would fetch, or None."""
    name = weights_file_name(application, **kwargs)
    if name is None:
        return None
    base = _weights_base(application)
    return name, (base + name if base else _fixed_url(name))


def _cache_path(fname, cache_subdir="models"):
    """Where Keras' get_file() looks: its home (fixed when Keras is imported, from
    $KERAS_HOME or ~/.keras), or /tmp/.keras when that can't be written."""
    base = os.path.expanduser(keras_config.keras_home())
    if not os.access(base, os.W_OK):
        base = os.path.join("/tmp", ".keras")
    return os.path.join(base, cache_subdir, fname)


def imagenet_weights(application, kwargs):
    """The local path of the imagenet weights for these arguments, downloaded
    into the Keras cache on first use; None when Keras should decide (other
    weights, or arguments Keras refuses for imagenet weights)."""
    if kwargs.get("weights", "imagenet") != "imagenet":
        return None
    source = weights_source(application, **kwargs)
    if source is None or source[1] is None:
        return None
    name, url = source
    path = _cache_path(name)
    if os.path.exists(path):
        return path
    try:
        return download.get_file(path, download.data_origin(url))
    except DownloadError as e:
        raise DownloadError(f"{e} Or use weights = {frontend.fmt_value(None)} for random weights.",
                            "weights") from e


def make_application(application, /, **kwargs):
    """Positional-only, so that the model's own `name` argument passes through."""
    if application in GENERIC:
        module, cls = GENERIC[application]
        if kwargs.get("input_shape") is not None:
            kwargs["input_shape"] = as_shape(kwargs["input_shape"], "input_shape")
        for arg in ("classes", "penultimate_filters", "num_blocks", "stem_block_filters", "filter_multiplier",
                    "default_size"):
            if kwargs.get(arg) is not None:
                kwargs[arg] = as_int(kwargs[arg], arg)
        if kwargs.get("blocks") is not None:
            kwargs["blocks"] = [as_int(b, "blocks") for b in (kwargs["blocks"] if isinstance(kwargs["blocks"], (list, tuple)) else [kwargs["blocks"]])]
        return getattr(module, cls)(**kwargs)
    cls_name = APPLICATIONS.get(application)
    if cls_name is None:
        raise ArgumentError(f"No application {frontend.fmt_value(application)}; known: "
                            f"{frontend.fmt_names(sorted(APPLICATIONS))}.", "application")
    if kwargs.get("input_shape") is not None:
        kwargs["input_shape"] = as_shape(kwargs["input_shape"], "input_shape")
    if kwargs.get("classes") is not None:
        kwargs["classes"] = as_int(kwargs["classes"], "classes")
    path = imagenet_weights(application, kwargs)
    if path is not None:
        kwargs["weights"] = path
    return getattr(keras.applications, cls_name)(**kwargs)


# application family -> the keras.applications module holding its
# preprocess_input/decode_predictions ("imagenet" is Keras 2's imagenet_utils, caffe mode)
PREPROCESS_MODULES = {
    "imagenet": "imagenet_utils", "vgg16": "vgg16", "vgg19": "vgg19", "resnet": "resnet", "resnet_v2": "resnet_v2",
    "resnet50": "resnet50", "mobilenet": "mobilenet", "mobilenet_v2": "mobilenet_v2",
    "mobilenet_v3": "mobilenet_v3", "inception_v3": "inception_v3", "inception_resnet_v2": "inception_resnet_v2",
    "xception": "xception", "densenet": "densenet", "nasnet": "nasnet", "efficientnet": "efficientnet",
    "efficientnet_v2": "efficientnet_v2", "convnext": "convnext",
}


def _family(name):
    """An application name or family -> the family in PREPROCESS_MODULES."""
    if name in PREPROCESS_MODULES:
        return name
    for prefix, family in (("vgg16", "vgg16"), ("vgg19", "vgg19"), ("resnet50_v2", "resnet_v2"),
                           ("resnet101_v2", "resnet_v2"), ("resnet152_v2", "resnet_v2"), ("resnet", "resnet"),
                           ("mobilenet_v3", "mobilenet_v3"), ("mobilenet_v2", "mobilenet_v2"),
                           ("mobilenet", "mobilenet"), ("densenet", "densenet"), ("nasnet", "nasnet"),
                           ("efficientnet_v2", "efficientnet_v2"), ("efficientnet", "efficientnet"),
                           ("convnext", "convnext"), ("xception", "xception"), ("inception_v3", "inception_v3"),
                           ("inception_resnet_v2", "inception_resnet_v2")):
        if name.startswith(prefix):
            return family
    raise ArgumentError(f"No application family {frontend.fmt_value(name)}; known: "
                        f"{frontend.fmt_names(sorted(PREPROCESS_MODULES))} or an application name "
                        f"({frontend.fmt_names(sorted(APPLICATIONS))}).", "application")


def preprocess_input(name, x, **kwargs):
    """keras.applications.<module>.preprocess_input (e.g. name = "imagenet" -> caffe mode)."""
    import importlib
    from . import convert
    module = importlib.import_module("keras.src.applications." + PREPROCESS_MODULES[_family(name)])
    if name == "imagenet" and "mode" not in kwargs:
        kwargs["mode"] = "caffe"
    if keras.ops.is_tensor(x) or isinstance(x, keras.KerasTensor):
        # a tensor stays a tensor, as R keras 2.x returned it (`img$shape` after it)
        return module.preprocess_input(keras.ops.cast(x, "float32"), **kwargs)
    x = convert.as_array(x, "x")
    return np.asarray(module.preprocess_input(np.array(x, dtype="float32"), **kwargs))


CLASS_INDEX_URL = ("https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json")


def imagenet_class_index(cache_dir=None):
    """Keras' ImageNet class index {"0": [wnid, description], ...}, downloaded into
    <keras home>/models on first use."""
    import json
    origin = download.data_origin(CLASS_INDEX_URL)
    path = download.get_file("imagenet_class_index.json", origin, cache_subdir="models", cache_dir=cache_dir,
                             file_hash="c2c37ea517e94d9795004a39431a14cb" if origin == CLASS_INDEX_URL else None)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise ArgumentError(f"Can't read the class index {path}: {e}. Delete it to download it again.",
                            "path") from e


def decode_predictions(preds, top=5, cache_dir=None):
    """Top-`top` ImageNet classes per row of `preds` (n x 1000): a list of
    {"class_name", "class_description", "score"} columns, best first."""
    from . import convert
    preds = np.asarray(convert.as_array(preds, "preds"))
    if preds.ndim != 2 or preds.shape[1] != 1000:
        raise ArgumentError(f"`preds` must be a matrix of ImageNet scores with 1000 columns (one row per image), "
                            f"received shape {frontend.fmt_shape(preds.shape)}.", "preds")
    top = as_int(top, "top")
    index = imagenet_class_index(cache_dir)
    out = []
    for row in preds:
        best = np.argsort(row)[::-1][:top]
        out.append({"class_name": [index[str(i)][0] for i in best],
                    "class_description": [index[str(i)][1] for i in best],
                    "score": [float(row[i]) for i in best]})
    return out


def model_family(model):
    """The application family of a model built by an application_*() function,
    from its name ("vgg16", "mobilenetv2_1.00_224", "efficientnetv2-b0", ...)."""
    name = model if isinstance(model, str) else getattr(model, "name", "")
    key = name.lower().replace("-", "").replace("_", "")
    for prefix, family in (("vgg16", "vgg16"), ("vgg19", "vgg19"), ("efficientnetv2", "efficientnet_v2"),
                           ("efficientnet", "efficientnet"), ("convnext", "convnext"),
                           ("mobilenetv3", "mobilenet_v3"), ("mobilenetv2", "mobilenet_v2"),
                           ("mobilenet", "mobilenet"), ("inceptionresnetv2", "inception_resnet_v2"),
                           ("inceptionv3", "inception_v3"), ("xception", "xception"), ("densenet", "densenet"),
                           ("nasnet", "nasnet")):
        if key.startswith(prefix):
            return family
    if key.startswith("resnet"):
        return "resnet_v2" if key.endswith("v2") else "resnet"
    raise ArgumentError(f"Can't tell which application {frontend.fmt_value(name)} is: `model` must be a model "
                        f"made by an application_*() function (its name tells the family), or pass the family "
                        f"name; known: {frontend.fmt_names(sorted(PREPROCESS_MODULES))}.", "model")


def application_preprocess_inputs(model, x, **kwargs):
    return preprocess_input(model_family(model), x, **kwargs)
