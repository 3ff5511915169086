"""What the fix knows of Persian words before it asks the model: how they are found in text, and their parts.

The patterns of a word and of a run of words (Persian words separated by single spaces), the marks the model's lookup
form drops, and the bound morphemes, endings and function words that the Academy of Persian Language and Literature's
orthography («دستور خط فارسی», 1394) writes joined, set off by ZWNJ or apart. Every other module reads these; they
read no model.
"""

from __future__ import annotations

import re

from dorost.chars import ARABIC_LETTER_CLASS, NON_JOINING, ZWNJ

# The marks a letter of a word may carry (harakat, tanwin, shadda, sukun, maddah, hamza, superscript alef) and kashida.
MARK_CLASS = "\u064b-\u0655\u0670\u0640"
_PART = f"[{ARABIC_LETTER_CLASS}][{ARABIC_LETTER_CLASS}{MARK_CLASS}]*"
WORD = f"{_PART}(?:{ZWNJ}{_PART})*"
# A run: Persian words separated by single spaces (a line break, punctuation or Latin ends it). The runs of
# f"{WORD}(?: {WORD})*" written with one repeat instead of two nested ones: the same matches in half the time.
RUN = re.compile(f"{_PART}(?:[ {ZWNJ}]{_PART})*")
# The marks the model's lookup form drops (harakat, tanwin, shadda, sukun, superscript alef, kashida).
MARKS = re.compile("[\u064b-\u0652\u0654\u0670\u0640]")
# The same marks as a set, for a test letter by letter (a set lookup, not a regex call).
MARK_SET = frozenset(filter(MARKS.match, map(chr, range(0x0600, 0x0700))))
# The hamza above ه writes the ezafe (مجلهٔ). The model keeps it in its lookup form, and knows the commonest such
# words (نحوهٔ); other words are looked up without it. The fix reads it as a mark of the letter before.
HAMZA_ABOVE = "\u0654"
ZWNJ_AFTER_HEH = "ه" + ZWNJ
EZAFE_AFTER_HEH = ZWNJ_AFTER_HEH + "ی"
# The plural suffix with the ezafe (کتاب\u200cهای).
PLURAL_HAY = "های"
# ه and و run together end a word hardly ever (آهو, کاهو), but glued and after a noun in ه all the time (تبرئهو).
HEH_AND = "هو"
AND = "و"
# The copula است written joined to a word in silent ه (شدهاست): run together, the two would read as one word, so the
# writer meant them apart by a ZWNJ (شده\u200cاست) that was lost, far more often than a space lost between them.
COPULA = "است"
HEH_COPULA = "ه" + COPULA
TO = "به"
# The prefix بی: written joined (بیهوده) or set off by ZWNJ (بی\u200cطرفی), not apart (Academy orthography).
WITHOUT = "بی"
# Bound morphemes (Academy orthography §2): written attached, with ZWNJ after a joining letter.
PREFIXES = ("نمی", "می")
# Prefixed verbs keep the preverb joined to می/نمی and set the verb off with ZWNJ (برمی\u200cگردد, درنمی\u200cآید).
PREVERBS = ("بر", "در", "باز", "فرو", "فرا")
PREVERB_PREFIXES = tuple(verb + prefix for verb in PREVERBS for prefix in PREFIXES)
# Prefixes that make compounds with ZWNJ (بی\u200cسابقه); joined across a space without the text-count bar.
PREFIX_LIKE = frozenset((*PREFIXES, *PREVERB_PREFIXES, "بی"))
# The suffixes among the bound morphemes, the plurals first (``PLURALS``).
SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها",
    "ترین", "تر", "اند", "ایم", "اید", "ام", "اش", "ات", "ای",
)  # fmt: skip
BOUND_MORPHEMES = frozenset(PREFIXES + SUFFIXES)
# Parts that some writers attach to the previous word with a ZWNJ (نوشته\u200cاست, شده\u200cاند).
ATTACHED = BOUND_MORPHEMES | {"است"}
# Possessive شان تان مان are also free words or word endings (شان, ساختمان): they only explain an
# unseen word (اختیارشان), they are not flagged when they stand alone.
POSSESSIVES = ("شان", "تان", "مان")
# The ending ای (indefinite or adjective).
INDEFINITE = "ای"
# Plural (and plural-possessive) suffixes: the Academy writes them apart, with ZWNJ (آن\u200cها, کتاب\u200cها).
PLURALS = frozenset(SUFFIXES[:9])
COMPARATIVES = frozenset({"تر", "ترین", "تری", "ترها"})
# Bound suffixes that never stand alone as words after another Persian word: ``گروه ها`` is damage,
# whatever the bigram counts say (running text has a standalone ``ها`` only after Latin words, as in
# ``Componentها``). ``ای`` is left out (the vocative ``ای خدا``), and so are ``تر`` (``wet``) and
# ``ترین``, which the model decides. ``یی`` (the ending of هایی, دانشجویی) is no word either, though running text has
# it a few times as a typo: split off a glued word it made استدلال\u200cها یی.
NEVER_ALONE = (frozenset(SUFFIXES) - {"ای", "تر", "ترین"}) | {"یی"}
# Numerals and determiners take no tail: a tail after one is a noun of its own (یک بینی: a nose, not یک\u200cبینی).
DETERMINERS = frozenset({"یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "ده", "این", "آن", "هر", "همین", "همان"})
# One-letter endings written joined: ی (adjective, indefinite), ش م ت (possessive).
LETTER_ENDINGS = frozenset("یشمت")
# Personal endings after a past stem (کرد, کردم, کردند) and a present stem (کنم, کند, کنند; not ی:
# a present stem + ی is a noun, ذخیره\u200cسازی);
# ``ن`` makes the infinitive and ``ه`` the past participle (کردن, کرده).
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ن", "ه")
PRESENT_ENDINGS = ("م", "د", "یم", "ید", "ند")


def verb_form_on_stems(word: str, past: frozenset[str], present: frozenset[str]) -> bool:
    """True when ``word`` is a verb form on one of the ``past`` or ``present`` stems (``Lexicon.verb_form``)."""
    word = word.removeprefix("نمی" + ZWNJ).removeprefix("می" + ZWNJ)
    if len(word) < 2:
        return False
    for ending in _PAST_ENDINGS:
        stem = word[: len(word) - len(ending)]
        if word.endswith(ending) and stem in past and (ending or len(stem) > 2):
            return True
    return any(word.endswith(e) and word[: -len(e)] in present for e in PRESENT_ENDINGS)


def joins_next(letter: str) -> bool:
    """True when ``letter`` joins the next (not one of ``NON_JOINING``, ا د ذ ر ز ژ و): only then may a ZWNJ follow."""
    return letter not in NON_JOINING
