"""remove_kashida's pattern opens with the kashida, so that a search skips ahead to the next: the same changes as the
pattern that opens with the lookbehinds (tried at every position), on random strings of the characters around which it
decides and on a stretched paragraph."""

from __future__ import annotations

import random
import re

from dorost import Config
from dorost.chars import ARABIC_LETTER_CLASS, KASHIDA, NON_JOINING
from dorost.edits import Change
from dorost.fixes import letters

# Joining and non-joining letters, a mark, the kashida (alone and in runs), Latin letters and digits, spaces.
_PIECES = ("ب", "ه", "د", "ا", "و", "ر", "\u064e", "\u0651", KASHIDA, KASHIDA * 3, "a", "Z", "5", "۵", " ", "\n", "ـها")


_LOOKBEHIND_FIRST = re.compile(
    f"(?<=[{ARABIC_LETTER_CLASS}\u064b-\u0652])(?<![{NON_JOINING}]){KASHIDA}+(?![{KASHIDA}A-Za-z0-9])"
)


def _searched(text: str) -> list[Change]:
    return [Change(m.start(), m.end(), "", 0.99) for m in _LOOKBEHIND_FIRST.finditer(text)]


def test_the_kashida_first_finds_what_the_lookbehinds_first_find() -> None:
    rng = random.Random(3)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 20))) for _ in range(20_000)]
    paragraph = "بـــه نـام خـداونـد جـان و خـرد، کـزیـن بـرتـر انـدیـشـه بـرنـگـذرد؛ غیرـloopback و پسوند ـها"
    texts += [paragraph, "\n".join([paragraph] * 50)]
    config = Config()
    found = 0
    for text in texts:
        expected = _searched(text)
        assert letters.remove_kashida(text, config) == expected, text
        found += len(expected)
    assert found > 5_000
