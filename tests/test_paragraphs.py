"""Lines into paragraphs and page furniture, on real Persian text: a two-page document comes back
whole, and clean text of every genre is left alone."""

from __future__ import annotations

import itertools
import re
import textwrap
import unicodedata
from pathlib import Path

import pytest

from dorost import Config, repair, replay
from dorost.fixes.layout._common import split_lines
from dorost.fixes.layout.paragraphs import (
    _NUMBER,
    _Document,
    _ends_with_its_content,
    _has_digit_mark,
    _may_end_with_its_content,
    _printed_length,
)

LAYOUT = ["restore_visual_order", "remove_page_furniture", "reorder_reversed_runs", "join_broken_lines"]
SENTENCE_END = re.compile("[.!?؟…][»)\\]\"'”’]*$")
# Running text of every genre in ../shared/corpora: documentation (human and machine translated),
# encyclopedia and news passages, treebank sentences, sentence fragments, user-interface strings.
_DOCUMENTATION = ("debian-handbook-fa", "opensource-guide-fa", "vue-docs-fa", "http-explained-fa", "gin-docs-fa")
CLEAN = [
    *(f"{folder}/text.txt" for folder in (*_DOCUMENTATION, "pep8-fa", "ms-beginners-fa-mt", "openlogic-fa-mt")),
    "parsinlu-rc-passages/parsinlu_rc_passages.txt",
    "persianqa-test/pqa_test_contexts.txt",
    "ud-persian-perdt/fa_perdt-ud-dev.sentences.txt",
    "perspelldata/perspelldata_correct_sentences.txt",
    "firefox-l10n-fa/firefox_esr_fa_strings.txt",
]


