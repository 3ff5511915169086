"""The alef a lam-alef ligature lost: `مقالت` for `مقالات`, `تلش` for `تلاش`, `کاملً` for `کاملاً`."""

from __future__ import annotations

from functools import lru_cache

from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS, DIACRITICS
from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.lam_alef import LAM_ALEF_RATIO, LAM_ALEF_TYPED, word_evidence
from dorost.fixes.neighbours import reads_better_between_neighbours
from dorost.language import shipped_model
from dorost.patterns import lazy_pattern
from dorost.script import arabic_spans

# Some PDFs map the lam-alef ligature glyph (ﻻ ﻼ) to the lam alone (textmining_farsi.pdf, through
# every engine): the alef is gone from every lam-alef of the text, which then writes none right
# (`کلسیک`, `مقالت`, `تلش`, `بر خلف` for `کلاسیک`, `مقالات`, `تلاش`, `بر خلاف`). The tanwin such a
# word carried sits on the lam (`معمولً`): Persian puts it on the alef, never on a lam.
_LAM = "\u0644"
_ALEF = "\u0627"
_TANWIN_FATH = "\u064b"
LAM = frozenset(_LAM)  # what restore_lost_alef needs (the pipeline skips it on text without)
_WORD = lazy_pattern(f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]*\u0644[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]*")
# A lam carrying its own vowel or shadda (`لِ`, `لّ`) had no alef after it.
_LAM_MARKS = frozenset(DIACRITICS) - {_TANWIN_FATH}
# A spelling with the alef is taken when the model has seen it at least this often, and LAM_ALEF_RATIO
# times as often as the word as it stands (as restore_lam_alef does): `تلش` (0) becomes `تلاش` (168),
# `سلم` stays (11 against `سلام` 95), `خلف` too (2 against 31), `مثل` and `قبل` are words.
LOST_ALEF_MIN_COUNT = 2
# At most this many lams of one word are tried with and without an alef (2**n spellings).
_MAX_LAMS = 3
# A text writes lam-alef right at most this many times when its ligatures lost their alefs (a heading
# in another font): most Persian text of a few lines writes more, and is left after one scan.
_MAX_TYPED = 2
# The words restored must be this many (different words), and four times as many as the lam-alefs
# the text writes right: one unknown word is a typo or a name as often as a lost alef.
_MIN_WORDS = 2
# A word running text knows as it stands (`خلف`, `کل`, `قبل`) keeps it, unless its neighbours read
# far better beside the spelling with the alef: `بر خلف انتظار` (textmining_farsi.pdf) is `بر خلاف
# انتظار` (running text: `بر خلاف` 21 times, `بر خلف` never), while `قبل از` (312 against `قبلا
# از` 7) and `در کل` (21 against 0) stay. Only in a text that shows the damage (as above). The
# pairs with the alef must be seen this often in running text ...
LOST_ALEF_MIN_PAIRS = 5
# ... and read this much better (natural log of the smoothed pair probabilities on both sides, about
# 400 times): on held-out news and encyclopaedia passages (farstail, parsinlu) with every lam-alef
# lost, the words so restored read 9.1 (`بر خلاف دیگر`) to 15.7 (`در ایالات متحده`) better, the one
# word that was right as it stood 2.9 (`در ایالت گیلان`: a sparse pair, not a reason).
LOST_ALEF_MIN_GAIN = 6.0


@lru_cache(maxsize=1 << 14)
def _alef_spelling(word: str) -> tuple[str, int] | None:
    """The spelling of ``word`` with an alef after some of its lams that the model knows best, and how
    often it has seen it (at least LOST_ALEF_MIN_COUNT), or ``None`` (`مقالت` → `مقالات`, `خلف` → `خلاف`)."""
    model = shipped_model()
    if model is None:  # pragma: no cover - the model ships with the package
        return None
    count = model.word_count
    places = [i for i, letter in enumerate(word) if letter == _LAM and word[i + 1 : i + 2] not in _LAM_MARKS]
    if not places or len(places) > _MAX_LAMS:
        return None
    forced = sum(1 << bit for bit, place in enumerate(places) if word[place + 1 : place + 2] == _TANWIN_FATH)
    best, best_count = None, 0
    for mask in range(1, 1 << len(places)):
        if mask & forced != forced:
            continue
        letters = list(word)
        for bit, place in reversed(list(enumerate(places))):
            if mask >> bit & 1:
                letters.insert(place + 1, _ALEF)
        spelling = "".join(letters)
        seen = word_evidence(count, spelling)
        if seen > best_count:
            best, best_count = spelling, seen
    if best is None or best_count < LOST_ALEF_MIN_COUNT:
        return None  # most words: no spelling with an alef is a word (the word itself is not looked up)
    return best, best_count


