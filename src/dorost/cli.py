"""The `dorost` command line.

Exit codes: 0 success (for `check`: nothing to change); 1 `check` found something to change;
2 usage error; 3 input that cannot be read; 4 output that cannot be written; 130 interrupted.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import select
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, Literal, NoReturn, TextIO, TypeVar

import click

from dorost import __version__
from dorost.batch.command import batch
from dorost.command_options import CONFIG_OPTIONS, config_from_options
from dorost.config import Config
from dorost.edits import Result
from dorost.errors import DorostError, InputError, empty_pdf, pages_of_text
from dorost.inputs import MARKUP_SUFFIXES, page_range_error, repair_bytes
from dorost.inputs.stream import (
    Chunk,
    Positions,
    decode_stream,
    head_text,
    paragraphs_end,
    read_blocks,
    repair_stream,
)
from dorost.inputs.text import decode_bytes, is_pdf
from dorost.memory import collector_tuned
from dorost.outputs.report import counts_line, explain_lines, summary_line, to_json, word_diff
from dorost.pipeline import FIXES

EXIT_CHANGES, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERRUPTED = 1, 2, 3, 4, 130
MAX_INPUT_BYTES = 2 * 1024**3
READ_BLOCK = 1024**2
# Each input larger than this (a file, or standard input: a pipe, a redirected file) is repaired
# chunk by chunk in bounded memory: see dorost.inputs.stream. A pipe is read this far ahead to know
# which it is, so that it gives the output a file of the same bytes gives (unless its writer
# pauses and the output is read as it is written: see _pipe).
STREAM_BYTES = 16 * 1024**2


class _Failed(SystemExit):
    """The command ends with an error, said in one line on standard error (``code``: its exit code)."""


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"dorost: error: {message}", err=True)
    raise _Failed(code)


def _flag(option: str, value: str | None) -> str:
    """An argument of the Python API as this command's flag: ``--pages 9``."""
    flag = "--" + option.replace("_", "-")
    return flag if value is None else f"{flag} {value}"


def _said(error: DorostError) -> str:
    """The error's message, naming the flags a user of the command line typed."""
    return error.worded(_flag)


def _config(only: tuple[str, ...], skip: tuple[str, ...], digits: str, diacritics: str) -> Config:
    try:
        return config_from_options(only, skip, digits, diacritics)
    except ValueError as error:
        _fail(str(error), EXIT_USAGE)


#: How an input may be streamed: ``no`` (read whole), ``large`` (over STREAM_BYTES), ``live`` (also
#: a pipe whose writer paused after a paragraph).
Streaming = Literal["no", "large", "live"]

#: A pipe whose writer has been quiet this long has paused (``tail -f``, a person typing): the
#: paragraphs it has finished are repaired and written then, not when it ends.
PAUSE_SECONDS = 0.5


def _name(path: str) -> str:
    return "standard input" if path == "-" else path


#: How an edit's place names standard input (``<stdin>:1:2``), in `fix --explain` and `check` alike.
STDIN_SOURCE = "<stdin>"


def _check_arguments(paths: tuple[str, ...], pages: str | None) -> None:
    """Refuse, before any input is read, what no input could make right: an empty PATH (an unset
    variable: `dorost fix "$FILE"`) and a --pages value that is no page range."""
    if any(not path for path in paths):
        _fail("an empty PATH names no file", EXIT_USAGE)
    if pages is not None:
        error = page_range_error(pages)
        if error is not None:
            _fail(_said(error), EXIT_USAGE)


def _waitable(handle: BinaryIO) -> int | None:
    """The descriptor of a pipe, a terminal or a device, whose writer may pause; None for a
    regular file (``< file``) or an in-memory stream, which are read straight through."""
    if os.name == "nt":
        return None  # select() waits on sockets only there
    try:
        descriptor = handle.fileno()
        mode = os.fstat(descriptor).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return descriptor if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode) else None


