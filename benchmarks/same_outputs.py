"""Same outputs: the pipeline's text and edit lists on varied real input, before and after a change.

For speed work, where nothing but the time may change. The working tree is compared with a
revision: the paths given (default: all of ``src``) are taken from the revision, everything else
from the working tree, so that other people's uncommitted work is on both sides.

    python benchmarks/same_outputs.py                         # the working tree against HEAD
    python benchmarks/same_outputs.py --base 8e3d212 --paths src/dorost/pipeline.py src/dorost/fixes/letters.py
    python benchmarks/same_outputs.py --revert 3a62a2a f8c4a55   # without these commits (newest first)

``--revert`` suits a shared tree best: the base is the working tree with the named commits' changes
under ``src`` undone, so that other people's later commits to the same files are on both sides.

Input, about 2-3 MB: paragraphs of the shippable corpora (as ``throughput.py`` takes them),
multi-line stretches of other corpora, the sample article, damaged documents from ``layout.py``
and damaged lines from ``spacing.py``, and every input of ``tests/cases/*.json`` under three
configurations. Each side runs in its own process on a snapshot of its tree (the working tree may
change meanwhile); the exit status is 1 when any text or edit differs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# Corpora not in throughput.py's set, read as multi-line documents (line breaks and blank lines).
DOCUMENT_CORPORA = (
    "firefox-l10n-fa",
    "openclaw-docs-fa-mt",
    "parsinlu-rc-passages",
    "perspelldata",
    "ud-persian-seraji",
    "ms-beginners-fa-mt",
    "openlogic-fa-mt",
    "persianqa-test",
    "vitepress-docs-fa",
    "debian-handbook-fa",
)
CONFIGS: tuple[dict[str, str], ...] = ({}, {"digits": "persian"}, {"diacritics": "remove", "digits": "latin"})

Item = tuple[str, str, dict[str, str]]  # label, text, Config keyword arguments


def inputs(megabytes: float) -> list[Item]:
    """The input set; every part that needs data missing here is left out."""
    sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "scripts"), str(ROOT / "src")]
    import throughput

    items: list[Item] = [("paragraph", text, {}) for text in throughput.paragraphs(megabytes)]
    # The same kind of text as a PDF's lines give it (wrapped, a blank line after each paragraph): the line fixes'
    # speed work is proven on lines, not only on paragraphs.
    items += [("wrapped", text, {}) for text in throughput.documents(megabytes / 5, 70)]
    rng = random.Random(5)
    for folder in DOCUMENT_CORPORA:
        for path in sorted((SHARED / "corpora" / folder).rglob("*.txt"))[:3]:
            lines = [line.rstrip("\n") for line in path.open(encoding="utf-8") if line.strip()]
            for _ in range(12 if lines else 0):
                start = rng.randrange(0, max(1, len(lines) - 15))
                separator = rng.choice(["\n", "\n\n", "\n"])
                text = separator.join(lines[start : start + rng.randint(3, 15)]) + rng.choice(["", "\n"])
                items.append((f"document:{folder}", text, {}))
    article = SHARED / "seed" / "article-as-extracted.txt"
    if article.exists():
        items.append(("article", article.read_text(encoding="utf-8"), {}))
    items += _layout_documents()
    items += _spacing_lines()
    for case_file in sorted((ROOT / "tests" / "cases").glob("*.json")):
        data = json.loads(case_file.read_text(encoding="utf-8"))
        cases = data if isinstance(data, list) else data.get("cases", [])
        for case in cases:
            if isinstance(case, dict) and isinstance(case.get("input"), str):
                items += [(f"case:{case_file.stem}", case["input"], config) for config in CONFIGS]
    return items


def _layout_documents() -> list[Item]:
    try:
        import layout

        groups = [group for group in layout.held_out_paragraphs("both") if len(group) >= 20]
    except Exception as error:  # corpora or python-bidi missing
        print(f"(no layout documents: {error})", file=sys.stderr)
        return []
    rng, stray = random.Random(7), random.Random(8)
    items: list[Item] = []
    for kind in ("wrapped", "runs", "visual", "clean"):
        for _ in range(20):
            group = rng.choice(groups)
            start = rng.randrange(0, len(group) - 14)
            title = " ".join(rng.choice(group).split()[:4])
            document = layout.damage(group[start : start + rng.randint(8, 14)], kind, rng, title, 0.02, stray)
            items.append((f"layout:{kind}", document.damaged, {}))
    return items


def _spacing_lines() -> list[Item]:
    try:
        import spacing

        sets = spacing.evaluation_sets(120)
    except Exception as error:  # corpora missing
        print(f"(no spacing lines: {error})", file=sys.stderr)
        return []
    return [
        (f"spacing:{genre}:{kind}", spacing.damage(kind, line, seed), {})
        for genre, lines in sets.items()
        for kind in spacing.KINDS
        for seed, line in enumerate(lines)
    ]


def run_side(inputs_path: str, output_path: str) -> None:
    """In a child process: run the pipeline (whichever ``dorost`` is first on the path) over the inputs."""
    import dorost
    from dorost import Config
    from dorost.pipeline import run

    items = json.loads(Path(inputs_path).read_text(encoding="utf-8"))
    configs: dict[str, Config] = {}
    outputs: list[object] = []
    started = time.process_time()
    for _label, text, keywords in items:
        key = json.dumps(keywords, sort_keys=True)
        config = configs.setdefault(key, Config(**keywords))
        try:
            result = run(text, config)
            outputs.append((result.text, [edit.to_dict() for edit in result.edits]))
        except Exception as error:
            outputs.append(("error", f"{type(error).__name__}: {error}"))
    seconds = time.process_time() - started
    print(f"{Path(dorost.__file__).parent.parent}: {seconds:.1f} CPU s", file=sys.stderr)
    Path(output_path).write_bytes(pickle.dumps(outputs))


def snapshot(folder: Path) -> Path:
    """A copy of the working tree's ``src`` (without compiled files)."""
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def from_revision(tree: Path, revision: str, paths: list[str]) -> None:
    """Put ``paths`` in ``tree`` as they are at ``revision`` (a path the revision lacks is removed)."""
    for path in paths:
        target = tree / path
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", revision, "--", path], cwd=ROOT, capture_output=True, check=False
        )
        if archive.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
                    tar.extractall(tree, filter="data")
                else:  # our own repository's archive
                    tar.extractall(tree)
        elif b"did not match any files" not in archive.stderr:
            raise SystemExit(archive.stderr.decode())


