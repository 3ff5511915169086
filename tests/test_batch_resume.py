"""An interrupted `dorost batch` (kill -9, Ctrl-C) resumes with no document lost or written twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dorost import Config
from dorost.batch import restore_document
from dorost.batch.formats import TEMP_SUFFIX
from dorost.batch.state import DONE_FILE

FARSTAIL = "corpora/farstail/farstail_unique_sentences.txt"
SHARDS, PER_SHARD = 40, 150
# The character-level fixes: fast and settled, so the test is quick and independent of the language model.
FOUNDATION = ("unify_arabic_letters", "remove_invisible_junk", "tidy_zwnj", "fix_punctuation", "normalize_whitespace")
CONFIG = Config().with_fixes(only=FOUNDATION)


def make_corpus(folder: Path, shared: Path) -> dict[str, str]:
    """Shards of real FarsTail sentences, each document with a unique id; returns id → text."""
    folder.mkdir()
    texts: dict[str, str] = {}
    with open(shared / FARSTAIL, encoding="utf-8") as corpus:
        lines = (line.rstrip("\n") for line in corpus if line.strip())
        for shard in range(SHARDS):
            with open(folder / f"shard-{shard:02}.jsonl", "w", encoding="utf-8") as out:
                for n in range(PER_SHARD):
                    doc_id, text = f"{shard}-{n}", next(lines)
                    texts[doc_id] = text
                    out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return texts


def start(inputs: Path, output: Path, *options: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "dorost", "batch", str(inputs), "-o", str(output), "--workers", "2"]
    command += ["--no-progress", "--only", ",".join(FOUNDATION), *options]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_in_foreground
    )


def _in_foreground() -> None:
    """The run stands for one in a terminal's foreground, where Ctrl-C interrupts it: a shell starts background
    jobs (the test suite itself, in some CI scripts) with SIGINT ignored, and every child would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for_parts(process: subprocess.Popen[bytes], journal: Path, parts: int, timeout: float = 180) -> None:
    """Waits for the journal to list `parts` parts; generous, because a loaded shared machine can be slow to start."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if journal.exists() and len(journal.read_bytes().splitlines()) >= parts:
            return
        assert process.poll() is None, process.communicate()[1].decode()
        time.sleep(0.01)
    raise AssertionError("the run never finished a part")


def finish(inputs: Path, output: Path, *options: str) -> str:
    process = start(inputs, output, *options)
    _, err = process.communicate(timeout=240)
    assert process.returncode == 0, err.decode()
    return err.decode()


def check_output(output: Path, texts: dict[str, str]) -> None:
    seen: list[str] = []
    for part in sorted(output.glob("shard-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            seen.append(record["id"])
            assert record["text"] == restore_document(texts[record["id"]], CONFIG).text
    assert len(seen) == len(set(seen)), "a document was written twice"
    assert set(seen) == set(texts), "a document was lost"
    assert not list(output.rglob(f"*{TEMP_SUFFIX}")), "a temporary part was left behind"


def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path: Path, shared: Path) -> None:
    texts = make_corpus(tmp_path / "in", shared)
    output = tmp_path / "out"
    process = start(tmp_path / "in", output)
    wait_for_parts(process, output / DONE_FILE, 2)
    assert process.poll() is None
    os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers, mid-run, without warning
    process.wait()
    done = len((output / DONE_FILE).read_bytes().splitlines())
    assert 2 <= done < SHARDS, "the kill must land in the middle of the run"
    err = finish(tmp_path / "in", output)
    assert f"{done} already done" in err
    check_output(output, texts)
    assert len((output / DONE_FILE).read_bytes().splitlines()) == SHARDS


def test_ctrl_c_stops_cleanly_then_resumes(tmp_path: Path, shared: Path) -> None:
    texts = make_corpus(tmp_path / "in", shared)
    output = tmp_path / "out"
    process = start(tmp_path / "in", output)
    wait_for_parts(process, output / DONE_FILE, 1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err.decode()
    assert "give the same command again to resume" in err.decode()
    assert not list(output.rglob(f"*{TEMP_SUFFIX}"))
    finish(tmp_path / "in", output)
    check_output(output, texts)


def test_ctrl_c_inside_the_opening_of_a_part_leaves_no_temporary(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C can land in open() after the part's file exists and before its writer does."""
    from dorost.batch import formats, runner

    make_corpus(tmp_path / "in", shared)
    output = tmp_path / "out"
    real_open = open
    opened: list[str] = []

    def open_then_interrupt(file: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        if Path(file).name.startswith(".shard-01") and "w" in mode:
            opened.append(Path(file).name)
            handle.close()
            raise KeyboardInterrupt
        return handle

    monkeypatch.setattr(formats, "open", open_then_interrupt, raising=False)
    options = runner.BatchOptions((str(tmp_path / "in"),), str(output), workers=1, config=CONFIG)
    with pytest.raises(KeyboardInterrupt):
        runner.run_batch(options)
    assert opened == [".shard-01.jsonl.dorost-tmp"]
    assert (output / "shard-00.jsonl").exists()
    assert not list(output.rglob(f"*{TEMP_SUFFIX}"))


def test_kill_9_then_resume_a_markdown_tree_loses_and_duplicates_nothing(tmp_path: Path, shared: Path) -> None:
    """A folder of Markdown files is a part a file: each is written whole or not at all, and a resumed run writes
    every file once, as a run that was never stopped writes it."""
    from dorost.inputs import fix_markdown

    jsonl = make_corpus(tmp_path / "shards", shared)
    texts: dict[str, str] = {}
    for shard in range(SHARDS):
        # A page: a heading, then the shard's sentences, a sentence a line, in paragraphs of ten.
        lines = [jsonl[f"{shard}-{n}"] for n in range(PER_SHARD)]
        paragraphs = ["\n".join(lines[n : n + 10]) for n in range(0, PER_SHARD, 10)]
        texts[f"part-{shard % 4}/page-{shard:02}.md"] = f"# {shard}\n\n" + "\n\n".join(paragraphs) + "\n"
    for name, text in texts.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    output = tmp_path / "out"
    process = start(tmp_path / "docs", output, "--format", "md")
    wait_for_parts(process, output / DONE_FILE, 2)
    assert process.poll() is None
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done = len((output / DONE_FILE).read_bytes().splitlines())
    assert 2 <= done < SHARDS, "the kill must land in the middle of the run"
    err = finish(tmp_path / "docs", output, "--format", "md")
    assert f"{done} already done" in err
    journal = [json.loads(line)["part"] for line in (output / DONE_FILE).read_bytes().splitlines()]
    assert sorted(journal) == sorted(texts), "a file was lost or journaled twice"
    for name, text in texts.items():
        assert (output / name).read_text(encoding="utf-8") == fix_markdown(text, CONFIG).text
    written = [path for path in output.rglob("*") if path.is_file() and not path.name.startswith("_")]
    assert len(written) == len(texts), "a temporary or stray file was left behind"


def test_a_part_the_disk_refuses_is_not_journaled_and_the_rerun_writes_it(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts are made durable and journaled in a thread, many at once: a disk that fails on one of them stops the
    run with that error in the caller, journals no part that is not whole on disk, and leaves no temporary."""
    import errno

    from dorost.batch import formats, runner

    texts = make_corpus(tmp_path / "in", shared)
    output = tmp_path / "out"
    real_sync = formats.PartWriter.sync

    def full_on_shard_07(writer: formats.PartWriter) -> None:
        if writer.path.name == "shard-07.jsonl":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_sync(writer)

    monkeypatch.setattr(formats.PartWriter, "sync", full_on_shard_07)
    options = runner.BatchOptions((str(tmp_path / "in"),), str(output), workers=1, config=CONFIG)
    with pytest.raises(OSError, match="No space left on device"):
        runner.run_batch(options)
    journal = [json.loads(line)["part"] for line in (output / DONE_FILE).read_bytes().splitlines()]
    assert "shard-07.jsonl" not in journal  # (the parts before it and after: as their groups came)
    assert not (output / "shard-07.jsonl").exists()
    assert all((output / name).is_file() for name in journal)
    assert not list(output.rglob(f"*{TEMP_SUFFIX}"))
    monkeypatch.setattr(formats.PartWriter, "sync", real_sync)
    summary = runner.run_batch(options)
    assert summary.resumed_parts == len(journal) and summary.exit_code == 0
    check_output(output, texts)
