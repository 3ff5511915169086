"""reads_better_between_neighbours: the one reading of a word between its neighbours that the letter fixes share."""

from __future__ import annotations

from collections.abc import Callable

from dorost.fixes.neighbours import reads_better_between_neighbours
from dorost.language import shipped_model


def _as_is(_at: int, word: str) -> str:
    return word


def _reads_better(
    text: str, word: str, spelling: str, min_pairs: int, min_gain: float, repaired: Callable[[int, str], str] = _as_is
) -> bool:
    model = shipped_model()
    assert model is not None
    start = text.index(word)
    return reads_better_between_neighbours(
        model, text, start, start + len(word), spelling, repaired, min_pairs=min_pairs, min_gain=min_gain
    )


def test_the_neighbours_choose_between_two_spellings_that_are_both_words() -> None:
    # بر خلاف انتظار (contrary to expectation): running text writes `بر خلاف` 21 times, `بر خلف` never.
    assert _reads_better("بر خلف انتظار", "خلف", "خلاف", 5, 6.0)
    assert not _reads_better("بر خلف انتظار", "خلف", "خلاف", 5, 12.0)  # each fix's own margin decides
    assert not _reads_better("بر خلف انتظار", "خلف", "خلاف", 100, 6.0)
    # قبل از (before): running text writes it so, and `قبلا از` reads worse.
    assert not _reads_better("روز قبل از آن", "قبل", "قبلا", 1, 0.0)


def test_a_neighbour_is_read_as_the_fix_repaired_it() -> None:
    # The word before (at 0), read as the fix would have it: here some other word, and the pair is gone.
    assert not _reads_better("بر خلف انتظار", "خلف", "خلاف", 5, 6.0, lambda at, word: "کتاب" if at == 0 else word)


def test_what_stands_outside_the_neighbours_changes_nothing_and_a_clause_break_cuts() -> None:
    # The model counts a pair of words a space apart whatever stands before the first: a quote or a
    # bracket before `بر` reads the same.
    for text in ("«بر خلف انتظار»", "(بر خلف انتظار)", "گفت «بر خلف انتظار» بود"):
        assert _reads_better(text, "خلف", "خلاف", 5, 6.0), text
    # A mark between the words, or a line break, is no pair: `بر` is no neighbour there.
    for text in ("بر، خلف انتظار", "بر\nخلف انتظار"):
        assert not _reads_better(text, "خلف", "خلاف", 5, 6.0), text


def test_a_run_of_letters_longer_than_any_word_is_no_neighbour() -> None:
    # The search around a word is bounded: a neighbour of 41 letters or more is not read at all
    # (read cut short it would be some other word); one of 40 is read.
    long = "ب" * 41
    assert not _reads_better(f"{long} خلف", "خلف", "خلاف", 1, -100.0)
    assert not _reads_better(f"خلف {long}", "خلف", "خلاف", 1, -100.0)
    assert _reads_better("ب" * 40 + " خلف", "خلف", "خلاف", 1, -100.0, lambda at, word: "بر" if at == 0 else word)
    assert not _reads_better(long + " خلف", "خلف", "خلاف", 1, -100.0, lambda at, word: "بر" if at == 0 else word)
