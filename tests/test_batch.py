"""`dorost batch` and its engine-neutral core, on real Persian documents from ../shared/corpora."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dorost import Config
from dorost.batch import BatchOptions, formats, restore_document, restore_documents, run_batch, state
from dorost.batch.core import MAX_ERROR_CHARS
from dorost.batch.formats import BatchError
from dorost.batch.state import DONE_FILE, SUMMARY_FILE
from dorost.cli import main
from dorost.edits import Change, Edit, replay
from dorost.fixes import Fix
from dorost.pipeline import FIXES, FIXES_BY_NAME

# Real, damaged Persian: FarsTail sentences (Apache-2.0) lost many of their ZWNJs and use Arabic letters.
CASES = Path(__file__).parent / "cases"
FARSTAIL = "corpora/farstail/farstail_unique_sentences.txt"
# Runs over many documents use the character-level fixes: fast and settled, so these tests stay quick and
# test the batch machinery, not the language model (the full pipeline is used on a few documents below).
FOUNDATION = ("unify_arabic_letters", "remove_invisible_junk", "tidy_zwnj", "fix_punctuation", "normalize_whitespace")
CONFIG = Config().with_fixes(only=FOUNDATION)


def sentences(shared: Path, count: int, start: int = 0) -> list[str]:
    lines: list[str] = []
    with open(shared / FARSTAIL, encoding="utf-8") as corpus:
        for number, line in enumerate(corpus):
            if number >= start and line.strip():
                lines.append(line.rstrip("\n"))
            if len(lines) == count:
                break
    return lines


def write_jsonl(path: Path, records: list[dict[str, object]], compress: bool = False) -> None:
    data = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)


def read_jsonl(path: Path, skip: tuple[str, ...] = ()) -> list[dict[str, object]]:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    lines = data.decode("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and line not in skip]


def _explode(text: str, config: Config) -> list[Change]:
    """`unify_arabic_letters` with a bug: it breaks on one word."""
    if "انفجار" in text:
        raise RuntimeError("this fix cannot handle the word")
    return FIXES_BY_NAME["unify_arabic_letters"](text, config)


EXPLODING = tuple(Fix(f.name, f.family, _explode) if f.name == "unify_arabic_letters" else f for f in FIXES)


# -- the core ---------------------------------------------------------------------------------------


def test_restore_document_restores_real_text_and_counts_edits(shared: Path) -> None:
    texts = sentences(shared, 24)
    results = list(restore_documents(texts, edits=True))
    assert len(results) == len(texts)
    changed = [(text, result) for text, result in zip(texts, results, strict=True) if result.changed]
    assert changed, "FarsTail sentences carry Arabic letters and lost ZWNJs; some must change"
    for text, result in changed:
        assert result.ok and result.edits is not None
        assert sum(result.counts.values()) == len(result.edits)
        edits = [Edit.from_dict(edit) for edit in result.edits]
        assert replay(text, edits) == result.text


def test_restore_document_counts_without_edits_what_the_edits_count(shared: Path) -> None:
    """Without edits, the counts come from the pipeline without recording any edit: each document's
    text, changed flag and counts (in the same order) must be those of the edits recorded."""
    texts = sentences(shared, 40)
    texts += [case["input"] for case in json.loads((CASES / "layout_join_broken_lines.json").read_text())["cases"]]
    texts += ["اين  كتاب &amp;ndash; مي شود", " سلام\n\n\n\nمتن  اول", "", "plain Latin text"]
    counted = 0
    for text in texts:
        recorded = restore_document(text, edits=True)
        alone = restore_document(text)
        assert alone.edits is None
        assert (alone.text, alone.changed, list(alone.counts.items())) == (
            recorded.text,
            recorded.changed,
            list(recorded.counts.items()),
        )
        counted += len(alone.counts) > 1
    assert counted, "some documents must be changed by two fixes or more"


def test_restore_document_never_raises() -> None:
    bad = restore_document("اين انفجار بزرگ بود", fixes=EXPLODING)
    assert bad.text == "اين انفجار بزرگ بود" and not bad.changed and bad.counts == {}
    assert bad.error == "RuntimeError: this fix cannot handle the word"
    good = restore_document("اين كتاب", fixes=EXPLODING)
    assert good.ok and good.text == "این کتاب"
    assert restore_document(b"\xd8\xb3").error == "TypeError: the text is bytes, not str"


def test_a_failure_records_the_start_of_a_message_that_quotes_the_document(shared: Path) -> None:
    def quote(text: str, config: Config) -> list[Change]:
        raise ValueError(f"cannot read {text!r}")

    document = " ".join(sentences(shared, 100, start=2000))
    result = restore_document(document, fixes=(Fix("unify_arabic_letters", "characters", quote),))
    assert result.text == document and result.error is not None
    message = f"cannot read {document!r}"
    assert result.error == f"ValueError: {message[:MAX_ERROR_CHARS]}… ({len(message)} characters)"
    assert len(document) > 10 * MAX_ERROR_CHARS


# -- the run ----------------------------------------------------------------------------------------


def make_corpus(folder: Path, shared: Path, shards: int, per_shard: int) -> list[dict[str, object]]:
    folder.mkdir(parents=True)
    records: list[dict[str, object]] = []
    texts = sentences(shared, shards * per_shard)
    for shard in range(shards):
        chunk = [
            {"id": f"{shard}-{n}", "text": text, "source": {"shard": shard}}
            for n, text in enumerate(texts[shard * per_shard : (shard + 1) * per_shard])
        ]
        write_jsonl(folder / f"shard-{shard}.jsonl", chunk)
        records += chunk
    return records


def test_batch_jsonl_keeps_fields_and_order_and_lists_bad_documents(tmp_path: Path, shared: Path) -> None:
    records = make_corpus(tmp_path / "in", shared, shards=2, per_shard=60)
    with open(tmp_path / "in" / "shard-1.jsonl", "ab") as shard:
        shard.write(b'{"id": "no-text", "text": null}\n{broken json\n\n')
        shard.write(json.dumps({"id": "boom", "text": "يك انفجار"}, ensure_ascii=False).encode() + b"\n")
    summary = run_batch(
        BatchOptions(
            inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), workers=1, fixes=EXPLODING, config=CONFIG
        )
    )
    out = read_jsonl(tmp_path / "out" / "shard-0.jsonl")
    out += read_jsonl(tmp_path / "out" / "shard-1.jsonl", skip=("{broken json",))
    raw_tail = (tmp_path / "out" / "shard-1.jsonl").read_bytes().splitlines()[-4:]
    assert raw_tail[0] == b'{"id": "no-text", "text": null}' and raw_tail[1] == b"{broken json"
    assert raw_tail[2] == b""  # a blank line is layout, kept as it was
    out = [record for record in out if record.get("id") not in ("no-text", "boom")]
    assert [record["id"] for record in out] == [record["id"] for record in records]
    for before, after in zip(records, out, strict=True):
        assert after["source"] == before["source"]
        assert after["text"] == restore_document(before["text"], CONFIG).text
    # The two bad documents, and any real document the pipeline itself fails on, exactly; a null
    # text is a missing value, passed through, not a failure.
    expected = {
        (f"shard-{n // 60}.jsonl", n % 60)
        for n, record in enumerate(records)
        if restore_document(record["text"], CONFIG, fixes=EXPLODING).error
    } | {("shard-1.jsonl", 61), ("shard-1.jsonl", 63)}
    assert summary.documents == 123 and summary.failures == len(expected)
    assert {(Path(str(f["input"])).name, f["index"]) for f in summary.failed} == expected
    boom = next(f for f in summary.failed if f["index"] == 63)
    assert boom["error"] == "RuntimeError: this fix cannot handle the word"
    assert summary.changed > 0 and sum(summary.counts.values()) > 0
    written = json.loads((tmp_path / "out" / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert written["documents"] == 123 and written["failures"] == len(expected)
    assert written["counts"] == summary.counts


def test_a_text_part_writes_a_failed_document_with_line_breaks_as_an_empty_line(tmp_path: Path) -> None:
    # Not restored, its own text holds the line break: written as it came it would be two lines.
    (tmp_path / "in").mkdir()
    records = [{"text": "اين انفجار\nبزرگ بود"}, {"text": "يك انفجار"}, {"text": "اين كتاب"}]
    write_jsonl(tmp_path / "in" / "a.jsonl", records)
    summary = run_batch(
        BatchOptions(
            inputs=(str(tmp_path / "in"),),
            output=str(tmp_path / "out"),
            format="txt",
            workers=1,
            fixes=EXPLODING,
            config=CONFIG,
        )
    )
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").split("\n") == ["", "يك انفجار", "این کتاب", ""]
    assert (summary.failures, summary.written_empty, summary.left_out) == (2, 1, 0)
    assert [failure["error"] for failure in summary.failed] == ["RuntimeError: this fix cannot handle the word"] * 2
    assert summary.verdict() == (
        "2 of the 3 documents could not be restored; 1 is in the output unchanged and 1 as an empty line "
        "(a text part cannot hold it: --format jsonl or parquet can) (see _dorost_summary.json)"
    )


def test_a_run_where_every_document_fails_holds_a_bounded_failure_list(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong text field fails every document: all are counted and journaled, part by part, but the
    run holds at most MAX_HELD_FAILURES of them in memory, and so does a resumed run reading the journal."""
    monkeypatch.setattr(state, "MAX_HELD_FAILURES", 25)
    texts = sentences(shared, 40, start=500)
    (tmp_path / "in").mkdir()
    for shard in range(3):
        write_jsonl(tmp_path / "in" / f"shard-{shard}.jsonl", [{"id": n, "body": t} for n, t in enumerate(texts)])
    options = BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), workers=1, config=CONFIG)
    summary = run_batch(options)
    assert summary.documents == 120 and summary.failures == 120
    assert [(Path(str(f["input"])).name, f["index"]) for f in summary.failed] == [
        *(("shard-0.jsonl", n) for n in range(40)),
        *(("shard-1.jsonl", n) for n in range(40)),
    ][:25]
    assert summary.failed[0]["error"] == "KeyError: the document has no field 'text'"
    journal = [json.loads(line) for line in (tmp_path / "out" / DONE_FILE).read_text(encoding="utf-8").splitlines()]
    assert [len(record["failed"]) for record in journal] == [40, 40, 40]  # the journal keeps every part's list
    resumed = run_batch(options)
    assert resumed.resumed_parts == 3 and resumed.failures == 120
    assert len(resumed.failed) == 25 and resumed.failed == summary.failed


