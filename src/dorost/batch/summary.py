"""The closing summary of a batch run, printed and written as ``_dorost_summary.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dorost.batch.formats import atomic_write
from dorost.batch.state import MAX_HELD_FAILURES, SUMMARY_FILE, PartRecord
from dorost.inputs import MARKDOWN_SUFFIXES

MAX_SUMMARY_FAILURES = MAX_HELD_FAILURES  # the failures listed; all are counted
# How a run ended, as the command's exit code: every document restored; an input file that could not
# be read at all (its part is not written: run again to retry it); or every input read, but some
# documents could not be restored and were written unchanged.
EXIT_RESTORED, EXIT_UNREAD_INPUT, EXIT_FAILED_DOCUMENTS = 0, 3, 5


@dataclass
class Summary:
    """Totals over every finished part of the output (earlier, resumed runs included) and this run's speed."""

    output: str
    workers: int = 1
    resumed_parts: int = 0
    parts: int = 0
    documents: int = 0
    changed: int = 0
    text_bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    failures: int = 0
    written_empty: int = 0  # failures written as an empty line of a text part
    left_out: int = 0  # failures the output's format could not hold at all
    failed: list[dict[str, object]] = field(default_factory=list)
    shard_failures: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    this_run_documents: int = 0
    this_run_bytes: int = 0
    skipped_markdown: int = 0  # Markdown files of the input folders, not read (the output is not Markdown)

    def add_records(self, records: list[PartRecord]) -> None:
        for record in records:
            self.parts += 1
            self.documents += record.documents
            self.changed += record.changed
            self.text_bytes += record.text_bytes
            self.failures += record.failures
            self.written_empty += record.written_empty
            self.left_out += record.left_out
            for name, count in record.counts.items():
                self.counts[name] = self.counts.get(name, 0) + count
            for index, error in record.failed:
                if len(self.failed) < MAX_SUMMARY_FAILURES:
                    self.failed.append({"input": record.input, "index": index, "error": error})

    @property
    def exit_code(self) -> int:
        """0 when every document of every input was restored; 3 when an input could not be read at all
        (this comes first: its documents are not in the output); 5 when some documents were written
        unchanged because they could not be restored.

        >>> Summary("restored/", documents=3).exit_code, Summary("restored/", documents=3, failures=1).exit_code
        (0, 5)
        """
        if self.shard_failures:
            return EXIT_UNREAD_INPUT
        return EXIT_FAILED_DOCUMENTS if self.failures else EXIT_RESTORED

    @property
    def status(self) -> str:
        """What :attr:`exit_code` says, in words."""
        return {
            EXIT_RESTORED: "restored",
            EXIT_UNREAD_INPUT: "inputs not read",
            EXIT_FAILED_DOCUMENTS: "documents not restored",
        }[self.exit_code]

    def verdict(self) -> str | None:
        """One line saying why the run did not restore everything, or None when it did."""
        if self.shard_failures:
            count = len(self.shard_failures)
            inputs = "1 input could not be read and is" if count == 1 else f"{count:,} inputs could not be read and are"
            return f"{inputs} not in the output"
        if not self.failures:
            return None
        if self.failures == self.documents:
            head = f"none of the {self.documents:,} documents could be restored"
        else:
            head = f"{self.failures:,} of the {self.documents:,} documents could not be restored"
        return f"{head}; {self._where_failures_are()} (see {SUMMARY_FILE})"

    def _where_failures_are(self) -> str:
        """Where the documents that could not be restored are in the output.

        >>> Summary("restored/", documents=9, failures=3)._where_failures_are()
        'they are in the output unchanged'
        >>> Summary("restored/", documents=9, failures=2, written_empty=2)._where_failures_are()
        'they are in the output as empty lines (a text part cannot hold them: --format jsonl or parquet can)'
        >>> Summary("restored/", documents=9, failures=1, left_out=1)._where_failures_are()
        'it is not in the output (the output format cannot hold it)'
        >>> Summary("restored/", documents=9, failures=4, written_empty=0, left_out=1)._where_failures_are()
        '3 are in the output unchanged and 1 not at all (the output format cannot hold it)'
        """
        unchanged = self.failures - self.written_empty - self.left_out
        empty, left = self.written_empty, self.left_out
        they, them = ("it is", "it") if self.failures == 1 else ("they are", "them")
        if unchanged == self.failures:
            return f"{they} in the output unchanged"
        if empty == self.failures:
            lines = "an empty line" if empty == 1 else "empty lines"
            return f"{they} in the output as {lines} {_no_room_in_text(them)}"
        if left == self.failures:
            return f"{they} not in the output (the output format cannot hold {them})"
        # Two or three places: the first clause carries the verb and names the output.
        places = []
        if unchanged:
            places.append((unchanged, "in the output unchanged"))
        if empty:
            lines = "an empty line" if empty == 1 else "empty lines"
            places.append((empty, f"{'' if unchanged else 'in the output '}as {lines} {_no_room_in_text(_it(empty))}"))
        if left:  # never first: all-left is said above
            places.append((left, f"not at all (the output format cannot hold {_it(left)})"))
        first_count, first_place = places[0]
        said = [f"{first_count:,} {'is' if first_count == 1 else 'are'} {first_place}"]
        said += [f"{count:,} {place}" for count, place in places[1:]]
        return ", ".join(said[:-1]) + " and " + said[-1]

    @property
    def docs_per_second(self) -> float:
        return self.this_run_documents / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.this_run_bytes / 1e6 / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "output": self.output,
            "status": self.status,
            "exit_code": self.exit_code,
            "parts": self.parts,
            "documents": self.documents,
            "changed": self.changed,
            "bytes": self.text_bytes,
            "edits": sum(self.counts.values()),
            "counts": dict(sorted(self.counts.items(), key=lambda item: -item[1])),
            "failures": self.failures,
            # where the failures are: the rest are in the output unchanged
            "failures_written_empty": self.written_empty,
            "failures_left_out": self.left_out,
            "failed": self.failed,
            "shard_failures": self.shard_failures,
            "this_run": {
                "workers": self.workers,
                "resumed_parts": self.resumed_parts,
                "documents": self.this_run_documents,
                "bytes": self.this_run_bytes,
                "seconds": round(self.seconds, 3),
                "documents_per_second": round(self.docs_per_second, 1),
                "mb_per_second": round(self.mb_per_second, 3),
            },
        }

    def lines(self) -> list[str]:
        """The summary for people, a few lines.

        >>> Summary("restored/", parts=1, documents=1, changed=1, counts={"unify_arabic_letters": 1}).lines()[0]
        '1 document in 1 part (0.0 MB), 1 changed, 1 edit, 0 failed'
        """
        out = [
            f"{_many(self.documents, 'document')} in {_many(self.parts, 'part')} "
            f"({self.text_bytes / 1e6:,.1f} MB), "
            f"{self.changed:,} changed, {_many(sum(self.counts.values()), 'edit')}, {self.failures:,} failed",
            f"this run: {_many(self.this_run_documents, 'document')} in {self.seconds:,.1f} s "
            f"({self.docs_per_second:,.0f} docs/s, {self.mb_per_second:,.2f} MB/s, "
            f"{_many(self.workers, 'worker')}"
            + (f", {self.resumed_parts} already done" if self.resumed_parts else "")
            + ")",
        ]
        if self.skipped_markdown:
            out.append(
                f"{_many(self.skipped_markdown, 'Markdown file')} of the input folders skipped "
                "(a corpus's README.md is no document; --format md restores Markdown files)"
            )
        if self.counts:
            top = sorted(self.counts.items(), key=lambda item: -item[1])
            out.append("edits per fix: " + ", ".join(f"{name} {count:,}" for name, count in top))
        for failure in self.failed[:5]:
            where = " ".join(filter(None, (str(failure["input"]), _place(failure))))
            out.append(f"failed: {where}: {failure['error']}")
        if self.failures > 5:
            out.append(f"... {self.failures - 5:,} more failures listed in {SUMMARY_FILE}")
        for bad in self.shard_failures:
            # Not "run again": a rerun reads the file again, which helps only once it is mended.
            out.append(f"could not read {bad['input']}: {bad['error']} (the next run reads it again)")
        return out


def _no_room_in_text(them: str) -> str:
    return f"(a text part cannot hold {them}: --format jsonl or parquet can)"


def _it(count: int) -> str:
    return "it" if count == 1 else "them"


def _many(count: int, noun: str) -> str:
    """``1 document``, ``2,000 documents``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def write_summary(summary: Summary, folder: Path) -> None:
    data = json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n"
    atomic_write(folder / SUMMARY_FILE, data.encode("utf-8"))


def _place(failure: dict[str, object]) -> str:
    """Where a failed document stands, as its reader counts: the line of a text or JSONL file (from 1, as an editor
    shows it), the row of a Parquet file (from 0, as pandas and pyarrow number rows). The summary's JSON keeps the
    0-based index for both. A Markdown file is one document: the file alone is its place (none is added)."""
    index = int(str(failure["index"]))
    name = str(failure["input"]).lower()
    if name.endswith(".parquet"):
        return f"row {index}"
    if name.endswith(MARKDOWN_SUFFIXES):
        return ""
    return f"line {index + 1}"
