"""The language model: loading the shipped artefact and scoring words and word sequences.

File format (``dorost/data/lm.bin``), written by ``scripts/build_model.py``::

    b"DOROSTLM" + version byte, then uint32 CRC-32 of the rest, which is not compressed (reading
    10 MB costs less than inflating 1 MB; versions 1 and 2: a zlib stream instead of the CRC and the rest):
    uint32 header length, a JSON header, then little-endian sections:
    vocabulary (UTF-16-LE, one word a line, as the program holds them; versions 1 and 2: UTF-8; id 0
    is "" = a sentence or clause break),
    counts uint32[V], text_counts uint32[V], context totals uint32[V], distinct followers uint32[V],
    bigram keys int64[B] (prev_id * V + word_id, sorted), bigram counts uint32[B], where each word's
    pairs start among the keys uint32[V+1] (the running sum of the followers; from version 3),
    sentence starts uint32[V] (how often the word starts a sentence), sentence ends uint32[V] (how
    often a sentence-final mark follows it), after Latin uint32[V] and before Latin uint32[V] (how
    often a Latin word comes just before it, just after it; only where the header has
    ``after_latin``).

The clause break (id 0) is any point where a run of Persian words is broken: punctuation, a Latin
word, a line start. The sentence counts are narrower: a sentence starts at a paragraph's start or
after . ! ? ؟ and a space, and ends at such a mark; the header holds the number of sentences.

Smoothing is interpolated absolute discounting (Ney, Essen and Kneser 1994): the bigram estimate
gives away ``D`` per seen follower, and that mass goes to the unigram distribution, itself
add-``k`` smoothed over the vocabulary plus one unknown class.
"""

from __future__ import annotations

import json
import math
import re
import sys
import threading
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, pairwise
from os import PathLike
from os.path import dirname, join
from typing import Any

from dorost.chars import ARABIC_KAF, ARABIC_YEH, KASHIDA, PERSIAN_KEHEH, PERSIAN_YEH, ZWNJ

MAGIC = b"DOROSTLM"
VERSION = 3
DISCOUNT = 0.75
UNIGRAM_ADD = 0.5
# How many occurrences' worth of the share over all words a word's sentence-end share starts from.
END_PRIOR = 2.0

# Harakat, tanwin, shadda, sukun and the superscript alef carry no spelling decision.
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670" + KASHIDA
_LOOKUP_FORM = str.maketrans(
    {ARABIC_YEH: PERSIAN_YEH, "\u0649": PERSIAN_YEH, ARABIC_KAF: PERSIAN_KEHEH} | dict.fromkeys(_MARKS)
)
# What normalize_word changes: most words hold none of it, and one search (in C) is five times
# cheaper than str.translate, which looks every character up in a dict.
_CHANGED = re.compile(f"[{_MARKS}{ARABIC_YEH}\u0649{ARABIC_KAF}]")


def normalize_word(word: str) -> str:
    """The lookup form of a word: Persian ی and ک, no diacritics or kashida, ZWNJ kept.

    >>> normalize_word("عمدتاً") == "عمدتا"
    True
    >>> normalize_word("كتاب\\u200cها") == "کتاب\\u200cها"
    True
    """
    return word.translate(_LOOKUP_FORM) if _CHANGED.search(word) else word


def skeleton(word: str) -> str:
    """The word's letters without its ZWNJs: the key that groups its spellings.

    >>> skeleton("می\\u200cشود") == "میشود"
    True
    """
    return word.replace(ZWNJ, "")


def read_array(typecode: str, blob: memoryview, offset: int, count: int) -> tuple[array[int], int]:
    values = array(typecode)
    size = values.itemsize * count
    values.frombytes(blob[offset : offset + size])
    if sys.byteorder == "big":
        values.byteswap()
    return values, offset + size


