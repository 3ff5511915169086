"""The command line against a hostile environment: closed or full standard streams, a reader that leaves
early, an interrupted write. Each ends with one line and an exit code, never a traceback or a stray file."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorost import cli as cli_module

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article-as-extracted.txt"
DEV_FULL = Path("/dev/full")
# The source tree the tests run on, where one is named (a working tree beside an installed dorost): the shell's
# command runs it too, not the installed one.
_PYTHONPATH = {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}


def shell(command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in sh with ``$dorost`` the command line of this interpreter."""
    return subprocess.run(
        ["sh", "-c", command],
        env={"dorost": f"{sys.executable} -m dorost", "PATH": "/usr/bin:/bin", **_PYTHONPATH},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_clean_line(stderr: str, message: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().splitlines() == [f"dorost: error: {message}"], stderr


def test_closed_standard_input_is_a_clear_error() -> None:
    done = shell("$dorost fix <&-")
    assert done.returncode == 3
    assert_one_clean_line(done.stderr, "standard input is closed; give a PATH to read")


def test_closed_standard_output_is_a_clear_error() -> None:
    done = shell(f"$dorost fix '{ARTICLE}' >&-")
    assert done.returncode == 4
    assert_one_clean_line(done.stderr, "standard output is closed; give -o OUT")


@pytest.mark.skipif(not DEV_FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["fix", "check"])
def test_full_standard_output_is_a_clear_error(command: str) -> None:
    done = shell(f"$dorost {command} '{ARTICLE}' > /dev/full")
    assert done.returncode == 4
    assert_one_clean_line(done.stderr, "cannot write standard output: No space left on device")


@pytest.mark.skipif(not DEV_FULL.exists(), reason="needs /dev/full")
def test_full_standard_output_of_a_streamed_input_is_named(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_text("اين كتاب مي شود.\n" * 2000, encoding="utf-8")
    # A small threshold streams this file as a file over 16 MB would be.
    done = shell(
        f"{sys.executable} -c 'import dorost.cli as c; c.STREAM_BYTES = 1000; c.run()' fix '{source}' > /dev/full"
    )
    assert done.returncode == 4
    assert_one_clean_line(done.stderr, "cannot write standard output: No space left on device")


def test_a_reader_that_leaves_early_ends_check_quietly(tmp_path: Path) -> None:
    source = tmp_path / "many.txt"
    source.write_text("اين كتاب\n" * 20000, encoding="utf-8")
    for command in ("check", "fix", "fix -o /dev/stdout"):
        done = shell(f"$dorost {command} '{source}' | head -c 10 > /dev/null")
        assert done.stderr == "", done.stderr


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in.txt"
    source.write_text("اين كتاب", encoding="utf-8")
    target = tmp_path / "out.txt"

    def interrupted(self: Path, other: Path) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    result = CliRunner().invoke(cli_module.main, ["fix", str(source), "-o", str(target)])
    assert result.exit_code != 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.txt"]


def test_ctrl_c_is_exit_130_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("اين كتاب", encoding="utf-8")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "repair_bytes", interrupted)
    monkeypatch.setattr(sys, "argv", ["dorost", "fix", str(source)])
    with pytest.raises(SystemExit) as exited:
        cli_module.run()
    assert exited.value.code == 130
    # click starts a new line after the ^C a terminal shows.
    assert capsys.readouterr().err.strip() == "dorost: interrupted"


@pytest.mark.parametrize(("args", "code"), [(["--version"], 0), (["fix", "--digits", "roman"], 2), (["nonsense"], 2)])
def test_exit_codes_of_the_command_line_itself(
    args: list[str], code: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["dorost", *args])
    with pytest.raises(SystemExit) as exited:
        cli_module.run()
    assert exited.value.code == code
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_binary_device_or_pipe_is_refused_at_once() -> None:
    for command, name in [("$dorost fix /dev/zero", "/dev/zero"), ("cat /dev/zero | $dorost fix", "standard input")]:
        done = shell(f"timeout 60 {command}")
        assert done.returncode == 3, done.stderr
        assert_one_clean_line(done.stderr, f"{name}: the input is binary data (it contains NUL bytes), not text")


def test_a_named_pipe_is_read_as_text(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done = shell(f"(printf 'اين كتاب' > '{fifo}' &) ; $dorost fix '{fifo}'")
    assert (done.returncode, done.stdout, done.stderr) == (0, "این کتاب\n", "")


def test_standard_input_over_the_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_module, "MAX_INPUT_BYTES", 10)
    monkeypatch.setattr(cli_module, "READ_BLOCK", 4)
    with pytest.raises(SystemExit) as exited:
        cli_module._pipe(cli_module._Pipe(io.BytesIO("اين كتاب".encode()), "standard input", False), "no")
    assert exited.value.code == 3
    assert (
        capsys.readouterr().err == "dorost: error: standard input is larger than 2 GB; use `dorost batch` for corpora\n"
    )
    read = cli_module._pipe(cli_module._Pipe(io.BytesIO("اين".encode()), "standard input", False), "no")
    assert read == "اين".encode()


# What a hostile (or unlucky) user hands `dorost fix` and `dorost check` as a FILE: each is one clear
# line and exit code 3, nothing on standard output, and an existing -o file left as it was.

DATA = Path(__file__).resolve().parent / "data" / "pdf"


def _scan() -> bytes:
    from tests.test_pdf_inputs import build_pdf

    return build_pdf([b"q 100 0 0 100 72 600 cm /Im1 Do Q"], image_pages=frozenset({0}))


HOSTILE = {
    "folder": (None, "{path} is a folder; give files (or use `dorost batch` for folders)"),
    "binary": (
        Path(sys.executable).read_bytes()[:4096],
        "{path}: the input is binary data (it contains NUL bytes), not text",
    ),
    "empty.pdf": (b"", "{path}: the file is empty (0 bytes), not a PDF"),
    "encrypted.pdf": (
        (DATA / "encrypted.pdf").read_bytes(),
        "{path}: the PDF is encrypted; give its password with --password",
    ),
    "scan.pdf": (_scan(), "{path}: the PDF has no text to restore (page 1 has no text; it needs OCR)"),
}


@pytest.mark.parametrize("command", ["fix", "check"])
@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_is_one_clear_error(tmp_path: Path, kind: str, command: str) -> None:
    data, message = HOSTILE[kind]
    path = tmp_path / kind
    if data is None:
        path.mkdir()
    else:
        path.write_bytes(data)
    done = shell(f"$dorost {command} '{path}'")
    assert (done.returncode, done.stdout) == (3, "")
    assert_one_clean_line(done.stderr, message.format(path=path))
    if command == "fix":
        target = tmp_path / "out.txt"
        target.write_text("نسخهٔ پیشین", encoding="utf-8")
        done = shell(f"$dorost fix '{ARTICLE}' '{path}' -o '{target}'")
        assert done.returncode == 3
        assert target.read_text(encoding="utf-8") == "نسخهٔ پیشین"
        assert sorted(entry.name for entry in tmp_path.iterdir()) == sorted([kind, "out.txt"])


def test_a_file_that_vanishes_before_its_turn_replaces_nothing(tmp_path: Path) -> None:
    # The second file is gone by the time the first is repaired: the output file keeps its old text.
    gone = tmp_path / "gone.txt"
    target = tmp_path / "out.txt"
    target.write_text("نسخهٔ پیشین", encoding="utf-8")
    done = shell(f"$dorost fix '{ARTICLE}' '{gone}' -o '{target}'")
    assert done.returncode == 3
    assert_one_clean_line(done.stderr, f"{gone}: no such file")
    assert target.read_text(encoding="utf-8") == "نسخهٔ پیشین"
    assert [entry.name for entry in tmp_path.iterdir()] == ["out.txt"]


def test_a_file_cut_short_while_it_streams_is_an_error(tmp_path: Path) -> None:
    # Another program empties the file while a long input is repaired chunk by chunk: the output
    # would silently lack its end, so the command fails and the old output file stays.
    source = tmp_path / "long.txt"
    source.write_bytes("\n\n".join([ARTICLE.read_text(encoding="utf-8")] * 40).encode())
    size = source.stat().st_size
    target = tmp_path / "out.txt"
    target.write_text("نسخهٔ پیشین", encoding="utf-8")
    small = (
        "import dorost.cli as c, dorost.inputs.stream as s;"
        "c.STREAM_BYTES = 4096; c.READ_BLOCK = 1024; s.CHUNK_CHARS = 3000; c.run()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", small, "fix", str(source), "-o", str(target), "--explain"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    try:
        first = process.stderr.readline()  # an edit of the first chunk: the rest is still unread
        assert first.startswith(f"{source}:1:"), first
        source.write_bytes(b"")
        rest = process.stderr.read()
        assert process.wait(timeout=120) == 3
    finally:
        process.kill()
        process.wait()
    last = rest.strip().splitlines()[-1]
    assert last.startswith(f"dorost: error: {source}: the file got shorter while it was read (")
    assert last.endswith(f" of {size:,} bytes); try again once nothing writes it")
    assert target.read_text(encoding="utf-8") == "نسخهٔ پیشین"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["long.txt", "out.txt"]


def test_an_output_that_is_a_named_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/stdout`, `-o fifo`: the output goes through it; a file renamed over it would take its place.
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    source = tmp_path / "in.txt"
    source.write_text("اين كتاب", encoding="utf-8")
    done = shell(
        f"(timeout 60 cat '{fifo}' > '{tmp_path / 'got.txt'}' &) ; timeout 60 $dorost fix '{source}' -o '{fifo}'"
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    for _ in range(100):  # cat ends once the writer closes the pipe
        if (tmp_path / "got.txt").read_text(encoding="utf-8"):
            break
        time.sleep(0.1)
    assert (tmp_path / "got.txt").read_text(encoding="utf-8") == "این کتاب\n"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_an_output_that_names_standard_output_is_written_through(tmp_path: Path) -> None:
    # `-o /dev/stdout` with standard output redirected to a file: the link (here /proc/self/fd/1, which
    # /dev/stdout names) is written through, never replaced by a file renamed over it.
    source = tmp_path / "in.txt"
    source.write_text("اين كتاب", encoding="utf-8")
    done = shell(f"$dorost fix '{source}' -o /proc/self/fd/1 > '{tmp_path / 'got.txt'}'")
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "got.txt").read_text(encoding="utf-8") == "این کتاب\n"


def test_an_output_that_is_a_link_keeps_the_link(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("اين كتاب", encoding="utf-8")
    real = tmp_path / "real.txt"
    real.write_text("نسخهٔ پیشین", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    done = shell(f"$dorost fix '{source}' -o '{link}'")
    assert (done.returncode, done.stderr) == (0, "")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "این کتاب\n"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["in.txt", "link.txt", "real.txt"]


@pytest.mark.parametrize("parent", ["a file", "missing"])
def test_an_output_under_a_file_or_a_missing_folder_is_one_clear_error(tmp_path: Path, parent: str) -> None:
    # `-o notes.txt/out.txt`: the temporary file beside the output cannot be made, and its clean-up (removing it)
    # failed again with a traceback and exit code 1 where the folder in the way is a file.
    source = tmp_path / "in.txt"
    source.write_text("اين كتاب", encoding="utf-8")
    folder = source if parent == "a file" else tmp_path / "missing"
    output = folder / "out.txt"
    done = shell(f"$dorost fix '{source}' -o '{output}'")
    reason = "Not a directory" if parent == "a file" else "No such file or directory"
    assert done.returncode == 4
    assert_one_clean_line(done.stderr, f"cannot write {output}: {reason}")
    assert source.read_text(encoding="utf-8") == "اين كتاب"
