"""Paragraphs of prose in real PDFs: the lines a paragraph was wrapped into are joined, from
geometry (justified to the column's edge, evenly spaced, right to left), after the pipeline;
tables, tables of contents, titles, headings and code keep their lines.

The PDFs are in ``../shared/pdfs/real``; a test is skipped when its file is absent.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")

from dorost.config import Config
from dorost.edits import Change, Edit, Result, apply_changes, replay
from dorost.inputs.pdf import ORDERED_BY_GLYPHS, _Assembler, _KeptBreaks, extract_pdf, fix_pdf, join_wraps
from dorost.inputs.pdf.glyphs import Glyph
from dorost.inputs.pdf.layout import page_lines
from dorost.pipeline import FIXES, run

REAL = Path(__file__).resolve().parents[2] / "shared" / "pdfs" / "real"


def _pdf(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared/pdfs/real)")
    return path


@cache
def _fixed(name: str, pages: str | None = None) -> Result:
    return fix_pdf(_pdf(name), pages=pages)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def _line_with(text: str, words: str) -> str:
    found = [line for line in _lines(text) if words in line]
    assert len(found) == 1, (words, found)
    return found[0]


def test_thesis_proposal_paragraphs_are_joined() -> None:
    """xrs_Vahid-Proposal.pdf: a title page and a table of contents hide the wrap width from the
    text, so its paragraphs stayed in their printed lines; geometry joins them."""
    text = _fixed("xrs_Vahid-Proposal.pdf").text
    # A justified paragraph: its printed lines ended «… هاسدورف مرتب فشرده» / «می\u200cپردازد. …».
    assert "فضاهای هاسدورف مرتب فشرده می\u200cپردازد. این تناظر به کلاس\u200cهای معینی" in text
    # The line with the footnote mark «رادون1» opened higher than its glyphs sit: it is no
    # paragraph break before the paragraph's last line.
    assert "فضای هاسدورف فشرده متناظر توسیع می\u200cیابد، استفاده می\u200cشود." in text
    # A compound's hyphen at the line's end goes on without a space (dcpo-ترتیب).
    assert "dcpo-ترتیب، وجود دارد" in text
    # Six printed lines, one of them with two footnote marks (صاحب جهرمی3[5] و کازن4[4]).
    paragraph = _line_with(text, "نمادین، برنامه\u200cها و قطعه\u200cبرنامه\u200cها")
    assert "توسط صاحب جهرمی3[5] و کازن4[4] مطرح شد." in paragraph
    assert paragraph.endswith("گسترش پیدا کرد.")


def test_thesis_proposal_contents_and_glossary_keep_their_lines() -> None:
    text = _fixed("xrs_Vahid-Proposal.pdf").text
    lines = _lines(text)
    for entry in ("2 بیان مسأله", "3 بررسی منابع", "4 نتایج مورد انتظار", "5 میزان موفقیت"):
        assert entry in lines  # contents and headings: one a line
    # Glossary entries with dot leaders run to the column's edge like prose: each keeps its line.
    glossary = [line for line in lines if line.startswith(("Measure", "Ordered", "Powerdomain"))]
    assert len(glossary) == 3, glossary
    assert all(sum(word in line for word in ("Measure", "Ordered", "Powerdomain")) == 1 for line in glossary)


def test_table_rows_stay_apart() -> None:
    """purepersian_persian.pdf: a four-column table's rows are lines of short cells with wide
    gaps; the preface above it is one justified paragraph."""
    text = _fixed("purepersian_persian.pdf").text
    preface = _line_with(text, "زبان فارسی زنده و پویا")
    assert "جایگزین\u200cهای فارسی خالص برای واژه\u200cهای عربی\u200cزده و تخصصی ارائه دهد." in preface
    assert preface.endswith("به غنای آن بیافزایند.")
    lines = _lines(text)
    assert "أبداً هیچ\u200cگاه" in lines
    assert "حتماً بی\u200cشک / ناچار" in lines
    assert "عمدتاً بیشتر / اکثراً" in lines


def test_repeated_contents_titles_stay_apart() -> None:
    """basemax_proceedings_persian.pdf sets each title of its contents twice, two lines apart at
    alternating distances: no title is joined to its repeat or to the next title."""
    text = _fixed("basemax_proceedings_persian.pdf", "1-12").text
    title = "یک روش بارزیلای‐بوروین اصلاح شده برای حل معادلات قدرمطلقی"
    found = [line for line in _lines(text) if title in line]
    assert found, "the contents page was not read"
    assert all(line.count(title) == 1 and len(line) <= len(title) + 3 for line in found), found


def test_titles_and_headings_keep_their_lines() -> None:
    text = _fixed("aut_main.pdf").text
    lines = _lines(text)
    # Centred title lines do not run to the column's edges.
    assert "دانشگاه صنعتی امیرکبیر" in lines
    assert "دانشکده مهندسی کامپیوتر و فناوری اطلاعات" in lines
    # The paragraph's two lines: the first runs to the edge.
    assert "این پروژه\u200cی خوب خیلی خوب است. خیلی\u200cها دوست دارند پروژه\u200cهایشان" in text


def test_a_heading_under_a_full_line_keeps_its_line() -> None:
    # fod_README-fa.pdf: a heading in the text's own size right under a paragraph whose last
    # line happens to run to the edge and ends a sentence, with no spacing above it: only its
    # weight (Word's synthetic bold, glyphs filled and stroked) sets it apart.
    fod = _lines(_fixed("fod_README-fa.pdf").text)
    assert "پیکربندی Gradle" in fod


def test_code_keeps_its_lines() -> None:
    """faragate_Farsi.pdf: left-to-right code lines are no Persian prose, even when they run to
    the edge; the Persian paragraphs around them are joined."""
    text = _fixed("faragate_Farsi.pdf").text
    call = _line_with(text, 'faragate.paymentRequest(res, marchent, "RIAL_PRICE",')
    assert "YOUR_WEBSITE" not in call
    assert "ابتدا از این متد استفاده کنید. این متد دارای 5 پارامتر ضروری" in text  # the page shows 5


def test_joins_are_recorded_edits_and_follow_the_switch() -> None:
    path = _pdf("xrs_Vahid-Proposal.pdf")
    result = _fixed("xrs_Vahid-Proposal.pdf")
    joins = [edit for edit in result.edits if edit.fix == "join_broken_lines"]
    # A printer's hyphen goes with its line break (``Com-`` / ``put.``, see the test below). The
    # title page's labels and the contents' titles, one a line, are set apart as paragraphs.
    widened = [edit for edit in joins if edit.after == "\n\n"]
    joins = [edit for edit in joins if edit not in widened]
    # A paragraph goes on across page 4's foot, its number gone (``\n\n\n``).
    assert joins and all(edit.before.strip("\n") in ("", "-") and edit.after in (" ", "") for edit in joins)
    # Page 2's number gone, the contents' last entry (``مراجع 5``) and page 3's first heading keep one
    # blank line between them.
    assert all(edit.before in ("\n", "\n\n\n") and edit.page in (1, 2) for edit in widened)
    assert {edit.page for edit in joins} >= {3, 4}  # page 2 is the contents
    assert replay(result.original, result.edits) == result.text
    # The extraction keeps one line per printed line, and hands the wraps over.
    extraction = extract_pdf(path)
    assert extraction.text == result.original
    assert all(extraction.text[wrap.start : wrap.end] in ("\n", "-\n") for wrap in extraction.wraps)
    # Without join_broken_lines the lines stay as printed.
    kept = fix_pdf(path, Config().with_fixes(skip=["join_broken_lines"])).text
    assert "هاسدورف مرتب فشرده\nمی\u200cپردازد" in kept


def test_a_wrap_the_pipeline_widened_is_joined() -> None:
    """basemax_proceedings_persian.pdf, page 61: a justified abstract's line ends a sentence at
    the column's edge and the next goes on unindented; the text alone took the sentence end for
    a paragraph's and widened the break to a blank line (read with page 62, where the pipeline
    joins lines across a blank line, and so sets every paragraph break apart with one).
    Geometry joins it, as an edit of the blank line."""
    result = _fixed("basemax_proceedings_persian.pdf", "61-62")
    assert "که دارای مرتبه همگرایی ۳۶ است. نتایج عددی نشان می\u200cدهد که روش جدید" in result.text
    geometry = result.edits[-1].step  # the front end's joins come last, as one step
    widened = [edit for edit in result.edits if edit.step == geometry and edit.before == "\n\n"]
    assert [(edit.after, edit.page, edit.end - edit.start) for edit in widened] == [(" ", 61, 1)]
    assert replay(result.original, result.edits) == result.text
    # xrs_Navid-Khazaee.pdf, page 3: the same sentence end inside a paragraph, joined.
    navid = _fixed("xrs_Navid-Khazaee.pdf").text
    assert "از خود مقادیر پیکسل\u200cها استفاده کردیم. تنها کافی\u200cاست با دستور" in navid


def _widened(before: str, after: str, fix: str = "join_broken_lines") -> Result:
    """Two printed lines of one paragraph whose break a fix (step 0) changed from ``\\n``."""
    first = "این طرح\u200cنامه شامل مجموعه\u200cای از واژه\u200cها است."
    second = "هدف این طرح\u200cنامه فراهم کردن یک منبع است."
    original = f"{first}\n{second}"
    at = len(first) - len(before) + 1
    return Result(
        text=original[:at] + after + original[at + len(before) :],
        original=original,
        edits=(Edit(fix, at, at + len(before), before, after, 0.7, 0, at),),
    )


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("\n", "\n\n", True),  # widened to a blank line: still the paragraph's wrap
        (".\n", ".\n\n", False),  # the fix wrote more than white space there: left as it left it
        ("\n", " ", False),  # joined already
    ],
)
def test_joins_follow_a_break_through_white_space_edits(before: str, after: str, joined: bool) -> None:
    result = _widened(before, after)
    start = result.original.index("\n")
    out = join_wraps(result, [Change(start, start + 1, " ", 0.85)])
    assert (out.text.count("\n") == 0 and out.text != result.text) is joined
    if not joined:
        assert out == result
    assert replay(out.original, out.edits) == out.text
    assert out.text.replace("\n", " ").replace("  ", " ") == result.original.replace("\n", " ")


# Ragged text, laid out as a line breaker sets it flush right: glyphs half a font size wide,
# word spaces 0.3 of it, lines 1.4 apart. Geometry alone decides (no pipeline here).
SIZE, RIGHT, PITCH = 10.0, 400.0, 14.0


def _ragged_page(paragraphs: list[list[str]], indent: float = 0.0, spacing: float = 0.0) -> list[Glyph]:
    """Glyphs of right-to-left lines set flush right; each paragraph's first line indented by
    ``indent`` font sizes, and ``spacing`` points added between paragraphs."""
    glyphs: list[Glyph] = []
    baseline = 700.0 + spacing
    for lines in paragraphs:
        baseline -= spacing
        for number, line in enumerate(lines):
            x = RIGHT - (indent * SIZE if number == 0 else 0.0)
            for index, word in enumerate(line.split()):
                if index:
                    x -= 0.3 * SIZE
                for letter in word:  # right to left: the first letter is painted rightmost
                    glyphs.append(Glyph(letter, x - 0.5 * SIZE, x, baseline, SIZE))
                    x -= 0.5 * SIZE
            baseline -= PITCH
    return glyphs


def _joined(paragraphs: list[list[str]], indent: float = 0.0, spacing: float = 0.0) -> list[str]:
    """The lines after the front end's joins from geometry."""
    assembler = _Assembler()
    assembler.add_page(*page_lines(_ragged_page(paragraphs, indent, spacing), True))
    assembled = assembler.text([0])
    return apply_changes(assembled.text, assembled.wraps).splitlines()


