"""Hostile shapes of text: each must give the right result in linear time.

Every case here once made a regular expression or loop in a fix go quadratic (or, for the run of
slashes, exponential). The sizes are chosen so that linear code finishes in a fraction of a second
while the old code would run for minutes to years: a regression shows as a hung test, and
``benchmarks/complexity.py`` measures the doubling ratios. Nothing here is timed.
"""

from __future__ import annotations

from dorost import Config, fix, repair, replay
from dorost.edits import Alignment, Change
from dorost.fixes.digits import unify_digits
from dorost.fixes.entities import decode_html_entities
from dorost.fixes.letters import unify_arabic_letters
from dorost.fixes.whitespace import normalize_whitespace
from dorost.script import arabic_spans
from dorost.text import url_spans

CONFIG = Config()
ARABIC_YEH = "\u064a"
PERSIAN_YEH = "\u06cc"


def test_a_run_of_slashes_is_not_a_path_and_does_not_backtrack() -> None:
    # Nested repetition in the path pattern once split a run of slashes every possible way.
    text = "/" * 60 + " و " + "/" * 60
    assert url_spans(text) == []
    path = "راه ../a//b/c.txt و ~/x"
    assert [path[start:end] for start, end in url_spans(path)] == ["../a//b/c.txt", "~/x"]


def test_a_long_latin_token_is_scanned_once() -> None:
    # The e-mail and path patterns once restarted at every letter of a long token.
    token = "abcdefghij0123456789" * 10_000
    text = f"{token} a/b x@y.ir {token}"
    spans = url_spans(text)
    assert [text[start:end] for start, end in spans] == ["a/b", "x@y.ir"]
    assert url_spans(token + "/") == []


def test_a_long_persian_token_beside_a_path_keeps_every_letter() -> None:
    token = "کتاب" * 50_000
    text = f"{token} a/b"
    assert [text[start:end] for start, end in url_spans(text)] == ["a/b"]


def test_a_long_run_of_spaces_inside_a_line_collapses() -> None:
    # `[ \t]+(?=\r?$)` once rescanned the run from every one of its spaces.
    text = "سلام" + " " * 200_000 + "دنیا"
    assert normalize_whitespace(text, CONFIG)[0].end - 4 == 200_000
    assert fix(text) == "سلام دنیا"


def test_trailing_spaces_are_still_trimmed() -> None:
    assert fix("سلام \t \nدنیا  ") == "سلام\nدنیا"


def test_many_blank_lines_in_the_middle_become_one() -> None:
    # A pattern anchored at the end of the text was once tried at every line break of the block.
    text = "سلام" + "\n \r\n" * 100_000 + "دنیا"
    assert fix(text) == "سلام\n\nدنیا"


def test_trailing_blank_lines_become_one_line_break() -> None:
    assert fix("سلام\n\n \n\t\r\n") == "سلام\n"
    assert fix("سلام" + "\n" * 100_000) == "سلام\n"
    # A carriage return inside a line is not a blank line: only the lines after it are trailing.
    changes = normalize_whitespace("a\n \r \n\n", CONFIG)
    assert [(c.start, c.end, c.after) for c in changes] == [(4, 5, ""), (5, 7, "\n")]


def test_numbers_on_one_long_line_are_judged_once_per_line() -> None:
    # The line of each number was once sliced and searched again for every number on it.
    text = "12\u0663 " * 50_000 + "\nسال ۱۴۰٣"
    changes = unify_digits(text, CONFIG)
    assert len(changes) == 50_001
    assert fix(text) == ("123 " * 50_000).rstrip() + "\nسال ۱۴۰۳"


def test_entities_among_many_urls_are_checked_by_bisection() -> None:
    text = "https://x.ir/?a=1&amp;b=2 &amp; " * 30_000
    changes = decode_html_entities(text, CONFIG)
    assert len(changes) == 30_000
    assert {text[c.start : c.end] for c in changes} == {"&amp;"}
    assert all(text[c.start - 1] == " " for c in changes)


def test_quotation_marks_that_never_close_are_scanned_once() -> None:
    text = ARABIC_YEH + " " + "«ب (ب ﴿ب " * 30_000
    assert not arabic_spans(text)
    assert [(c.start, c.after) for c in unify_arabic_letters(text, CONFIG)] == [(0, PERSIAN_YEH)]


def test_many_arabic_lines_keep_their_letters() -> None:
    # Each Arabic line once filtered every span found before it.
    line = "قال رسول الله في كتابه «على الناس»\n"
    text = line * 20_000
    spans = arabic_spans(text)
    assert len(line) * 19_999 + 5 in spans
    assert unify_arabic_letters(text, CONFIG) == []


def test_hostile_shapes_replay_and_keep_their_length_bounded() -> None:
    shapes = [
        "ب" + "\u200c" * 100_000 + "ب",
        "سلام " + "\u200e\u200f\u202b\u202c\u2067\u2069" * 20_000 + " Windows.",
        "&ndash&#1587&#x644 &abc&" * 10_000,
        "\ufeb3\ufefc\ufee1 " * 20_000,
    ]
    for text in shapes:
        result = repair(text)
        assert replay(result.original, result.edits) == result.text
        assert len(result.text) <= 2 * len(text)  # a lam-alef glyph becomes two letters


def test_changes_inside_one_replaced_region_keep_later_offsets() -> None:
    # Two changes inside a region an earlier step replaced once became two overlapping regions,
    # and every offset after them pointed one character too far (past the end of the input).
    alignment = Alignment()
    alignment.update([Change(0, 5, "abcde")])
    assert alignment.update([Change(1, 2, "x"), Change(3, 4, "y")]) == [(0, 5), (0, 5)]
    assert alignment.update([Change(5, 6, "")]) == [(5, 6)]
    assert alignment.update([Change(2, 2, "+"), Change(4, 4, "+"), Change(6, 7, "")]) == [(0, 5), (0, 5), (7, 8)]


def test_edits_of_a_reordered_line_stay_inside_the_input() -> None:
    text = "\u0620\u0643 \u0643\u06cc "  # found by the public property suite
    result = repair(text)
    assert replay(text, result.edits) == result.text
    assert all(0 <= edit.start <= edit.end <= len(text) for edit in result.edits)


def test_a_long_run_of_spaced_prefixes_is_joined_in_linear_time() -> None:
    # Each change once looked its position up by scanning every word of the run before it.
    text = "می شود " * 5_000
    assert fix(text) == " ".join(["می\u200cشود"] * 5_000)


def test_a_million_letter_token_is_left_as_it_is() -> None:
    # Segmenting costs about a millisecond a letter: a token longer than any glued phrase is not
    # segmented at all (restore_spacing.MAX_WORD).
    token = "کتابخانه" * 125_000
    assert len(token) == 1_000_000
    result = repair(token)
    assert result.text == token
    assert result.edits == ()
