"""What the layout fixes share: lines with offsets, a scoring copy of words, the language model.

The layout fixes run before the letter fixes, so the text they see may still hold Arabic ي/ك,
presentation-form glyphs, kashida and diacritics. They score a private normalised copy of each
word (:func:`scoring_form`) and propose changes on the real text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple, Protocol

from dorost.chars import ARABIC_LETTER_CLASS, BIDI_EMBEDDINGS, BIDI_MARKS, KASHIDA, PRESENTATION_FORM_CLASS
from dorost.language import shipped_model
from dorost.patterns import lazy_pattern

# Invisible marks a line may end on after its final mark: the bidi marks (LRM, RLM, ALM), embeddings
# and isolates. Editors set a right-to-left mark after a full stop (``… است.\u200f``) so that it
# shows at the line's right end, and pdftotext closes its embeddings after one (``… باشد\u202a.\u202c
# \u202c``); neither is a character of the sentence. Read as one, pdftotext's text of
# chromium_prose.pdf had seven pairs of the declaration's articles joined (13 of its 22 paragraphs
# came back whole, 19 now; tests/test_pdftotext_text.py).
_INVISIBLE = BIDI_MARKS + BIDI_EMBEDDINGS
_CLOSING = "»)]\"'”’"
_TRAILING = _CLOSING + _INVISIBLE
_FINAL = (".", "!", "?", "؟", "…")
# Sentence-final punctuation (Persian and Latin), optionally followed by closing quotes/brackets and
# invisible marks, and up to three references (see _REFERENCE).
SENTENCE_END = re.compile(
    f"[.!?؟…][{re.escape(_TRAILING)}]*"
    r"(?:\s?(?:\[[0-9۰-۹٠-٩]{1,4}\]|\(?#[0-9]{1,7}\)?)){0,3}"
    f"[{_INVISIBLE}]*$"
)


def ends_sentence(text: str) -> bool:
    """``SENTENCE_END.search(text)`` for a line's content or a word (no line break), read from its end:
    a regex anchored at the end tries every position of a line, and every line is asked. Invisible
    marks (``_INVISIBLE``) and a reference (see :func:`_without_references`) after the final mark
    leave the sentence ended.

    >>> ends_sentence("کتاب را خواندم.»"), ends_sentence("کتاب. را"), ends_sentence("بهبود یافت. #99793")
    (True, False, True)
    """
    if text.rstrip(_TRAILING).endswith(_FINAL):
        return True
    text = text.rstrip(_INVISIBLE)
    if not text or text[-1] not in _REFERENCE_ENDS:
        return False  # no reference at the end (most text): the pattern is not asked
    bare = _without_references(text)
    return len(bare) < len(text) and bare.rstrip(_TRAILING).endswith(_FINAL)


# A reference set after a sentence's final mark: a footnote or citation number in brackets, as
# Persian Wikipedia prints them (``… پایتخت ایران است.[۲]``), or an issue or pull request number,
# as release notes end their entries (``… قابلیت اطمینان ساخت مصنوعات بهبود یافت. #99820``,
# openclaw-docs-fa-mt, one entry a line: 11 of the 99 joins made on 4,200 stretches of the shared
# corpora as their writers set them joined such an entry to the next).
_REFERENCE = lazy_pattern(r"\s?(?:\[[0-9۰-۹٠-٩]{1,4}\]|\(?#[0-9]{1,7}\)?)$")
_REFERENCE_ENDS = frozenset("])0123456789")
_MAX_REFERENCES = 3


def _without_references(text: str) -> str:
    """``text`` without the references at its end (three at most: ``است.[۱][۲]``), each read in its
    last few characters only."""
    for _ in range(_MAX_REFERENCES):
        tail = text[-12:]
        found = _REFERENCE().search(tail)
        if found is None:
            break
        text = text[: len(text) - len(tail) + found.start()]
    return text


# Words that never end a sentence or a heading: prepositions, conjunctions, the determiners این
# and هر, the object marker and a detached verbal prefix (Academy of Persian Language and
# Literature grammar: حروف اضافه، حروف ربط، را). Words that may end a phrase as nouns, pronouns or
# numerals (در این میان، موارد زیر، فصل یک، دو تا، همین) are left out. A line ending in one was cut
# from a sentence: ``حالا می\u200cتوانید ببینید که``.
# fmt: off
OPEN_WORDS = frozenset([
    "از", "به", "با", "در", "بر", "برای", "بی", "جز", "مانند", "مثل", "درباره", "بدون", "توسط", "طبق",
    "و", "یا", "که", "اگر", "اما", "ولی", "چون", "زیرا", "این", "هر", "را", "می", "نمی",
])
# fmt: on
# A word written in construct (ezafe) goes on to the word after it: a plural's ``های``
# (``ویژگی\u200cهای``), ``ی`` joined by a ZWNJ after a silent ``ه`` (``پروژه\u200cی``), ``هٔ`` or ``ۀ``
# (``دنبالهٔ``), a kasra after a letter (``مشکلِ``). Of the lines of the shared corpora (one paragraph
# a line) that end on one, every one was cut from its sentence (vitepress-docs-fa: ``… به طور
# خودکار ویژگی\u200cهای`` before ``target و rel …``; openlogic-fa-mt, perspelldata, http-explained-fa,
# firefox-l10n-fa's ``• روی دکمهٔ`` before a button's icon: 11 in all); none ends a paragraph or a
# heading. A final ZWNJ is no such sign: firefox-l10n-fa
# and farstail leave one after whole words (``پرونده\u200c``, ``… ضمیمه داشت\u200c``).
_YEH = "[\u06cc\u064a\u0649]"
_CONSTRUCT = lazy_pattern(
    f"(?:(?:^|[^\\W\\d_]\u200c?)\u0647\u0627{_YEH}|\u0647\u200c{_YEH}|\u0647\u0654|\u06c0|[^\\W\\d_]\u0650)$"
)


def in_construct(word: str) -> bool:
    """The word is written in construct (ezafe): its phrase goes on after it.

    >>> in_construct("ویژگی\u200cهای"), in_construct("پروژه\u200cی"), in_construct("مشکلِ")
    (True, True, True)
    >>> in_construct("ویژگی\u200cها"), in_construct("پروژه\u200cای"), in_construct("هوای")
    (False, False, False)
    """
    return _CONSTRUCT().search(word) is not None


# Clause punctuation after which a run may start afresh (the language model's clause break).
CLAUSE_END = re.compile(r"[.!?؟…،؛:;,»)\]]$")
PERSIAN_LETTER = re.compile(f"[{ARABIC_LETTER_CLASS}{PRESENTATION_FORM_CLASS}]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
EDGE_PUNCTUATION = "«»()[]{}\"'“”‘’.,!?؟،؛;:…-–—*•"
_MARKS = re.compile(f"[\u064b-\u0652\u0670{KASHIDA}]")
_PRESENTATION = re.compile(f"[{PRESENTATION_FORM_CLASS}]")


class Line(NamedTuple):
    """One line of the text: its offsets (``end`` excludes the line break), its text and its
    content (the text without the spaces around it, found once: every layout fix reads it)."""

    start: int
    end: int
    text: str
    content: str

    @property
    def blank(self) -> bool:
        return not self.content


# The last text split and its lines: the layout fixes (visual order, page furniture, runs, joins) split
# the very same text one after another in each round of the pipeline (on text wrapped at 70 columns,
# 343 of 652 splits). Only a short text's lines are kept: a long one's would stay alive after its run.
_LAST_SPLIT: tuple[str, list[Line]] | None = None
_KEPT_SPLIT = 1 << 16  # characters


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets; a ``\\r`` before the break is not content.

    (Each call returns a list of its own: a caller may change it.)
    """
    global _LAST_SPLIT
    last = _LAST_SPLIT
    if last is not None and last[0] is text:
        return list(last[1])
    lines = _split_lines(text)
    if len(text) <= _KEPT_SPLIT:
        _LAST_SPLIT = (text, lines)
        return list(lines)
    return lines


