"""`dorost batch` on hostile input and output: each ends with one clear line, the right exit code, no traceback."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorost.cli import main

FOUNDATION = "unify_arabic_letters,normalize_whitespace"


def corpus(folder: Path) -> Path:
    folder.mkdir()
    lines = [
        json.dumps({"text": "اين كتاب"}, ensure_ascii=False),
        '{"text": broken',
        json.dumps({"body": "كتاب"}, ensure_ascii=False),
    ]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def batch(*args: str) -> tuple[int, str]:
    # The test's own options come last, so that they win over these (`--only`, which adds up, only where it gives none).
    only = [] if "--only" in args else ["--only", FOUNDATION]
    result = CliRunner().invoke(main, ["batch", "--workers", "1", *only, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("file.txt", "the output {path} is a file, not a folder; choose a folder"),
        ("file.txt/sub", "cannot create the output folder {path}: Not a directory"),
    ],
)
def test_an_output_folder_that_cannot_be_made_is_exit_4(tmp_path: Path, output: str, message: str) -> None:
    source = corpus(tmp_path / "in")
    (tmp_path / "file.txt").write_text("نگه داشته می\u200cشود", encoding="utf-8")
    path = tmp_path / output
    code, text = batch(str(source), "-o", str(path))
    assert code == 4
    assert text.strip().splitlines() == ["dorost: error: " + message.format(path=path)]
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "نگه داشته می\u200cشود"


def test_a_document_without_the_text_field_is_named_and_kept(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in")
    code, text = batch(str(source), "-o", str(tmp_path / "out"))
    # Kept, and the run says that not everything was restored.
    assert code == 5
    assert text.strip().splitlines()[-1] == (
        "dorost: error: 2 of the 3 documents could not be restored; "
        "they are in the output unchanged (see _dorost_summary.json)"
    )
    assert "line 3: KeyError: the document has no field 'text'" in text
    assert "line 2: JSONDecodeError" in text
    written = (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(written[0]) == {"text": "این کتاب"}
    assert written[1:] == ['{"text": broken', json.dumps({"body": "كتاب"}, ensure_ascii=False)]


def test_a_byte_order_mark_before_a_json_line_is_no_part_of_it(tmp_path: Path) -> None:
    # A file saved by a Windows tool, then another appended to it with `cat`: each starts with a BOM.
    (tmp_path / "in").mkdir()
    line = json.dumps({"text": "اين كتاب"}, ensure_ascii=False).encode("utf-8")
    (tmp_path / "in" / "a.jsonl").write_bytes(b"\xef\xbb\xbf" + line + b"\r\n\xef\xbb\xbf" + line + b"\r\n")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0 and "0 failed" in text, text
    written = (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(record) for record in written] == [{"text": "این کتاب"}] * 2


def test_a_wrong_text_field_fails_every_document_and_the_run(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    lines = [json.dumps({"content": text}, ensure_ascii=False) for text in ("اين كتاب", "كتاب  دوم")]
    (tmp_path / "in" / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 5
    assert text.strip().splitlines()[-1] == (
        "dorost: error: none of the 2 documents could be restored; they are in the output unchanged "
        "(see _dorost_summary.json); no document listed has the field 'text': is --text-field right?"
    )
    summary = json.loads((tmp_path / "out" / "_dorost_summary.json").read_text(encoding="utf-8"))
    assert (summary["status"], summary["exit_code"], summary["failures"]) == ("documents not restored", 5, 2)
    # One bad document never stops the run: every document is written, unchanged.
    assert (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines() == lines
    # Run again, the output still holds them: the same answer, without redoing anything.
    again_code, again = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert again_code == 5 and "1 already done" in again, again
    # The right field restores them all.
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "right"), "--text-field", "content")
    assert code == 0 and "error" not in text, text
    summary = json.loads((tmp_path / "right" / "_dorost_summary.json").read_text(encoding="utf-8"))
    assert (summary["status"], summary["exit_code"], summary["failures"]) == ("restored", 0, 0)


PARAGRAPHS = "اين كتاب است\nكتاب  دوم\n\nسوم و آخر"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "windows-1256", "utf-8-sig"])
def test_a_text_file_is_read_in_the_encoding_dorost_fix_finds(tmp_path: Path, encoding: str) -> None:
    # A UTF-16 file saved by Notepad used to fail on every line (UnicodeDecodeError), while
    # `dorost fix` read it: each line is now a document, as in the same file in UTF-8.
    for name, data in (("in", PARAGRAPHS.encode(encoding)), ("utf8", PARAGRAPHS.encode("utf-8"))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_bytes(data)
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0 and "3 documents in 1 part" in text and "0 failed" in text, text
    batch(str(tmp_path / "utf8"), "-o", str(tmp_path / "expected"))
    written = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert written == (tmp_path / "expected" / "a.txt").read_text(encoding="utf-8")
    assert written.splitlines() == ["این کتاب است", "کتاب دوم", "", "سوم و آخر"]


def test_a_jsonl_file_in_utf16_is_read(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    lines = [json.dumps({"id": n, "text": text}, ensure_ascii=False) for n, text in enumerate(["اين كتاب", "دوم"])]
    (tmp_path / "in" / "a.jsonl").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0 and "0 failed" in text, text
    written = (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in written] == [{"id": 0, "text": "این کتاب"}, {"id": 1, "text": "دوم"}]


def test_utf16_without_a_byte_order_mark_is_refused_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(PARAGRAPHS.encode("utf-16-le"))
    (tmp_path / "in" / "b.txt").write_text(PARAGRAPHS, encoding="utf-8")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 3
    assert text.count("could not read") == 1 and "document" not in text.split("could not read")[1], text
    assert (
        f"could not read {tmp_path / 'in' / 'a.txt'}: BatchError: the input looks like UTF-16 without a "
        "byte-order mark; save it as UTF-8 (the next run reads it again)"
    ) in text
    assert not (tmp_path / "out" / "a.txt").exists()
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8").splitlines()[0] == "این کتاب است"


def test_a_bad_line_in_a_utf8_text_file_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(PARAGRAPHS.encode("utf-8") + b"\n\xff\xfe tail\n" + "كتاب".encode())
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 5 and "failed: " in text and "a.txt line 5: UnicodeDecodeError" in text, text
    written = (tmp_path / "out" / "a.txt").read_bytes().splitlines()
    assert written[-2:] == [b"\xff\xfe tail", "کتاب".encode()]


# A program, and a JSONL shard compressed but named without its .gz: no text, whatever their names say.
_ELF = b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00\x3e\x00\x01\x00\x00\x00\x10\x6b\x00\x00\n" * 40


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", _ELF, "the input is binary data (it contains NUL bytes), not text"),
        (
            "a.jsonl",
            gzip.compress(json.dumps({"text": "اين كتاب"}, ensure_ascii=False).encode() + b"\n"),
            "the input is gzip-compressed data, not text; decompress it (`dorost batch` reads a file named *.gz "
            "decompressed)",
        ),
    ],
)
def test_a_file_that_is_no_text_is_refused_whole_as_dorost_fix_refuses_it(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    # Before, each of its "lines" was a document that failed with a UnicodeDecodeError, and the part was written.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(data)
    (tmp_path / "in" / "b.txt").write_text(PARAGRAPHS, encoding="utf-8")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "txt")
    assert code == 3, text
    assert f"could not read {tmp_path / 'in' / name}: BatchError: {message} (the next run reads it again)" in text
    assert "UnicodeDecodeError" not in text and [path.name for path in (tmp_path / "out").glob("[!_]*")] == ["b.txt"]
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8").splitlines()[0] == "این کتاب است"


def test_a_stray_nul_in_a_text_file_is_kept_in_its_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PARAGRAPHS + "\nيك\x00دو\n", encoding="utf-8")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0, text
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").splitlines()[-1] == "یک\x00دو"


def test_standard_input_and_a_folder_of_other_files_are_named_in_the_message(tmp_path: Path) -> None:
    code, text = batch("-", "-o", str(tmp_path / "out"))
    assert code == 3 and "dorost batch reads files and folders, not standard input" in text, text
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.html").write_text("<p>راهنما</p>\n", encoding="utf-8")
    code, text = batch(str(tmp_path / "docs"), "-o", str(tmp_path / "out"))
    expected = "no corpus files (.jsonl, .ndjson, .parquet, .txt, with .gz/.zst; Markdown .md, .markdown, .mdx) found"
    assert code == 3 and expected in text, text
    assert not (tmp_path / "out").exists()


def test_a_wrong_column_of_a_parquet_file_is_named_with_the_option(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "in").mkdir()
    pq.write_table(pa.table({"content": ["اين كتاب", "دوم"]}), tmp_path / "in" / "a.parquet")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 3
    assert text.strip().splitlines()[-1] == (
        "dorost: error: 1 input could not be read and is not in the output; "
        "no input has the column 'text': is --text-field right?"
    )


def test_null_texts_in_a_parquet_column_are_missing_values_not_failures(tmp_path: Path) -> None:
    # Nullable string columns are the rule in Parquet: a run over one must end 0, with the nulls
    # as they were and every other column kept.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "in").mkdir()
    table = pa.table({"id": [1, 2, 3], "text": ["اين كتاب", None, "مي شود"], "score": [0.5, None, 1.0]})
    pq.write_table(table, tmp_path / "in" / "a.parquet")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--only", "unify_arabic_letters")
    assert code == 0, text
    restored = pq.read_table(tmp_path / "out" / "a.parquet").to_pylist()
    assert restored == [
        {"id": 1, "text": "این کتاب", "score": 0.5},
        {"id": 2, "text": None, "score": None},
        {"id": 3, "text": "می شود", "score": 1.0},
    ]
    summary = json.loads((tmp_path / "out" / "_dorost_summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3 and summary["failures"] == 0 and summary["changed"] == 2


def test_a_null_text_in_jsonl_is_kept_and_no_failure(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    lines = ['{"id": 1, "text": null}', json.dumps({"id": 2, "text": "كتاب"}, ensure_ascii=False)]
    (tmp_path / "in" / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0, text
    written = (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert written == ['{"id": 1, "text": null}', '{"id":2,"text":"کتاب"}']
    assert "dorost: 2 documents in 1 part (0.0 MB), 1 changed, 1 edit, 0 failed" in text


def test_a_run_the_command_refuses_as_given_is_a_usage_error(tmp_path: Path) -> None:
    # Exit code 3 tells a script that an input could not be read and a rerun retries it; these
    # refusals need another command (--format, --restart, another folder), so they are usage errors.
    source = corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert batch(str(source), "-o", str(out))[0] == 5  # one broken line, one without the field
    (source / "b.jsonl").write_text('{"text": "كتاب"}\n', encoding="utf-8")
    code, text = batch(str(source), "-o", str(out))
    assert code == 2 and "holds a run over other inputs" in text, text
    code, text = batch(str(source), "-o", str(out), "--digits", "latin")
    assert code == 2 and "holds a run with other settings" in text, text
    (source / "c.txt").write_text("كتاب\n", encoding="utf-8")
    code, text = batch(str(source), "-o", str(tmp_path / "mixed"))
    assert code == 2 and "the inputs mix formats" in text, text
    code, text = batch(str(source), "-o", str(source / "restored"), "--format", "jsonl")
    assert code == 2 and "is inside the input folder" in text, text
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.md").write_text("mine", encoding="utf-8")
    code, text = batch(str(source), "-o", str(busy), "--format", "jsonl")
    assert code == 2 and "holds no dorost batch run" in text, text
    assert (busy / "notes.md").read_text(encoding="utf-8") == "mine"


def test_a_text_part_keeps_one_document_a_line(tmp_path: Path) -> None:
    # `&#10;` decodes to a line break: written as it came, the part would have three lines for two
    # documents, and every line after it would stand against the wrong input line.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("سلام&#10;دنیا و اين\nمي شود\n", encoding="utf-8")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--only", "decode_html_entities")
    assert code == 5, text
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").splitlines() == ["سلام&#10;دنیا و اين", "مي شود"]
    assert "a.txt line 1: ValueError: its restoration holds a line break, and a text part holds one document" in text


def test_parquet_documents_with_line_breaks_are_not_split_into_a_text_part(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "in").mkdir()
    pq.write_table(pa.table({"text": ["خط اول\nخط دوم", "اين"]}), tmp_path / "in" / "a.parquet")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "txt")
    assert code == 5, text
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").split("\n") == ["", "این", ""]
    assert "a.parquet row 0: ValueError: the document holds a line break" in text


def test_options_that_leave_no_fix_to_run_are_a_usage_error(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in")
    code, text = batch(str(source), "-o", str(tmp_path / "out"), "--skip", FOUNDATION)
    assert code == 2 and "--only and --skip leave no fix to run" in text, text
    assert not (tmp_path / "out").exists()


def test_the_closing_line_says_where_failures_are_also_on_resumption(tmp_path: Path) -> None:
    # A text part holds one line a document: a document with line breaks, a line that is no JSON
    # object and a document without the text field are written as empty lines (so that each line
    # still stands beside its input line), not "unchanged" as the closing line used to say.
    (tmp_path / "in").mkdir()
    failing = [
        json.dumps({"text": "خط اول\nخط دوم"}, ensure_ascii=False),
        '{"text": broken',
        json.dumps(["كتاب"], ensure_ascii=False),
        json.dumps({"body": "كتاب"}, ensure_ascii=False),
    ]
    (tmp_path / "in" / "a.jsonl").write_text("\n".join(failing) + "\n", encoding="utf-8")
    good = json.dumps({"text": "اين كتاب"}, ensure_ascii=False)
    (tmp_path / "in" / "b.jsonl").write_text(good + "\n", encoding="utf-8")
    out = tmp_path / "out"
    expected = (
        "dorost: error: 4 of the 5 documents could not be restored; they are in the output as empty lines "
        "(a text part cannot hold them: --format jsonl or parquet can) (see _dorost_summary.json)"
    )
    code, text = batch(str(tmp_path / "in"), "-o", str(out), "--format", "txt")
    assert code == 5 and text.strip().splitlines()[-1] == expected, text
    assert (out / "a.txt").read_text(encoding="utf-8") == "\n" * 4
    assert (out / "b.txt").read_text(encoding="utf-8") == "این کتاب\n"
    summary = json.loads((out / "_dorost_summary.json").read_text(encoding="utf-8"))
    assert (summary["failures"], summary["failures_written_empty"], summary["failures_left_out"]) == (4, 4, 0)
    # Resumed: a.txt's part is not redone, its count comes from the journal.
    (out / "b.txt").unlink()
    code, text = batch(str(tmp_path / "in"), "-o", str(out), "--format", "txt")
    assert code == 5 and "1 already done" in text and text.strip().splitlines()[-1] == expected, text
    assert (out / "b.txt").read_text(encoding="utf-8") == "این کتاب\n"


def test_the_closing_line_counts_failures_a_parquet_part_cannot_hold(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = corpus(tmp_path / "in")  # a restorable document, a broken line, one without the field
    code, text = batch(str(source), "-o", str(tmp_path / "out"), "--format", "parquet")
    assert code == 5, text
    assert text.strip().splitlines()[-1] == (
        "dorost: error: 2 of the 3 documents could not be restored; 1 is in the output unchanged and 1 not "
        "at all (the output format cannot hold it) (see _dorost_summary.json)"
    )
    rows = pq.read_table(tmp_path / "out" / "a.parquet").to_pylist()
    assert rows == [{"text": "این کتاب", "body": None}, {"text": None, "body": "كتاب"}]


def test_a_failed_document_is_named_by_the_line_an_editor_shows(tmp_path: Path) -> None:
    # The closing lines count a JSONL file's lines from 1, as an editor does; the JSON summary keeps the 0-based index.
    (tmp_path / "in").mkdir()
    lines = ['{"text": "اين كتاب است"}', '{"text": "كتاب دوم"', '{"text": "سوم"}']
    (tmp_path / "in" / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 5 and "a.jsonl line 2: " in text, text
    summary = json.loads((tmp_path / "out" / "_dorost_summary.json").read_text(encoding="utf-8"))
    assert [failure["index"] for failure in summary["failed"]] == [1]


def test_a_text_file_written_as_jsonl_holds_json_objects_only(tmp_path: Path) -> None:
    # A blank line of a text file is layout, no document: in a JSONL part it would be a line that is no JSON.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("اين\n\nمي شود\n", encoding="utf-8")
    code, _ = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "jsonl")
    assert code == 0
    written = (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in written] == [{"text": "این"}, {"text": "می شود"}]


@pytest.mark.parametrize(
    ("module", "options", "hint"),
    [
        ("tqdm", ["--progress"], " (or give --no-progress)"),
        ("pyarrow", ["--format", "parquet"], ""),
        ("zstandard", ["--compression", "zst"], ""),
    ],
)
def test_a_missing_module_of_the_batch_extra_is_named_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, options: list[str], hint: str
) -> None:
    # With the base install (pip install dorost), each was a traceback, the zstd one after the output folder was made.
    corpus(tmp_path / "in")
    monkeypatch.setitem(sys.modules, module, None)  # `import module` fails, as where it is not installed
    code, text = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), *options)
    assert code == 2, text
    assert (
        text
        == f"dorost: error: the batch extra is missing ({module}); install it with: pip install 'dorost[batch]'{hint}\n"
    )
    assert not (tmp_path / "out").exists()
    monkeypatch.undo()  # the module as it was (not imported again)
    assert batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress")[0] == 5  # the corpus's bad line
