#!/usr/bin/env bash
# Sets up everything kerasbridge needs on a fresh Debian 12 machine:
#   - R and the R packages it uses, from Debian (CRAN is not reachable here);
#   - a project-local Python venv (.venv) with the pins from pyproject.toml;
#   - the R package, installed into a project-local library (.rlib).
# Idempotent: every step checks before it acts, so a second run is fast.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

R_DEBS=(r-base-core r-base-dev r-cran-reticulate r-cran-magrittr r-cran-zeallot
        r-cran-r6 r-cran-fastmap r-cran-rlang r-cran-cli r-cran-glue
        r-cran-jsonlite r-cran-withr r-cran-callr r-cran-testthat r-cran-knitr
        r-cran-rmarkdown r-cran-ggplot2 r-cran-png pandoc graphviz)

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
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing the Python side into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi

# The R package: reinstall when any of its files changed.
mkdir -p .rlib
rstamp=.rlib/.kerasbridge-installed
rwant="$(find rpkg -type f -not -path '*/tests/*' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"
if [ ! -f "$rstamp" ] || [ "$(cat "$rstamp")" != "$rwant" ] || [ ! -d .rlib/kerasbridge ]; then
  echo "setup: installing the R package into .rlib"
  R CMD INSTALL --no-multiarch --library=.rlib rpkg >/tmp/kerasbridge-rinstall.log 2>&1 || {
    cat /tmp/kerasbridge-rinstall.log; exit 1; }
  echo "$rwant" > "$rstamp"
fi
echo "setup: ready (python: $ROOT/.venv/bin/python, R library: $ROOT/.rlib)"
