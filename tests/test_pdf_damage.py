"""PDFs damaged outside their compressed streams: a cross-reference table, a trailer or an object cut
off or overwritten. Each is either read, with a warning that says the file is damaged, or refused
with one clear line (exit code 3), never read in silence and never a traceback.

The damaged files are made here from the generated PDFs in ``../shared/pdfs/generated/`` by cutting
or overwriting bytes. Chromium and LibreOffice write a classic cross-reference table (pdfminer.six
rebuilds a broken one by scanning the objects); WeasyPrint and XeTeX write a cross-reference stream
(PDFium rebuilds it, where pdfminer.six cannot).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from dorost.errors import InputError
from dorost.inputs.pdf import extract_pdf, fix_pdf

PRODUCERS = ("chromium_prose", "libreoffice_prose", "weasyprint_prose", "xelatex_prose")
#: What each reader says of a cross-reference table it had to rebuild.
SCANNED = "the PDF is damaged: its cross-reference table is missing or broken (rebuilt from the objects)"
BY_PDFIUM = "the PDF is damaged: its cross-reference data or trailer is broken (PDFium rebuilt it)"
REBUILT = {
    "chromium_prose": SCANNED,
    "libreoffice_prose": SCANNED,
    "weasyprint_prose": BY_PDFIUM,
    "xelatex_prose": BY_PDFIUM,
}


def _tail_cut(data: bytes) -> bytes:
    """The file cut before its last ``startxref``: a download that stopped a few bytes short."""
    return data[: data.rindex(b"startxref")]


def _startxref_wrong(data: bytes) -> bytes:
    """The pointer to the cross-reference data pointing into the middle of an object."""
    return data[: data.rindex(b"startxref")] + b"startxref\n123\n%%EOF\n"


def _trailer_garbage(data: bytes) -> bytes:
    """Garbage where the pointer to the cross-reference data should be."""
    return data[: data.rindex(b"startxref")] + b"startxref\n\xff\x00garbage\xfe\n%%EOF\n"


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "tail cut off": _tail_cut,
    "startxref wrong": _startxref_wrong,
    "garbage in the trailer": _trailer_garbage,
}


def _pdf(shared: Path, name: str) -> bytes:
    return (shared / "pdfs" / "generated" / f"{name}.pdf").read_bytes()


def _without_object(data: bytes, pattern: bytes) -> bytes:
    """``data`` with the first whole object whose body matches ``pattern`` blanked out (spaces, so
    that every other object keeps its offset): an object the file refers to and no longer holds."""
    for found in re.finditer(rb"(?m)^\d+ 0 obj\b", data):
        end = data.index(b"endobj", found.start()) + len(b"endobj")
        if re.search(pattern, data[found.start() : end]):
            return data[: found.start()] + b" " * (end - found.start()) + data[end:]
    raise AssertionError(f"no object matches {pattern!r}")


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("name", PRODUCERS)
def test_a_broken_cross_reference_table_is_rebuilt_and_said(shared: Path, name: str, damage: str) -> None:
    data = _pdf(shared, name)
    whole = extract_pdf(data)
    damaged = extract_pdf(DAMAGE[damage](data))
    # Everything is there: the objects were found again, and the user is told the file is damaged.
    assert damaged.text == whole.text and damaged.pages == whole.pages
    assert damaged.warnings == (REBUILT[name],)


@pytest.mark.parametrize("name", PRODUCERS)
def test_bytes_after_the_end_are_no_damage(shared: Path, name: str) -> None:
    # Many writers leave bytes after %%EOF (a second save, padding); readers ignore them.
    data = _pdf(shared, name)
    assert extract_pdf(data + b"\x00\xffGARBAGE" * 100).warnings == ()


@pytest.mark.parametrize("name", ["chromium_prose", "libreoffice_prose"])
def test_a_missing_page_is_said_and_the_others_are_read(shared: Path, name: str) -> None:
    data = _pdf(shared, name)
    whole = extract_pdf(data)
    damaged = extract_pdf(_without_object(data, rb"/Type\s*/Page\b(?!s)"))
    assert damaged.pages == (1, 2, 3)
    assert damaged.text in whole.text and len(damaged.text) < len(whole.text)
    assert "the PDF is damaged: it has 4 pages, but only 3 could be found" in damaged.warnings
    assert "the PDF is damaged: 1 object it refers to is missing, so text may be missing" in damaged.warnings


def _unicode_maps(data: bytes) -> list[int]:
    """The object numbers of the maps to Unicode of the first page's fonts."""
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    page = next(PDFPage.create_pages(document))
    fonts = [resolve1(font) for font in resolve1(page.resources["Font"]).values()]
    return sorted(font["ToUnicode"].objid for font in fonts if "ToUnicode" in font)


def test_a_lost_map_to_unicode_is_said(shared: Path) -> None:
    # A font's map to Unicode is gone (its object's header overwritten): its words come out as glyph
    # numbers, and the user is told why.
    data = _pdf(shared, "weasyprint_prose")
    number = b"%d" % _unicode_maps(data)[0]
    header = re.search(rb"(?m)^%s 0 obj" % number, data)
    assert header is not None
    damaged = data[: header.start()] + b"X" * len(number) + data[header.start() + len(number) :]
    extraction = extract_pdf(damaged)
    assert extraction.text != extract_pdf(data).text
    assert extraction.warnings == ("the PDF is damaged: 1 object it refers to is missing, so text may be missing",)


@pytest.mark.parametrize("name", PRODUCERS)
def test_a_file_cut_in_its_objects_is_refused(shared: Path, name: str) -> None:
    data = _pdf(shared, name)
    with pytest.raises(InputError, match=r"^the PDF is damaged or truncated \(Unexpected EOF\)$"):
        fix_pdf(data[: int(len(data) * 0.95)])


def dorost(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dorost", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("name", ["libreoffice_prose", "weasyprint_prose"])
def test_the_command_line_reads_a_repaired_pdf_with_a_warning(shared: Path, tmp_path: Path, name: str) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(_pdf(shared, name))
    bad.write_bytes(_tail_cut(_pdf(shared, name)))
    whole, damaged = dorost("fix", str(good)), dorost("fix", str(bad))
    assert (damaged.returncode, damaged.stdout) == (0, whole.stdout)
    assert damaged.stderr == f"dorost: warning: {REBUILT[name]}\n"
    checked = dorost("check", str(bad))
    assert checked.returncode == 1 and checked.stderr == damaged.stderr


@pytest.mark.parametrize("command", ["fix", "check"])
def test_the_command_line_refuses_a_pdf_it_cannot_repair(shared: Path, tmp_path: Path, command: str) -> None:
    data = _pdf(shared, "xelatex_prose")
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(data[: int(len(data) * 0.95)])
    done = dorost(command, str(bad))
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == f"dorost: error: {bad}: the PDF is damaged or truncated (Unexpected EOF)\n"
