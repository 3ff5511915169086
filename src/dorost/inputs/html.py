"""HTML front end: a saved web page into the text a reader sees, one block a paragraph.

A web page is known by its start (``<!DOCTYPE html>``, ``<html>``), not its name; an HTML fragment
inside ordinary text stays text. The page is read with the standard library's HTML parser: what
the browser shows is kept (headings, paragraphs, list items, table cells, captions), what it does
not is dropped (``<head>``, scripts, styles, templates, comments). Each block becomes a paragraph,
blocks apart by a blank line; whitespace inside a block collapses as the browser collapses it,
except in ``<pre>``; ``<br>`` breaks a line. A table of data (each cell one line at most) is one
block, a row a line and its cells apart by a tab, as a browser copies it; a table that lays out a
page (cells holding paragraphs) gives its blocks. The parser decodes character references once
(``&ndash;``, ``&amp;lt;`` → ``&lt;``): what is left is the page's text, so the pipeline's
``decode_html_entities`` is not run on it again. Code (``<code>``, ``<kbd>``, ``<samp>``; a
``<pre><code>`` block with its lines and indentation) is left as written, as Markdown's code is.
A break between blocks is the page's own: no join of broken lines crosses one (a list's items
ending without a full stop, the paragraph after them). A paragraph its source wraps is one line
already, as a browser shows it. The lines inside a block (``<br>``, ``<pre>``) are judged as plain
text's are, block by block: a poem or an address keeps them, lines a converter broke at a printed
width (pdftohtml's ``<br/>`` at each line of a PDF) are joined.

>>> page_text("<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head>"
...           "<body><h1>خبر</h1><p>سلام&nbsp;و <b>درود</b> &amp;lt;</p><ul><li>یک</li><li>دو</li></ul></body></html>")
'خبر\\n\\nسلام\\xa0و درود &lt;\\n\\nیک\\n\\nدو'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from dorost.config import Config
from dorost.edits import Change, Result
from dorost.fixes.layout.paragraphs import join_broken_lines
from dorost.pipeline import FIXES, run

# A page starts with a doctype or an <html> tag (after a BOM, whitespace or comments, and the XML declaration of
# an XHTML page: an EPUB book's chapters, a page saved as .xhtml).
_PAGE_START = re.compile(
    r"\A(?:\ufeff|\s|<!--.*?-->|<\?xml\s[^>]*\?>)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)

# Elements whose content a browser does not show.
_HIDDEN = frozenset({"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select"})
# Elements that start and end a block of text (HTML's block-level and table elements).
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "body", "html",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\n\r\f]+")
# A blank line: only a break between blocks makes one (a block's empty lines are dropped), but for a
# code block's, which no fix touches.
_BETWEEN_BLOCKS = re.compile(r"\n(?:[ \t]*\r?\n)+")
# A table's cells and rows (a cell or row that is not closed ends where the next begins, as in HTML).
_CELLS = frozenset({"td", "th"})
# What a tag or comment starts with (HTML's tokenizer: tag open, end tag open, markup declaration, bogus
# comment); cut off by the end of the file, a browser drops it.
_CUT_OFF = re.compile(r"<(?:[A-Za-z!?]|/[A-Za-z])")
# Elements whose text is code (or a program's output), which no fix may touch.
_CODE = frozenset({"code", "kbd", "samp"})
# Where code starts and ends in a block while it is assembled: two characters the page does not
# hold (Unicode noncharacters, else private-use ones), taken out once the blocks are whole.
_MARK_CANDIDATES = (*map(chr, range(0xFDD0, 0xFDF0)), *map(chr, range(0xE000, 0xF900)))


def _free_marks(markup: str) -> str:
    """Two characters the page's text cannot hold, written or as character references, or ``""`` (a
    page holding all of them: its code is not tracked)."""
    held = set(markup) | set(html.unescape(markup))
    free = [mark for mark in _MARK_CANDIDATES if mark not in held][:2]
    return "".join(free) if len(free) == 2 else ""


def is_html_page(text: str) -> bool:
    """True for a whole web page (it starts with a doctype or ``<html>``).

    >>> is_html_page("<!doctype html><p>سلام</p>"), is_html_page("متن با <b>برچسب</b>")
    (True, False)
    >>> is_html_page('<?xml version="1.0" encoding="utf-8"?>\\n<html xmlns="http://www.w3.org/1999/xhtml">')
    True
    """
    return _PAGE_START.match(text[:4096]) is not None


@dataclass(slots=True)
class _Table:
    """A table being read: where its blocks start, and each row's cells as spans of blocks."""

    start: int
    rows: list[list[tuple[int, int]]] = field(default_factory=list)
    cell: int | None = None  # where the open cell's blocks start


