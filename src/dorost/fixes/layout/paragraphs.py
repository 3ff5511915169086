"""Lines into paragraphs: join lines an extractor broke in mid-sentence, drop artefact blank lines.

The evidence is the document's own wrap width. Lines that end in mid-sentence and are followed by
more prose show the width the text was wrapped at (most of them end close to it). Then:

- a line that ends in mid-sentence and is about as long as the wrap width was wrapped: it is
  joined to the next prose line, across any blank lines between them (those are page or column
  artefacts, as in the sample article, where blank lines fall inside sentences);
- a line that ends a sentence is a paragraph's last line (a wrap that falls on a sentence end by
  chance splits a paragraph in two, which breaks no sentence; joining two paragraphs would lose
  a break that cannot be told from it by line length alone);
- the document's first line, when short and without final punctuation, is its title;
- a line ending in a colon short of the wrap width introduces what follows (a list, a quotation):
  a paragraph end;
- a list item is never joined to the line before it; one that runs to the wrap width and ends in
  mid-sentence goes on in the next line when that is no item (a wrapped numbered item);
- short lines, tables, code and lines without Persian are never joined, and a
  document whose lines do not show a wrap width (poetry, one paragraph per line: most of its
  mid-sentence line ends do not crowd under one width) is left alone.

When artefact blank lines were removed, blank lines no longer say where paragraphs are, so every
paragraph break between prose lines becomes one blank line (an editor's plain-text layout).
A Latin word hyphenated across a line break (``inter-`` / ``national``) is rejoined.
"""

from __future__ import annotations

import itertools
import re

from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.layout._common import SENTENCE_END, Line, has_persian, split_lines

_LIST_ITEM = re.compile(
    r"^(?:[-*•·▪●◦–—]\s|[0-9۰-۹٠-٩]{1,3}\s*[.)\-–:]\s|[a-zA-Z][.)]\s|(?:الف|[بپتثجچ])\s*[)\-–]\s|#)"
)
_TABLE = re.compile(r"\t|\||\S {3,}\S")
_HYPHENATED = re.compile(r"[A-Za-z]{2}-$")
_LOWER_START = re.compile(r"^[a-z]{2}")
# Wrapped lines end within this share of the wrap width; the lines that show the width must
# be at least this many; a prose wrap width is at least this many characters (poems are shorter).
_WRAP_BAND = 0.8
_MIN_WRAPPED = 2
_MIN_WIDTH = 45
# Most mid-sentence line ends of a wrapped document crowd under its width (measured: at least
# 82 % in the sample article and 83 % in every benchmark document wrapped at 60–90 characters).
# In a document with one paragraph per line (the shippable documentation corpora) the lines that
# end without a full stop are headings and list introductions ending in a colon, of every length:
# at most 13 % of them crowd under any width. Such a document has no wrap width, and joining its
# lines would merge paragraphs an editor keeps apart (`… انجام دهید:` and the item after it).
_MIN_WRAPPED_SHARE = 0.5
# A line shorter than this share of the wrap width ends its paragraph even without a full stop.
_SHORT = 0.6
# A first line shorter than this share of the width and without final punctuation is a title.
_TITLE = 0.75
# Lines far longer than the width are paragraphs already (one per line), not wrapped lines.
_LONG = 1.35


def _is_prose(line: Line, items: bool = False) -> bool:
    """A line of Persian prose (with ``items``, a list item's first line counts as one)."""
    content = line.content
    return (
        not line.blank
        and has_persian(content)
        and (items or not _LIST_ITEM.match(content))
        and not _TABLE.search(content)
        and not line.text.startswith(("    ", "\t"))
    )


