"""The word pairs and triples a document writes elsewhere: a cache model mixed into the joins (:class:`Echo`).

News repeats its names and phrases, so a border that recreates a pair the document writes elsewhere reads better
than the model alone says. Only clearly marked lines hear it (see :mod:`~dorost.fixes.layout.runs.fix`).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from dorost.fixes.layout._common import CLAUSE_END, LATIN_LETTER, PERSIAN_LETTER, scoring_form

# How much the document's own pairs and triples weigh against the model (see :class:`Echo`).
# Measured on news seeds 1 to 6 of benchmarks/layout.py (damaged lines exact, random / pdftotext
# gaps, from 925 and 1694): 0.2 gives 944 and 1761, 0.1 948 and 1762, 0.05 953 and 1765, 0.025
# 961 and 1766, 0.01 961 and 1767 (and the fewest lines reordered wrongly: 11 and 46 fewer than
# without), undamaged lines reordered as before. Mixed into the joins of every line (0.1), 978 and
# 1762, but undamaged lines moved (2 → 7 and 1 → 6): a pair the document writes elsewhere pulled a
# word of a line without marks to it (`حالت زاویه`, where the line's own `زاویه خروج` is written
# nowhere else), so only clearly marked lines hear the echo.
_ECHO_WEIGHT = 0.01


def _pieces(words: list[str]) -> list[list[str]]:
    """The stretches of words as the document model counts them (scoring forms), a stretch ending
    after a clause mark or at a word that is not Persian: the pairs :func:`score_join` reads with
    the bigram model."""
    stretches: list[list[str]] = [[]]
    for word in words:
        form = _persian_form(word)
        if not form:
            stretches.append([])
            continue
        stretches[-1].append(form)
        if CLAUSE_END.search(word):
            stretches.append([])
    return [stretch for stretch in stretches if len(stretch) >= 2]


@dataclass(frozen=True, slots=True)
class Echo:
    """The word pairs and triples a document writes: a cache model (Kuhn & De Mori 1990).

    News repeats its names and phrases (`وزارت خارجه روسیه`), so a border that recreates a pair or
    a triple the document writes elsewhere reads better than the model alone says. Each join is
    scored ``log((1 - w) P_model + w P_document)``, where ``P_document`` is the share of the
    document's pairs after the first word that go on with the second (the mean of that and the
    share of triples after the two words before the border, where they show). The line judged
    does not count itself (its own pairs are taken off: a pair across a border it printed must
    not read as evidence for itself).
    """

    grams: dict[tuple[str, ...], int]
    heads: dict[tuple[str, ...], int]

    @classmethod
    def of(cls, texts: list[list[str]]) -> Echo:
        """The pairs and triples of each text's words (a line's, or a document's lines in turn:
        a pair across a line's end is the document's too)."""
        echo = cls({}, {})
        for words in texts:
            for stretch in _pieces(words):
                for i in range(len(stretch) - 1):
                    for gram in (stretch[i : i + 2], stretch[i - 1 : i + 2] if i else []):
                        if gram:
                            key = tuple(gram)
                            echo.grams[key] = echo.grams.get(key, 0) + 1
                            echo.heads[key[:-1]] = echo.heads.get(key[:-1], 0) + 1
        return echo

    def share(self, own: Echo, context: tuple[str, ...], word: str) -> float:
        """How often the document, less ``own``, goes on with ``word`` after ``context``."""
        heads = self.heads.get(context, 0) - own.heads.get(context, 0)
        if heads <= 0:
            return -1.0
        key = (*context, word)
        return (self.grams.get(key, 0) - own.grams.get(key, 0)) / heads

    def mix(self, own: Echo, score: float, left: str, right: str, prev: str | None) -> float:
        """``score`` (the model's join of ``left`` and ``right``) mixed with the document's."""
        if CLAUSE_END.search(left) or not PERSIAN_LETTER.match(right[:1]):
            return score
        a, b = _persian_form(left), _persian_form(right)
        if not a or not b:
            return score
        pair = self.share(own, (a,), b)
        if pair <= 0.0:
            return score
        x = _persian_form(prev) if prev is not None and not CLAUSE_END.search(prev) else ""
        triple = self.share(own, (x, a), b) if x else -1.0
        share = (pair + triple) / 2 if triple >= 0.0 else pair
        return math.log((1.0 - _ECHO_WEIGHT) * math.exp(score) + _ECHO_WEIGHT * share)


@functools.lru_cache(maxsize=1 << 13)
def _persian_form(word: str) -> str:
    """A Persian word's scoring form; empty for other words. Remembered for a document's words (the
    document model's joins ask for the same words again and again; at most 2-3 MB)."""
    form = scoring_form(word)
    return form if PERSIAN_LETTER.search(form) and not LATIN_LETTER.search(form) else ""
