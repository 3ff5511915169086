"""The fast glyph source (PDFium through pypdfium2) and the per-page triage that guards it.

PDFium reads the pages it reads right (XeTeX, Word, the pdfTeX/LibreOffice 3.5 real PDFs); pages
with ``/ActualText`` (Chromium, LibreOffice 7) or WeasyPrint's empty-string ZWNJ go to
pdfminer.six, and so does anything big or unusual. Both sources feed one reconstruction.
"""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

pytest.importorskip("pdfminer")
pytest.importorskip("pypdfium2")

from tests.test_pdf_inputs import build_pdf, text_page
from tests.test_pdf_producers import word_error_rate, words

from dorost.inputs.pdf import _document, _pages, extract_pdf
from dorost.inputs.pdf.glyphs import digit_fixes
from dorost.inputs.pdf.triage import WRONG_DIGITS, Triage

T = TypeVar("T")

PDFS = Path(__file__).resolve().parents[2] / "shared" / "pdfs"
GENERATED = PDFS / "generated"
ZWNJ = "\u200c"
ROOT = Path(__file__).resolve().parents[1]

needs_pdfs = pytest.mark.skipif(not GENERATED.exists(), reason="../shared/pdfs is not available")


def reasons(data: bytes) -> list[str | None]:
    """The triage's verdict on each page of ``data``."""
    triage = Triage()
    with io.BytesIO(data) as stream:
        document = _document(stream, None)
        return [triage.interpreter_reason(page) for page in _pages(document)]


@needs_pdfs
@pytest.mark.parametrize("name", ["xelatex_prose", "xelatex_2col"])
def test_fast_path_meets_the_word_error_rate_target(name: str) -> None:
    """XeTeX pages go through PDFium, and reach the same targets as through pdfminer.six."""
    pdf = GENERATED / f"{name}.pdf"
    gold = pdf.with_suffix(".gt.txt").read_text(encoding="utf-8")
    fast = extract_pdf(pdf)
    assert fast.stats["pdfium"] == fast.stats["pages"] and fast.stats["pdfminer"] == 0
    assert word_error_rate(words(gold), words(fast.text)) <= 0.02
    assert fast.text.count(ZWNJ) >= 0.95 * gold.count(ZWNJ)
    assert "علاقه" in unicodedata.normalize("NFKC", fast.text)  # lam-alef in logical order


@needs_pdfs
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("chromium_prose", "ActualText"),
        ("libreoffice_2col", "ActualText"),
        ("weasyprint_prose", "empty strings (ZWNJ)"),
    ],
)
def test_pages_pdfium_would_read_wrong_fall_back(name: str, reason: str) -> None:
    pdf = GENERATED / f"{name}.pdf"
    assert set(reasons(pdf.read_bytes())) == {reason}
    extraction = extract_pdf(pdf)
    assert extraction.stats["pdfium"] == 0
    assert extraction.stats["pdfminer"] == extraction.stats["pages"]


@needs_pdfs
@pytest.mark.parametrize("name", ["aut_main.pdf", "xrs_Vahid-Proposal.pdf", "fod_README-fa.pdf"])
def test_brackets_come_out_as_through_pdfminer(name: str) -> None:
    """PDFium mirrors brackets in right-to-left segments; that is undone, so both sources agree."""
    fast = extract_pdf(PDFS / "real" / name)
    slow = extract_pdf(PDFS / "real" / name, glyphs="pdfminer")
    assert fast.stats["pdfium"] > 0
    brackets = "()[]{}"
    assert [ch for ch in fast.text if ch in brackets] == [ch for ch in slow.text if ch in brackets]
    assert fast.mirrored == slow.mirrored


def test_pdfminer_only_on_request() -> None:
    data = build_pdf([text_page("Plain text"), text_page("More")])
    assert extract_pdf(data).stats["pdfium"] == 2
    slow = extract_pdf(data, glyphs="pdfminer")
    assert slow.stats["pdfium"] == 0 and slow.text == extract_pdf(data).text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"BT /F1 12 Tf 72 720 Td (Plain) Tj ET", None),
        (b"/Span <</ActualText (x)>> BDC BT /F1 12 Tf 72 720 Td (y) Tj ET EMC", "ActualText"),
        (b"BT /F1 12 Tf 72 720 Td [(ab) 0 () 0.0 (cd)] TJ ET", "empty strings (ZWNJ)"),
        (b"BT /F1 12 Tf 72 720 Td [<0041>0<>0<0042>] TJ ET", "empty strings (ZWNJ)"),
        (b"BT /F1 12 Tf 72 720 Td [(ab) -250 () 120 (cd)] TJ ET", None),  # empty, then a real move
        (b"BT /F1 12 Tf 72 720 Td [(a\\(\\)) (b)] TJ ET", None),  # escaped parentheses
        (b"BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI BT /F1 12 Tf 72 720 Td (x) Tj ET", "inline image"),
    ],
)
def test_triage_reads_the_content_stream(content: bytes, reason: str | None) -> None:
    assert reasons(build_pdf([content])) == [reason]


