"""Word classes: class pairs smoothed cell by cell, so that a sparse row reads as its parts of speech."""

from __future__ import annotations

from dorost.language.classes import classes


def test_a_sparse_cell_reads_as_its_parts_of_speech() -> None:
    # `بررسی` is a frequent word with a class of its own; the running text never shows it right
    # after a verb (a clause ends there first), a cell expected only a few times. Smoothed by two
    # pairs' worth of the column's share per row, the pair read 3,700 times less likely than its
    # words (-8.2), ten times less than a verb before another noun; a modal before the noun it
    # governs (`ممکن است بخواهند بررسی کنند`) read so too, and good lines were reordered.
    c = classes()
    other_noun = c.association("نوشتند", "کتاب")
    own_class = c.association("نوشتند", "بررسی")
    assert own_class < 0 and other_noun < 0
    assert own_class > other_noun - 2.0
    # A modal is a class of its own: it stands before the verb it governs or that verb's object.
    assert c.association("بخواهند", "بررسی") > own_class
    assert c.association("بخواهند", "بررسی") > -1.0


def test_a_filled_cell_keeps_its_own_count() -> None:
    # Cells the text fills are their own evidence, whatever their parts of speech say: `قرار`
    # (a class of its own) before a verb, `است` before `که`, a preposition before a noun and not a
    # verb.
    c = classes()
    assert c.association("قرار", "گرفت") > 2.0
    assert c.association("است", "که") > 1.5
    assert c.association("به", "کتاب") > 0 > c.association("به", "می\u200cنویسیم")
