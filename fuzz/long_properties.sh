#!/usr/bin/env bash
# The long property run: each public property in segments of 100,000 examples, each segment with
# its own seed, at the lowest priority. Usage: fuzz/long_properties.sh [SEGMENTS] [TEST ...]
# (default: 10 segments, i.e. 1,000,000 examples, of the bytes and the text property). One line
# per segment goes to standard output: test, seed, examples, seconds, result.
set -uo pipefail
cd "$(dirname "$0")/.."
segments="${1:-10}"
shift || true
tests=("${@:-test_any_bytes_give_text_or_a_clear_error test_repair_is_total_replayable_idempotent_and_keeps_characters}")
for test in ${tests[@]}; do
    for seed in $(seq 1 "$segments"); do
        started=$(date +%s)
        if DOROST_PUBLIC_EXAMPLES=100000 nice -n 19 .venv/bin/python -m pytest -q -p no:cacheprovider \
            "tests/test_properties_public.py::$test" --hypothesis-seed="$seed" >"/tmp/dorost-long-$test-$seed.log" 2>&1; then
            outcome=passed
        else
            outcome="FAILED (see /tmp/dorost-long-$test-$seed.log)"
        fi
        echo "$test seed=$seed examples=100000 seconds=$(( $(date +%s) - started )) $outcome"
    done
done
