#!/usr/bin/env bash
# The whole test suite on a fresh machine: make a virtual environment, install dorost with its
# test extras, then lint, type-check and run the tests. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,pdf,web,batch,datatrove]'
# --- web end-to-end test (tests/test_web_e2e.py): Debian's chromium, driven by Playwright ------------
# Installs the chromium package when it is missing and apt-get can run (root); Playwright
# downloads no browser. Without chromium the end-to-end test is skipped with its reason.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        chromium fonts-noto-ui-core >/dev/null) || echo "test.sh: could not install chromium; the browser test will skip" >&2
fi
.venv/bin/python -m pip install --quiet -e '.[web-test]'
# --- end of the web block -----------------------------------------------------------------------------
# --- pdftotext (poppler-utils): the tests that read its real output of a PDF (tests/test_lam_alef.py) ---
# Installed like chromium when missing and apt-get can run; without it those tests skip with their reason.
if ! command -v pdftotext >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
        || echo "test.sh: could not install poppler-utils; the pdftotext tests will skip" >&2
fi
# --- Spark recipe test (tests/test_spark.py): the spark extra from PyPI, Java 17 from the machine ---------
# pyspark is a 435 MiB download: the install took about 3 minutes on a 2-core machine under a load
# average of 6, and the test about 30-90 s (mostly Spark's start-up), well inside CI's limits.
# Without Java, or when the install fails, the Spark test skips with its reason.
if command -v java >/dev/null 2>&1; then
    .venv/bin/python -m pip install --quiet -e '.[spark]' \
        || echo "test.sh: could not install the spark extra; the Spark test will skip" >&2
fi
# --- end of the Spark block ---------------------------------------------------------------------------
.venv/bin/ruff check src tests benchmarks scripts fuzz
.venv/bin/ruff format --check src tests benchmarks scripts fuzz
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
