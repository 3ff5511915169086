"""Word classes: a back-off for word pairs the bigram counts never saw.

A bigram model of half a million words has not seen most pairs of rare words (`سقف دهان`), and
backs off to the second word's frequency alone, whatever the first word is. Grammar says more:
Persian is verb-final, a verb is followed by punctuation, و or که, a preposition by a noun, the
object marker را by a verb or a noun. This module gives each word a distribution over classes and
the pairs of classes a distribution of their own, so that an unseen pair is scored as
``P(b) · F(a, b)`` with the association factor::

    F(a, b) = Σ P(ca | a) · P(cb | b) · P(cb | ca) / P(cb)      (ca, cb over the classes)

(a class-based estimate of ``P(b | a)``, Brown et al. 1992, divided by the unigram ``P(b)``; it sums
to one over ``b`` for each ``a``). The classes are the universal parts of speech (UD's UPOS), a class
of modal verbs (`باید`, `بتوانند`, `بخواهند`: the treebanks tag them VERB or AUX, but they stand
before the verb they govern or its object) and, for the most frequent words (`را`, `به`, `است`,
`که` …), the word itself: a class model that merges `را` with `به` as adpositions would expect a
noun after both. Many cells of class pairs are sparse (a frequent word's row, a rare part of
speech), so each cell is shrunk towards what the two classes' parts of speech say, the more the
fewer pairs it was expected to hold (:func:`_ratios`): a pair the text never shows there reads as
its parts of speech do, not as impossible.

Where the human text never saw a pair, more text in Persian word order still may have: the file
also holds the word pairs of machine-translated documentation and of FarsTail's sentences (whose
spacing is unreliable, so ``lm.bin`` takes no spelling evidence from them). An unseen pair backs off
to their bigram estimate first, and that estimate to the class-scaled unigram
(:meth:`WordClasses.pair_probability`).

The file ``dorost/data/classes.bin`` is written by ``scripts/build_model.py`` beside ``lm.bin``:
each word's class distribution comes from the UD Persian treebanks (gold parts of speech), the
Lilak and hazm lexicons (the classes a word may take) and the word's form (:func:`form_classes`:
`می\u200c` + a stem is a verb, `ها` makes a plural noun, `ترین` a superlative); the class pairs are
counted over the word pairs of the model's running text, each word spread over its classes.

File format::

    b"DOROSTWC" + version byte, then a zlib stream holding:
    uint32 header length, a JSON header (the classes, the table of distinct class distributions,
    the lm.bin vocabulary size it is aligned with, and from version 4 that file's size and CRC-32),
    then little-endian sections:
    uint16[V] each lm.bin word's distribution (an index into the table),
    float32[C*C] class pair counts (row: the first word's class), then the same counted over the
    parts of speech alone (every word spread over its parts of speech, the frequent ones too);
    the back-off pairs: uint32[V+1] where each first word's pairs start, uint32[V] each first word's
    pair total, uint32[P] the second words and uint16[P] the counts (sorted by first, then second word);
    where the header names the recipe of the class pairs' ratios (``ratios``), float64[C*C] the
    ratios and float64[C*C] those of the parts of speech alone, derived from the counts above by
    :func:`_ratios` and :func:`_mixed` when ``scripts/build_model.py`` wrote the file (deriving them
    was most of the load's time); a file without them has them derived as it loads.
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, repeat
from operator import add, mul, truediv
from os import PathLike

from dorost.chars import ALL_DIGITS, ZWNJ
from dorost.language.model import DISCOUNT, LanguageModel, fingerprint, normalize_word, read_file
from dorost.language.model import model as language_model
from dorost.patterns import lazy_pattern

MAGIC = b"DOROSTWC"
VERSION = 4
DATA_FILE = "classes.bin"
# Class 0 is the break before a clause (a line's start, after punctuation or a Latin word); then
# the universal parts of speech a Persian word may take (punctuation stands between runs of words),
# and MODAL: the modal verbs (`باید`, `بتوانند`, `بخواهند`), which the treebanks tag VERB or AUX
# like any verb or `است`, but which are followed by a subjunctive verb or its object, not by a
# clause break (see ``scripts/build_model.py``).
BREAK = "<break>"
UPOS = (
    "NOUN", "PROPN", "ADJ", "ADV", "VERB", "AUX", "ADP", "PRON",
    "DET", "NUM", "CCONJ", "SCONJ", "PART", "INTJ", "X", "MODAL",
)  # fmt: skip
# How many pairs' worth of expectation a cell of class pairs is shrunk towards its parts of speech
# with (see :func:`_ratios`).
PAIR_PRIOR = 3.0
# What :func:`_ratios` and :func:`_mixed` follow, named in the file beside the ratios they gave: a change to
# them or to PAIR_PRIOR changes this, and the file must be rebuilt (one of another recipe is refused).
RATIOS_RECIPE = f"1 pair-prior {PAIR_PRIOR}"

Distribution = tuple[tuple[int, float], ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """What the class association asks of one word: whether there is one, whether it is a number
    in digits, its own class (0 for none) and its class distribution."""

    present: bool
    number: bool
    own: int
    distribution: Distribution


_LATIN = lazy_pattern("[A-Za-z]")
_DIGITS = lazy_pattern(f"[{ALL_DIGITS}]")
# A number written in digits (`۱۳۹۸`, `۲-۳`, `۱۵٫۵`), nothing else.
_NUMBER = lazy_pattern(f"[{ALL_DIGITS}]+(?:[-/.,:\u066b\u066c][{ALL_DIGITS}]+)*")
_VERB_PREFIX = lazy_pattern(f"^ن?می{ZWNJ}?..")
_PLURAL = lazy_pattern(f"{ZWNJ}?ها(?:ی|یی|یم|یت|یش|یمان|یتان|یشان)?$")
_SUPERLATIVE = lazy_pattern(f"{ZWNJ}?ترین$")
_PERFECT = lazy_pattern(f"{ZWNJ}(?:اند|ایم|اید|ام)$")


def form_classes(word: str) -> dict[str, float]:
    """The classes a word's form suggests, for a word no lexicon or treebank lists; empty when the
    form says nothing.

    >>> form_classes("می\\u200cنویسیم")["VERB"] > 0.5
    True
    >>> form_classes("کتابخانه\\u200cها")["NOUN"] > 0.5
    True
    >>> form_classes("بزرگ\\u200cترین")["ADJ"] > 0.5
    True
    >>> form_classes("۱۴۰۳")
    {'NUM': 1.0}
    """
    if _LATIN().search(word):
        return {"X": 0.5, "PROPN": 0.3, "NOUN": 0.2}
    if _DIGITS().search(word):
        return {"NUM": 1.0}
    if _VERB_PREFIX().match(word) and len(word) > 4:
        return {"VERB": 0.9, "NOUN": 0.1}
    if _SUPERLATIVE().search(word) and len(word) > 5:
        return {"ADJ": 0.9, "NOUN": 0.1}
    if _PLURAL().search(word) and len(word) > 4:
        return {"NOUN": 0.85, "ADJ": 0.1, "PROPN": 0.05}
    if _PERFECT().search(word):
        return {"VERB": 0.8, "NOUN": 0.2}
    return {}


def _read_codes(blob: memoryview, offset: int, count: int, typecode: str = "H") -> tuple[array[int], int]:
    values = array(typecode)
    values.frombytes(blob[offset : offset + values.itemsize * count])
    if sys.byteorder == "big":
        values.byteswap()
    return values, offset + values.itemsize * count


def _read_counts(blob: memoryview, offset: int, count: int) -> tuple[array[float], int]:
    values = array("f")
    values.frombytes(blob[offset : offset + values.itemsize * count])
    if sys.byteorder == "big":
        values.byteswap()
    return values, offset + values.itemsize * count


def _read_rows(blob: memoryview, offset: int, size: int) -> tuple[list[list[float]], int]:
    values = array("d")
    values.frombytes(blob[offset : offset + values.itemsize * size * size])
    if sys.byteorder == "big":  # pragma: no cover - the files are little-endian
        values.byteswap()
    return [values[i * size : (i + 1) * size].tolist() for i in range(size)], offset + values.itemsize * size * size


def read_sections(data: bytes) -> bytes:
    """A word-class file's header and sections, inflated. Raises ValueError for another kind of file."""
    if not data.startswith(MAGIC) or len(data) <= len(MAGIC) or data[len(MAGIC)] not in (3, VERSION):
        raise ValueError("not a dorost word-class file (or a different version)")
    return zlib.decompress(memoryview(data)[len(MAGIC) + 1 :])


