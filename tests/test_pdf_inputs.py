"""Bad and unusual PDF input: each gives a clear error (exit code 3) or a warning, never a traceback.

The PDFs are built here, byte by byte, by :func:`build_pdf` (Helvetica text, no embedded font);
only the encrypted ones are files (``tests/data/pdf/``, made with ``qpdf --encrypt`` from
``build_pdf([b"BT /F1 24 Tf 72 720 Td (Hello secret) Tj ET"])``).
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")

import dorost
from dorost.errors import InputError
from dorost.inputs import pdf as pdf_front
from dorost.inputs import repair_bytes
from dorost.inputs.pdf import extract_pdf, fix_pdf, parse_pages, triage
from dorost.inputs.pdf import glyphs as pdf_glyphs

DATA = Path(__file__).parent / "data" / "pdf"
ROOT = Path(__file__).resolve().parents[1]


def build_pdf(
    contents: list[bytes],
    *,
    image_pages: frozenset[int] = frozenset(),
    flate: bool = False,
    raw_streams: dict[int, bytes] | None = None,
) -> bytes:
    """A minimal valid PDF: one page per content stream, Helvetica as /F1, a 1×1 image as /Im1.

    ``raw_streams`` gives already-encoded FlateDecode data for some pages (index → bytes).
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    )
    kids: list[int] = []
    for index, content in enumerate(contents):
        if raw_streams and index in raw_streams:
            data, extra = raw_streams[index], b" /Filter /FlateDecode"
        elif flate:
            data, extra = zlib.compress(content), b" /Filter /FlateDecode"
        else:
            data, extra = content, b""
        stream = add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")
        xobject = b" /XObject << /Im1 %d 0 R >>" % image if index in image_pages else b""
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >>%s >> >>" % (pages_id, stream, font, xobject)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def text_page(text: str, y: int = 720) -> bytes:
    return b"BT /F1 12 Tf 72 %d Td (%s) Tj ET" % (y, text.encode("latin-1"))


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "dorost", *args], capture_output=True, input=stdin, timeout=120, cwd=ROOT
    )


# A plain PDF, to know the builder works.


def test_plain_pdf_reads_text_per_page() -> None:
    result = fix_pdf(build_pdf([text_page("Hello world"), text_page("Second page")]))
    assert result.text.split("\n\n") == ["Hello world", "Second page"]
    assert result.pages == (1, 2)
    assert result.warnings == ()


def test_pages_option_selects_pages_and_checks_range() -> None:
    data = build_pdf([text_page(f"Page number {n}") for n in range(1, 6)])
    assert fix_pdf(data, pages="2,4-5").text.split("\n\n") == ["Page number 2", "Page number 4", "Page number 5"]
    with pytest.raises(InputError, match="has 5 pages"):
        fix_pdf(data, pages="7")
    with pytest.raises(InputError, match="2-5"):
        fix_pdf(data, pages="two")


def test_errors_name_the_argument_as_a_python_caller_gave_it() -> None:
    data = build_pdf([text_page(f"Page number {n}") for n in range(1, 6)])
    with pytest.raises(InputError) as refused:
        fix_pdf(data, pages="9")
    assert (str(refused.value), refused.value.option, refused.value.value) == (
        "pages='9': the PDF has 5 pages",
        "pages",
        "9",
    )
    with pytest.raises(InputError) as text:
        repair_bytes("این متن است".encode(), pages="2")
    assert (str(text.value), text.value.option) == ("the pages argument applies only to PDF input", "pages")


def test_parse_pages() -> None:
    assert parse_pages("1,3,7-9", 10) == [1, 3, 7, 8, 9]
    assert parse_pages("8-", 10) == [8, 9, 10]
    assert parse_pages("5-20", 6) == [5, 6]
    with pytest.raises(InputError):
        parse_pages("4-2", 10)
    with pytest.raises(InputError):
        parse_pages("0", 10)


def test_fix_pdf_is_exported_lazily() -> None:
    code = "import sys, dorost; assert 'pdfminer' not in sys.modules; dorost.fix_pdf; print('pdfminer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_path_and_bytes_give_the_same_result(tmp_path: Path) -> None:
    data = build_pdf([text_page("Same either way")])
    path = tmp_path / "doc.bin"  # known by its content, not its name
    path.write_bytes(data)
    assert fix_pdf(path).text == fix_pdf(data).text == dorost.fix_pdf(str(path)).text
    assert repair_bytes(data).text == "Same either way"


