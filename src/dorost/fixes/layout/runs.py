"""Misordered runs: right-to-left lines whose runs an extractor printed last-first.

PDF extractors that read a right-to-left line's text runs left to right print the line as
``R3 R2 R1`` instead of ``R1 R2 R3`` (measured with pdftotext on LibreOffice 3.5 files; the sample
article has three such lines). Runs are cut where the PDF had a gap: often two spaces, sometimes
one, and often a ZWNJ glyph, so that `بین\u200cالمللی` comes out as `بین` at the end of one run and
`المللی` at the start of another.

The fix reads each line as words and the gaps between them and models the damage exactly: the
printed line is ``Rk … R1``, so the repair is a choice of borders and the reversal of the runs
between them. Only the joins across borders and with the neighbouring lines (the previous
line's last word, the next line's first word) differ between the line as printed and a repair,
so a dynamic programme over the gaps finds the best set of borders exactly (see
:func:`best_order`). A double space is evidence of a border, unless most lines of the document
have one; so is a trailing space. Where the document's gaps follow pdftotext's pattern (one space
after the run printed first, two after every later one, a trailing space: all three lines of the
sample article) a line is also read along that pattern (see :func:`extractor_order`). A line that
leaves room on it for the next line's first word (within the width itself, in text wrapped by its
characters, where that word is known) ends its paragraph: its last word should end a
sentence, and the next line starts one (scored with the model's sentence starts, where `را` and
`است` are rare). A Latin word is scored by where Latin words stand in the model's text (after
`مانند`, before `را`; rarely at a sentence's start). A pair of words the model never saw is scored
by more text in Persian word order (machine translations, FarsTail) where that text holds it (a pair
it lacks is no evidence against it) and then by their word classes (:mod:`dorost.language.classes`:
a preposition before a noun, a verb before `و`), not by the second word's frequency alone. A lone
dash scores the same wherever it stands; a line that starts with one (a list item) is left alone.
A sentence's first word is scored by the model's sentence starts, backing off to those of the same
text in Persian word order (see :func:`_start_logprob`). On a line that shows a mark, or in a document
that shows misordered runs, a join also reads the word before its left word (word
trigrams of the model's text, see :func:`_join3`), where the borders place it: a run of one word
joins the next without it, so that the dynamic programme stays exact. On a line an extractor marked
clearly (or with one double space, in a document that shows misordered runs) a join also counts the
pairs and triples the document writes elsewhere (a cache model, see :class:`_Echo`: news repeats
its names, `وزارت خارجه روسیه`).
After a comma or a colon a clause starts much as a sentence does. A border where a compound was
split gets its ZWNJ back as the document writes the pair, or the affix (`های`, `می`), else as the
model does. A paragraph's last line of three or four words is judged only when it shows a mark and
a sentence end inside while its own last word ends none.
A line is reordered only when the best order beats the line as it stands by a clear margin: a line
that already reads well is never reordered, and a line without a language model is left alone.
Lines are judged again while a neighbour's repair changes the words beside them; a neighbour that
shows an extractor's marks clearly and was not restored may hold a line not clearly marked itself
as printed, never pull it into another order (its words as printed may be a later run's). A number
written in digits is read as the class of numbers (the words beside numbers, counted in
:mod:`dorost.language.trigrams`). Where the document shows that it was wrapped by its characters
(see :func:`_wraps_tightly`), an order whose first word would have fitted at the end of the line
before (one that goes on into this one) costs :data:`_WRAP_COST`: the wrapper would have put that
word there.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from dorost.chars import NON_JOINING, ZWNJ
from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.layout._common import (
    CLAUSE_END,
    LATIN_LETTER,
    PERSIAN_LETTER,
    SENTENCE_END,
    Line,
    WordModel,
    has_persian,
    language_model,
    scoring_form,
    split_lines,
)
from dorost.fixes.layout.paragraphs import wrap_width
from dorost.language.classes import Profile, WordClasses
from dorost.language.classes import load as load_classes
from dorost.language.model import DISCOUNT, LanguageModel, normalize_word
from dorost.language.trigrams import Trigrams
from dorost.language.trigrams import load as load_trigrams
from dorost.text import aligned_columns

_TOKEN = re.compile(r"\S+")
# What an extractor leaves on a line whose runs it misordered: a double space, a trailing space.
# Extractors print plain spaces: a no-break space is the author's (a list's `2 – \u00a0جانورانی` in
# ParsiNLU's passages), so a gap is double only with two plain spaces in it (see :func:`_typed`), and a
# line ends with a space only where a plain one ends it. (Read as marks, that passage's lines were
# swapped at them: 10 undamaged lines moved on benchmarks/layout.py with a third of the paragraphs
# ending open, news seeds 1, 3, 7, 11 and shippable 1, 3, 7, both gap styles; none now.)
_MARKED = re.compile(r"[ \t]\s*[ \t]|[ \t]$")
# A space (not a line break) followed by another or ending its line: where no line of a text
# matches this, none matches _MARKED (a ``\r`` before a line break matches it but is no mark).
_MARKED_IN_TEXT = re.compile(r"[^\S\n](?=\s|\Z)")
_TABLE = re.compile(r"\t|\|")
# Lines longer than this are paragraphs, not extracted lines; shorter ones have too few words
# to judge.
_MAX_WORDS = 40
_MIN_WORDS = 5
# A paragraph's short last line (three or four words) is judged only when it shows an extractor's
# mark and a sentence end inside it while its last word ends none: news paragraphs end with their
# sentence's mark (`ایران است. تاریخی شهرهای` is `شهرهای تاریخی ایران است.`; measured on news
# seeds 2 and 3 of benchmarks/layout.py, 15 of 550 misordered lines were such lines, none judged).
_MIN_WORDS_SHORT = 3
# A line longer than this is a paragraph (a page's lines are shorter): once lines are joined, a
# paragraph holding a misordered line is not read as one line with runs.
_MAX_CHARS = 140
# The search looks at this many gaps of a line (all of them in lines up to 17 words): the ones
# that read worst, a double space counting as reading badly. The work per line is bounded by
# its cube (about 700 steps).
_MAX_CANDIDATES = 16
# A line without any mark of an extractor (double or trailing space) is rarely misordered and
# must read far better reordered (by 16 nats): fewer gaps are looked at (a quarter of the work).
# (5 gaps made damaged documents' lines 30 % cheaper to judge but restored 2 fewer of 3,873 on
# benchmarks/layout.py seeds 7 to 9, random gaps; since clean wrapped text no longer has its
# unmarked lines judged at all, see reorder_reversed_runs, that saving is not worth a line.)
_MAX_CANDIDATES_UNMARKED = 10
# At most this many borders in a line (five runs): more is not how extractors cut lines.
_MAX_BORDERS = 4
# What a border costs in log-probability: one at a single space must pay for itself in fluency;
# one at a double space (an extractor's mark between runs) is evidence for the order.
_SINGLE_SPACE_COST = 3.0
_DOUBLE_SPACE_COST = -4.0
_WEAK_DOUBLE_COST = 0.0
# A wrapped line's first word did not fit at the end of the line before it (the wrapper would have
# put it there): an order that starts a line with a word that fits there costs this much, where the
# document shows that it was wrapped by its characters (see :func:`_wraps_tightly`).
_WRAP_COST = 8.0
# … shown by this many pairs of unmarked lines at least, the next line's first word fitting on the
# first in at most this share of them.
_TIGHT_PAIRS = 8
_TIGHT_SHARE = 0.05
# A line whose first word would have fitted on the line before was not printed in its order: it
# needs no extractor's mark to be judged, and its best order must beat it by this much.
_MARGIN_MISPLACED = 8.0
# A word that may end a paragraph, for the room a line leaves: a sentence's end, or a colon or a
# semicolon (a list or a quotation may follow on the next line, its first word short).
_PARAGRAPH_END = re.compile(r"[.!?؟…:;؛][»)\]\"'”’]*$")
# A colon followed by an opening quotation mark is how Persian introduces a quotation.
_QUOTE_BONUS = 3.0
# Bigram estimates after a word seen this many times count half (see :func:`_join`).
_RARE_CONTEXT = 5.0
# A text that ends in mid-sentence (its last line's last word) is that much less likely.
_OPEN_END = 6.0
# … and this much where the line surely ends its paragraph (every word of the next line would have
# fit on it) and holds a sentence end before its last word, which ends none: a paragraph's last line
# printed last-first (`است.  تخت معمولی بسیار گسترده\u200cتر`). News and shippable text of
# benchmarks/layout.py, runs kind, random gaps, seeds 7 and 1: paragraphs broken mid-sentence 18 → 10
# and 11 → 7. At 16 and 18 more were restored, but undamaged lines of real paragraphs that end open
# (truncated passages, `… می\u200cشود. جزء`) were moved when a third of the paragraphs end so: they read
# 14.4 to 15.3 better reordered at 16, where an unmarked line needs 16.
_OPEN_END_INSIDE = 14.0
# Trailing spaces (the gap after the run an extractor printed first) are some evidence.
_TRAILING_BONUS = 3.0
# A mark (double space, trailing space) that most lines of the document show is its style, not
# evidence of misordered runs.
_COMMON_MARK = 0.3
# The best order must beat the line as it stands by this much (natural log units, marks
# included): a line that already reads well is never reordered.
_MARGIN = 8.0
# A line without any mark (neither a double space nor a trailing space) must read far better
# reordered: sparse counts of rare words (a list of fruit names) can make an undamaged line read
# better in another order by 13 units, while few unmarked misordered lines gain that much.
_MARGIN_UNMARKED = 16.0
# One double space alone is the mark a typist leaves too (measured: 7 of 608 undamaged lines
# given a stray double space read better reordered by 8, none by 10; with the word classes one
# line of benchmarks/layout.py, seed 8, `کربن دی\u200cاکسید  در هواکره …`, reads 11.7 better, and 13.7
# with the back-off text, which has `دی\u200cاکسید کربن` in the other order; none other above 11.5 on
# seeds 7 to 9).
_MARGIN_ONE_MARK = 14.5
# … or 14 where the document shows an extractor that misorders runs: two lines at least, each with
# both marks, restored (judged first, see reorder_reversed_runs). There a lone double space is more
# likely a border than a typist's slip (benchmarks/layout.py, news, damaged lines exact with random
# gaps, 14.5 → 12: seeds 1 to 6, 962 → 993; seeds 7 to 9, 460 → 469, --source both 496 → 507;
# pdftotext's gaps, which always leave a trailing space, as before. At 10, seed 1 swapped an
# undamaged line at its stray mark: `… زیرا غذایی آبکی بوده و  همچنین`). At 12, seeds 10 to 14
# swapped two undamaged lines, reading 12.4 and 13.4 better: a quotation (`من مولای اویم پس علی
# مولای  اوست) …`, news seed 11) and a line after a misordered one that shows no mark, whose last
# word as printed (`تا`) read badly before the line's first (`و  پروتکل\u200cهایی …`, shippable seed 14).
# 14 moves none on seeds 1 to 14, news and shippable, both gap modes, and restores 97 fewer of 24,384
# misordered lines (random gaps: news 2329 → 2276 of 7,347, shippable 2006 → 1962 of 4,845;
# pdftotext's gaps 4204 → 4203 and 3276 → 3274).
_MARGIN_ONE_MARK_SHOWN = 14.0
_SHOWN_LINES = 2
# … unless the one border is that double space itself: the two halves of the line swapped at the
# mark (the stray marks above read better only with more borders, at single spaces).
_MARGIN_AT_THE_MARK = 10.0
# Both marks, a double space and a trailing space, are what pdftotext leaves on a misordered line
# (all three in the sample article): the order still has to read clearly better.
_MARGIN_TWO_MARKS = 6.0
# A line that leaves room for the next line's first word within this share of the line width ended
# its paragraph (slack for proportional fonts, where characters are not all one width).
_ROOM = 0.8
# How much likelier each gap of a line is under pdftotext's pattern than drawn at random (log 2).
_PATTERN_BONUS = 2.5
# Lines with a double space but no trailing space, per line with a trailing space, that a document
# following pdftotext's pattern may show (stray double spaces).
_PATTERN_STRAYS = 0.4
# No sentence begins with a closing mark. (Words no sentence begins with, such as the object marker
# را and the copulas, are rare among the model's sentence starts: a hand list of them on top of
# the counts cost as many lines as it saved, measured on seeds 7 to 9.)
_CLOSERS = ")]}»”،.:؛!؟"
_NON_STARTER_COST = 4.0
# The marks after which a clause starts (see :func:`_score_join`).
_CLAUSE_MARKS = "،؛:;,"
# A dash standing alone, after any word or at a start (see :func:`_score_join`).
_DASHES = frozenset("-–—")
_DASH_JOIN = math.log(0.05)
# The plural endings a line may start with where the text writes them apart (see :func:`_score_join`).
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
# A word seen a handful of times says as little about whether it starts sentences as about what follows
# it (see _RARE_CONTEXT). The model backs an unseen sentence start off to the unigram times 0.11, the
# share its sentence starts leave to words never seen first (most sentences start with a few words:
# `در`, `این`), while a pair it never saw keeps 0.26 of the unigram after a typical word (the share of
# its followers' mass a word leaves to unseen pairs: DISCOUNT times its followers over its count, a
# geometric mean over the model's words weighted by their counts). So a rare word read a nat likelier
# after any word than first in its sentence, and a paragraph's first line printed last-first was put
# in an order that moves the rare word inside (`معمولاً بر اساس عرف شناخته و قاره\u200cها متمایز
# می\u200cشوند`, for `قاره\u200cها معمولاً …`; benchmarks/layout.py, news seed 7). A rare word's start
# is shrunk towards the typical back-off, as a rare context's pairs are (see :func:`_sentence_start`).
# Damaged lines restored exactly, random / pdftotext's gaps: news seeds 1, 3, 7, 11, 762 → 775 and
# 1252 → 1260 of 2132 (every run up or level), seeds 2 and 4, 419 → 423 and 669 → 669 of 1107; shippable
# seeds 1, 3, 7, 491 → 490 and 726 → 724 of 1068, seeds 2 and 4, 341 → 339 and 490 → 488 of 672; no
# undamaged line moved, the other damage kinds as before (near ties flip both ways: a rare word now also
# reads better after a full stop inside a line, `… ورزش می\u200cکنند. تماشاگر صرف …`).
_INNER_BACKOFF = 0.26
# Rounds of judging lines again with their neighbours as repaired.
_ROUNDS = 3
# Latin words may be runs of their own, but a line mostly in Latin is left alone.
_MAX_LATIN_SHARE = 0.3


# Scores, counts and unigram probabilities remembered across lines and documents (a document
# repeats its pairs, a corpus its words), bounded.
_KEPT = 1 << 16


@functools.lru_cache(maxsize=_KEPT)
def _join(model: WordModel, left: str | None, right: str | None) -> float:
    """:func:`_score_join`, remembered."""
    return _score_join(model, left, right)


@functools.lru_cache(maxsize=_KEPT)
def _join3(model: WordModel, context: str | None, left: str | None, right: str | None) -> float:
    """:func:`_join` given the word before ``left`` too (``context``), where the model's trigram counts
    (:mod:`dorost.language.trigrams`) know the pair ``context left``: absolute discounting like the
    bigrams, backing off to :func:`_join`, and shrunk towards it after a pair seen a handful of times.

    Two orders of a misordered line often differ in one border whose joins read within a nat or two
    as pairs alone; the word before a pair tells them apart (`وزارت امور خارجه`: `امور | خارجه` reads
    better after `وزارت` than alone). A pair the text writes as one word is counted as that word after
    the word before it (`در این\u200cباره`). Read on clearly marked lines only (see
    :func:`reorder_reversed_runs`). Measured on benchmarks/layout.py (damaged lines exact, random /
    pdftotext gaps): news seeds 1 to 6, 959 → 962 and 1767 → 1783; seeds 7 to 9, news 455 → 460 and
    875 → 885, --source both 485 → 496 and 825 → 838; undamaged lines reordered as before (2 / 1 on
    seeds 1 to 6, none on 7 to 9).

    >>> from dorost.language import model
    >>> _join3(model(), "وزارت", "امور", "خارجه") > _join(model(), "امور", "خارجه") + 0.5
    True
    """
    score = _join(model, left, right)
    if context is None or left is None or right is None or not isinstance(model, LanguageModel):
        return score
    triples = _trigrams()
    if triples is None:
        return score
    c, a, b = _token(model, context), _token(model, left), _token(model, right)
    total, followers, seen = triples.counts(c.id, a.id, b.id)
    # A pair the model's text writes as one word (`این\u200cباره`) is counted there after the word
    # before it as that word (`در این\u200cباره`): those count as the triple.
    compound = _compound_id(model, a, b)
    together = model.pair_count(c.id, compound) if compound and c.id else 0
    total, seen = total + together, seen + together
    if not total or a.clause_end or c.clause_end:
        return score
    # The three words stand together in a clause of the model's text: letters meet letters (no
    # quotation mark or bracket between them), no Latin word.
    if not (
        PERSIAN_LETTER.match(context[-1:])
        and PERSIAN_LETTER.match(left[:1])
        and PERSIAN_LETTER.match(left[-1:])
        and PERSIAN_LETTER.match(right[:1])
    ) or (c.latin or a.latin or b.latin):
        return score
    estimate = (max(seen - DISCOUNT, 0.0) + DISCOUNT * max(followers, 1) * math.exp(score)) / total
    weight = total / (total + _RARE_CONTEXT)
    return math.log(weight * estimate + (1.0 - weight) * math.exp(score))


def _compound_id(model: LanguageModel, left: _Token, right: _Token) -> int:
    """The model's id of the two words written as one with ZWNJ (`این\u200cباره`), 0 where it knows none."""
    a, b = left.form, right.form
    return model.ids.get(a + ZWNJ + b, 0) if a and a[-1] not in NON_JOINING else 0