class _Pipe:
    """Standard input, a named pipe or a device, read as its bytes arrive.

    :meth:`read` gives the bytes that have arrived (at most READ_BLOCK), b"" at the end, and, when
    ``live``, None where the writer has paused for PAUSE_SECONDS. Binary data is refused from its
    first block.
    """

    def __init__(self, handle: BinaryIO, name: str, live: bool) -> None:
        self.handle, self.name = handle, name
        self.descriptor = _waitable(handle)
        # Not live (the output is a file, read once whole): the pauses are not looked for, so that
        # a long pipe streamed in bounded memory is not cut at them either.
        self.live = live
        self.started = False

    def read(self) -> bytes | None:
        if self.descriptor is None:
            block = self.handle.read(READ_BLOCK)
        else:
            if self.live and not select.select([self.descriptor], [], [], PAUSE_SECONDS)[0]:
                return None
            block = os.read(self.descriptor, READ_BLOCK)  # what has arrived: a terminal's line, say
        if block and not self.started:
            self.started = True
            if b"\x00" in block and not is_pdf(block):
                try:
                    decode_bytes(block)  # refuses it, unless a byte-order mark says UTF-16 or UTF-32
                except DorostError as error:
                    _fail(f"{self.name}: {_said(error)}", EXIT_INPUT)
        return block

    def blocks(self, ahead: list[bytes]) -> Iterator[bytes]:
        """What was read ahead (let go of once given), then the rest; b"" where the writer paused."""
        while ahead:
            yield ahead.pop(0)
        while (block := self.read()) != b"":
            yield block or b""


def _source(path: str, streaming: Streaming) -> bytes | Iterator[bytes]:
    """One input: its bytes, or, when it is to be streamed, its blocks.

    An input is streamed when it is plain text (not a PDF or a web page, which are read whole)
    and longer than STREAM_BYTES, or when it is a pipe whose writer paused after finishing a
    paragraph: then output follows input paragraph by paragraph. A pipe that does neither is read
    whole, so that it gives what a file of the same bytes gives.
    """
    name = _name(path)
    try:
        if path == "-":
            if sys.stdin is None:
                _fail("standard input is closed; give a PATH to read", EXIT_INPUT)
            return _pipe(_Pipe(sys.stdin.buffer, name, streaming == "live"), streaming)
        source = Path(path)
        if source.is_dir():
            _fail(f"{path} is a folder; give files (or use `dorost batch` for folders)", EXIT_INPUT)
        size = source.stat().st_size
        if size > MAX_INPUT_BYTES:
            _fail(f"{path} is larger than 2 GB; use `dorost batch` for corpora", EXIT_INPUT)
        if not source.is_file():  # a named pipe or a device, whose size says nothing
            return _pipe(_Pipe(source.open("rb"), name, streaming == "live"), streaming)
        if streaming != "no" and size > STREAM_BYTES:
            handle = source.open("rb")
            head = handle.read(READ_BLOCK)
            if _plain_text(head):
                return _file_blocks(handle, head, size)
            handle.close()
        data = source.read_bytes()
        if len(data) < size:
            _fail(f"{path}: {_shrank(len(data), size)}", EXIT_INPUT)
        if not data and source.suffix.lower() == ".pdf":
            _fail(str(empty_pdf(path)), EXIT_INPUT)
        return data
    except FileNotFoundError:
        _fail(f"{path}: no such file", EXIT_INPUT)
    except PermissionError:
        _fail(f"{path}: permission denied", EXIT_INPUT)
    except OSError as error:
        _fail(f"{name}: {error.strerror or error}", EXIT_INPUT)


def _file_blocks(handle: BinaryIO, head: bytes, size: int) -> Iterator[bytes]:
    """A large file's blocks; a file cut short while it is read (rewritten, truncated) is an error,
    not a shorter text: the output would silently lack its end."""
    read = len(head)
    with handle:
        yield head
        for block in read_blocks(handle, READ_BLOCK):
            read += len(block)
            yield block
    if read < size:
        raise InputError(_shrank(read, size))


def _shrank(read: int, size: int) -> str:
    return f"the file got shorter while it was read ({read:,} of {size:,} bytes); try again once nothing writes it"


def _pipe(pipe: _Pipe, streaming: Streaming) -> bytes | Iterator[bytes]:
    """Read a pipe ahead until it ends (its bytes), or until it is to be streamed (its blocks)."""
    blocks: list[bytes] = []
    size = 0
    while True:
        block = pipe.read()
        if block == b"":
            return b"".join(blocks)
        if block is None:
            if streaming == "live" and blocks and _paused_after_paragraph(blocks):
                return pipe.blocks([*blocks, b""])  # the paragraphs finished so far go out at once
            continue
        blocks.append(block)
        size += len(block)
        if size > MAX_INPUT_BYTES:
            _fail(f"{pipe.name} is larger than 2 GB; use `dorost batch` for corpora", EXIT_INPUT)
        if streaming != "no" and size > STREAM_BYTES and _plain_text(_head(blocks)):
            return pipe.blocks(blocks)