def held_out(shared: Path, folder: str, count: int, skip: int = 0) -> list[str]:
    """Usable paragraphs of a corpus's held-out last tenth (not in the model), one per line."""
    lines = [line for line in (shared / "corpora" / folder / "text.txt").read_text("utf-8").splitlines() if line]
    tail = lines[len(lines) - len(lines) // 10 :]
    usable = [line for line in tail if 12 <= len(line.split()) <= 120 and line.rstrip().endswith(".")]
    return usable[skip : skip + count]


@pytest.mark.parametrize(
    ("number", "header"),
    [
        ("۱۲", "حالا می\u200cتوانید ببینید که"),  # a bare number; a header cut from a sentence
        ("صفحه ۳۵", "قانون تغییر ساعت رسمی"),  # a header that reads like a heading
        ("- ۴ -", "در سایر موارد، شما"),
    ],
    ids=["bare number, header cut from a sentence", "header like a heading", "decorated number"],
)
def test_two_page_document_comes_back_whole(shared: Path, number: str, header: str) -> None:
    """One page break between paragraphs: its number and running header go, no sentence stays broken."""
    paragraphs = held_out(shared, "vue-docs-fa", 9)
    lines: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        wrapped = textwrap.wrap(paragraph, 72)
        lines.extend([*wrapped[:1], "", *wrapped[1:]] if index % 3 == 0 else wrapped)  # artefact blank lines
        if index == 5:
            lines.extend(["", number, "", header, ""])
    assert lines.index(number) >= 20  # the page break ends a full first page
    damaged = "\n".join(lines) + "\n"
    result = repair(damaged, Config().with_fixes(only=LAYOUT))
    restored = [line for line in result.text.splitlines() if line.strip()]
    assert number not in restored and header not in restored
    assert all(SENTENCE_END.search(line) for line in restored)  # nothing broken mid-sentence
    assert restored == paragraphs
    assert replay(result.original, result.edits) == result.text


@pytest.mark.parametrize("folder", ["vue-docs-fa", "opensource-guide-fa"])
def test_paragraphs_set_apart_come_back_whole_across_a_page_break(shared: Path, folder: str) -> None:
    """Held-out paragraphs wrapped at 60–90 characters and set apart by a blank line, a page break
    (number and running header between blank lines) right after the first line of a paragraph on
    the second page: every paragraph comes back whole. A wrap that fell on a sentence's end inside
    a paragraph split it in two, and the torn first line was kept as a paragraph of its own (a
    heading as wide as the wrap looks the same, but not three blank lines after it)."""
    paragraphs = held_out(shared, folder, 12)
    config = Config().with_fixes(only=LAYOUT)
    for width in range(60, 91, 6):
        lines: list[str] = []
        for paragraph in paragraphs:
            wrapped = textwrap.wrap(paragraph, width, break_on_hyphens=False)
            if len(lines) >= 24 and "- ۱۲ -" not in lines and len(wrapped) > 1:
                wrapped[1:1] = ["", "- ۱۲ -", "", "راهنمای مشارکت در پروژه", ""]
            lines.extend([*wrapped, ""])
        assert "- ۱۲ -" in lines
        result = repair("\n".join(lines), config)
        restored = [line for line in result.text.splitlines() if line.strip()]
        assert restored == paragraphs, width
        assert replay(result.original, result.edits) == result.text


@pytest.mark.parametrize("path", CLEAN)
def test_clean_text_keeps_its_lines(shared: Path, path: str) -> None:
    """Clean text, cut into documents of 40 lines, keeps every line and number (no page furniture)."""
    lines = [line for line in (shared / "corpora" / path).read_text("utf-8").splitlines() if line.strip()][:4000]
    config = Config().with_fixes(only=["remove_page_furniture"])
    for start in range(0, len(lines), 40):
        for separator in ("\n", "\n\n"):  # one paragraph a line, or blank lines between them
            document = separator.join(lines[start : start + 40]) + "\n"
            assert repair(document, config).edits == (), lines[start][:60]


# Documentation whose lists one item a line (no bullets, items alike in length), list introductions
# ending in a colon and definition lists (`term: …`, `term -- …`) beside paragraphs one per line
# showed a wrap width and were joined (cncf 5, gin 22, hf-course 2, pep8 2, react 17 lines joined in
# the first 400,000 characters of each, 40-line documents, one layout).
LISTS = ["cncf-glossary-fa", "gin-docs-fa", "hf-course-fa", "pep8-fa", "react-docs-fa"]


@pytest.mark.parametrize("folder", LISTS)
def test_clean_lists_keep_their_lines(shared: Path, folder: str) -> None:
    """Clean documentation, cut into documents of 40 lines: join_broken_lines joins no line."""
    text = (shared / "corpora" / folder / "text.txt").read_text("utf-8")[:400_000]
    lines = [line for line in text.splitlines() if line.strip()]
    config = Config().with_fixes(only=["join_broken_lines"])
    for start in range(0, len(lines), 40):
        for separator in ("\n", "\n\n"):
            document = separator.join(lines[start : start + 40]) + "\n"
            assert repair(document, config).edits == (), lines[start][:60]


def test_verse_one_couplet_a_line_keeps_its_lines() -> None:
    """A ghazal one couplet a line is as long as wrapped prose, but its lines rhyme: not joined."""
    ghazal = "\n".join(
        [
            "صلاح کار کجا و من خراب کجا ببین تفاوت ره کز کجاست تا به کجا",
            "دلم ز صومعه بگرفت و خرقه سالوس کجاست دیر مغان و شراب ناب کجا",
            "چه نسبت است به رندی صلاح و تقوا را سماع وعظ کجا نغمه رباب کجا",
            "ز روی دوست دل دشمنان چه دریابد چراغ مرده کجا شمع آفتاب کجا",
            "چو کحل بینش ما خاک آستان شماست کجا رویم بفرما از این جناب کجا",
            "مبین به سیب زنخدان که چاه در راه است کجا همی\u200cروی ای دل بدین شتاب کجا",
        ]
    )
    assert repair(ghazal, Config().with_fixes(only=LAYOUT)).edits == ()


@pytest.mark.parametrize("folder", ["vue-docs-fa", "debian-handbook-fa", "opensource-guide-fa", "http-explained-fa"])
def test_wrapped_documentation_comes_back_in_whole_sentences(shared: Path, folder: str) -> None:
    """Held-out paragraphs wrapped at 60–90 characters, a stray double space in some lines: no line
    is left broken in mid-sentence, and every word comes back in its order."""
    paragraphs = held_out(shared, folder, 48)
    config = Config().with_fixes(only=["join_broken_lines"])
    for width, start in itertools.product(range(60, 91, 6), range(0, 48, 12)):
        lines = [
            line
            for paragraph in paragraphs[start : start + 12]
            for line in textwrap.wrap(paragraph, width, break_on_hyphens=False)
        ]
        # A stray double space in every seventh line (extractors and typists leave them).
        lines = [line.replace(" ", "  ", 1) if index % 7 == 3 else line for index, line in enumerate(lines)]
        result = repair("\n".join(lines) + "\n", config)
        restored = [line for line in result.text.splitlines() if line.strip()]
        broken = [line[-60:] for line in restored if not SENTENCE_END.search(line)]
        assert broken == [], (width, broken)
        assert result.text.split() == " ".join(paragraphs[start : start + 12]).split()


@pytest.mark.parametrize("folder", ["debian-handbook-fa", "http-explained-fa", "react-docs-fa"])
def test_wrapped_documentation_drawn_in_visual_order_comes_back_in_whole_sentences(shared: Path, folder: str) -> None:
    """Held-out paragraphs wrapped at 60–90 characters and drawn line by line by python-bidi (an
    independent UAX #9): no line is left broken in mid-sentence, and no character is lost or added.
    A sentence's last words can fill a line of Latin alone (`… برابر است با` / `epiphany-browser .`):
    drawn, its full stop stands at the left (`. epiphany-browser`), and that line is visual too."""
    bidi = pytest.importorskip("bidi")
    paragraphs = held_out(shared, folder, 36)
    for width, start in itertools.product((60, 75, 90), range(0, 36, 12)):
        lines: list[str] = []
        for paragraph in paragraphs[start : start + 12]:
            lines.extend(textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False))
            lines.append("")
        damaged = "\n".join(bidi.get_display(line, base_dir="R") if line else line for line in lines)
        result = repair(damaged, Config().with_fixes(only=LAYOUT))
        restored = [line for line in result.text.splitlines() if line.strip()]
        broken = [line[-60:] for line in restored if not SENTENCE_END.search(line)]
        assert broken == [], (width, start, broken)
        assert sorted(result.text.replace(" ", "").replace("\n", "")) == sorted("".join(lines).replace(" ", ""))
        assert replay(result.original, result.edits) == result.text


