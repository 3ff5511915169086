"""The candidate units of a run of letters: the spellings it may have as one word.

An attested spelling of the letters (آنها, آن\u200cها), or an analysis the model does not hold: a known stem and a
bound morpheme (قلعه + ای), a tail compound (چک\u200cکننده), a prefixed verb (می + رسانند), a superlative, an ezafe
after silent ه; and the readings the lattice adds for some input words (a word in silent ه and است, an unknown word
and a plural). Each unit carries its model id or, for an analysis, a unigram estimate. Pure functions of the lexicon
and the letters, remembered by the lexicon per letters.
"""

from __future__ import annotations

from dorost.chars import ZWNJ
from dorost.fixes.spacing.lexicon import (
    FREE_WORD_TEXT,
    FUNCTION_WORD_TEXT,
    GLUE_RARE_TEXT,
    KEEP_JOINED_TEXT,
    TAIL_STEM_TEXT,
    Lexicon,
    shared_lexicon,  # noqa: F401  (the lexicon of the examples)
)
from dorost.fixes.spacing.units import NONE, Unit
from dorost.fixes.spacing.words import (
    BOUND_MORPHEMES,
    COMPARATIVES,
    COPULA,
    DETERMINERS,
    HEH_COPULA,
    INDEFINITE,
    LETTER_ENDINGS,
    PLURAL_HAY,
    PLURALS,
    POSSESSIVES,
    PREFIXES,
    PRESENT_ENDINGS,
    PREVERB_PREFIXES,
    WITHOUT,
    ZWNJ_AFTER_HEH,
    joins_next,
)

# A word of running text seen this often, not a past stem, has its plural in های read even where only a word list
# spells the letters, as a past participle with ای (نبردهای: نبرد + های beside the verb نبرده\u200cای).
PLURAL_STEM_TEXT = 5
# The first two letters of the prefixes that ``_find_candidates`` reads (می, بی, برمی): other letters need no such look.
_PREFIX_HEADS = frozenset(prefix[:2] for prefix in (*PREFIXES, WITHOUT, *PREVERB_PREFIXES))
# The alef forms of the personal endings follow a vowel: خانه\u200cام, ایرانی\u200cاند, کرده\u200cاند; after a
# consonant the ending has no alef (کتابم, رفتند), so ``تعریضات`` is an Arabic plural, not تعریض + ات.
_AFTER_VOWEL = frozenset({"ام", "اش", "ات", "ای", "اند", "ایم", "اید"})
SUPERLATIVE = "ترین"
# A plural suffix set off by ZWNJ ends a plural (کتاب\u200cها, تکه\u200cهای), which takes no second plural.
_SET_OFF_PLURALS = tuple(ZWNJ + plural for plural in PLURALS)
# Comparatives the Academy writes joined (بهتر, بیشترین, کمتر, مهتر, کهتر).
_JOINED_COMPARATIVES = frozenset({"به", "بیش", "کم", "مه", "که"})
# The cost (nats) of building a word from a known stem and a bound morpheme not seen together.
AFFIX_COST = 3.0
# A compound of a known word and a bound tail (ایمن + سازی) costs this much more than a suffix.
TAIL_COST = 1.0
# Prepositions whose compounds running text writes joined as often as with ZWNJ (پیشنماز, پیشگیری, پسانداز): their
# joined letters with a tail are a spelling, not lost ZWNJs (پیشنوازی stays).
_JOINED_HEADS = frozenset({"پیش", "پس"})
# The ending ات explains an unknown word only after a stem seen this often in running text: after ی it
# is more often an Arabic plural or a name (جزئیات, کریات) than the possessive (بازی\u200cات). The other
# alef endings after ی need a stem of running text, longer than two letters (تیام, کاتالونیای: names).
AT_STEM_TEXT = 10
# A word of running text seen this often and a one-letter ending (``LETTER_ENDINGS``) is a candidate reading of an
# unknown word, at this cost (nats) beyond an affix's.
LETTER_STEM_TEXT = 3
LETTER_COST = 1.0
# The copula of the third person plural after a consonant is written joined and without its alef (Academy orthography:
# کمیابند, نیازمندند; after a vowel it keeps the alef: آماده\u200cاند, ``_AFTER_VOWEL``): a word of running text in a
# consonant and ند is a candidate reading of an unknown word, at the cost of a one-letter ending. Without it, a text
# that shows glued words tore such words into words that happen to fit (نیاز مندند, کم یابند). Not یم and ید: their ی
# is as often an ending of its own before م (رفتاریم خصوص for رفتاری مخصوص torn by a space).
_CONSONANT_COPULA = "ند"
_VOWEL_ENDS = frozenset("اویه")


