#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then runs the main job: an R script
# that trains a digit classifier on data the project ships (examples/train_digits.R).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export KERASBRIDGE_PYTHON="$ROOT/.venv/bin/python"
export R_LIBS="$ROOT/.rlib"
export TF_CPP_MIN_LOG_LEVEL=2
mkdir -p out
exec Rscript examples/train_digits.R "$@"