def _reads_nothing(context: int | str | None, left: int, right: int) -> bool:
    return False


def _context_test(model: WordModel, words: list[str]) -> _Reads:
    """``reads(context, left, right)``: whether the word ``context`` before the pair ``left right`` of the
    line (indexes; ``context`` may be a neighbour's word) may change their join (see :func:`_join3`).

    The join reads its context only where the trigram counts know the pair ``context left``, or the two
    words written as one after ``context``; for most words before a pair they know neither, and then
    :func:`_join3` is :func:`_join`. A False here is certain; a True may still read as the pair alone
    (a clause mark between the words). Two tests on word ids, where a score lookup costs more.
    """
    triples = _trigrams() if isinstance(model, LanguageModel) else None
    if triples is None or not isinstance(model, LanguageModel):
        return _reads_nothing
    known: Trigrams = triples
    sentences: LanguageModel = model
    tokens = [_token(model, word) for word in words]
    ids = [token.id for token in tokens]
    compounds: dict[tuple[int, int], int] = {}

    def reads(context: int | str | None, left: int, right: int) -> bool:
        if context is None:
            return False
        c = ids[context] if isinstance(context, int) else _token(sentences, context).id
        if not c:
            return False
        if known.knows(c, ids[left]):
            return True
        compound = compounds.get((left, right))
        if compound is None:
            compound = compounds[left, right] = _compound_id(sentences, tokens[left], tokens[right])
        return compound > 0 and sentences.pair_count(c, compound) > 0

    return reads


@functools.lru_cache(maxsize=_KEPT)
def _count(model: WordModel, form: str) -> int:
    """``model.word_count(form)``, remembered."""
    return model.word_count(form)


@functools.lru_cache(maxsize=_KEPT)
def _unigram(model: WordModel, form: str) -> float:
    """``exp(model.word_logprob(form))``, remembered."""
    return math.exp(model.word_logprob(form))


@dataclass(frozen=True, slots=True)
class _Token:
    """What the joins ask of a word as printed, looked up once: its kind, its scoring form and
    that form's id, count and unigram log-probability in the model, and its class profile."""

    latin: bool
    sentence_end: bool
    clause_end: bool
    number: bool
    form: str
    id: int
    count: int
    logprob: float
    profile: Profile | None