def candidates(lex: Lexicon, letters: str) -> list[Unit]:
    """Spellings of ``letters`` (normalised, no ZWNJ) as one word: attested, or stem + bound morpheme."""
    units = lex.unit_cache.get(letters)
    if units is None:
        units = _find_candidates(lex, letters)
        lex.unit_cache.keep(letters, units)
    return units


def _silent_tail(lex: Lexicon, stem: str) -> bool:
    """Whether ``stem`` (a rare compound) ends in a word whose ه running text shows silent: سفرنامه in
    نامه (نامه\u200cای), نمایشنامه too. Its ezafe written apart (سفرنامه ی) is then the compound's
    (سفرنامه\u200cی), not a reason to part it (سفر نامه\u200cی)."""
    lm = lex.lm
    return any(lm.text_count(stem[k:] + ZWNJ + "ای") for k in range(1, len(stem) - 2))


def _find_candidates(lex: Lexicon, letters: str) -> list[Unit]:
    lm = lex.lm
    ids = lex.spellings(letters)
    # A spelling with an alef ending after ی that only word lists hold (تی\u200cام: a name's letters) is analysed
    # like an unknown word instead: the ending must then follow a stem of running text (ایرانی\u200cایم). After a
    # consonant the ending takes no alef (کتابم, رفتند): such a spelling that only the lists hold is no reading
    # (اول\u200cاند for the name اولاند).
    # (Most pieces have no spelling and no analysis: the comprehensions are skipped where they would find nothing.)
    attested = (
        [
            Unit(lm.words[i], i, 0.0)
            for i in ids[:3]
            if not (_listed_ending(lm.words[i]) and not lm.text_counts[i])
            and not (_set_off_possessive(lm.words[i]) and lm.text_counts[i] < KEEP_JOINED_TEXT)
            and not (ZWNJ in lm.words[i] and lm.words[i].rpartition(ZWNJ)[2] in _LOOSE_ENDS)
            and not (not lm.text_counts[i] and _listed_prefixed(lex, lm.words[i]))
        ]
        if ids
        else []
    )
    # Letters attested only as one joined word from a word list (حساسترین) are analysed too: the
    # lists keep joined spellings that running text writes with ZWNJ (حساس\u200cترین).
    if attested and (any(lm.text_counts[i] for i in ids) or any(ZWNJ in unit.spelling for unit in attested)):
        plural = _listed_plural_rival(lex, letters, ids)
        if plural is not None:
            return [*attested, plural]
        superlative = _superlative(lex, letters, attested)
        if superlative:
            return [*attested, superlative]
        # The ezafe of the stem's own spelling (نمایشنامه\u200cی), where the letters' attested spelling parts the stem
        # otherwise (نمایش\u200cنامه\u200cی of the word lists): a compound that running text writes joined keeps its
        # spelling when its ezafe follows, and is not torn into its parts to match a rarer spelling.
        ezafe = _ezafe_after_heh(lex, letters) if letters.endswith("هی") else None
        if ezafe is not None and all(unit.spelling != ezafe.spelling for unit in attested):
            return [*attested, ezafe]
        return attested
    # Every suffix that leaves a known stem is a candidate (the two likeliest are kept): ``قلعهای`` is
    # قلعه + ای, not the rarer قلع + های that the longer suffix finds first, but ``ده ساله ای`` is ساله + ای
    # though سال is the commoner stem; where the input put its space decides between them.
    analyses: list[Unit] = []
    endings = lex.endings_by_two.get(letters[-2:])
    if endings is None:
        endings = lex.endings_by_one.get(letters[-1], ())
    for ending, is_tail in endings:
        if not letters.endswith(ending) or len(letters) - len(ending) < 2:
            continue
        stem = letters[: -len(ending)]
        stem_ids = lex.spellings(stem)
        if not stem_ids and ending in PLURALS and len(stem) > 4:
            # The plural of a tail compound that is itself unseen (چککنندههای: چک\u200cکننده + های).
            compound = _tail_compound(lex, stem)
            if compound is not None:
                glue = ZWNJ if joins_next(compound.spelling[-1]) else NONE
                analyses.append(Unit(compound.spelling + glue + ending, 0, compound.logprob - AFFIX_COST))
            continue
        if not stem_ids or (ending in PLURALS and stem in BOUND_MORPHEMES and stem != INDEFINITE):
            continue  # no plural of a bound morpheme (امها); for ای, see ``_build_lattice``
        if ending in PLURALS and lm.words[stem_ids[0]].endswith(_SET_OFF_PLURALS):
            continue  # no plural of a plural: تکه\u200cهای های is a word written twice, not تکه\u200cهای\u200cهای
        if ending in COMPARATIVES and len(stem) < 3:
            continue  # an adjective of two letters takes تر joined (کمتر, بهتر): پیتر is a name, not پی\u200cتر
        if is_tail:
            least = 1 if stem.endswith("ه") else TAIL_STEM_TEXT
            if (
                lm.text_counts[stem_ids[0]] < least
                or stem in DETERMINERS
                or stem in _JOINED_HEADS
                or stem in BOUND_MORPHEMES
            ):
                continue  # a suffix is no first part of a compound: سوراخ\u200cهای بینی, not های\u200cبینی
        elif ending in _AFTER_VOWEL and not (
            stem.endswith(("ه", "ی"))
            and (
                (ending != "ات" and (stem.endswith("ه") or (lm.text_counts[stem_ids[0]] > 0 and len(stem) > 2)))
                or lm.text_counts[stem_ids[0]] >= AT_STEM_TEXT
            )
        ):
            continue
        stem_word = lm.words[stem_ids[0]]
        plain = lm.ids.get(stem, 0)
        if plain and not lm.text_counts[stem_ids[0]] and ZWNJ_AFTER_HEH not in stem_word:
            # No running text writes the stem with a ZWNJ: the joined letters stay (حسگر + ها).
            stem_word = stem
        glue = ZWNJ if joins_next(stem_word[-1]) else NONE
        if ending in POSSESSIVES and not stem_word.endswith("ه"):
            glue = NONE  # کتابشان, پدرانشان; only after silent ه a ZWNJ (دلخواه\u200cتان)
        score = lm.unigram_logprob(stem_ids[0]) - AFFIX_COST - (TAIL_COST if is_tail else 0.0)
        analyses.append(Unit(stem_word + glue + ending, 0, score, stem=stem_ids[0] if ending in POSSESSIVES else 0))
    if letters[-1] in LETTER_ENDINGS and len(letters) > 3 and not letters.endswith("هی"):
        # A known word and a one-letter ending written joined (نفاقی, سپرش): the inner space of a
        # broken word is closed only where such a reading exists.
        stem_ids = lex.spellings(letters[:-1])
        if stem_ids and lm.text_counts[stem_ids[0]] >= LETTER_STEM_TEXT and ZWNJ not in lm.words[stem_ids[0]]:
            analyses.append(Unit(letters, 0, lm.unigram_logprob(stem_ids[0]) - AFFIX_COST - LETTER_COST))
    copula = _consonant_copula(lex, letters) if letters.endswith(_CONSONANT_COPULA) else None
    if copula is not None:
        analyses.append(copula)
    ezafe = _ezafe_after_heh(lex, letters) if letters.endswith("هی") else None
    if ezafe is not None:
        analyses.append(ezafe)
    units = attested.copy()  # attested is read below as it is
    if analyses:
        analyses.sort(key=lambda unit: -unit.logprob)
        units = attested + [a for a in analyses if a.spelling not in {u.spelling for u in attested}][:2]
    if letters[:2] not in _PREFIX_HEADS:
        return units  # most letters: no prefix below begins them
    for prefix in PREFIXES if letters.startswith(PREFIXES) else ():
        rest = letters[len(prefix) :]
        if letters.startswith(prefix) and len(rest) > 1:
            rest_ids = lex.spellings(rest)
            if rest_ids:
                head = lm.words[rest_ids[0]].split(ZWNJ)[0]
                if not (lex.verb_form(head) or head in lex.present_stems or head in lex.past_stems):
                    break  # میداوودی, میلی: a name, not می + a verb
                score = lm.unigram_logprob(rest_ids[0]) - AFFIX_COST
                units.append(Unit(prefix + ZWNJ + lm.words[rest_ids[0]], 0, score))
                break
            if len(rest) > 2 and lex.verb_form(rest):
                # می + a verb form on a known stem (میرسانند): as likely as an unseen word.
                units.append(Unit(prefix + ZWNJ + rest, 0, lm.unknown_logprob))
                break
    if letters[:2] == WITHOUT and not attested and len(letters) > len(WITHOUT) + 2:
        # The prefix بی before a word of running text, an unseen compound (بیپرواز: بی\u200cپرواز), set off by ZWNJ as
        # the Academy writes it (``kept_ends`` in ``_build_lattice``: never by a space).
        rest_ids = lex.spellings(letters[len(WITHOUT) :])
        if rest_ids and ZWNJ not in lm.words[rest_ids[0]] and lm.text_counts[rest_ids[0]] >= FREE_WORD_TEXT:
            score = lm.unigram_logprob(rest_ids[0]) - AFFIX_COST
            units.append(Unit(WITHOUT + ZWNJ + lm.words[rest_ids[0]], 0, score))
    if letters.startswith(PREVERB_PREFIXES):
        prefix = next(prefix for prefix in PREVERB_PREFIXES if letters.startswith(prefix))
        rest = letters[len(prefix) :]
        spelled = prefix + ZWNJ + rest
        if len(rest) > 1 and lex.verb_form(rest) and not any(unit.spelling == spelled for unit in units):
            units.append(Unit(spelled, 0, lm.unknown_logprob))  # برمی + گشت: a prefixed verb
    return units


