"""Punctuation: Persian marks in Persian text and the spacing the Academy's orthography gives them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from dorost.chars import ALL_DIGITS, ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS
from dorost.config import Config
from dorost.edits import Change, without_overlaps
from dorost.patterns import lazy_pattern
from dorost.text import SpanSet, address_tokens, protected

_P = f"[{ARABIC_LETTER_CLASS}]"  # a Persian (Arabic-script) letter
_PM = f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]"

# Latin , ; ? between Persian words become ، ؛ ؟ (not in numbers such as 1,000 or in Latin text).
_LATIN_MARK = lazy_pattern(f"(?<={_PM})[ \t]*([,;?])(?=[ \t]*(?:{_P}|$|\n|«))", re.M)
_PERSIAN_MARK = {",": "،", ";": "؛", "?": "؟"}
# No space before closing punctuation after a Persian word or closing mark, where the mark ends
# something: a space, a line's end, more closing marks or a Persian word (the space typed on the
# wrong side: `است .لازم`) follow it. A mark glued to what follows begins it: a file's extension or a
# name in code (`.ts`, `:key`, `.value`), a smiley (`:)`), a number (`.5`), an ellipsis; and dots
# spaced apart are a table of contents' leader or an ellipsis (`استفاده از . . . ۳`), not a full stop.
_SPACE_BEFORE = lazy_pattern(
    f"(?<=[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}»)])[ \t]+(?=[.،؛:!؟»](?![ \t]+\\.)(?:[\\s»!؟،؛]|$|{_P}))"
)
# The same after a number (`در سال ۱۳۹۹ ، ۲۵٪` → `۱۳۹۹، ۲۵٪`), for the marks that never belong to a
# number: `،` and `؛` (the Persian decimal and thousands separators are `٫` and `٬`, other
# characters) and `؟`. The number stands alone (after a space, a line's start, `«` or `(`), so a
# name ending in digits (`ext3 ، ext4`: Latin words keep their space) stays. A space typed on the
# wrong side (`سال ۶۵ ،بیشترین`) goes after the mark: the rule for a missing space after a mark
# reads a letter before it, not a digit.
_NUMBER = f"[{ALL_DIGITS}]+(?:[.,٫٬][{ALL_DIGITS}]+)*[٪%]?"
_SPACE_AFTER_NUMBER = lazy_pattern(f"(?<![^\\s«(]){_NUMBER}([ \t]+)(?=[،؛؟](?:[\\s»!؟،؛]|$|({_P})))")
# A full stop after a number that follows a Persian word, where the stop ends the line or comes
# before a Persian word (`در فصل ۱۳ . فصل ۱۲`). A colon (`10 : 30`, `۲ : ۳`), `!` (a factorial)
# and a dot before a digit (`۳ . ۲`) keep their space.
_SPACE_AFTER_NUMBER_STOP = lazy_pattern(f"(?<={_P}[ \t]){_NUMBER}([ \t]+)(?=\\.(?:[ \t]*$|[ \t]+{_P}))", re.M)
# What both need: a number's last digit (or percent sign), spaces, then one of their marks. The two open with a
# lookbehind and try every position; this opens with the digits' class and skips ahead (most texts have no such place).
_SPACE_AFTER_NUMBER_HINT = lazy_pattern(f"[{ALL_DIGITS}][٪%]?[ \t]+[،؛؟.]")
# A preposition or conjunction cannot end a phrase: a mark spaced after one is what it governs, a mark named
# as a symbol (`جدا شده با : نمایش`, `یا ! باشند`, Debian's handbook and machine-translated docs) or the
# place of code the text lost (`مانند ، یا استفاده کنید`), and its space stays.
_GOVERNS = frozenset(("با", "از", "به", "در", "برای", "مانند", "مثل", "یا", "و", "بین", "جز", "بجز"))
# ... except before a colon that opens a list: `عبارتند از :`, `مانند :` (FarsTail, ParsiNLU, Vue's docs).
_OPEN_A_LIST = frozenset(("از", "مانند", "مثل"))
# A mark spaced after the name of a character, or after that name and one word more, is the character named:
# `با علامت ! در ابتدای` (Vite), `اگر با یک علامت ! پیشوند شود` (Debian), `از سینتکس : استفاده می\u200cکنند` (Gin),
# `از اپراتور شرطی ? استفاده کنید` (React).
_NAMES_A_CHARACTER = frozenset(("علامت", "نماد", "کاراکتر", "نویسه", "اپراتور", "عملگر", "سینتکس"))


def _governed(text: str, space: int, mark: int) -> bool:
    """Whether the mark at ``mark`` (after a space that starts at ``space``) is governed by the word before it
    (a preposition or conjunction) or named as a character."""
    start = max(0, space - 40)
    words = text[start:space].split()
    if start and words and not text[start - 1].isspace():
        words = words[1:]  # (the first is cut)
    if not words:
        return False
    if words[-1] in _GOVERNS:
        return not (text[mark] == ":" and words[-1] in _OPEN_A_LIST)
    return any(word in _NAMES_A_CHARACTER for word in words[-2:])


# No space after an opening guillemet.
_SPACE_AFTER_OPEN = lazy_pattern(f"«[ \t]+(?={_P})")
_SPACE_BEFORE_CLOSE = lazy_pattern(f"(?<={_PM})[ \t]+»")
# One space after ، ؛ ؟ and after . : ! between Persian words when it is missing, also where the mark closes a
# quotation or a parenthesis (`«گلستان»،اثر`, `(۱۳۹۹)،که`).
_WANTS_SPACE_AFTER = f"([،؛؟!]|[.:](?={_P}{_P}))(?=[{ARABIC_LETTER_CLASS}«])"
_ENDS_A_PHRASE = f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}»)]"
_MISSING_SPACE = lazy_pattern(f"(?<={_ENDS_A_PHRASE}){_WANTS_SPACE_AFTER}")
# The same, where the space before the mark is the one missing after it (`ابن\u200cبطوطه ،این`), or a Latin mark
# glued to the word after it becomes a Persian one (`سلام ,خوبی`): the space moves after the mark in the same edit
# (one edit that says the whole move, and the text needs no second pass for it). A word, `»` or `)` before the mark
# and the mark's own test above.
_PHRASE_END = lazy_pattern(_ENDS_A_PHRASE)
_MARK_WANTS_SPACE_AFTER = lazy_pattern(_WANTS_SPACE_AFTER)
_LETTER_OR_OPEN = lazy_pattern(f"[{ARABIC_LETTER_CLASS}«]")
# The patterns above open with a lookbehind, so a search tries every position. What each needs
# (a space or tab right before closing punctuation; a mark right before a letter) is found first
# by these, which open with a character class and skip ahead; most paragraphs have neither.
_SPACE_BEFORE_HINT = lazy_pattern("[.،؛:!؟»](?<=[ \t].)")
_MISSING_SPACE_HINT = lazy_pattern(f"[،؛؟!.:](?=[{ARABIC_LETTER_CLASS}«])")
_LATIN_MARK_HINT = re.compile("[,;?]")


# Four of the patterns match only where their hint is, in runs that never overlap: a pattern that opens with a
# lookbehind is tried at every position of the text, so on a long text (a book's 1.2 million characters) each is
# tried only there instead, which finds the same matches. _SPACE_BEFORE, _SPACE_BEFORE_CLOSE and _LATIN_MARK match
# a run of spaces or tabs (for _LATIN_MARK, maybe none) right before their mark, whose lookbehind holds only where
# the run starts (a letter, mark, » or ) before it: not a space or tab); _MISSING_SPACE matches a mark alone, where
# its hint finds it. (``pattern.match(text, start)``'s lookbehind reads the text before ``start``.)
def _run_start(text: str, mark: int) -> int:
    """Where the spaces and tabs right before ``mark`` begin (``mark`` itself where there are none)."""
    start = mark
    while start and text[start - 1] in " \t":
        start -= 1
    return start


def _matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` where every match starts at one of ``starts`` (ascending) and none starts inside
    another."""
    for start in starts:
        match = pattern.match(text, start)
        if match is not None:
            yield match


