"""The search for the best reading of a stretch of words: the lattice of units and the beam over it.

A stretch (:class:`Window`) is prepared once per words: its letters, the input's separator labels and the lattice
of every unit a reading may use from each letter, with the edit cost of writing the unit's separators instead of the
input's. :func:`segment` then finds the best path by a beam search scored by the bigram model, against the input's
own reading in the same context; a stretch segmented before is first bounded, so that a context in which no reading
can win skips the beam. Context-free parts are cached on the window; the neighbours only change the scores.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from types import MappingProxyType

from dorost.chars import ZWNJ
from dorost.fixes.spacing.compounds import listed_fragment, listed_with_ending, needs_text, spaced_compound
from dorost.fixes.spacing.lexicon import (
    FUNCTION_WORD_TEXT,
    GLUE_RARE_TEXT,
    MAX_UNIT,
    PIECE_ANCHOR,
    PIECE_FREE,
    PIECE_PLURAL,
    PIECE_RARE,
    PIECE_SPLIT,
    PIECE_TEXT,
    Lexicon,
    shared_lexicon,  # noqa: F401  (the lexicon of the examples)
)
from dorost.fixes.spacing.readings import candidates, copula_unit, text_words, unknown_plural
from dorost.fixes.spacing.units import (
    AFTER_HEH,
    FREE_SPACE,
    JOIN,
    KEPT_JOIN,
    KEPT_NONE,
    KNOWN_NONE,
    NONE,
    PLAIN,
    RUN_TOGETHER,
    SPACE,
    Unit,
)
from dorost.fixes.spacing.words import (
    AND,
    COPULA,
    EZAFE_AFTER_HEH,
    HAMZA_ABOVE,
    HEH_AND,
    INDEFINITE,
    MARK_SET,
    NEVER_ALONE,
    PLURAL_HAY,
    PLURALS,
    POSSESSIVES,
    PREFIXES,
    WITHOUT,
    joins_next,
)
from dorost.language import LanguageModel, normalize_word

# Cost, in nats of model probability, of changing a boundary from the input's separator to another.
# A space or nothing where a ZWNJ belongs is the commonest damage, and where running text attests
# both spellings the more frequent one is the norm, so these cost (almost) nothing beyond MARGIN.
# Splitting or joining words needs real evidence; a ZWNJ the author typed is the dearest to overrule.
EDIT_COST: dict[tuple[str, str], float] = {
    (SPACE, JOIN): 0.0,
    (SPACE, NONE): 2.0,
    (FREE_SPACE, JOIN): 3.0,
    (FREE_SPACE, NONE): 5.0,
    (NONE, JOIN): 1.5,
    (AFTER_HEH, JOIN): 0.2,
    (NONE, SPACE): 3.5,
    (KNOWN_NONE, JOIN): 1.5,
    (KNOWN_NONE, SPACE): 6.0,
    (AFTER_HEH, SPACE): 3.5,
    (JOIN, NONE): 8.0,
    (JOIN, SPACE): 12.0,
    (KEPT_NONE, JOIN): math.inf,
    (KEPT_NONE, SPACE): 6.0,
    (KEPT_JOIN, NONE): math.inf,
    (KEPT_JOIN, SPACE): math.inf,
}
# A reading that closes an input space and sets a ZWNJ one letter away in the same word moves the input's
# separator (رابطه ای read as رابط\u200cهای, زبان های as زبانه\u200cای): damage drops or swaps separators, it seldom
# moves one, so the input's place of the break is evidence between two spellings of the same letters.
SHIFT_COST = 3.0
# A reading that carves a word out of the middle of letters run together (آنوکسی read as آن و کسی, مادرشهر as ما در
# شهر) says two spaces were lost side by side: damage drops one space in fifty, two in a row hardly ever, while a name
# or a term (آنوکسی, باکتریوسید) holds such pieces by chance. The piece costs this much more (nats).
MIDDLE_PIECE_COST = 3.0
# ... where the piece is this short (و, در, از: a long piece, دودستههمگرا, is likelier three glued words).
MIDDLE_PIECE_LETTERS = 2
# The new reading must beat the input's by this much (nats) after the edit costs.
MARGIN = 0.3
# After an unknown word the model has no context and falls back to the unigram, which a known context gives
# only through its back-off weight: the word after an unknown one costs this much more (nats), so that an
# unknown word does not win by the context it lacks (که سوالاتتکراری از: not cheaper than سوالات تکراری از).
AFTER_UNKNOWN = 0.7
# In a text that shows ZWNJs turned to spaces: what a ZWNJ compound's reading pays less for each free space it closes.
SPACED_JOIN_DISCOUNT = 3.0
# An unknown word is split into two words cheaply (this much off the price of a new space) when both are seen often
# in running text (``Lexicon.glue_flags``): the glued damage of PDFs and careless typing.
GLUE_SPLIT_DISCOUNT = 3.3
# The short copula ست, and the letters after which it is written joined (آسیاست, یلداست).
_SHORT_COPULA = "ست"
_VOWEL_LETTERS = frozenset("اوی")
# A word the model does not know and a plural suffix written apart after it, read as one word (آزتک\u200cها): as dear as
# a suffix left alone (ALONE_COST), so that a reading of known words wins where the unknown word is two words glued
# (ایکمک ها: ای کمک\u200cها); chosen on the dev split.
UNKNOWN_PLURAL_COST = 6.0
# The object marker را, and the most letters of an unknown word in را that is read as a name where the text shows no
# glued words (``_build_lattice``).
_RA = "را"
SHORT_RA_NAME = 4
# The ratio of a joined word's running-text count to its two words' that lets a text that shows torn words
# (``Window.torn``) close a space between the two as cheaply as a space beside a fragment (``_torn_pair``).
TORN_JOIN_RATIO = 10
# The letters of a function word that ``_function_pair`` reads (از, یا, تا).
_FUNCTION_LETTERS = 2
# Two function words are avoided side by side where running text writes them together fewer than 1/AVOIDED_PAIR_RATIO
# times as often as their counts predict, and they predict at least AVOIDED_PAIR_EXPECTED (``_function_pair``).
AVOIDED_PAIR_RATIO = 3
AVOIDED_PAIR_EXPECTED = 5
# Frequent words that are also common word endings: split off the end of an unknown word only in glued text.
_WORD_ENDS = frozenset({"و", "یک"})
# A glued word is also split cheaply where running text has the two words side by side at least this often (نماز عصر).
GLUE_PAIR = 1
# A lone letter and a function word are read as one word only where running text writes it this often (``lone_pairs``
# in ``_build_lattice``).
LONE_JOIN_TEXT = 10
# How many readings ending at a letter position the beam keeps (the best of them).
BEAM = 6
# A stretch segmented this many times already is first bounded (``_bound``): where no reading can beat the
# input's by the margin, the beam is skipped. The first time, the beam alone is cheaper than the bound.
BOUND_AFTER = 1
# The bound and the beam add the same scores in another order: a float rounding error far below this.
BOUND_SLACK = 1e-6
# The ending ای (indefinite or adjective) after silent ه, with a plural after it (برره\u200cای\u200cها): the plural
# of ای alone is read only right after ه (``_build_lattice``).
_INDEFINITE_PLURAL = INDEFINITE + ZWNJ + "ها"
# The price (nats) of a bound suffix written as a word of its own in a reading.
ALONE_COST = 6.0
# Joining a known joined spelling's plural suffix, comparative or verbal prefix with ZWNJ (آنها → آن\u200cها,
# مهمترین → مهم\u200cترین) is cheap: it is the Academy's spelling, and the word is only respelled when running
# text prefers it.
AFFIX_JOIN_COST = 0.2


def _cheap_split(first: int, second: int) -> bool:
    """True when splitting an unexplained word between pieces with these flags is the glued damage (ازاین,
    دیسک\u200cهاینصب, کارنامهوی, سوالاتتکراری).

    Both pieces frequent, or a frequent piece after a plural set off by ZWNJ; or both words of running text; or
    one piece frequent and the other seen in running text at all. A frequent piece of two letters beside a rare
    word must be a function word (از, که, وی), not a fragment (ان, تم, فی).
    """
    if second & PIECE_SPLIT and first & (PIECE_FREE | PIECE_PLURAL):
        return True
    if first & PIECE_TEXT and second & PIECE_TEXT:
        return True
    return bool(
        (first & PIECE_RARE and second & PIECE_SPLIT and second & PIECE_ANCHOR)
        or (first & PIECE_ANCHOR and second & PIECE_RARE)
    )


# Word ends never carved off right after a vowel mark (``_vowel_before``), and the marks: tanwin, fatha, damma, kasra,
# shadda, sukun.
_MARKED_ENDS = (_RA, AND)
_VOWEL_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")


def _vowel_before(word: str, ending: str) -> bool:
    """True when ``word`` ends in ``ending`` written plain, right after a letter with a vowel mark (کالِرا).

    >>> _vowel_before("کال\u0650را", "را"), _vowel_before("کالرا", "را")
    (True, False)
    """
    return len(word) > len(ending) + 1 and word.endswith(ending) and word[-len(ending) - 1] in _VOWEL_MARKS


# A reading of the beam up to a letter position: (score, last unit, the reading it extends, where its last unit
# starts, the last unit's glue flags, where a glued split may follow it). A tuple, not a class: the beam makes one
# per edge and reading, and a class's constructor costs more than the scoring it records.
_State = tuple[float, "Unit | None", "_State | None", int, int]


# The plural with the ezafe (رابط\u200cهای) links its word to the next one, and را or است never is that next word:
# running text writes X\u200cهای before را 3 times in 9,168 plurals in های, where the indefinite (رابطه\u200cای) comes
# before را 49 times in 1,663 and before است 73 times (X\u200cهای: twice). A reading that puts one before them pays
# about that ratio, which the model's back-off for an unseen pair does not know.
_PLURAL_EZAFE = ZWNJ + PLURAL_HAY
_NOT_AFTER_EZAFE = frozenset({_RA, COPULA})
EZAFE_END_COST = 3.0


# No word of the text's own (``Window.own``).
_NO_OWN: Mapping[str, float] = MappingProxyType({})


def _unknown_score(unit: Unit, own: Mapping[str, float]) -> float:
    """The score of a unit the model does not know, whatever comes before it (``_score``)."""
    return unit.logprob + own.get(unit.spelling.split(ZWNJ, 1)[0], 0.0) if own else unit.logprob


def _stem_context(lm: LanguageModel, lex: Lexicon, prev: Unit | None, stem: int) -> float:
    """What the word before a known word with its possessive adds to it (``Unit.stem``): what running text's pair of
    that word and the known word gains over the known word alone (غدهٔ پستانیشان reads پستانی after غده, a pair running
    text writes), so that the reading is not outscored by one that tears the possessive off and keeps the word beside
    the same neighbour (پستانی شان)."""
    if prev is None:
        first = 0
    else:
        first = prev.index or -1
        if first > 0:
            aliased = lex.alias.get(first)
            if aliased is not None:
                first = aliased[0]
    if first < 0:
        return 0.0
    key = (first, stem)
    found = lex.conditional_cache.get(key)
    if found is None:
        found = lm._conditional(first, stem)
        lex.conditional_cache.keep(key, found)
    # Only a gain: an unseen pair backs off below the word's own share, and the word with its possessive, no word of
    # the model, was scored by that share alone (انگشتانشان after مقابل).
    return max(0.0, found - lm.unigram_logprob(stem))


def _score(lm: LanguageModel, lex: Lexicon, prev: Unit | None, unit: Unit, own: Mapping[str, float] = _NO_OWN) -> float:
    """The score of ``unit`` after ``prev``; ``own``: what the text's own words add (``Window.own``)."""
    index = unit.index
    if not index:
        if unit.stem:
            return _unknown_score(unit, own) + _stem_context(lm, lex, prev, unit.stem)
        return _unknown_score(unit, own)
    # The beam asks this for every edge and reading: each table is read once, and no default tuple is built.
    alias = lex.alias
    if prev is None:
        first = 0
    else:
        first = prev.index or -1  # -1: after an unknown word
        if first > 0:
            aliased = alias.get(first)
            if aliased is not None:
                first = aliased[0]
    aliased = alias.get(index)
    score = 0.0
    if aliased is not None:
        index, score = aliased
    key = (first, index)
    found = lex.conditional_cache.get(key)
    if found is None:
        found = lm._conditional(first, index)
        lex.conditional_cache.keep(key, found)
    score += found
    if own:
        # The word itself or its form with a suffix set off by ZWNJ (لوزه\u200cای).
        score += own.get(unit.spelling.split(ZWNJ, 1)[0], 0.0)
    if prev is not None:
        if prev.unknown:
            score -= AFTER_UNKNOWN
        spelling = unit.spelling
        if spelling in NEVER_ALONE:
            score -= ALONE_COST
        if spelling in _NOT_AFTER_EZAFE and prev.spelling.endswith(_PLURAL_EZAFE):
            score -= EZAFE_END_COST
    return score


