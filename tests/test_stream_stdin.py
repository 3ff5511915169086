"""Standard input is streamed like a large file: a pipe longer than ``STREAM_BYTES`` is repaired chunk by
chunk as it arrives (``yes | dorost fix | head`` ends at once, in bounded memory), and a pipe gives
byte for byte what a file of the same bytes gives, in every mode. Here the threshold and the chunk are
lowered so that the streaming path runs on a few repetitions of the sample article. A pipe whose writer
pauses after a paragraph (``tail -f``) is followed paragraph by paragraph, and each of several inputs
(``dorost fix a.txt -``) is streamed on its own."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest
from click.testing import CliRunner

from dorost import cli as cli_module
from dorost import repair
from dorost.cli import main
from dorost.inputs import repair_bytes
from dorost.inputs import stream as stream_module
from dorost.outputs.report import to_json

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article-as-extracted.txt"
# A pause of the writer cuts the text at its last paragraph (see test_a_slow_pipe_...): here the pipe
# is given time to be read to its end before it is closed, and must not count as paused.
SMALL = (
    "import dorost.cli as c, dorost.inputs.stream as s;"
    "c.STREAM_BYTES = 4096; c.READ_BLOCK = 1024; c.PAUSE_SECONDS = 120; s.CHUNK_CHARS = 5000; c.run()"
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
        assert piped.stderr == whole.stderr.replace(f"{source}:", "<stdin>:")
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


def _paragraphs(shared: Path, count: int) -> list[str]:
    """Paragraphs of real Persian prose, typed with the Arabic kaf and yeh as old keyboards give them."""
    lines = (shared / "corpora" / "opensource-guide-fa" / "text.txt").read_text(encoding="utf-8").splitlines()
    chosen = [line.strip() for line in lines if len(line.strip()) > 200 and "ی" in line and "ک" in line][:count]
    assert len(chosen) == count
    return [line.replace("ی", "ي").replace("ک", "ك") for line in chosen]


def _read_until(stream: IO[bytes], size: int, seconds: float) -> bytes:
    """What ``stream`` gives within ``seconds``, up to ``size`` bytes (a pipe that is still open)."""
    out = b""
    deadline = time.monotonic() + seconds
    while len(out) < size and (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([stream], [], [], left)
        if not ready:
            break
        block = os.read(stream.fileno(), size - len(out))
        if not block:
            break
        out += block
    return out


def test_a_slow_pipe_gets_each_paragraph_as_the_writer_finishes_it(shared: Path) -> None:
    # `tail -f notes.txt | dorost fix`: the writer pauses after a paragraph and half of the next one.
    first, second, third = _paragraphs(shared, 3)
    process = subprocess.Popen(
        [sys.executable, "-m", "dorost", "fix"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        half = len(second) // 2
        process.stdin.write(f"{first}\n\n{second[:half]}".encode())
        process.stdin.flush()
        expected = f"{repair(first).text}\n\n".encode()
        # The finished paragraph, repaired alone; the one still being written waits, whole.
        assert _read_until(process.stdout, len(expected), 60) == expected
        process.stdin.write(f"{second[half:]}\n\n{third}".encode())
        process.stdin.close()
        rest = process.stdout.read()  # nothing more came before: the rest is exactly the last two paragraphs
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()
    assert rest == (repair(second + "\n\n" + third).text + "\n").encode()
    assert "ك" not in rest.decode() and "ي" not in rest.decode()


def test_a_quick_pipe_is_still_repaired_whole(shared: Path) -> None:
    # A writer that never pauses gives what a file of the same bytes gives: no cut at its paragraphs.
    text = "\n\n".join(_paragraphs(shared, 3))
    done = subprocess.run(
        [sys.executable, "-m", "dorost", "fix"], input=text.encode(), capture_output=True, timeout=120, check=False
    )
    assert (done.returncode, done.stdout.decode()) == (0, repair(text).text + "\n")


@pytest.mark.parametrize("order", ["file first", "pipe first"])
def test_a_file_and_a_long_pipe_together_stream_the_pipe(tmp_path: Path, order: str) -> None:
    # `dorost fix a.txt -`: standard input is streamed as when it is alone (output before it ends,
    # in bounded memory), and the output is that of the two files.
    source = tmp_path / "a.txt"
    source.write_bytes(_article(1))
    data = _article(12)
    paths = [str(source), "-"] if order == "file first" else ["-", str(source)]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    process = subprocess.Popen([sys.executable, "-c", SMALL, "fix", *paths], **pipes)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(data)
        process.stdin.flush()
        alone = CliRunner().invoke(main, ["fix", str(source)]).stdout_bytes[:-1]  # without the final line break
        early = _read_until(process.stdout, len(alone) + 1, 60)
        assert len(early) > (len(alone) if order == "file first" else 0), "nothing of the pipe before it ends"
        process.stdin.close()
        out = early + process.stdout.read()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()
    piped = tmp_path / "piped.txt"
    piped.write_bytes(data)
    both = [str(source), str(piped)] if order == "file first" else [str(piped), str(source)]
    files = subprocess.run([sys.executable, "-c", SMALL, "fix", *both], capture_output=True, timeout=120, check=True)
    assert out == files.stdout


COUNTED = (
    "import sys\n"
    "from dorost import cli\n"
    "real = cli.repair_stream\n"
    "def counted(*args, **kwargs):\n"
    "    for chunk in real(*args, **kwargs):\n"
    "        sys.stderr.write('chunk\\n')\n"
    "        yield chunk\n"
    "cli.repair_stream = counted\n"
    "sys.argv = ['dorost', *sys.argv[1:]]\n"
    "cli.run()\n"
)


@pytest.mark.parametrize("output", ["standard output", "-o file", "standard output to a file", "check to a file"])
def test_a_slow_pipe_is_cut_at_its_pauses_only_for_a_reader_who_waits(
    shared: Path, tmp_path: Path, output: str
) -> None:
    # A file (-o, or standard output sent to one) is read once it is whole: cutting the text at the
    # writer's pauses would gain nothing there, and would make the output depend on the pipe's timing.
    first, second = _paragraphs(shared, 2)
    target = tmp_path / "out.txt"
    args = ["fix", "-o", str(target)] if output == "-o file" else ["check"] if output == "check to a file" else ["fix"]
    to_file = output in ("standard output to a file", "check to a file")
    with target.open("wb") if to_file else contextlib.nullcontext() as file:
        process = subprocess.Popen(
            [sys.executable, "-c", COUNTED, *args],
            stdin=subprocess.PIPE,
            stdout=file or subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdin is not None and process.stderr is not None
        try:
            process.stdin.write(f"{first}\n\n".encode())
            process.stdin.flush()
            time.sleep(2)  # four pauses' worth
            process.stdin.write(second.encode())
            process.stdin.close()
            chunks = process.stderr.read().decode().count("chunk")
            assert process.wait(timeout=60) == (1 if output == "check to a file" else 0)
        finally:
            process.kill()
            process.wait()
    if output == "standard output":
        assert chunks == 2
    elif output == "check to a file":
        assert chunks == 0
        whole = CliRunner().invoke(main, ["check"], input=f"{first}\n\n{second}").stdout
        assert target.read_text(encoding="utf-8") == whole
    else:
        assert chunks == 0
        assert target.read_text(encoding="utf-8") == repair(f"{first}\n\n{second}").text + "\n"


@pytest.mark.parametrize("streaming", ["large", "live"])
def test_a_long_pipe_marks_its_pauses_only_for_a_reader_who_waits(
    monkeypatch: pytest.MonkeyPatch, streaming: cli_module.Streaming
) -> None:
    # A pipe longer than STREAM_BYTES whose output goes to a file ("large") is streamed in bounded
    # memory, but its text must not be cut at the writer's pauses: the file would depend on timing.
    monkeypatch.setattr(cli_module, "STREAM_BYTES", 4096)
    monkeypatch.setattr(cli_module, "PAUSE_SECONDS", 0.05)
    data = _article(12)
    reading, writing = os.pipe()

    def write() -> None:
        os.write(writing, data)
        time.sleep(0.5)  # ten pauses' worth, after a finished paragraph
        os.write(writing, data)
        os.close(writing)

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(reading, "rb") as handle:
        source = cli_module._pipe(cli_module._Pipe(handle, "standard input", streaming == "live"), streaming)
        assert not isinstance(source, bytes)
        blocks = list(source)
    writer.join()
    assert b"".join(blocks) == data + data
    assert (b"" in blocks) == (streaming == "live")


def test_where_select_cannot_wait_on_a_pipe_it_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows: select() waits on sockets only, so a slow pipe's pauses are not looked for; it is
    # read to its end as a file of the same bytes, even where the output is read as it is written.
    monkeypatch.setattr(cli_module.os, "name", "nt")
    monkeypatch.setattr(cli_module, "PAUSE_SECONDS", 0.05)

    def no_select(*args: object) -> None:
        raise AssertionError("select() called on a pipe")

    monkeypatch.setattr(cli_module.select, "select", no_select)
    data = _article(1)
    reading, writing = os.pipe()

    def write() -> None:
        os.write(writing, data[:200])
        time.sleep(0.3)
        os.write(writing, data[200:])
        os.close(writing)

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(reading, "rb") as handle:
        read = cli_module._pipe(cli_module._Pipe(handle, "standard input", True), "live")
    writer.join()
    assert read == data


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_typed_text_ends_at_one_ctrl_d_whatever_the_output(tmp_path: Path) -> None:
    # `dorost fix > out.txt`, typing: the terminal is read a line at a time, so the first Ctrl-D at a
    # line's start ends the input (a read of a whole block would wait for a second one).
    import pty  # Unix only

    controller, terminal = pty.openpty()
    target = tmp_path / "out.txt"
    with target.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "dorost", "fix"], stdin=terminal, stdout=out, stderr=subprocess.PIPE
        )
    os.close(terminal)
    try:
        os.write(controller, "اين كتاب\n".encode())
        time.sleep(1)  # the line is read before Ctrl-D ends the input
        os.write(controller, b"\x04")
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()
        os.close(controller)
    assert target.read_text(encoding="utf-8") == "این کتاب\n"