def _split_lines(text: str) -> list[Line]:
    pieces = text.split("\n")
    starts = list(accumulate([len(piece) + 1 for piece in pieces[:-1]], initial=0))
    if "\r" not in text:
        # (Each line made by tuple.__new__ itself: a NamedTuple's own __new__ is a Python function. The
        # 154 documents of 0.5 MB wrapped at 70 are split in 1.8 ms, 2.6 before.)
        return [
            _new_line(Line, (start, start + len(piece), piece, piece.strip()))
            for start, piece in zip(starts, pieces, strict=True)
        ]
    lines: list[Line] = []
    for start, piece in zip(starts, pieces, strict=True):
        piece = piece.removesuffix("\r")
        lines.append(Line(start, start + len(piece), piece, piece.strip()))
    return lines


_new_line = tuple.__new__


def has_persian(text: str) -> bool:
    return PERSIAN_LETTER.search(text) is not None


# Verse: this many pairs of successive line ends at least, this share of them ending alike.
_MIN_VERSES = 4
_RHYME_SHARE = 0.6


def ends_rhyme(lines: list[Line], indexes: list[int]) -> bool:
    """Verse: most of these lines end like the one before them (a ghazal's rhyme and refrain).

    One couplet a line (``… ولی افتاد مشکل\u200cها`` / ``… چه خون افتاد در دل\u200cها``) has the length of
    wrapped prose and no full stops, but each line ends in its poem's rhyme; in wrapped prose a
    line ends in the same two letters as the line before it a fifth of the time at most (20 % in
    the layout benchmark's wrapped and run-damaged documents, none in the sample article).
    """
    pairs = alike = 0
    left = len(indexes)  # less one for each line read: the pairs not read yet
    before, ending = "", ""  # the line before and the last two letters of its last word
    for index in indexes:
        content = lines[index].content
        words = content.rsplit(None, 1)
        letters = _last_letters(words[-1], 2) if words else ""
        left -= 1
        # A line repeated whole is no rhyme (a table's cells, a copied line).
        if ending and letters and content != before:
            pairs += 1
            alike += letters == ending
            # Even if every pair left ended alike, the share would stay short: prose is told halfway.
            # (An integer below 0.6 n as a float is below 0.6 n: the float test gives the exact answer.)
            if alike + left < _RHYME_SHARE * (pairs + left):
                return False
        before, ending = content, letters
    return pairs >= _MIN_VERSES and alike >= _RHYME_SHARE * pairs


