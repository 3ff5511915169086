"""restore_visual_order's last check: the order of a line's letters, for lines with too few known words.

pypdf's text of some LibreOffice PDFs has lost every space (تولیدعلمبهصورتکلسیک...) and prints each
sentence's full stop at the line's left edge, as a visual-order line has it. The full stops alone
added up to a visual document and every line was turned backwards; the letters say otherwise.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dorost import Config, repair
from dorost.fixes.layout.visual import _letter_order_evidence, _reads_forward, visual_to_logical

ONLY = Config().with_fixes(only=["restore_visual_order"])

SENTENCES = [
    "تولید علم به صورت کلاسیک و ارائه مقاله سابقه\u200cای چند صد ساله دارد ولی روش آن در قرن نوزدهم",
    "کسانی که به طور جدی اقدام به تولید علم می\u200cکردند از چند هزار نفر تجاوز نمی\u200cکرد",
    "بسیاری از اکتشافات و اختراعات به همین صورت مورد مجادله قرار گرفته\u200cاند از ابتدای قرن بیستم",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_letters_tell_the_order_of_a_line_without_spaces(sentence: str) -> None:
    glued = sentence.replace(" ", "").replace("\u200c", "")
    gain, pairs = _letter_order_evidence(glued)
    assert pairs >= 40 and gain > 0.25 * pairs
    assert _reads_forward(glued)
    # The same line in visual order reads the other way, spaced or not: it is never kept back.
    for visual in (visual_to_logical(sentence), visual_to_logical(glued)):
        gain, pairs = _letter_order_evidence(visual)
        assert gain < 0
        assert not _reads_forward(visual)


def test_a_visual_document_is_still_turned() -> None:
    # Drawn right to left, each line's full stop lies at its left edge.
    visual = "\n".join("." + visual_to_logical(sentence) for sentence in SENTENCES)
    assert repair(visual, ONLY).text == "\n".join(sentence + "." for sentence in SENTENCES)


def test_pypdf_text_without_spaces_is_not_turned(shared: Path) -> None:
    if importlib.util.find_spec("pypdf") is None:
        pytest.skip("pypdf is not installed (pip install '.[bench]')")
    import pypdf

    pdf = shared / "pdfs" / "real" / "textmining_farsi.pdf"
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    words = text.split()
    assert "." in words and sum(map(len, words)) > 15 * len(words)  # its spaces lost, its full stops apart
    assert repair(text, ONLY).edits == ()