@pytest.mark.parametrize("width", [60, 72, 84])
def test_wrap_width_is_measured_as_printed(shared: Path, width: int) -> None:
    """Runs printed apart (two spaces between them) do not widen the wrap width: the width that
    join_broken_lines and reorder_reversed_runs both read is the one the text was wrapped at, with
    or without the marks (measured on raw lengths it was one character wider)."""
    from dorost.fixes.layout._common import split_lines
    from dorost.fixes.layout.paragraphs import wrap_width

    paragraphs = held_out(shared, "opensource-guide-fa", 8)
    lines = [line for paragraph in paragraphs for line in textwrap.wrap(paragraph, width, break_on_hyphens=False)]
    clean = wrap_width(split_lines("\n".join(lines)))
    assert width - 5 <= clean <= width

    # Every line that fills the width gets an extractor's double space between two of its runs.
    def mark(line: str) -> str:
        words = line.split(" ")
        return " ".join(words[: len(words) // 2]) + "  " + " ".join(words[len(words) // 2 :])

    marked = [mark(line) if len(line) >= clean - 1 else line for line in lines]
    assert any(len(line) > clean for line in marked)
    assert wrap_width(split_lines("\n".join(marked))) == clean


# The generated PDFs whose front end sets short paragraphs apart with a blank line: a paragraph of
# one line as wide as the column, or a list's introduction ending in a colon, was joined to the
# next paragraph (and, its blank line dropped, every geometric wrap at a sentence end was lost).
GENERATED = ["xelatex_prose", "libreoffice_2col", "chromium_2col", "weasyprint_2col"]


@pytest.mark.parametrize("name", GENERATED)
def test_paragraphs_a_pdf_sets_apart_come_back_whole(shared: Path, name: str) -> None:
    """Every paragraph of prose (eight words or more) of the gold text is one line of the output:
    none joined to the next, none split (ZWNJ, spacing and the spellings of hamza aside)."""
    pytest.importorskip("pdfminer")
    from dorost.inputs.pdf import fix_pdf

    pdf = shared / "pdfs" / "generated" / f"{name}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not available")

    def norm(line: str) -> str:
        line = unicodedata.normalize("NFKC", line)  # the gold writes ؤ and إ as a letter and a hamza
        return " ".join(line.replace("\u200c", "").replace("\u06c0", "\u0647\u0654").split())

    gold = [line for line in pdf.with_suffix(".gt.txt").read_text("utf-8").splitlines() if len(line.split()) >= 8]
    have = {norm(line) for line in fix_pdf(pdf).text.splitlines()}
    missing = [line[:60] for line in gold if norm(line) not in have]
    assert len(gold) >= 15
    assert missing == []


def held_out_headings(shared: Path, folder: str) -> list[str]:
    """Headings of a corpus's held-out tail: lines of 3 to 10 words with no final mark."""
    lines = [line for line in (shared / "corpora" / folder / "text.txt").read_text("utf-8").splitlines() if line]
    tail = lines[len(lines) - len(lines) // 10 :]
    return [line for line in tail if 3 <= len(line.split()) <= 10 and not re.search("[.!?؟…:;؛،,]$", line)]


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["headings on the line before", "headings set apart"])
def test_headings_between_wrapped_paragraphs_keep_their_lines(shared: Path, separator: str) -> None:
    """Held-out paragraphs wrapped at 60–90 characters, a real heading before every other one (as
    long as 0.6 to 0.95 of the width: short headings were kept before): each heading stays a line
    of its own and no paragraph is left broken in mid-sentence, whether a blank line follows the
    heading or not (the headings were joined to the paragraph after them, in the first round of
    joins or the next)."""
    headings = held_out_headings(shared, "vue-docs-fa") + held_out_headings(shared, "opensource-guide-fa")
    paragraphs = held_out(shared, "vue-docs-fa", 24)
    config = Config().with_fixes(only=["join_broken_lines"])
    checked = 0
    for width in range(60, 91, 10):
        fitting = [heading for heading in headings if 0.6 * width <= len(heading) <= 0.95 * width]
        lines: list[str] = []
        expected: list[str] = []
        for index, paragraph in enumerate(paragraphs[:12]):
            if index % 2 == 1 and fitting:
                heading = fitting[index % len(fitting)]
                lines.append(heading + separator)
                expected.append(heading)
                checked += 1
            lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False))
            lines[-1] += "\n"  # paragraphs set apart by a blank line
            expected.append(paragraph)
        result = repair("\n".join(lines), config)
        restored = [line for line in result.text.splitlines() if line.strip()]
        kept = [line for line in expected if line in headings]
        assert [line for line in restored if line in headings] == kept, width
        broken = [line[-60:] for line in restored if not SENTENCE_END.search(line) and line not in headings]
        assert broken == [], width
        assert result.text.split() == " ".join(expected).split()
    assert checked >= 15