def test_triage_finds_actual_text_in_page_properties() -> None:
    data = build_pdf([b"/Span /P0 BDC BT /F1 12 Tf 72 720 Td (y) Tj ET EMC"])
    data = data.replace(b"/Resources << /Font", b"/Resources << /Properties << /P0 << /ActualText (x) >> >> /Font")
    assert reasons(data) == ["ActualText"]


def test_large_content_goes_to_the_guarded_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    from dorost.inputs.pdf import triage

    monkeypatch.setattr(triage, "FAST_CONTENT_BYTES", 1000)
    data = build_pdf([text_page("Short"), b"q Q " * 1000 + text_page("Long")], flate=True)
    assert reasons(data) == [None, "large content"]
    extraction = extract_pdf(data)
    assert extraction.stats["pdfium"] == 1 and extraction.stats["pdfminer"] == 1
    assert extraction.text.split("\n\n") == ["Short", "Long"]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc to read peak memory")
def test_image_bomb_is_not_inflated_by_the_fast_path() -> None:
    """PDFium reads text without decoding images: a 256 MB image bomb costs no memory."""
    code = (
        "import sys, zlib\n"
        "sys.path.insert(0, '.')\n"
        "from tests.test_pdf_inputs import build_pdf, text_page\n"
        "from dorost.inputs.pdf import extract_pdf\n"
        "packer = zlib.compressobj(9)\n"
        "bomb = b''.join(packer.compress(bytes(1 << 20)) for _ in range(256)) + packer.flush()\n"
        "page = text_page('Hello image') + b' q 100 0 0 100 72 600 cm /Im1 Do Q'\n"
        "data = build_pdf([page], image_pages=frozenset({0}))\n"
        "old = b'/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\\nstream\\n\\x80'\n"
        "new = (b'/Width 16384 /Height 16384 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode'\n"
        "       b' /Length %d >>\\nstream\\n' % len(bomb) + bomb)\n"
        "assert old in data\n"
        "result = extract_pdf(data.replace(old, new))\n"
        # VmHWM: this process's peak resident memory (ru_maxrss would include the forking parent's).
        "peak = next(line for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
        "print(result.text, result.stats['pdfium'], int(peak.split()[1]) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text, pdfium_pages, megabytes = done.stdout.rsplit(" ", 2)
    assert text == "Hello image" and pdfium_pages == "1"
    assert int(megabytes) < 200


def test_content_bomb_is_refused_before_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    from dorost.errors import InputError
    from dorost.inputs import pdf as pdf_front

    monkeypatch.setattr(pdf_front, "STREAM_BYTES", 4 << 20)
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b" " * (1 << 20)) for _ in range(32)) + packer.flush()
    data = build_pdf([text_page("Before"), b""], raw_streams={1: bomb})
    with pytest.raises(InputError, match="page 2 cannot be read safely: a stream inflates to more than"):
        extract_pdf(data)


def test_hyphen_at_line_end_is_kept() -> None:
    """PDFium reports a hyphen that ends a line as U+0002; it is a painted hyphen."""
    page = b"BT /F1 12 Tf 72 720 Td (A word broken by a hyph-) Tj 0 -14 Td (enation here.) Tj ET"
    extraction = extract_pdf(build_pdf([page]))
    assert extraction.stats["pdfium"] == 1
    assert extraction.text == extract_pdf(build_pdf([page]), glyphs="pdfminer").text
    assert "hyph-" in extraction.text


def _per_glyph(data: bytes, read: Callable[[Any], T]) -> tuple[list[T], list[T]]:
    """What ``read`` gives for each visible glyph of page 1, from PDFium and from pdfminer.six."""
    import time

    from pdfminer.pdfinterp import PDFResourceManager

    from dorost.inputs.pdf.glyphs import GlyphDevice, GuardedInterpreter
    from dorost.inputs.pdf.pdfium import PdfiumDocument

    fast = PdfiumDocument(data, None)
    try:
        quick = [read(g) for g in fast.page_glyphs(1).glyphs if g.text.strip()]
    finally:
        fast.close()
    manager = PDFResourceManager()
    device = GlyphDevice(manager)
    with io.BytesIO(data) as stream:
        page = next(_pages(_document(stream, None)))
        device.start_page(time.monotonic() + 30)
        GuardedInterpreter(manager, device).process_page(page)
    return quick, [read(g) for g in device.glyphs if g.text.strip()]


def _sizes(data: bytes) -> tuple[list[float], list[float]]:
    """The font size of each visible glyph of page 1, from PDFium and from pdfminer.six."""
    return _per_glyph(data, lambda glyph: round(glyph.size, 2))