@functools.lru_cache(maxsize=_KEPT)
def _token(model: WordModel, word: str) -> _Token:
    # The model's lookup form (as the model's own methods would take it), so that a compound of
    # two forms can be looked up as it is.
    form = normalize_word(scoring_form(word))
    sentences = model if isinstance(model, LanguageModel) else None
    classes = _classes(sentences) if sentences is not None else None
    profile = classes.profile(form) if classes is not None else None
    return _Token(
        latin=_latin(word),
        sentence_end=SENTENCE_END.search(word) is not None,
        clause_end=CLAUSE_END.search(word) is not None,
        number=profile is not None and profile.number,
        form=form,
        id=sentences.ids.get(form, 0) if sentences is not None and form else 0,
        count=_count(model, form),
        logprob=model.word_logprob(form),
        profile=profile,
    )


def _score_join(model: WordModel, left: str | None, right: str | None) -> float:
    """Log-probability of ``right`` after ``left``: ``left=None`` is a sentence start, ``right=None``
    the end of the text (no term).

    Extraction loses ZWNJ (`انگیزه های`, `بین المللی`), so a pair that is usually one word written
    with ZWNJ scores as that word would: ``log(count(a\u200cb) / (count(a) + count(a\u200cb)))``.
    """
    if right is None:
        return 0.0
    if right in _DASHES:
        # A dash standing alone: between clauses (`«کتاب» و – سال`) or as a list item's bullet at
        # a line's or a sentence's start (`– سه وعده سبزیجات در روز بخورید`, news). The model
        # counts no such token, and scoring it as an unknown word made the word before it matter:
        # scored as unknown at a start only, a bullet read better moved inside its line. Any word,
        # or none, may stand before it: the same score everywhere, so no order gains by moving it.
        return _DASH_JOIN
    sentences = model if isinstance(model, LanguageModel) else None
    second = _token(model, right)
    first = _token(model, left) if left is not None else None
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
            score = _number_start(model, second)
            if right[0] in _CLOSERS:
                score -= _NON_STARTER_COST
        elif left[-1] in _CLAUSE_MARKS:
            # After a comma, a semicolon or a colon a clause starts much as a sentence does: `را`,
            # `است` and a detached `های` are as rare there (the model's clause breaks follow any
            # non-Persian token, `state را`, and put them among the likeliest starts; measured on
            # news seeds 1 to 3 of benchmarks/layout.py: 6 more misordered lines restored).
            score = _number_start(model, second)
        else:
            # After a closing bracket or quotation mark: the model's clause break (`«کتاب» را`).
            score = model.bigram_logprob("", form)
        # A colon before an opening quotation mark: `گفت: «…` (the sample article's line 25).
        return score + _QUOTE_BONUS if left is not None and left.endswith(":") and right[0] in '«"“' else score
    a, b = first.form, second.form
    if sentences is not None and (first.number or second.number):
        triples = _trigrams()
        if triples is not None:
            return _number_join(sentences, triples, first, second)
    if sentences is not None and first.latin:
        # The Persian word just after a Latin one (`ref را`, `Vue را`).
        return sentences.after_latin_logprob(b)
    seen = first.count
    classes = _classes(sentences) if sentences is not None else None
    if sentences is None or classes is None:
        score = model.bigram_logprob(a, b)
        prior = _unigram(model, b)
    else:
        # An unseen pair backs off to the second word's frequency scaled by the two words' classes.
        score, prior = _class_bigram(sentences, classes, first, second)
    if seen < _RARE_CONTEXT * 10:
        # A word seen a handful of times says little about what follows it: one chance pair
        # must not outweigh the whole line. Shrink its estimate towards the unigram.
        weight = seen / (seen + _RARE_CONTEXT)
        score = math.log(weight * math.exp(score) + (1.0 - weight) * prior)
    if a and b and a[-1] not in NON_JOINING:
        if sentences is not None:
            found = sentences.ids.get(a + ZWNJ + b, 0)
            together = sentences.counts[found] if found else 0
        else:
            together = model.word_count(a + ZWNJ + b)
        share = together / (together + seen + 1.0)
        if b in _PLURALS and seen < _RARE_CONTEXT * 10:
            # The plural ها takes any noun (written joined or with ZWNJ, by the Academy's rules;
            # apart in much news text, so a line may start with it): a rare noun's plural unseen
            # says little. Its share shrinks towards the plural's share among all the nouns that
            # take it, like the bigram above. Before, `تخمک های` (a news line wrapped before های)
            # read 8 worse than `توانایی های`, and an undamaged line read better with توانایی last.
            weight = seen / (seen + _RARE_CONTEXT)
            share = weight * share + (1.0 - weight) * _plural_share(model, b)
        if share > 0.0:
            score = max(score, math.log(share))
    return score


def _number_join(model: LanguageModel, triples: Trigrams, first: _Token, second: _Token) -> float:
    """Log-probability of a join with a number written in digits: the number as a class, counted
    beside the words of the model's text (see :mod:`dorost.language.trigrams`), whose bigrams never
    see one. As an unknown word a number after any word read 12 to 15 nats down (`در ۸`, `سال
    ۱۳۹۷`: now 4.3 and 0.3), whatever the word.

    >>> from dorost.language import model
    >>> m = model()
    >>> join = lambda a, b: _number_join(m, _trigrams(), _token(m, a), _token(m, b))
    >>> join("سال", "۱۳۹۷") > join("آنها", "۱۳۹۷") and join("۶", "ساعت") > join("۶", "رفتند")
    True
    """
    if first.number and second.number:
        return math.log(triples.number_after_number())
    if second.number:
        word = first.id
        return math.log(triples.number_after(word, model.context_totals[word], model.followers[word]))
    return math.log(triples.after_number(second.id, math.exp(second.logprob)))


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


@functools.cache
def _trigrams() -> Trigrams | None:
    """The trigram counts shipped with the model, ``None`` when they cannot be loaded."""
    try:
        return load_trigrams()
    except (OSError, ValueError):  # pragma: no cover - a damaged or missing data file
        return None


@functools.cache
def _classes(model: LanguageModel) -> WordClasses | None:
    """The word classes shipped with the model, ``None`` when they cannot be loaded."""
    try:
        return load_classes(words=model)
    except (OSError, ValueError):  # pragma: no cover - a damaged or missing data file
        return None


def _class_bigram(model: LanguageModel, classes: WordClasses, a: _Token, b: _Token) -> tuple[float, float]:
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


def _number_start(model: WordModel, word: _Token) -> float:
    """:func:`_sentence_start` of a word, a number in digits read as the class of numbers (a list
    item's `۱.`, a date): as an unknown word it read 8 nats below a number after `که`, and an
    undamaged line that ends a sentence before a list (`… به\u200cکار می\u200cرود.` | `۱. انواع …`)
    read better ending mid-sentence (benchmarks/layout.py, news, pdftotext's gaps, seed 4)."""
    triples = _trigrams() if word.number and isinstance(model, LanguageModel) else None
    if triples is not None:
        return math.log(triples.number_start())
    return _sentence_start(model, word.form)


def _latin(word: str) -> bool:
    """True for a Latin word (letters, maybe digits and punctuation) with no Persian letter in it."""
    return LATIN_LETTER.search(word) is not None and PERSIAN_LETTER.search(word) is None


def _sentence_start(model: WordModel, form: str) -> float:
    """Log-probability that a sentence starts with ``form``; a model that counts no sentences gives
    its clause-break estimate. A word seen a handful of times backs off as it would after a typical
    word (see :data:`_INNER_BACKOFF`).

    >>> from dorost.language import model
    >>> m = model()
    >>> _sentence_start(m, "کاسنی") > m.sentence_start_logprob("کاسنی") + 0.5
    True
    >>> _sentence_start(m, "را") < _sentence_start(m, "در")
    True
    """
    if isinstance(model, LanguageModel):
        score = _start_logprob(model, form)
        seen = _count(model, form)
        if seen < _RARE_CONTEXT * 10:
            weight = seen / (seen + _RARE_CONTEXT)
            score = math.log(weight * math.exp(score) + (1.0 - weight) * _INNER_BACKOFF * _unigram(model, form))
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
    7: 172 → 175 and 297 → 301; with the triples seen once (see :func:`_join3`) 177 and 304.

    >>> from dorost.language import model
    >>> m = model()
    >>> _start_logprob(m, "را") < m.sentence_start_logprob("را") - 0.5  # no text starts a sentence with it
    True
    """
    triples = _trigrams()
    sentences, backoff = _start_counts(model)
    if triples is None or not sentences:
        return model.sentence_start_logprob(form)
    index = model.ids.get(form, 0)
    seen = model.sentence_starts[index] if index > 0 else 0
    other = triples.start_probability(index, _unigram(model, form))
    return math.log(max(seen - DISCOUNT, 0.0) / sentences + backoff * other)


@functools.cache
def _start_counts(model: LanguageModel) -> tuple[int, float]:
    """The model's number of sentences and the share of its sentence starts it leaves to the back-off."""
    sentences = int(str(model.header.get("sentences", 0)))
    words = int(str(model.header.get("sentence_start_words", 0)))
    return sentences, DISCOUNT * words / sentences if sentences else 0.0


def _compound(model: WordModel, left: str, right: str) -> bool:
    """True when ``left`` + ZWNJ + ``right`` is the usual spelling of the pair (`بین\u200cالمللی`)."""
    # The border falls inside the word, so the letters meet there: punctuation may stand only
    # outside the pair (`می` + `کنیم،` is `می\u200cکنیم،`).
    if not (PERSIAN_LETTER.match(left[-1:]) and PERSIAN_LETTER.match(right[:1])):
        return False
    a, b = scoring_form(left), scoring_form(right)
    if not a or a[-1] in NON_JOINING:
        return False
    joined = a + ZWNJ + b
    return model.is_word(joined) and model.word_count(joined) > model.bigram_count(a, b)