def test_breaks_a_front_end_keeps_are_not_joined() -> None:
    """A blank line a front end knows for a paragraph break (``kept``, a PDF's geometry) is never
    joined across; the other joins are the same as without it, and plain text has none kept."""
    from dorost.fixes.layout.paragraphs import join_broken_lines

    text = (
        "نشریه دیپلمات در گزارشی درباره به رسمیت شناختن طالبان گفت این اقدام که پس از\n\n"
        "ماه\u200cها نشانه\u200cگذاری دیپلماتیک توسط روسیه اتخاذ شد، عمدتاً ناشی از نگرانی\u200cهای\n"
        "امنیتی مسکو است."
    )
    blank = text.index("\n\n")
    joins = join_broken_lines(text, Config())
    assert any(change.start <= blank < change.end for change in joins)
    kept = join_broken_lines(text, Config(), [(blank, blank + 2)])
    assert not any(change.start < blank + 2 and change.end > blank for change in kept)
    assert [change for change in joins if change.start > blank + 2] == kept


# A flush-right page of one-line list items, as a PDF front end gives it (the opensource-guide-fa
# chapter on funding, printed by Chromium): a blank line between items; where an item's line ended
# where the line above it did not, geometry saw the break but is not sure of it.
_ITEMS = (
    "پروژه\u200cی webpack از طریق OpenCollective از شرکت\u200cها و\n"
    "اشخاص پول جمع\u200cآوری می\u200cکند\n\n"
    "Ruby Together، یک سازمان غیر\u200cانتفاعی است که هزینه\u200cهای\n"
    "کار در bundler، RubyGems و سایر پروژه\u200cهای بر پایه\u200cی زیرساختی\n"
    "«Ruby» را پرداخت می\u200cکند\n\n"
    "بسته به پروژه\u200cی خود، ممکن است بتوانید از طریق تبلیغات،\n"
    "گزینه\u200cهای میزبانی شده یا ویژگی\u200cهای اضافی کسب درآمد داشته\n"
    "باشید. چندین مثال در این زمینه:\n\n"
    "Sidekiq، نسخه\u200cهایی پولی به منظور پشتیبانی بیشتر ارائه\n"
    "می\u200cدهد\n\n"
    "Travis CI، نسخه\u200cهای پولی محصولات خود را ارائه می\u200cدهد\n\n"
    "Ghost، یک سازمان غیرانتفاعی است که خدمات مدیریتی\n"
    "پولی ارائه می\u200cدهد\n\n"
    "بعضی از پروژه\u200cهای محبوب مانند npm و Docker، برای\n"
    "حمایت از رشد کسب و کار خود، حتی سرمایه\u200cهای مخاطره\u200cآمیزی\n"
    "را جمع\u200cآوری می\u200cکنند\n\n"
    "برخی از موسسات و شرکت\u200cهای نرم\u200cافزاری، کمک\u200cهزینه\u200cهای\n"
    "مالی برای کارهای متن باز ارائه می\u200cدهند."
)


