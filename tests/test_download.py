"""get_file(): downloads into the Keras cache, from a local server only."""

import hashlib
import io
import os
import tarfile

import pytest

from kerasbridge import download
from kerasbridge.errors import ArgumentError, DownloadError
from localserver import dead_url, serve

PAYLOAD = bytes(range(256)) * 64


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "blob.bin").write_bytes(PAYLOAD)
    return root


def test_downloads_once_then_reuses_the_cache(site, tmp_path):
    cache = tmp_path / "cache"
    sha = hashlib.sha256(PAYLOAD).hexdigest()
    with serve(site) as base:
        path = download.get_file("blob.bin", base + "blob.bin", file_hash=sha, cache_dir=cache)
    assert path == str(cache / "datasets" / "blob.bin")
    assert open(path, "rb").read() == PAYLOAD
    # server gone: the cached copy is used (hash checked, md5 spelling too)
    md5 = hashlib.md5(PAYLOAD).hexdigest()
    assert download.get_file("blob.bin", base + "blob.bin", md5_hash=md5, cache_dir=cache) == path
    assert os.listdir(cache / "datasets") == ["blob.bin"]


def test_keras_home_and_cache_subdir(site, tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    with serve(site) as base:
        path = download.get_file(origin=base + "blob.bin", cache_subdir="models")
    assert path == str(tmp_path / "kh" / "models" / "blob.bin")


def test_wrong_hash_keeps_nothing(site, tmp_path):
    cache = tmp_path / "cache"
    with serve(site) as base:
        with pytest.raises(DownloadError) as e:
            download.get_file("blob.bin", base + "blob.bin", file_hash="0" * 64, cache_dir=cache)
    msg = str(e.value)
    assert "sha256" in msg and "0" * 64 in msg and base + "blob.bin" in msg
    assert os.listdir(cache / "datasets") == []


def test_truncated_download_keeps_nothing(site, tmp_path):
    cache = tmp_path / "cache"
    with serve(site) as base:
        with pytest.raises(DownloadError, match=f"received {len(PAYLOAD) // 2} of {len(PAYLOAD)} bytes"):
            download.get_file("blob.bin", base + "short/blob.bin", cache_dir=cache)
    assert os.listdir(cache / "datasets") == []


def test_no_server_names_the_url_and_the_manual_path(tmp_path):
    url = dead_url() + "blob.bin"
    with pytest.raises(DownloadError) as e:
        download.get_file("blob.bin", url, cache_dir=tmp_path / "c")
    msg = str(e.value)
    assert url in msg and str(tmp_path / "c" / "datasets" / "blob.bin") in msg
    assert isinstance(e.value, ArgumentError)  # still a bad-input error for Python callers


def test_missing_file_on_server(site, tmp_path):
    with serve(site) as base:
        with pytest.raises(DownloadError, match="404"):
            download.get_file("nope.bin", base + "nope.bin", cache_dir=tmp_path / "c")


def test_untar_and_extract(site, tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        info = tarfile.TarInfo("pics/a.txt")
        info.size = 3
        tf.addfile(info, io.BytesIO(b"abc"))
    (site / "pics.tar.gz").write_bytes(buf.getvalue())
    with serve(site) as base:
        folder = download.get_file("pics.tar.gz", base + "pics.tar.gz", untar=True, cache_dir=tmp_path / "c")
        assert folder == str(tmp_path / "c" / "datasets" / "pics")
        assert open(os.path.join(folder, "a.txt")).read() == "abc"
        archive = download.get_file("pics.tar.gz", base + "pics.tar.gz", extract=True, cache_dir=tmp_path / "d")
    assert archive.endswith("pics.tar.gz")
    assert os.path.isfile(tmp_path / "d" / "datasets" / "pics" / "a.txt")


def test_data_origin_override(monkeypatch):
    monkeypatch.delenv(download.ORIGIN_ENV, raising=False)
    url = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
    assert download.data_origin(url) == url
    monkeypatch.setenv(download.ORIGIN_ENV, "http://127.0.0.1:1/mirror/")
    assert download.data_origin(url) == "http://127.0.0.1:1/mirror/mnist.npz"


def test_bad_arguments(tmp_path):
    with pytest.raises(ArgumentError, match="`origin`"):
        download.get_file("x", None)
    with pytest.raises(ArgumentError, match="hash_algorithm"):
        download.validate_file(__file__, "abc", "sha1")
