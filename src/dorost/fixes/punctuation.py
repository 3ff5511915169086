"""Punctuation: Persian marks in Persian text and the spacing the Academy's orthography gives them."""

from __future__ import annotations

import re

from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS
from dorost.config import Config
from dorost.edits import Change, without_overlaps
from dorost.text import protected

_P = f"[{ARABIC_LETTER_CLASS}]"  # a Persian (Arabic-script) letter
_PM = f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]"

# Latin , ; ? between Persian words become ، ؛ ؟ (not in numbers such as 1,000 or in Latin text).
_LATIN_MARK = re.compile(f"(?<={_PM})[ \t]*([,;?])(?=[ \t]*(?:{_P}|$|\n|«))", re.M)
_PERSIAN_MARK = {",": "،", ";": "؛", "?": "؟"}
# No space before closing punctuation after a Persian word or closing mark.
_SPACE_BEFORE = re.compile(f"(?<=[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}»)])[ \t]+(?=[.،؛:!؟»](?![.\\d]))")
# No space after an opening guillemet.
_SPACE_AFTER_OPEN = re.compile(f"«[ \t]+(?={_P})")
_SPACE_BEFORE_CLOSE = re.compile(f"(?<={_PM})[ \t]+»")
# One space after ، ؛ ؟ and after . : ! between Persian words when it is missing.
_MISSING_SPACE = re.compile(f"(?<={_PM})([،؛؟!]|[.:](?={_P}{_P}))(?=[{ARABIC_LETTER_CLASS}«])")


def fix_punctuation(text: str, config: Config) -> list[Change]:
    """Use `،` `؛` `؟` in Persian text; no space before `. ، ؛ : ! ؟ »` or after `«`, one space after.

    Decimal points, times, URLs, e-mail addresses, file paths and Latin text are left alone.

    >>> from dorost import fix
    >>> fix("سلام , خوبی ?")
    'سلام، خوبی؟'
    >>> fix("« کتاب » را خواندم .")
    '«کتاب» را خواندم.'
    >>> fix("ساعت 10:30 و عدد 3.14 و https://a.ir/x,y")
    'ساعت 10:30 و عدد 3.14 و https://a.ir/x,y'
    """
    guarded = protected(text)
    changes: list[Change] = []
    for match in _LATIN_MARK.finditer(text):
        mark_start = match.start(1)
        if mark_start in guarded:
            continue
        changes.append(Change(match.start(), match.end(1), _PERSIAN_MARK[match.group(1)], 0.95))
    for pattern, replacement in (
        (_SPACE_BEFORE, ""),
        (_SPACE_AFTER_OPEN, "«"),
        (_SPACE_BEFORE_CLOSE, "»"),
    ):
        for match in pattern.finditer(text):
            if match.start() not in guarded:
                changes.append(Change(match.start(), match.end(), replacement, 0.95))
    for match in _MISSING_SPACE.finditer(text):
        if match.start() not in guarded:
            changes.append(Change(match.end(1), match.end(1), " ", 0.9))
    return without_overlaps(changes)