def read_header(
    data: bytes, magic: bytes, version: int, name: str, kind: str
) -> tuple[memoryview, dict[str, Any], int]:
    """A data file laid out as ``magic`` + version byte + uint32 header length + JSON header + sections (the spacing
    fix's tables): the file as a memoryview, its header, and where its sections start.

    Raises ValueError, saying why, for a file that is no ``kind`` file (``name``) or of another format version.
    """
    start = len(magic) + 1
    if not data.startswith(magic) or len(data) < start + 4:
        raise ValueError(f"not a dorost {kind} file ({name})")
    if data[len(magic)] != version:
        raise ValueError(f"{name} is of format version {data[len(magic)]}, this dorost reads {version}")
    blob = memoryview(data)
    size = int.from_bytes(blob[start : start + 4], "little")
    return blob, json.loads(bytes(blob[start + 4 : start + 4 + size])), start + 4 + size


def fingerprint(data: bytes) -> dict[str, int]:
    """What names a model file: its size and CRC-32 (the tables derived from it name it so): the CRC-32 of
    its sections, which the file holds (checked as it loads); of the whole file for versions 1 and 2."""
    if len(data) > len(MAGIC) + 4 and data[len(MAGIC)] > 2:
        crc = int.from_bytes(data[len(MAGIC) + 1 : len(MAGIC) + 5], "little")
    else:
        crc = zlib.crc32(data)
    return {"model_bytes": len(data), "model_crc32": crc}


