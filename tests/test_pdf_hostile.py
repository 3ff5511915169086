"""Hostile geometry: PDFs that ``fuzz/fuzz_pdf.py`` found slow, and the bounds that fixed them.

The fuzzed files are in ``tests/data/pdf/fuzz/`` (libFuzzer's ``slow-unit-*`` artifacts, renamed).
Two of them paint a line of Persian text 22 million points left of the page: column detection
(:func:`~dorost.inputs.pdf.layout.find_gutters`) used one bin per point of the text width and
took 7 to 9 seconds, and a page a little wider would have asked for gigabytes.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

pytest.importorskip("pdfminer")

from tests.test_pdf_inputs import build_pdf

from dorost import fix_pdf, replay
from dorost.inputs.pdf.glyphs import Glyph
from dorost.inputs.pdf.layout import GUTTER_BINS, Line, find_gutters, group_lines, page_lines

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


# Work per glyph: the lines of dorost's PDF code that run, counted with a trace function (the
# same on a loaded machine as on an idle one). Four times the glyphs must cost about four
# times the lines; a step that is quadratic costs sixteen.


def executed_lines(action: Callable[[], object]) -> int:
    """How many lines of ``dorost/inputs/pdf/`` run while ``action`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def spy(frame: FrameType, event: str, arg: Any) -> Any:
        return local if PDF_CODE in frame.f_code.co_filename else None

    sys.settrace(spy)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


PDF_CODE = str(Path("dorost", "inputs", "pdf"))


def growth(page: Callable[[int], list[Glyph]], small: int = 500) -> float:
    """Lines run for ``4 × small`` glyphs over lines run for ``small``."""
    few = executed_lines(lambda: page_lines(page(small), True))
    many = executed_lines(lambda: page_lines(page(4 * small), True))
    return many / few


def brackets_on_one_line(count: int) -> list[Glyph]:
    # No letter on the line: each bracket's context was looked for over all the others.
    return [Glyph("(", 6.0 * i, 6.0 * i + 6.0, 100.0, SIZE) for i in range(count)]


def marks_on_one_line(count: int) -> list[Glyph]:
    # A fatha on every beh: the line's glyph positions were listed again for every mark.
    out: list[Glyph] = []
    for i in range(count):
        out.append(Glyph("\u0628", 6.0 * i, 6.0 * i + 6.0, 100.0, SIZE))
        out.append(Glyph("\u064e", 6.0 * i + 1, 6.0 * i + 4.0, 104.0, SIZE))
    return out


def marks_on_many_lines(count: int) -> list[Glyph]:
    # One marked letter per line: every mark was weighed against every line.
    out: list[Glyph] = []
    for i in range(count):
        out.append(Glyph("\u0628", 0.0, 6.0, 100.0 + 20 * i, SIZE))
        out.append(Glyph("\u064e", 1.0, 4.0, 104.0 + 20 * i, SIZE))
    return out


@pytest.mark.parametrize("page", [brackets_on_one_line, marks_on_one_line, marks_on_many_lines])
def test_page_reconstruction_is_linear_in_glyphs(page: Callable[[int], list[Glyph]]) -> None:
    assert growth(page) < 6


def test_marks_still_join_their_letters() -> None:
    (line,) = page_lines(marks_on_one_line(3), True).blocks[0]
    assert line.logical.resolve(mirror=False) == "\u0628\u064e" * 3


def test_brackets_on_a_long_line_are_read_by_pdfium_in_linear_time() -> None:
    # PDFium mirrors brackets in right-to-left segments and dorost undoes it: finding each
    # bracket's segment walked back over the whole line (4,000 brackets took 10 s).
    pytest.importorskip("pypdfium2")
    from dorost.inputs.pdf.pdfium import PdfiumDocument

    def read(count: int) -> None:
        data = build_pdf([b"BT /F1 12 Tf 10 700 Td (" + b"\\(" * count + b") Tj ET"])
        document = PdfiumDocument(data, None)
        try:
            assert len(document.page_glyphs(1).glyphs) == count
        finally:
            document.close()

    assert executed_lines(lambda: read(2000)) / executed_lines(lambda: read(500)) < 6
