"""The bad-input catalogue for PDFs, beyond tests/test_pdf_inputs.py (which covers truncated,
encrypted, image-only, zero-page and bomb files through the library with lowered limits).

Here: a real decompression bomb (256 MB of spaces in 250 KB) through the command
line with the default limits, in a child process whose peak memory is measured; and the
10,000-page file (with ``DOROST_SLOW_TESTS=1``: about a minute).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")

from dorost.inputs import repair_bytes
from test_pdf_inputs import build_pdf, text_page


def _bomb(size: int) -> bytes:
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    return b"".join(packer.compress(block) for _ in range(size >> 20)) + packer.flush()


def test_a_bomb_is_refused_by_the_command_line_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "bomb.pdf"
    source.write_bytes(build_pdf([text_page("Before"), b""], raw_streams={1: _bomb(256 << 20)}))
    assert source.stat().st_size < 1 << 20
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-m", "dorost", "fix", str(source)], capture_output=True, text=True, timeout=300, check=False
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert done.returncode == 3, done.stderr
    assert "page 2 cannot be read safely: a stream inflates to more than" in done.stderr
    assert "Traceback" not in done.stderr
    if peak > before * 1024:  # the child set a new peak for this process's children: bound it
        assert peak < 600 * 1024**2, peak


@pytest.mark.skipif(not os.environ.get("DOROST_SLOW_TESTS"), reason="set DOROST_SLOW_TESTS=1 (about a minute)")
def test_ten_thousand_pages_are_read_one_page_at_a_time() -> None:
    data = build_pdf([text_page(f"Line on page {n}") for n in range(1, 10_001)], flate=True)
    tracemalloc.start()
    try:
        result = repair_bytes(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.pages == tuple(range(1, 10_001))
    assert result.text.count("Line on page") == 10_000
    assert peak < 200 * 1024**2, peak
    assert repair_bytes(data, pages="9999-").text.split("\n")[0] == "Line on page 9999"


def _pdf_with_to_unicode(cmap_entries: bytes, text: str) -> bytes:
    """A PDF whose font maps its codes through a ToUnicode CMap (``<code> <UTF-16BE>`` pairs)."""
    count = cmap_entries.count(b"\n") + 1
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00> <FF> endcodespacerange %d beginbfchar %s endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % (count, cmap_entries)
    )
    data = build_pdf([text_page(text)])
    font = b"/Encoding /WinAnsiEncoding >>"
    # The CMap goes in as object 99 before the cross-reference table; readers rebuild the offsets.
    stream = b"99 0 obj\n<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream\nendobj\nxref"
    return data.replace(font, b"/Encoding /WinAnsiEncoding /ToUnicode 99 0 R >>", 1).replace(b"xref", stream, 1)


def test_a_font_that_maps_to_lone_surrogates_gives_replacement_characters(tmp_path: Path) -> None:
    # Found by fuzz/fuzz_pdf.py: a lone surrogate from a ToUnicode map crashed the bidi step.
    data = _pdf_with_to_unicode(b"<41> <D800>\n<42> <0628>", "BAB ABBA")
    text = repair_bytes(data).text
    assert "\ufffd" in text and "\u0628" in text
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)
    source = tmp_path / "surrogate.pdf"
    source.write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "dorost", "fix", str(source)], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "\ufffd" in done.stdout.decode("utf-8")