def _consonant_copula(lex: Lexicon, letters: str) -> Unit | None:
    """A word of running text in a consonant and the copula ند written joined (کمیاب + ند), as a reading of unknown
    ``letters``; None where they end otherwise or the stem is no such word.

    >>> _consonant_copula(shared_lexicon(), "نیازمندند").spelling == "نیازمندند"
    True
    >>> _consonant_copula(shared_lexicon(), "آمادهند") is None
    True
    """
    stem = letters[:-2]
    if len(stem) < 3 or not letters.endswith(_CONSONANT_COPULA) or stem[-1] in _VOWEL_ENDS:
        return None
    lm = lex.lm
    stem_ids = lex.spellings(stem)
    if not stem_ids or not lm.text_counts[stem_ids[0]] or ZWNJ in lm.words[stem_ids[0]]:
        return None
    return Unit(letters, 0, lm.unigram_logprob(stem_ids[0]) - AFFIX_COST - LETTER_COST)


def _ezafe_after_heh(lex: Lexicon, letters: str) -> Unit | None:
    """ی of the ezafe after a silent ه, set off by ZWNJ (رویه\u200cی, خانه\u200cی), as a reading of ``letters``; None
    where they do not end in هی or the ه is not known to be silent.

    The ه is silent when running text writes the stem's indefinite as \u200cای (رویه\u200cای), not ی (دیدگاهی).
    A stem of running text whose ه no such spelling shows silent, outside اه and وه (سلسله ی), may take it too
    where the input wrote the ی apart (the lattice drops it elsewhere: تنبیهی).
    """
    if not letters.endswith("هی") or len(letters) <= 3:
        return None
    lm = lex.lm
    stem_ids = lex.spellings(letters[:-1])
    if stem_ids and (
        lm.text_count(lm.words[stem_ids[0]] + ZWNJ + "ای")
        or (lm.text_counts[stem_ids[0]] >= LETTER_STEM_TEXT and letters[-3] not in "او")
        or _silent_tail(lex, letters[:-1])
    ):
        return Unit(lm.words[stem_ids[0]] + ZWNJ + "ی", 0, lm.unigram_logprob(stem_ids[0]) - AFFIX_COST)
    return None


