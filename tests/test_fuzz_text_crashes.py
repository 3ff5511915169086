"""Every input that fuzz/fuzz_text.py reported (a crash, a broken promise or a slow unit), kept in
tests/data/fuzz/ under libFuzzer's name (fuzz/crashes/ itself is not committed), checked as the
target checks it, within a time bound.

The target reads each input twice: as bytes (the command line's path: decoding by the rule, then the
repair) and as a Unicode string given straight to ``repair``. Here the string is the input decoded
as UTF-8 (bad bytes replaced) and as Latin-1 (every byte a character), and, where atheris is
installed, the very string the fuzzer made of it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dorost import DorostError, repair, replay
from dorost.inputs import repair_bytes

FOUND = sorted((Path(__file__).parent / "data" / "fuzz").glob("text-*"))
# libFuzzer reports a unit as slow past 10 s; each of these now takes well under a second.
CPU_SECONDS = 5.0


def check_text(original: str) -> None:
    result = repair(original)
    assert replay(original, result.edits) == result.text, "edits do not replay"
    assert all(0 <= edit.start <= edit.end <= len(original) for edit in result.edits), "edit outside the input"
    assert repair(result.text).text == result.text, "not idempotent"


def as_strings(data: bytes) -> list[str]:
    strings = [data.decode("utf-8", errors="replace"), data.decode("latin-1")]
    try:
        import atheris
    except ImportError:
        return strings
    return [*strings, atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))]


def test_the_found_inputs_are_kept() -> None:
    assert len(FOUND) >= 3


@pytest.mark.parametrize("path", FOUND, ids=lambda path: path.name)
def test_a_found_input_is_repaired_within_its_promises_and_time(path: Path) -> None:
    data = path.read_bytes()
    repair("گرم کردن")  # the language model is loaded once, outside the measured time
    started = time.process_time()
    try:
        result = repair_bytes(data)
    except DorostError as error:
        assert str(error)  # a clear input error, not a crash
    else:
        assert replay(result.original, result.edits) == result.text, "edits do not replay"
        assert repair(result.text).text == result.text, "not idempotent"
    for text in as_strings(data):
        check_text(text)
    assert time.process_time() - started < CPU_SECONDS
