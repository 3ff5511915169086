"""Invisible characters: junk that carries no meaning in plain text, and ZWNJ put where it has no effect."""

from __future__ import annotations

import re
import unicodedata

from dorost.chars import (
    ALM,
    ARABIC_LETTER_CLASS,
    ARABIC_MARK_CLASS,
    BIDI_EMBEDDINGS,
    BIDI_MARKS,
    BOM,
    LRM,
    NON_JOINING,
    RLM,
    SOFT_HYPHEN,
    ZWJ,
    ZWNJ,
    ZWSP,
)
from dorost.config import Config
from dorost.edits import Change
from dorost.language import shipped_model
from dorost.patterns import lazy_pattern
from dorost.text import web_addresses

# --- remove_invisible_junk -------------------------------------------------------------------

# Soft hyphens, zero-width spaces, byte-order marks inside text, word joiners, and the bidi
# embeddings/overrides/isolates that plain text cannot carry meaningfully once copied.
_JUNK = lazy_pattern(f"[{SOFT_HYPHEN}{ZWSP}{BOM}\u2060\u180e{BIDI_EMBEDDINGS}]+")
_MARKS = lazy_pattern(f"[{BIDI_MARKS}]+")
# Every character the fix may remove (the pipeline skips it on text without any).
INVISIBLE_JUNK = f"{SOFT_HYPHEN}{ZWSP}{BOM}\u2060\u180e{BIDI_EMBEDDINGS}{BIDI_MARKS}"
_ANY_INVISIBLE = lazy_pattern(f"[{INVISIBLE_JUNK}]")
_STRONG_RTL = lazy_pattern(f"[{ARABIC_LETTER_CLASS}\u0590-\u05ff]")
_ARABIC_LETTER = lazy_pattern(f"[{ARABIC_LETTER_CLASS}]")
# The letters of a word beside a soft hyphen (ZWNJs and other soft hyphens in it kept).
_WORD_PART = lazy_pattern(f"[{ARABIC_LETTER_CLASS}{ZWNJ}{SOFT_HYPHEN}]+")
_WORD_END = lazy_pattern(f"[{ARABIC_LETTER_CLASS}{ZWNJ}{SOFT_HYPHEN}]+$")


def _direction(ch: str) -> str:
    if not ch or ch.isspace():
        return "edge"
    if _STRONG_RTL().match(ch):
        return "rtl"
    if ch.isalpha():
        return "ltr"
    return "neutral"


# A strong character: a letter (of any script) or a direction mark.
_STRONG = lazy_pattern(f"[^\\W\\d_]|[{BIDI_MARKS}]")
_MARK_DIRECTION = {LRM: "ltr", RLM: "rtl", ALM: "rtl"}


# What a line shows: a character that is neither a space nor invisible.
_SHOWN = lazy_pattern(f"[^\\s{INVISIBLE_JUNK}{ZWNJ}{ZWJ}]")


def _sets_direction(text: str, marks: re.Match[str], line_start: int, line_end: int) -> bool:
    """Whether marks that are their line's first strong characters give it another direction than the
    line's first letter after them would (or give it one where no letter follows and the line shows
    something: a line of spaces and invisible characters has nothing to set)."""
    letter = _STRONG().search(text, marks.end(), line_end)
    if letter is None:
        return _SHOWN().search(text, line_start, line_end) is not None
    return any(_MARK_DIRECTION[mark] != _direction(letter.group()) for mark in marks.group())


# How far a mark's neutral neighbours are read for the strong character beyond them; a mark whose
# nearest strong characters are further off stays (the scan stays linear).
_REACH = 64
_DIGIT = lazy_pattern(r"\d")