@dataclass(slots=True)
class Window:
    """The context-free part of a stretch of words: its letters, input separators and reading lattice."""

    letters: list[str]  # the letters as written (marks and ZWNJ left out)
    offsets: list[int]  # each letter's offset from the stretch's first letter in the text
    original: list[str]  # the input's separator label after each letter but the last
    tokens: list[tuple[int, int, str]]  # the input words as (first letter, end letter, spelling)
    text_letters: str  # the letters normalised
    glued: bool  # the text shows glued words: unknown words are scored as likelier glued
    lost: bool = False  # the text shows lost ZWNJs: some run-together words lost one too (``_build_lattice``)
    # The text shows words torn by spaces (``Signs.torn``): a space between two free words is closed as cheaply as any
    # space where running text writes the joined word far more often than the pair (پیش نهاد: پیشنهاد).
    torn: bool = False
    # The text shows ZWNJs turned to spaces (``Signs.spaced``): a space may be a lost ZWNJ (``needs_text``).
    spaced: bool = False
    # The rare words the text itself writes as words of their own, found in the stretch's letters, with what each adds
    # to the score of a reading's word (``_score``): ``fix._own_words``.
    own: Mapping[str, float] = field(default_factory=dict)
    lattice: list[list[tuple[int, Unit, float, int]] | None] | None = None
    glued_at: list[bool] | None = None
    segmented: int = 0  # how many times the stretch was segmented (in any context)
    bound: _Bound | None = None