def text_words(lex: Lexicon, letters: str) -> bool:
    """True when ``letters`` are a known word, or two words of running text of three letters or more run together
    (بررسیکنید), not pieces cut to fit (بینو: بین and و).

    >>> text_words(shared_lexicon(), "بررسیکنید"), text_words(shared_lexicon(), "بینو")
    (True, False)
    """
    if lex.spellings(letters):
        return True
    lm = lex.lm
    return any(
        lm.text_count(letters[:cut]) >= GLUE_RARE_TEXT and lm.text_count(letters[cut:]) >= GLUE_RARE_TEXT
        for cut in range(3, len(letters) - 2)
    )


def copula_unit(lex: Lexicon, letters: str) -> Unit | None:
    """A word in silent ه and است set off by ZWNJ, where ``letters`` are the two run together; else None.

    The ه is silent in a past participle (شده, پرداخته) or where running text writes the word's indefinite as
    \u200cای (نقطه\u200cای); a sounded ه (پادشاه, راه) takes است after a space.

    >>> copula_unit(shared_lexicon(), "پرداختهاست").spelling == "پرداخته\u200cاست"
    True
    >>> copula_unit(shared_lexicon(), "پادشاهاست") is None
    True
    """
    stem = letters[: -len(COPULA)]
    if len(stem) < 3 or not letters.endswith(HEH_COPULA):
        return None
    stem_ids = lex.spellings(stem)
    if not stem_ids or not lex.lm.text_counts[stem_ids[0]]:
        return None
    word = lex.lm.words[stem_ids[0]]
    head = word.rpartition(ZWNJ)[2]
    if not word.endswith("ه") or not (head[:-1] in lex.past_stems or lex.lm.text_count(word + ZWNJ + "ای")):
        return None
    return Unit(word + ZWNJ + COPULA, 0, lex.lm.unigram_logprob(stem_ids[0]) - AFFIX_COST)


