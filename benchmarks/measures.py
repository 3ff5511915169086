"""Measures shared by the benchmarks and the tests that hold dorost to the same figures.

>>> word_edit_distance("نشریه دیپلمات در این باره".split(), "نشریه در این باره نوشت".split())
2
>>> word_error_rate(["می\u200cشود"], ["می", "شود"])
2.0
"""

from __future__ import annotations

from collections.abc import Sequence


def word_edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Word-level Levenshtein distance: insertions, deletions and substitutions of whole words."""
    previous = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, other in enumerate(hypothesis, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
        previous = current
    return previous[-1]


def word_error_rate(reference: Sequence[str], hypothesis: Sequence[str]) -> float:
    """Word edit distance divided by the reference's length (an empty reference counts as one word)."""
    return word_edit_distance(reference, hypothesis) / max(1, len(reference))