def _sure_breaks(paragraphs: list[list[str]], spacing: float, indent: float = 0.0) -> list[tuple[str, str]]:
    """The paragraph breaks geometry is sure of, each as (the last word before, the first after)."""
    assembler = _Assembler()
    assembler.add_page(*page_lines(_ragged_page(paragraphs, indent, spacing), True))
    assembled = assembler.text([0])
    text = assembled.text
    return [(text[:start].split()[-1], text[end:].split()[0]) for start, end in assembled.breaks]


def _broken(words: str, width: float, indent: float = 0.0) -> list[str]:
    """``words`` as a line breaker sets them in ``width`` font sizes, the first line indented by
    ``indent``: a word goes to the next line when it does not fit."""
    lines: list[str] = []
    for word in words.split():
        wider = f"{lines[-1]} {word}" if lines else word
        room = width - (indent if len(lines) == 1 else 0.0)
        if lines and len(wider.replace(" ", "")) * 0.5 + wider.count(" ") * 0.3 <= room:
            lines[-1] = wider
        else:
            lines.append(word)
    return lines


ARTICLE = (
    "هر کس حق دارد که از آزادی فکر، وجدان و مذهب بهره\u200cمند شود و این حق متضمن آزادی تغییر مذهب"
    " یا عقیده و همچنین متضمن آزادی اظهار عقیده و ایمان می\u200cباشد و نیز شامل تعلیمات مذهبی و اجرای"
    " مراسم دینی است"
)


def test_ragged_paragraphs_are_joined_where_the_next_word_had_no_room() -> None:
    lines = _broken(ARTICLE, 19.0, indent=1.5)
    # A first line indented: every break of the paragraph is a wrap, two of them a font size
    # short of the edge.
    assert _joined([lines, ["احدی را نمی\u200cتوان خودسرانه توقیف کرد."]], indent=1.5) == [
        ARTICLE,
        "",
        "احدی را نمی\u200cتوان خودسرانه توقیف کرد.",
    ]
    # Without an indent, a paragraph's first line that stops short of the edge is not joined: a
    # paragraph of one line that ends close to the edge looks the same.
    lines = _broken(ARTICLE, 22.0)
    assert _joined([lines]) == [lines[0], " ".join(lines[1:])]


def test_ragged_lines_the_next_word_would_have_fitted_on_stay_apart() -> None:
    lines = _broken(ARTICLE, 19.0, indent=1.5)
    # The second line cut short: the third line's first word would have fitted after it.
    short = lines[1].rsplit(" ", 1)[0]
    moved = [lines[0], short, lines[1].rsplit(" ", 1)[1] + " " + lines[2], *lines[3:]]
    joined = _joined([moved], indent=1.5)
    assert f"{lines[0]} {short}" in joined
    assert not any(short + " " + moved[2].split()[0] in line for line in joined)


SENTENCES = (
    "هر کس حق دارد که از آزادی فکر، وجدان و مذهب بهره\u200cمند شود و"
    " این حق متضمن آزادی تغییر مذهب یا عقیده و همچنین متضمن آزادی اظهار عقیده و ایمان می\u200cباشد."
    " تعلیمات مذهبی و اجرای مراسم دینی نیز شامل این حق است و هر کس می\u200cتواند از این حقوق"
    " منفرداً یا مجتمعاً بطور خصوصی یا بطور عمومی برخوردار باشد."
)


def test_ragged_lines_ending_a_sentence_stay_apart() -> None:
    """A sentence's end at a ragged line's end is taken as its paragraph's end, even where the
    next word would not have fitted (only a justified line running to the edge shows that the
    paragraph goes on), in a document that shows no mark of its paragraphs' starts."""
    lines = _broken(SENTENCES, 24.5, indent=1.5)
    end = next(index for index, line in enumerate(lines) if line.endswith("می\u200cباشد."))
    assert 0 < end < len(lines) - 1 and lines[end + 1].startswith("تعلیمات")
    before, after = " ".join(lines[: end + 1]), " ".join(lines[end + 1 :])
    assert _joined([lines], indent=1.5) == [before, after]


def test_ragged_lines_ending_a_sentence_are_wrapped_where_paragraphs_are_marked() -> None:
    """Where each paragraph seen to end (its last line short of the next word) is followed by an
    indented line, or by spacing, the mark is how paragraphs start: a line that ends a sentence,
    left no room for the next word and has no mark under it was wrapped. So are a paragraph's
    unindented first line and a line whose room the lines near it measure (flush-right PDFs
    printed by Chromium with ``text-indent`` or a margin between paragraphs)."""
    lines = _broken(SENTENCES, 24.0)
    end = next(index for index, line in enumerate(lines) if line.endswith("می\u200cباشد."))
    assert 0 < end < len(lines) - 1
    others = [_broken(ARTICLE, 24.0)] * 3
    paragraphs = [lines, *others]
    whole = [" ".join(paragraph) for paragraph in paragraphs]
    assert _joined(paragraphs, spacing=7.0) == [whole[0], "", whole[1], "", whole[2], "", whole[3]]
    indented = [_broken(SENTENCES, 24.5, indent=1.5), *[_broken(ARTICLE, 24.5, indent=1.5)] * 3]
    assert _joined(indented, indent=1.5)[0] == SENTENCES
    # The control: the same lines with neither mark stay apart at the sentence's end.
    control = _joined(paragraphs)
    assert any(line.endswith("می\u200cباشد.") for line in control) and SENTENCES not in control


def test_an_indent_under_a_full_line_is_sure_where_paragraphs_are_indented() -> None:
    """A paragraph whose last line happens to reach the far edge, then an indented line: geometry
    alone is not sure of the break (a full line may go on), but where each paragraph seen to end
    was followed by an indented line, the indent is how paragraphs start (``… را فراهم می\u200cکند:`` /
    indented ``سازنده\u200cهای محیط …``, a flush-right page of the Vite docs printed by Chromium)."""
    lines = _broken(ARTICLE, 25.0, indent=1.5)
    cut = lines[:3]  # its last line reaches the edge
    assert _sure_breaks([cut, lines, lines, lines, lines], 0.0, indent=1.5)[0] == (cut[-1].split()[-1], "هر")
    # With one paragraph seen to end, the indent alone is no sure sign.
    assert _sure_breaks([cut, lines], 0.0, indent=1.5) == []


def test_one_line_paragraphs_set_apart_by_spacing_stay_apart() -> None:
    """A list of one-line paragraphs set with spacing between them, after a paragraph of several
    lines (a flush-right page printed by Chromium: ``… تأمین مالی کرد`` / ``@andrewgodwin از
    طریق …``). Most distances between the lines are the spacing: the line pitch is measured
    inside the paragraph, and the spacing, recurring between every two items, is a paragraph
    break geometry is sure of, even after an item that ends too close to the edge for the next
    item's first word."""
    paragraph = _broken(ARTICLE, 19.0)
    items = _broken(
        "احدی را نمی\u200cتوان خودسرانه توقیف، حبس یا تبعید کرد. هر کس با مساوات کامل حق دارد که"
        " دعوایش بوسیله دادگاه مستقل و بیطرفی، منصفانه و علناً رسیدگی بشود و چنین دادگاهی درباره"
        " حقوق و الزامات او یا هر اتهام جزائی که باو توجه پیدا کرده باشد اتخاذ تصمیم بنماید.",
        19.0,
    )
    assert len(items) > len(paragraph)
    paragraphs = [paragraph, *([item] for item in items)]
    sure = _sure_breaks(paragraphs, spacing=0.5 * PITCH)
    # (A page's last line is never sure to stand apart: it may be a page number.)
    starts = [(before.split()[-1], after.split()[0]) for before, after in itertools.pairwise(items[:-1])]
    assert all(pair in sure for pair in starts)
    assert (paragraph[-1].split()[-1], items[0].split()[0]) in sure
    # The paragraph's own lines are no breaks at all, sure or not.
    assert not any((a.split()[-1], b.split()[0]) in sure for a, b in itertools.pairwise(paragraph))
    # Without the spacing nothing says where an item ends.
    assert _sure_breaks(paragraphs, spacing=0.0) == []


