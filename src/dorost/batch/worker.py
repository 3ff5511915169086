"""The work one process does on one chunk: parse, restore every document, serialise.

Runs in the pool's worker processes (or in the main process with one worker). The settings are
sent once, when a worker starts (:func:`init_worker`), not with every chunk.
"""

from __future__ import annotations

import codecs
import gc
import json
import signal
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event
from typing import Any, Literal

from dorost.batch.core import DocumentResult, describe, restore_document
from dorost.batch.formats import Format, RawChunk
from dorost.config import Config
from dorost.errors import InputError
from dorost.fixes import Fix
from dorost.inputs.text import decode_bytes
from dorost.memory import COLLECTOR_THRESHOLDS
from dorost.memory import collector_tuned as collector_tuned  # where the batch run and its tools find it
from dorost.pipeline import FIXES, run

EDITS_FIELD = "dorost_edits"

# How a document that could not be restored is in the output.
Written = Literal["unchanged", "empty", "left out"]

try:
    import orjson

    def _loads(data: bytes) -> Any:
        return orjson.loads(data)

    def _dumps(value: Any) -> bytes:
        try:
            return orjson.dumps(value)
        except TypeError:  # what orjson refuses (e.g. integers beyond 64 bits) the json module writes
            return json.dumps(value, ensure_ascii=False).encode("utf-8")