# A short poem: this many lines, every one ending in the same last letters, this many of them.
_SHORT_POEM = 4
_RHYME_LETTERS = 3


def short_poem(lines: list[Line], indexes: list[int]) -> bool:
    """Verse too short for :func:`ends_rhyme`: these are four lines, each ending in the same last
    three letters, none on a word that cuts a phrase short.

    Four couplets of a ghazal quoted alone (``… ولی افتاد مشکل\u200cها`` / ``… چه خون افتاد در
    دل\u200cها`` / ``… بربندید محمل\u200cها`` / ``… راه و رسم منزل\u200cها``) give too few pairs of
    line ends for a share to mean anything, but a rhyme and its refrain end every line alike. Wrapped
    prose whose lines end alike ends on a common word (``… برنج`` three times, then a sentence's
    end), not four lines in a row; a word in construct or a preposition (``… های``) is no rhyme.
    """
    if len(indexes) != _SHORT_POEM:
        return False
    endings = {_monorhyme(lines[index].content) for index in indexes}
    return len(endings) == 1 and "" not in endings and len({lines[index].content for index in indexes}) == _SHORT_POEM


# Verse one couplet a line: this many lines at least, this share of them rhyming within themselves,
# the word that ends the first hemistich this share of the line's length at most from its middle.
# In wrapped prose the word at a line's middle ends like its last word (neither a preposition, a
# conjunction nor in construct) in 5 to 7 % of the lines that end no sentence (benchmarks/layout.py
# wrapped and headed documents, news seeds 7 and 1, shippable seed 7), in no document more than 22 %.
_MIN_COUPLETS = 4
_COUPLET_SHARE = 0.75
_HEMISTICH_SLACK = 0.2