# Pages without text.


def test_image_only_page_warns_that_it_needs_ocr() -> None:
    data = build_pdf(
        [text_page("Text here"), b"q 100 0 0 100 72 600 cm /Im1 Do Q", text_page("More text")],
        image_pages=frozenset({1}),
    )
    result = fix_pdf(data)
    assert result.warnings == ("page 2 has no text; it needs OCR",)
    assert result.text.split("\n\n") == ["Text here", "More text"]


def test_many_textless_pages_are_reported_as_ranges() -> None:
    blank = b"q 100 0 0 100 72 600 cm /Im1 Do Q"
    data = build_pdf([blank, blank, blank, text_page("x"), blank], image_pages=frozenset({0, 1, 2, 4}))
    assert fix_pdf(data).warnings == ("pages 1-3, 5 have no text; they need OCR",)


def test_a_blank_page_is_told_as_blank_not_as_a_scan() -> None:
    # It only sets colours, as the back of a title page does in basemax_proceedings_persian.pdf.
    blank = b"q 1 0 0 1 72 769.89 cm 0 G 0 g 0 G 0 g Q"
    data = build_pdf([text_page("Text here"), blank, b"", text_page("More text")], flate=True)
    result = fix_pdf(data)
    assert result.warnings == ("pages 2-3 are blank",)
    assert result.text.split("\n\n") == ["Text here", "More text"]
    # A path painted, an empty text object read as nothing, or an image: no longer known to be blank.
    drawn = b"0 0 100 100 re f"
    shown = b"BT /F1 12 Tf 72 700 Td ( ) Tj ET"
    scans = build_pdf([text_page("x"), drawn, shown, b"q /Im1 Do Q"], image_pages=frozenset({3}))
    assert fix_pdf(scans).warnings == ("pages 2-4 have no text; they need OCR",)


def test_a_blank_page_of_a_real_pdf() -> None:
    pdf = ROOT.parent / "shared" / "pdfs" / "real" / "basemax_proceedings_persian.pdf"
    if not pdf.exists():
        pytest.skip("../shared/pdfs is not here")
    assert extract_pdf(pdf, pages="11-13").warnings == ("page 12 is blank",)


@pytest.mark.parametrize("glyphs", ["auto", "pdfminer"])
def test_a_font_that_maps_glyphs_to_no_text_is_warned_of(glyphs: str) -> None:
    # habibi.pdf as the fuzzer kept it: its Times New Roman maps five Arabic glyphs to nothing and
    # the last to the whole word, its DejaVu Serif maps `h` to `حَبيبي h`. PDFium took the text of
    # the five from the font program (`abibiϲΒϴΒ…`, Greek letters) and said nothing.
    extraction = extract_pdf(DATA / "fuzz" / "slow-unit-47944e737fa4.pdf", glyphs=glyphs)  # type: ignore[arg-type]
    assert extraction.warnings == (
        "page 1 uses a font that maps some glyphs to no text, so words may be missing, out of order or repeated",
    )
    assert extraction.stats["pdfminer"] == 1
    assert not any("\u0370" <= ch <= "\u03ff" for ch in extraction.text)


def test_a_font_that_maps_glyphs_to_the_noncharacter_gives_no_made_up_text() -> None:
    # pdf.js's arial_unicode_ab_cidfont.pdf (NeoOffice): its ToUnicode maps four Arabic glyphs to
    # U+FFFF. PDFium took each glyph's code for its text and gave `᧒ᥱᦎᦫ` (New Tai Lue and Buginese
    # letters) without a word of warning; there is no text to read, and the reader is told so.
    pdf = ROOT.parent / "shared" / "pdfs" / "real" / "pdfjs_arial_unicode_ab_cidfont.pdf"
    if not pdf.exists():
        pytest.skip("../shared/pdfs is not here")
    extraction = extract_pdf(pdf)
    assert extraction.text == ""
    assert "page 1 has no text; it needs OCR" in extraction.warnings