def test_a_short_line_the_next_line_reaches_past_ends_its_paragraph() -> None:
    """Ragged text without spacing or indents (one-line paragraphs in a list, flush right): a line
    that leaves room for the next line's first word, the next line reaching past it, ends its
    paragraph, and the break is sure; not after a full line, nor after a word that never ends a
    sentence. (Lines set narrower than their column all end short together, and the line above
    tells: fod_README-fa.pdf page 1, in test_paragraphs_geometry_is_unsure_of_are_still_joined.)"""
    paragraph = _broken(ARTICLE, 19.0)
    short = "احدی را نمی\u200cتوان توقیف کرد."
    long = "هر کس حق دارد که از حمایت قانون بهره\u200cمند باشد."
    cut = "هر کس حق دارد که در برابر مداخله و به"
    last = "هیچ\u200cکس را نمی\u200cتوان از تابعیت محروم کرد."
    sure = _sure_breaks([paragraph, [short], [long], [short], [long], [cut], [long], [last]], spacing=0.0)
    assert sure == [("کرد.", "هر")] * 2


def test_an_indent_under_a_line_from_the_edge_is_a_sure_paragraph_break() -> None:
    """Ragged paragraphs with first-line indents: a paragraph whose last line leaves no room for
    the next word, then an indented line (a flush-right page printed by Chromium: ``… ارائه
    می\u200cدهد`` / ``برای جزئیات …``). No line of a paragraph is set in from the edge the line above
    it starts at: the break is sure. Lines of one paragraph are no break at all."""
    first = _broken(ARTICLE, 19.0, indent=1.5)[:-1]  # its last line as full as the breaker left it
    second = _broken("بنابراین احدی را نمی\u200cتوان خودسرانه توقیف، حبس یا تبعید کرد و هر کس حق دارد", 19.0, 1.5)
    sure = _sure_breaks([first, second, ["هیچ\u200cکس را نمی\u200cتوان از تابعیت محروم کرد."]], 0.0, indent=1.5)
    assert (first[-1].split()[-1], "بنابراین") in sure
    assert len(sure) == 1  # the page's last line is never sure


def test_lines_set_narrower_beside_a_figure_go_on_under_it() -> None:
    """A paragraph justified to a narrower measure beside a figure, then to the column's under
    it: the last narrow line ends short of the column's edge and the next line reaches past it,
    but the line above it ends where it does. No paragraph ends there."""
    words = f"{ARTICLE} و {ARTICLE}".split()
    narrow, wide = _broken(" ".join(words[:20]), 13.0), _broken(" ".join(words[20:]), 19.0)
    assert len(wide) > len(narrow) + 1  # most lines show the column's edge
    widths = [13.0] * len(narrow) + [19.0] * (len(wide) - 1) + [0.0]  # the last line: as set
    glyphs: list[Glyph] = []
    for number, (line, width) in enumerate(zip([*narrow, *wide], widths, strict=True)):
        letters = len(line.replace(" ", "")) * 0.5
        gap = (width - letters) / line.count(" ") if width else 0.3  # justified: spaces stretched
        x, baseline = RIGHT, 700.0 - number * PITCH
        for index, word in enumerate(line.split()):
            x -= gap * SIZE if index else 0.0
            for letter in word:
                glyphs.append(Glyph(letter, x - 0.5 * SIZE, x, baseline, SIZE))
                x -= 0.5 * SIZE
    assembler = _Assembler()
    assembler.add_page(*page_lines(glyphs, True))
    assembled = assembler.text([0])
    # Read against the narrow measure (see _measure), no line ends short: one paragraph.
    assert "\n\n" not in assembled.text
    assert assembled.breaks == ()


def test_list_items_with_a_hanging_indent_are_one_paragraph_each() -> None:
    """xrs_Navid-Khazaee.pdf, page 4: each item's lines after the first start under its text, not
    under its bullet; they are the item's, not paragraphs of their own."""
    extraction = extract_pdf(_pdf("xrs_Navid-Khazaee.pdf"), pages="4")
    assert extraction.text.startswith(
        "• samples: نمونه\u200cهاي ورودي هستند. به ازاي هر نمونه، یک سطر آورده می\u200cشود و در آن سطر، هر\n"
        "ستون، مقدار یک ویژگی را مشخص می\u200cکند."
    )
    assert "استفاده نمودیم.\n\n• K : تعداد" in extraction.text
    text = _fixed("xrs_Navid-Khazaee.pdf").text
    assert "در آن سطر، هر ستون، مقدار یک ویژگی را مشخص می\u200cکند." in text
    # The contents keep an entry a line (with a blank line inside each item, the text's own
    # breaks looked like artefacts and the pipeline joined two entries).
    lines = _lines(text)
    # (Section 1.2, which XeTeX paints `2.1`: see test_numbers_xetex_painted_part_by_part_read_in_the_order_written.)
    assert any(line.startswith("1.2 استفاده از K-means") and line.endswith(" 3") for line in lines)


def test_line_pitch_of_a_page_with_formulas_is_its_prose() -> None:
    """basemax_proceedings_persian.pdf: a formula's numerator and denominator are lines of the
    text's size set closer than its lines of prose; the pitch is the prose's, so a paragraph's
    lines on such a page are joined."""
    # Page 162: the introduction's indented first line ends a sentence at the edge; the next
    # line goes on unindented.
    intro = _fixed("basemax_proceedings_persian.pdf", "162").text
    assert "و مهندسی است. این روش\u200cها برای حل مسائل بهینه\u200cسازی" in intro
    # Page 141: a definition's lines around its formulas.
    definition = _fixed("basemax_proceedings_persian.pdf", "141").text
    assert "گرافی است که با در نظر گرفتن یک کپی از G" in definition


def test_paragraph_breaks_geometry_is_sure_of_are_kept() -> None:
    """basemax_proceedings_persian.pdf: a talk's title, its author and the author's affiliation,
    and an affiliation and the abstract, are set apart by a paragraph's spacing after a line short
    of the column's edge, and a footnote set smaller under the text. The pipeline's join reads
    the text alone and took those blank lines for a page's (``… توابع هم\u200cوردا مهدی شمس*``, ``…
    شی مورب در *سخنران. …``); geometry is sure of them, and they are kept."""
    path = _pdf("basemax_proceedings_persian.pdf")
    title = _lines(_fixed("basemax_proceedings_persian.pdf", "13").text)
    assert "مهدی شمس*" in title
    assert any(line.endswith("با ابزار عمل گروه و استفاده از توابع هم\u200cوردا") for line in title)
    abstract = _lines(_fixed("basemax_proceedings_persian.pdf", "122").text)
    assert any(line.endswith("دانشگاه فردوسی مشهد، مشهد، ایران") for line in abstract)
    assert any(line.startswith("چکیده. f را رنگ آمیزی مکانی همسایه\u200cای گوییم") for line in abstract)
    # A footnote under the page's last full line, set smaller after a wide spacing (page 168).
    footnote = _lines(_fixed("basemax_proceedings_persian.pdf", "168").text)
    assert "*سخنران. آدرس ایمیل: z.akbari@umz.ac.ir" in footnote
    # Every kept break is a blank line inside one page; the edits still replay, and without
    # join_broken_lines nothing is joined at all.
    extraction = extract_pdf(path, pages="13")
    assert extraction.breaks
    assert all(extraction.text[start:end] == "\n\n" for start, end in extraction.breaks)
    assert all(extraction.page_at(start) == extraction.page_at(end) for start, end in extraction.breaks)
    result = _fixed("basemax_proceedings_persian.pdf", "13")
    assert replay(result.original, result.edits) == result.text
    plain = fix_pdf(path, Config().with_fixes(skip=["join_broken_lines"]), pages="13")
    assert not any(edit.fix == "join_broken_lines" for edit in plain.edits)


def test_a_sentence_goes_on_across_a_break_geometry_is_unsure_of() -> None:
    """basemax_proceedings_persian.pdf: a line ending on a verb before a displayed formula's line
    (page 57, ``… قرار دهید`` / ``xk+۱ = xk + dk و …``) or before ``بطوریکه`` (page 122) stands
    apart from the next by geometry, which is not sure of the break: the sentence goes on, and
    the lines are joined."""
    path = _pdf("basemax_proceedings_persian.pdf")
    extraction = extract_pdf(path, pages="57")
    end = extraction.text.index("باشد، قرار دهید") + len("باشد، قرار دهید")
    assert any(start == end for start, _end in extraction.unsure)
    assert "باشد، قرار دهید xk+۱ = xk + dk" in _fixed("basemax_proceedings_persian.pdf", "57").text
    assert "روی رئوس گراف باشد بطوریکه برای" in _fixed("basemax_proceedings_persian.pdf", "122").text