def _blank_after(text: str, words: str) -> tuple[int, int]:
    start = text.index(words) + len(words)
    assert text[start : start + 2] == "\n\n"
    return start, start + 2


def test_a_verb_is_not_joined_across_a_break_a_front_end_is_unsure_of() -> None:
    """``unsure`` breaks: a line that may end its paragraph (a verb, no clause mark) before a line
    that may open a sentence is not joined across one (``… ارائه می\u200cدهد`` / ``Ghost، …``);
    the other joins are as without it, and a line before a clause's ``که`` still goes on."""
    from dorost.fixes.layout.paragraphs import join_broken_lines

    unsure = _blank_after(_ITEMS, "محصولات خود را ارائه می\u200cدهد")
    kept = [_blank_after(_ITEMS, words) for words in ("جمع\u200cآوری می\u200cکند", "را پرداخت می\u200cکند")]
    joins = join_broken_lines(_ITEMS, Config(), kept)
    assert any(change.start <= unsure[0] < change.end for change in joins)  # joined from the text alone
    told = join_broken_lines(_ITEMS, Config(), kept, [unsure])
    assert not any(change.start < unsure[1] and change.end > unsure[0] for change in told)
    # (Without the join, no blank line is dropped, and the breaks are not rewritten as one blank line.)
    lines = [change for change in joins if "\n" not in change.after and not change.start <= unsure[0] < change.end]
    assert lines == [change for change in told if "\n" not in change.after]
    # A clause goes on after the verb: the line is joined across the same break.
    clause = _ITEMS.replace("\n\nGhost، یک", "\n\nکه Ghost، یک")
    assert any(change.start <= unsure[0] < change.end for change in join_broken_lines(clause, Config(), kept, [unsure]))