@pytest.mark.parametrize(
    ("cmap", "no_text"),
    [
        (b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <1971> <1971> <ffff> endbfrange", True),
        (
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange",
            False,
        ),
        (b"2 beginbfchar <0041> <0627> <0042> <FFFD> endbfchar", True),
        (b"2 beginbfchar <0041> <0627> <FFFF> <0628> endbfchar", False),
        (b"1 beginbfchar <03f2> <> endbfchar", True),
        (b"1 beginbfrange <0041> <0042> [<0627> <fffd>] endbfrange", True),
        (b"2 beginbfrange <0041> <0042> [<0627> <0628>] <0050> <0050> <062d064e0020> endbfrange", False),
    ],
)
def test_which_tounicode_maps_give_a_glyph_no_text(cmap: bytes, no_text: bool) -> None:
    # A code of FFFF, or a range that ends at FFFF, is a glyph like any other; only a text that
    # is empty, U+FFFF or U+FFFD says the glyph has none, and the .notdef glyph (code 0), which
    # XeTeX maps to U+FFFF, is never painted.
    assert triage._maps_to_no_text(cmap) is no_text


# Unreadable files: a clear InputError.


def test_zero_pages_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no pages"):
        fix_pdf(build_pdf([]))


@pytest.mark.parametrize("share", [0.2, 0.5, 0.8])
def test_truncated_pdf_is_an_input_error(share: float) -> None:
    data = (ROOT.parent / "shared" / "pdfs" / "generated" / "weasyprint_prose.pdf").read_bytes()
    with pytest.raises(InputError, match="damaged or truncated"):
        fix_pdf(data[: int(len(data) * share)])


def test_not_a_pdf() -> None:
    with pytest.raises(InputError, match="not a PDF"):
        extract_pdf(b"hello, this is text")


def test_encrypted_pdf_needs_its_password() -> None:
    data = (DATA / "encrypted.pdf").read_bytes()
    with pytest.raises(InputError) as refused:
        fix_pdf(data)
    assert (str(refused.value), refused.value.option) == (
        "the PDF is encrypted; give its password with the password argument",
        "password",
    )
    with pytest.raises(InputError, match="password is wrong"):
        fix_pdf(data, password="guess")
    assert fix_pdf(data, password="secret").text == "Hello secret"


def test_encrypted_pdf_without_user_password_opens() -> None:
    assert fix_pdf((DATA / "owner-only.pdf").read_bytes()).text == "Hello secret"


# Damaged files: a compressed stream cut short or corrupt is told as damage, not as a scan.


def _lines_page(count: int) -> bytes:
    lines = b" 0 -14 Td ".join(b"(Line %d of the second page) Tj" % n for n in range(1, count + 1))
    return b"BT /F1 12 Tf 72 720 Td " + lines + b" ET"


def _damaged(packed: bytes, how: str) -> bytes:
    if how == "cut":
        return packed[: len(packed) // 2]
    middle = len(packed) // 2  # a run of zeros, as a disk or a download leaves
    return packed[:middle] + bytes(40) + packed[middle + 40 :]


@pytest.mark.parametrize("glyphs", ["auto", "pdfminer"])
@pytest.mark.parametrize("how", ["cut", "zeroed"])
def test_a_corrupt_content_stream_is_damage_and_the_other_pages_keep_their_text(how: str, glyphs: str) -> None:
    packed = zlib.compress(_lines_page(40), 9)
    data = build_pdf([text_page("First page"), b"", text_page("Third page")], raw_streams={1: _damaged(packed, how)})
    extraction = extract_pdf(data, glyphs=glyphs)  # type: ignore[arg-type]
    assert extraction.text.startswith("First page\n") and extraction.text.endswith("\nThird page")
    assert extraction.pages == (1, 2, 3)
    assert "the PDF is damaged: page 2 uses a stream that is cut short or corrupt, so text may be missing" in (
        extraction.warnings
    )
    assert not any(warning.endswith("it needs OCR") and "damage" not in warning for warning in extraction.warnings)


def test_a_stream_without_its_checksum_is_no_damage() -> None:
    # Some writers end a Flate stream after its last block, without zlib's 4-byte checksum.
    page = _lines_page(3)
    whole = extract_pdf(build_pdf([page], flate=True))
    unchecked = extract_pdf(build_pdf([page], raw_streams={0: zlib.compress(page, 9)[:-4]}))
    assert (unchecked.text, unchecked.warnings) == (whole.text, ())
    assert unchecked.text.startswith("Line 1 of the second page")


def test_a_scan_is_still_told_to_need_ocr() -> None:
    scan = build_pdf([text_page("Words"), b"q 100 0 0 100 72 600 cm /Im1 Do Q"], image_pages=frozenset({1}), flate=True)
    assert extract_pdf(scan).warnings == ("page 2 has no text; it needs OCR",)


# Hostile files: bounded memory and time per page.


def _bomb(size: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [packer.compress(chunk) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()


def test_decompression_bomb_is_refused_with_bounded_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_front, "STREAM_BYTES", 8 << 20)
    bomb = _bomb(64 << 20)  # 64 MB of spaces in about 64 KB
    data = build_pdf([text_page("Before"), b""], raw_streams={1: bomb})
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="page 2 cannot be read safely: a stream inflates to more than"):
            fix_pdf(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * pdf_front.STREAM_BYTES


def test_endless_content_stream_is_stopped_by_the_page_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_front, "PAGE_SECONDS", 0.3)
    endless = b"0 0 m 1 1 l S\n" * 400_000  # 5.6 MB of path operators
    with pytest.raises(InputError, match="page 1 cannot be read safely: reading it took too long"):
        fix_pdf(build_pdf([endless], flate=True))


def test_oversized_content_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_glyphs, "PAGE_CONTENT_BYTES", 1 << 20)
    with pytest.raises(InputError, match="content streams exceed"):
        fix_pdf(build_pdf([b"q Q " * 300_000], flate=True))


def test_deep_nesting_is_an_input_error() -> None:
    nested = b"[" * 50_000 + b"]" * 50_000
    data = build_pdf([text_page("Fine"), b"BT /F1 12 Tf 72 700 Td " + nested + b" TJ ET"])
    try:
        result = fix_pdf(data)
    except InputError as error:
        assert "page 2" in str(error)
    else:
        assert result.text.startswith("Fine")


def test_many_pages_stream_with_memory_of_one_page() -> None:
    count = 400
    data = build_pdf([text_page(f"Line on page {n}") for n in range(1, count + 1)], flate=True)
    tracemalloc.start()
    try:
        result = extract_pdf(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.pages == tuple(range(1, count + 1))
    assert result.text.count("Line on page") == count
    assert result.page_at(result.text.index("page 345")) == 345
    assert peak < 40 * 1024 * 1024, peak


# The command line: exit code 3 and one clear line, never a traceback.


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("truncated", "damaged or truncated"),
        ("encrypted", ": the PDF is encrypted; give its password with --password\n"),
        ("empty", "no pages"),
    ],
)
def test_cli_bad_pdf_exits_3(tmp_path: Path, name: str, expected: str) -> None:
    if name == "truncated":
        data = build_pdf([text_page("Hello")])[:200]
    elif name == "encrypted":
        data = (DATA / "encrypted.pdf").read_bytes()
    else:
        data = build_pdf([])
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    done = run_cli("fix", str(path))
    assert done.returncode == 3
    stderr = done.stderr.decode()
    assert expected in stderr
    assert "Traceback" not in stderr


