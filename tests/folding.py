"""The documented mappings, as one fold shared by the preservation properties."""

from __future__ import annotations

import unicodedata

from dorost.chars import ALL_DIGITS, DIACRITICS, KASHIDA

# Letter variants, digit systems, Persian punctuation and mirrored pairs (visual-order repair may
# mirror brackets) count as the same character; format characters and spaces do not count.
_FOLD = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ھ": "ه", "ہ": "ه", "ە": "ه", ",": "،", ";": "؛", "?": "؟",
     ")": "(", "]": "[", "}": "{", "»": "«", ">": "<"}
)  # fmt: skip
_DIGIT_VALUE = {d: str(i % 10) for i, d in enumerate(ALL_DIGITS)}


def significant(text: str) -> list[str]:
    """Letters, digits and symbols folded by the documented mappings, as a sorted multiset.

    Decomposed (NFKD): a letter and its hamza count the same whether one character or two (ؤ, و and ٔ).
    """
    kept = []
    for ch in unicodedata.normalize("NFKD", text).translate(_FOLD):
        ch = _DIGIT_VALUE.get(ch, ch)
        if ch == KASHIDA or ch in DIACRITICS or unicodedata.category(ch)[0] in ("Z", "C"):
            continue
        kept.append(ch.translate(_FOLD))
    return sorted(kept)
