"""Held-out documents of the shippable corpora, and how many damaged words a fix brings back."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from dorost import Config, repair

SHIPPABLE = ("opensource-guide-fa", "debian-handbook-fa", "http-explained-fa", "vue-docs-fa", "react-docs-fa")


def held_out_documents(shared: Path, holding: re.Pattern[str]) -> list[str]:
    """The held-out tenth of the shippable corpora (the model was not built from it), ten paragraphs a
    document, those in which ``holding`` is found."""
    documents: list[str] = []
    for corpus in SHIPPABLE:
        lines = (shared / "corpora" / corpus / "text.txt").read_text("utf-8").splitlines()
        held_out = [line for line in lines[len(lines) - len(lines) // 10 :] if line.strip()]
        documents += ["\n".join(held_out[i : i + 10]) for i in range(0, len(held_out), 10)]
    documents = [document for document in documents if holding.search(document)]
    assert len(documents) >= 5
    return documents


def word_recovery(
    documents: list[str], damage: Callable[[str], tuple[str, str]], config: Config
) -> tuple[int, int, int]:
    """``(damaged, restored, wrong)`` words over the documents: ``damage`` gives a document's clean and
    damaged text (word for word); the clean text must get no edit, and a word the damage left alone
    must come out as it went in (else it is wrong)."""
    damaged_words = restored = wrong = 0
    for document in documents:
        clean, damaged = damage(document)
        assert repair(clean, config).edits == ()
        output = repair(damaged, config).text
        for want, before, after in zip(clean.split(), damaged.split(), output.split(), strict=True):
            if want != before:
                damaged_words += 1
                restored += after == want
            else:
                wrong += after != want
    return damaged_words, restored, wrong
