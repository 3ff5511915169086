"""unify_digits reads only the lines that hold a number that may change: the same changes as reading the whole text,
on real passages as one text with numbers mixed from two systems, Arabic-Indic digits, Latin tokens, addresses and
Arabic lines, under every policy; and an Arabic line is judged by its own digits, not by a digit far from it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from dorost import Config
from dorost import text as text_module
from dorost.chars import ARABIC_INDIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from dorost.fixes import digits

CASES = Path(__file__).parent / "cases"
_SYSTEM = {d: system for system in (LATIN_DIGITS, PERSIAN_DIGITS, ARABIC_INDIC_DIGITS) for d in system}
# An Arabic line with a number that mixes Latin and Persian digits: Persian or Latin (most of its digits) where the
# line writes no Arabic-Indic digit, whatever the rest of the text writes; Arabic-Indic beside one (_ARABIC_INDIC_LINE).
_ARABIC_LINE = "قال رسول الله في كتابه على الناس 1۲۳"
_ARABIC_INDIC_LINE = "قال رسول الله في كتابه على الناس ٤ و 1۲۳"
# A line whose only Persian word is far from its Arabic-Indic number: Persian by its line, so the digits become Persian.
_FAR_PERSIAN = "گزارش: the annual release notes of the project were published in ٢٠٢٤ (English)"


def _damaged(passage: str, rng: random.Random) -> str:
    """Some of the passage's digits written in another system (a number that mixes two, or Arabic-Indic)."""
    out = []
    for ch in passage:
        if ch in _SYSTEM and rng.random() < 0.02:
            system = rng.choice([s for s in (LATIN_DIGITS, PERSIAN_DIGITS, ARABIC_INDIC_DIGITS) if ch not in s])
            ch = system[_SYSTEM[ch].index(ch)]
        out.append(ch)
    return "".join(out)


def _texts(shared: Path) -> list[str]:
    samples = [
        case["input"]
        for name in ("unify_digits", "unify_digits_unseen")
        for case in json.loads((CASES / f"{name}.json").read_text("utf-8"))["cases"]
    ]
    corpus = shared / "corpora" / "parsinlu-rc-passages" / "parsinlu_rc_passages.txt"
    passages = [line for line in corpus.read_text("utf-8").splitlines() if any(ch in _SYSTEM for ch in line)][:500]
    rng = random.Random(5)
    damaged = [_damaged(passage, rng) for passage in passages]
    without_arabic_indic = [passage for passage in damaged if not any(ch in ARABIC_INDIC_DIGITS for ch in passage)]
    return [
        "\n".join(damaged[:250] + samples + [_ARABIC_LINE, _FAR_PERSIAN, _ARABIC_INDIC_LINE] + damaged[250:]),
        "\n\n".join([_ARABIC_LINE, *passages, "سال ٢٠٢٤"]),  # the one Arabic-Indic digit far from the Arabic line
        "\n".join([_ARABIC_LINE, *without_arabic_indic]),
        "\n".join(samples),
    ]


@pytest.mark.parametrize("near", [0, 40, text_module.NEAR])
@pytest.mark.parametrize("policy", ["keep", "persian", "latin"])
def test_lines_read_give_the_changes_the_whole_text_gives(
    shared: Path, monkeypatch: pytest.MonkeyPatch, near: int, policy: str
) -> None:
    monkeypatch.setattr(text_module, "NEAR", near)
    config = Config(digits=policy)
    changed = 0
    for text in _texts(shared):
        whole = digits._unified_in(text, 0, policy)
        assert digits.unify_digits(text, config) == whole
        changed += len(whole)
    assert changed > 100


def test_an_arabic_line_is_judged_by_its_own_digits(shared: Path) -> None:
    texts = _texts(shared)
    config = Config()

    def after(text: str, number: str) -> str:
        at = text.index(number)
        changed = {change.start: change.after for change in digits.unify_digits(text, config)}
        return "".join(changed.get(at + k, ch) for k, ch in enumerate(number))

    # The text's one Arabic-Indic digit is paragraphs away, in Persian: the Arabic line's number is unified as in
    # Persian text (two Persian digits, one Latin), and so it is in a text with no Arabic-Indic digit at all.
    assert after(texts[1], "1۲۳") == "۱۲۳" == after(texts[2], "1۲۳")
    assert after(texts[1], "٢٠٢٤") == "۲۰۲۴"
    # Beside an Arabic-Indic digit of its own line it takes the line's digits; that digit stays.
    assert after(texts[0], "٤ و 1۲۳") == "٤ و ١٢٣"
    assert after(texts[0], "٢٠٢٤") == "۲۰۲۴"  # a Persian line's Arabic-Indic number becomes Persian
