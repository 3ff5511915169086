"""`dorost batch` on hostile input and output: each ends with one clear line, the right exit code, no traceback."""

from __future__ import annotations

import json
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
    result = CliRunner().invoke(main, ["batch", *args, "--workers", "1", "--only", FOUNDATION])
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
    (tmp_path / "file.txt").write_text("نگه داشته می‌شود", encoding="utf-8")
    path = tmp_path / output
    code, text = batch(str(source), "-o", str(path))
    assert code == 4
    assert text.strip().splitlines() == ["dorost: error: " + message.format(path=path)]
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "نگه داشته می‌شود"


def test_a_document_without_the_text_field_is_named_and_kept(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in")
    code, text = batch(str(source), "-o", str(tmp_path / "out"))
    # Kept, and the run says that not everything was restored.
    assert code == 5
    assert text.strip().splitlines()[-1] == (
        "dorost: error: 2 of the 3 documents could not be restored; "
        "they are in the output unchanged (see _dorost_summary.json)"
    )
    assert "document 2: KeyError: the document has no field 'text'" in text
    assert "document 1: JSONDecodeError" in text
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
