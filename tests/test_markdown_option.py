"""Saying that a text is Markdown where no file name says it: `fix`/`check` on standard input (`--markdown`),
`--no-markdown` for a `.md` file, `dorost batch --markdown`, and the web service's `markdown` option; each through
the real command line or HTTP app, on a Persian guide wrapped by its author and holding two hard breaks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorost.cli import main
from dorost.inputs import fix_markdown

# A guide's source wrapped at 80 (Markdown shows each break inside a paragraph as a space), an address whose lines
# end with two spaces (a hard line break, <br>), and damage repaired either way: `مي دهد`, an Arabic yeh and a space
# where a ZWNJ belongs.
GUIDE = (
    "# راهنمای نصب\n\n"
    "این راهنما مراحل نصب برنامه را روی سیستم\u200cعامل لینوکس شرح مي دهد. پیش از شروع،\n"
    "مطمئن شوید که نسخهٔ ۳.۱۱ یا بالاتر پایتون روی سیستم شما نصب شده است و به\n"
    "اینترنت دسترسی دارید.\n\n"
    "## نشانی\n\n"
    "تهران، خیابان انقلاب، کوچهٔ دوم  \n"
    "تلفن: ۰۲۱۱۲۳۴۵۶۷۸  \n"
    "ساعت کار: شنبه تا چهارشنبه\n"
)
# What an editor makes of it as Markdown: only the damage repaired, every line break and hard break as written.
AS_MARKDOWN = GUIDE.replace("مي دهد", "می\u200cدهد")


def dorost(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dorost", *args], input=stdin, capture_output=True, text=True, check=False
    )


def fixed(*args: str) -> str:
    done = dorost("fix", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_guide_read_as_plain_text_is_joined_and_trimmed() -> None:
    # (What the option changes: without it the wraps are joined and the hard breaks' spaces trimmed.)
    plain = dorost("fix", stdin=GUIDE)
    assert plain.returncode == 0, plain.stderr
    assert "  \n" not in plain.stdout and plain.stdout.count("\n") < GUIDE.count("\n")
    assert "می\u200cدهد" in plain.stdout


def test_fix_markdown_on_standard_input_keeps_the_authors_layout() -> None:
    done = dorost("fix", "-", "--markdown", stdin=GUIDE)
    assert (done.returncode, done.stdout) == (0, AS_MARKDOWN), done.stderr
    assert fix_markdown(GUIDE).text == AS_MARKDOWN
    explained = dorost("fix", "--markdown", "--explain", stdin=GUIDE)
    assert "join_broken_lines" not in explained.stderr and "restore_spacing" in explained.stderr


def test_check_markdown_on_standard_input_reports_only_the_damage() -> None:
    done = dorost("check", "--markdown", stdin=GUIDE)
    assert done.returncode == 1
    assert [line.split()[1] for line in done.stdout.splitlines()] == ["unify_arabic_letters", "restore_spacing"]
    clean = dorost("check", "--markdown", stdin=AS_MARKDOWN)
    assert (clean.returncode, clean.stdout) == (0, ""), clean.stdout + clean.stderr


def test_no_markdown_reads_a_markdown_file_as_plain_text(tmp_path: Path) -> None:
    markdown, text = str(tmp_path / "guide.md"), str(tmp_path / "guide.txt")
    for name in (markdown, text):
        Path(name).write_text(GUIDE, encoding="utf-8")
    assert fixed(markdown) == AS_MARKDOWN
    plain = fixed(text)
    assert plain != AS_MARKDOWN
    assert fixed(markdown, "--no-markdown") == plain
    assert fixed(text, "--markdown") == AS_MARKDOWN


def test_the_option_is_in_the_help() -> None:
    for command in ("fix", "check", "batch"):
        assert "--markdown" in CliRunner().invoke(main, [command, "--help"]).output


def _jsonl(path: Path, texts: list[str]) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)))


def _texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_markdown_keeps_each_documents_layout_and_is_part_of_the_runs_settings(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="dorost batch needs the batch extra")
    (tmp_path / "in").mkdir()
    _jsonl(tmp_path / "in" / "docs.jsonl", [GUIDE, "اين كتاب"])
    args = ["batch", str(tmp_path / "in"), "--workers", "1", "--no-progress"]
    done = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "md"), "--markdown"])
    assert done.exit_code == 0, done.output
    assert _texts(tmp_path / "md" / "docs.jsonl") == [AS_MARKDOWN, "این کتاب"]
    plain = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "plain")])
    assert plain.exit_code == 0, plain.output
    assert _texts(tmp_path / "plain" / "docs.jsonl")[0] == dorost("fix", stdin=GUIDE).stdout
    # A run made with --markdown is not resumed without it: its parts would mix two readings.
    other = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "md")])
    assert other.exit_code == 2 and "other settings" in other.output
    again = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "md"), "--markdown"])
    assert again.exit_code == 0 and "already done" in again.output


def test_the_datatrove_step_and_the_spark_batches_take_markdown_too() -> None:
    from dorost import Config
    from dorost.batch import restore_document

    assert restore_document(GUIDE, markdown=True).text == AS_MARKDOWN
    assert restore_document(GUIDE, edits=True, markdown=True).text == AS_MARKDOWN
    assert restore_document(GUIDE).text != AS_MARKDOWN
    pytest.importorskip("datatrove")
    from dorost.integrations.datatrove import DorostFormatter

    assert DorostFormatter(Config(), markdown=True).format(GUIDE) == AS_MARKDOWN
    pandas = pytest.importorskip("pandas")
    from dorost.integrations.spark import restore_batches

    (batch,) = restore_batches("text", Config(), markdown=True)(iter([pandas.DataFrame({"text": [GUIDE]})]))
    assert batch["text"].tolist() == [AS_MARKDOWN]


@pytest.fixture(scope="module")
def app():  # type: ignore[no-untyped-def]
    pytest.importorskip("httpx", reason="the web tests need httpx (pip install 'dorost[web-test]')")
    pytest.importorskip("starlette", reason="the web tests need the web extra (pip install 'dorost[web]')")
    from dorost.web.app import create_app
    from dorost.web.limits import Limits

    application = create_app(Limits(workers="thread"))
    yield application
    application.state.worker.close()


def test_the_api_reads_text_as_markdown_when_the_options_say_so(app) -> None:  # type: ignore[no-untyped-def]
    from web_client import call

    as_markdown = call(app, "POST", "/api/fix", json={"text": GUIDE, "options": {"markdown": True}})
    assert as_markdown.status_code == 200 and as_markdown.json()["text"] == AS_MARKDOWN
    plain = call(app, "POST", "/api/fix", json={"text": GUIDE, "options": {"markdown": False}}).json()
    assert plain["text"] == dorost("fix", stdin=GUIDE).stdout
    assert call(app, "POST", "/api/fix", json={"text": GUIDE}).json()["text"] == plain["text"]
    wrong = call(app, "POST", "/api/fix", json={"text": GUIDE, "options": {"markdown": "yes"}})
    assert wrong.status_code == 400 and "options.markdown must be true or false" in wrong.json()["error"]


def test_an_uploaded_file_named_markdown_is_markdown_unless_the_options_say_not(app) -> None:  # type: ignore[no-untyped-def]
    from web_client import call

    data = GUIDE.encode("utf-8")

    def upload(name: str, options: dict[str, object] | None = None) -> str:
        form = {"options": json.dumps(options)} if options is not None else None
        response = call(app, "POST", "/api/fix-pdf", files={"file": (name, data, "text/markdown")}, data=form)
        assert response.status_code == 200, response.text
        text: str = response.json()["text"]
        return text

    assert upload("guide.md") == AS_MARKDOWN
    assert upload("GUIDE.MDX") == AS_MARKDOWN
    assert upload("guide.txt", {"markdown": True}) == AS_MARKDOWN
    plain = upload("guide.txt")
    assert plain != AS_MARKDOWN and upload("guide.md", {"markdown": False}) == plain


def test_the_api_description_names_the_option(app) -> None:  # type: ignore[no-untyped-def]
    from web_client import call

    options = call(app, "GET", "/openapi.json").json()["components"]["schemas"]["Options"]["properties"]
    assert options["markdown"]["type"] == "boolean"
