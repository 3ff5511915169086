"""Which lines may hold misordered runs: :class:`Candidate`, a line read as words and the gaps between them.

A line is judged only where it is one: Persian, of a page's length, not a table's row nor a list of numbers, not
mostly Latin, not spaced out like justified text (:func:`read_candidate`, :func:`table_rows`). Its gaps are read as
marks, Latin words and full stops set apart; a paragraph's short last line is judged only when it shows a sentence
end inside (:func:`closes_inside`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from dorost.fixes.layout._common import LATIN_LETTER, SENTENCE_END, Line, has_persian
from dorost.fixes.layout.runs.joins import DASHES
from dorost.fixes.layout.runs.marks import MARKED, typed
from dorost.fixes.layout.runs.order import MAX_BORDERS
from dorost.text import aligned_columns

_TOKEN = re.compile(r"\S+")
_TABLE = re.compile(r"\t|\|")
# Lines longer than this are paragraphs, not extracted lines; shorter ones have too few words
# to judge.
_MAX_WORDS = 40
_MIN_WORDS = 5
# A paragraph's short last line (three or four words) is judged only when it shows an extractor's
# mark and a sentence end inside it while its last word ends none: news paragraphs end with their
# sentence's mark (`ایران است. تاریخی شهرهای` is `شهرهای تاریخی ایران است.`; measured on news
# seeds 2 and 3 of benchmarks/layout.py, 15 of 550 misordered lines were such lines, none judged).
_MIN_WORDS_SHORT = 3
# A line longer than this is a paragraph (a page's lines are shorter): once lines are joined, a
# paragraph holding a misordered line is not read as one line with runs.
_MAX_CHARS = 140
# Latin words may be runs of their own, but a line mostly in Latin is left alone.
_MAX_LATIN_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that may hold misordered runs: its words, the gaps between them, its offsets."""

    index: int
    start: int
    end: int
    words: list[str]
    gaps: list[str]
    printed: list[str]  # as printed, for the repair
    spaced: list[str]  # as marks read them (see :func:`typed`)
    weak: frozenset[int]
    trailing: bool
    doubles: int  # gaps of two spaces or more (``gaps``, not ``printed``)

    @property
    def marked(self) -> bool:
        """The line shows an extractor's mark: a trailing space or a double space between runs."""
        return self.trailing or self.doubles > 0


# A list item's number (`۱.`) ends no sentence; a word that ends in a letter, a digit or a comma ends
# its paragraph open (one that ends in a colon or a bracket may close a list's lead or a source's
# name: `(منبع: ایسنا)`).
_NUMBERED = re.compile(r"\d+[.)]$")
_OPEN_WORD_END = re.compile(r"[\w،,]$")


def closes_inside(words: list[str]) -> bool:
    """True for a line whose last word ends its paragraph open while a word before it ends a sentence.

    >>> closes_inside("است.  تخت معمولی بسیار گسترده\u200cتر".split()), closes_inside("۱. نصب برنامه".split())
    (True, False)
    """
    return bool(_OPEN_WORD_END.search(words[-1])) and any(
        SENTENCE_END.search(word) and not _NUMBERED.match(word) for word in words[:-1]
    )


def _short_misordered(text: str, words: list[str]) -> bool:
    """True for a line of a few words that ends no sentence but holds a sentence end, and carries an
    extractor's mark (a double or trailing space): a paragraph's last line printed last-first."""
    return (
        _MIN_WORDS_SHORT <= len(words) < _MIN_WORDS
        and MARKED.search(text) is not None
        and SENTENCE_END.search(words[-1]) is None
        and any(SENTENCE_END.search(word) for word in words[:-1])
    )


# A row's or an item's number first or last on its line, set apart from its text by two spaces or
# more.
_ROW_NUMBER = re.compile(r"\s*(\d+)[.)]?\s\s+\S|.*\S\s\s+(\d+)\s*$")


def table_rows(lines: list[Line]) -> set[int]:
    """The lines of a table or a numbered list as pdftotext -layout prints them, never runs printed
    last-first: lines that open or end with a number set apart by a column's gap, the numbers
    counting up by one from line to line (a repair read `اپلیکیشن شما دیپلوی شد! (مثال: ۲` in a
    table of the Vite documentation's pages, moving the row's number to its end where the cell's
    text reads open), and lines whose wide gaps stand over one another (cells cut from sentences
    read as well in another order).

    >>> from dorost.fixes.layout._common import split_lines
    >>> sorted(table_rows(split_lines("۱  مقدمه" + chr(10) + "۲  روش کار" + chr(10) + "۵  نتیجه")))
    [0, 1]
    >>> sorted(table_rows(split_lines("نام       نسخه" + chr(10) + "ویت       پنج" + chr(10) + "ویو  سه")))
    [0, 1]
    """
    rows: set[int] = set()
    numbered = [
        (i, int(m.group(1) or m.group(2))) for i, line in enumerate(lines) if (m := _ROW_NUMBER.match(line.text))
    ]
    for (a, first), (b, second) in pairwise(numbered):
        if second == first + 1:
            rows.update((a, b))
    rows.update(aligned_columns([line.text for line in lines]))
    return rows


def read_candidate(index: int, line: Line) -> Candidate | None:
    content = line.content
    if line.blank or len(content) > _MAX_CHARS or not has_persian(content) or _TABLE.search(content):
        return None
    matches = list(_TOKEN.finditer(line.text))
    words = [match.group() for match in matches]
    least = _MIN_WORDS_SHORT if _short_misordered(line.text, words) else _MIN_WORDS
    if not least <= len(words) <= _MAX_WORDS:
        return None
    if words[0] in DASHES:
        # A lone dash first on a line is a list item's bullet or a line of dialogue: its line is
        # left as it is, and no repair moves a dash from inside a line to its start (a dash scores
        # the same everywhere, so the pairs beside it cannot tell: `«کتاب»  و  – سال ۱۴۰۳`).
        return None
    # Most lines hold no Latin letter: each word is then searched for none.
    latin_words = (
        [LATIN_LETTER.search(word) is not None for word in words]
        if LATIN_LETTER.search(line.text)
        else [False] * len(words)
    )
    latin = sum(latin_words)
    if latin > _MAX_LATIN_SHARE * len(words) or len(words) - latin < least:
        return None
    printed = [line.text[a.end() : b.start()] for a, b in pairwise(matches)]
    spaced = [typed(gap) for gap in printed]
    # Latin inside a right-to-left line is set apart by extractors as a matter of course: a
    # double space beside it is no mark of a run border. Two spaces after a full stop are a
    # typist's habit as often as a border: weak evidence, and no mark of a misordered line.
    gaps = [" " if latin_words[i] or latin_words[i + 1] else gap for i, gap in enumerate(spaced)]
    weak = frozenset(i for i, gap in enumerate(gaps) if len(gap) >= 2 and SENTENCE_END.search(words[i]))
    if weak:
        gaps = [" " if i in weak else gap for i, gap in enumerate(gaps)]
    doubles = sum(1 for gap in gaps if len(gap) >= 2)
    if doubles > MAX_BORDERS:
        return None  # spaced out like a table or justified text: not runs
    trailing = line.text.endswith((" ", "\t"))
    # A repair takes the trailing space with it (the extractor's gap after the run it printed
    # first): the repaired line carries no mark that would have it judged again.
    end = line.end if trailing else line.start + matches[-1].end()
    return Candidate(index, line.start + matches[0].start(), end, words, gaps, printed, spaced, weak, trailing, doubles)
