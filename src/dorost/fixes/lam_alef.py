"""The lam-alef that extractors write alef first: `سالمت` for `سلامت`, `باال` for `بالا`."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from functools import lru_cache

from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS, DIACRITICS, ZWNJ
from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.neighbours import reads_better_between_neighbours
from dorost.language import LanguageModel, shipped_model
from dorost.patterns import lazy_pattern
from dorost.script import arabic_spans

# pdftotext and PyMuPDF map the lam-alef ligature glyph (ﻻ ﻼ ﻷ ﻹ ﻵ) to its letters in the wrong
# order, alef first: `سلامت` comes out `سالمت`, `بالا` comes out `باال`. Every lam-alef of such a
# text is turned, so the text shows no lam-alef written right, and many of its words are unknown
# until the pair is turned back. (A lam-alef glyph mapped to the lam alone, `کلسیک`, is
# restore_lost_alef's.)
_ALEFS = "\u0627\u0622\u0623\u0625"  # ا آ أ إ
# The letters restore_lam_alef needs (the pipeline skips it on text without any).
ALEFS = frozenset(_ALEFS)
_TURNED = lazy_pattern(f"[{_ALEFS}]\u0644")  # alef then lam: what the extractor wrote
# The same pairs as strings, counted by str methods, which scan far faster than a pattern that
# opens with a character class; lam then alef (a lam-alef written right) opens with the lam, one
# pattern scan for which is cheaper than counting four strings.
_TURNED_PAIRS = tuple(alef + "\u0644" for alef in _ALEFS)
LAM_ALEF_TYPED = lazy_pattern(f"\u0644[{_ALEFS}]")  # a lam-alef written right (lam first)
# A word: letters and their marks, its parts joined by ZWNJ.
_IN_WORD = f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}\u200c]"
_WORD_REST = lazy_pattern(f"{_IN_WORD}*")
_WORD_LETTER = lazy_pattern(_IN_WORD)
# A turned-back spelling is taken when the model has seen it at least this often (a word lists
# alone vouch for counts 1: `کلاهک`, `سیلاب`, `غلاف`) and this many times as often as the word as it
# stands (`تالش`, a typo the corpora hold 6 times, against `تلاش` 168; not `فعال` 237 against `فعلا`
# 13, nor `بال` 8 against `بلا` 5); at a ratio of 5, `منتهی\u200cالیه` became `منتهی\u200cلایه`. A pair
# that starts the word may be the Arabic article (`المکان` is not `لامکان`): there the spelling must
# be seen twice. Measured on held-out paragraphs with every lam-alef turned (news: 503 words,
# shippable: 194): 89 % and 94 % come back (89 % and 93 % with every ZWNJ dropped too); on all
# 2,202 such words of the news and PersianQA paragraphs, 89 %, and 4 words changed that should not
# (`تالش`, `تالشی`, `یک عالمه` made `علامه`), each the only such word of its paragraph: see
# LAM_ALEF_MIN_COUNT_ALONE. Clean paragraphs get no edit.
LAM_ALEF_MIN_COUNT = 1
# A text that shows one such word only (however often) shows the damage once: there the word as it
# stands must be unknown to the model and the turned-back spelling seen at least this often. In the
# corpora's clean lines, every lone word turned back was right as it stood: `صفت خالقیت` (the
# Creator's attribute: خلاقیت is seen 6 times), `تالش` and `تالشی` (the town, the language: known
# words), `مالک\u200cهای` (owners), `یک عالمه` (a lot); on held-out documents with every lam-alef turned, the
# lone words that come back are common ones (`اعلام`, `لازم`, `بالا`, `مشکلات`, `اتصالات`), 12 of 14.
LAM_ALEF_MIN_COUNT_ALONE = 10
LAM_ALEF_MIN_COUNT_AT_START = 2
# ... unless the pair can be no article: see _may_be_article. There a word list's one sighting is
# enough, as inside a word: `لاکتوز`, `لاتکس`, `لامسه`, `لائوس`, `لامبورگینی` came out `الکتوز` ... On
# held-out paragraphs with every lam-alef turned, 21 more words come back of 1,888 (news) and 13 of 315
# (PersianQA), none of 194 (shippable), and no word changes that should not; with spacing damage too
# the rest must be 3 letters at least (_MIN_REST), or `والد` torn as `و الد` became `و لاد`.
_MIN_REST = 3
LAM_ALEF_RATIO = 20
# At most this many alef-lam pairs in one word are tried both ways (2**n spellings).
_MAX_TURNED = 3


# Bound suffixes and prefixes (Academy of Persian Language and Literature, دستور خط فارسی: written
# beside the word with ZWNJ), which an extractor that drops ZWNJ glues to it: `تالشهای`,
# `عالقهمندان` for `تلاش\u200cهای`, `علاقه\u200cمندان`; and است, which some writers attach
# (`بالاتراست`). A word is also judged by its stem beside one. (The plural ان is left out: `گالن`
# would become `گلان`, `الزمان` `لازمان`.)
_SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها",
    "ترین", "تری", "تر", "مندان", "مندی", "مند", "شان", "تان", "مان", "اند", "ای", "ی", "است",
)  # fmt: skip
# The endings with alef (ای, اند) follow a vowel (خانه\u200cای, ایرانی\u200cاند): after a consonant they
# have no alef. A ی after alef is the ezafe's glide (غلای), too rare a form to vouch for a stem.
_PREFIXES = ("نمی", "می", "بی", "غیر", "نا", "هم")
# The suffixes by their last letter: a word is tried against those it can end in (most words are
# looked up many times, the joined pieces of restore_lam_alef too).
_SUFFIXES_BY_END = {end: tuple(s for s in _SUFFIXES if s.endswith(end)) for end in {s[-1] for s in _SUFFIXES}}
_AFTER_VOWEL = frozenset({"ای", "اند"})
_VOWEL_ENDS = "\u0647\u06cc"  # ه ی
_EZAFE_HEH = "\u0647\u0654"  # هٔ
# The pair's lam carrying a mark: a tanwin (`مثالً`) is the turned alef's, since `مثلاً` writes it
# on the alef and no word puts it on a lam; a vowel or shadda (`کالِرا`, `اللّه`) is the lam's own,
# so the pair was written so.
_TANWIN_FATH = "\u064b"
_LAM_MARKS = frozenset(DIACRITICS) - {_TANWIN_FATH}


def word_evidence(count: Callable[[str], int], word: str) -> int:
    """How often the model has seen ``word``: as it stands (an ezafe's hamza on its final ه aside), or,
    as a stem and a bound suffix or prefix whose ZWNJ was dropped (`تلاشهای`, `بیاطلاع`), the word
    with the affix set off (`تلاش\u200cهای`) or its stem."""
    if word.endswith(_EZAFE_HEH):
        word = word[:-1]  # the ezafe of a word in ه (`لازمهٔ`): the word's own count
    seen = count(word)
    # (Each affix is cut off only where the word has it: most words are looked up with no affix.)
    for suffix in _SUFFIXES_BY_END.get(word[-1:], ()):
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: -len(suffix)]
        if (suffix in _AFTER_VOWEL and stem[-1] not in _VOWEL_ENDS) or (suffix == "ی" and stem[-1] in _ALEFS):
            continue
        seen = max(seen, count(stem + ZWNJ + suffix), count(stem))
    if word.startswith(_PREFIXES):
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) > 2:
                rest = word[len(prefix) :]
                seen = max(seen, count(prefix + ZWNJ + rest), count(rest))
    return seen


def _turned_places(word: str) -> list[int]:
    """Where ``word`` holds an alef-lam pair that may be a turned lam-alef (not one before a mark of its lam)."""
    return [m.start() for m in _TURNED().finditer(word) if word[m.end() : m.end() + 1] not in _LAM_MARKS]


def _turnings(word: str, places: list[int]) -> Iterator[tuple[int, str]]:
    """Each spelling of ``word`` with some of the pairs at ``places`` turned to lam-alef, and which (bit ``b`` of the
    mask: ``places[b]``)."""
    for mask in range(1, 1 << len(places)):
        letters = list(word)
        for bit, place in enumerate(places):
            if mask >> bit & 1:
                letters[place], letters[place + 1] = letters[place + 1], letters[place]
        yield mask, "".join(letters)


@lru_cache(maxsize=1 << 14)
def _best_turning(word: str) -> tuple[str, int] | None:
    """The spelling of ``word`` with some of its alef-lam pairs turned to lam-alef that the model
    knows best, and how often it has seen it, or ``None`` where none is known often enough to be
    read (see LAM_ALEF_MIN_COUNT_AT_START). (Remembered: the words in alef-lam a text repeats,
    `سال`, `حال`, are looked up once.)"""
    model = shipped_model()
    if model is None:  # pragma: no cover - the model ships with the package
        return None
    count = model.word_count
    places = _turned_places(word)
    if not places or len(places) > _MAX_TURNED:
        return None
    forced = sum(1 << bit for bit, place in enumerate(places) if word[place + 2 : place + 3] == _TANWIN_FATH)
    best, best_count, first = None, 0, False
    for mask, spelling in _turnings(word, places):
        if mask & forced != forced:
            continue
        seen = word_evidence(count, spelling)
        if seen > best_count:
            best, best_count, first = spelling, seen, places[0] == 0 and bool(mask & 1)
    least = LAM_ALEF_MIN_COUNT_AT_START if first and _may_be_article(model, word) else LAM_ALEF_MIN_COUNT
    if best is None or best_count < least:
        return None
    return best, best_count


def _may_be_article(model: LanguageModel, word: str) -> bool:
    """Whether the alef-lam that opens ``word`` may be the Arabic article, or ``word`` a piece of a word
    torn by a space: the rest (before a ZWNJ) is a word of running text (`المکان`: مکان) or shorter
    than _MIN_REST (`الد` of `و الد`, `والد` torn), not a longer piece no text writes alone (`الکتوز`:
    کتوز)."""
    rest = word[2:].partition(ZWNJ)[0]
    return len(rest) < _MIN_REST or model.text_count(rest) > 0


@lru_cache(maxsize=1 << 14)
def _turned_back(word: str) -> str | None:
    """The spelling of ``word`` with some of its alef-lam pairs turned to lam-alef that the model
    knows far better than ``word`` itself (`اطالعات` → `اطلاعات`), or ``None``."""
    model = shipped_model()
    turning = _best_turning(word)
    if model is None or turning is None:
        return None  # most words: the word itself is not looked up
    best, best_count = turning
    forced = any(word[place + 2 : place + 3] == _TANWIN_FATH for place in _turned_places(word))
    own = 0 if forced else word_evidence(model.word_count, word)
    return None if best_count < LAM_ALEF_RATIO * own else best


# Spacing damage also runs two words together, and a glued word with a turned pair is known neither
# as it stands nor turned back (`ایراناعالم`, `پیوستاختالف`), so restore_spacing, which splits only
# into known words, leaves it too. Such a word is turned back where it splits into two words, one
# of them turned back, each seen at least this often, and LAM_ALEF_RATIO times as often as any split
# of the word as it stands (`بهالله` keeps its `الله`); the split itself is restore_spacing's, later.
# Measured on held-out paragraphs in documents of 10, every lam-alef turned and 8 % of the spaces
# dropped, restore_lam_alef and restore_spacing alone: word errors, news (1,500 paragraphs) 7,970 ->
# 7,731, 74 documents better, 1 worse (`واعلام`, which the reference writes glued); shippable 804 ->
# 785; the paragraphs as they are unchanged.
LAM_ALEF_MIN_COUNT_GLUED = 5
# Each side of the split holds at least this many letters, or is the conjunction و, which damage runs
# together with a word before or after it as often as any (`اسالمو` for `اسلام و`).
_MIN_GLUED_PART = 2
# ... and at most this many: no word the model has seen LAM_ALEF_MIN_COUNT_GLUED times is longer than
# 16 letters, or 22 with a bound suffix. A longer run of letters is no two words run together, and
# reading every split of it would cost the square of its length (a hostile 64k-letter word: 11 s).
_MAX_GLUED_PART = 24
_AND = "\u0648"


def _best_split(count: Callable[[str], int], word: str) -> int:
    """The evidence for ``word`` as two words run together: the most, over its splits, of the rarer
    side's count."""
    best = 0
    for at in range(max(1, len(word) - _MAX_GLUED_PART), min(len(word), _MAX_GLUED_PART + 1)):
        if min(at, len(word) - at) < _MIN_GLUED_PART and _AND not in (word[:at], word[at:]):
            continue
        left = word_evidence(count, word[:at])
        if left > best:
            best = max(best, min(left, word_evidence(count, word[at:])))
    return best


@lru_cache(maxsize=1 << 12)
def _glued_turned_back(word: str) -> str | None:
    """``word`` with some of its alef-lam pairs turned to lam-alef where it then splits into two known
    words (`ایراناعالم` → `ایراناعلام`), or ``None``: see LAM_ALEF_MIN_COUNT_GLUED."""
    model = shipped_model()
    if model is None:  # pragma: no cover - the model ships with the package
        return None
    count = model.word_count
    places = _turned_places(word)
    if not places or len(places) > _MAX_TURNED or ZWNJ in word or len(word) > 2 * _MAX_GLUED_PART:
        return None
    best, best_count = None, 0
    for _mask, spelling in _turnings(word, places):
        seen = _best_split(count, spelling)
        if seen > best_count:
            best, best_count = spelling, seen
    if best is None or best_count < LAM_ALEF_MIN_COUNT_GLUED:
        return None
    own = max(word_evidence(count, word), _best_split(count, word))
    return None if best_count < LAM_ALEF_RATIO * own else best


def _turned_words(text: str) -> list[tuple[int, int]]:
    """The spans of the words (runs of letters, marks and ZWNJ) that hold an alef-lam pair.

    Found from the pairs outwards: a pattern for the whole word would be tried at every letter of
    the text. Each run is walked once (the pairs inside a word already found are passed over).
    """
    spans: list[tuple[int, int]] = []
    end = 0
    for pair in _TURNED().finditer(text):
        if pair.start() < end:
            continue
        start = pair.start()
        while start > end and _WORD_LETTER().match(text, start - 1):
            start -= 1
        rest = _WORD_REST().match(text, pair.end())
        end = rest.end() if rest is not None else pair.end()  # (it always matches, if only "")
        spans.append((start, end))
    return spans


# pdftotext's text of LibreOffice PDFs also sets spaces inside words where glyphs stand apart
# (`ب ه`, `فارس ی`, `مکاتب ات`); restore_spacing joins such pieces into a word the model knows, but
# not the pieces of a turned word, which no model knows whole (`اص الح`, `مالحظ ات`, `فع االن` for
# `اصلاح`, `ملاحظات`, `فعالان`). The space falls anywhere in the word but never between the pair's
# letters (the ligature is one glyph). A turned word is joined with the run of letters one space
# before or after it where the two, joined and turned back, make a word seen at least this often,
# and LAM_ALEF_RATIO times as often as the rarer of the two apart (the turned word as it stands or
# turned back, the piece as a word of running text): `کا مال` is `کاملا` (114 against کا 1), `و یالها`
# no `ویلاها` (3 against یالها 3). Not taken: where both sides would make a word, joined as they
# stand or turned back (`مب تال ش ود`, `با ال یه`); a lone ی after ه (the ezafe written apart) or a
# bound affix beside a known word (`بالا تر`), restore_spacing's to judge; a piece beside a word as it
# stands that joins the next piece into a word (`والد ت عیین`). Measured on held-out paragraphs with
# every lam-alef turned and each such word torn in two near its middle: 82 % of 275 come back whole
# (1 % before; the whole pipeline: 85 %, 26 % before), no join across a space of the text; on
# 11,728 clean lines with 40 % of their words torn and no lam-alef turned, 2 joins, each the turn
# the unbroken word gets too (`امالی`, `خالقیت`).
LAM_ALEF_MIN_COUNT_JOINED = 2
_PIECE_AFTER = lazy_pattern(
    f" ([{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]+)(?![{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}\u200c])"
)
# A piece is at most this long: a split leaves a few letters on one side.
_MAX_PIECE = 12


# A whole run of letters (and marks), at most _MAX_PIECE long, not joined by a ZWNJ to what is before
# it, searched for up to a space: ``\Z`` stands at the search's end (``$`` would also stand before a
# line break there).
_PIECE_BEFORE = lazy_pattern(
    f"(?<![{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}\u200c])[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]{{1,{_MAX_PIECE}}}\\Z"
)


def _piece_before(text: str, start: int) -> int | None:
    """Where the run of letters one space before ``start`` begins, or ``None`` (no such run, one
    longer than _MAX_PIECE, or one joined to something else by a ZWNJ)."""
    if start < 2 or text[start - 1] != " ":
        return None
    # Only the run's first letter has no letter before it; a longer run has none within reach.
    piece = _PIECE_BEFORE().search(text, max(0, start - 1 - _MAX_PIECE), start - 1)
    return None if piece is None else piece.start()


def _joined_pieces(text: str, start: int, end: int, back: str | None, floor: int) -> tuple[int, int, str] | None:
    """The turned word ``text[start:end]`` (``back``: itself turned back, or ``None``) joined with the
    piece before (from ``floor`` on: the text before is repaired) or after it and turned back, as a
    repair, or ``None``: see LAM_ALEF_MIN_COUNT_JOINED. Where both sides would make a word (`مب تال ش ود`:
    `مبتلا` or `تلاش`), neither is taken."""
    model = shipped_model()
    if model is None:  # pragma: no cover - the model ships with the package
        return None
    word = text[start:end]
    if ZWNJ in word:
        return None
    sides: list[tuple[int, int, str, str]] = []
    begin = _piece_before(text, start)
    if begin is not None and begin >= floor:
        further = _piece_before(text, begin)
        sides.append((begin, end, text[begin : start - 1], "" if further is None else text[further : begin - 1]))
    after = _PIECE_AFTER().match(text, end)
    if after is not None and len(after.group(1)) <= _MAX_PIECE:
        further_after = _PIECE_AFTER().match(text, after.end())
        sides.append((start, after.end(), after.group(1), "" if further_after is None else further_after.group(1)))
    found: list[tuple[int, int, str]] = []
    words = 0  # sides that join into a word as it stands
    stands = known = -1  # how often running text has the word as it stands, and it or its turn back
    for first, last, piece, beyond in sides:
        if piece == "\u06cc" and first == start and word.endswith("\u0647"):
            continue  # the ezafe written apart (`سالانه ی`)
        if model.bigram_count(*((word, piece) if first == start else (piece, word))):
            continue  # two words running text writes so (`با سال`)
        joined = text[first:last].replace(" ", "")
        turned = _turned_back(joined)
        if turned is None:
            words += model.text_count(joined) > 0  # `با ال یه`: `الیه` is a word too
            continue
        if stands < 0:
            stands = word_evidence(model.text_count, word)  # `والد`, or `یالها` (`یال\u200cها`)
            known = max(stands, 0 if back is None else word_evidence(model.text_count, back))
        if known and piece in (_SUFFIXES if first == start else _PREFIXES):
            continue  # a word and an affix set apart (`بالا تر`): restore_spacing's to judge
        if stands and beyond and model.text_count(piece + beyond if first == start else beyond + piece):
            continue  # a word as it stands (`والد`) and a piece of the next one (`والد ت عیین`)
        seen = word_evidence(model.word_count, turned)
        # The two apart are as likely as the rarer of them (`و یالها` is no `ویلاها`).
        if seen >= LAM_ALEF_MIN_COUNT_JOINED and seen >= LAM_ALEF_RATIO * min(known, model.text_count(piece)):
            found.append((first, last, turned))
    return found[0] if len(found) == 1 and not words else None


def _alone_enough(model: LanguageModel, word: str, back: str) -> bool:
    """Whether ``word`` may turn back to ``back`` as the only word of its text that does."""
    return not word_evidence(model.word_count, word.replace(" ", "")) and (
        word_evidence(model.word_count, back) >= LAM_ALEF_MIN_COUNT_ALONE
    )


# In a text that shows the damage, a word both of whose spellings are words is read between its
# neighbours: `مثال` (example) and `مثلا` (for instance), `الیه` and `لایه` (layer), `قبال` and `قبلا`
# (before) are left by the counts of the words alone, which favour the word as it stands or fall
# short of LAM_ALEF_RATIO. Such a word is turned back where the model finds the turned-back spelling,
# between the word before it and the word after it (a clause break where a mark stands between),
# LAM_ALEF_RATIO times as likely as the word as it stands, and running text writes it beside one of
# them (`یک لایه`, `که قبلا در`, `و عملا امکان`); a word as it stands that running text writes there
# keeps its letters (`منتهی الیه`, `جان سالم به در`). The neighbours are read turned back where they
# were. Measured on held-out news paragraphs with every lam-alef turned: of 828 such words left by
# the counts alone, 127 should turn back; this turns 22 of them and none of the 701 others (at a
# ratio of 7, 28 and 2: `جان سالم به` read as `سلام`); shippable paragraphs: 2 of 13, none of 71.
LAM_ALEF_CONTEXT_CONFIDENCE = 0.8
# The margins of that reading (reads_better_between_neighbours), measured as above: running text writes the
# turned-back spelling beside a neighbour at least once, and it reads LAM_ALEF_RATIO times as likely.
_CONTEXT_MIN_PAIRS = 1
_CONTEXT_MIN_GAIN = math.log(LAM_ALEF_RATIO)


def restore_lam_alef(text: str, config: Config) -> list[Change]:
    """Turn back the lam-alef that extractors write alef first (`سالمت` → `سلامت`), in a text whose
    every lam-alef is turned so.

    A word changes when the model knows the turned-back spelling far better than the word as it
    stands; the text as a whole must show the damage: no lam-alef written right (a few at most,
    against four times as many words turned back). Text that writes lam-alef right keeps its
    words, however rare (`بال`, `فعال` and `الله` are words too).

    >>> from dorost import fix
    >>> fix("وزیر بهداشت از اعالم اطالعات سالمت خبر داد")
    'وزیر بهداشت از اعلام اطلاعات سلامت خبر داد'

    A word whose ZWNJ the extractor dropped too is judged by its stem before a bound suffix; the
    ZWNJ is restore_spacing's, later in the pipeline:

    >>> fix("تالشهای عالقهمندان مثالً باال رفت")
    'تلاش\u200cهای علاقه\u200cمندان مثلاً بالا رفت'
    >>> fix("سال گذشته حال او خوب بود و سلامت بود")
    'سال گذشته حال او خوب بود و سلامت بود'

    A turned word torn in two by the extractor (`اص الح`) is joined where the pieces make no words
    apart:

    >>> fix("برای اص الح قانون بدون مالحظ ات سیاسی")
    'برای اصلاح قانون بدون ملاحظات سیاسی'
    """
    # (The alefs with a hamza or madda are rare: a pair with one is looked for only where the text
    # holds one, since a search for one character runs several times faster than for two.)
    pairs = [pair for pair in _TURNED_PAIRS if pair[0] in text]
    if not any(map(text.__contains__, pairs)):
        return []
    # Each word turned back has an alef-lam pair; a text with more lam-alef written right than a
    # quarter of its alef-lam pairs can never show the damage (most Persian text: a few scans).
    # (No pair can overlap another of its kind: counting each string finds every turned pair.)
    typed = len(LAM_ALEF_TYPED().findall(text))
    if typed and typed > sum(map(text.count, pairs)) // 4:
        return []
    model = shipped_model()
    if model is None:  # pragma: no cover - the model ships with the package
        return []
    count = model.word_count
    repairs: list[tuple[int, int, str]] = []
    both: list[tuple[int, int, str]] = []  # words whose turned-back spelling is a word too: read in context
    for start, end in _turned_words(text):
        if repairs and start < repairs[-1][1]:
            continue  # a piece the word before was joined with
        word = text[start:end]
        back = _turned_back(word)
        floor = repairs[-1][1] if repairs else 0
        pieces = _joined_pieces(text, start, end, back, floor)
        if pieces is not None:
            repairs.append(pieces)
            continue
        if back is None and ZWNJ in word and not count(word):
            # An unknown compound: its parts one by one (`عالقه\u200cمندان`), where those left as
            # they stand are words of running text or bound suffixes (`مک\u200cکالم`, McCallum, stays).
            parts = [(part, _turned_back(part)) for part in word.split(ZWNJ)]
            kept = [part for part, turned in parts if turned is None]
            if all(part in _SUFFIXES or model.text_count(part) for part in kept):
                joined = ZWNJ.join(turned or part for part, turned in parts)
                back = joined if joined != word else None
        if back is None and not count(word):
            back = _glued_turned_back(word)
        if back is not None:
            repairs.append((start, end, back))
        elif (turning := _best_turning(word)) is not None:
            both.append((start, end, turning[0]))
    words = len({back for _, _, back in repairs})
    if not words or typed > words // 4:
        return []  # the text writes lam-alef right: its words in alef-lam are its own
    if words == 1 and not all(_alone_enough(model, text[start:end], back) for start, end, back in repairs):
        return []
    arabic = arabic_spans(text)  # an Arabic passage's article is its own (`السلام`)
    changes = [Change(start, end, back, 0.9) for start, end, back in repairs if start not in arabic]
    repaired = {start: back for start, _, back in repairs}  # a neighbour turned back is read so
    taken = iter(repairs)
    after = next(taken, None)
    for start, end, back in both:
        while after is not None and after[1] <= start:
            after = next(taken, None)
        if after is not None and after[0] < end:
            continue  # a piece that a repair after it joined
        if start in arabic:
            continue
        if reads_better_between_neighbours(
            model, text, start, end, back, repaired.get, min_pairs=_CONTEXT_MIN_PAIRS, min_gain=_CONTEXT_MIN_GAIN
        ):
            changes.append(Change(start, end, back, LAM_ALEF_CONTEXT_CONFIDENCE))
    changes.sort(key=lambda change: change.start)
    return changes