def test_paragraphs_geometry_is_unsure_of_are_still_joined() -> None:
    """A paragraph goes on across a page (chromium_prose.pdf, pages 3 and 4: ``… در کسب`` /
    ``اطلاعات و افکار …``) and in a paragraph set narrower than its column every line reads short
    (fod_README-fa.pdf, page 1): no break there is sure, and the lines are joined as before."""
    generated = REAL.parent / "generated" / "chromium_prose.pdf"
    if not generated.exists():
        pytest.skip(f"{generated} is not available (../shared/pdfs/generated)")
    across = fix_pdf(generated, pages="3-4")
    assert "نداشته باشد و در کسب اطلاعات و افکار" in across.text
    extraction = extract_pdf(generated, pages="3-4")
    page_start = extraction.starts[1]
    assert not any(start <= page_start <= end for start, end in extraction.breaks)
    narrow = _fixed("fod_README-fa.pdf", "1").text
    assert "مشکل بارگیری این کتابخانه\u200cها نیز به مشکلات قبلی اضافه شده است." in narrow


RAGGED = Path(__file__).resolve().parent / "data" / "pdf" / "ragged"


def test_a_ragged_line_with_room_for_the_next_word_ends_its_paragraph() -> None:
    """Pages of opensource.guide's Persian translation (CC BY 4.0) printed flush right by
    Chromium, with no spacing or indent between paragraphs: a line that stopped short of the lines
    around it by more than the next line's first word and a space ended its paragraph, whether on
    a full stop (``… چیزی ننوشتن است.`` / ``به یاد …``: geometry took it for a wrap) or on a verb
    (``… ارائه می\u200cدهد`` / ``برای جزئیات …``: the text alone took it for one). A line that
    ended a sentence with less room than that was wrapped there (``… عمومی هستند.`` / ``به این
    …``, a space short)."""
    lines = [line for line in _lines(fix_pdf(RAGGED / "opensource-guide-best-practices-p1.pdf").text) if line]
    end = next(at for at, line in enumerate(lines) if line.startswith("حتی اگر از پاراگراف\u200cهای طولانی"))
    assert lines[end].endswith("نوشتن نکات مهم بهتر از چیزی ننوشتن است.")
    assert lines[end + 1].startswith("به یاد داشته باشید")
    lines = [line for line in _lines(fix_pdf(RAGGED / "opensource-guide-getting-paid-p3.pdf").text) if line]
    end = next(at for at, line in enumerate(lines) if line.startswith("موسسه\u200cی نرم\u200cافزار پایتون"))
    assert lines[end].endswith("کمک\u200cهای مالی برای کارهای مرتبط با پایتون ارائه می\u200cدهد")
    assert lines[end + 1].startswith("برای جزئیات دقیق\u200cتر و مطالعات موردی")
    assert lines[end + 1].endswith("گزینه\u200cی مناسب برای کار خودتان را دریابید.")
    text = fix_pdf(RAGGED / "opensource-guide-getting-paid-p6.pdf").text
    assert "تمام پروژه\u200cهای متن باز شما عمومی هستند. به این" in text


def test_a_ragged_wrap_at_a_sentence_end_is_joined_where_paragraphs_are_marked() -> None:
    """A page of PEP 8's Persian translation (MIT) printed flush right by Chromium, once with a
    first-line indent and once with spacing between paragraphs: every paragraph seen to end is
    followed by the mark, so ``… آرگومان تابع افزوده شود.`` / ``استفاده از زیرخط …`` (no room for
    the next word, no mark) is a wrap inside its paragraph, and every paragraph stays whole and
    apart (11 on the first page, the last cut by the page's end; 10 on the second)."""
    for name, count in (("pep8-naming-indent-p1.pdf", 11), ("pep8-naming-spaced-p1.pdf", 10)):
        paragraphs = fix_pdf(RAGGED / name).text.split("\n\n")
        assert len(paragraphs) == count and not any("\n" in paragraph for paragraph in paragraphs)
        arguments = next(paragraph for paragraph in paragraphs if paragraph.startswith("یکسان بودن نام آرگومان"))
        assert "آرگومان تابع افزوده شود. استفاده از زیرخط بهتر از مخفف کردن" in arguments
        assert arguments.endswith("و از اساس این ناسازگاری به وجود نیاید.)")


def test_a_full_flush_right_line_ending_a_sentence_may_end_its_paragraph() -> None:
    """A page of "http2 explained" (CC BY 4.0) printed flush right by Chromium with no indent or
    spacing between paragraphs: most lines stop short of the far edge, and paragraphs are seen
    to end with nothing under them, so a line that ends a sentence at the edge may end its
    paragraph as well as go on (``… تحویل داده می\u200cشود.`` / ``تصمیم\u200cهای سخت …`` are two
    paragraphs): the front end does not join it. Where no paragraph is seen to end, it does."""
    text = fix_pdf(RAGGED / "http2-explained-curl-tight-p2.pdf").text
    assert "همان صورت کانکشن\u200cهای معمولی تحویل داده می\u200cشود.\nتصمیم\u200cهای سخت بسیاری برای http2" in text
    # A flush-right page that shows no paragraph's end (one long paragraph): a full line ending a
    # sentence is a wrap (``… کاری از دستش بر نمی\u200cآمد.`` / ``بسیاری از اکتشافات …``).
    assert "بر نمی\u200cآمد. بسیاری از اکتشافات" in _fixed("textmining_farsi.pdf").text


def test_a_sentence_end_in_flush_right_text_is_handed_to_the_join_as_unsure() -> None:
    """Two pages of The Debian Administrator's Handbook in Persian (CC BY-SA 3.0) printed flush
    right by Chromium with no indent or spacing: its paragraphs end unseen, so a line break after a
    sentence's end that geometry leaves to the text is one it is unsure of, and the join does not
    run the next paragraph on (``… خود آعاز نمی\u200cکند.`` / ``پروتکل SSH …`` and ``… دو نقطه آورده
    شود.`` / ``sftp یک دستور …``)."""
    text = fix_pdf(RAGGED / "debian-handbook-ssh-tight-p3-4.pdf").text
    assert "سرور هیچ عملیاتی را خود آعاز نمی\u200cکند.\nپروتکل SSH یا Secure SHell" in text
    assert "ابتدا نام رایانه به همراه دو نقطه آورده شود.\nsftp یک دستور تعاملی" in text


def test_a_ragged_line_cut_short_by_a_long_next_word_is_wrapped() -> None:
    """A page of the Hugging Face course in Persian (Apache-2.0) printed flush right by Chromium:
    ``… ما مدلی جدید و`` is 11 font sizes long, too short for prose, because the next line's first
    word (``TrainingArguments``) could not follow it; with that word it is a line of prose, and
    the break is a wrap."""
    extraction = extract_pdf(RAGGED / "hf-course-trainer-indent-p6.pdf")
    end = extraction.text.index("توجه داشته باشید که ما مدلی جدید و\n") + len("توجه داشته باشید که ما مدلی جدید و")
    assert extraction.text[end + 1 :].startswith("TrainingArguments جدیدی")
    assert any(wrap.start == end and wrap.after == " " for wrap in extraction.wraps)


def test_a_line_break_with_room_is_followed_through_the_fixes_before_the_join() -> None:
    """The line break after ``… ارائه می\u200cدهد`` (room for ``برای``) is handed to the join as a
    break geometry is unsure of, one line break long; a fix before the join that changes the text
    (an HTML entity decoded above it) moves it and keeps it, as it does a blank line's two."""
    extraction = extract_pdf(RAGGED / "opensource-guide-getting-paid-p3.pdf")
    ends = "برای کارهای مرتبط با پایتون ارائه می\u200cدهد"
    end = extraction.text.index(ends + "\n") + len(ends)
    assert (end, end + 1) in extraction.unsure
    bracket = extraction.text.index("(Python Software Foundation)")
    text = extraction.text[:bracket] + "&quot;" + extraction.text[bracket + 1 :]
    shift = len("&quot;") - 1
    breaks = [(start + shift, stop + shift) if start > bracket else (start, stop) for start, stop in extraction.breaks]
    unsure = [(start + shift, stop + shift) if start > bracket else (start, stop) for start, stop in extraction.unsure]
    config = Config().with_fixes(skip=ORDERED_BY_GLYPHS)

    def joined(unsure: list[tuple[int, int]]) -> bool:
        result = run(text, config, _KeptBreaks(text, breaks, unsure).watch(FIXES))
        assert '"Python Software Foundation)' in result.text  # the entity decoded before the join
        return "پایتون ارائه می\u200cدهد برای جزئیات" in result.text

    assert not joined(unsure)
    assert joined([span for span in unsure if span != (end + shift, end + shift + 1)])


@pytest.mark.parametrize(
    "name",
    [
        "hf-course-heading-spaced-p5-6.pdf",  # the heading first on page 6, over a full line
        "hf-course-heading-indent-p4-6.pdf",  # the heading last on a page, the paragraph on the next
    ],
)
def test_a_heading_set_larger_stays_apart_at_a_page_break(name: str) -> None:
    """A heading (``h3``, 1.15 em) of the Hugging Face course in Persian (Apache-2.0), printed
    flush right by Chromium at a page's head or foot, where geometry is not sure of a break (a
    running head or a footer may stand there): set larger than the text, it is a heading, and
    the paragraph after it (``چگونه از API …``) is not run on to it."""
    text = fix_pdf(RAGGED / name).text
    assert "چگونه دیتاسِت\u200cهای بزرگ را از هاب تهیه کنید\n\nچگونه از API سطح بالای Trainer" in text