@pytest.mark.parametrize(
    "content",
    [
        b"BT /F1 12 Tf 72 720 Td (Plain) Tj ET",
        # Chromium and WeasyPrint: CSS pixels under a matrix of 0.75 (16 px = 12 pt).
        b"0.75 0 0 0.75 0 0 cm BT /F1 16 Tf 96 960 Td (Plain) Tj ET",
        # A size of 1 and the scale in the text matrix (pdfjs_ArabicCIDTrueType.pdf sets 36 so).
        b"BT /F1 1 Tf 12 0 0 12 72 720 Tm (Plain) Tj ET",
    ],
)
def test_font_sizes_are_in_page_units_from_both_sources(content: bytes) -> None:
    """Every width the layout measures in font sizes (a word space, a line of prose) needs the
    size the glyph is painted at, whichever source read the page."""
    quick, slow = _sizes(build_pdf([content]))
    assert quick == slow == [12.0] * 5


@needs_pdfs
def test_narrow_word_spaces_of_the_content_are_kept() -> None:
    """pdfjs_ArabicCIDTrueType.pdf: four lines of one title in four fonts; a condensed one's
    word spaces are 0.15 of its 36-point size, and PDFium boxes the spaces at nothing."""
    extraction = extract_pdf(PDFS / "real" / "pdfjs_ArabicCIDTrueType.pdf")
    assert extraction.stats["pdfium"] == 1
    lines = [line for line in extraction.text.splitlines() if line]
    assert lines == ["انواع الخطوط العربية"] * 4


def _weights(data: bytes) -> tuple[list[bool], list[bool]]:
    """Whether each visible glyph of page 1 is bold, from PDFium and from pdfminer.six."""
    return _per_glyph(data, lambda glyph: glyph.bold)


def test_synthetic_bold_is_read_alike_from_both_sources() -> None:
    """Word's bold for a font with no bold face fills and strokes the glyphs (rendering mode 2,
    fod_README-fa.pdf's headings); mode 1 strokes only (an outline) and is no bold."""
    content = b"BT /F1 12 Tf 72 720 Td (Plain) Tj 0.4 w 2 Tr (Bold) Tj 1 Tr (Edge) Tj 0 Tr (Plain) Tj ET"
    quick, slow = _weights(build_pdf([content]))
    assert quick == slow == [False] * 5 + [True] * 4 + [False] * 9


def _font_program(mapping: dict[str, int]) -> bytes:
    """A TrueType program whose ``cmap`` gives each character in ``mapping`` its glyph number, empty
    glyphs up to the highest, as Word's subsets carry (made with fontTools)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    order = [".notdef", *(f"glyph{number}" for number in range(1, max(mapping.values()) + 1))]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({ord(char): order[number] for char, number in mapping.items()})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf(dict.fromkeys(order, empty))
    builder.setupHorizontalMetrics(dict.fromkeys(order, (500, 0)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    program = io.BytesIO()
    builder.save(program)
    return program.getvalue()


def test_digits_the_font_itself_contradicts_are_read_as_the_font_draws_them() -> None:
    # faragate_Farsi.pdf (Word 2013, Calibri): ToUnicode reads glyphs 0x3F5 and 0x3F1 as 5 and 9,
    # the font's own cmap gives them to 9 and 5, and the page shows `مرداد 95` and `5 پارامتر`.
    font = _font_program({"0": 0x3EC, "1": 0x3ED, "2": 0x3EE, "3": 0x3EF, "5": 0x3F1, "9": 0x3F5})
    words = {0x3EC: "2", 0x3ED: "1", 0x3EE: "0", 0x3EF: "3", 0x3F1: "9", 0x3F5: "5", 0x10: "A"}
    assert digit_fixes(words, font) == {0x3EC: "0", 0x3EE: "2", 0x3F1: "5", 0x3F5: "9"}
    # Only a whole permutation is trusted: a map that agrees, a digit the font does not have,
    # glyph numbers that are not the codes, a program cut short or without a cmap change nothing.
    assert digit_fixes({0x3EC: "0", 0x3F5: "9"}, font) == {}
    assert digit_fixes({**words, 0x3F0: "4"}, font) == {}
    assert digit_fixes({code + 1: text for code, text in words.items()}, font) == {}
    assert digit_fixes(words, font[:40]) == {}
    assert digit_fixes(words, font.replace(b"cmap", b"xxxx")) == {}
    pdf = PDFS / "real" / "faragate_Farsi.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not available")
    assert set(reasons(pdf.read_bytes())) == {WRONG_DIGITS}
    text = extract_pdf(pdf).text
    assert "مرداد 95" in text and "Apache نسخه 2.0" in text and "دارای 5 پارامتر ضروری" in text
