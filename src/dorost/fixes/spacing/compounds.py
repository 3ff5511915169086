"""When a reading may close a space the input wrote between words: compounds need running text.

A unit that joins free words across an input space (``وزارت خارجه`` read as one word) is a compound, and the Academy
writes two free words apart unless running text attests the compound (see :func:`needs_text`). Fragments of a torn
word may be rejoined; bound morphemes and tails join freely; compound verbs, a noun and its direction adjective, and
phrases stay apart. The lexicon's scan asks this too, to let go pairs that no reading joins.
"""

from __future__ import annotations

from itertools import pairwise

from dorost.chars import ZWNJ
from dorost.fixes.spacing.lexicon import FREE_WORD_TEXT, FUNCTION_WORD_TEXT, GLUE_SIGN_TEXT, Lexicon
from dorost.fixes.spacing.units import FREE_SPACE, SPACE, Unit
from dorost.fixes.spacing.words import (
    AND,
    BOUND_MORPHEMES,
    COMPARATIVES,
    DETERMINERS,
    INDEFINITE,
    NEVER_ALONE,
    PLURALS,
    PREFIX_LIKE,
    joins_next,
)

# A free word and the conjunction و after it are joined into one word only where running text writes the joined word
# this many times as often as the pair (پیر و: 2, پیرو: 15, so پیر و جوان stays).
AND_JOIN_RATIO = 20
# Joining two free words into one compound needs this many attestations in running text.
MIN_COMPOUND_TEXT = 3
# The most letters of a piece that ``listed_fragment`` reads as a fragment of a torn word.
LISTED_FRAGMENT = 3
# ... and at least this many times as often as running text writes its two parts side by side (``needs_text``).
COMPOUND_PAIR_RATIO = 2
# In a text that shows ZWNJs turned to spaces: the share of a pair's count that a ZWNJ compound must reach.
SPACED_PAIR_SHARE = 1 / 3
# Tails that are also words of their own (بینی the nose, گذار a transition, طلب a demand, نما a facade, برداری
# vectorial): after a space they are as often a phrase's head or its adjective (نوک بینی, دوران گذار, وی طلب کرد;
# جستجوی برداری, فضای برداری, میدان برداری: 14 of 14 lines of ms-beginners-fa-mt were joined) as the second part of a
# compound (پیش\u200cبینی, سرمایه\u200cگذار, اصلاح\u200cطلب, نمونه\u200cبرداری), so a compound with one is read
# across a space only where the model knows it (``needs_text``).
_NOUN_TAILS = frozenset({"بینی", "گذار", "طلب", "نما", "برداری"})
# The adjectives of the four directions follow their noun with an ezafe, apart (کره شمالی, آمریکای جنوبی, اروپای
# شرقی, جنوب غربی): running text in the model writes کره\u200cشمالی now and then, but no compound ends in one, so a
# space before one is never closed (``needs_text``).
_DIRECTION_ADJECTIVES = frozenset({"شمالی", "جنوبی", "شرقی", "غربی"})
_CONJUNCTIONS = frozenset({AND, "یا"})
# The negative prefix of a verb (نشده, نکرد): a verb form after it is a verb form still.
_NOT = "ن"
# The suffixes that never stand alone (``NEVER_ALONE``) and are no plural:
# as a piece of the input, a fragment of a torn word (``needs_text``).
_TORN_ENDINGS = NEVER_ALONE - PLURALS
# The preposition به is written apart (Academy orthography: «به» حرف اضافه جدا نوشته می\u200cشود);
# ``به\u200cطور``, ``به\u200cعنوان``, ``به\u200cعلت`` are contested, so a space after به becomes a ZWNJ before a
# free word only when it is one of the few adjectives that running text clearly joins to it as adverbs
# (``به\u200cویژه``; the model's ``after_ba`` list, see scripts/build_model.py). Before a bound part
# (``به روزرسانی``) the usual evidence decides.
_APART = frozenset({"به"})
# First words of ZWNJ spellings never read across a space for the ZWNJs a text lost (``spaced_compound``).
_SPACED_NOT_FIRST = _APART | DETERMINERS