def test_a_journal_line_torn_by_a_crash_is_cut_off(tmp_path: Path) -> None:
    """Lines longer than the block read from the end: the cut still falls after the last whole line."""
    journal = tmp_path / DONE_FILE
    whole = [json.dumps({"part": f"p{n}", "pad": "x" * 300}).encode() + b"\n" for n in range(3)]
    journal.write_bytes(b"".join(whole) + b'{"part": "p3", "pad": "' + b"y" * 250)
    state._cut_torn_line(journal, block=64)
    assert journal.read_bytes() == b"".join(whole)
    state._cut_torn_line(journal, block=64)  # a whole last line is left as it is
    assert journal.read_bytes() == b"".join(whole)
    journal.write_bytes(b'{"part": "p0"')  # the only line, torn
    state._cut_torn_line(journal, block=4)
    assert journal.read_bytes() == b""


def test_batch_parallel_equals_single_process(tmp_path: Path, shared: Path) -> None:
    make_corpus(tmp_path / "in", shared, shards=3, per_shard=40)
    inputs = (str(tmp_path / "in"),)
    one = run_batch(BatchOptions(inputs=inputs, output=str(tmp_path / "one"), workers=1, config=CONFIG))
    two = run_batch(BatchOptions(inputs=inputs, output=str(tmp_path / "two"), workers=2, chunk_docs=7, config=CONFIG))
    for shard in range(3):
        name = f"shard-{shard}.jsonl"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert one.counts == two.counts and one.documents == two.documents == 120