# Extracted from a flush-right PDF page of opensource-guide (no spacing, no indent between its
# paragraphs): the front end saw its blank lines but not whether the colon's line was wrapped.
_COLON = (
    "اگر نگهداری پروژه برای شما کاری نیمه وقت است یا کاملاً\n"
    "داوطلبانه است، درمورد آن صادق باشید و روشن کنید که چقدر\n"
    "زمان برای این کار دارید. این مسئله با میزان زمانی که شما فکر\n"
    "می\u200cکنید پروژه به آن نیاز دارد یا مدت زمانی که دیگران می\u200cخواهند\n"
    "شما در آن صرف کنید، یکی نیست و با هم فرق می\u200cکند.\n\n"
    "در اینجا چند قانون داریم که به یاد داشتن آن\u200cها ارزش دارد:\n"
    "مشارکت چگونه تعریف و پذیرفته می\u200cشود (آیا نیاز به آزمون\n"
    "دارد؟ یا قالب طرح مشکل؟)\n\n"
    "انواع مشارکت\u200cهایی که می\u200cپذیرید (آیا فقط برای قسمت\u200cهای\n"
    "خاصی از کد خود کمک می\u200cخواهید؟)"
)


def test_a_colon_ends_its_line_in_a_front_ends_text() -> None:
    """In a front end's text (it hands over paragraph breaks), a line ending in a colon is not joined
    by the characters' count: glyphs, not characters, say whether the next word had room, and the
    front end joins the colon's lines it found wrapped itself. Plain text still joins it (a line at
    the width whose next word would not have fit), and a quotation after the colon goes on."""
    from dorost.fixes.layout.paragraphs import join_broken_lines

    kept = [_blank_after(_COLON, "قالب طرح مشکل؟)")]
    colon = _COLON.index("ارزش دارد:") + len("ارزش دارد:")

    def joined(text: str, breaks: list[tuple[int, int]]) -> bool:
        return any(change.start <= colon < change.end for change in join_broken_lines(text, Config(), breaks))

    assert joined(_COLON, [])
    assert not joined(_COLON, kept)
    # The other lines are joined as before: the wrapped paragraph, and the item's own lines.
    assert len(join_broken_lines(_COLON, Config(), kept)) == len(join_broken_lines(_COLON, Config())) - 1
    quoted = _COLON.replace("ارزش دارد:\nمشارکت", "ارزش دارد:\n«مشارکت")
    assert joined(quoted, kept)


def test_a_colon_ends_its_line_where_lines_are_set_apart_and_none_is_wrapped(shared: Path) -> None:
    """Clean vue-docs-fa, twelve paragraphs one a line set apart by blank lines (34 to 259 characters):
    their lengths make a "width" of 160, and lines ending in a colon at it (a code sample followed each
    in the documentation: ``… اختصاص می\u200cدهد:``, ``… از طریق slots (اسلات\u200cها) ارسال کند:``) were
    joined across the blank line to the paragraph after them. Where a text sets its lines apart with
    blank lines and no two lines in a row show its width, no paragraph of it is wrapped: a colon
    before a blank line is the writer's end of the line."""
    path = shared / "corpora" / "vue-docs-fa" / "text.txt"
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    start = next(index for index, line in enumerate(lines) if line.startswith("حالا خودتان امتحان کنید - کامپوننت"))
    stretch = lines[start : start + 12]
    fixed = repair("\n\n".join(stretch) + "\n", Config().with_fixes(only=LAYOUT)).text
    colons = [line for line in stretch[:-1] if line.endswith(":")]
    assert len(colons) == 5
    for line in colons:
        assert line + "\n\n" in fixed