def needs_text(lex: Lexicon, unit: Unit, original: list[str], i: int, j: int, spaced: bool = False) -> bool:
    """True when a unit joins free words across an input space without running-text evidence."""
    inside = original[i : j - 1]
    if SPACE not in inside and FREE_SPACE not in inside:
        return False
    spelling = unit.spelling
    if len(spelling) - spelling.count(ZWNJ) != j - i:
        return _needs_text(lex, unit, original, i, j, inside, spaced)  # not one letter a position: never so far
    # A unit with a letter for each position reads the input's separators inside it alone: the answer depends on its
    # spelling and id, those separators and ``spaced``. A third of the questions of new text were asked before, in
    # other stretches (2 MB of paragraphs: 3,329 questions, 2,160 distinct).
    key = (spelling, unit.index, tuple(inside), spaced)
    said = lex.needs_text_cache.get(key)
    if said is None:
        said = lex.needs_text_cache.keep(key, _needs_text(lex, unit, original, i, j, inside, spaced))
    return said


def _needs_text(lex: Lexicon, unit: Unit, original: list[str], i: int, j: int, inside: list[str], spaced: bool) -> bool:
    if inside.count(FREE_SPACE) > 1:
        return True  # never three free words into one
    # The unit's letters cut where the input has spaces (asked below up to three times).
    pieces = _pieces(unit.spelling.replace(ZWNJ, ""), original, i, j)
    if lex.lm.text_count(unit.spelling) < FREE_WORD_TEXT and all(len(piece) == 1 for piece in pieces):
        # Letters standing alone side by side spell an abbreviation (پ ک ک, ن ت ای): a word torn by a space leaves
        # one lone letter beside a longer piece (منب ع). Only a word of running text is rejoined (ب ه: به).
        return True
    parts = [p for p in unit.spelling.split(ZWNJ) if p]
    if (
        len(parts) > 1
        and parts[0] in _APART
        and parts[1] not in lex.after_ba
        and lex.free(parts[1])
        and original[i + len(parts[0]) - 1] in (SPACE, FREE_SPACE)
    ):
        return True
    if len(parts) > 1 and parts[0] not in PREFIX_LIKE and FREE_SPACE in original[i : i + len(parts[0]) - 1]:
        # A compound of free words and a suffix (هارد دیسک ها): the suffix is no evidence for joining the compound,
        # which needs the text that it needs alone (هارد دیسک\u200cها stays, as هارد دیسک does).
        stem = lex.lm.ids.get(parts[0], 0)
        if stem and needs_text(lex, Unit(parts[0], stem, 0.0), original, i, i + len(parts[0])):
            return True
    if any(piece in _DIRECTION_ADJECTIVES for piece in pieces[1:]):
        return True  # کره شمالی: a noun and its adjective, not کره\u200cشمالی
    if not unit.index and (
        (
            len(parts) > 1
            and parts[1] in _NOUN_TAILS
            and original[i + len(parts[0]) - 1] in (SPACE, FREE_SPACE)
            and ZWNJ.join(parts[:2]) not in lex.lm.ids
        )
        or any(piece in _NOUN_TAILS for piece in pieces[2:])
    ):
        # نوک بینی, دوران گذار: a noun after a space, unless the model knows the compound (نقشه برداری های:
        # نقشه\u200cبرداری\u200cهای); after a phrase of two words too (پایگاه داده برداری: not
        # پایگاه\u200cداده\u200cبرداری).
        return True
    if _joins_verb(lex, unit.spelling, original, i):
        return True
    if parts[0] in PREFIX_LIKE or any(part in BOUND_MORPHEMES or part in lex.tails for part in parts):
        return False
    if len(parts) > 1 and original[j - len(parts[-1]) - 1] in (SPACE, FREE_SPACE) and lex.verb_form(parts[-1]):
        return True  # a compound verb: written apart
    if len(pieces) == 2 and "و" in pieces and len(pieces[0]) == len(pieces[1]) == 1:
        return True  # a letter and و (ویتامین\u200cهای ک و سی): two words, not کو
    if all(
        (piece in PLURALS or piece in COMPARATIVES) and not joins_next(before[-1]) for before, piece in pairwise(pieces)
    ):
        # A plural or comparative after a letter that does not join: دیوار ها is دیوارها, دور تر is دورتر.
        return False
    if (
        len(pieces) == 2
        and pieces[0] == AND
        and len(pieces[1]) > 2
        and lex.lm.is_word(pieces[1])
        and not lex.lm.text_count(pieces[1])
    ):
        # A free-standing و before a listed word is the conjunction, though running text never writes the word: a
        # name of word lists (مرمره و اژه, the Aegean: not واژه).
        return True
    if len(pieces) == 2 and pieces[1] in _CONJUNCTIONS and lex.free(pieces[0]):
        # A free-standing و or یا after a free word is the conjunction (پیر و جوان, not پیرو جوان; مه یا دود, not مهیا
        # دود): joined only where running text writes the joined word far more often than the pair.
        count = lex.lm.text_counts[unit.index] if unit.index else 0
        return count < AND_JOIN_RATIO * max(1, lex.lm.bigram_count(*pieces))
    if unit.index and ZWNJ not in unit.spelling and lex.glued_pair(unit.spelling, unit.index):
        # A word that running text writes as two other words far more often (هردو: هر دو) is a typo, not what a torn
        # word or a compound is rejoined into (گنو هرد و, the name Hurd and و: not هردو).
        return True
    # In a text that turned its ZWNJs into spaces, a ZWNJ compound that running text writes at all is attested enough.
    spaced = spaced and spaced_compound(unit.spelling)
    least = 1 if spaced else MIN_COMPOUND_TEXT
    if unit.index and lex.lm.text_counts[unit.index] >= least:
        # Attested, and written joined far more often than apart (``بر پایه`` 26 times, ``برپایه`` 4; ``هارد دیسک`` 6
        # times, ``هارددیسک`` 7: both are spellings, and the author's stays).
        ratio: float = 1 if ZWNJ in unit.spelling else COMPOUND_PAIR_RATIO
        if spaced:
            # Where the text turned its ZWNJs into spaces, running text's pair is partly the same damage (خط مشی 17
            # times, خط\u200cمشی 8): the ZWNJ spelling needs only a share of the pair's count.
            ratio = SPACED_PAIR_SHARE
        return len(pieces) == 2 and ratio * lex.lm.bigram_count(*pieces) > lex.lm.text_counts[unit.index]
    if (
        unit.index
        and not lex.lm.text_counts[unit.index]
        and _phrase_inside(lex, unit.spelling.replace(ZWNJ, ""), original, i)
    ):
        return True
    # Pieces that are not words on their own (fragments of a broken word) may be rejoined.
    # و is a word of its own, not a fragment: متی و, نش و stay (not متیو, نشو). A suffix that never stands alone
    # (ات, اند; not a plural, which the rules above join) is a fragment too, though word lists hold it: مکاتب ات is
    # مکاتبات torn by a space.
    return all(
        lex.lm.is_word(piece) and (len(piece) > 1 or piece == "و") and piece not in _TORN_ENDINGS for piece in pieces
    )


