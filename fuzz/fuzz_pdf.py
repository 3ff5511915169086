"""Coverage-guided fuzzing of the PDF front end (atheris).

    python fuzz/build_corpus.py
    python fuzz/fuzz_pdf.py fuzz/corpus/pdf -max_total_time=600 -rss_limit_mb=2048 -artifact_prefix=fuzz/crashes/

Every input is given to the PDF front end (a ``%PDF-`` header is put in front when the mutation
lost it). A crash is any exception other than dorost's clear input errors (damaged, encrypted,
too large...), a result whose edits do not replay, or running past libFuzzer's time and memory
limits (``-timeout``, ``-rss_limit_mb``): a hostile PDF must be refused in bounded time and memory.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["dorost"]):
    from dorost import DorostError, replay
    from dorost.inputs import repair_bytes
    from dorost.inputs.text import is_pdf


def test_one_input(data: bytes) -> None:
    if not is_pdf(data):
        data = b"%PDF-1.7\n" + data
    try:
        result = repair_bytes(data)
    except DorostError:
        return
    assert replay(result.original, result.edits) == result.text, "edits do not replay"


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
