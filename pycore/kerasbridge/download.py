"""get_file(): files downloaded on first use into the Keras cache.

One download path for ``get_file()``, the built-in data sets (datasets.py) and
pretrained application weights (applications.py)::

    path = kerasbridge.download.get_file("mnist.npz", KERAS_DATA_URL + "mnist.npz", file_hash="731c...")

- The cache is ``<cache_dir>/<cache_subdir>``; ``cache_dir`` defaults to
  ``$KERAS_HOME``, then ``~/.keras`` (``/tmp/.keras`` when that can't be written),
  as Keras has it.
- A cached file is reused; with ``file_hash`` its hash is checked first and a
  file that doesn't match is downloaded again.
- The body is streamed to a temporary file in the cache folder, its length and
  hash checked, then moved into place with ``os.replace``: an interrupted,
  truncated or wrong download never leaves a file under the cached name.
- A failed download raises ``DownloadError`` naming the URL and where to put
  the file by hand.
- ``KERASBRIDGE_DATA_ORIGIN`` (a base URL) replaces the host of every URL the
  loaders build (the file name is kept): a mirror, or a local server in tests.
"""

import hashlib
import http.client
import os
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

from . import frontend
from .errors import ArgumentError, DownloadError

ORIGIN_ENV = "KERASBRIDGE_DATA_ORIGIN"
CHUNK = 1 << 16


def keras_home(cache_dir=None):
    """The Keras cache root: ``cache_dir``, else $KERAS_HOME, else ~/.keras
    (/tmp/.keras when that can't be written, as Keras does)."""
    if cache_dir is not None:
        return os.path.expanduser(os.fspath(cache_dir))
    if os.environ.get("KERAS_HOME"):
        return os.path.expanduser(os.environ["KERAS_HOME"])
    home = os.path.join(os.path.expanduser("~"), ".keras")
    parent = home if os.path.isdir(home) else os.path.dirname(home)
    return home if os.access(parent, os.W_OK) else os.path.join(tempfile.gettempdir(), ".keras")


def data_origin(url):
    """`url`, or the same file name under $KERASBRIDGE_DATA_ORIGIN when it is set."""
    base = os.environ.get(ORIGIN_ENV)
    if not base:
        return url
    return base.rstrip("/") + "/" + url.rstrip("/").rsplit("/", 1)[-1]


def _algorithm(file_hash, hash_algorithm):
    algo = (hash_algorithm or "auto").lower()
    if algo == "auto":
        return "sha256" if len(file_hash) == 64 else "md5"
    if algo not in ("sha256", "md5"):
        raise ArgumentError(f"`hash_algorithm` must be \"auto\", \"sha256\" or \"md5\", received {hash_algorithm!r}.",
                            "hash_algorithm")
    return algo


def file_hash_of(path, algorithm="sha256"):
    """The hex digest of a file, read in chunks."""
    h = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def validate_file(path, file_hash, hash_algorithm="auto"):
    """Whether the file at `path` has hash `file_hash` (md5 or sha256)."""
    return file_hash_of(path, _algorithm(file_hash, hash_algorithm)) == str(file_hash).lower()


def _by_hand(url, path):
    return (f"Download it yourself from {url} and put it at {path}"
            f"{' (or set ' + ORIGIN_ENV + ' to a mirror)' if not os.environ.get(ORIGIN_ENV) else ''}.")


def _progress(done, total, started, last):
    """One line on stderr, rewritten at most twice a second; nothing for small files."""
    now = time.monotonic()
    if now - last < 0.5 or (total or 0) < (1 << 20):
        return last
    pct = f"{100 * done / total:5.1f}%" if total else ""
    sys.stderr.write(f"\rDownloading {done / 1e6:8.1f} MB {pct}")
    sys.stderr.flush()
    return now