@pytest.mark.parametrize(
    ("name", "end", "start"),
    [
        # Its next word would have fit after the semicolon, but the line ran to the far edge.
        ("vue-docs-watchers-indent-p2.pdf", "به کار بیاندازد جزئی\u200cتر باشیم؛", "به هر دو مقدار فعلی"),
        ("http2-explained-indent-p3-4.pdf", "فارسی\u200cزبان کمکی کرده باشم (:", "HTTP 1.1 تبدیل به پرتکلی"),
    ],
)
def test_a_paragraph_of_one_line_indented_like_the_next_stays_apart(name: str, end: str, start: str) -> None:
    """Pages of the Vue documentation and of "http2 explained" in Persian (CC BY 4.0) printed
    flush right by Chromium with a first-line indent: a paragraph of one line is set in as far as
    the paragraph's first line under it. Where the document opens each paragraph so, the break is
    sure, and the join does not run the next paragraph on."""
    text = fix_pdf(RAGGED / name).text
    assert f"{end}\n\n{start}" in text


@pytest.mark.parametrize(
    ("name", "end", "start"),
    [
        ("hf-course-trainer-tight-p1.pdf", "یادآوری آنچه نیاز دارید:", "قبل از این که بتوانیم"),
        ("vue-docs-watchers-tight-p3.pdf", "باید آپشن flush: 'post' را فعال کنید:", "همچنین Post-flush،"),
    ],
)
def test_a_full_flush_right_line_ending_in_a_colon_may_end_its_paragraph(name: str, end: str, start: str) -> None:
    """Pages of the Hugging Face course (Apache-2.0) and of the Vue documentation (CC BY 4.0) in
    Persian, printed flush right by Chromium with no indent or spacing: a full line that ends in a
    colon ends a list's or an example's introduction as often as it wraps a sentence, so it is
    handed to the join, which keeps the break before a line that opens a sentence."""
    text = fix_pdf(RAGGED / name).text
    assert f"{end}\n{start}" in text


def _sized_page(lines: list[tuple[str, float]]) -> list[Glyph]:
    """Glyphs of right-to-left lines set flush right, each in its own font size."""
    glyphs: list[Glyph] = []
    baseline = 700.0
    for line, size in lines:
        _set_line(glyphs, line, baseline, size, None)
        baseline -= PITCH * size / SIZE
    return glyphs


def test_a_heading_at_a_page_foot_is_a_sure_break_and_a_running_head_is_not() -> None:
    """A line set larger than the text, last on its page, is a heading over the next page's first
    line; a running head set smaller than the text, first on its page, is no paragraph's end: the
    paragraph of the page before may go on past it."""
    body = [(line, SIZE) for line in _broken(ARTICLE, 19.0)]
    heading = ("آزادی اندیشه و بیان", 1.2 * SIZE)
    running_head = ("اعلامیه جهانی حقوق بشر", 0.8 * SIZE)

    def sure(*pages: list[tuple[str, float]]) -> list[tuple[str, str]]:
        assembler = _Assembler()
        for page in pages:
            assembler.add_page(*page_lines(_sized_page(page), True))
        assembled = assembler.text([0])
        text = assembled.text
        return [(text[:start].split()[-1], text[end:].split()[0]) for start, end in assembled.breaks]

    assert ("بیان", body[0][0].split()[0]) in sure([*body[:3], heading], body)
    assert not any(after == "اعلامیه" for _before, after in sure(body[:3], [running_head, *body]))


def _bold_lines(paragraphs: list[list[str]], bold: dict[int, tuple[int, int]]) -> list[str]:
    """The lines after the front end's joins, with the glyphs ``bold[n]`` (first, end, counted in
    letters) of line ``n`` (counted over all paragraphs) set bold."""
    glyphs = _ragged_page(paragraphs)
    baselines = sorted({glyph.baseline for glyph in glyphs}, reverse=True)
    for number, (first, end) in bold.items():
        line = [glyph for glyph in glyphs if glyph.baseline == baselines[number]]
        for glyph in line[first:end]:
            glyph.bold = True
    assembler = _Assembler()
    assembler.add_page(*page_lines(glyphs, True))
    assembled = assembler.text([0])
    return apply_changes(assembled.text, assembled.wraps).splitlines()


def test_a_bold_line_in_the_text_size_is_a_heading() -> None:
    """A short line wholly bold between lines in regular weight stands apart, though nothing in
    its size or spacing marks it (``پیکربندی Gradle``, fod_README-fa.pdf); a bold word inside a
    line, a bold line that ends a sentence (a paragraph's bold last sentence) or one that runs to
    the edge goes on with its paragraph."""
    lines = _broken(ARTICLE, 19.0)
    heading = "آزادی اندیشه"
    letters = len(heading.replace(" ", ""))
    page = [[*lines[:3], heading, *lines]]
    assert _bold_lines(page, {3: (0, letters)}) == [" ".join(lines[:3]), "", heading, "", " ".join(lines)]
    # The control: the same line in regular weight is joined to the full line above it.
    assert heading not in _bold_lines(page, {})
    # Part of the line bold: a word inside a sentence.
    assert f"{lines[2]} {heading}" in " ".join(_bold_lines(page, {3: (0, 4)}))
    # The bold line ends a sentence: the paragraph's last sentence, set bold.
    ended = [[*lines[:3], heading + ".", *lines]]
    assert f"{lines[2]} {heading}." in " ".join(_bold_lines(ended, {3: (0, letters + 1)}))
    # A full line set bold, between regular lines: a bold sentence that wraps.
    assert lines[1] not in _bold_lines([lines], {1: (0, len(lines[1].replace(" ", "")))})


def _painted_left_to_right(visual: str, right: float, baseline: float) -> list[Glyph]:
    """Glyphs of ``visual`` painted left to right so that it ends at ``right``: a space is a word
    space (0.3 em), a tab a quad (1 em)."""
    widths = {" ": 0.3 * SIZE, "\t": SIZE}
    width = sum(widths.get(ch, 0.5 * SIZE) for ch in visual)
    glyphs: list[Glyph] = []
    x = right - width
    for ch in visual:
        if ch not in widths:
            glyphs.append(Glyph(ch, x, x + 0.5 * SIZE, baseline, SIZE))
        x += widths.get(ch, 0.5 * SIZE)
    return glyphs


def test_a_heading_numbered_on_its_right_opens_with_its_number() -> None:
    # XeLaTeX with XePersian paints a section's number at the right edge, a quad from its title;
    # a Latin word painted beside it took the number along: a title in Latin letters alone, read
    # left to right by its words, came out `Normalization 1.1` (xrs_Vahid-Proposal.pdf), and one
    # in both scripts `K-means 1.1 و ویژگی\u200cها` (xrs_Navid-Khazaee.pdf).
    assert "1.1 Normalization" in _lines(_fixed("xrs_Vahid-Proposal.pdf").text)
    assert "1.1 K-means و ویژگی\u200cها" in _lines(_fixed("xrs_Navid-Khazaee.pdf").text)
    body = _broken(ARTICLE, 30.0)
    glyphs = _ragged_page([body, body])
    below = 700.0 - PITCH * (2 * len(body))  # under the two paragraphs
    glyphs += _painted_left_to_right("Normalization\t1.1", RIGHT, below)
    glyphs += _painted_left_to_right("اهیگژیو و K-means\t2.1", RIGHT, below - PITCH)
    # Left-to-right lines that end in a number stay so: a reference's line that runs from the left
    # edge, a short line that leaves the right edge, a number one word space from the title.
    reference = "Abramsky Domain theory in logical form Annals of Pure and Applied Logic\t51"
    glyphs += _painted_left_to_right(reference, RIGHT, below - 2 * PITCH)
    glyphs += _painted_left_to_right("Press\t2001", RIGHT - 20 * SIZE, below - 3 * PITCH)
    glyphs += _painted_left_to_right("Section 2", RIGHT, below - 4 * PITCH)
    blocks, _edges = page_lines(glyphs, True)
    lines = [line.logical.resolve(False) for block in blocks for line in block]
    assert lines[-5:] == [
        "1.1 Normalization",
        "2.1 K-means و ویژگیها",
        reference.replace("\t", " "),
        "Press 2001",
        "Section 2",
    ]


def test_english_references_in_a_persian_document_keep_their_brackets() -> None:
    # basemax_proceedings_persian.pdf mirrors the brackets painted among its Persian words; in
    # the English references on page 17 a year between numbers was mirrored too (`39 )1939(`).
    lines = _lines(_fixed("basemax_proceedings_persian.pdf", "17").text)
    # (the reference's lines are one line: see test_a_reference_wrapped_under_its_label_is_one_line)
    assert [line for line in lines if line.endswith("Givan form, Biometrika., 39 (1939), 391–421.")]
    assert not [line for line in lines if ")19" in line or ")20" in line]