def pack(header: dict[str, object], sections: Iterable[bytes]) -> bytes:
    """A word-class file of this version: its JSON header and its sections."""
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return MAGIC + bytes([VERSION]) + zlib.compress(b"".join([len(head).to_bytes(4, "little"), head, *sections]), 9)


def with_ratios(data: bytes, words: LanguageModel, model_file: bytes) -> bytes:
    """A word-class file without ratios (``data``, aligned with ``words``, read from ``model_file``) with the ratios
    its counts give, derived here by this module's code, and the model file's size and CRC-32."""
    loaded = WordClasses(data, words)
    if "ratios" in loaded.header:
        raise ValueError("the word-class file has its ratios already")
    blob = memoryview(read_sections(data))
    counts = blob[4 + int.from_bytes(blob[:4], "little") :]
    rows = [array("d", row) for table in (loaded.ratio, loaded.upos_ratio) for row in table]
    if sys.byteorder == "big":  # pragma: no cover - the files are little-endian
        for row in rows:
            row.byteswap()
    header = loaded.header | fingerprint(model_file) | {"ratios": RATIOS_RECIPE}
    return pack(header, [bytes(counts), *(row.tobytes() for row in rows)])


class WordClasses:
    """Class distributions of the language model's words and counts of class pairs."""

    def __init__(self, data: bytes, words: LanguageModel) -> None:
        blob = memoryview(read_sections(data))
        header_len = int.from_bytes(blob[:4], "little")
        self.header: dict[str, object] = json.loads(bytes(blob[4 : 4 + header_len]))
        built_for = {key: self.header[key] for key in ("model_bytes", "model_crc32") if key in self.header}
        if int(str(self.header["vocabulary"])) != words.size or (built_for and built_for != words.fingerprint):
            raise ValueError(
                "the word-class file was built for another language model (lm.bin): rebuild both with"
                " scripts/build_model.py"
            )
        self.model = words
        names = self.header["classes"]
        table = self.header["table"]
        unknown = self.header["unknown"]
        assert isinstance(names, list) and isinstance(table, list) and isinstance(unknown, list)
        self.classes: list[str] = [str(name) for name in names]
        self.table: list[Distribution] = [tuple((int(c), float(w)) for c, w in entry) for entry in table]
        offset = 4 + header_len
        codes, offset = _read_codes(blob, offset, words.size)
        self.codes = codes
        size = len(self.classes)
        self.size = size
        self.index = {name: i for i, name in enumerate(self.classes)}
        # The frequent words that are classes of their own, by their id in the model.
        self.own = {words.ids[name]: i for i, name in enumerate(self.classes) if name in words.ids and i > len(UPOS)}
        pairs, offset = _read_counts(blob, offset, size * size)
        upos_pairs, offset = _read_counts(blob, offset, size * size)
        self.unknown: Distribution = tuple((self.index[name], float(weight)) for name, weight in unknown)
        pair_count = int(str(self.header["backoff_pairs"]))
        self.starts, offset = _read_codes(blob, offset, words.size + 1, "I")
        self.totals, offset = _read_codes(blob, offset, words.size, "I")
        self.seconds, offset = _read_codes(blob, offset, pair_count, "I")
        self.pair_counts, offset = _read_codes(blob, offset, pair_count)
        self.upos_ratio: list[list[float]]
        self.ratio: list[list[float]]
        recipe = self.header.get("ratios")
        if recipe is None:
            self.upos_ratio, self.ratio = self._derive_ratios(pairs, upos_pairs)
        elif recipe != RATIOS_RECIPE:
            raise ValueError(
                f"the ratios of {DATA_FILE} were derived by recipe {recipe!r}, this dorost's is {RATIOS_RECIPE!r}:"
                " rebuild it with scripts/build_model.py"
            )
        else:
            self.ratio, offset = _read_rows(blob, offset, size)
            self.upos_ratio, offset = _read_rows(blob, offset, size)
        if offset != len(blob):
            raise ValueError(f"{DATA_FILE} is damaged (its sections and its header disagree)")
        # What a class distribution after each class comes to (see :meth:`associate`), by the
        # distribution: a few hundred distinct ones.
        self._columns: dict[tuple[bool, Distribution], list[float]] = {}

    def _derive_ratios(
        self, pairs: array[float], upos_pairs: array[float]
    ) -> tuple[list[list[float]], list[list[float]]]:
        """The ratios of the class pairs (see :func:`_ratios`): of the parts of speech alone, then of the classes."""
        size = self.size
        upos_ratio = _ratios(upos_pairs, size, [[1.0] * size for _ in range(size)])
        # A frequent word's class falls back on its parts of speech (`باید`, an auxiliary).
        parts: list[Distribution] = [((i, 1.0),) for i in range(len(UPOS) + 1)]
        parts += [self.distribution(name) for name in self.classes[len(UPOS) + 1 :]]
        return upos_ratio, _ratios(pairs, size, _mixed(upos_ratio, parts))

    def distribution(self, word: str) -> Distribution:
        """The word's parts of speech and their weights (``""`` is the break before a clause)."""
        if not word:
            return ((0, 1.0),)
        index = self.model.ids.get(normalize_word(word), 0)
        if index:
            return self.table[self.codes[index]]
        guess = form_classes(word)
        if guess:
            return tuple((self.index[name], weight) for name, weight in guess.items())
        return self.unknown

    def own_class(self, word: str) -> int:
        """The word's own class, 0 when it is not one of the frequent words that have one."""
        return self.own.get(self.model.ids.get(normalize_word(word), 0), 0) if word else 0

    def association(self, prev: str, word: str) -> float:
        """Log of ``F(prev, word)``: how much likelier ``word`` is after ``prev`` than on its own, by
        their classes (``prev=""`` is a clause break).

        >>> c = classes()
        >>> c.association("به", "کتابخانه\\u200cهای") > 0 > c.association("به", "می\\u200cنویسیم")
        True
        """
        return _association(self, prev, word)

    def profile(self, word: str) -> Profile:
        """What :meth:`associate` asks of a word, looked up once (a caller scoring many pairs of the
        same words keeps it)."""
        return Profile(bool(word), _NUMBER().fullmatch(word) is not None, self.own_class(word), self.distribution(word))

    def associate(self, prev: Profile, word: Profile) -> float:
        """:meth:`association` of two words' profiles."""
        if not word.present:
            return 0.0  # no word (a lone dash): the classes say nothing
        if prev.number and word.number:
            # Two numbers in digits side by side are two numbers (a date's year and the next one's
            # day: `۱۳۹۷ ۶`), not one: the treebanks' pairs of numbers are `سه هزار`, `۳۰ هزار`, a
            # number and a number word. Read as those, the pair was 30 times likelier than its
            # words, and undamaged news lines read better with one date's end before the next's
            # start (benchmarks/layout.py, ParsiNLU news).
            return 0.0
        first, second = prev.own, word.own
        if first and second:
            # Two frequent words: their pair is the word bigram itself; only their parts of speech
            # say more.
            ratio = self.upos_ratio
            left, right = prev.distribution, word.distribution
        else:
            ratio = self.ratio
            left = ((first, 1.0),) if first else prev.distribution
            right = ((second, 1.0),) if second else word.distribution
        key = (ratio is self.upos_ratio, right)
        column = self._columns.get(key)
        if column is None:
            # Σ share · ratio[a][b] over the right word's classes, for every class a before it.
            column = self._columns[key] = [sum(share * row[b] for b, share in right) for row in ratio]
        total = 0.0
        for a, weight in left:
            total += weight * column[a]
        return math.log(total) if total > 0 else 0.0

    def pair_probability(self, prev: str, word: str, prior: float) -> float:
        """``P(word | prev)`` in the back-off text, by absolute discounting like the model's bigrams,
        backing off to ``prior``; ``prior`` itself when that text never has a word after ``prev`` or
        the model does not know ``word`` (a lone dash, a name: that text knows no more of it).

        >>> c = classes()
        >>> c.pair_probability("طبق", "قوانین", 1e-5) > c.pair_probability("قوانین", "طبق", 1e-5)
        True
        """
        first = self.model.ids.get(normalize_word(prev), 0) if prev else 0
        second = self.model.ids.get(normalize_word(word), 0) if word else 0
        return self.pair_probability_of(first, second, prior)

    def pair_probability_of(self, first: int, second: int, prior: float) -> float:
        """:meth:`pair_probability` of two words by their ids in the language model (0: unknown)."""
        total = self.totals[first] if first and second else 0
        if not total:
            return prior
        low, high = self.starts[first], self.starts[first + 1]
        at = bisect_left(self.seconds, second, low, high)
        seen = self.pair_counts[at] if at < high and self.seconds[at] == second else 0
        return (max(seen - DISCOUNT, 0.0) + DISCOUNT * (high - low) * prior) / total


