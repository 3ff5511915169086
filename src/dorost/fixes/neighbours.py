"""A word read between its neighbours: how the letter fixes choose between two spellings that are both words.

restore_lam_alef (`مثال` or `مثلا`) and restore_lost_alef (`خلف` or `خلاف`) each meet words whose
both spellings the model knows; the counts of the words alone cannot choose there, the words beside
them can: `بر خلاف انتظار`, `که قبلا در`. Each fix keeps its own margins; the reading is one.
"""

from __future__ import annotations

from collections.abc import Callable

from dorost.chars import ARABIC_LETTER_CLASS, ARABIC_MARK_CLASS
from dorost.language import LanguageModel
from dorost.patterns import lazy_pattern

# A neighbour is read this far at most (no word the model holds is longer): a longer run of
# letters is no neighbour, and the search around each word stays bounded.
_MAX_NEIGHBOUR = 40
# A word as the model counts its pairs: letters and their marks, its parts joined by ZWNJ. Pairs
# are words a space apart in running text, whatever stands before the first or after the second
# (`«قبلا در`); anything but a space between them (a mark, a line break) is a clause break.
_IN_WORD = f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}\u200c]"
_WORD_BEFORE = lazy_pattern(f"(?<!{_IN_WORD})({_IN_WORD}{{1,{_MAX_NEIGHBOUR}}}) \\Z")
_WORD_AFTER = lazy_pattern(f" ({_IN_WORD}{{1,{_MAX_NEIGHBOUR}}})(?!{_IN_WORD})")


def reads_better_between_neighbours(
    model: LanguageModel,
    text: str,
    start: int,
    end: int,
    spelling: str,
    repaired: Callable[[int, str], str],
    *,
    min_pairs: int,
    min_gain: float,
) -> bool:
    """Whether the words one space before and after ``text[start:end]`` read far better beside ``spelling``.

    Running text must write ``spelling`` beside them at least ``min_pairs`` times (both pairs
    together), and the two-sided smoothed pair log-probability (natural log) must be at least
    ``min_gain`` higher with ``spelling`` than with the word as it stands. The word before is scored
    as the word's context, a clause start where there is none; the word after as what follows it,
    where there is one. ``repaired(start, word)`` gives each neighbour as the fix restores it (a
    neighbour damaged the same way is read mended).

    >>> from dorost.language import shipped_model
    >>> model = shipped_model()
    >>> def as_is(at, word):
    ...     return word
    >>> reads_better_between_neighbours(model, "بر خلف انتظار", 3, 6, "خلاف", as_is, min_pairs=5, min_gain=6.0)
    True
    >>> reads_better_between_neighbours(model, "در کل کشور", 3, 5, "کلا", as_is, min_pairs=1, min_gain=0.0)
    False
    """
    word = text[start:end]
    before = _WORD_BEFORE().search(text, max(0, start - _MAX_NEIGHBOUR - 1), start)
    after = _WORD_AFTER().match(text, end)
    prev = "" if before is None else repaired(before.start(1), before.group(1))
    following = None if after is None else repaired(after.start(1), after.group(1))
    pairs = model.bigram_count(prev, spelling) if prev else 0
    if following is not None:
        pairs += model.bigram_count(spelling, following)
    if pairs < min_pairs:
        return False  # most words: the pairs fall short, and nothing is scored
    gain = model.bigram_logprob(prev, spelling) - model.bigram_logprob(prev, word)
    if following is not None:
        gain += model.bigram_logprob(spelling, following) - model.bigram_logprob(word, following)
    return gain >= min_gain
