"""Standard input is streamed like a large file: a pipe longer than ``STREAM_BYTES`` is repaired chunk by
chunk as it arrives (``yes | dorost fix | head`` ends at once, in bounded memory), and a pipe gives
byte for byte what a file of the same bytes gives, in every mode. Here the threshold and the chunk are
lowered so that the streaming path runs on a few repetitions of the sample article."""

from __future__ import annotations

import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorost import cli as cli_module
from dorost import repair
from dorost.cli import main
from dorost.inputs import repair_bytes
from dorost.inputs import stream as stream_module
from dorost.outputs.report import to_json

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article-as-extracted.txt"
SMALL = (
    "import dorost.cli as c, dorost.inputs.stream as s;"
    "c.STREAM_BYTES = 4096; c.READ_BLOCK = 1024; s.CHUNK_CHARS = 5000; c.run()"
)


def _article(copies: int) -> bytes:
    return "\n\n".join([ARTICLE.read_text(encoding="utf-8")] * copies).encode("utf-8")


@pytest.fixture
def small_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "STREAM_BYTES", 4096)
    monkeypatch.setattr(stream_module, "CHUNK_CHARS", 5000)


@pytest.mark.usefixtures("small_stream")
def test_a_pipe_longer_than_the_threshold_is_repaired_before_it_ends(tmp_path: Path) -> None:
    # The pipe stays open: a command that reads standard input whole would print nothing.
    data = _article(12)
    process = subprocess.Popen(
        [sys.executable, "-c", SMALL, "fix"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(data)
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "no output while standard input is still open"
        process.stdin.close()
        rest = process.stdout.read()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()
    source = tmp_path / "article.txt"
    source.write_bytes(data)
    assert rest == CliRunner().invoke(main, ["fix", str(source)]).stdout_bytes


@pytest.mark.usefixtures("small_stream")
@pytest.mark.parametrize("copies", [1, 12], ids=["read whole", "streamed"])
def test_a_pipe_gives_what_the_same_file_gives(tmp_path: Path, copies: int) -> None:
    data = _article(copies)
    source = tmp_path / "article.txt"
    source.write_bytes(data)
    runner = CliRunner()
    for options in ([], ["--explain"]):
        piped = runner.invoke(main, ["fix", *options], input=data)
        whole = runner.invoke(main, ["fix", *options, str(source)])
        assert piped.exit_code == whole.exit_code == 0
        assert piped.stdout_bytes == whole.stdout_bytes
        assert piped.stderr == whole.stderr.replace(f"{source}:", "")
    piped = runner.invoke(main, ["check"], input=data)
    whole = runner.invoke(main, ["check", str(source)])
    assert piped.exit_code == whole.exit_code == 1
    assert piped.stdout == whole.stdout.replace(f"{source}:", "<stdin>:")


def test_a_streamed_explanation_ends_as_a_whole_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # One chunk of the real size: the same edits as a whole run, listed in the order of the text, and
    # the same closing count per fix.
    data = _article(1)
    runner = CliRunner()
    whole = runner.invoke(main, ["fix", "--explain"], input=data)
    monkeypatch.setattr(cli_module, "STREAM_BYTES", 100)
    streamed = runner.invoke(main, ["fix", "--explain"], input=data)
    assert streamed.stdout_bytes == whole.stdout_bytes
    assert streamed.stderr.splitlines() == whole.stderr.splitlines()
    assert whole.stderr.splitlines()[-1].startswith("56 edits: decode_html_entities 2, ")


@pytest.mark.usefixtures("small_stream")
@pytest.mark.parametrize("command", ["fix", "check"])
def test_pages_on_a_streamed_text_is_refused_as_on_a_whole_one(command: str) -> None:
    runner = CliRunner()
    for copies in (1, 12):
        done = runner.invoke(main, [command, "--pages", "2"], input=_article(copies))
        assert (done.exit_code, done.stdout) == (3, "")
        assert done.stderr == "dorost: error: standard input: --pages applies only to PDF input\n"


@pytest.mark.usefixtures("small_stream")
def test_json_reads_a_long_pipe_whole() -> None:
    # One JSON object holds the whole text and every edit; its offsets are those of a whole run.
    data = _article(12)
    done = CliRunner().invoke(main, ["fix", "--json"], input=data)
    assert done.exit_code == 0
    assert done.stdout == to_json(repair(data.decode("utf-8"))) + "\n"


@pytest.mark.usefixtures("small_stream")
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_long_web_page_is_read_whole_as_a_page(tmp_path: Path, encoding: str) -> None:
    # What a browser shows is found by parsing the whole page: streamed as text, its markup would be
    # repaired as if it were prose.
    page = "<!doctype html><html><body>" + "<p>اين كتاب</p>\n" * 1000 + "</body></html>"
    data = page.encode(encoding)
    source = tmp_path / "page.html"
    source.write_bytes(data)
    expected = repair_bytes(data).text + "\n"
    assert "<p>" not in expected and expected.startswith("این کتاب")
    runner = CliRunner()
    assert runner.invoke(main, ["fix"], input=data).stdout == expected
    assert runner.invoke(main, ["fix", str(source)]).stdout == expected
