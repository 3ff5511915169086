"""Which script and language a stretch of text is in: Persian, Arabic, Latin."""

from __future__ import annotations

import re

from dorost.chars import ARABIC_LETTER_CLASS
from dorost.text import SpanSet

_WORD = re.compile(f"[{ARABIC_LETTER_CLASS}\u064b-\u0652\u0670\u0654]+")
# A quotation is judged on its own: an Arabic saying inside a Persian sentence stays Arabic.
# (The innermost one: an opening mark stops the scan, so a line of opening marks that never close
# is scanned once, not once per mark.)
_QUOTED = re.compile(r"«[^«»\n]*»|\"[^\"\n]*\"|﴿[^﴿﴾\n]*﴾|\([^()\n]*\)")
_LINE = re.compile(r"[^\n]+")

# Words that only one of the two languages uses often. Persian letters (پ چ ژ گ ی ک) are Persian
# markers too; damaged Persian written with Arabic ي and ك is caught by its function words.
# fmt: off
_PERSIAN_WORDS = frozenset(
    [
        "است", "این", "آن", "را", "که", "از", "به", "با", "برای", "های", "ها", "می", "نمی", "شد",
        "شده", "کرد", "کرده", "بود", "هم", "یا", "اگر", "چه", "ولی", "اما", "نیز", "خود", "شود",
        "کند", "دارد", "باید",
    ]
)
_ARABIC_WORDS = frozenset(
    [
        "في", "فى", "على", "علي", "إلى", "الى", "التي", "الذي", "الذين", "هذا", "هذه", "ذلك", "تلك",
        "كان", "كانت", "قال", "عن", "ثم", "إن", "أن", "لم", "لن", "قد", "هو", "هي", "هم", "كل",
        "بين", "عند", "مع", "ما", "لا", "الله", "رسول", "صلى", "عليه",
    ]
)
# fmt: on
_PERSIAN_LETTERS = re.compile("[پچژگ\u06cc\u06a9]")


def _normalised(word: str) -> str:
    return word.replace("ي", "ی").replace("ك", "ک")


def is_arabic_passage(passage: str) -> bool:
    """True when a passage reads as Arabic rather than Persian.

    >>> is_arabic_passage("قال رسول الله في كتابه على الناس")
    True
    >>> is_arabic_passage("اين كتاب را خواندم")
    False
    """
    words = _WORD.findall(passage)
    if len(words) < 3:
        return False
    persian = arabic = 0.0
    for word in words:
        if word in _ARABIC_WORDS:
            arabic += 1
        elif _normalised(word) in _PERSIAN_WORDS or _PERSIAN_LETTERS.search(word):
            persian += 1
        elif word.endswith("ة") or (word.startswith("ال") and len(word) > 4):
            arabic += 0.5
    return arabic >= 2 and arabic > 2 * persian


def arabic_spans(text: str) -> SpanSet:
    """Spans of ``text`` that are Arabic passages (whole lines or quotations)."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        body = line.group()
        quoted = [m.span() for m in _QUOTED.finditer(body)]
        first_of_line = len(spans)
        for start, end in quoted:
            if is_arabic_passage(body[start:end]):
                spans.append((line.start() + start, line.start() + end))
        outside = _QUOTED.sub(" ", body) if quoted else body
        if is_arabic_passage(outside):
            del spans[first_of_line:]  # this line's quotations (not every span so far: quadratic)
            spans.append(line.span())
    spans.sort()
    return SpanSet(spans)