# The plural suffixes that an unknown word run together with one may end in (``unknown_plural``), longest first.
PLURAL_ENDS_JOINED = ("هایی", "های", "ها")


def unknown_plural(lex: Lexicon, letters: str) -> Unit | None:
    """A word the model does not know and a plural suffix run together (آکسونها): the two set off by ZWNJ, as likely
    as the word alone; None where the letters before the suffix are a known word (then the model reads them), or
    where the letters up to ها are (اشتهای: اشتها and ی, not اشت\u200cهای), where the word is a function word
    glued to a word of running text (ازمسکنهایی: از مسکن\u200cهایی), or where the letters are a prefix or a compound
    head joined to a word (``prefixed``: غیرنهایی is غیر and نهایی, not the non-word غیرن cut off a plural).

    >>> unknown_plural(shared_lexicon(), "آکسونها").spelling == "آکسون\u200cها"
    True
    >>> unknown_plural(shared_lexicon(), "اشتهای") is None
    True
    >>> unknown_plural(shared_lexicon(), "غیرنهایی") is None
    True
    """
    if lex.prefixed(letters):
        return None
    for suffix in PLURAL_ENDS_JOINED:
        stem = letters[: -len(suffix)]
        if (
            letters.endswith(suffix)
            and len(stem) > 2
            and joins_next(stem[-1])
            and not lex.spellings(stem)
            and not lex.spellings(letters[: len(stem) + 2])
            and not any(
                lex.lm.text_count(stem[:cut]) >= FUNCTION_WORD_TEXT and lex.lm.text_count(stem[cut:])
                for cut in range(1, len(stem) - 1)
            )
        ):
            return Unit(stem + ZWNJ + suffix, 0, lex.unknown_logprob(stem))
    return None