def _wrap_width(lengths: list[int]) -> int:
    """The width most of the mid-sentence line ends crowd under (0 when they show none)."""
    best_width, best_count = 0, 0
    for width in sorted(set(lengths)):
        count = sum(1 for length in lengths if _WRAP_BAND * width <= length <= width)
        if count > best_count or (count == best_count and width > best_width):
            best_width, best_count = width, count
    if best_count < _MIN_WRAPPED or best_width < _MIN_WIDTH or best_count < _MIN_WRAPPED_SHARE * len(lengths):
        return 0
    return best_width


def wrap_width(lines: list[Line], pairs: list[tuple[int, int]] | None = None, prose: set[int] | None = None) -> int:
    """The document's wrap width: where its mid-sentence line ends crowd (0: not a wrapped document)."""
    if pairs is None or prose is None:
        body = [index for index, line in enumerate(lines) if not line.blank]
        pairs = list(itertools.pairwise(body))
        if len(pairs) < _MIN_WRAPPED:
            return 0  # too few line ends to show a width (a paragraph on one line has none)
        prose = {index for index in body if _is_prose(lines[index])}
    open_ends = [
        len(lines[a].content)
        for a, b in pairs
        if a in prose and b in prose and not SENTENCE_END.search(lines[a].content)
    ]
    return _wrap_width(open_ends)


def join_broken_lines(text: str, config: Config) -> list[Change]:
    """Join lines broken in mid-sentence and remove blank lines that split a sentence.

    Paragraph ends, titles, short lines, lists, tables and poems keep their lines.

    >>> from dorost import fix
    >>> damaged = (
    ...     "نشریه دیپلمات در گزارشی درباره به رسمیت شناختن طالبان گفت این اقدام که پس از\\n\\n"
    ...     "ماه‌ها نشانه‌گذاری دیپلماتیک توسط روسیه اتخاذ شد، عمدتاً ناشی از نگرانی‌های\\n"
    ...     "امنیتی مسکو است.")
    >>> fix(damaged).count("\\n")
    0
    """
    if "\n" not in text or not has_persian(text):
        return []
    lines = split_lines(text)
    body = [index for index, line in enumerate(lines) if not line.blank]
    pairs = list(itertools.pairwise(body))
    prose = {index for index in body if _is_prose(lines[index])}
    width = wrap_width(lines, pairs, prose)
    if not width:
        return []
    newline = "\r\n" if "\r\n" in text else "\n"
    joins: list[Change] = []
    breaks: list[tuple[int, int]] = []
    dropped_blank = False
    for a, b in pairs:
        first, second = lines[a], lines[b]
        content = first.content
        length = len(content)
        # A list item wrapped at the width goes on in the next line (`۲- در مورد افرادی … جوانب`
        # / `گوناگون آن را …`): joined when it runs to the wrap width and the next line is no item.
        item = a not in prose and _WRAP_BAND * width <= length and _is_prose(first, items=True)
        if (a not in prose and not item) or b not in prose:
            continue
        ends_sentence = SENTENCE_END.search(content) is not None
        if ends_sentence:
            join = False  # a sentence end at a line end is taken as a paragraph end
        elif content.endswith(":") and length < _WRAP_BAND * width:
            # A colon ends a list's or a quotation's introduction: a paragraph end unless the
            # line runs to the wrap width (then the break is the wrap's, not the writer's).
            join = False
        else:
            is_title = a == body[0] and length < _TITLE * width
            join = not is_title and _SHORT * width <= length <= _LONG * width
        if not join:
            breaks.append((first.end, second.start))
            continue
        start = first.start + len(first.text.rstrip())
        end = second.start + len(second.text) - len(second.text.lstrip())
        dropped_blank = dropped_blank or b > a + 1
        if _HYPHENATED.search(content) and _LOWER_START.match(second.content):
            joins.append(Change(start - 1, end, "", 0.8))
        else:
            joins.append(Change(start, end, " ", 0.85))
    if not joins:
        return []
    if dropped_blank:
        separator = newline * 2
        joins.extend(Change(start, end, separator, 0.7) for start, end in breaks)
        joins.sort(key=lambda change: change.start)
    return joins
