"""Word trigram counts: the word before a pair, for choosing between orders of a line's runs.

The bigram model scores each join of two words alone, so two orders of a misordered line that
differ only in where one border falls often read within a nat or two of each other. The word
before a pair says more (`به نام غدیر` against `۱۸ سال غدیر`). This file holds the counts of the
triples of the model's human running text (the same text, tokens and merged ZWNJ spellings as
``lm.bin``'s bigrams) and of FarsTail's sentences (words in human order), pruned: a pair of words is
kept as a context when it is followed by a word at least ``min_context`` times, a triple when it is
seen at least ``min_count`` times (once: a triple seen once is the evidence that tells two near
orders apart). A sentence's first pair is a triple after :data:`START`, counted in the sentences of
the human text (not PerSpellData's lines, fragments of sentences), of FarsTail and of the machine
translations (see :meth:`Trigrams.start_counts`). It also holds how often each word starts a sentence
in more text in Persian word order than ``lm.bin``'s (FarsTail's sentences and the machine
translations, whose spacing says nothing but whose words stand in order): the back-off of the model's
own sentence starts (see :meth:`Trigrams.start_probability`). Words are ``lm.bin``'s ids, so the file
is aligned with one model build.

File format (``dorost/data/trigrams.bin``, written by ``scripts/build_model.py``)::

    b"DOROSTTG" + version byte, then a zlib stream holding:
    uint32 header length, a JSON header (the lm.bin vocabulary size it is aligned with, the
    pruning thresholds, the numbers of contexts, of those after START, and of triples), then
    little-endian sections: int64[K] the contexts (first id * vocabulary size + second id, sorted;
    the first id START for a sentence's first word), uint32[K] how many triples each context
    starts (all of them, pruned ones included), uint32[K] how many distinct third words follow it
    (pruned ones included), uint32[K+1] where each context's kept triples start, uint32[T] their
    third words (sorted within a context) and uint16[T] their counts; then
    the words just before a number written in digits (uint32[B] ids, sorted, and uint32[B] counts)
    and those just after one (uint32[A] ids and uint32[A] counts), with the header's totals; then
    the words that start a sentence of the order text (uint32[S] ids, sorted, and uint32[S] counts),
    with its number of sentences in the header.

The model's clauses break at digits, so its bigrams never see a number: the counts of the words
beside numbers (`سال ۱۳۹۷`, `۱۶ بهمن`, `حدود ۱۳ کیلوگرم`) stand for a number class (see
:meth:`Trigrams.number_after`).

>>> from dorost.language import model
>>> m, tri = model(), load()
>>> total, followers, seen = tri.counts(m.index("به"), m.index("عنوان"), m.index("مثال"))
>>> total > seen > 0 and followers > 1
True
"""

from __future__ import annotations

import json
import zlib
from bisect import bisect_left
from functools import cache
from os import PathLike

from dorost.language.model import DISCOUNT, LanguageModel, read_array, read_file
from dorost.language.model import model as language_model

MAGIC = b"DOROSTTG"
VERSION = 4
DATA_FILE = "trigrams.bin"
# The first word of a triple that starts a sentence: lm.bin's id 0, the empty word no text holds.
START = 0


