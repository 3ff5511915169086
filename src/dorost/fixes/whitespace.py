"""Whitespace: one plain space between words, nothing at line edges; a table aligned by spaces keeps its columns."""

from __future__ import annotations

import itertools
import re

from dorost.chars import ARABIC_LETTER_CLASS
from dorost.config import Config
from dorost.edits import Change, without_overlaps
from dorost.patterns import lazy_pattern
from dorost.text import SpanSet, aligned_columns

# No-break and typographic spaces become a plain space.
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Spaces and tabs at the end of a line, or before Persian words at its start (indented code and
# Latin text keep their indentation); a run of spaces beside a Persian word.
# (A trailing run may start only where the run starts: otherwise each space of a long run that
# does not end the line would rescan it, which is quadratic.)
_EDGE = lazy_pattern(f"^[ \t]+(?=[{ARABIC_LETTER_CLASS}«])|(?<![ \t])[ \t]+(?=\r?$)", re.M)
_RUN = lazy_pattern(f"(?<=[{ARABIC_LETTER_CLASS}]) {{2,}}(?=\\S)|(?<=\\S) {{2,}}(?=[{ARABIC_LETTER_CLASS}])")
_BLANK_LINES = lazy_pattern(r"\n(?:[ \t]*\r?\n){2,}")
_LEADING_BLANK = lazy_pattern(r"\A(?:[ \t]*\r?\n)+")


def normalize_whitespace(text: str, config: Config) -> list[Change]:
    """Collapse runs of spaces, turn no-break spaces into spaces, trim line edges and extra blank lines.

    >>> from dorost import fix
    >>> fix(" عنوان\\n\\n\\n\\nمتن  اول")
    'عنوان\\n\\nمتن اول'
    >>> fix("عنوان\\r\\n\\r\\n\\r\\nمتن\\r\\n")
    'عنوان\\r\\n\\r\\nمتن\\r\\n'
    """
    if _ODD_SPACE.search(text) is not None:  # spaces first; the next round trims what they became
        return [Change(m.start(), m.end(), " ", 0.99) for m in _ODD_SPACE.finditer(text)]
    changes: list[Change] = []
    # The lookbehinds make _EDGE and _RUN try every position: run them only where what they look
    # for can be (a space or tab at a line edge, two spaces in a row). Most paragraphs have neither.
    if _may_have_edge(text):
        changes += [Change(m.start(), m.end(), "", 0.99) for m in _EDGE().finditer(text)]
    if "  " in text:
        rows = _table_rows(text) if "   " in text else None
        changes += [
            Change(m.start(), m.end(), " ", 0.99)
            for m in _RUN().finditer(text)
            if rows is None or m.start() not in rows
        ]
    if "\n" in text:  # blank lines inside, before and after the text
        # (The blank line left ends as the line before it does: in a Windows text, in CR LF.)
        changes += [
            Change(m.start(), m.end(), "\n\r\n" if text[m.start() - 1 : m.start()] == "\r" else "\n\n", 0.95)
            for m in _BLANK_LINES().finditer(text)
        ]
        changes += [Change(m.start(), m.end(), "", 0.99) for m in _LEADING_BLANK().finditer(text)]
        trailing = _trailing_blank_lines(text)
        if trailing is not None:
            changes.append(Change(trailing, len(text), "\n", 0.99))
    return without_overlaps(changes) if changes else changes


def _table_rows(text: str) -> SpanSet:
    """The lines of a table aligned by spaces (:func:`~dorost.text.aligned_columns`): their gaps are
    its columns, which a run of spaces collapsed would lose (a table of the Vite documentation
    printed by pdftotext -layout: ``۱    برنچ``).

    >>> rows = _table_rows("نام       نسخه" + chr(10) + "ویت       پنج" + chr(10) + "متن  دوم")
    >>> 5 in rows, 30 in rows
    (True, False)
    """
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return SpanSet([(starts[i], starts[i] + len(lines[i])) for i in sorted(aligned_columns(lines))])


# Where a space or tab touches a line break or a carriage return (see _may_have_edge).
_EDGE_PAIRS = ("\n ", "\n\t", " \n", "\t\n", " \r", "\t\r")


def _may_have_edge(text: str) -> bool:
    """False where _EDGE cannot match, found by a few substring tests (it tries every position).

    A match at a line's start is a space or tab at the text's start or after a line break; one at
    a line's end is a space or tab followed by a carriage return, a line break (``\\r?$``: ``$``
    stands before a line break or at the end) or nothing. Every such place shows one of these.
    """
    if text[:1] in (" ", "\t") or text[-1:] in (" ", "\t"):
        return True
    # (Most paragraphs are one line: one scan finds no line break, and no pair can be there.)
    if "\n" not in text and "\r" not in text:
        return False
    # A pair is looked for only where each of its characters but the space is: a search for one
    # character runs several times faster than one for two, and most text has no tab or carriage return.
    absent = [ch for ch in "\n\t\r" if ch not in text]
    return any(pair in text for pair in _EDGE_PAIRS if not any(ch in pair for ch in absent))


def _trailing_blank_lines(text: str) -> int | None:
    """Where the blank lines (`[ \\t]*\\r?\\n`) that end ``text`` begin: the line break before them.

    Found by walking back line by line, in time linear in the tail: a regular expression anchored
    at the end would be tried at every line break of every block of blank lines, which is quadratic.
    """
    if not text.endswith("\n"):
        return None
    start: int | None = None
    line_end = len(text) - 1
    while line_end > 0:
        line_start = text.rfind("\n", 0, line_end)
        if line_start < 0:
            break
        line = text[line_start + 1 : line_end]
        if line.strip(" \t") not in ("", "\r") or "\r" in line[:-1]:
            break
        start = line_end = line_start
    return start