def undo(tree: Path, commits: list[str]) -> None:
    """Reverse-apply each commit's changes under ``src`` to ``tree``, in the order given."""
    for commit in commits:
        diff = subprocess.run(["git", "show", "--format=", commit, "--", "src"], cwd=ROOT, capture_output=True)
        undone = subprocess.run(["git", "apply", "-R", "-C1", "-"], cwd=tree, input=diff.stdout, capture_output=True)
        if diff.returncode or undone.returncode:
            raise SystemExit(f"cannot undo {commit}: {(diff.stderr or undone.stderr).decode()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="the revision to compare with (default HEAD)")
    parser.add_argument("--paths", nargs="+", default=["src"], help="what comes from the revision (default src)")
    parser.add_argument("--revert", nargs="+", metavar="COMMIT", help="base: these commits undone (newest first)")
    parser.add_argument("--mb", type=float, default=1.0, help="MB of corpus paragraphs in the input")
    parser.add_argument("--show", type=int, default=5, help="differences to print")
    parser.add_argument("--run", nargs=2, metavar=("INPUTS", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_side(*args.run)
        return 0
    items = inputs(args.mb)
    print(f"{len(items):,} inputs, {sum(len(text.encode()) for _, text, _ in items) / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory(prefix="dorost-same-") as scratch:
        work = Path(scratch)
        (work / "inputs.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        # The working tree first, then the base made from that very copy: both see the same files.
        new = snapshot(work / "new")
        base = work / "base"
        shutil.copytree(new / "src", base / "src")
        if args.revert:
            undo(base, args.revert)
        else:
            from_revision(base, args.base, args.paths)
        results = {}
        for name, tree in (("base", base), ("new", new)):
            environment = {**os.environ, "PYTHONPATH": str(tree / "src")}
            command = [sys.executable, __file__, "--run", str(work / "inputs.json"), str(work / f"{name}.pickle")]
            subprocess.run(command, env=environment, check=True)
            results[name] = pickle.loads((work / f"{name}.pickle").read_bytes())
    differ = [i for i, (a, b) in enumerate(zip(results["base"], results["new"], strict=True)) if a != b]
    print(f"{len(differ)} of {len(items):,} differ")
    for index in differ[: args.show]:
        label, text, keywords = items[index]
        (base_text, base_edits), (new_text, new_edits) = results["base"][index], results["new"][index]
        print(f"\n{label} {keywords or ''} {text[:120]!r}")
        before, after = str(base_text), str(new_text)
        at = next((k for k, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), None)
        at = max(0, (min(len(before), len(after)) if at is None else at) - 60)
        print(f"  base: …{before[at : at + 160]!r}\n  new:  …{after[at : at + 160]!r}")
        if base_text == new_text:
            pairs = zip(base_edits, new_edits, strict=False)
            first = next(((a, b) for a, b in pairs if a != b), None)
            if first is None:
                print(f"  edits: {len(base_edits)} on the base side, {len(new_edits)} on the new")
            else:
                print(f"  first differing edit:\n    base {first[0]}\n    new  {first[1]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