def _mixed(ratio: list[list[float]], parts: list[Distribution]) -> list[list[float]]:
    """For every pair of classes (each a distribution over the parts of speech, ``parts``), their
    parts' ``ratio`` weighted by the two distributions: ``Σ wa · wb · ratio[a][b]`` over the parts
    ``a`` of the first class and ``b`` of the second, added up a outer, b inner, from 0.

    Every product and sum is made in C (:func:`map`), in the same order as that double loop, so each
    float is the same to the last bit; the double loop, a generator summed per cell (28,000 of them),
    was two thirds of the time ``classes.bin`` took to load.

    >>> ratio = [[1.0, 2.0], [3.0, 4.0]]
    >>> _mixed(ratio, [((0, 1.0),), ((0, 0.5), (1, 0.5))])
    [[1.0, 1.5], [2.0, 2.5]]
    """
    size = len(parts)
    lengths = [len(part) for part in parts]
    firsts = list(accumulate(lengths, initial=0))
    seconds = [b for part in parts for b, _ in part]
    weights = [wb for part in parts for _, wb in part]
    # The columns by their number of parts, most first: the columns that have a p-th part are then
    # the first ones, and each step adds the p-th terms to the head of the row.
    order = sorted(range(size), key=lengths.__getitem__, reverse=True)
    steps = [[firsts[j] + p for j in order if lengths[j] > p] for p in range(max(lengths, default=0))]
    back = sorted(range(size), key=order.__getitem__)
    # (a, wa): wa · wb · ratio[a][b] for every (b, wb) of every class, in the order of ``seconds``.
    terms: dict[tuple[int, float], list[float]] = {}
    rows: list[list[float]] = []
    for part in parts:
        row: list[float] = [0] * size  # the int 0 that sum() starts from
        for key in part:
            products = terms.get(key)
            if products is None:
                a, wa = key
                products = list(map(mul, map(mul, repeat(wa), weights), map(ratio[a].__getitem__, seconds)))
                terms[key] = products
            for step in steps:
                reached = len(step)
                row = list(map(add, row[:reached], map(products.__getitem__, step))) + row[reached:]
        rows.append(list(map(row.__getitem__, back)))
    return rows


