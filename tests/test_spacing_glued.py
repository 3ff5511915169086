"""restore_spacing on glued words: the space a glued pair lost in a text that keeps its ZWNJs."""

from __future__ import annotations

import pytest

from dorost import Config, fix
from dorost.fixes.spacing.lexicon import shared_lexicon

ZWNJ = "\u200c"
ONLY = Config().with_fixes(only=["tidy_zwnj", "restore_spacing"])


@pytest.mark.parametrize(
    ("word", "loss"),
    [
        ("بهصورت", False),  # به صورت: running text writes it apart more often than with ZWNJ
        ("بهعنوان", False),
        ("بهویژه", True),  # به\u200cویژه: running text prefers the ZWNJ
        ("میشود", True),
        ("گروههای", True),
    ],
)
def test_loss_sign_after_preposition(word: str, loss: bool) -> None:
    assert shared_lexicon().shows_loss(word) is loss


def test_a_glued_pair_takes_a_space_only_in_a_text_that_keeps_its_zwnjs() -> None:
    # The same glued letters: a space where the text writes its ZWNJs (three), the ZWNJ where it lost them (no_zwnj
    # damage), and the ZWNJ where it turned them into spaces (می شود), which may have lost this one too.
    text = "این دستور {}تواند {} خودکار اجرا شود و کاربران {}توانند آن را در {}زمینه ببینند."
    kept = text.format("می\u200c", "{}", "می\u200c", "پس\u200c")
    assert fix(kept.format("بهصورت"), ONLY) == kept.format("به صورت")
    assert fix(text.format("می", "بهصورت", "می", "پس"), ONLY) == kept.format("به\u200cصورت")
    assert fix(text.format("می ", "بهصورت", "می ", "پس "), ONLY) == kept.format("به\u200cصورت")


def test_the_space_needs_three_zwnjs_and_no_habit_of_setting_the_part_off() -> None:
    # A text with one ZWNJ shows no choice.
    one = "این دستور می\u200cتواند {} خودکار اجرا شود."
    assert fix(one.format("بهصورت"), ONLY) == one.format("به\u200cصورت")
    # One that writes به\u200cویژه sets به off by ZWNJ: its author's habit.
    habit = "این روش به\u200cویژه در شهرها و {} نمونه در کتاب\u200cها و مقاله\u200cها آمده است."
    assert fix(habit.format("بهعنوان"), ONLY) == habit.format("به\u200cعنوان")
    # Without it, the same text lost the space.
    plain = "این روش در شهرها و {} نمونه در کتاب\u200cها و مقاله\u200cها و نامه\u200cها آمده است."
    assert fix(plain.format("بهعنوان"), ONLY) == plain.format("به عنوان")
