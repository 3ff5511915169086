"""restore_lost_alef on real text: held-out paragraphs whose every lam-alef lost its alef, and a real PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dorost import Config
from held_out import held_out_documents, word_recovery

ONLY = Config().with_fixes(only=["restore_lost_alef"])
_LAM_ALEF = re.compile("\u0644\u0627")


def test_words_that_lost_their_alef_come_back_and_clean_text_stays(shared: Path) -> None:
    # Every lam-alef of a document mapped to its lam alone, as a PDF whose ligature glyph says only
    # lam gives it: many words come back, no other word changes, the clean document gets no edit.
    documents = held_out_documents(shared, _LAM_ALEF)
    lost, restored, wrong = word_recovery(documents, lambda doc: (doc, _LAM_ALEF.sub("\u0644", doc)), ONLY)
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
