"""legacy/image.py: Keras 2's ImageDataGenerator & co. on Keras 3 (no SciPy)."""

import os

import keras
import numpy as np
import pytest

from kerasbridge.errors import ArgumentError
from kerasbridge.legacy import image


def images(n=6, h=8, w=8):
    rng = np.random.default_rng(0)
    return rng.uniform(0, 255, (n, h, w, 3)).astype("float32")


def test_rescale_and_flow_batches():
    gen = image.image_data_generator(rescale=1 / 255)
    it = image.flow_images_from_data(images(), np.arange(6.0), generator=gen, batch_size=4.0, shuffle=False)
    x, y = image.generator_next(it)
    assert x.shape == (4, 8, 8, 3) and x.max() <= 1.0
    assert y.tolist() == [0, 1, 2, 3]
    assert len(it) == 2


def test_affine_transform_matches_keras_semantics():
    # a 90-degree rotation of a 1-channel ramp: rows become columns
    x = np.arange(25, dtype="float32").reshape(5, 5, 1)
    gen = image.image_data_generator()
    out = gen.apply_transform(x, {"theta": 90})
    assert np.allclose(out[..., 0], np.rot90(x[..., 0], k=1)) or np.allclose(out[..., 0], np.rot90(x[..., 0], k=-1))
    # a whole-pixel shift moves the image by that many pixels; after Keras' x/y
    # swap of its matrix, "tx" moves along the columns (as Keras 3's legacy code does)
    out = gen.apply_transform(x, {"tx": 1})
    assert np.allclose(out[:, :4, 0], x[:, 1:, 0]) and np.allclose(out[:, 4, 0], x[:, 4, 0])
    out = gen.apply_transform(x, {"ty": -1})
    assert np.allclose(out[1:, :, 0], x[:4, :, 0])
    out = gen.apply_transform(x, {"flip_horizontal": True})
    assert np.allclose(out[..., 0], x[:, ::-1, 0])


def test_random_augmentation_runs_without_scipy():
    gen = image.image_data_generator(rotation_range=30, width_shift_range=0.2, height_shift_range=0.2,
                                     shear_range=10, zoom_range=[0.8, 1.2], horizontal_flip=True)
    x, _ = next(image.flow_images_from_data(images(), np.zeros(6), generator=gen, batch_size=6, seed=1))
    assert x.shape == (6, 8, 8, 3) and np.isfinite(x).all()


def test_featurewise_fit_and_validation_split():
    gen = image.image_data_generator(featurewise_center=True, featurewise_std_normalization=True,
                                     validation_split=0.5)
    x = images(8)
    image.fit_image_data_generator(gen, x)
    batch, _ = next(image.flow_images_from_data(x, np.zeros(8), generator=gen, batch_size=8, shuffle=False,
                                                subset="training"))
    assert batch.shape[0] == 4
    assert abs(float(np.mean(batch))) < 1.0


def test_fit_evaluate_predict_take_the_iterator():
    model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Flatten(), keras.layers.Dense(2)])
    model.compile("sgd", "sparse_categorical_crossentropy")
    it = image.flow_images_from_data(images(), np.array([0, 1] * 3), generator=image.image_data_generator(
        rescale=1 / 255), batch_size=3)
    from kerasbridge import training
    assert training._is_dataset(it)
    model.fit(it, epochs=1, verbose=0)
    assert np.isfinite(model.evaluate(it, verbose=0))


def write_pngs(root):
    for cls in ("cat", "dog"):
        os.makedirs(root / cls)
        for i in range(3):
            image.image_array_save(np.full((6, 7, 3), 40 * i, dtype="float32"), str(root / cls / f"{i}.png"),
                                   scale=False)


def test_directory_and_dataframe(tmp_path):
    write_pngs(tmp_path)
    it = image.flow_images_from_directory(str(tmp_path), target_size=[4, 5], batch_size=6, shuffle=False)
    x, y = next(it)
    assert x.shape == (6, 4, 5, 3) and y.shape == (6, 2) and it.class_indices == {"cat": 0, "dog": 1}
    df = {"filename": ["cat/0.png", "dog/1.png"], "class": ["cat", "dog"]}
    it = image.flow_images_from_dataframe(df, directory=str(tmp_path), target_size=[6, 7], batch_size=2,
                                          shuffle=False)
    x, y = next(it)
    assert x.shape == (2, 6, 7, 3) and y.tolist() == [[1, 0], [0, 1]] and x[1].max() == 40
    with pytest.raises(ArgumentError, match="do not exist"):
        image.flow_images_from_dataframe({"filename": ["nope.png"], "class": ["cat"]}, directory=str(tmp_path))
    with pytest.raises(ArgumentError, match="not a folder"):
        image.flow_images_from_directory(str(tmp_path / "nope"))


def test_image_files_and_arrays(tmp_path):
    path = str(tmp_path / "a.png")
    arr = np.zeros((6, 8, 3), dtype="float32")
    arr[:, :4] = 255
    image.image_array_save(arr, path)
    img = image.image_load(path, target_size=[3, 4])
    a = image.image_to_array(img)
    assert a.shape == (3, 4, 3) and a[0, 0, 0] == 255 and a[0, 3, 0] == 0
    assert image.image_to_array(image.image_from_array(arr)).shape == (6, 8, 3)
    assert image.image_array_resize(arr, 3, 4).shape == (3, 4, 3)
    assert image.image_smart_resize(arr, [4, 4]).shape == (4, 4, 3)
    assert image.image_to_array(image.image_load(path, grayscale=True)).shape == (6, 8, 1)
    with pytest.raises(ArgumentError, match="does not exist"):
        image.image_load(str(tmp_path / "none.png"))
    with pytest.raises(ArgumentError, match="target_size"):
        image.image_load(path, target_size=[3])


def test_bad_arguments():
    with pytest.raises(ArgumentError, match="fill_mode"):
        image.image_data_generator(fill_mode="smear")
    with pytest.raises(ArgumentError, match="4-d array"):
        image.flow_images_from_data(np.zeros((2, 3)))
    with pytest.raises(ArgumentError, match="generator"):
        image.flow_images_from_data(images(), generator="gen")