def download(url, path, file_hash=None, hash_algorithm="auto", timeout=60, progress=True):
    """Streams `url` to a temporary file beside `path`, checks length and hash,
    then renames it to `path`. Raises DownloadError, leaving no file behind."""
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".part", dir=folder)
    try:
        try:
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as resp:
                length = resp.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                done, started = 0, time.monotonic()
                last = started
                while True:
                    chunk = resp.read(CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        last = _progress(done, total, started, last)
                if progress and last != started:
                    sys.stderr.write("\n")
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as e:
            reason = f"HTTP {e.code} {e.reason}" if isinstance(e, urllib.error.HTTPError) else getattr(e, "reason", None) or e
            raise DownloadError(f"Can't download {url}: {reason}. {_by_hand(url, path)}", "origin") from e
        if total is not None and done != total:
            raise DownloadError(f"The download of {url} was cut short: received {done} of {total} bytes, "
                                f"so nothing was kept. Try again. {_by_hand(url, path)}", "origin")
        if file_hash is not None:
            algo = _algorithm(file_hash, hash_algorithm)
            got = file_hash_of(tmp, algo)
            if got != str(file_hash).lower():
                raise DownloadError(
                    f"The file downloaded from {url} has {algo} hash {got}, not the expected {file_hash}: "
                    f"it is damaged or not the right file, so it was not kept. {_by_hand(url, path)}", "file_hash")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


_ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tar", ".zip")


def _strip_archive_suffix(fname):
    for suf in _ARCHIVE_SUFFIXES:
        if fname.endswith(suf):
            return fname[: -len(suf)]
    return fname


def extract_archive(path, dest):
    """Extracts a tar or zip archive into `dest` (no member outside it)."""
    os.makedirs(dest, exist_ok=True)
    try:
        if tarfile.is_tarfile(path):
            with tarfile.open(path) as tf:
                safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
                tf.extractall(dest, **safe)
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    target = os.path.realpath(os.path.join(dest, name))
                    if not target.startswith(os.path.realpath(dest) + os.sep) and target != os.path.realpath(dest):
                        raise ArgumentError(f"{path} holds a member outside its folder: {name}.", "extract")
                zf.extractall(dest)
        else:
            raise ArgumentError(f"`extract` was set but {path} is neither a tar nor a zip archive.", "extract")
    except (OSError, tarfile.TarError, zipfile.BadZipFile) as e:
        raise ArgumentError(f"Can't extract {path}: {e}", "extract") from e
    return dest


def get_file(fname=None, origin=None, file_hash=None, cache_subdir="datasets", hash_algorithm="auto",
             extract=False, archive_format="auto", cache_dir=None, force_download=False, md5_hash=None,
             untar=False, timeout=60, progress=True):
    """The local path of `fname`, downloaded from `origin` on first use.

    ``untar=True`` (Keras 2) extracts the archive into a folder named after
    `fname` without its suffix and returns that folder; ``extract=True``
    extracts beside the archive and returns the archive's path (Keras 2).
    """
    if origin is None or not isinstance(origin, str) or not origin:
        raise ArgumentError(f"`origin` must be the URL to download from, received {frontend.fmt_value(origin)}.",
                            "origin")
    if fname is None or fname == "":
        fname = origin.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if not isinstance(fname, (str, os.PathLike)):
        raise ArgumentError(f"`fname` must be a file name, received {frontend.fmt_value(fname)}.", "fname")
    if file_hash is None and md5_hash is not None:
        file_hash, hash_algorithm = md5_hash, "md5"
    fname = os.fspath(fname)
    if os.path.isabs(fname):
        path = fname
    else:
        path = os.path.join(keras_home(cache_dir), cache_subdir or "", fname)
    untar_dir = os.path.join(os.path.dirname(path), _strip_archive_suffix(os.path.basename(path)))

    fresh = force_download or not os.path.exists(path)
    if not fresh and file_hash is not None and not validate_file(path, file_hash, hash_algorithm):
        fresh = True  # a damaged or outdated cached copy: fetch it again
    if fresh:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError as e:
            raise ArgumentError(f"Can't create the cache folder {os.path.dirname(path)}: {e}. "
                                f"Pass a writable `cache_dir`.", "cache_dir") from e
        download(origin, path, file_hash, hash_algorithm, timeout=timeout, progress=progress)
    if untar:
        if fresh or not os.path.isdir(untar_dir):
            extract_archive(path, untar_dir if _has_no_top_folder(path, os.path.basename(untar_dir))
                            else os.path.dirname(path))
        return untar_dir
    if extract:
        extract_archive(path, os.path.dirname(path))
    return path


def _has_no_top_folder(path, folder):
    """Whether the archive's members are not all inside `folder`/ (then they are
    extracted into it, so the returned folder exists either way)."""
    try:
        if tarfile.is_tarfile(path):
            with tarfile.open(path) as tf:
                names = tf.getnames()
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
        else:
            return True
    except (OSError, tarfile.TarError, zipfile.BadZipFile):
        return True
    return not all(n == folder or n.startswith(folder + "/") for n in names)



SYNCED_ENV = ("KERAS_HOME", ORIGIN_ENV)


def sync_environ(values):
    """Copies the R session's download settings into os.environ (R's
    Sys.setenv() after Python started is invisible to Python): "" unsets."""
    for name, value in dict(values).items():
        if name not in SYNCED_ENV:
            raise ArgumentError(f"`{name}` is not a download setting; known: {', '.join(SYNCED_ENV)}.", "values")
        if value:
            os.environ[name] = os.fspath(value)
        else:
            os.environ.pop(name, None)