def _head(blocks: list[bytes]) -> bytes:
    head = b""
    for block in blocks:
        head += block[: READ_BLOCK - len(head)]
        if len(head) >= READ_BLOCK:
            break
    return head


def _paused_after_paragraph(blocks: list[bytes]) -> bool:
    """Whether a pipe that paused has given a whole paragraph of plain text (a blank line ends it)."""
    data = b"".join(blocks)
    return _plain_text(data[:READ_BLOCK]) and paragraphs_end(head_text(data)) is not None


def _repairs(
    paths: tuple[str, ...],
    config: Config,
    pages: str | None,
    password: str | None,
    streaming: Streaming,
    markdown: bool | None = None,
) -> Iterator[tuple[str, Result | Iterator[Chunk]]]:
    """Each input repaired in turn: a whole result, or the chunks of a streamed input as they are repaired.
    ``markdown``: whether the inputs are Markdown (``--markdown``/``--no-markdown``); None: a file named so is."""
    for path in paths or ("-",):
        name = _name(path)
        # A Markdown text keeps its author's line breaks (repair_bytes), which a stream's chunks could not.
        as_markdown = Path(path).suffix.lower() in MARKUP_SUFFIXES if markdown is None else markdown
        data = _source(path, "no" if as_markdown else streaming)
        if not isinstance(data, bytes):
            if pages is not None:
                _fail(f"{name}: {_said(pages_of_text())}", EXIT_INPUT)
            yield path, _chunks(name, data, config)
            continue
        try:
            result = repair_bytes(data, config, pages=pages, password=password, markdown=as_markdown)
        except DorostError as error:
            _fail(f"{name}: {_said(error)}", error.exit_code if error.exit_code != EXIT_USAGE else EXIT_INPUT)
        if not result.text.strip() and not _plain_text(data[:READ_BLOCK]):
            # A scan, a web page that shows nothing: nothing to restore, which a script must be able to tell
            # from success (an empty text file gives an empty text).
            why = "; ".join(result.warnings)
            if not is_pdf(data):
                _fail(f"{name}: {why or 'the page shows no text'}", EXIT_INPUT)
            _fail(f"{name}: the PDF has no text to restore" + (f" ({why})" if why else ""), EXIT_INPUT)
        yield path, result


def _chunks(name: str, blocks: Iterator[bytes], config: Config) -> Iterator[Chunk]:
    """A streamed input's repaired chunks; an undecodable input stops with exit code 3."""
    try:
        yield from repair_stream(decode_stream(blocks), config)
    except DorostError as error:
        _fail(f"{name}: {_said(error)}", EXIT_INPUT)
    except OSError as error:
        _fail(f"{name}: {error.strerror or error}", EXIT_INPUT)


def _same_file(a: str, b: str) -> bool:
    try:
        return a != "-" and os.path.samefile(a, b)
    except OSError:
        return False


common_options = [
    *CONFIG_OPTIONS,
    click.option(
        "--markdown/--no-markdown",
        default=None,
        help="Read text as Markdown: keep its line breaks, indentation and the two spaces of a hard break "
        "(default: for .md, .markdown and .mdx files, and .rst and .adoc sources).",
    ),
    click.option("--pages", metavar="RANGE", help="PDF pages to read, e.g. 2-5 or 1,3,7-9."),
    click.option("--password", metavar="TEXT", help="Password of an encrypted PDF."),
]


F = TypeVar("F", bound=Callable[..., Any])


def with_common_options(function: F) -> F:
    for option in reversed(common_options):
        function = option(function)
    return function


