"""The PDF front end: logical Persian text out of a PDF's text layer, then the whole pipeline.

>>> from dorost.inputs.pdf import parse_pages
>>> parse_pages("2-4,7", 10)
[2, 3, 4, 7]

How (see ``../shared/notes/pdf-engines.md`` for what the engines get wrong):

1. glyphs with their boxes, from PDFium (:mod:`dorost.inputs.pdf.pdfium`, fast) or, on pages
   PDFium would read wrong or that are big or unusual (:mod:`dorost.inputs.pdf.triage`), from
   pdfminer.six's interpreter, ``/ActualText`` honoured (:mod:`dorost.inputs.pdf.glyphs`);
2. overprinted duplicates dropped, lines from baselines, column gutters, glyphs sorted by ``x``,
   spaces from gaps (:mod:`dorost.inputs.pdf.layout`);
3. visual to logical order with the Unicode bidi algorithm, brackets mirrored or not as the
   document's own evidence says (:mod:`dorost.inputs.pdf.order`);
4. one line of text per visual line and a blank line between paragraphs, found from geometry;
5. the restoration pipeline (:func:`dorost.pipeline.run`) over that text, less the repairs of
   other extractors' reading order (:data:`ORDERED_BY_GLYPHS`), its join of broken lines told
   the paragraph breaks geometry is sure of and those it saw but is not sure of
   (:class:`_KeptBreaks`); every edit gets the page it falls on.

Pages are read one at a time: memory holds one page's glyphs and the text so far. Each page
is bounded in time, content size and glyph count; streams are decompressed with a size limit.
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import re
import statistics
import threading
import time
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from typing import IO, Any, BinaryIO, Literal, NamedTuple, cast

from pdfminer import pdftypes
from pdfminer.pdfdocument import (
    PDFDocument,
    PDFEncryptionError,
    PDFPasswordIncorrect,
    PDFXRefFallback,
)
from pdfminer.pdfexceptions import PDFObjectNotFound
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text

from dorost.config import Config
from dorost.edits import Change, Edit, Result, apply_changes
from dorost.errors import InputError
from dorost.fixes import Fix, FixFunction
from dorost.fixes.layout._common import (  # a sentence's end at a line's end, as the fixes read it
    OPEN_WORDS,
    SENTENCE_END,
)
from dorost.fixes.layout.furniture import remove_page_furniture
from dorost.fixes.layout.paragraphs import join_broken_lines
from dorost.inputs.pdf.glyphs import (
    PAGE_SECONDS,
    GlyphDevice,
    GuardedInterpreter,
    PageGlyphs,
    PageTooComplexError,
)
from dorost.inputs.pdf.layout import (
    FIRST_INDENT,
    FULL_LINE,
    LEADING_STRETCH,
    Edges,
    Line,
    Spacing,
    block_pitch,
    bold_heading,
    contents_entry,
    ends_at_edge,
    ends_short_of_next,
    first_line_indent,
    full_line,
    hanging_under,
    heading_before,
    held_notes,
    left_room,
    line_pitch,
    new_paragraph,
    notes_at_foot,
    page_lines,
    paragraph_mark,
    paragraph_spacing,
    place_at,
    shared_places,
    sure_paragraph,
    wrapped_line,
)
from dorost.inputs.pdf.order import reorder_tex_numbers, strong_direction
from dorost.inputs.pdf.triage import Triage, paints_nothing
from dorost.pipeline import FIXES, run

__all__ = ["Extraction", "extract_pdf", "fix_pdf", "parse_pages"]

#: ``auto``: PDFium where the triage allows, pdfminer.six elsewhere; ``pdfminer``: pdfminer.six only.
GlyphSource = Literal["auto", "pdfminer"]

#: Fixes that repair the reading order other extractors leave (whole lines in visual order, runs
#: printed last-first). The front end orders glyphs itself (step 3), so they are not run on its
#: text: on the 23 PDFs in ``../shared/pdfs`` they changed nothing, and on the 189-page
#: proceedings they took most of the pipeline's time (judging each of its 2,000 wrapped lines).
ORDERED_BY_GLYPHS = ("restore_visual_order", "reorder_reversed_runs")

#: The fix whose switch governs the front end's joins of wrapped lines, and whose name its edits
#: carry: the same repair as the pipeline's, found from geometry.
WRAP_FIX = "join_broken_lines"
FURNITURE_FIX = "remove_page_furniture"
#: Spans of the text (line breaks, lines), in order.
_Spans = tuple[tuple[int, int], ...]
WRAP_CONFIDENCE = 0.85

#: Largest decoded size of one stream. pdfminer has no such limit; a few kilobytes of
#: compressed zeros would otherwise inflate to gigabytes (a decompression bomb).
STREAM_BYTES = 64 * 1024 * 1024


class EncryptedPDFError(InputError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class DamagedPDFError(InputError):
    """The PDF cannot be parsed."""


#: Compressed streams found cut or corrupt in this thread so far. pdfminer reads what it can of
#: such a stream and says nothing (a log line); counted, before and after a page is read, they
#: tell that the page's text may be incomplete, rather than that the page was a scan.
_corrupt = threading.local()


def _corrupt_streams() -> int:
    count: int = getattr(_corrupt, "streams", 0)
    return count


def _note_corrupt_stream() -> None:
    _corrupt.streams = _corrupt_streams() + 1


def _deflate_ended(data: bytes) -> bool:
    """Whether zlib ``data`` holds its last deflate block whole: some writers leave out the
    checksum after it, which loses nothing (pdfminer reads such streams for that reason)."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    pending = data[2:]  # past the zlib header
    try:
        while pending and not inflater.eof:
            inflater.decompress(pending, 1 << 20)
            pending = inflater.unconsumed_tail
        inflater.flush()
    except zlib.error:
        return False
    return inflater.eof


class _BoundedZlib:
    """Stands in for :mod:`zlib` inside :mod:`pdfminer.pdftypes`: the same, with a size limit;
    a stream cut short or corrupt is counted (see :data:`_corrupt`)."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        inflater = zlib.decompressobj()
        parts: list[bytes] = []
        total = 0
        pending = data
        while pending:
            try:
                part = inflater.decompress(pending, 1 << 20)
            except zlib.error:
                _note_corrupt_stream()
                raise
            total += len(part)
            if total > STREAM_BYTES:
                raise PageTooComplexError(f"a stream inflates to more than {STREAM_BYTES // 2**20} MB")
            parts.append(part)
            pending = inflater.unconsumed_tail
            if not part and not pending:
                break
        parts.append(inflater.flush())
        if not inflater.eof and not _deflate_ended(data):
            _note_corrupt_stream()
        return b"".join(parts)


pdftypes.zlib = _BoundedZlib  # type: ignore[attr-defined, assignment]
# pdfminer logs every oddity of a damaged file; without a handler Python would print them all
# on stderr. Applications that configure logging still receive them through the root logger.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Extraction:
    """Text out of a PDF before restoration: ``text``, the ``pages`` read, where each begins."""

    text: str
    pages: tuple[int, ...]
    starts: tuple[int, ...]
    warnings: tuple[str, ...] = ()
    mirrored: bool = False
    stats: dict[str, int] = field(default_factory=dict)
    #: Line breaks that geometry puts inside a paragraph of prose, each as the change that joins
    #: its lines (a space; nothing after a compound's hyphen; a printer's hyphen before a Latin
    #: word's rest goes with the break, see :func:`_hyphens_dropped`): the text keeps one line per
    #: printed line, and :func:`fix_pdf` joins them after the pipeline (see :func:`join_wraps`).
    wraps: tuple[Change, ...] = ()
    #: Paragraph breaks geometry is sure of (see :func:`~dorost.inputs.pdf.layout.sure_paragraph`),
    #: each the span of its blank line's two line breaks: :func:`fix_pdf` keeps them as written,
    #: while the pipeline may still join across the others (a page's or a column's end).
    breaks: tuple[tuple[int, int], ...] = ()
    #: Those of :attr:`breaks` that geometry keeps for the line after them alone, a page's first
    #: line (a line set larger than the one before it; a running head, where footnotes cut the
    #: paragraph before it, see :func:`~dorost.inputs.pdf.layout.held_notes`): where page
    #: furniture removes that line, the break goes with it (see :func:`_before_heads`).
    before_heads: tuple[tuple[int, int], ...] = ()
    #: Paragraph breaks geometry saw inside one column of one page but is not sure of, after a
    #: line that does not end where the line above it ends, spans as in :attr:`breaks`, and the
    #: line breaks after a line that left room for the next line's first word (see
    #: :func:`~dorost.inputs.pdf.layout.left_room`), each the span of its one line break. The
    #: pipeline does not join across one a line that may end its paragraph (see
    #: :func:`~dorost.fixes.layout.paragraphs.join_broken_lines`).
    unsure: tuple[tuple[int, int], ...] = ()
    #: The lines (each its span, without the line break) set elsewhere than the place the pages'
    #: top or bottom lines share, where they share one (see :meth:`_Assembler._places`): no
    #: such line is a running head or foot, whatever its words.
    elsewhere: tuple[tuple[int, int], ...] = ()
    #: The lines (spans as in :attr:`elsewhere`) standing at each place the pages' top or bottom
    #: lines share, a group a place (see :meth:`_Assembler._places`): where the running heads found
    #: by their repetition stand at one, the others there are running heads too.
    margins: tuple[tuple[tuple[int, int], ...], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) that ``offset`` in :attr:`text` falls on."""
        index = bisect_right(self.starts, offset) - 1
        return self.pages[index] if 0 <= index < len(self.pages) else None