def _last_letters(word: str, count: int) -> str:
    """The word's last ``count`` letters, past any marks and punctuation after them ("" if it has fewer)."""
    tail = word[-count:]
    if len(tail) == count and tail.isalpha():
        return tail  # a word mostly ends in letters: they are its last ones
    letters = ""
    for ch in reversed(word):  # from the end: a line's every word is read, and only its end counts
        if ch.isalpha():
            letters = ch + letters
            if len(letters) == count:
                return letters
    return ""


def _rhymes_within(content: str) -> bool:
    """The line's first half ends on a word that ends like its last word: a couplet's two hemistichs
    (``بشنو این نی چون شکایت می\u200cکند از جدایی\u200cها حکایت می\u200cکند``)."""
    words = content.split()
    # (The letters first: a word's last two are read in C; _may_rhyme asks a regex.)
    ending = _last_letters(words[-1], 2) if len(words) >= _MIN_COUPLETS else ""
    if not ending or not _may_rhyme(words[-1]):
        return False
    middle, slack, reach = len(content) / 2, _HEMISTICH_SLACK * len(content), 0
    for word in words[:-1]:
        reach += len(word)
        if reach - middle > slack:
            break  # past the middle's reach, and the words after reach further
        if (
            abs(reach - middle) <= slack
            and _last_letters(word, 2) == ending
            and _may_rhyme(word)
            and not _suffix_alone(word, words[-1])
        ):
            return True
        reach += 1
    return False


# Endings a word takes as a suffix (plurals, the ی of adjectives and of the indefinite), longest first.
_RHYME_SUFFIXES = ("هایی", "های", "ها", "یان", "ان", "ات", "یی", "ای", "ی")
# A stem shorter than this may end in the suffix's letters as a word of its own (جهان, زمان, رسان).
_RHYME_STEM = 3


# A word's end that holds its suffixes and enough of its stem (each word is read this far at most:
# a line of many words ending alike before one very long word stays linear).
_RHYME_TAIL = 16


def _letters(word: str) -> str:
    """The letters of the word's end (:data:`_RHYME_TAIL` characters) and the ZWNJs between them."""
    return "".join(ch for ch in word[-_RHYME_TAIL:] if ch.isalpha() or ch == "\u200c").strip("\u200c")


def _suffix_alone(word: str, other: str) -> bool:
    """The two words end alike only in a suffix both take, their stems ending in other letters:
    no rhyme (Persian prosody calls it ایطا, a fault), and wrapped prose shows it by chance
    (``… خوکان دریایی گروه وسیعی از جانوران``, ``… دریایی، … و برخی گونه\u200cهایی``).
    A couplet's rhyme falls on its stem (``فراق`` / ``اشتیاق``, ``یاران`` / ``باران``).

    >>> _suffix_alone("خوکان", "جانوران"), _suffix_alone("دریایی،", "گونه\u200cهایی")
    (True, True)
    >>> _suffix_alone("یاران", "باران"), _suffix_alone("زمان", "جهان"), _suffix_alone("ناولها", "مشکل\u200cها")
    (False, False, False)
    """
    first, second = _letters(word), _letters(other)
    for suffix in _RHYME_SUFFIXES:
        if first.endswith(suffix) and second.endswith(suffix):
            first, second = _letters(first[: -len(suffix)]), _letters(second[: -len(suffix)])
            if min(len(first.replace("\u200c", "")), len(second.replace("\u200c", ""))) < _RHYME_STEM:
                return False
            # A plural written after a ZWNJ before the suffix is a suffix too (گونه\u200cهایی).
            first, second = first.removesuffix("\u200cها"), second.removesuffix("\u200cها")
            return first[-1:] != second[-1:]
    return False


