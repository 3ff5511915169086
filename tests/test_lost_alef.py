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


def test_counting_the_different_words_first_changes_no_result(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # restore_lost_alef counts the spellings it could restore over the text's different words before
    # it lists every word; without that count it must give the same changes, on damaged documents
    # (where it acts, some with exactly the two words needed) and on clean ones (where it stops).
    from dorost.fixes import lost_alef

    clean = held_out_documents(shared, _LAM_ALEF)[:40]
    damaged = [_LAM_ALEF.sub("\u0644", document) for document in clean]
    texts = [
        *clean,
        *damaged,
        *(line for document in damaged[:10] for line in document.splitlines()),
        "تعداد مقالت منتشر شده معمولً زیاد است",  # two words: exactly enough
        "تعداد مقالت و مقالت و باز مقالت",  # one word three times: not enough
        "مقالت و تلش، اما سلام و کلاس",  # two lam-alefs written right: eight words needed
    ]
    config = Config()
    quick = [lost_alef.restore_lost_alef(text, config) for text in texts]
    stopped = sum(not lost_alef._enough_words(text, len(lost_alef._TYPED.findall(text))) for text in texts)
    monkeypatch.setattr(lost_alef, "_enough_words", lambda text, typed: True)
    assert [lost_alef.restore_lost_alef(text, config) for text in texts] == quick
    assert sum(1 for changes in quick if changes) >= 30  # damaged text is still restored...
    assert stopped >= 40  # ...and the count stops the rest
    assert quick[-3] and not quick[-2]
