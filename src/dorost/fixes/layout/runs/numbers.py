"""Joins with a number written in digits: the number read as the class of numbers.

The model's bigrams never see a number; the word trigrams count the words beside numbers
(:mod:`dorost.language.trigrams`), so `سال ۱۳۹۷` reads well and `آنها ۱۳۹۷` does not, and a list item's
`۱.` may start a sentence.
"""

from __future__ import annotations

import math

from dorost.fixes.layout._common import WordModel
from dorost.fixes.layout.runs.starts import sentence_start
from dorost.fixes.layout.runs.tokens import Token, trigram_counts
from dorost.language.model import LanguageModel
from dorost.language.trigrams import Trigrams


def number_join(model: LanguageModel, triples: Trigrams, first: Token, second: Token) -> float:
    """Log-probability of a join with a number written in digits: the number as a class, counted
    beside the words of the model's text (see :mod:`dorost.language.trigrams`), whose bigrams never
    see one. As an unknown word a number after any word read 12 to 15 nats down (`در ۸`, `سال
    ۱۳۹۷`: now 4.3 and 0.3), whatever the word.

    >>> from dorost.fixes.layout.runs.tokens import read_token
    >>> from dorost.language import model
    >>> m = model()
    >>> join = lambda a, b: number_join(m, trigram_counts(), read_token(m, a), read_token(m, b))
    >>> join("سال", "۱۳۹۷") > join("آنها", "۱۳۹۷") and join("۶", "ساعت") > join("۶", "رفتند")
    True
    """
    if first.number and second.number:
        return math.log(triples.number_after_number())
    if second.number:
        word = first.id
        return math.log(triples.number_after(word, model.context_totals[word], model.followers[word]))
    return math.log(triples.after_number(second.id, math.exp(second.logprob)))


def number_start(model: WordModel, word: Token) -> float:
    """:func:`sentence_start` of a word, a number in digits read as the class of numbers (a list
    item's `۱.`, a date): as an unknown word it read 8 nats below a number after `که`, and an
    undamaged line that ends a sentence before a list (`… به\u200cکار می\u200cرود.` | `۱. انواع …`)
    read better ending mid-sentence (benchmarks/layout.py, news, pdftotext's gaps, seed 4)."""
    triples = trigram_counts() if word.number and isinstance(model, LanguageModel) else None
    if triples is not None:
        return math.log(triples.number_start())
    return sentence_start(model, word.form)
