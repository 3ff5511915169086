"""The sample article (`../shared/seed/article-as-extracted.txt`) restored as a careful editor would.

`tests/data/article-expected.txt` is our expectation: the title on its own line, then one
paragraph per line (a blank line between), every ZWNJ restored, the three lines whose runs were
printed last-first in order, `&ndash;` decoded, nothing that was right changed (`به رسمیت`,
`وزارت خارجه`, tanwin in `عمدتاً` and `رسماً` kept).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from dorost import fix, repair, replay

EXPECTED = Path(__file__).parent / "data" / "article-expected.txt"


@pytest.fixture(scope="module")
def article(shared: Path) -> str:
    return (shared / "seed" / "article-as-extracted.txt").read_text(encoding="utf-8")


def _differences(got: str, want: str) -> list[str]:
    matcher = difflib.SequenceMatcher(a=want.split(), b=got.split(), autojunk=False)
    return [
        f"{' '.join(want.split()[i1:i2])!r} -> {' '.join(got.split()[j1:j2])!r}"
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def test_layout_of_the_article(article: str) -> None:
    # Title, then paragraphs each ending with its full stop; the misordered lines in order.
    text = fix(article)
    paragraphs = [line for line in text.split("\n") if line.strip()]
    expected = [line for line in EXPECTED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(paragraphs) == len(expected)
    assert paragraphs[0].startswith("انگیزه") and paragraphs[0].endswith("طالبان")
    assert all(paragraph.endswith((".", "»")) for paragraph in paragraphs[1:])
    for opening in ("نشریه دیپلمات در این باره نوشت", "ضمیر کابلوف، نماینده ویژه", "این تصمیم روسیه در حالی"):
        assert any(paragraph.startswith(opening) for paragraph in paragraphs), opening
    assert "جامعه بین\u200cالمللی هنوز طالبان را به رسمیت نشناخته" in text
    assert "گفت: «طالبان" in text and "&ndash;" not in text
    assert "عمدتاً" in text and "رسماً" in text and "وزارت خارجه" in text


def test_article_edits_replay(article: str) -> None:
    result = repair(article)
    assert replay(result.original, result.edits) == result.text
    assert {"reorder_reversed_runs", "join_broken_lines"} <= set(result.counts())


def test_article_word_by_word(article: str) -> None:
    differences = _differences(fix(article), EXPECTED.read_text(encoding="utf-8"))
    assert differences == []
