"""What the lines around a line show: the neighbours' words, and where paragraphs end.

A line's joins with the lines around it read the previous line's last word and the next line's first
(:func:`neighbour_word`), none where a paragraph ends: a wrapped line that leaves room for the next line's first word
ended its paragraph. A document wrapped by its characters (:func:`wraps_tightly`) says so exactly.
"""

from __future__ import annotations

import re

from dorost.fixes.layout._common import SENTENCE_END, Line, has_persian
from dorost.fixes.layout.runs.marks import MARKED

# A word that may end a paragraph, for the room a line leaves: a sentence's end, or a colon or a
# semicolon (a list or a quotation may follow on the next line, its first word short).
PARAGRAPH_END = re.compile(r"[.!?؟…:;؛][»)\]\"'”’]*$")
# A line that leaves room for the next line's first word within this share of the line width ended
# its paragraph (slack for proportional fonts, where characters are not all one width).
_ROOM = 0.8
# A document shows that it was wrapped by its characters (:func:`wraps_tightly`) by this many pairs of unmarked
# lines at least, the next line's first word fitting on the first in at most this share of them.
_TIGHT_PAIRS = 8
_TIGHT_SHARE = 0.05


def next_body(lines: list[Line], index: int, step: int) -> int | None:
    """The index of the nearest non-blank line before (``step=-1``) or after (``step=1``) ``index``."""
    other = index + step
    while 0 <= other < len(lines) and lines[other].blank:
        other += step
    return other if 0 <= other < len(lines) else None


def _ends_paragraph(
    lines: list[Line], restored: dict[int, str], index: int, width: int, full: frozenset[int] = frozenset()
) -> bool:
    """True when the line is a paragraph's last: the next line's first word would have fit on it.

    A wrapped line ends where its next word would pass the width, so a line that leaves room for
    the word that follows it was ended by its paragraph, not by the wrap (the sample article's
    short lines before a new paragraph). Some room is left for proportional fonts, unless the next
    line is in ``full``: in a text wrapped by its characters, a line without an extractor's marks
    (its first word as printed is its first).
    """
    following = next_body(lines, index, 1)
    if following is None:
        return True
    if not width:
        return False
    words = restored.get(following, lines[following].content).split()
    length = len(" ".join(restored.get(index, lines[index].content).split()))
    share = 1.0 if following in full else _ROOM
    return bool(words) and length + 1 + len(words[0]) <= share * width


def ends_in_any_order(lines: list[Line], index: int, width: int, tight: bool) -> bool:
    """True when the line ends its paragraph in any order of its own runs or of the next line's:
    the text ends there, or every word of the next line would have fit on it."""
    following = next_body(lines, index, 1)
    if following is None:
        return True
    if not width:
        return False
    words = lines[following].content.split()
    share = 1.0 if tight else _ROOM
    return bool(words) and spaced_length(lines[index].content) + 1 + max(map(len, words)) <= share * width


def neighbour_word(
    lines: list[Line],
    restored: dict[int, str],
    index: int,
    step: int,
    width: int = 0,
    full: frozenset[int] = frozenset(),
) -> str | None:
    """The neighbouring line's last (``step=-1``) or first (``step=1``) word, ``None`` at a break.

    With the document's line ``width``, a line that ends its paragraph (see :func:`_ends_paragraph`,
    ``full``) is followed by a break whatever its last word.
    """
    other = next_body(lines, index, step)
    if other is None:
        return None
    if step > 0 and _ends_paragraph(lines, restored, index, width, full):
        return None
    if step < 0 and _ends_paragraph(lines, restored, other, width, full):
        return None
    words = restored.get(other, lines[other].content).split()
    if not words:
        return None
    if step < 0:
        return None if SENTENCE_END.search(words[-1]) else words[-1]
    return words[0]


def spaced_length(content: str) -> int:
    """A line's length with its spaces single (runs printed apart carry extra spaces)."""
    return len(" ".join(content.split()))


def ends_at_wrap(lines: list[Line], index: int, width: int) -> bool:
    """True when the line ends at the wrap: no paragraph's end, within the band of the width.

    >>> from dorost.fixes.layout._common import split_lines
    >>> line = "کتابداران در گزارش سالانه خود چنین نوشته\\u200cاند"
    >>> lines = split_lines(line + ":" + chr(10) + line)
    >>> ends_at_wrap(lines, 0, 45), ends_at_wrap(lines, 1, 45)
    (False, True)
    """
    words = lines[index].content.split()
    return bool(words) and not PARAGRAPH_END.search(words[-1]) and spaced_length(lines[index].content) >= _ROOM * width


def wraps_tightly(lines: list[Line], width: int) -> bool:
    """True when the document was wrapped by its characters: in the lines that show no mark, a line
    that ends at the wrap leaves no room for the next line's first word (a page set in a proportional
    font leaves room now and then, and then nothing is read from the room).
    """
    pairs = fits = 0
    for index, line in enumerate(lines):
        following = next_body(lines, index, 1)
        if line.blank or following is None or MARKED.search(line.text) or MARKED.search(lines[following].text):
            continue
        if not ends_at_wrap(lines, index, width):
            continue
        words = lines[following].content.split()
        if not words or not has_persian(words[0]):
            continue
        pairs += 1
        fits += spaced_length(line.content) + 1 + len(words[0]) <= width
    return pairs >= _TIGHT_PAIRS and fits <= _TIGHT_SHARE * pairs
