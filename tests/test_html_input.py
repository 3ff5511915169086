"""The HTML front end: a saved web page becomes the text a browser shows, then the pipeline repairs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dorost import replay
from dorost.inputs import repair_bytes
from dorost.inputs.html import is_html_page, page_text, page_text_and_code

PAGE = """<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>خبر امروز</title>
<style>body { font-family: Vazirmatn }</style><script>var greeting = "سلام";</script></head>
<body><nav><a href="/">خانه</a> | <a href="/news">اخبار</a></nav>
<article><h1>گروههای امدادی به منطقه رسیدند</h1>
<p>به گزارش خبرگزاری ایسنا، نیروهای امدادی روز سه شنبه
   به منطقه رسیدند &ndash; و <b>کمک رسانی</b> را آغاز کردند.</p>
<p>سازمان های بین المللی نوشتند: برای نوشتن &amp;lt; در HTML از &amp;amp;lt; استفاده می شود.<br>پایان خبر</p>
<!-- یک یادداشت پنهان -->
<table><tr><th>شهر</th><th>تیم</th></tr><tr><td>بم</td><td>12</td></tr></table>
<pre>  فاصله\u200cهای   این خط
  می\u200cمانند</pre>
</article></body></html>
"""

EXPECTED = """خانه | اخبار

گروه\u200cهای امدادی به منطقه رسیدند

به گزارش خبرگزاری ایسنا، نیروهای امدادی روز سه\u200cشنبه به منطقه رسیدند – و کمک رسانی را آغاز کردند.

سازمان\u200cهای بین\u200cالمللی نوشتند: برای نوشتن &lt; در HTML از &amp;lt; استفاده می\u200cشود.
پایان خبر

شهر\tتیم
بم\t12