# Affixes that news text writes now with ZWNJ, now apart (`دگرگونی\u200cهای` and `دگرگونی های`,
# `می\u200cکنند` and `می کنند`, `پرداخته\u200cاست` and `پرداخته است`): at a run border between a word and
# one of them, the document's own habit says which it is (see :class:`_Spelling`). The tails that
# follow a participle or a silent ه are counted only after a word ending in ه: after other words
# `است` stands apart as a matter of course.
_TAILS = frozenset(("ها", "های", "هایی"))
_TAILS_AFTER_HEH = frozenset(("ای", "است", "اند", "ام", "اید", "ایم"))
_HEADS = frozenset(("می", "نمی"))
# Prefixes that make compounds written now with ZWNJ, now apart (`به\u200cشدت` and `به شدت`,
# `هم\u200cنام`, `بی\u200cدرنگ`); a text keeps one habit with each across its compounds. A common word
# that opens compounds too (`این\u200cجا`, `یک\u200cسالگی`) has no such habit: a text that writes
# `این که` apart writes `این\u200cجا` (news seeds 1-14 of benchmarks/layout.py, 3 lines).
_COMPOUND_HEADS = frozenset(("به", "هم", "بی"))
# A habit is the document's when it shows it at least this often and at least twice as often as
# the other spelling.
_HABIT_MIN = 2


def _affix(left: str, right: str) -> str | None:
    """The affix whose spelling decides the pair, if any: the tail (marked ``+``) or the head."""
    if right in _TAILS or (right in _TAILS_AFTER_HEH and left.endswith("ه")):
        return "+" + right
    return left if left in _HEADS else None


@dataclass(frozen=True, slots=True)
class _Spelling:
    """How a document writes word pairs that may be one word: with ZWNJ (joined) or apart.

    Extraction turns a ZWNJ at a run border into a gap, so the repair must put back what stood
    there. The model's spelling (`بین\u200cالمللی`) is the usual one, but a text keeps its own (ParsiNLU
    news writes `به\u200cشمار`, `دگرگونی\u200cهای`, `می کنند` and `عملیات های`; measured on news seeds 2 and
    3 of benchmarks/layout.py: 52 of 1079 lines had every run in place and the wrong spelling at a
    border). The same pair elsewhere in the document decides; else the document's habit with the
    affix (`های`, `می`); else, for a pair the model knows as one word, the habit with its prefix
    (``_COMPOUND_HEADS``) in the other such pairs (a text that writes `به دلیل` and `به خصوص`
    writes `به شدت`); else the model. (Counting the nearest lines first restored no more.)

    >>> spelling = _Spelling.of("دگرگونی\u200cهای جامعه و ورزش\u200cهای تازه")
    >>> spelling.joined("عملیات", "های"), spelling.joined("به", "شمار")
    (True, None)
    """

    # How often each pair and each affix is written with ZWNJ and apart; and, per prefix, the
    # pairs the model knows as one word (`به\u200cشدت`, `به\u200cدلیل`): a text that writes those apart
    # writes the next one apart too.
    pairs: dict[tuple[str, str], list[int]]
    affixes: dict[str, list[int]]
    heads: dict[str, list[int]]
    model: WordModel | None = None

    @classmethod
    def of(cls, text: str, model: WordModel | None = None) -> _Spelling:
        spelling = cls({}, {}, {}, model)
        for line in text.split("\n"):
            previous = ""
            for token in line.split():
                parts = [scoring_form(part) for part in token.split(ZWNJ)]
                if previous and PERSIAN_LETTER.match(token[:1]):
                    spelling._count(previous, parts[0], False)
                for left, right in pairwise(parts):
                    spelling._count(left, right, True)
                previous = parts[-1] if PERSIAN_LETTER.match(token[-1:]) else ""
        return spelling

    def _count(self, left: str, right: str, joined: bool) -> None:
        if left and right and left[-1] not in NON_JOINING:
            self.pairs.setdefault((left, right), [0, 0])[0 if joined else 1] += 1
            affix = _affix(left, right)
            if affix is not None:
                self.affixes.setdefault(affix, [0, 0])[0 if joined else 1] += 1
            elif left in _COMPOUND_HEADS and self._known(left, right):
                self.heads.setdefault(left, [0, 0])[0 if joined else 1] += 1

    def _known(self, left: str, right: str) -> bool:
        """True when the model writes the pair as one word at least a tenth as often as apart:
        `به\u200cدلیل`, `به\u200cعنوان`, not `به\u200cآن` (once in the model, against 248 apart)."""
        if self.model is None:
            return False
        together = self.model.word_count(left + ZWNJ + right)
        return together > 0 and 10 * together >= self.model.bigram_count(left, right)

    def joined(self, left: str, right: str) -> bool | None:
        """True when the document writes the pair as one word with ZWNJ, False when apart,
        ``None`` when it does not show."""
        if not (PERSIAN_LETTER.match(left[-1:]) and PERSIAN_LETTER.match(right[:1])):
            return None
        # The parts that meet at the border (`ویژه` + `برنامه\u200cهای`: ویژه and برنامه).
        a, b = scoring_form(left).rpartition(ZWNJ)[2], scoring_form(right).partition(ZWNJ)[0]
        if not a or not b or a[-1] in NON_JOINING:
            return None
        together, apart = self.pairs.get((a, b), (0, 0))
        if together != apart:
            return together > apart
        affix = _affix(a, b)
        together, apart = self.affixes.get(affix, (0, 0)) if affix is not None else (0, 0)
        if together >= max(_HABIT_MIN, 2 * apart):
            return True
        if apart >= max(_HABIT_MIN, 2 * together):
            return False
        if a in _COMPOUND_HEADS and self._known(a, b):
            together, apart = self.heads.get(a, (0, 0))
            if together >= max(_HABIT_MIN, 2 * apart):
                return True
            if apart >= max(_HABIT_MIN, 2 * together):
                return False
        return None


# How much the document's own pairs and triples weigh against the model (see :class:`_Echo`).
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
    after a clause mark or at a word that is not Persian: the pairs :func:`_score_join` reads with
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
class _Echo:
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
    def of(cls, texts: list[list[str]]) -> _Echo:
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

    def share(self, own: _Echo, context: tuple[str, ...], word: str) -> float:
        """How often the document, less ``own``, goes on with ``word`` after ``context``."""
        heads = self.heads.get(context, 0) - own.heads.get(context, 0)
        if heads <= 0:
            return -1.0
        key = (*context, word)
        return (self.grams.get(key, 0) - own.grams.get(key, 0)) / heads

    def mix(self, own: _Echo, score: float, left: str, right: str, prev: str | None) -> float:
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


def _next_body(lines: list[Line], index: int, step: int) -> int | None:
    """The index of the nearest non-blank line before (``step=-1``) or after (``step=1``) ``index``."""
    other = index + step
    while 0 <= other < len(lines) and lines[other].blank:
        other += step
    return other if 0 <= other < len(lines) else None


def _ends_paragraph(
    lines: list[Line], restored: dict[int, str], index: int, width: int, full: frozenset[int] = frozenset()
) -> bool:
    """True when the line is a paragraph's last: the next line's first word would have fit on it.

    A wrapped line ends where its next word would pass the width, so a line that leaves room for
    the word that follows it was ended by its paragraph, not by the wrap (the sample article's
    short lines before a new paragraph). Some room is left for proportional fonts, unless the next
    line is in ``full``: in a text wrapped by its characters, a line without an extractor's marks
    (its first word as printed is its first).
    """
    following = _next_body(lines, index, 1)
    if following is None:
        return True
    if not width:
        return False
    words = restored.get(following, lines[following].content).split()
    length = len(" ".join(restored.get(index, lines[index].content).split()))
    share = 1.0 if following in full else _ROOM
    return bool(words) and length + 1 + len(words[0]) <= share * width


def _ends_in_any_order(lines: list[Line], index: int, width: int, tight: bool) -> bool:
    """True when the line ends its paragraph in any order of its own runs or of the next line's:
    the text ends there, or every word of the next line would have fit on it."""
    following = _next_body(lines, index, 1)
    if following is None:
        return True
    if not width:
        return False
    words = lines[following].content.split()
    share = 1.0 if tight else _ROOM
    return bool(words) and _length(lines[index].content) + 1 + max(map(len, words)) <= share * width


def _context(
    lines: list[Line],
    restored: dict[int, str],
    index: int,
    step: int,
    width: int = 0,
    full: frozenset[int] = frozenset(),
) -> str | None:
    """The neighbouring line's last (``step=-1``) or first (``step=1``) word, ``None`` at a break.

    With the document's line ``width``, a line that ends its paragraph (see :func:`_ends_paragraph`,
    ``full``) is followed by a break whatever its last word.
    """
    other = _next_body(lines, index, step)
    if other is None:
        return None
    if step > 0 and _ends_paragraph(lines, restored, index, width, full):
        return None
    if step < 0 and _ends_paragraph(lines, restored, other, width, full):
        return None
    words = restored.get(other, lines[other].content).split()
    if not words:
        return None
    if step < 0:
        return None if SENTENCE_END.search(words[-1]) else words[-1]
    return words[0]


class _Reads(Protocol):
    """Whether the word before a pair of a line may change its join (see :func:`_context_test`)."""

    def __call__(self, context: int | str | None, left: int, right: int) -> bool: ...


class _Pair(Protocol):
    """A join of two words of a line (indexes) or of the neighbours, with the word before the left one."""

    def __call__(self, left: int | str | None, right: int | str | None, context: int | str | None = None) -> float: ...


def _pairing(
    model: WordModel, words: list[str], before: str | None, echo: tuple[_Echo, _Echo] | None, contexts: bool = True
) -> _Pair:
    """The join of word ``left`` of the line with word ``right`` (each an index in the line, or a
    neighbour's word), given the word before ``left`` (``context``, see :func:`_join3`) unless
    ``contexts`` is false, the document's own pairs mixed in (see :class:`_Echo`); the word before
    ``left`` as printed (``before`` for the first) is the echo's triple's first word."""

    def bare(left: int | str | None, right: int | str | None, context: int | str | None = None) -> float:
        return _join(
            model, words[left] if isinstance(left, int) else left, words[right] if isinstance(right, int) else right
        )

    def read(left: int | str | None, right: int | str | None, context: int | str | None = None) -> float:
        return _join3(
            model,
            words[context] if isinstance(context, int) else context,
            words[left] if isinstance(left, int) else left,
            words[right] if isinstance(right, int) else right,
        )

    join = read if contexts else bare
    if echo is None:
        return join

    def pair(left: int | str | None, right: int | str | None, context: int | str | None = None) -> float:
        score = join(left, right, context)
        first = words[left] if isinstance(left, int) else left
        second = words[right] if isinstance(right, int) else right
        if echo is None or first is None or second is None:
            return score
        prev = (words[left - 1] if left else before) if isinstance(left, int) else None
        document, own = echo
        return document.mix(own, score, first, second, prev)

    return pair


