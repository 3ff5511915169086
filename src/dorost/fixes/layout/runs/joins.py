"""The join of two words across a border: the log-probability of the second after the first (:func:`score_join`).

The model's bigrams, where a pair usually written as one word with ZWNJ scores as that word, an unseen pair backing
off to more text in Persian word order and to the words' classes; a sentence's or a clause's start, a Latin word, a
lone dash and a number each scored as what they are; a word in construct (ezafe) goes on to its complement, never to a
conjunction, `را` or `است`. :func:`join2` remembers the joins across lines and documents.
"""

from __future__ import annotations

import functools
import math

from dorost.chars import NON_JOINING, ZWNJ
from dorost.fixes.layout._common import WordModel, in_construct
from dorost.fixes.layout.runs.numbers import number_join, number_start
from dorost.fixes.layout.runs.tokens import KEPT, RARE_CONTEXT, Token, read_token, trigram_counts, unigram, word_classes
from dorost.language.classes import WordClasses
from dorost.language.model import DISCOUNT, LanguageModel

# A colon followed by an opening quotation mark is how Persian introduces a quotation.
_QUOTE_BONUS = 3.0
# No sentence begins with a closing mark. (Words no sentence begins with, such as the object marker
# را and the copulas, are rare among the model's sentence starts: a hand list of them on top of
# the counts cost as many lines as it saved, measured on seeds 7 to 9.)
_CLOSERS = ")]}»”،.:؛!؟"
_NON_STARTER_COST = 4.0
# The marks after which a clause starts (see :func:`score_join`).
_CLAUSE_MARKS = "،؛:;,"
# A dash standing alone, after any word or at a start (see :func:`score_join`).
DASHES = frozenset("-–—")
_DASH_JOIN = math.log(0.05)
# The plural endings a line may start with where the text writes them apart (see :func:`score_join`).
_PLURALS = frozenset(("ها", "های", "هایی"))
# A Latin word after a Latin word: a phrase going on (`Code of Conduct`), half the time at least.
_LATIN_PAIR = math.log(0.5)
# How strongly the words' classes scale the back-off of an unseen pair (1: the class model as is).
# Measured 0.5, 0.75, 1, 1.5, 2 on seed 7 before the back-off text only raised estimates: 1 restored
# the most lines before undamaged ones moved. Since, on news seeds 1 to 3 of benchmarks/layout.py
# (both gap modes): 1.5 restores 33 more misordered lines than 1 and moves no more undamaged ones;
# 2 restores 9 more than 1.5 but moves one more undamaged line. It scaled only a pair the classes
# favour while their sparse cells read some pairs as near impossible (a modal before the noun it
# governs, `ممکن است بخواهند بررسی کنند`: -8.2, and with the weight undamaged lines of --source
# both moved); with the cells smoothed and a class of modal verbs (see dorost.language.classes) it
# scales every pair. Damaged lines exact, random / pdftotext gaps: news seeds 1 to 6, 904 → 925 and
# 1686 → 1694; seeds 7 to 9, 439 → 437 and 828 → 837 (--source both 472 → 485, 819 → 824); no
# undamaged line moved on news or both.
_CLASS_WEIGHT = 1.5
# A word written in construct (ezafe: `کرهٔ`, `پروژه\u200cی`, `ویژگی\u200cهای`, `مشکلِ`; see
# :func:`~dorost.fixes.layout._common.in_construct`) goes on to its complement, a noun, an adjective,
# a pronoun, a number or a phrase in its place (`های با کیفیت`, `همهٔ این`), never to a conjunction,
# the object marker, the copula or a detached verbal prefix (the Academy of Persian Language and
# Literature's grammar: the ezafe joins a head to its modifier). Counted on the running text of the
# shared corpora (ParsiNLU, PersianQA, both UD treebanks, five documentation translations,
# PerSpellData: 666,030 word pairs): of 17,847 words in construct, 51 were followed by one of these
# (0.3 %, most after `های`, which also ends plurals written without the ezafe: `راه حل های که`),
# where one word in ten of running text is one.
_NOT_AFTER_CONSTRUCT = frozenset(("و", "یا", "که", "اما", "ولی", "زیرا", "چون", "اگر", "را", "است", "می", "نمی"))
_AFTER_CONSTRUCT = math.log(51 / 17847)
# The ezafe written on a final ه (`کرهٔ`, `کرۀ`) is rare in the model's text, which mostly leaves it
# unwritten (`کره زمین`: `کرهٔ` 0 times, `کره` 17): such a word's pairs read at least as the bare
# word's do (`کرهٔ زمین` read -8.8, below `کرهٔ و` at -2.9, and a news line, `… فاصلهٔ زمین  هوایی`,
# was put in an order that ended on `فاصلهٔ` before `است.`).
_EZAFE_ON_HEH = ("\u0647\u0654", "\u06c0")


