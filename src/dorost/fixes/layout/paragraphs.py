"""Lines into paragraphs: join lines an extractor broke in mid-sentence, drop artefact blank lines.

The evidence is the document's own wrap width. Lines that end in mid-sentence and are followed by
more prose show the width the text was wrapped at (most of them end close to it). Then:

- a line that ends in mid-sentence and is about as long as the wrap width was wrapped: it is
  joined to the next prose line, across any blank lines between them (those are page or column
  artefacts, as in the sample article, where blank lines fall inside sentences); so is a shorter
  line whose next word would not have fit on it (``… در میلینگ لیست`` before
  ``debian-boot@lists.debian.org …``); a line of closing punctuation alone (``...).``) or a short
  line of Latin words that ends a sentence is the end of the sentence before it;
- a line that ends a sentence is a paragraph's last line (a wrap that falls on a sentence end by
  chance splits a paragraph in two, which breaks no sentence; joining two paragraphs would lose
  a break that cannot be told from it by line length alone);
- the document's first line, when short and without final punctuation, is its title;
- a line ending in a colon short of the wrap width introduces what follows (a list, a quotation):
  a paragraph end;
- a list item is never joined to the line before it; one that runs to the wrap width and ends in
  mid-sentence goes on in the next line when that is no item (a wrapped numbered item). A line
  that starts with a dash after a line wrapped in mid-sentence, with no item before or after it,
  is no list: the wrap fell before a dash inside the sentence (``… نکنید :)`` / ``- شما با …``);
- short lines, tables, code and lines without Persian are never joined, and a
  document whose lines do not show a wrap width (poetry, one paragraph per line: most of its
  mid-sentence line ends do not crowd under one width) is left alone, and so is verse one couplet
  a line (its line ends rhyme). Where the "width" is longer than any wrap (paragraphs one per
  line), only a line that ends on a preposition or a conjunction is joined.

When artefact blank lines were removed, blank lines no longer say where paragraphs are, so every
paragraph break between prose lines becomes one blank line (an editor's plain-text layout).
A Latin word hyphenated across a line break (``inter-`` / ``national``) is rejoined.
"""

from __future__ import annotations

import itertools
import re

from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.layout._common import (
    LATIN_LETTER,
    OPEN_WORDS,
    SENTENCE_END,
    Line,
    ends_rhyme,
    has_persian,
    split_lines,
)

_DASH_ITEM = re.compile(r"^[-–—]\s")
# A line of closing punctuation alone ends the sentence of the line before it (`...).`).
_CLOSING_ONLY = re.compile(r"^[.…!?؟)\]»\"'”’،؛:]+$")
# Latin words, names and code identifiers with their brackets and punctuation, no formula signs.
_LATIN_WORDS = re.compile(r"^[A-Za-z0-9\s\[\]().,:;_/'\"!?-]+$")
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
# No extractor or wrapper breaks prose lines this long: a wider "width" is the length of paragraphs
# one per line, a few of them without a full stop (clean shippable corpora cut into 40-line
# documents showed such widths of 172 to 1,157 characters, and their lines were joined). There
# only a line cut on a word that cannot end a sentence is joined (after a first round of joins
# in fod_README-fa.pdf, whose narrow and wide columns show two widths: `… میگذاشت. با`).
_MAX_WIDTH = 160
# Most mid-sentence line ends of a wrapped document crowd under its width (measured: at least
# 82 % in the sample article and 83 % in every benchmark document wrapped at 60–90 characters).
# In a document with one paragraph per line (the shippable documentation corpora) the lines that
# end without a full stop are headings and list introductions ending in a colon, of every length:
# at most 13 % of them crowd under any width. Such a document has no wrap width, and joining its
# lines would merge paragraphs an editor keeps apart (`… انجام دهید:` and the item after it).
_MIN_WRAPPED_SHARE = 0.5
# A line shorter than this share of the wrap width ends its paragraph even without a full stop.
_SHORT = 0.6
# A line shorter than that (but not than this share) was wrapped when its next word would not fit.
_NO_ROOM = 0.3
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


def _ends_sentence_before(line: Line, width: int) -> bool:
    """The last piece of the sentence before it, wrapped onto a line of its own.

    Closing punctuation alone (``...).``), or a short line of Latin words (no Persian) that ends the
    sentence: ``button[data-v-f3f3eg9]).``, ``pinfo ).`` (benchmark, wrapped vue-docs-fa and
    debian-handbook-fa paragraphs). A displayed formula (``lim kxk − zkk = ۰.``, with its signs)
    keeps its line, as in basemax_proceedings_persian.pdf.
    """
    content = line.content
    if SENTENCE_END.search(content) is None:
        return False
    if _CLOSING_ONLY.match(content):
        return True
    return (
        LATIN_LETTER.search(content) is not None
        and _LATIN_WORDS.match(content) is not None
        and len(content) < _SHORT * width
    )


def _lone_dash(lines: list[Line], body: list[int], at: int) -> bool:
    """``body[at]`` starts with a dash and no line beside it is a list item: not a list's item."""
    if not _DASH_ITEM.match(lines[body[at]].content):
        return False
    return not any(
        0 <= other < len(body) and _LIST_ITEM.match(lines[body[other]].content) for other in (at - 2, at - 1, at + 1)
    )


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
    open_ends = [a for a, b in pairs if a in prose and b in prose and not SENTENCE_END.search(lines[a].content)]
    if not width or ends_rhyme(lines, open_ends):
        return []
    newline = "\r\n" if "\r\n" in text else "\n"
    joins: list[Change] = []
    breaks: list[tuple[int, int]] = []
    dropped_blank = False
    for at, (a, b) in enumerate(pairs):
        first, second = lines[a], lines[b]
        content = first.content
        length = len(content)
        # A list item wrapped at the width goes on in the next line (`۲- در مورد افرادی … جوانب`
        # / `گوناگون آن را …`): joined when it runs to the wrap width and the next line is no item.
        item = a not in prose and _WRAP_BAND * width <= length and _is_prose(first, items=True)
        # A dash that opens a line after a line wrapped at the width, with no list around it, is
        # the sentence's dash (benchmark, wrapped vue-docs-fa: `… باز نکنید :)` / `- شما با …`).
        dash = _WRAP_BAND * width <= length and _is_prose(second, items=True) and _lone_dash(lines, body, at + 1)
        if (a not in prose and not item) or (b not in prose and not dash and not _ends_sentence_before(second, width)):
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
            # A line short of the width whose next word would not have fit on it was wrapped too
            # (benchmark, wrapped debian-handbook-fa: `… در میلینگ لیست` / `debian-boot@lists…`).
            words = second.content.split()
            no_room = bool(words) and length >= _NO_ROOM * width and length + 1 + len(words[0]) > width
            if width > _MAX_WIDTH:
                # No wrap: only a line that ends on a preposition or a conjunction was cut.
                join = content.split()[-1] in OPEN_WORDS
            else:
                join = not is_title and (_SHORT * width <= length or no_room) and length <= _LONG * width
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
