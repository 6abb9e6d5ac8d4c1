"""applications.py: the imagenet weights file is looked up in the Keras cache
before Keras is asked for it, under the name Keras itself would fetch."""

import time

import keras
import pytest
from keras.src.utils import file_utils

from kerasbridge import applications
from kerasbridge.errors import ArgumentError, DownloadError
from localserver import dead_url, serve


class Asked(Exception):
    pass


def keras_asks_for(application, **kwargs):
    """The file name Keras passes to get_file (recorded by this test only)."""
    import keras
    asked = []

    def record(fname=None, origin=None, *args, **kw):
        asked.append((fname, origin))
        raise Asked()

    mp = pytest.MonkeyPatch()
    mp.setattr(file_utils, "get_file", record)
    try:
        with pytest.raises(Asked):
            getattr(keras.applications, applications.APPLICATIONS[application])(weights="imagenet", **kwargs)
    finally:
        mp.undo()
    return asked[0]


@pytest.mark.parametrize("application, kwargs", [
    ("vgg16", dict(include_top=False, input_shape=(32, 32, 3))),
    ("resnet50_v2", dict(include_top=False, input_shape=(32, 32, 3))),
    ("mobilenet", dict(alpha=0.25, input_shape=(128, 128, 3))),
    ("mobilenet", dict(alpha=0.5, include_top=False, input_shape=(100, 100, 3))),
    ("mobilenet_v2", dict(alpha=0.35, include_top=False, input_shape=(96, 96, 3))),
    ("mobilenet_v3_small", dict(include_top=False, input_shape=(32, 32, 3), alpha=0.75)),
    ("efficientnet_b0", dict(include_top=False, input_shape=(32, 32, 3))),
    ("nasnetmobile", dict(include_top=False, input_shape=(32, 32, 3))),
    ("densenet121", dict(include_top=False, input_shape=(32, 32, 3))),
    ("inception_resnet_v2", dict(include_top=False, input_shape=(75, 75, 3))),
    ("efficientnet_v2b0", dict(include_top=False, input_shape=(32, 32, 3))),
    ("convnext_tiny", dict(include_top=False, input_shape=(32, 32, 3))),
    ("resnet101_v2", dict(include_top=False, input_shape=(32, 32, 3))),
])
def test_weights_file_name_is_the_one_keras_fetches(application, kwargs):
    fname, origin = keras_asks_for(application, **kwargs)
    assert applications.weights_file_name(application, **kwargs) == fname
    assert applications.weights_source(application, **kwargs) == (fname, origin)


def test_every_application_has_a_weights_file_rule():
    assert set(applications.WEIGHTS_FILES) == set(applications.APPLICATIONS)


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """An empty Keras cache (Keras reads $KERAS_HOME once, when it is imported)."""
    from keras.src.backend import config
    monkeypatch.setattr(config, "_KERAS_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Downloads go to 127.0.0.1 where nothing listens, never to the internet."""
    origin = dead_url()
    monkeypatch.setenv("KERASBRIDGE_DATA_ORIGIN", origin)
    return origin


def test_failed_weights_download_says_which_url_and_where(keras_home, no_internet):
    tmp_path = keras_home
    t0 = time.time()
    with pytest.raises(DownloadError, match="vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5") as e:
        applications.make_application("vgg16", include_top=False, input_shape=[32, 32, 3])
    assert time.time() - t0 < 20
    msg = str(e.value)
    assert str(tmp_path / "models") in msg and no_internet + "vgg16_weights" in msg and "weights = None" in msg
    assert not any(p.is_file() for p in (tmp_path / "models").glob("*"))


def write_weights(path, model):
    import h5py
    from keras.src.legacy.saving import legacy_h5_format
    with h5py.File(path, "w") as f:  # the published files' HDF5 layout
        legacy_h5_format.save_weights_to_hdf5_group(f, model)


def test_weights_download_on_first_use(keras_home, tmp_path, monkeypatch):
    import keras
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), alpha=0.35)
    model = keras.applications.MobileNetV2(weights=None, **kwargs)
    name, url = applications.weights_source("mobilenet_v2", **kwargs)
    assert url == "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/" + name
    site = tmp_path / "site"
    site.mkdir()
    write_weights(site / name, model)
    with serve(site) as base:
        monkeypatch.setenv("KERASBRIDGE_DATA_ORIGIN", base)
        loaded = applications.make_application("mobilenet_v2", **kwargs)
    assert (keras_home / "models" / name).is_file()
    for a, b in zip(model.get_weights(), loaded.get_weights()):
        assert (a == b).all()


