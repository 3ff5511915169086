"""`dorost batch` over a folder of Markdown files: one document a file, restored as `dorost fix` restores a
Markdown file, into the same tree under the output folder; on real, damaged Persian (FarsTail sentences)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorost import Config
from dorost.cli import main
from dorost.inputs import fix_markdown

FARSTAIL = "corpora/farstail/farstail_unique_sentences.txt"
FOUNDATION = "unify_arabic_letters,remove_invisible_junk,tidy_zwnj,fix_punctuation,normalize_whitespace"
CONFIG = Config().with_fixes(only=FOUNDATION.split(","))
# What no fix may touch: a fenced block and a backtick span of damaged Persian (Arabic letters, مي without its
# ZWNJ), and a link's address.
FENCE = '```python\nprint("اين كتاب مي شود")  # كد\n```\n'
INLINE = "`مي شود`"
URL = "https://fa.wikipedia.org/wiki/Persian_language?lang=fa&q=1"
# A page named on an Arabic keyboard (its slug holds ي): another page once written ی.
SLUG = "https://example.ir/راهنماي-نصب"


def batch(*args: str, only: str = FOUNDATION) -> tuple[int, str]:
    """`dorost batch` in one process; with the character-level fixes only unless ``only`` is empty (every fix)."""
    fixes = ["--only", only] if only else []
    result = CliRunner().invoke(main, ["batch", "--workers", "1", *fixes, "--no-progress", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def sentences(shared: Path, count: int, start: int = 0) -> list[str]:
    with open(shared / FARSTAIL, encoding="utf-8") as corpus:
        lines = [line.rstrip("\n") for line in corpus if line.strip()]
    return lines[start : start + count]


def page(lines: list[str], newline: str = "\n") -> str:
    """A documentation page: a heading, a paragraph written a sentence a line, a hard break, code and a link."""
    text = (
        f"# {lines[0]}\n\n"
        + "\n".join(lines[1:4])
        + "  \n"  # a hard break (CommonMark 6.7): its two spaces are the author's
        + f"{lines[4]}\n\n{FENCE}\n"
        + f"{lines[5]} {INLINE} [{lines[6]}]({URL}) [راهنما]({SLUG})\n\n- {lines[7]}\n- {lines[8]}\n"
    )
    return text.replace("\n", newline)


def docs_tree(folder: Path, shared: Path) -> dict[str, str]:
    """A documentation repository: Markdown and MDX pages in folders, one with Windows line ends; name → text."""
    texts = {
        "README.md": page(sentences(shared, 9, 0)),
        "guide/install.md": page(sentences(shared, 9, 9)),
        "guide/deep/usage.mdx": page(sentences(shared, 9, 18)),
        "blog/notes.markdown": page(sentences(shared, 9, 27), "\r\n"),
    }
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text.encode("utf-8"))
    return texts


def test_a_folder_of_markdown_becomes_the_same_tree_restored_as_dorost_fix_restores_each_file(
    tmp_path: Path, shared: Path
) -> None:
    texts = docs_tree(tmp_path / "docs", shared)
    code, out = batch(str(tmp_path / "docs"), "-o", str(tmp_path / "out"), "--format", "md", only="")
    assert code == 0, out
    written = {
        str(path.relative_to(tmp_path / "out")) for path in (tmp_path / "out").rglob("*") if path.name[0] not in "._"
    }
    assert written - {"guide", "guide/deep", "blog"} == set(texts)
    changed = 0
    for name, text in texts.items():
        restored = (tmp_path / "out" / name).read_bytes().decode("utf-8")
        assert restored == fix_markdown(text).text  # byte for byte what `dorost fix` writes
        changed += restored != text
        # Code, the link's address and the layout are the author's; the prose around them is restored.
        assert FENCE.replace("\n", "\r\n" if "\r" in text else "\n") in restored
        assert f"{INLINE} [" in restored and f"]({URL})" in restored and f"]({SLUG})" in restored
        assert restored.count("\n") == text.count("\n") and restored.count("\r") == text.count("\r")
        assert re.search(r"\S  \r?\n", restored), "the hard break's two spaces were lost"
        kept = (FENCE, FENCE.replace("\n", "\r\n"), INLINE, SLUG)
        assert "ي" not in functools.reduce(lambda text, code: text.replace(code, ""), kept, restored)
    assert changed == len(texts), "FarsTail's sentences lost ZWNJs (کانون های): every page needs restoring"
    summary = json.loads((tmp_path / "out" / "_dorost_summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == len(texts) and summary["failures"] == 0 and summary["changed"] == len(texts)
    # Idempotent: the restored tree, run again, comes back byte for byte.
    code, out = batch(str(tmp_path / "out"), "-o", str(tmp_path / "again"), "--format", "md", only="")
    assert code == 0, out
    for name in texts:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "out" / name).read_bytes()


def test_a_folder_s_markdown_is_read_with_format_md_and_then_alone(tmp_path: Path, shared: Path) -> None:
    # A corpus folder holds its card beside its text (each folder of ../shared/corpora does): no document of it.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = sentences(shared, 3)
    (corpus / "text.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "README.md").write_text(f"# {lines[0]}\n", encoding="utf-8")
    code, out = batch(str(corpus), "-o", str(tmp_path / "out"))
    assert code == 0, out
    assert (tmp_path / "out" / "text.txt").exists() and not (tmp_path / "out" / "README.md").exists()
    # So is a JSONL corpus whose documents are Markdown (--markdown says so of their text, not of the card).
    jsonl = tmp_path / "jsonl"
    jsonl.mkdir()
    (jsonl / "data.jsonl").write_text(json.dumps({"text": page(lines * 3)}, ensure_ascii=False) + "\n", "utf-8")
    (jsonl / "README.md").write_text(f"# {lines[0]}\n", encoding="utf-8")
    code, out = batch(str(jsonl), "-o", str(tmp_path / "jsonl-out"), "--markdown")
    assert code == 0, out
    assert not (tmp_path / "jsonl-out" / "README.md").exists()
    (record,) = [json.loads(line) for line in (tmp_path / "jsonl-out" / "data.jsonl").read_text("utf-8").splitlines()]
    assert record["text"] == fix_markdown(page(lines * 3), CONFIG).text
    # A documentation repository holds other files (requirements.txt for its site): --format md reads its Markdown.
    texts = docs_tree(tmp_path / "docs", shared)
    code, out = batch(str(tmp_path / "docs"), "-o", str(tmp_path / "docs-out"))
    assert code == 2 and "give --format md to restore them, one document a file" in out, out
    assert not (tmp_path / "docs-out").exists()
    (tmp_path / "docs" / "requirements.txt").write_text("mkdocs\n", encoding="utf-8")
    code, out = batch(str(tmp_path / "docs"), "-o", str(tmp_path / "txt-out"))  # a text corpus of one line
    assert code == 0 and f"dorost: {len(texts)} Markdown files of the input folders skipped" in out, out
    code, out = batch(str(tmp_path / "docs"), "-o", str(tmp_path / "docs-out"), "--format", "md")
    assert code == 0, out
    written = sorted(str(path.relative_to(tmp_path / "docs-out")) for path in (tmp_path / "docs-out").rglob("*.*"))
    assert [name for name in written if not name.startswith("_")] == sorted(texts)
    # A Markdown file given by name is read as Markdown: its name says so, as for `dorost fix`.
    code, out = batch(str(tmp_path / "docs" / "guide" / "install.md"), "-o", str(tmp_path / "one"))
    assert code == 0, out
    text = (tmp_path / "docs" / "guide" / "install.md").read_text(encoding="utf-8")
    assert (tmp_path / "one" / "install.md").read_text(encoding="utf-8") == fix_markdown(text, CONFIG).text


@pytest.mark.parametrize(
    ("inputs", "args"),
    [
        (("docs/README.md", "corpus"), ()),  # a Markdown file beside a text corpus
        (("docs/README.md",), ("--format", "txt")),
        (("docs/README.md",), ("--format", "jsonl")),
        (("corpus/text.txt",), ("--format", "md")),
    ],
)
def test_markdown_files_are_restored_into_markdown_files_only(
    tmp_path: Path, shared: Path, inputs: tuple[str, ...], args: tuple[str, ...]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "text.txt").write_text("\n".join(sentences(shared, 3)) + "\n", encoding="utf-8")
    docs_tree(tmp_path / "docs", shared)
    code, out = batch(*(str(tmp_path / name) for name in inputs), "-o", str(tmp_path / "out"), *args)
    assert code == 2 and "Markdown files are restored into Markdown files (--format md), and only they are" in out
    assert not (tmp_path / "out").exists()


def test_markdown_has_nowhere_to_put_edit_lists(tmp_path: Path, shared: Path) -> None:
    docs_tree(tmp_path / "docs", shared)
    code, out = batch(str(tmp_path / "docs"), "-o", str(tmp_path / "out"), "--format", "md", "--edits")
    assert code == 2 and "--edits needs --format jsonl or parquet" in out, out


def test_a_markdown_file_that_is_no_text_is_written_as_it_came_and_listed(tmp_path: Path, shared: Path) -> None:
    texts = docs_tree(tmp_path / "docs", shared)
    broken = b"\xff\xfe" + "# راهنما".encode("utf-16-le")[:-1]  # UTF-16 cut inside a character
    (tmp_path / "docs" / "broken.md").write_bytes(broken)
    (tmp_path / "docs" / "empty.md").write_bytes(b"")
    code, out = batch(str(tmp_path / "docs"), "-o", str(tmp_path / "out"), "--format", "md")
    assert code == 5, out
    assert (tmp_path / "out" / "broken.md").read_bytes() == broken
    assert (tmp_path / "out" / "empty.md").read_bytes() == b""
    summary = json.loads((tmp_path / "out" / "_dorost_summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == len(texts) + 1 and summary["failures"] == 1
    (failure,) = summary["failed"]
    assert failure["input"] == str((tmp_path / "docs" / "broken.md").resolve()) and failure["index"] == 0
    assert failure["error"] == "InputError: the input starts with a UTF-16 mark but is not valid UTF-16: truncated data"
    assert f"dorost: failed: {failure['input']}: InputError: the input starts with a UTF-16 mark" in out, out


def test_two_workers_restore_a_markdown_tree_as_one_does(tmp_path: Path, shared: Path) -> None:
    texts = {f"section-{n}/page-{n}.md": page(sentences(shared, 9, 9 * n)) for n in range(12)}
    for name, text in texts.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["batch", str(tmp_path / "docs"), "-o", str(tmp_path / "out"), "--format", "md", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    for name, text in texts.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == fix_markdown(text).text