def listed_fragment(lex: Lexicon, unit: Unit, original: list[str], i: int, j: int) -> bool:
    """True when a word of running text is read across an input space where a piece is no more than a short entry of
    the word lists that running text never writes (کو فه: کوفه, جل فا: جلفا; the lists keep many such entries, فه, وس),
    beside no function word (در فک, نر و: فک and نر are words running text happens to lack): in a text that shows
    torn words (``Window.torn``), such a piece is a fragment of a torn word, which ``needs_text`` would otherwise keep
    apart as two words."""
    lm = lex.lm
    if not unit.index or ZWNJ in unit.spelling or not lm.text_counts[unit.index]:
        return False
    pieces = _pieces(unit.spelling, original, i, j)
    return (
        len(pieces) > 1
        and all(lm.text_count(piece) < FUNCTION_WORD_TEXT and piece != AND for piece in pieces)
        and any(len(piece) <= LISTED_FRAGMENT and not lm.text_count(piece) for piece in pieces)
    )


def listed_with_ending(lex: Lexicon, spelling: str) -> bool:
    """True when a spelling is a listed word, a ZWNJ and a plural or the indefinite ای (تعیین\u200cکننده\u200cای)."""
    stem, _, ending = spelling.rpartition(ZWNJ)
    return (ending in PLURALS or ending == INDEFINITE) and stem in lex.lm.ids


