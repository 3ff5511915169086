"""Whitespace: one plain space between words, nothing at line edges."""

from __future__ import annotations

import re

from dorost.chars import ARABIC_LETTER_CLASS
from dorost.config import Config
from dorost.edits import Change

# No-break and typographic spaces become a plain space.
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Spaces and tabs at the end of a line, or before Persian words at its start (indented code and
# Latin text keep their indentation); a run of spaces beside a Persian word.
_EDGE = re.compile(f"^[ \t]+(?=[{ARABIC_LETTER_CLASS}«])|[ \t]+(?=\r?$)", re.M)
_RUN = re.compile(f"(?<=[{ARABIC_LETTER_CLASS}]) {{2,}}(?=\\S)|(?<=\\S) {{2,}}(?=[{ARABIC_LETTER_CLASS}])")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\r?\n){2,}")
_LEADING_BLANK = re.compile(r"\A(?:[ \t]*\r?\n)+")
_TRAILING_BLANK = re.compile(r"\n(?:[ \t]*\r?\n)+\Z")


def normalize_whitespace(text: str, config: Config) -> list[Change]:
    """Collapse runs of spaces, turn no-break spaces into spaces, trim line edges and extra blank lines.

    >>> from dorost import fix
    >>> fix(" عنوان\\n\\n\\n\\nمتن  اول")
    'عنوان\\n\\nمتن اول'
    """
    changes = [Change(m.start(), m.end(), " ", 0.99) for m in _ODD_SPACE.finditer(text)]
    if changes:
        return changes  # spaces first; the next round trims what they became
    changes += [Change(m.start(), m.end(), "", 0.99) for m in _EDGE.finditer(text)]
    changes += [Change(m.start(), m.end(), " ", 0.99) for m in _RUN.finditer(text)]
    changes += [Change(m.start(), m.end(), "\n\n", 0.95) for m in _BLANK_LINES.finditer(text)]
    changes += [Change(m.start(), m.end(), "", 0.99) for m in _LEADING_BLANK.finditer(text)]
    changes += [Change(m.start(), m.end(), "\n", 0.99) for m in _TRAILING_BLANK.finditer(text)]
    changes.sort(key=lambda change: (change.start, change.end))
    kept: list[Change] = []
    for change in changes:
        if kept and change.start < kept[-1].end:
            continue
        kept.append(change)
    return kept
