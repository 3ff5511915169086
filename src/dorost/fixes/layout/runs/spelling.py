"""The repaired line: its runs in reverse order, each border written as the document writes the pair.

Extraction turns a ZWNJ at a run border into a gap (`بین` | `المللی`), so a repair puts back what stood there: the
document's own spelling of the pair or of its affix (:class:`Spelling`), else the model's (:func:`restored_line`).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from dorost.chars import NON_JOINING, ZWNJ
from dorost.fixes.layout._common import PERSIAN_LETTER, WordModel, scoring_form
from dorost.language.model import LanguageModel, normalize_word

# A part that the model's text writes after a ZWNJ (as a word's last part) this many times at least,
# and more than twice as often as a word of its own, is bound (`ترین`, `هایی`, `شان`, the ezafe `ی`).
_BOUND_MIN = 20
_BOUND_RATIO = 2.0
# The verbal prefixes' words (`می\u200cدهد`) do not make their stems bound: `دهد` stands alone after a noun.
_VERBAL_HEADS = frozenset(("می", "نمی"))


def _compound(model: WordModel, left: str, right: str) -> bool:
    """True when ``left`` + ZWNJ + ``right`` is the usual spelling of the pair (`بین\u200cالمللی`), or the
    model knows the pair neither way and ``right`` is a bound part (`وسیع` + `ترین`, see :func:`_bound`).

    >>> from dorost.language import model
    >>> _compound(model(), "بین", "المللی"), _compound(model(), "وسیع", "ترین"), _compound(model(), "و", "آن")
    (True, True, False)
    """
    # The border falls inside the word, so the letters meet there: punctuation may stand only
    # outside the pair (`می` + `کنیم،` is `می\u200cکنیم،`).
    if not (PERSIAN_LETTER.match(left[-1:]) and PERSIAN_LETTER.match(right[:1])):
        return False
    a, b = scoring_form(left), scoring_form(right)
    if not a or a[-1] in NON_JOINING:
        return False
    joined = a + ZWNJ + b
    together, apart = model.word_count(joined), model.bigram_count(a, b)
    if together or apart:
        return model.is_word(joined) and together > apart
    # A pair the model never saw, either way: a run border cut it at a ZWNJ where its right part is
    # bound. Extraction cuts runs at ZWNJ glyphs, and the suffix then stands first in a run
    # (`ستاره | هایی`, `دانه | شان`: news and shippable text of benchmarks/layout.py, seeds 7 and 1,
    # 8 of 1,891 borders in lines put back in their order were spelt apart; none spelt joined wrongly).
    return isinstance(model, LanguageModel) and _bound(model, normalize_word(b.partition(ZWNJ)[0]))


@functools.cache
def _bound_parts(model: LanguageModel) -> Counter[str]:
    """How often the model's text writes each part last in a word after a ZWNJ (`ترین` in
    `بزرگ\u200cترین`), the verbal prefixes' words apart (see :data:`_VERBAL_HEADS`)."""
    tails: Counter[str] = Counter()
    for word in model.ids:
        head, zwnj, tail = word.rpartition(ZWNJ)
        if zwnj and head and tail and head.partition(ZWNJ)[0] not in _VERBAL_HEADS:
            tails[tail] += model.word_count(word)
    return tails


def _bound(model: LanguageModel, part: str) -> bool:
    """True for a part the model's text writes mostly as a word's last part after a ZWNJ."""
    after = _bound_parts(model)[part]
    return after >= _BOUND_MIN and after > _BOUND_RATIO * model.word_count(part)


# Affixes that news text writes now with ZWNJ, now apart (`دگرگونی\u200cهای` and `دگرگونی های`,
# `می\u200cکنند` and `می کنند`, `پرداخته\u200cاست` and `پرداخته است`): at a run border between a word and
# one of them, the document's own habit says which it is (see :class:`Spelling`). The tails that
# follow a participle or a silent ه are counted only after a word ending in ه: after other words
# `است` stands apart as a matter of course.
_TAILS = frozenset(("ها", "های", "هایی"))
_TAILS_AFTER_HEH = frozenset(("ای", "است", "اند", "ام", "اید", "ایم"))
_HEADS = frozenset(("می", "نمی"))
# Prefixes that make compounds written now with ZWNJ, now apart (`به\u200cشدت` and `به شدت`,
# `هم\u200cنام`, `بی\u200cدرنگ`); a text keeps one habit with each across its compounds. A common word
# that opens compounds too (`این\u200cجا`, `یک\u200cسالگی`) has no such habit: a text that writes
# `این که` apart writes `این\u200cجا` (news seeds 1-14 of benchmarks/layout.py, 3 lines).
_COMPOUND_HEADS = frozenset(("به", "هم", "بی"))
# A habit is the document's when it shows it at least this often and at least twice as often as
# the other spelling.
_HABIT_MIN = 2


def _affix(left: str, right: str) -> str | None:
    """The affix whose spelling decides the pair, if any: the tail (marked ``+``) or the head."""
    if right in _TAILS or (right in _TAILS_AFTER_HEH and left.endswith("ه")):
        return "+" + right
    return left if left in _HEADS else None