def _may_rhyme(word: str) -> bool:
    """A rhyme falls on no preposition, conjunction or word in construct: prose lines end alike on
    those by chance (``… علوم در`` with ``را در`` at its middle)."""
    return word not in OPEN_WORDS and not in_construct(word)


def couplets_a_line(lines: list[Line], indexes: list[int]) -> bool:
    """Verse one couplet a line, each couplet with its own rhyme (a masnavi): most of these lines
    rhyme within themselves, the first hemistich's end with the second's.

    Rumi's ``… شکایت می\u200cکند از جدایی\u200cها حکایت می\u200cکند`` / ``… مرا ببریده\u200cاند در نفیرم مرد و
    زن نالیده\u200cاند`` / ``… شرحه شرحه از فراق تا بگویم شرح درد اشتیاق`` end no sentence and are as
    long as wrapped prose, and no line ends like the one before it (:func:`ends_rhyme` finds no verse).
    """
    if len(indexes) < _MIN_COUPLETS:
        return False
    needed = _COUPLET_SHARE * len(indexes)
    misses = 0
    for index in indexes:
        if not _rhymes_within(lines[index].content):
            misses += 1
            if len(indexes) - misses < needed:
                return False  # too few lines left to rhyme: prose is told after a quarter of its lines
    return True


def is_verse(lines: list[Line], unended: list[int], pairs: list[int] | None = None) -> bool:
    """A poem rather than prose: ``unended`` (the lines that end no sentence) end alike
    (:func:`ends_rhyme`, read on ``pairs`` where given: the lines before a line that goes on), four of
    them end in one rhyme (:func:`short_poem`), or they rhyme within themselves (:func:`couplets_a_line`).
    Paragraphs and page furniture read a document's verse the same way: its lines are kept, and its
    numbers are no page numbers."""
    return (
        ends_rhyme(lines, unended if pairs is None else pairs)
        or short_poem(lines, unended)
        or couplets_a_line(lines, unended)
    )


# Verse quoted among prose: this many lines in a row at least, each a couplet rhyming within itself,
# or each ending in the same last three letters (a ghazal's rhyme and refrain). benchmarks/layout.py
# documents of all five kinds, 72,000 lines over news seeds 7, 1 and 11, shippable seed 7 and both
# seed 3, hold no such run of lines of Persian alone with no full stop in them.
_VERSE_RUN = 3
# No sentence ends inside a couplet's line: prose does (``… نشان داده است. آسمان``), and no full
# stop stands in it at all (prose printed last-first, visual order, shows ``.تسا`` at its start).
_PROSE_MARK = lazy_pattern(r"\S[!?؟]\s+\S|\.")


def _verse_like(content: str) -> bool:
    """A line that may be a couplet: Persian words alone, no sentence ending in it or at its end."""
    return (
        "." not in content  # a full stop anywhere is a prose mark (see _PROSE_MARK)
        and LATIN_LETTER.search(content) is None
        and not ends_sentence(content)
        and not (("!" in content or "?" in content or "؟" in content) and _PROSE_MARK().search(content))
    )


def _monorhyme(content: str) -> str:
    """The last three letters of the line's last word, where a rhyme may fall on it (else "")."""
    word = content.rsplit(None, 1)[-1]
    return _last_letters(word, _RHYME_LETTERS) if _may_rhyme(word) else ""


