"""applications.py: the imagenet weights file is looked up in the Keras cache
before Keras is asked for it, under the name Keras itself would fetch."""

import time

import pytest
from keras.src.utils import file_utils

from kerasbridge import applications
from kerasbridge.errors import ArgumentError


class Asked(Exception):
    pass


def keras_asks_for(application, **kwargs):
    """The file name Keras passes to get_file (recorded by this test only)."""
    import keras
    asked = []

    def record(fname=None, origin=None, *args, **kw):
        asked.append(fname)
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
])
def test_weights_file_name_is_the_one_keras_fetches(application, kwargs):
    assert applications.weights_file_name(application, **kwargs) == keras_asks_for(application, **kwargs)


def test_every_application_has_a_weights_file_rule():
    assert set(applications.WEIGHTS_FILES) == set(applications.APPLICATIONS)


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """An empty Keras cache (Keras reads $KERAS_HOME once, when it is imported)."""
    from keras.src.backend import config
    monkeypatch.setattr(config, "_KERAS_DIR", str(tmp_path))
    return tmp_path


def test_missing_weights_fail_at_once_saying_where(keras_home):
    tmp_path = keras_home
    t0 = time.time()
    with pytest.raises(ArgumentError, match="vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5") as e:
        applications.make_application("vgg16", include_top=False, input_shape=[32, 32, 3])
    assert time.time() - t0 < 20
    assert str(tmp_path / "models") in str(e.value)


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
