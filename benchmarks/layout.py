"""Layout and reading-order benchmark: damage clean Persian text the way extractors do, then repair it.

    .venv/bin/python benchmarks/layout.py [--docs 60] [--seed 7] [--source shippable|news|both]
        [--marks random|extractor]

Clean text: paragraphs (one per line) from the held-out last tenth of shippable human corpora in
``../shared/corpora`` (the part the language model was not built from), and, with ``news``,
ParsiNLU reading-comprehension passages (news and encyclopedia; development-only, never shipped,
and not in the model). Each document is damaged in one of five ways:

- ``wrapped``: wrapped at 60–90 characters, artefact blank lines inserted (inside sentences too),
  running headers and page numbers every 22–34 lines;
- ``runs``: as ``wrapped``, and 15 % of the lines have their runs printed last-first (one to three
  borders, cut at spaces and at ZWNJ positions between letters); with ``--marks random`` each border
  is one or two spaces wide and half the lines get a trailing space, with ``--marks extractor`` the
  gaps are those pdftotext printed in the sample article (one space after the run printed first,
  two after every later one, a trailing space); in both, 2 % of the undamaged lines get a stray
  double space (``--stray``), as extractors and typists leave now and then: evidence of a run
  border that must not be proof;
- ``visual``: wrapped, then every line turned into visual order by python-bidi (an independent
  implementation of UAX #9, brackets mirrored);
- ``clean``: the clean text itself, one paragraph per line: any change is a false change;
- ``headed``: wrapped as ``wrapped``, with what real texts set between their paragraphs: headings
  (real ones, the lines without a final mark of the shippable corpora's held-out tails) before
  some paragraphs and the title at the top of some documents, and one-line paragraphs (a
  paragraph's first sentence, where it fits the width); half the documents set every paragraph
  apart with a blank line and have no blank line inside one, the rest have blank lines as
  ``wrapped`` does. A heading or a one-line paragraph joined to a line beside it is a false
  change. Generated last, from the same random stream: the other kinds' documents are those
  that a run without it makes.

Only the four layout fixes run (``Config().with_fixes(only=LAYOUT)``), so the figures measure
layout alone. Reported per kind: paragraphs restored exactly (and exactly up to ZWNJ/space),
damaged lines restored exactly (each reversed line found whole in the output; of the others, those
restored up to ZWNJ and space, and those left as printed), word error rate,
paragraphs broken mid-sentence (a Persian output line without a sentence-final mark, closing
quotes after it allowed, that is no heading of the clean text), headings and one-line paragraphs
not kept alone, furniture lines left, undamaged lines reordered, and the "as
damaged" baseline (no peer repairs layout: see ``../shared/notes/peers.md``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from dorost import Config, repair

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
SHIPPABLE = ("opensource-guide-fa", "debian-handbook-fa", "http-explained-fa", "vue-docs-fa", "react-docs-fa")
LAYOUT = ("restore_visual_order", "remove_page_furniture", "reorder_reversed_runs", "join_broken_lines")
ZWNJ = "\u200c"
_PERSIAN = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-z]")
_END = re.compile(r"[.!?؟]$")
# A line that ends a sentence, closing quotes and brackets after the mark included (`داک؟"`): a
# paragraph split there is split between sentences, not in mid-sentence.
_SENTENCE_END = re.compile("[.!?؟…][»)\\]\"'”’]*$")
_SPACES = re.compile(r"[ \t]+")
# A heading: a line of the corpus with Persian and no final mark (a colon introduces a list: no heading).
_FINAL_MARK = re.compile("[.!?؟…:;؛،,][»)\\]\"'”’]*$")
# A paragraph's first sentence, read as a one-line paragraph where it fits the width.
_FIRST_SENTENCE = re.compile(r"^.+?[.!?؟](?=\s)")


def held_out_paragraphs(source: str) -> list[list[str]]:
    """Groups of clean paragraphs, one group per corpus (the held-out last tenth of each)."""
    groups: list[list[str]] = []
    if source in ("shippable", "both"):
        for folder in SHIPPABLE:
            lines = [line for line in (CORPORA / folder / "text.txt").read_text("utf-8").splitlines() if line.strip()]
            groups.append(lines[len(lines) - max(1, len(lines) // 10) :])
    if source in ("news", "both"):
        path = CORPORA / "parsinlu-rc-passages" / "parsinlu_rc_passages.txt"
        passages = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
        # Passages hold several paragraphs separated by double spaces.
        groups.append([part.strip() for passage in passages for part in passage.split("  ") if part.strip()])
    return [[p for p in group if _usable(p)] for group in groups]


def held_out_headings() -> list[str]:
    """Headings of the shippable corpora's held-out tails: lines of 2–10 words with Persian and no final mark.

    ``چگونه یک باگ یا مشکل گزارش شود``, ``نوع مشارکتی که به دنبال آن هستید`` (opensource-guide-fa).
    The news passages have none: their documents take these too.
    """
    headings: list[str] = []
    for folder in SHIPPABLE:
        lines = [line.strip() for line in (CORPORA / folder / "text.txt").read_text("utf-8").splitlines()]
        lines = [line for line in lines if line]
        for line in lines[len(lines) - max(1, len(lines) // 10) :]:
            words = line.split()
            latin = sum(1 for word in words if _LATIN.search(word))
            if (
                2 <= len(words) <= 10
                and _PERSIAN.search(line)
                and not _FINAL_MARK.search(line)
                and latin < len(words) / 2
            ):
                headings.append(line)
    return headings


def _usable(paragraph: str) -> bool:
    words = paragraph.split()
    latin = sum(1 for word in words if _LATIN.search(word))
    return 12 <= len(words) <= 200 and latin <= len(words) * 0.15 and bool(_END.search(paragraph))


@dataclass
class Document:
    kind: str
    paragraphs: list[str]
    damaged: str
    reversed_lines: list[str] = field(default_factory=list)
    reversed_damaged: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    clean_lines: list[str] = field(default_factory=list)
    # Lines the clean text keeps alone (``headed``): its headings, and its one-line paragraphs.
    headings: list[str] = field(default_factory=list)
    single_lines: list[str] = field(default_factory=list)


def _reverse_runs(line: str, rng: random.Random, marks: str = "random") -> str | None:
    """The line with its runs printed last-first, cut at spaces and ZWNJ positions.

    A cut falls at a space or at a ZWNJ between two letters, never at a space or ZWNJ beside
    another one (a stray ZWNJ before a space in the corpus is no place where a run could end; a
    cut there left a run starting with a space or a ZWNJ that no repair can put back). With
    ``marks="random"`` each border is one or two spaces wide and a trailing space is added half the
    time; with ``marks="extractor"`` the gaps are those pdftotext printed in the sample article
    (all three misordered lines): the run printed first is followed by one space, every later run by
    two, and the line ends with a space (each run keeps the space that followed it, and pdftotext
    puts one between runs). Both draw the same random numbers, so they damage the same lines.
    """
    separators = f" {ZWNJ}"
    cuts = [
        m.start()
        for m in re.finditer(f"[{separators}]", line)
        if 0 < m.start() < len(line) - 1
        and line[m.start() - 1] not in separators
        and line[m.start() + 1] not in separators
    ]
    if len(cuts) < 3:
        return None
    count = rng.choice((1, 2, 2, 3))
    chosen = sorted(rng.sample(cuts, min(count, len(cuts))))
    runs, start = [], 0
    for cut in chosen:
        runs.append(line[start:cut])
        start = cut + 1
    runs.append(line[start:])
    out = ""
    for index, run in enumerate(reversed(runs)):
        if index:
            double = rng.random() < 0.5
            if marks == "extractor":
                double = index > 1
            out += ("  " if double else " ") + run
        else:
            out = run
    trailing = rng.random() < 0.5 or marks == "extractor"
    return out + (" " if trailing else "")


def _stray_double_space(line: str, rng: random.Random) -> str:
    """The line with one of its spaces doubled, as extractors and typists leave now and then."""
    spaces = [index for index, ch in enumerate(line) if ch == " "]
    if not spaces:
        return line
    at = rng.choice(spaces)
    return line[:at] + " " + line[at:]


def damage(
    paragraphs: list[str],
    kind: str,
    rng: random.Random,
    title: str,
    stray: float = 0.0,
    stray_rng: random.Random | None = None,
    marks: str = "random",
    headings: list[str] | None = None,
) -> Document:
    doc = Document(kind, paragraphs, "")
    if kind == "clean":
        doc.damaged = "\n".join(paragraphs) + "\n"
        return doc
    width = rng.randint(60, 90)
    if kind == "headed":
        lines = _headed_lines(doc, width, rng, headings or [title])
        doc.damaged = "\n".join(_paginate(lines, doc, rng, title)) + "\n"
        return doc
    lines: list[str] = []
    for paragraph in paragraphs:
        wrapped = textwrap.wrap(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
        for index, line in enumerate(wrapped):
            doc.clean_lines.append(line)
            if kind == "runs" and rng.random() < 0.15:
                reordered = _reverse_runs(line, rng, marks)
                if reordered is not None and reordered.split() != line.split():
                    doc.reversed_lines.append(line)
                    doc.reversed_damaged.append(reordered)
                    line = reordered
            elif kind != "visual" and stray_rng is not None and stray_rng.random() < stray:
                # An undamaged line with a stray double space: evidence that must not be proof.
                line = _stray_double_space(line, stray_rng)
            lines.append(line)
            if rng.random() < 0.12 and index < len(wrapped) - 1:
                lines.append("")  # an artefact blank line inside a paragraph
        if rng.random() < 0.5:
            lines.append("")
    if kind == "visual":
        from bidi import get_display

        lines = [get_display(line, base_dir="R") if line else line for line in lines]
        doc.damaged = "\n".join(lines) + "\n"
        return doc
    doc.damaged = "\n".join(_paginate(lines, doc, rng, title)) + "\n"
    return doc


def _paginate(lines: list[str], doc: Document, rng: random.Random, title: str) -> list[str]:
    """The lines cut into pages of 22–34 lines, a page number and a running header between pages."""
    page = rng.randint(22, 34)
    out: list[str] = []
    number = rng.randint(1, 40)
    for index, line in enumerate(lines):
        if index and index % page == 0:
            footer = rng.choice([f"- {number} -", f"{number}", f"صفحه {number}"]).translate(
                str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
            )
            out.extend(["", footer, "", title, ""])
            doc.furniture.extend([footer, title])
            number += 1
        out.append(line)
    return out


def _headed_lines(doc: Document, width: int, rng: random.Random, headings: list[str]) -> list[str]:
    """The ``headed`` kind's lines: paragraphs wrapped at ``width``, headings and one-line paragraphs
    among them (``doc.paragraphs`` becomes the clean text, one paragraph or heading a line)."""
    set_apart = rng.random() < 0.5  # every paragraph set apart by a blank line, none inside one
    clean: list[str] = []
    lines: list[str] = []
    for number, paragraph in enumerate(doc.paragraphs):
        if rng.random() < (0.5 if number == 0 else 0.3):
            heading = rng.choice(headings)
            doc.headings.append(heading)
            clean.append(heading)
            lines.append(heading)
            if rng.random() < (0.7 if set_apart else 0.5):
                lines.append("")
        first = _FIRST_SENTENCE.match(paragraph)
        if rng.random() < 0.2 and first and len(first.group().split()) >= 4 and len(first.group()) <= width:
            paragraph = first.group()  # a one-line paragraph
            doc.single_lines.append(paragraph)
        clean.append(paragraph)
        wrapped = textwrap.wrap(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
        for index, line in enumerate(wrapped):
            doc.clean_lines.append(line)
            lines.append(line)
            if not set_apart and rng.random() < 0.12 and index < len(wrapped) - 1:
                lines.append("")  # an artefact blank line inside a paragraph
        if set_apart or rng.random() < 0.5:
            lines.append("")
    doc.paragraphs = clean
    return lines


def _words(text: str) -> list[str]:
    return text.split()


def word_errors(reference: list[str], hypothesis: list[str]) -> int:
    matcher = difflib.SequenceMatcher(a=reference, b=hypothesis, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")


@dataclass
class Tally:
    docs: int = 0
    paragraphs: int = 0
    exact: int = 0
    exact_loose: int = 0
    baseline_exact: int = 0
    words: int = 0
    errors: int = 0
    baseline_errors: int = 0
    broken: int = 0
    damaged_lines: int = 0
    damaged_fixed: int = 0
    # Damaged lines not restored exactly: restored up to ZWNJ and space, or left as printed.
    damaged_loose: int = 0
    damaged_left: int = 0
    furniture: int = 0
    furniture_left: int = 0
    reordered_wrongly: int = 0
    undamaged_reordered: int = 0
    changed_docs: int = 0
    alone: int = 0
    alone_joined: int = 0
    seconds: float = 0.0


def _loose(text: str) -> str:
    return _SPACES.sub(" ", text.replace(ZWNJ, " ")).strip()


def _show(debug: list[str], label: str, *lines: str) -> None:
    debug.append(f"[{label}]")
    debug.extend(f"    {line}" for line in lines)


def evaluate(doc: Document, tally: Tally, config: Config, debug: list[str] | None = None) -> None:
    started = time.perf_counter()
    result = repair(doc.damaged, config)
    tally.seconds += time.perf_counter() - started
    output = result.text
    out_lines = [_SPACES.sub(" ", line).strip() for line in output.splitlines() if line.strip()]
    base_lines = {_SPACES.sub(" ", line).strip() for line in doc.damaged.splitlines() if line.strip()}
    out_set = set(out_lines)
    loose_set = {_loose(line) for line in out_lines}
    tally.docs += 1
    tally.changed_docs += output != doc.damaged
    for paragraph in doc.paragraphs:
        tally.paragraphs += 1
        tally.exact += paragraph in out_set
        tally.exact_loose += _loose(paragraph) in loose_set
        tally.baseline_exact += paragraph in base_lines
    reference = _words("\n".join(doc.paragraphs))
    tally.words += len(reference)
    tally.errors += word_errors(reference, _words(output))
    tally.baseline_errors += word_errors(reference, _words(doc.damaged))
    # A heading the clean text keeps alone is no paragraph broken in mid-sentence.
    headings = set(doc.headings)
    broken = [line for line in out_lines if _PERSIAN.search(line) and not _SENTENCE_END.search(line)]
    broken = [line for line in broken if line not in headings]
    tally.broken += len(broken)
    # A heading or a one-line paragraph joined to a line beside it: a false change.
    joined = [line for line in [*doc.headings, *doc.single_lines] if line not in out_set]
    tally.alone += len(doc.headings) + len(doc.single_lines)
    tally.alone_joined += len(joined)
    flat = " ".join(out_lines)
    loose_flat = _loose(flat)
    for line, damaged in zip(doc.reversed_lines, doc.reversed_damaged, strict=True):
        tally.damaged_lines += 1
        exact = _SPACES.sub(" ", line) in flat
        tally.damaged_fixed += exact
        tally.damaged_loose += not exact and _loose(line) in loose_flat
        tally.damaged_left += _SPACES.sub(" ", damaged).strip() in flat
        if debug is not None and _SPACES.sub(" ", line) not in flat:
            _show(debug, "reversed line not restored", "clean:   " + line, "damaged: " + damaged)
    tally.furniture += len(doc.furniture)
    left = [line for line in out_lines if line in doc.furniture]
    tally.furniture_left += len(left)
    reordered = [edit for edit in result.edits if edit.fix == "reorder_reversed_runs"]
    restored_set = {_SPACES.sub(" ", line) for line in doc.reversed_lines}
    # Where the damaged lines lie in the input (an edit's span is in the input's offsets, also
    # for an edit made in a later round, after lines were joined).
    damaged_spans: list[tuple[int, int]] = []
    offset = 0
    damaged_lines = set(doc.reversed_damaged)
    for raw in doc.damaged.split("\n"):
        if raw in damaged_lines:
            damaged_spans.append((offset, offset + len(raw)))
        offset += len(raw) + 1
    for edit in reordered:
        if _SPACES.sub(" ", edit.after).strip() in restored_set:
            continue
        tally.reordered_wrongly += 1
        undamaged = not any(edit.start < end and start < edit.end for start, end in damaged_spans)
        tally.undamaged_reordered += undamaged
        if debug is not None:
            label = "undamaged line reordered" if undamaged else "damaged line reordered wrongly"
            _show(debug, label, "before: " + edit.before, "after:  " + edit.after)
    if debug is not None:
        for index, line in enumerate(out_lines):
            if _PERSIAN.search(line) and not _SENTENCE_END.search(line) and line not in headings:
                following = out_lines[index + 1] if index + 1 < len(out_lines) else ""
                _show(debug, "broken mid-sentence", line[-80:], "next: " + following[:80])
        for line in joined:
            label = "heading joined" if line in headings else "one-line paragraph joined"
            found = next((out for out in out_lines if line in out), "")
            _show(debug, label, line, "in: " + found[:160])
        if left:
            _show(debug, "furniture left", *left)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60, help="documents per damage kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--source", choices=("shippable", "news", "both"), default="both")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--stray",
        type=float,
        default=0.02,
        help="share of undamaged lines given a stray double space (own random stream: the damage is the same)",
    )
    parser.add_argument(
        "--marks",
        choices=("random", "extractor"),
        default="random",
        help="gaps at run borders: one or two spaces at random, or as pdftotext prints them (see _reverse_runs)",
    )
    parser.add_argument("--debug", metavar="KIND", help="print every failure of this damage kind (to stderr)")
    args = parser.parse_args(argv)
    if not CORPORA.is_dir():
        print("needs ../shared/corpora beside the repository", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    stray_rng = random.Random(args.seed + 1)
    groups = [group for group in held_out_paragraphs(args.source) if len(group) >= 20]
    headings = held_out_headings()
    config = Config().with_fixes(only=list(LAYOUT))
    kinds = ("wrapped", "runs", "visual", "clean", "headed")  # headed last: the others stay as they were
    tallies = {kind: Tally() for kind in kinds}
    for kind in kinds:
        for _ in range(args.docs):
            group = rng.choice(groups)
            start = rng.randrange(0, len(group) - 14)
            paragraphs = group[start : start + rng.randint(8, 14)]
            title = " ".join(rng.choice(group).split()[:4])
            debug: list[str] | None = [] if args.debug == kind else None
            document = damage(paragraphs, kind, rng, title, args.stray, stray_rng, args.marks, headings)
            evaluate(document, tallies[kind], config, debug)
            if debug:
                print("\n".join(debug), file=sys.stderr)
    figures = {kind: vars(tally) for kind, tally in tallies.items()}
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(
        f"source: {args.source}, {args.docs} documents per kind, seed {args.seed}, stray {args.stray}, "
        f"marks {args.marks}\n"
    )
    print(
        "| damage | docs | paragraphs exact | exact up to ZWNJ | as damaged | damaged lines exact "
        "| WER | WER as damaged | broken mid-sentence | headings and one-line paragraphs joined | furniture left "
        "| wrong reorders (of undamaged lines) | docs changed | s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind, t in tallies.items():
        lines = (
            f"{t.damaged_fixed}/{t.damaged_lines} (+{t.damaged_loose} up to ZWNJ, {t.damaged_left} left)"
            if t.damaged_lines
            else "–"
        )
        furniture = f"{t.furniture_left}/{t.furniture}" if t.furniture else "–"
        alone = f"{t.alone_joined}/{t.alone}" if t.alone else "–"
        print(
            f"| {kind} | {t.docs} | {t.exact / t.paragraphs:.1%} | {t.exact_loose / t.paragraphs:.1%} "
            f"| {t.baseline_exact / t.paragraphs:.1%} | {lines} | {t.errors / t.words:.2%} "
            f"| {t.baseline_errors / t.words:.2%} | {t.broken} | {alone} | {furniture} "
            f"| {t.reordered_wrongly} ({t.undamaged_reordered}) "
            f"| {t.changed_docs} | {t.seconds:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