def test_decode_predictions_downloads_the_class_index(tmp_path, monkeypatch):
    import json
    import numpy as np
    site = tmp_path / "site"
    site.mkdir()
    (site / "imagenet_class_index.json").write_text(json.dumps({str(i): [f"n{i:08d}", f"class{i}"]
                                                                for i in range(1000)}))
    preds = np.zeros((2, 1000), dtype="float32")
    preds[0, 7], preds[0, 3], preds[1, 999] = 0.9, 0.1, 1.0
    with serve(site) as base:
        monkeypatch.setenv("KERASBRIDGE_DATA_ORIGIN", base)
        out = applications.decode_predictions(preds, top=2, cache_dir=tmp_path / "kh")
    assert out[0]["class_description"] == ["class7", "class3"] and out[1]["class_name"][0] == "n00000999"
    assert out[0]["score"][0] == pytest.approx(0.9)
    # cached: no server needed
    assert applications.decode_predictions(preds, top=1, cache_dir=tmp_path / "kh")[1]["score"] == [1.0]
    with pytest.raises(ArgumentError, match="1000 columns"):
        applications.decode_predictions(preds[:, :10])


@pytest.mark.parametrize("name", ["imagenet", "vgg16", "resnet_v2", "mobilenet_v3", "densenet", "nasnet",
                                  "efficientnet", "efficientnet_v2", "convnext", "xception", "inception_v3",
                                  "inception_resnet_v2", "resnet152_v2", "application_mobilenet"[12:]])
def test_preprocess_input_every_family(name):
    import numpy as np
    x = np.full((1, 2, 2, 3), 255.0)
    out = applications.preprocess_input(name, x)
    assert out.shape == (1, 2, 2, 3)


@pytest.mark.parametrize("name", ["inception_v3", "imagenet", "vgg16"])
def test_preprocess_input_keeps_a_tensor_a_tensor_as_r_keras_2(name):
    # R keras 2.x: k_expand_dims(img) %>% inception_v3_preprocess_input() was a tensor (img$shape)
    import numpy as np
    import tensorflow as tf
    x = tf.fill((1, 2, 2, 3), 255.0)
    out = applications.preprocess_input(name, x)
    assert isinstance(out, tf.Tensor) and tuple(out.shape) == (1, 2, 2, 3)
    np.testing.assert_allclose(out.numpy(), applications.preprocess_input(name, np.full((1, 2, 2, 3), 255.0)))
    assert tuple(applications.preprocess_input(name, keras.Input((4, 4, 3))).shape) == (None, 4, 4, 3)


def test_every_application_has_a_weights_url():
    for app in applications.APPLICATIONS:
        import inspect
        import keras
        params = inspect.signature(getattr(keras.applications, applications.APPLICATIONS[app])).parameters
        kw = {"include_top": False} if "alpha" not in params else {"include_top": False, "alpha": 1.0}
        source = applications.weights_source(app, **kw)
        assert source is not None and source[1].startswith("https://") and source[1].endswith(".h5"), app


def test_keras_own_checks_come_first(keras_home):
    with pytest.raises(ValueError, match="alpha"):
        applications.make_application("mobilenet", alpha=0.3, include_top=False, input_shape=[32, 32, 3])
    with pytest.raises(ValueError, match="classes"):
        applications.make_application("vgg16", classes=3)


def test_cached_weights_are_found_by_keras(keras_home):
    """A weights file in the cache is loaded by Keras itself (no network)."""
    import keras
    tmp_path = keras_home
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), alpha=0.35)
    model = keras.applications.MobileNetV2(weights=None, **kwargs)
    name = applications.weights_file_name("mobilenet_v2", **kwargs)
    (tmp_path / "models").mkdir()
    import h5py
    from keras.src.legacy.saving import legacy_h5_format
    with h5py.File(tmp_path / "models" / name, "w") as f:  # the published files' HDF5 layout
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
    loaded = applications.make_application("mobilenet_v2", **kwargs)
    for a, b in zip(model.get_weights(), loaded.get_weights()):
        assert (a == b).all()