@dataclass(frozen=True, slots=True)
class _Bound:
    """The context-free part of an upper bound on the score of every reading of a stretch (``_bound``).

    ``first``: the units a reading may start with and their edit costs; ``last``: the units it may end
    with; ``inner[a][b]``: at least the score of the best reading's middle from first unit ``a`` to last
    unit ``b`` (-inf when no reading joins them), with every unit after the first scored after its best
    possible predecessor.
    """

    first: list[tuple[Unit, float]]
    last: list[Unit]
    inner: list[list[float]]


def prepare(
    lex: Lexicon,
    window: list[str],
    keep: bool,
    glued: bool,
    lost: bool = False,
    torn: bool = False,
    spaced: bool = False,
    own: Mapping[str, float] | None = None,
) -> Window | None:
    """The letters and input separators of ``window``; None when it cannot be segmented."""
    letters: list[str] = []
    offsets: list[int] = []
    original: list[str] = []
    tokens: list[tuple[int, int, str]] = []
    word_start = 0
    for index, word in enumerate(window):
        token_start = len(letters)
        joined = False
        word_id = lex.index(word)
        if glued and word_id and lex.listed_glue(word):
            word_id = 0  # a glued pair that only word lists know (ازشما, درآن): unknown in a glued text
        inner = KEPT_NONE if keep and word_id in lex.kept_joined else KNOWN_NONE if word_id else NONE
        for pos, ch in enumerate(word):
            if ch == ZWNJ:
                joined = True
                continue
            if ch in MARK_SET:
                continue
            if letters:
                if len(letters) == token_start:
                    free = lex.free(window[index - 1]) and lex.free(word)
                    original.append(FREE_SPACE if free else SPACE)
                elif joined:
                    kept = lex.kept_zwnj(word, word[: word.rfind(ZWNJ, 0, pos)])
                    original.append(KEPT_JOIN if kept else JOIN)
                else:
                    original.append(AFTER_HEH if letters[-1] == "ه" else inner)
            joined = False
            letters.append(ch)
            offsets.append(word_start + pos)
        tokens.append((token_start, len(letters), word))
        word_start += len(word) + 1
    if len(letters) < 2 or len(original) != len(letters) - 1:
        return None
    text_letters = normalize_word("".join(letters))
    if len(text_letters) != len(letters):
        return None
    return Window(letters, offsets, original, tokens, text_letters, glued, lost, torn, spaced, own or {})


