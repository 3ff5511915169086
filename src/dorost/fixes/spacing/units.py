"""What a reading of a stretch of letters is made of: units, and the separators between letters.

A reading writes a stretch as units (one word each, as a reading would spell it) with a separator after each letter:
nothing, a ZWNJ or a space. The input's separators are labelled finer (a space between two free words, nothing after
ه, nothing inside a known word, the author's kept ZWNJ), since what it costs to overrule one depends on which it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from dorost.chars import ZWNJ

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
RUN_TOGETHER = frozenset({NONE, AFTER_HEH, KNOWN_NONE, KEPT_NONE})
PLAIN = {FREE_SPACE: SPACE, AFTER_HEH: NONE, KNOWN_NONE: NONE, KEPT_NONE: NONE, KEPT_JOIN: JOIN}


@dataclass(frozen=True, slots=True)
class Unit:
    """One word of a reading, as the reading would write it."""

    spelling: str  # the word as it would be written, ZWNJ included
    index: int  # model id, 0 when unknown
    logprob: float  # unigram fallback score when unknown or generated
    unknown: bool = False  # a word of the input that the model does not know (not a generated analysis)
    stem: int = 0  # a known word and a possessive run onto it (پستانیشان): the word's model id, whose context scores it
