"""The resumable state of a batch run, kept in its output folder.

- ``_dorost_run.json``: the run's settings and plan (every input with its size, modification time and
  output part), written once, atomically;
- ``_dorost_done.jsonl``: a journal with one line per finished part (its counts and failures), appended
  and flushed to disk only after the part was renamed into place.

A part is finished exactly when its journal line is complete, so a run stopped at any moment (Ctrl-C,
``kill -9``, a power cut) resumes by redoing only the parts without one: nothing is lost and nothing is
written twice. A line torn by a crash is dropped on resumption.

Memory does not grow with the documents: each part's record holds its counts and at most
:data:`MAX_LISTED_FAILURES` of its failures, and the records of all finished parts together hold at most
:data:`MAX_HELD_FAILURES` (the journal on disk keeps every part's list).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dorost.batch.formats import TEMP_SUFFIX, BatchOutputError, BatchUsageError, Shard, atomic_write

RUN_FILE = "_dorost_run.json"
DONE_FILE = "_dorost_done.jsonl"
SUMMARY_FILE = "_dorost_summary.json"
STATE_VERSION = "dorost-batch/1"
MAX_LISTED_FAILURES = 1000  # per part; every failure is counted, the first ones are listed
# Listed failures held in memory over every finished part: as many as the closing summary lists. Without
# it, a run whose every document fails (a wrong --text-field) would hold a thousand errors per part.
MAX_HELD_FAILURES = 10_000


@dataclass
class PartRecord:
    """What one finished part holds."""

    part: str
    input: str
    documents: int = 0
    changed: int = 0
    text_bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    failures: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    # Of the failures, those written as an empty line of a text part, and those not written (see
    # :class:`dorost.batch.worker.ChunkResult`): journaled, so that a resumed run's summary says them too.
    written_empty: int = 0
    left_out: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "part": self.part,
            "input": self.input,
            "documents": self.documents,
            "changed": self.changed,
            "bytes": self.text_bytes,
            "counts": self.counts,
            "failures": self.failures,
            "written_empty": self.written_empty,
            "left_out": self.left_out,
            "failed": [list(item) for item in self.failed],
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> PartRecord:
        failed = data.get("failed") or []
        assert isinstance(failed, list)
        return cls(
            part=str(data["part"]),
            input=str(data["input"]),
            documents=int(data["documents"]),  # type: ignore[call-overload]
            changed=int(data["changed"]),  # type: ignore[call-overload]
            text_bytes=int(data["bytes"]),  # type: ignore[call-overload]
            counts={str(k): int(v) for k, v in dict(data["counts"]).items()},  # type: ignore[call-overload]
            failures=int(data["failures"]),  # type: ignore[call-overload]
            # (absent from a journal written before they were counted)
            written_empty=int(data.get("written_empty", 0)),  # type: ignore[call-overload]
            left_out=int(data.get("left_out", 0)),  # type: ignore[call-overload]
            failed=[(int(index), str(error)) for index, error in failed],
        )


class RunState:
    """The plan of a run and the parts already finished."""

    def __init__(self, folder: Path, shards: list[Shard], done: dict[str, PartRecord]) -> None:
        self.folder = folder
        self.shards = shards
        self.done: dict[str, PartRecord] = {}
        self.held_failures = 0  # listed failures held by the records in ``done``
        for record in done.values():
            self._hold(record)

    def _hold(self, record: PartRecord) -> None:
        """Keep a finished part's record, its failure list cut to what :data:`MAX_HELD_FAILURES` leaves."""
        previous = self.done.pop(record.part, None)
        if previous is not None:
            self.held_failures -= len(previous.failed)
        room = max(0, MAX_HELD_FAILURES - self.held_failures)
        if len(record.failed) > room:
            record = replace(record, failed=record.failed[:room])
        self.held_failures += len(record.failed)
        self.done[record.part] = record

    @classmethod
    def open(cls, folder: Path, shards: list[Shard], settings: dict[str, object], restart: bool = False) -> RunState:
        """Start a run in ``folder``, or resume the one there when its settings and inputs are the same."""
        if folder.exists() and not folder.is_dir():
            raise BatchOutputError(f"the output {folder} is a file, not a folder; choose a folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BatchOutputError(f"cannot create the output folder {folder}: {error.strerror or error}") from None
        run_file = folder / RUN_FILE
        plan: dict[str, object] = {
            "version": STATE_VERSION,
            "settings": settings,
            "shards": [shard.to_dict() for shard in shards],
        }
        if run_file.exists() and restart:
            _remove_previous(folder)
        state = cls(folder, shards, {})
        if run_file.exists():
            previous = json.loads(run_file.read_text(encoding="utf-8"))
            for record in _read_journal(folder / DONE_FILE):
                if (folder / record.part).is_file():
                    state._hold(record)
            _check_same_run(previous, plan, set(state.done))
            if previous != plan:  # an unfinished shard changed (e.g. a truncated file was fetched again)
                atomic_write(run_file, json.dumps(plan, ensure_ascii=False, indent=1).encode("utf-8"))
        else:
            if any(not entry.name.startswith(".") for entry in folder.iterdir()):
                raise BatchUsageError(
                    f"{folder} is not empty and holds no dorost batch run; choose a new or empty folder"
                )
            atomic_write(run_file, json.dumps(plan, ensure_ascii=False, indent=1).encode("utf-8"))
        _remove_temporaries(folder)
        return state

    def todo(self) -> list[Shard]:
        return [shard for shard in self.shards if shard.part not in self.done]

    def finish(self, *records: PartRecord) -> None:
        """Journal parts as finished, with one wait for the disk (call only once they are durable and in place)."""
        lines = "".join(json.dumps(record.to_dict(), ensure_ascii=False) + "\n" for record in records)
        with open(self.folder / DONE_FILE, "a", encoding="utf-8") as journal:
            journal.write(lines)
            journal.flush()
            os.fsync(journal.fileno())
        for record in records:
            self._hold(record)

    def records(self) -> list[PartRecord]:
        """Finished parts, in plan order."""
        return [self.done[shard.part] for shard in self.shards if shard.part in self.done]


def _check_same_run(previous: dict[str, object], plan: dict[str, object], done: set[str]) -> None:
    """Same settings, same inputs and parts; a finished part's input unchanged (others are redone anyway)."""
    if previous.get("version") != STATE_VERSION or previous.get("settings") != plan["settings"]:
        raise BatchUsageError(
            "the output folder holds a run with other settings; use the same options to resume it, "
            "--restart to start over, or another output folder"
        )
    before = previous.get("shards")
    now = plan["shards"]
    assert isinstance(before, list) and isinstance(now, list)
    if [(s["input"], s["part"]) for s in before] != [(s["input"], s["part"]) for s in now]:
        raise BatchUsageError(
            "the output folder holds a run over other inputs; give the same inputs to resume it, "
            "--restart to start over, or another output folder"
        )
    changed = [str(b["input"]) for b, n in zip(before, now, strict=True) if b != n and b["part"] in done]
    if changed:
        raise BatchUsageError(
            f"{changed[0]} changed after its part was written; use --restart to start over, or another output folder"
        )


def _read_journal(path: Path) -> Iterator[PartRecord]:
    """Finished parts, read a line at a time; a last line torn by a crash is cut off first, so the
    next append starts clean."""
    if not path.exists():
        return
    _cut_torn_line(path)
    with open(path, "rb") as journal:
        for line in journal:
            try:
                yield PartRecord.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError):
                continue


def _cut_torn_line(path: Path, block: int = 1 << 16) -> None:
    """Truncate ``path`` after its last line break (a crash can leave half a line), reading from the end."""
    with open(path, "r+b") as journal:
        size = journal.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - block)
            journal.seek(start)
            data = journal.read(end - start)
            if end == size and data.endswith(b"\n"):
                return  # the last line is whole
            found = data.rfind(b"\n")
            if found >= 0:
                journal.truncate(start + found + 1)
                return
            end = start
        journal.truncate(0)  # no line break at all: the only line is torn


def _remove_temporaries(folder: Path) -> None:
    for path in folder.rglob(f".*{TEMP_SUFFIX}"):
        path.unlink(missing_ok=True)


def _remove_previous(folder: Path) -> None:
    """Remove what an earlier run in ``folder`` wrote (its parts and state), nothing else."""
    previous = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    shards: Sequence[dict[str, object]] = previous.get("shards", [])
    for shard in shards:
        (folder / str(shard["part"])).unlink(missing_ok=True)
    for name in (DONE_FILE, SUMMARY_FILE, RUN_FILE):
        (folder / name).unlink(missing_ok=True)