def test_two_entries_that_end_alike_keep_their_lines(shared: Path) -> None:
    """Clean ms-beginners-fa-mt: two lines opened by a term and its colon that end on the same word
    (``تنظیم محیط: اولین متغیرهای محیطی خود را پیکربندی کنید`` / ``کاوش منابع: منابع مستقر شده را در
    پرتال Azure مرور کنید``), before questions one a line, were joined: their lengths (53 and 55) made
    the "width". Either sign alone takes three lines in a row; both together, two are entries."""
    path = shared / "corpora" / "ms-beginners-fa-mt" / "text.txt"
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    start = lines.index("تنظیم محیط: اولین متغیرهای محیطی خود را پیکربندی کنید")
    stretch = lines[start : start + 13]
    fixed = repair("\n".join(stretch) + "\n", Config().with_fixes(only=LAYOUT)).text
    assert stretch[0] + "\n" + stretch[1] in fixed  # the first two keep their break


def test_a_joined_paragraph_keeps_no_marks_of_its_printed_lines(shared: Path) -> None:
    """An extractor's marks (a double space between runs, a trailing space) belong to one printed
    line: a join sets them single and drops them on the lines it makes one paragraph of, so that
    no later round reads a paragraph's sentences as one misordered line's runs. A line it leaves
    alone (the title) keeps its own; nothing but spaces is lost."""
    paragraphs = held_out(shared, "opensource-guide-fa", 4)
    lines = ["راهنمای  متن\u200cباز"]
    for paragraph in paragraphs:
        wrapped = textwrap.wrap(paragraph, 70, break_on_hyphens=False)
        # Every other line marked as pdftotext marks a misordered one (its runs left in order).
        for index, line in enumerate(wrapped):
            words = line.split(" ")
            lines.append(" ".join(words[:2]) + "  " + " ".join(words[2:]) + " " if index % 2 else line)
    damaged = "\n".join(lines) + "\n"
    result = repair(damaged, Config().with_fixes(only=["join_broken_lines"]))
    restored = result.text.splitlines()
    assert restored[0] == lines[0]
    assert len(restored) <= len(lines) // 2  # most lines were joined
    # (A wrap that fell on a sentence's end leaves a paragraph split there.)
    assert " ".join(restored[1:]) == " ".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    assert result.text.split() == damaged.split()
    assert replay(result.original, result.edits) == result.text


def _wrapped_documents(shared: Path) -> list[str]:
    """Held-out paragraphs wrapped at 60–90 characters with real headings of every length between
    them (blank line after or not), and every other line of one marked as an extractor marks a
    misordered line: texts a wrapper that counts characters made, whose headings leave room."""
    headings = held_out_headings(shared, "vue-docs-fa") + held_out_headings(shared, "opensource-guide-fa")
    paragraphs = held_out(shared, "vue-docs-fa", 24) + held_out(shared, "opensource-guide-fa", 12)
    texts = []
    for width, separator in itertools.product(range(60, 91, 10), ["\n", "\n\n"]):
        lines: list[str] = []
        for index, paragraph in enumerate(paragraphs):
            lines.append(headings[(index * 7 + width) % len(headings)] + separator)
            for number, line in enumerate(textwrap.wrap(paragraph, width, break_on_hyphens=False)):
                words = line.split(" ")
                marked = index % 3 == 2 and number % 2 == 1
                lines.append(" ".join(words[:2]) + "  " + " ".join(words[2:]) + " " if marked else line)
            lines[-1] += "\n"
        texts.append("\n".join(lines))
    return texts