def _build_lattice(lex: Lexicon, window: Window) -> None:
    """Every unit a reading may use from each reachable letter position, with its edit cost.

    A unit is (end position, unit, cost, splits a glued word cheaply). Positions no reading reaches
    get None. Context-free: the neighbours of the stretch only change the scores.
    """
    lm = lex.lm
    letters = window.text_letters
    original = window.original
    tokens = window.tokens
    n = len(letters)
    token_at = {(start, end): word for start, end, word in tokens}
    # Letters inside an input word that neither the model nor morphology explains (روشپردازش, not
    # حسگرها = حسگر + ها): only there is a glued-word split cheap.
    inside_unexplained = [False] * n
    # Where the text shows glued words, a piece carved out of an unknown input word must be a word of
    # running text, or a long word of the word lists (``listed_piece``): a name or a rare word stays whole
    # (موریرا is not موری + را, رویدادگیرها not رویداد + گیرها).
    unknown_token: list[tuple[int, int] | None] = [None] * n
    one_word_token: list[tuple[int, int] | None] = [None] * n
    # A می/نمی written apart before a verb form belongs to that verb (بو می گرفتم is بو می\u200cگرفتم, not بومی گرفتم):
    # no unit ends with it after letters of the word before, unless that word is a fragment the model does not
    # know (اسلا می بود: اسلامی broken, not اسلا می\u200cبود).
    prefix_before_verb = {
        end: start
        for (_, _, before), (start, end, spelled), (_, _, following) in zip(
            tokens, tokens[1:], tokens[2:], strict=False
        )
        if lex.key(spelled) in PREFIXES and lex.verb_form(lex.key(following)) and lex.index(before)
    }
    for start, end, spelled in tokens:
        # A glued pair that only word lists know (ازشما, درآن) is an unknown word in a glued text.
        listed_glue = window.glued and lex.listed_glue(spelled)
        known = lex.index(spelled)
        # Asked once for both tests below (the second asks it in a glued text too).
        one_word = not known and not window.glued and lex.one_word(letters[start:end])
        if window.glued and (listed_glue or not known):
            unknown_token[start:end] = [(start, end)] * (end - start)
        elif one_word:
            # An unknown word that morphology reads as one word, in a text that shows no glued words: a word carved
            # out of it must be a word of running text, not of the word lists alone (پلاسماست is پلاسما + ست,
            # not پلاسم + است).
            one_word_token[start:end] = [(start, end)] * (end - start)
        if end - start > 3 and (
            listed_glue
            or (
                not known
                and not candidates(lex, letters[start:end])
                and not lex.prefixed(letters[start:end], window.glued)
                and not (one_word or (window.glued and lex.one_word(letters[start:end])))
            )
        ):
            inside_unexplained[start + 1 : end] = [True] * (end - start - 1)
    token_ends = {end for _start, end, _word in tokens}
    # A word the model does not know and a plural suffix the input wrote apart after it (آزتک ها, ترموپلاستیک ها): the
    # suffix is never a word, and the space before it marks where the word ended, so the two are also read as one word,
    # the suffix set off by ZWNJ (آزتک\u200cها), beside readings that carve the word into known words (آز تک\u200cها,
    # ترم و پلاستیک\u200cها). Also in a text that shows glued words, unless the word may be two words run together
    # (``_glued_pair``): a term is no likelier glued for that (بتاکاروتن ها, read as بتا کار و تنها; news articles of
    # ``benchmarks/article.py``).
    unknown_plurals: dict[tuple[int, int], Unit] = {}
    for (start, end, word), (_, plural_end, plural) in pairwise(tokens):
        if (
            plural in PLURALS
            and end - start > 2
            and ZWNJ not in word
            and not lex.index(word)
            and original[end - 1] in (SPACE, FREE_SPACE)
            and not (window.glued and _glued_pair(lex, letters[start:end]))
        ):
            glue = ZWNJ if joins_next(letters[end - 1]) else NONE
            unit = _unit_for(lex, word, False)
            score = unit.logprob - UNKNOWN_PLURAL_COST
            unknown_plurals[start, plural_end] = Unit(unit.spelling + glue + plural, 0, score)
    # A word torn by an extractor's space next to the author's ZWNJ (ع ربی\u200cزده, طرح\u200cنام ه): a piece that is
    # no word and the part of its neighbour across the space make a word of running text, so the two input words are
    # also read as one (عربی\u200cزده), the ZWNJ kept, even where the whole compound is unseen (no unit has it).
    torn: dict[tuple[int, int], Unit] = {}
    for (start, end, word), (_, next_end, following) in pairwise(tokens):
        if (ZWNJ in word or ZWNJ in following) and original[end - 1] == SPACE:
            joined = _torn_unit(lex, letters, original, start, next_end, end, window.glued)
            if joined is not None:
                torn[start, next_end] = joined
    # The end of the input word that starts at each position (a word of marks alone has no letters: left out).
    token_end_at = {start: end for start, end, _word in tokens if end > start}
    # Word ends that are never carved off as a word of their own, by where they start: the end of the input word.
    # A short unknown word in را, in a text that shows no glued words, is a name or a loanword (کلرا), not a two-letter
    # word and را glued (کل را), unless that word is a function word (اورا: او را).
    kept_ends = {
        end - len(_RA): end
        for start, end, word in tokens
        if not window.glued
        and end - start <= SHORT_RA_NAME
        and letters[start:end].endswith(_RA)
        and not lex.index(word)
        and lm.text_count(letters[start : end - len(_RA)]) < FUNCTION_WORD_TEXT
    }
    # The short copula ست joined after a vowel (یلداست, آسیاست) is its spelling: glued, the words would have kept the
    # alef of است (یلدااست). It is never carved off as the word ست.
    kept_ends.update(
        (end - len(_SHORT_COPULA), end)
        for start, end, _word in tokens
        if end - start > len(_SHORT_COPULA) + 1
        and letters[start:end].endswith(_SHORT_COPULA)
        and letters[end - len(_SHORT_COPULA) - 1] in _VOWEL_LETTERS
    )
    # ... and in a text that shows glued words, an unknown word whose letters are a known word in alef and ست
    # (پلاسماست: پلاسما) is not read as letters running text never writes and است (پلاسم است): the alef belongs to the
    # word, as the Academy writes the copula after it (آسیاست). (Not a plural in ها: گرفتهاست is no گرفت + هاست.)
    if window.glued:
        kept_ends.update(
            (end - len(COPULA), end)
            for start, end, word in tokens
            if end - start > len(COPULA) + 1
            and letters[start:end].endswith(COPULA)
            and not lex.index(word)
            and letters[start : end - len(_SHORT_COPULA)] in lm.ids
            and not lm.text_count(letters[start : end - len(COPULA)])
        )
    # A word the author vocalised with a vowel mark on the letter before a final را or و (کالِرا, سَرْو) is one word as
    # written: را and و never follow a short vowel (an ezafe kasra stands before a noun or an adjective, never before
    # the postposition or the conjunction), so neither is carved off there.
    kept_ends.update(
        (end - len(ending), end)
        for start, end, word in tokens
        for ending in _MARKED_ENDS
        if end - start > len(ending) + 1 and _vowel_before(word, ending)
    )
    # Typists glue را to the word before it (کتابرا), not to the word after: in a text that shows no glued words, an
    # unknown word that starts with را and goes on with letters that are no word (رابینو, a name) is not carved into را
    # and pieces (قول را بین و); را before one whole word (رابرداشت: را برداشت) or two words of running text
    # (رابررسیکنید: را بررسی کنید) is still split off (``text_words``).
    kept_ends.update(
        (start, start + len(_RA))
        for start, end, word in tokens
        if not window.glued
        and end - start > len(_RA) + 1
        and letters[start:end].startswith(_RA)
        and not lex.index(word)
        and not text_words(lex, letters[start + len(_RA) : end])
    )
    # The prefix بی is set off by ZWNJ (بی\u200cطرفی) or joined (بیهوده), never by a space: run together with the
    # letters after it (بیطرفی), it is not carved off as a word of its own.
    without = letters.find(WITHOUT)
    while without >= 0:
        if without + 2 < n and original[without + 1] in (NONE, KNOWN_NONE):
            kept_ends[without] = without + 2
        without = letters.find(WITHOUT, without + 1)
    # In a text that shows lost ZWNJs (``shows_loss``: شدهاست is such a sign itself, running text writing شده\u200cاست)
    # and no glued words, some input words lost a ZWNJ, not a space, and are also read with it (by where they start):
    # است run together with a word in silent ه (شدهاست: شده\u200cاست, ``copula_unit``; است is never carved off as a
    # word there), and an unknown word and a plural suffix (آکسونها).
    lost_zwnj: dict[int, Unit] = {}
    if window.lost and not window.glued:
        for start, end, word in tokens:
            found = copula_unit(lex, letters[start:end]) if ZWNJ not in word else None
            if found is not None:
                lost_zwnj[start] = found
                kept_ends[end - len(COPULA)] = end
            elif ZWNJ not in word and not lex.index(word):
                joined_plural = unknown_plural(lex, letters[start:end])
                if joined_plural is not None:
                    lost_zwnj[start] = joined_plural
    unit_cache = lex.unit_cache
    shapes = lex.shape_cache
    plain = tuple(map(PLAIN.get, original, original))
    reachable = [False] * (n + 1)
    reachable[0] = True
    lattice: list[list[tuple[int, Unit, float, int]] | None] = [None] * n
    # Splitting an unknown word between two words (ازاین, روشپردازش, کهسردار) is cheaper: where?
    glued_at = (
        [i > 0 and original[i - 1] in (NONE, AFTER_HEH) and inside_unexplained[i] for i in range(n)]
        if True in inside_unexplained
        else [False] * n
    )
    # Two function words run together with no sign of glued words in the text: a short unknown word whose halves are
    # two-letter words that running text avoids side by side (یاتا: IATA, a name; یا تا twice, 9 expected) is a name
    # or a rare word, not the pair glued. Its second half is never read as a word (a space may still move: هرآن
    # چه is هر آنچه); a pair that running text writes side by side (کهبه: که به) is still split.
    whole_tail = {
        start + _FUNCTION_LETTERS: end
        for start, end, word in tokens
        if not window.glued
        and end - start == 2 * _FUNCTION_LETTERS
        and ZWNJ not in word
        and not lex.index(word)
        and _function_pair(lex, letters[start : start + _FUNCTION_LETTERS], letters[start + _FUNCTION_LETTERS : end])
    }
    # A function word of running text before a word the model does not know, in a text that shows no glued or torn
    # words: the unknown word is a name or a rare word (او هاما, a name), not the letters of a damaged pair, so the
    # function word is not run into its first letters (not اوه اما, nor اوها ما, که\u200cها ما). A word of running text
    # that sets a suffix off it by ZWNJ may still take them (آن هامی: آن\u200cها می, a ZWNJ turned space and a space
    # lost), and a space still moves where the first word is the unknown one (هرآن چه: هر آنچه).
    kept_word = (
        {}
        if window.glued or window.torn
        else {
            start: (end, next_end)
            for (start, end, word), (_, next_end, following) in pairwise(tokens)
            if ZWNJ not in word
            and lm.text_count(letters[start:end]) >= FUNCTION_WORD_TEXT
            and original[end - 1] in (SPACE, FREE_SPACE)
            and not lex.index(following)
        }
    )
    # A lone letter before a function word (ضمیمه ب را, ویتامین ب در, سواحل ی هم) names a letter or is a piece of a word
    # torn elsewhere: the two are not read as one word that running text hardly writes (برا, بدر, یهم), as a torn
    # word's pieces are (ب رای: برای, ن دارد: ندارد, ب نام: بنام). A lone letter after a word is its last letter or
    # ending (روی ش: رویش, پروژه ی: پروژه\u200cی).
    lone_pairs = {
        (start, next_end)
        for (start, end, word), (_, next_end, _following) in pairwise(tokens)
        if original[end - 1] in (SPACE, FREE_SPACE)
        and end - start == 1
        and word != AND
        and lm.text_count(letters[end:next_end]) >= FUNCTION_WORD_TEXT
        and lm.text_count(letters[start:next_end]) < LONE_JOIN_TEXT
    }
    # The furthest end of a unit the input supplies itself, by its start (see the search below).
    supplied_from: dict[int, int] = {}
    for start, end in chain(torn, unknown_plurals):
        supplied_from[start] = max(end, supplied_from.get(start, -1))
    known_sorted = lex.known_sorted
    spellings = len(known_sorted)
    own_words = window.own
    # The pieces that no unit may be, by where they start (``prefix_before_verb``, ``kept_ends``, ``whole_tail``,
    # ``lone_pairs``): one test a piece, most often none (most stretches have none of them).
    skipped: dict[int, set[int]] = {}
    for start, end in chain(kept_ends.items(), whole_tail.items(), lone_pairs):
        skipped.setdefault(start, set()).add(end)
    for end, start in prefix_before_verb.items():
        for i in range(start):
            skipped.setdefault(i, set()).add(end)
    # How far the letters after each place reach in what an analysis writes after a stem (``_stops``), by place.
    reaches: dict[int, int] = {}
    # Glue flags are read only where a glued word may be split (``glued_at``): in most stretches, nowhere.
    any_glued = True in glued_at
    for i in range(n):
        if not reachable[i]:
            continue
        # The boundary before position i is a space in this reading (i > 0).
        entry = 0.0 if i == 0 else EDIT_COST.get((original[i - 1], SPACE), 0.0)
        glued = glued_at[i]
        edges: list[tuple[int, Unit, float, int]] = []
        token_end = token_end_at.get(i, -1)
        # What depends on the start alone, read once for the pieces that start here.
        skipped_here = skipped.get(i)
        unknown_here = unknown_token[i]
        one_word_here = one_word_token[i]
        kept_span = kept_word.get(i)
        # Every reading of a piece is an attested spelling, one with endings after it, or a prefix before
        # one (``_find_candidates``): a piece that begins none of these, and no longer piece from i either,
        # has no reading, and past the units the input supplies itself the search from i stops.
        supplied = max(token_end, supplied_from.get(i, -1))
        last = min(n, i + MAX_UNIT)
        # Whether the pieces from i still begin an attested spelling, read along the sorted spellings as the pieces
        # grow: ``first`` is where the last piece read stands among them, and no longer piece stands before it.
        begins = spellings > 0
        first = 0
        # Found once the pieces from i begin no attested spelling (``_stops``).
        stops: list[tuple[int, int]] | None = None
        for j in range(i + 1, last + 1):
            piece = letters[i:j]
            units = unit_cache.get(piece)
            if units is None:
                units = candidates(lex, piece)
            if not units and j > supplied:
                if begins:
                    if not known_sorted[first].startswith(piece):
                        first = bisect_left(known_sorted, piece, first)
                        begins = first < spellings and known_sorted[first].startswith(piece)
                    if begins:
                        continue
                if stops is None:
                    stops = _stops(lex, letters, i, j, reaches)
                if all(j > reach for at, reach in stops if at <= j):
                    break
            if unknown_plurals and (i, j) in unknown_plurals:
                units = [*units, unknown_plurals[i, j]]
            if torn and (i, j) in torn and not any(u.spelling == torn[i, j].spelling for u in units):
                units = [*units, torn[i, j]]
            if j == token_end:
                word = token_at[i, j]
                own = _unit_for(lex, word, window.glued)
                if i in lost_zwnj and not any(u.spelling == lost_zwnj[i].spelling for u in units):
                    units = [*units, lost_zwnj[i]]
                if not any(u.spelling == own.spelling for u in units):
                    units = [*units, own]
                elif own.index != lm.ids.get(own.spelling, 0):
                    # A glued pair that word lists know (درسال): scored as the unknown word it is here; a word
                    # written with the ezafe hamza (نحوهٔ): scored as written.
                    units = [own if u.spelling == own.spelling and u.index else u for u in units]
            elif not units:
                continue  # most pieces: no reading, and no input word
            if skipped_here is not None and j in skipped_here:
                continue
            carved = unknown_here is not None and unknown_here == unknown_token[j - 1] != (i, j)
            one_word_carved = one_word_here is not None and one_word_here == one_word_token[j - 1] != (i, j)
            # The input space a unit would run the function word into (``kept_word``).
            run_into = kept_span[0] - 1 - i if kept_span is not None and kept_span[0] < j < kept_span[1] else -1
            # The input's separators inside the piece: only a piece across a space may need text (``needs_text``)
            written = plain[i : j - 1]
            spaced = SPACE in written
            for unit in units:
                if not unit.index:
                    if unit.spelling.startswith(_INDEFINITE_PLURAL) and (i == 0 or letters[i - 1] != "ه"):
                        # ای with a plural is the ending of a word in silent ه written apart (غیربرره ای\u200cها), not a
                        # word of its own: ایها after another word is the Arabic يا أيها, not ای\u200cها.
                        continue
                    if (carved and not _possessed(lex, unit.spelling)) or (
                        unit.spelling.endswith(EZAFE_AFTER_HEH)
                        and original[j - 2] not in (SPACE, FREE_SPACE, JOIN, KEPT_JOIN)
                        and not lm.text_count(unit.spelling[:-1] + "ای")
                    ):
                        continue  # تنبیهی: a ه not known to be silent takes ی joined, unless the input set it apart
                elif (
                    not lm.text_counts[unit.index]
                    and unit.spelling not in own_words
                    and ((carved and not lex.listed_piece(unit)) or one_word_carved)
                ):
                    continue  # (a word the text writes on its own elsewhere may be carved: نیکلبرای, نیکل + برای)
                # A unit spelled with the input's own separators costs nothing to read (``_inner_cost``).
                shape = shapes.get(unit.spelling) or lex.shape(unit.spelling)
                if run_into >= 0 and (shape[0][run_into] != JOIN or not (unit.index and lm.text_counts[unit.index])):
                    continue
                cost = entry if shape[0] == written else entry + _inner_cost(lex, unit.spelling, original, i)
                if j - i <= MIDDLE_PIECE_LETTERS:
                    cost += _middle_piece_cost(original, i, j)
                if cost == math.inf:
                    continue
                if window.torn and unit.index and _torn_pair(lex, unit, original, i, j):
                    cost -= EDIT_COST[FREE_SPACE, NONE] - EDIT_COST[SPACE, NONE]
                if (
                    window.spaced
                    and spaced
                    and spaced_compound(unit.spelling)
                    and (unit.index or listed_with_ending(lex, unit.spelling))
                ):
                    # A text that turned its ZWNJs into spaces: a free space may be a compound's lost ZWNJ.
                    cost -= SPACED_JOIN_DISCOUNT * original[i : j - 1].count(FREE_SPACE)
                if (
                    spaced
                    and unit.spelling not in own_words
                    and needs_text(lex, unit, original, i, j, window.spaced)
                    and not (window.torn and listed_fragment(lex, unit, original, i, j))
                ):
                    continue
                flags = lex.glue_flags(unit) if any_glued and (glued or (j < n and glued_at[j])) else 0
                # و or یک split off the end of a word is more often its ending (گرمیو, امتیک: the -ic of loanwords)
                # than a word, unless the text shows glued words or و follows ه (تبرئهو: ``heh_glued``).
                if (
                    glued
                    and flags & PIECE_FREE
                    and not (
                        unit.spelling in _WORD_ENDS
                        and j in token_ends
                        and not window.glued
                        and letters[i - 1 : i + 1] != HEH_AND
                    )
                ):
                    flags |= PIECE_SPLIT
                edges.append((j, unit, cost, flags))
                reachable[j] = True
        lattice[i] = edges
    window.lattice = lattice
    window.glued_at = glued_at