class _Reader(HTMLParser):
    def __init__(self, marks: str) -> None:
        super().__init__(convert_charrefs=True)
        # The marks that open and close code (none: code is not tracked), and what is not one.
        self.marks = marks
        self.open, self.close_mark = (marks[0], marks[1]) if marks else ("", "")
        self.not_mark = re.compile(f"[^{marks}]" if marks else ".", re.S)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.hidden = 0  # depth inside elements a browser does not show
        self.pre = 0
        self.code = 0  # depth inside code elements
        self.tables: list[_Table] = []  # the tables open, innermost last

    def _end_block(self) -> None:
        if self.code:
            self.current.append(self.close_mark)  # a block ends inside code: the code goes on in the next
        text = "".join(self.current)
        self.current = [self.open] if self.code else []
        lines = text.split("\n")
        shown = text.strip(" \t\n")
        if self.pre and self.marks and shown.startswith(self.open) and shown.endswith(self.close_mark):
            self._end_code_block(lines)
            return
        kept: list[str] = []
        carried = ""  # the code marks of the empty lines dropped since the last line kept
        for line in lines:
            line = line.strip(" ")
            if line.strip(self.marks + " "):
                kept.append(carried + line)
                carried = ""
            else:
                carried += self.not_mark.sub("", line)
        if kept:
            kept[-1] += carried
            self.blocks.append("\n".join(kept))

    def _end_code_block(self, lines: list[str]) -> None:
        """A code block (``<pre><code>``): its lines as they are, indentation and blank lines too, but
        for blank lines at its edges (their code marks kept)."""
        shown = [i for i, line in enumerate(lines) if line.strip(self.marks + " \t")]
        if not shown:
            return
        first, last = shown[0], shown[-1]
        before = "".join(self.not_mark.sub("", line) for line in lines[:first])
        after = "".join(self.not_mark.sub("", line) for line in lines[last + 1 :])
        self.blocks.append(before + "\n".join(lines[first : last + 1]) + after)

    def _end_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is not None:
            table.rows[-1].append((table.cell, len(self.blocks)))
            table.cell = None

    def _end_table(self) -> None:
        """A table whose every cell holds one line of text at most reads as a browser shows it: a row
        a line, its cells apart by a tab; any other (a page laid out in a table) keeps its blocks."""
        self._end_cell()
        table = self.tables.pop()
        rows = [row for row in table.rows if row]
        cells = [cell for row in rows for cell in row]
        if not any(len(row) > 1 for row in rows) or any(end - start > 1 for start, end in cells):
            return
        texts = ["".join(self.blocks[start:end]) for start, end in cells]
        if any("\n" in text or "\t" in text for text in texts):
            return
        lines: list[str] = []
        taken = 0
        for row in rows:
            line = "\t".join(texts[taken : taken + len(row)]).rstrip("\t")  # empty cells at the end show nothing
            taken += len(row)
            if line.strip(self.marks + "\t "):
                lines.append(line)
        # What the table holds outside its cells (a caption, text a browser moves out of a misplaced
        # spot) is shown above it.
        covered = {index for start, end in cells for index in range(start, end)}
        outside = [block for index, block in enumerate(self.blocks[table.start :], table.start) if index not in covered]
        self.blocks[table.start :] = outside + (["\n".join(lines)] if lines else [])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if self.hidden:
            return
        if tag == "br":
            self.current.append("\n")
        elif tag in _BLOCKS:
            self._end_block()
            if tag == "pre":
                self.pre += 1
            if tag == "table":
                self.tables.append(_Table(len(self.blocks)))
            elif self.tables and tag == "tr":
                self._end_cell()
                self.tables[-1].rows.append([])
            elif self.tables and tag in _CELLS:
                self._end_cell()
                if not self.tables[-1].rows:
                    self.tables[-1].rows.append([])  # a cell with no <tr> before it
                self.tables[-1].cell = len(self.blocks)
        if tag in _CODE and self.marks:
            self.code += 1
            if self.code == 1:
                self.current.append(self.open)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if self.hidden:
            return
        if tag in _CODE and self.code:
            self.code -= 1
            if not self.code:
                self.current.append(self.close_mark)
        if tag in _BLOCKS:
            self._end_block()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            if self.tables and tag == "table":
                self._end_table()
            elif self.tables and tag in _CELLS:
                self._end_cell()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.current.append(data if self.pre else _SPACES.sub(" ", data))

    def close(self) -> None:
        # HTMLParser would show a comment or tag left open at the end (a page saved half-way: `<!-- …`,
        # `<di`) as text; a browser shows nothing of it (EOF in comment, EOF in tag).
        if _CUT_OFF.match(self.rawdata):
            self.rawdata = ""
        super().close()
        self._end_block()
        while self.tables:  # a page cut off inside a table
            self._end_table()