@dataclass(frozen=True, slots=True)
class Spelling:
    """How a document writes word pairs that may be one word: with ZWNJ (joined) or apart.

    Extraction turns a ZWNJ at a run border into a gap, so the repair must put back what stood
    there. The model's spelling (`بین\u200cالمللی`) is the usual one, but a text keeps its own (ParsiNLU
    news writes `به\u200cشمار`, `دگرگونی\u200cهای`, `می کنند` and `عملیات های`; measured on news seeds 2 and
    3 of benchmarks/layout.py: 52 of 1079 lines had every run in place and the wrong spelling at a
    border). The same pair elsewhere in the document decides; else the document's habit with the
    affix (`های`, `می`); else, for a pair the model knows as one word, the habit with its prefix
    (``_COMPOUND_HEADS``) in the other such pairs (a text that writes `به دلیل` and `به خصوص`
    writes `به شدت`); else the model. (Counting the nearest lines first restored no more.)

    >>> spelling = Spelling.of("دگرگونی\u200cهای جامعه و ورزش\u200cهای تازه")
    >>> spelling.joined("عملیات", "های"), spelling.joined("به", "شمار")
    (True, None)
    """

    # How often each pair and each affix is written with ZWNJ and apart; and, per prefix, the
    # pairs the model knows as one word (`به\u200cشدت`, `به\u200cدلیل`): a text that writes those apart
    # writes the next one apart too.
    pairs: dict[tuple[str, str], list[int]]
    affixes: dict[str, list[int]]
    heads: dict[str, list[int]]
    model: WordModel | None = None

    @classmethod
    def of(cls, text: str, model: WordModel | None = None) -> Spelling:
        spelling = cls({}, {}, {}, model)
        for line in text.split("\n"):
            previous = ""
            for token in line.split():
                parts = [scoring_form(part) for part in token.split(ZWNJ)]
                if previous and PERSIAN_LETTER.match(token[:1]):
                    spelling._count(previous, parts[0], False)
                for left, right in pairwise(parts):
                    spelling._count(left, right, True)
                previous = parts[-1] if PERSIAN_LETTER.match(token[-1:]) else ""
        return spelling

    def _count(self, left: str, right: str, joined: bool) -> None:
        if left and right and left[-1] not in NON_JOINING:
            self.pairs.setdefault((left, right), [0, 0])[0 if joined else 1] += 1
            affix = _affix(left, right)
            if affix is not None:
                self.affixes.setdefault(affix, [0, 0])[0 if joined else 1] += 1
            elif left in _COMPOUND_HEADS and self._known(left, right):
                self.heads.setdefault(left, [0, 0])[0 if joined else 1] += 1

    def _known(self, left: str, right: str) -> bool:
        """True when the model writes the pair as one word at least a tenth as often as apart:
        `به\u200cدلیل`, `به\u200cعنوان`, not `به\u200cآن` (once in the model, against 248 apart)."""
        if self.model is None:
            return False
        together = self.model.word_count(left + ZWNJ + right)
        return together > 0 and 10 * together >= self.model.bigram_count(left, right)

    def joined(self, left: str, right: str) -> bool | None:
        """True when the document writes the pair as one word with ZWNJ, False when apart,
        ``None`` when it does not show."""
        if not (PERSIAN_LETTER.match(left[-1:]) and PERSIAN_LETTER.match(right[:1])):
            return None
        # The parts that meet at the border (`ویژه` + `برنامه\u200cهای`: ویژه and برنامه).
        a, b = scoring_form(left).rpartition(ZWNJ)[2], scoring_form(right).partition(ZWNJ)[0]
        if not a or not b or a[-1] in NON_JOINING:
            return None
        together, apart = self.pairs.get((a, b), (0, 0))
        if together != apart:
            return together > apart
        affix = _affix(a, b)
        together, apart = self.affixes.get(affix, (0, 0)) if affix is not None else (0, 0)
        if together >= max(_HABIT_MIN, 2 * apart):
            return True
        if apart >= max(_HABIT_MIN, 2 * together):
            return False
        if a in _COMPOUND_HEADS and self._known(a, b):
            together, apart = self.heads.get(a, (0, 0))
            if together >= max(_HABIT_MIN, 2 * apart):
                return True
            if apart >= max(_HABIT_MIN, 2 * together):
                return False
        return None


def restored_line(
    words: list[str], gaps: list[str], cuts: list[int], model: WordModel, spelling: Spelling | None = None
) -> str:
    """The line with its runs in reverse order; a border that splits a compound gets its ZWNJ back
    (as the document spells the pair, see :class:`Spelling`, else as the model does)."""
    starts = [0, *(c + 1 for c in cuts)]
    ends = [*cuts, len(words) - 1]
    runs = []
    for start, end in zip(starts, ends, strict=True):
        pieces = [words[start]]
        for i in range(start, end):
            pieces.append(gaps[i])
            pieces.append(words[i + 1])
        runs.append(pieces)
    out: list[str] = []
    for run in reversed(runs):
        if out:
            joined = spelling.joined(out[-1], run[0]) if spelling is not None else None
            out.append(ZWNJ if (_compound(model, out[-1], run[0]) if joined is None else joined) else " ")
        out.extend(run)
    return "".join(out)
