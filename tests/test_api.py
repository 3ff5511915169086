"""The Python API refuses what it cannot use with a message that says what to give instead."""

from __future__ import annotations

import pytest

import dorost
from dorost import Config


def test_a_switch_that_is_not_a_bool_is_refused() -> None:
    # "no" is a true string: taken as it is, it would turn the fix on.
    with pytest.raises(TypeError, match="restore_spacing='no'"):
        dorost.fix("می شود", restore_spacing="no")
    with pytest.raises(ValueError, match="max_rounds"):
        Config(max_rounds=True)


def test_one_fix_name_as_a_string_is_one_name() -> None:
    config = Config().with_fixes(only="unify_arabic_letters")
    assert [name for name in Config.fix_names() if config.enabled(name)] == ["unify_arabic_letters"]
    assert dorost.fix("اين كتاب مي شود", config) == "این کتاب می شود"
    assert not Config().with_fixes(skip="restore_spacing").restore_spacing


def test_a_config_that_is_not_a_config_is_refused() -> None:
    with pytest.raises(TypeError, match=r"config is a dorost\.Config, not dict"):
        dorost.repair("اين كتاب", {"digits": "latin"})  # type: ignore[arg-type]


def test_an_unknown_option_is_named() -> None:
    with pytest.raises(TypeError, match="unknown option: digit "):
        dorost.fix("سال ۱۴۰۳", digit="latin")
    assert dorost.fix("سال ۱۴۰۳", digits="latin") == "سال 1403"
