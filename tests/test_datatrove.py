"""The datatrove step: the local executor, 2 tasks over 2 JSONL shards of real Persian documents."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dorost import Config
from dorost.batch import restore_document
from dorost.edits import Change
from dorost.fixes import Fix
from dorost.pipeline import FIXES, FIXES_BY_NAME

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JSONL reader needs it

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from dorost.integrations.datatrove import DorostFormatter

FARSTAIL = "corpora/farstail/farstail_unique_sentences.txt"
FOUNDATION = ("unify_arabic_letters", "remove_invisible_junk", "tidy_zwnj", "fix_punctuation", "normalize_whitespace")
CONFIG = Config().with_fixes(only=FOUNDATION)
BAD_WORD = "انفجار"


def _explode(text: str, config: Config) -> list[Change]:
    """`tidy_zwnj` with a bug: it raises on one word (module level, so datatrove's workers can pickle it)."""
    if BAD_WORD in text:
        raise RuntimeError("tidy_zwnj cannot handle this word")
    return FIXES_BY_NAME["tidy_zwnj"](text, config)


EXPLODING = tuple(Fix(f.name, f.family, _explode) if f.name == "tidy_zwnj" else f for f in FIXES)


def _total(stat: int | dict[str, int]) -> int:
    """datatrove writes a stat as a bare count, or as a dict with its total, mean and spread."""
    return stat if isinstance(stat, int) else stat["total"]


def test_local_executor_two_tasks_restores_counts_and_survives_a_failing_document(tmp_path: Path, shared: Path) -> None:
    with open(shared / FARSTAIL, encoding="utf-8") as corpus:
        texts = [line.rstrip("\n") for _, line in zip(range(120), corpus, strict=False)]
    texts[70] = f"متن {BAD_WORD} بزرگ اين"  # shard 1 holds the document that makes a fix raise
    (tmp_path / "in").mkdir()
    for shard in range(2):
        with open(tmp_path / "in" / f"shard-{shard}.jsonl", "w", encoding="utf-8") as out:
            for n in range(shard * 60, (shard + 1) * 60):
                out.write(json.dumps({"id": str(n), "text": texts[n]}, ensure_ascii=False) + "\n")

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            DorostFormatter(CONFIG, fixes=EXPLODING),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    restored: dict[str, dict[str, object]] = {}
    for part in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        for line in gzip.decompress(part.read_bytes()).decode("utf-8").splitlines():
            record = json.loads(line)
            restored[record["id"]] = record
    assert sorted(restored, key=int) == [str(n) for n in range(120)], "every document of both shards comes out"
    expected_counts: dict[str, int] = {}
    changed = 0
    for n, text in enumerate(texts):
        expected = restore_document(text, CONFIG, fixes=EXPLODING)
        assert restored[str(n)]["text"] == expected.text
        changed += expected.changed
        for fix, count in expected.counts.items():
            expected_counts[fix] = expected_counts.get(fix, 0) + count
    assert restored["70"]["text"] == texts[70]
    assert restored["70"]["metadata"]["dorost_error"] == "RuntimeError: tidy_zwnj cannot handle this word"
    assert changed > 0 and expected_counts

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(entry for entry in stats if "dorost" in entry["name"])["stats"]
    assert step["total"] == 120 and step["failed"] == 1 and step["changed"] == changed
    per_fix = {name[len("edits_") :]: _total(value) for name, value in step.items() if name.startswith("edits_")}
    assert per_fix == expected_counts
    assert _total(step["edits"]) == sum(expected_counts.values())
    for rank in range(2):  # both tasks completed
        assert (tmp_path / "logs" / "completions" / f"{rank:05d}").exists()


def test_format_gives_the_restored_text_and_passes_through_what_it_cannot_restore() -> None:
    step = DorostFormatter(CONFIG, fixes=EXPLODING)
    assert step.format("اين كتاب") == "این کتاب"
    assert step.format("يك انفجار") == "يك انفجار"  # the fix fails: the text as it came
    assert step.format(None) is None  # type: ignore[arg-type]  # a null is no text, and no "None"


def test_the_collector_runs_at_batch_thresholds_while_a_shard_is_restored_and_as_before_after() -> None:
    """A shard is a corpus run: the collector's thresholds are dorost batch's while the step runs (its
    collections walk the fixes' large memories), and the task's own again once the shard is done."""
    import gc

    from datatrove.data import Document

    from dorost.memory import COLLECTOR_THRESHOLDS

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def shard() -> Iterator[Document]:
        for index, text in enumerate(["اين كتاب", "مي شود", "سلام"]):
            seen.append(gc.get_threshold())
            yield Document(text=text, id=str(index))

    step = DorostFormatter()
    restored = [document.text for document in step.run(shard())]
    assert restored == ["این کتاب", "می\u200cشود", "سلام"]
    assert seen == [COLLECTOR_THRESHOLDS] * 3
    assert gc.get_threshold() == before