except ImportError:  # pragma: no cover - orjson is in the batch extra

    def _loads(data: bytes) -> Any:
        return json.loads(data)

    def _dumps(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Settings:
    """What every chunk of a run is processed with."""

    output_format: Format
    text_field: str = "text"
    edits: bool = False
    config: Config = field(default_factory=Config)
    fixes: tuple[Fix, ...] = FIXES
    markdown: bool = False  # each document's text is Markdown (its line breaks are its author's)


@dataclass
class ChunkResult:
    """A processed chunk: the output (bytes, rows or an Arrow table) and what happened."""

    output_bytes: bytes = b""
    output_rows: list[dict[str, object]] | None = None
    output_table: Any = None
    documents: int = 0
    changed: int = 0
    text_bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[int, str]] = field(default_factory=list)
    # Failed documents the output could not hold as they came: written as an empty line of a text
    # part, or left out (a line that is no JSON object has no row in Parquet). The rest are unchanged.
    written_empty: int = 0
    left_out: int = 0

    def add_counts(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.counts[name] = self.counts.get(name, 0) + count

    def fail(self, index: int, error: str, written: Written = "unchanged") -> None:
        self.failures.append((index, error))
        if written == "empty":
            self.written_empty += 1
        elif written == "left out":
            self.left_out += 1


class Stopped(Exception):
    """The run is stopping (Ctrl-C): a worker drops its chunk at the next document; a rerun redoes the part."""


_settings: Settings | None = None
# Set by the main process when the run stops; read between documents (see :func:`init_worker`).
_stop: Event | None = None

# One sentence that makes every fix load what it loads on first use (the language model, the
# spacing lexicon): a missing ZWNJ (مي شود) and Arabic letters (اين كتاب).
WARM_UP = "اين كتاب مي شود"


def warm_up(settings: Settings | None = None) -> None:
    """Load what the run's fixes load on first use (all of them without ``settings``), so that a
    worker forked afterwards starts with it in memory.

    The fixes' memories are pure (they remember answers, never change them), so restoring a sentence
    first changes no later output.

    The cyclic collector is paused meanwhile: what loads (the model, the lexicon's tables) lives as long
    as the process and holds no garbage, and the 85 collections its allocations set off took 20 of the
    run's 300 ms of start-up, in which no worker can start.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        if settings is None:
            run(WARM_UP)
        else:
            run(WARM_UP, settings.config, settings.fixes)
    finally:
        if enabled:
            gc.enable()


def init_worker(settings: Settings, stop: Event | None = None) -> None:
    """Pool initialiser: keep the settings; leave Ctrl-C to the main process, which stops the run.

    ``stop`` is how the main process stops the workers: each finishes the document in hand and gives
    up its chunk. Killing a worker instead could cut a result in the middle of the pipe to the main
    process, whose pool would then wait for the rest of it for ever (the run hung after Ctrl-C).
    """
    global _settings, _stop
    _settings = settings
    _stop = stop
    gc.set_threshold(*COLLECTOR_THRESHOLDS)  # a worker process only ever restores text
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_in_worker(chunk: RawChunk, input_format: Format) -> ChunkResult:
    if _settings is None:  # pragma: no cover - init_worker always runs first
        raise RuntimeError("worker settings were not set")
    return process_chunk(chunk, input_format, _settings)


def process_chunk(chunk: RawChunk, input_format: Format, settings: Settings) -> ChunkResult:
    """Restore every document of ``chunk``; bad documents pass through unchanged and are listed."""
    if input_format == "parquet":
        return _process_batch(chunk, settings)
    if input_format == "md":
        return _process_markdown(chunk, settings)
    result = ChunkResult(output_rows=[] if settings.output_format == "parquet" else None)
    pieces: list[bytes] = []
    for offset, line in enumerate(chunk.lines or ()):
        _check_stop()
        index = chunk.first + offset
        body = line.rstrip(b"\r\n")
        if not body.strip():
            # Blank lines are layout, not documents: kept as they were in a text part, and in a JSONL part made from
            # JSONL; a JSONL part made from a text file holds JSON objects only (a blank line there is no JSON).
            if settings.output_format == "txt" or settings.output_format == input_format:
                pieces.append(line)
            continue
        result.documents += 1
        result.text_bytes += len(body)
        if input_format == "jsonl":
            _jsonl_document(body, line, index, settings, result, pieces)
        else:
            _text_document(body, index, settings, result, pieces)
    result.output_bytes = b"".join(pieces)
    return result


def _process_markdown(chunk: RawChunk, settings: Settings) -> ChunkResult:
    """A Markdown file, one document, restored as `dorost fix` restores it (:func:`dorost.inputs.fix_markdown`)
    and written in UTF-8; a file that cannot be read as text, or restored, is written as it came, and listed."""
    _check_stop()
    data = b"".join(chunk.lines or ())
    result = ChunkResult(output_bytes=data)
    if not data.strip():
        return result  # (an empty file, as a blank line, holds no document)
    result.documents = 1
    result.text_bytes = len(data)
    try:
        text = decode_bytes(data)
    except InputError as error:
        result.fail(0, describe(error))
        return result
    restored = restore_document(text, settings.config, fixes=settings.fixes, markdown=True)
    if restored.error is not None:
        result.fail(0, restored.error)
    else:  # (unchanged, a UTF-8 file is written byte for byte; one in another encoding, in UTF-8)
        assert isinstance(restored.text, str)
        result.output_bytes = restored.text.encode("utf-8")
        result.add_counts(restored.counts)
        result.changed = int(restored.changed)
    return result


def _check_stop() -> None:
    if _stop is not None and _stop.is_set():
        raise Stopped


def _restore(text: object, index: int, settings: Settings, result: ChunkResult) -> Any:
    restored = restore_document(
        text, settings.config, edits=settings.edits, fixes=settings.fixes, markdown=settings.markdown
    )
    text_part = settings.output_format == "txt"
    if text_part:
        restored = _one_line(text, restored)
    if restored.error is None:
        result.add_counts(restored.counts)
        result.changed += restored.changed
    else:
        # A text part writes what is not text (a number, a list) as an empty line, as it does one
        # that held line breaks.
        empty = text_part and not (isinstance(restored.text, str) and restored.text)
        result.fail(index, restored.error, "empty" if empty else "unchanged")
    return restored


def _one_line(text: object, restored: DocumentResult) -> DocumentResult:
    """What a text part can hold of a document: one line.

    A line break written inside a document would make two documents of it and shift every line after
    it. A document whose restoration made one (an entity &#10; decoded) is written unchanged; one that
    held line breaks already, as Parquet and JSONL documents may, is written as an empty line, and
    both are failures.
    """
    if not _breaks_line(restored.text):
        return restored
    held = _breaks_line(text)
    if restored.error is not None:  # not restored, and its own text cannot be written either
        return DocumentResult("", error=restored.error)
    where = "the document holds" if held else "its restoration holds"
    error = f"ValueError: {where} a line break, and a text part holds one document a line; "
    return DocumentResult("" if held else text, error=error + "choose --format jsonl or parquet")


def _breaks_line(text: object) -> bool:
    return isinstance(text, str) and ("\n" in text or "\r" in text)


def read_json_object(line: bytes) -> dict[str, object] | None:
    """The JSON object a JSONL line holds (a byte-order mark before it ignored), or None."""
    try:
        record = _loads(line.rstrip(b"\r\n").removeprefix(codecs.BOM_UTF8))
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _jsonl_document(
    body: bytes, line: bytes, index: int, settings: Settings, result: ChunkResult, pieces: list[bytes]
) -> None:
    # Windows tools start a file with a byte-order mark, and files joined with `cat` carry theirs inside;
    # JSON parsers refuse it, but it is no part of the document.
    body = body.removeprefix(codecs.BOM_UTF8)
    try:
        record = _loads(body)
    except ValueError as error:
        _unreadable(line, index, f"JSONDecodeError: {error}", settings, result, pieces)
        return
    if not isinstance(record, dict):
        not_object = f"TypeError: the line is a JSON {type(record).__name__}, not an object"
        _unreadable(line, index, not_object, settings, result, pieces)
        return
    if settings.text_field in record:
        restored = _restore(record[settings.text_field], index, settings, result)
    else:  # kept as it is, and named so that a wrong --text-field is plain to see
        missing = f"KeyError: the document has no field {settings.text_field!r}"
        restored = DocumentResult(None, error=missing)
        result.fail(index, missing, "empty" if settings.output_format == "txt" else "unchanged")
    if settings.output_format == "jsonl" and not restored.changed and not settings.edits:
        pieces.append(_ended(line))  # byte for byte as it came
        return
    if restored.error is None:
        record[settings.text_field] = restored.text
    if settings.edits:
        record[EDITS_FIELD] = restored.edits or []
    _emit(record, restored.text, settings, result, pieces)


def _text_document(body: bytes, index: int, settings: Settings, result: ChunkResult, pieces: list[bytes]) -> None:
    body = body.removeprefix(codecs.BOM_UTF8)  # as for a JSON line: the file's encoding mark, not its text
    try:
        text: object = body.decode("utf-8")
    except UnicodeDecodeError as error:
        if settings.output_format == "txt":
            result.fail(index, f"UnicodeDecodeError: {error}")
            pieces.append(body + b"\n")
        else:  # a JSON string or an Arrow one holds text only
            result.fail(index, f"UnicodeDecodeError: {error}", "left out")
        return
    restored = _restore(text, index, settings, result)
    record: dict[str, object] = {settings.text_field: restored.text}
    if settings.edits:
        record[EDITS_FIELD] = restored.edits or []
    _emit(record, restored.text, settings, result, pieces)


def _unreadable(
    line: bytes, index: int, error: str, settings: Settings, result: ChunkResult, pieces: list[bytes]
) -> None:
    """A JSON line that holds no object: passed through to a JSONL part; an empty line of a text part,
    which keeps its lines beside the input's; no row of a Parquet part, which has nothing to fill one."""
    if settings.output_format == "jsonl":
        result.fail(index, error)
        pieces.append(_ended(line))
    elif settings.output_format == "txt":
        result.fail(index, error, "empty")
        pieces.append(b"\n")
    else:
        result.fail(index, error, "left out")


def _emit(
    record: dict[str, object], text: object, settings: Settings, result: ChunkResult, pieces: list[bytes]
) -> None:
    if settings.output_format == "jsonl":
        pieces.append(_dumps(record) + b"\n")
    elif settings.output_format == "txt":
        pieces.append((text if isinstance(text, str) else "").encode("utf-8") + b"\n")
    else:
        assert result.output_rows is not None
        result.output_rows.append(record)


def _ended(line: bytes) -> bytes:
    return line if line.endswith(b"\n") else line + b"\n"


def _process_batch(chunk: RawChunk, settings: Settings) -> ChunkResult:
    import pyarrow as pa

    result = ChunkResult()
    batch = chunk.batch
    if batch is None:
        return result
    if settings.text_field not in batch.schema.names:
        raise ValueError(f"the Parquet file has no column {settings.text_field!r}")
    column = batch.column(settings.text_field)
    texts: list[object] = column.to_pylist()
    restored_texts: list[object] = []
    edit_lists: list[list[dict[str, object]]] = []
    for offset, text in enumerate(texts):
        _check_stop()
        restored = _restore(text, chunk.first + offset, settings, result)
        restored_texts.append(restored.text)
        edit_lists.append(restored.edits or [])
        if isinstance(text, str):
            result.text_bytes += len(text.encode("utf-8"))
    result.documents = len(texts)
    if settings.output_format == "parquet":
        table = pa.Table.from_batches([batch])
        position = table.schema.get_field_index(settings.text_field)
        table = table.set_column(position, settings.text_field, pa.array(restored_texts, type=column.type))
        if settings.edits:
            table = table.append_column(EDITS_FIELD, pa.array(edit_lists, type=edits_type()))
        result.output_table = table
        return result
    records = batch.to_pylist()
    pieces: list[bytes] = []
    for record, text, edit_list in zip(records, restored_texts, edit_lists, strict=True):
        record[settings.text_field] = text
        if settings.edits:
            record[EDITS_FIELD] = edit_list
        _emit(record, text, settings, result, pieces)
    result.output_bytes = b"".join(pieces)
    return result


def edits_type() -> Any:
    """The Arrow type of the edit-list column: one struct per :class:`dorost.Edit`."""
    import pyarrow as pa

    return pa.list_(
        pa.struct(
            [
                ("fix", pa.string()),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("before", pa.string()),
                ("after", pa.string()),
                ("confidence", pa.float64()),
                ("step", pa.int64()),
                ("at", pa.int64()),
            ]
        )
    )


def settings_fingerprint(settings: Settings) -> dict[str, object]:
    """What must not change between an interrupted run and its resumption."""
    config = {name: getattr(settings.config, name) for name in settings.config.__slots__}
    fingerprint: dict[str, object] = {
        "output_format": settings.output_format,
        "text_field": settings.text_field,
        "edits": settings.edits,
        "config": config,
        "fixes": [fix.name for fix in settings.fixes],
    }
    if settings.markdown:  # (only then: a run interrupted before the option existed resumes as it was)
        fingerprint["markdown"] = True
    return fingerprint