class LanguageModel:
    """Word unigram and bigram counts with smoothed log-probabilities (natural logarithms)."""

    def __init__(self, data: bytes, *, sections: bytes | memoryview | None = None) -> None:
        """Read a model file's bytes; ``sections``: what :func:`read_sections` read of them (see :func:`prefetch`)."""
        version = data[len(MAGIC)] if data.startswith(MAGIC) and len(data) > len(MAGIC) else 0
        if version not in (1, 2, VERSION):
            raise ValueError("not a dorost language model file (or a different version)")
        blob = memoryview(sections if sections is not None else read_sections(data))
        #: The file's size and CRC-32: tables derived from it (``spellings.bin``) must name the same.
        self.fingerprint = fingerprint(data)
        header_len = int.from_bytes(blob[:4], "little")
        self.header: dict[str, object] = json.loads(bytes(blob[4 : 4 + header_len]))
        offset = 4 + header_len
        vocab_bytes = int(self.header["vocab_bytes"])
        vocabulary = blob[offset : offset + vocab_bytes]
        self.words: list[str] = str(vocabulary, "utf-16-le" if version > 2 else "utf-8").split("\n")
        offset += vocab_bytes
        size = len(self.words)
        self.ids: dict[str, int] = dict(zip(self.words, range(size), strict=True))
        self.counts, offset = read_array("I", blob, offset, size)
        self.text_counts, offset = read_array("I", blob, offset, size)
        self.context_totals, offset = read_array("I", blob, offset, size)
        self.followers, offset = read_array("I", blob, offset, size)
        pairs = int(self.header["bigrams"])
        self.bigram_keys, offset = read_array("q", blob, offset, pairs)
        self.bigram_counts, offset = read_array("I", blob, offset, pairs)
        # Where each first word's pairs start among the sorted keys: its distinct followers are its
        # pairs, so their running sum says (a lookup then bisects one word's pairs, not all of them).
        # From version 3 the file holds the sum (a tenth of the load's time when it was counted here).
        if version > 2:
            starts, offset = read_array("I", blob, offset, size + 1)
        else:
            starts = array("I", accumulate(self.followers, initial=0))
        self._starts = starts if starts[-1] == pairs else None  # (else the followers are not the pairs)
        # Version 1 files count no sentences: sentence starts are then clause breaks.
        sentences = version > 1
        self.sentence_starts, offset = read_array("I", blob, offset, size if sentences else 0)
        self.sentence_ends, offset = read_array("I", blob, offset, size if sentences else 0)
        # Counts beside Latin words: in files whose header has them.
        latin = "after_latin" in self.header
        self.after_latin, offset = read_array("I", blob, offset, size if latin else 0)
        self.before_latin, offset = read_array("I", blob, offset, size if latin else 0)
        self._after_latin = int(self.header.get("after_latin", 0))
        self._after_latin_words = int(self.header.get("after_latin_words", 0))
        #: The words of running text counted (the lexicons' words aside), at least 1.
        self.text_tokens = max(1, int(self.header["text_tokens"]))
        self._latin_rate = max(1, int(self.header.get("before_latin", 0))) / self.text_tokens
        self._sentences = int(self.header.get("sentences", 0))
        self._start_words = int(self.header.get("sentence_start_words", 0))
        # The share of running-text words a sentence-final mark follows: the prior of every word's
        # own share (see :meth:`sentence_end_logprob`).
        # (A file that counts no sentences gives every word the same small share.)
        ends = max(1, int(self.header.get("sentence_ends", 0)))
        self._end_rate = ends / self.text_tokens
        self.total = int(self.header["tokens"])
        self.size = size
        denominator = self.total + UNIGRAM_ADD * (size + 1)
        self._log_denominator = math.log(denominator)
        self.unknown_logprob = math.log(UNIGRAM_ADD) - self._log_denominator
        self._skeletons: dict[str, list[int]] | None = None
        # A sum over the vocabulary: counted at the first call, not at each (see :meth:`latin_start_logprob`).
        self._latin_start: float | None = None

    # --- counts ----------------------------------------------------------------------------

    def index(self, word: str) -> int:
        """The word's id, 0 when unseen (the vocabulary holds lookup forms only, so a direct hit is one)."""
        found = self.ids.get(word)
        if found is None:
            found = self.ids.get(normalize_word(word), 0)
        return found

    def word_count(self, word: str) -> int:
        """Corpus frequency of this exact spelling (ZWNJ kept; ی ک unified); 0 when unseen."""
        index = self.index(word)
        return self.counts[index] if index else 0

    def text_count(self, word: str) -> int:
        """How often running text (not a word list) spells the word exactly so."""
        index = self.index(word)
        return self.text_counts[index] if index else 0

    def is_word(self, word: str) -> bool:
        """True when the spelling is attested in the corpora or the lexicons."""
        return self.index(word) > 0

    def bigram_count(self, prev: str, word: str) -> int:
        """How often ``word`` follows ``prev`` in running text ("" is a clause break)."""
        first = self.ids.get(normalize_word(prev), -1) if prev else 0
        second = self.ids.get(normalize_word(word), 0)
        if first < 0 or second <= 0:
            return 0
        return self.pair_count(first, second)

    def pair_count(self, first: int, second: int) -> int:
        """:meth:`bigram_count` of two words by their ids (``first`` 0: a clause break; ``second`` > 0)."""
        key = first * self.size + second
        keys = self.bigram_keys
        starts = self._starts
        if starts is None:
            low, high = 0, len(keys)
        else:
            low, high = starts[first], starts[first + 1]
        index = bisect_left(keys, key, low, high)
        if index < high and keys[index] == key:
            return int(self.bigram_counts[index])
        return 0

    def spellings(self, letters: str) -> list[str]:
        """Attested spellings whose letters, ZWNJs removed, are ``letters``, most frequent first.

        >>> m = model()
        >>> "می\\u200cشود" in m.spellings("میشود")
        True
        """
        if self._skeletons is None:
            index: dict[str, list[int]] = {}
            for word_id, word in enumerate(self.words):
                if word_id:
                    index.setdefault(word.replace(ZWNJ, ""), []).append(word_id)
            self._skeletons = index
        ids = self._skeletons.get(normalize_word(letters).replace(ZWNJ, ""), [])
        return [self.words[i] for i in sorted(ids, key=lambda i: -self.counts[i])]

    # --- probabilities -----------------------------------------------------------------------

    def unigram_logprob(self, index: int) -> float:
        """:meth:`word_logprob` of a word by its id (0 or less: an unseen word).

        >>> m = model()
        >>> m.unigram_logprob(m.index("کتاب")) == m.word_logprob("کتاب")
        True
        """
        if index <= 0:
            return self.unknown_logprob
        return math.log(self.counts[index] + UNIGRAM_ADD) - self._log_denominator

    def word_logprob(self, word: str) -> float:
        """Smoothed unigram log-probability (natural log); unseen words share one small value."""
        return self.unigram_logprob(self.ids.get(normalize_word(word), 0))

    def _conditional(self, first: int, second: int) -> float:
        unigram = self.unigram_logprob(second)
        if first < 0:
            return unigram
        total = self.context_totals[first]
        if total == 0:
            return unigram
        seen = self.pair_count(first, second) if second > 0 else 0
        backoff = DISCOUNT * self.followers[first] / total
        return math.log(max(seen - DISCOUNT, 0.0) / total + backoff * math.exp(unigram))

    def bigram_logprob(self, prev: str, word: str) -> float:
        """Smoothed log P(word | prev), backing off to the unigram; ``prev=""`` means a clause start."""
        first = self.ids.get(normalize_word(prev), -1) if prev else 0
        return self._conditional(first, self.ids.get(normalize_word(word), 0))

    def sentence_start_logprob(self, word: str) -> float:
        """Smoothed log P(word starts a sentence), backing off to the unigram like a bigram.

        Narrower than ``bigram_logprob("", word)``, whose context is any clause break (after a comma or
        a Latin word too: ``state را``): here only a paragraph's start or . ! ? ؟ come before.

        >>> m = model()
        >>> m.sentence_start_logprob("را") < m.word_logprob("را") < m.bigram_logprob("", "را")
        True
        """
        index = self.ids.get(normalize_word(word), 0)
        total = self._sentences
        if total == 0:
            return self._conditional(0, index)
        unigram = self.unigram_logprob(index)
        seen = self.sentence_starts[index] if index > 0 else 0
        backoff = DISCOUNT * self._start_words / total
        return math.log(max(seen - DISCOUNT, 0.0) / total + backoff * math.exp(unigram))

    def sentence_end_logprob(self, word: str) -> float:
        """Log-probability that a sentence-final mark (. ! ? ؟) follows the word: how well it ends a sentence.

        The word's own share of running text where a mark follows it, smoothed towards the share
        over all words (:data:`END_PRIOR` occurrences' worth), so that a rare word says little.
        Persian sentences end with a verb: ``است`` and ``می\\u200cشود`` end far more sentences than ``را``.

        >>> m = model()
        >>> m.sentence_end_logprob("است") > m.sentence_end_logprob("کتاب") > m.sentence_end_logprob("را")
        True
        """
        index = self.ids.get(normalize_word(word), 0)
        seen = self.sentence_ends[index] if index > 0 and self.sentence_ends else 0
        count = self.text_counts[index] if index > 0 else 0
        return math.log((seen + END_PRIOR * self._end_rate) / (count + END_PRIOR))

    def after_latin_logprob(self, word: str) -> float:
        """Smoothed log P(word | a Latin word just before it), backing off to the unigram like a bigram.

        The Persian word after a Latin one (``ref را``, ``Vue را``): the object marker, postpositions
        and verbs are likely there. A file without these counts gives the clause-break estimate.

        >>> m = model()
        >>> m.after_latin_logprob("را") > m.word_logprob("را")
        True
        """
        index = self.ids.get(normalize_word(word), 0)
        total = self._after_latin
        if total == 0:
            return self._conditional(0, index)
        seen = self.after_latin[index] if index > 0 else 0
        backoff = DISCOUNT * self._after_latin_words / total
        return math.log(max(seen - DISCOUNT, 0.0) / total + backoff * math.exp(self.unigram_logprob(index)))

    def before_latin_logprob(self, word: str) -> float:
        """Log-probability that a Latin word follows the word (``مانند HTTP``, ``از طریق Composition``).

        The word's own share of running text, smoothed towards the share over all words like
        :meth:`sentence_end_logprob`.

        >>> m = model()
        >>> m.before_latin_logprob("مانند") > m.before_latin_logprob("است")
        True
        """
        index = self.ids.get(normalize_word(word), 0)
        seen = self.before_latin[index] if index > 0 and self.before_latin else 0
        count = self.text_counts[index] if index > 0 else 0
        return math.log((seen + END_PRIOR * self._latin_rate) / (count + END_PRIOR))

    def latin_start_logprob(self) -> float:
        """Log-probability that a sentence starts with something other than a Persian word (a Latin
        word mostly): the sentences less those that start with a Persian word."""
        if self._latin_start is None:
            persian = sum(self.sentence_starts) if self.sentence_starts else 0
            self._latin_start = math.log(max(1, max(1, self._sentences) - persian) / max(1, self._sentences))
        return self._latin_start

    def sequence_logprob(self, words: Sequence[str], start: bool = False) -> float:
        """Log-probability of a run of words; with ``start`` the first word is scored as a clause start."""
        ids = [self.ids.get(normalize_word(word), 0) for word in words]
        if not ids:
            return 0.0
        total = self._conditional(0, ids[0]) if start else self.unigram_logprob(ids[0])
        for first, second in pairwise(ids):
            total += self._conditional(first if first > 0 else -1, second)
        return total


