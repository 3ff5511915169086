"""Huge inputs in bounded memory: decode bytes block by block, cut the text at safe boundaries,
repair it chunk by chunk.

The pipeline works on a whole text; a 100 MB single line would hold the text, every step's copy
and every edit at once. Here the text is cut into chunks of about :data:`CHUNK_CHARS` characters
at the safest boundary the chunk offers, in this order:

1. a paragraph break (``\\n\\n``) between two visible characters;
2. a line break between two visible characters, after a sentence end if there is one;
3. a space between two visible characters, after a sentence end if there is one;
4. else (a token with no space for half a chunk) between two characters, never before a mark.

The separator is copied as it is and each side of it starts and ends with a visible character,
so no fix sees an edge that the whole text would not have had. Edits are given in the
coordinates of the whole input and the whole output (:meth:`Chunk.edits`): replaying all chunks'
edits on the whole input gives the whole output. What a chunked run cannot see is a repair that
would need both sides of a boundary (a word split by rule 4, a running header repeated across
chunks); chunks are a quarter of a million characters, so this touches only inputs that have no other break.

A source that pauses (a slow pipe: ``tail -f``, a person typing) says so with an empty block; the
paragraphs finished by then (a blank line ends one) become a chunk at once, so that output follows
input (:func:`split_text`). Such a cut is at a blank line, the first rule's boundary.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import BinaryIO

from dorost.code import front_matter_pending, within_text
from dorost.config import Config
from dorost.edits import Edit, Result
from dorost.errors import InputError
from dorost.inputs.text import bom_encoding, decode_bytes, is_pdf
from dorost.outputs.report import LineIndex, visible
from dorost.pipeline import run

# A quarter of a million characters: the worst shape measured (a page of presentation-form glyphs,
# one edit per character) peaks near 200 MB a chunk; plain Persian text far lower.
CHUNK_CHARS = 250_000
BLOCK_BYTES = 1 << 20
_SENTENCE_END = frozenset(".!?؟؛:»)")
_VISIBLE = frozenset("LNPS")  # letters, numbers, punctuation, symbols: not spaces, marks or controls
#: A blank line: what ends a paragraph of plain text.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _encoding(head: bytes) -> str:
    """The encoding of a stream, from its first block, by the rule of :func:`decode_bytes`."""
    encoding = bom_encoding(head)
    if encoding is not None:
        return encoding
    if is_pdf(head):
        raise InputError("the input is a PDF; PDFs are read whole, not streamed")
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        decode_bytes(head[: len(head) - 1 if head[-1:] >= b"\x80" else len(head)])  # raises if not Persian
        return "windows-1256"
    return "utf-8-sig"


def head_text(head: bytes) -> str:
    """The start of a stream as text, by the rule of :func:`decode_bytes` ("" when it is not text):
    enough to tell what kind of document it is.

    >>> head_text("<!doctype html><p>سلام</p>".encode("utf-16")[:31])
    '<!doctype html'
    """
    try:
        encoding = _encoding(head)
        return codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except (InputError, UnicodeDecodeError):
        return ""


def decode_stream(blocks: Iterable[bytes]) -> Iterator[str]:
    """Decode a stream of byte blocks by the rule of :func:`decode_bytes`; the first block decides.

    >>> "".join(decode_stream([b"\\xd8\\xb3\\xd9", b"\\x84\\xd8\\xa7\\xd9\\x85"]))
    'سلام'

    An empty block (the source paused) is given on as an empty piece (see :func:`split_text`);
    no other piece is empty:

    >>> list(decode_stream([b"\\xd8\\xb3\\xd9", b"", b"\\x84"]))
    ['س', '', 'ل']
    """
    decoder: codecs.IncrementalDecoder | None = None
    offset = 0
    for block in blocks:
        if not block:
            if decoder is not None:
                yield ""
            continue
        if decoder is None:
            encoding = _encoding(block)
            decoder = codecs.getincrementaldecoder(encoding)()
        if b"\x00" in block and encoding.startswith("utf-8"):
            raise InputError("the input is binary data (it contains NUL bytes), not text")
        pending = len(decoder.getstate()[0])  # bytes of a character cut by the last block
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError as error:
            where = offset - pending + error.start
            bad = error.object[error.start]
            raise InputError(
                f"the input is not valid {_name(encoding)} text (invalid byte 0x{bad:02x} at offset {where})"
            ) from None
        if text:
            yield text
        offset += len(block)
    if decoder is not None:
        try:
            text = decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError(f"the input ends inside a {_name(encoding)} character") from None
        if text:
            yield text


def _name(encoding: str) -> str:
    """The encoding as users know it (``utf-8-sig`` is Python's name for UTF-8 that may start with a mark).

    >>> _name("utf-8-sig"), _name("utf-16"), _name("windows-1256")
    ('UTF-8', 'UTF-16', 'Windows-1256')
    """
    return {"utf-8-sig": "UTF-8", "windows-1256": "Windows-1256"}.get(encoding, encoding.upper())


def _visible(ch: str) -> bool:
    return unicodedata.category(ch)[0] in _VISIBLE


def _between_visible(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and _visible(text[start - 1]) and _visible(text[end])


def _find(text: str, separator: str, low: int, high: int, sentence: bool) -> tuple[int, int] | None:
    """The last ``separator`` in ``text[low:high]`` between visible characters (after a sentence end)."""
    position = text.rfind(separator, low, high)
    tries = 0
    while position >= 0 and tries < 10_000:
        end = position + len(separator)
        if _between_visible(text, position, end) and (not sentence or text[position - 1] in _SENTENCE_END):
            return position, end
        position = text.rfind(separator, low, position + len(separator) - 1)
        tries += 1
    return None


def boundary(text: str, low: int, high: int) -> tuple[int, int]:
    """Where to cut ``text`` in ``[low, high)``: (end of the first chunk, start of the next).

    >>> text = "یک جمله.\\n\\nدو جمله"
    >>> start, end = boundary(text, 1, len(text))
    >>> text[:start], text[start:end], text[end:]
    ('یک جمله.', '\\n\\n', 'دو جمله')
    """
    for separator, sentence in (("\n\n", False), ("\n", True), ("\n", False), (" ", True), (" ", False)):
        found = _find(text, separator, low, high, sentence)
        if found is not None:
            return found
    cut = high - 1
    while cut > low and (unicodedata.category(text[cut])[0] in "MC" or text[cut - 1] in "\r\u200d"):
        cut -= 1
    return cut, cut


def split_text(pieces: Iterable[str], size: int = CHUNK_CHARS) -> Iterator[tuple[str, str]]:
    """Cut a text given in pieces into (chunk, separator) pairs of about ``size`` characters.

    >>> list(split_text(["یک. دو", ". سه"], size=4))
    [('یک.', ' '), ('دو.', ' '), ('سه', '')]

    An empty piece says that the source paused (a pipe whose writer is slow, ``tail -f``): every
    paragraph it finished (one a blank line ends) is given at once, whatever its size, so that the
    reader sees it before more comes. The paragraph that is still being written waits.

    >>> list(split_text(["یک.\\n\\nدو", "", " سه"], size=100))
    [('یک.', '\\n\\n'), ('دو سه', '')]
    """
    buffer = ""
    started = False  # a chunk was given: the buffer is no longer the text's start
    for piece in pieces:
        if not piece:
            # Front matter may hold blank lines: cut inside it, neither part would read as front matter.
            cut = None if not started and front_matter_pending(buffer) else paragraphs_end(buffer)
            if cut is not None:
                start, end = cut
                yield buffer[:start], buffer[start:end]
                buffer = buffer[end:]
                started = True
            continue
        buffer += piece
        while len(buffer) >= size + max(1, size // 2):
            start, end = boundary(buffer, max(1, size // 2), size + max(1, size // 2))
            yield buffer[:start], buffer[start:end]
            buffer = buffer[end:]
            started = True
    if buffer:
        yield buffer, ""


def paragraphs_end(text: str) -> tuple[int, int] | None:
    """Where the paragraphs ``text`` has finished end: (end of the last one's text, start of what
    follows its blank line), or None when no blank line follows text.

    >>> paragraphs_end("یک.\\n\\nدو\\n\\n\\nسه"), paragraphs_end("یک.\\nدو"), paragraphs_end("\\n\\nیک")
    ((7, 10), None, None)
    """
    found = None
    for match in _BLANK_LINE.finditer(text):
        found = match
    if found is None:
        return None
    start = len(text[: found.start()].rstrip())
    end = len(text) - len(text[found.end() :].lstrip())
    return (start, end) if start > 0 else None


@dataclass(frozen=True)
class Chunk:
    """One chunk's repair, and where it sits in the whole input and output.

    ``result`` is the chunk's own: its edits replay on ``result.original``. :meth:`edits` gives
    them in the coordinates of the whole input (``start``/``end``), of the whole text at their step
    (``at``) and of the whole run (``step``).
    """

    result: Result
    separator: str
    offset: int
    output_offset: int
    first_step: int

    @property
    def text(self) -> str:
        return self.result.text + self.separator

    def edits(self) -> list[Edit]:
        return [
            replace(
                edit,
                start=edit.start + self.offset,
                end=edit.end + self.offset,
                at=edit.at + self.output_offset,
                step=edit.step + self.first_step,
            )
            for edit in self.result.edits
        ]


def repair_stream(pieces: Iterable[str], config: Config | None = None, size: int | None = None) -> Iterator[Chunk]:
    """Repair a text given in pieces, chunk by chunk; memory is bounded by the chunk size.

    >>> chunks = list(repair_stream(["اين كتاب است.\\n\\n", "كتاب  دوم"], size=8))
    >>> "".join(chunk.text for chunk in chunks)
    'این کتاب است.\\n\\nکتاب دوم'
    >>> [(edit.start, edit.before, edit.after) for chunk in chunks for edit in chunk.edits()][-1]
    (19, '  ', ' ')
    """
    offset = output_offset = first_step = 0
    for text, separator in split_text(pieces, size or CHUNK_CHARS):
        # Only the first chunk opens the text: a later one that starts with `---` starts at a rule.
        with nullcontext() if not offset else within_text():
            result = run(text, config)
        chunk = Chunk(result, separator, offset, output_offset, first_step)
        yield chunk
        offset += len(text) + len(separator)
        output_offset += len(result.text) + len(separator)
        first_step += 1 + max((edit.step for edit in result.edits), default=-1)


def read_blocks(handle: BinaryIO, size: int = BLOCK_BYTES) -> Iterator[bytes]:
    """The bytes of an open binary file, ``size`` at a time."""
    while block := handle.read(size):
        yield block


class Positions:
    """Line and column (1-based) in the whole input of offsets in successive chunks."""

    def __init__(self) -> None:
        self._line = 0  # line breaks before the current chunk
        self._column = 0  # characters since the last line break before the current chunk

    def explain(self, chunk: Chunk, source: str = "") -> Iterator[str]:
        """The chunk's edits as ``path:line:column  fix  before → after  (confidence)`` lines, in the
        order of the text as for a whole input (:func:`~dorost.outputs.report.explain_lines`)."""
        index = LineIndex(chunk.result.original)
        prefix = f"{source}:" if source else ""
        for edit in sorted(chunk.result.edits, key=lambda edit: edit.start):
            line, column = index.position(edit.start)
            if line == 1:
                column += self._column
            yield (
                f"{prefix}{line + self._line}:{column}  {edit.fix}  "
                f"{visible(edit.before)} → {visible(edit.after)}  ({edit.confidence:.2f})"
            )
        consumed = chunk.result.original + chunk.separator
        breaks = consumed.count("\n")
        self._line += breaks
        self._column = len(consumed) - consumed.rfind("\n") - 1 if breaks else self._column + len(consumed)
