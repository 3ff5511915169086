"""`dorost batch`: the command line over :func:`dorost.batch.runner.run_batch`.

This module stays light (click only) so that registering the command does not slow `dorost fix`;
the runner, Arrow and tqdm are imported when the command runs.
"""

from __future__ import annotations

import atexit
import gc
import sys

import click

from dorost.command_options import config_from_options, with_config_options

EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERRUPTED = 2, 3, 4, 130


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", required=True, metavar="PATH", help="Output folder (created; a run there is resumed).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "parquet", "txt", "md"]),
    help="Output format (default: the inputs' format); md: restore the inputs' Markdown files, a file a document.",
)
@click.option("--text-field", default="text", show_default=True, help="Field or column holding the text.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--edits", is_flag=True, help="Add each document's edit list (field `dorost_edits`).")
@click.option(
    "--markdown",
    is_flag=True,
    help="Each document's text is Markdown: keep its line breaks and the two spaces of a hard break.",
)
@click.option(
    "--compression",
    type=click.Choice(["same", "none", "gz", "zst"]),
    default="same",
    show_default=True,
    help="Compression of JSONL and text parts.",
)
@click.option("--restart", is_flag=True, help="Discard an earlier run in the output folder and start over.")
@click.option("--progress/--no-progress", default=None, help="Show the progress bar (default: on a terminal).")
@with_config_options
def batch(
    inputs: tuple[str, ...],
    output: str,
    fmt: str | None,
    text_field: str,
    workers: int | None,
    edits: bool,
    markdown: bool,
    compression: str,
    restart: bool,
    progress: bool | None,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    digits: str,
    diacritics: str,
) -> None:
    """Restore whole corpora: JSONL (.gz/.zst), Parquet, text or Markdown files and folders, in parallel.

    Each input file becomes one part in the output folder, written atomically. A text file holds one
    document a line. A Markdown file (.md, .markdown, .mdx) is one document, restored as `dorost fix`
    restores it (its line breaks, hard breaks and code kept) into a Markdown file of the same
    name: the output folder is the input tree restored. A folder's Markdown files are read with
    --format md, and then only they are; otherwise they are skipped (a corpus's README.md is no
    document of it). Interrupt the run at
    any moment and give the same command again: finished parts are kept, the rest is redone, and no
    document is lost or written twice. A document that cannot be restored is written unchanged and
    listed in the summary (`_dorost_summary.json` in the output folder); a text part writes one that
    holds line breaks or no text as an empty line, and a Parquet part has no row for a line that is no
    JSON object.

    Exit code: 0 when every document was restored; 5 when some could not be (the last line says how
    many, and where they are in the output); 3 when an input file could not be read at all (its
    part is not written; run again to retry it); 2 for a usage error (also an output folder that holds
    something else or a run with other settings or inputs), 4 for an output folder that cannot be
    written, 130 when interrupted.
    """
    from dorost.language.model import prefetch

    # The model file is read and inflated in a thread while the runner is imported and the inputs
    # opened: the run's start-up, which runs before the workers start, is that much shorter.
    prefetch()
    from dorost.batch.formats import BatchError, BatchOutputError, BatchUsageError
    from dorost.batch.runner import BatchOptions, run_batch, single_format

    try:
        txt = (fmt or single_format(inputs)) in ("txt", "md")
    except BatchUsageError as error:
        _fail(str(error), EXIT_USAGE)
    except BatchError as error:
        _fail(str(error), EXIT_INPUT)
    if edits and txt:
        _fail("--edits needs --format jsonl or parquet (text and Markdown have nowhere to put them)", EXIT_USAGE)
    try:
        config = config_from_options(only, skip, digits, diacritics)  # as `dorost fix`
    except ValueError as error:
        _fail(str(error), EXIT_USAGE)
    options = BatchOptions(
        inputs=inputs,
        output=output,
        format=fmt,  # type: ignore[arg-type]
        text_field=text_field,
        workers=workers,
        edits=edits,
        markdown=markdown,
        config=config,
        compression=compression,
        restart=restart,
        progress=sys.stderr.isatty() if progress is None else progress,
    )
    try:
        summary = run_batch(options)
    except BatchOutputError as error:
        _fail(str(error), EXIT_OUTPUT)
    except BatchUsageError as error:
        _fail(str(error), EXIT_USAGE)
    except BatchError as error:
        _fail(str(error), EXIT_INPUT)
    except KeyboardInterrupt:
        click.echo(f"dorost: interrupted; give the same command again to resume into {output}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    # What the run loaded and remembered (the model, the fixes' memories: millions of objects) stays
    # until the process ends, and Python's last collections at exit would walk all of it to find no
    # garbage: 0.37 of the 0.45 CPU s that one worker's process took to exit after 4 MB of text.
    # Frozen at exit, it is only freed. (Unregistered first: a process that runs the command many
    # times holds one.)
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    for line in summary.lines():
        click.echo(f"dorost: {line}", err=True)
    verdict = summary.verdict()
    if verdict is not None:
        missing = f"KeyError: the document has no field {text_field!r}"
        no_column = f"ValueError: the Parquet file has no column {text_field!r}"
        if summary.shard_failures and all(bad["error"] == no_column for bad in summary.shard_failures):
            verdict += f"; no input has the column {text_field!r}: is --text-field right?"
        elif summary.failed and all(failure["error"] == missing for failure in summary.failed):
            verdict += f"; no document listed has the field {text_field!r}: is --text-field right?"
        click.echo(f"dorost: error: {verdict}", err=True)
    sys.exit(summary.exit_code)


def _fail(message: str, code: int) -> None:
    click.echo(f"dorost: error: {message}", err=True)
    sys.exit(code)