def _listed_plural_rival(lex: Lexicon, letters: str, ids: tuple[int, ...]) -> Unit | None:
    """The plural of a word of running text (نبردهای: نبرد + های) where the letters' only spellings come from word lists
    and read a past participle with the copula ای (نبرده\u200cای, «you have not taken»): the plural is a reading too,
    not crowded out by the verb that running text never writes."""
    lm = lex.lm
    stem = letters[: -len(PLURAL_HAY)]
    # Only after a letter that does not join, where the plural is written as the letters stand: a stem in ت would
    # take a ZWNJ, and a negated verb (نگفت\u200cهای) would be read as a plural.
    if not letters.endswith(PLURAL_HAY) or len(stem) < 2 or joins_next(stem[-1]) or any(lm.text_counts[i] for i in ids):
        return None
    stem_ids = lex.spellings(stem)
    if not stem_ids or ZWNJ in lm.words[stem_ids[0]]:
        return None
    participle = stem + "ه"
    if (
        lm.text_counts[stem_ids[0]] < PLURAL_STEM_TEXT
        or stem in lex.past_stems
        or not (lex.verb_form(participle) or (participle.startswith("ن") and lex.verb_form(participle[1:])))
    ):
        return None
    return Unit(letters, 0, lm.unigram_logprob(stem_ids[0]) - AFFIX_COST)


def _tail_compound(lex: Lexicon, letters: str) -> Unit | None:
    """The likeliest analysis of unseen letters as a known word and a tail set off by ZWNJ (چک\u200cکننده), if any."""
    for unit in candidates(lex, letters):
        if not unit.index and unit.spelling.rpartition(ZWNJ)[2] in lex.tail_parts:
            return unit
    return None


# Prepositions and را end no word: running text that sets them off by ZWNJ (سال\u200cبه from سال\u200cبه\u200cسال,
# آن\u200cرا) typed a ZWNJ for a space, and such a spelling is no reading of the letters.
_LOOSE_ENDS = frozenset({"به", "با", "از", "برای", "را"})


def _superlative(lex: Lexicon, letters: str, attested: list[Unit]) -> Unit | None:
    """The Academy's spelling of a superlative that running text only writes joined (جوانترین → جوان\u200cترین),
    as likely as the joined word; None for other letters and for بهترین, بیشترین, کمترین, written joined."""
    stem = letters[: -len(SUPERLATIVE)] if letters.endswith(SUPERLATIVE) else ""
    if len(stem) < 2 or stem in _JOINED_COMPARATIVES or not joins_next(stem[-1]) or len(attested) != 1:
        return None
    if ZWNJ in attested[0].spelling or lex.lm.text_count(stem) < LETTER_STEM_TEXT:
        return None
    return Unit(stem + ZWNJ + SUPERLATIVE, 0, lex.lm.unigram_logprob(attested[0].index))


def _listed_prefixed(lex: Lexicon, spelling: str) -> bool:
    """A spelling of می/نمی set off by ZWNJ before letters that are no verb form on a known stem (می\u200cدری of the
    word lists, the second person of دریدن): for letters that running text never writes so, a name (میدری) is likelier,
    as in the analysis of an unknown word (``_find_candidates``)."""
    head, _, rest = spelling.partition(ZWNJ)
    if head not in PREFIXES or not rest:
        return False
    rest = rest.split(ZWNJ)[0]
    if lex.verb_form(rest) or rest in lex.present_stems or rest in lex.past_stems:
        return False
    if rest.endswith("ی") and rest[:-1] in lex.present_stems:
        # The second person (می\u200cرسی) is a verb where running text writes the stem's present with the prefix.
        return not any(lex.lm.text_count(head + ZWNJ + rest[:-1] + ending) for ending in PRESENT_ENDINGS)
    return True


def _listed_ending(spelling: str) -> bool:
    """A spelling of a stem not in ه and an alef ending set off by ZWNJ (تی\u200cام, اول\u200cاند; not خانه\u200cام)."""
    stem, _, ending = spelling.rpartition(ZWNJ)
    return ending in _AFTER_VOWEL and not stem.endswith("ه")


def _set_off_possessive(spelling: str) -> bool:
    """A possessive set off by ZWNJ after a letter other than silent ه (دست\u200cشان; the Academy joins it: دستشان)."""
    stem, _, ending = spelling.rpartition(ZWNJ)
    return ending in POSSESSIVES and bool(stem) and not stem.endswith("ه")