def test_the_workers_are_let_go_before_the_last_part_is_committed(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once every chunk is handed out, the workers exit as they finish while the main process writes and
    # commits the last parts: the run no longer waits for them after its last commit (8-16 ms a run).
    from dorost.batch import runner

    events: list[str] = []
    close, finish = runner._Pool.close_when_done, runner._OpenPart.finish

    def closing(pool: runner._Pool) -> None:
        events.append("close")
        close(pool)

    def finishing(part: runner._OpenPart, shard: formats.Shard) -> None:
        events.append("commit")
        finish(part, shard)

    monkeypatch.setattr(runner._Pool, "close_when_done", closing)
    monkeypatch.setattr(runner._OpenPart, "finish", finishing)
    make_corpus(tmp_path / "in", shared, shards=3, per_shard=40)
    options = BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "two"), workers=2, config=CONFIG)
    summary = run_batch(replace(options, chunk_docs=7))
    assert summary.documents == 120
    assert events.count("close") == 1 and events.count("commit") == 3
    assert events[-1] == "commit" and events.index("close") < len(events) - 1


def test_the_last_shards_of_a_parallel_run_are_cut_into_smaller_chunks(tmp_path: Path, shared: Path) -> None:
    # A run ends when its slowest worker ends its last chunk: near the end, chunks are cut smaller so
    # that the workers' last ones end closer together. One worker has no one to wait for.
    from dorost.batch.runner import _chunks

    make_corpus(tmp_path / "in", shared, shards=6, per_shard=40)
    shards = formats.discover((str(tmp_path / "in"),), "jsonl", "none")
    size = sum(shard.size for shard in shards)
    options = BatchOptions(inputs=(str(tmp_path / "in"),), output="", chunk_bytes=size // 9)

    def documents_per_chunk(workers: int) -> list[list[int]]:
        cut: dict[str, list[int]] = {}
        for shard, chunk, _ in _chunks(shards, options, workers):
            if chunk is not None and chunk.lines:
                cut.setdefault(shard.path, []).append(len(chunk.lines))
        return [cut[shard.path] for shard in shards]

    alone, two = documents_per_chunk(1), documents_per_chunk(2)
    # The tail, 2 chunks per worker, is four ninths of the text: the last two of six shards.
    assert two[:4] == alone[:4]
    assert [sum(chunks) for chunks in two] == [sum(chunks) for chunks in alone] == [40] * 6
    assert all(len(two[i]) >= 3 * len(alone[i]) for i in (4, 5))
    assert max(max(chunks) for chunks in two[4:]) < min(max(chunks) for chunks in alone[4:]) / 2


def test_batch_parallel_in_a_program_with_threads_equals_single_process(tmp_path: Path, shared: Path) -> None:
    # With another thread alive, forking this process could copy a lock that thread holds: the
    # workers then come from the fork server, which loaded the full pipeline and its model.
    make_corpus(tmp_path / "in", shared, shards=2, per_shard=12)
    inputs = (str(tmp_path / "in"),)
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait, daemon=True)
    waiting.start()
    try:
        two = run_batch(BatchOptions(inputs=inputs, output=str(tmp_path / "two"), workers=2, chunk_docs=5))
    finally:
        stop.set()
        waiting.join()
    one = run_batch(BatchOptions(inputs=inputs, output=str(tmp_path / "one"), workers=1))
    for shard in range(2):
        name = f"shard-{shard}.jsonl"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert one.counts == two.counts and one.documents == two.documents == 24
    assert two.counts.get("restore_spacing", 0) > 0  # the model-driven fix ran in the workers


