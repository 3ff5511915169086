"""The word pairs and triples a document writes elsewhere: a cache model mixed into the joins (:class:`Echo`).

News repeats its names and phrases, so a border that recreates a pair the document writes elsewhere reads better
than the model alone says; so does a sentence that starts with a word (and a pair) the document starts other sentences
with. Only clearly marked lines hear it (see :mod:`~dorost.fixes.layout.runs.fix`).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from dorost.fixes.layout._common import CLAUSE_END, LATIN_LETTER, PERSIAN_LETTER, SENTENCE_END, scoring_form

# How much the document's own pairs and triples weigh against the model (see :class:`Echo`).
# Measured on news seeds 1 to 6 of benchmarks/layout.py (damaged lines exact, random / pdftotext
# gaps, from 925 and 1694): 0.2 gives 944 and 1761, 0.1 948 and 1762, 0.05 953 and 1765, 0.025
# 961 and 1766, 0.01 961 and 1767 (and the fewest lines reordered wrongly: 11 and 46 fewer than
# without), undamaged lines reordered as before. Mixed into the joins of every line (0.1), 978 and
# 1762, but undamaged lines moved (2 → 7 and 1 → 6): a pair the document writes elsewhere pulled a
# word of a line without marks to it (`حالت زاویه`, where the line's own `زاویه خروج` is written
# nowhere else), so only clearly marked lines hear the echo.
_ECHO_WEIGHT = 0.01
# The context of a sentence's first word: the document's sentences (after a full stop) start with a word and a
# pair as the model's own starts cannot know (`است. برندسازی …` in a text about branding). A sentence's start is the
# case where the word before a pair (``None``) said nothing. Damaged lines exact, random / pdftotext gaps
# (benchmarks/layout.py, news seeds 1, 3, 7, 11 and shippable 1, 3): 1117 → 1120 and 1744 → 1756 of 2835, broken
# mid-sentence 41 → 41 and 12 → 11; news and shippable seeds 2, 4: 774 → 779 and 1162 → 1159 of 1779; no undamaged
# line moved, the other damage kinds as before.
_START = "<s>"


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
    share of triples after the two words before the border, where they show); a sentence's first
    word by the share of the document's sentences that start with it, and its first pair by the
    share of those that go on with the second word (see :meth:`start`). The line judged
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
                            echo._count(tuple(gram))
            for i in range(1, len(words)):
                if not SENTENCE_END.search(words[i - 1]):
                    continue
                first = _persian_form(words[i])
                if not first:
                    continue
                echo._count((_START, first))
                if i + 1 < len(words) and not CLAUSE_END.search(words[i]) and _persian_form(words[i + 1]):
                    echo._count((_START, first, _persian_form(words[i + 1])))
        return echo

    def _count(self, gram: tuple[str, ...]) -> None:
        self.grams[gram] = self.grams.get(gram, 0) + 1
        self.heads[gram[:-1]] = self.heads.get(gram[:-1], 0) + 1

    def share(self, own: Echo, context: tuple[str, ...], word: str) -> float:
        """How often the document, less ``own``, goes on with ``word`` after ``context``."""
        heads = self.heads.get(context, 0) - own.heads.get(context, 0)
        if heads <= 0:
            return -1.0
        key = (*context, word)
        return (self.grams.get(key, 0) - own.grams.get(key, 0)) / heads

    def start(self, own: Echo, score: float, right: str) -> float:
        """``score`` (the model's estimate that a sentence starts with ``right``) mixed with how often
        the document's sentences (after a full stop) start with it, less ``own``'s."""
        b = _persian_form(right) if PERSIAN_LETTER.match(right[:1]) else ""
        share = self.share(own, (_START,), b) if b else -1.0
        if share <= 0.0:
            return score
        return math.log((1.0 - _ECHO_WEIGHT) * math.exp(score) + _ECHO_WEIGHT * share)

    def mix(self, own: Echo, score: float, left: str, right: str, prev: str | None, opens: bool = False) -> float:
        """``score`` (the model's join of ``left`` and ``right``) mixed with the document's; where
        ``opens`` (``left`` starts a sentence) the triple's context is the sentence's start."""
        if CLAUSE_END.search(left) or not PERSIAN_LETTER.match(right[:1]):
            return score
        a, b = _persian_form(left), _persian_form(right)
        if not a or not b:
            return score
        pair = self.share(own, (a,), b)
        if pair <= 0.0:
            return score
        x = _START if opens else _persian_form(prev) if prev is not None and not CLAUSE_END.search(prev) else ""
        triple = self.share(own, (x, a), b) if x else -1.0
        share = (pair + triple) / 2 if triple >= 0.0 else pair
        return math.log((1.0 - _ECHO_WEIGHT) * math.exp(score) + _ECHO_WEIGHT * share)


@functools.lru_cache(maxsize=1 << 13)
def _persian_form(word: str) -> str:
    """A Persian word's scoring form; empty for other words. Remembered for a document's words (the
    document model's joins ask for the same words again and again; at most 2-3 MB)."""
    form = scoring_form(word)
    return form if PERSIAN_LETTER.search(form) and not LATIN_LETTER.search(form) else ""
