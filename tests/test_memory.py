"""The bounded memories the fixes keep across documents (dorost.memory.Memory)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dorost import Config
from dorost.fixes.layout._common import scoring_form
from dorost.fixes.spacing import fix as spacing_fix
from dorost.fixes.spacing import lexicon
from dorost.language import model
from dorost.memory import Memory


def test_lookups_are_the_dicts_own() -> None:
    # The fixes look up a memory millions of times a run: a Python-level override of a lookup
    # would cost more than the memory saves.
    assert Memory.get is dict.get
    assert Memory.__getitem__ is dict.__getitem__
    assert Memory.__contains__ is dict.__contains__


def test_kept_answers_are_found_and_the_bound_holds(shared: Path) -> None:
    words = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").split()[:5000]
    memory: Memory[str, str] = Memory(100)
    sizes = []
    for word in words:
        found = memory.get(word)
        if found is None:
            found = memory.keep(word, scoring_form(word))
        assert found == scoring_form(word)
        assert word in memory and memory[word] == found
        sizes.append(len(memory))
    assert max(sizes) == 101  # the bound, and the entry kept when it was reached
    assert sizes.count(1) > 1  # emptied at the bound, more than once
    assert len(set(words)) > 1000


def test_forgetting_changes_no_restoration(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The spacing memories remember pure functions: a lexicon whose memories forget after a few
    # entries restores damaged real text exactly as the shipped one does, and stays within bounds.
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    texts = [line for line in lines[:300] if line.strip()]
    config = Config()
    shipped = [spacing_fix.restore_spacing(text, config) for text in texts]
    forgetful = lexicon.Lexicon(model())
    bounds = {name: value for name, value in vars(forgetful).items() if isinstance(value, Memory)}
    assert len(bounds) >= 10
    for memory in bounds.values():
        memory.bound = 7
    monkeypatch.setattr(lexicon, "_LEXICON", forgetful)
    assert [spacing_fix.restore_spacing(text, config) for text in texts] == shipped
    assert sum(1 for changes in shipped if changes) >= 20  # the text gives the fix work to do
    assert all(len(memory) <= 8 for memory in bounds.values())
    assert sum(1 for memory in bounds.values() if memory) >= 8