def test_what_a_heading_needs_is_asked_first_on_the_lines_that_have_it(shared: Path) -> None:
    """join_broken_lines asks :func:`_ends_with_its_content` (the long way) only of lines that
    :func:`_may_end_with_its_content` (cheap) lets through: on real wrapped text, every line the long
    way finds ending with its content passes the cheap test, and the lines wrapped inside a paragraph
    do not."""
    found = asked = skipped = 0
    for text in _wrapped_documents(shared):
        doc = _Document.read(text)
        assert doc is not None and doc.char_width
        for at in range(len(doc.body) - 1):
            first = len(doc.lines[doc.body[at + 1]].content.split(None, 1)[0])
            cheap = _may_end_with_its_content(doc, at, first)
            for set_apart in (False, True):
                if _ends_with_its_content(doc, at, set_apart):
                    found += 1
                    assert cheap, doc.lines[doc.body[at]].content
            asked += 1
            skipped += not cheap
    assert found >= 40  # headings and paragraphs' last lines
    assert skipped > asked // 3  # (a heading before each paragraph: many lines open or end one)


@pytest.mark.parametrize("path", ["vue-docs-fa/text.txt", "parsinlu-rc-passages/parsinlu_rc_passages.txt"])
def test_printed_length_is_that_of_the_line_with_its_spaces_single(shared: Path, path: str) -> None:
    """:func:`_printed_length` counts each run of white space as one character, as setting the runs
    of two or more single with a pattern does (the long way), on real lines and on lines of every
    kind of white space (a tab, a no-break space, an ideographic space, runs of them mixed)."""
    text = (shared / "corpora" / path).read_text("utf-8")[:200_000]
    spaces = [" ", "\t", "\u00a0", "\u3000", "\u2009", "\x1c", "\u0085"]
    odd = [f"کتاب{a}{b}را{c}خواندم{a}." for a, b, c in itertools.product(spaces, ["", *spaces], ["", *spaces])]
    contents = [line.content for line in split_lines(text)] + odd + ["", "ا", "ا  ب", "a\t \u00a0b"]
    long_way = re.compile(r"\s{2,}")
    for content in contents:
        assert _printed_length(content) == len(long_way.sub(" ", content)), repr(content)


def test_a_line_without_a_digit_mark_holds_no_item_number(shared: Path) -> None:
    """_inline_numbers reads a line for item numbers (``_NUMBER``) only where ``_has_digit_mark`` finds a
    digit before a full stop or a bracket: on real text wrapped at 70 characters (passages with lists
    inline, documentation with numbered lists), every line that holds such a number holds that mark,
    and most lines hold neither. It finds what the pattern ``[0-9۰-۹][.)]`` finds, on every line."""
    contents = ["۱. الف ۲) ب", "نسخه 3.", "(۱۲)", "x1.", "۱۲۳.", "۴.۵ و ۶ )", ".۱", ")", "٣.", "1 .", "a.)"]
    for path in ("parsinlu-rc-passages/parsinlu_rc_passages.txt", "ms-beginners-fa-mt/text.txt"):
        for paragraph in (shared / "corpora" / path).read_text("utf-8").splitlines():
            contents.extend(textwrap.wrap(paragraph, 70, break_on_hyphens=False))
    numbered = [content for content in contents if _NUMBER().search(content)]
    assert len(numbered) >= 20
    assert [content for content in numbered if not _has_digit_mark(content)] == []
    assert sum(1 for content in contents if _has_digit_mark(content)) < len(contents) // 10
    digit_mark = re.compile("[0-9\u06f0-\u06f9][.)]")
    assert [content for content in contents if _has_digit_mark(content) != bool(digit_mark.search(content))] == []
    assert [_has_digit_mark(content) for content in contents[:6]] == [True] * 6
    assert [_has_digit_mark(content) for content in contents[6:11]] == [False] * 5
