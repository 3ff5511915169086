"""Glyphs out of a PDF page: each painted glyph with its text, box and baseline.

The source is pdfminer.six's content-stream interpreter with a small device of our own (no
layout analysis, no ``LTChar`` objects). Two things are decided here because only the content
stream knows them:

- ``/ActualText`` marked content (ISO 32000-1 §14.9.4) replaces the text of every glyph inside
  it: Chromium wraps each Arabic glyph in ``/Span <</ActualText (…)>> BDC`` because its
  ToUnicode maps shaped glyphs (and the ZWNJ glyph, to U+0020); LibreOffice 7 does the same for
  ZWNJ only. The glyphs of one span become one glyph carrying the span's (logical) text.
- Glyphs with no Unicode mapping keep their box with empty text: LibreOffice's kashida glyphs
  are unmapped, and keeping their box closes the gap they would otherwise leave inside a word.
- Digits whose ToUnicode map the embedded font's own tables contradict take the font's reading
  (:func:`digit_fixes`).
"""

from __future__ import annotations

import contextlib
import math
import re
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import Any

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import dict_value, resolve1, stream_value
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from pdfminer.utils import translate_matrix as utils_translate

from dorost.errors import InputError

#: Per-page limits that keep hostile files bounded (time, content size, glyph count).
PAGE_SECONDS = 20.0
PAGE_CONTENT_BYTES = 32 * 1024 * 1024
PAGE_GLYPHS = 400_000

_UNMAPPED = frozenset("\ufffd\uffff\x00")


