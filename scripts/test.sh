#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then runs every test:
# pytest for the Python core, the R<->Python round trips, the R package's
# testthat suite and the vignettes (tests/test_r_package.py, tests/test_vignettes.py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export KERASBRIDGE_PYTHON="$ROOT/.venv/bin/python"
export RETICULATE_PYTHON="$ROOT/.venv/bin/python"
export R_LIBS="$ROOT/.rlib"
export TF_CPP_MIN_LOG_LEVEL=2
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
