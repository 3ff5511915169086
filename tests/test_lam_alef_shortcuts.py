"""restore_lam_alef's quicker searches find what a letter-by-letter reading finds."""

from __future__ import annotations

import random
import re

from dorost import Config
from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS
from dorost.fixes import lam_alef

_LETTER_OR_MARK = re.compile(f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]")


def _read_back(text: str, start: int) -> int | None:
    """The piece before ``start`` read letter by letter: the whole run of letters before the space,
    if it is 1 to 12 letters long and no ZWNJ joins it to what is before it."""
    if start < 2 or text[start - 1] != " ":
        return None
    begin = start - 1
    while begin > 0 and _LETTER_OR_MARK.fullmatch(text[begin - 1]):
        begin -= 1
    if not 1 <= start - 1 - begin <= 12 or (begin > 0 and text[begin - 1] == "\u200c"):
        return None
    return begin


def test_the_piece_before_a_word_is_the_run_of_letters_read_back_to_the_space() -> None:
    rng = random.Random(3)
    pieces = ["ب", "ه", "اص", "\u064b", "\u200c", " ", "\n", "a", "۱", "«", "مالحظ", "کتابخانه"]
    found = checked = 0
    for _ in range(4_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        for start in range(len(text) + 1):
            expected = _read_back(text, start)
            assert lam_alef._piece_before(text, start) == expected, (text, start)
            found += expected is not None
            checked += text[start - 1 : start] == " "
    assert found > 500 and checked > found  # pieces found, and spaces with none before them


def test_a_word_torn_in_two_is_joined_with_the_piece_before_it() -> None:
    config = Config()
    text = "برای اص الح قانون و مالحظ ات سیاسی و فع االن"
    repaired = lam_alef.restore_lam_alef(text, config)
    assert [(text[change.start : change.end], change.after) for change in repaired] == [
        ("اص الح", "اصلاح"),
        ("مالحظ ات", "ملاحظات"),
        ("فع االن", "فعالان"),
    ]
