"""Spacing inside and between Persian words: space, ZWNJ or nothing, decided with the language model.

Persian writes many words in parts joined by a zero-width non-joiner (ZWNJ, نیم\u200cفاصله): the verbal
prefixes ``می``/``نمی``, the plural and possessive suffixes (``ها``, ``های``, ``شان``),
``تر``/``ترین`` and compounds (``بین\u200cالمللی``, ``امکان\u200cپذیر``). Extraction and careless
typing lose it two ways: the letters run together (``گروههای``) or a space takes its place
(``می شود``). PDF extraction adds spaces inside words (``تحر یم``, ``ب ه`` from kashida
justification) and glues words (``بهخانه``).

The fix reads runs of Persian words separated by single spaces. A run is examined only where it
looks wrong — a word the model does not know, a word whose letters are far more often spelled
another way, or two neighbours whose letters together form a known word — so correct text costs
one set lookup per word. Each suspect stretch is segmented again by dynamic programming over its
letters: every segmentation into attested spellings (or the original words) is scored by the
bigram model, minus a cost for every boundary that differs from the input. The original wins
unless another reading beats it by a margin; the margin sets the confidence of the edits.
Two signs read once per text adjust the prices: a word that shows lost ZWNJs (میشود) lets commonly
joined spellings (آنها) be repaired, unless the text, which writes ZWNJs elsewhere, writes that word joined
again and again and never otherwise (its author's spelling); and words that show lost spaces (ازیک), as often as
damage leaves them (a typo in a long article is not enough), make long unknown words likelier glued words than names
or new words.

Rules that bound it (Academy of Persian Language and Literature, «دستور خط فارسی», 1394):

- no ZWNJ after the non-joining letters ا د ذ ر ز ژ و: the joined spelling is the right one there;
- a ZWNJ typed by the author is kept unless the evidence is overwhelming;
- two free words are joined into one compound only when running text attests the compound
  (``به رسمیت`` and ``وزارت خارجه`` stay apart: their joined forms are contested);
- Latin words, digits, URLs and code are outside Persian runs and never touched.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, chain, compress, islice, pairwise, repeat
from operator import add, contains, is_

from dorost.chars import ARABIC_LETTER_CLASS, NON_JOINING, ZWNJ
from dorost.config import Config
from dorost.edits import Change
from dorost.language import LanguageModel, model, normalize_word
from dorost.language.spellings import SpellingTables, load_tables
from dorost.memory import Memory
from dorost.text import SpanSet, protected

_MARK_CLASS = "\u064b-\u0655\u0670\u0640"
_PART = f"[{ARABIC_LETTER_CLASS}][{ARABIC_LETTER_CLASS}{_MARK_CLASS}]*"
_WORD = f"{_PART}(?:{ZWNJ}{_PART})*"
# A run: Persian words separated by single spaces (a line break, punctuation or Latin ends it). The runs of
# f"{_WORD}(?: {_WORD})*" written with one repeat instead of two nested ones: the same matches in half the time.
_RUN = re.compile(f"{_PART}(?:[ {ZWNJ}]{_PART})*")
# The marks the model's lookup form drops (harakat, tanwin, shadda, sukun, superscript alef, kashida).
_MARKS = re.compile("[\u064b-\u0652\u0654\u0670\u0640]")
# The same marks as a set, for a test letter by letter (a set lookup, not a regex call).
_MARK_SET = frozenset(filter(_MARKS.match, map(chr, range(0x0600, 0x0700))))
# The hamza above ه writes the ezafe (مجلهٔ). The model keeps it in its lookup form, and knows the commonest such
# words (نحوهٔ); other words are looked up without it. The fix reads it as a mark of the letter before.
HAMZA_ABOVE = "\u0654"
ZWNJ_AFTER_HEH = "ه" + ZWNJ
_EZAFE_AFTER_HEH = ZWNJ_AFTER_HEH + "ی"

NONE, JOIN, SPACE = "", ZWNJ, " "
# Input boundaries are labelled finer than the three outputs: a space between two free words
# (joining them makes a contestable compound) and nothing after ه (``ماهها``: never right).
# Nothing inside a word the model knows is a third label: splitting a known word needs more.
FREE_SPACE, AFTER_HEH, KNOWN_NONE = "  ", "h", "k"
# Two labels the fix never overrules. Nothing inside a joined spelling that careful human text commonly
# writes (آنها, اینها, بزرگترین: the Academy allows them, and correct text must come out unchanged); and
# an author's ZWNJ after a part that running text writes as a word (ویرایش\u200cگر, حس\u200cگرها), or inside
# a spelling that running text attests: the Academy allows the ZWNJ there as well.
KEPT_NONE, KEPT_JOIN = "j", "z"
# The labels of letters run together in the input (no space, no ZWNJ between them).
_RUN_TOGETHER = frozenset({NONE, AFTER_HEH, KNOWN_NONE, KEPT_NONE})
_PLAIN = {FREE_SPACE: SPACE, AFTER_HEH: NONE, KNOWN_NONE: NONE, KEPT_NONE: NONE, KEPT_JOIN: JOIN}

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
# ... and stays even in a text that lost ZWNJs where the text writes it joined this many times and never otherwise.
OWN_JOINED_TIMES = 2
# A text that writes this many ZWNJs and shows none lost or turned into a space keeps its ZWNJs: two free words run
# together there lost a space (``_fix_window``). Text that lost ZWNJs at random keeps a few (the realistic dev lines
# that looked so with one or two were damaged), so one or two are no such evidence. Chosen on the dev split.
KEPT_ZWNJ_TEXT = 3
# A text that writes this many ZWNJs and turned none into a space keeps the spaces it sets between two words
# (``_authors_space``); chosen on the dev split (1: mixed damage that kept one ZWNJ lost others to spaces).
KEPT_SPACE_ZWNJS = 2
# A piece that running text writes only inside a compound it writes this often is no word of its own (المللی).
COMPOUND_PIECE_TEXT = 30
# An author's ZWNJ after a part seen this often in running text is kept (ویرایش\u200cگر).
KEPT_ZWNJ_PART_TEXT = 3
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
# An out-of-vocabulary word of the input scores this far below the model's unknown-word estimate;
# splitting it needs both parts known and frequent enough to beat it.
UNKNOWN_PENALTY = 4.0
# After an unknown word the model has no context and falls back to the unigram, which a known context gives
# only through its back-off weight: the word after an unknown one costs this much more (nats), so that an
# unknown word does not win by the context it lacks (که سوالاتتکراری از: not cheaper than سوالات تکراری از).
AFTER_UNKNOWN = 0.7
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
# ... and at least one such word for every this many characters of the text: a long clean article has a typo or two
# (درچنین), a text that lost spaces one in every few sentences (2,500 characters: some 450 words).
GLUE_SIGN_CHARS = 2500
# ... and for a word that word lists know, side by side at least this many times as often as their counts predict.
GLUE_SIGN_ASSOCIATION = 1.5
LISTED_SIGN_PAIR = 30
# A known word that running text writes at most this often is suspect when its letters are two words that
# running text writes side by side at least RARE_GLUED_PAIR times and RARE_GLUED_RATIO times as often.
RARE_GLUED_TEXT = 2
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
# A word of running text seen this often, not a past stem, has its plural in های read even where only a word list
# spells the letters, as a past participle with ای (نبردهای: نبرد + های beside the verb نبرده\u200cای).
PLURAL_HAY = "های"
PLURAL_STEM_TEXT = 5
# A free word and the conjunction و after it are joined into one word only where running text writes the joined word
# this many times as often as the pair (پیر و: 2, پیرو: 15, so پیر و جوان stays).
AND_JOIN_RATIO = 20
# Joining two free words into one compound needs this many attestations in running text.
MIN_COMPOUND_TEXT = 3
# ... and at least this many times as often as running text writes its two parts side by side (``_needs_text``).
COMPOUND_PAIR_RATIO = 2
# In a text that shows ZWNJs turned to spaces: the share of a pair's count that a ZWNJ compound must reach.
SPACED_PAIR_SHARE = 1 / 3
SPACED_JOIN_DISCOUNT = 3.0
# A word seen this often in running text counts as free (ویژه), not bound to a neighbour (المللی).
FREE_WORD_TEXT = 8
# An unknown word is split into two words cheaply (this much off the price of a new space) when
# both are seen this often in running text: the glued damage of PDFs and careless typing.
GLUE_SPLIT_DISCOUNT = 3.3
GLUE_PART_TEXT = 30
# ... or when one is that frequent and the other a word of running text of three letters or more, or both are
# words of running text seen this often (کارنامه + وی, منطقه + جولان, سوالات + تکراری; not گو + رد, whose
# two-letter pieces make too many false readings).
GLUE_RARE_TEXT = 2
# Tails that are also nouns of their own (بینی the nose, گذار a transition, طلب a demand, نما a facade): after a space
# they are as often the head of a phrase (نوک بینی, دوران گذار, وی طلب کرد) as the second part of a compound
# (پیش\u200cبینی, سرمایه\u200cگذار, اصلاح\u200cطلب), so a compound with one is read across a space only where the model
# knows it (``_needs_text``).
_NOUN_TAILS = frozenset({"بینی", "گذار", "طلب", "نما"})
# The adjectives of the four directions follow their noun with an ezafe, apart (کره شمالی, آمریکای جنوبی, اروپای
# شرقی, جنوب غربی): running text in the model writes کره\u200cشمالی now and then, but no compound ends in one, so a
# space before one is never closed (``_needs_text``).
_DIRECTION_ADJECTIVES = frozenset({"شمالی", "جنوبی", "شرقی", "غربی"})
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
# A text that writes no ZWNJ, shows no glued word and no ZWNJ turned into a space, and holds this many words that lost a
# ZWNJ (میدهند, تستهای) lost all its ZWNJs: two words of running text run together there (جدولمحور) are a compound
# that lost its ZWNJ (جدول\u200cمحور), not a pair that lost a space (``_lost_zwnj_pair``). At 1, short lines of
# realistic damage that lost a space as well (ایرانیهستند) took a ZWNJ; chosen on the dev split.
LOST_PAIR_SIGNS = 2
# The confidence of a ZWNJ set before a tail standing alone in a text that lost its ZWNJs to spaces
# (``_join_spaced_tails``): no reading's gain measures it.
SPACED_TAIL_CONFIDENCE = 0.8
# ه and و run together end a word hardly ever (آهو, کاهو), but glued and after a noun in ه all the time (تبرئهو).
_HEH_AND = "هو"
_AND = "و"
_CONJUNCTIONS = frozenset({_AND, "یا"})
# The negative prefix of a verb (نشده, نکرد): a verb form after it is a verb form still.
_NOT = "ن"
_SHORT_COPULA = "ست"
_VOWEL_LETTERS = frozenset("اوی")
# A word the model does not know and a plural suffix written apart after it, read as one word (آزتک\u200cها): as dear as
# a suffix left alone (ALONE_COST), so that a reading of known words wins where the unknown word is two words glued
# (ایکمک ها: ای کمک\u200cها); chosen on the dev split.
UNKNOWN_PLURAL_COST = 6.0
# The copula است written joined to a word in silent ه (شدهاست): run together, the two would read as one word, so the
# writer meant them apart by a ZWNJ (شده\u200cاست) that was lost, far more often than a space lost between them.
_COPULA = "است"
_HEH_COPULA = "ه" + _COPULA
# The plural ending written joined (درزیان, زمینیان): a known word and ان is one unseen word (``one_word``).
_PLURAL_AN = "ان"
# The object marker را, and the most letters of an unknown word in را that is read as a name where the text shows no
# glued words (``_build_lattice``).
_RA = "را"
_TO = "به"
# The prefix بی: written joined (بیهوده) or set off by ZWNJ (بی\u200cطرفی), not apart (Academy orthography).
_WITHOUT = "بی"
# Affixes that never stand alone in correct modern text: one of them as a word shows ZWNJs turned to spaces.
_SPACED_AFFIXES = frozenset({"می", "نمی", "ها", "های", "هایی", "هایش", "هایشان"})
# ... and the ratio of a joined word's running-text count to its two words' that lets such a text close a space
# between the two as cheaply as a space beside a fragment (``_torn_pair``).
TORN_JOIN_RATIO = 10
# Lone letters (``_LONE_LETTER``) that show a text's words torn by spaces: abbreviations (ق.م, ه.ش) make one or two.
TORN_SIGN_WORDS = 3
# ... and at least one for every this many characters of the text: a long clean text has a few (ه.ش, م.) here and there.
TORN_SIGN_CHARS = 500
_NOT_TORN = frozenset({_AND, "ی"})
# The agent suffix (اجراگر, پردازشگر), written joined to its stem (``one_word``).
_AGENT = "گر"
SHORT_RA_NAME = 4
# The letters of a function word that ``_function_pair`` reads (از, یا, تا).
_FUNCTION_LETTERS = 2
# Two function words are avoided side by side where running text writes them together fewer than 1/AVOIDED_PAIR_RATIO
# times as often as their counts predict, and they predict at least AVOIDED_PAIR_EXPECTED (``_function_pair``).
AVOIDED_PAIR_RATIO = 3
AVOIDED_PAIR_EXPECTED = 5
# Frequent words that are also common word endings: split off the end of an unknown word only in glued text.
_WORD_ENDS = frozenset({"و", "یک"})
# A two-letter piece seen this often is a function word (از, که, وی); rarer ones are often fragments (ان, تم).
FUNCTION_WORD_TEXT = 300
# ... or when running text has the two words side by side at least this often (نماز عصر).
GLUE_PAIR = 1
MAX_UNIT = 24
BEAM = 6
# A stretch segmented this many times already is first bounded (``_bound``): where no reading can beat the
# input's by the margin, the beam is skipped. The first time, the beam alone is cheaper than the bound.
BOUND_AFTER = 1
# The bound and the beam add the same scores in another order: a float rounding error far below this.
BOUND_SLACK = 1e-6
# A token longer than this (letters glued without any space, a hostile input) is left as it is:
# segmenting costs about a millisecond a letter, so a megabyte-long token would take an hour.
MAX_WORD = 64
# A stretch of neighbouring suspect words is read as one window; real damage makes windows of a few words (at most 5
# in 2 MB of news), but a long line that is all damage (كتاب مي شود a thousand times) would make one window whose
# lattice grows with the line: 130 KB took 3.4 s and 200 MB. Longer stretches are cut, preferably at a pair that is
# no candidate for a join within the last few words.
MAX_WINDOW = 32
_WINDOW_CUT_REACH = 8

# Bound morphemes (Academy orthography §2): written attached, with ZWNJ after a joining letter.
PREFIXES = ("نمی", "می")
# Prefixed verbs keep the preverb joined to می/نمی and set the verb off with ZWNJ (برمی\u200cگردد, درنمی\u200cآید).
_PREVERBS = ("بر", "در", "باز", "فرو", "فرا")
_PREVERB_PREFIXES = tuple(verb + prefix for verb in _PREVERBS for prefix in PREFIXES)
# Prefixes that make compounds with ZWNJ (بی\u200cسابقه); joined across a space without the text-count bar.
_PREFIX_LIKE = frozenset((*PREFIXES, *_PREVERB_PREFIXES, "بی"))
# The first two letters of the prefixes that ``_find_candidates`` reads (می, بی, برمی): other letters need no such look.
_PREFIX_HEADS = frozenset(prefix[:2] for prefix in (*PREFIXES, _WITHOUT, *_PREVERB_PREFIXES))
SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها",
    "ترین", "تر", "اند", "ایم", "اید", "ام", "اش", "ات", "ای",
)  # fmt: skip
_BOUND = frozenset(PREFIXES + SUFFIXES)
# Parts that some writers attach to the previous word with a ZWNJ (نوشته\u200cاست, شده\u200cاند).
_ATTACHED = _BOUND | {"است"}
# Possessive شان تان مان are also free words or word endings (شان, ساختمان): they only explain an
# unseen word (اختیارشان), they are not flagged when they stand alone.
_POSSESSIVES = ("شان", "تان", "مان")
# The alef forms of the personal endings follow a vowel: خانه\u200cام, ایرانی\u200cاند, کرده\u200cاند; after a
# consonant the ending has no alef (کتابم, رفتند), so ``تعریضات`` is an Arabic plural, not تعریض + ات.
_AFTER_VOWEL = frozenset({"ام", "اش", "ات", "ای", "اند", "ایم", "اید"})
# The ending ای (indefinite or adjective) after silent ه, with a plural after it (برره\u200cای\u200cها): the plural
# of ای alone is read only right after ه (``_build_lattice``).
_INDEFINITE = "ای"
_INDEFINITE_PLURAL = _INDEFINITE + ZWNJ + "ها"
_ANALYSIS_SUFFIXES = (*SUFFIXES, *_POSSESSIVES)
# Plural (and plural-possessive) suffixes: the Academy writes them apart, with ZWNJ (آن\u200cها, کتاب\u200cها).
PLURALS = frozenset(SUFFIXES[:9])
_COMPARATIVES = frozenset({"تر", "ترین", "تری", "ترها"})
SUPERLATIVE = "ترین"
# Comparatives the Academy writes joined (بهتر, بیشترین, کمتر, مهتر, کهتر).
_JOINED_COMPARATIVES = frozenset({"به", "بیش", "کم", "مه", "که"})
# Bound suffixes that never stand alone as words after another Persian word: ``گروه ها`` is damage,
# whatever the bigram counts say (running text has a standalone ``ها`` only after Latin words, as in
# ``Componentها``). ``ای`` is left out (the vocative ``ای خدا``), and so are ``تر`` (``wet``) and
# ``ترین``, which the model decides. ``یی`` (the ending of هایی, دانشجویی) is no word either, though running text has
# it a few times as a typo: split off a glued word it made استدلال\u200cها یی.
_NEVER_ALONE = (frozenset(SUFFIXES) - {"ای", "تر", "ترین"}) | {"یی"}
# ... and those of them that are no plural: as a piece of the input, a fragment of a torn word (``_needs_text``).
_TORN_ENDINGS = _NEVER_ALONE - PLURALS
# A plural set off by ZWNJ ends a word: a frequent word glued after it (دیسک\u200cهاینصب) splits as cheaply as
# one glued after a frequent word.
_PLURAL_ENDS = (ZWNJ + "ها", ZWNJ + "های")
# The price (nats) of a bound suffix written as a word of its own in a reading.
ALONE_COST = 6.0
# Joining a known joined spelling's plural suffix, comparative or verbal prefix with ZWNJ (آنها → آن\u200cها,
# مهمترین → مهم\u200cترین) is cheap: it is the Academy's spelling, and the word is only respelled when running
# text prefers it.
AFFIX_JOIN_COST = 0.2
# The preposition به is written apart (Academy orthography: «به» حرف اضافه جدا نوشته می\u200cشود);
# ``به\u200cطور``, ``به\u200cعنوان``, ``به\u200cعلت`` are contested, so a space after به becomes a ZWNJ before a
# free word only when it is one of the few adjectives that running text clearly joins to it as adverbs
# (``به\u200cویژه``; the model's ``after_ba`` list, see scripts/build_model.py). Before a bound part
# (``به روزرسانی``) the usual evidence decides.
_APART = frozenset({"به"})
# The cost (nats) of building a word from a known stem and a bound morpheme not seen together.
AFFIX_COST = 3.0
# A compound of a known word and a bound tail (ایمن + سازی) costs this much more than a suffix.
TAIL_COST = 1.0
# Numerals and determiners take no tail: a tail after one is a noun of its own (یک بینی: a nose, not یک\u200cبینی).
_DETERMINERS = frozenset({"یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "ده", "این", "آن", "هر", "همین", "همان"})
# First words of ZWNJ spellings never read across a space for the ZWNJs a text lost (``_spaced_compound``).
_SPACED_NOT_FIRST = _APART | _DETERMINERS
# The first part of a tail compound must be seen this often in running text; once is enough for one in ه, whose
# letters joined to a tail are never the spelling (عصارهگیری: عصاره\u200cگیری).
TAIL_STEM_TEXT = 3
# Prepositions whose compounds running text writes joined as often as with ZWNJ (پیشنماز, پیشگیری, پسانداز): their
# joined letters with a tail are a spelling, not lost ZWNJs (پیشنوازی stays).
_JOINED_HEADS = frozenset({"پیش", "پس"})
# The ending ات explains an unknown word only after a stem seen this often in running text: after ی it
# is more often an Arabic plural or a name (جزئیات, کریات) than the possessive (بازی\u200cات). The other
# alef endings after ی need a stem of running text, longer than two letters (تیام, کاتالونیای: names).
AT_STEM_TEXT = 10
# One-letter endings written joined: ی (adjective, indefinite), ش م ت (possessive). A word of running text
# (seen this often) + such a letter is a candidate reading of an unknown word.
_LETTER_ENDINGS = frozenset("یشمت")
LETTER_STEM_TEXT = 3
LETTER_COST = 1.0


@dataclass(frozen=True, slots=True)
class _Unit:
    spelling: str  # the word as it would be written, ZWNJ included
    index: int  # model id, 0 when unknown
    logprob: float  # unigram fallback score when unknown or generated
    unknown: bool = False  # a word of the input that the model does not know (not a generated analysis)


class _Lexicon:
    """Per-process views of the model that the fix needs: spellings by letters, type verdicts."""

    #: What :meth:`derive` follows, named in the tables shipped ready-built (``dorost/data/spellings.bin``, written
    #: by scripts/build_model.py with :meth:`derive`): a change to it, or to the constants it reads, changes this and
    #: needs the tables rebuilt (a file of another recipe is refused).
    RECIPE = f"2 keep-joined {KEEP_JOINED_TEXT} {KEEP_JOINED_RATIO} compound-parts {COMPOUND_PART_MOST}"

    def __init__(self, lm: LanguageModel, tables: SpellingTables | None = None) -> None:
        """The lexicon of ``lm``; ``tables``: its spelling tables ready-built (else derived from ``lm`` here)."""
        self.lm = lm
        self.groups, self.alias, self.kept_joined, self.compound_heads, self.compound_tails = (
            tables if tables is not None else self.derive(lm)
        )
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
        self.key_cache: Memory[str, str] = Memory(100_000)
        self.suspect_cache: Memory[str, bool] = Memory(100_000)
        self.loss_cache: Memory[str, bool] = Memory(100_000)
        self.glue_cache: Memory[str, bool] = Memory(100_000)
        self.unit_cache: Memory[str, list[_Unit]] = Memory(200_000)
        # The units of input words as written (``_unit_for``), by word and whether the text shows glued words.
        self.input_unit_cache: Memory[tuple[str, bool], _Unit] = Memory(100_000)
        # Each unit spelling's separators and affix ZWNJ positions (``_inner_cost``).
        self.shape_cache: Memory[str, tuple[tuple[str, ...], tuple[int, ...]]] = Memory(50_000)
        # About 230 bytes a pair, so at most 23 MB; only the pairs ``pair_verdicts`` judges in Python are kept.
        self.pair_cache: Memory[tuple[str, str], int] = Memory(100_000)  # True, False or _LET_GO
        self.join_key_cache: Memory[str, str] = Memory(100_000)
        # Second words that make a pair suspect whatever the first (``_judge_pair``).
        self.pair_seconds = _BOUND | self.tails | _LETTER_ENDINGS
        # The letters of every word and spelling group, in one set: the scan asks it of every pair's joined letters, and
        # one probe of one table costs less than a probe of each of two large dicts (fewer cache misses).
        self.known_letters = frozenset(chain(lm.ids, self.groups))
        # The model's bigram scores of word pairs already scored (a pure function of the two ids).
        self.conditional_cache: Memory[tuple[int, int], float] = Memory(100_000)
        # Stretches of words already prepared (letters, separators, lattice), whatever their neighbours.
        self.prepared_cache: Memory[tuple[bool, bool, bool, bool, bool, tuple[str, ...]], _Window | None] = Memory(
            5_000
        )
        self.window_cache: Memory[
            tuple[bool, bool, bool, bool, bool, str | None, tuple[str, ...], str | None], tuple[list[str], float] | None
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
        heads, tails = _Lexicon._compound_parts(lm)
        return SpellingTables(groups, alias, frozenset(_Lexicon._kept_joined(lm, groups, members)), heads, tails)

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
        if not spelling.startswith(_TO + ZWNJ):
            return False
        return self.apart_more(_TO, spelling[len(_TO) + 1 :])

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
                    if key[cut:] in _ATTACHED:
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
        if key.endswith(_HEH_AND) and lm.text_count(key[:-1]) >= GLUE_RARE_TEXT:
            return True
        if len(key) < 6:
            return False
        cut = key.find("ه", 2)
        while 0 < cut < len(key) - 2:
            first, rest = key[: cut + 1], key[cut + 1 :]
            index = lm.ids.get(rest, 0)
            if (
                index
                and lm.text_counts[index] > 0
                and len(rest) > 2
                and rest not in _ATTACHED
                and rest not in _POSSESSIVES
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
        if rest in _ATTACHED or rest in _POSSESSIVES or rest in _COMPARATIVES:
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
            or (self.lm.ids.get(head, 0) and all(part in _ATTACHED or part == "ی" for part in rest))
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
                if not (self.chain_piece(key[start:end]) or (end == size and key[start:end] == _AND)):
                    continue
                if not start:
                    ending[end].append((0, 1))
                    continue
                most = max(
                    (pieces for before, pieces in ending[start] if not self.spellings(key[before:end])), default=0
                )
                if most:
                    ending[end].append((start, min(3, most + 1)))
        return any(pieces == 3 and key[start:] not in _ATTACHED for start, pieces in ending[size])

    def chain_piece(self, word: str) -> bool:
        """A word that may be one of three or more run together (``pair_glued``): a word of running text of three
        letters or more, or a function word; not a comparative's ending, which is written joined or with a ZWNJ
        (بلندپروازانه\u200cتری)."""
        index = self.lm.ids.get(word, 0) if len(word) > 1 else 0
        count = self.lm.text_counts[index] if index else 0
        return (
            count >= PAIR_GLUED_TEXT
            and (len(word) > 2 or count >= FUNCTION_WORD_TEXT)
            and word not in _POSSESSIVES
            and word not in _BOUND
            and word not in _COMPARATIVES
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
            and rest not in _ATTACHED
            and rest not in _POSSESSIVES
            and not (first.endswith("ه") and rest.startswith(("ها", "ای")))
        )

    def silent_heh(self, word: str) -> bool:
        """True when the ه that ends ``word`` is silent (``heh_glued``): a past participle, a word whose indefinite
        running text writes with \u200cای, or a word of running text that the model spells with \u200cای or \u200cی."""
        lm = self.lm
        return (
            word[:-1] in self.past_stems
            or lm.text_count(word + ZWNJ + _INDEFINITE) > 0
            or (
                lm.text_count(word) >= GLUE_RARE_TEXT
                and (lm.is_word(word + ZWNJ + _INDEFINITE) or lm.is_word(word + ZWNJ + "ی"))
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
                and first not in _PREVERBS
                and first not in _PREFIX_LIKE
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
                and first not in _PREVERBS
                and not first.endswith(_PREVERBS)
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
                unit = _Unit(self.lm.words[rest], rest, 0.0)
                # After a plural, any word of running text of three letters or more (برگ\u200cهایپهن,
                # آموزه\u200cهایاسماعیلی): no ending of a plural but the possessives (read as suffixes above) begins
                # with one. Not after ای, which begins words (ضد\u200cایرانی).
                if self.glue_part(unit) or (suffix != _INDEFINITE and self.text_word(unit)):
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
        if any(key.startswith(preverb) and self.verb_form(key[len(preverb) :]) for preverb in _PREVERBS):
            return True
        if key.endswith("ست") and key[-3] in "اوی":
            stem = key[:-2]
            if stem.endswith("ها"):
                return lm.text_count(stem[:-2]) > 0
            # Not where the letters before the vowel are the commoner word (کوراست: کور است).
            return lm.text_count(stem) > max(0, lm.text_count(stem[:-1]))
        return False

    @cached_property
    def known_sorted(self) -> list[str]:
        """The attested spellings in order, for the lattice's search (``_build_lattice``); sorted on first need (0.1 s),
        which a text without a suspect stretch never has.

        Sorted from the model's words, in the model's order, and the spelling groups' other letters: the same list as
        ``sorted(known_letters)`` in a third of the time (strings met in the order they were made, close together in
        memory, compare faster than in a set's order, and two sorted runs merge in one pass)."""
        ids = self.lm.ids
        found = sorted(ids)
        found += sorted([letters for letters in self.groups if letters not in ids])
        found.sort()
        return found

    @cached_property
    def after_stem(self) -> frozenset[str]:
        """Every start of what an analysis may write after an attested stem: one ending, or a tail and a plural."""
        ends = {*_ANALYSIS_SUFFIXES, *self.tail_parts, *_LETTER_ENDINGS, *PLURALS}
        # The starts of one ending, and each ending followed by a start of one: the starts of every pair (one third of
        # the time, each start of a second ending made once, not once per ending it starts).
        starts = {written[:k] for written in ends for k in range(len(written) + 1)}
        seconds = [start for start in starts if start]
        every = set(starts)
        for first in ends:
            every.update(map(first.__add__, seconds))
        return frozenset(every)

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
            verdict = _verb_form(word, self.past_stems, self.present_stems)
            self.verb_cache.keep(word, verdict)
        return verdict

    def spellings(self, letters: str) -> tuple[int, ...]:
        """Model ids of the attested spellings of ``letters`` (normalised, no ZWNJ), most frequent first."""
        found = self.groups.get(letters)
        if found is not None:
            return found
        index = self.lm.ids.get(letters, 0)
        return (index,) if index else ()

    def glue_part(self, unit: _Unit) -> bool:
        """A unit that may be split off a glued word cheaply: a frequent free word of two letters or more, or و."""
        return (
            unit.index > 0
            and (len(unit.spelling) > 1 or unit.spelling == "و")
            and self.lm.text_counts[unit.index] >= GLUE_PART_TEXT
            and unit.spelling not in _BOUND
        )

    def glue_flags(self, unit: _Unit) -> int:
        """What a unit is as a piece of a glued word (``_cheap_split``): frequent, function word, word of text."""
        flags = 0
        if self.glue_part(unit):
            flags = _FREE | _ANCHOR if self.anchor(unit) else _FREE
        if self.text_word(unit):
            flags |= _TEXT | _RARE
        elif (
            unit.index > 0
            and len(unit.spelling) > 2
            and (self.lm.text_counts[unit.index] or self.listed_piece(unit))
            and unit.spelling not in _BOUND
        ):
            flags |= _RARE  # seen once in running text, or a word list's word of five letters or more
        if unit.spelling.endswith(_PLURAL_ENDS):
            flags |= _PLURAL
        return flags

    def anchor(self, unit: _Unit) -> bool:
        """A frequent piece (``glue_part``) that may be split off beside a rare word: three letters or more, و,
        or a function word."""
        return len(unit.spelling) > 2 or unit.spelling == "و" or self.lm.text_counts[unit.index] >= FUNCTION_WORD_TEXT

    def listed_piece(self, unit: _Unit) -> bool:
        """A word that only word lists know, of five letters or more and no verb form: in a text that shows glued
        words it may be carved out of an unknown word like a word of running text (رژیمی + استعماری)."""
        return unit.index > 0 and len(unit.spelling) > 4 and not self.verb_form(unit.spelling)

    def text_word(self, unit: _Unit) -> bool:
        """A word of running text (seen GLUE_RARE_TEXT times) of three letters or more, not a bound morpheme:
        glued to such a word or a frequent one (تبرئهو, کارنامهوی, سوالاتتکراری), it splits off cheaply."""
        return (
            unit.index > 0
            and len(unit.spelling) > 2
            and self.lm.text_counts[unit.index] >= GLUE_RARE_TEXT
            and unit.spelling not in _BOUND
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
        if self.lm.text_counts[index] <= RARE_GLUED_TEXT and self.glued_pair(key, index):
            return True  # a typo that running text has once or twice (درکنار, ویا): the pair is far commoner
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
        if key in _BOUND or key in _PREFIX_LIKE or key in self.tails:
            return False
        index = self.lm.ids.get(key, 0)
        return index > 0 and self.lm.text_counts[index] >= FREE_WORD_TEXT

    def new_pair_suspect(self, first: str, second: str) -> int:
        """True when two neighbours separated by a space may be one word (or ``_LET_GO``), as ``pair_verdicts`` says."""
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
        ``_LET_GO``, one per pair; False for the pairs at ``apart`` (the last word of a run and the first of the next).
        Most pairs are told apart by their joined letters alone.

        ``_judge_pair`` says True only for a first word ending in می, a second word that is a bound part, a tail,
        a one-letter ending or starts with ها, or letters that some spelling has; every other pair is not suspect.
        The pairs that may be are found by passes over all the words in C (``map``, set tests, substrings of
        ``runs``), so only they take a Python step each (about one pair in eight); their verdicts are remembered.
        """
        if len(words) < 2:
            return []
        keys = list(map(self.join_key_cache.get, words))
        if None in keys:
            for k in compress(range(len(words)), map(is_, keys, repeat(None))):
                # A word past MAX_WORD is in no judged pair: a space, which no spelling holds, stands for it.
                keys[k] = self.join_key(words[k]) if len(words[k]) <= MAX_WORD else " "
        joined = list(map(add, keys, islice(keys, 1, None)))
        pairs = range(len(joined))
        maybe = list(compress(pairs, map(self.known_letters.__contains__, joined)))
        if "می " in runs:
            maybe += compress(pairs, map(str.endswith, words, repeat("می")))
        if " ها" in runs:
            maybe += compress(pairs, map(str.startswith, islice(words, 1, None), repeat("ها")))
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
        if second in _BOUND or first in PREFIXES or second in self.tails:
            return True
        if first in _PREVERB_PREFIXES and self.verb_form(second):
            return True
        if first.endswith(PREFIXES) and not self.lm.is_word(first):
            return True  # a prefix glued to the wrong neighbour (ونمی توان)
        if second.startswith("ها") and not self.lm.is_word(second):
            # A plural suffix glued to the next word (تیم هاانجام): only before a frequent word, not
            # in a name (کریس هاگز).
            rest = self.lm.ids.get(second[3:] if second.startswith("های") else second[2:], 0)
            if rest and self.lm.text_counts[rest] >= GLUE_PART_TEXT:
                return True
        if second in _LETTER_ENDINGS:
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
                or (ZWNJ in first_key and first_key not in lm.ids and second_key not in _POSSESSIVES)
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
        # joined letters needs running text that it lacks (``_needs_text``: به صورت, این کار, استفاده شده): no reading
        # joins them, so the pair is no reason to look again by itself (``_LET_GO``).
        if ZWNJ not in joined and len(joined) == len(first) + len(second) and self.free(first) and self.free(second):
            across = [NONE] * (len(first) - 1) + [FREE_SPACE] + [NONE] * (len(second) - 1)
            units = _candidates(self, joined)
            if all(_needs_text(self, unit, across, 0, len(joined)) for unit in units):
                # Unless the text turned ZWNJs into spaces, where a compound needs less (خط مشی: ``_SPACED_ONLY``).
                if all(_needs_text(self, unit, across, 0, len(joined), True) for unit in units):
                    return _LET_GO
                return _SPACED_ONLY
        return True


# The verdict on a pair of free words that no reading joins (``_Lexicon._judge_pair``): no stretch of its own, but
# read with a neighbour that is read again, as a suspect pair is (a suffix may join all three: موافقت نامه ای).
_LET_GO = 2
# A pair suspect only in a text that shows ZWNJs turned to spaces (``_Signs.spaced``), else let go.
_SPACED_ONLY = 3


# A unit's flags as a piece of a glued word (``_Lexicon.glue_flags``): a frequent free word (``glue_part``), one
# that may be split off beside a rare word (``anchor``), a word of running text (``text_word``), a plural set off
# by ZWNJ, a word seen in running text at all (three letters or more); and, on a lattice edge, that the unit may
# be split off the word before it (a frequent piece, not و ending a word).
_FREE, _ANCHOR, _TEXT, _PLURAL, _SPLIT, _RARE = 1, 2, 4, 8, 16, 32


def _cheap_split(first: int, second: int) -> bool:
    """True when splitting an unexplained word between pieces with these flags is the glued damage (ازاین,
    دیسک\u200cهاینصب, کارنامهوی, سوالاتتکراری).

    Both pieces frequent, or a frequent piece after a plural set off by ZWNJ; or both words of running text; or
    one piece frequent and the other seen in running text at all. A frequent piece of two letters beside a rare
    word must be a function word (از, که, وی), not a fragment (ان, تم, فی).
    """
    if second & _SPLIT and first & (_FREE | _PLURAL):
        return True
    if first & _TEXT and second & _TEXT:
        return True
    return bool((first & _RARE and second & _SPLIT and second & _ANCHOR) or (first & _ANCHOR and second & _RARE))


# Word ends never carved off right after a vowel mark (``_vowel_before``), and the marks: tanwin, fatha, damma, kasra,
# shadda, sukun.
_MARKED_ENDS = (_RA, _AND)
_VOWEL_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")


def _vowel_before(word: str, ending: str) -> bool:
    """True when ``word`` ends in ``ending`` written plain, right after a letter with a vowel mark (کالِرا).

    >>> _vowel_before("کال\u0650را", "را"), _vowel_before("کالرا", "را")
    (True, False)
    """
    return len(word) > len(ending) + 1 and word.endswith(ending) and word[-len(ending) - 1] in _VOWEL_MARKS


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


# Personal endings after a past stem (کرد, کردم, کردند) and a present stem (کنم, کند, کنند; not ی:
# a present stem + ی is a noun, ذخیره\u200cسازی);
# ``ن`` makes the infinitive and ``ه`` the past participle (کردن, کرده).
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ن", "ه")
_PRESENT_ENDINGS = ("م", "د", "یم", "ید", "ند")


def _verb_form(word: str, past: frozenset[str], present: frozenset[str]) -> bool:
    word = word.removeprefix("نمی" + ZWNJ).removeprefix("می" + ZWNJ)
    if len(word) < 2:
        return False
    for ending in _PAST_ENDINGS:
        stem = word[: len(word) - len(ending)]
        if word.endswith(ending) and stem in past and (ending or len(stem) > 2):
            return True
    return any(word.endswith(e) and word[: -len(e)] in present for e in _PRESENT_ENDINGS)


_LEXICON: _Lexicon | None = None


def _lexicon() -> _Lexicon:
    global _LEXICON
    if _LEXICON is None:
        lm = model()
        # Its spelling tables come ready-built with the model (refused where they were built from another one).
        _LEXICON = _Lexicon(lm, load_tables(lm, _Lexicon.RECIPE))
    return _LEXICON


def _joins(letter: str) -> bool:
    return letter not in NON_JOINING


def _candidates(lex: _Lexicon, letters: str) -> list[_Unit]:
    """Spellings of ``letters`` (normalised, no ZWNJ) as one word: attested, or stem + bound morpheme."""
    units = lex.unit_cache.get(letters)
    if units is None:
        units = _find_candidates(lex, letters)
        lex.unit_cache.keep(letters, units)
    return units


def _silent_tail(lex: _Lexicon, stem: str) -> bool:
    """Whether ``stem`` (a rare compound) ends in a word whose ه running text shows silent: سفرنامه in
    نامه (نامه\u200cای), نمایشنامه too. Its ezafe written apart (سفرنامه ی) is then the compound's
    (سفرنامه\u200cی), not a reason to part it (سفر نامه\u200cی)."""
    lm = lex.lm
    return any(lm.text_count(stem[k:] + ZWNJ + "ای") for k in range(1, len(stem) - 2))


def _find_candidates(lex: _Lexicon, letters: str) -> list[_Unit]:
    lm = lex.lm
    ids = lex.spellings(letters)
    # A spelling with an alef ending after ی that only word lists hold (تی\u200cام: a name's letters) is analysed
    # like an unknown word instead: the ending must then follow a stem of running text (ایرانی\u200cایم). After a
    # consonant the ending takes no alef (کتابم, رفتند): such a spelling that only the lists hold is no reading
    # (اول\u200cاند for the name اولاند).
    # (Most pieces have no spelling and no analysis: the comprehensions are skipped where they would find nothing.)
    attested = (
        [
            _Unit(lm.words[i], i, 0.0)
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
    analyses: list[_Unit] = []
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
                glue = ZWNJ if _joins(compound.spelling[-1]) else NONE
                analyses.append(_Unit(compound.spelling + glue + ending, 0, compound.logprob - AFFIX_COST))
            continue
        if not stem_ids or (ending in PLURALS and stem in _BOUND and stem != _INDEFINITE):
            continue  # no plural of a bound morpheme (امها); for ای, see ``_build_lattice``
        if ending in _COMPARATIVES and len(stem) < 3:
            continue  # an adjective of two letters takes تر joined (کمتر, بهتر): پیتر is a name, not پی\u200cتر
        if is_tail:
            least = 1 if stem.endswith("ه") else TAIL_STEM_TEXT
            if lm.text_counts[stem_ids[0]] < least or stem in _DETERMINERS or stem in _JOINED_HEADS or stem in _BOUND:
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
        glue = ZWNJ if _joins(stem_word[-1]) else NONE
        if ending in _POSSESSIVES and not stem_word.endswith("ه"):
            glue = NONE  # کتابشان, پدرانشان; only after silent ه a ZWNJ (دلخواه\u200cتان)
        score = lm.unigram_logprob(stem_ids[0]) - AFFIX_COST - (TAIL_COST if is_tail else 0.0)
        analyses.append(_Unit(stem_word + glue + ending, 0, score))
    if letters[-1] in _LETTER_ENDINGS and len(letters) > 3 and not letters.endswith("هی"):
        # A known word and a one-letter ending written joined (نفاقی, سپرش): the inner space of a
        # broken word is closed only where such a reading exists.
        stem_ids = lex.spellings(letters[:-1])
        if stem_ids and lm.text_counts[stem_ids[0]] >= LETTER_STEM_TEXT and ZWNJ not in lm.words[stem_ids[0]]:
            analyses.append(_Unit(letters, 0, lm.unigram_logprob(stem_ids[0]) - AFFIX_COST - LETTER_COST))
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
                units.append(_Unit(prefix + ZWNJ + lm.words[rest_ids[0]], 0, score))
                break
            if len(rest) > 2 and lex.verb_form(rest):
                # می + a verb form on a known stem (میرسانند): as likely as an unseen word.
                units.append(_Unit(prefix + ZWNJ + rest, 0, lm.unknown_logprob))
                break
    if letters[:2] == _WITHOUT and not attested and len(letters) > len(_WITHOUT) + 2:
        # The prefix بی before a word of running text, an unseen compound (بیپرواز: بی\u200cپرواز), set off by ZWNJ as
        # the Academy writes it (``kept_ends`` in ``_build_lattice``: never by a space).
        rest_ids = lex.spellings(letters[len(_WITHOUT) :])
        if rest_ids and ZWNJ not in lm.words[rest_ids[0]] and lm.text_counts[rest_ids[0]] >= FREE_WORD_TEXT:
            score = lm.unigram_logprob(rest_ids[0]) - AFFIX_COST
            units.append(_Unit(_WITHOUT + ZWNJ + lm.words[rest_ids[0]], 0, score))
    if letters.startswith(_PREVERB_PREFIXES):
        prefix = next(prefix for prefix in _PREVERB_PREFIXES if letters.startswith(prefix))
        rest = letters[len(prefix) :]
        spelled = prefix + ZWNJ + rest
        if len(rest) > 1 and lex.verb_form(rest) and not any(unit.spelling == spelled for unit in units):
            units.append(_Unit(spelled, 0, lm.unknown_logprob))  # برمی + گشت: a prefixed verb
    return units


def _ezafe_after_heh(lex: _Lexicon, letters: str) -> _Unit | None:
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
        return _Unit(lm.words[stem_ids[0]] + ZWNJ + "ی", 0, lm.unigram_logprob(stem_ids[0]) - AFFIX_COST)
    return None


def _text_words(lex: _Lexicon, letters: str) -> bool:
    """True when ``letters`` are a known word, or two words of running text of three letters or more run together
    (بررسیکنید), not pieces cut to fit (بینو: بین and و).

    >>> _text_words(_lexicon(), "بررسیکنید"), _text_words(_lexicon(), "بینو")
    (True, False)
    """
    if lex.spellings(letters):
        return True
    lm = lex.lm
    return any(
        lm.text_count(letters[:cut]) >= GLUE_RARE_TEXT and lm.text_count(letters[cut:]) >= GLUE_RARE_TEXT
        for cut in range(3, len(letters) - 2)
    )


def _copula_unit(lex: _Lexicon, letters: str) -> _Unit | None:
    """A word in silent ه and است set off by ZWNJ, where ``letters`` are the two run together; else None.

    The ه is silent in a past participle (شده, پرداخته) or where running text writes the word's indefinite as
    \u200cای (نقطه\u200cای); a sounded ه (پادشاه, راه) takes است after a space.

    >>> _copula_unit(_lexicon(), "پرداختهاست").spelling == "پرداخته\u200cاست"
    True
    >>> _copula_unit(_lexicon(), "پادشاهاست") is None
    True
    """
    stem = letters[: -len(_COPULA)]
    if len(stem) < 3 or not letters.endswith(_HEH_COPULA):
        return None
    stem_ids = lex.spellings(stem)
    if not stem_ids or not lex.lm.text_counts[stem_ids[0]]:
        return None
    word = lex.lm.words[stem_ids[0]]
    head = word.rpartition(ZWNJ)[2]
    if not word.endswith("ه") or not (head[:-1] in lex.past_stems or lex.lm.text_count(word + ZWNJ + "ای")):
        return None
    return _Unit(word + ZWNJ + _COPULA, 0, lex.lm.unigram_logprob(stem_ids[0]) - AFFIX_COST)


# The plural suffixes that an unknown word run together with one may end in (``_unknown_plural``), longest first.
_PLURAL_ENDS_JOINED = ("هایی", "های", "ها")


def _unknown_plural(lex: _Lexicon, letters: str) -> _Unit | None:
    """A word the model does not know and a plural suffix run together (آکسونها): the two set off by ZWNJ, as likely
    as the word alone; None where the letters before the suffix are a known word (then the model reads them), or
    where the letters up to ها are (اشتهای: اشتها and ی, not اشت\u200cهای), where the word is a function word
    glued to a word of running text (ازمسکنهایی: از مسکن\u200cهایی), or where the letters are a prefix or a compound
    head joined to a word (``prefixed``: غیرنهایی is غیر and نهایی, not the non-word غیرن cut off a plural).

    >>> _unknown_plural(_lexicon(), "آکسونها").spelling == "آکسون\u200cها"
    True
    >>> _unknown_plural(_lexicon(), "اشتهای") is None
    True
    >>> _unknown_plural(_lexicon(), "غیرنهایی") is None
    True
    """
    if lex.prefixed(letters):
        return None
    for suffix in _PLURAL_ENDS_JOINED:
        stem = letters[: -len(suffix)]
        if (
            letters.endswith(suffix)
            and len(stem) > 2
            and _joins(stem[-1])
            and not lex.spellings(stem)
            and not lex.spellings(letters[: len(stem) + 2])
            and not any(
                lex.lm.text_count(stem[:cut]) >= FUNCTION_WORD_TEXT and lex.lm.text_count(stem[cut:])
                for cut in range(1, len(stem) - 1)
            )
        ):
            return _Unit(stem + ZWNJ + suffix, 0, lex.unknown_logprob(stem))
    return None


def _listed_plural_rival(lex: _Lexicon, letters: str, ids: tuple[int, ...]) -> _Unit | None:
    """The plural of a word of running text (نبردهای: نبرد + های) where the letters' only spellings come from word lists
    and read a past participle with the copula ای (نبرده\u200cای, «you have not taken»): the plural is a reading too,
    not crowded out by the verb that running text never writes."""
    lm = lex.lm
    stem = letters[: -len(PLURAL_HAY)]
    # Only after a letter that does not join, where the plural is written as the letters stand: a stem in ت would
    # take a ZWNJ, and a negated verb (نگفت\u200cهای) would be read as a plural.
    if not letters.endswith(PLURAL_HAY) or len(stem) < 2 or _joins(stem[-1]) or any(lm.text_counts[i] for i in ids):
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
    return _Unit(letters, 0, lm.unigram_logprob(stem_ids[0]) - AFFIX_COST)


def _tail_compound(lex: _Lexicon, letters: str) -> _Unit | None:
    """The likeliest analysis of unseen letters as a known word and a tail set off by ZWNJ (چک\u200cکننده), if any."""
    for unit in _candidates(lex, letters):
        if not unit.index and unit.spelling.rpartition(ZWNJ)[2] in lex.tail_parts:
            return unit
    return None


# Prepositions and را end no word: running text that sets them off by ZWNJ (سال\u200cبه from سال\u200cبه\u200cسال,
# آن\u200cرا) typed a ZWNJ for a space, and such a spelling is no reading of the letters.
_LOOSE_ENDS = frozenset({"به", "با", "از", "برای", "را"})


def _superlative(lex: _Lexicon, letters: str, attested: list[_Unit]) -> _Unit | None:
    """The Academy's spelling of a superlative that running text only writes joined (جوانترین → جوان\u200cترین),
    as likely as the joined word; None for other letters and for بهترین, بیشترین, کمترین, written joined."""
    stem = letters[: -len(SUPERLATIVE)] if letters.endswith(SUPERLATIVE) else ""
    if len(stem) < 2 or stem in _JOINED_COMPARATIVES or not _joins(stem[-1]) or len(attested) != 1:
        return None
    if ZWNJ in attested[0].spelling or lex.lm.text_count(stem) < LETTER_STEM_TEXT:
        return None
    return _Unit(stem + ZWNJ + SUPERLATIVE, 0, lex.lm.unigram_logprob(attested[0].index))


def _listed_prefixed(lex: _Lexicon, spelling: str) -> bool:
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
        return not any(lex.lm.text_count(head + ZWNJ + rest[:-1] + ending) for ending in _PRESENT_ENDINGS)
    return True


def _listed_ending(spelling: str) -> bool:
    """A spelling of a stem not in ه and an alef ending set off by ZWNJ (تی\u200cام, اول\u200cاند; not خانه\u200cام)."""
    stem, _, ending = spelling.rpartition(ZWNJ)
    return ending in _AFTER_VOWEL and not stem.endswith("ه")


def _set_off_possessive(spelling: str) -> bool:
    """A possessive set off by ZWNJ after a letter other than silent ه (دست\u200cشان; the Academy joins it: دستشان)."""
    stem, _, ending = spelling.rpartition(ZWNJ)
    return ending in _POSSESSIVES and bool(stem) and not stem.endswith("ه")


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


@dataclass(slots=True)
class _State:
    score: float
    cost: float
    unit: _Unit | None
    back: _State | None
    start: int
    flags: int  # the unit's glue flags, where a glued split may follow it


# The plural with the ezafe (رابط\u200cهای) links its word to the next one, and را or است never is that next word:
# running text writes X\u200cهای before را 3 times in 9,168 plurals in های, where the indefinite (رابطه\u200cای) comes
# before را 49 times in 1,663 and before است 73 times (X\u200cهای: twice). A reading that puts one before them pays
# about that ratio, which the model's back-off for an unseen pair does not know.
_PLURAL_EZAFE = ZWNJ + PLURAL_HAY
_NOT_AFTER_EZAFE = frozenset({_RA, _COPULA})
EZAFE_END_COST = 3.0


def _score(lm: LanguageModel, lex: _Lexicon, prev: _Unit | None, unit: _Unit) -> float:
    if unit.index:
        first = prev.index if prev is not None and prev.index else (0 if prev is None else -1)
        if first > 0 and first in lex.alias:
            first = lex.alias[first][0]
        index, score = lex.alias.get(unit.index, (unit.index, 0.0))
        found = lex.conditional_cache.get((first, index))
        if found is None:
            found = lm._conditional(first, index)
            lex.conditional_cache.keep((first, index), found)
        score += found
        if prev is not None and prev.unknown:
            score -= AFTER_UNKNOWN
        if prev is not None and unit.spelling in _NEVER_ALONE:
            score -= ALONE_COST
        if prev is not None and unit.spelling in _NOT_AFTER_EZAFE and prev.spelling.endswith(_PLURAL_EZAFE):
            score -= EZAFE_END_COST
        return score
    return unit.logprob


@dataclass(slots=True)
class _Window:
    """The context-free part of a stretch of words: its letters, input separators and reading lattice."""

    letters: list[str]  # the letters as written (marks and ZWNJ left out)
    offsets: list[int]  # each letter's offset from the stretch's first letter in the text
    original: list[str]  # the input's separator label after each letter but the last
    tokens: list[tuple[int, int, str]]  # the input words as (first letter, end letter, spelling)
    text_letters: str  # the letters normalised
    glued: bool  # the text shows glued words: unknown words are scored as likelier glued
    lost: bool = False  # the text shows lost ZWNJs: some run-together words lost one too (``_build_lattice``)
    # The text shows words torn by spaces (``_Signs.torn``): a space between two free words is closed as cheaply as any
    # space where running text writes the joined word far more often than the pair (پیش نهاد: پیشنهاد).
    torn: bool = False
    # The text shows ZWNJs turned to spaces (``_Signs.spaced``): a space may be a lost ZWNJ (``_needs_text``).
    spaced: bool = False
    lattice: list[list[tuple[int, _Unit, float, int]] | None] | None = None
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

    first: list[tuple[_Unit, float]]
    last: list[_Unit]
    inner: list[list[float]]


def _prepare(
    lex: _Lexicon,
    window: list[str],
    keep: bool,
    glued: bool,
    lost: bool = False,
    torn: bool = False,
    spaced: bool = False,
) -> _Window | None:
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
            if ch in _MARK_SET:
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
    return _Window(letters, offsets, original, tokens, text_letters, glued, lost, torn, spaced)


def _build_lattice(lex: _Lexicon, window: _Window) -> None:
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
                and not _candidates(lex, letters[start:end])
                and not lex.prefixed(letters[start:end], window.glued)
                and not (one_word or (window.glued and lex.one_word(letters[start:end])))
            )
        ):
            inside_unexplained[start + 1 : end] = [True] * (end - start - 1)
    token_ends = {end for _start, end, _word in tokens}
    # A word the model does not know and a plural suffix the input wrote apart after it (آزتک ها, ترموپلاستیک ها): the
    # suffix is never a word, and the space before it marks where the word ended, so the two are also read as one word,
    # the suffix set off by ZWNJ (آزتک\u200cها), beside readings that carve the word into known words (آز تک\u200cها,
    # ترم و پلاستیک\u200cها), in a text without glued words.
    unknown_plurals: dict[tuple[int, int], _Unit] = {}
    if not window.glued:
        for (start, end, word), (_, plural_end, plural) in pairwise(tokens):
            if (
                plural in PLURALS
                and end - start > 2
                and ZWNJ not in word
                and not lex.index(word)
                and original[end - 1] in (SPACE, FREE_SPACE)
            ):
                glue = ZWNJ if _joins(letters[end - 1]) else NONE
                unit = _unit_for(lex, word, False)
                score = unit.logprob - UNKNOWN_PLURAL_COST
                unknown_plurals[start, plural_end] = _Unit(unit.spelling + glue + plural, 0, score)
    # A word torn by an extractor's space next to the author's ZWNJ (ع ربی\u200cزده, طرح\u200cنام ه): a piece that is
    # no word and the part of its neighbour across the space make a word of running text, so the two input words are
    # also read as one (عربی\u200cزده), the ZWNJ kept, even where the whole compound is unseen (no unit has it).
    torn: dict[tuple[int, int], _Unit] = {}
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
    # (رابررسیکنید: را بررسی کنید) is still split off (``_text_words``).
    kept_ends.update(
        (start, start + len(_RA))
        for start, end, word in tokens
        if not window.glued
        and end - start > len(_RA) + 1
        and letters[start:end].startswith(_RA)
        and not lex.index(word)
        and not _text_words(lex, letters[start + len(_RA) : end])
    )
    # The prefix بی is set off by ZWNJ (بی\u200cطرفی) or joined (بیهوده), never by a space: run together with the
    # letters after it (بیطرفی), it is not carved off as a word of its own.
    without = letters.find(_WITHOUT)
    while without >= 0:
        if without + 2 < n and original[without + 1] in (NONE, KNOWN_NONE):
            kept_ends[without] = without + 2
        without = letters.find(_WITHOUT, without + 1)
    # In a text that shows lost ZWNJs (``shows_loss``: شدهاست is such a sign itself, running text writing شده\u200cاست)
    # and no glued words, some input words lost a ZWNJ, not a space, and are also read with it (by where they start):
    # است run together with a word in silent ه (شدهاست: شده\u200cاست, ``_copula_unit``; است is never carved off as a
    # word there), and an unknown word and a plural suffix (آکسونها).
    lost_zwnj: dict[int, _Unit] = {}
    if window.lost and not window.glued:
        for start, end, word in tokens:
            found = _copula_unit(lex, letters[start:end]) if ZWNJ not in word else None
            if found is not None:
                lost_zwnj[start] = found
                kept_ends[end - len(_COPULA)] = end
            elif ZWNJ not in word and not lex.index(word):
                joined_plural = _unknown_plural(lex, letters[start:end])
                if joined_plural is not None:
                    lost_zwnj[start] = joined_plural
    unit_cache = lex.unit_cache
    shapes = lex.shape_cache
    plain = tuple(map(_PLAIN.get, original, original))
    reachable = [False] * (n + 1)
    reachable[0] = True
    lattice: list[list[tuple[int, _Unit, float, int]] | None] = [None] * n
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
    # The furthest end of a unit the input supplies itself, by its start (see the search below).
    supplied_from: dict[int, int] = {}
    for start, end in chain(torn, unknown_plurals):
        supplied_from[start] = max(end, supplied_from.get(start, -1))
    known_letters, known_sorted, after_stem = lex.known_letters, lex.known_sorted, lex.after_stem
    for i in range(n):
        if not reachable[i]:
            continue
        # The boundary before position i is a space in this reading (i > 0).
        entry = 0.0 if i == 0 else EDIT_COST.get((original[i - 1], SPACE), 0.0)
        glued = glued_at[i]
        edges: list[tuple[int, _Unit, float, int]] = []
        token_end = token_end_at.get(i, -1)
        # What depends on the start alone, read once for the pieces that start here.
        kept_end = kept_ends.get(i, -1)
        tail_end = whole_tail.get(i, -1)
        unknown_here = unknown_token[i]
        one_word_here = one_word_token[i]
        kept_span = kept_word.get(i)
        # Every reading of a piece is an attested spelling, one with endings after it, or a prefix before
        # one (``_find_candidates``): a piece that begins none of these, and no longer piece from i either,
        # has no reading, and past the units the input supplies itself the search from i stops.
        supplied = max(token_end, supplied_from.get(i, -1))
        # Found once the pieces from i begin no attested spelling: where an attested spelling from i (or from i
        # after a prefix) ends, and where a prefix from i ends.
        stems: list[int] | None = None
        prefixes: list[int] = []
        for j in range(i + 1, min(n, i + MAX_UNIT) + 1):
            piece = letters[i:j]
            units = unit_cache.get(piece)
            if units is None:
                units = _candidates(lex, piece)
            if stems is not None:
                stems.extend(j for k in prefixes if letters[k:j] in known_letters)
            if not units and j > supplied:
                if stems is None:
                    if _begins_known(known_sorted, piece):
                        continue
                    stems, prefixes = _stems(lex, letters, i, j)
                if not (
                    any(letters[k:j] in after_stem for k in stems)
                    or any(_begins_known(known_sorted, letters[k:j]) for k in prefixes)
                ):
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
            carved = unknown_here is not None and unknown_here == unknown_token[j - 1] != (i, j)
            one_word_carved = one_word_here is not None and one_word_here == one_word_token[j - 1] != (i, j)
            if prefix_before_verb.get(j, -1) > i:
                continue
            if kept_end == j or tail_end == j:
                continue
            # The input space a unit would run the function word into (``kept_word``).
            run_into = kept_span[0] - 1 - i if kept_span is not None and kept_span[0] < j < kept_span[1] else -1
            # The input's separators inside the piece: only a piece across a space may need text (``_needs_text``)
            written = plain[i : j - 1]
            spaced = SPACE in written
            for unit in units:
                if not unit.index:
                    if unit.spelling.startswith(_INDEFINITE_PLURAL) and (i == 0 or letters[i - 1] != "ه"):
                        # ای with a plural is the ending of a word in silent ه written apart (غیربرره ای\u200cها), not a
                        # word of its own: ایها after another word is the Arabic يا أيها, not ای\u200cها.
                        continue
                    if carved or (
                        unit.spelling.endswith(_EZAFE_AFTER_HEH)
                        and original[j - 2] not in (SPACE, FREE_SPACE, JOIN, KEPT_JOIN)
                        and not lm.text_count(unit.spelling[:-1] + "ای")
                    ):
                        continue  # تنبیهی: a ه not known to be silent takes ی joined, unless the input set it apart
                elif not lm.text_counts[unit.index] and ((carved and not lex.listed_piece(unit)) or one_word_carved):
                    continue
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
                    and _spaced_compound(unit.spelling)
                    and (unit.index or _listed_with_ending(lex, unit.spelling))
                ):
                    # A text that turned its ZWNJs into spaces: a free space may be a compound's lost ZWNJ.
                    cost -= SPACED_JOIN_DISCOUNT * original[i : j - 1].count(FREE_SPACE)
                if spaced and _needs_text(lex, unit, original, i, j, window.spaced):
                    continue
                flags = lex.glue_flags(unit) if glued or (j < n and glued_at[j]) else 0
                # و or یک split off the end of a word is more often its ending (گرمیو, امتیک: the -ic of loanwords)
                # than a word, unless the text shows glued words or و follows ه (تبرئهو: ``heh_glued``).
                if (
                    glued
                    and flags & _FREE
                    and not (
                        unit.spelling in _WORD_ENDS
                        and j in token_ends
                        and not window.glued
                        and letters[i - 1 : i + 1] != _HEH_AND
                    )
                ):
                    flags |= _SPLIT
                edges.append((j, unit, cost, flags))
                reachable[j] = True
        lattice[i] = edges
    window.lattice = lattice
    window.glued_at = glued_at


_PREFIX_SET = frozenset(PREFIXES)


def _begins_known(known_sorted: list[str], piece: str) -> bool:
    """True when some attested spelling (``_Lexicon.known_sorted``) begins with ``piece``."""
    at = bisect_left(known_sorted, piece)
    return at < len(known_sorted) and known_sorted[at].startswith(piece)


def _stems(lex: _Lexicon, letters: str, i: int, j: int) -> tuple[list[int], list[int]]:
    """Where an attested spelling from ``i`` ends before ``j`` or at it (from ``i`` or after a prefix from ``i``),
    and where a prefix from ``i`` ends."""
    known = lex.known_letters
    stems = [k for k in range(i + 1, j + 1) if letters[i:k] in known]
    prefixes = [k for k in range(i + 1, j + 1) if letters[i:k] in _PREFIX_SET]
    stems += [end for k in prefixes for end in range(k + 1, j + 1) if letters[k:end] in known]
    return stems, prefixes


def _middle_piece_cost(original: list[str], i: int, j: int) -> float:
    """``MIDDLE_PIECE_COST`` where letters ``i`` to ``j`` are a short piece carved out of letters run together on both
    sides (the و of آنوکسی read as آن و کسی), else nothing."""
    if (
        i > 0
        and j <= len(original)
        and j - i <= MIDDLE_PIECE_LETTERS
        and original[i - 1] in _RUN_TOGETHER
        and original[j - 1] in _RUN_TOGETHER
    ):
        return MIDDLE_PIECE_COST
    return 0.0


def _function_pair(lex: _Lexicon, first: str, second: str) -> bool:
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


def _torn_pair(lex: _Lexicon, unit: _Unit, original: list[str], i: int, j: int) -> bool:
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
    lex: _Lexicon, letters: str, original: list[str], start: int, end: int, space: int, glued: bool
) -> _Unit | None:
    """Two input words from ``start`` to ``end``, the space before letter ``space`` closed, as one unseen word with the
    author's ZWNJs (``torn`` in ``_build_lattice``); None unless a part beside the space is no word (a lone letter
    other than و, or letters the model does not know) and the parts across the space make a word of running text."""
    lm = lex.lm
    left_start = max([start, *(k + 1 for k in range(start, space - 1) if original[k] in (JOIN, KEPT_JOIN))])
    right_end = min([end, *(k + 1 for k in range(space, end - 1) if original[k] in (JOIN, KEPT_JOIN))])
    left, right = letters[left_start:space], letters[space:right_end]
    if all(lm.ids.get(part, 0) and (len(part) > 1 or part == _AND) for part in (left, right)):
        return None
    if lm.text_count(left + right) < GLUE_RARE_TEXT:
        return None
    spelling = "".join(
        letters[k] + (ZWNJ if k < end - 1 and original[k] in (JOIN, KEPT_JOIN) else "") for k in range(start, end)
    )
    if spelling in lm.ids:
        return None  # an attested spelling: a candidate of the letters already
    return _Unit(spelling, 0, lex.unknown_logprob(spelling, glued))


def _segment(
    lex: _Lexicon,
    window: _Window,
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
    window.segmented += 1
    if window.segmented > BOUND_AFTER:
        # A stretch seen again in other words (به عنوان, 100 times a megabyte): most often no reading can beat
        # the input's by the margin in this context either, and the bound tells so without the beam.
        if window.bound is None:
            window.bound = _bound(lex, window)
        if (
            _best_possible(lex, window.bound, start_unit, after, window.glued)
            - _original_score(lex, window.tokens, start_unit, after, window.glued)
            < MARGIN - BOUND_SLACK
        ):
            return None
    beams: list[list[_State]] = [[] for _ in range(n + 1)]
    beams[0].append(_State(0.0, 0.0, start_unit, None, 0, 0))
    for i in range(n):
        if not beams[i]:
            continue
        edges = lattice[i]
        assert edges is not None
        glued = glued_at[i]
        for j, unit, cost, flags in edges:
            for state in beams[i]:
                paid = cost
                if (
                    glued
                    and state.unit is not None
                    and (
                        _cheap_split(state.flags, flags)
                        # ... or running text has the two words side by side (نماز عصر).
                        or (
                            unit.index and state.unit.index and lm.pair_count(state.unit.index, unit.index) >= GLUE_PAIR
                        )
                    )
                ):
                    paid -= GLUE_SPLIT_DISCOUNT
                total = state.score + _score(lm, lex, state.unit, unit) - paid
                beams[j].append(_State(total, state.cost + paid, unit, state, i, flags))
        # Only this step's targets can hold more than the beam: the others were cut when last filled.
        for j in {edge[0] for edge in edges}:
            if len(beams[j]) > BEAM:
                beams[j].sort(key=lambda s: -s.score)
                del beams[j][BEAM:]
    finals = beams[n]
    if not finals:
        return None
    if after:
        tail = _unit_for(lex, after, window.glued)
        for state in finals:
            state.score += _score(lm, lex, state.unit, tail)
    best = max(finals, key=lambda s: s.score)
    separators = [SPACE] * (n - 1)
    node: _State | None = best
    while node is not None and node.unit is not None and node.back is not None:
        for k, sep in enumerate(lex.shape(node.unit.spelling)[0]):
            separators[node.start + k] = sep
        node = node.back
    if separators == [_PLAIN.get(sep, sep) for sep in original]:
        return None
    reference = _original_score(lex, window.tokens, start_unit, after, window.glued)
    gain = best.score - reference
    if gain < MARGIN:
        return None
    return separators, gain


def _bound(lex: _Lexicon, window: _Window) -> _Bound:
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
    incoming: list[list[tuple[_Unit, int]]] = [[] for _ in range(n + 1)]
    for edges in lattice:
        for j, unit, _cost, flags in edges or ():
            incoming[j].append((unit, flags))
    # Each edge from a position after the first, with its best score after any unit that ends where it starts;
    # and the edges that end the stretch: their unit, start, and that best score, or their place among the first
    # edges where they start the stretch too.
    best_step: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    last: list[_Unit] = []
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
                    top = max(top, _score(lm, lex, previous, unit) - paid)
                best_step[i].append((j, top))
            if j == n:
                last.append(unit)
                last_at.append(i)
                last_step.append(top if i > 0 else k)
    first: list[tuple[_Unit, float]] = []
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


def _best_possible(lex: _Lexicon, bound: _Bound, start: _Unit | None, after: str | None, glued: bool) -> float:
    """At least the score of every reading of a stretch between these neighbours (``_bound``)."""
    lm = lex.lm
    if after:
        tail = _unit_for(lex, after, glued)
        ends = [_score(lm, lex, unit, tail) for unit in bound.last]
    else:
        ends = [0.0] * len(bound.last)
    best = -math.inf
    for (unit, cost), row in zip(bound.first, bound.inner, strict=True):
        head = _score(lm, lex, start, unit) - cost
        for middle, end in zip(row, ends, strict=True):
            if head + middle + end > best:
                best = head + middle + end
    return best


def _unit_for(lex: _Lexicon, word: str, glued: bool) -> _Unit:
    """The unit of an input word as written. Where the text shows glued words, a word that only word lists
    know and that is itself two frequent words glued (درسال, ازیک) is scored as an unknown word."""
    found = lex.input_unit_cache.get((word, glued))
    if found is None:
        key = lex.key(word)
        index = lex.lm.ids.get(key, 0)
        if glued and index and lex.shows_glue(word):
            index = 0
        found = _Unit(key.replace(HAMZA_ABOVE, ""), index, lex.unknown_logprob(key, glued), not index)
        lex.input_unit_cache.keep((word, glued), found)
    return found


def _inner_cost(lex: _Lexicon, spelling: str, original: list[str], start: int) -> float:
    cost = 0.0
    seps, joins = lex.shape(spelling)
    if start + len(seps) > len(original):
        return math.inf
    # The cheap respelling is for one input word only (آنها), not one that also eats a space (ساله ای).
    inside = original[start : start + len(seps)]
    if SPACE not in inside and FREE_SPACE not in inside:
        for k, sep in enumerate(seps):
            was = inside[k]
            if _PLAIN.get(was, was) != sep:
                if was in (KNOWN_NONE, NONE) and k in joins:
                    cost += AFFIX_JOIN_COST  # آنها → آن\u200cها: the Academy's spelling of a bound suffix
                else:
                    cost += EDIT_COST[was, sep]
        return cost
    closed = opened = -2
    for k, sep in enumerate(seps):
        was = inside[k]
        if _PLAIN.get(was, was) != sep:
            cost += EDIT_COST[was, sep]
            if sep == NONE:
                closed = k
            elif was in (NONE, KNOWN_NONE, AFTER_HEH):
                opened = k
    if closed >= 0 and opened >= 0 and abs(closed - opened) == 1:
        cost += SHIFT_COST  # رابطه ای → رابط\u200cهای: the input's space moved by a letter
    return cost


def _affix_joins(spelling: str, tails: frozenset[str] = frozenset()) -> tuple[int, ...]:
    """Letter positions of a spelling whose ZWNJ sets off ``می``/``نمی``, a plural suffix, ``تر``/``ترین`` or one
    of ``tails`` (the model's tails and joined tails, شناسی in زبان\u200cشناسی)."""
    parts = spelling.split(ZWNJ)
    found: list[int] = []
    position = -1
    for index, part in enumerate(parts[:-1]):
        position += len(part)
        following = parts[index + 1]
        if (
            (index == 0 and part in PREFIXES)
            or following in PLURALS
            or following in _COMPARATIVES
            or following in tails
        ):
            found.append(position)
    return tuple(found)


def _needs_text(lex: _Lexicon, unit: _Unit, original: list[str], i: int, j: int, spaced: bool = False) -> bool:
    """True when a unit joins free words across an input space without running-text evidence."""
    inside = original[i : j - 1]
    if SPACE not in inside and FREE_SPACE not in inside:
        return False
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
    if len(parts) > 1 and parts[0] not in _PREFIX_LIKE and FREE_SPACE in original[i : i + len(parts[0]) - 1]:
        # A compound of free words and a suffix (هارد دیسک ها): the suffix is no evidence for joining the compound,
        # which needs the text that it needs alone (هارد دیسک\u200cها stays, as هارد دیسک does).
        stem = lex.lm.ids.get(parts[0], 0)
        if stem and _needs_text(lex, _Unit(parts[0], stem, 0.0), original, i, i + len(parts[0])):
            return True
    if any(piece in _DIRECTION_ADJECTIVES for piece in pieces[1:]):
        return True  # کره شمالی: a noun and its adjective, not کره\u200cشمالی
    if (
        not unit.index
        and len(parts) > 1
        and parts[1] in _NOUN_TAILS
        and original[i + len(parts[0]) - 1] in (SPACE, FREE_SPACE)
    ):
        return True  # نوک بینی, دوران گذار: a noun after a space, unless the model knows the compound
    if _joins_verb(lex, unit.spelling, original, i):
        return True
    if parts[0] in _PREFIX_LIKE or any(part in _BOUND or part in lex.tails for part in parts):
        return False
    if len(parts) > 1 and original[j - len(parts[-1]) - 1] in (SPACE, FREE_SPACE) and lex.verb_form(parts[-1]):
        return True  # a compound verb: written apart
    if len(pieces) == 2 and "و" in pieces and len(pieces[0]) == len(pieces[1]) == 1:
        return True  # a letter and و (ویتامین\u200cهای ک و سی): two words, not کو
    if all(
        (piece in PLURALS or piece in _COMPARATIVES) and not _joins(before[-1]) for before, piece in pairwise(pieces)
    ):
        # A plural or comparative after a letter that does not join: دیوار ها is دیوارها, دور تر is دورتر.
        return False
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
    spaced = spaced and _spaced_compound(unit.spelling)
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


def _listed_with_ending(lex: _Lexicon, spelling: str) -> bool:
    """True when a spelling is a listed word, a ZWNJ and a plural or the indefinite ای (تعیین\u200cکننده\u200cای)."""
    stem, _, ending = spelling.rpartition(ZWNJ)
    return (ending in PLURALS or ending == _INDEFINITE) and stem in lex.lm.ids


def _spaced_compound(spelling: str) -> bool:
    """True when a ZWNJ spelling may be read across the spaces of a text that turned its ZWNJs into spaces: not
    after به (its own rule, ``_after_preposition_to``) nor after a determiner, which begins a phrase (در این باره,
    همان گونه), not a compound."""
    return ZWNJ in spelling and spelling.partition(ZWNJ)[0] not in _SPACED_NOT_FIRST


def _joins_verb(lex: _Lexicon, spelling: str, original: list[str], i: int) -> bool:
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
            or last in _PREFIX_LIKE
            or max(lm.text_count(head), lm.text_count(last)) < FREE_WORD_TEXT
            or not (lex.verb_form(tail) or (tail[0] == _NOT and lex.verb_form(tail[1:])))
        ):
            continue
        joined = lm.text_count(head + ZWNJ + tail) + lm.text_count(head + tail)
        if joined < MIN_COMPOUND_TEXT or lm.bigram_count(head, tail) >= joined:
            return True
    return False


def _phrase_inside(lex: _Lexicon, letters: str, original: list[str], i: int) -> bool:
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


def _original_score(
    lex: _Lexicon,
    tokens: list[tuple[int, int, str]],
    start_unit: _Unit | None,
    after: str | None,
    glued: bool,
) -> float:
    lm = lex.lm
    prev = start_unit
    total = 0.0
    for _start, _end, word in tokens:
        unit = _unit_for(lex, word, glued)
        total += _score(lm, lex, prev, unit)
        prev = unit
    if after and prev is not None:
        total += _score(lm, lex, prev, _unit_for(lex, after, glued))
    return total


def _confidence(gain: float) -> float:
    return round(min(0.99, 1.0 / (1.0 + math.exp(-gain / 2.0))), 3)


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

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts: dict[str, int] | None = None
        self.verdicts: dict[str, bool] = {}
        self.set_off: dict[str, bool] = {}
        self.zwnj_count: int | None = None

    def joined_only(self, lex: _Lexicon, word: str) -> bool:
        verdict = self.verdicts.get(word)
        if verdict is None:
            if self.counts is None:
                # Only a text that writes ZWNJs somewhere shows a choice (with all of them lost, آنها says nothing).
                self.counts = {}
                if self.text.count(ZWNJ) >= OWN_JOINED_TIMES:
                    for found in _WORD_ONLY.findall(self.text):
                        self.counts[found] = self.counts.get(found, 0) + 1
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


@dataclass(frozen=True, slots=True)
class _Signs:
    loss: _Sign  # the text lost ZWNJs (میشود, گروههای)
    glue: _Sign  # the text lost spaces (ازیک, استکه)
    usage: _Usage  # how the text writes its commonly joined words
    spaced: _Sign  # the text has ZWNJs turned to spaces: an affix standing alone (می شود, گروه ها)
    torn: _Sign  # the text has words torn by spaces: lone letters (ف راهم, منب ع)
    # The text writes no ZWNJ at all: with ``spaced``, it lost every ZWNJ to a space, a compound's too (خط مشی).
    zwnj_free: bool = False
    # The text holds ``LOST_PAIR_SIGNS`` words that lost a ZWNJ (``_lost_zwnj_pair``).
    lost_often: _Sign | None = None

    def lost_all(self) -> bool:
        """True when the text lost every ZWNJ and no space: none written, none turned to a space, no glued word."""
        return self.zwnj_free and bool(self.lost_often) and not (self.glue or self.spaced)

    def all_spaced(self) -> bool:
        return self.zwnj_free and bool(self.spaced)


_WORD_ONLY = re.compile(_WORD)


# A letter standing alone as a word: a piece of a word torn by a space (ک ردن, منب ع), unless ``_NOT_TORN``.
_LONE_LETTER = re.compile(
    f"(?<![{ARABIC_LETTER_CLASS}{_MARK_CLASS}{ZWNJ}])[{ARABIC_LETTER_CLASS}](?![{ARABIC_LETTER_CLASS}{_MARK_CLASS}{ZWNJ}])"
)


def _torn_piece(letter: str) -> bool:
    """A lone letter (``_LONE_LETTER``) that shows a torn word: not the conjunction و, nor ی, which also stands alone
    where a ZWNJ before it turned into a space (نامه ی)."""
    return letter not in _NOT_TORN


def _fix_run(
    lex: _Lexicon,
    run: str,
    offset: int,
    words: list[str],
    flagged: list[bool],
    pairs: list[int],
    changes: list[Change],
    signs: _Signs,
) -> None:
    """Re-segment the stretches of a run (``words``, at ``offset`` in the text) around its flagged words and suspect
    pairs (``_Lexicon.word_verdicts``, ``_Lexicon.pair_verdicts``)."""
    count = len(words)
    if _SPACED_ONLY in pairs:
        said = True if signs.all_spaced() else _LET_GO
        pairs = [said if verdict == _SPACED_ONLY else verdict for verdict in pairs]
    if True in pairs:
        for k, said in enumerate(pairs):
            if said is True:
                flagged[k] = flagged[k + 1] = True
    if _LET_GO in pairs and True in flagged:
        # A chain of words joined by let-go pairs is flagged where one of them or a word beside the chain is (the
        # stretch there is as if the pairs were suspect); only a chain on its own is not read again.
        chains: list[list[int]] = []
        for k, said in enumerate(pairs):
            if said == _LET_GO:
                if chains and chains[-1][1] == k:
                    chains[-1][1] = k + 1
                else:
                    chains.append([k, k + 1])
        grown = True
        while grown:
            grown = False
            for first, last in chains:
                if not all(flagged[first : last + 1]) and True in flagged[max(0, first - 1) : last + 2]:
                    flagged[first : last + 1] = [True] * (last + 1 - first)
                    grown = True
    if True not in flagged:
        return
    for k in [k for k in range(count) if flagged[k] and not lex.index(words[k])]:
        # An unknown word and a neighbour that a moved or a lost space explains (همی نتاریخ: همین تاریخ; تو پخانه:
        # توپخانه) are read together: the neighbour is a word, so neither flags the pair.
        if k > 0 and not flagged[k - 1] and lex.torn_neighbour(words[k - 1], words[k]):
            flagged[k - 1] = True
        if k + 1 < count and not flagged[k + 1] and lex.torn_neighbour(words[k], words[k + 1]):
            flagged[k + 1] = True
    if _AND in words:
        # A letter and a two-letter name of a letter joined by و (ویتامین\u200cهای ک و سی): names of letters, each a
        # word of its own, not pieces of broken words to join to a neighbour (ویتامین\u200cها یک). A lone letter by و
        # beside a whole word (کنی د و رفت) or another lone letter (عزیز م و ه مچنین) is the commoner broken word.
        for k in list(compress(range(count), flagged)):
            if (
                len(words[k]) == 1
                and words[k] != _AND
                and (
                    (k + 2 < count and words[k + 1] == _AND and lex.letter_name(words[k + 2]))
                    or (k > 1 and words[k - 1] == _AND and lex.letter_name(words[k - 2]))
                )
            ):
                flagged[k] = False
    # The stretches of flagged words, each re-segmented with its neighbours as context.
    positions = list(compress(range(count), flagged))
    if not positions:
        return
    copula = _HEH_COPULA in run  # a word in silent ه and است run together may be here (``_copula_unit``)
    made = len(changes)  # the changes of this run start here (``_join_spaced_tails``)
    # Each word's offset in the text: the lengths of the words before it and a space after each.
    starts = list(map(add, accumulate(map(len, words), initial=offset), range(count)))
    first = last = positions[0]
    for k in positions[1:]:
        if k != last + 1 or k - first == MAX_WINDOW:
            if k == last + 1:
                # A stretch this long is no damage of running text (real windows are a few words) but hostile
                # or machine-made input; it is cut so that each window's lattice stays small, at the last pair of
                # the stretch that is no candidate for a join, where one is near.
                cut = next((j for j in range(k, k - _WINDOW_CUT_REACH, -1) if pairs[j - 1] is False), k)
                _fix_window(lex, words, starts, first, cut, changes, signs, copula)
                first = cut
            else:
                _fix_window(lex, words, starts, first, last + 1, changes, signs, copula)
                first = k
        last = k
    _fix_window(lex, words, starts, first, last + 1, changes, signs, copula)
    if signs.all_spaced():
        _join_spaced_tails(lex, words, starts, changes, made)


def _join_spaced_tails(lex: _Lexicon, words: list[str], starts: list[int], changes: list[Change], made: int) -> None:
    """Set a ZWNJ before a tail standing alone (مدل سازی, موضع گیری) that no reading joined, in a text that turned its
    ZWNJs into spaces (``_Signs.all_spaced``), where running text writes the compound with its ZWNJ more often than its
    two words apart (مدل\u200cسازی, not زمینه سازی, which running text writes both ways as often).

    Such a compound is rare in running text, so the language model's pair of two frequent words outscores it; but the
    text lost every ZWNJ to a space, and the tail (``_Lexicon.tails``: سازی, گیری, نشین) is a second part that running
    text hardly ever writes alone. The first word is a free word of running text (no suffix: های بینی) and no
    determiner (یک بینی)."""
    lm = lex.lm
    done = {change.start for change in changes[made:]}
    for k in range(len(words) - 1):
        first, second = words[k], words[k + 1]
        if second not in lex.tails or not _joins(first[-1]) or first in _DETERMINERS or not lex.free(first):
            continue
        space = starts[k + 1] - 1
        if space in done or lm.text_count(first + ZWNJ + second) <= lm.bigram_count(first, second):
            continue
        changes.append(Change(space, space + 1, JOIN, SPACED_TAIL_CONFIDENCE))


def _fix_window(
    lex: _Lexicon,
    words: list[str],
    starts: list[int],
    first: int,
    last: int,
    changes: list[Change],
    signs: _Signs,
    copula: bool = False,
) -> None:
    """Re-segment words[first:last] (with their neighbours as context) and record the changes."""
    # One string object per word in the memories' tuple keys, whatever the text it came from.
    before = sys.intern(words[first - 1]) if first > 0 else None
    after = sys.intern(words[last]) if last < len(words) else None
    window = list(map(sys.intern, words[first:last]))
    # A commonly joined spelling (آنها) is kept unless the text shows it lost its ZWNJs, or where the text writes every
    # such word of the stretch joined again and again and never otherwise (``_Usage``).
    kept = [word for word in window if lex.index(word) in lex.kept_joined]
    keep = bool(kept) and (not signs.loss or all(signs.usage.joined_only(lex, word) for word in kept))
    # Unknown words are priced as likelier glued where the text shows glued words (only asked when one is here).
    glued = any(not lex.index(word) or lex.listed_glue(word) for word in window) and bool(signs.glue)
    # A word that may have lost a ZWNJ with the text's others (شدهاست, آکسونها; ``_build_lattice``).
    lost = (
        (copula and any(word.endswith(_HEH_COPULA) for word in window))
        or any(word.endswith(_PLURAL_ENDS_JOINED) and not lex.index(word) for word in window)
    ) and bool(signs.loss)
    # Two free words may be one word torn apart where the text shows torn words (``_Window.torn``).
    torn = (
        len(window) > 1
        and any(
            lex.free(first) and lex.free(second) and lex.key(first) + lex.key(second) in lex.lm.ids
            for first, second in pairwise(window)
        )
        and bool(signs.torn)  # read last: the sign reads the whole text
    )
    spaced = signs.all_spaced()
    key = (keep, glued, lost, torn, spaced, before, tuple(window), after)
    if lex.window_cache.get(key, False) is None:
        return  # seen before: the input reading stays
    window_key = (keep, glued, lost, torn, spaced, key[6])
    if window_key in lex.prepared_cache:
        prepared = lex.prepared_cache[window_key]
    else:
        prepared = _prepare(lex, window, keep, glued, lost, torn, spaced)
        lex.prepared_cache.keep(window_key, prepared)
    if prepared is None:
        return
    if key in lex.window_cache:
        found = lex.window_cache[key]
    else:
        found = _segment(lex, prepared, before, after)
        lex.window_cache.keep(key, found)
    if found is None:
        return
    letters = prepared.letters
    base = starts[first]
    offsets = [base + offset for offset in prepared.offsets]
    original = prepared.original
    separators, gain = found
    confidence = _confidence(gain)
    # The end of a word of the reading whose ZWNJ after به is not written (below) and whose rest is no word: the
    # reading's other closed spaces inside that word go with it (به کار رفتهاند read as به\u200cکاررفته\u200cاند must
    # not leave کاررفته\u200cاند behind; به کار گیری may leave کارگیری); its ZWNJs inside input words stay
    # (رفته\u200cاند).
    dropped_until = -1
    for k, (label, sep) in enumerate(zip(original, separators, strict=True)):
        was = _PLAIN.get(label, label)
        if was == sep or (k < dropped_until and was == SPACE):
            continue
        if sep == JOIN and not _joins(letters[k]):
            sep = NONE  # never a ZWNJ after ا د ذ ر ز ژ و
            if was == sep:
                continue
        if was == NONE and sep == JOIN and not signs.loss:
            # Letters run together, in a text with no sign of lost ZWNJs (no گروههای, no میشود).
            head, tail, whole = _reading_parts(prepared.text_letters, separators, k)
            if lex.lm.ids.get(whole, 0) in lex.kept_joined:
                continue  # a commonly joined spelling carved out of glued words (آنهامواجه: آنها مواجه) stays joined
            if (
                signs.usage.zwnjs() >= KEPT_ZWNJ_TEXT
                and not signs.spaced
                and lex.free(head)
                and lex.free(tail)
                and lex.apart_more(head, tail)
                and not signs.usage.sets_off(head)
            ):
                # The text writes its ZWNJs (KEPT_ZWNJ_TEXT at least, none turned to a space), so two free words run
                # together lost the space between them, not a ZWNJ, where running text writes them apart more often
                # (بهصورت: به صورت; تهیهشده: تهیه شده; not پیادهسازی, whose ZWNJ spelling running text prefers) and
                # the text never sets the first off by ZWNJ (به\u200cویژه: its author's habit is به\u200cعنوان).
                sep = SPACE
        if (
            was == NONE
            and sep == SPACE
            and _joins(letters[k])
            and signs.lost_all()
            and _lost_zwnj_pair(lex, prepared, separators, k)
        ):
            sep = JOIN  # جدولمحور in a text that lost all its ZWNJs: جدول\u200cمحور, not جدول محور
        if (
            was == SPACE
            and sep == JOIN
            and _after_preposition_to(letters, original, k)
            and not (signs.loss or signs.spaced)
        ):
            # به ویژه in a text that lost no ZWNJ is the author's: the Academy writes the preposition apart
            # (به\u200cویژه is a house style); in a text that did (گروههای, می شود), the space may be a lost ZWNJ.
            end = next((m for m in range(k + 1, len(separators)) if separators[m] == SPACE), len(separators))
            if not _candidates(lex, prepared.text_letters[k + 1 : end + 1]):
                dropped_until = end
            continue
        if (
            was == SPACE
            and sep == JOIN
            and signs.usage.zwnjs()
            and not signs.spaced
            and _authors_space(lex, prepared.text_letters, separators, k, signs.usage.zwnjs())
        ):
            continue
        start = offsets[k] + 1
        end = offsets[k + 1]
        # Marks after letter k stay with it: the separator sits right before the next letter.
        while start < end and _MARKS.match(_text_at(words, starts, start)):
            start += 1
        changes.append(Change(start, end, sep, confidence))


def _lost_zwnj_pair(lex: _Lexicon, window: _Window, separators: list[str], k: int) -> bool:
    """True when a reading splits an input word the model does not know after letter ``k`` into two words that
    ``pair_glued`` reads as run together, and nothing else (جدولمحور: جدول + محور; کمدیالهی: کمدی + الهی), the second
    not the conjunction و (a ZWNJ never sets it off)."""
    token = next((token for token in window.tokens if token[0] <= k < token[1] - 1), None)
    if token is None or ZWNJ in token[2] or lex.index(token[2]):
        return False
    head, tail, whole = _reading_parts(window.text_letters, separators, k)
    return (
        window.text_letters[token[0] : token[1]] == whole == head + tail
        and tail != _AND
        and ((lex.pair_head(head) and lex.pair_tail(head, tail)) or lex.rare_pair(head, tail))
    )


def _authors_space(lex: _Lexicon, letters: str, separators: list[str], k: int, zwnjs: int) -> bool:
    """True when the input's space after letter ``k``, which a reading sets a ZWNJ in, is the author's, in a text that
    writes ``zwnjs`` ZWNJs (one at least) and turned none into a space (no می شود, no گروه ها).

    The parts on either side are words of their own (``_word_apart``): such an author writes two words apart on
    purpose (رئیس جمهور, وب سایت, تک تک: the news writes them so, and the Academy allows both), where the text keeps
    ``KEPT_SPACE_ZWNJS`` ZWNJs or more. With one ZWNJ only, the text may have lost others to spaces at random, and the
    space stays only where a part is no free word of running text (``_Lexicon.free``): a space beside such a word is
    closed at no cost, so the join rests on the compound's few sightings alone (ذوب آهن, a verbal noun and its
    object, read as the listed ذوب\u200cآهن at 0.99).
    """
    head, tail, _whole = _reading_parts(letters, separators, k)
    compound = head + ZWNJ + tail
    if not (_word_apart(lex, head, compound) and _word_apart(lex, tail, compound)):
        return False
    return zwnjs >= KEPT_SPACE_ZWNJS or not (lex.free(head) and lex.free(tail))


def _word_apart(lex: _Lexicon, part: str, compound: str) -> bool:
    """True when ``part`` of ``compound`` is a word that may stand apart: known to the model, neither a bound morpheme
    (می, ها, تان, است) nor a tail (سازی), and not a piece that running text writes only inside that compound, which
    it writes often (المللی of بین\u200cالمللی)."""
    lm = lex.lm
    return (
        len(part) > 1
        and lm.ids.get(part, 0) > 0
        and part not in _ATTACHED
        and part not in _PREFIX_LIKE
        and part not in _POSSESSIVES
        and part not in lex.tails
        and (lm.text_count(part) > 0 or lm.text_count(compound) < COMPOUND_PIECE_TEXT)
    )


def _reading_parts(letters: str, separators: list[str], k: int) -> tuple[str, str, str]:
    """The parts of a reading on either side of the separator after letter ``k`` (up to its other separators), and the
    whole word of the reading around it (up to its spaces)."""
    start = k
    while start > 0 and separators[start - 1] == NONE:
        start -= 1
    word_start = start
    while word_start > 0 and separators[word_start - 1] != SPACE:
        word_start -= 1
    end = k + 1
    while end < len(separators) and separators[end] == NONE:
        end += 1
    word_end = end
    while word_end < len(separators) and separators[word_end] != SPACE:
        word_end += 1
    return letters[start : k + 1], letters[k + 1 : end + 1], letters[word_start : word_end + 1]


def _after_preposition_to(letters: list[str], original: list[str], k: int) -> bool:
    """True when the letters up to ``k`` end in the word به on its own (a separator or the window's edge before it)."""
    return (
        k >= 1
        and letters[k - 1] + letters[k] == _TO
        and (k == 1 or _PLAIN.get(original[k - 2], original[k - 2]) != NONE)
    )


def _text_at(words: list[str], starts: list[int], position: int) -> str:
    # Bisection, not a scan of the run's words: a scan per change is quadratic on a long run.
    index = bisect_right(starts, position) - 1
    if index >= 0 and position < starts[index] + len(words[index]):
        return words[index][position - starts[index]]
    return " "


def _unguarded_parts(run: str, offset: int, guarded: SpanSet) -> list[tuple[int, str]]:
    """The stretches of a run whose words lie outside URLs and paths, each with its text offset.

    A path may end or start inside a run (``و/یا``: ``\\w`` matches Persian letters); only the words
    it covers are left alone, not the whole sentence the run holds.
    """
    if not guarded.overlaps(offset, offset + len(run)):
        return [(offset, run)]  # most runs of a text with a URL lie away from it
    parts: list[tuple[int, str]] = []
    kept: list[str] = []
    kept_start = offset
    position = offset
    for word in run.split(" "):
        inside = position in guarded or position + len(word) - 1 in guarded
        if inside:
            if kept:
                parts.append((kept_start, " ".join(kept)))
            kept = []
        else:
            if not kept:
                kept_start = position
            kept.append(word)
        position += len(word) + 1
    if kept:
        parts.append((kept_start, " ".join(kept)))
    return parts


# The letters that abbreviate a calendar after a year (۱۸۷۳ م, ۱۳۲۰ ش, ۶۳۲ ق, ۱۳۵۷ ه), each with the space after it.
_CALENDAR_ABBREVIATIONS = frozenset(letter + " " for letter in "مشقه")


def _calendar_letter(lex: _Lexicon, letter: str, following: str) -> bool:
    """True when a calendar's letter after a year stands for the calendar before ``following`` (۱۸۷۳ م در اثر: not
    مدر; ۱۳۲۰ ش به: not شبه): running text writes the next word more often than the letter and it run together.
    Otherwise the letter is a piece of a word torn by a space (۶۶۱ م یلادی: میلادی; ۲۰۰ ه زار: هزار)."""
    count = lex.lm.text_count
    key = lex.key(following)
    return count(key) > count(letter + key)


def _without_abbreviation_letters(lex: _Lexicon, text: str, run: str, start: int) -> tuple[str, int]:
    """The run and where it starts, without a first lone letter that a full stop joins to the letter
    before it: an abbreviation's (ق.م, ه.ق), no fragment of a word torn by a space (`ق.م کوتیر` is no
    `مکوتیر`). (A lone letter before a full stop often is one: `کنی د.`.) Nor a calendar's letter after a year
    (``_CALENDAR_ABBREVIATIONS``, ``_calendar_letter``)."""
    if start < 2 or run[1:2] != " ":
        return run, start
    abbreviation = text[start - 1] == "." and text[start - 2].isalpha()
    calendar = (
        text[start - 1] == " "
        and text[start - 2].isdigit()
        and run[:2] in _CALENDAR_ABBREVIATIONS
        and _calendar_letter(lex, run[0], run[2:].partition(" ")[0])
    )
    if abbreviation or calendar:
        run, start = run[2:], start + 2
    return run, start


def restore_spacing(text: str, config: Config) -> list[Change]:
    """Restore ZWNJ, spaces and joins inside and between Persian words, where the language model is sure.

    >>> from dorost import fix
    >>> fix("سازمان های بین المللی می گویند") == "سازمان\\u200cهای بین\\u200cالمللی می\\u200cگویند"
    True
    >>> fix("گروههای تکفیری") == "گروه\\u200cهای تکفیری"
    True
    >>> fix("حکومت طالبان را به رسمیت شناخت")
    'حکومت طالبان را به رسمیت شناخت'
    """
    guarded = protected(text)
    any_guarded = bool(guarded)  # read once per text: most texts hold no URL or path
    changes: list[Change] = []
    runs: list[tuple[int, str]] = []  # where each run starts, and the run
    whole = not any_guarded  # the runs hold every word of the text
    for match in _RUN.finditer(text):
        run, start = match.group(), match.start()
        if run[1:2] == " ":  # only a run that opens with a lone letter may open with an abbreviation's
            run, start = _without_abbreviation_letters(_lexicon(), text, run, start)
            whole = whole and start == match.start()
        if any_guarded:
            runs += _unguarded_parts(run, start, guarded)
        elif run:
            runs.append((start, run))
    if not runs:
        return changes
    lex = _lexicon()
    # The words and pairs of all the runs are judged at once (a Python step only for the few that may be suspect):
    # most texts have none, and most runs of the others none either.
    joined = " ".join([run for _start, run in runs])
    # Not interned: that costs more than the lookups it spares. The memories with tuple keys intern their words.
    words = joined.split(" ")
    flagged = lex.word_verdicts(words)
    ends = list(accumulate([run.count(" ") + 1 for _start, run in runs]))
    pairs = lex.pair_verdicts(joined, words, frozenset([end - 1 for end in ends[:-1]]))
    if True not in pairs and True not in flagged:
        return changes  # no word and no pair to read again (a let-go pair alone is not read)
    # The runs' words are the words _WORD_ONLY finds, where no URL or abbreviation took words out of them.
    found = words if whole else None
    signs = _Signs(
        _Sign(lex.shows_loss, text, found=found, memory=lex.loss_cache),
        _Sign(lex.shows_glue, text, max(1, len(text) // GLUE_SIGN_CHARS), found=found, memory=lex.glue_cache),
        _Usage(text),
        _Sign(_SPACED_AFFIXES.__contains__, text, found=found),
        _Sign(_torn_piece, text, max(TORN_SIGN_WORDS, len(text) // TORN_SIGN_CHARS), _LONE_LETTER),
        ZWNJ not in text,
        _Sign(lex.shows_loss, text, LOST_PAIR_SIGNS, found=found, memory=lex.loss_cache),
    )
    spaced_only = _SPACED_ONLY in pairs and signs.all_spaced()
    first = 0
    for (start, run), end in zip(runs, ends, strict=True):
        if (
            True in flagged[first:end]
            or True in pairs[first : end - 1]
            or (spaced_only and _SPACED_ONLY in pairs[first : end - 1])
        ):
            _fix_run(lex, run, start, words[first:end], flagged[first:end], pairs[first : end - 1], changes, signs)
        first = end
    changes.sort(key=lambda change: change.start)
    return changes