فاصله\u200cهای این خط
می\u200cمانند"""


def test_a_saved_page_becomes_its_shown_text_restored() -> None:
    result = repair_bytes(PAGE.encode("utf-8"))
    assert result.text == EXPECTED
    # Nothing of the head, the script, the style or the comment; each character reference decoded once.
    assert "Vazirmatn" not in result.original and "greeting" not in result.original
    assert "خبر امروز" not in result.original and "یادداشت" not in result.original
    assert "&lt;" in result.original and "&amp;lt;" in result.original
    assert replay(result.original, result.edits) == result.text
    assert {edit.fix for edit in result.edits} >= {"restore_spacing"}
    assert "decode_html_entities" not in {edit.fix for edit in result.edits}


def test_an_old_windows_1256_page_and_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.replace("ی", "ي").replace('charset="utf-8"', 'charset="windows-1256"').encode("windows-1256"))
    done = subprocess.run([sys.executable, "-m", "dorost", "fix", str(page), "--json"], capture_output=True, check=True)
    assert json.loads(done.stdout)["text"] == EXPECTED


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        # A table of data reads as a browser copies it: a row a line, its cells apart by a tab.
        (
            "<table><tr><th>شهر</th><th>جمعیت</th></tr><tr><td>تهران</td><td>۸٬۶۹۳٬۷۰۶</td></tr>"
            "<tr><td>مشهد</td><td></td></tr></table><p>منبع: سرشماری</p>",
            "شهر\tجمعیت\nتهران\t۸٬۶۹۳٬۷۰۶\nمشهد\n\nمنبع: سرشماری",
        ),
        # Cells and rows that are never closed end where the next begins, as in HTML.
        ("<table><tr><td>الف<td><b>ب</b> پ<tr><td><td>ت</table>", "الف\tب پ\n\tت"),
        # A page laid out in a table (a cell holds paragraphs) keeps its paragraphs.
        (
            "<table><tr><td><p>بند یک</p><p>بند دو</p></td><td>ستون کناری</td></tr></table>",
            "بند یک\n\nبند دو\n\nستون کناری",
        ),
        # A table of one column is a list of lines, each a paragraph, as before.
        ("<table><tr><td>یک</td></tr><tr><td>دو</td></tr></table>", "یک\n\nدو"),
        # A table inside a cell: the inner one is a table of data, the outer one lays it out.
        ("<table><tr><td>الف</td><td><table><tr><td>۱</td><td>۲</td></tr></table></td></tr></table>", "الف\n\n۱\t۲"),
        # A caption, and text a page puts between rows, are kept, above the table as a browser shows them.
        (
            "<table><caption>جدول ۱: جمعیت</caption><tr><td>الف</td><td>ب</td></tr>متن آزاد"
            "<tr><td>ج</td><td>د</td></tr></table>",
            "جدول ۱: جمعیت\n\nمتن آزاد\n\nالف\tب\nج\tد",
        ),
        # A page cut off inside a table.
        ("<p>پیش</p><table><tr><td>الف</td><td>ب", "پیش\n\nالف\tب"),
    ],
)
def test_a_table_of_data_keeps_its_rows(markup: str, shown: str) -> None:
    # Before, every cell was a paragraph of its own (شهر, جمعیت, تهران … one under another), and a
    # reader could no longer tell which number was whose.
    assert page_text("<!DOCTYPE html><html><body>" + markup) == shown


def test_a_restored_table_keeps_its_columns() -> None:
    page = (
        "<!DOCTYPE html><html><body><table><tr><th>نام</th><th>شهر</th></tr><tr><td>علي</td><td>شيراز</td></tr></table>"
    )
    result = repair_bytes(page.encode("utf-8"))
    assert result.text == "نام\tشهر\nعلی\tشیراز"
    assert replay(result.original, result.edits) == result.text


def test_fragments_and_text_with_tags_stay_text() -> None:
    assert not is_html_page("متن با <b>برچسب</b> و <p>بند</p>")
    assert is_html_page("\ufeff<!-- saved -->\n<HTML><body>متن</body></HTML>")
    fragment = "متن با <b>برچسب</b>"
    assert repair_bytes(fragment.encode("utf-8")).text == fragment
    # Whitespace collapses inside a block as a browser collapses it; empty blocks leave nothing.
    assert page_text("<html><div>  یک\n   دو  </div><div> </div><p>سه</p></html>") == "یک دو\n\nسه"


def test_an_xhtml_page_with_its_xml_declaration_is_a_page() -> None:
    # An EPUB book's chapter, a page saved as .xhtml: the XML declaration comes before the doctype. Read as text,
    # its markup came out whole, tags and all, with only the words repaired.
    chapter = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>فصل</title></head>'
        "<body><h1>فصل اول</h1><p>سازمان های بين المللي</p></body></html>\n"
    )
    assert is_html_page(chapter)
    assert repair_bytes(chapter.encode("utf-8")).text == "فصل اول\n\nسازمان\u200cهای بین\u200cالمللی"
    assert not is_html_page('<?xml version="1.0"?>\n<rss><channel>متن</channel></rss>')  # XML, not a page


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("<html><body><p>این کتاب<!-- نیمه", "این کتاب"),  # a comment left open at the end of the file
        ("<html><body><p>این کتاب</p><di", "این کتاب"),  # a tag cut off
        ("<html><body><p>این کتاب</p></d", "این کتاب"),
        ("<html><body><p>۳ < ۵ و ۵ > ۳", "۳ < ۵ و ۵ > ۳"),  # a "<" that opens no tag is text
    ],
)
def test_a_page_cut_off_inside_a_tag_or_comment_shows_what_a_browser_shows(markup: str, shown: str) -> None:
    assert page_text(markup) == shown


CODE_PAGE = """<!DOCTYPE html><html><body>
<h1>راهنمای نصب</h1>
<p>برای نصب ، دستور <code>echo "می شود" | dorost fix</code> را اجرا كنيد و <kbd>Ctrl + ي</kbd> را بزنید.</p>
<pre><code>
def test():
    assert fix("اين كتاب") == "این کتاب"