class _Commands(click.Group):
    """The subcommands, with `dorost serve` (the web service's limits and checks) imported only when it is
    named or listed: every other command starts without it."""

    LAZY: ClassVar[dict[str, str]] = {"serve": "dorost.web.command"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            command = getattr(importlib.import_module(self.LAZY[cmd_name]), cmd_name)
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dorost")
def main() -> None:
    """dorost (درست): restore damaged Persian text and say exactly what changed."""


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH ...|-]")
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="Write to this file instead of standard output (replaced once all is written).",
)
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
    only: tuple[str, ...],
    skip: tuple[str, ...],
    digits: str,
    diacritics: str,
    markdown: bool | None,
    pages: str | None,
    password: str | None,
) -> None:
    """Restore Persian text (a text file, a web page or a PDF) and print it; read standard input when no PATH is given.

    Exit code: 0 when done; 2 for a usage error, 3 for an input that cannot be read (no such file, an
    unknown encoding, a PDF or web page with no text), 4 for an output that cannot be written, 130 when interrupted.
    """
    if as_json and as_diff:
        _fail("--json and --diff are two ways to print the result; give one", EXIT_USAGE)
    _check_arguments(paths, pages)
    config = _config(only, skip, digits, diacritics)
    if output and any(_same_file(path, output) for path in paths):
        _fail(f"refusing to overwrite the input file {output}; choose another output", EXIT_USAGE)
    # JSON is one object holding the whole text and every edit, and a diff aligns the whole text
    # with the whole output: both read each input whole. A file is replaced only once it is whole,
    # so a pipe's pauses would gain its reader nothing: its text is not cut at them.
    streaming: Streaming = "no" if as_json or as_diff else "live" if _read_as_written(output) else "large"
    with collector_tuned(), _sink(output) as sink:
        last = ""
        for path, repaired in _repairs(paths, config, pages, password, streaming, markdown):
            source = STDIN_SOURCE if path == "-" else path
            # With several inputs, each one's closing count says whose it is.
            total = f"{source}: " if len(paths) > 1 else ""
            if last and last != "\n":
                # The input before ended without a line break: the next one starts on a line of its
                # own, or its first word would be glued to the last word before it.
                sink.write("\n")
                last = "\n"
            if not isinstance(repaired, Result):
                last = _write_chunks(repaired, source, sink, explain, total) or last
                continue
            for warning in repaired.warnings:
                click.echo(f"dorost: warning: {warning}", err=True)
            if explain:
                for line in explain_lines(repaired, source):
                    click.echo(line, err=True)
                click.echo(total + summary_line(repaired), err=True)
            if as_json:
                text = to_json(repaired, None if path == "-" else path) + "\n"
            else:
                text = word_diff(repaired) if as_diff else repaired.text
            sink.write(text)
            sink.flush()  # each input's output as soon as it is ready
            last = text[-1:] or last
        if last and last != "\n":
            sink.write("\n")


def _write_chunks(chunks: Iterator[Chunk], source: str, sink: TextIO, explain: bool, total: str = "") -> str:
    """Write a streamed input's chunks as each is repaired; the last character written. ``total``
    starts the closing count (the input's name, where there are several)."""
    positions = Positions()
    counts: dict[str, int] = {}
    last = ""
    for chunk in chunks:
        if explain:
            for line in positions.explain(chunk, source):
                click.echo(line, err=True)
            for name, count in chunk.result.counts().items():
                counts[name] = counts.get(name, 0) + count
        sink.write(chunk.text)
        sink.flush()  # the reader has each chunk as soon as it is repaired, not when a buffer fills
        last = chunk.text[-1:] or last
    if explain:
        click.echo(total + _summary_line(counts), err=True)
    return last


def _atomic(output: str | None) -> bool:
    """Whether `fix` writes ``output`` as a file that replaces the old one once it is whole (not
    standard output, a named pipe or a device, which are written through).

    ``/dev/stdout`` and ``/proc/self/fd/1`` are links to whatever standard output is, a regular
    file too (``dorost fix a.txt -o /dev/stdout > out.txt``): a file renamed over them would
    take the place of the system's link, so they are always written through.
    """
    if output is None or output == "-":
        return False
    if os.path.abspath(output).startswith(("/dev/", "/proc/")):
        return False
    target = Path(output)
    return not target.exists() or target.is_file() or target.is_dir()


def _read_as_written(output: str | None) -> bool:
    """Whether the output may be read as it is written (a terminal, a pipe, a named pipe): only then
    is a slow pipe's text cut at its writer's pauses. A file (``-o out.txt``, ``> out.txt``) gets
    the same text however fast the input arrives, with all its document-level evidence."""
    if _atomic(output):
        return False
    try:
        # os.stat follows /dev/stdout to what it names
        mode = os.fstat(sys.stdout.fileno()).st_mode if output in (None, "-") else os.stat(output).st_mode
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False  # no standard output (closed: ``>&-``) is written to by `_sink`, which says so
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