def parse_pages(spec: str, count: int) -> list[int]:
    """Page numbers from ``2-5``, ``1,3,7-9`` or ``4-`` (to the end), checked against ``count``.

    >>> parse_pages("3-", 5)
    [3, 4, 5]
    >>> parse_pages("9", 5)
    Traceback (most recent call last):
    ...
    dorost.errors.InputError: pages='9': the PDF has 5 pages
    """
    chosen: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        first, dash, last = part.partition("-")
        try:
            start = int(first) if first else 1
            end = (int(last) if last else count) if dash else start
        except ValueError:
            raise InputError(
                "{option}: use page numbers and ranges like 2-5 or 1,3,7-9", option="pages", value=spec
            ) from None
        if start < 1 or end < start:
            raise InputError(
                f"{{option}}: {part} is not a range of pages (they start at 1)", option="pages", value=spec
            )
        if start > count:
            raise InputError(
                f"{{option}}: the PDF has {count} page{'s' if count != 1 else ''}", option="pages", value=spec
            )
        chosen.update(range(start, min(end, count) + 1))
    if not chosen:
        raise InputError("{option}: no pages given", option="pages", value=spec)
    return sorted(chosen)


def _open(source: bytes | str | os.PathLike[str]) -> IO[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(source))
    try:
        return open(source, "rb")
    except FileNotFoundError:
        raise InputError(f"{os.fspath(source)}: no such file") from None
    except OSError as error:
        raise InputError(f"{os.fspath(source)}: {error.strerror or error}") from None


class _Document(PDFDocument):
    """pdfminer.six's document, which also keeps the objects it was asked for and could not find
    (pdfminer reads such a reference as null and says nothing): a page, a font's map to Unicode,
    a content stream the damage took away."""

    def __init__(self, parser: PDFParser, password: str) -> None:
        self.missing: set[int] = set()
        super().__init__(parser, password)
        self.missing.clear()  # the trailer's /Info, say: nothing the text needs

    def getobj(self, objid: int) -> object:
        try:
            return super().getobj(objid)
        except PDFObjectNotFound:
            self.missing.add(objid)
            raise

    @property
    def rebuilt(self) -> bool:
        """Whether the cross-reference table was missing or broken, and the objects were found by
        scanning the file (pdfminer's fallback)."""
        return any(isinstance(xref, PDFXRefFallback) for xref in self.xrefs)


def _document(stream: IO[bytes], password: str | None) -> _Document:
    head = stream.read(1024)
    stream.seek(0)
    if b"%PDF-" not in head:
        raise InputError("the input is not a PDF (no %PDF- header)")
    try:
        return _Document(PDFParser(cast(BinaryIO, stream)), password or "")
    except PDFPasswordIncorrect:
        if password:
            raise EncryptedPDFError("the PDF is encrypted and the password is wrong", option="password") from None
        raise EncryptedPDFError("the PDF is encrypted; give its password with {option}", option="password") from None
    except PDFEncryptionError as error:
        raise EncryptedPDFError(f"the PDF is encrypted in a way dorost cannot read ({error})") from None
    except (PSException, ValueError, TypeError, KeyError, AttributeError, IndexError, AssertionError) as error:
        raise DamagedPDFError(f"the PDF is damaged or truncated ({_why(error)})") from None
    except RecursionError:
        raise DamagedPDFError("the PDF is damaged or hostile (its objects nest too deeply)") from None


class _Parsed(NamedTuple):
    """A parsed PDF (see :func:`_parse`)."""

    document: _Document
    copy: bytes | None  #: PDFium's repair of the file, where pdfminer.six could not parse it


def _parse(stream: IO[bytes], password: str | None) -> _Parsed:
    """The document, and the copy PDFium wrote of it where pdfminer.six could not parse the file
    (a cross-reference stream or trailer cut off or overwritten, which pdfminer's fallback does not
    rebuild: it scans for a classic ``trailer``). When neither can, the error is pdfminer's."""
    try:
        return _Parsed(_document(stream, password), None)
    except DamagedPDFError as error:
        damage = error
    stream.seek(0)
    copy = _repaired_by_pdfium(stream.read(), password)
    if copy is None:
        raise damage
    try:
        return _Parsed(_document(io.BytesIO(copy), password), copy)
    except InputError:
        raise damage from None


def _repaired_by_pdfium(data: bytes, password: str | None) -> bytes | None:
    try:
        from dorost.inputs.pdf.pdfium import repaired_copy
    except ImportError:
        return None
    return repaired_copy(data, password)