_PREFIX_SET = frozenset(PREFIXES)
# Their lengths, shortest first: where a prefix from a letter may end.
_PREFIX_SIZES = sorted({len(prefix) for prefix in PREFIXES})


def _stops(lex: Lexicon, letters: str, i: int, j: int, reaches: dict[int, int]) -> list[tuple[int, int]]:
    """Where a reading may still come from once the pieces from ``i`` begin no attested spelling (at ``j``): each
    place where a prefix from ``i`` ends by ``j``, with the furthest end up to which the letters after it begin an
    attested spelling (``_known_reach``); and each place where an attested spelling from ``i`` ends by ``j``, or one
    after such a prefix ends (anywhere), with the furthest end up to which the letters after it begin what an
    analysis writes after a stem (``_rest_reach``, kept in ``reaches`` by place for the stretch's other starts). A
    piece from ``i`` to an end past the reach of every place before that end has no reading, nor has a longer piece.
    """
    known = lex.known_letters
    last = len(letters)
    stems = [k for k in range(i + 1, j + 1) if letters[i:k] in known]
    stops = []
    for size in _PREFIX_SIZES:
        k = i + size
        if k <= j and letters[i:k] in _PREFIX_SET:
            reach = _known_reach(lex.known_sorted, letters, k, last)
            stops.append((k, reach))
            stems += [end for end in range(k + 1, reach + 1) if letters[k:end] in known]
    for k in stems:
        rest = reaches.get(k)
        if rest is None:
            rest = reaches[k] = _rest_reach(lex, letters, k, last)
        stops.append((k, rest))
    return stops


