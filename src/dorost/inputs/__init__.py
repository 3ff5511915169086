"""Input front ends: bytes into a repaired :class:`~dorost.edits.Result`.

Plain text is decoded by :func:`dorost.inputs.text.decode_bytes`; a PDF (known by its header, not
its name) goes to the PDF front end when it is installed (``pip install 'dorost[pdf]'``); a web page
(known by its start: a doctype or ``<html>``) to the HTML front end, :mod:`dorost.inputs.html`,
which keeps the text a browser shows. A Markdown text (known by its file's name, or as its caller says:
``--markdown``, the API's ``markdown`` option) keeps its author's line breaks (:func:`fix_markdown`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from dorost.code import markdown_layout_spans
from dorost.config import Config
from dorost.edits import Result
from dorost.errors import DorostError, InputError, pages_of_text
from dorost.inputs.text import decode_bytes, is_pdf
from dorost.pipeline import run


def repair_bytes(
    data: bytes,
    config: Config | None = None,
    *,
    pages: str | None = None,
    password: str | None = None,
    markdown: bool = False,
) -> Result:
    """Repair a document given as bytes: text in any supported encoding, a web page, or a PDF;
    ``markdown``: the text is a Markdown file's (see :func:`fix_markdown`)."""
    if is_pdf(data):
        try:
            from dorost.inputs.pdf import fix_pdf
        except ImportError as error:
            raise InputError("the input is a PDF; install the PDF front end with: pip install 'dorost[pdf]'") from error
        result: Result = fix_pdf(data, config, pages=pages, password=password)
        return result
    if pages is not None:
        raise pages_of_text()
    text = decode_bytes(data)
    # The web page front end (html.parser) is loaded only for a text that may be a page (a page starts
    # with a tag): `dorost fix` on a plain text file needs none of it (loading it was 25 M instructions).
    if "<" in text:
        from dorost.inputs.html import fix_page, is_html_page

        if is_html_page(text):
            return fix_page(text, config)
    return fix_markdown(text, config) if markdown else run(text, config)


#: The names of Markdown files (CommonMark, MDX).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
#: The names of the sources whose layout is their author's, read as a Markdown file is (:func:`fix_markdown`):
#: Markdown, reStructuredText and AsciiDoc. Their line breaks are no damage, and their indentation is structure
#: (a directive's text under ``.. note::``, a literal block, a list item's next paragraph): removed, the text
#: leaves the block that holds it.
MARKUP_SUFFIXES = (*MARKDOWN_SUFFIXES, ".rst", ".rest", ".adoc", ".asciidoc")
# A hard line break (CommonMark 6.7): two spaces or more end a line that a line of the same paragraph follows.
# (What follows must show something: a line of invisible characters is blank once the fixes remove them, and the
# spaces would go the next time round.)
_HARD_BREAK = re.compile(
    r"(?<=\S) {2,}(?=\r?\n[ \t]*[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff])"
)


def fix_markdown(text: str, config: Config | None = None) -> Result:
    """Repair a Markdown file's text, its layout left as its author wrote it.

    Markdown shows a line break inside a paragraph as a space, and documentation wraps its source
    at 80 or writes a sentence a line: those breaks are no damage, and join_broken_lines is not run.
    Two spaces that end a line make a hard line break (``<br>``): they are kept. So is each line's
    indentation (a list item's further paragraphs stand under its text), and an indented code block is
    code (:func:`dorost.code.markdown_layout_spans`).

    >>> result = fix_markdown("نشانی: تهران، کوچهٔ دوم  \\nتلفن: ۰۲۱۱۲۳۴۵۶۷۸ كه\\nدر دفتر پاسخ می دهند.\\n")
    >>> result.text
    'نشانی: تهران، کوچهٔ دوم  \\nتلفن: ۰۲۱۱۲۳۴۵۶۷۸ که\\nدر دفتر پاسخ می\u200cدهند.\\n'
    """
    config, keep = markdown_layout(text, config)
    return run(text, config, keep=keep)


def markdown_layout(text: str, config: Config | None = None) -> tuple[Config, list[tuple[int, int]]]:
    """What the pipeline is given to leave a Markdown text's layout as its author wrote it (:func:`fix_markdown`):
    ``config`` without join_broken_lines, and the spans to keep: the text's hard line breaks, the indentation of
    its lines and its indented code blocks.

    >>> config, keep = markdown_layout("یک  \\nدو\\n  سه")
    >>> config.join_broken_lines, keep
    (False, [(2, 4), (8, 10)])
    """
    keep = [match.span() for match in _HARD_BREAK.finditer(text)]
    # (Most documents: no line indented, no script.)
    if "\n " in text or "\n\t" in text or text.startswith((" ", "\t", "<")) or "\n<" in text:
        keep = sorted(keep + markdown_layout_spans(text))
    return _without_joins(config or Config()), keep


@lru_cache(maxsize=16)
def _without_joins(config: Config) -> Config:
    """``config`` with join_broken_lines off: made once per configuration, not once per document of a corpus."""
    return config.with_fixes(skip=["join_broken_lines"])


#: Past this page number, a page range is left for the PDF to judge (the check lists the pages).
_PAGES_CHECKED = 100_000


def page_range_error(spec: str) -> DorostError | None:
    """What is wrong with ``spec`` as a page range whatever the PDF, or None: the command line and the
    web service refuse it as a usage error before reading any input.

    The PDF front end's own parser judges it, given as many pages as the largest number named, so
    that only a page past the end of a real PDF can still fail, once the PDF is read.

    >>> str(page_range_error("abc"))
    "pages='abc': use page numbers and ranges like 2-5 or 1,3,7-9"
    >>> str(page_range_error("5-2"))
    "pages='5-2': 5-2 is not a range of pages (they start at 1)"
    >>> page_range_error("2-۴,9-") is None
    True
    """
    numbers = [int(number) for number in re.findall(r"\d+", spec)]
    count = max(numbers, default=1)
    if count > _PAGES_CHECKED:
        return None
    try:
        from dorost.inputs.pdf import parse_pages
    except ImportError:
        return None  # no PDF front end: a PDF input says so itself
    try:
        parse_pages(spec, max(count, 1))
    except DorostError as error:
        return error
    return None
