"""End to end: the real server (`dorost serve` in a subprocess) and the real page in headless chromium.

Drives Debian's chromium through Playwright (no browser download). Set DOROST_UPDATE_SCREENSHOT=1 to
write the screenshot the README shows (docs/screenshot.png); otherwise it goes to a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dorost import Config, repair
from dorost.inputs import repair_bytes
from dorost.web.jobs import result_payload
from test_markdown_option import AS_MARKDOWN, GUIDE
from web_server import running_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium); scripts/test.sh installs it",
        allow_module_level=True,
    )
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is missing: pip install 'dorost[web-test]'")
pytest.importorskip("starlette", reason="the web extra is missing: pip install 'dorost[web]'")

REPO = Path(__file__).resolve().parent.parent
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_server("--timeout", "120") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


def result_text(page: Any) -> str:
    return str(page.eval_on_selector("#result", "node => node.textContent"))


def test_paste_fix_review_and_download(server: str, browser: Any, shared: Path, tmp_path: Path) -> None:
    article = (shared / "seed" / "article-as-extracted.txt").read_text(encoding="utf-8")
    expected = repair(article)
    assert expected.edits
    page = browser.new_page(viewport={"width": 1360, "height": 1000}, accept_downloads=True)
    page.goto(server + "/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "fa"
    page.wait_for_selector("#families input[name=family]")
    page.fill("#source", article)
    page.click("#run")
    page.wait_for_selector("#result mark.edit")

    assert result_text(page) == expected.text
    marks = page.locator("#result mark.edit")
    assert marks.count() >= 1
    shown_total = page.locator("#counts tr.total td").inner_text().replace("\u066c", "")
    assert shown_total == str(len(expected.edits)).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))

    # Keyboard: "next edit" focuses the first highlighted edit and explains it.
    page.click("#next-edit")
    first = page.locator("#result mark.edit").first
    assert first.evaluate("node => node === document.activeElement")
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "←" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()

    # Hover: the tooltip names the fix and shows before → after (the article's "&ndash;" → "–").
    dash = page.locator("#result mark.edit", has_text="\u2013").first
    dash.hover()
    assert tip.is_visible()
    explained = tip.inner_text()
    assert "&ndash;" in explained and "\u2013" in explained and "HTML" in explained

    with page.expect_download() as download_info:
        page.click("#download")
    saved = tmp_path / "restored.txt"
    download_info.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == expected.text

    # Screenshot with an edit explained.
    page.evaluate("() => { window.scrollTo(0, 0); document.getElementById('source').scrollTop = 0; }")
    dash.hover()
    screenshot = tmp_path / "screenshot.png"
    page.screenshot(path=str(screenshot), full_page=False)
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 20_000
    if os.environ.get("DOROST_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(screenshot, REPO / "docs" / "screenshot.png")

    # Phone width: one column, nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    # The resize event (which hides a tooltip placed for the wide screen) arrives asynchronously.
    page.wait_for_function("() => document.getElementById('tip').hidden", timeout=5000)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


def test_family_switch_and_digit_policy(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/")
    page.wait_for_selector("#families input[value=letters]")
    text = "كتاب سال 1403"
    page.fill("#source", text)
    page.check("input[name=digits][value=persian]")
    page.click("#run")
    page.wait_for_selector("#result mark.edit")
    assert result_text(page) == repair(text, Config(digits="persian")).text
    assert "۱۴۰۳" in result_text(page)
    page.uncheck("#families input[value=letters]")
    page.click("#run")
    page.wait_for_function("() => !document.querySelector('#result').textContent.includes('\u06a9')")
    assert "كتاب" in result_text(page) and "1403" in result_text(page)
    page.close()


def test_the_markdown_switch_keeps_a_pasted_guides_lines(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/")
    page.fill("#source", GUIDE)
    page.check("#markdown")
    page.click("#run")
    page.wait_for_selector("#result mark.edit")
    assert result_text(page) == AS_MARKDOWN
    page.uncheck("#markdown")  # unticked, the pasted text is plain: its wrapped lines are joined
    page.click("#run")
    page.wait_for_function("() => !document.querySelector('#result').textContent.includes('  \\n')")
    assert result_text(page) == repair(GUIDE).text != AS_MARKDOWN
    page.close()


def test_pdf_upload(server: str, browser: Any, shared: Path) -> None:
    with urllib.request.urlopen(server + "/api/health") as answer:
        if not json.load(answer)["pdf"]:
            pytest.skip("the PDF front end (dorost.inputs.pdf) is not installed")
    pdf = shared / "pdfs" / "generated" / "chromium_prose.pdf"
    page = browser.new_page()
    page.goto(server + "/")
    page.wait_for_selector("#families input[name=family]")
    assert not page.is_visible("#pdf-options")
    page.set_input_files("#file", str(pdf))
    assert page.is_visible("#pdf-options") and page.is_disabled("#source")
    page.click("#run")
    page.wait_for_function("() => state.result && state.result.pages")
    expected = repair_bytes(pdf.read_bytes())
    assert result_text(page) == expected.text
    assert "صفحه" in page.inner_text("#status")
    gold = set((pdf.with_suffix(".gt.txt")).read_text(encoding="utf-8").split())
    words = result_text(page).split()
    assert sum(word in gold for word in words) > 0.8 * len(words)
    page.close()


def test_turn_edits_back_before_downloading(server: str, browser: Any, shared: Path, tmp_path: Path) -> None:
    # An editor keeps the decoded dash as the input wrote it, and drops a ZWNJ the fixes put in: the
    # download is the restored text with exactly those two marks set back to their input.
    article = (shared / "seed" / "article-as-extracted.txt").read_text(encoding="utf-8")
    payload = result_payload(repair(article))
    text, marks = payload["text"], payload["marks"]
    dash = next(i for i, mark in enumerate(marks) if "&ndash;" in mark["before"])
    zwnj = next(i for i, mark in enumerate(marks) if text[mark["start"] : mark["end"]] == "\u200c" and mark["before"])
    expected = text
    for index in sorted((dash, zwnj), key=lambda i: -marks[i]["start"]):
        mark = marks[index]
        expected = expected[: mark["start"]] + mark["before"] + expected[mark["end"] :]

    page = browser.new_page(accept_downloads=True)
    page.goto(server + "/")
    page.wait_for_selector("#families input[name=family]")
    page.fill("#source", article)
    page.click("#run")
    page.wait_for_selector("#result mark.edit")
    assert not page.is_visible("#accept-all")
    page.click(f'#result mark[data-mark="{dash}"]')
    page.focus(f'#result mark[data-mark="{zwnj}"]')
    page.keyboard.press("Enter")
    assert page.get_attribute(f'#result mark[data-mark="{dash}"]', "aria-pressed") == "true"
    assert "&ndash;" in result_text(page) and "برگردانده" in page.inner_text("#status")
    assert result_text(page) == expected
    with page.expect_download() as download_info:
        page.click("#download")
    saved = tmp_path / "accepted.txt"
    download_info.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == expected
    with page.expect_download() as download_info:
        page.click("#download-json")
    report = tmp_path / "report.json"
    download_info.value.save_as(report)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["rejected_marks"] == sorted((dash, zwnj)) and data["accepted_text"] == expected
    assert data["text"] == text  # the server's answer is kept whole

    # Space takes a turned-back edit again; "accept all" takes the rest.
    page.focus(f'#result mark[data-mark="{zwnj}"]')
    page.keyboard.press(" ")
    assert page.get_attribute(f'#result mark[data-mark="{zwnj}"]', "aria-pressed") == "false"
    page.click("#accept-all")
    assert result_text(page) == text and not page.is_visible("#accept-all")
    page.close()


def test_a_pdf_page_with_no_text_is_shown_as_a_warning(server: str, browser: Any, tmp_path: Path) -> None:
    # A scanned page among pages of text: the text that was read comes back, and the reader must be
    # told that a page is missing from it (it needs OCR), not left to think the document is whole.
    from tests.test_pdf_inputs import build_pdf, text_page

    scan = b"q 100 0 0 100 72 600 cm /Im1 Do Q"
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(build_pdf([text_page("Text here"), scan, text_page("More text")], image_pages=frozenset({1})))
    page = browser.new_page()
    page.goto(server + "/")
    page.wait_for_selector("#families input[name=family]")
    page.set_input_files("#file", str(pdf))
    page.click("#run")
    page.wait_for_function("() => state.result && state.result.pages")
    assert result_text(page) == "Text here\n\nMore text"
    assert page.is_visible("#warnings")
    assert page.locator("#warnings li").all_inner_texts() == ["page 2 has no text; it needs OCR"]
    # A text without warnings hides them again.
    page.set_input_files("#file", [])
    page.fill("#source", "اين كتاب")
    page.click("#run")
    page.wait_for_function("() => state.result && !state.result.pages")
    assert not page.is_visible("#warnings")
    page.close()


def test_a_pdf_without_extension_gets_its_pages(server: str, browser: Any, shared: Path, tmp_path: Path) -> None:
    # The service knows a PDF by its header; the page must too, or the pages asked for are not sent.
    with urllib.request.urlopen(server + "/api/health") as answer:
        if not json.load(answer)["pdf"]:
            pytest.skip("the PDF front end (dorost.inputs.pdf) is not installed")
    saved = tmp_path / "article-download"
    saved.write_bytes((shared / "pdfs" / "generated" / "chromium_prose.pdf").read_bytes())
    page = browser.new_page()
    page.goto(server + "/")
    page.wait_for_selector("#families input[name=family]")
    page.set_input_files("#file", str(saved))
    page.wait_for_selector("#pdf-options", state="visible")
    page.fill("#pages", "2")
    page.click("#run")
    page.wait_for_function("() => state.result && state.result.pages")
    assert page.evaluate("state.result.pages") == [2]
    page.close()


def test_a_request_that_fails_leaves_no_earlier_result_to_copy_or_download(
    server: str, browser: Any, tmp_path: Path
) -> None:
    # A reader restores one file, then picks another that cannot be read: the error is shown, and the first
    # file's restored text must not stay under it, ready to be downloaded (under the first file's name) as if
    # it were the second's.
    good = tmp_path / "good.txt"
    good.write_text("اين كتاب", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary\x00")
    page = browser.new_page()
    page.goto(server + "/")
    page.wait_for_selector("#families input[name=family]")
    page.set_input_files("#file", str(good))
    page.click("#run")
    page.wait_for_function("() => state.result !== null")
    assert result_text(page) == "این کتاب" and page.is_enabled("#download")
    page.set_input_files("#file", str(bad))
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert "binary" in page.inner_text("#error")
    assert "این کتاب" not in result_text(page)
    assert page.evaluate("() => state.result") is None
    for button in ("#copy", "#download", "#download-json", "#prev-edit", "#next-edit"):
        assert page.is_disabled(button)
    assert page.locator("#counts tbody tr").count() == 0
    # A good file afterwards is shown as ever.
    page.set_input_files("#file", str(good))
    page.click("#run")
    page.wait_for_function("() => state.result !== null")
    assert result_text(page) == "این کتاب" and page.is_enabled("#download")
    page.close()