def test_a_reference_wrapped_under_its_label_is_one_line() -> None:
    # The English references of a Persian document are left-to-right list items whose lines wrap
    # under the item's text (xrs_Vahid-Proposal.pdf: `[1] S. Abramsky, …`, set under `S.`) or a
    # little in from the label (basemax_proceedings_persian.pdf, page 38): each item is one line,
    # whatever a wrapped line ends with (`… SIAM J. Math.` / `Anal. 24 …`), as an editor types it.
    lines = _lines(_fixed("xrs_Vahid-Proposal.pdf", "5-6").text)
    assert (
        "[2] S. Abramsky, A. Jung, Domain theory, in: S. Abramsky, D.M. Gabbay, T.S.E. Maibaum (Eds.), "
        "Handbook of Logic in Computer Science, Vol. 3, Clarendon Press, Oxford, 1994, pp. 1–68."
    ) in lines
    assert "[4] D. Kozen, Semantics of probabilistic programs, J. Comput. System Sci. 22 (1981) 328–350." in lines
    assert not [line for line in lines if line.startswith("(19")]  # no year left on a line of its own
    lines = _lines(_fixed("basemax_proceedings_persian.pdf", "38").text)
    assert (
        "1. A. Charnes, W. Cooper, Programming with Linear Fractional Functions, Naval Research Logistics "
        "Quarterly, 9 (1962) 181-186."
    ) in lines
    # The Persian prose of the page is as it was: a list item's wraps are read for left-to-right lines only.
    assert "مراجع" in lines
    # A ragged reference's line that stops short of the edge by less than the next line's first
    # word is wrapped too: that word had no room on it (page 87: `… via almost flat` / `extensions, …`).
    lines = _lines(_fixed("basemax_proceedings_persian.pdf", "87").text)
    assert [line for line in lines if "via almost flat extensions, J. Comm. Alg. 4 (4) (2012) 445-478." in line]
    # A reference's last line of pages and a full stop alone, set to the left edge, is read left to
    # right as the lines before it (`.2373–2364` before), and joins its item.
    lines = _lines(_fixed("basemax_proceedings_persian.pdf", "44").text)
    assert [line for line in lines if line.endswith("Comput. Math. Appl. 62 (2011) 2364–2373.")]
    assert not [line for line in lines if line.startswith(".2373")]


def test_a_formula_in_brackets_beside_a_persian_word_keeps_its_brackets() -> None:
    # basemax_proceedings_persian.pdf, page 13: `n × p )n ≥ p( مثل` (see order._turn_latin_pairs).
    lines = _lines(_fixed("basemax_proceedings_persian.pdf", "13").text)
    assert any("ماتریس\u200cهای حقیقی n × p (n ≥ p) مثل x" in line for line in lines)
    assert not any(")n ≥ p(" in line for line in lines)


def test_a_line_of_closing_marks_under_code_reads_left_to_right() -> None:
    # faragate_Farsi.pdf (Word 2013): `});` closes each code sample at the left edge; with no letter
    # of either direction it was read as the document, right to left, and came out `;)}`.
    lines = _lines(_fixed("faragate_Farsi.pdf").text)
    assert lines.count("});") == 6
    assert ";)}" not in lines
    body = _broken(ARTICLE, 30.0)
    glyphs = _ragged_page([body])
    below = 700.0 - PITCH * len(body)
    glyphs += _painted_left_to_right("app.get('/pay', function(req, res){", RIGHT - 10 * SIZE, below)
    glyphs += _painted_left_to_right("});", RIGHT - 28 * SIZE, below - PITCH)
    blocks, _edges = page_lines(glyphs, True)
    assert [line.logical.resolve(False) for block in blocks for line in block][-1] == "});"


def test_numbers_xetex_painted_part_by_part_read_in_the_order_written() -> None:
    # XeTeX lays a number's parts out right to left: the proceedings' labels came out `مثال ۱.۱`,
    # `گزاره ۲.۱`, `مثال ۳.۱`, `قضیه ۱.۲`..., a version `۶.۰` came out `۰.۶` and section 1.2 `2.1`.
    text = _fixed("basemax_proceedings_persian.pdf", "13-16").text
    labels = [
        (int(section), int(item))
        for section, item in re.findall(r"(?:مثال|گزاره|قضیه) ([0-9]+)\.([0-9]+)\.", text.translate(PERSIAN_DIGITS))
    ]
    assert labels == [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5), (2, 6), (2, 7)]
    assert "نسخۀ گسترش\u200cیافته ۶.۰ مفهومی" in _lines(_fixed("purepersian_persian.pdf").text)
    navid = _lines(_fixed("xrs_Navid-Khazaee.pdf").text)
    assert "1.2 استفاده از K-means" in navid and "1.3 تغییر تعداد خوشه\u200cها" in navid
    # A number beside a Latin letter is in a formula XeTeX sets left to right (the doctest of
    # order.reorder_tex_numbers); a PDF not made by XeTeX keeps its numbers as painted (Word's
    # `Apache نسخه 2.0`, test_pdf_fast.py).
    assert "مثال ۱.۱. فرض کنید" in text
    assert "Apache نسخه 2.0" in _fixed("faragate_Farsi.pdf").text


PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def test_page_numbers_go_where_the_pages_are_known() -> None:
    """purepersian_persian.pdf is mostly tables, so the prose gate of remove_page_furniture says no;
    told where each page starts, the fix takes each page's number at its first or last lines (`۴`
    opens page 4, `۲` ends page 2; `۵` stands under page 5's first heading), as recorded edits.
    Page 8's number shares its line with the running head and stays."""
    result = _fixed("purepersian_persian.pdf")
    taken = [(edit.page, edit.before.strip()) for edit in result.edits if edit.fix == "remove_page_furniture"]
    assert taken == [(page, "۰۱۲۳۴۵۶۷۸۹"[page]) for page in (2, 3, 4, 5, 6, 7, 9)]
    assert not any(re.fullmatch("[۰-۹]+", line) for line in _lines(result.text))
    # The headings numbered like the pages stay.
    assert "۵. واژه\u200cهای فکری و انتزاعی" in _lines(result.text)
    # aut_main.pdf: two pages, two numbers; the equation's number stays.
    lines = _lines(_fixed("aut_main.pdf").text)
    assert "۱" not in lines and "۲" not in lines
    assert "(۱.۱)" in lines


def test_lone_numbers_that_are_no_page_numbers_stay() -> None:
    """With the pages known: a column of numbers at a page's end (a table's), and a number that
    fits its page alone (a contents page's last entry, whose offset no other page shares), stay."""
    from dorost.fixes.layout.furniture import remove_page_furniture

    row = "عربی\u200cزده فارسی خالص"
    pages = [
        [row, row, "۱۲", "۱۳"],  # a table's column at page 1's end
        [row, row, "۴۰"],  # page 2 ends on a contents entry
        [row, row, "۱۴"],
        [row, row, "۴"],  # page 4's number: one page alone keeps no offset
    ]
    text = ""
    starts: list[tuple[int, int]] = []
    for number, page in enumerate(pages, start=1):
        starts.append((len(text), number))
        text += "\n\n".join(page) + "\n\n"
    assert remove_page_furniture(text, Config(), starts) == []
    # Two pages whose numbers agree are numbered: both go.
    pages[1][-1] = "۲"
    text = ""
    starts = []
    for number, page in enumerate(pages, start=1):
        starts.append((len(text), number))
        text += "\n\n".join(page) + "\n\n"
    removed = [text[change.start : change.end].strip() for change in remove_page_furniture(text, Config(), starts)]
    assert removed == ["۲", "۴"]


def test_a_latin_word_hyphenated_at_a_line_end_is_rejoined_on_the_documents_evidence() -> None:
    """A reference's Latin word cut by the printer's hyphen: the lines are joined, and the hyphen
    goes where the document writes the word whole elsewhere (xrs_Vahid-Proposal.pdf's ``Com-`` /
    ``put.``: ``Comput.`` in another reference); else it stays (basemax_proceedings_persian.pdf
    page 51's ``wavelet-`` / ``polynomial``, a real hyphen)."""
    result = _fixed("xrs_Vahid-Proposal.pdf")
    assert "nondeterminism, Theoret. Comput. Sci. 12 (1980) 19–37." in result.text
    assert any(edit.fix == "join_broken_lines" and edit.before == "-\n" for edit in result.edits)
    text = _fixed("basemax_proceedings_persian.pdf", "51").text
    assert "fractional derivative through wavelet-polynomial transformation and its applications" in text


def _set_line(glyphs: list[Glyph], line: str, baseline: float, size: float, width: float | None) -> None:
    """Glyphs of right-to-left ``line`` set from the right edge, its word spaces stretched to fill
    ``width`` points (a justified line), or left as they are (``None``)."""
    words = line.split()
    letters = sum(len(word) for word in words)
    space = 0.3 * size
    if width is not None and len(words) > 1:
        space = (width - letters * 0.5 * size) / (len(words) - 1)
    x = RIGHT
    for index, word in enumerate(words):
        if index:
            x -= space
        for letter in word:
            glyphs.append(Glyph(letter, x - 0.5 * size, x, baseline, size))
            x -= 0.5 * size


def _footnoted_pages(raised: bool = True, full: bool = True) -> list[list[Glyph]]:
    """Two pages: the first's last paragraph goes on at the second, with a footnote at the first's
    foot (smaller, its mark a superscript digit when ``raised``) and its number under it; ``full``:
    the paragraph's last line on the first page is justified to the measure."""
    body = _broken(ARTICLE, 19.0)
    width = 19.0 * SIZE
    first: list[Glyph] = []
    baseline = 700.0
    for line in body[:4]:
        _set_line(first, line, baseline, SIZE, width if full or line != body[3] else None)
        baseline -= PITCH
    note = 0.8 * SIZE
    baseline -= PITCH  # the rule and its space over the footnotes
    mark = 0.6 * SIZE
    first.append(Glyph("\u06f1", RIGHT - 0.5 * mark, RIGHT, baseline + (0.35 * SIZE if raised else 0.0), mark))
    before = len(first)
    _set_line(first, "نماد حقوق بشر", baseline, note, None)
    for glyph in first[before:]:
        glyph.x0 -= 0.5 * mark
        glyph.x1 -= 0.5 * mark
    first.append(Glyph("\u06f1", 250.0, 255.0, 80.0, SIZE))  # the page's number
    second: list[Glyph] = []
    baseline = 700.0
    for line in body[4:]:
        _set_line(second, line if line != body[-1] else f"{line}.", baseline, SIZE, width if line != body[-1] else None)
        baseline -= PITCH
    _set_line(second, "ماده نوزدهم", baseline - PITCH, 1.2 * SIZE, None)
    _set_line(second, body[0], baseline - 3 * PITCH, SIZE, width)
    _set_line(second, body[1], baseline - 4 * PITCH, SIZE, None)
    return [first, second]


