"""restore_lost_alef on real text: held-out paragraphs whose every lam-alef lost its alef, and a real PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dorost import Config, repair

ONLY = Config().with_fixes(only=["restore_lost_alef"])
_LAM_ALEF = re.compile("\u0644\u0627")


def _held_out_documents(shared: Path) -> list[str]:
    """The held-out tenth of the shippable corpora (the model was not built from it), ten paragraphs a
    document, those with a lam-alef."""
    documents: list[str] = []
    for corpus in ("opensource-guide-fa", "debian-handbook-fa", "http-explained-fa", "vue-docs-fa", "react-docs-fa"):
        lines = (shared / "corpora" / corpus / "text.txt").read_text("utf-8").splitlines()
        held_out = [line for line in lines[len(lines) - len(lines) // 10 :] if line.strip()]
        documents += ["\n".join(held_out[i : i + 10]) for i in range(0, len(held_out), 10)]
    documents = [document for document in documents if _LAM_ALEF.search(document)]
    assert len(documents) >= 5
    return documents


def test_words_that_lost_their_alef_come_back_and_clean_text_stays(shared: Path) -> None:
    # Every lam-alef of a document mapped to its lam alone, as a PDF whose ligature glyph says only
    # lam gives it: many words come back, no other word changes, the clean document gets no edit.
    lost = restored = wrong = 0
    for document in _held_out_documents(shared):
        damaged = _LAM_ALEF.sub("\u0644", document)
        assert repair(document, ONLY).edits == ()
        output = repair(damaged, ONLY).text
        for clean, before, after in zip(document.split(), damaged.split(), output.split(), strict=True):
            if clean != before:
                lost += 1
                restored += after == clean
            else:
                wrong += after != clean
    assert lost >= 150
    assert restored >= 0.6 * lost
    assert wrong == 0


def test_a_pdf_whose_ligature_glyph_says_lam_gets_its_alefs_back(shared: Path) -> None:
    pytest.importorskip("pdfminer")
    from dorost.inputs.pdf import fix_pdf

    result = fix_pdf(shared / "pdfs" / "real" / "textmining_farsi.pdf")
    restored = {(edit.before, edit.after) for edit in result.edits if edit.fix == "restore_lost_alef"}
    assert {("مقالت", "مقالات"), ("تلش", "تلاش"), ("کلسیک", "کلاسیک"), ("معمولً", "معمولاً")} <= restored
    words = set(result.text.split())
    assert not words & {"مقالت", "تلش", "کلسیک", "مجلت"}