print("سازمان های")
</code></pre>
<p>کتابها و مقالهها</p>
</body></html>"""


def test_a_pages_code_is_left_as_written_and_its_prose_repaired() -> None:
    result = repair_bytes(CODE_PAGE.encode("utf-8"))
    assert result.text == (
        "راهنمای نصب\n\n"
        'برای نصب، دستور echo "می شود" | dorost fix را اجرا کنید و Ctrl + ي را بزنید.\n\n'
        'def test():\n    assert fix("اين كتاب") == "این کتاب"\n\nprint("سازمان های")\n\n'
        "کتاب\u200cها و مقاله\u200cها"
    )
    assert replay(result.original, result.edits) == result.text


def test_a_page_keeps_every_character_of_its_text_while_its_code_is_tracked() -> None:
    # The front end marks code with two characters the page does not hold: a page whose text holds
    # the first candidates (a Unicode noncharacter, a private-use character) keeps them.
    page = "<!DOCTYPE html><html><body><p>متن \ufdd0 و \ue000 و <code>كد \ufdd1</code> و كتاب</p></body></html>"
    text, code = page_text_and_code(page)
    assert text == "متن \ufdd0 و \ue000 و كد \ufdd1 و كتاب"
    assert [text[start:end] for start, end in code] == ["كد \ufdd1"]
    assert repair_bytes(page.encode("utf-8")).text == "متن \ufdd0 و \ue000 و كد \ufdd1 و کتاب"


# A guide's page: items that end on a verb without a full stop, then a paragraph; a paragraph the
# page's source wraps (a browser shows it as one line); and one whose lines a converter broke with
# <br> at a printed width (the text of ../shared/pdfs/generated/chromium_prose.pdf).
LIST_PAGE = """<!DOCTYPE html><html lang="fa" dir="rtl"><body>
<h1>راهنمای نصب</h1>
<ul><li>مزایای زیرساخت به\u200cعنوان کد را در پروژه\u200cهای خود درک خواهید کرد</li>
<li>دستورات اصلی ابزار و کاربرد هر یک از آن\u200cها را تشخیص خواهید داد</li>
<li>محیط توسعهٔ خود را برای استقرار خودکار برنامه\u200cها آماده خواهید کرد</li></ul>
<p>کد نمونه: <code>print("می شود")</code> را اجرا کنید و نتیجه را
ببینید؛ خروجی باید همان متن باشد.</p>
<p>زبان فارسی زنده و پویا، پر از واژه\u200cهای زیبا و خالص است. این مجموعه<br>
تلاش کرده است تا جایگزین\u200cهای فارسی خالص برای واژه\u200cهای عربی\u200cزده و تخصصی<br>
ارائه دهد. هدف، فراهم کردن یک منبع قابل استفاده برای همهٔ علاقه\u200cمندان<br>
به زبان فارسی، نویسندگان، دانشجویان، برنامه\u200cنویسان و فعالان فناوری است.</p>
<p>تهران، خیابان انقلاب<br>تلفن: ۰۲۱۱۲۳۴۵۶۷۸</p>
</body></html>"""


def test_a_pages_blocks_are_never_joined_and_lines_broken_inside_one_are() -> None:
    result = repair_bytes(LIST_PAGE.encode("utf-8"))
    # Before, join_broken_lines read the blocks as a plain text's paragraphs: each item was joined
    # to the next, and the last to the paragraph after it.
    assert result.text.split("\n\n") == [
        "راهنمای نصب",
        "مزایای زیرساخت به\u200cعنوان کد را در پروژه\u200cهای خود درک خواهید کرد",
        "دستورات اصلی ابزار و کاربرد هر یک از آن\u200cها را تشخیص خواهید داد",
        "محیط توسعهٔ خود را برای استقرار خودکار برنامه\u200cها آماده خواهید کرد",
        'کد نمونه: print("می شود") را اجرا کنید و نتیجه را ببینید؛ خروجی باید همان متن باشد.',
        "زبان فارسی زنده و پویا، پر از واژه\u200cهای زیبا و خالص است. این مجموعه تلاش کرده است تا جایگزین\u200cهای"
        " فارسی خالص برای واژه\u200cهای عربی\u200cزده و تخصصی ارائه دهد. هدف، فراهم کردن یک منبع قابل استفاده"
        " برای همهٔ علاقه\u200cمندان به زبان فارسی، نویسندگان، دانشجویان، برنامه\u200cنویسان و فعالان فناوری است.",
        "تهران، خیابان انقلاب\nتلفن: ۰۲۱۱۲۳۴۵۶۷۸",  # an address keeps its <br>
    ]
    joins = [edit for edit in result.edits if edit.fix == "join_broken_lines"]
    assert len(joins) == 3 and all(edit.before == "\n" for edit in joins)
    assert replay(result.original, result.edits) == result.text


def test_a_page_that_shows_no_text_is_an_error_on_the_command_line_and_a_warning_in_the_api(tmp_path: Path) -> None:
    # An application's shell, saved as it was served: its text is drawn by its script. It gave an empty output and
    # exit code 0, as if the page had been restored; a scan without text is an error so a script can tell.
    shell = (
        "<!DOCTYPE html><html><head><title>برنامه</title></head>"
        '<body><div id="app"></div><script src="/app.js"></script></body></html>'
    )
    page = tmp_path / "app.html"
    page.write_text(shell, encoding="utf-8")
    for command in ("fix", "check"):
        done = subprocess.run([sys.executable, "-m", "dorost", command, str(page)], capture_output=True, text=True)
        assert done.returncode == 3 and done.stdout == ""
        assert done.stderr == (
            f"dorost: error: {page}: the page shows no text; its scripts may draw it, and dorost does not run them\n"
        )
    result = repair_bytes(b"<html><body><p> </p></body></html>")
    assert (result.text, result.warnings) == ("", ("the page shows no text",))
    assert repair_bytes(PAGE.encode("utf-8")).warnings == ()
    # An empty text file is no page: an empty text, no error.
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "dorost", "fix", str(empty)], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
