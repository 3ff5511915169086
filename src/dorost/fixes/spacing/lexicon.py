"""What the language model and the word lists say about words and spellings: :class:`Lexicon`.

One lexicon per process (:func:`shared_lexicon`) answers every question the fix asks of the model: the attested
spellings of some letters, whether a word or a pair of neighbours needs a second look, whether an unknown word is
likelier two words glued than one unseen word, and the model's verdicts the text-wide signs read (a word that lost a
ZWNJ or a space). It remembers its answers in bounded memories, and its spelling tables ship ready-built
(``dorost/data/spellings.bin``, derived by :meth:`Lexicon.derive`). The thresholds its answers read are here with it.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Container, Iterable
from functools import cached_property
from itertools import chain, compress, islice, repeat
from operator import add, contains, is_, itemgetter
from typing import TYPE_CHECKING

from dorost.chars import ZWNJ
from dorost.fixes.spacing.units import FREE_SPACE, JOIN, NONE, Unit
from dorost.fixes.spacing.words import (
    AND,
    ATTACHED,
    BOUND_MORPHEMES,
    COMPARATIVES,
    HAMZA_ABOVE,
    HEH_AND,
    INDEFINITE,
    LETTER_ENDINGS,
    PLURALS,
    POSSESSIVES,
    PREFIX_LIKE,
    PREFIXES,
    PREVERB_PREFIXES,
    PREVERBS,
    SUFFIXES,
    TO,
    verb_form_on_stems,
)
from dorost.language import LanguageModel, model, normalize_word
from dorost.language.spellings import SpellingTables, load_tables
from dorost.memory import Memory

if TYPE_CHECKING:
    from dorost.fixes.spacing.lattice import Window


# The text's own rare words that a stretch holds, each with what it adds to a reading's score (``fix._own_words``).
OwnWords = tuple[tuple[str, float], ...]
# A joined spelling (آنها) stays as written when running text writes it at least this share as often as
# its commonest ZWNJ spelling (آن\u200cها), and at least KEEP_JOINED_TEXT times: the writers the model
# counts use it, so it is a spelling, not damage. Rarer joined spellings (نگرانیهای) are repaired, and
# a joined ه before a suffix or a second part (گروههای, نشانهگذاری) always is. Chosen on the dev split.
KEEP_JOINED_RATIO = 0.25
KEEP_JOINED_TEXT = 3
# A word that begins (or ends) more than this many joined words of the model, each a pair of its words, makes compounds
# (دو: دوپیکر, در: درانجیر, گونه: خداگونه): an unknown word it begins or ends is likelier a compound or a name than two
# words glued. About 14k words begin such a joined word and 11k end one, most a few times only: 1,269 and 940 make
# compounds. Chosen on the dev split (at 20 or 30, names split: عزیزمصر, هزارزوج).
COMPOUND_PART_MOST = 10
# An author's ZWNJ after a part seen this often in running text is kept (ویرایش\u200cگر).
KEPT_ZWNJ_PART_TEXT = 3
# An out-of-vocabulary word of the input scores this far below the model's unknown-word estimate;
# splitting it needs both parts known and frequent enough to beat it.
UNKNOWN_PENALTY = 4.0
# A long unknown word is more likely two words run together than one unseen word: past
# UNKNOWN_SHORT letters each letter costs this much more (nats).
UNKNOWN_SHORT = 6
UNKNOWN_LETTER = 0.8
# In a text that shows glued words (an unknown word that is two frequent words running text writes side by
# side: ازیک, استکه, کهشما), a long unknown word is more likely glued still: from this many letters on,
# each letter costs this much. Clean text seldom shows one, so its rare words and names keep the mild price.
GLUED_UNKNOWN_SHORT = 4
GLUED_UNKNOWN_LETTER = 1.5
# The evidence of glued words: both parts seen this often in running text, and side by side this often.
GLUE_SIGN_TEXT = 10
GLUE_SIGN_PAIR = 3
# ... and for a word that word lists know, side by side at least this many times as often as their counts predict.
GLUE_SIGN_ASSOCIATION = 1.5
LISTED_SIGN_PAIR = 30
# A known word that running text writes at most this often is suspect when its letters are two words that running
# text writes side by side at least RARE_GLUED_PAIR times and RARE_GLUED_RATIO times as often (``glued_pair``):
# دردسترس (6 times; در دسترس 100), مابه (3; ما به 62). At 2, such rare joined spellings of glued damage stayed; at 20,
# spellings that news writers use (براساس 14, درمورد 16) were split in correct text. Not a commonly joined spelling
# (آنرا: ``kept_joined``), which careful writers use and which stays as written.
RARE_GLUED_TEXT = 10
RARE_GLUED_PAIR = 10
RARE_GLUED_RATIO = 10
# Productive prefixes written joined (Academy orthography): a long unknown word made of one and a known
# word is as likely a new word as two glued ones.
_OPEN_PREFIXES = ("با", "نا", "بی")
# First parts that the Academy writes joined to the next word in compounds (هرچند, هرگز; خودرو, خودآموز; زیرگونه,
# زیرساخت; the prefix باز: بازسازی, بازنگری): an unknown word made of one and a word of running text is as likely a
# compound (a name, a term: هرپس, خودایمنی, بازاندازه) as two glued words. Running text writes 58 such words in باز
# joined and none with ZWNJ; the negating غیر, 361 times joined (غیرفعال, غیرقانونی), never with ZWNJ and hardly
# ever apart (غیر فعال 7 times, غیر قانونی 3). Not the numerals: a numeral glued to its noun (چهارکتاب) is commoner
# damage than a numeral compound is a new word.
_COMPOUND_HEADS = ("هر", "خود", "زیر", "باز", "غیر")
# A known word is suspect when another spelling of its letters is this many times more frequent.
RESPELL_RATIO = 1.5
# A word seen this often in running text counts as free (ویژه), not bound to a neighbour (المللی).
FREE_WORD_TEXT = 8
# An unknown word is split into two words cheaply (``glue_flags``) when both are seen this often in running text ...
GLUE_PART_TEXT = 30
# ... or when one is that frequent and the other a word of running text of three letters or more, or both are
# words of running text seen this often (کارنامه + وی, منطقه + جولان, سوالات + تکراری; not گو + رد, whose
# two-letter pieces make too many false readings).
GLUE_RARE_TEXT = 2
# The model's joined tails that are bound: present stems that make agents and adjectives (شناس, نشین, انگیز, پرست) and
# the nouns in ی made from them (شناسی, گرایی, یابی), none a word of its own in correct text. Like the model's tails
# they are read across a space (زیست شناسی: زیست\u200cشناسی, اسقف نشین: اسقف\u200cنشین). Not the joined tails that are
# also words (خوار, پسند, پیشه, سالار, شدنی, ساز, نژاد, آباد, الله) nor رسانی, whose compounds are themselves parts
# (به روز رسانی: به\u200cروزرسانی, not به روزرسانی).
_BOUND_TAILS = frozenset(
    {
        "شناس", "شناسی", "نشین", "انگیز", "برانگیز", "اندیش", "پرست", "پرور", "پیما", "آفرینی", "آموزی", "افکنی",
        "بافی", "گردانی", "گشایی", "گرایی", "یابی", "طلبانه", "ناپذیر", "آور", "سازان", "کنان", "کوبی", "نوازی",
    }
)  # fmt: skip
# Second parts that follow a silent ه in compounds far more often than as a word of their own after it (خانه\u200cدار,
# کیسه\u200cداران, زنده\u200cداری): a silent ه run into one is no sign of a glued word (``heh_glued``).
_HEH_COMPOUND_TAILS = frozenset({"دار", "داری", "داران"})
# Keys of more letters than this (well beyond any word: the longest has 25) skip the cuts after ه whose rest is longer
# than the longest word (``heh_glued``); shorter ones look every cut up, without the pass that finds the longest.
_LONG_KEY = 64


# Compound verbs are written apart (Academy orthography: «اعلام کرد», «چاپ شدند»): a finite form of a light verb run
# into the word before it (فاششود, چاپشدند, طلوعکردند) is two words glued, never one word. The forms: a past stem
# with a personal ending, a present stem with one, and the bare past of شدن, نمودن, گردیدن (the bare past of the
# others ends nouns: کارکرد, رخداد, پیشرفت). Not ی (کردی is Kurdish), nor دهم (یازدهم), nor داشتن and زدن, whose
# forms end other words (برخوردارند, فرزند). ``verb_glued`` reads an unknown word made of one and a word of running
# text.
def _light_verb_forms() -> dict[str, tuple[tuple[str, str], ...]]:
    past = ("کرد", "شد", "نمود", "گردید", "داد", "گرفت", "ساخت")
    present = ("کن", "شو", "نمای", "گرد", "ده", "گیر", "ساز")
    forms = [(stem, ending) for stem in past for ending in ("م", "یم", "ید", "ند")]
    forms += [(stem, ending) for stem in present for ending in ("م", "د", "یم", "ید", "ند") if stem + ending != "دهم"]
    forms += [("شد", ""), ("نمود", ""), ("گردید", "")]
    by_end: dict[str, tuple[tuple[str, str], ...]] = {}
    for stem, ending in forms:
        form = stem + ending
        by_end[form[-2:]] = (*by_end.get(form[-2:], ()), (form, ending))
    return by_end


# Light-verb forms and their personal endings by the forms' last two letters (a word's last two letters pick the few
# to try). A known word before the ending is an adjective or noun with a personal ending (چشمگیرند, کارسازند), not a
# verb: such letters are left out.
_LIGHT_VERB_FORMS = _light_verb_forms()
# The word before a glued light verb must be seen this often in running text (فاش, چاپ, طلوع).
VERB_GLUED_TEXT = 3
# How often running text writes each of two words that an unknown word runs together before the word is priced as
# glued in a text that shows no glued word (``pair_glued``): at 1 or 2, names split (شاپورخواست, تأثیرگذارترند).
PAIR_GLUED_TEXT = 3
# The plural ending written joined (درزیان, زمینیان): a known word and ان is one unseen word (``one_word``).
_PLURAL_AN = "ان"
# The agent suffix (اجراگر, پردازشگر), written joined to its stem (``one_word``).
_AGENT = "گر"
# A two-letter piece seen this often is a function word (از, که, وی); rarer ones are often fragments (ان, تم).
FUNCTION_WORD_TEXT = 300
# The longest unit of a reading, in letters: the lattice tries no longer piece, nor ``chain_glued`` a longer word.
MAX_UNIT = 24
# A token longer than this (letters glued without any space, a hostile input) is left as it is:
# segmenting costs about a millisecond a letter, so a megabyte-long token would take an hour.
MAX_WORD = 64
_ANALYSIS_SUFFIXES = (*SUFFIXES, *POSSESSIVES)
# A plural set off by ZWNJ ends a word: a frequent word glued after it (دیسک\u200cهاینصب) splits as cheaply as
# one glued after a frequent word.
_PLURAL_ENDS = (ZWNJ + "ها", ZWNJ + "های")
# The first part of a tail compound must be seen this often in running text; once is enough for one in ه, whose
# letters joined to a tail are never the spelling (عصارهگیری: عصاره\u200cگیری).
TAIL_STEM_TEXT = 3


class Lexicon:
    """Per-process views of the model that the fix needs: spellings by letters, type verdicts."""

    #: What :meth:`derive` follows, named in the tables shipped ready-built (``dorost/data/spellings.bin``, written
    #: by scripts/build_model.py with :meth:`derive`): a change to it, or to the constants it reads, changes this and
    #: needs the tables rebuilt (a file of another recipe is refused).
    RECIPE = f"2 keep-joined {KEEP_JOINED_TEXT} {KEEP_JOINED_RATIO} compound-parts {COMPOUND_PART_MOST}"

    def __init__(self, lm: LanguageModel, tables: SpellingTables | None = None) -> None:
        """The lexicon of ``lm``; ``tables``: its spelling tables ready-built (else derived from ``lm`` here)."""
        self.lm = lm
        tables = tables if tables is not None else self.derive(lm)
        self.groups, self.alias, self.kept_joined, self.compound_heads, self.compound_tails = tables[:5]
        self._known_order = tables.known_order
        self.past_stems = frozenset(_strings(lm.header.get("past_stems")))
        self.present_stems = frozenset(_strings(lm.header.get("present_stems")))
        self.verb_cache: Memory[str, bool] = Memory(20_000)
        self.after_ba = frozenset(_strings(lm.header.get("after_ba")))
        # Second parts written joined to many words and hardly ever alone (سازی, آمیز, پذیر): the
        # model's ``tails``, counted from running text by scripts/build_model.py.
        joined_tails = frozenset(_strings(lm.header.get("joined_tails")))
        self.tails = frozenset(_strings(lm.header.get("tails"))) | (joined_tails & _BOUND_TAILS)
        # Suffixes and tails by their last letter (the analysis of an unknown word tries only these); the
        # model's other ``joined_tails`` (کننده, دار: also written alone now and then) only explain joined letters.
        analysed_tails = sorted(self.tails | joined_tails)
        # Both kinds set off by ZWNJ in a known joined spelling (زبانشناسی → زبان\u200cشناسی) cost an affix join.
        self.tail_parts = frozenset(analysed_tails)
        self.endings: dict[str, tuple[tuple[str, bool], ...]] = {}
        for ending, is_tail in [(suffix, False) for suffix in _ANALYSIS_SUFFIXES] + [(t, True) for t in analysed_tails]:
            self.endings[ending[-1]] = (*self.endings.get(ending[-1], ()), (ending, is_tail))
        # The same, by their last two letters (a one-letter ending under every pair that ends with it), in
        # the order of ``endings``: an analysis tries only the endings its letters can end with.
        self.endings_by_two: dict[str, tuple[tuple[str, bool], ...]] = {}
        for last, found in self.endings.items():
            for ending, _ in found:
                if len(ending) > 1:
                    self.endings_by_two.setdefault(ending[-2:], ())
            for two in [two for two in self.endings_by_two if two[-1] == last]:
                self.endings_by_two[two] = tuple(
                    (ending, is_tail) for ending, is_tail in found if len(ending) == 1 or ending.endswith(two)
                )
        # The one-letter endings by their letter: all that letters can end with where no longer ending ends their last
        # two letters (no entry in ``endings_by_two``).
        self.endings_by_one: dict[str, tuple[tuple[str, bool], ...]] = {
            last: tuple(found for found in found_here if len(found[0]) == 1)
            for last, found_here in self.endings.items()
        }
        # What an analysis may write after an attested stem: one ending (a suffix, a possessive, a tail, a one-letter
        # ending or a plural), and every start of one; the lattice's search reads letters after a stem against them
        # (``lattice._rest_reach``): an ending, or an ending and the start of another (سازی\u200cها), may follow.
        self.analysis_ends = frozenset({*_ANALYSIS_SUFFIXES, *self.tail_parts, *LETTER_ENDINGS, *PLURALS})
        self.ending_starts = frozenset(ending[:k] for ending in self.analysis_ends for k in range(len(ending) + 1))
        self.key_cache: Memory[str, str] = Memory(100_000)
        self.suspect_cache: Memory[str, bool] = Memory(100_000)
        self.loss_cache: Memory[str, bool] = Memory(100_000)
        self.glue_cache: Memory[str, bool] = Memory(100_000)
        self.unit_cache: Memory[str, list[Unit]] = Memory(200_000)
        # The units of input words as written (``_unit_for``), by word and whether the text shows glued words.
        self.input_unit_cache: Memory[tuple[str, bool], Unit] = Memory(100_000)
        # Each unit spelling's separators and affix ZWNJ positions (``_inner_cost``).
        self.shape_cache: Memory[str, tuple[tuple[str, ...], tuple[int, ...]]] = Memory(50_000)
        # Whether a unit read across input spaces needs running text (``needs_text``), by the unit's spelling and id,
        # the input's separators inside it and whether the text turned its ZWNJs into spaces.
        self.needs_text_cache: Memory[tuple[str, int, tuple[str, ...], bool], bool] = Memory(50_000)
        # About 230 bytes a pair, so at most 23 MB; only the pairs ``pair_verdicts`` judges in Python are kept.
        self.pair_cache: Memory[tuple[str, str], int] = Memory(100_000)  # True, False or LET_GO
        self.join_key_cache: Memory[str, str] = Memory(100_000)
        # Second words that make a pair suspect whatever the first (``_judge_pair``).
        self.pair_seconds = BOUND_MORPHEMES | self.tails | LETTER_ENDINGS
        # The letters of every word and spelling group, in one set: the scan asks it of every pair's joined letters, and
        # one probe of one table costs less than a probe of each of two large dicts (fewer cache misses). A dict, not a
        # frozenset: the cyclic garbage collector never tracks a dict of strings, but walked the set's 179k entries at
        # every full collection (18 of the 20 ms each took once the model was loaded). Made as a copy of the model's
        # ids (their values ignored), in one pass of C that hashes and inserts nothing, and the groups' other letters
        # after them: the order of ``chain(lm.ids, groups)``, which ``known_sorted`` relies on.
        self.known_letters: dict[str, int | None] = dict(lm.ids)
        self.known_letters.update(dict.fromkeys(self.groups))
        # The model's bigram scores of word pairs already scored (a pure function of the two ids).
        self.conditional_cache: Memory[tuple[int, int], float] = Memory(100_000)
        # Stretches of words already prepared (letters, separators, lattice), whatever their neighbours; both memories
        # are keyed by the text's own words the stretch holds too (``fix._own_words``), which no other text shares.
        self.prepared_cache: Memory[tuple[bool, bool, bool, bool, bool, tuple[str, ...], OwnWords], Window | None] = (
            Memory(5_000)
        )
        self.window_cache: Memory[
            tuple[bool, bool, bool, bool, bool, str | None, tuple[str, ...], str | None, OwnWords],
            tuple[list[str], float] | None,
        ] = Memory(100_000)
        self.unknown = lm.unknown_logprob - UNKNOWN_PENALTY

    @staticmethod
    def derive(lm: LanguageModel) -> SpellingTables:
        """The spelling tables of ``lm``: its spellings grouped by their letters, the aliases and the joined
        spellings kept (see :class:`~dorost.language.spellings.SpellingTables`)."""
        # Only letters with a ZWNJ spelling have several spellings; every other word is its own
        # group, looked up in the model's vocabulary. Built by passes in C (scripts/build_model.py ships the result):
        # each ZWNJ spelling its own group first, then, in Python, the few letters (about one in thirty) that several
        # spellings share or that a plain word spells.
        words, ids, counts = lm.words, lm.ids, lm.counts
        spelled = list(compress(range(len(words)), map(contains, words, repeat(ZWNJ))))
        letters_of = list(map(str.replace, map(words.__getitem__, spelled), repeat(ZWNJ), repeat("")))
        groups: dict[str, tuple[int, ...]] = dict(zip(letters_of, zip(spelled, strict=True), strict=True))
        shared = {letters for letters, times in Counter(letters_of).items() if times > 1}
        shared.update(compress(letters_of, map(ids.get, letters_of, repeat(0))))
        # In the order of the groups (the order of the model's words), whatever the set's.
        members: dict[str, list[int]] = {}
        for letters, index in compress(zip(letters_of, spelled, strict=True), map(shared.__contains__, letters_of)):
            members.setdefault(letters, []).append(index)
        for letters, spelled_here in members.items():
            plain = ids.get(letters, 0)
            if plain:
                spelled_here.append(plain)
            groups[letters] = (
                tuple(spelled_here) if len(spelled_here) == 1 else tuple(sorted(spelled_here, key=lambda i: -counts[i]))
            )
        # A rarer spelling of some letters is scored in context as its most frequent spelling, plus
        # the log ratio of their counts: context tells words apart, not spellings of one word
        # (``از آنها`` is not evidence against ``آن\u200cها``).
        # Only spellings of one word share a context: one's ZWNJs a subset of the other's (آنها, آن\u200cها),
        # not ساله\u200cای and سال\u200cهای, two words with the same letters.
        alias: dict[int, tuple[int, float]] = {}
        for letters in members:  # the groups of several spellings are among these
            group = groups[letters]
            if len(group) < 2:
                continue
            top = group[0]
            top_cuts = _cuts(lm.words[top])
            for index in group[1:]:
                cuts = _cuts(lm.words[index])
                if cuts <= top_cuts or top_cuts <= cuts:
                    ratio = math.log((lm.counts[index] + 0.5) / (lm.counts[top] + 0.5))
                    alias[index] = (top, ratio)
        heads, tails = Lexicon._compound_parts(lm)
        known = list(dict.fromkeys(chain(ids, groups)))  # ``known_letters``, in its order
        order = array("I", sorted(range(len(known)), key=known.__getitem__))
        kept = frozenset(Lexicon._kept_joined(lm, groups, members))
        return SpellingTables(groups, alias, kept, heads, tails, order)

    @staticmethod
    def _compound_parts(lm: LanguageModel) -> tuple[frozenset[int], frozenset[int]]:
        """The ids of the words that begin, and of those that end, more than ``COMPOUND_PART_MOST`` joined words of
        the model that are two of its words (``pair_glued``)."""
        ids = lm.ids
        heads: Counter[int] = Counter()
        tails: Counter[int] = Counter()
        for word in lm.words:
            if len(word) < 4 or ZWNJ in word:
                continue
            for cut in range(2, len(word) - 1):
                first, second = ids.get(word[:cut], 0), ids.get(word[cut:], 0)
                if first and second:
                    heads[first] += 1
                    tails[second] += 1
        return (
            frozenset(index for index, times in heads.items() if times > COMPOUND_PART_MOST),
            frozenset(index for index, times in tails.items() if times > COMPOUND_PART_MOST),
        )

    @staticmethod
    def _kept_joined(lm: LanguageModel, groups: dict[str, tuple[int, ...]], shared: Iterable[str]) -> list[int]:
        """Model ids of the joined spellings that running text writes often beside their ZWNJ spellings (among the
        letters of ``shared``, which hold every group with a joined spelling)."""
        kept: list[int] = []
        for letters in shared:
            spelled = groups[letters]
            plain = lm.ids.get(letters, 0)
            if not plain or lm.text_counts[plain] < KEEP_JOINED_TEXT:
                continue
            rivals = [index for index in spelled if index != plain]
            # ه + a second part written joined reads as another word (گروههای): never a spelling.
            if any(letters[cut - 1] == "ه" for index in rivals for cut in _cuts(lm.words[index])):
                continue
            if lm.text_counts[plain] >= KEEP_JOINED_RATIO * max(lm.text_counts[index] for index in rivals):
                kept.append(plain)
        return kept

    def shows_loss(self, word: str) -> bool:
        """True when a joined word is one that running text hardly ever writes joined (میشود, گروههای, میپرورانند).

        A text holding one has lost its ZWNJs (PDF extraction, careless typing), so its commonly joined
        spellings (آنها) are repaired too; in a text without one they are the author's spelling.
        """
        verdict = self.loss_cache.get(word)
        if verdict is None:
            key = normalize_word(word)
            ids = self.spellings(key) if ZWNJ not in key and len(key) > 2 else ()
            top = ids[0] if ids else 0
            plain = self.lm.ids.get(key, 0)
            verdict = (
                top > 0
                and ZWNJ in self.lm.words[top]
                and self.lm.text_counts[top] >= KEEP_JOINED_TEXT
                and plain not in self.kept_joined
                and not self.preposition_apart(self.lm.words[top])
            ) or (
                # An unseen word that is می/نمی joined to a verb form on a known stem.
                not plain
                and ZWNJ not in key
                and any(key.startswith(p) and self.verb_form(key[len(p) :]) for p in PREFIXES)
            )
            self.loss_cache.keep(word, verdict)
        return verdict

    def preposition_apart(self, spelling: str) -> bool:
        """True when a spelling sets the preposition به off by ZWNJ (به\u200cصورت) and running text writes به and the
        rest apart more often (به صورت 744 times, به\u200cصورت 297): its letters run together (بهصورت) lost a space as
        likely as a ZWNJ, so they are no sign of lost ZWNJs (``shows_loss``)."""
        if not spelling.startswith(TO + ZWNJ):
            return False
        return self.apart_more(TO, spelling[len(TO) + 1 :])

    def apart_more(self, first: str, second: str) -> bool:
        """True when running text writes two words side by side more often than as one word with a ZWNJ."""
        lm = self.lm
        first_id, second_id = lm.ids.get(first, 0), lm.ids.get(second, 0)
        if not (first_id and second_id):
            return False
        return lm.pair_count(first_id, second_id) > lm.text_count(first + ZWNJ + second)

    def shows_glue(self, word: str) -> bool:
        """True when a word that running text never writes is two frequent words glued (ازیک, استکه, کهشما).

        A text holding one has lost spaces (PDF extraction, careless typing): its other long unknown words
        are then more likely glued too.
        """
        verdict = self.glue_cache.get(word)
        if verdict is None:
            verdict = False
            key = self.key(word)
            lm = self.lm
            index = lm.ids.get(key, 0)
            # Letters that running text writes with a ZWNJ (بهطور: به\u200cطور) lost a ZWNJ, not a space.
            if len(key) > 2 and ZWNJ not in key and not (index and lm.text_counts[index]) and not self.groups.get(key):
                for cut in range(1, len(key)):
                    if key[cut:] in ATTACHED:
                        continue  # نوشتهاست, کتابهای: a ZWNJ lost before a part some writers attach
                    first, second = lm.ids.get(key[:cut], 0), lm.ids.get(key[cut:], 0)
                    if not (first and second) or min(lm.text_counts[first], lm.text_counts[second]) < GLUE_SIGN_TEXT:
                        continue
                    pair = lm.pair_count(first, second)
                    if not index:
                        verdict = pair >= GLUE_SIGN_PAIR
                    else:
                        # A word of the lists (ورد, واو, وتو, بهشهر, فراخواند) is a word in its own right: its letters
                        # are a sign only where running text writes them apart often (و از: 359 times), or as often as
                        # a glued pair of the lists needs and the two go together, seen side by side more often than
                        # their counts predict (ما را: 59 times, 26 expected; و تو: 12 times, 13 expected).
                        expected = lm.text_counts[first] * lm.text_counts[second] / lm.text_tokens
                        verdict = pair >= LISTED_SIGN_PAIR or (
                            pair >= RARE_GLUED_PAIR and pair >= GLUE_SIGN_ASSOCIATION * expected
                        )
                    if verdict:
                        break
            self.glue_cache.keep(word, verdict)
        return verdict

    def listed_glue(self, word: str) -> bool:
        """A word that only word lists know and that running text writes as two words ten times or more (ازشما,
        درآن, بایک; not پشتو, whose پشت و is rare): in a text that shows glued words, it is glued too."""
        if not self.shows_glue(word):
            return False
        key = self.key(word)
        index = self.lm.ids.get(key, 0)
        return index > 0 and self.glued_pair(key, index)

    def key(self, word: str) -> str:
        """The model's lookup form of a word of the input (``normalize_word``), remembered (bounded)."""
        found = self.key_cache.get(word)
        if found is None:
            found = normalize_word(word)
            if HAMZA_ABOVE in found and len(found) > 3 and found not in self.lm.ids:
                found = found.replace(HAMZA_ABOVE, "")  # مجلهٔ: looked up as مجله (not یهٔ as یه)
            self.key_cache.keep(word, found)
        return found

    def index(self, word: str) -> int:
        """The model id of a word of the input (its ``key``), 0 when unknown."""
        return self.lm.ids.get(self.key(word), 0)

    def shape(self, spelling: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """A unit spelling's separators (``_separators``) and, where it has a ZWNJ, its ``_affix_joins``."""
        found = self.shape_cache.get(spelling)
        if found is None:
            # Only a known spelling's tail (زبان\u200cشناسی), not an analysis's: فایده\u200cی is no فای\u200cدهی.
            tails = self.tail_parts if spelling in self.lm.ids else frozenset()
            found = (tuple(_separators(spelling)), _affix_joins(spelling, tails) if ZWNJ in spelling else ())
            self.shape_cache.keep(spelling, found)
        return found

    def kept_zwnj(self, word: str, part: str) -> bool:
        """True when the author's ZWNJ after ``part`` of ``word`` stays (ویرایش\u200cگر, می\u200cشود)."""
        lm = self.lm
        return lm.text_count(word) > 0 or lm.text_count(part) >= KEPT_ZWNJ_PART_TEXT

    def unknown_logprob(self, key: str, glued: bool = False) -> float:
        """The score of a word the model does not know; the longer its longest ZWNJ-free part, the less likely.

        ``glued``: the text shows glued words, so a long unknown word is likelier glued too, unless morphology reads
        it as one word (``one_word``: تأثیرگذارترند, درزیان), and not as a word glued to the copula ست or to the
        prefix می of the next word (مادهاست, حسابمی).
        """
        if self.prefixed(key, glued):
            return self.unknown  # باایمان, ناشناخته: a prefix and a known word make new words all the time
        longest = max(map(len, key.split(ZWNJ))) if ZWNJ in key else len(key)
        if ZWNJ in key and (
            any(map(self.plural_glued, key.split(ZWNJ)[1:])) or self.prefix_glued(key) or self.zwnj_glued(key)
        ):
            # A plural and a frequent word glued after the ZWNJ (ربات\u200cهارا), or words run together on either side
            # of it (انجامعبادت\u200cها, یک\u200cجوردیگر): the whole word is priced as glued.
            return self.unknown - GLUED_UNKNOWN_LETTER * max(0, len(key) - key.count(ZWNJ) - GLUED_UNKNOWN_SHORT)
        if (
            (glued and (key.endswith(("ست", "می")) or not self.one_word(key)))
            or self.heh_glued(key)
            or self.verb_glued(key)
            or self.pair_glued(key)
        ):
            return self.unknown - GLUED_UNKNOWN_LETTER * max(0, longest - GLUED_UNKNOWN_SHORT)
        if ZWNJ not in key and key.endswith(_PLURAL_AN) and self.one_word(key):
            return self.unknown  # زمینیان: a known word and the plural ان, as likely as any unseen word (not زمین یان)
        return self.unknown - UNKNOWN_LETTER * max(0, longest - UNKNOWN_SHORT)

    def heh_glued(self, key: str) -> bool:
        """An unknown word that is a word ending in silent ه and a word of running text run together (فشردهجای,
        شیوهصحیح): a silent ه joined to the next letters is never a spelling, so the word is priced as glued.

        The ه is silent in a past participle (فشرده) and where running text writes the word's indefinite as
        \u200cای (شیوه\u200cای), or where the word is one of running text that the model also spells with \u200cای or
        the ezafe \u200cی (ثانیه\u200cای of the word lists: ثانیهبامداد); not before a suffix, which the analysis of the
        word reads (شبکههاست, گونهایست). The word after it has three letters or more and is seen in running text
        (منطقهجولان: جولان once).

        A word of running text in ه and و run together (تبرئهو, قمهو) is glued too, whatever the ه: words end in هو
        hardly ever (آهو, کاهو: known words), while و follows nouns in ه all the time."""
        lm = self.lm
        if ZWNJ in key or len(key) < 5:
            return False
        if key.endswith(HEH_AND) and lm.text_count(key[:-1]) >= GLUE_RARE_TEXT:
            return True
        if len(key) < 6:
            return False
        # A rest longer than the model's longest word is no word of it: such cuts are skipped, not sliced and
        # looked up (a long token holds thousands of ه, and each lookup hashed the whole rest: quadratic). Only a key
        # of more than ``_LONG_KEY`` letters asks the longest word (a pass over the vocabulary, 46 M instructions of
        # a fresh process's first document): a shorter key's few cuts are all looked up, with the same answers.
        cut = key.find("ه", max(2, len(key) - 1 - self.longest_word) if len(key) > _LONG_KEY else 2)
        while 0 < cut < len(key) - 2:
            first, rest = key[: cut + 1], key[cut + 1 :]
            index = lm.ids.get(rest, 0)
            if (
                index
                and lm.text_counts[index] > 0
                and len(rest) > 2
                and rest not in ATTACHED
                and rest not in POSSESSIVES
                and not rest.startswith(("ها", "ای"))
                and rest not in _HEH_COMPOUND_TAILS
                and self.silent_heh(first)
            ):
                return True
            cut = key.find("ه", cut + 1)
        return False

    def pair_glued(self, key: str, three: bool = True) -> bool:
        """An unknown word that is two words of running text run together, neither of which makes compounds
        (علمپزشکی: علم پزشکی; مایعاتگاز), or three or more (تکنولوژیهمراهنیستند, کهتاپنجشنبه): priced as glued even in a
        text that shows no glued word.

        Each part is seen ``PAIR_GLUED_TEXT`` times or more in running text and is no compound's usual head or tail
        (``compound_heads``, ``compound_tails``: دو of دوپیکر, در of درانجیر, گونه of خداگونه), so that names and
        compounds of clean text stay whole; not an attached part or a possessive (کتابهای, خانهشان), nor ها or ای
        after a silent ه (گونهایست: گونه\u200cایست). In a run of three words or more a function word may be one of them
        (که تا پنجشنبه, خانواده کوچک ما): a name or compound is hardly ever three frequent words. No word longer than
        two units is read (a hostile token)."""
        lm = self.lm
        if len(key) < 4 or len(key) > 2 * MAX_UNIT or ZWNJ in key or lm.ids.get(key, 0):
            return False
        for cut in range(2, len(key) - 1):
            first = key[:cut]
            rest = key[cut:]
            if self.rare_pair(first, rest) and not self.one_word(key) and not self.spelled_stem(key):
                return True
            if self.pair_head(first):
                if self.pair_tail(first, rest):
                    return True
                if three and not lm.ids.get(rest, 0) and self.pair_glued(rest, three=False):
                    return True
        return three and self.chain_glued(key)

    def rare_pair(self, first: str, rest: str) -> bool:
        """A frequent word (``GLUE_PART_TEXT``) of running text and a word of running text, however rare, of four
        letters or more, run together (هلدینگثبت, سواحلشمالی), neither a compound's usual head or tail. Not a word
        that only word lists know (هندو of هندوایرانی, a compound adjective read as هند و ایرانی)."""
        lm = self.lm
        head, tail = lm.ids.get(first, 0), lm.ids.get(rest, 0)
        if not (head and tail) or head in self.compound_heads or tail in self.compound_tails:
            return False
        if rest in ATTACHED or rest in POSSESSIVES or rest in COMPARATIVES:
            return False
        if first.endswith("ه") and rest.startswith(("ها", "ای")):
            return False
        return (
            lm.text_counts[head] >= GLUE_PART_TEXT
            and len(first) > 2
            and len(rest) > 3
            and lm.text_counts[tail] > 0
            and not rest.startswith(_OPEN_PREFIXES)
            and not self.stem_made(rest)
        ) or (lm.text_counts[tail] >= GLUE_PART_TEXT and len(rest) > 2 and len(first) > 3 and lm.text_counts[head] > 0)

    def spelled_stem(self, key: str) -> bool:
        """A word the model spells with a ZWNJ and an ending written joined (قائمشهری: قائم\u200cشهر + ی)."""
        return any(
            key.endswith(ending) and len(key) > len(ending) + 1 and self.groups.get(key[: -len(ending)])
            for ending in ("ی", *PLURALS)
        )

    def stem_made(self, word: str) -> bool:
        """A verb's stem, or a present stem and ی (گرای, گیری): the second part of compounds (ملی\u200cگرای)."""
        stem = word[:-1] if word.endswith("ی") else word
        return stem in self.present_stems or stem in self.past_stems or word in self.past_stems

    def zwnj_glued(self, key: str) -> bool:
        """An unknown word with a ZWNJ whose letters before the first ZWNJ or after the last are words run together
        (``pair_glued``: انجامعبادت\u200cها, یک\u200cجوردیگر), where what the author set off by the ZWNJ is a spelling
        a reading can write (``spelled``: عبادت\u200cها, یک\u200cجور, کمیته\u200cی): only so does the reading keep the
        author's ZWNJ (not نخستینباستان\u200cشناسان, whose باستان\u200cشناسان the model spells joined)."""
        lm = self.lm
        if lm.ids.get(key, 0):
            return False
        parts = key.split(ZWNJ)
        first, last = parts[0], parts[-1]
        return (
            self.pair_glued(first)
            and any(
                lm.text_counts[lm.ids.get(first[:cut], 0)] >= PAIR_GLUED_TEXT and self.spelled(key[cut:])
                for cut in range(2, len(first) - 1)
            )
        ) or (
            self.pair_glued(last)
            and any(
                self.spelled(key[: len(key) - len(last) + cut])
                and lm.text_counts[lm.ids.get(last[cut:], 0)] >= PAIR_GLUED_TEXT
                for cut in range(2, len(last) - 1)
            )
        )

    def spelled(self, word: str) -> bool:
        """A spelling of the model, or one of its words and endings set off by ZWNJ (کمیته\u200cی, نداده\u200cاند)."""
        head, *rest = word.split(ZWNJ)
        return bool(
            self.lm.ids.get(word, 0)
            or (self.lm.ids.get(head, 0) and all(part in ATTACHED or part == "ی" for part in rest))
        )

    def chain_glued(self, key: str) -> bool:
        """True when ``key`` is three or more words of a run (``chain_piece``) of which no two neighbours make a word
        the model knows (روی داد گیر: رویداد, a compound's head, so رویدادگیر is one word).

        Read left to right over where each piece starts and ends (at most MAX_UNIT letters), so the work is linear in
        the word's length whatever its letters."""
        size = len(key)
        # ending[j]: (where the piece starts, the most pieces up to three) for each run of pieces that ends at letter j
        ending: list[list[tuple[int, int]]] = [[] for _ in range(size + 1)]
        for end in range(2, size + 1):
            for start in range(max(0, end - MAX_UNIT), end):
                # و may end a run (جراحیمغزو: جراحی مغز و): the conjunction after the word it follows
                if not (self.chain_piece(key[start:end]) or (end == size and key[start:end] == AND)):
                    continue
                if not start:
                    ending[end].append((0, 1))
                    continue
                most = max(
                    (pieces for before, pieces in ending[start] if not self.spellings(key[before:end])), default=0
                )
                if most:
                    ending[end].append((start, min(3, most + 1)))
        return any(pieces == 3 and key[start:] not in ATTACHED for start, pieces in ending[size])

    def chain_piece(self, word: str) -> bool:
        """A word that may be one of three or more run together (``pair_glued``): a word of running text of three
        letters or more, or a function word; not a comparative's ending, which is written joined or with a ZWNJ
        (بلندپروازانه\u200cتری)."""
        index = self.lm.ids.get(word, 0) if len(word) > 1 else 0
        count = self.lm.text_counts[index] if index else 0
        return (
            count >= PAIR_GLUED_TEXT
            and (len(word) > 2 or count >= FUNCTION_WORD_TEXT)
            and word not in POSSESSIVES
            and word not in BOUND_MORPHEMES
            and word not in COMPARATIVES
        )

    def pair_head(self, first: str) -> bool:
        """True when ``first`` may be the first of two words run together (``pair_glued``)."""
        index = self.lm.ids.get(first, 0)
        return bool(index) and self.lm.text_counts[index] >= PAIR_GLUED_TEXT and index not in self.compound_heads

    def pair_tail(self, first: str, rest: str) -> bool:
        """True when ``rest`` may be the second of two words run together after ``first`` (``pair_glued``)."""
        index = self.lm.ids.get(rest, 0)
        return (
            bool(index)
            and self.lm.text_counts[index] >= PAIR_GLUED_TEXT
            and index not in self.compound_tails
            and rest not in ATTACHED
            and rest not in POSSESSIVES
            and not (first.endswith("ه") and rest.startswith(("ها", "ای")))
        )

    def silent_heh(self, word: str) -> bool:
        """True when the ه that ends ``word`` is silent (``heh_glued``): a past participle, a word whose indefinite
        running text writes with \u200cای, or a word of running text that the model spells with \u200cای or \u200cی."""
        lm = self.lm
        return (
            word[:-1] in self.past_stems
            or lm.text_count(word + ZWNJ + INDEFINITE) > 0
            or (
                lm.text_count(word) >= GLUE_RARE_TEXT
                and (lm.is_word(word + ZWNJ + INDEFINITE) or lm.is_word(word + ZWNJ + "ی"))
            )
        )

    def verb_glued(self, key: str) -> bool:
        """An unknown word that is a word of running text and a light verb run together (فاششود: فاش شود, چاپشدند:
        چاپ شدند): compound verbs are written apart, so the word is priced as glued (``_LIGHT_VERB_FORMS``).

        Not after a preverb or a prefix, which are written joined to the verb (برگردید, میشود, برمیگردد), nor where
        the letters before the personal ending are a known word (چشمگیرند: چشمگیر + ند, an adjective and its copula)."""
        if ZWNJ in key or len(key) < 5:
            return False
        lm = self.lm
        for verb, ending in _LIGHT_VERB_FORMS.get(key[-2:], ()):
            first = key[: -len(verb)]
            if (
                key.endswith(verb)
                and len(first) > 1
                and first not in PREVERBS
                and first not in PREFIX_LIKE
                and lm.text_count(first) >= VERB_GLUED_TEXT
                and not (ending and lm.ids.get(key[: -len(ending)], 0))
            ):
                return True
        return False

    def prefix_glued(self, key: str) -> bool:
        """An unknown word whose first part is a word of running text run into the prefix می or نمی of a verb set off by
        ZWNJ (کتابمی\u200cخواند, تأثیرینمی\u200cپذیرند): the verb and the word before it glued, priced as glued.

        Not a preverb (برمی\u200cگردد, درمی\u200cآورند: written joined) nor a word that itself ends in می
        (قدیمی\u200cترین)."""
        head, _, rest = key.partition(ZWNJ)
        if not rest or self.lm.ids.get(key, 0) or self.lm.ids.get(head, 0):
            return False
        for prefix in PREFIXES:
            first = head[: -len(prefix)]
            if (
                head.endswith(prefix)
                and len(first) > 1
                and first not in PREVERBS
                and not first.endswith(PREVERBS)
                and self.lm.text_count(first) >= GLUE_RARE_TEXT
                and self.verb_form(rest.split(ZWNJ)[0])
            ):
                return True
        return False

    def plural_glued(self, part: str) -> bool:
        """A part after a ZWNJ that is a plural suffix, or ای after silent ه, and a frequent word glued (هایسیستم,
        هارا, هاییبرای, ایرا: خانواده\u200cایرا), or a plural suffix and a word of running text (هایپهن)."""
        if part in _ANALYSIS_SUFFIXES or not part.startswith(("ها", "ای")) or part == "ایست":
            return False
        for suffix in ("هایی", "های", "ها", "ای"):
            rest = self.lm.ids.get(part[len(suffix) :], 0) if part.startswith(suffix) else 0
            if rest and len(part) - len(suffix) > 1:
                unit = Unit(self.lm.words[rest], rest, 0.0)
                # After a plural, any word of running text of three letters or more (برگ\u200cهایپهن,
                # آموزه\u200cهایاسماعیلی): no ending of a plural but the possessives (read as suffixes above) begins
                # with one. Not after ای, which begins words (ضد\u200cایرانی).
                if self.glue_part(unit) or (suffix != INDEFINITE and self.text_word(unit)):
                    return True
        return False

    def one_word(self, key: str) -> bool:
        """An unknown word that morphology reads as one word, not glued words (cheap glued splits stay out of it):

        - a known stem (not a verb form) and the plural ان: درزیان, راهزنان;
        - a comparative with a plural personal ending: تأثیرگذارترند, بهتریم;
        - a known word and ی: بندرگاهی;
        - a word of running text and the agent suffix گر, written joined (اجراگر, not اجر اگر);
        - a preverb and a verb form (Academy: written joined): برگذشتند;
        - a known word ending in a vowel (or a plural) and the short copula ست: آسیاست, عراقیهاست.
        """
        lm = self.lm
        if len(key) < 5:
            return False
        if key.endswith("ان") and lm.ids.get(key[:-2], 0) > 0 and not self.verb_form(key[:-2]):
            return True
        if key.endswith(("ترند", "تریم", "ترید")) and lm.text_count(key[:-4]) > 0:
            return True
        if key.endswith("ی") and lm.ids.get(key[:-1], 0) > 0:
            return True
        if key.endswith(_AGENT) and lm.text_count(key[: -len(_AGENT)]) >= TAIL_STEM_TEXT:
            return True
        if any(key.startswith(preverb) and self.verb_form(key[len(preverb) :]) for preverb in PREVERBS):
            return True
        if key.endswith("ست") and key[-3] in "اوی":
            stem = key[:-2]
            if stem.endswith("ها"):
                return lm.text_count(stem[:-2]) > 0
            # Not where the letters before the vowel are the commoner word (کوراست: کور است).
            return lm.text_count(stem) > max(0, lm.text_count(stem[:-1]))
        return False

    @cached_property
    def longest_word(self) -> int:
        """The letters of the model's longest word (a key longer than this is none of its words), read on first
        need: only a long unknown token asks."""
        return max(map(len, self.lm.ids), default=0)

    @cached_property
    def known_sorted(self) -> tuple[str, ...]:
        """The attested spellings in order, for the lattice's search (``_build_lattice``), made on first need, which a
        text without a suspect stretch never has.

        Put in order by the order the spelling tables hold (``SpellingTables.known_order``: one pass, no comparison;
        sorting took 29 ms of every batch run's start). A tuple: the garbage collector stops tracking a tuple of
        strings the first time it meets one, where it would walk a list's 179k strings at every collection of its
        generation (13 + 22 ms in a fresh process). Picked by one ``itemgetter`` of every index, which makes the tuple
        in C (a call of the list's ``__getitem__`` per spelling took 15 M instructions more of a fresh process's first
        document); a table of fewer than two spellings (a test's model) is picked one by one, as ``itemgetter`` gives
        no tuple then."""
        known, order = list(self.known_letters), self._known_order
        if len(order) < 2:
            return tuple(map(known.__getitem__, order))
        found: tuple[str, ...] = itemgetter(*order)(known)
        return found

    def prefixed(self, key: str, glued: bool = False) -> bool:
        """A productive prefix joined to a known word (باایمان, بیکران): a new word, not a glued pair; where the text
        shows no glued words (``glued`` false), also a compound head joined to a word of running text (هرپس)."""
        if key.startswith(_OPEN_PREFIXES) and self.lm.ids.get(key[2:], 0) > 0:
            return True
        lm = self.lm
        return (
            not glued
            and key.startswith(_COMPOUND_HEADS)
            and any(
                key.startswith(head) and len(key) - len(head) > 1 and lm.text_count(key[len(head) :]) > 0
                for head in _COMPOUND_HEADS
            )
        )

    def verb_form(self, word: str) -> bool:
        """A finite verb, infinitive or past participle built on a known stem (``شناختن``, ``کردند``).

        Compound verbs are written apart (Academy orthography: «به رسمیت شناختن», «ارسال شده»), so a
        space before such a word is never turned into a ZWNJ. A bare present stem is not a verb form
        here: it makes adjectives with ZWNJ (``امکان\u200cپذیر``).
        """
        verdict = self.verb_cache.get(word)
        if verdict is None:
            verdict = verb_form_on_stems(word, self.past_stems, self.present_stems)
            self.verb_cache.keep(word, verdict)
        return verdict

    def spellings(self, letters: str) -> tuple[int, ...]:
        """Model ids of the attested spellings of ``letters`` (normalised, no ZWNJ), most frequent first."""
        found = self.groups.get(letters)
        if found is not None:
            return found
        index = self.lm.ids.get(letters, 0)
        return (index,) if index else ()

    def glue_part(self, unit: Unit) -> bool:
        """A unit that may be split off a glued word cheaply: a frequent free word of two letters or more, or و."""
        return (
            unit.index > 0
            and (len(unit.spelling) > 1 or unit.spelling == "و")
            and self.lm.text_counts[unit.index] >= GLUE_PART_TEXT
            and unit.spelling not in BOUND_MORPHEMES
        )

    def glue_flags(self, unit: Unit) -> int:
        """What a unit is as a piece of a glued word (``_cheap_split``): frequent, function word, word of text."""
        if unit.spelling in POSSESSIVES:
            # شان تان مان run onto a word are its possessive ending (حرکتشان, خاطرتان), no word glued to it: running
            # text writes them alone 7 to 31 times in its 528,000 words (شان, dignity). Split off cheaply, they tore
            # such words in texts that show glued words (حرکت شان, news articles of ``benchmarks/article.py``).
            return 0
        flags = 0
        if self.glue_part(unit):
            flags = PIECE_FREE | PIECE_ANCHOR if self.anchor(unit) else PIECE_FREE
        if self.text_word(unit):
            flags |= PIECE_TEXT | PIECE_RARE
        elif (
            unit.index > 0
            and len(unit.spelling) > 2
            and (self.lm.text_counts[unit.index] or self.listed_piece(unit))
            and unit.spelling not in BOUND_MORPHEMES
        ):
            flags |= PIECE_RARE  # seen once in running text, or a word list's word of five letters or more
        if unit.spelling.endswith(_PLURAL_ENDS):
            flags |= PIECE_PLURAL
        return flags

    def anchor(self, unit: Unit) -> bool:
        """A frequent piece (``glue_part``) that may be split off beside a rare word: three letters or more, و,
        or a function word."""
        return len(unit.spelling) > 2 or unit.spelling == "و" or self.lm.text_counts[unit.index] >= FUNCTION_WORD_TEXT

    def listed_piece(self, unit: Unit) -> bool:
        """A word that only word lists know, of five letters or more and no verb form: in a text that shows glued
        words it may be carved out of an unknown word like a word of running text (رژیمی + استعماری)."""
        return unit.index > 0 and len(unit.spelling) > 4 and not self.verb_form(unit.spelling)

    def text_word(self, unit: Unit) -> bool:
        """A word of running text (seen GLUE_RARE_TEXT times) of three letters or more, not a bound morpheme:
        glued to such a word or a frequent one (تبرئهو, کارنامهوی, سوالاتتکراری), it splits off cheaply."""
        return (
            unit.index > 0
            and len(unit.spelling) > 2
            and self.lm.text_counts[unit.index] >= GLUE_RARE_TEXT
            and unit.spelling not in BOUND_MORPHEMES
        )

    def _judge(self, word: str) -> bool:
        """True when a word of the input needs a second look (remembered per word type in ``suspect_cache``)."""
        key = self.key(word)
        index = self.lm.ids.get(key, 0)
        if not index or (len(key) == 1 and key != "و"):
            return True
        if ZWNJ in key:
            return False  # the author's ZWNJ: trusted
        if not self.lm.text_counts[index] and len(key) > 3:
            return True  # known only from a word list: may be two words run together (ازاین)
        if (
            self.lm.text_counts[index] <= RARE_GLUED_TEXT
            and index not in self.kept_joined
            and self.glued_pair(key, index)
        ):
            # A typo (درکنار, ویا) or a rare joined spelling (دردسترس) of a pair that running text far prefers.
            return True
        ids = self.spellings(key)
        return bool(ids) and ids[0] != index and self.lm.counts[ids[0]] >= RESPELL_RATIO * self.lm.counts[index]

    def glued_pair(self, key: str, index: int) -> bool:
        """True when running text writes the word's letters as two words far more often than as the word."""
        lm = self.lm
        least = max(RARE_GLUED_PAIR, RARE_GLUED_RATIO * (lm.text_counts[index] + 1))
        for cut in range(1, len(key)):
            first = lm.ids.get(key[:cut], 0)
            second = lm.ids.get(key[cut:], 0) if first else 0  # the second part only where the first is a word
            if first and second and lm.pair_count(first, second) >= least:
                return True
        return False

    def torn_neighbour(self, first: str, second: str) -> bool:
        """True when two neighbours, one of them a word the model does not know, are likelier one word torn by a space
        or two words whose space moved by a letter: their letters joined are a word of running text (تو پخانه:
        توپخانه), or, where neither is a word of running text, the last letter of the first begins the second and
        leaves two words of running text (همی نتاریخ: همین تاریخ), or the other way round."""
        a, b = self.key(first), self.key(second)
        if ZWNJ in a or ZWNJ in b or min(len(a), len(b)) < 2:
            return False
        count = self.lm.text_count
        if any(count(self.lm.words[index]) for index in self.spellings(a + b)):
            return True
        if count(a) or count(b):
            return False  # a word of running text beside a name keeps its letters (نقش یاما is no نقشی اما)
        return (count(a[:-1]) > 0 and count(a[-1] + b) > 0) or (count(a + b[0]) > 0 and count(b[1:]) > 0)

    def letter_name(self, word: str) -> bool:
        """Two letters that may name a Latin letter (سی, بی, دی) beside a lone letter and و: a consonant and ی, not a
        frequent word (وی); other pairs of letters are as often short words (گل, کل, صف: سبز ه و گل is سبزه و گل)."""
        return len(word) == 2 and word[1] == "ی" and self.lm.text_count(word) < FUNCTION_WORD_TEXT

    def free(self, word: str) -> bool:
        """A word that stands on its own in running text (not a bound morpheme or a fragment)."""
        key = self.key(word)
        if key in BOUND_MORPHEMES or key in PREFIX_LIKE or key in self.tails:
            return False
        index = self.lm.ids.get(key, 0)
        return index > 0 and self.lm.text_counts[index] >= FREE_WORD_TEXT

    def new_pair_suspect(self, first: str, second: str) -> int:
        """True when two neighbours separated by a space may be one word (or ``LET_GO``), as ``pair_verdicts`` says."""
        return self.pair_verdicts(first + " " + second, [first, second])[0]

    def word_verdicts(self, words: list[str]) -> list[bool]:
        """Whether each word of the input needs a second look (``_judge``; never a word longer than MAX_WORD)."""
        flagged: list[bool | None] = list(map(self.suspect_cache.get, words))
        if None in flagged:
            # The words not seen before, found in C: most of a text's words are remembered.
            for k in compress(range(len(words)), map(is_, flagged, repeat(None))):
                word = words[k]
                flagged[k] = len(word) <= MAX_WORD and self.suspect_cache.keep(word, self._judge(word))
        return flagged  # type: ignore[return-value]  # no None left

    def pair_verdicts(self, runs: str, words: list[str], apart: Container[int] = ()) -> list[int]:
        """The verdicts of the pairs of neighbours in ``words`` (``runs`` is them joined by spaces): True, False or
        ``LET_GO``, one per pair; False for the pairs at ``apart`` (the last word of a run and the first of the next).
        Most pairs are told apart by their joined letters alone.

        ``_judge_pair`` says True only for a first word ending in می, a second word that is a bound part, a tail,
        a one-letter ending or starts with ها, or letters that some spelling has; every other pair is not suspect.
        The pairs that may be are found by passes over all the words in C (``map``, set tests, substrings of
        ``runs``), so only they take a Python step each (about one pair in eight); their verdicts are remembered.
        """
        if len(words) < 2:
            return []
        # A word is its own join key unless it holds what the lookup form changes (``KEY_CHANGES``): only those
        # words are looked up, found by one search of the runs (most texts hold none; wrapped documents a few).
        # (A long word kept as its key is no harm: a pair with a word past MAX_WORD is never judged, below.)
        keys = words.copy()
        index = position = 0
        for match in KEY_CHANGES.finditer(runs):
            index += runs.count(" ", position, match.start())
            position = match.start()
            word = words[index]
            key = self.join_key_cache.get(word)
            if key is None:
                # A word past MAX_WORD is in no judged pair: a space, which no spelling holds, stands for it.
                key = self.join_key(word) if len(word) <= MAX_WORD else " "
            keys[index] = key
        joined = list(map(add, keys, islice(keys, 1, None)))
        pairs = range(len(joined))
        maybe = list(compress(pairs, map(self.known_letters.__contains__, joined)))
        # A first word ending in می, a second starting with ها: where the runs hold می and ها at a space (about one
        # pair in 200), not a test of every word.
        maybe += pairs_across(runs, "می ")
        maybe += pairs_across(runs, " ها")
        if not self.pair_seconds.isdisjoint(words):
            maybe += compress(pairs, map(self.pair_seconds.__contains__, islice(words, 1, None)))
        verdicts: list[int] = [False] * len(joined)
        cache = self.pair_cache
        for k in maybe:
            first, second = words[k], words[k + 1]
            if len(first) > MAX_WORD or len(second) > MAX_WORD or k in apart:
                continue
            verdict = cache.get((first, second))
            if verdict is None:
                verdict = self._judge_pair(first, second)
                if len(cache) >= cache.bound:
                    cache.clear()  # never past its bound
                cache[sys.intern(first), sys.intern(second)] = verdict
            verdicts[k] = verdict
        return verdicts

    def join_key(self, word: str) -> str:
        """The word's lookup form without the ezafe hamza, as ``_judge_pair`` joins it to a neighbour's."""
        return self.join_key_cache.keep(word, self.key(word).replace(HAMZA_ABOVE, ""))

    def _judge_pair(self, first: str, second: str) -> int:
        if second in BOUND_MORPHEMES or first in PREFIXES or second in self.tails:
            return True
        if first in PREVERB_PREFIXES and self.verb_form(second):
            return True
        if first.endswith(PREFIXES) and not self.lm.is_word(first):
            return True  # a prefix glued to the wrong neighbour (ونمی توان)
        if second.startswith("ها") and (
            not self.lm.is_word(second) or self.glued_pair(second, self.lm.ids.get(second, 0))
        ):
            # A plural suffix glued to the next word (تیم هاانجام, نسخه هایناپایدار): only before a free word of
            # running text, not in a name (کریس هاگز: گز is seen twice). A frequent word only (30) missed the rarer
            # adjectives of damaged text (ناپایدار 21 times, زمینی 18). A listed word too where running text writes
            # its letters as two words far more often (ربات هارا: هارا once, ها را 68 times; not هاروی, هاملت).
            rest = self.lm.ids.get(second[3:] if second.startswith("های") else second[2:], 0)
            if rest and self.lm.text_counts[rest] >= FREE_WORD_TEXT:
                return True
        if second in LETTER_ENDINGS:
            return True  # a word's last letter split off (نفاق ی, سپر ش), or the ezafe after ه (رویه ی)
        # The lookup form is letter by letter: the pair's joined form is its words' forms joined.
        first_key = self.key_cache.get(first) or self.key(first)
        second_key = self.key_cache.get(second) or self.key(second)
        joined = (first_key + second_key).replace(HAMZA_ABOVE, "")
        lm = self.lm
        ids = self.groups.get(joined)
        if ids is None:
            # Most pairs: letters no word has (``spellings`` inlined, this is the scan's commonest question).
            index = lm.ids.get(joined, 0)
            if not index:
                return False
            ids = (index,)
        if (
            (first_key not in lm.ids or second_key not in lm.ids)
            and "و" not in (first_key, second_key)
            and (
                ZWNJ not in lm.words[ids[0]]
                or (ZWNJ in first_key and first_key not in lm.ids and second_key not in POSSESSIVES)
            )
        ):
            # A fragment beside a piece of an attested word: a word broken by a space (نابودسا زی), also after the
            # author's ZWNJ, which the attested spelling has where the input has it (شناخته\u200cش ده: شناخته\u200cشده).
            return True
        # The joined word must be common enough beside the spaced pair to be worth a look
        # (``رابه`` for ``را به`` is a typo of the corpus, not a rival spelling).
        first_id, second_id = lm.ids.get(first_key, -1), lm.ids.get(second_key, 0)
        spaced = lm.pair_count(first_id, second_id) if first_id >= 0 and second_id > 0 else 0  # lm.bigram_count
        if 10 * lm.text_counts[ids[0]] < max(1, spaced):
            return False
        # Two free words that a stretch would read across a free space (``FREE_SPACE``) where every spelling of their
        # joined letters needs running text that it lacks (``needs_text``: به صورت, این کار, استفاده شده): no reading
        # joins them, so the pair is no reason to look again by itself (``LET_GO``).
        if ZWNJ not in joined and len(joined) == len(first) + len(second) and self.free(first) and self.free(second):
            # The readings of letters are built on the lexicon: imported where it asks them, not with the module.
            from dorost.fixes.spacing.compounds import needs_text
            from dorost.fixes.spacing.readings import candidates

            across = [NONE] * (len(first) - 1) + [FREE_SPACE] + [NONE] * (len(second) - 1)
            units = candidates(self, joined)
            if all(needs_text(self, unit, across, 0, len(joined)) for unit in units):
                # Unless the text turned ZWNJs into spaces, where a compound needs less (خط مشی: ``SPACED_ONLY``).
                if all(needs_text(self, unit, across, 0, len(joined), True) for unit in units):
                    return LET_GO
                return SPACED_ONLY
        return True


# The verdict on a pair of free words that no reading joins (``Lexicon._judge_pair``): no stretch of its own, but
# read with a neighbour that is read again, as a suspect pair is (a suffix may join all three: موافقت نامه ای).
LET_GO = 2
# A pair suspect only in a text that shows ZWNJs turned to spaces (``Signs.spaced``), else let go.
SPACED_ONLY = 3


def pairs_across(runs: str, piece: str) -> list[int]:
    """Where ``piece``, which holds one space, stands across the space between two words of ``runs`` (words joined
    by single spaces): each pair's place, the index of its first word, in order.

    >>> pairs_across("این کتاب ها علمی است", " ها"), pairs_across("این کتاب ها علمی است", "می ")
    ([1], [3])
    """
    found: list[int] = []
    pair = position = 0
    at = runs.find(piece)
    while at >= 0:
        pair += runs.count(" ", position, at)  # the spaces before it, counted on from the last
        position = at
        found.append(pair)
        at = runs.find(piece, at + 1)
    return found


# What may make a word's join key (``Lexicon.join_key``) differ from the word: what ``normalize_word`` changes (the
# marks and kashida it drops, Arabic ي ى ك) and the ezafe hamza the join key drops.
KEY_CHANGES = re.compile("[\u0640\u0643\u0649\u064a-\u0652\u0654\u0670]")


# A unit's flags as a piece of a glued word (``Lexicon.glue_flags``): a frequent free word (``glue_part``), one
# that may be split off beside a rare word (``anchor``), a word of running text (``text_word``), a plural set off
# by ZWNJ, a word seen in running text at all (three letters or more); and, on a lattice edge, that the unit may
# be split off the word before it (a frequent piece, not و ending a word).
PIECE_FREE, PIECE_ANCHOR, PIECE_TEXT, PIECE_PLURAL, PIECE_SPLIT, PIECE_RARE = 1, 2, 4, 8, 16, 32


def _cuts(spelling: str) -> frozenset[int]:
    """Letter positions after which a spelling has a ZWNJ."""
    cuts: set[int] = set()
    position = 0
    for part in spelling.split(ZWNJ)[:-1]:
        position += len(part)
        cuts.add(position)
    return frozenset(cuts)


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


_LEXICON: Lexicon | None = None


def shared_lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        lm = model()
        # Its spelling tables come ready-built with the model (refused where they were built from another one).
        _LEXICON = Lexicon(lm, load_tables(lm, Lexicon.RECIPE))
        # The commonest answers ship ready-built too (ignored where they were computed from another model or code).
        from dorost.fixes.spacing.remembered import load_into

        load_into(_LEXICON)
    return _LEXICON


def _separators(spelling: str) -> list[str]:
    """The separator after each letter of a one-word spelling except the last: ZWNJ or nothing."""
    if ZWNJ not in spelling:
        return [NONE] * (len(spelling) - 1)  # most spellings
    seps: list[str] = []
    for ch in spelling:
        if ch == ZWNJ:
            seps[-1] = JOIN
        else:
            seps.append(NONE)
    return seps[:-1]


def _affix_joins(spelling: str, tails: frozenset[str] = frozenset()) -> tuple[int, ...]:
    """Letter positions of a spelling whose ZWNJ sets off ``می``/``نمی``, a plural suffix, ``تر``/``ترین`` or one
    of ``tails`` (the model's tails and joined tails, شناسی in زبان\u200cشناسی)."""
    parts = spelling.split(ZWNJ)
    found: list[int] = []
    position = -1
    for index, part in enumerate(parts[:-1]):
        position += len(part)
        following = parts[index + 1]
        if (index == 0 and part in PREFIXES) or following in PLURALS or following in COMPARATIVES or following in tails:
            found.append(position)
    return tuple(found)
