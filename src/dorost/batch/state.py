"""The resumable state of a batch run, kept in its output folder.

- ``_dorost_run.json``: the run's settings and plan (every input with its size, modification time and
  output part), written once, atomically;
- ``_dorost_done.jsonl``: a journal with one line per finished part (its counts and failures), appended
  and flushed to disk only after the part was renamed into place.

A part is finished exactly when its journal line is complete, so a run stopped at any moment (Ctrl-C,
``kill -9``, a power cut) resumes by redoing only the parts without one: nothing is lost and nothing is
written twice. A line torn by a crash is dropped on resumption.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dorost.batch.formats import TEMP_SUFFIX, BatchError, Shard, atomic_write

RUN_FILE = "_dorost_run.json"
DONE_FILE = "_dorost_done.jsonl"
SUMMARY_FILE = "_dorost_summary.json"
STATE_VERSION = "dorost-batch/1"
MAX_LISTED_FAILURES = 1000  # per part; every failure is counted, the first ones are listed


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

    def to_dict(self) -> dict[str, object]:
        return {
            "part": self.part,
            "input": self.input,
            "documents": self.documents,
            "changed": self.changed,
            "bytes": self.text_bytes,
            "counts": self.counts,
            "failures": self.failures,
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
            failed=[(int(index), str(error)) for index, error in failed],
        )


class RunState:
    """The plan of a run and the parts already finished."""

    def __init__(self, folder: Path, shards: list[Shard], done: dict[str, PartRecord]) -> None:
        self.folder = folder
        self.shards = shards
        self.done = done

    @classmethod
    def open(cls, folder: Path, shards: list[Shard], settings: dict[str, object], restart: bool = False) -> RunState:
        """Start a run in ``folder``, or resume the one there when its settings and inputs are the same."""
        folder.mkdir(parents=True, exist_ok=True)
        run_file = folder / RUN_FILE
        plan: dict[str, object] = {
            "version": STATE_VERSION,
            "settings": settings,
            "shards": [shard.to_dict() for shard in shards],
        }
        if run_file.exists() and restart:
            _remove_previous(folder)
        if run_file.exists():
            previous = json.loads(run_file.read_text(encoding="utf-8"))
            done = _read_journal(folder / DONE_FILE)
            done = {part: record for part, record in done.items() if (folder / part).is_file()}
            _check_same_run(previous, plan, set(done))
            if previous != plan:  # an unfinished shard changed (e.g. a truncated file was fetched again)
                atomic_write(run_file, json.dumps(plan, ensure_ascii=False, indent=1).encode("utf-8"))
        else:
            if any(not entry.name.startswith(".") for entry in folder.iterdir()):
                raise BatchError(f"{folder} is not empty and holds no dorost batch run; choose a new or empty folder")
            atomic_write(run_file, json.dumps(plan, ensure_ascii=False, indent=1).encode("utf-8"))
            done = {}
        _remove_temporaries(folder)
        return cls(folder, shards, done)

    def todo(self) -> list[Shard]:
        return [shard for shard in self.shards if shard.part not in self.done]

    def finish(self, record: PartRecord) -> None:
        """Journal a part as finished (call only after the part was renamed into place)."""
        line = json.dumps(record.to_dict(), ensure_ascii=False) + "\n"
        with open(self.folder / DONE_FILE, "a", encoding="utf-8") as journal:
            journal.write(line)
            journal.flush()
            os.fsync(journal.fileno())
        self.done[record.part] = record

    def records(self) -> list[PartRecord]:
        """Finished parts, in plan order."""
        return [self.done[shard.part] for shard in self.shards if shard.part in self.done]


def _check_same_run(previous: dict[str, object], plan: dict[str, object], done: set[str]) -> None:
    """Same settings, same inputs and parts; a finished part's input unchanged (others are redone anyway)."""
    if previous.get("version") != STATE_VERSION or previous.get("settings") != plan["settings"]:
        raise BatchError(
            "the output folder holds a run with other settings; use the same options to resume it, "
            "--restart to start over, or another output folder"
        )
    before = previous.get("shards")
    now = plan["shards"]
    assert isinstance(before, list) and isinstance(now, list)
    if [(s["input"], s["part"]) for s in before] != [(s["input"], s["part"]) for s in now]:
        raise BatchError(
            "the output folder holds a run over other inputs; give the same inputs to resume it, "
            "--restart to start over, or another output folder"
        )
    changed = [str(b["input"]) for b, n in zip(before, now, strict=True) if b != n and b["part"] in done]
    if changed:
        raise BatchError(
            f"{changed[0]} changed after its part was written; use --restart to start over, or another output folder"
        )


def _read_journal(path: Path) -> dict[str, PartRecord]:
    """Finished parts; a last line torn by a crash is cut off so the next append starts clean."""
    if not path.exists():
        return {}
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        data = data[: data.rfind(b"\n") + 1]
        with open(path, "r+b") as journal:
            journal.truncate(len(data))
    done: dict[str, PartRecord] = {}
    for line in data.splitlines():
        try:
            record = PartRecord.from_dict(json.loads(line))
        except (ValueError, KeyError, TypeError):
            continue
        done[record.part] = record
    return done


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
