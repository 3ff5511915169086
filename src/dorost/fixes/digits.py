"""Digits: one system within a number, and the system the user's policy asks for."""

from __future__ import annotations

from dorost.chars import ARABIC_INDIC_DIGITS, ARABIC_LETTER_CLASS, LATIN_DIGITS, PERSIAN_DIGITS
from dorost.config import Config
from dorost.edits import Change
from dorost.patterns import lazy_pattern
from dorost.script import arabic_spans
from dorost.text import SpanSet, lines_holding, protected

_NUMBER = lazy_pattern(f"[{LATIN_DIGITS}{PERSIAN_DIGITS}{ARABIC_INDIC_DIGITS}]+")
_DIGIT = lazy_pattern(f"[{LATIN_DIGITS}{PERSIAN_DIGITS}{ARABIC_INDIC_DIGITS}]")
_LINE_HAS_PERSIAN = lazy_pattern(f"[{ARABIC_LETTER_CLASS}]")
_SYSTEMS = {"persian": PERSIAN_DIGITS, "arabic": ARABIC_INDIC_DIGITS, "latin": LATIN_DIGITS}
_VALUE = {d: i for digits in _SYSTEMS.values() for i, d in enumerate(digits)}
_SYSTEM_OF = {d: name for name, digits in _SYSTEMS.items() for d in digits}
_ARABIC_INDIC = lazy_pattern(f"[{ARABIC_INDIC_DIGITS}]")
# What a number must hold to change by default: an Arabic-Indic digit, or two digits of different
# systems side by side (a number that mixes them), found in one scan. (One character class first,
# so that a search skips ahead to the next digit.)
_KEPT_MAY_CHANGE = lazy_pattern(
    f"[{ARABIC_INDIC_DIGITS}{LATIN_DIGITS}{PERSIAN_DIGITS}]"
    f"(?:(?<=[{ARABIC_INDIC_DIGITS}])"
    f"|(?<=[{LATIN_DIGITS}])(?=[{PERSIAN_DIGITS}])|(?<=[{PERSIAN_DIGITS}])(?=[{LATIN_DIGITS}]))"
)


# How far a number is followed back and forth through ASCII digits, `.`, `-` and `_` to the Latin
# word it may belong to.
_TOKEN_REACH = 24


def _in_latin_token(text: str, start: int, end: int) -> bool:
    """Digits glued to Latin letters (`mp3`, `H2O`, `v2`) belong to the Latin word, and so do Latin digits
    joined to them through hyphens, underscores, full stops and Latin digits (`COVID-19`, `SARS-CoV-2`,
    `GPT-5.6`, `ISO-2022-JP`); Persian digits there (`vue ۳.x`) are the text's, for the policy to write."""
    glued = _latin_letter(text[start - 1 : start]) or _latin_letter(text[end : end + 1])
    if glued or not text[start:end].isascii():
        return glued
    return _reaches_latin(text, start - 1, -1) or _reaches_latin(text, end, 1)


def _latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _reaches_latin(text: str, position: int, step: int) -> bool:
    """Whether the walk from ``position`` over ASCII digits and the connectors `.`, `-`, `_` ends at a Latin
    letter (the first character itself, or the one after a connector)."""
    for _ in range(_TOKEN_REACH):
        if not 0 <= position < len(text):
            return False
        ch = text[position]
        if ch.isascii() and ch.isalpha():
            return True
        if not (ch in ".-_" or (ch.isascii() and ch.isdigit())):
            return False
        position += step
    return False


def _in_arabic_indic_passage(text: str, position: int, arabic: SpanSet, judged: dict[int, bool]) -> bool:
    """Whether ``position`` lies in an Arabic passage (a span of ``arabic``) that writes an Arabic-Indic digit;
    each passage's answer is kept in ``judged``, so that a passage full of numbers is read once."""
    passage = arabic.span_at(position)
    if passage is None:
        return False
    found = judged.get(passage[0])
    if found is None:
        found = judged[passage[0]] = _ARABIC_INDIC().search(text, *passage) is not None
    return found


def _target(number: str, policy: str, persian_context: bool, arabic_context: bool) -> str | None:
    systems = {_SYSTEM_OF[d] for d in number}
    if policy == "latin":
        return "latin"
    if policy == "persian":
        return "arabic" if arabic_context and systems == {"arabic"} else "persian"
    # keep: only a number that mixes systems, or Arabic-Indic digits in Persian text, changes.
    if arabic_context:
        return None if len(systems) == 1 else "arabic"
    if systems == {"arabic"}:
        return "persian" if persian_context else None
    if len(systems) == 1:
        return None
    counts = {name: sum(1 for d in number if _SYSTEM_OF[d] == name) for name in systems}
    eastern = counts.get("persian", 0) + counts.get("arabic", 0)
    return "latin" if counts.get("latin", 0) > eastern else "persian"


