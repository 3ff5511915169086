"""The pipeline's contract: named fixes, switches, offsets into the input, replay, fixed point."""

from __future__ import annotations

import dataclasses
import random

import pytest

from dorost import Config, fix, repair, replay
from dorost.edits import Alignment, Change, Edit, ReplayError, apply_changes
from dorost.fixes import Fix
from dorost.pipeline import FIXES, FixError, _plan, run


def test_every_fix_has_a_switch_and_every_switch_a_fix() -> None:
    assert {fix_.name for fix_ in FIXES} == set(Config.fix_names())


def test_fix_names_are_verb_object_and_documented() -> None:
    for fix_ in FIXES:
        assert "_" in fix_.name and fix_.name.islower()
        assert fix_.summary and fix_.summary != fix_.name
        assert fix_.function.__name__ == fix_.name


def test_config_is_immutable_and_validated() -> None:
    config = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.digits = "latin"  # type: ignore[misc]
    with pytest.raises(ValueError, match="digits"):
        Config(digits="roman")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown fix"):
        config.with_fixes(skip=["no_such_fix"])


def test_a_switched_off_fix_does_nothing() -> None:
    text = "اين كتاب &ndash; خوب"
    config = Config().with_fixes(skip=["unify_arabic_letters"])
    result = repair(text, config)
    assert "كتاب" in result.text and "–" in result.text
    assert all(edit.fix != "unify_arabic_letters" for edit in result.edits)


def test_equal_configs_share_one_plan_and_a_different_one_gets_its_own() -> None:
    # dorost.fix(text) makes a new Config per call: an equal one must not rebuild the plan.
    assert _plan(Config(), FIXES) is _plan(Config(), FIXES)
    skipping = _plan(Config().with_fixes(skip=["unify_arabic_letters"]), FIXES)
    assert [f.name for f in skipping.active] == [f.name for f in FIXES if f.name != "unify_arabic_letters"]
    assert fix("اين كتاب", unify_arabic_letters=False) == "اين كتاب"
    assert fix("اين كتاب") == "این کتاب"


def test_the_last_plan_is_taken_only_for_the_very_same_config_and_fixes() -> None:
    # The plan last asked for is found by identity; another config, another tuple of fixes, or a
    # list of fixes changed since (never remembered) each get the plan they ask for.
    config = Config()
    assert _plan(config, FIXES) is _plan(config, FIXES)
    assert [f.name for f in _plan(config, FIXES[:3]).active] == [f.name for f in FIXES[:3]]
    fixes = list(FIXES[:2])
    assert [f.name for f in _plan(config, fixes).active] == [f.name for f in FIXES[:2]]
    fixes.append(FIXES[2])
    assert [f.name for f in _plan(config, fixes).active] == [f.name for f in FIXES[:3]]
    off = Config().with_fixes(skip=["unify_digits"])
    assert "unify_digits" not in [f.name for f in _plan(off, FIXES).active]
    assert "unify_digits" in [f.name for f in _plan(config, FIXES).active]
    assert run("كتاب ١", off).text == "کتاب ١"
    assert run("كتاب ١", config).text == "کتاب ۱"


def test_offsets_map_to_the_original_after_several_fixes() -> None:
    # Entity decoding shortens the text before the letter and whitespace fixes run.
    text = " &laquo;كتاب&raquo;  و  &ndash; سال ١٤٠٣"
    result = repair(text)
    assert result.text == "«کتاب» و – سال ۱۴۰۳"
    for edit in result.edits:
        if edit.fix == "unify_arabic_letters":
            assert text[edit.start : edit.end] == "ك"
        if edit.fix == "unify_digits":
            assert text[edit.start : edit.end] in "١٤٠٣"
    assert replay(text, result.edits) == result.text


def test_edit_of_an_edited_region_covers_the_whole_original_region() -> None:
    alignment = Alignment()
    # "&#1603;" (7 characters) becomes "ك", then "ك" becomes "ک": the second edit spans all 7.
    text = "a &#1603; b"
    first = [Change(2, 9, "ك")]
    assert alignment.update(first) == [(2, 9)]
    text = apply_changes(text, first)
    assert alignment.update([Change(2, 3, "ک")]) == [(2, 9)]
    assert alignment.span(4, 5) == (10, 11)  # "b" after the shortened region


def test_insertion_and_deletion_spans() -> None:
    # "abcdefg": delete "bc", insert "xy" before "f" -> "adexyfg".
    alignment = Alignment()
    changes = [Change(1, 3, ""), Change(5, 5, "xy")]
    assert alignment.update(changes) == [(1, 3), (5, 5)]
    assert apply_changes("abcdefg", changes) == "adexyfg"
    assert alignment.span(1, 2) == (3, 4)  # "d"
    assert alignment.span(3, 5) == (5, 5)  # "xy" came from nowhere, at offset 5
    assert alignment.span(5, 7) == (5, 7)  # "fg"


def test_first_changes_are_recorded_as_the_general_merge_records_them() -> None:
    # A document's first changes (a PDF's line joins) take a shortcut; it must leave the same regions
    # and spans as merging them into an empty alignment, and map later changes the same way.
    rng = random.Random(21)
    for _ in range(2000):
        changes: list[Change] = []
        at = 0
        for _ in range(rng.randint(1, 12)):
            start = at + rng.randint(0, 4)
            end = start + rng.randint(0, 3)
            if changes and start == end == changes[-1].end == changes[-1].start:
                continue  # two insertions at one point are one change
            changes.append(Change(start, end, "x" * rng.randint(0, 3)))
            at = end
        if rng.random() < 0.1:
            changes.reverse()  # out of order: the shortcut must step aside
        shortcut, merged = Alignment(), Alignment()
        assert shortcut.update(changes) == merged._merge(changes)
        assert shortcut._regions == merged._regions and shortcut._cur_starts == merged._cur_starts
        later = [Change(position, position + 1, "") for position in sorted(rng.sample(range(40), 3))]
        assert shortcut.update(later) == merged.update(later)
        assert shortcut._regions == merged._regions


def test_replay_rejects_edits_that_do_not_fit() -> None:
    result = repair("اين")
    with pytest.raises(ReplayError):
        replay("چیز دیگری", result.edits)


def test_edits_survive_json_round_trip() -> None:
    result = repair(" اين كتاب &ndash; است .")
    edits = [Edit.from_dict(edit.to_dict()) for edit in result.edits]
    assert replay(result.original, edits) == result.text


def test_fixed_point_is_reached_and_capped() -> None:
    # A doubly escaped entity needs two rounds.
    assert fix("&amp;ndash;") == "–"
    assert fix("&amp;amp;ndash;", max_rounds=1) == "&amp;ndash;"


def test_a_faulty_fix_cannot_corrupt_text() -> None:
    def overlapping(text: str, config: Config) -> list[Change]:
        """Propose overlapping changes."""
        return [Change(0, 2, "x"), Change(1, 3, "y")]

    with pytest.raises(FixError):
        run("abcd", Config(), fixes=(Fix("decode_html_entities", "test", overlapping),))


def test_seed_article_already_decodes_entities_and_drops_the_leading_space(shared) -> None:  # type: ignore[no-untyped-def]
    text = (shared / "seed" / "article-as-extracted.txt").read_text(encoding="utf-8")
    result = repair(text)
    assert "&ndash;" not in result.text and "–" in result.text
    assert result.text.startswith("انگیزه")
    fixes = result.counts()
    assert fixes["decode_html_entities"] == 2
    assert replay(text, result.edits) == result.text
