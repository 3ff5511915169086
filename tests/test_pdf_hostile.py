"""Hostile geometry: PDFs that ``fuzz/fuzz_pdf.py`` found slow, and the bounds that fixed them.

The fuzzed files are in ``tests/data/pdf/fuzz/`` (libFuzzer's ``slow-unit-*`` artifacts, renamed).
Two of them paint a line of Persian text 22 million points left of the page: column detection
(:func:`~dorost.inputs.pdf.layout.find_gutters`) used one bin per point of the text width and
took 7 to 9 seconds, and a page a little wider would have asked for gigabytes.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")

from dorost import fix_pdf, replay
from dorost.inputs.pdf.glyphs import Glyph
from dorost.inputs.pdf.layout import GUTTER_BINS, Line, find_gutters, group_lines

FUZZED = Path(__file__).resolve().parent / "data" / "pdf" / "fuzz"
SIZE = 10.0
#: A Persian word of five letters (کتابی), painted one glyph per letter.
WORD = "\u06a9\u062a\u0627\u0628\u06cc"


def two_columns(rows: int = 30, stray: float | None = None) -> list[Line]:
    """Lines of a two-column page (text at 72–270 and 310–540 points), and optionally one
    more line whose glyph sits at ``stray``."""
    glyphs: list[Glyph] = []
    for row in range(rows):
        baseline = 700.0 - 14 * row
        for start, stop in ((72.0, 270.0), (310.0, 540.0)):
            x = start
            while x + 6 <= stop:
                for letter in WORD:
                    glyphs.append(Glyph(letter, x, x + 6.0, baseline, SIZE))
                    x += 6.0
                x += 3.0  # a word space
    if stray is not None:
        glyphs.append(Glyph(WORD[0], stray, stray + 6.0, 700.0 - 14 * rows, SIZE))
    return group_lines(glyphs)


def test_two_columns_are_found() -> None:
    (gutter,) = find_gutters(two_columns())
    assert 270 < gutter < 310


@pytest.mark.parametrize("stray", [-22357642.0, 1.0e9, 1.0e15])
def test_a_glyph_far_off_the_page_costs_bounded_memory(stray: float) -> None:
    # The work of find_gutters is its bins: one list entry each. Before the bound, a glyph
    # 22 million points away made 22 million bins in each of three lists (about 500 MB).
    lines = two_columns(stray=stray)
    tracemalloc.start()
    try:
        find_gutters(lines)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * (GUTTER_BINS + 1) * 8  # a handful of lists of GUTTER_BINS entries


def test_glyphs_at_infinity_find_no_gutter() -> None:
    assert find_gutters(two_columns(stray=float("inf"))) == []


@pytest.mark.parametrize("path", sorted(FUZZED.glob("slow-unit-*.pdf")), ids=lambda p: p.stem)
def test_fuzzed_slow_units_are_read_quickly(path: Path) -> None:
    # Each took 7 s or more (9 s for the two 19 KB files) and takes well under a second now;
    # 5 s leaves room for a loaded machine.
    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        data = b"%PDF-1.7\n" + data  # as fuzz/fuzz_pdf.py gives it
    start = time.process_time()
    result = fix_pdf(data)
    elapsed = time.process_time() - start
    assert elapsed < 5.0, f"{path.name}: {elapsed:.1f} s"
    assert any("\u0600" <= ch <= "\u06ff" for ch in result.text)  # Persian text came out
    assert replay(result.original, result.edits) == result.text