def _assembled(pages: list[list[Glyph]]) -> str:
    assembler = _Assembler()
    for glyphs in pages:
        assembler.add_page(*page_lines(glyphs, True))
    assembled = assembler.text([0])
    return apply_changes(assembled.text, assembled.wraps)


def test_footnotes_that_cut_a_paragraph_at_a_page_break_follow_it() -> None:
    """The footnotes at a page's foot (smaller type, each opening with a superscript mark) under a
    paragraph that goes on at the next page come after that paragraph, and its two halves meet at
    the page break (xrs_Vahid-Proposal.pdf pages 4 and 5: ``… همچنین با توجه به مطالب`` /
    ``3Saheb-Djahromi`` … ``7Vickers`` / ``4`` / ``موجود در سمینار …``)."""
    body = _broken(ARTICLE, 19.0)
    text = _assembled(_footnoted_pages())
    at = [text.index(piece) for piece in (body[3], "\n\u06f1\n", body[4], "\n\u06f1نماد حقوق بشر\n", "ماده نوزدهم")]
    assert at == sorted(at)
    # Where the mark is no superscript, or the paragraph ends on the page, they stay where printed.
    for pages in (_footnoted_pages(raised=False), _footnoted_pages(full=False)):
        text = _assembled(pages)
        assert text.index(body[3]) < text.index("نماد حقوق بشر") < text.index("\n\u06f1\n") < text.index(body[4])


def test_a_thesis_paragraph_cut_by_its_page_footnotes_is_whole() -> None:
    """xrs_Vahid-Proposal.pdf, pages 4 and 5: the paragraph reads whole, its page's footnotes
    after it; page 3's footnotes, under a paragraph that ends there, stay at its foot."""
    lines = _lines(_fixed("xrs_Vahid-Proposal.pdf").text)
    whole = _line_with("\n".join(lines), "همچنین با توجه به مطالب")
    assert "به مطالب موجود در سمینار کارشناسی ارشد" in whole and whole.endswith("خواهد بود.")
    notes = [lines.index(f"{number}{name}") for number, name in enumerate(("Radon", "Scott", "Saheb-Djahromi"), 1)]
    # The headings after the table of contents: their last appearance.
    review, schedule = (
        max(i for i, line in enumerate(lines) if line == title)
        for title in ("3 بررسی منابع", "6 جدول زمان\u200cبندی مراحل انجام تحقیق")
    )
    assert notes[0] < review < lines.index(whole) < notes[2] < schedule


def _stretched_paragraph(drops: list[float], end: int | None = None) -> list[str]:
    """The lines after the front end's joins from geometry, of one justified paragraph whose lines
    are ``drops`` points apart (the line ``end`` ending a sentence) and a short last line."""
    body = _broken(f"{ARTICLE} {ARTICLE}", 19.0)[: len(drops) + 1]
    assert len(body) == len(drops) + 1
    glyphs: list[Glyph] = []
    baseline = 700.0
    for index, line in enumerate(body):
        text = f"{line}." if index == end else line
        _set_line(glyphs, text, baseline, SIZE, 19.0 * SIZE if index < len(drops) else None)
        baseline -= drops[index] if index < len(drops) else 0.0
    assembler = _Assembler()
    assembler.add_page(*page_lines(glyphs, True))
    assembled = assembler.text([0])
    return apply_changes(assembled.text, assembled.wraps).splitlines()


def test_lines_pushed_apart_by_tall_inline_math_are_wrapped_in_mid_sentence() -> None:
    """Tall inline math widens a line's leading here and there, by up to 0.4 em (TeX then sets the
    lines' boxes a \\lineskip apart: 12 to 15.6 points in lines of 10 set 12 apart,
    basemax_proceedings_persian.pdf page 104, ``… قضایا`` / ``و نتایج در مورد مفهوم درخت را توجیه
    کند. به عنوان مثال، رابطه E(T)| = |V (T)| − ۱| …``): its lines are still one paragraph's. A
    sentence's end at a line's end there is left to the pipeline's join, which reads the text."""
    drops = [12.0, 13.6, 13.6, 15.6, 13.6, 12.0, 15.2]
    assert len(_stretched_paragraph(drops)) == 1
    assert len(_stretched_paragraph(drops, end=3)) == 2
    # Steps of twice that are no leading widened by math (a table of contents at alternating distances).
    assert len(_stretched_paragraph([12.0, 20.0, 12.0, 20.0, 12.0, 20.0, 12.0])) > 1


def test_lines_in_a_smaller_type_are_spaced_by_their_own_pitch() -> None:
    """Lines set in another size than the block's are measured against each other: a matrix's rows
    set 6 points apart made every line of the references under it, 10 apart in a smaller type, a
    paragraph of its own (basemax_proceedings_persian.pdf page 120)."""
    glyphs: list[Glyph] = []
    baseline = 700.0
    for _row in range(12):  # a matrix of numbers, its rows 6 points apart
        _set_line(glyphs, " ".join(["\u06f1\u06f2\u06f3\u06f4"] * 8), baseline, SIZE, 19.0 * SIZE)
        baseline -= 6.0
    baseline -= 12.0
    small = 0.8 * SIZE
    body = _broken(ARTICLE, 19.0 / 0.8)
    for index, line in enumerate(body):
        _set_line(glyphs, line, baseline, small, 19.0 * SIZE if index < len(body) - 1 else None)
        baseline -= 10.0
    assembler = _Assembler()
    assembler.add_page(*page_lines(glyphs, True))
    assert assembler.text([0]).text.split("\n\n")[-1].split("\n") == body


def test_a_paragraph_set_narrower_beside_a_figure_is_wrapped_to_its_own_measure() -> None:
    """Lines justified to a narrower measure than their column (beside a logo: fod_README-fa.pdf,
    page 1, ``… مواجه بوده`` / ``اند. این تحریم …``, a sentence and a word cut by a paragraph
    break) all end together short of the column's far edge: none of them ended its paragraph."""
    narrow, full = _broken(ARTICLE, 16.0), _broken(f"{ARTICLE} {ARTICLE}", 24.0)
    glyphs: list[Glyph] = []
    baseline = 700.0
    for index, line in enumerate(narrow):
        _set_line(glyphs, line, baseline, SIZE, 16.0 * SIZE if index < len(narrow) - 1 else None)
        baseline -= PITCH
    baseline -= PITCH
    for index, line in enumerate(full):
        _set_line(glyphs, line, baseline, SIZE, 24.0 * SIZE if index < len(full) - 1 else None)
        baseline -= PITCH
    assembler = _Assembler()
    assembler.add_page(*page_lines(glyphs, True))
    assembled = assembler.text([0])
    assert apply_changes(assembled.text, assembled.wraps).split("\n\n")[0] == " ".join(narrow)


def _placed_page(lines: list[tuple[str, float]]) -> list[Glyph]:
    """Glyphs of right-to-left lines set flush right in the text size, each on its own baseline."""
    glyphs: list[Glyph] = []
    for line, baseline in lines:
        _set_line(glyphs, line, baseline, SIZE, None)
    return glyphs


def test_a_line_set_below_the_place_the_page_tops_share_is_told_apart() -> None:
    """The front end tells the pipeline which lines stand elsewhere than the place the pages' heads
    share: a paper's title on its first page, lower than the running head that repeats its words
    on every later page (basemax_proceedings_persian.pdf: heads at 722.2 pt, titles at 597 to 599)."""
    title = "نتایجی روی همریختی\u200cها و مدول\u200cهای تقریبا یکدست"
    body = _broken(ARTICLE, 19.0)[:6]
    assembler = _Assembler()
    first = [(title, 600.0), *((line, 570.0 - PITCH * n) for n, line in enumerate(body)), ("۷۵", 60.0)]
    assembler.add_page(*page_lines(_placed_page(first), True))
    for number in ("۷۶", "۷۷", "۷۸"):
        later = [(title, 722.2), *((line, 700.0 - PITCH * n) for n, line in enumerate(body)), (number, 60.0)]
        assembler.add_page(*page_lines(_placed_page(later), True))
    assembled = assembler.text([0])
    text = assembled.text
    apart = [text[start:end] for start, end in assembled.elsewhere]
    assert apart.count(title) == 1  # the first page's title; the three heads stand where heads stand
    assert text.count(title) == 4
    assert not any(number in apart for number in ("۷۵", "۷۶", "۷۷", "۷۸"))  # at the place the feet share


