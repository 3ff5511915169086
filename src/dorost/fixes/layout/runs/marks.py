"""What an extractor leaves on a line whose runs it misordered: a double space, a trailing space.

The patterns that find the marks on a line and in a whole text, and how a gap reads as a mark (:func:`typed`).
Every reading of lines and of the document starts from these.
"""

from __future__ import annotations

import re

# What an extractor leaves on a line whose runs it misordered: a double space, a trailing space.
# Extractors print plain spaces: a no-break space is the author's (a list's `2 – \u00a0جانورانی` in
# ParsiNLU's passages), so a gap is double only with two plain spaces in it (see :func:`typed`), and a
# line ends with a space only where a plain one ends it. (Read as marks, that passage's lines were
# swapped at them: 10 undamaged lines moved on benchmarks/layout.py with a third of the paragraphs
# ending open, news seeds 1, 3, 7, 11 and shippable 1, 3, 7, both gap styles; none now.)
MARKED = re.compile(r"[ \t]\s*[ \t]|[ \t]$")
# A space (not a line break) followed by another or ending its line: where no line of a text
# matches this, none matches MARKED (a ``\r`` before a line break matches it but is no mark).
MARKED_IN_TEXT = re.compile(r"[^\S\n](?=\s|\Z)")


def typed(gap: str) -> str:
    """The gap as marks read it: one space unless it holds two plain spaces (an extractor prints
    plain spaces; a no-break space beside one is the author's, not a border's).

    >>> typed(" \u00a0"), typed("  "), typed("\u00a0 \u00a0")
    (' ', '  ', ' ')
    """
    return gap if sum(ch in " \t" for ch in gap) >= 2 else " "