def _known_reach(known_sorted: Sequence[str], letters: str, start: int, last: int) -> int:
    """The furthest end, up to ``last``, of letters from ``start`` that begin an attested spelling
    (``Lexicon.known_sorted``); ``start - 1`` where there is none at all.

    >>> _known_reach(shared_lexicon().known_sorted, "کتابخانهق", 0, 9)  # کتابخانه, and no spelling in کتابخانهق
    8
    """
    if not known_sorted:
        return start - 1
    first, end = 0, start
    while end < last:
        piece = letters[start : end + 1]
        if not known_sorted[first].startswith(piece):
            first = bisect_left(known_sorted, piece, first)
            if first == len(known_sorted) or not known_sorted[first].startswith(piece):
                break
        end += 1
    return end


def _rest_reach(lex: Lexicon, letters: str, start: int, last: int) -> int:
    """The furthest end, up to ``last``, of letters from ``start`` that begin what an analysis may write after an
    attested stem (``Lexicon.ending_starts``): one ending, or an ending and the start of another (a tail and a
    plural: سازی\u200cها). A start of these is a start too, so every shorter letters from ``start`` begin them as well.

    >>> _rest_reach(shared_lexicon(), "کتابسازیها", 4, 10), _rest_reach(shared_lexicon(), "کتابقلم", 4, 7)
    (10, 4)
    """
    starts, ends = lex.ending_starts, lex.analysis_ends
    reach = start
    while reach < last and letters[start : reach + 1] in starts:
        reach += 1
    furthest = reach
    for end in range(start + 1, reach + 1):
        if letters[start:end] in ends:
            second = end
            while second < last and letters[end : second + 1] in starts:
                second += 1
            furthest = max(furthest, second)
    return furthest


def _glued_pair(lex: Lexicon, letters: str) -> bool:
    """True when ``letters`` may be two words run together: two words of running text (``text_words``: عمرماده), or a
    function word before a known word (حتیفرکانس). Letters longer than any unit are (a hostile input: no pass over
    their cuts)."""
    if len(letters) > MAX_UNIT:
        return True
    lm = lex.lm
    return text_words(lex, letters) or any(
        lm.text_count(letters[:cut]) >= FUNCTION_WORD_TEXT and letters[cut:] in lm.ids for cut in range(1, len(letters))
    )


_PLURAL_HA = "ها"


def _possessed(lex: Lexicon, spelling: str) -> bool:
    """True when ``spelling`` (an analysis, no word of the model) is a word of running text and a possessive run onto
    it (سلامتشان, خاطرتان): carved out of a glued word (سلامتشانبسته) as one word, as the Academy writes it, not torn
    into a word and a possessive standing alone (سلامت شان بسته; news articles of ``benchmarks/article.py``)."""
    if not spelling.endswith(POSSESSIVES) or ZWNJ in spelling:
        return False
    stem = spelling[:-3]  # each possessive is three letters
    # ... or the plural in ها of a word of the model (رویاهامان: running text lacks رویا, the lists hold it): ها and a
    # possessive run together end a word, they begin none.
    return lex.lm.text_count(stem) >= GLUE_RARE_TEXT or (
        stem.endswith(_PLURAL_HA) and len(stem) > len(_PLURAL_HA) + 2 and stem[: -len(_PLURAL_HA)] in lex.lm.ids
    )


def _middle_piece_cost(original: list[str], i: int, j: int) -> float:
    """``MIDDLE_PIECE_COST`` where letters ``i`` to ``j`` are a short piece carved out of letters run together on both
    sides (the و of آنوکسی read as آن و کسی), else nothing."""
    if (
        i > 0
        and j <= len(original)
        and j - i <= MIDDLE_PIECE_LETTERS
        and original[i - 1] in RUN_TOGETHER
        and original[j - 1] in RUN_TOGETHER
    ):
        return MIDDLE_PIECE_COST
    return 0.0


def _function_pair(lex: Lexicon, first: str, second: str) -> bool:
    """True when ``first`` and ``second`` are function words (two letters, seen FUNCTION_WORD_TEXT times in running
    text) that running text avoids side by side: it writes them together far less often than their counts predict
    (یا تا twice where 9 are expected, به تا never where 57 are; not که به, 724 times, nor نه آن, too rare to tell).
    Not را, which typists glue to the word before it (دررا) and which has its own rule (``SHORT_RA_NAME``)."""
    lm = lex.lm
    if second == _RA or lm.text_count(first) < FUNCTION_WORD_TEXT or lm.text_count(second) < FUNCTION_WORD_TEXT:
        return False
    expected = lm.text_count(first) * lm.text_count(second) / lm.text_tokens
    seen = lm.pair_count(lm.ids[first], lm.ids[second])
    return expected >= AVOIDED_PAIR_EXPECTED and seen * AVOIDED_PAIR_RATIO < expected