def _beyond(text: str, position: int, step: int, edge: int) -> tuple[str | None, bool, bool]:
    """From ``position`` towards ``edge`` (a line's start or end), past spaces, neutral characters and
    combining marks: the first strong character's direction (``None`` at the line's edge, ``"mark"`` at
    another direction mark or out of reach), whether a neutral character other than a space was passed,
    and whether a digit was."""
    neutral = digit = False
    for _ in range(_REACH):
        if position == edge:
            return None, neutral, digit
        ch = text[position - 1] if step < 0 else text[position]
        if ch in BIDI_MARKS:
            return "mark", neutral, digit
        kind = _direction(ch)
        if kind in ("rtl", "ltr"):
            return kind, neutral, digit
        if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Me"):
            neutral = True
            digit = digit or _DIGIT().match(ch) is not None
        position += step
    return "mark", neutral, digit


def _does_nothing(text: str, marks: re.Match[str], line_start: int, line_end: int) -> bool:
    """Whether removing a run of marks changes no character's direction under the bidi algorithm's rules
    for neutrals (N1, N2): a neutral stretch between two strong characters takes their direction when
    they agree, else the paragraph's. The paragraph's direction, and what lies past a line's edge or
    past another mark, are taken as either, so a mark that matters in some display stays; so does one
    beside a digit (rules W2 and W7 read the strong character before a number) and one whose neutral
    neighbours end at another mark (a pair around `)` works together)."""
    first, last = _MARK_DIRECTION[marks.group()[0]], _MARK_DIRECTION[marks.group()[-1]]
    left, left_neutral, left_digit = _beyond(text, marks.start(), -1, line_start)
    right, right_neutral, right_digit = _beyond(text, marks.end(), 1, line_end)
    if left_digit or right_digit or (left == "mark" and left_neutral) or (right == "mark" and right_neutral):
        return False
    both = ("ltr", "rtl")
    for paragraph in both:
        for before in (left,) if left in both else both:
            for after in (right,) if right in both else both:
                without = _resolve(before, after, paragraph)
                if left_neutral and _resolve(before, first, paragraph) != without:
                    return False
                if right_neutral and _resolve(last, after, paragraph) != without:
                    return False
    return True


def _resolve(before: str, after: str, paragraph: str) -> str:
    return before if before == after else paragraph


