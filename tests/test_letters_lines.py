"""unify_arabic_letters reads only the lines that hold a letter to judge (and whether quotations speak, from the whole
text): the same changes as reading the whole text, on real passages as one text, with Arabic quotations, labelled
Arabic and Kurdish names among them, as written and in an old encoding's letters (where quotations say nothing)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dorost import Config
from dorost import text as text_module
from dorost.fixes import letters

CASES = Path(__file__).parent / "cases"
_OLD_ENCODING = str.maketrans("\u06cc\u06a9", "\u064a\u0643")  # ی ک written as Arabic ي ك


def _whole_text_speaks(text: str) -> bool:
    """The long way: the text outside its quotations, counted letter by letter."""
    outside = letters._QUOTATION.sub(" ", text)
    return len(re.findall("[\u064a\u0649\u0643]", outside)) <= len(re.findall("[\u06cc\u06a9]", outside))


def _texts(shared: Path) -> list[str]:
    samples = [
        case["input"]
        for name in ("unify_arabic_letters", "unify_arabic_letters_labelled", "unify_arabic_letters_unseen")
        for case in json.loads((CASES / f"{name}.json").read_text("utf-8"))["cases"]
    ]
    corpus = shared / "corpora" / "parsinlu-rc-passages" / "parsinlu_rc_passages.txt"
    passages = corpus.read_text("utf-8").splitlines()[:600]
    as_written, old = [], []
    for at, passage in enumerate(passages):
        as_written.append(passage)
        old.append(passage.translate(_OLD_ENCODING))
        if at % 20 == 0 and samples:
            sample = samples[(at // 20) % len(samples)]
            as_written.append(sample)
            old.append(sample)
    return ["\n".join(as_written), "\n\n".join(old), "\n".join(samples), "\n".join(passages[:40] + samples)]


@pytest.mark.parametrize("near", [0, 40, text_module.NEAR])
def test_lines_read_give_the_changes_the_whole_text_gives(
    shared: Path, monkeypatch: pytest.MonkeyPatch, near: int
) -> None:
    monkeypatch.setattr(text_module, "NEAR", near)
    config = Config()
    for text in _texts(shared):
        whole = letters._unified_in(text, 0, lambda text=text: _whole_text_speaks(text))
        assert letters.unify_arabic_letters(text, config) == whole


def test_the_texts_hold_what_is_judged(shared: Path) -> None:
    as_written, old, *_ = _texts(shared)
    assert _whole_text_speaks(as_written) and not _whole_text_speaks(old)
    config = Config()
    # Quotations keep their Arabic letters as written; in the old encoding they say nothing, and those letters change.
    kept = len(letters._VARIANT.findall(as_written)) - len(letters.unify_arabic_letters(as_written, config))
    changed = {(change.start, change.after) for change in letters.unify_arabic_letters(old, config)}
    assert kept > 20 and len(changed) > 10_000
    assert letters._arabic_quotations(old, lambda: True) is not None
