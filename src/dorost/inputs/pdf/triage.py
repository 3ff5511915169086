"""Which glyph source reads a page: PDFium (fast) or pdfminer.six's guarded interpreter (exact).

:func:`interpreter_reason` looks at the page through pdfminer.six's object layer (no
interpretation) and says why the page needs the interpreter, or ``None`` when PDFium may read
it. The page needs the interpreter when

- its content or a form XObject it paints has ``/ActualText`` marked content (ISO 32000-1
  §14.9.4), inline or through the page's ``/Properties``: PDFium's text page ignores it, and
  Chromium and LibreOffice carry ZWNJ and shaped letters only there;
- its content has an empty string followed by another string (``<> 0 <04e2>``): WeasyPrint
  writes ZWNJ that way, and PDFium drops it;
- anything PDFium would decode is big or unusual: more than :data:`FAST_CONTENT_BYTES` of
  content, a stream over the bounded inflater's limit, form XObjects nested deeper than
  :data:`FORM_DEPTH`, inline images (PDFium inflates them while parsing), Type 3 fonts (their
  glyphs are content streams). The interpreter has per-page time and size limits; PDFium has none;
- a CID font has no ``/ToUnicode`` map (the two engines guess its text differently);
- a font's ToUnicode map gives digit glyphs digits its embedded program does not
  (:func:`~dorost.inputs.pdf.glyphs.digit_fixes`: PDFium reads the map).

Every stream is decoded by pdfminer.six, whose inflater dorost bounds (a decompression bomb
raises :class:`~dorost.inputs.pdf.glyphs.PageTooComplexError` here, before PDFium); results for
shared objects (fonts, forms) are kept per document.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1

from dorost.inputs.pdf import glyphs
from dorost.inputs.pdf.glyphs import PageTooComplexError

#: Pages with more content than this (decoded bytes, forms included) go to the interpreter.
#: A text page of the real PDFs has 10–60 KB.
FAST_CONTENT_BYTES = 2 * 1024 * 1024
#: Form XObjects nested deeper than this go to the interpreter.
FORM_DEPTH = 4

#: An empty string, then at most a zero adjustment, then a string: WeasyPrint's ZWNJ
#: (see :meth:`~dorost.inputs.pdf.glyphs.GlyphDevice.render_string_horizontal`).
_EMPTY_STRING = re.compile(rb"(?:<\s*>|(?<!\\)\(\))\s*(?:[-+]?(?:0+(?:\.0*)?|\.0+)\s*)?[<(]")
#: Inline image data (``BI … ID … EI``).
_INLINE_IMAGE = re.compile(rb"(?:^|[\s\]>)])ID[\s]")
_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")
#: The mapping sections of a ToUnicode CMap (ISO 32000-1 §9.10.3): ``<code> <text>`` pairs, and
#: ``<low> <high> <text>`` or ``<low> <high> [<text> …]`` ranges.
_MAPPINGS = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_CMAP_TOKEN = re.compile(rb"<[^<>]*>|\[|\]")
#: A text that is no text: empty (``<03f2> <>``, habibi.pdf, beside entries that give one glyph a
#: whole cluster, ``<03a3> <062d064e…0020>``), U+FFFF (a noncharacter) or U+FFFD (the
#: replacement character): NeoOffice's ``<1971><1971><ffff>`` in pdf.js's arial_unicode_ab_cidfont.
_NO_TEXT = frozenset((b"", b"FFFF", b"FFFD"))
#: Why a page goes to the interpreter when a font maps glyphs to no text (see _font_reason).
NO_TEXT_MAP = "ToUnicode maps glyphs to no text"
#: Why a page goes to the interpreter when a font's ToUnicode map misreads its digits.
WRONG_DIGITS = "ToUnicode gives digits the font does not"
#: An operator that paints (ISO 32000-1): a path (§8.5.3.1: ``f``, ``F``, ``f*``, ``S``, ``s``, ``B``,
#: ``B*``, ``b``, ``b*``), a shading (``sh``), an XObject (``Do``: an image or a form), an inline
#: image (``BI``), or text (``Tj``, ``TJ``, ``'``, ``"``). A name (``/S``) or a string's byte is no operator.
_PAINTS = re.compile(rb"(?:^|(?<=[\s\])>]))(?:[fFsSbB]\*?|sh|Do|BI|Tj|TJ|'|\")(?=[\s\[(</]|$)")


@dataclass
class Triage:
    """Decides per page; remembers what it learnt about shared fonts and forms."""

    fonts: dict[int, str | None] = field(default_factory=dict)
    forms: dict[int, tuple[str | None, int]] = field(default_factory=dict)

    def interpreter_reason(self, page: PDFPage) -> str | None:
        """Why ``page`` needs pdfminer.six's interpreter, or ``None`` when PDFium may read it."""
        resources = resolve1(page.resources) if page.resources else {}
        if not isinstance(resources, dict):
            resources = {}
        reason = self._resources(resources)
        if reason:
            return reason
        contents = resolve1(page.attrs.get("Contents"))
        streams = contents if isinstance(contents, list) else [contents]
        total = 0
        for item in streams:
            stream = resolve1(item)
            if not isinstance(stream, PDFStream):
                continue
            data = stream.get_data()
            total += len(data)
            _check_size(total)
            if total > FAST_CONTENT_BYTES:
                return "large content"
            reason = _content_reason(data)
            if reason:
                return reason
        reason, size = self._forms(resources, 1)
        _check_size(total + size)
        if total + size > FAST_CONTENT_BYTES:
            return "large content"
        return reason

    def maps_no_text(self, page: PDFPage) -> bool:
        """Whether a font of ``page`` maps some glyphs to no text (:data:`NO_TEXT_MAP`): whichever
        source reads it, its text may be wrong, and the reader is told so."""
        try:
            resources = resolve1(page.resources) if page.resources else {}
            fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
            return isinstance(fonts, dict) and any(self._font(ref) == NO_TEXT_MAP for ref in fonts.values())
        except (PageTooComplexError, RecursionError, MemoryError):
            raise
        except Exception:  # a damaged object: the readers say what they find
            return False

    def _resources(self, resources: dict[str, Any]) -> str | None:
        properties = resolve1(resources.get("Properties"))
        if isinstance(properties, dict):
            for value in properties.values():
                value = resolve1(value)
                if isinstance(value, dict) and "ActualText" in value:
                    return "ActualText"
        fonts = resolve1(resources.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                reason = self._font(ref)
                if reason:
                    return reason
        return None

    def _font(self, ref: Any) -> str | None:
        key = getattr(ref, "objid", None)
        if key is not None and key in self.fonts:
            return self.fonts[key]
        reason = _font_reason(resolve1(ref))
        if key is not None:
            self.fonts[key] = reason
        return reason

    def _forms(self, resources: dict[str, Any], depth: int) -> tuple[str | None, int]:
        """The first reason a form XObject of ``resources`` gives, and the forms' content size."""
        xobjects = resolve1(resources.get("XObject"))
        if not isinstance(xobjects, dict):
            return None, 0
        total = 0
        for ref in xobjects.values():
            key = getattr(ref, "objid", None)
            if key is not None and key in self.forms:
                reason, size = self.forms[key]
            else:
                reason, size = self._form(resolve1(ref), depth)
                if key is not None:
                    self.forms[key] = (reason, size)
            total += size
            if reason:
                return reason, total
        return None, total

    def _form(self, stream: Any, depth: int) -> tuple[str | None, int]:
        if not isinstance(stream, PDFStream) or resolve1(stream.get("Subtype")) is None:
            return None, 0
        if getattr(resolve1(stream.get("Subtype")), "name", None) != "Form":
            return None, 0  # an image: PDFium does not decode it to read text
        if depth > FORM_DEPTH:
            return "deeply nested forms", 0
        data = _decoded(stream)
        if len(data) > FAST_CONTENT_BYTES:
            return "large content", len(data)
        reason = _content_reason(data)
        if reason:
            return reason, len(data)
        resources = resolve1(stream.get("Resources"))
        if isinstance(resources, dict):
            reason = self._resources(resources)
            if reason:
                return reason, len(data)
            reason, size = self._forms(resources, depth + 1)
            return reason, len(data) + size
        return None, len(data)


def paints_nothing(page: PDFPage) -> bool:
    """Whether ``page`` paints nothing at all: a blank page, not a scan that needs OCR.

    Its content streams hold no painting operator (see :data:`_PAINTS`) and no annotation has an
    appearance of its own. Page 12 of basemax_proceedings_persian.pdf, the back of a title page, only
    sets colours (``q 1 0 0 1 72 769.89 cm 0 G 0 g … Q``). Anything unreadable counts as painted,
    so that a page in doubt is still told to need OCR.
    """
    try:
        contents = resolve1(page.attrs.get("Contents"))
        for item in contents if isinstance(contents, list) else [contents]:
            stream = resolve1(item)
            if isinstance(stream, PDFStream) and _PAINTS.search(_decoded(stream)):
                return False
        annotations = resolve1(page.annots) if page.annots else []
        return not any(
            isinstance(resolve1(annotation), dict) and "AP" in resolve1(annotation)
            for annotation in (annotations if isinstance(annotations, list) else [])
        )
    except Exception:  # a damaged object: not known to be blank
        return False


def _check_size(total: int) -> None:
    """The interpreter's limit on a page's content, applied whichever source reads the page."""
    if total > glyphs.PAGE_CONTENT_BYTES:
        raise PageTooComplexError(f"its content streams exceed {glyphs.PAGE_CONTENT_BYTES // (1024 * 1024)} MB")


def _decoded(stream: PDFStream) -> bytes:
    """The stream's decoded data, without keeping it in pdfminer's object cache."""
    if stream.data is not None or stream.rawdata is None:
        return stream.get_data()
    copy = PDFStream(stream.attrs, stream.rawdata, stream.decipher)
    copy.objid, copy.genno = stream.objid, stream.genno
    return copy.get_data()


def _content_reason(data: bytes) -> str | None:
    if b"ActualText" in data:
        return "ActualText"
    if (b"<" in data or b"()" in data) and _EMPTY_STRING.search(data):
        return "empty strings (ZWNJ)"
    if b"ID" in data and b"BI" in data and _INLINE_IMAGE.search(data):
        return "inline image"
    return None


def _maps_to_no_text(cmap: bytes) -> bool:
    """Whether a ToUnicode CMap maps some glyph to no text (see :data:`_NO_TEXT`)."""
    for kind, body in _MAPPINGS.findall(cmap):
        tokens = _CMAP_TOKEN.findall(body)
        index = 0
        while index < len(tokens):
            # Past the code, or the range's two ends; code 0 is the .notdef glyph, which XeTeX's
            # fonts map to U+FFFF (``<0000> <FFFF>``, basemax_proceedings_persian.pdf) and never paint.
            notdef = not any(_hex(code).strip(b"0") for code in tokens[index : index + (1 if kind == b"bfchar" else 2)])
            index += 1 if kind == b"bfchar" else 2
            targets: list[bytes] = []
            if index < len(tokens) and tokens[index] == b"[":
                end = next((at for at in range(index, len(tokens)) if tokens[at] == b"]"), len(tokens))
                targets, index = tokens[index + 1 : end], end + 1
            elif index < len(tokens):
                targets, index = [tokens[index]], index + 1
            if not notdef and any(_hex(target) in _NO_TEXT for target in targets):
                return True
    return False


def _hex(token: bytes) -> bytes:
    """A ``<…>`` token's hex digits, upper case, without the white space a CMap may put in it."""
    return b"".join(token[1:-1].split()).upper()


def _font_reason(font: Any) -> str | None:
    """Type 3 fonts go to the interpreter; embedded font programs are inflated (bounded) once."""
    if not isinstance(font, dict):
        return None
    subtype = getattr(resolve1(font.get("Subtype")), "name", None)
    if subtype == "Type3":
        return "Type 3 font"
    if subtype == "Type0" and "ToUnicode" not in font:
        # Without a ToUnicode map, PDFium reads the embedded font's own tables and pdfminer.six
        # its CMap: they disagree (pdf.js's ThuluthFeatures: Latin against letters of nine scripts).
        return "CID font without ToUnicode"
    to_unicode = resolve1(font.get("ToUnicode"))
    if isinstance(to_unicode, PDFStream) and _maps_to_no_text(_decoded(to_unicode)):
        # PDFium guesses such a glyph's text from the font program (Greek letters for Arabic
        # ones in habibi.pdf: ``abibiϲΒϴΒ…``) or takes its code for a character (``᧒ᥱᦎᦫ`` for
        # four Arabic glyphs mapped to U+FFFF); pdfminer.six reads what the map says.
        return NO_TEXT_MAP
    descendants = resolve1(font.get("DescendantFonts"))
    fonts = [font] + [resolve1(d) for d in descendants] if isinstance(descendants, list) else [font]
    for each in fonts:
        descriptor = resolve1(each.get("FontDescriptor")) if isinstance(each, dict) else None
        if not isinstance(descriptor, dict):
            continue
        for name in _FONT_FILES:
            program = resolve1(descriptor.get(name))
            if isinstance(program, PDFStream):
                data = _decoded(program)  # raises PageTooComplexError past the inflater's limit
                if (
                    name == "FontFile2"
                    and subtype == "Type0"
                    and isinstance(to_unicode, PDFStream)
                    and _misreads_digits(_decoded(to_unicode), data)
                ):
                    return WRONG_DIGITS
    return None


def _misreads_digits(to_unicode: bytes, program: bytes) -> bool:
    """Whether a CID font's ToUnicode map gives digit glyphs digits its TrueType program does not."""
    mapping = FileUnicodeMap()
    try:
        CMapParser(mapping, io.BytesIO(to_unicode)).run()
    except Exception:  # a damaged map: pdfminer.six reads what it can of it, as PDFium does
        return False
    return bool(glyphs.digit_fixes(mapping.cid2unichr, program))


__all__ = [
    "FAST_CONTENT_BYTES",
    "FORM_DEPTH",
    "NO_TEXT_MAP",
    "WRONG_DIGITS",
    "PageTooComplexError",
    "Triage",
    "paints_nothing",
]