@dataclass(slots=True)
class Glyph:
    """One painted glyph: ``text`` (logical, may be empty or several characters), its horizontal
    extent ``x0``–``x1``, its ``baseline`` (PDF user space, y grows upwards), font ``size`` and
    whether it is set ``bold`` (see :func:`bold_font`)."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool = False

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


#: Text rendering modes that stroke the glyph's outline as well as fill it (ISO 32000-1 §9.3.6,
#: modes 2 and 6): word processors' synthetic bold for a font with no bold face (Word 2013 sets
#: the headings of fod_README-fa.pdf so, in Segoe UI Light, with a line width of 0.4 points).
STROKED_FILL = frozenset({2, 6})
#: The ForceBold flag of a FontDescriptor's /Flags (bit 19).
FORCE_BOLD = 1 << 18
_BOLD_NAME = re.compile(r"bold|black|heavy", re.IGNORECASE)


def bold_font(name: str, flags: int) -> bool:
    """Whether a font is a bold face: its base name says so (``ABCDEE+BNazanin-Bold``,
    ``Vazirmatn-Black``; the subset tag before ``+`` is left out) or its descriptor sets the
    ForceBold flag. Not the descriptor's optional /FontWeight: PDFium gives no such number (its
    weight is guessed from the stem width), and both glyph sources must read a font alike."""
    return bool(_BOLD_NAME.search(name.rpartition("+")[2])) or bool(flags & FORCE_BOLD)


#: The digits a font's ToUnicode map and its own ``cmap`` table are compared on: ASCII and Persian.
_DIGITS = frozenset("0123456789\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")


def digit_fixes(to_unicode: Mapping[int, str], program: bytes) -> dict[int, str]:
    """The digit glyphs whose ToUnicode text the embedded TrueType ``program`` contradicts, each
    glyph's code to the digit the font's own ``cmap`` table gives it.

    Word 2013 maps the digit glyphs of a number set right to left in reverse: faragate_Farsi.pdf
    paints ``95`` and ``5`` in Calibri, and its ToUnicode reads them ``59`` and ``9`` (glyphs
    0x3F5 and 0x3F1, which the font's ``cmap`` gives to 9 and 5; 0x3EC and 0x3EE, 0 and 2, are
    swapped too). Only a whole permutation is trusted: every glyph the map gives a digit is a
    digit in the font, and the two give the same digits, so a font whose codes are no glyph
    numbers (a ``CIDToGIDMap`` other than the identity) or whose ``cmap`` says little changes
    nothing. A program that cannot be read changes nothing either.
    """
    mapped = {code: text for code, text in to_unicode.items() if text in _DIGITS}
    if not mapped:
        return {}
    own = _glyph_digits(program)
    if any(code not in own for code in mapped) or sorted(mapped.values()) != sorted(own[code] for code in mapped):
        return {}
    return {code: own[code] for code, text in mapped.items() if own[code] != text}


def _glyph_digits(program: bytes) -> dict[int, str]:
    """The glyphs a TrueType program's Unicode ``cmap`` subtables give a digit: glyph number to digit,
    read with fontTools. (pdfminer.six's own reader gives 9 glyph 0 in faragate_Farsi.pdf's Calibri.)"""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(BytesIO(program), lazy=True)
        digits: dict[int, str] = {}
        for table in font["cmap"].tables:
            if not table.isUnicode():
                continue
            for char in sorted(_DIGITS):
                name = table.cmap.get(ord(char))
                glyph = font.getGlyphID(name) if name is not None else 0
                if glyph:
                    digits.setdefault(glyph, char)
    except Exception:  # a font program is the PDF's bytes, however damaged: it then changes nothing
        return {}
    return digits


def _font_digit_fixes(font: PDFFont) -> dict[int, str]:
    """:func:`digit_fixes` of a pdfminer.six CID font with a ToUnicode map and an embedded TrueType program."""
    unicode_map = getattr(font, "unicode_map", None)
    program = getattr(font, "fontfile", None)
    if not isinstance(font, PDFCIDFont) or unicode_map is None or program is None:
        return {}
    with contextlib.suppress(Exception):  # a damaged stream: the map's text as it is
        return digit_fixes(unicode_map.cid2unichr, program.get_data())
    return {}


@dataclass(frozen=True, slots=True)
class PageGlyphs:
    """The glyphs of one page and how many rotated glyphs were left out."""

    glyphs: list[Glyph]
    rotated: int


class PageTooComplexError(InputError):
    """A page exceeded the time, content or glyph limits."""


def _clean(text: str) -> str:
    """Text a glyph maps to, without unmapped markers (U+FFFD, U+FFFF) or control characters."""
    if not text:
        return ""
    if all(ch not in _UNMAPPED and (ch >= " " or ch == "\t") for ch in text):
        return text
    return "".join(ch for ch in text if ch not in _UNMAPPED and ch >= " ")


class GlyphDevice(PDFTextDevice):
    """Collects :class:`Glyph` records for one page at a time."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.glyphs: list[Glyph] = []
        self.rotated = 0
        self.deadline = math.inf
        # Marked content: a stack of (ActualText or None, index of the first glyph inside).
        self._tags: list[tuple[str | None, int]] = []
        self._actual_depth = 0
        self.properties: dict[str, Any] = {}
        self.content_bytes = 0
        # Whether the string being painted is bold: its font (by the font object's id, per page)
        # or its rendering mode (STROKED_FILL).
        self._bold_fonts: dict[int, bool] = {}
        self._bold = False
        # Per font object (by id; the font is kept, so that no other takes its id): the digits its
        # ToUnicode map gets wrong (digit_fixes), and those of the string being painted.
        self._digit_fixes: dict[int, tuple[PDFFont, dict[int, str]]] = {}
        self._digits: dict[int, str] = {}

    def start_page(self, deadline: float) -> None:
        self.glyphs = []
        self.rotated = 0
        self.deadline = deadline
        self.content_bytes = 0
        self._bold_fonts = {}
        self._tags = []
        self._actual_depth = 0

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise PageTooComplexError("reading it took too long (a hostile or broken content stream)")

    # Marked content (ISO 32000-1 §14.6, /ActualText §14.9.4).
    def begin_tag(self, tag: PSLiteral, props: Any = None) -> None:
        actual: str | None = None
        if isinstance(props, PSLiteral):  # a name in the page's /Properties
            props = resolve1(self.properties.get(str(props.name)))
        props = resolve1(props)
        if isinstance(props, dict) and "ActualText" in props:
            value = resolve1(props["ActualText"])
            if isinstance(value, bytes):
                actual = decode_text(value)
            elif isinstance(value, str):
                actual = value
        if actual is not None and self._actual_depth == 0:
            self._tags.append((actual, len(self.glyphs)))
            self._actual_depth = 1
        else:
            self._tags.append((None, -1))
            if self._actual_depth:
                self._actual_depth += 1

    def end_tag(self) -> None:
        if not self._tags:
            return
        actual, start = self._tags.pop()
        if self._actual_depth:
            self._actual_depth -= 1
        if actual is None or start < 0:
            return
        inside = self.glyphs[start:]
        del self.glyphs[start:]
        inside = [g for g in inside if g.x1 > g.x0 or g.text] or inside
        if not inside:
            return  # ActualText of something that is not text (an image, a path)
        self.glyphs.append(
            Glyph(
                _clean(actual),
                min(g.x0 for g in inside),
                max(g.x1 for g in inside),
                inside[0].baseline,
                max(g.size for g in inside),
                all(g.bold for g in inside),
            )
        )

    def render_char(
        self,
        matrix: tuple[float, float, float, float, float, float],
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: Any,
    ) -> float:
        try:
            text = _clean(self._digits.get(cid) or font.to_unichr(cid))
        except PDFUnicodeNotDefined:
            text = ""
        except (KeyError, IndexError, ValueError, TypeError):
            text = ""
        adv = float(font.char_width(cid)) * fontsize * scaling
        a, b, c, d, e, f = matrix
        if abs(b) > 0.01 * abs(a) + 1e-9 or abs(c) > 0.01 * abs(d) + 1e-9:
            self.rotated += 1  # rotated text (margin labels, watermarks) is left out
            return adv
        x0, x1 = e, e + a * adv
        if x1 < x0:
            x0, x1 = x1, x0
        size = abs(d) * fontsize or abs(a) * fontsize
        self.glyphs.append(Glyph(text, x0, x1, f + d * rise, size, self._bold))
        if len(self.glyphs) & 0xFFF == 0:
            if len(self.glyphs) > PAGE_GLYPHS:
                raise PageTooComplexError(f"it paints more than {PAGE_GLYPHS:,} glyphs")
            self.check_time()
        return adv

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        font = textstate.font
        bold = self._bold_fonts.get(id(font))
        if bold is None:
            bold = self._bold_fonts[id(font)] = _font_bold(font)
        self._bold = bold or textstate.render in STROKED_FILL
        known = self._digit_fixes.get(id(font))
        if known is None:
            known = self._digit_fixes[id(font)] = (font, _font_digit_fixes(font))
        self._digits = known[1]
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_string_horizontal(
        self,
        seq: Any,
        matrix: tuple[float, float, float, float, float, float],
        pos: tuple[float, float],
        font: PDFFont,
        fontsize: float,
        scaling: float,
        charspace: float,
        wordspace: float,
        rise: float,
        dxscale: float,
        ncs: Any,
        graphicstate: Any,
    ) -> tuple[float, float]:
        """pdfminer's loop, plus one thing it skips: an empty string ``<>`` followed by no
        adjustment, which WeasyPrint (through Pango) writes for a zero-width character such as
        ZWNJ. It becomes a zero-width ZWNJ glyph; :mod:`~dorost.inputs.pdf.layout` keeps it only
        between two Arabic-script letters."""
        (x, y) = pos
        needcharspace = False
        items = list(seq) if not isinstance(seq, list) else seq
        for index, obj in enumerate(items):
            if isinstance(obj, int | float):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                if not obj:
                    following = items[index + 1] if index + 1 < len(items) else None
                    if isinstance(following, int | float) and abs(following) < 1e-6:
                        following = items[index + 2] if index + 2 < len(items) else None
                    if isinstance(following, bytes) and following:
                        _a, _b, _c, d, e, f = utils_translate(matrix, (x, y))
                        self.glyphs.append(Glyph("\u200c", e, e, f + d * rise, abs(d) * fontsize, self._bold))
                    continue
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    x += self.render_char(
                        utils_translate(matrix, (x, y)), font, fontsize, scaling, rise, cid, ncs, graphicstate
                    )
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
        return (x, y)

    def paint_path(self, *args: Any) -> None:
        self.check_time()


class GuardedInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter with per-page limits on content size and time."""

    device: GlyphDevice

    def init_resources(self, resources: dict[object, object]) -> None:
        super().init_resources(resources)
        properties = resolve1((resources or {}).get("Properties"))
        if isinstance(properties, dict):
            self.device.properties = properties

    def execute(self, streams: Any) -> None:
        self.device.check_time()
        for obj in streams:
            try:
                size = len(stream_value(obj).get_data())
            except Exception:
                continue
            self.device.content_bytes += size
            if self.device.content_bytes > PAGE_CONTENT_BYTES:
                limit = PAGE_CONTENT_BYTES // (1024 * 1024)
                raise PageTooComplexError(f"its content streams exceed {limit} MB")
        super().execute(streams)

    def do_Do(self, xobjid_arg: Any) -> None:
        self.device.check_time()
        properties = self.device.properties
        try:
            super().do_Do(xobjid_arg)
        finally:
            self.device.properties = properties


def _font_bold(font: PDFFont | None) -> bool:
    """:func:`bold_font` of a pdfminer.six font: its base font name and its descriptor."""
    if font is None:
        return False
    flags = getattr(font, "flags", 0)
    name = getattr(font, "basefont", None) or getattr(font, "fontname", None)
    return bold_font(name if isinstance(name, str) else "", flags if isinstance(flags, int) else 0)


@lru_cache(maxsize=4096)
def is_mark(text: str) -> bool:
    """A glyph that is only combining marks (harakat, hamza above) sits on another glyph."""
    return bool(text) and all(unicodedata.combining(ch) for ch in text)


__all__ = ["Glyph", "GlyphDevice", "GuardedInterpreter", "PageTooComplexError", "bold_font", "dict_value", "is_mark"]
