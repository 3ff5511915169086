"""The README's Python examples run as shown and give what their comments say."""

from __future__ import annotations

import ast
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def block_with(marker: str) -> str:
    found = [block for block in python_blocks() if marker in block]
    assert len(found) == 1, f"one README example uses {marker}"
    return found[0]


def claims(block: str) -> list[tuple[str, object]]:
    """The lines ``expression  # value`` of an example: what the README says each expression gives."""
    found: list[tuple[str, object]] = []
    previous = ""
    for line in block.splitlines():
        expression, hash_, comment = line.partition("  #")
        if line.startswith("# "):  # the value of the line above, on a line of its own
            expression, hash_, comment = previous, "#", line[1:]
        previous = line
        if not hash_ or not expression.strip():
            continue
        try:
            compile(expression.strip(), "<README>", "eval")
        except SyntaxError:
            continue  # a statement (`for edit in ...:`), its comment a description
        # The value, or the value before a colon that explains it (`# True: edits are a complete record`).
        for said in (comment.strip(), comment.strip().split(":")[0]):
            try:
                found.append((expression.strip(), ast.literal_eval(said)))
                break
            except (SyntaxError, ValueError):
                continue
    return found


@pytest.mark.parametrize("marker", ["dorost.repair(", "restore_document("])
def test_a_python_example_gives_what_its_comments_say(marker: str) -> None:
    block = block_with(marker)
    namespace: dict[str, object] = {}
    exec(block, namespace)
    said = claims(block)
    assert len(said) == (4 if marker == "dorost.repair(" else 1)
    for expression, value in said:
        assert eval(expression, namespace) == value, expression


def test_the_datatrove_example_runs_as_a_script(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    (tmp_path / "corpus").mkdir()
    lines = [json.dumps({"id": "1", "text": "اين كتاب"}, ensure_ascii=False), '{"id": "2", "text": "مي شود"}']
    (tmp_path / "corpus" / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "example.py").write_text(block_with("DorostFormatter"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    texts = []
    for part in sorted((tmp_path / "restored").glob("*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as restored:
            texts += [json.loads(line)["text"] for line in restored]
    assert sorted(texts) == sorted(["این کتاب", "می\u200cشود"])
