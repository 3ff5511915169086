"""The `dorost` command line.

Exit codes: 0 success (for `check`: nothing to change); 1 `check` found something to change;
2 usage error; 3 input that cannot be read; 4 output that cannot be written; 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TextIO, TypeVar

import click

from dorost import __version__
from dorost.batch.command import batch
from dorost.config import DIACRITIC_POLICIES, DIGIT_POLICIES, Config
from dorost.edits import Result
from dorost.errors import DorostError
from dorost.inputs import repair_bytes
from dorost.inputs.html import is_html_page
from dorost.inputs.stream import Chunk, Positions, decode_stream, head_text, read_blocks, repair_stream
from dorost.inputs.text import decode_bytes, is_pdf
from dorost.outputs.report import explain_lines, summary_line, to_json, word_diff
from dorost.pipeline import FIXES
from dorost.web.command import serve

EXIT_CHANGES, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERRUPTED = 1, 2, 3, 4, 130
MAX_INPUT_BYTES = 2 * 1024**3
READ_BLOCK = 1024**2
# One input larger than this (a file, or standard input: a pipe, a redirected file) is repaired
# chunk by chunk in bounded memory: see dorost.inputs.stream. Standard input is read this far
# ahead to know which it is, so that a pipe gives the output a file of the same bytes gives.
STREAM_BYTES = 16 * 1024**2


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"dorost: error: {message}", err=True)
    sys.exit(code)


def _flag(option: str, value: str | None) -> str:
    """An argument of the Python API as this command's flag: ``--pages 9``."""
    flag = "--" + option.replace("_", "-")
    return flag if value is None else f"{flag} {value}"


def _said(error: DorostError) -> str:
    """The error's message, naming the flags a user of the command line typed."""
    return error.worded(_flag)


def _fix_list(value: str | None) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()] if value else []


def _config(only: str | None, skip: str | None, digits: str, diacritics: str) -> Config:
    try:
        base = Config(digits=digits, diacritics=diacritics)  # type: ignore[arg-type]
        return base.with_fixes(only=_fix_list(only) if only else None, skip=_fix_list(skip))
    except ValueError as error:
        _fail(str(error), EXIT_USAGE)


@dataclass
class _Ahead:
    """What was read of standard input to learn whether it is longer than STREAM_BYTES."""

    blocks: list[bytes] = field(default_factory=list)
    ended: bool = False


def _read(path: str, ahead: _Ahead | None = None) -> bytes:
    try:
        if path == "-":
            if sys.stdin is None:
                _fail("standard input is closed; give a PATH to read", EXIT_INPUT)
            ahead = ahead or _Ahead()
            if not ahead.ended:
                ahead.ended = _read_stream(sys.stdin.buffer, "standard input", ahead.blocks)
            return b"".join(ahead.blocks)
        source = Path(path)
        if source.is_dir():
            _fail(f"{path} is a folder; give files (or use `dorost batch` for folders)", EXIT_INPUT)
        if source.stat().st_size > MAX_INPUT_BYTES:
            _fail(f"{path} is larger than 2 GB; use `dorost batch` for corpora", EXIT_INPUT)
        if source.is_file():
            return source.read_bytes()
        with source.open("rb") as handle:  # a device or a named pipe, whose size says nothing
            blocks: list[bytes] = []
            _read_stream(handle, path, blocks)
            return b"".join(blocks)
    except FileNotFoundError:
        _fail(f"{path}: no such file", EXIT_INPUT)
    except PermissionError:
        _fail(f"{path}: permission denied", EXIT_INPUT)
    except OSError as error:
        _fail(f"{path if path != '-' else 'standard input'}: {error.strerror or error}", EXIT_INPUT)