def best_order(
    words: list[str],
    gaps: list[str],
    model: WordModel,
    before: str | None,
    after: str | None,
    double_cost: float = _DOUBLE_SPACE_COST,
    width: int = _MAX_CANDIDATES,
    weak: frozenset[int] = frozenset(),
    echo: tuple[_Echo, _Echo] | None = None,
    contexts: bool = True,
    holding: tuple[bool, bool] = (False, False),
    room: int = -1,
    open_end: float = _OPEN_END,
) -> tuple[list[int], float]:
    """The run borders (gap indexes) whose reversal reads best, and its gain over the line as is.

    ``gaps[i]`` is the space between ``words[i]`` and ``words[i + 1]``. The damage is modelled
    exactly: the extractor printed runs ``R1 … Rk`` as ``Rk … R1``, so with borders
    ``c1 < … < cm`` in the printed line the repair is the reversal of its runs, and it differs
    from the line as printed only in the joins across borders and with the neighbouring lines
    (``before``, the previous line's last word, ``None`` after a sentence end; ``after``, the next
    line's first word). In the repaired line the run ending at border ``c(j+1)`` is followed by
    the run starting after ``c(j-1)``, so a join depends on two borders, and a dynamic programme
    over pairs of consecutive borders finds the best set among all subsets of the candidate gaps
    exactly, in ``O(k³)`` for ``k`` candidates (at most :data:`_MAX_BORDERS` borders). Each
    border costs :data:`_SINGLE_SPACE_COST`, or ``double_cost`` at a double space, or
    :data:`_WEAK_DOUBLE_COST` at the gaps in ``weak`` (a double space after a full stop).
    With ``echo`` (the document's pairs and the line's own, see :class:`_Echo`) the joins count
    the pairs the document writes elsewhere. A join also reads the word before its left word
    (:func:`_join3`) where that word is known from the borders the programme holds: within the
    left word's run, or, for a run's first join, the last word of the run now before it (known
    when the programme adds the border that places it); a run of one word joins the next without it.
    With ``holding`` (for ``before`` and ``after``), a neighbour's word may only hold the line as
    printed: no order joins it better than the line's own first (last) word does (see
    :func:`reorder_reversed_runs`).
    Where the line ends its paragraph (``after`` is None) an order whose last word ends no sentence
    costs ``open_end``.
    Returns ``([], 0.0)`` when no order beats the line.
    """
    count = len(words)
    if count < 2:
        return [], 0.0
    pair = _pairing(model, words, before, echo, contexts)
    observed = [pair(i, i + 1, i - 1 if i else before) for i in range(count - 1)]
    cost = [
        _WEAK_DOUBLE_COST if i in weak else double_cost if len(gap) >= 2 else _SINGLE_SPACE_COST
        for i, gap in enumerate(gaps)
    ]
    candidates = sorted(sorted(range(count - 1), key=lambda i: observed[i] + cost[i])[:width])
    # Whether a word before a pair may change its join: where it cannot, a run's first join reads
    # the same after any run, and a run of one word joins the next as the line printed it.
    reads = _context_test(model, words) if contexts else _reads_nothing
    joins: dict[tuple[int, int, int | None], float] = {}

    def join(left: int, right: int, context: int | None = None) -> float:
        key = (left, right, context)
        if key not in joins:
            joins[key] = pair(left, right, context)
        return joins[key]

    firsts: dict[int, float] = {}
    lasts: dict[tuple[int, int | None], float] = {}

    def first_edge(word: int) -> float:
        if word not in firsts:
            firsts[word] = held_edge(word) - (_WRAP_COST if len(words[word]) <= room else 0.0)
        return firsts[word]

    def held_edge(word: int) -> float:
        score = pair(before, word)
        return min(score, pair(before, 0)) if holding[0] and word else score

    def last_edge(word: int, context: int | None) -> float:
        key = (word, context)
        if key not in lasts:
            if after is None:  # the end of the text ends a sentence
                lasts[key] = 0.0 if SENTENCE_END.search(words[word]) else -open_end
            else:
                lasts[key] = pair(word, after, context)
                if holding[1] and key != (count - 1, count - 2):
                    lasts[key] = min(lasts[key], last_edge(count - 1, count - 2))
        return lasts[key]

    def shift(start: int, new: int | str | None) -> float:
        # The run starting at ``start`` (two words or more) now follows ``new``: its first join
        # reads that word before it instead of the one printed there. Most words before a pair
        # change nothing (the trigrams know neither): then nothing is looked up.
        if not reads(new, start, start + 1) and not reads(start - 1 if start else before, start, start + 1):
            return 0.0
        return pair(start, start + 1, new) - observed[start]

    base = first_edge(0) + last_edge(count - 1, count - 2)
    # value[(p, q, k)]: the best score of sets of k borders whose last two are p < q (p = -1 when
    # q is the first), counting every join already fixed: the repaired line ends with the first
    # printed run (so with word c1), and the run ending at border r follows the run starting
    # after border p. by_last[q]: the states ending at border q, in the order they were reached.
    State = tuple[int, int, int]
    value: dict[State, float] = {}
    parent: dict[State, State | None] = {}
    by_last: dict[int, list[State]] = {q: [] for q in candidates}
    for q in candidates:
        state = (-1, q, 1)
        value[state] = last_edge(q, q - 1 if q else None) - observed[q] - cost[q]
        parent[state] = None
        by_last[q].append(state)
    best_gain, best_state = 0.0, None
    # rows[p][r]: the join of the run ending at border r to the run starting after border p.
    # The borders r after q are a tail of those after the first q seen with this p.
    rows: dict[int, dict[int, float]] = {}
    # shifted[p][r]: what the run starting after border p (two words or more) gains or loses
    # in its first join when the run ending at border r stands before it (None: nothing, for
    # every r). closing[p] and opening[q]: the same for the runs that end the repaired line
    # and start it.
    shifted: dict[int, dict[int, float] | None] = {}
    closing: dict[int, float] = {}
    opening: dict[int, float] = {}
    last = count - 1
    for position, q in enumerate(candidates):
        later = candidates[position + 1 :]
        first = first_edge(q + 1)
        after_q = q + 1
        if contexts and last > after_q:
            opening[q] = shift(after_q, before)
        for state in by_last[q]:
            p, _, size = state
            here = value[state]
            # Close: the last printed run (after q) starts the repaired line (never with a lone
            # dash that stood inside the line: see :func:`_candidate`).
            gain = here + join(last, p + 1, count - 2 if contexts and count - 2 > q else None) + first - base
            if contexts:
                if q > p + 1 and p not in closing:
                    closing[p] = shift(p + 1, last)
                gain += (closing[p] if q > p + 1 else 0.0) + (opening[q] if last > after_q else 0.0)
            if gain > best_gain and words[after_q] not in _DASHES:
                best_gain, best_state = gain, state
            if size == _MAX_BORDERS or not later:
                continue
            row = rows.get(p)
            if row is None:
                row = rows[p] = {r: pair(r, p + 1, r - 1) for r in later}
            moved = None
            if contexts and q > p + 1:
                if p not in shifted:
                    start = p + 1
                    if reads(start - 1 if start else before, start, start + 1):
                        shifted[p] = {r: pair(start, start + 1, r) - observed[start] for r in later}
                    else:
                        moves = {
                            r: pair(start, start + 1, r) - observed[start] for r in later if reads(r, start, start + 1)
                        }
                        shifted[p] = {r: moves.get(r, 0.0) for r in later} if moves else None
                moved = shifted[p]
            # The run of one word between q and the next border joins the run after p without the
            # word before it (only a word the trigrams may read there makes a difference).
            lone = row.get(after_q, 0.0)
            if contexts and later[0] == after_q and reads(q, after_q, p + 1):
                lone = join(after_q, p + 1)
            grown = size + 1
            for r in later:
                score = here + (row[r] if r != after_q else lone) - observed[r] - cost[r]
                if moved is not None:
                    score += moved[r]
                key = (q, r, grown)
                held = value.get(key)
                if held is None:
                    by_last[r].append(key)
                elif held >= score:
                    continue
                value[key] = score
                parent[key] = state
    cuts: list[int] = []
    step = best_state
    while step is not None:
        cuts.append(step[1])
        step = parent[step]
    return sorted(cuts), best_gain


def order_gain(
    words: list[str],
    gaps: list[str],
    cuts: list[int],
    model: WordModel,
    before: str | None,
    after: str | None,
    double_cost: float = _DOUBLE_SPACE_COST,
    weak: frozenset[int] = frozenset(),
    echo: tuple[_Echo, _Echo] | None = None,
    contexts: bool = True,
    holding: tuple[bool, bool] = (False, False),
    room: int = -1,
    open_end: float = _OPEN_END,
) -> float:
    """What :func:`best_order` counts for one set of borders: its gain over the line as printed."""
    count = len(words)
    pair = _pairing(model, words, before, echo, contexts)

    def last_edge(word: int, context: int | None) -> float:
        if after is None:
            return 0.0 if SENTENCE_END.search(words[word]) else -open_end
        score = pair(word, after, context)
        if holding[1] and (word, context) != (count - 1, count - 2):
            score = min(score, pair(count - 1, after, count - 2))
        return score

    def observed(i: int) -> float:
        return pair(i, i + 1, i - 1 if i else before)

    starts = [0, *(c + 1 for c in cuts)]
    ends = [*cuts, count - 1]
    runs = list(zip(starts, ends, strict=True))[::-1]
    # The joins that differ from the line as printed: at its edges, across the borders, and each
    # run's first join (it reads the word now before the run; a run of one word joins the next
    # without the word before it).
    opening = pair(before, runs[0][0]) - pair(before, 0)
    score = (min(opening, 0.0) if holding[0] else opening) - last_edge(count - 1, count - 2)
    # A first word that would have fitted on the line before cannot start a wrapped line.
    score -= (_WRAP_COST if len(words[runs[0][0]]) <= room else 0.0) - (_WRAP_COST if len(words[0]) <= room else 0.0)
    previous: int | str | None = before
    for position, (start, end) in enumerate(runs):
        if end > start:
            score += pair(start, start + 1, previous) - observed(start)
        context = end - 1 if end > start else None
        if position + 1 < len(runs):
            score += pair(end, runs[position + 1][0], context)
        else:
            score += last_edge(end, context)
        previous = end
    for cut in cuts:
        cost = _WEAK_DOUBLE_COST if cut in weak else double_cost if len(gaps[cut]) >= 2 else _SINGLE_SPACE_COST
        score -= observed(cut) + cost
    return score


