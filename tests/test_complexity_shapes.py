"""The dense-damage shapes of ``benchmarks/complexity.py`` measure what they name.

A shape meant to make a fix work on every word is no test of that fix's cost if the fix never
wakes on it: each shape must come out at the size asked for, and the pipeline must repair it with
the fix it exercises, many times over (the damage is dense, not an occasional word).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from dorost import repair


def _complexity() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "complexity.py"
    spec = importlib.util.spec_from_file_location("complexity_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


COMPLEXITY = _complexity()
SIZE = 6_000

# Shape, the fix it exercises, and the fewest edits of that fix in SIZE bytes (measured counts
# are several times these: the bar only says the damage is everywhere, not here and there).
EXERCISED = [
    ("dense_arabic_letters", "unify_arabic_letters", 200),
    ("dense_glued_words_line", "restore_spacing", 150),
    ("dense_torn_words", "restore_spacing", 300),
    ("dense_lam_alef", "restore_lam_alef", 5),
    ("dense_lost_alef", "restore_lost_alef", 5),
    ("dense_kashida_line", "remove_kashida", 300),
    ("dense_presentation", "expand_presentation_forms", 1000),
    ("dense_mixed_digits", "unify_digits", 400),
    ("dense_mojibake_all", "repair_mojibake", 5),
    ("dense_bidi_words_line", "remove_invisible_junk", 500),
    ("dense_entity_words", "decode_html_entities", 300),
    ("dense_visual_order", "restore_visual_order", 20),
    ("furniture_pages", "remove_page_furniture", 10),
    ("furniture_form_feeds", "remove_page_furniture", 10),
    ("repeated_damage_line", "unify_arabic_letters", 300),
]


@pytest.mark.parametrize(("shape", "fix", "fewest"), EXERCISED)
def test_a_dense_shape_is_repaired_throughout_by_the_fix_it_names(shape: str, fix: str, fewest: int) -> None:
    text = COMPLEXITY.SHAPES[shape](SIZE)
    assert abs(len(text.encode("utf-8")) - SIZE) < SIZE * 0.1
    made = Counter(edit.fix for edit in repair(text).edits)
    assert made[fix] >= fewest, made


def test_a_line_shape_is_one_line_and_a_lines_shape_keeps_the_corpus_lines() -> None:
    for name in COMPLEXITY.DAMAGE:
        assert "\n" not in COMPLEXITY.SHAPES[f"dense_{name}_line"](SIZE)
        assert COMPLEXITY.SHAPES[f"dense_{name}"](SIZE).count("\n") > 5