def _read_stream(handle: BinaryIO, name: str, blocks: list[bytes], until: int = MAX_INPUT_BYTES) -> bool:
    """Read a pipe or device, which may never end (``yes |``, ``/dev/zero``), on into ``blocks``:
    True when it ended, False once they hold more than ``until`` bytes. Binary data is refused from
    its first block, and more than MAX_INPUT_BYTES in all is refused."""
    size = sum(len(block) for block in blocks)
    while size <= until:
        block = handle.read(READ_BLOCK)
        if not block:
            return True
        if not blocks and b"\x00" in block and not is_pdf(block):
            try:
                decode_bytes(block)  # refuses it, unless a byte-order mark says UTF-16 or UTF-32
            except DorostError as error:
                _fail(f"{name}: {_said(error)}", EXIT_INPUT)
        size += len(block)
        if size > MAX_INPUT_BYTES:
            _fail(f"{name} is larger than 2 GB; use `dorost batch` for corpora", EXIT_INPUT)
        blocks.append(block)
    return False


def _results(
    paths: tuple[str, ...], config: Config, pages: str | None, password: str | None, ahead: _Ahead | None = None
) -> Iterator[tuple[str, Result]]:
    for path in paths or ("-",):
        data = _read(path, ahead)
        try:
            yield path, repair_bytes(data, config, pages=pages, password=password)
        except DorostError as error:
            name = "standard input" if path == "-" else path
            _fail(f"{name}: {_said(error)}", error.exit_code if error.exit_code != EXIT_USAGE else EXIT_INPUT)


def _same_file(a: str, b: str) -> bool:
    try:
        return a != "-" and os.path.samefile(a, b)
    except OSError:
        return False


common_options = [
    click.option("--only", metavar="FIX,...", help="Run only these fixes (see `dorost fixes`)."),
    click.option("--skip", metavar="FIX,...", help="Do not run these fixes."),
    click.option(
        "--digits",
        type=click.Choice(DIGIT_POLICIES),
        default="keep",
        show_default=True,
        help="Digit system: keep the author's, or write all Persian or all Latin.",
    ),
    click.option(
        "--diacritics",
        type=click.Choice(DIACRITIC_POLICIES),
        default="keep",
        show_default=True,
        help="Keep or remove harakat and tanwin.",
    ),
    click.option("--pages", metavar="RANGE", help="PDF pages to read, e.g. 2-5 or 1,3,7-9."),
    click.option("--password", metavar="TEXT", help="Password of an encrypted PDF."),
]


F = TypeVar("F", bound=Callable[..., Any])


def with_common_options(function: F) -> F:
    for option in reversed(common_options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dorost")
def main() -> None:
    """dorost (درست): restore damaged Persian text and say exactly what changed."""


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH ...|-]")
@click.option("-o", "--output", metavar="OUT", help="Write the restored text here instead of standard output.")
@click.option("--explain", is_flag=True, help="List every edit (line:column, fix, before → after) on standard error.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: the text and its edits.")
@click.option("--diff", "as_diff", is_flag=True, help="Print a word-level diff instead of the text.")
@with_common_options
def fix(
    paths: tuple[str, ...],
    output: str | None,
    explain: bool,
    as_json: bool,
    as_diff: bool,
    only: str | None,
    skip: str | None,
    digits: str,
    diacritics: str,
    pages: str | None,
    password: str | None,
) -> None:
    """Restore Persian text (or a PDF) and print it; read standard input when no PATH is given."""
    config = _config(only, skip, digits, diacritics)
    if output and any(_same_file(path, output) for path in paths):
        _fail(f"refusing to overwrite the input file {output}; choose another output", EXIT_USAGE)
    # JSON is one object holding the whole text and every edit, and a diff aligns the whole text
    # with the whole output: both read the input whole.
    large, ahead = (None, None) if as_json or as_diff else _large_input(paths)
    if large is not None:
        _refuse_pages(large, pages)
        _fix_streamed(large, ahead, config, output, explain)
        return
    chunks: list[str] = []
    for path, result in _results(paths, config, pages, password, ahead):
        for warning in result.warnings:
            click.echo(f"dorost: warning: {warning}", err=True)
        if explain:
            source = "" if path == "-" else path
            for line in explain_lines(result, source):
                click.echo(line, err=True)
            click.echo(summary_line(result), err=True)
        if as_json:
            chunks.append(to_json(result, None if path == "-" else path) + "\n")
        elif as_diff:
            chunks.append(word_diff(result))
        else:
            chunks.append(result.text)
    _write("".join(chunks), output)


