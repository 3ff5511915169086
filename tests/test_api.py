"""The Python API refuses what it cannot use with a message that says what to give instead."""

from __future__ import annotations

import doctest
import inspect
import re
import tomllib
from pathlib import Path

import pytest

import dorost
from dorost import Config


def test_a_switch_that_is_not_a_bool_is_refused() -> None:
    # "no" is a true string: taken as it is, it would turn the fix on.
    with pytest.raises(TypeError, match="restore_spacing='no'"):
        dorost.fix("می شود", restore_spacing="no")
    with pytest.raises(TypeError, match="tidy_zwnj=1, normalize_whitespace=None"):
        Config(tidy_zwnj=1, normalize_whitespace=None)  # type: ignore[arg-type]
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


def test_repair_takes_the_same_options_as_fix() -> None:
    # `fix` is `repair(...).text`: an option one accepts, the other accepts too, with the edits recorded.
    result = dorost.repair("اين كتاب سال ۱۴۰۳", digits="latin", restore_spacing=False)
    assert result.text == dorost.fix("اين كتاب سال ۱۴۰۳", digits="latin", restore_spacing=False) == "این کتاب سال 1403"
    assert result.counts()["unify_digits"] == 4
    with pytest.raises(TypeError, match="unknown option: digit "):
        dorost.repair("سال ۱۴۰۳", digit="latin")


PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
UNDOCUMENTED_IN_PERSIAN: set[str] = set()


def persian_examples(obj: object) -> list[doctest.Example]:
    found = doctest.DocTestFinder(recurse=False).find(obj, globs={})
    return [example for test in found for example in test.examples if PERSIAN_LETTER.search(example.source)]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason="no Persian example yet")
            if name in UNDOCUMENTED_IN_PERSIAN
            else (),
        )
        for name in dorost.__all__
        if name != "FIXES"  # a tuple has no docstring: the package's docstring shows it
    ],
)
def test_every_exported_name_is_typed_and_shows_a_persian_example(name: str) -> None:
    obj = getattr(dorost, name)
    if inspect.isfunction(obj):
        signature = inspect.signature(obj)
        assert signature.return_annotation is not inspect.Signature.empty
        assert all(parameter.annotation is not inspect.Parameter.empty for parameter in signature.parameters.values())
    assert persian_examples(obj), f"{name} has no doctest example in Persian"


def test_the_package_docstring_shows_fixes_and_fix_pdf() -> None:
    sources = "".join(example.source for example in persian_examples(dorost))
    assert "dorost.FIXES" in sources and "dorost.fix_pdf(" in sources


def test_the_doctests_are_collected_by_the_test_suite() -> None:
    config = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_options = config["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in pytest_options["addopts"].split()
    assert "src/dorost" in pytest_options["testpaths"]


def test_fix_pdf_takes_config_fields_as_keyword_options_as_fix_does(shared: Path) -> None:
    # dorost.fix(text, digits="latin") works; dorost.fix_pdf(data, digits="latin") raised TypeError.
    pytest.importorskip("pdfminer")
    data = (shared / "pdfs" / "generated" / "chromium_prose.pdf").read_bytes()
    latin = dorost.fix_pdf(data, digits="latin", pages="1")
    assert latin.text == dorost.fix_pdf(data, Config(digits="latin"), pages="1").text
    assert re.search("[0-9]", latin.text) and not re.search("[\u06f0-\u06f9]", latin.text)
    with pytest.raises(TypeError, match="unknown option: digit "):
        dorost.fix_pdf(data, digit="latin")
