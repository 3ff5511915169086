"""What the whole text shows: the kinds of damage it has, read once per text and on first need.

A text that lost ZWNJs (میشود), lost spaces (ازیک), turned ZWNJs into spaces (می شود), or has words torn by spaces
(منب ع) prices the readings of its stretches otherwise than clean text does, and how a text writes its commonly
joined words (آنها) says whether they are its author's spelling, as the ZWNJs it writes intact say how its author
spells the same words where damage took theirs (``Echo``). Each sign is read only where a stretch asks it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress, islice, pairwise, repeat
from operator import is_

from dorost.chars import ARABIC_LETTER_CLASS, NON_JOINING, ZWNJ
from dorost.fixes.spacing.lexicon import FUNCTION_WORD_TEXT, GLUE_RARE_TEXT, KEY_CHANGES, MAX_UNIT, Lexicon
from dorost.fixes.spacing.readings import candidates, text_words
from dorost.fixes.spacing.words import AND, MARK_CLASS, MARKS, RUN, WORD, joins_next
from dorost.patterns import lazy_pattern

# A commonly joined spelling (آنها, ``Lexicon.kept_joined``) stays even in a text that lost ZWNJs where the text
# writes it joined this many times and never otherwise (``Usage``).
OWN_JOINED_TIMES = 2
# A text shows glued words (``Lexicon.shows_glue``) where it holds one for every this many characters at least: a long
# clean article has a typo or two (درچنین), a text that lost spaces one in every few sentences (2,500 characters: some
# 450 words).
GLUE_SIGN_CHARS = 2500
# A text that writes no ZWNJ, shows no glued word and no ZWNJ turned into a space, and holds this many words that lost a
# ZWNJ (میدهند, تستهای) lost all its ZWNJs: two words of running text run together there (جدولمحور) are a compound
# that lost its ZWNJ (جدول\u200cمحور), not a pair that lost a space (``_lost_zwnj_pair``). At 1, short lines of
# realistic damage that lost a space as well (ایرانیهستند) took a ZWNJ; chosen on the dev split.
LOST_PAIR_SIGNS = 2
# Affixes that never stand alone in correct modern text: one of them as a word shows ZWNJs turned to spaces.
_SPACED_AFFIXES = frozenset({"می", "نمی", "ها", "های", "هایی", "هایش", "هایشان"})
# A word the text writes on its own this many times at least, of OWN_WORD_LETTERS letters or more, that running text
# writes fewer than OWN_WORD_TEXT times, is a word of the text (``Vocabulary``): a term (نیکل, صفرا) that the
# model knows from word lists only. Once is no proof: a damaged text writes pieces of torn words on their own too.
# At 2, a word seen once in running text (روده) was carved out of compounds the model does not know (درازروده, in
# clean text); chosen on the news articles of ``benchmarks/article.py``.
OWN_WORD_TIMES = 2
OWN_WORD_LETTERS = 4
OWN_WORD_TEXT = 1
# Lone letters (``_LONE_LETTER``) that show a text's words torn by spaces: abbreviations (ق.م, ه.ش) make one or two.
TORN_SIGN_WORDS = 3
# ... and at least one for every this many characters of the text: a long clean text has a few (ه.ش, م.) here and there.
TORN_SIGN_CHARS = 500
_NOT_TORN = frozenset({AND, "ی"})
# A run of Persian words beside an ASCII character other than these is in code or a Latin context
# (print("شده\u200cاست"), a_b\u200cc): its ZWNJs are no sighting of the author's spelling (``Echo``). Spaces, line
# breaks and the punctuation of sentences stand beside prose.
_PROSE_ASCII = frozenset(" \t\n\r.,;:!?()")
# The most pairs a text's sightings hold (``Echo``): memory stays bounded on a text of many megabytes, which writes
# some thousands of distinct ZWNJ spellings; a pair first seen after these is not remembered.
ECHO_PAIRS = 100_000
# A verbal prefix standing alone before a Persian word, or a plural suffix after a letter that joins the next (می شود,
# گروه ها): a ZWNJ the text lost to a space (not a suffix on a Latin word, refها, which ``Signs.spaced`` reads as a
# word ها). And the same affixes with their ZWNJ, intact (می\u200cشود, گروه\u200cها).
_JOINING_LETTER = f"(?![{NON_JOINING}])[{ARABIC_LETTER_CLASS}]"
_PLURAL = "(?:ها|های|هایی|هایش|هایشان)"
_SPACED_AFFIX = lazy_pattern(
    f"(?<![{ARABIC_LETTER_CLASS}{MARK_CLASS}{ZWNJ}])(?:نمی|می) [{ARABIC_LETTER_CLASS}]"
    f"|{_JOINING_LETTER}[{MARK_CLASS}]* {_PLURAL}(?![{ARABIC_LETTER_CLASS}{MARK_CLASS}{ZWNJ}])"
)
_INTACT_AFFIX = lazy_pattern(
    f"(?<![{ARABIC_LETTER_CLASS}{MARK_CLASS}{ZWNJ}])(?:نمی|می){ZWNJ}[{ARABIC_LETTER_CLASS}]"
    f"|{_JOINING_LETTER}[{MARK_CLASS}]*{ZWNJ}{_PLURAL}(?![{ARABIC_LETTER_CLASS}{MARK_CLASS}{ZWNJ}])"
)
# The characters of ``MARK_CLASS``, one by one (``_affixes``).
_MARK_CHARACTERS = frozenset(filter(re.compile(f"[{MARK_CLASS}]").match, map(chr, range(0x0600, 0x0700))))


def _affixes(pattern: re.Pattern[str], text: str, separator: str) -> int:
    """How many matches ``pattern`` (``_SPACED_AFFIX``, or ``_INTACT_AFFIX``: its ``separator`` a ZWNJ) has in ``text``,
    as ``finditer`` finds them.

    Each match holds the separator after (ن)می or before ها: it starts at می, at the ن before it, or at the letter
    before the marks before ها. Those places, found by str.find, are all a match may start at, and the pattern is tried
    at each in order past the last match's end (as finditer does): the patterns, which open with an alternation, are
    tried at every character of the text otherwise (about 50 ns a character).
    """
    starts: set[int] = set()
    head = "می" + separator
    at = text.find(head)
    while at >= 0:
        starts.update((at - 1, at))
        at = text.find(head, at + 1)
    tail = separator + "ها"
    at = text.find(tail)
    while at >= 0:
        letter = at - 1
        while letter >= 0 and text[letter] in _MARK_CHARACTERS:
            letter -= 1
        starts.add(letter)
        at = text.find(tail, at + 1)
    found = end = 0
    for start in sorted(starts):
        if start >= end:  # (never -1: past the start of the text, no letter)
            match = pattern.match(text, start)
            if match is not None:
                found += 1
                end = match.end()
    return found


class _Sign:
    """Whether the text being fixed holds a word that passes ``test`` (shows a kind of damage); found on first need."""

    def __init__(
        self,
        test: Callable[[str], bool],
        text: str,
        least: int = 1,
        words: re.Pattern[str] | None = None,
        found: list[str] | None = None,
        memory: dict[str, bool] | None = None,
    ) -> None:
        self.test = test
        self.text = text
        self.least = least  # how many such words make the sign
        self.words = words or _WORD_ONLY  # the words to test (a narrower pattern finds fewer)
        self.found = found  # the words the pattern finds in the text, where already known
        self.memory = memory  # where ``test`` remembers its verdicts by word, if it does
        self.verdict: bool | None = None

    def __bool__(self) -> bool:
        if self.verdict is None:
            words: Iterable[str] = self.words.findall(self.text) if self.found is None else self.found
            least = self.least
            if self.memory is not None:
                # The verdicts already remembered are read in C, and only the words not seen before are tested one by
                # one: a document of many lines is read whole, some hundreds of words, most of them remembered.
                remembered = list(map(self.memory.get, words))
                least -= remembered.count(True) if least > 1 else True in remembered
                words = compress(words, map(is_, remembered, repeat(None)))
            if least <= 0:
                self.verdict = True
            else:
                # Each word once, in the order of its first occurrence (a document repeats its words), where one
                # word makes the sign; where several must, each occurrence counts.
                found = filter(self.test, dict.fromkeys(words) if self.least == 1 else words)
                self.verdict = next(islice(found, least - 1, None), None) is not None
        return self.verdict


class _Usage:
    """How the text being fixed writes its words (counted on first need): a commonly joined spelling (آنها) that the
    text writes joined again and again, and never with a ZWNJ or a space (آن\u200cها, آن ها), is its author's
    spelling, even where other words lost their ZWNJs."""

    def __init__(self, text: str, found: list[str] | None = None) -> None:
        self.text = text
        self.found = found  # the words ``_WORD_ONLY`` finds in the text, where already known
        self.counts: dict[str, int] | None = None
        self.verdicts: dict[str, bool] = {}
        self.set_off: dict[str, bool] = {}
        self.zwnj_count: int | None = None

    def joined_only(self, lex: Lexicon, word: str) -> bool:
        verdict = self.verdicts.get(word)
        if verdict is None:
            if self.counts is None:
                # Only a text that writes ZWNJs somewhere shows a choice (with all of them lost, آنها says nothing).
                self.counts = {}
                if self.text.count(ZWNJ) >= OWN_JOINED_TIMES:
                    self.counts = Counter(_WORD_ONLY.findall(self.text) if self.found is None else self.found)
            verdict = self.counts.get(word, 0) >= OWN_JOINED_TIMES and not any(
                self.counts.get(spelled, 0) or spelled.replace(ZWNJ, " ") in self.text
                for spelled in (lex.lm.words[index] for index in lex.spellings(lex.key(word)))
                if ZWNJ in spelled
            )
            self.verdicts[word] = verdict
        return verdict

    def zwnjs(self) -> int:
        """How many ZWNJs the text writes."""
        if self.zwnj_count is None:
            self.zwnj_count = self.text.count(ZWNJ)
        return self.zwnj_count

    def sets_off(self, part: str) -> bool:
        """True when the text writes ``part`` at the start of a word with a ZWNJ after it (به\u200cویژه): the author
        sets that part off by ZWNJ."""
        verdict = self.set_off.get(part)
        if verdict is None:
            verdict = re.search(f"(?<![{ARABIC_LETTER_CLASS}{ZWNJ}]){re.escape(part)}{ZWNJ}", self.text) is not None
            self.set_off[part] = verdict
        return verdict


class Echo:
    """The spellings the text itself writes with a ZWNJ, intact: each pair of parts a ZWNJ joins (شده\u200cاست:
    شده, است) with its number of sightings, counted on first need.

    Damage loses a ZWNJ or turns it into a space, never adds one, so a ZWNJ the text writes is its author's: where the
    same two words stand apart or run together elsewhere in a text that shows such damage, the author's spelling is
    the ZWNJ one, whatever the genre of running text prefers (شده است 628 times to 62 in the human text of the model,
    شده\u200cاست 190 to 58 in ParsiNLU's news). Only the words of the text's runs count (``runs``: outside URLs and
    paths), and not a run beside code or Latin (``_PROSE_ASCII``), nor a ZWNJ after a letter that joins no next
    letter (ا د ذ ر ز ژ و: void, a typo).
    """

    def __init__(self, text: str, runs: list[tuple[int, str]]) -> None:
        self.text = text
        self.runs = runs
        self.counts: dict[tuple[str, str], int] | None = None
        self.spaced_share: float | None = None
        self.joined: dict[str, tuple[str, str] | None] | None = None
        self.first_parts: frozenset[str] | None = None

    def spaced(self) -> float:
        """The share of the verbal prefixes and plural suffixes that the text writes apart (می شود, گروه ها) among
        those it writes apart or with their ZWNJ (``_SPACED_AFFIX``, ``_INTACT_AFFIX``): how often the text turned a
        ZWNJ into a space, where it did (a careless author writes some apart too, and so does the damage)."""
        if self.spaced_share is None:
            spaced = _affixes(_SPACED_AFFIX(), self.text, " ")
            intact = _affixes(_INTACT_AFFIX(), self.text, ZWNJ) if spaced else 0
            self.spaced_share = spaced / (spaced + intact) if spaced else 0.0
        return self.spaced_share

    def pairs(self) -> dict[tuple[str, str], int]:
        """Each pair of parts the text joins by a ZWNJ, with its number of sightings (counted on first need)."""
        counts = self.counts
        if counts is None:
            counts = self.counts = self._count()
        return counts

    def sightings(self, head: str, tail: str) -> int:
        """How many times the text writes ``head`` and ``tail`` as parts joined by a ZWNJ."""
        return self.pairs().get((head, tail), 0)

    def heads(self) -> frozenset[str]:
        """The first parts of the text's sightings."""
        if self.first_parts is None:
            self.first_parts = frozenset(head for head, _tail in self.pairs())
        return self.first_parts

    def joined_letters(self) -> dict[str, tuple[str, str] | None]:
        """The letters of each sighting run together, with its two parts (``parts``)."""
        joined = self.joined
        if joined is None:
            joined = self.joined = {}
            for head, tail in self.pairs():
                letters = head + tail
                # Letters that two pairs spell (the text writes both X\u200cYZ and XY\u200cZ) say nothing.
                joined[letters] = None if letters in joined else (head, tail)
        return joined

    def parts(self, word: str) -> tuple[str, str] | None:
        """The two parts the text writes joined by a ZWNJ elsewhere whose letters run together spell ``word``
        (هم\u200cجوشه for همجوشه), if one such pair does."""
        return self.joined_letters().get(word)

    def _count(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        text = self.text
        if ZWNJ not in text:
            return counts
        end_of_text = len(text)
        written: list[str] = []  # the words with a ZWNJ, each time the text writes one
        for start, run in self.runs:
            if ZWNJ not in run:
                continue
            end = start + len(run)
            before = text[start - 1] if start else " "
            after = text[end] if end < end_of_text else " "
            if (before.isascii() and before not in _PROSE_ASCII) or (after.isascii() and after not in _PROSE_ASCII):
                continue
            # The run's words that hold a ZWNJ: split at its spaces, not found by a pattern (``[^ ]*ZWNJ[^ ]*`` is tried
            # from each letter of a word that holds none, to its end: a run with a word of 40,000 letters took 0.5 s).
            written += [word for word in run.split(" ") if ZWNJ in word]
        # Each word read once, in the order the text first writes it, with how many times it does (شده\u200cاست, a
        # thousand times in a long article): the pairs are the same, and so are the first ECHO_PAIRS of them.
        times_written: dict[str, int] = {}  # (not a Counter: one costs more than a paragraph's few such words)
        for word in written:
            times_written[word] = times_written.get(word, 0) + 1
        for word, times in times_written.items():
            parts = MARKS.sub("", word).split(ZWNJ)
            for head, tail in pairwise(parts):
                if not head or not tail or not joins_next(head[-1]):
                    continue
                key = (head, tail)
                if key in counts:
                    counts[key] += times
                elif len(counts) < ECHO_PAIRS:
                    counts[key] = times
        return counts


class Vocabulary:
    """The rare words the text writes as words of their own (counted on first need): a term the model knows from word
    lists only, which the text writes whole again and again (نیکل, صفرا), is a word of this text, so where its letters
    stand run into a neighbour (نیکلبرای, صفراجلوگیری) they are read as it, not as pieces that happen to be words
    (نی کل برای, صف را جلوگیری). The document is its own evidence, as a cache language model reads it (Kuhn and De Mori,
    1990). Not a spelling that has another with a ZWNJ or a space (میرسد), nor one that shows lost ZWNJs or glued
    words: those are the damage, written again and again.

    A word the model does not know at all, written whole twice, is such a term too (الکترونیکس, آمیزشی: kept whole
    where the text shows glued words, not read as الکترونی کس), where it passes ``_unknown_term`` and the text never
    writes it beside a neighbour that it makes a known word with (یروس of a torn ویروس)."""

    def __init__(self, text: str, found: list[str] | None) -> None:
        self.text = text
        self.found = found
        self.counts: dict[str, int] | None = None
        self.total = 0  # how many words the text holds
        self.every: dict[str, int] = {}  # every word of OWN_WORD_LETTERS letters or more, with its count (model keys)
        self.longest = 0  # the letters of the longest own word
        self.first_parts: frozenset[str] | None = None
        self.glued: Counter[str] | None = None  # the words that show glued words (model keys), with their counts
        self.derived: tuple[list[str], set[str]] | None = None  # what follows `نا`, what precedes `یی` (``derives``)

    def words(self, lex: Lexicon) -> dict[str, int]:
        """The text's own rare words (model keys), each with how many times the text writes it."""
        counts = self.counts
        if counts is None:
            words = self.found if self.found is not None else _WORD_ONLY.findall(self.text)
            self.total = len(words)
            lm = lex.lm
            # Every word counted at once (in C); the short and the ZWNJ'd ones passed over once each, not each time.
            seen = Counter(words)
            every = self.every = {
                word: times for word, times in seen.items() if len(word) >= OWN_WORD_LETTERS and ZWNJ not in word
            }
            # A word is its own key unless it holds what the lookup form changes (``KEY_CHANGES``: marks, kashida,
            # Arabic letters): only those few are looked up, found in C, and counted under their keys (a key is its
            # own key, so a word counted under one it also holds stays there).
            for word in list(filter(KEY_CHANGES.search, every)):
                times = every.pop(word)
                key = lex.key(word)
                if len(key) >= OWN_WORD_LETTERS and ZWNJ not in key:
                    every[key] = every.get(key, 0) + times
            counts = {
                key: times
                for key, times in every.items()
                if times >= OWN_WORD_TIMES
                and (
                    (lm.ids.get(key, 0) and lm.text_count(key) < OWN_WORD_TEXT and lex.spellings(key) == (lm.ids[key],))
                    or (not lm.ids.get(key, 0) and _unknown_term(lex, key))
                )
                and not lex.shows_glue(key)
                and not lex.shows_loss(key)
            }
            unknown = {key for key in counts if not lm.ids.get(key, 0)}
            if unknown:
                # Not a piece of a word torn by a space, written twice (یروس of و یروس): a term the text writes beside
                # a neighbour that it makes a known word with.
                # Each word's key found once (a text writes each word many times), and only the places of the
                # unknown ones visited in Python (on 2 MB of text, 200,000 words, a few hundred such places).
                # A word is its own key, unless it holds what a lookup form changes.
                key_of = dict(zip(seen, seen, strict=True))
                key_of.update((word, lex.key(word)) for word in filter(KEY_CHANGES.search, seen))
                keys = list(map(key_of.__getitem__, words))
                last = len(keys) - 1
                for k in compress(range(len(keys)), map(unknown.__contains__, keys)):
                    key = keys[k]
                    before = keys[k - 1] if k else ""
                    after = keys[k + 1] if k < last else ""
                    if key in unknown and (before + key in lm.ids or key + after in lm.ids):
                        del counts[key]
                        unknown.discard(key)
            self.counts = counts
            self.longest = max(map(len, counts), default=0)
        return counts

    def glued_besides(self, lex: Lexicon, key: str) -> bool:
        """True when the text shows glued words (``Lexicon.shows_glue``) as often as the glue sign needs
        (``GLUE_SIGN_CHARS``), not counting ``key`` (a model key)."""
        if self.glued is None:
            words = self.found if self.found is not None else _WORD_ONLY.findall(self.text)
            self.glued = Counter(lex.key(word) for word in words if lex.shows_glue(word))
        return sum(self.glued.values()) - self.glued.get(key, 0) >= max(1, len(self.text) // GLUE_SIGN_CHARS)

    def derives(self, word: str) -> bool:
        """True when the text writes ``word`` (a model key) after the negative prefix (ناشمارا: `نا` after no letter or
        ZWNJ) or, where it ends in ا or و, before the suffix of quality nouns and no letter (شمارایی).

        The text is read once for every word asked (a word's own search through the whole text, asked for each word
        written whole again and again, grew with the text times its words). Words of up to ``_DERIVED_REACH``
        characters are read so; a longer one (none in the model) is searched for.

        >>> vocabulary = Vocabulary("مجموعهٔ ناشمارا و شمارایی آن", None)
        >>> vocabulary.derives("شمارا"), vocabulary.derives("مجموعه"), vocabulary.derives("آن")
        (True, False, False)
        """
        if len(word) > _DERIVED_REACH:
            return _derives_searched(self.text, word)
        if self.derived is None:
            text = self.text
            after_prefix = sorted(match.group(1) for match in _AFTER_NEGATIVE_PREFIX().finditer(text))
            before_suffix = set()
            for match in _QUALITY_SUFFIX_END().finditer(text):
                end = match.start()
                for start in range(max(0, end - _DERIVED_REACH), end):
                    if start == 0 or not _LETTER_OR_ZWNJ().match(text, start - 1):
                        stem = text[start:end]
                        if not any(char.isspace() for char in stem):
                            before_suffix.add(stem)
            self.derived = (after_prefix, before_suffix)
        after_prefix, before_suffix = self.derived
        index = bisect_left(after_prefix, word)
        if index < len(after_prefix) and after_prefix[index].startswith(word):
            return True
        return word[-1] in "او" and word in before_suffix

    def heads(self) -> frozenset[str]:
        """Every first part of an own word (``words``), of one letter or more: where a torn one may begin."""
        if self.first_parts is None:
            self.first_parts = frozenset(word[:cut] for word in self.counts or () for cut in range(1, len(word)))
        return self.first_parts


# The negative prefix of adjectives and the suffix of the nouns of quality after a vowel (ناشمارا, شمارایی): a word
# that takes them is one word, not two words run together (``Vocabulary.derives``).
NEGATIVE_PREFIX = "نا"
QUALITY_SUFFIX = "یی"
_DERIVED_REACH = 64
_LETTER_OR_ZWNJ = lazy_pattern(f"[{ARABIC_LETTER_CLASS}{ZWNJ}]")
_AFTER_NEGATIVE_PREFIX = lazy_pattern(
    f"(?<![{ARABIC_LETTER_CLASS}{ZWNJ}]){NEGATIVE_PREFIX}(?=(\\S{{0,{_DERIVED_REACH}}}))"
)
_QUALITY_SUFFIX_END = lazy_pattern(f"(?<=[او]){QUALITY_SUFFIX}(?![{ARABIC_LETTER_CLASS}])")


def _derives_searched(text: str, word: str) -> bool:
    """``Vocabulary.derives`` of one word, searched for through the whole text."""
    before = f"(?<![{ARABIC_LETTER_CLASS}{ZWNJ}])"
    derived = f"{before}{NEGATIVE_PREFIX}{re.escape(word)}"
    if word[-1] in "او":
        derived += f"|{before}{re.escape(word)}{QUALITY_SUFFIX}(?![{ARABIC_LETTER_CLASS}])"
    return re.search(derived, text) is not None


def _unknown_term(lex: Lexicon, key: str) -> bool:
    """True when ``key``, a word the model does not know, may be a term of the text (الکترونیکس, آمیزشی): no spelling
    or analysis of the model reads it (not کانیهای, a plural that lost its ZWNJ, written again and again), and it is
    no two words run together: neither two words of running text (``text_words``: ایستگاهفضایی), nor a word of
    running text and a word of the lists, three letters each (ویتنامجنوبی, a pair glued twice by chance in a news
    article), nor a function word beside a word (کندیدر, خوفو: the pharaoh's name, but خوف and و as well). Not past
    the longest unit (a hostile input)."""
    if len(key) > MAX_UNIT or lex.spellings(key) or candidates(lex, key) or text_words(lex, key):
        return False
    lm = lex.lm
    count = lm.text_count

    def word(piece: str) -> bool:
        return piece in lm.ids or bool(candidates(lex, piece))

    return not any(
        (count(key[:cut]) >= FUNCTION_WORD_TEXT and word(key[cut:]))
        or (count(key[cut:]) >= FUNCTION_WORD_TEXT and word(key[:cut]))
        or (
            2 < cut < len(key) - 2
            and key[:cut] in lm.ids
            and key[cut:] in lm.ids
            and max(count(key[:cut]), count(key[cut:])) >= GLUE_RARE_TEXT
        )
        for cut in range(1, len(key))
    )


@dataclass(frozen=True, slots=True)
class Signs:
    loss: _Sign  # the text lost ZWNJs (میشود, گروههای)
    glue: _Sign  # the text lost spaces (ازیک, استکه)
    usage: _Usage  # how the text writes its commonly joined words
    spaced: _Sign  # the text has ZWNJs turned to spaces: an affix standing alone (می شود, گروه ها)
    torn: _Sign  # the text has words torn by spaces: lone letters (ف راهم, منب ع)
    # The text writes no ZWNJ at all: with ``spaced``, it lost every ZWNJ to a space, a compound's too (خط مشی).
    zwnj_free: bool = False
    # The text holds ``LOST_PAIR_SIGNS`` words that lost a ZWNJ (``_lost_zwnj_pair``).
    lost_often: _Sign | None = None
    # The spellings the text writes intact with a ZWNJ (``Echo``).
    echo: Echo | None = None
    # The rare words the text writes on their own (``Vocabulary``).
    vocabulary: Vocabulary | None = None

    def lost_all(self) -> bool:
        """True when the text lost every ZWNJ and no space: none written, none turned to a space, no glued word."""
        return self.zwnj_free and bool(self.lost_often) and not (self.glue or self.spaced)

    def all_spaced(self) -> bool:
        return self.zwnj_free and bool(self.spaced)


_WORD_ONLY = re.compile(WORD)


# A letter standing alone as a word: a piece of a word torn by a space (ک ردن, منب ع), unless ``_NOT_TORN``.
_LONE_LETTER = re.compile(
    f"(?<![{ARABIC_LETTER_CLASS}{MARK_CLASS}{ZWNJ}])[{ARABIC_LETTER_CLASS}](?![{ARABIC_LETTER_CLASS}{MARK_CLASS}{ZWNJ}])"
)


def _torn_piece(letter: str) -> bool:
    """A lone letter (``_LONE_LETTER``) that shows a torn word: not the conjunction و, nor ی, which also stands alone
    where a ZWNJ before it turned into a space (نامه ی)."""
    return letter not in _NOT_TORN


def read_signs(lex: Lexicon, text: str, found: list[str] | None, runs: list[tuple[int, str]] | None = None) -> Signs:
    """The signs of ``text``, each read on first need; ``found``: the words ``_WORD_ONLY`` finds in it, where known;
    ``runs``: the runs of Persian words the fix reads, each with its offset (``Echo``)."""
    return Signs(
        _Sign(lex.shows_loss, text, found=found, memory=lex.loss_cache),
        _Sign(lex.shows_glue, text, max(1, len(text) // GLUE_SIGN_CHARS), found=found, memory=lex.glue_cache),
        _Usage(text, found),
        _Sign(_SPACED_AFFIXES.__contains__, text, found=found),
        _Sign(_torn_piece, text, max(TORN_SIGN_WORDS, len(text) // TORN_SIGN_CHARS), _LONE_LETTER),
        ZWNJ not in text,
        _Sign(lex.shows_loss, text, LOST_PAIR_SIGNS, found=found, memory=lex.loss_cache),
        Echo(text, runs if runs is not None else [(m.start(), m.group()) for m in RUN.finditer(text)]),
        Vocabulary(text, found),
    )
