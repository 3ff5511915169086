"""Run the restoration over a corpus: shards in, parts out, in parallel, resumable.

The main process reads each shard in chunks and hands them to a pool of worker processes, keeping
at most ``4 × workers`` chunks in flight so memory stays bounded whatever the corpus size. Results
come back in order and are written to the shard's part under a temporary name; when the shard ends
the part is renamed into place and journaled (:mod:`dorost.batch.state`).

Workers start with the pipeline imported and the language model loaded, shared copy-on-write:
forked from the main process when it has no other thread (the command line on Linux), else from a
fork server that loaded the model once (:mod:`dorost.batch.preload`); where neither exists
(Windows) they are spawned and load it themselves.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from multiprocessing.synchronize import Event
from pathlib import Path

from dorost.batch.commits import Committer
from dorost.batch.formats import (
    BatchUsageError,
    Compression,
    Format,
    PartWriter,
    RawChunk,
    Shard,
    discover,
    read_chunks,
    temporary_of,
)
from dorost.batch.progress import Progress
from dorost.batch.state import MAX_LISTED_FAILURES, PartRecord, RunState
from dorost.batch.summary import Summary, write_summary
from dorost.batch.worker import (
    ChunkResult,
    Settings,
    collector_tuned,
    init_worker,
    process_chunk,
    process_in_worker,
    warm_up,
)
from dorost.batch.worker import settings_fingerprint as fingerprint
from dorost.config import Config
from dorost.fixes import Fix
from dorost.language.model import drop_prefetch, finish_prefetch
from dorost.pipeline import FIXES

ChunkSource = Iterator[tuple[Shard, RawChunk | None, BaseException | None]]


@dataclass(frozen=True)
class BatchOptions:
    """A batch run: inputs, the output folder and format, and how to restore.

    ``compression`` applies to JSONL and text parts: ``"same"`` as the input, ``"none"``, ``"gz"``, ``"zst"``.
    ``workers`` defaults to every core this process may use. ``markdown``: each document's text is Markdown, whose
    line breaks and hard breaks are its author's (:func:`dorost.inputs.fix_markdown`).
    """

    inputs: tuple[str, ...]
    output: str
    format: Format | None = None
    text_field: str = "text"
    workers: int | None = None
    edits: bool = False
    config: Config = field(default_factory=Config)
    fixes: tuple[Fix, ...] = FIXES
    compression: Compression | str | None = "same"
    restart: bool = False
    progress: bool = False
    markdown: bool = False
    # Small chunks keep both workers busy on small shards and slow fixes; the per-chunk overhead
    # (one pickle each way) stays under 1% at the pipeline's speed.
    chunk_docs: int = 256
    chunk_bytes: int = 64 * 1024


def _require_extra(shards: Sequence[Shard], fmt: Format, progress: bool) -> None:
    """Refuse, before the output folder is made, a run that needs a module of the batch extra that is missing (a
    Parquet input or output, a Zstandard input or part, the progress bar): with the base install, each was a
    traceback, some only once the first parts had been written."""
    needed = []
    if fmt == "parquet" or any(shard.format == "parquet" for shard in shards):
        needed.append("pyarrow")
    if any(shard.compression == "zst" or shard.part.endswith(".zst") for shard in shards):
        needed.append("zstandard")
    if progress:
        needed.append("tqdm")
    for name in needed:
        try:
            importlib.import_module(name)
        except ImportError:
            without = " (or give --no-progress)" if name == "tqdm" else ""
            raise BatchUsageError(
                f"the batch extra is missing ({name}); install it with: pip install 'dorost[batch]'{without}"
            ) from None


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(options: BatchOptions) -> Summary:
    """Restore every document of the inputs into ``options.output``; resume a run found there.

    Workers are forked from this process only when it has no other thread; otherwise they come from
    a fork server (``spawn`` where there is none), and a script that calls this with more than one
    worker then needs the ``if __name__ == "__main__":`` guard.

    Raises :class:`BatchError` for inputs or an output folder that cannot be used, and lets
    ``KeyboardInterrupt`` through after removing the unfinished part (run again to resume).
    """
    output = Path(options.output)
    fmt = options.format or single_format(options.inputs)
    if options.edits and fmt in ("txt", "md"):
        raise BatchUsageError("edit lists need JSONL or Parquet output (plain text has nowhere to put them)")
    skipped: list[Path] = []
    shards = discover(options.inputs, fmt, options.compression, skipped)
    _refuse_markdown_mix(shards, fmt)
    _refuse_overlap(options.inputs, shards, output)
    _require_extra(shards, fmt, options.progress)
    settings = Settings(fmt, options.text_field, options.edits, options.config, options.fixes, options.markdown)
    state = RunState.open(output, shards, fingerprint(settings), restart=options.restart)
    todo = state.todo()
    workers = options.workers or default_workers()
    started = time.perf_counter()
    summary = Summary(output=str(output), workers=workers, resumed_parts=len(shards) - len(todo))
    summary.skipped_markdown = len(skipped)
    # The workers start before the progress bar, whose thread would rule out forking them.
    with _Pool(workers, settings) as pool:
        progress = Progress(sum(shard.size for shard in todo), enabled=options.progress)
        try:
            _run(state, todo, options, settings, pool, progress, summary)
        finally:
            progress.close()
    summary.seconds = time.perf_counter() - started
    summary.add_records(state.records())
    write_summary(summary, output)
    return summary


def single_format(inputs: Sequence[str]) -> Format:
    """The inputs' format, when they all have one (a folder's Markdown files count with ``--format md`` only)."""
    formats = {shard.format for shard in discover(inputs, "jsonl", "none")}
    if "md" in formats and len(formats) > 1:
        raise BatchUsageError(_MARKDOWN_ALONE)
    if len(formats) != 1:
        raise BatchUsageError("the inputs mix formats; choose the output with --format jsonl|parquet|txt")
    return formats.pop()


_MARKDOWN_ALONE = (
    "Markdown files are restored into Markdown files (--format md), and only they are: "
    "give the Markdown files and the corpus files to two runs"
)


def _refuse_markdown_mix(shards: Sequence[Shard], fmt: Format) -> None:
    """A Markdown file is one document of many lines, which no other part holds as it is (a text part holds one
    document a line; a JSON line would lose the file's name), and a Markdown part holds one document only."""
    if any((shard.format == "md") != (fmt == "md") for shard in shards):
        raise BatchUsageError(_MARKDOWN_ALONE)


def _refuse_overlap(inputs: Sequence[str], shards: list[Shard], output: Path) -> None:
    """Inputs are never overwritten: no part may land on an input, nor the output inside an input folder."""
    resolved = output.resolve()
    for given in inputs:
        root = Path(given).resolve()
        if root.is_dir() and (resolved == root or root in resolved.parents):
            raise BatchUsageError(
                f"the output folder {output} is inside the input folder {given}; choose another output"
            )
    for shard in shards:
        if (resolved / shard.part).resolve() == Path(shard.path):
            raise BatchUsageError(f"the output would overwrite the input {shard.path}; choose another output")


class _Pool:
    """A process pool, or the main process alone for one worker (no start-up, no pickling)."""

    def __init__(self, workers: int, settings: Settings) -> None:
        self.workers = workers
        self.settings = settings
        self._executor: ProcessPoolExecutor | None = None
        self._stop: Event | None = None
        self._collector: AbstractContextManager[None] | None = None

    def __enter__(self) -> _Pool:
        if self.workers > 1:
            context = _context(self.settings)
            forked = context.get_start_method() == "fork"
            if forked:
                # What is loaded now (the model, the lexicon) lives as long as the workers: frozen, their
                # collections never walk it, and so never write to (and copy) the pages they share.
                gc.freeze()
            self._stop = context.Event()
            try:
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=context, initializer=init_worker, initargs=(self.settings, self._stop)
                )
                self._executor.submit(int)  # start the workers now (forked ones all at once, before any thread)
            finally:
                if forked:
                    gc.unfreeze()  # this process goes on collecting as before
        else:
            self._collector = collector_tuned()  # this process restores the text: tune its collector meanwhile
            self._collector.__enter__()
        return self

    def submit(self, chunk: RawChunk, shard: Shard) -> Future[ChunkResult]:
        if self._executor is not None:
            return self._executor.submit(process_in_worker, chunk, shard.format)
        future: Future[ChunkResult] = Future()
        try:
            future.set_result(process_chunk(chunk, shard.format, self.settings))
        except Exception as error:
            future.set_exception(error)
        return future

    def close_when_done(self) -> None:
        """Every chunk is handed out: let each worker exit once the chunks still queued are restored, while
        this process writes the last results, instead of only after it has committed the last part."""
        if self._executor is not None:
            self._executor.shutdown(wait=False)

    @property
    def window(self) -> int:
        # Results are written in order: while the oldest chunk is still being restored (a slow one,
        # say of damaged text), the other workers go on with the next ones as long as the window has room.
        return 4 * self.workers if self._executor is not None else 1

    def __exit__(self, *exc_info: object) -> None:
        if self._executor is not None:
            stopped = exc_info[0] is not None
            if stopped and self._stop is not None:
                # What the workers still hold is thrown away (the unfinished part is removed; a rerun
                # redoes it): each finishes the document in hand, and the chunks queued to them end
                # at once. Waiting for them is what lets the pool close its pipes cleanly.
                self._stop.set()
            self._executor.shutdown(wait=True, cancel_futures=stopped)
        if self._collector is not None:
            self._collector.__exit__(None, None, None)


