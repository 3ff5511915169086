"""Lazily compiled patterns: each compiles to what it declares, and none is compiled by importing dorost."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
import textwrap

import pytest

import dorost
from dorost.patterns import DECLARED


def _declaring_modules() -> dict[int, str]:
    """Every dorost module imported; the id of each lazy pattern's accessor, and the module that holds it."""
    holders: dict[int, str] = {}
    for info in pkgutil.walk_packages(dorost.__path__, "dorost."):
        if info.name.endswith("__main__"):  # runs the command line
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError as error:  # an optional extra (the web service, PDF readers) is not installed
            if (error.name or "").startswith("dorost"):
                raise
            continue
        holders.update((id(value), info.name) for value in vars(module).values() if callable(value))
    return holders


def test_every_lazy_pattern_compiles_to_what_it_declares() -> None:
    holders = _declaring_modules()
    # The fixes, the text helpers and the code spans declare dozens; a module that stopped
    # declaring its patterns lazily would show here as a drop.
    modules = {holders.get(id(accessor)) for accessor, _, _ in DECLARED}
    assert {"dorost.fixes.mojibake", "dorost.fixes.punctuation", "dorost.text", "dorost.code"} <= modules
    assert len(DECLARED) >= 80
    for accessor, source, flags in DECLARED:
        compiled = accessor()
        assert compiled == re.compile(source, flags), source
        assert accessor() is compiled


def test_a_lazy_pattern_repairs_what_it_is_for() -> None:
    # decode_html_entities and restore_mark_order find their places only through lazy patterns.
    assert dorost.fix("فعال است &ndash; تهدید") == "فعال است – تهدید"
    assert dorost.fix("کتاب\u200cها  و  دفتر") == "کتاب\u200cها و دفتر"


_COMPILED_AFTER = textwrap.dedent(
    """
    import sys
    import dorost
    from dorost.patterns import DECLARED

    holders = {id(v): m.__name__ for m in list(sys.modules.values()) if m and m.__name__.startswith("dorost")
               for v in vars(m).values() if callable(v)}

    def compiled():
        return [holders[id(a)] for a, _, _ in DECLARED if a.cache_info().currsize]

    print(len(DECLARED), len(compiled()))
    dorost.fix(sys.argv[1])
    print(" ".join(sorted(set(compiled()))))
    """
)


@pytest.mark.parametrize(
    ("text", "woken"),
    [
        # A short sentence of Arabic letters wakes no fix whose patterns are lazy.
        ("اين كتاب مي شود", set()),
        # An HTML reference wakes decode_html_entities, which compiles its pattern (the lam-alef and
        # mojibake fixes look at this text too).
        ("فعال است &ndash; تهدید", {"dorost.fixes.entities"}),
    ],
)
def test_importing_dorost_compiles_no_lazy_pattern(text: str, woken: set[str]) -> None:
    run = subprocess.run([sys.executable, "-c", _COMPILED_AFTER, text], capture_output=True, text=True, check=True)
    first, second = run.stdout.split("\n")[:2]
    declared, at_import = map(int, first.split())
    assert declared >= 80
    assert at_import == 0
    compiled = set(second.split())
    assert woken <= compiled if woken else not compiled
