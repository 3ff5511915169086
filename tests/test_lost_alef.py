"""restore_lost_alef on real text: held-out paragraphs whose every lam-alef lost its alef, and a real PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dorost import Config
from dorost.edits import Change
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
    # خلف is a word, but not after بر: the pair puts the alef back, and only there.
    assert "بر خلاف انتظار" in result.text
    assert "خلف" not in words


def test_looking_up_each_different_word_once_changes_no_result(shared: Path) -> None:
    # restore_lost_alef looks up the text's different words once each, and stops before any lookup
    # when there are fewer of them than the spellings it needs. It must give what looking up every
    # occurrence gives, on damaged documents (where it acts, some with exactly the two words needed)
    # and on clean ones (where it stops).
    from dorost.fixes import lost_alef
    from dorost.script import arabic_spans

    def every_occurrence(text: str) -> list[Change]:
        typed = len(re.findall("\u0644[\u0627\u0622\u0623\u0625]", text))  # lam-alefs written right
        if typed > lost_alef._MAX_TYPED:
            return []
        needed = max(lost_alef._MIN_WORDS, 4 * typed)
        repairs = [
            (m.start(), m.end(), b) for m in lost_alef._WORD().finditer(text) if (b := lost_alef._with_alef(m.group()))
        ]
        if len({back for _, _, back in repairs}) < needed:
            return []
        arabic = arabic_spans(text)
        restored = {text[start:end]: back for start, end, back in repairs}
        changes = []
        for m in lost_alef._WORD().finditer(text):
            if m.start() in arabic:
                continue
            if back := lost_alef._with_alef(m.group()):
                changes.append(Change(m.start(), m.end(), back, 0.85))
            elif (found := lost_alef._alef_spelling(m.group())) and lost_alef._reads_better_beside(
                text, m.start(), m.end(), found[0], restored
            ):
                changes.append(Change(m.start(), m.end(), found[0], 0.7))  # a known word its neighbours correct
        return changes

    clean = held_out_documents(shared, _LAM_ALEF)[:40]
    damaged = [_LAM_ALEF.sub("\u0644", document) for document in clean]
    texts = [
        *clean,
        *damaged,
        *(line for document in damaged[:10] for line in document.splitlines()),
        "تعداد مقالت منتشر شده معمولً زیاد است",  # two words: exactly enough
        "تعداد مقالت و مقالت و باز مقالت",  # one word three times: not enough
        "مقالت و تلش، اما سلام و کلاس",  # two lam-alefs written right: eight words needed
        "مقالت و تلش و کلاس",  # one written right: four words needed, and three lams only
    ]
    config = Config()
    quick = [lost_alef.restore_lost_alef(text, config) for text in texts]
    assert quick == [every_occurrence(text) for text in texts]
    assert sum(1 for changes in quick if changes) >= 30  # damaged text is still restored...
    assert sum(1 for changes in quick if not changes) >= 40  # ...and the rest is left
    assert quick[-4] and not quick[-3]


def test_the_words_with_a_lam_are_those_the_whole_text_pattern_finds() -> None:
    # The words are read from the pieces between spaces that hold a lam; a word never spans a space
    # (but may end at a line break, a tab, a ZWNJ or a mark of punctuation inside such a piece).
    import random

    from dorost.fixes import lost_alef

    rng = random.Random(7)
    pieces = ["ل", "لا", "مقالت", "ب", "\u064b", "\u200c", " ", "\n", "\t", "a", "۱", "،", "کلسیک"]
    found = 0
    for _ in range(4_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        expected = set(lost_alef._WORD().findall(text))
        assert lost_alef._words_with_lam(text) == expected, text
        found += len(expected)
    assert found > 4_000


def test_a_word_is_read_between_its_neighbours_whatever_stands_outside_them() -> None:
    # `بر خلف انتظار` (textmining_farsi.pdf) is `بر خلاف انتظار`: running text writes the pair
    # whatever opens before `بر` (a quote, a bracket), as the model counts its pairs; the word read
    # there must not depend on it (before the reading was shared with restore_lam_alef, a quote
    # before `بر` left `خلف`).
    from dorost import fix

    damaged = "تعداد مقالت منتشر شده معمولً زیاد است و تلش داوران کم. "
    for words in ("بر خلف انتظار", "«بر خلف انتظار»", "(بر خلف انتظار)", "گفت «بر خلف انتظار» بود"):
        assert "بر خلاف انتظار" in fix(damaged + words, ONLY), words
    # A word that stands as it is where its neighbours read it so keeps its letters.
    assert fix(damaged + "«در کل» کم", ONLY).endswith("«در کل» کم")
