"""Left-to-right runs that pdftotext wraps in bidi embeddings with their edge spaces on the wrong side.

pdftotext writes each right-to-left line inside RLE … PDF (U+202B … U+202C) and each left-to-right
stretch of it (Latin words, numbers) inside LRE … PDF (U+202A … U+202C). It builds that stretch from
the glyphs as they lie on the page, left to right, and takes the space and punctuation lying to its
left along with it. In a right-to-left line what lies to the left comes after, so the space that ends
the stretch is printed before it and the next word is glued on:

    اصلی ⟨LRE⟩ PDF/LaTeX⟨PDF⟩با       for  اصلی PDF/LaTeX با
    ⟨RLE⟩⟨LRE⟩ .۱⟨PDF⟩واژه\u200cهای              for  ۱. واژه\u200cهای

The embedding marks themselves say which characters pdftotext put in the stretch, so this is a
repair of order, not a guess; the marks are dropped with it (``remove_invisible_junk`` drops the rest).
"""

from __future__ import annotations

import unicodedata

from dorost.chars import ARABIC_LETTER_CLASS
from dorost.config import Config
from dorost.edits import Change
from dorost.patterns import lazy_pattern

LRE = "\u202a"
RLE = "\u202b"
POP = "\u202c"

# An LRE … PDF stretch holding no other embedding or line break.
_EMBEDDED = lazy_pattern(f"{LRE}([^\u202a-\u202e\u2066-\u2069\n]*){POP}")
_RTL_LETTER = lazy_pattern(f"[{ARABIC_LETTER_CLASS}]")


# What pdftotext takes along at a stretch's edge: one space, and at most one mark of a number or list
# (`.۱`, ` -`); brackets and anything longer are left alone (a translator's own embedding: `{ $host }`).
_EDGE_BEFORE = lazy_pattern(r" [.,:\-–،]?")
_EDGE_AFTER = lazy_pattern(r"[.,:\-–،]? ")


def _neutral(ch: str) -> bool:
    """A space or punctuation mark: it takes the direction of what surrounds it, not its own."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def _open_before(text: str, position: int) -> bool:
    """Nothing at ``position - 1`` that a space or mark moved away would glue to (a line or embedding start)."""
    return position == 0 or text[position - 1].isspace() or text[position - 1] in (RLE, POP)


def _open_after(text: str, position: int) -> bool:
    return position >= len(text) or text[position].isspace() or text[position] in (POP, RLE)


def unwrap_embedded_runs(text: str, config: Config) -> list[Change]:
    """Put the spaces and marks pdftotext prints inside a left-to-right embedding on the side they are read.

    >>> from dorost import fix
    >>> fix("\u202bفایل اصلی \u202a PDF/LaTeX\u202cبا جدول\u202c")
    'فایل اصلی PDF/LaTeX با جدول'
    >>> fix("\u202b\u202a .۱\u202cواژه\u200cهای زمان\u202c") == "۱. واژه\u200cهای زمان"
    True
    """
    if LRE not in text:
        return []
    changes: list[Change] = []
    for match in _EMBEDDED().finditer(text):
        run = match.group(1)
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if not _RTL_LETTER().search(line):
            continue  # a left-to-right line: its stretches read as printed
        lead = next((k for k, ch in enumerate(run) if not _neutral(ch)), len(run))
        tail = next((k for k, ch in enumerate(reversed(run)) if not _neutral(ch)), 0) if lead < len(run) else 0
        leading, body, trailing = run[:lead], run[lead : len(run) - tail], run[len(run) - tail :]
        # The stretch's left edge, read after it: moved only where the next word is glued on and nothing
        # is left glued before it; its right edge, read before it, the mirror case.
        move_leading = (
            _EDGE_BEFORE().fullmatch(leading) is not None
            and not _open_after(text, match.end())
            and _open_before(text, match.start())
        )
        move_trailing = (
            _EDGE_AFTER().fullmatch(trailing) is not None
            and not _open_before(text, match.start())
            and _open_after(text, match.end())
        )
        if not (move_leading or move_trailing):
            continue
        before = trailing[::-1] if move_trailing else ""
        after = leading[::-1] if move_leading else ""
        kept_leading = "" if move_leading else leading
        kept_trailing = "" if move_trailing else trailing
        changes.append(Change(match.start(), match.end(), before + kept_leading + body + kept_trailing + after, 0.95))
    return changes