def unify_digits(text: str, config: Config) -> list[Change]:
    """Write each number in one digit system: the policy's (`persian`, `latin`) or, by default, its own.

    Digits are only substituted one for one, never reordered. By default a number that mixes
    systems is unified and Arabic-Indic digits in Persian text become Persian (`٤٥٦` → `۴۵۶`).

    An Arabic passage (a line, or a quotation, that reads as Arabic: a verse, a saying) keeps its
    Arabic-Indic digits, and a number there that mixes systems takes the passage's own digits: Arabic-Indic
    where the passage writes some digit so, as an editor unifies a number to the digits around it. An
    Arabic-Indic digit elsewhere in the text (a date pasted into a Persian paragraph pages away) says
    nothing of the passage: a number that mixes Latin and Persian digits there is unified as in Persian
    text, to the system most of its digits are in.

    >>> from dorost import fix
    >>> fix("سال ۲۰٢٤ و 1403")
    'سال ۲۰۲۴ و 1403'
    >>> fix("سال ۲۰۲۴ و 1403", digits="latin")
    'سال 2024 و 1403'
    >>> fix("فایل mp3 در سال 1403", digits="persian")
    'فایل mp3 در سال ۱۴۰۳'
    >>> fix("همه\u200cگیری COVID-19 در سال 2019", digits="persian") == "همه\u200cگیری COVID-19 در سال ۲۰۱۹"
    True
    >>> fix("قال رسول الله في كتابه على الناس: الآية ١٤ و 1۲")
    'قال رسول الله في كتابه على الناس: الآية ١٤ و ١٢'
    >>> fix("در سال ٢٠٢٤ نوشت:\\nقال رسول الله في كتابه على الناس: الآية 1۲")
    'در سال ۲۰۲۴ نوشت:\\nقال رسول الله في كتابه على الناس: الآية ۱۲'
    """
    if _DIGIT().search(text) is None:  # most paragraphs hold no number at all: one scan
        return []
    # By default only a number that mixes systems or Arabic-Indic digits changes: text with
    # neither (nearly all text) is done with two scans.
    if config.digits == "keep" and not _KEPT_MAY_CHANGE().search(text):
        return []
    may_change = _KEPT_MAY_CHANGE() if config.digits == "keep" else _DIGIT()
    changes: list[Change] = []
    # Everything it reads to judge a number lies on the number's line: its own digits, the Latin word it may belong
    # to (followed through digits and `.-_`, never a line break), an address or path (a token, which a line break
    # ends), whether the line has Persian letters, the Arabic passage it is in (arabic_spans judges lines and their
    # quotations) and that passage's digits. So it reads the lines that hold a number that may change (by default
    # one that mixes systems or has Arabic-Indic digits), not a book's million characters for a few numbers.
    for start, lines in lines_holding(text, may_change):
        changes += _unified_in(lines, start, config.digits)
    return changes


def _unified_in(lines: str, start: int, policy: str) -> list[Change]:
    """unify_digits' changes in ``lines``, whole lines that start at ``start`` in the text."""
    changes: list[Change] = []
    guarded = protected(lines)
    # Arabic passages matter only to a passage that writes an Arabic-Indic digit: found where these lines hold one.
    arabic = arabic_spans(lines) if _ARABIC_INDIC().search(lines) else None
    # Whether each Arabic passage a number was in writes an Arabic-Indic digit (by its start): read once a passage.
    writes_arabic_indic: dict[int, bool] = {}
    # The current line and whether it has Persian letters, found once per line (not once per
    # number, which is quadratic on a long line full of numbers).
    line_end = -1
    persian_line = False
    for match in _NUMBER().finditer(lines):
        first, last = match.span()
        if first in guarded or _in_latin_token(lines, first, last):
            continue
        if first > line_end:
            line_start = lines.rfind("\n", 0, first) + 1
            line_end = lines.find("\n", last)
            line_end = line_end if line_end >= 0 else len(lines)
            persian_line = bool(_LINE_HAS_PERSIAN().search(lines, line_start, line_end))
        target = _target(
            match.group(),
            policy,
            persian_context=persian_line,
            arabic_context=arabic is not None and _in_arabic_indic_passage(lines, first, arabic, writes_arabic_indic),
        )
        if target is None:
            continue
        digits = _SYSTEMS[target]
        for offset, digit in enumerate(match.group()):
            wanted = digits[_VALUE[digit]]
            if wanted != digit:
                changes.append(Change(start + first + offset, start + first + offset + 1, wanted, 0.99))
    return changes
