"""A join read with the word before its left word: the model's word trigrams (:func:`join3`).

Two orders of a misordered line often differ in one border whose joins read alike as pairs alone; the word before a
pair tells them apart. :func:`context_test` says cheaply, on word ids, where that word may change a join at all, so
that the search looks a join up again only there.
"""

from __future__ import annotations

import functools
import math
from typing import Protocol

from dorost.chars import NON_JOINING, ZWNJ
from dorost.fixes.layout._common import PERSIAN_LETTER, WordModel
from dorost.fixes.layout.runs.joins import join2
from dorost.fixes.layout.runs.tokens import KEPT, RARE_CONTEXT, Token, read_token, trigram_counts
from dorost.language.model import DISCOUNT, LanguageModel
from dorost.language.trigrams import Trigrams


class _Reads(Protocol):
    """Whether the word before a pair of a line may change its join (see :func:`context_test`)."""

    def __call__(self, context: int | str | None, left: int, right: int) -> bool: ...


@functools.lru_cache(maxsize=KEPT)
def join3(model: WordModel, context: str | None, left: str | None, right: str | None) -> float:
    """:func:`join2` given the word before ``left`` too (``context``), where the model's trigram counts
    (:mod:`dorost.language.trigrams`) know the pair ``context left``: absolute discounting like the
    bigrams, backing off to :func:`join2`, and shrunk towards it after a pair seen a handful of times.

    Two orders of a misordered line often differ in one border whose joins read within a nat or two as
    pairs alone; the word before a pair tells them apart (`وزارت امور خارجه`: `امور | خارجه` reads
    better after `وزارت` than alone). A pair the text writes as one word is counted as that word after
    the word before it (`در این\u200cباره`). After a word that ends a sentence, or :data:`START`,
    ``left`` starts a sentence and the pair reads the sentences' first pairs
    (:meth:`~dorost.language.trigrams.Trigrams.start_counts`: `این کار` starts many, `این را` few). Read
    on lines that show a mark (see :func:`reorder_reversed_runs`). Measured on benchmarks/layout.py
    (damaged lines exact, random / pdftotext gaps): news seeds 1 to 6, 959 → 962 and 1767 → 1783; seeds
    7 to 9, news 455 → 460 and 875 → 885, --source both 485 → 496 and 825 → 838; undamaged lines
    reordered as before (2 / 1 on seeds 1 to 6, none on 7 to 9).

    >>> from dorost.language import model
    >>> join3(model(), "وزارت", "امور", "خارجه") > join2(model(), "امور", "خارجه") + 0.5
    True
    """
    score = join2(model, left, right)
    if context is None or left is None or right is None or not isinstance(model, LanguageModel):
        return score
    triples = trigram_counts()
    if triples is None:
        return score
    c, a, b = read_token(model, context), read_token(model, left), read_token(model, right)
    # After a word that ends a sentence (or START) ``left`` starts one: its pair is read among the
    # sentences' first pairs.
    opens = c.sentence_end
    total, followers, seen = triples.start_counts(a.id, b.id) if opens else triples.counts(c.id, a.id, b.id)
    # A pair the model's text writes as one word (`این\u200cباره`) is counted there after the word
    # before it as that word (`در این\u200cباره`): those count as the triple.
    compound = _compound_id(model, a, b)
    if not compound:
        together = 0
    elif opens:
        together = model.sentence_starts[compound] if model.sentence_starts else 0
    else:
        together = model.pair_count(c.id, compound) if c.id else 0
    total, seen = total + together, seen + together
    if not total or a.clause_end or (c.clause_end and not opens):
        return score
    # The three words stand together in a clause of the model's text: letters meet letters (no
    # quotation mark or bracket between them), no Latin word.
    if not (
        (opens or PERSIAN_LETTER.match(context[-1:]))
        and PERSIAN_LETTER.match(left[:1])
        and PERSIAN_LETTER.match(left[-1:])
        and PERSIAN_LETTER.match(right[:1])
    ) or ((c.latin and not opens) or a.latin or b.latin):
        return score
    estimate = (max(seen - DISCOUNT, 0.0) + DISCOUNT * max(followers, 1) * math.exp(score)) / total
    weight = total / (total + RARE_CONTEXT)
    return math.log(weight * estimate + (1.0 - weight) * math.exp(score))


def _compound_id(model: LanguageModel, left: Token, right: Token) -> int:
    """The model's id of the two words written as one with ZWNJ (`این\u200cباره`), 0 where it knows none."""
    a, b = left.form, right.form
    return model.ids.get(a + ZWNJ + b, 0) if a and a[-1] not in NON_JOINING else 0


# The word before a line's first word where the line starts a sentence (``before`` None): a full stop,
# since a join after any word that ends a sentence reads a sentence's start (see :func:`join3` and
# :func:`~dorost.fixes.layout.runs.joins.score_join`). A word before that is not known (``None``: a
# run of one word inside the repaired line, whose word before the borders do not fix) reads the pair
# alone. Before, a start read the pair alone too, and a sentence's first pair was judged by the
# bigrams only: of the wrong orders of benchmarks/layout.py, news seed 7, 75 of 153 (random gaps) and
# 41 of 168 (pdftotext's) started with another word than the true one.
START = "."


def reads_nothing(context: int | str | None, left: int, right: int) -> bool:
    return False


def context_test(model: WordModel, words: list[str]) -> _Reads:
    """``reads(context, left, right)``: whether the word ``context`` before the pair ``left right`` of the
    line (indexes; ``context`` may be a neighbour's word) may change their join (see :func:`join3`).

    The join reads its context only where the trigram counts know the pair ``context left``, or the two
    words written as one after ``context``; for most words before a pair they know neither, and then
    :func:`join3` is :func:`join2`. A False here is certain; a True may still read as the pair alone
    (a clause mark between the words). Two tests on word ids, where a score lookup costs more.
    """
    triples = trigram_counts() if isinstance(model, LanguageModel) else None
    if triples is None or not isinstance(model, LanguageModel):
        return reads_nothing
    known: Trigrams = triples
    sentences: LanguageModel = model
    tokens = [read_token(model, word) for word in words]
    ids = [token.id for token in tokens]
    compounds: dict[tuple[int, int], int] = {}

    def reads(context: int | str | None, left: int, right: int) -> bool:
        if context is None:
            return False
        c = tokens[context] if isinstance(context, int) else read_token(sentences, context)
        if c.sentence_end:
            if known.knows_start(ids[left]):
                return True
        elif not c.id:
            return False
        elif known.knows(c.id, ids[left]):
            return True
        compound = compounds.get((left, right))
        if compound is None:
            compound = compounds[left, right] = _compound_id(sentences, tokens[left], tokens[right])
        if compound <= 0:
            return False
        if c.sentence_end:
            return bool(sentences.sentence_starts) and sentences.sentence_starts[compound] > 0
        return sentences.pair_count(c.id, compound) > 0

    return reads
