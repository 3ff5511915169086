"""Invisible characters: junk that carries no meaning in plain text, and ZWNJ put where it has no effect."""

from __future__ import annotations

import re

from dorost.chars import (
    ARABIC_LETTER_CLASS,
    ARABIC_MARK_CLASS,
    BIDI_EMBEDDINGS,
    BIDI_MARKS,
    BOM,
    NON_JOINING,
    SOFT_HYPHEN,
    ZWNJ,
    ZWSP,
)
from dorost.config import Config
from dorost.edits import Change

# --- remove_invisible_junk -------------------------------------------------------------------

# Soft hyphens, zero-width spaces, byte-order marks inside text, word joiners, and the bidi
# embeddings/overrides/isolates that plain text cannot carry meaningfully once copied.
_JUNK = re.compile(f"[{SOFT_HYPHEN}{ZWSP}{BOM}\u2060\u180e{BIDI_EMBEDDINGS}]+")
_MARKS = re.compile(f"[{BIDI_MARKS}]+")
# Every character the fix may remove (the pipeline skips it on text without any).
INVISIBLE_JUNK = f"{SOFT_HYPHEN}{ZWSP}{BOM}\u2060\u180e{BIDI_EMBEDDINGS}{BIDI_MARKS}"
_ANY_INVISIBLE = re.compile(f"[{INVISIBLE_JUNK}]")
_STRONG_RTL = re.compile(f"[{ARABIC_LETTER_CLASS}\u0590-\u05ff]")
_ARABIC_LETTER = re.compile(f"[{ARABIC_LETTER_CLASS}]")


def _direction(ch: str) -> str:
    if not ch or ch.isspace():
        return "edge"
    if _STRONG_RTL.match(ch):
        return "rtl"
    if ch.isalpha():
        return "ltr"
    return "neutral"


def remove_invisible_junk(text: str, config: Config) -> list[Change]:
    """Remove soft hyphens, zero-width spaces, stray BOMs, bidi embeddings and LRM/RLM marks that do nothing;
    an LRM or RLM typed inside a word for a ZWNJ becomes one.

    A mark stays where it decides how neutral characters between opposite directions are shown
    (for example RLM between a Latin word and the Persian punctuation that follows it). Between
    two Persian letters a mark has no effect on direction, and typists put it where a ZWNJ belongs:
    of the 550 words with such a mark in the corpora (news and FarsTail), 452 read as known words
    or known parts with a ZWNJ there and none as a known word with the mark simply dropped
    (`می\u200cکند`, `دریاچه\u200cهای`, `سنبل\u200cالطیب`), so it is made one; after a letter that does not join
    (`درها`) a ZWNJ would do nothing, and the mark is removed.

    >>> from dorost import fix
    >>> fix("سل\u200bام\u00ad \u202bدنیا\u202c")
    'سلام دنیا'
    >>> fix("نسخه Windows\u200f.") == "نسخه Windows\u200f."
    True
    >>> fix("پایانه\u200eای") == "پایانه\u200cای"
    True
    """
    if not _ANY_INVISIBLE.search(text):
        return []
    changes = [Change(m.start(), m.end(), "", 0.99) for m in _JUNK.finditer(text)]
    for match in _MARKS.finditer(text):
        before = _direction(text[match.start() - 1] if match.start() else "")
        after = _direction(text[match.end()] if match.end() < len(text) else "")
        useless = before == after or "edge" in (before, after) or (before in ("rtl", "ltr") and after in ("rtl", "ltr"))
        inside_word = (
            match.start() > 0
            and match.end() < len(text)
            and _ARABIC_LETTER.match(text[match.start() - 1]) is not None
            and _ARABIC_LETTER.match(text[match.end()]) is not None
        )
        if inside_word and text[match.start() - 1] not in NON_JOINING:
            changes.append(Change(match.start(), match.end(), ZWNJ, 0.9))
        elif useless:
            changes.append(Change(match.start(), match.end(), "", 0.95))
        elif len(match.group()) > 1:
            changes.append(Change(match.start(), match.end(), match.group()[-1], 0.95))
    changes.sort(key=lambda change: change.start)
    return changes


# --- tidy_zwnj -------------------------------------------------------------------------------

_JOINING_LETTER = f"[{ARABIC_LETTER_CLASS}](?<![{NON_JOINING}])"
_ZWNJ_RUN = re.compile(f"{ZWNJ}+")
_LETTER_OR_MARK = re.compile(f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]")
_JOINS = re.compile(_JOINING_LETTER)
_MARK = re.compile(f"[{ARABIC_MARK_CLASS}]")
# A ZWNJ that is not fine as it is (one, right after a joining letter, before a letter or mark):
# none of the letter before it, or none after it (another ZWNJ, too). Every run of ZWNJs but a
# fine one holds one, and its first ZWNJ is one. (The pattern opens with the ZWNJ itself, so a
# search jumps from one to the next.)
_ODD_ZWNJ = re.compile(f"{ZWNJ}(?:(?<!{_JOINING_LETTER}{ZWNJ})|(?![{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]))")


def tidy_zwnj(text: str, config: Config) -> list[Change]:
    """Remove ZWNJs that have no effect: doubled, beside a space or punctuation, at a line edge, after `ا د ذ ر ز ژ و`.

    >>> from dorost import fix
    >>> fix("بندر\u200cها و می\u200c\u200cشود") == "بندرها و می\u200cشود"
    True
    """
    odd = _ODD_ZWNJ.search(text)
    if odd is None:  # most text: every ZWNJ fine
        return []
    changes: list[Change] = []
    # Only the runs that hold an odd ZWNJ are read: a fine one (a single ZWNJ between a joining
    # letter and a letter) stays as it is. A run is found at its first odd ZWNJ, its first.
    while odd is not None:
        start = odd.start()
        run = _ZWNJ_RUN.match(text, start)
        end = run.end() if run is not None else start + 1  # (it always matches: a ZWNJ is there)
        odd = _ODD_ZWNJ.search(text, end)
        previous = text[start - 1] if start else ""
        following = text[end] if end < len(text) else ""
        # Step back over diacritics to the letter that would join.
        back = start - 1
        while back >= 0 and _MARK.match(text[back]):
            back -= 1
        letter = text[back] if back >= 0 else ""
        meaningful = bool(_JOINS.fullmatch(letter)) and bool(_LETTER_OR_MARK.match(following))
        if not previous:
            meaningful = False
        if meaningful:
            if end - start > 1:
                changes.append(Change(start, end, ZWNJ, 0.99))
        else:
            changes.append(Change(start, end, "", 0.98))
    return changes