def _between_joining_letters(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside a word, after a letter that joins the next one."""
    return (
        start > 0
        and end < len(text)
        and _ARABIC_LETTER().match(text[start - 1]) is not None
        and text[start - 1] not in NON_JOINING
        and _ARABIC_LETTER().match(text[end]) is not None
    )


# How far a soft hyphen's word is read either side (a longer run of letters is no word; the scan stays linear).
_WORD_REACH = 40


def _junk_change(text: str, junk: re.Match[str]) -> Change:
    """A run of junk removed, or made a ZWNJ where it is soft hyphens alone between two letters of a word and the
    word reads better with a ZWNJ there than run together. Writers put a soft hyphen where a ZWNJ belongs: all 12
    such words of ParsiNLU's news passages and FarsTail read so (`می\u00adآید`, `سیناپس\u00adهای`, `مهم\u00adترین`,
    `استیل\u00adکولین`), and dropping it runs the parts together (`مهمترین`, `استیلکولین`); a hyphenation point
    inside one word (`تر\u00adکیب`: `ترکیب` is a word, `تر\u200cکیب` none) is dropped."""
    start, end = junk.start(), junk.end()
    if junk.group().strip(SOFT_HYPHEN) or not _between_joining_letters(text, start, end):
        return Change(start, end, "", 0.99)
    left = _WORD_END().search(text, max(0, start - _WORD_REACH), start)
    right = _WORD_PART().match(text, end, min(len(text), end + _WORD_REACH))
    before = left.group() if left is not None else ""
    after = right.group() if right is not None else ""
    joined = (before + after).replace(SOFT_HYPHEN, "")
    parted = (before + ZWNJ + after).replace(SOFT_HYPHEN, "")
    model = shipped_model()
    if model is None or model.word_count(joined) > model.word_count(parted):  # without the model: dropped, as ever
        return Change(start, end, "", 0.95)
    return Change(start, end, ZWNJ, 0.9)


def remove_invisible_junk(text: str, config: Config) -> list[Change]:
    """Remove soft hyphens, zero-width spaces, stray BOMs, bidi embeddings and LRM/RLM marks that do nothing;
    an LRM, RLM or soft hyphen typed inside a word for a ZWNJ becomes one.

    A mark stays where it may decide the side a neutral character is shown on (RLM between a Latin word
    and a Persian full stop; the LRMs of `'\u200e)\u200e'` and `\u200e/ˈjɛmən/\u200e` in Firefox's strings and
    Wikipedia; RLM after a Persian sentence's full stop, in a left-to-right display), and where it sets
    its line's direction: a line's first strong character gives the line its direction (Unicode bidi
    rule P2), and Firefox's Persian strings open with an RLM where a placeholder or a Latin name comes
    first.

    Between two Persian letters a mark has no effect on direction, and typists put it where a ZWNJ
    belongs: of the 550 words with such a mark in the corpora (news and FarsTail), 452 read as known
    words or known parts with a ZWNJ there and none as a known word with the mark simply dropped
    (`می\u200cکند`, `دریاچه\u200cهای`, `سنبل\u200cالطیب`), so it is made one; after a letter that does not join
    (`درها`) a ZWNJ would do nothing, and the mark is removed.

    Inside a web address (dorost.text.web_addresses) every such character is removed and none becomes a ZWNJ.
    None is the address's: a page sets soft hyphens and zero-width spaces in a long address to let it wrap, and
    direction marks to show it, and copied into a browser they break the link; an address that really holds one
    shows it percent-encoded (`%E2%80%8B`), as browsers' address bars do. RFC 3987 (section 4.1) forbids LRM,
    RLM and the embeddings in an IRI: they only affect its display. A ZWNJ made of such a character would be
    one the address never held, and name another page. The address's own ZWNJs stay (tidy_zwnj leaves them).

    >>> from dorost import fix
    >>> fix("سل\u200bام\u00ad \u202bدنیا\u202c")
    'سلام دنیا'
    >>> fix("نسخه Windows\u200f.") == "نسخه Windows\u200f."
    True
    >>> fix("پایانه\u200eای") == "پایانه\u200cای"
    True
    >>> fix("مهم\u00adترین") == "مهم\u200cترین"
    True
    >>> fix("\u200f{ -brand-short-name } را ببندید") == "\u200f{ -brand-short-name } را ببندید"
    True
    >>> fix("نشانی https://example.ir/مهم\u00adترین\u200b-ها") == "نشانی https://example.ir/مهمترین-ها"
    True
    """
    if not _ANY_INVISIBLE().search(text):
        return []
    addresses = web_addresses(text)
    changes = [
        Change(m.start(), m.end(), "", 0.95) if m.start() in addresses else _junk_change(text, m)
        for m in _JUNK().finditer(text)
    ]
    line_start, line_end, line_first = -1, -1, -1
    for match in _MARKS().finditer(text):
        if match.start() in addresses:  # (an address holds no direction mark: see the docstring)
            changes.append(Change(match.start(), match.end(), "", 0.95))
            continue
        if match.start() > line_end:  # a new line: where it starts and ends and its first strong character
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.start())
            line_end = len(text) if line_end < 0 else line_end
            first = _STRONG().search(text, line_start, line_end)
            line_first = first.start() if first is not None else line_end
        if match.start() == line_first and _sets_direction(text, match, line_start, line_end):
            continue
        useless = _does_nothing(text, match, line_start, line_end)
        if _between_joining_letters(text, match.start(), match.end()):
            changes.append(Change(match.start(), match.end(), ZWNJ, 0.9))
        elif useless:
            changes.append(Change(match.start(), match.end(), "", 0.95))
        elif len(set(match.group())) == 1 and len(match.group()) > 1:
            changes.append(Change(match.start(), match.end(), match.group()[-1], 0.95))
    changes.sort(key=lambda change: change.start)
    return changes


# --- tidy_zwnj -------------------------------------------------------------------------------

_JOINING_LETTER = f"[{ARABIC_LETTER_CLASS}](?<![{NON_JOINING}])"
_ZWNJ_RUN = lazy_pattern(f"{ZWNJ}+")
_LETTER_OR_MARK = lazy_pattern(f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]")
_JOINS = lazy_pattern(_JOINING_LETTER)
_MARK = lazy_pattern(f"[{ARABIC_MARK_CLASS}]")
# A ZWNJ that is not fine as it is (one, right after a joining letter, before a letter or mark):
# none of the letter before it, or none after it (another ZWNJ, too). Every run of ZWNJs but a
# fine one holds one, and its first ZWNJ is one. (The pattern opens with the ZWNJ itself, so a
# search jumps from one to the next.)
_ODD_ZWNJ = re.compile(f"{ZWNJ}(?:(?<!{_JOINING_LETTER}{ZWNJ})|(?![{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]))")


def tidy_zwnj(text: str, config: Config) -> list[Change]:
    """Remove ZWNJs that have no effect: doubled, beside a space or punctuation, at a line edge, after `ا د ذ ر ز ژ و`.

    A ZWJ typed beside a ZWNJ is one run with it: between a joining letter and a letter the run is one
    ZWNJ (`می\u200d\u200cکند`, `نویسنده\u200c\u200d\u200cی` in news and FarsTail, whose ZWNJs alone removed would
    leave the ZWJ joining the two letters: `میکند`); elsewhere it stays, as the ZWJ may shape the letter
    before it (`ه\u200d.ق`).

    >>> from dorost import fix
    >>> fix("بندر\u200cها و می\u200c\u200cشود") == "بندرها و می\u200cشود"
    True
    >>> fix("روایت می\u200d\u200c\u200cکند") == "روایت می\u200cکند"
    True
    """
    odd = _ODD_ZWNJ.search(text)
    if odd is None:  # most text: every ZWNJ fine
        return []
    # A web address's ZWNJs are the address's (`https://example.ir/آزاد\u200cراه`): without them it names
    # another page (dorost.text.web_addresses).
    addresses = web_addresses(text)
    changes: list[Change] = []
    # Only the runs that hold an odd ZWNJ are read: a fine one (a single ZWNJ between a joining
    # letter and a letter) stays as it is. A run is found at its first odd ZWNJ, its first.
    while odd is not None:
        start = odd.start()
        run = _ZWNJ_RUN().match(text, start)
        end = run.end() if run is not None else start + 1  # (it always matches: a ZWNJ is there)
        mixed = text[start - 1 : start] == ZWJ or text[end : end + 1] == ZWJ
        if mixed:  # (a fine ZWNJ is never beside a ZWJ, so this run's first ZWNJ is its first odd one)
            while text[start - 1 : start] == ZWJ:
                start -= 1
            while text[end : end + 1] in (ZWJ, ZWNJ):
                end += 1
        odd = _ODD_ZWNJ.search(text, end)
        if addresses and addresses.overlaps(start, end):
            continue
        previous = text[start - 1] if start else ""
        following = text[end] if end < len(text) else ""
        # Step back over diacritics to the letter that would join.
        back = start - 1
        while back >= 0 and _MARK().match(text[back]):
            back -= 1
        letter = text[back] if back >= 0 else ""
        meaningful = bool(_JOINS().fullmatch(letter)) and bool(_LETTER_OR_MARK().match(following))
        if not previous:
            meaningful = False
        if mixed:
            if meaningful:
                changes.append(Change(start, end, ZWNJ, 0.95))
            continue
        if meaningful:
            if end - start > 1:
                changes.append(Change(start, end, ZWNJ, 0.99))
        else:
            changes.append(Change(start, end, "", 0.98))
    return changes
