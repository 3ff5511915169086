"""Coverage-guided fuzzing of the text front end and the pipeline (atheris).

    python fuzz/build_corpus.py
    python fuzz/fuzz_text.py fuzz/corpus/text -max_total_time=600 -report_slow_units=2 \
        -artifact_prefix=fuzz/crashes/text-

Each input is read as bytes (the command line's path: decoding by the rule, then the repair) and,
from the same data, as a Unicode string given straight to the library. A crash is any exception
other than dorost's own clear input errors, or a broken promise: edits that do not replay, a
second repair that changes the text again, an edit outside the input. Copy what it reports to
tests/data/fuzz/ (tests/test_fuzz_text_crashes.py checks every input there).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["dorost"]):
    from dorost import DorostError, repair, replay
    from dorost.inputs import repair_bytes
    from dorost.inputs.text import is_pdf


def check(original: str) -> None:
    result = repair(original)
    assert replay(original, result.edits) == result.text, "edits do not replay"
    assert all(0 <= e.start <= e.end <= len(original) for e in result.edits), "edit outside the input"
    assert repair(result.text).text == result.text, "not idempotent"


def test_one_input(data: bytes) -> None:
    if not is_pdf(data):
        try:
            result = repair_bytes(data)
        except DorostError:
            pass
        else:
            assert replay(result.original, result.edits) == result.text, "edits do not replay"
    provider = atheris.FuzzedDataProvider(data)
    check(provider.ConsumeUnicode(len(data)))


def main() -> None:
    # The language model loads on the first repair; done here, it is not charged to the first input
    # (which libFuzzer would otherwise report as a slow unit).
    repair("\u0633\u0644\u0627\u0645 \u062f\u0646\u06cc\u0627")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
