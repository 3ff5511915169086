"""HTML front end: a saved web page into the text a reader sees, one block a paragraph.

A web page is known by its start (``<!DOCTYPE html>``, ``<html>``), not its name; an HTML fragment
inside ordinary text stays text. The page is read with the standard library's HTML parser: what
the browser shows is kept (headings, paragraphs, list items, table cells, captions), what it does
not is dropped (``<head>``, scripts, styles, templates, comments). Each block becomes a paragraph,
blocks apart by a blank line; whitespace inside a block collapses as the browser collapses it,
except in ``<pre>``; ``<br>`` breaks a line. The parser decodes character references once
(``&ndash;``, ``&amp;lt;`` → ``&lt;``): what is left is the page's text, so the pipeline's
``decode_html_entities`` is not run on it again.

>>> page_text("<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head>"
...           "<body><h1>خبر</h1><p>سلام&nbsp;و <b>درود</b> &amp;lt;</p><ul><li>یک</li><li>دو</li></ul></body></html>")
'خبر\\n\\nسلام\\xa0و درود &lt;\\n\\nیک\\n\\nدو'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from dorost.config import Config
from dorost.edits import Result
from dorost.pipeline import run

# A page starts with a doctype or an <html> tag (after a BOM, whitespace or comments).
_PAGE_START = re.compile(r"\A(?:\ufeff|\s|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)

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


def is_html_page(text: str) -> bool:
    """True for a whole web page (it starts with a doctype or ``<html>``).

    >>> is_html_page("<!doctype html><p>سلام</p>"), is_html_page("متن با <b>برچسب</b>")
    (True, False)
    """
    return _PAGE_START.match(text[:4096]) is not None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.hidden = 0  # depth inside elements a browser does not show
        self.pre = 0

    def _end_block(self) -> None:
        text = "".join(self.current)
        self.current = []
        lines = [line.strip(" ") for line in text.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            self.blocks.append(block)

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

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if self.hidden:
            return
        if tag in _BLOCKS:
            self._end_block()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.current.append(data if self.pre else _SPACES.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._end_block()


def page_text(markup: str) -> str:
    """The text a browser shows of a web page: one block a paragraph, blocks apart by a blank line."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return "\n\n".join(reader.blocks)


def fix_page(markup: str, config: Config | None = None) -> Result:
    """Repair the text of a web page; the edits point into :func:`page_text`'s text (``Result.original``).

    >>> fix_page("<!DOCTYPE html><body><p>سازمان های بین المللی</p></body>").text
    'سازمان\\u200cهای بین\\u200cالمللی'
    """
    config = (config or Config()).with_fixes(skip=["decode_html_entities"])
    return run(page_text(markup), config)