@contextmanager
def _sink(output: str | None) -> Iterator[TextIO]:
    """Where `fix` writes: standard output, or ``output`` written atomically (a temporary file beside
    it replaces it only once everything is written; on an error or Ctrl-C the old file stays)."""
    if output is None or output == "-":
        with _writing_stdout():
            yield sys.stdout
        return
    target = Path(output)
    if not _atomic(output):
        # A named pipe or a device (-o /dev/stdout): written to, never replaced by a file.
        try:
            with target.open("w", encoding="utf-8") as handle:
                yield handle
        except BrokenPipeError:
            sys.exit(0)  # its reader left early, as from standard output (`-o /dev/stdout | head`)
        except OSError as error:
            _fail(f"cannot write {output}: {error.strerror or error}", EXIT_OUTPUT)
        return
    if target.is_symlink():
        target = target.resolve()  # the file the link names is replaced; the link stays
    temporary = target.with_name(f".{target.name}.dorost-tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            yield handle
        temporary.replace(target)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}", EXIT_OUTPUT)
    finally:
        with contextlib.suppress(OSError):  # (none was made where the folder is a file: `-o notes.txt/out.txt`)
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
    only: tuple[str, ...],
    skip: tuple[str, ...],
    digits: str,
    diacritics: str,
    markdown: bool | None,
    pages: str | None,
    password: str | None,
) -> None:
    """Report what `fix` would change (path:line:column, fix, before → after); exit 1 if anything would.

    Writes no file. An input that cannot be read is said in one line and the others are still checked.
    Exit code: 0 when nothing would change, 1 when something would; 2 for a usage error, 3 for an input
    that cannot be read (whatever the others hold), 4 when standard output cannot be written, 130 when
    interrupted.
    """
    _check_arguments(paths, pages)
    config = _config(only, skip, digits, diacritics)
    found = unread = False
    # Only a change is printed, so a reader that left early saw one.
    with collector_tuned(), _writing_stdout(broken_pipe_exit=EXIT_CHANGES):
        streaming: Streaming = "live" if _read_as_written(None) else "large"
        # One input at a time: as a linter does, an unreadable file (one in a legacy code page among a
        # repository's files) is reported and the rest are checked, not left unread behind it.
        for one in paths or ("-",):
            try:
                found = _check_one(one, config, pages, password, streaming, markdown) or found
            except _Failed as failed:
                if failed.code != EXIT_INPUT:
                    raise
                unread = True
    sys.exit(EXIT_INPUT if unread else EXIT_CHANGES if found else 0)


def _check_one(
    path: str, config: Config, pages: str | None, password: str | None, streaming: Streaming, markdown: bool | None
) -> bool:
    """Print what `fix` would change in one input; whether anything would."""
    found = False
    for _, repaired in _repairs((path,), config, pages, password, streaming, markdown):
        source = STDIN_SOURCE if path == "-" else path
        if isinstance(repaired, Result):
            for warning in repaired.warnings:
                click.echo(f"dorost: warning: {warning}", err=True)
            for line in explain_lines(repaired, source):
                click.echo(line)
            found = found or repaired.changed
            continue
        positions = Positions()
        for chunk in repaired:
            for line in positions.explain(chunk, source):
                click.echo(line)
            found = found or chunk.result.changed
    return found


def _plain_text(head: bytes) -> bool:
    """Whether a document that starts with ``head`` can be streamed: a PDF and a web page (whose text
    is what a browser shows, found by parsing the whole page) are read whole."""
    from dorost.inputs.html import is_html_page

    return not is_pdf(head) and not is_html_page(head_text(head))


def _summary_line(counts: dict[str, int]) -> str:
    """What :func:`summary_line` says of a whole result, from the counts of all chunks (in pipeline order)."""
    order = {fix_.name: index for index, fix_ in enumerate(FIXES)}
    return counts_line(dict(sorted(counts.items(), key=lambda item: order.get(item[0], len(order)))))


@main.command(name="fixes")
def list_fixes() -> None:
    """List the fixes in pipeline order: name (what --only and --skip take), family, what each repairs."""
    for fix_ in FIXES:
        click.echo(f"{fix_.name:28} {fix_.family:11} {fix_.summary}")


main.add_command(batch)


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