# _SPACE_AFTER_NUMBER and _SPACE_AFTER_NUMBER_STOP match only where their hint is, and start where the number does:
# after a space, a line's start, « or ( for the one, after a letter and a space for the other, never after a digit or
# a separator. So each starts where the digits and separators before its hint's digit begin, and none inside another.
_IN_A_NUMBER = frozenset(ALL_DIGITS + ".,٫٬")


def _number_start(text: str, digit: int) -> int:
    """Where the digits and separators that run up to ``digit`` begin."""
    start = digit
    while start and text[start - 1] in _IN_A_NUMBER:
        start -= 1
    return start


def _spaced_marks(text: str, mark: str) -> Iterator[int]:
    """Where the spaces and tabs before each ``mark`` that follows one begin."""
    found = text.find(mark, 1)
    while found >= 0:
        if text[found - 1] in " \t":
            yield _run_start(text, found)
        found = text.find(mark, found + 1)


# Either hint, in one scan (a mark after a space or tab, or before a letter): most paragraphs have neither.
_EITHER_HINT = re.compile(f"[.،؛:!؟»](?:(?<=[ \t].)|(?=[{ARABIC_LETTER_CLASS}«]))")


def _space_moves(text: str, word_end: int, mark: int, tokens: SpanSet) -> bool:
    """Whether the mark at ``mark``, once glued to the word that ends at ``word_end``, takes the space after it.

    Where the word or what follows the mark is part of a token that holds an address or a path (`/`, `@`, `www.`),
    the two joined may make one, which a fix must leave alone: the space before the mark only goes, as before.
    """
    return _PHRASE_END().match(text, word_end - 1) is not None and word_end - 1 not in tokens and mark not in tokens


