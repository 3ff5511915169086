"""fix_punctuation tries six of its patterns only where their hints are: the same changes as trying them
everywhere, on real paragraphs with the damage those patterns repair (spaces before marks, after numbers
and inside guillemets, Latin marks between Persian words,
a missing space after a mark), as one text and one by one."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from dorost import Config
from dorost.fixes import punctuation


def _everywhere(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    return pattern.finditer(text)


# What is typed after a word: marks spaced or glued the wrong way, Latin marks, numbers spaced from the mark after them.
_DAMAGE: tuple[str, ...] = (" .", " ،", "\t؟", " ,", " ;", "?", " ?", "،", ":", " »", "  :", " !")
_DAMAGE += (" ۱۳۹۹ ،", " 12 .", " ۳٫۵ ؛", " ۲۵٪ ،بیشترین", " (12 ؟")


def _damaged(shared: Path) -> list[str]:
    lines = (shared / "corpora" / "opensource-guide-fa" / "text.txt").read_text("utf-8").splitlines()
    rng = random.Random(7)
    damaged = []
    for line in lines[-600:]:
        if len(line.split()) < 4:
            continue
        words = line.split(" ")
        for _ in range(3):
            at = rng.randrange(1, len(words))
            words[at - 1] += rng.choice(_DAMAGE)
            if rng.random() < 0.3:
                words[at] = "« " + words[at]
        damaged.append(" ".join(words))
    return damaged


def test_hinted_patterns_find_what_trying_everywhere_finds(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = _damaged(shared)
    config = Config()
    texts = ["\n".join(paragraphs), "\n\n".join(paragraphs[::-1]), *paragraphs]
    hinted = [punctuation.fix_punctuation(text, config) for text in texts]
    monkeypatch.setattr(punctuation, "_matches_at", _everywhere)
    everywhere = [punctuation.fix_punctuation(text, config) for text in texts]
    assert len(everywhere[0]) >= 300  # the damage is repaired, not left alone
    assert hinted == everywhere
