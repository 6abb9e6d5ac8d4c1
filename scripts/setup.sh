#!/usr/bin/env bash
# Sets up everything kerasbridge needs on a fresh Debian 12 machine:
#   - R and the R packages it uses, from Debian (CRAN is not reachable here);
#   - a project-local Python venv (.venv) with the pins from pyproject.toml;
#   - the R package, installed into a project-local library (.rlib).
# Idempotent: every step checks before it acts, so a second run is fast.
set -euo pipefail
# --gpu: TensorFlow's CUDA build (tensorflow[and-cuda], same version) instead of
# tensorflow-cpu; every other pin as in pyproject.toml.
GPU=0
for arg in "$@"; do
  case "$arg" in
    --gpu) GPU=1 ;;
    *) echo "setup: unknown option $arg (known: --gpu)" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

R_DEBS=(r-base-core r-base-dev r-cran-reticulate r-cran-magrittr r-cran-zeallot
        r-cran-r6 r-cran-fastmap r-cran-rlang r-cran-cli r-cran-glue
        r-cran-jsonlite r-cran-withr r-cran-callr r-cran-testthat r-cran-knitr
        r-cran-rmarkdown r-cran-ggplot2 r-cran-png r-cran-jpeg pandoc graphviz
        chromium)  # chromium: headless screenshots of a knitted vignette (tests/test_vignettes.py)

missing=()
for p in "${R_DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last successful install.
stamp=.venv/.kerasbridge-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
[ "$GPU" = 0 ] || want="$want-gpu"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing the Python side into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$GPU" = 1 ]; then
    # the pins of pyproject.toml (its checked copy in the R package) with
    # the CUDA build swapped in, then the core without its own dependencies
    # (they would bring tensorflow-cpu back), then the test extras
    mapfile -t reqs < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's/^tensorflow-cpu/tensorflow[and-cuda]/' rpkg/inst/python-requirements.txt)
    mapfile -t test_reqs < <(sed -n 's/^test = \[\(.*\)\]/\1/p' pyproject.toml | tr -d '" ' | tr ',' '\n')
    .venv/bin/python -m pip uninstall -q -y tensorflow-cpu 2>/dev/null || true
    .venv/bin/python -m pip install -q "${reqs[@]}" "${test_reqs[@]}"
    .venv/bin/python -m pip install -q --no-deps -e .
  else
    .venv/bin/python -m pip install -q -e ".[test]"
  fi
  echo "$want" > "$stamp"
fi

# The R package, with its vignettes: built into a tarball (R CMD build knits the
# vignettes, which live in the top-level vignettes/; rpkg/vignettes links there)
# and installed from it. Reinstalled when a file of either changed.
mkdir -p .rlib
rstamp=.rlib/.kerasbridge-installed
rwant="$(find rpkg vignettes -type f -not -path 'rpkg/tests/*' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"
if [ ! -f "$rstamp" ] || [ "$(cat "$rstamp")" != "$rwant" ] || [ ! -d .rlib/kerasbridge ]; then
  echo "setup: building the R package and its vignettes, installing into .rlib"
  build_dir="$(mktemp -d)"
  if (cd "$build_dir" && KERASBRIDGE_PYTHON="$ROOT/.venv/bin/python" TF_CPP_MIN_LOG_LEVEL=2 \
        R CMD build "$ROOT/rpkg") >/tmp/kerasbridge-rbuild.log 2>&1; then
    src="$(ls "$build_dir"/kerasbridge_*.tar.gz)"
  else
    # a vignette that fails to knit must not stop everything: install without the
    # vignettes; tests/test_vignettes.py then reports the failing one
    echo "setup: building the vignettes failed (see /tmp/kerasbridge-rbuild.log); installing without them" >&2
    src=rpkg
  fi
  R CMD INSTALL --no-multiarch --library=.rlib "$src" >/tmp/kerasbridge-rinstall.log 2>&1 || {
    cat /tmp/kerasbridge-rinstall.log; rm -rf "$build_dir"; exit 1; }
  rm -rf "$build_dir"
  [ "$src" = rpkg ] || echo "$rwant" > "$rstamp"
fi
echo "setup: ready (python: $ROOT/.venv/bin/python, R library: $ROOT/.rlib)"
