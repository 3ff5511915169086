"""The quicker tests of the pipeline and the character fixes find what reading everything finds."""

from __future__ import annotations

import random
import re

from dorost import Config
from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS, NON_JOINING, ZWNJ
from dorost.edits import Change
from dorost.fixes import Fix, lam_alef
from dorost.fixes.invisible import tidy_zwnj
from dorost.fixes.letters import ARABIC_VARIANTS, unify_arabic_letters
from dorost.pipeline import run

_LETTER_OR_MARK = re.compile(f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]")
_LETTER = re.compile(f"[{ARABIC_LETTER_CLASS}]")
_MARK = re.compile(f"[{ARABIC_MARK_CLASS}]")


def _tidy_every_run(text: str) -> list[Change]:
    """tidy_zwnj's rule read at every run of ZWNJs: a single ZWNJ stays where a joining letter (marks
    passed over) is before it and a letter or mark after it; a longer run there becomes one; any
    other run goes."""
    changes: list[Change] = []
    for zwnjs in re.finditer(f"{ZWNJ}+", text):
        start, end = zwnjs.span()
        back = start - 1
        while back >= 0 and _MARK.fullmatch(text[back]):
            back -= 1
        joins = back >= 0 and _LETTER.fullmatch(text[back]) is not None and text[back] not in NON_JOINING
        meaningful = start > 0 and joins and end < len(text) and _LETTER_OR_MARK.fullmatch(text[end]) is not None
        if not meaningful:
            changes.append(Change(start, end, "", 0.98))
        elif end - start > 1:
            changes.append(Change(start, end, ZWNJ, 0.99))
    return changes


def test_tidy_zwnj_reads_only_the_runs_that_may_change_and_finds_what_every_run_gives() -> None:
    rng = random.Random(11)
    pieces = [ZWNJ, ZWNJ * 2, "ب", "ه", "ا", "د", "و", "\u064e", "\u0651", " ", "\n", "a", "«", ".", "۱", "می", "ها"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(30_000)]
    texts += ["کتاب\u200cها و می\u200c\u200cشود", "خانه\u200cها", "بندر\u200cها", "\u200cسلام", "شده\u064e\u200cاند"]
    config = Config()
    changed = kept = 0
    for text in texts:
        expected = _tidy_every_run(text)
        assert tidy_zwnj(text, config) == expected, text
        changed += bool(expected)
        kept += ZWNJ in text and not expected
    assert changed > 10_000 and kept > 300  # texts with runs to tidy, and texts whose ZWNJs are all fine


def test_an_alef_lam_pair_is_counted_where_its_alef_is() -> None:
    # restore_lam_alef counts only the pairs whose alef the text holds: the others count 0.
    rng = random.Random(13)
    pieces = ["\u0627", "\u0622", "\u0623", "\u0625", "\u0644", "ب", " ", "سلام", "مثال"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        pairs = [pair for pair in lam_alef._TURNED_PAIRS if pair[0] in text]
        assert sum(map(text.count, pairs)) == sum(map(text.count, lam_alef._TURNED_PAIRS))
        assert any(map(text.__contains__, pairs)) == (lam_alef._TURNED().search(text) is not None)


def test_a_character_a_change_puts_in_is_seen_by_the_fixes_that_need_it_in_the_next_round() -> None:
    # The pipeline reads the characters the fixes need once per text and adds those each change puts
    # in: an Arabic kaf that a later fix writes is unified in the next round, as a fresh reading finds.
    def write_kaf(text: str, config: Config) -> list[Change]:
        return [Change(m.start(), m.end(), "\u0643", 0.9) for m in re.finditer("X", text)]

    fixes = (
        Fix("unify_arabic_letters", "letters", unify_arabic_letters, needs=frozenset(ARABIC_VARIANTS)),
        Fix("normalize_whitespace", "separators", write_kaf),  # (a later fix's name: the config knows it)
    )
    result = run("این Xتاب", Config(), fixes)
    assert result.text == "این \u06a9تاب"
    assert [edit.fix for edit in result.edits] == ["normalize_whitespace", "unify_arabic_letters"]