def extractor_order(
    words: list[str],
    gaps: list[str],
    model: WordModel,
    before: str | None,
    after: str | None,
    double_cost: float = _DOUBLE_SPACE_COST,
    weak: frozenset[int] = frozenset(),
    printed: list[str] | None = None,
    echo: tuple[_Echo, _Echo] | None = None,
    contexts: bool = True,
    holding: tuple[bool, bool] = (False, False),
    room: int = -1,
    open_end: float = _OPEN_END,
) -> tuple[list[int], float]:
    """The best borders as pdftotext prints a misordered line, and their gain (see :func:`order_gain`).

    In all three misordered lines of the sample article the run printed first is followed by one
    space and every later run by two (each run keeps the space that followed it, and pdftotext puts
    one between runs): the borders are every double space and one single space before the first
    of them. Only that single border is left to find, among a handful of gaps; the best of them is
    returned even when it reads worse than the line as printed (its gain is then negative), since
    the gaps themselves are evidence (see :func:`reorder_reversed_runs`). With ``printed``
    the double spaces are read there (the gaps as printed, a double space beside a Latin word or
    after a full stop included), the costs still from ``gaps``.
    """
    doubles = [i for i, gap in enumerate(printed if printed is not None else gaps) if len(gap) >= 2]
    if len(doubles) + 1 > _MAX_BORDERS:
        return [], 0.0
    first = doubles[0] if doubles else len(gaps)
    best: tuple[list[int], float] = ([], -math.inf)
    for single in range(first):
        cuts = [single, *doubles]
        if words[cuts[-1] + 1] in _DASHES:
            continue  # no repaired line starts with a dash that stood inside it (see :func:`_candidate`)
        gain = order_gain(
            words, gaps, cuts, model, before, after, double_cost, weak, echo, contexts, holding, room, open_end
        )
        if gain > best[1]:
            best = (cuts, gain)
    return best if best[0] else ([], 0.0)


def _restore(
    words: list[str], gaps: list[str], cuts: list[int], model: WordModel, spelling: _Spelling | None = None
) -> str:
    """The line with its runs in reverse order; a border that splits a compound gets its ZWNJ back
    (as the document spells the pair, see :class:`_Spelling`, else as the model does)."""
    starts = [0, *(c + 1 for c in cuts)]
    ends = [*cuts, len(words) - 1]
    runs = []
    for start, end in zip(starts, ends, strict=True):
        pieces = [words[start]]
        for i in range(start, end):
            pieces.append(gaps[i])
            pieces.append(words[i + 1])
        runs.append(pieces)
    out: list[str] = []
    for run in reversed(runs):
        if out:
            joined = spelling.joined(out[-1], run[0]) if spelling is not None else None
            out.append(ZWNJ if (_compound(model, out[-1], run[0]) if joined is None else joined) else " ")
        out.extend(run)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A line that may hold misordered runs: its words, the gaps between them, its offsets."""

    index: int
    start: int
    end: int
    words: list[str]
    gaps: list[str]
    printed: list[str]  # as printed, for the repair
    spaced: list[str]  # as marks read them (see :func:`_typed`)
    weak: frozenset[int]
    trailing: bool
    doubles: int  # gaps of two spaces or more (``gaps``, not ``printed``)

    @property
    def marked(self) -> bool:
        """The line shows an extractor's mark: a trailing space or a double space between runs."""
        return self.trailing or self.doubles > 0


# A list item's number (`۱.`) ends no sentence; a word that ends in a letter, a digit or a comma ends
# its paragraph open (one that ends in a colon or a bracket may close a list's lead or a source's
# name: `(منبع: ایسنا)`).
_NUMBERED = re.compile(r"\d+[.)]$")
_OPEN_WORD_END = re.compile(r"[\w،,]$")


def _closes_inside(words: list[str]) -> bool:
    """True for a line whose last word ends its paragraph open while a word before it ends a sentence.

    >>> _closes_inside("است.  تخت معمولی بسیار گسترده\u200cتر".split()), _closes_inside("۱. نصب برنامه".split())
    (True, False)
    """
    return bool(_OPEN_WORD_END.search(words[-1])) and any(
        SENTENCE_END.search(word) and not _NUMBERED.match(word) for word in words[:-1]
    )


def _short_misordered(text: str, words: list[str]) -> bool:
    """True for a line of a few words that ends no sentence but holds a sentence end, and carries an
    extractor's mark (a double or trailing space): a paragraph's last line printed last-first."""
    return (
        _MIN_WORDS_SHORT <= len(words) < _MIN_WORDS
        and _MARKED.search(text) is not None
        and SENTENCE_END.search(words[-1]) is None
        and any(SENTENCE_END.search(word) for word in words[:-1])
    )


# A row's or an item's number first or last on its line, set apart from its text by two spaces or
# more.
_ROW_NUMBER = re.compile(r"\s*(\d+)[.)]?\s\s+\S|.*\S\s\s+(\d+)\s*$")


def _table_rows(lines: list[Line]) -> set[int]:
    """The lines of a table or a numbered list as pdftotext -layout prints them, never runs printed
    last-first: lines that open or end with a number set apart by a column's gap, the numbers
    counting up by one from line to line (a repair read `اپلیکیشن شما دیپلوی شد! (مثال: ۲` in a
    table of the Vite documentation's pages, moving the row's number to its end where the cell's
    text reads open), and lines whose wide gaps stand over one another (cells cut from sentences
    read as well in another order).

    >>> from dorost.fixes.layout._common import split_lines
    >>> sorted(_table_rows(split_lines("۱  مقدمه" + chr(10) + "۲  روش کار" + chr(10) + "۵  نتیجه")))
    [0, 1]
    >>> sorted(_table_rows(split_lines("نام       نسخه" + chr(10) + "ویت       پنج" + chr(10) + "ویو  سه")))
    [0, 1]
    """
    rows: set[int] = set()
    numbered = [
        (i, int(m.group(1) or m.group(2))) for i, line in enumerate(lines) if (m := _ROW_NUMBER.match(line.text))
    ]
    for (a, first), (b, second) in pairwise(numbered):
        if second == first + 1:
            rows.update((a, b))
    rows.update(aligned_columns([line.text for line in lines]))
    return rows


def _typed(gap: str) -> str:
    """The gap as marks read it: one space unless it holds two plain spaces (an extractor prints
    plain spaces; a no-break space beside one is the author's, not a border's).

    >>> _typed(" \u00a0"), _typed("  "), _typed("\u00a0 \u00a0")
    (' ', '  ', ' ')
    """
    return gap if sum(ch in " \t" for ch in gap) >= 2 else " "


def _candidate(index: int, line: Line) -> _Candidate | None:
    content = line.content
    if line.blank or len(content) > _MAX_CHARS or not has_persian(content) or _TABLE.search(content):
        return None
    matches = list(_TOKEN.finditer(line.text))
    words = [match.group() for match in matches]
    least = _MIN_WORDS_SHORT if _short_misordered(line.text, words) else _MIN_WORDS
    if not least <= len(words) <= _MAX_WORDS:
        return None
    if words[0] in _DASHES:
        # A lone dash first on a line is a list item's bullet or a line of dialogue: its line is
        # left as it is, and no repair moves a dash from inside a line to its start (a dash scores
        # the same everywhere, so the pairs beside it cannot tell: `«کتاب»  و  – سال ۱۴۰۳`).
        return None
    # Most lines hold no Latin letter: each word is then searched for none.
    latin_words = (
        [LATIN_LETTER.search(word) is not None for word in words]
        if LATIN_LETTER.search(line.text)
        else [False] * len(words)
    )
    latin = sum(latin_words)
    if latin > _MAX_LATIN_SHARE * len(words) or len(words) - latin < least:
        return None
    printed = [line.text[a.end() : b.start()] for a, b in pairwise(matches)]
    spaced = [_typed(gap) for gap in printed]
    # Latin inside a right-to-left line is set apart by extractors as a matter of course: a
    # double space beside it is no mark of a run border. Two spaces after a full stop are a
    # typist's habit as often as a border: weak evidence, and no mark of a misordered line.
    gaps = [" " if latin_words[i] or latin_words[i + 1] else gap for i, gap in enumerate(spaced)]
    weak = frozenset(i for i, gap in enumerate(gaps) if len(gap) >= 2 and SENTENCE_END.search(words[i]))
    if weak:
        gaps = [" " if i in weak else gap for i, gap in enumerate(gaps)]
    doubles = sum(1 for gap in gaps if len(gap) >= 2)
    if doubles > _MAX_BORDERS:
        return None  # spaced out like a table or justified text: not runs
    trailing = line.text.endswith((" ", "\t"))
    # A repair takes the trailing space with it (the extractor's gap after the run it printed
    # first): the repaired line carries no mark that would have it judged again.
    end = line.end if trailing else line.start + matches[-1].end()
    return _Candidate(
        index, line.start + matches[0].start(), end, words, gaps, printed, spaced, weak, trailing, doubles
    )


def _length(content: str) -> int:
    """A line's length with its spaces single (runs printed apart carry extra spaces)."""
    return len(" ".join(content.split()))


def _open_end(lines: list[Line], index: int, width: int) -> bool:
    """True when the line ends at the wrap: no paragraph's end, within the band of the width.

    >>> from dorost.fixes.layout._common import split_lines
    >>> line = "کتابداران در گزارش سالانه خود چنین نوشته\\u200cاند"
    >>> lines = split_lines(line + ":" + chr(10) + line)
    >>> _open_end(lines, 0, 45), _open_end(lines, 1, 45)
    (False, True)
    """
    words = lines[index].content.split()
    return bool(words) and not _PARAGRAPH_END.search(words[-1]) and _length(lines[index].content) >= _ROOM * width