def _write(text: str, output: str | None) -> None:
    if output is None or output == "-":
        with _writing_stdout():
            sys.stdout.write(text)
            if text and not text.endswith("\n"):
                sys.stdout.write("\n")
        return
    target = Path(output)
    temporary = target.with_name(f".{target.name}.dorost-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}", EXIT_OUTPUT)
    finally:
        # Also on Ctrl-C: a half-written temporary file is never left beside the output.
        temporary.unlink(missing_ok=True)


def _discard_stdout() -> None:
    """Point standard output at nothing: Python flushes what is left on exit, and must not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@contextmanager
def _writing_stdout(broken_pipe_exit: int = 0) -> Iterator[None]:
    """Write standard output; a closed or full one ends with one line and exit code 4.

    A reader that leaves early (``dorost fix big.txt | head -1``) has what it asked for: the command
    ends quietly with ``broken_pipe_exit``.
    """
    if sys.stdout is None:
        _fail("standard output is closed; give -o OUT", EXIT_OUTPUT)
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        sys.exit(broken_pipe_exit)
    except OSError as error:
        _discard_stdout()
        _fail(f"cannot write standard output: {error.strerror or error}", EXIT_OUTPUT)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH ...|-]")
@with_common_options
def check(
    paths: tuple[str, ...],
    only: str | None,
    skip: str | None,
    digits: str,
    diacritics: str,
    pages: str | None,
    password: str | None,
) -> None:
    """Report what `fix` would change (path:line:column, fix, before → after); exit 1 if anything."""
    config = _config(only, skip, digits, diacritics)
    large, ahead = _large_input(paths)
    if large is not None:
        _refuse_pages(large, pages)
    # Only a change is printed, so a reader that left early saw one.
    with _writing_stdout(broken_pipe_exit=EXIT_CHANGES):
        if large is not None:
            found = _check_streamed(large, ahead, config)
        else:
            found = False
            for path, result in _results(paths, config, pages, password, ahead):
                source = "<stdin>" if path == "-" else path
                for line in explain_lines(result, source):
                    click.echo(line)
                found = found or result.changed
    sys.exit(EXIT_CHANGES if found else 0)


def _large_input(paths: tuple[str, ...]) -> tuple[str | None, _Ahead | None]:
    """The one input, when it is longer than STREAM_BYTES and plain text: it is streamed. Standard
    input, whose length a pipe does not tell, is read that far ahead; what was read is returned."""
    path = paths[0] if len(paths) == 1 else "-" if not paths else None
    if path == "-":
        if sys.stdin is None:
            return None, None  # reading it says so
        ahead = _Ahead()
        try:
            ahead.ended = _read_stream(sys.stdin.buffer, "standard input", ahead.blocks, STREAM_BYTES)
        except OSError as error:
            _fail(f"standard input: {error.strerror or error}", EXIT_INPUT)
        return (None if ahead.ended or not _plain_text(ahead.blocks[0]) else path), ahead
    try:
        if path is None or not Path(path).is_file() or Path(path).stat().st_size <= STREAM_BYTES:
            return None, None
        with Path(path).open("rb") as handle:
            return (path if _plain_text(handle.read(READ_BLOCK)) else None), None
    except (OSError, ValueError):
        return None, None


def _plain_text(head: bytes) -> bool:
    """Whether a document that starts with ``head`` can be streamed: a PDF and a web page (whose text
    is what a browser shows, found by parsing the whole page) are read whole."""
    return not is_pdf(head) and not is_html_page(head_text(head))


def _refuse_pages(path: str, pages: str | None) -> None:
    """A streamed input is text, never a PDF: ``--pages`` is refused as for a text read whole."""
    if pages is not None:
        name = "standard input" if path == "-" else path
        _fail(f"{name}: --pages applies only to PDF input", EXIT_INPUT)


def _stdin_blocks(ahead: _Ahead | None) -> Iterator[bytes]:
    """Standard input, block by block: first what was read ahead (let go of once given), then the rest."""
    while ahead and ahead.blocks:
        yield ahead.blocks.pop(0)
    yield from read_blocks(sys.stdin.buffer, READ_BLOCK)


def _chunks(path: str, ahead: _Ahead | None, config: Config) -> Iterator[Chunk]:
    """The input's repaired chunks; an undecodable input stops with exit code 3."""
    name = "standard input" if path == "-" else path
    try:
        if path == "-":
            yield from repair_stream(decode_stream(_stdin_blocks(ahead)), config)
        else:
            with Path(path).open("rb") as handle:
                yield from repair_stream(decode_stream(read_blocks(handle)), config)
    except DorostError as error:
        _fail(f"{name}: {_said(error)}", EXIT_INPUT)
    except OSError as error:
        _fail(f"{name}: {error.strerror or error}", EXIT_INPUT)


