"""restore_mark_order places every mark in one pass: given its own output again, it proposes nothing.

pdftotext prints each mark of a right-to-left line right before its letter (``مٔوثر``, ``گنجینٔه``,
``ُمَحَّمد``). The fix moves each one back behind its letter once; a mark moved again in a later round
(``مُحَمَّد`` → ``محُمَدَّ``) would be a side effect of the round count, not a repair.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dorost import Config
from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS
from dorost.edits import apply_changes
from dorost.fixes.marks import restore_mark_order, shows_turned_marks
from dorost.pipeline import run

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "cases" / "restore_mark_order.json").read_text("utf-8")
)["cases"]
CONFIG = Config()
ONLY = Config().with_fixes(only=["restore_mark_order"])
PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

# Correct Persian words with marks on their letters (decomposed where pdftotext decomposes them).
GOLD_WORDS = (
    "گنجینه\u0654",
    "نسخه\u0654",
    "همه\u0654",
    "لازمه\u0654",
    "مو\u0654ثر",
    "مو\u0654سسه",
    "تا\u0654ثیر",
    "هیا\u0654ت",
    "ا\u0655تخاذ",
    "علنا\u064b",
    "منفردا\u064b",
    "ملی\u0650",
    "م\u064fح\u064eم\u064e\u0651د",
    "ب\u0650س\u0652م\u0650",
    "آمد",
    "واژه\u200cهای",
    "فارسی",
    "دادگاه",
    "و",
    "در",
    "،",
)
_LETTER_AND_MARKS = re.compile(f"([{ARABIC_LETTER_CLASS}])([{ARABIC_MARK_CLASS}]+)")


def printed_by_pdftotext(text: str) -> str:
    """The text as pdftotext prints it: each letter's marks before the letter (نسخهٔ → نسخٔه)."""
    return _LETTER_AND_MARKS.sub(r"\2\1", unicodedata.normalize("NFD", text))


def once(text: str) -> str:
    """One application of the fix: its changes, applied once."""
    return apply_changes(text, restore_mark_order(text, CONFIG))


def test_pdftotext_printing_is_what_the_cases_show() -> None:
    assert printed_by_pdftotext("گنجینه\u0654 و مؤثر") == "گنجین\u0654ه و م\u0654وثر"


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_one_pass_does_it_all_and_a_second_proposes_nothing(case: dict[str, Any]) -> None:
    expected = case["input"] if case.get("must_not_change") else case["expected"]
    output = once(case["input"])
    assert output == expected
    assert restore_mark_order(output, CONFIG) == []
    assert restore_mark_order(expected, CONFIG) == []


def test_no_mark_moves_in_a_second_round() -> None:
    # The old fix moved the vowels of مُحَمَّد a second letter on in round 2, while the hamzas it had
    # put on خ and م kept the text looking turned.
    text = next(case for case in CASES if case["label"].startswith("marks move one letter"))["input"]
    result = run(text, ONLY)
    assert result.edits
    assert {edit.step for edit in result.edits} == {0}
    assert "م\u064fح\u064eم\u064e\u0651د" in result.text


@PROFILE
@given(st.lists(st.sampled_from(GOLD_WORDS), max_size=25))
def test_pdftotext_text_comes_back_in_one_pass(words: list[str]) -> None:
    gold = " ".join(["مو\u0654ثر", "نسخه\u0654", *words])
    printed = printed_by_pdftotext(gold)
    assert shows_turned_marks(printed)
    restored = once(printed)
    assert restored == unicodedata.normalize("NFC", gold)
    assert restore_mark_order(restored, CONFIG) == []


# Turned words and loose material: marks and letters anywhere, hamzas before letters that cannot
# carry them (a letter or two before their seat), marks set off by spaces.
_PIECES = st.one_of(
    st.sampled_from([printed_by_pdftotext(word) for word in GOLD_WORDS]),
    st.sampled_from(["نس\u0654خه", "لاز\u0654مه", "\u0654لازمه", "\u0654مو\u0650ثر", "م\u0653لا", "ا \u064b"]),
    st.text(alphabet="نسخمهویاىيەۀلب\u0654\u0654\u0655\u0653\u064b\u0650\u064f\u0651 ", max_size=8),
)


@PROFILE
@given(st.lists(_PIECES, max_size=30))
def test_its_own_output_proposes_nothing_and_keeps_every_letter(pieces: list[str]) -> None:
    text = " ".join(["م\u0654وثر", "نسخ\u0654ه", *pieces])
    output = once(text)
    assert restore_mark_order(output, CONFIG) == []
    assert {edit.step for edit in run(text, ONLY).edits} <= {0}

    def kept(value: str) -> list[str]:
        return sorted(unicodedata.normalize("NFD", value).replace(" ", ""))

    assert kept(output) == kept(text)


def test_no_mark_moves_twice_when_invisible_junk_hides_turned_hamzas() -> None:
    # A zero-width space between each of two hamzas and its seat: the junk goes before any letter
    # is judged (remove_invisible_junk opens the letters family), so one pass sees every turned hamza.
    text = "نسخ\u0654\u200bه و لازم\u0654\u200bه و \u064fم\u064eح\u064e\u0651مد و م\u0654وثر و م\u0654وسسه"
    result = run(text)
    assert "م\u064fح\u064eم\u064e\u0651د" in result.text


def test_turned_and_seated_hamzas_are_the_ones_their_neighbours_show() -> None:
    # Each hamza is read by the letters beside it: above, turned after a letter that cannot carry it and
    # before one that can, seated after a seat and before no seat; below, turned before an alef it does
    # not follow, seated after one. The patterns find these and only these, in strings of every mix.
    from dorost.fixes import marks

    seats, above, below = marks._HAMZA_SEATS, marks.HAMZA_ABOVE, marks.HAMZA_BELOW
    alphabet = ["ا", "و", "ی", "ه", "ن", "س", "ک", " ", "\u200c", "1", above, above, below, below]
    rng = random.Random(17)
    found = {"turned": 0, "seated": 0}
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        turned, seated = [], []
        for i, ch in enumerate(text):
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if ch == above:
                letter = before != "" and re.fullmatch(marks._LETTER, before) is not None
                if letter and before not in seats and after != "" and after in seats:
                    turned.append(i)
                if before != "" and before in seats and (after == "" or after not in seats):
                    seated.append(i)
            elif ch == below:
                if before != "ا" and after == "ا":
                    turned.append(i)
                if before == "ا":
                    seated.append(i)
        assert [m.start() for m in marks._TURNED_HAMZA().finditer(text)] == turned, text
        assert [m.start() for m in marks._SEATED_HAMZA().finditer(text)] == seated, text
        found["turned"] += len(turned)
        found["seated"] += len(seated)
    assert min(found.values()) > 1000


def test_marks_after_a_zwnj_are_each_run_of_zwnjs_and_the_marks_right_after_it() -> None:
    from dorost.fixes import marks

    alphabet = ["\u200c", "\u200c", "\u064b", "\u0650", "\u0654", "ا", "ه", " "]
    rng = random.Random(18)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        expected = []
        for zwnjs in re.finditer("\u200c+", text):
            tail = re.match(f"[{ARABIC_MARK_CLASS}]+", text[zwnjs.end() :])
            if tail:
                expected.append((zwnjs.start(), zwnjs.group(), tail.group()))
        assert [(m.start(), m.group(1), m.group(2)) for m in marks._MARKS_AFTER_ZWNJ().finditer(text)] == expected, text
        found += len(expected)
    assert found > 1000