def quoted_verse(lines: list[Line], indexes: list[int]) -> set[int]:
    """Lines of verse among these (in order, with content): runs of three lines in a row at least, each a couplet
    rhyming within itself (a masnavi, see :func:`couplets_a_line`) or each ending in the same last
    three letters (a ghazal one couplet a line, see :func:`short_poem`).

    A poem quoted in an article (``… در یکی از غزل\u200cهایش چنین می\u200cگوید:`` and three couplets of
    Hafez, then prose again) is as long as the prose lines around it and ends no sentence: its lines
    were joined to one another and to the paragraph after them.
    """
    count = len(indexes)
    # Three lines in a row hold one at a place 2 (mod 3), an anchor: the others are read only beside
    # an anchor that has what a run needs (in prose, a third of the lines are read, and few beside them).
    # Each line read is first asked whether it may be a couplet, once (None: not asked yet; "": it may not).
    contents: list[str | None] = [None] * count

    def verse_like(at: int) -> str:
        content = contents[at]
        if content is None:
            content = lines[indexes[at]].content
            content = contents[at] = content if content and _verse_like(content) else ""
        return content

    verse: set[int] = set()
    for test in (_rhymes_within, _monorhyme):
        values: list[object] = [None] * count
        found: list[int] = []
        for at in range(2, count, 3):
            content = verse_like(at)
            if content:
                values[at] = value = test(content)
                if value:
                    found.append(at)
        if not found:
            continue  # every run of three holds an anchor: without one, no run
        for anchor in found:
            for at in (anchor - 2, anchor - 1, anchor + 1, anchor + 2):
                if 0 <= at < count and values[at] is None:
                    content = verse_like(at)
                    if content:
                        values[at] = test(content)
        verse.update(verse_runs(indexes, values))
    return verse


def verse_runs(indexes: list[int], values: list[object]) -> list[int]:
    """The lines (``indexes``, with content) in runs of ``_VERSE_RUN`` or more in a row whose ``values`` (what a
    verse test found in each: True for a couplet, the rhyme for a monorhyme; falsy for none) are one and the same.
    Blank lines are not among ``indexes``, so they may set couplets apart; any other line ends a run.

    >>> verse_runs([0, 1, 2, 3, 5], ["ار", "ار", None, "ار", "ار"]), verse_runs([4, 6, 8], [True] * 3)
    ([], [4, 6, 8])
    """
    found: list[int] = []
    run: list[int] = []
    mark: object = None
    for index, value in zip([*indexes, -1], [*values, None], strict=True):
        if value and run and value == mark:
            run.append(index)
            continue
        if len(run) >= _VERSE_RUN:
            found += run
        run, mark = ([index], value) if value else ([], None)
    return found


@lru_cache(maxsize=1 << 17)
def scoring_form(word: str) -> str:
    """The form of a word the language model is asked about: no edge punctuation, base letters.

    >>> scoring_form("«كتاب،") == "کتاب"
    True
    """
    word = word.strip(EDGE_PUNCTUATION)
    if _PRESENTATION.search(word):
        word = unicodedata.normalize("NFKC", word)
    return base_letters(word)


def base_letters(text: str) -> str:
    """``text`` without vowel marks and kashida, Arabic ي ى ك written ی ی ک (one word or many joined).

    >>> base_letters("كُتُبـي") == "کتبی"
    True
    """
    return _MARKS.sub("", text).replace("ي", "ی").replace("ى", "ی").replace("ك", "ک")


class WordModel(Protocol):
    """The part of :class:`dorost.language.LanguageModel` the layout fixes use."""

    def is_word(self, word: str) -> bool: ...

    def word_count(self, word: str) -> int: ...

    def bigram_count(self, prev: str, word: str) -> int: ...

    def bigram_logprob(self, prev: str, word: str) -> float: ...

    def word_logprob(self, word: str) -> float: ...

    def __hash__(self) -> int: ...  # its scores are remembered per model


# The shipped language model, or ``None`` when it cannot be loaded (the fixes then abstain): the
# loader every fix shares, under the name the layout fixes know it by.
language_model: Callable[[], WordModel | None] = shipped_model