def _ratios(pairs: array[float], size: int, prior: list[list[float]]) -> list[list[float]]:
    """``P(cb | ca) / P(cb)`` for every pair of classes: each cell's observed over expected count,
    shrunk towards its ``prior`` ratio by :data:`PAIR_PRIOR` pairs' worth of expectation.

    A cell expected a few times (a frequent word's row, sparse) keeps little of its own count: a
    pair never seen there reads as its parts of speech do, not as impossible. One expected
    thousands of times is its own count: ``(n + k · prior) / (e + k)``, Bayesian shrinkage with
    ``e`` the count that row and column shares predict.
    """
    rows = [sum(pairs[i * size : (i + 1) * size]) for i in range(size)]
    columns = [sum(pairs[j::size]) for j in range(size)]
    total = sum(columns) or 1.0
    # (n + k · prior) / (row · column / total + k), cell by cell in C (map), each the same float as
    # the expression written out.
    prior_weight, shrink = repeat(PAIR_PRIOR), repeat(PAIR_PRIOR)
    return [
        list(
            map(
                truediv,
                map(add, pairs[i * size : (i + 1) * size], map(mul, prior_weight, prior[i])),
                map(add, map(truediv, map(mul, repeat(rows[i]), columns), repeat(total)), shrink),
            )
        )
        for i in range(size)
    ]


@lru_cache(maxsize=1 << 16)
def _association(model: WordClasses, prev: str, word: str) -> float:
    return model.associate(model.profile(prev), model.profile(word))


def load(path: str | PathLike[str] | None = None, words: LanguageModel | None = None) -> WordClasses:
    """Load a word-class file; without a path, the one shipped in the package."""
    return WordClasses(read_file(path, DATA_FILE), words if words is not None else language_model())


@cache
def classes() -> WordClasses:
    """The shipped word classes, loaded once per process."""
    return load()