@functools.lru_cache(maxsize=KEPT)
def join2(model: WordModel, left: str | None, right: str | None) -> float:
    """:func:`score_join`, remembered."""
    return score_join(model, left, right)


def score_join(model: WordModel, left: str | None, right: str | None) -> float:
    """Log-probability of ``right`` after ``left``: ``left=None`` is a sentence start, ``right=None``
    the end of the text (no term).

    Extraction loses ZWNJ (`انگیزه های`, `بین المللی`), so a pair that is usually one word written
    with ZWNJ scores as that word would: ``log(count(a\u200cb) / (count(a) + count(a\u200cb)))``.
    """
    if right is None:
        return 0.0
    if right in DASHES:
        # A dash standing alone: between clauses (`«کتاب» و – سال`) or as a list item's bullet at
        # a line's or a sentence's start (`– سه وعده سبزیجات در روز بخورید`, news). The model
        # counts no such token, and scoring it as an unknown word made the word before it matter:
        # scored as unknown at a start only, a bullet read better moved inside its line. Any word,
        # or none, may stand before it: the same score everywhere, so no order gains by moving it.
        return _DASH_JOIN
    sentences = model if isinstance(model, LanguageModel) else None
    second = read_token(model, right)
    first = read_token(model, left) if left is not None else None
    if sentences is not None and second.latin and first is not None and first.latin:
        # Latin words go on in Latin (`Code of Conduct`, `TCP Fast Open`).
        return _LATIN_PAIR
    if sentences is not None and second.latin:
        # A Latin word in a Persian line (`watch()`, `HTTP`): the model knows no Latin words, but
        # how often one starts a sentence, and which Persian words come just before one.
        if first is None or first.sentence_end:
            return sentences.latin_start_logprob()
        return sentences.before_latin_logprob("" if first.clause_end else first.form)
    if left is None or first is None or first.clause_end:
        form = second.form
        if left is None or first is None or first.sentence_end:
            # A sentence starts here (a paragraph's start, or after . ! ? ؟): the model's sentence
            # starts, where `را` and `است` are rare (not its clause breaks, which follow any
            # non-Persian token: `state را`).
            score = number_start(model, second)
            if right[0] in _CLOSERS:
                score -= _NON_STARTER_COST
        elif left[-1] in _CLAUSE_MARKS:
            # After a comma, a semicolon or a colon a clause starts much as a sentence does: `را`,
            # `است` and a detached `های` are as rare there (the model's clause breaks follow any
            # non-Persian token, `state را`, and put them among the likeliest starts; measured on
            # news seeds 1 to 3 of benchmarks/layout.py: 6 more misordered lines restored).
            score = number_start(model, second)
        else:
            # After a closing bracket or quotation mark: the model's clause break (`«کتاب» را`).
            score = model.bigram_logprob("", form)
        # A colon before an opening quotation mark: `گفت: «…` (the sample article's line 25).
        return score + _QUOTE_BONUS if left is not None and left.endswith(":") and right[0] in '«"“' else score
    b = second.form
    if sentences is not None and (first.number or second.number):
        triples = trigram_counts()
        if triples is not None:
            return number_join(sentences, triples, first, second)
    if sentences is not None and first.latin:
        # The Persian word just after a Latin one (`ref را`, `Vue را`).
        return sentences.after_latin_logprob(b)
    if in_construct(left):
        if b in _NOT_AFTER_CONSTRUCT:
            return min(_pair_score(model, sentences, first, second), _AFTER_CONSTRUCT)
        if left.endswith(_EZAFE_ON_HEH):
            bare = left[:-2] + "\u0647" if left.endswith("\u0647\u0654") else left[:-1] + "\u0647"
            return max(_pair_score(model, sentences, first, second), score_join(model, bare, right))
    return _pair_score(model, sentences, first, second)