def test_a_repeated_line_set_elsewhere_than_the_page_heads_is_no_running_head() -> None:
    """remove_page_furniture told the lines set elsewhere than the pages' heads and feet keeps
    them, however their words repeat beside the page numbers; the heads and numbers still go.
    Told nothing (plain text), it reads the words alone, as before."""
    from dorost.fixes.layout.furniture import remove_page_furniture

    body = "این سطر از متن اصلی مقاله است و ادامه دارد تا پایان صفحه برسد"
    title = "نتایجی روی همریختی\u200cها و مدول\u200cهای تقریباً یکدست"
    pages = [[body] * 6 + ["۱"], [title] + [body] * 6 + ["۲"]] + [[title] + [body] * 6 + [n] for n in "۳۴۵۶"]
    text = ""
    starts: list[tuple[int, int]] = []
    for number, page in enumerate(pages, start=1):
        starts.append((len(text), number))
        text += "\n".join(page) + "\n\n"
    at = text.index(title)

    def removed(*told: Sequence[tuple[int, int]]) -> list[str]:
        return [text[change.start : change.end].strip() for change in remove_page_furniture(text, Config(), *told)]

    numbers = list("۱۲۳۴۵۶")
    assert removed() == removed(starts) == [line for n in numbers for line in (n, title)][:-1]
    assert (
        removed(starts, [(at, at + len(title))])
        == [numbers[0], *(line for n in numbers[1:] for line in (n, title))][:-1]
    )


def test_a_papers_title_that_its_running_heads_repeat_stays() -> None:
    """basemax_proceedings_persian.pdf, pages 83 to 88: the title of the paper opening page 84 heads
    pages 85 and 87 too, each time the first line after a page's number. The heads go, as recorded
    edits; the title, set lower than the heads, stays."""
    result = _fixed("basemax_proceedings_persian.pdf", "83-88")
    title = "نتایجی روی همریختی\u200cها و مدول\u200cهای تقریباً یکدست"
    assert _lines(result.text).count(title) == 1
    removed = [
        edit.page for edit in result.edits if edit.fix == "remove_page_furniture" and edit.before.strip() == title
    ]
    assert removed == [85, 87]


def test_a_running_head_seen_once_goes_where_the_repeated_heads_stand() -> None:
    """remove_page_furniture told the lines at each place the pages' top lines share (``margins``)
    takes a line at a place where running heads found by their repetition stand for a running head
    too, however seldom its words come back (a short paper's head, seen once). A line there under
    which its paragraph goes on stays, and so does every line of a place where no head repeats.
    Told nothing, it reads the words alone, as before."""
    from dorost.fixes.layout.furniture import remove_page_furniture

    body = "این سطر از متن اصلی مقاله است و ادامه دارد تا پایان صفحه برسد"
    head, once = "گزارش سالانه", "یادداشت\u200cهای پایانی همایش"
    prose = "سطری از متن که در صفحه پیش آغاز شد و در این صفحه"
    text = ""
    pages: list[tuple[int, int]] = []
    at_top: list[tuple[int, int]] = []
    for number, top in enumerate([None, head, head, head, head, once, prose], start=1):
        pages.append((len(text), number))
        if top is not None:
            at_top.append((len(text), len(text) + len(top)))
            text += top + ("\n" if top == prose else "\n\n")
        text += "\n".join([body] * 6) + f"\n\n{'۱۲۳۴۵۶۷'[number - 1]}\n\n"

    def removed(*told: Sequence[tuple[int, int]] | Sequence[Sequence[tuple[int, int]]]) -> list[str]:
        return [text[change.start : change.end].strip() for change in remove_page_furniture(text, Config(), *told)]

    before = removed(pages)
    assert before == removed() and once not in before and before.count(head) == 4
    after = removed(pages, (), [at_top])
    assert [line for line in after if line not in before] == [once]
    assert prose not in after
    # Where no head found by its repetition stands, a line seen once stays.
    assert removed(pages, (), [at_top[-2:]]) == before


def test_a_paragraph_cut_by_a_running_head_seen_once_meets_across_it() -> None:
    """basemax_proceedings_persian.pdf, pages 103 to 105: a four-page paper's heads (its title, its
    authors ``م. تقی\u200cزاده بیلندی و ف. رادمهر``) are each seen once or twice, too seldom for a
    rhythm, but stand where the repeated heads of other papers stand (pages 71 to 75): they go, as
    recorded edits. The paragraph that page 104's head cut (``… مفهوم درخت را`` / ``به عنوان یک
    فرآیند درونی می\u200cکند …``) meets across it, page 103's footnotes after it; the paper's title on
    its first page, set lower, stays."""
    result = _fixed("basemax_proceedings_persian.pdf", "71-105")
    lines = _lines(result.text)
    whole = _line_with(result.text, "مفهوم درخت را به عنوان یک فرآیند درونی می\u200cکند")
    assert whole.startswith("فرد یادگیری مفهوم درخت") and whole.endswith("در مورد مفهوم درخت وجود دارند.")
    assert lines.index(whole) < lines.index("1Action")
    authors = "م. تقی\u200cزاده بیلندی و ف. رادمهر"
    assert authors not in lines
    heads = [(edit.page, edit.before.strip()) for edit in result.edits if edit.fix == "remove_page_furniture"]
    assert (104, authors) in heads
    assert [page for page, line in heads if line.startswith("بررسی درک دانشجویان در مفهوم درخت")] == [103, 105]
    assert "بررسی درک دانشجویان از مفهوم درخت با استفاده از تجزیه ژنتیکی نظریه APOS" in lines


def test_a_footnote_at_a_page_foot_is_no_paragraph_the_next_page_goes_on_from() -> None:
    """basemax_proceedings_persian.pdf, pages 156 and 157: the speaker's footnote at page 156's
    foot, set smaller under a displayed formula (``*سخنران. آدرس ایمیل: …``), keeps its line: the
    join took the next page's running head, and once the head goes, its first paragraph (``به
    وضوح اگر …``), for the note's last words."""
    text = _fixed("basemax_proceedings_persian.pdf", "156-157").text
    assert _line_with(text, "zahra.yarahmadi").endswith("z.yarahmadi@gmail.com")
    assert _line_with(text, "به وضوح اگر").startswith("به وضوح اگر")


def test_footnotes_are_the_small_lines_set_apart_at_a_page_foot() -> None:
    from dorost.inputs.pdf.layout import notes_at_foot

    body = _broken(ARTICLE, 19.0)[:5]

    def foot(drop: float) -> int | None:
        """A page of ``body`` and two lines in a smaller type, the first ``drop`` under the text."""
        glyphs: list[Glyph] = []
        for number, line in enumerate(body):
            _set_line(glyphs, line, 700.0 - number * PITCH, SIZE, 19.0 * SIZE)
        baseline = 700.0 - (len(body) - 1) * PITCH - drop
        for line in ("یادداشت نخست درباره متن", "یادداشت دوم درباره متن"):
            _set_line(glyphs, line, baseline, 0.8 * SIZE, None)
            baseline -= 0.8 * PITCH
        glyphs.append(Glyph("\u06f7", 250.0, 255.0, 80.0, SIZE))  # the page's number
        (block,) = page_lines(glyphs, True).blocks
        return notes_at_foot(block)

    assert foot(2.0 * PITCH) == len(body) + 1  # the second note, over the page's number
    assert foot(PITCH) is None  # small lines at the text's pitch: references, which may go on overleaf


@pytest.mark.parametrize(
    ("page", "item"),
    [
        ("120", ("theory and applications, Acta.", "Appl. Math. 66 (2001) 211–249.")),
        ("133", ("signed cycles and their energies, Applied", "Math, Sci. 4 (2010) 3455–3466.")),
    ],
)
def test_a_references_next_line_under_its_text_goes_on_however_the_line_above_ends(
    page: str, item: tuple[str, str]
) -> None:
    """basemax_proceedings_persian.pdf: a reference's next line, set in under its text, is the same
    item, though the line above it ends short of the column's edge by more than that line's first
    word: matrices set wider than the text put the edge there, 30 points past the references' ends
    on page 120 (ref. 3), 80 on page 133 (refs. 1 to 5)."""
    text = _fixed("basemax_proceedings_persian.pdf", page).text
    first, rest = item
    assert re.search(f"{re.escape(first)}[ \\n]{re.escape(rest)}", text)


def test_footnotes_at_a_columns_foot_follow_the_paragraph_that_goes_on_in_the_next() -> None:
    """On a page set in two columns, footnotes are set at the foot of the column that calls them
    (LaTeX's twocolumn): under a paragraph that goes on at the top of the next column, they come
    after it, as at a page's foot (see test_footnotes_that_cut_a_paragraph_at_a_page_break_follow_it)."""
    body = _broken(f"{ARTICLE} {ARTICLE}", 16.0)[:11]
    body[-1] += "."
    width, shift = 16.0 * SIZE, 16.0 * SIZE + 30.0  # the column's measure; the left column's offset
    glyphs: list[Glyph] = []
    for number, line in enumerate(body[:6]):
        _set_line(glyphs, line, 700.0 - number * PITCH, SIZE, width)
    baseline, note, mark = 700.0 - 7 * PITCH, 0.8 * SIZE, 0.6 * SIZE
    glyphs.append(Glyph("\u06f1", RIGHT - 0.5 * mark, RIGHT, baseline + 0.35 * SIZE, mark))
    before = len(glyphs)
    _set_line(glyphs, "نماد حقوق بشر", baseline, note, None)
    for glyph in glyphs[before:]:
        glyph.x0 -= 0.5 * mark
        glyph.x1 -= 0.5 * mark
    left: list[Glyph] = []
    for number, line in enumerate(body[6:]):
        _set_line(left, line, 700.0 - number * PITCH, SIZE, width if line != body[-1] else None)
    for glyph in left:
        glyph.x0 -= shift
        glyph.x1 -= shift
    text = _assembled([glyphs + left])
    # The paragraph's halves meet (a sentence ends at the column's foot: the pipeline's join reads it).
    assert re.search(f"{re.escape(body[5])}\\s+{re.escape(body[6])}", text)
    assert text.index(body[-1]) < text.index("نماد حقوق بشر")
