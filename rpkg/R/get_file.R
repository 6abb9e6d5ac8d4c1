# get_file(): a file downloaded on first use into the Keras cache (core:
# pycore/kerasbridge/download.py). Data set loaders and application weights
# download through the same core function.

#' Download a file into the Keras cache on first use
#'
#' Downloads `origin` into `<cache_dir>/<cache_subdir>/<fname>` unless it is
#' already there, checks its hash when one is given, and returns the local
#' path. A download is written to a temporary file and only renamed into the
#' cache when it is complete and its hash matches, so a failed download leaves
#' nothing behind; the error (class `kerasbridge_download_error`) names the URL
#' that failed and the path to put the file at by hand.
#'
#' `cache_dir` defaults to `$KERAS_HOME`, else `~/.keras`. Setting the
#' environment variable `KERASBRIDGE_DATA_ORIGIN` to a base URL makes the
#' built-in data set loaders and application weights download from there
#' (same file names): a mirror, or a local server.
#'
#' @param fname File name in the cache (or an absolute path); `NULL` takes
#'   the last part of `origin`.
#' @param origin URL of the file.
#' @param file_hash Expected sha256 or md5 hash of the file, or `NULL` to skip the check.
#' @param cache_subdir Folder under `cache_dir` (default `"datasets"`).
#' @param hash_algorithm `"auto"` (sha256 for a 64-character hash, else md5), `"sha256"` or `"md5"`.
#' @param extract If `TRUE`, extract the (tar or zip) archive beside it.
#' @param archive_format Ignored (the format is detected); kept for keras compatibility.
#' @param cache_dir Root of the cache; `NULL` for `$KERAS_HOME` or `~/.keras`.
#' @param md5_hash Keras 2 spelling of an md5 `file_hash`.
#' @param untar If `TRUE`, extract the archive into a folder named like `fname`
#'   without its suffix, and return that folder.
#' @param ... Ignored (e.g. keras3's `force_download` is taken by name below).
#' @param force_download If `TRUE`, download even when the file is cached.
#' @returns The local path of the file (of the extracted folder with `untar = TRUE`).
#' @examples
#' # a file:// URL stands in for a web server here
#' src <- tempfile(fileext = ".txt")
#' writeLines("hello", src)
#' path <- get_file("hello.txt", paste0("file://", src), cache_dir = tempfile("cache"))
#' readLines(path)
#' @export
get_file <- function(fname = NULL, origin = NULL, file_hash = NULL, cache_subdir = "datasets",
                     hash_algorithm = "auto", extract = FALSE, archive_format = "auto", cache_dir = NULL,
                     md5_hash = NULL, untar = FALSE, ..., force_download = FALSE) {
  if (!is.null(cache_dir)) cache_dir <- path.expand(cache_dir)
  if (!is.null(fname) && startsWith(fname, "~")) fname <- path.expand(fname)
  sync_download_env()
  call_core("download.get_file", fname = fname, origin = origin, file_hash = file_hash,
            cache_subdir = cache_subdir, hash_algorithm = hash_algorithm, extract = isTRUE(extract),
            cache_dir = cache_dir, force_download = isTRUE(force_download), md5_hash = md5_hash,
            untar = isTRUE(untar))
}

# R's KERAS_HOME and KERASBRIDGE_DATA_ORIGIN, copied to Python's os.environ
# before a call that may download (Sys.setenv() after Python started is
# invisible to Python).
sync_download_env <- function() {
  vars <- c("KERAS_HOME", "KERASBRIDGE_DATA_ORIGIN")
  values <- as.list(Sys.getenv(vars, unset = ""))
  names(values) <- vars
  call_core("download.sync_environ", values)
  invisible()
}
