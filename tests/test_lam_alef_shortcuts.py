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


def _words_read_letter_by_letter(text: str, holds: re.Pattern[str]) -> list[tuple[int, int]]:
    """The runs of letters, marks and ZWNJ of ``text`` that ``holds`` finds something in, read one by one."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(text + " "):
        inside = ch == "\u200c" or _LETTER_OR_MARK.fullmatch(ch) is not None
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            if holds.search(text[start:i]):
                spans.append((start, i))
            start = None
    return spans


def test_the_words_with_an_alef_lam_pair_are_the_runs_a_letter_by_letter_reading_finds() -> None:
    rng = random.Random(5)
    pieces = ["ا", "ل", "آ", "أل", "لا", "ب", "\u064b", "\u200c", " ", "\n", "a", "۱", "،", "سال", "اطالعات"]
    pair = re.compile("[\u0627\u0622\u0623\u0625]\u0644")
    lam_alef_pair = re.compile("\u0644[\u0627\u0622\u0623\u0625]")
    found = 0
    for _ in range(4_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        expected = _words_read_letter_by_letter(text, pair)
        assert lam_alef._turned_words(text) == expected, text
        # The pairs each way, counted by str.count or the pattern, are every pair a letter-by-letter reading finds.
        turned = sum(1 for i in range(len(text) - 1) if pair.fullmatch(text[i : i + 2]))
        typed = sum(1 for i in range(len(text) - 1) if lam_alef_pair.fullmatch(text[i : i + 2]))
        assert sum(map(text.count, lam_alef._TURNED_PAIRS)) == turned, text
        assert len(lam_alef.LAM_ALEF_TYPED().findall(text)) == typed, text
        found += len(expected)
    assert found > 2_000


def test_word_evidence_tries_every_affix_the_word_has_and_no_other() -> None:
    # The evidence of a word is the most the model has seen of it as it stands, of its stem beside
    # each bound suffix (after a vowel for ای and اند; ی not after an alef) or prefix it has, set off
    # with a ZWNJ or alone, where at least two letters (three after a prefix) are left.
    from dorost.language import shipped_model

    model = shipped_model()
    assert model is not None

    def read_slowly(word: str) -> int:
        word = word[:-1] if word.endswith("\u0647\u0654") else word
        seen = [model.word_count(word)]
        for suffix in lam_alef._SUFFIXES:
            stem = word[: len(word) - len(suffix)]
            if word.endswith(suffix) and len(stem) >= 2:
                after_vowel = suffix not in ("ای", "اند") or stem[-1] in "\u0647\u06cc"
                if after_vowel and not (suffix == "ی" and stem[-1] in "\u0627\u0622\u0623\u0625"):
                    seen += [model.word_count(stem + "\u200c" + suffix), model.word_count(stem)]
        for prefix in lam_alef._PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= 3:
                seen += [model.word_count(prefix + "\u200c" + rest), model.word_count(rest)]
        return max(seen)

    words = ["تلاشهای", "علاقهمندان", "بیاطلاع", "میز", "بیان", "هم", "نمیدانم", "خانهای", "دانشجویانند", "لازمهٔ"]
    words += ["کتابهایشان", "غلای", "بالاتراست", "ناامید", "غیرممکن", "همکلاسی", "ی", ""]
    for word in words:
        assert lam_alef.word_evidence(model.word_count, word) == read_slowly(word), word
    assert lam_alef.word_evidence(model.word_count, "تلاشهای") >= model.word_count("تلاش")
    assert lam_alef.word_evidence(model.word_count, "میز") == model.word_count("میز")
