"""How likely a sentence starts with a word: the model's sentence starts, backed off to more text.

A line's first word, and a word after a full stop inside it, is scored by the model's sentence starts (where `را`
and `است` are rare), backing off to those of more text in Persian word order, and shrunk for a word seen a handful
of times towards the back-off of a pair after a typical word (see :func:`sentence_start`).
"""

from __future__ import annotations

import functools
import math

from dorost.fixes.layout._common import WordModel
from dorost.fixes.layout.runs.tokens import RARE_CONTEXT, trigram_counts, unigram, word_count
from dorost.language.model import DISCOUNT, LanguageModel

# A word seen a handful of times says as little about whether it starts sentences as about what follows
# it (see RARE_CONTEXT). The model backs an unseen sentence start off to the unigram times 0.11, the
# share its sentence starts leave to words never seen first (most sentences start with a few words:
# `در`, `این`), while a pair it never saw keeps 0.26 of the unigram after a typical word (the share of
# its followers' mass a word leaves to unseen pairs: DISCOUNT times its followers over its count, a
# geometric mean over the model's words weighted by their counts). So a rare word read a nat likelier
# after any word than first in its sentence, and a paragraph's first line printed last-first was put
# in an order that moves the rare word inside (`معمولاً بر اساس عرف شناخته و قاره\u200cها متمایز
# می\u200cشوند`, for `قاره\u200cها معمولاً …`; benchmarks/layout.py, news seed 7). A rare word's start
# is shrunk towards the typical back-off, as a rare context's pairs are (see :func:`sentence_start`).
# Damaged lines restored exactly, random / pdftotext's gaps: news seeds 1, 3, 7, 11, 762 → 775 and
# 1252 → 1260 of 2132 (every run up or level), seeds 2 and 4, 419 → 423 and 669 → 669 of 1107; shippable
# seeds 1, 3, 7, 491 → 490 and 726 → 724 of 1068, seeds 2 and 4, 341 → 339 and 490 → 488 of 672; no
# undamaged line moved, the other damage kinds as before (near ties flip both ways: a rare word now also
# reads better after a full stop inside a line, `… ورزش می\u200cکنند. تماشاگر صرف …`).
_INNER_BACKOFF = 0.26


def sentence_start(model: WordModel, form: str) -> float:
    """Log-probability that a sentence starts with ``form``; a model that counts no sentences gives
    its clause-break estimate. A word seen a handful of times backs off as it would after a typical
    word (see :data:`_INNER_BACKOFF`).

    >>> from dorost.language import model
    >>> m = model()
    >>> sentence_start(m, "کاسنی") > m.sentence_start_logprob("کاسنی") + 0.5
    True
    >>> sentence_start(m, "را") < sentence_start(m, "در")
    True
    """
    if isinstance(model, LanguageModel):
        score = _start_logprob(model, form)
        seen = word_count(model, form)
        if seen < RARE_CONTEXT * 10:
            weight = seen / (seen + RARE_CONTEXT)
            score = math.log(weight * math.exp(score) + (1.0 - weight) * _INNER_BACKOFF * unigram(model, form))
        return score
    return model.bigram_logprob("", form)


def _start_logprob(model: LanguageModel, form: str) -> float:
    """``model.sentence_start_logprob(form)``, backing off to the sentence starts of more text in
    Persian word order (FarsTail, the machine translations: see :mod:`dorost.language.trigrams`)
    rather than to the unigram alone.

    The model counts 33k sentence starts: beyond its few frequent first words a start says little,
    and lines after a sentence's end were the ones most often put in a wrong order (benchmarks/layout.py,
    news seed 7: 76 % of those that failed). The order text's 35k starts are the back-off, not counts
    added to the model's, so a word the model's text starts sentences with keeps its share, and `را`
    and `است` stay rare starts. Damaged lines restored exactly, random / pdftotext's gaps, news seed
    7: 172 → 175 and 297 → 301; with the triples seen once (see :func:`join3`) 177 and 304.

    >>> from dorost.language import model
    >>> m = model()
    >>> _start_logprob(m, "را") < m.sentence_start_logprob("را") - 0.5  # no text starts a sentence with it
    True
    """
    triples = trigram_counts()
    sentences, backoff = _start_counts(model)
    if triples is None or not sentences:
        return model.sentence_start_logprob(form)
    index = model.ids.get(form, 0)
    seen = model.sentence_starts[index] if index > 0 else 0
    other = triples.start_probability(index, unigram(model, form))
    return math.log(max(seen - DISCOUNT, 0.0) / sentences + backoff * other)


@functools.cache
def _start_counts(model: LanguageModel) -> tuple[int, float]:
    """The model's number of sentences and the share of its sentence starts it leaves to the back-off."""
    sentences = int(str(model.header.get("sentences", 0)))
    words = int(str(model.header.get("sentence_start_words", 0)))
    return sentences, DISCOUNT * words / sentences if sentences else 0.0