DATA_FILE = "lm.bin"


def read_sections(data: bytes) -> bytes | memoryview:
    """A model file's sections (after its version byte): checked against the CRC-32 that the file holds, or
    inflated (versions 1 and 2, whose zlib stream checks itself). Raises ValueError on a damaged file."""
    if data[len(MAGIC)] < 3:
        return zlib.decompress(memoryview(data)[len(MAGIC) + 1 :])
    sections = memoryview(data)[len(MAGIC) + 5 :]
    if len(data) < len(MAGIC) + 5 or zlib.crc32(sections) != int.from_bytes(
        data[len(MAGIC) + 1 : len(MAGIC) + 5], "little"
    ):
        raise ValueError("the language model file is damaged (its CRC-32 does not match)")
    return sections


def read_file(path: str | PathLike[str] | None, name: str) -> bytes:
    """The bytes of the file at ``path``; without a path, of the data file ``name`` shipped in the package.

    The shipped file is read beside the package's modules, as it is installed; only a package
    imported from a zip archive goes through :mod:`importlib.resources`, whose import (with
    ``pathlib``, ``tempfile`` and ``shutil``) was a tenth of ``import dorost``.
    """
    if path is not None:
        with open(path, "rb") as file:
            return file.read()
    try:
        with open(join(dirname(dirname(__file__)), "data", name), "rb") as file:
            return file.read()
    except OSError:  # pragma: no cover - not on a file system (a zip archive)
        from importlib import resources

        return resources.files("dorost").joinpath("data", name).read_bytes()