@lru_cache(maxsize=1 << 14)
def _with_alef(word: str) -> str | None:
    """The spelling of ``word`` with an alef after some of its lams that the model knows far better
    than ``word`` itself (`مقالت` → `مقالات`), or ``None``."""
    found = _alef_spelling(word)
    if found is None:
        return None
    best, best_count = found
    model = shipped_model()
    assert model is not None
    forced = any(word[i + 1 : i + 2] == _TANWIN_FATH for i, letter in enumerate(word) if letter == _LAM)
    own = 0 if forced else word_evidence(model.word_count, word)
    return best if best_count >= LAM_ALEF_RATIO * own else None


def _words_with_lam(text: str) -> set[str]:
    """The different words of ``text`` that hold a lam.

    A word never spans a space, so the pattern reads only the pieces between spaces that hold a
    lam: tried at every letter of the whole text, its letter classes cost more than finding them.
    Each piece is found from a lam, out to the spaces on either side (in C), and the next lam is
    looked for after it: splitting the whole text made a string of every piece.
    """
    pieces: list[str] = []
    at = text.find(_LAM)
    while at >= 0:
        end = text.find(" ", at)
        if end < 0:
            end = len(text)
        pieces.append(text[text.rfind(" ", 0, at) + 1 : end])
        at = text.find(_LAM, end)
    return set(_WORD().findall(" ".join(pieces)))


def restore_lost_alef(text: str, config: Config) -> list[Change]:
    """Put back the alef a lam-alef ligature lost (`مقالت` → `مقالات`), in a text whose every lam-alef
    lost it.

    A word changes when the model knows the spelling with the alef far better than the word as it
    stands; the text as a whole must show the damage: at least two such words, and no lam-alef
    written right (two at most, against four times as many words restored). Text that writes
    lam-alef right keeps its words (`مثل`, `قبل`, `کل` are words too).

    >>> from dorost import fix
    >>> fix("تعداد مقالت منتشر شده معمولً زیاد است و تلش داوران کم")
    'تعداد مقالات منتشر شده معمولاً زیاد است و تلاش داوران کم'
    >>> fix("تعداد مقالات منتشر شده و تلاش داوران و مقالت")
    'تعداد مقالات منتشر شده و تلاش داوران و مقالت'
    """
    typed = len(LAM_ALEF_TYPED().findall(text))
    if typed > _MAX_TYPED:
        return []
    # What a word becomes is a function of the word alone, so the text's different words are
    # looked up once each; and as each restores one spelling at most, a text with fewer different
    # words than the spellings needed (most short texts) is done before any lookup. Each of those
    # words holds a lam: a text with fewer lams than that is done before it is split into words.
    needed = max(_MIN_WORDS, 4 * typed)
    if text.count(_LAM) < needed:
        return []
    words = _words_with_lam(text)
    if len(words) < needed:
        return []
    # (Most texts stop here: the spellings are counted without building the map of words to them.)
    if len(set(map(_with_alef, words)) - {None}) < needed:
        return []
    restored = {word: back for word in words if (back := _with_alef(word))}
    known = {word: found[0] for word in words if word not in restored and (found := _alef_spelling(word))}
    arabic = arabic_spans(text)  # an Arabic passage's words are its own
    changes = []
    for match in _WORD().finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if start in arabic:
            continue
        if word in restored:
            changes.append(Change(start, end, restored[word], 0.85))
        elif word in known and _reads_better_beside(text, start, end, known[word], restored):
            changes.append(Change(start, end, known[word], 0.7))
    return changes


def _reads_better_beside(text: str, start: int, end: int, spelling: str, restored: dict[str, str]) -> bool:
    """Whether the words on either side of ``text[start:end]`` (a word as it stands), across one space
    and as restored, read far better beside its ``spelling`` with the alef: LOST_ALEF_MIN_PAIRS."""
    model = shipped_model()
    if model is None:  # pragma: no cover - the model ships with the package
        return False

    def as_restored(_at: int, piece: str) -> str:
        return restored.get(piece, piece)

    return reads_better_between_neighbours(
        model, text, start, end, spelling, as_restored, min_pairs=LOST_ALEF_MIN_PAIRS, min_gain=LOST_ALEF_MIN_GAIN
    )