def test_cli_password_and_pages(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes((DATA / "encrypted.pdf").read_bytes())
    done = run_cli("fix", str(path), "--password", "secret", "--pages", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip() == "Hello secret"


def test_cli_errors_name_the_flags_typed(tmp_path: Path) -> None:
    path = tmp_path / "five.pdf"
    path.write_bytes(build_pdf([text_page(f"Page number {n}") for n in range(1, 6)]))
    done = run_cli("fix", str(path), "--pages", "9")
    assert (done.returncode, done.stderr.decode()) == (3, f"dorost: error: {path}: --pages 9: the PDF has 5 pages\n")
    text = tmp_path / "a.txt"
    text.write_text("این متن است", encoding="utf-8")
    done = run_cli("fix", str(text), "--pages", "2")
    assert (done.returncode, done.stderr.decode()) == (3, f"dorost: error: {text}: --pages applies only to PDF input\n")


def test_cli_warns_about_pages_without_text(tmp_path: Path) -> None:
    # A PDF with no text at all is an error (tests/test_cli_hostile.py); one scanned page is a warning.
    path = tmp_path / "scan.pdf"
    path.write_bytes(build_pdf([text_page("Hello"), b"q 100 0 0 100 72 600 cm /Im1 Do Q"], image_pages=frozenset({1})))
    done = run_cli("fix", str(path))
    assert done.returncode == 0
    assert "page 2 has no text; it needs OCR" in done.stderr.decode()
