#!/usr/bin/env bash
# The whole test suite on a fresh machine: make a virtual environment, install dorost with its
# test extras, then lint, type-check and run the tests. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,pdf,web,batch,datatrove]'
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
