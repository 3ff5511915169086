"""The pre-commit hook, run as pre-commit runs it: its entry with the staged files of its types."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

HOOKS = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"
# pre-commit's identify tags of these names (identify/extensions.py): every text file is `text`, so
# a hook on `text` would read a project's code, JSON and YAML as prose.
TAGS = {
    "guide.md": {"text", "markdown"},
    "intro.rst": {"text", "rst"},
    "notes.txt": {"text", "plain-text"},
    "app.py": {"text", "python"},
    "messages.json": {"text", "json"},
    "config.yaml": {"text", "yaml"},
}


def hook() -> dict[str, object]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [entry["id"] for entry in hooks] == ["dorost-check"]
    found: dict[str, object] = hooks[0]
    return found


def checked(name: str) -> bool:
    types_or = set(hook()["types_or"])  # type: ignore[arg-type]
    return bool(TAGS[name] & types_or)


def test_the_hook_reads_prose_files_and_not_code() -> None:
    assert [name for name in TAGS if checked(name)] == ["guide.md", "intro.rst", "notes.txt"]


def test_the_hook_fails_a_commit_with_damaged_persian_and_passes_a_clean_one(tmp_path: Path) -> None:
    files = {
        "guide.md": 'این راهنما مي شود.\n\n```python\nif x == "مي شود":\n```\n',
        "notes.txt": "این یادداشت درست است.\n",
        "app.py": 'if answer == "مي شود":\n    pass\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    entry = shlex.split(str(hook()["entry"]))
    assert entry[:2] == ["dorost", "check"]
    staged = [name for name in files if checked(name)]
    done = subprocess.run(
        [sys.executable, "-m", "dorost", *entry[1:], *staged], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith("guide.md:1:") for line in lines)  # the code block is not read
    clean = subprocess.run(
        [sys.executable, "-m", "dorost", *entry[1:], "notes.txt"], cwd=tmp_path, capture_output=True, check=False
    )
    assert clean.returncode == 0 and clean.stdout == b""


def run_hook(cwd: Path, *names: str) -> subprocess.CompletedProcess[str]:
    entry = shlex.split(str(hook()["entry"]))
    return subprocess.run(
        [sys.executable, "-m", "dorost", *entry[1:], *names], cwd=cwd, capture_output=True, text=True, check=False
    )


# A guide's source wrapped at 80 (Markdown shows each break inside a paragraph as a space), a list
# whose items end without a full stop, and an address whose lines end with two spaces: Markdown's
# hard line break (<br>).
WRAPPED = (
    "# راهنمای نصب\n\n"
    "این راهنما مراحل نصب برنامه را روی سیستم\u200cعامل لینوکس شرح می\u200cدهد. پیش از شروع،\n"
    "مطمئن شوید که نسخهٔ ۳.۱۱ یا بالاتر پایتون روی سیستم شما نصب شده است و به\n"
    "اینترنت دسترسی دارید.\n\n"
    "- پایتون ۳.۱۱ یا بالاتر\n"
    "- دسترسی به اینترنت برای بارگیری وابستگی\u200cها\n\n"
    "برای اطلاعات بیشتر به [مستندات](https://example.com/docs) مراجعه کنید\n"
    "یا در [انجمن](https://example.com/forum) بپرسید.\n\n"
    "## نشانی\n\n"
    "تهران، خیابان انقلاب، کوچهٔ دوم  \n"
    "تلفن: ۰۲۱۱۲۳۴۵۶۷۸  \n"
    "ساعت کار: شنبه تا چهارشنبه\n"
)


@pytest.mark.parametrize("name", ["guide.md", "intro.rst", "notes.txt"])
def test_the_hook_passes_a_source_wrapped_by_its_author(tmp_path: Path, name: str) -> None:
    # Before, each line break inside a paragraph was reported as join_broken_lines and every commit
    # of such a repository failed; in a .md file the hard breaks' spaces were reported too.
    text = WRAPPED if name.endswith(".md") else WRAPPED.replace("  \n", "\n")
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_hook(tmp_path, name)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


def test_a_markdown_file_keeps_its_line_breaks_and_its_damage_is_still_found(tmp_path: Path) -> None:
    damaged = WRAPPED.replace("نصب شده است", "نصب مي شود").replace("مراجعه کنید", "مراجعه كنيد")
    (tmp_path / "guide.md").write_text(damaged, encoding="utf-8")
    done = run_hook(tmp_path, "guide.md")
    assert done.returncode == 1
    found = [line.split()[1] for line in done.stdout.splitlines()]
    assert sorted(found) == ["restore_spacing", "unify_arabic_letters", "unify_arabic_letters", "unify_arabic_letters"]
    # `dorost fix` of the file, with no --skip: the breaks and the hard breaks' spaces are as written.
    fixed = subprocess.run(
        [sys.executable, "-m", "dorost", "fix", "guide.md"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert fixed == WRAPPED.replace("نصب شده است", "نصب می\u200cشود")
    # The same text under another name is plain text: its wraps are joined and the spaces trimmed.
    (tmp_path / "guide.txt").write_text(WRAPPED, encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-m", "dorost", "fix", "guide.txt"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert "  \n" not in plain and plain.count("\n") < WRAPPED.count("\n")


# reStructuredText and AsciiDoc read their indentation: a directive's text stands under it, a literal block under
# `::`, a literal paragraph in AsciiDoc starts with a space.
RST = (
    "راهنما\n"
    "======\n\n"
    ".. note::\n\n"
    "   این یادداشت درست است و نصب مي شود.\n\n"
    "نمونه::\n\n"
    '    print("مي شود")\n\n'
    "- مورد اول\n"
    "  ادامهٔ مورد\n"
)


@pytest.mark.parametrize("name", ["guide.rst", "guide.adoc"])
def test_a_sources_indentation_is_its_structure_and_only_its_damage_is_found(tmp_path: Path, name: str) -> None:
    # The hook reported (and `dorost fix` made) the removal of the note's indentation, which takes its text out of
    # the note, and respelled the literal block's code.
    (tmp_path / name).write_text(RST, encoding="utf-8")
    done = run_hook(tmp_path, name)
    assert done.returncode == 1
    assert [line.split()[:2] for line in done.stdout.splitlines()] == [
        [f"{name}:6:32", "unify_arabic_letters"],
        [f"{name}:6:33", "restore_spacing"],
    ]
    fixed = subprocess.run(
        [sys.executable, "-m", "dorost", "fix", name], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert fixed == RST.replace("نصب مي شود", "نصب می\u200cشود")