# A fresh program starts a pool of two workers and asks one, before it has restored anything, whether
# the language model is in its memory; with ``threads`` another thread is alive, so the workers come
# from the fork server instead of this process.
_ASK_A_WORKER = """
import sys
import threading

from dorost.batch.runner import _Pool
from dorost.batch.worker import Settings
from dorost.language import model


def models_loaded() -> int:
    return model.cache_info().currsize


if __name__ == "__main__":
    if sys.argv[1] == "threads":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    with _Pool(2, Settings("jsonl")) as pool:
        assert pool._executor is not None
        print(pool._executor.submit(models_loaded).result())
"""


@pytest.mark.parametrize("threads", [False, True], ids=["forked from the run", "from the fork server"])
def test_workers_start_with_the_language_model_loaded(tmp_path: Path, threads: bool) -> None:
    # Loaded once before the workers start, its pages are shared by all of them: a worker that loaded
    # it again would spend the start-up's CPU time once more, and hold its own copy.
    script = tmp_path / "ask_a_worker.py"
    script.write_text(_ASK_A_WORKER, encoding="utf-8")
    mode = "threads" if threads else "alone"
    answer = subprocess.run([sys.executable, str(script), mode], capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split() == ["1"]


_WARM_UP_IN_A_FRESH_PROCESS = """
import gc, sys
from dorost.batch.worker import warm_up
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))
if sys.argv[1] == "disabled":
    gc.disable()
warm_up()
print(len(collections), gc.isenabled())
"""


@pytest.mark.parametrize("collector", ["enabled", "disabled"])
def test_warm_up_loads_without_collecting_and_leaves_the_collector_as_it_was(tmp_path: Path, collector: str) -> None:
    # The model and the lexicon load before any worker can start; their millions of objects hold no
    # garbage, and the collections their allocations set off (85 in a fresh process) were a
    # twentieth of that start-up.
    script = tmp_path / "warm_up.py"
    script.write_text(_WARM_UP_IN_A_FRESH_PROCESS, encoding="utf-8")
    answer = subprocess.run([sys.executable, str(script), collector], capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split() == ["0", str(collector == "enabled")]


def test_batch_parquet_and_edits_column(tmp_path: Path, shared: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = sentences(shared, 24, start=500)
    (tmp_path / "in").mkdir()
    pq.write_table(pa.table({"id": list(range(24)), "text": texts}), tmp_path / "in" / "part.parquet")
    run_batch(
        BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), edits=True, workers=1, chunk_docs=10)
    )
    table = pq.read_table(tmp_path / "out" / "part.parquet")
    assert table.column("id").to_pylist() == list(range(24))
    for text, restored, edits in zip(
        texts, table.column("text").to_pylist(), table.column("dorost_edits").to_pylist(), strict=True
    ):
        assert restored == restore_document(text).text
        assert replay(text, [Edit.from_dict(edit) for edit in edits]) == restored


def test_parquet_parts_gather_chunks_into_row_groups(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks of 8 documents: one row group for the small part, not one per chunk (whose metadata the
    writer would hold until the part closed); with a row group of one byte, one a chunk, same rows."""
    pq = pytest.importorskip("pyarrow.parquet")
    texts = sentences(shared, 60, start=1200)
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", [{"id": n, "text": text} for n, text in enumerate(texts)])

    def restore_into(folder: str) -> Any:
        options = BatchOptions(
            inputs=(str(tmp_path / "in"),), output=str(tmp_path / folder), format="parquet", config=CONFIG
        )
        run_batch(replace(options, workers=1, chunk_docs=8))
        return pq.ParquetFile(tmp_path / folder / "a.parquet")

    gathered = restore_into("gathered")
    monkeypatch.setattr(formats, "ROW_GROUP_BYTES", 1)
    each = restore_into("each")
    assert gathered.metadata.num_row_groups == 1
    assert each.metadata.num_row_groups == 8
    rows = gathered.read().to_pylist()
    assert rows == each.read().to_pylist()
    assert [row["id"] for row in rows] == list(range(60))
    assert [row["text"] for row in rows] == [restore_document(text, CONFIG).text for text in texts]


def test_batch_text_and_gzip_inputs_to_parquet(tmp_path: Path, shared: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    texts = sentences(shared, 30, start=900)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("\n".join(texts[:15]) + "\n", encoding="utf-8")
    write_jsonl(tmp_path / "in" / "b.jsonl.gz", [{"text": text} for text in texts[15:]], compress=True)
    run_batch(
        BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), format="parquet", config=CONFIG)
    )
    restored = pq.read_table(tmp_path / "out" / "a.parquet").column("text").to_pylist()
    restored += pq.read_table(tmp_path / "out" / "b.parquet").column("text").to_pylist()
    assert restored == [restore_document(text, CONFIG).text for text in texts]


# A program that runs the command as `dorost batch` does, and says at exit, after the command's own
# exit handlers, how many objects the collector holds frozen.
_RUN_THE_COMMAND = """
import atexit
import gc
import runpy
import sys

atexit.register(lambda: print("frozen", gc.get_freeze_count(), file=sys.stderr))
runpy.run_module("dorost", run_name="__main__", alter_sys=True)
"""


def test_a_finished_run_freezes_what_it_loaded_at_exit(tmp_path: Path) -> None:
    # At exit Python's last collections walk every object left (the model, the fixes' memories) to
    # find no garbage; frozen, they are only freed. A usage error exits before any run: nothing frozen.
    script = tmp_path / "run_the_command.py"
    script.write_text(_RUN_THE_COMMAND, encoding="utf-8")
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", [{"text": "اين كتاب مي شود"}])
    command = [sys.executable, str(script), "batch", str(tmp_path / "in"), "-o", str(tmp_path / "out")]
    finished = subprocess.run([*command, "--workers", "1"], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert int(finished.stderr.split("frozen")[-1]) > 0
    refused = subprocess.run([*command, "--only", "no_such_fix"], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and refused.stderr.split("frozen")[-1].split() == ["0"]


def test_batch_cli_gzip_in_gzip_out_and_resume_skips_done_parts(tmp_path: Path, shared: Path) -> None:
    texts = sentences(shared, 40, start=1500)
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl.gz", [{"text": t} for t in texts[:20]], compress=True)
    write_jsonl(tmp_path / "in" / "b.jsonl.gz", [{"text": t} for t in texts[20:]], compress=True)
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "in"), "-o", str(out), "--workers", "1", "--no-progress"]
    args += ["--only", ",".join(FOUNDATION)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "40 documents in 2 parts" in result.output
    assert [r["text"] for r in read_jsonl(out / "a.jsonl.gz") + read_jsonl(out / "b.jsonl.gz")] == [
        restore_document(text, CONFIG).text for text in texts
    ]
    # Resuming a finished run redoes nothing and changes nothing.
    before = {path.name: path.read_bytes() for path in out.iterdir() if not path.name.startswith("_")}
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "2 already done" in again.output
    assert {path.name: path.read_bytes() for path in out.iterdir() if not path.name.startswith("_")} == before
    assert len((out / DONE_FILE).read_text(encoding="utf-8").splitlines()) == 2
    # Other settings in the same folder are refused until --restart.
    other = CliRunner().invoke(main, [*args, "--digits", "latin"])
    assert other.exit_code == 2 and "other settings" in other.output
    restarted = CliRunner().invoke(main, [*args, "--digits", "latin", "--restart"])
    assert restarted.exit_code == 0 and "already done" not in restarted.output


def test_batch_never_overwrites_inputs(tmp_path: Path, shared: Path) -> None:
    make_corpus(tmp_path / "in", shared, shards=1, per_shard=3)
    original = (tmp_path / "in" / "shard-0.jsonl").read_bytes()
    with pytest.raises(BatchError, match="inside the input folder"):
        run_batch(BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "in" / "out")))
    with pytest.raises(BatchError, match="inside the input folder"):
        run_batch(BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "in")))
    with pytest.raises(BatchError, match="overwrite the input"):
        run_batch(BatchOptions(inputs=(str(tmp_path / "in" / "shard-0.jsonl"),), output=str(tmp_path / "in")))
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BatchError, match="not empty"):
        run_batch(BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "busy")))
    assert (tmp_path / "in" / "shard-0.jsonl").read_bytes() == original
    assert (tmp_path / "busy" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_batch_cli_rejects_edits_in_plain_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("سلام\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--edits"])
    assert result.exit_code == 2 and "--edits needs" in result.output


@pytest.mark.parametrize("only", ["", ","])
def test_batch_cli_only_without_a_fix_name_is_a_usage_error(tmp_path: Path, only: str) -> None:
    # As `dorost fix`: an empty list ran every fix when it was "" and none when it was ",".
    (tmp_path / "a.txt").write_text("مي شود\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--only", only])
    assert result.exit_code == 2 and "--only needs the names of the fixes" in result.output
    assert not (tmp_path / "o").exists()


def test_unreadable_shard_fails_alone_and_is_retried(tmp_path: Path, shared: Path) -> None:
    texts = sentences(shared, 20, start=2500)
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "good.jsonl", [{"text": t} for t in texts])
    broken = gzip.compress("".join(json.dumps({"text": t}) + "\n" for t in texts).encode())
    (tmp_path / "in" / "broken.jsonl.gz").write_bytes(broken[: len(broken) // 2])  # cut off mid-stream
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "in"), "-o", str(out), "--workers", "2", "--no-progress"]
    result = CliRunner().invoke(main, [*args, "--only", ",".join(FOUNDATION)])
    assert result.exit_code == 3, result.output
    assert "could not read" in result.output and "broken.jsonl.gz" in result.output
    assert [r["text"] for r in read_jsonl(out / "good.jsonl")] == [restore_document(t, CONFIG).text for t in texts]
    assert not (out / "broken.jsonl.gz").exists() and not list(out.glob(".*"))
    summary = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert summary["parts"] == 1 and summary["shard_failures"][0]["error"].startswith(("EOFError", "BadGzipFile"))
    # Once the file is whole again, the next run does only that shard.
    (tmp_path / "in" / "broken.jsonl.gz").write_bytes(broken)
    good_part = (out / "good.jsonl").read_bytes()
    again = CliRunner().invoke(main, [*args, "--only", ",".join(FOUNDATION)])
    assert again.exit_code == 0 and "1 already done" in again.output, again.output
    assert [r["text"] for r in read_jsonl(out / "broken.jsonl.gz")] == [restore_document(t, CONFIG).text for t in texts]
    assert (out / "good.jsonl").read_bytes() == good_part
    # A finished part's input that changes afterwards is refused, never mixed in silently.
    write_jsonl(tmp_path / "in" / "good.jsonl", [{"text": t} for t in texts[:5]])
    refused = CliRunner().invoke(main, [*args, "--only", ",".join(FOUNDATION)])
    assert refused.exit_code == 2 and "changed after its part was written" in refused.output


def test_progress_bar_shows_bytes_documents_rate_and_eta(
    tmp_path: Path, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tqdm")
    make_corpus(tmp_path / "in", shared, shards=2, per_shard=30)
    run_batch(BatchOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), config=CONFIG, progress=True))
    bar = capsys.readouterr().err
    assert "dorost batch" in bar and "B/s" in bar and "60 docs" in bar and "docs/s" in bar
    assert "100%" in bar and "<00:00" in bar  # the estimated time left, counted down to nothing


def test_batch_text_lines_zstd_in_and_out(tmp_path: Path, shared: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    texts = sentences(shared, 25, start=3000)
    (tmp_path / "in").mkdir()
    body = "\n".join(texts[:10]) + "\n\n" + "\n".join(texts[10:]) + "\n"  # a blank line is kept, not a document
    (tmp_path / "in" / "lines.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(body.encode("utf-8")))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(tmp_path / "in"), "-o", str(out), "--no-progress", "--only", ",".join(FOUNDATION)]
    )
    assert result.exit_code == 0, result.output
    assert "25 documents in 1 part " in result.output
    with zstandard.ZstdDecompressor().stream_reader((out / "lines.txt.zst").read_bytes()) as reader:
        restored = reader.read().decode("utf-8").split("\n")
    expected = [restore_document(text, CONFIG).text for text in texts]
    assert restored == [*expected[:10], "", *expected[10:], ""]


def test_a_stopping_run_makes_workers_drop_their_chunk_at_the_next_document() -> None:
    """Ctrl-C sets the run's stop event; a worker then gives up its chunk instead of being killed
    mid-write (a killed worker could leave half a result in the pool's pipe, and the run hung)."""
    import gc
    import multiprocessing
    import signal

    from dorost.batch import worker
    from dorost.batch.formats import RawChunk

    lines = ["اين كتاب مي شود".encode(), "سلام".encode()]
    chunk = RawChunk(first=0, lines=[line + b"\n" for line in lines], batch=None, position=0)
    settings = worker.Settings("txt")
    stop = multiprocessing.get_context("fork").Event()
    thresholds = gc.get_threshold()
    try:
        worker.init_worker(settings, stop)
        assert worker.process_in_worker(chunk, "txt").output_bytes.decode().splitlines()[0] == "این کتاب می\u200cشود"
        stop.set()
        with pytest.raises(worker.Stopped):
            worker.process_in_worker(chunk, "txt")
    finally:
        worker.init_worker(settings)  # no stop event again; then this process's own handler and thresholds
        signal.signal(signal.SIGINT, signal.default_int_handler)
        gc.set_threshold(*thresholds)


def test_jsonl_to_parquet_keeps_a_field_first_seen_after_the_first_chunk(tmp_path: Path, shared: Path) -> None:
    """A Parquet part's columns are fixed when its first chunk is written; a field that only later
    documents hold (a source named from document 20 on) is still a column, not dropped from them."""
    pq = pytest.importorskip("pyarrow.parquet")
    texts = sentences(shared, 30, start=1500)
    records: list[dict[str, object]] = [{"id": n, "text": text} for n, text in enumerate(texts)]
    for record in records[20:]:
        record["source"] = "خبرگزاری"
    records[25]["score"] = 0.5  # a number seen once, past the first chunk
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", records)
    options = BatchOptions(
        inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), format="parquet", config=CONFIG
    )
    run_batch(replace(options, workers=1, chunk_docs=8))
    rows = pq.read_table(tmp_path / "out" / "a.parquet").to_pylist()
    assert [row["id"] for row in rows] == list(range(30))
    assert [row["source"] for row in rows] == [None] * 20 + ["خبرگزاری"] * 10
    assert [row["score"] for row in rows if row["score"] is not None] == [0.5]
    assert [row["text"] for row in rows] == [restore_document(text, CONFIG).text for text in texts]


def test_jsonl_to_parquet_with_a_field_typed_two_ways_fails_its_part_by_name(tmp_path: Path, shared: Path) -> None:
    """A field that is a number in one document and text in another fits no Parquet column: the part
    is not written and the summary says why (the next run retries it); nothing is written without it."""
    texts = sentences(shared, 12, start=1600)
    records: list[dict[str, object]] = [{"id": n, "text": text} for n, text in enumerate(texts)]
    records[10]["id"] = "ده"
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl", records)
    options = BatchOptions(
        inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), format="parquet", config=CONFIG
    )
    summary = run_batch(replace(options, workers=1, chunk_docs=4))
    assert not (tmp_path / "out" / "a.parquet").exists()
    [failure] = summary.shard_failures
    assert failure["input"].endswith("a.jsonl")
    assert "id" in failure["error"]