# A table of comma- (or semicolon-) separated values (`نام,شهر,سن` / `علی,تهران,۳۰`): at least this many lines in a
# row, each with the same number of that mark and no space beside any. Its marks separate a program's columns, not a
# sentence's phrases: `،` there would merge two columns into one cell.
_MIN_TABLE_LINES = 3


def _separated_values(text: str, mark: str) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` that read as a table of values separated by ``mark``.

    >>> text = "نام,شهر\\nعلی,تهران\\nمریم,شیراز\\n\\nسلام,خوبی"
    >>> [text[start:end] for start, end in _separated_values(text, ",")]
    ['نام,شهر\\nعلی,تهران\\nمریم,شیراز']
    """
    spans: list[tuple[int, int]] = []
    run_start = run_end = lines = count = 0
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        marks = line.count(mark)
        spaced = f" {mark}" in line or f"{mark} " in line or f"{mark}\t" in line
        if not marks or spaced or marks != count:
            if lines >= _MIN_TABLE_LINES:
                spans.append((run_start, run_end))
            run_start, lines, count = position, 0, (0 if spaced else marks)
        if marks and not spaced:
            lines += 1
            run_end = end
        position = end + 1
    if lines >= _MIN_TABLE_LINES:
        spans.append((run_start, run_end))
    return spans


def fix_punctuation(text: str, config: Config) -> list[Change]:
    """Use `،` `؛` `؟` in Persian text; no space before `. ، ؛ : ! ؟ »` or after `«`, one space after.

    Decimal points, times, URLs, e-mail addresses, file paths and Latin text are left alone.

    >>> from dorost import fix
    >>> fix("سلام , خوبی ?")
    'سلام، خوبی؟'
    >>> fix("« کتاب » را خواندم .")
    '«کتاب» را خواندم.'
    >>> fix("در سال ۱۳۹۹ ، ۲۵٪ قبول شدند .")
    'در سال ۱۳۹۹، ۲۵٪ قبول شدند.'
    >>> fix("ساعت 10:30 و عدد 3.14 و https://a.ir/x,y")
    'ساعت 10:30 و عدد 3.14 و https://a.ir/x,y'
    """
    latin = "," in text or ";" in text or "?" in text
    # (A search for one character runs several times faster than for two: most text has no
    # guillemet, and then neither pair is looked for.)
    after_open = "«" in text and ("« " in text or "«\t" in text)
    before_close = "»" in text and (" »" in text or "\t»" in text)
    if not (latin or after_open or before_close) and _EITHER_HINT.search(text) is None:
        return []
    space_before = _SPACE_BEFORE_HINT().search(text) is not None
    missing_at = [match.start() for match in _MISSING_SPACE_HINT().finditer(text)]
    if not (latin or space_before or missing_at or after_open or before_close):
        return []
    guarded = protected(text)
    tokens = address_tokens(text)
    changes: list[Change] = []
    if latin:
        latin_starts = (_run_start(text, mark.start()) for mark in _LATIN_MARK_HINT.finditer(text))
        tables = {mark: SpanSet(_separated_values(text, mark)) for mark in ",;" if mark in text}
        for match in _matches_at(_LATIN_MARK(), text, latin_starts):
            mark_start = match.start(1)
            if mark_start in guarded or (mark_start > match.start() and _governed(text, match.start(), mark_start)):
                continue
            table = tables.get(match.group(1))
            if table is not None and mark_start in table:
                continue
            persian = _PERSIAN_MARK[match.group(1)]
            if _LETTER_OR_OPEN().match(text, match.end(1)) and _space_moves(text, match.start(), mark_start, tokens):
                changes.append(Change(match.start(), match.end(1), persian + " ", 0.9))
            else:
                changes.append(Change(match.start(), match.end(1), persian, 0.95))
    for pattern, replacement, possible in (
        (_SPACE_BEFORE, "", space_before),
        (_SPACE_AFTER_OPEN, "«", after_open),
        (_SPACE_BEFORE_CLOSE, "»", before_close),
    ):
        if not possible:
            continue
        if pattern is _SPACE_BEFORE:
            hints = (_run_start(text, hint.start()) for hint in _SPACE_BEFORE_HINT().finditer(text))
            matches: Iterator[re.Match[str]] = _matches_at(pattern(), text, hints)
        elif pattern is _SPACE_BEFORE_CLOSE:
            matches = _matches_at(pattern(), text, _spaced_marks(text, "»"))
        else:
            matches = pattern().finditer(text)
        for match in matches:
            if match.start() in guarded or (pattern is _SPACE_BEFORE and _governed(text, match.start(), match.end())):
                continue
            end = match.end()
            if (
                pattern is _SPACE_BEFORE
                and _MARK_WANTS_SPACE_AFTER().match(text, end)
                and _space_moves(text, match.start(), end, tokens)
            ):
                changes.append(Change(match.start(), end + 1, text[end] + " ", 0.9))
            else:
                changes.append(Change(match.start(), end, replacement, 0.95))
    numbers = []
    if space_before:
        numbers = [_number_start(text, hint.start()) for hint in _SPACE_AFTER_NUMBER_HINT().finditer(text)]
    for pattern in (_SPACE_AFTER_NUMBER, _SPACE_AFTER_NUMBER_STOP) if numbers else ():
        for match in _matches_at(pattern(), text, numbers):
            start, end = match.span(1)
            if start in guarded:
                continue
            if pattern is _SPACE_AFTER_NUMBER and match.group(2):  # a letter glued after the mark
                changes.append(Change(start, end + 1, text[end] + " ", 0.9))
            else:
                changes.append(Change(start, end, "", 0.95))
    if missing_at:
        for match in _matches_at(_MISSING_SPACE(), text, missing_at):
            if match.start() not in guarded:
                changes.append(Change(match.end(1), match.end(1), " ", 0.9))
    return without_overlaps(changes)