def _torn_pair(lex: Lexicon, unit: Unit, original: list[str], i: int, j: int) -> bool:
    """True when a known word closes one space between two free words of the input, and running text writes the word
    at least TORN_JOIN_RATIO times as often as the two side by side (پیش نهاد: پیشنهاد 127 times, the pair twice)."""
    inside = original[i : j - 1]
    if ZWNJ in unit.spelling or inside.count(FREE_SPACE) != 1 or SPACE in inside:
        return False
    cut = inside.index(FREE_SPACE) + 1
    if lex.verb_form(unit.spelling[cut:]):
        return False  # a compound verb is written apart (روی داد, not رویداد), however common the noun
    if lex.spellings(unit.spelling)[0] != unit.index:
        return False  # running text sets the parts off by ZWNJ more often (وب\u200cسایت): that spelling decides
    lm = lex.lm
    return lm.text_counts[unit.index] >= TORN_JOIN_RATIO * max(
        1, lm.bigram_count(unit.spelling[:cut], unit.spelling[cut:])
    )


def _torn_unit(
    lex: Lexicon, letters: str, original: list[str], start: int, end: int, space: int, glued: bool
) -> Unit | None:
    """Two input words from ``start`` to ``end``, the space before letter ``space`` closed, as one unseen word with the
    author's ZWNJs (``torn`` in ``_build_lattice``); None unless a part beside the space is no word (a lone letter
    other than و, or letters the model does not know) and the parts across the space make a word of running text."""
    lm = lex.lm
    left_start = max([start, *(k + 1 for k in range(start, space - 1) if original[k] in (JOIN, KEPT_JOIN))])
    right_end = min([end, *(k + 1 for k in range(space, end - 1) if original[k] in (JOIN, KEPT_JOIN))])
    left, right = letters[left_start:space], letters[space:right_end]
    if all(lm.ids.get(part, 0) and (len(part) > 1 or part == AND) for part in (left, right)):
        return None
    if lm.text_count(left + right) < GLUE_RARE_TEXT:
        return None
    spelling = "".join(
        letters[k] + (ZWNJ if k < end - 1 and original[k] in (JOIN, KEPT_JOIN) else "") for k in range(start, end)
    )
    if spelling in lm.ids:
        return None  # an attested spelling: a candidate of the letters already
    return Unit(spelling, 0, lex.unknown_logprob(spelling, glued))


def _score_of(state: _State) -> float:
    return state[0]


def _cut(beam: list[_State]) -> list[_State]:
    """The best BEAM readings of ``beam``, cut when the beam is read (at its letter position, or at the stretch's end).

    The sort is stable, so the readings kept and their order are those of cutting the beam each time it grew past
    BEAM: one cut's survivors stand in the order they came in among readings that score the same, and every reading
    added later came after them.
    """
    if len(beam) > BEAM:
        beam.sort(key=_score_of, reverse=True)  # stable: readings that score the same keep their order
        del beam[BEAM:]
    return beam


def segment(
    lex: Lexicon,
    window: Window,
    before: str | None,
    after: str | None,
) -> tuple[list[str], float] | None:
    """Best separators for the window's letters and its gain over the input reading.

    Returns None when the input reading stays.
    """
    lm = lex.lm
    if window.lattice is None or window.glued_at is None:
        _build_lattice(lex, window)
    lattice = window.lattice
    glued_at = window.glued_at
    assert lattice is not None and glued_at is not None
    original = window.original
    n = len(window.text_letters)
    start_unit = _unit_for(lex, before, window.glued) if before else None
    own = window.own
    window.segmented += 1
    if window.segmented > BOUND_AFTER:
        # A stretch seen again in other words (به عنوان, 100 times a megabyte): most often no reading can beat
        # the input's by the margin in this context either, and the bound tells so without the beam.
        if window.bound is None:
            window.bound = _bound(lex, window)
        if (
            _best_possible(lex, window.bound, start_unit, after, window.glued, window.own)
            - _original_score(lex, window.tokens, start_unit, after, window.glued, window.own)
            < MARGIN - BOUND_SLACK
        ):
            return None
    alias, conditionals = lex.alias, lex.conditional_cache
    beams: list[list[_State]] = [[] for _ in range(n + 1)]
    beams[0].append((0.0, start_unit, None, 0, 0))
    for i in range(n):
        beam = _cut(beams[i])
        if not beam:
            continue
        edges = lattice[i]
        assert edges is not None
        if glued_at[i]:
            for j, unit, cost, flags in edges:
                target = beams[j]
                for state in beam:
                    score, previous, _back, _start, previous_flags = state
                    paid = cost
                    if previous is not None and (
                        _cheap_split(previous_flags, flags)
                        # ... or running text has the two words side by side (نماز عصر).
                        or (unit.index and previous.index and lm.pair_count(previous.index, unit.index) >= GLUE_PAIR)
                    ):
                        paid -= GLUE_SPLIT_DISCOUNT
                    target.append((score + _score(lm, lex, previous, unit, own) - paid, unit, state, i, flags))
        else:
            for j, unit, cost, flags in edges:
                target = beams[j]
                if unit.stem:
                    # A word with its possessive scores by the word before it (``_stem_context``).
                    for state in beam:
                        target.append((state[0] + _score(lm, lex, state[1], unit, own) - cost, unit, state, i, flags))
                    continue
                if not unit.index:
                    # An unknown word scores the same after every reading (``_score``): worked out once.
                    score = _unknown_score(unit, own)
                    for state in beam:
                        target.append((state[0] + score - cost, unit, state, i, flags))
                    continue
                # ``_score`` after each reading, its steps unrolled: what the unit alone decides is read once per edge,
                # and only the word before it is read per reading (the beam's commonest step).
                aliased = alias.get(unit.index)
                base, second = (0.0, unit.index) if aliased is None else (aliased[1], aliased[0])
                spelling = unit.spelling
                own_score = own.get(spelling.split(ZWNJ, 1)[0], 0.0) if own else None
                alone = spelling in NEVER_ALONE
                ezafe_end = spelling in _NOT_AFTER_EZAFE
                for state in beam:
                    previous = state[1]
                    if previous is None:
                        first = 0
                    else:
                        first = previous.index or -1  # -1: after an unknown word
                        if first > 0:
                            aliased = alias.get(first)
                            if aliased is not None:
                                first = aliased[0]
                    found = conditionals.get((first, second))
                    if found is None:
                        found = lm._conditional(first, second)
                        conditionals.keep((first, second), found)
                    score = base + found
                    if own_score is not None:
                        score += own_score
                    if previous is not None:
                        if previous.unknown:
                            score -= AFTER_UNKNOWN
                        if alone:
                            score -= ALONE_COST
                        if ezafe_end and previous.spelling.endswith(_PLURAL_EZAFE):
                            score -= EZAFE_END_COST
                    target.append((state[0] + score - cost, unit, state, i, flags))
    finals = _cut(beams[n])
    if not finals:
        return None
    if after:
        tail = _unit_for(lex, after, window.glued)
        finals = [(state[0] + _score(lm, lex, state[1], tail, own), *state[1:]) for state in finals]
    best = max(finals, key=_score_of)
    separators = [SPACE] * (n - 1)
    node: _State | None = best
    while node is not None and node[1] is not None and node[2] is not None:
        for k, sep in enumerate(lex.shape(node[1].spelling)[0]):
            separators[node[3] + k] = sep
        node = node[2]
    if separators == [PLAIN.get(sep, sep) for sep in original]:
        return None
    reference = _original_score(lex, window.tokens, start_unit, after, window.glued, own)
    gain = best[0] - reference
    if gain < MARGIN:
        return None
    return separators, gain