def _why(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _page_count(document: PDFDocument) -> int | None:
    try:
        pages = resolve1(document.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    except (PSException, RecursionError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return count if isinstance(count, int) and count >= 0 else None


def _pages(document: PDFDocument) -> Iterator[PDFPage]:
    try:
        yield from PDFPage.create_pages(document)
    except RecursionError:
        raise DamagedPDFError("the PDF is damaged or hostile (its page tree nests too deeply)") from None
    except (PSException, ValueError, TypeError, KeyError, AttributeError, AssertionError) as error:
        raise DamagedPDFError(f"the PDF is damaged or truncated ({_why(error)})") from None


def _forget(document: PDFDocument, page: PDFPage) -> None:
    """Drop the page's decoded content streams from pdfminer's object cache (memory per page)."""
    cache = getattr(document, "_cached_objs", None)
    contents = page.attrs.get("Contents")
    refs = contents if isinstance(contents, list) else [contents]
    if isinstance(cache, dict):
        for ref in refs:
            objid = getattr(ref, "objid", None)
            if objid is not None:
                cache.pop(objid, None)


def _ranges(pages: list[int]) -> str:
    parts: list[str] = []
    start = previous = pages[0]
    for page in [*pages[1:], -1]:
        if page != previous + 1:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
            start = page
        previous = page
    return ", ".join(parts)


def _fast_document(
    source: bytes | str | os.PathLike[str], password: str | None, count: int | None, glyphs: GlyphSource
) -> Any:
    """PDFium's view of the same document, or ``None`` (not installed, not wanted, disagrees)."""
    if glyphs == "pdfminer" or count is None:
        return None
    try:
        from dorost.inputs.pdf.pdfium import PdfiumDocument, PdfiumUnavailable
    except ImportError:
        return None
    try:
        fast = PdfiumDocument(source if not isinstance(source, bytearray | memoryview) else bytes(source), password)
    except PdfiumUnavailable:
        return None
    if fast.count != count:  # a damaged page tree that the two parsers repair differently
        fast.close()
        return None
    return fast


@dataclass
class _PageReader:
    """Reads one page's glyphs from PDFium when the triage allows, else from the interpreter."""

    device: GlyphDevice
    interpreter: GuardedInterpreter
    fast: Any  # PdfiumDocument | None (pypdfium2 is optional)
    triage: Triage = field(default_factory=Triage)
    stats: dict[str, int] = field(default_factory=lambda: {"pdfium": 0, "pdfminer": 0})
    # Pages whose fonts map some glyphs to no text (triage.NO_TEXT_MAP): their text may be wrong.
    unmapped: list[int] = field(default_factory=list)

    def read(self, number: int, page: PDFPage) -> PageGlyphs:
        """The page's glyphs and the number of rotated glyphs left out."""
        if self.triage.maps_no_text(page):
            self.unmapped.append(number)
        if self.fast is not None and self._fast_allowed(page):
            try:
                found: PageGlyphs = self.fast.page_glyphs(number)
            except PageTooComplexError:
                raise
            except Exception:  # PDFium could not load the page: the interpreter tries
                pass
            else:
                self.stats["pdfium"] += 1
                return found
        self.stats["pdfminer"] += 1
        self.device.start_page(time.monotonic() + PAGE_SECONDS)
        self.interpreter.process_page(page)
        glyphs, self.device.glyphs = self.device.glyphs, []
        return PageGlyphs(glyphs, self.device.rotated)

    def _fast_allowed(self, page: PDFPage) -> bool:
        try:
            return self.triage.interpreter_reason(page) is None
        except (PageTooComplexError, RecursionError, MemoryError):
            raise
        except Exception:  # a damaged object: the interpreter decides what to say
            return False

    def close(self) -> None:
        if self.fast is not None:
            self.fast.close()


#: A table of contents' or a form's leaders: dots, ellipses or rules that fill a line.
_LEADERS = re.compile(r"(?:\.\s?){4}|…{2}|_{4}")
#: A Latin word hyphenated at a line's end before a Latin letter (``Califor-`` / ``nia``, ``wavelet-`` /
#: ``polynomial``): the lines are joined; the hyphen goes only where the document writes the word
#: whole elsewhere and never with the hyphen (see :func:`_hyphen_dropped`). A hyphen before a Persian
#: word is a compound's (``dcpo-`` / ``ترتیب``): the line goes on without a space.
_LATIN_HYPHEN = re.compile(r"([A-Za-z]+)-$")
_LATIN_START = re.compile(r"^[A-Za-z]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_COMPOUND_HYPHEN = re.compile(r"\w-$")
#: A line that ends a sentence, or a colon's introduction: where paragraphs end unseen, it may end one.
_CLAUSE_END = re.compile(f"(?:{SENTENCE_END.pattern})|:$")
#: What may cling to a word: a repeated line differs from the one before by its commas.
_PUNCTUATION = ".,:;!?«»()[]\"'،؛؟"


@dataclass
class _Wrap:
    """A line break that geometry puts inside a paragraph of prose (see
    :func:`~dorost.inputs.pdf.layout.wrapped_line`): ``slot`` is its place in the pieces,
    ``line`` the line after it, ``full`` whether that line runs to the column's far edge,
    ``goes_on`` whether the paragraph's next break is such a break too."""

    slot: int
    previous: Line
    line: Line
    full: bool
    goes_on: bool = False
    ragged: bool = False  # ``previous`` stops short of the far edge (ragged text)
    room: bool = False  # ``previous`` left room for ``line``'s first word (see layout.left_room)
    # Wraps only where the document marks its paragraphs (see joins): ``previous`` is its paragraph's
    # first line, not indented (``opens``), or the far edge is read from the lines near it (``loose``).
    opens: bool = False
    loose: bool = False
    # ``previous`` and ``line`` are left-to-right lines of one list item, ``line`` set under it (a
    # reference: layout.hanging_under): the item goes on whatever ``previous`` ends with
    # (``… SIAM J. Math.`` / ``Anal. 24 (1993) 246–262.``, basemax_proceedings_persian.pdf).
    item: bool = False
    # The paragraph's leading is widened by tall inline math (layout.LEADING_STRETCH): its lines
    # are wrapped in mid-sentence only; a sentence's end there is left to the join, which reads
    # the text (a paragraph set without indent under a full line ending ``… فشرده کرده است [۱].``,
    # basemax_proceedings_persian.pdf page 103, reads alike).
    stretched: bool = False

    def joins(self, marked: bool = False, ends_unseen: bool = False) -> bool:
        """Whether the break becomes a space, by the lines' logical text. ``marked``: the document
        marks each paragraph's start by a first-line indent or spacing (see :func:`_marks_paragraphs`);
        ``ends_unseen``: its paragraphs may end on a full line with no sign (``_Assembler._ends_unseen``).

        Leaders (a table of contents), a Latin word hyphenated at the line's end and a line that
        repeats the one before keep the break.
        A line that ends a sentence is wrapped there only when it and the next line are full and
        the paragraph goes on after it (never in ragged text, nor in flush-right text whose
        paragraphs end unseen: a line ends at the edge by chance, at its paragraph's end too,
        ``… Serviceها برطرف می\u200cکند.`` / ``پس از مهاجرت …``, cncf-glossary), and the line left
        no room for the next line's first word: ragged lines may end within half an em of the usual
        edge and still have room for a short word (``… چیزی ننوشتن است.`` / ``به یاد …``, a
        flush-right page of opensource-guide). Where the document marks its paragraphs, a line
        that left no room is wrapped at a sentence's end too. A heading set in the text's own size
        and spacing after a paragraph whose last line happens to be full (``… وارد کنید.`` /
        ``پیکربندی Gradle``, fod_README-fa.pdf) is a short last line.
        """
        if (self.opens or self.loose) and not marked:
            return False
        if self.loose and self.room:
            return False
        before, after = self.previous.text.rstrip(), self.line.text.strip()
        if not before or not after or _LEADERS.search(before) or _LEADERS.search(after):
            return False
        # A line that repeats the words of the line before is no wrap of it: a table of contents
        # sets each title twice (basemax_proceedings_persian.pdf).
        words = {word.strip(_PUNCTUATION) for word in after.split()}
        if len(words) > 2 and words <= {word.strip(_PUNCTUATION) for word in before.split()}:
            return False
        if self.item:
            return True
        if ends_unseen and not marked and before.endswith(":"):
            # Nor a full line that ends in a colon there: it ends a list's or an example's
            # introduction as often (``… آنچه نیاز دارید:`` / ``قبل از این که …``, ``… را فعال
            # کنید:`` / ``همچنین …``: flush-right pages printed by Chromium). The join reads the text.
            return False
        if not SENTENCE_END.search(before):
            return True
        if self.room or self.stretched:
            return False
        # A wrap has neither mark: where every paragraph seen to end was followed by one, a line
        # that ends a sentence and left no room for the next word was wrapped (flush-right pages
        # printed by Chromium with a first-line indent or spacing between paragraphs).
        return marked or (self.full and self.goes_on and not (self.ragged or ends_unseen))


#: A document marks its paragraphs when this many paragraph ends it saw were followed by a marked
#: line for each one followed by an unmarked line, and at least :data:`_MARKED_LEAST` were.
_MARKED_SHARE = 20
_MARKED_LEAST = 3


def _marks_paragraphs(marked: int, unmarked: int) -> bool:
    """Whether a document marks where its paragraphs start (an indent or spacing), from the
    breaks after lines that surely ended a paragraph: ``marked`` had the mark, ``unmarked`` not."""
    return marked >= _MARKED_LEAST and unmarked * _MARKED_SHARE <= marked


#: A text is set flush right (ragged) when fewer than this share of its long lines inside a
#: paragraph end at the far edge, out of at least :data:`_FLUSH_LEAST` (see layout.FLUSH_END).
_FLUSH_SHARE = 0.6
_FLUSH_LEAST = 20


def _flush_right(inner: int, flush: int) -> bool:
    """Whether a document's text is set flush right, not justified: of its ``inner`` long lines of
    prose inside a paragraph, too few (``flush``) end at the far edge."""
    return inner >= _FLUSH_LEAST and flush < _FLUSH_SHARE * inner


def _cut_from_sentence(text: str) -> bool:
    """Whether ``text`` ends on a word that never ends a sentence (a preposition, a conjunction,
    ``را``: :data:`~dorost.fixes.layout._common.OPEN_WORDS`): its sentence goes on after it."""
    words = text.split()
    return bool(words) and words[-1] in OPEN_WORDS


def _end_together(above: Line, line: Line) -> bool:
    """Whether ``line`` ends where ``above`` (the line above it) ends, at its far side."""
    ends = (above.x0, line.x0) if line.logical.rtl else (above.x1, line.x1)
    return abs(ends[0] - ends[1]) <= FULL_LINE * max(line.size, 1.0)


@dataclass
class _Pitches:
    """The distances between baselines in one block of lines, by font size, each measured once:
    a block of many short paragraphs would measure its lines for each."""

    block: list[Line]
    usual: float  #: the block's most usual distance (:func:`~dorost.inputs.pdf.layout.block_pitch`)
    lines: dict[float, float] = field(default_factory=dict)
    paragraphs: dict[float, Spacing] = field(default_factory=dict)
    sized: dict[float, float] = field(default_factory=dict)  # the usual distance between lines of a size

    def line(self, size: float) -> float:
        """The line pitch of lines of ``size`` (:func:`~dorost.inputs.pdf.layout.line_pitch`)."""
        pitch = self.lines.get(size)
        if pitch is None:
            pitch = self.lines[size] = line_pitch(self.block, size)
        return pitch

    def _spacing(self, size: float) -> Spacing:
        spacing = self.paragraphs.get(size)
        if spacing is None:
            spacing = self.paragraphs[size] = paragraph_spacing(self.block, size)
        return spacing

    def inside(self, size: float) -> float:
        """The distance inside a paragraph that :func:`~dorost.inputs.pdf.layout.new_paragraph`
        measures spacing from: the usual one between lines of ``size``, or the one inside the
        paragraphs where that is smaller (a block of one-line paragraphs, whose spacing is its
        usual distance). Lines set in another size than the block's do not set it for lines of
        that size: a matrix's rows 6 points apart made every line of the references under it, 10
        apart in a smaller type, a paragraph of its own (basemax_proceedings_persian.pdf page 120)."""
        usual = self.sized.get(size)
        if usual is None:
            # Lines in the block's own size keep its usual distance (a list's items among formulas).
            text = statistics.median(line.size for line in self.block)
            other = abs(size - text) > 0.12 * max(text, 1.0)
            usual = self.sized[size] = (block_pitch(self.block, size) if other else 0.0) or self.usual
        return min(usual, self._spacing(size).inside or usual)

    def between(self, size: float) -> float:
        """The spacing that recurs between paragraphs of lines of ``size`` (0: none)."""
        return self._spacing(size).between


#: The lines either side of a line break that show how far a line of its paragraph may reach.
_NEAR_LINES = 3


def _measure(block: list[Line], index: int, edges: Edges) -> Edges:
    """The edges that the line break before ``block[index]`` is read against: the column's, or,
    where the lines around it are set to a narrower measure than the column's (beside a figure),
    that measure. Such lines all end together short of the column's far edge, each of them
    justified to it (fod_README-fa.pdf, page 1: seven lines set beside the logo end 1 point apart,
    160 points short of the edge), so none of them ended its paragraph by falling short."""
    line, previous = block[index], block[index - 1]
    left, right = edges.get(line.column, (line.x0, line.x1))
    size = max(line.size, 1.0)
    if previous.x0 - left <= FIRST_INDENT * size or abs(line.x1 - right) > FULL_LINE * size:
        return edges

    def alike(other: Line) -> bool:  # set to the measure ``previous`` ends at
        return (
            other.logical.rtl
            and other.column == line.column
            and abs(other.x0 - previous.x0) <= FULL_LINE * size
            and abs(other.x1 - right) <= FULL_LINE * size
        )

    # The lines up from the break that end where ``previous`` does, then those down from the line
    # after ``line`` (not ``line``: it may be its paragraph's short last line).
    above = len(list(itertools.takewhile(alike, reversed(block[max(index - _NEAR_LINES, 0) : index]))))
    below = len(list(itertools.takewhile(alike, block[index + 1 : index + 1 + _NEAR_LINES])))
    if above == 0 or above + below < _NEAR_LINES:
        return edges
    return {**edges, line.column: (previous.x0, right)}


class _Break(NamedTuple):
    """A line break inside a paragraph, as :meth:`_Assembler._find_wraps` reads it."""

    slot: int  #: its place in the pieces
    before: Line
    after: Line
    edges: Edges  #: the edges its lines are set to (see :func:`_measure`)


class _Extent(NamedTuple):
    """The highest and the lowest baseline of a page."""

    top: float
    foot: float


class _Places(NamedTuple):
    """Lines (their slots) by where they stand on their page (see :meth:`_Assembler._places`)."""

    elsewhere: set[int]  #: elsewhere than the places the pages' top or bottom lines share
    margins: list[list[int]]  #: at each such place


@dataclass(frozen=True)
class _Notes:
    """A page's footnotes held back (:func:`~dorost.inputs.pdf.layout.held_notes`): their lines,
    the page's edges, its blocks and its text size, as :meth:`_Assembler.add_page` reads them."""

    lines: list[Line]
    edges: Edges
    page: list[list[Line]]
    text_size: float
    above: Line  #: the paragraph's line above them
    cut: int = 0  #: the slot of the break after that line


@dataclass(frozen=True)
class _Assembled:
    """The text :class:`_Assembler` joined from the pages, and what geometry says of it (each as
    :class:`Extraction` holds it)."""

    text: str
    starts: tuple[int, ...]  #: where each page starts in ``text``
    mirrored: bool  #: whether bracket glyphs were mirrored
    wraps: tuple[Change, ...]  #: the line breaks inside paragraphs of prose, each as the change joining its lines
    breaks: _Spans  #: the paragraph breaks geometry is sure of
    before_heads: _Spans  #: those of them kept for the page's first line after them alone
    unsure: _Spans  #: those it saw inside a column but is not sure of
    elsewhere: _Spans  #: the lines set elsewhere than the pages' heads and feet (see ``_Assembler._places``)
    margins: tuple[_Spans, ...]  #: the lines at each place the pages' heads or feet share, a group a place


@dataclass
class _Assembler:
    """Joins page blocks into text: a line per visual line, a blank line between paragraphs."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    previous: Line | None = None
    previous_edges: Edges = field(default_factory=dict)
    previous_block: int = 0
    opener: Line | None = None
    lines: list[tuple[Line, int]] = field(default_factory=list)  # (line, slot in pieces)
    wraps: list[_Wrap] = field(default_factory=list)  # line breaks inside paragraphs of prose
    sure: list[int] = field(default_factory=list)  # slots of the paragraph breaks geometry is sure of
    # Those of them kept for the line after them alone, a page's first line (a running head maybe).
    before_heads: list[int] = field(default_factory=list)
    # Slots of the breaks after a line that ends short of the next (layout.ends_short_of_next): sure
    # unless the line's last word carries its sentence on.
    short: list[int] = field(default_factory=list)
    # Slots of the other paragraph breaks inside one column of one page (not a page's first or last line).
    unsure: list[int] = field(default_factory=list)
    # Slots of the line breaks inside a paragraph after a line that left room for the next line's
    # first word (layout.left_room): no wrap; unsure unless the front end joins them.
    roomy: set[int] = field(default_factory=set)
    # How the paragraph breaks after a line that left room for the next word were set: the next
    # line indented or spaced below (marked; indented: by an indent), or neither (see
    # layout.paragraph_mark).
    marked: int = 0
    indented: int = 0
    unmarked: int = 0
    # Slots of the other paragraph breaks before a line set in by a first-line indent: sure where
    # the document marks its paragraphs so.
    indents: list[int] = field(default_factory=list)
    # Slots of the line breaks inside a paragraph (in one block).
    inside: list[int] = field(default_factory=list)
    # Whether XeTeX set the document: its numbers' parts are painted right to left (order.reorder_tex_numbers).
    tex: bool = False
    # The long lines of prose followed by a line of their paragraph, and those of them that end at
    # the column's far edge (layout.ends_at_edge): a justified text's do, a flush-right text's mostly not.
    inner: int = 0
    flush: int = 0
    # Footnotes held back from the pages before, to be set after the paragraph they cut.
    notes: list[_Notes] = field(default_factory=list)
    # Each page's highest and lowest baseline, and the page (its place in ``extents``) each line is on.
    extents: list[_Extent] = field(default_factory=list)
    page_of: dict[int, int] = field(default_factory=dict)

    def add_page(self, blocks: list[list[Line]], edges: Edges) -> None:
        text_size = statistics.median(line.size for block in blocks for line in block)
        baselines = [line.baseline for block in blocks for line in block]
        self.page_of.update((id(line), len(self.extents)) for block in blocks for line in block)
        self.extents.append(_Extent(max(baselines), min(baselines)))
        block: list[Line] = []
        for block in blocks:
            notes = held_notes(block, edges)
            if notes is None:
                self._add_block(block, edges, blocks, text_size)
                continue
            # A column's footnotes (the page's, in one column) wait for the end of the paragraph
            # that goes on in the next column or at the next page.
            above = block[notes.start - 1]
            footnotes = block[notes.start : notes.stop]
            block = block[: notes.start] + block[notes.stop :]
            self._add_block(block, edges, blocks, text_size)
            # The break after the paragraph's line in this column (before the page's number, if any).
            cut = next(slot for line, slot in reversed(self.lines) if line is above) + 1
            self.notes.append(_Notes(footnotes, edges, blocks, text_size, above, cut))
        foot = notes_at_foot(block)
        if foot is not None:
            # The break after the page's footnotes stays: the next page's text does not go on from them.
            note = block[foot]
            self.sure.append(next(slot for line, slot in reversed(self.lines) if line is note) + 1)

    def _add_block(self, block: list[Line], edges: Edges, blocks: list[list[Line]], text_size: float) -> None:
        breaks: list[_Break] = []  # the line breaks inside the paragraph so far
        pitches = _Pitches(block, block_pitch(block))
        far = min(line.x0 for line in block)  # ragged lines: the farthest any of the block reaches
        # Lines told apart by weight alone (layout.bold_heading): each stands apart from the
        # lines around it, whatever their geometry says.
        bold = {i for i in range(1, len(block) - 1) if bold_heading(block[i - 1], block[i], block[i + 1], edges)}
        for index, line in enumerate(block):
            new = True
            if self.previous is not None:
                if index:
                    inside = pitches.inside(self.previous.size)
                    measure = _measure(block, index, edges)
                    new = new_paragraph(self.previous, line, measure, inside, self.opener)
                    new = new or index in bold or index - 1 in bold
                else:
                    new = new_paragraph(self.previous, line, self.previous_edges | edges, 0.0, self.opener)
                    # Continuing a paragraph across columns and pages needs a previous
                    # column of several lines to tell a full last line from a short one.
                    new = new or self.previous.column == -1 or line.column == -1 or self.previous_block < 2
                    # Not over a line set smaller than the page's text: a running head, which a
                    # paragraph of the page before goes on past.
                    if heading_before(self.previous, line) and line.size >= 0.95 * text_size:
                        self.sure.append(len(self.pieces))
                        self.before_heads.append(len(self.pieces))
                if index:
                    pitch = pitches.line(self.previous.size) or pitches.usual
                    mark = paragraph_mark(self.previous, line, edges, pitch)
                    self.marked += bool(mark)
                    self.indented += mark == "indented"
                    self.unmarked += mark == ""
                if index and not new:
                    self.inside.append(len(self.pieces))
                    flush = ends_at_edge(self.previous, edges)
                    self.inner += flush is not None
                    self.flush += flush is True
                    breaks.append(_Break(len(self.pieces), self.previous, line, measure))
                    # The lines around it show how far a line may reach, not the whole block's: it
                    # may hold lines set wider than an abstract (basemax_proceedings_persian.pdf).
                    reach = min(near.x0 for near in block[max(index - _NEAR_LINES, 0) : index + _NEAR_LINES])
                    if left_room(self.previous, line, reach):
                        self.roomy.add(len(self.pieces))
                elif breaks:
                    self._find_wraps(breaks, pitches, far)
                    breaks = []
                # A page's first line may be a running head, with the paragraph of the page
                # before going on in the full line under it (``… برای حل`` / head / ``این
                # سؤال …``, basemax_proceedings_persian.pdf); a title has no full line under it.
                # One set larger is a heading (see layout.heading_before); a running head the
                # pipeline removes takes the kept break with it.
                head = (
                    self.previous is blocks[0][0] and full_line(line, edges) and not heading_before(self.previous, line)
                )
                if head and self.notes:
                    # Where the paragraph the footnotes cut goes on under a running head, the
                    # join would go to the head once the page's number is gone (``… مفهوم درخت
                    # را`` / ``م. تقی\u200cزاده بیلندی و ف. رادمهر``, basemax_proceedings_persian.pdf
                    # page 104): the paragraph's line stays apart from it as long as the head
                    # stays (see _before_heads).
                    self.sure.extend(notes.cut for notes in self.notes)
                    self.before_heads.extend(notes.cut for notes in self.notes)
                # Nor is a page's last line sure to stand apart: a page number or a footer
                # that the pipeline removes, and a paragraph goes on after it on the next page.
                if index and new and not head and line is not blocks[-1][-1]:
                    size = self.previous.size
                    pitch = pitches.line(size) or pitches.usual
                    if (
                        index in bold
                        or index - 1 in bold
                        or heading_before(self.previous, line)
                        or sure_paragraph(self.previous, line, edges, pitch, pitches.between(size))
                        or contents_entry(self.previous, edges)
                    ):
                        self.sure.append(len(self.pieces))
                    else:
                        above = block[index - 2] if index > 1 else None
                        if ends_short_of_next(self.previous, line, edges, pitch, above):
                            self.short.append(len(self.pieces))
                        if first_line_indent(self.previous, line, edges, self.previous is self.opener):
                            self.indents.append(len(self.pieces))
                        # Lines set to one measure (justified, or narrower: an abstract,
                        # basemax_proceedings_persian.pdf) end together, and the pipeline
                        # may join across such a break as across a page's blank line; one
                        # after a line that ends elsewhere than the line above is a break
                        # geometry saw (ragged one-line items, each indented).
                        if above is not None and not _end_together(above, self.previous):
                            self.unsure.append(len(self.pieces))
                if index and new and not head and self.notes and self._ends_here(len(self.pieces)):
                    self._release_notes()
                self.pieces.append("\n\n" if new else "\n")
            if new:
                self.opener = line
            self.lines.append((line, len(self.pieces)))
            self.pieces.append(line.text)
            self.previous = line
            self.previous_edges = edges
        if breaks:
            self._find_wraps(breaks, pitches, far)
        self.previous_block = len(block)

    def _ends_here(self, slot: int) -> bool:
        """Whether the paragraph break at ``slot``, after ``self.previous``, surely ends its
        paragraph: geometry is sure of it, or the line ends a sentence."""
        if slot in self.sure:
            return True
        return self.previous is not None and bool(SENTENCE_END.search(self.previous.logical.resolve(False).rstrip()))

    def _release_notes(self) -> None:
        """Set the footnotes held back from earlier pages here, each page's as a block of its own,
        between paragraph breaks that stay (:func:`~dorost.inputs.pdf.layout.held_notes`)."""
        for notes in self.notes:
            if self.previous is not None:
                self.sure.append(len(self.pieces))
                self.pieces.append("\n\n")
            self.previous = None
            self._add_block(notes.lines, notes.edges, notes.page, notes.text_size)
        self.notes.clear()
        self.sure.append(len(self.pieces))

    def _find_wraps(
        self,
        breaks: list[_Break],
        pitches: _Pitches,
        far: float,
    ) -> None:
        """Keep the line breaks of one paragraph that geometry says are wraps of prose.

        The paragraph's lines must be evenly spaced: a table of contents whose entries are set
        two lines apart at alternating distances (basemax_proceedings_persian.pdf) is no prose.
        ``pitches`` and ``far`` (the farthest any line of the block reaches: ragged text's edge)
        are measured once per block, not for each of its paragraphs; each break carries the edges
        its lines are set to (:func:`_measure`).
        """
        drops = [each.before.baseline - each.after.baseline for each in breaks]
        low, high = min(drops), max(drops)
        # Tall inline math widens the leading of a line here and there (layout.LEADING_STRETCH).
        stretched = high > 1.15 * low
        if low <= 0 or (stretched and high - low > LEADING_STRETCH * max(breaks[0].before.size, 1.0)):
            return
        pitch = pitches.line(breaks[0].before.size)
        wrap: _Wrap | None = None
        for slot, before, after, edges in breaks:
            ragged = False
            near = hanging_under(self.opener, after) if self.opener is not None else None
            opens = loose = False
            if not wrapped_line(before, after, edges, pitch, near=near, stretched=stretched):
                ragged = wrapped_line(before, after, edges, pitch, far, near, stretched=stretched)
                loose = not ragged and wrapped_line(
                    before, after, edges, pitch, near=near, loose=True, stretched=stretched
                )
                if not (ragged or loose):
                    wrap = None
                    continue
                opens = not self._goes_on(before, edges)
            if wrap is not None and not loose:
                wrap.goes_on = True
            wrap = _Wrap(
                slot,
                before,
                after,
                full_line(after, edges),
                ragged=ragged,
                room=slot in self.roomy,
                opens=opens,
                loose=loose,
                item=near is not None and not (before.logical.rtl or after.logical.rtl),
                stretched=stretched,
            )
            self.wraps.append(wrap)

    def _goes_on(self, line: Line, edges: Edges) -> bool:
        """Whether ragged ``line`` is no paragraph's whole: a paragraph's first line is joined
        to the next only when it is indented. Without an indent or spacing, a paragraph of one
        line that ends close to the edge cannot be told from a wrapped one (``… ارائه می\u200cدهد``
        / ``Ghost، یک سازمان …``, two items of a list without labels)."""
        if line is not self.opener:
            return True
        _left, right = edges.get(line.column, (line.x0, line.x1))
        return right - line.x1 >= 0.75 * max(line.size, 1.0)

    def _ends_unseen(self) -> bool:
        """Whether this document's paragraphs may end on a full line unseen: its text is set flush
        right and paragraphs were seen to end with no mark under them. A full line ends as many
        of its paragraphs as a line ending a sentence inside one (on flush-right pages printed by
        Chromium, 9 of 18); where no paragraph was seen to end (one long paragraph,
        textmining_farsi.pdf), a sentence's end at a full line is a wrap."""
        return self.unmarked >= _MARKED_LEAST and _flush_right(self.inner, self.flush)

    def mirrored(self) -> bool:
        """Whether this document's bracket glyphs need mirroring (rule L4 of UAX #9)."""
        as_painted = sum(line.logical.evidence.as_painted for line, _ in self.lines)
        mirrored = sum(line.logical.evidence.mirrored for line, _ in self.lines)
        return mirrored > as_painted

    def text(self, page_slots: list[int]) -> _Assembled:
        """The text and what geometry says of it (see :class:`_Assembled`); ``page_slots``: the
        slot each page starts at."""
        if self.notes:  # no paragraph ended after them: they end the text
            self._release_notes()
        mirror = self.mirrored()
        for line, slot in self.lines:
            self.pieces[slot] = line.logical.resolve(mirror)
            if self.tex and line.logical.rtl:
                self.pieces[slot] = reorder_tex_numbers(self.pieces[slot])
        marked, ends_unseen = _marks_paragraphs(self.marked, self.unmarked), self._ends_unseen()
        joined = {
            wrap.slot: "" if _COMPOUND_HYPHEN.search(wrap.previous.text.rstrip()) else " "
            for wrap in self.wraps
            if wrap.joins(marked, ends_unseen)
        }
        dropped = _hyphens_dropped(self.pieces, {wrap.slot: wrap for wrap in self.wraps if wrap.slot in joined})
        wraps: list[Change] = []
        places = self._places()
        sure = set(self.sure)
        sure.update(slot for slot in self.short if not _cut_from_sentence(self.pieces[slot - 1]))
        # Under a full line, an indent is the only sign of a paragraph's start, and where each
        # paragraph seen to end was followed by one, a sure sign (``… را فراهم می\u200cکند:`` / indented
        # ``سازنده\u200cهای محیط …``, a flush-right page of the Vite docs printed by Chromium).
        if _marks_paragraphs(self.indented, self.unmarked):
            sure.update(self.indents)
        kept: list[tuple[int, int]] = []
        before_heads: list[tuple[int, int]] = []
        before_head = set(self.before_heads)
        unsure: list[tuple[int, int]] = []
        seen = set(self.unsure)
        seen.update(self.roomy)
        if ends_unseen:
            # A sentence's end (or a colon) at a line's end may end its paragraph there: the join reads the text.
            ends = (slot for slot in self.inside if _CLAUSE_END.search(self.pieces[slot - 1].rstrip()))
            seen.update(slot for slot in ends if slot not in joined)
        margins: list[list[tuple[int, int]]] = [[] for _ in places.margins]
        place_of = {slot: place for place, slots in enumerate(places.margins) for slot in slots}
        lines: list[tuple[int, int]] = []
        starts: list[int] = []
        offset = 0
        slots = iter(page_slots)
        next_slot = next(slots, None)
        for slot, piece in enumerate(self.pieces):
            while next_slot is not None and slot >= next_slot:
                starts.append(offset)
                next_slot = next(slots, None)
            if slot in dropped:  # the hyphen before the line break goes with it
                wraps.append(Change(offset - 1, offset + len(piece), "", WRAP_CONFIDENCE))
            elif slot in joined:
                wraps.append(Change(offset, offset + len(piece), joined[slot], WRAP_CONFIDENCE))
            elif slot in sure:
                kept.append((offset, offset + len(piece)))
                if slot in before_head:
                    before_heads.append(kept[-1])
            elif slot in seen:
                unsure.append((offset, offset + len(piece)))
            if slot in places.elsewhere:
                lines.append((offset, offset + len(piece)))
            elif slot in place_of:
                margins[place_of[slot]].append((offset, offset + len(piece)))
            offset += len(piece)
        while next_slot is not None:
            starts.append(offset)
            next_slot = next(slots, None)
        return _Assembled(
            text="".join(self.pieces),
            starts=tuple(starts),
            mirrored=mirror,
            wraps=tuple(wraps),
            breaks=tuple(kept),
            before_heads=tuple(before_heads),
            unsure=tuple(unsure),
            elsewhere=tuple(lines),
            margins=tuple(map(tuple, margins)),
        )

    def _places(self) -> _Places:
        """The slots of the lines set elsewhere than the places the pages' top lines share (those
        in a page's upper half) or their bottom lines (the lower half; see
        :func:`~dorost.inputs.pdf.layout.shared_places`), and those of the lines at each place.
        Where the pages share no such place, no line of that half is told.

        A paper's title on its first page is no running head, even where the head on its later
        pages repeats it word for word: the head stands where the heads of all pages stand, the
        title lower (basemax_proceedings_persian.pdf pages 47, 84, 108, 122). Page furniture
        leaves such lines alone, and takes a line at a place where it found running heads by their
        repetition for a running head too, however seldom its words come back: a short paper's
        head, seen on one page (see :func:`~dorost.fixes.layout.furniture.remove_page_furniture`).
        """
        if len(self.extents) < 2:
            return _Places(set(), [])
        tops = shared_places([extent.top for extent in self.extents])
        feet = shared_places([extent.foot for extent in self.extents])
        elsewhere: set[int] = set()
        margins: list[list[int]] = [[] for _ in [*tops, *feet]]
        for line, slot in self.lines:
            extent = self.extents[self.page_of[id(line)]]
            upper = line.baseline >= (extent.top + extent.foot) / 2
            places = tops if upper else feet
            if not places:
                continue
            at = place_at(line.baseline, places)
            if at is None:
                elsewhere.add(slot)
            else:
                margins[at if upper else len(tops) + at].append(slot)
        return _Places(elsewhere, margins)


def _hyphens_dropped(pieces: Sequence[str], wraps: dict[int, _Wrap]) -> set[int]:
    """The wraps (slots) after a Latin word's hyphen that is the printer's, not the word's.

    dorost knows no English: the document itself must write the word whole (``California``, a
    reference above ``Califor-`` / ``nia``) and never with the hyphen (``wavelet-polynomial``
    stays). Without that evidence the hyphen stays and the lines are joined with it.
    """
    hyphenated: dict[int, tuple[str, str]] = {}
    for slot, wrap in wraps.items():
        head, tail = _LATIN_HYPHEN.search(wrap.previous.text.rstrip()), _LATIN_START.match(wrap.line.text.strip())
        if head and tail and pieces[slot] == "\n" and pieces[slot - 1].endswith("-"):
            hyphenated[slot] = (head.group(1) + tail.group()).lower(), f"{head.group(1)}-{tail.group()}".lower()
    if not hyphenated:
        return set()
    words = {word.lower() for piece in pieces for word in _LATIN_WORD.findall(piece)}
    return {slot for slot, (whole, split) in hyphenated.items() if whole in words and split not in words}


def extract_pdf(
    source: bytes | str | os.PathLike[str],
    *,
    pages: str | None = None,
    password: str | None = None,
    glyphs: GlyphSource = "auto",
) -> Extraction:
    """Read a PDF's text layer in logical order, page by page, without restoring it.

    ``glyphs="pdfminer"`` reads every page with pdfminer.six (the default uses PDFium where it
    can); ``stats`` says how many pages each source read (``pdfium``, ``pdfminer``).
    """
    corrupt = _corrupt_streams()
    with _open(source) as stream:
        document, copy = _parse(stream, password)
        tex = _set_by_xetex(document)
        if copy is not None:
            if not tex:  # PDFium's repair keeps no Info dictionary: its reading of the damaged file says
                stream.seek(0)
                tex = "xdvipdfmx" in _producer_by_pdfium(stream.read(), password).lower()
            source = copy  # PDFium reads the pages from its own repair too
        count = _page_count(document)
        wanted: set[int] | None = None
        if pages is not None:
            if count is None:
                count = sum(1 for _ in _pages(document))
            wanted = set(parse_pages(pages, count))
        manager = PDFResourceManager(caching=True)
        device = GlyphDevice(manager)
        interpreter = GuardedInterpreter(manager, device)
        fast = _fast_document(source, password, count, glyphs)
        with closing(_PageReader(device, interpreter, fast)) as reader:
            assembler = _Assembler(tex=tex)
            read: list[int] = []
            slots: list[int] = []
            textless: list[int] = []
            blank: list[int] = []  # pages that paint nothing at all
            broken: list[str] = []
            cut: list[int] = []  # pages read with a stream cut short or corrupt
            rotated = 0
            last = max(wanted) if wanted else None
            number = 0
            for number, page in enumerate(_pages(document), start=1):
                if last is not None and number > last:
                    break
                if wanted is not None and number not in wanted:
                    continue
                seen = _corrupt_streams()
                try:
                    found = reader.read(number, page)
                except PageTooComplexError as error:
                    raise InputError(f"page {number} cannot be read safely: {error}") from None
                except RecursionError:
                    raise InputError(f"page {number} cannot be read safely: its content nests too deeply") from None
                except MemoryError:
                    raise InputError(f"page {number} cannot be read: it needs more memory than there is") from None
                except Exception as error:
                    broken.append(f"{number} ({_why(error)})")
                    continue
                finally:
                    _forget(document, page)
                rotated += found.rotated
                read.append(number)
                if _corrupt_streams() > seen:
                    cut.append(number)
                slots.append(len(assembler.pieces) + (1 if assembler.pieces else 0))
                rtl_letters = sum(1 for g in found.glyphs if strong_direction(g.text) == "R")
                ltr_letters = sum(1 for g in found.glyphs if strong_direction(g.text) == "L")
                lines = page_lines(found.glyphs, rtl_letters >= ltr_letters)
                if not lines.blocks:
                    # A blank page (the back of a title page) is no scan: told apart from one.
                    (blank if not found.glyphs and paints_nothing(page) else textless).append(number)
                    continue
                assembler.add_page(lines.blocks, lines.edges)
        structure = _structure_damage(document, copy is not None)
        if number == 0:
            raise DamagedPDFError("the PDF is damaged: no page could be found" if structure else "the PDF has no pages")
        if broken and not read and not (textless or blank):
            raise DamagedPDFError(f"the PDF is damaged: no page could be read (page {broken[0]})")
        if wanted is None and count is not None and number < count:
            structure.append(f"the PDF is damaged: it has {count} pages, but only {number} could be found")
        assembled = assembler.text(slots)
        # A stream is decoded once, where a page first uses it: a corrupt font read with page 1
        # may also leave page 2 without text, so a page without text may owe it to the damage.
        damaged = _corrupt_streams() > corrupt
        unmapped = reader.unmapped
    warnings: list[str] = structure
    if broken:
        warnings.append(f"the PDF is damaged: skipped page {', '.join(broken)}")
    if cut:
        which = (
            f"page {cut[0]} uses a stream that is" if len(cut) == 1 else f"pages {_ranges(cut)} use streams that are"
        )
        warnings.append(f"the PDF is damaged: {which} cut short or corrupt, so text may be missing")
    elif damaged and not broken:
        warnings.append("the PDF is damaged: a stream is cut short or corrupt, so text may be missing")
    if damaged or structure:
        # A stream the damage cut may have held the page's content: no page is known to be blank.
        textless, blank = sorted(textless + blank), []
    if textless:
        one = len(textless) == 1
        which = f"page {textless[0]} has" if one else f"pages {_ranges(textless)} have"
        if damaged or structure:
            warnings.append(f"{which} no text: lost to the damage, or {'it needs' if one else 'they need'} OCR")
        else:
            warnings.append(f"{which} no text; {'it needs' if one else 'they need'} OCR")
    if blank:
        warnings.append(f"page {blank[0]} is blank" if len(blank) == 1 else f"pages {_ranges(blank)} are blank")
    if unmapped:
        which = f"page {unmapped[0]} uses a font" if len(unmapped) == 1 else f"pages {_ranges(unmapped)} use fonts"
        warnings.append(f"{which} that maps some glyphs to no text, so words may be missing, out of order or repeated")
    if rotated:
        warnings.append(f"left out {rotated} rotated glyph{'s' if rotated != 1 else ''} (rotated text)")
    return Extraction(
        text=assembled.text,
        pages=tuple(read),
        starts=assembled.starts,
        warnings=tuple(warnings),
        mirrored=assembled.mirrored,
        stats={"pages": len(read), "textless": len(textless) + len(blank), **reader.stats},
        wraps=assembled.wraps,
        breaks=assembled.breaks,
        before_heads=assembled.before_heads,
        unsure=assembled.unsure,
        elsewhere=assembled.elsewhere,
        margins=assembled.margins,
    )


def _set_by_xetex(document: PDFDocument) -> bool:
    """Whether the document's Info says xdvipdfmx wrote it: XeTeX's PDF driver (every XeLaTeX
    PDF in ``../shared/pdfs``: ``xdvipdfmx (20211117)``, ``xdvipdfmx 0.7.9``)."""
    for info in document.info:
        producer = resolve1(info.get("Producer")) if isinstance(info, dict) else None
        if isinstance(producer, bytes) and "xdvipdfmx" in decode_text(producer).lower():
            return True
    return False


def _producer_by_pdfium(data: bytes, password: str | None) -> str:
    try:
        from dorost.inputs.pdf.pdfium import producer
    except ImportError:
        return ""
    return producer(data, password)


def _structure_damage(document: _Document, repaired: bool) -> list[str]:
    """Warnings for damage outside the compressed streams, which the readers repaired or read past:
    the file itself stays readable, but what the damage took (a page, a font's map) is gone."""
    found: list[str] = []
    if repaired:
        found.append("the PDF is damaged: its cross-reference data or trailer is broken (PDFium rebuilt it)")
    elif document.rebuilt:
        found.append("the PDF is damaged: its cross-reference table is missing or broken (rebuilt from the objects)")
    if document.missing:
        many = len(document.missing) != 1
        found.append(
            f"the PDF is damaged: {len(document.missing)} object{'s' if many else ''} it refers to "
            f"{'are' if many else 'is'} missing, so text may be missing"
        )
    return found


def join_wraps(result: Result, wraps: Sequence[Change]) -> Result:
    """Join the lines the front end found wrapped inside a paragraph (``wraps``, changes to
    ``result.original``) in the restored text, as edits of :data:`WRAP_FIX`.

    The pipeline joins lines by the text alone, where it finds the width they were wrapped at
    (a title page and a table of contents may hide it: xrs_Vahid-Proposal.pdf); geometry knows
    the paragraphs of prose. Each break is followed through the pipeline's edits, step by step,
    as the run of white space it has become: a fix that only changed white space there (a line
    break widened to a blank line because a sentence ends at it, ``… استفاده کردیم.`` /
    ``تنها کافی\u200cاست …`` in a justified paragraph of xrs_Navid-Khazaee.pdf) leaves it a wrap,
    joined as one edit of that run; one that wrote anything else there (joined a hyphenated
    word) leaves it as the fix left it, and so does a join the pipeline made already.
    """
    spans = [_Span(wrap.start, wrap.end, wrap.start, wrap.end) for wrap in wraps]
    edits = result.edits
    first = 0
    while first < len(edits):
        last = first
        while last < len(edits) and edits[last].step == edits[first].step:
            last += 1
        _follow_step(spans, edits[first:last])
        first = last
    text = result.text
    number = edits[-1].step + 1 if edits else 0
    changes: list[Change] = []
    added: list[Edit] = []
    for wrap, span in zip(wraps, spans, strict=True):
        before = text[span.start : span.end]
        # A wrap after a printer's hyphen takes the hyphen too (see _hyphens_dropped).
        hyphen = "-" if result.original[wrap.start : wrap.end] == "-\n" else ""
        if (
            not span.alive
            or result.original[wrap.start : wrap.end] != hyphen + "\n"
            or "\n" not in before
            or before.strip() != hyphen
            or not before.startswith(hyphen)
        ):
            continue  # another fix wrote there, or the pipeline joined the lines already
        around = text[span.start - 1 : span.start] + text[span.end : span.end + 1]
        if "\n" in around or len(around) < 2:
            continue  # a paragraph break beside it, or the text ends
        after = "" if wrap.after == " " and around.strip(" \t") != around else wrap.after
        changes.append(Change(span.start, span.end, after, wrap.confidence))
        added.append(Edit(WRAP_FIX, span.first, span.last, before, after, wrap.confidence, number, span.start))
    if not changes:
        return result
    return replace(result, text=apply_changes(text, changes), edits=result.edits + tuple(added))


def _follow_step(spans: Sequence[_Span], step: Sequence[Edit]) -> None:
    """Move the living spans through one step's edits (sorted by where they are in its input)."""
    ends = [edit.at + len(edit.before) for edit in step]
    shifts = list(itertools.accumulate(len(edit.after) - len(edit.before) for edit in step))
    for span in spans:
        if span.alive:
            span.follow(step, ends, shifts)


@dataclass
class _Span:
    """Where a wrap's line break is in the text so far (``start``, ``end``) and what of the
    original it covers (``first``, ``last``); ``alive`` until a fix writes more than white
    space there."""

    start: int
    end: int
    first: int
    last: int
    alive: bool = True

    def follow(self, step: Sequence[Edit], ends: list[int], shifts: list[int]) -> None:
        """Move the span through one step's edits (sorted; ``ends``: where each ends in the
        step's input; ``shifts``: the length each adds, summed up to it).

        An edit that overlaps the span, or touches it and replaces white space with white
        space, becomes part of it; the edits before the span shift it.
        """
        index = bisect_left(ends, self.start)  # the first edit that ends at or after the span
        start = self.start + (shifts[index - 1] if index else 0)
        end = self.end + (shifts[index - 1] if index else 0)
        while index < len(step) and step[index].at <= self.end:
            edit = step[index]
            inside = edit.at < self.end and ends[index] > self.start
            blank = not edit.before.strip() and not edit.after.strip()
            if inside or blank:
                if not blank:
                    self.alive = False
                    return
                growth = shifts[index] - (shifts[index - 1] if index else 0)
                out = edit.at + (shifts[index - 1] if index else 0)  # where the edit's text starts now
                start = min(start, out)
                end = max(end + growth, out + len(edit.after))
                self.first = min(self.first, edit.start)
                self.last = max(self.last, edit.end)
            elif edit.at < self.start or (edit.at == self.start and self.start < self.end):
                # Before the span (it ends where the span starts): shifts it.
                growth = shifts[index] - (shifts[index - 1] if index else 0)
                start += growth
                end += growth
            index += 1
        self.start, self.end = start, end


class _KeptBreaks:
    """The paragraph breaks geometry is sure of (spans of the text's line breaks), followed through
    the pipeline's steps and handed to :func:`~dorost.fixes.layout.paragraphs.join_broken_lines`.

    Each fix is watched: the changes it proposed, less those that change nothing, are the step
    the pipeline applies, and the text the next fix reads must be their result (else, as where
    the pipeline left code alone, the breaks are forgotten and the join reads the text alone, as
    for plain text). A break that another fix rewrote with more than white space, or left
    without a blank line, is no longer kept: where remove_page_furniture took a running head
    beside it (``س. آسعیدی``, basemax_proceedings_persian.pdf), it now stands at a page's end,
    where a paragraph may go on. The breaks geometry saw but is not sure of (``unsure``) are
    followed the same way, and so are the lines set elsewhere than the pages' heads and feet
    (``elsewhere``), which remove_page_furniture leaves alone, and those at the places they share
    (``margins``), where it looks for running heads seen once.
    """

    def __init__(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        unsure: Sequence[tuple[int, int]] = (),
        pages: Sequence[tuple[int, int]] = (),
        elsewhere: Sequence[tuple[int, int]] = (),
        margins: Sequence[Sequence[tuple[int, int]]] = (),
        before_heads: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.spans = list(spans)
        self.before_heads = list(before_heads)  # those of ``spans`` kept for the page's first line after them
        self.unsure = list(unsure)
        # The lines set elsewhere than the pages' heads and feet and those at the places they share,
        # for remove_page_furniture; each forgotten where a step writes into it, all with the pages.
        self.elsewhere = list(elsewhere)
        self.margins = [list(place) for place in margins]
        # The page breaks (the blank lines before pages 2, 3, …) and those pages' numbers, for
        # remove_page_furniture; all forgotten if a step loses one.
        self.page_breaks = [_page_break(text, start) for start, _ in pages[1:]]
        self.pages = list(pages)
        self.text = text  # the text the last watched fix read
        self.proposed: list[Change] = []  # and the changes it proposed
        self.fix = ""  # and its name

    def watch(self, fixes: Sequence[Fix]) -> list[Fix]:
        return [replace(fix, function=self._watched(fix)) for fix in fixes]

    def _watched(self, fix: Fix) -> FixFunction:
        function = fix.function

        def watched(text: str, config: Config) -> list[Change]:
            self._follow(text)
            if fix.name == WRAP_FIX and (self.spans or self.unsure):
                changes = join_broken_lines(text, config, self.spans, self.unsure)
            elif fix.name == FURNITURE_FIX and self.pages:
                changes = remove_page_furniture(text, config, self.pages, self.elsewhere, self.margins)
            else:
                changes = function(text, config)
            self.text, self.proposed, self.fix = text, changes, fix.name
            return changes

        return watched

    def _forget(self) -> None:
        """Forget every break, page and line: a step changed the text in a way not followed."""
        self.spans, self.before_heads, self.unsure = [], [], []
        self.pages, self.elsewhere, self.margins = [], [], []

    def _follow(self, text: str) -> None:
        """Move the breaks through the last watched step, which turned ``self.text`` into ``text``."""
        previous, proposed = self.text, self.proposed
        self.text, self.proposed = text, []
        if not self.spans and not self.unsure and not self.pages and not self.elsewhere:
            return
        applied = [change for change in proposed if previous[change.start : change.end] != change.after]
        if not applied:
            if text != previous:
                self._forget()
            return
        if apply_changes(previous, applied) != text:
            self._forget()
            return
        if self.fix == FURNITURE_FIX and self.pages and self.before_heads:
            gone = set(_before_heads(self.before_heads, applied, previous, {start for start, _ in self.pages}))
            self.spans = [span for span in self.spans if span not in gone]
        # The step as edits at their places in its input (the original offsets are not needed here).
        step = [Edit("", c.start, c.end, previous[c.start : c.end], c.after, c.confidence, 0, c.start) for c in applied]
        self.spans = _moved(self.spans, step, previous, text)
        self.before_heads = _moved(self.before_heads, step, previous, text)
        self.unsure = _moved(self.unsure, step, previous, text)
        self.elsewhere = _lines_moved(self.elsewhere, step)
        self.margins = [_lines_moved(place, step) for place in self.margins]
        if self.pages:
            breaks = _moved(self.page_breaks, step, previous, text)
            if len(breaks) == len(self.page_breaks):
                self.page_breaks = breaks
                self.pages = [
                    self.pages[0],
                    *((end, page) for (_, end), (_, page) in zip(breaks, self.pages[1:], strict=True)),
                ]
            else:
                self.page_breaks, self.pages, self.elsewhere, self.margins = [], [], [], []


_NOT_SPACE = re.compile(r"\S")


def _before_heads(
    spans: Sequence[tuple[int, int]], removed: Sequence[Change], text: str, page_starts: set[int]
) -> list[tuple[int, int]]:
    """The breaks of ``spans`` (in ``text``) that page furniture's ``removed`` lines (sorted
    changes) follow up to a page's first line. Geometry kept such a break to keep a line apart
    from the page's running head (a paragraph cut by footnotes, ``… مفهوم درخت را`` / ``۹۳`` /
    ``م. تقی\u200cزاده بیلندی و ف. رادمهر``, basemax_proceedings_persian.pdf pages 103 and 104; a head set
    larger, see :func:`~dorost.inputs.pdf.layout.heading_before`): with the head gone, the line
    before and the line after the page break are what the join reads. One pass from the end."""
    removed_at = {change.start: change for change in removed if not change.after}

    def next_line(position: int) -> int:
        found = _NOT_SPACE.search(text, position)
        return found.start() if found else len(text)

    # Whether the removed lines from each removed line's start on reach a page's first line.
    reaches: dict[int, bool] = {}
    for start in sorted(removed_at, reverse=True):
        after = next_line(removed_at[start].end)
        reaches[start] = start in page_starts or reaches.get(after, False)
    return [span for span in spans if reaches.get(next_line(span[1]), False)]


def _page_break(text: str, start: int) -> tuple[int, int]:
    """The span of the white space before ``start`` (where a page starts) in ``text``."""
    begin = start
    while begin > 0 and text[begin - 1].isspace():
        begin -= 1
    return begin, start


def _moved(spans: Sequence[tuple[int, int]], step: Sequence[Edit], before: str, text: str) -> list[tuple[int, int]]:
    """The breaks ``spans`` of ``before`` where ``step`` (edits of it) leaves them in ``text``;
    those it wrote more than white space over, or left without their blank line (or, for a line
    break, without a line break), are dropped."""
    if not spans:
        return []
    breaks = [min(before.count("\n", start, end), 2) for start, end in spans]
    moving = [_Span(start, end, start, end) for start, end in spans]
    _follow_step(moving, step)
    return [
        (span.start, span.end)
        for span, least in zip(moving, breaks, strict=True)
        if span.alive and not text[span.start : span.end].strip() and text.count("\n", span.start, span.end) >= least
    ]


def _lines_moved(spans: Sequence[tuple[int, int]], step: Sequence[Edit]) -> list[tuple[int, int]]:
    """The lines ``spans`` where ``step`` (edits of the text they are in) leaves them; those it
    wrote into are dropped."""
    if not spans:
        return []
    moving = [_Span(start, end, start, end) for start, end in spans]
    _follow_step(moving, step)
    return [(span.start, span.end) for span in moving if span.alive]


def fix_pdf(
    source: bytes | str | os.PathLike[str],
    config: Config | None = None,
    *,
    pages: str | None = None,
    password: str | None = None,
) -> Result:
    """Extract a PDF's text in logical order and restore it; every edit carries its page.

    ``source`` is the PDF's bytes or a path; ``pages`` selects pages (``"2-5"``, ``"1,3,7-9"``);
    ``password`` opens an encrypted PDF. The text is read in logical order glyph by glyph, so
    the fixes in :data:`ORDERED_BY_GLYPHS` are left out. Raises
    :class:`~dorost.errors.InputError` on input that cannot be read (encrypted, damaged,
    hostile); pages without text, and compressed streams cut short or corrupt (the text they
    held is lost; the rest is kept), become warnings. So does damage outside the streams that a
    reader repairs: a cross-reference table or trailer cut off or broken (rebuilt by scanning the
    objects, or by PDFium), an object the file refers to and no longer holds, a page the page
    tree counts and does not hold.

    A one-page PDF whose text layer spells کتاب with the Arabic kaf (ك): the font's encoding
    names its four glyphs, drawn left to right (ب ا ت ك); readers rebuild the cross-reference
    table it leaves out.

    >>> pdf = (
    ...     b"%PDF-1.4\\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\\n"
    ...     b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\\n"
    ...     b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R "
    ...     b"/Resources << /Font << /F1 5 0 R >> >> >> endobj\\n"
    ...     b"4 0 obj << >> stream\\nBT /F1 24 Tf 100 50 Td <04030201> Tj ET\\nendstream endobj\\n"
    ...     b"5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Arial /FirstChar 1 /Widths [500 500 500 500] "
    ...     b"/Encoding << /Differences [1 /uni0643 /uni062A /uni0627 /uni0628] >> >> endobj\\n"
    ...     b"trailer\\n<< /Root 1 0 R >>\\n"
    ... )
    >>> result = fix_pdf(pdf)
    >>> result.text, [(edit.fix, edit.before, edit.after, edit.page) for edit in result.edits]
    ('کتاب', [('unify_arabic_letters', 'ك', 'ک', 1)])

    Page numbers may be written in Persian digits, as a Persian reader types them:

    >>> fix_pdf(pdf, pages="۱-").pages
    (1,)
    """
    extraction = extract_pdf(source, pages=pages, password=password)
    config = config or Config()
    # The pipeline's join reads the text alone and takes some of geometry's sure paragraph breaks
    # for a page's blank lines (a title joined to its authors, a footnote to the text above it:
    # basemax_proceedings_persian.pdf): it is told them, as far as the pipeline leaves them.
    # A list of fixes, not a tuple: the pipeline keeps no plan of it (its functions hold this text).
    # The breaks it saw but is not sure of are told too: a line that may end its paragraph (a
    # verb without its full stop) is not joined across one.
    # So are the pages, where each starts and its number: a page's number at its edge goes even
    # where the text is not prose (see remove_page_furniture).
    page_starts = list(zip(extraction.starts, extraction.pages, strict=True))
    fixes = (
        _KeptBreaks(
            extraction.text,
            extraction.breaks,
            extraction.unsure,
            page_starts,
            extraction.elsewhere,
            extraction.margins,
            extraction.before_heads,
        ).watch(FIXES)
        if extraction.breaks or extraction.unsure or len(page_starts) >= 2
        else FIXES
    )
    result = run(extraction.text, config.with_fixes(skip=ORDERED_BY_GLYPHS), fixes)
    if config.enabled(WRAP_FIX) and extraction.wraps:
        result = join_wraps(result, extraction.wraps)
    edits = tuple(replace(edit, page=extraction.page_at(edit.start)) for edit in result.edits)
    return Result(
        text=result.text,
        original=result.original,
        edits=edits,
        warnings=extraction.warnings + result.warnings,
        pages=extraction.pages,
    )