def _context(settings: Settings) -> BaseContext:
    """How to start the workers so that they begin with the pipeline and its model loaded.

    - On Linux, in a process with no other thread (the command line): load what the run's fixes
      need here and fork the workers from this process, at once and with nothing to start;
    - else (threads, which forking could leave holding locks; macOS): from a fork server that loaded
      the model once (:mod:`dorost.batch.preload`);
    - where there is no fork server (Windows): ``spawn``, each worker loading the model itself.
    """
    finish_prefetch()  # (the model file read in a thread, when the command asked for it)
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and _single_threaded():
        warm_up(settings)
        drop_prefetch()  # (read for nothing when the run's fixes need no model)
        return multiprocessing.get_context("fork")
    drop_prefetch()  # the workers load the model from the fork server, or themselves
    if "forkserver" not in methods:  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dorost.batch.preload"])  # read when the server starts, once a process
    return context


def _single_threaded() -> bool:
    """Whether this process runs one thread, counting those of C libraries (Arrow starts a few)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # pragma: no cover - no /proc
        return False


# A run of several workers ends when its slowest worker ends its last chunk, while the others wait:
# the shards within this many chunks (per worker) of the run's end are cut into chunks this many
# times smaller, so that the workers' last chunks end closer together.
_TAIL_CHUNKS = 2
_TAIL_SPLIT = 4


def _chunks(todo: list[Shard], options: BatchOptions, workers: int = 1) -> ChunkSource:
    """Every chunk of every shard; a shard that cannot be read yields its error instead."""
    left = sum(shard.size for shard in todo)
    tail = _TAIL_CHUNKS * workers * options.chunk_bytes if workers > 1 else 0
    for shard in todo:
        split = _TAIL_SPLIT if left <= tail else 1
        left -= shard.size
        try:
            for chunk in read_chunks(shard, max(1, options.chunk_docs // split), options.chunk_bytes // split):
                yield shard, chunk, None
        except Exception as error:  # a corrupt or unreadable shard fails alone, not the run
            yield shard, None, error
            continue
        yield shard, None, None  # the shard is complete


def _run(
    state: RunState,
    todo: list[Shard],
    options: BatchOptions,
    settings: Settings,
    pool: _Pool,
    progress: Progress,
    summary: Summary,
) -> None:
    source = _chunks(todo, options, pool.workers)
    pending: deque[tuple[Shard, RawChunk | None, BaseException | None, Future[ChunkResult] | None]] = deque()
    committer = Committer(state)
    part = _OpenPart(state, settings.output_format, committer)
    handing_out = True
    try:
        while True:
            while handing_out and len(pending) < pool.window:
                item = next(source, None)
                if item is None:
                    handing_out = False
                    pool.close_when_done()
                    break
                shard, chunk, error = item
                pending.append((shard, chunk, error, pool.submit(chunk, shard) if chunk else None))
            if not pending:
                break
            shard, chunk, error, future = pending.popleft()
            if future is not None and chunk is not None:
                try:
                    result = future.result()
                except BrokenProcessPool:  # a worker died (killed, out of memory): stop; a rerun resumes
                    raise
                except Exception as failure:  # a shard the workers cannot read (e.g. no text column)
                    part.fail(shard, failure, summary)
                    continue
                part.write(shard, chunk, result, progress, summary)
            elif error is not None:
                part.fail(shard, error, summary)
            else:
                part.finish(shard)
    except BaseException:
        part.abort()
        committer.close(quiet=True)  # (the parts finished before are kept: the rerun skips them)
        raise
    committer.close()


class _OpenPart:
    """The part being written: its writer and running record."""

    def __init__(self, state: RunState, fmt: Format, committer: Committer) -> None:
        self.state = state
        self.format = fmt
        self.committer = committer
        self.shard: Shard | None = None
        self.writer: PartWriter | None = None
        self.failed = False
        self.position = 0
        self.record = PartRecord("", "")

    def _start(self, shard: Shard) -> None:
        self.shard = shard
        self.failed = False
        self.position = 0
        compression = _compression_of(shard.part, self.format)
        self.writer = PartWriter(self.state.folder / shard.part, self.format, compression, shard)
        self.record = PartRecord(shard.part, shard.path)

    def write(self, shard: Shard, chunk: RawChunk, result: ChunkResult, progress: Progress, summary: Summary) -> None:
        if self.shard is not shard:
            self._start(shard)
        if self.failed:
            return
        assert self.writer is not None
        try:
            if result.output_table is not None:
                self.writer.write_table(result.output_table)
            elif result.output_rows is not None:
                self.writer.write_rows(result.output_rows)
            else:
                self.writer.write_bytes(result.output_bytes)
        except (OSError, ValueError, TypeError) as error:  # e.g. a row that does not fit the Parquet schema
            self.fail(shard, error, summary)
            return
        record = self.record
        record.documents += result.documents
        record.changed += result.changed
        record.text_bytes += result.text_bytes
        for name, count in result.counts.items():
            record.counts[name] = record.counts.get(name, 0) + count
        record.failures += len(result.failures)
        record.written_empty += result.written_empty
        record.left_out += result.left_out
        room = max(0, MAX_LISTED_FAILURES - len(record.failed))
        record.failed.extend(result.failures[:room])
        summary.this_run_documents += result.documents
        summary.this_run_bytes += result.text_bytes
        progress.advance(chunk.position - self.position, result.documents)
        self.position = chunk.position

    def fail(self, shard: Shard, error: BaseException, summary: Summary) -> None:
        """The shard cannot be read or written: drop its part (the next run retries it) and go on."""
        if self.shard is not shard:
            self._start(shard)
        if not self.failed:
            summary.shard_failures.append({"input": shard.path, "error": f"{type(error).__name__}: {error}"})
        self.failed = True
        if self.writer is not None:
            self.writer.abort()
            self.writer = None

    def finish(self, shard: Shard) -> None:
        """Write the part's end, and hand it to the committer, which renames it into place and journals it: from
        then on a rerun skips it."""
        if self.shard is not shard:
            self._start(shard)  # a shard with no chunk at all still gets its (empty) part
        if self.failed or self.writer is None:
            return
        self.writer.finish_writing()
        self.committer.put(self.writer, self.record)
        self.writer = None

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()
            self.writer = None
        if self.shard is not None:
            # Ctrl-C can land inside PartWriter's open(), after the file exists but before there
            # is a writer to remove it (a part already renamed into place has no temporary left).
            temporary_of(self.state.folder / self.shard.part).unlink(missing_ok=True)


def _compression_of(part: str, fmt: Format) -> Compression | None:
    if fmt == "parquet":
        return None
    if part.endswith(".gz"):
        return "gz"
    if part.endswith(".zst"):
        return "zst"
    return None