def spaced_compound(spelling: str) -> bool:
    """True when a ZWNJ spelling may be read across the spaces of a text that turned its ZWNJs into spaces: not
    after به (its own rule, ``_after_preposition_to``) nor after a determiner, which begins a phrase (در این باره,
    همان گونه), not a compound."""
    return ZWNJ in spelling and spelling.partition(ZWNJ)[0] not in _SPACED_NOT_FIRST


def _joins_verb(lex: Lexicon, spelling: str, original: list[str], i: int) -> bool:
    """True when a unit closes an input space right before a verb form that running text writes apart from the words
    before it at least as often as joined (حفظ کرده\u200cاست, به\u200cوجود آمدن, نام\u200cگذاری شده\u200cاند):
    compound verbs are written apart (Academy orthography: «اعلام کرد», «چاپ شدند»), also negated (پیش\u200cبینی
    نشده) and where a suffix or the author's ZWNJ comes with them, unless running text writes the joined word
    MIN_COMPOUND_TEXT times or more. Not after the prefix می or a preverb, written joined to the verb (می\u200cشود,
    برمی\u200cگردد), nor after a fragment, no free word (بپ رسد: بپرسد torn by a space)."""
    at = [k for k, ch in enumerate(spelling) if ch != ZWNJ]
    lm = lex.lm
    for b in range(len(at) - 1):
        if original[i + b] not in (SPACE, FREE_SPACE):
            continue
        head = spelling[: at[b] + 1]
        tail = spelling[at[b + 1] :].split(ZWNJ)[0]
        last = head.rpartition(ZWNJ)[2]
        if (
            len(tail) < 3
            or last in PREFIX_LIKE
            or max(lm.text_count(head), lm.text_count(last)) < FREE_WORD_TEXT
            or not (lex.verb_form(tail) or (tail[0] == _NOT and lex.verb_form(tail[1:])))
        ):
            continue
        joined = lm.text_count(head + ZWNJ + tail) + lm.text_count(head + tail)
        if joined < MIN_COMPOUND_TEXT or lm.bigram_count(head, tail) >= joined:
            return True
    return False


def _phrase_inside(lex: Lexicon, letters: str, original: list[str], i: int) -> bool:
    """True when an input space inside ``letters`` (from letter ``i`` of the stretch) parts them into two words of
    running text seen often (اظه ار عقی ده: اظهار عقیده): the words are a likelier phrase than the one word that
    only a word list holds (اظهارعقیده), which the fragments' spaces would otherwise let them join into."""
    lm = lex.lm
    for k in range(1, len(letters)):
        if (
            original[i + k - 1] in (SPACE, FREE_SPACE)
            and min(lm.text_count(letters[:k]), lm.text_count(letters[k:])) >= GLUE_SIGN_TEXT
        ):
            return True
    return False


def _pieces(letters: str, original: list[str], i: int, j: int) -> list[str]:
    pieces: list[str] = []
    start = 0
    for k in range(j - i - 1):
        if original[i + k] in (SPACE, FREE_SPACE):
            pieces.append(letters[start : k + 1])
            start = k + 1
    pieces.append(letters[start:])
    return pieces