def load(path: str | PathLike[str] | None = None) -> LanguageModel:
    """Load a model file; without a path, the one shipped in the package (read by :func:`prefetch`
    when it was asked to)."""
    if path is None and (_prefetching or _prefetched):
        finish_prefetch()
        try:
            data, sections = _prefetched.pop()
        except IndexError:  # the thread could not read it (or another caller took it)
            pass
        else:
            return LanguageModel(data, sections=sections)
    return LanguageModel(read_file(path, DATA_FILE))


# The thread that :func:`prefetch` started, and what it read: the file's bytes and their sections, checked.
_prefetching: list[threading.Thread] = []
_prefetched: list[tuple[bytes, bytes | memoryview]] = []


def prefetch() -> None:
    """Read and check the shipped model file in a thread, while this one goes on (zlib lets go of
    the interpreter lock as it computes the CRC-32): :func:`model` then only decodes it. For a program
    about to load the model that has other work first (``dorost batch`` imports its runner and opens its
    inputs). Nothing is read when the model is loaded.
    """
    if model.cache_info().currsize or _prefetching or _prefetched:
        return

    def read() -> None:
        try:
            data = read_file(None, DATA_FILE)
            _prefetched.append((data, read_sections(data)))
        except Exception:  # load() reads the file again, and says what is wrong with it
            pass

    thread = threading.Thread(target=read, name="dorost-model-prefetch", daemon=True)
    thread.start()
    _prefetching.append(thread)


def finish_prefetch() -> None:
    """Wait for :func:`prefetch`'s thread to end (what it read is kept for :func:`model`): a program
    that forks must have no other thread."""
    for thread in list(_prefetching):
        thread.join()
    _prefetching.clear()


def drop_prefetch() -> None:
    """Forget what :func:`prefetch` read and :func:`model` has not used (a run whose fixes need no
    model, or whose workers load it elsewhere): the file's 10 MB are not held for nothing."""
    finish_prefetch()
    _prefetched.clear()


@cache
def model() -> LanguageModel:
    """The shipped model, loaded once per process."""
    return load()