def _fix_streamed(path: str, ahead: _Ahead | None, config: Config, output: str | None, explain: bool) -> None:
    """`fix` for a large input: write each chunk as soon as it is repaired."""
    positions = Positions()
    counts: dict[str, int] = {}

    def write(sink: TextIO) -> None:
        last = ""
        for chunk in _chunks(path, ahead, config):
            if explain:
                for line in positions.explain(chunk, "" if path == "-" else path):
                    click.echo(line, err=True)
                for name, count in chunk.result.counts().items():
                    counts[name] = counts.get(name, 0) + count
            sink.write(chunk.text)
            sink.flush()  # the reader has each chunk as soon as it is repaired, not when a buffer fills
            last = chunk.text[-1:] or last
        if last and last != "\n":
            sink.write("\n")

    if output is None or output == "-":
        with _writing_stdout():
            write(sys.stdout)
    else:
        target = Path(output)
        temporary = target.with_name(f".{target.name}.dorost-tmp")
        try:
            with temporary.open("w", encoding="utf-8") as sink:
                write(sink)
            temporary.replace(target)
        except OSError as error:
            _fail(f"cannot write {output}: {error.strerror or error}", EXIT_OUTPUT)
        finally:
            temporary.unlink(missing_ok=True)
    if explain:
        click.echo(_summary_line(counts), err=True)


def _summary_line(counts: dict[str, int]) -> str:
    """What :func:`summary_line` says of a whole result, from the counts of all chunks (in pipeline order)."""
    if not counts:
        return "no edits"
    order = {fix_.name: index for index, fix_ in enumerate(FIXES)}
    ordered = sorted(counts.items(), key=lambda item: order.get(item[0], len(order)))
    return f"{sum(counts.values())} edits: " + ", ".join(f"{name} {count}" for name, count in ordered)


def _check_streamed(path: str, ahead: _Ahead | None, config: Config) -> bool:
    """`check` for a large input: report each chunk's edits as soon as it is repaired."""
    positions = Positions()
    found = False
    for chunk in _chunks(path, ahead, config):
        for line in positions.explain(chunk, "<stdin>" if path == "-" else path):
            click.echo(line)
        found = found or chunk.result.changed
    return found


@main.command(name="fixes")
def list_fixes() -> None:
    """List the fixes in pipeline order, with what each one repairs."""
    for fix_ in FIXES:
        click.echo(f"{fix_.name:28} {fix_.family:11} {fix_.summary}")


main.add_command(batch)
main.add_command(serve)


def run() -> None:
    # Not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit code 1.
    try:
        code = main(standalone_mode=False)
    except (KeyboardInterrupt, click.Abort):
        click.echo("dorost: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