def _bound(lex: Lexicon, window: Window) -> _Bound:
    """The context-free part of the bound on every reading's score (see ``_Bound``).

    The beam scores a reading as the sum, over its units, of the unit's score after the unit before it
    (``_score``) less the edit cost the step pays (the cost less the glued-split discount where it applies),
    plus the score of the word after the stretch after its last unit. Every reading the beam may find is a
    path through the lattice, so the best path, with every unit but the first scored after its best
    predecessor in the lattice, scores at least as much as the beam's best; only the first unit (after the
    word before) and the last (before the word after) depend on the neighbours.
    """
    lm = lex.lm
    lattice = window.lattice
    glued_at = window.glued_at
    assert lattice is not None and glued_at is not None
    n = len(window.text_letters)
    incoming: list[list[tuple[Unit, int]]] = [[] for _ in range(n + 1)]
    for edges in lattice:
        for j, unit, _cost, flags in edges or ():
            incoming[j].append((unit, flags))
    # Each edge from a position after the first, with its best score after any unit that ends where it starts;
    # and the edges that end the stretch: their unit, start, and that best score, or their place among the first
    # edges where they start the stretch too.
    best_step: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    last: list[Unit] = []
    last_at: list[int] = []
    last_step: list[float | int] = []
    for i, edges in enumerate(lattice):
        for k, (j, unit, cost, flags) in enumerate(edges or ()):
            top = -math.inf
            if i > 0:
                for previous, previous_flags in incoming[i]:
                    paid = cost
                    if glued_at[i] and (
                        _cheap_split(previous_flags, flags)
                        or (unit.index and previous.index and lm.pair_count(previous.index, unit.index) >= GLUE_PAIR)
                    ):
                        paid -= GLUE_SPLIT_DISCOUNT
                    top = max(top, _score(lm, lex, previous, unit, window.own) - paid)
                best_step[i].append((j, top))
            if j == n:
                last.append(unit)
                last_at.append(i)
                last_step.append(top if i > 0 else k)
    first: list[tuple[Unit, float]] = []
    inner: list[list[float]] = []
    for k0, (j0, unit, cost, _flags) in enumerate(lattice[0] or ()):
        first.append((unit, cost))
        reach = [-math.inf] * (n + 1)
        reach[j0] = 0.0
        for i in range(j0, n):
            if reach[i] == -math.inf:
                continue
            for j, step in best_step[i]:
                if reach[i] + step > reach[j]:
                    reach[j] = reach[i] + step
        inner.append(
            [
                (0.0 if step == k0 else -math.inf) if at == 0 else reach[at] + step
                for at, step in zip(last_at, last_step, strict=True)
            ]
        )
    return _Bound(first, last, inner)


def _best_possible(
    lex: Lexicon,
    bound: _Bound,
    start: Unit | None,
    after: str | None,
    glued: bool,
    own: Mapping[str, float] = _NO_OWN,
) -> float:
    """At least the score of every reading of a stretch between these neighbours (``_bound``)."""
    lm = lex.lm
    if after:
        tail = _unit_for(lex, after, glued)
        ends = [_score(lm, lex, unit, tail, own) for unit in bound.last]
    else:
        ends = [0.0] * len(bound.last)
    best = -math.inf
    for (unit, cost), row in zip(bound.first, bound.inner, strict=True):
        head = _score(lm, lex, start, unit, own) - cost
        for middle, end in zip(row, ends, strict=True):
            if head + middle + end > best:
                best = head + middle + end
    return best


def _unit_for(lex: Lexicon, word: str, glued: bool) -> Unit:
    """The unit of an input word as written. Where the text shows glued words, a word that only word lists
    know and that is itself two frequent words glued (درسال, ازیک) is scored as an unknown word."""
    found = lex.input_unit_cache.get((word, glued))
    if found is None:
        key = lex.key(word)
        index = lex.lm.ids.get(key, 0)
        if glued and index and lex.shows_glue(word):
            index = 0
        # Only an unknown word is scored by its own score (``_score``); a known one by the model, as an attested
        # candidate is (its score 0.0 is never read): the unknown word's price is not worked out for it.
        logprob = 0.0 if index else lex.unknown_logprob(key, glued)
        found = Unit(key.replace(HAMZA_ABOVE, ""), index, logprob, not index)
        lex.input_unit_cache.keep((word, glued), found)
    return found


def _inner_cost(lex: Lexicon, spelling: str, original: list[str], start: int) -> float:
    cost = 0.0
    seps, joins = lex.shape(spelling)
    if start + len(seps) > len(original):
        return math.inf
    # The cheap respelling is for one input word only (آنها), not one that also eats a space (ساله ای).
    inside = original[start : start + len(seps)]
    if SPACE not in inside and FREE_SPACE not in inside:
        for k, sep in enumerate(seps):
            was = inside[k]
            if PLAIN.get(was, was) != sep:
                if was in (KNOWN_NONE, NONE) and k in joins:
                    cost += AFFIX_JOIN_COST  # آنها → آن\u200cها: the Academy's spelling of a bound suffix
                else:
                    cost += EDIT_COST[was, sep]
        return cost
    closed = opened = -2
    for k, sep in enumerate(seps):
        was = inside[k]
        if PLAIN.get(was, was) != sep:
            cost += EDIT_COST[was, sep]
            if sep == NONE:
                closed = k
            elif was in (NONE, KNOWN_NONE, AFTER_HEH):
                opened = k
    if closed >= 0 and opened >= 0 and abs(closed - opened) == 1:
        cost += SHIFT_COST  # رابطه ای → رابط\u200cهای: the input's space moved by a letter
    return cost


def _original_score(
    lex: Lexicon,
    tokens: list[tuple[int, int, str]],
    start_unit: Unit | None,
    after: str | None,
    glued: bool,
    own: Mapping[str, float] = _NO_OWN,
) -> float:
    lm = lex.lm
    prev = start_unit
    total = 0.0
    for _start, _end, word in tokens:
        unit = _unit_for(lex, word, glued)
        total += _score(lm, lex, prev, unit, own)
        prev = unit
    if after and prev is not None:
        total += _score(lm, lex, prev, _unit_for(lex, after, glued), own)
    return total
