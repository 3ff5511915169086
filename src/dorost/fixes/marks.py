"""Combining marks that an extractor printed before their letter, or cut off from it by a space.

pdftotext prints each mark of a right-to-left line (hamza, kasra, tanwin) before the letter that
carries it: `گنجینٔه` for `گنجینهٔ`, `مٔوثر` for `مؤثر`, `ٕاتخاذ` for `إتخاذ`, `علنًا` for `علناً`.
Which letter a kasra or a tanwin belongs to cannot be read off one word, but the hamza can: written
above, it sits only on `ا و ی ه`, written below only under `ا`. A text whose hamzas stand after other
letters and before their seat, again and again and never after one, has every mark turned, and all
of them move back behind their letter (composed with it where Unicode has one character for both: ؤ, إ).
A mark moves one letter, once: pdftotext prints it right before its own letter. A hamza (or a madda)
before a letter that cannot carry it (`نسٔخه`) was not printed there by that rule; its place is
uncertain and it stays. Every turned hamza so lands after its seat, the output shows none turned, and
a second pass moves nothing. (Moved onto a letter that cannot carry it, a hamza still looked turned,
and each later round moved it, and every mark inside a word, one letter further: `مُحَمَّد` → `محُمَدَّ`.)
Some extractors also set a mark off with a space (`منفردا ً`): a mark is never a word of its own, so the
space goes. Typists put a ZWNJ between a letter and its mark (`تغذیه\u200cٔ`, `وابستگی\u200cِ`): a mark after a
ZWNJ has no letter to sit on and is drawn on a dotted circle, so it goes before the ZWNJ; a shadda there
stays (as often a stray as the letter's own).
"""

from __future__ import annotations

import unicodedata

from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS, ZWNJ
from dorost.config import Config
from dorost.edits import Change
from dorost.patterns import lazy_pattern

HAMZA_ABOVE = "\u0654"
HAMZA_BELOW = "\u0655"
MARKS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
# The letters a hamza above may sit on (ا و ی and heh for the ezafe: خانهٔ).
_HAMZA_SEATS = "اوىیيهەۀ"

_LETTER = f"[{ARABIC_LETTER_CLASS}]"
_MARK_RUN = f"[{ARABIC_MARK_CLASS}]+"
# A hamza after a letter that cannot carry it and before one that can (گنجینٔه, مٔوثر); a hamza below
# before the alef that carries it, not after it (ٕاتخاذ). (Each pattern opens with the hamza and looks
# back past it: opened with a look back, a search tries every position of the text, six times slower.)
_TURNED_HAMZA = lazy_pattern(
    f"{HAMZA_ABOVE}(?<={_LETTER}{HAMZA_ABOVE})(?<![{_HAMZA_SEATS}]{HAMZA_ABOVE})(?=[{_HAMZA_SEATS}])"
    f"|{HAMZA_BELOW}(?<!ا{HAMZA_BELOW})(?=ا)"
)
# A hamza where it belongs: after its seat, and not before another seat (خانهٔ ما, مؤثر).
_SEATED_HAMZA = lazy_pattern(
    f"{HAMZA_ABOVE}(?<=[{_HAMZA_SEATS}]{HAMZA_ABOVE})(?![{_HAMZA_SEATS}])|{HAMZA_BELOW}(?<=ا{HAMZA_BELOW})"
)
# Marks set off from the letter before them by spaces: the space before them goes. Alone, only the
# tanwin of an adverb after its alef (منفردا ً, علنا ً); in a text that shows its marks turned, any.
_LOOSE_MARKS = lazy_pattern(f"(?<={_LETTER}) +(?={_MARK_RUN}(?![{ARABIC_LETTER_CLASS}]))")
# Marks after a ZWNJ that follows a letter (or a letter's marks): they go before the ZWNJ. (The pattern
# opens with the ZWNJ itself, not a run of them, so a search skips ahead to one, seven times faster; what
# comes before it is read after.)
_MARKS_AFTER_ZWNJ = lazy_pattern(f"({ZWNJ}{ZWNJ}*)({_MARK_RUN})")
_LETTER_OR_MARK = lazy_pattern(f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]")
# A shadda after a ZWNJ stays: it is as often a stray (Debian's `انتخاب\u200cّها`, `اثرانگشت\u200cّها`: no
# letter of those words doubles) as a letter's own (FarsTail's `مهم\u200cّترین`), and moved onto a letter that
# does not double, it would write a doubled letter the word does not have.
_SHADDA = "\u0651"
_LOOSE_TANWIN = lazy_pattern(f"(?<=ا) +(?=\u064b(?![{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]))")
# Marks before a letter: each moves behind it once the text shows its marks turned.
_MARKS_BEFORE_LETTER = lazy_pattern(f"({_MARK_RUN})({_LETTER})")
# The marks only some letters carry, and those letters: a run holding one moves onto no other.
_MADDA = "\u0653"
_ONLY_ON: tuple[tuple[str, str], ...] = ((HAMZA_ABOVE, _HAMZA_SEATS), (HAMZA_BELOW, "ا"), (_MADDA, "ا"))

