"""Text that came out of pdftotext, given to dorost as plain text.

``data/pdftotext/chromium_prose.txt`` is pdftotext 22.12's output for
``../shared/pdfs/generated/chromium_prose.pdf``, kept as it came out (bidi embeddings included) so
the test needs no poppler. It has every defect pdftotext adds to a Persian page: lam-alef turned
(``عالقه``), marks before their letters (``گنجینٔه``, ``مٔوثر``), the space after a left-to-right run
printed before it (``⟨LRE⟩ PDF/LaTeX⟨PDF⟩با``, ``⟨LRE⟩ .۱⟨PDF⟩واژه``).
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from pathlib import Path

from dorost import Config, fix, repair
from dorost.fixes.layout.embeddings import unwrap_embedded_runs
from dorost.fixes.marks import restore_mark_order

PDFTOTEXT = Path(__file__).parent / "data" / "pdftotext" / "chromium_prose.txt"
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _words(text: str) -> list[str]:
    """Words as a reader compares them: composed, bidi controls and ZWNJ (the gold's own style) aside."""
    return _BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", text)).replace("\u200c", "").split()


def _differences(gold: list[str], words: list[str]) -> list[tuple[str, str]]:
    matcher = difflib.SequenceMatcher(None, gold, words, autojunk=False)
    return [(" ".join(gold[a:b]), " ".join(words[c:d])) for op, a, b, c, d in matcher.get_opcodes() if op != "equal"]


def test_pdftotext_text_comes_back_word_for_word(shared: Path) -> None:
    gold = _words((shared / "pdfs" / "generated" / "chromium_prose.gt.txt").read_text("utf-8"))
    raw = PDFTOTEXT.read_text("utf-8")
    assert len(_differences(gold, _words(raw))) > 20  # what a reader of pdftotext's text gets
    assert _differences(gold, _words(fix(raw))) == []
    # Without the two fixes for pdftotext's order of marks and edge spaces, words stay wrong.
    skipped = Config().with_fixes(skip=["restore_mark_order", "unwrap_embedded_runs"])
    left = _differences(gold, _words(repair(raw, skipped).text))
    assert ("گنجینهٔ", "گنجینٔه") in left
    assert ("PDF/LaTeX با", "PDF/LaTeXبا") in left
    assert len(left) >= 10


def test_paragraphs_ending_on_their_full_stop_stay_apart(shared: Path) -> None:
    # pdftotext closes its embeddings after a paragraph's full stop (`… باشد⟨LRE⟩.⟨PDF⟩⟨PDF⟩`): the line
    # ends its sentence, and the next article of the declaration opens a paragraph of its own (seven
    # such pairs were joined, as if the marks hid the stop, and 13 of the 22 paragraphs came back whole).
    text = (shared / "pdfs" / "generated" / "chromium_prose.gt.txt").read_text("utf-8")
    gold = [" ".join(_words(line)) for line in text.splitlines() if line.strip()]
    lines = [" ".join(_words(line)) for line in fix(PDFTOTEXT.read_text("utf-8")).splitlines()]
    joined = [
        (first, second)
        for first, second in itertools.pairwise(gold)
        if first.endswith(".") and any(f"{first[-20:]} {second[:20]}" in line for line in lines)
    ]
    assert joined == []
    assert sum(paragraph in lines for paragraph in gold) >= 19


def test_their_edits_only_move_spaces_and_marks() -> None:
    raw = PDFTOTEXT.read_text("utf-8")
    result = repair(raw)
    counts = {name: 0 for name in ("restore_mark_order", "unwrap_embedded_runs")}
    for edit in result.edits:
        if edit.fix in counts:
            counts[edit.fix] += 1
            # The same letters, digits and marks (composed or not), only spaces and order changed.
            kept = sorted(unicodedata.normalize("NFD", _BIDI_CONTROLS.sub("", edit.before)).replace(" ", ""))
            assert kept == sorted(unicodedata.normalize("NFD", edit.after).replace(" ", ""))
    assert counts["restore_mark_order"] >= 10
    assert counts["unwrap_embedded_runs"] >= 10
    assert fix(result.text) == result.text


def test_embeddings_and_marks_of_clean_text_stay(shared: Path) -> None:
    # Firefox's Persian strings wrap placeholders in embeddings of their own (⟨LRE⟩{ $host }⟨PDF⟩): the
    # translators', not pdftotext's. Clean running text has its marks after their letters.
    config = Config()
    strings = (shared / "corpora" / "firefox-l10n-fa" / "firefox_esr_fa_strings.txt").read_text("utf-8")
    assert "\u202a" in strings
    for start in range(0, len(strings), 20_000):
        assert unwrap_embedded_runs(strings[start : start + 20_000], config) == []
    for corpus in ("debian-handbook-fa", "ud-persian-perdt", "perspelldata"):
        folder = shared / "corpora" / corpus
        text = "\n".join(path.read_text("utf-8") for path in sorted(folder.glob("*.txt")))
        assert re.search("[\u064b-\u0655]", text), corpus
        for start in range(0, len(text), 20_000):
            assert restore_mark_order(text[start : start + 20_000], config) == [], corpus
