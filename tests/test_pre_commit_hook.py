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