class Trigrams:
    """Pruned word trigram counts over ``lm.bin``'s word ids."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC) or data[len(MAGIC)] != VERSION:
            raise ValueError("not a dorost trigram file of a known version")
        blob = memoryview(zlib.decompress(data[len(MAGIC) + 1 :]))
        size = int.from_bytes(blob[:4], "little")
        self.header: dict[str, object] = json.loads(bytes(blob[4 : 4 + size]).decode("utf-8"))
        self.words = int(self.header["words"])
        contexts = int(self.header["contexts"])
        triples = int(self.header["trigrams"])
        offset = 4 + size
        keys, offset = read_array("q", blob, offset, contexts)
        self.totals, offset = read_array("I", blob, offset, contexts)
        self.followers, offset = read_array("I", blob, offset, contexts)
        self.starts, offset = read_array("I", blob, offset, contexts + 1)
        self.thirds, offset = read_array("I", blob, offset, triples)
        self.triple_counts, offset = read_array("H", blob, offset, triples)
        before = int(self.header["before_number_words"])
        after = int(self.header["after_number_kept"])
        before_ids, offset = read_array("I", blob, offset, before)
        before_counts, offset = read_array("I", blob, offset, before)
        after_ids, offset = read_array("I", blob, offset, after)
        after_counts, offset = read_array("I", blob, offset, after)
        self._before_number = dict(zip(before_ids, before_counts, strict=True))
        self._after_number = dict(zip(after_ids, after_counts, strict=True))
        self.numbers = int(self.header["numbers"])
        self._number_share = self.numbers / max(1, self.numbers + int(self.header["number_tokens"]))
        self._after_total = int(self.header["after_number"])
        self._after_words = int(self.header["after_number_words"])
        self._number_pairs = int(self.header["number_pairs"])
        self._number_starts = int(self.header["number_starts"])
        self._sentences = int(self.header["sentences"])
        starters = int(self.header["order_start_words"])
        start_ids, offset = read_array("I", blob, offset, starters)
        start_counts, offset = read_array("I", blob, offset, starters)
        self._starts = dict(zip(start_ids, start_counts, strict=True))
        self._order_sentences = int(self.header["order_sentences"])
        if offset != len(blob):
            raise ValueError("trigram file sections do not match its header")
        self._contexts = dict(zip(keys, range(len(keys)), strict=True))

    def knows(self, first: int, second: int) -> bool:
        """True when the pair ``first second`` (word ids) is a kept context: only then may :meth:`counts`
        give a triple (a cheap test for the many pairs it does not know)."""
        return first > 0 and second > 0 and first * self.words + second in self._contexts

    def knows_start(self, first: int) -> bool:
        """True when a sentence that starts with the word ``first`` (an id) is a kept context: only then
        may :meth:`start_counts` give a pair."""
        return first > 0 and START * self.words + first in self._contexts

    def counts(self, first: int, second: int, third: int) -> tuple[int, int, int]:
        """How many triples start with the pair ``first second`` (word ids), how many distinct words
        follow it, and how often ``third`` does (0 when pruned); ``(0, 0, 0)`` for a pair not kept."""
        if first <= 0 or second <= 0:
            return 0, 0, 0
        return self._followed(first * self.words + second, third)

    def start_counts(self, first: int, second: int) -> tuple[int, int, int]:
        """:meth:`counts` for a sentence's first pair: how many sentences start with the word ``first``
        and go on in its clause, with how many distinct words, and how many with ``second``.

        >>> from dorost.language import model
        >>> m, tri = model(), load()
        >>> _total, _followers, seen = tri.start_counts(m.index("این"), m.index("کار"))
        >>> seen > tri.start_counts(m.index("این"), m.index("را"))[2]
        True
        """
        if first <= 0:
            return 0, 0, 0
        return self._followed(START * self.words + first, second)

    def _followed(self, key: int, third: int) -> tuple[int, int, int]:
        index = self._contexts.get(key)
        if index is None:
            return 0, 0, 0
        start, end = self.starts[index], self.starts[index + 1]
        at = bisect_left(self.thirds, third, start, end)
        seen = self.triple_counts[at] if third > 0 and at < end and self.thirds[at] == third else 0
        return self.totals[index], self.followers[index], seen

    def number_after(self, word: int, total: int, followers: int) -> float:
        """P(a number | the word ``word``), by absolute discounting like the model's bigrams: ``total``
        and ``followers`` are the word's pair count and distinct followers in the model (which
        never sees a number); a word it does not know takes the numbers' share of all tokens.

        >>> from dorost.language import model
        >>> m, tri = model(), load()
        >>> at = lambda w: tri.number_after(m.index(w), m.context_totals[m.index(w)], m.followers[m.index(w)])
        >>> at("سال") > 10 * at("آنها")
        True
        """
        seen = self._before_number.get(word, 0) if word > 0 else 0
        total += seen
        if not total:
            return self._number_share
        followers += 1 if seen else 0
        return (max(seen - DISCOUNT, 0.0) + DISCOUNT * max(followers, 1) * self._number_share) / total

    def after_number(self, word: int, unigram: float) -> float:
        """P(the word ``word`` | a number), backing off to its ``unigram`` probability; ``word`` 0 for
        a word the model does not know (``unigram`` is then its estimate for an unknown word)."""
        if not self._after_total:
            return unigram
        seen = self._after_number.get(word, 0) if word > 0 else 0
        return (max(seen - DISCOUNT, 0.0) + DISCOUNT * self._after_words * unigram) / self._after_total

    def number_start(self) -> float:
        """P(a sentence starts with a number): a date, a count, a list item's `۱.`."""
        return (self._number_starts + 1) / (self._sentences + 1)

    def start_probability(self, word: int, unigram: float) -> float:
        """P(a sentence of the order text starts with the word ``word``), by absolute discounting
        like the model's own sentence starts, backing off to its ``unigram`` probability; ``word`` 0
        for a word the model does not know.

        >>> from dorost.language import model
        >>> m, tri = model(), load()
        >>> start = lambda w: tri.start_probability(m.index(w), 1e-6)
        >>> start("این") > start("همچنین") > start("را")
        True
        """
        if not self._order_sentences:
            return unigram
        seen = self._starts.get(word, 0) if word > 0 else 0
        backoff = DISCOUNT * len(self._starts) / self._order_sentences
        return max(seen - DISCOUNT, 0.0) / self._order_sentences + backoff * unigram

    def number_after_number(self) -> float:
        """P(a number | a number), a space apart."""
        if not self._after_total:
            return self._number_share
        return (max(self._number_pairs - DISCOUNT, 0.0) + DISCOUNT * self._after_words * self._number_share) / (
            self._after_total
        )


def load(path: str | PathLike[str] | None = None, words: LanguageModel | None = None) -> Trigrams:
    """Load a trigram file; without a path, the one shipped in the package. Its word ids must be
    those of ``words`` (the shipped model by default): a file built with another model is refused."""
    trigrams = _shipped() if path is None else Trigrams(read_file(path, DATA_FILE))
    if trigrams.words != (words if words is not None else language_model()).size:
        raise ValueError("the trigram file was built for another language model")
    return trigrams


@cache
def _shipped() -> Trigrams:
    return Trigrams(read_file(None, DATA_FILE))