def _wraps_tightly(lines: list[Line], width: int) -> bool:
    """True when the document was wrapped by its characters: in the lines that show no mark, a line
    that ends at the wrap leaves no room for the next line's first word (a page set in a proportional
    font leaves room now and then, and then nothing is read from the room).
    """
    pairs = fits = 0
    for index, line in enumerate(lines):
        following = _next_body(lines, index, 1)
        if line.blank or following is None or _MARKED.search(line.text) or _MARKED.search(lines[following].text):
            continue
        if not _open_end(lines, index, width):
            continue
        words = lines[following].content.split()
        if not words or not has_persian(words[0]):
            continue
        pairs += 1
        fits += _length(line.content) + 1 + len(words[0]) <= width
    return pairs >= _TIGHT_PAIRS and fits <= _TIGHT_SHARE * pairs


def reorder_reversed_runs(text: str, config: Config) -> list[Change]:
    """Put back in order the runs of a right-to-left line that an extractor printed last-first.

    Every set of run borders is scored with the language model across each border and with the
    neighbouring lines (see :func:`best_order`); a line that already reads well is never
    reordered. Lines are judged twice: the second time with their neighbours as repaired.

    >>> from dorost import fix
    >>> line = "با پذیرش باره نوشت روز سه شنبه سوم جولای، وزارت خارجه روسیه  نشریه دیپلمات در این "
    >>> fix(line, restore_spacing=False, join_broken_lines=False).startswith("نشریه دیپلمات در این باره")
    True
    """
    model = language_model()
    if model is None or not has_persian(text):
        return []
    if not _MARKED_IN_TEXT.search(text):
        # Only a line that shows an extractor's mark is judged first, and the other lines only
        # where one of those was misordered (see below): a text without a mark has nothing to judge.
        return []
    lines = split_lines(text)
    # The lines that show a mark first: where none of them is a line to judge (a blank line of
    # spaces, a table's row, a line in Latin), there is nothing to judge either.
    marked = {i: _candidate(i, lines[i]) for i, line in enumerate(lines) if _MARKED.search(line.text)}
    if not any(c is not None and c.marked for c in marked.values()):
        return []
    candidates = [
        c for c in (marked[i] if i in marked else _candidate(i, line) for i, line in enumerate(lines)) if c is not None
    ]
    # The wrap width is measured as printed, spaces collapsed (runs printed apart carry extra spaces).
    width = wrap_width(lines)
    if not width:
        # Runs come out last-first where an extractor cut a page into wrapped lines. A document
        # that shows no wrapping (whole paragraphs, one per line, or a single line) is judged only
        # on lines that carry an extractor's mark: a double space between runs, a trailing space.
        candidates = [c for c in candidates if c.marked]
    if not candidates:
        return []
    tight = bool(width) and _wraps_tightly(lines, width)

    def room(candidate: _Candidate, before: str | None) -> int:
        """The room the line before leaves at the wrap (-1: none known). Only a line that goes on into
        this one leaves room that counts: not one that ends a sentence or a paragraph as last
        repaired (``before`` is None), nor a line that shows an extractor's marks and holds a
        sentence end: its last word as printed, or as repaired, may not be its last (a paragraph's
        last line printed last-first and put in a wrong order read as going on, and pushed the
        undamaged line after it into another). A line with marks and no sentence end goes on."""
        previous = _next_body(lines, candidate.index, -1)
        if not tight or before is None or previous is None or not _open_end(lines, previous, width):
            return -1
        if previous in marked and any(_PARAGRAPH_END.search(word) for word in lines[previous].content.split()):
            return -1
        return width - _length(lines[previous].content) - 1

    def misplaced(candidate: _Candidate) -> bool:
        """The line's first word as printed would have fitted on the line just before it, a line that
        holds no sentence end: in no order is that line a paragraph's last (a line misordered without a
        mark may hold its true last word, `… قرار دارد. در توضیح مختصر`). After a blank line it may be
        one: a paragraph that ends open (a passage cut short, a list's item), set apart by the blank
        line, was read as going on, and an undamaged news line after it judged misplaced and reordered
        (`ریشهٔ واژه اسکناس، … در زبان روسی به`, after `… نقش می\u200cبسته\u200cاست`; benchmarks/layout.py
        with a third of the paragraphs ending open, news seed 1. On the usual paragraphs, news seeds 1,
        3, 7, 11 and shippable 1 and 7, both gap styles: 2 of 5,712 misordered lines fewer restored)."""
        space = room(candidate, "")
        previous = _next_body(lines, candidate.index, -1)
        return (
            space >= 0
            and len(candidate.words[0]) <= space
            and previous == candidate.index - 1
            and not any(_PARAGRAPH_END.search(word) for word in lines[previous].content.split())
        )

    # A text wrapped by its characters ended a line with room for the next line's first word only
    # at a paragraph's end: the room is read up to the width itself, where that word is known: the
    # next line shows no mark and is not misplaced (a misordered line's first word as printed is
    # another run's). A paragraph's last line whose next word fits only in the last fifth was read as
    # going on, and an order that ends its sentence there lost to one that ends mid-sentence
    # (benchmarks/layout.py, damaged lines exact, random / pdftotext's gaps, seeds 1-14: news 2515 →
    # 2549 and 4280 → 4365, shippable 2086 → 2118 and 3320 → 3384; no undamaged line moved).
    full: frozenset[int] = frozenset()
    if tight:
        full = frozenset(range(len(lines))) - set(marked) - {c.index for c in candidates if misplaced(c)}
    # Marks most lines show are the document's style, not an extractor's slip.
    double = sum(1 for c in candidates if c.doubles) / len(candidates)
    trailing = sum(1 for c in candidates if c.trailing) / len(candidates)
    double_cost = _DOUBLE_SPACE_COST if double <= _COMMON_MARK or len(candidates) < 4 else _SINGLE_SPACE_COST
    trailing_bonus = _TRAILING_BONUS if trailing <= _COMMON_MARK or len(candidates) < 4 else 0.0
    # pdftotext prints one space after the run it prints first, two after every later run, and a
    # trailing space (see :func:`extractor_order`): a line with one border shows a trailing space
    # and no double space. Where the document shows such lines, and few lines with a double space
    # but no trailing space (stray spaces), its gaps follow that pattern, and a line whose gaps fit
    # it is likelier misordered along it than along borders that leave its gaps to chance. Gaps
    # that follow another pattern (two spaces at every border) are left to :func:`best_order`.
    trailed_lines = [c for c in candidates if c.trailing]
    double_only = sum(1 for c in candidates if not c.trailing and c.doubles)
    one_border = any(all(len(gap) < 2 for gap in c.spaced) for c in trailed_lines)
    patterned = one_border and double_only <= _PATTERN_STRAYS * len(trailed_lines)
    pattern_bonus = _PATTERN_BONUS if patterned else 0.0
    # A table's rows count in the document's style above, but are not judged.
    rows = _table_rows(lines)
    candidates = [c for c in candidates if c.index not in rows]
    restored: dict[int, str] = {}
    decided: dict[int, tuple[str, float]] = {}
    # How the document spells the pairs a repair may split (see :class:`_Spelling`), counted on first need.
    spelling = functools.cache(lambda: _Spelling.of(text, model))

    # The document's pairs and what each line adds to them (with the words it meets on its
    # neighbours), counted on first need: only clearly marked lines hear them.
    document = functools.cache(lambda: _Echo.of([[word for line in lines for word in line.text.split()]]))
    owns: dict[int, _Echo] = {}

    def echo_of(candidate: _Candidate) -> tuple[_Echo, _Echo]:
        if candidate.index not in owns:
            previous = _next_body(lines, candidate.index, -1)
            following = _next_body(lines, candidate.index, 1)
            head = lines[previous].text.split()[-2:] if previous is not None else []
            tail = lines[following].text.split()[:2] if following is not None else []
            owns[candidate.index] = _Echo.of([[*head, *candidate.words, *tail]])
        return document(), owns[candidate.index]

    judged: dict[int, tuple[str | None, str | None, tuple[bool, bool]]] = {}
    # Each line's repair (or None) given its neighbours' words: a line meets the same neighbours
    # again when all lines are judged afresh (see below).
    verdicts: dict[tuple[int, str | None, str | None, tuple[bool, bool], bool], tuple[str, float] | None] = {}
    # Whether the document shows misordered runs (see _MARGIN_ONE_MARK_SHOWN): found between the
    # two rounds of judging.
    shown = False

    def clearly_marked(candidate: _Candidate, weak: bool = False) -> bool:
        """A trailing space or two double spaces that count: the line is read the same in any document.
        With ``weak``, a double space after a full stop counts among the two (see ``showing``)."""
        doubles = candidate.doubles + (len(candidate.weak) if weak else 0)
        return (candidate.trailing and trailing_bonus > 0) or (double_cost < 0 and doubles > 1)

    def judge(candidate: _Candidate, before: str | None, after: str | None, holding: tuple[bool, bool]) -> None:
        judged[candidate.index] = (before, after, holding)
        key = (candidate.index, before, after, holding, shown and not clearly_marked(candidate))
        if key not in verdicts:
            verdicts[key] = verdict(candidate, before, after, holding)
        repair = verdicts[key]
        if repair is not None:
            restored[candidate.index] = repair[0]
            decided[candidate.index] = repair
        else:
            restored.pop(candidate.index, None)
            decided.pop(candidate.index, None)

    def verdict(
        candidate: _Candidate, before: str | None, after: str | None, holding: tuple[bool, bool]
    ) -> tuple[str, float] | None:
        closing = (
            after is None
            and _closes_inside(candidate.words)
            and _ends_in_any_order(lines, candidate.index, width, tight)
        )
        open_end = _OPEN_END_INSIDE if closing else _OPEN_END
        # Marks count only where the document does not show them everywhere.
        doubles = candidate.doubles if double_cost < 0 else 0
        if closing and double_cost < 0:
            # Two spaces after a full stop are a typist's habit, but on a paragraph's last line that
            # ends open they stand where the run printed first ended (`repository (انبار) نشان
            # می\u200cدهد.  صفحه\u200cی اصلی`): they count as a mark (news and shippable seeds 7 and 1,
            # random gaps: paragraphs broken mid-sentence 10 → 9, 7 → 6, 8 → 8, 13 → 12).
            doubles += len(candidate.weak)
        trailed = candidate.trailing and trailing_bonus > 0
        marked = trailed or doubles > 0
        if trailed and doubles:
            margin = _MARGIN_TWO_MARKS
        elif trailed or doubles > 1:
            margin = _MARGIN
        else:
            margin = (_MARGIN_ONE_MARK_SHOWN if shown else _MARGIN_ONE_MARK) if doubles else _MARGIN_UNMARKED
        kept = _MAX_CANDIDATES if marked else _MAX_CANDIDATES_UNMARKED
        # The document's own pairs judge a line an extractor marked clearly (a trailing space, two
        # double spaces); elsewhere a line with one double space or none is judged by the model alone.
        # Where the document shows misordered runs (see _MARGIN_ONE_MARK_SHOWN) but not pdftotext's
        # pattern, a line with one double space is read so too: there it is as likely misordered by
        # the same extractor, and the margins, not the reading, guard the lines that read well (news,
        # random gaps, damaged lines exact: seeds 1 to 6, 993 → 1013, every seed up). Under the pattern
        # every misordered line ends with a space, and a line without one is a stray: so read, an
        # undamaged line with a stray double space was swapped (news, pdftotext's gaps, seed 6).
        clear = trailed or doubles > 1 or (shown and doubles > 0 and not patterned)
        # The word trigrams read every line that shows a mark, and every line of a document that shows
        # misordered runs. Pruned of the triples seen once they read only the clearly marked ones: a
        # news line that read well, given one stray double space, was swapped at it (`پرواز می\u200cکند
        # و به …`, seed 7). With those triples kept (trigrams.bin version 3) no undamaged line moves on
        # news seeds 1, 3, 7, 11 and shippable 1, 3 (nor with a tenth of the undamaged lines given a
        # stray double space, news 1 and 7); damaged lines restored exactly, random / pdftotext's gaps,
        # 1106 → 1117 and 1742 → 1744 of 2835 on those seeds, broken mid-sentence 42 → 41 and 12 → 12.
        # Read on the unmarked lines of other documents too (most of them undamaged), they gained one
        # line more and the pipeline took 15 % more CPU on benchmarks/same_outputs.py's texts; read so,
        # the same CPU (the fix takes a tenth more on documents that show misordered runs).
        reading = clear or marked or shown
        space = room(candidate, before)
        echo = echo_of(candidate) if clear else None
        # A line an extractor did not mark clearly is not pulled into another order by the words
        # of a neighbour that shows marks and was not restored (see the neighbours in settle).
        holding = (False, False) if trailed or doubles > 1 else holding
        cuts, gain = best_order(
            candidate.words, candidate.gaps, model, before, after, double_cost, kept, candidate.weak, echo, reading,
            holding, space, open_end,
        )  # fmt: skip
        if candidate.trailing and pattern_bonus:
            pattern, pattern_gain = extractor_order(
                candidate.words, candidate.gaps, model, before, after, double_cost, candidate.weak, None, echo, reading,
                holding, space, open_end,
            )  # fmt: skip
            if candidate.spaced != candidate.gaps:
                # The pattern read on the gaps as printed: a double space beside a Latin word or
                # after a full stop is a border too, where the document shows pdftotext's pattern.
                raw, raw_gain = extractor_order(
                    candidate.words, candidate.gaps, model, before, after, double_cost, candidate.weak,
                    candidate.spaced, echo, reading, holding, space, open_end,
                )  # fmt: skip
                if raw and raw_gain > pattern_gain:
                    pattern, pattern_gain = raw, raw_gain
            # Each gap, the trailing space included, is as the pattern has it (log 2 a gap likelier
            # than drawn at random).
            pattern_gain += pattern_bonus * (len(pattern) + 1)
            if pattern and pattern_gain > gain:
                cuts, gain = pattern, pattern_gain
        if trailed:
            gain += trailing_bonus
        at_the_mark = len(cuts) == 1 and len(candidate.gaps[cuts[0]]) >= 2
        if (
            doubles == 1
            and not trailed
            and not patterned
            and (shown or bool(trailed_lines))
            and at_the_mark
            and 0 < cuts[0] < len(candidate.gaps) - 1
        ):
            # (Under pdftotext's pattern every misordered line ends with a space: a double space on a
            # line without one is a stray, and a swap at it is no likelier than another order. News,
            # pdftotext's gaps, seed 4: `… گفته می\u200cشود که  برای درمان فشارخون به\u200cکار می\u200cرود.`
            # A swap that moves one word from one end of the line to the other is judged on that word's
            # few pairs: one seen once (`مفاهیم برایتان`) swapped an undamaged line at its stray mark,
            # `برایتان  مشکلی پیش بیایید. …` (shippable, seed 1); such swaps reading 10 to 12 better
            # restored 5 misordered lines of 7,844 on seeds 1-9, news and shippable.)
            # Only where the document shows an extractor's hand (a trailing space on a line, or
            # misordered lines restored): a text of stray double spaces alone is a typist's, and an
            # undamaged news line read 10.4 better swapped at its one (`غذاهای سرخ شده و پر چرب  باعث
            # می شود …`, benchmarks/layout.py, wrapped, news seed 1; no other figure moved on 14 runs).
            margin = _MARGIN_AT_THE_MARK

        def opening() -> bool:
            # A line before that shows marks may be misordered itself, and whether it goes on is then
            # read from its last word as repaired: it may end a paragraph that ends open, and this line
            # start the next. The order must read better in that reading too: a shippable paragraph's
            # last line without a full stop (`… حل نمی\u200cکند`, printed last-first) left room for `به`,
            # and the undamaged line after it, read as going on from `نمی\u200cکند` and spared the cost
            # of a first word that fits, read 11.2 better reordered; as a paragraph's start 2.0
            # (benchmarks/layout.py with a third of the paragraphs ending open, shippable seed 7).
            # After an unmarked line it is not asked: a misordered line's true first word is often no
            # sentence's start (`گذاشته\u200cاند تا …`, 8.8 better after `کتابخانه\u200cها`, -0.3 first).
            # On the usual benchmark (news seeds 1, 3, 7, 11, shippable 1, 3, 7, both gap styles) 3 of
            # 6,400 misordered lines are no longer restored and 5 no longer put in a wrong order: all 8
            # are left as printed.
            alone = order_gain(
                candidate.words, candidate.gaps, cuts, model, None, after, double_cost, candidate.weak, echo, reading,
                holding, -1, open_end,
            ) - order_gain(
                candidate.words, candidate.gaps, cuts, model, before, after, double_cost, candidate.weak, echo, reading,
                holding, space, open_end,
            )  # fmt: skip
            return gain + min(alone, 0.0) >= _MARGIN_MISPLACED

        if (
            misplaced(candidate)
            and margin > _MARGIN_MISPLACED
            and (not _MARKED.search(lines[candidate.index - 1].text) or opening())
        ):
            # The line cannot have been printed so: its first word would have fitted on the line before.
            margin = _MARGIN_MISPLACED
        if cuts and gain >= margin:
            return _restore(candidate.words, candidate.printed, cuts, model, spelling()), gain
        return None

    # The lines that show an extractor's marks clearly (a trailing space, or two double spaces, one
    # after a full stop counted too): one not restored is likely misordered still, and its first and
    # last words as printed then stand where its later runs put them. Such a neighbour may hold a
    # line that reads well as printed, never pull it into another order: an undamaged news line with
    # one stray double space was swapped at it to meet `نقدی`, printed first on the misordered line
    # after it (`… یارانه  جدید نیستند؛ … امروز` | `نقدی اعلام کرده است.  حذف …`; benchmarks/layout.py,
    # news, seed 4). A neighbour with one double space is more often a typist's slip, its words as
    # written: held by them, a misordered line next to one was left (news, seed 6). (Holding the
    # clearly marked lines too, seeds 1-14: news +22 of 14,694 damaged lines, shippable -10 of 9,690:
    # not adopted.)
    showing = {c.index for c in candidates if clearly_marked(c, weak=True)}

    def unsure(index: int, step: int, word: str | None) -> bool:
        other = _next_body(lines, index, step)
        return word is not None and other is not None and other in showing and other not in restored

    def settle(judging: list[_Candidate]) -> None:
        # Each line is judged with its neighbours as last repaired, again while a neighbour's
        # repair changed the words next to it (a bounded number of rounds).
        for _round in range(_ROUNDS):
            changed = False
            for candidate in judging:
                before = _context(lines, restored, candidate.index, -1, width, full)
                after = _context(lines, restored, candidate.index, 1, width, full)
                context = (before, after, (unsure(candidate.index, -1, before), unsure(candidate.index, 1, after)))
                if judged.get(candidate.index) != context:
                    was = restored.get(candidate.index)
                    judge(candidate, *context)
                    changed = changed or restored.get(candidate.index) != was
            if not changed:
                break

    # In a wrapped document every line is a candidate, but a line without an extractor's mark is
    # rarely misordered: the unmarked lines are judged only where a marked line was found
    # misordered (this extractor misorders runs), all lines then afresh, as one document. Text
    # that shows no misordered run is spared judging every line (most of the whole pipeline's
    # time on a PDF's text).
    showing_marks = [c for c in candidates if c.marked or misplaced(c)]
    settle(showing_marks)
    twice_marked = {c.index for c in showing_marks if c.trailing and c.doubles}
    shown = sum(1 for index in decided if index in twice_marked) >= _SHOWN_LINES
    if decided and len(showing_marks) < len(candidates):
        restored.clear()
        decided.clear()
        judged.clear()
        settle(candidates)
    changes: list[Change] = []
    for candidate in candidates:
        if candidate.index in decided:
            new, gain = decided[candidate.index]
            changes.append(Change(candidate.start, candidate.end, new, min(0.95, 0.5 + gain / 40)))
    return changes