#: Turned hamzas a text must show before its marks are moved, and how many times its seated ones.
TURNED_MIN_COUNT = 2
TURNED_RATIO = 3


def shows_turned_marks(text: str) -> bool:
    """True when the text's hamzas stand before their seats again and again and (almost) never after them."""
    if HAMZA_ABOVE not in text and HAMZA_BELOW not in text:
        return False  # most text: no hamza mark at all
    turned = len(_TURNED_HAMZA().findall(text))
    return turned >= TURNED_MIN_COUNT and turned > TURNED_RATIO * len(_SEATED_HAMZA().findall(text))


def _can_carry(letter: str, marks: str) -> bool:
    """True unless ``marks`` hold a hamza or a madda that ``letter`` cannot carry (ن cannot carry a hamza)."""
    return all(mark not in marks or letter in seats for mark, seats in _ONLY_ON)


def restore_mark_order(text: str, config: Config) -> list[Change]:
    """Put combining marks that were printed before their letter (pdftotext) back after it; join loose marks.

    >>> from dorost import fix
    >>> fix("گنجینٔه واژه\u200cها و نسخٔه مٔوثر") == "گنجینهٔ واژه\u200cها و نسخهٔ مؤثر"
    True
    >>> fix("بوسیله دادگاه منفردا ً یا مجتمعا ً") == "بوسیله دادگاه منفرداً یا مجتمعاً"
    True
    >>> fix("بنیاد تغذیه\u200cٔ بریتانیا") == "بنیاد تغذیهٔ بریتانیا"
    True
    """
    turned = shows_turned_marks(text)
    # (In a text whose marks are turned, a mark after a ZWNJ may belong to the letter after it: it is left
    # to the rule for marks before a letter.)
    after_zwnj = [
        Change(m.start(), m.end(), m.group(2) + m.group(1), 0.95)
        for m in (_MARKS_AFTER_ZWNJ().finditer(text) if ZWNJ in text and not turned else ())
        if m.start() and _LETTER_OR_MARK().match(text, m.start() - 1) and _SHADDA not in m.group(2)
    ]
    if not turned and " \u064b" not in text:
        return after_zwnj  # no hamza turned and no tanwin cut off: nearly all text
    loose = _LOOSE_MARKS() if turned else _LOOSE_TANWIN()
    changes = [Change(m.start(), m.end(), "", 0.95) for m in loose.finditer(text)] + after_zwnj
    if turned:
        # Every mark before a letter moves behind it, composed with it where Unicode has the letter (ؤ, إ);
        # a hamza or madda before a letter that cannot carry it stays where it is.
        for match in _MARKS_BEFORE_LETTER().finditer(text):
            marks, letter = match.groups()
            if not _can_carry(letter, marks):
                continue
            moved = unicodedata.normalize("NFC", letter + marks)
            changes.append(Change(match.start(), match.end(), moved, 0.9))
    changes.sort(key=lambda change: change.start)
    return changes