def page_text(markup: str) -> str:
    """The text a browser shows of a web page: one block a paragraph, blocks apart by a blank line."""
    return page_text_and_code(markup)[0]


def page_text_and_code(markup: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`page_text` and the spans of its code, in order.

    >>> text, code = page_text_and_code("<html><p>دستور <code>echo ي</code> را بزنید</p></html>")
    >>> [text[start:end] for start, end in code]
    ['echo ي']
    """
    marks = _free_marks(markup)
    reader = _Reader(marks)
    reader.feed(markup)
    reader.close()
    marked = "\n\n".join(reader.blocks)
    if not marks:
        return marked, []
    pieces: list[str] = []
    code: list[tuple[int, int]] = []
    length = 0
    start = -1
    for piece in re.split(f"([{marks}])", marked):
        if piece == reader.open:
            start = length
        elif piece == reader.close_mark:
            if 0 <= start < length:
                code.append((start, length))
        else:
            pieces.append(piece)
            length += len(piece)
    return "".join(pieces), code


def _join_broken_lines_in_blocks(text: str, config: Config) -> list[Change]:
    """:func:`~dorost.fixes.layout.paragraphs.join_broken_lines` in each block of a page's text alone.

    A browser's blocks are sure breaks, which no extractor wrapped: read as plain text, the items of
    a list that end without a full stop were joined one to the next and the last to the paragraph
    after it (``… آماده خواهید کرد`` + ``کد نمونه: …``).

    >>> items = [
    ...     "مزایای زیرساخت به\u200cعنوان کد را در پروژه\u200cهای خود درک خواهید کرد",
    ...     "دستورات اصلی ابزار و کاربرد هر یک از آن\u200cها را تشخیص خواهید داد",
    ...     "محیط توسعهٔ خود را برای استقرار خودکار برنامه\u200cها آماده خواهید کرد",
    ...     "کد نمونه: این را اجرا کنید.",
    ... ]
    >>> text = "\\n\\n".join(items)
    >>> len(join_broken_lines(text, Config())), _join_broken_lines_in_blocks(text, Config())
    (3, [])
    """
    changes: list[Change] = []
    start = 0
    for blank in (*_BETWEEN_BLOCKS.finditer(text), None):
        end = len(text) if blank is None else blank.start()
        if "\n" in text[start:end]:
            changes += [
                replace(c, start=c.start + start, end=c.end + start) for c in join_broken_lines(text[start:end], config)
            ]
        if blank is not None:
            start = blank.end()
    return changes


# The pipeline's fixes for a page: its line breaks joined block by block. (A tuple made once: the
# pipeline keeps its plan.)
_PAGE_FIXES = tuple(
    replace(fix, function=_join_broken_lines_in_blocks) if fix.function is join_broken_lines else fix for fix in FIXES
)


def fix_page(markup: str, config: Config | None = None) -> Result:
    """Repair the text of a web page; the edits point into :func:`page_text`'s text (``Result.original``).

    >>> fix_page("<!DOCTYPE html><body><p>سازمان های بین المللی</p></body>").text
    'سازمان\\u200cهای بین\\u200cالمللی'
    >>> fix_page('<!DOCTYPE html><body><div id="app"></div><script src="app.js"></script></body>').warnings
    ('the page shows no text; its scripts may draw it, and dorost does not run them',)
    """
    config = (config or Config()).with_fixes(skip=["decode_html_entities"])
    text, code = page_text_and_code(markup)
    result = run(text, config, _PAGE_FIXES, keep=code)
    if not text.strip():
        # A page that shows nothing, as a PDF without a text layer: most often an application's shell, whose text its
        # scripts fetch and draw (the command line fails on it, as on a scan).
        drawn = _SCRIPT.search(markup) is not None
        why = "the page shows no text" + ("; its scripts may draw it, and dorost does not run them" if drawn else "")
        result = replace(result, warnings=(why,))
    return result


_SCRIPT = re.compile(r"<script[\s>]", re.IGNORECASE)