def _pair_score(model: WordModel, sentences: LanguageModel | None, first: Token, second: Token) -> float:
    """Log-probability of one Persian word after another (neither a number nor Latin): the model's
    bigram, backed off by the words' classes, shrunk after a rare first word, and a pair usually
    written as one word with ZWNJ scored as that word."""
    a, b = first.form, second.form
    seen = first.count
    classes = word_classes(sentences) if sentences is not None else None
    if sentences is None or classes is None:
        score = model.bigram_logprob(a, b)
        prior = unigram(model, b)
    else:
        # An unseen pair backs off to the second word's frequency scaled by the two words' classes.
        score, prior = _class_bigram(sentences, classes, first, second)
    if seen < RARE_CONTEXT * 10:
        # A word seen a handful of times says little about what follows it: one chance pair
        # must not outweigh the whole line. Shrink its estimate towards the unigram.
        weight = seen / (seen + RARE_CONTEXT)
        score = math.log(weight * math.exp(score) + (1.0 - weight) * prior)
    if a and b and a[-1] not in NON_JOINING:
        if sentences is not None:
            found = sentences.ids.get(a + ZWNJ + b, 0)
            together = sentences.counts[found] if found else 0
        else:
            together = model.word_count(a + ZWNJ + b)
        share = together / (together + seen + 1.0)
        if b in _PLURALS and seen < RARE_CONTEXT * 10:
            # The plural ها takes any noun (written joined or with ZWNJ, by the Academy's rules;
            # apart in much news text, so a line may start with it): a rare noun's plural unseen
            # says little. Its share shrinks towards the plural's share among all the nouns that
            # take it, like the bigram above. Before, `تخمک های` (a news line wrapped before های)
            # read 8 worse than `توانایی های`, and an undamaged line read better with توانایی last.
            weight = seen / (seen + RARE_CONTEXT)
            share = weight * share + (1.0 - weight) * _plural_share(model, b)
        if share > 0.0:
            score = max(score, math.log(share))
    return score


@functools.cache
def _plural_share(model: WordModel, tail: str) -> float:
    """How often the nouns that take the plural ``tail`` (`ها`, `های`) take it: the count of the
    model's words ``noun + ZWNJ + tail`` over that plus the count of their nouns alone."""
    if not isinstance(model, LanguageModel):
        return 0.0
    plurals = nouns = 0
    for word in model.ids:
        head, zwnj, end = word.rpartition(ZWNJ)
        if zwnj and end == tail and head:
            plurals += model.word_count(word)
            nouns += model.word_count(head)
    return plurals / (plurals + nouns) if plurals else 0.0


def _class_bigram(model: LanguageModel, classes: WordClasses, a: Token, b: Token) -> tuple[float, float]:
    """``log P(b | a)`` by absolute discounting like the model's bigrams, but backing off to the
    pair's estimate in more text in Persian word order (machine translations, FarsTail), itself
    backing off to the unigram scaled by the words' class association (a preposition before a noun,
    a verb before و); and that back-off estimate itself (not in log).

    The back-off text only raises an estimate: a pair it holds is evidence of Persian word order,
    but a pair it lacks is no evidence against (it is documentation and FarsTail, not news). Its
    discount for an unseen pair, on top of the model's own, cost ordinary news pairs after a
    frequent word 1 to 4 nats (`است گاه`, `می\u200cکند دیگر`, `استفاده نمی`), and undamaged news
    lines of benchmarks/layout.py read better reordered to put such a word before a pair it
    holds (`دیده شود و`); measured on ParsiNLU news, seeds 7 to 9, both gap modes: undamaged
    lines reordered 11 → 4, lines reordered wrongly 1122 → 1005, damaged lines exact 1210 → 1216."""
    assert a.profile is not None and b.profile is not None  # a model with classes gave them
    prior = math.exp(b.logprob + _CLASS_WEIGHT * classes.associate(a.profile, b.profile))
    prior = max(prior, classes.pair_probability_of(a.id, b.id, prior))
    total = model.context_totals[a.id] if a.id else 0
    if not total:
        return math.log(prior), prior
    seen = model.pair_count(a.id, b.id) if b.id else 0
    backoff = DISCOUNT * model.followers[a.id] / total
    return math.log(max(seen - DISCOUNT, 0.0) / total + backoff * prior), prior
