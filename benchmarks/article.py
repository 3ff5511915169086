"""Whole-article benchmark: news damaged every way the sample article is, restored by each tool.

    .venv/bin/python benchmarks/article.py [--docs 40] [--seed 1] [--source news|shippable|both]
        [--marks extractor|random] [--tools hazm,shekar,parsivar]
    .venv/bin/python benchmarks/article.py --tools '' --save before.json   # dorost's outputs
    .venv/bin/python benchmarks/article.py --tools '' --against before.json   # documents better/worse
    .venv/bin/python benchmarks/article.py --tools '' --boundaries 8   # dorost's wrong separators, by kind and origin

The other benchmarks judge one kind of damage each, with one fix group running (``spacing.py``:
spacing alone; ``layout.py``: the four layout fixes). A user's article comes with all of them at
once, and the full pipeline meets them together: a run border at a lost ZWNJ, a line broken inside
a word pair, an Arabic ي in a misordered line. Each document here is 8 to 14 clean paragraphs of
one source (``layout.py``'s held-out paragraphs: ParsiNLU news passages, development-only and never
shipped, and/or the held-out tenth of the shippable corpora), letters unified as ``spacing.py``'s
gold is (``clean_gold``), then damaged in this order:

1. spacing, each paragraph as ``spacing.py``'s ``mix`` (ZWNJs kept, made spaces or dropped; a few
   words split or run together);
2. letters and markup, each with its chance per document: every lam-alef written alef first as
   pdftotext prints it (20 %), Arabic ي and ك throughout (30 %), kashida stretching 3 % of the
   long words (20 %), « » – written as HTML entities (20 %);
3. layout, as ``layout.py``'s ``runs`` damage: wrapped at 60–90 columns, artefact blank lines,
   15 % of the lines printed last-first (gaps as pdftotext prints them, or at random with
   ``--marks random``), running headers and page numbers.

Reported per tool, in one run: the word error rate against the clean paragraphs (words aligned by
difflib over the whole document: an edit distance that may count a little more than the least),
the share of paragraphs found whole in the output, the same on the clean paragraphs given as they
are (one per line: every change there is a false change, or the gold's own spelling) and CPU
seconds. Peers run their normalizer on the whole text; none of them repairs layout (see
``../shared/notes/peers.md``), so the ``as damaged`` row is what the text costs a reader untouched.

``--boundaries`` lists the separators between Persian letters (space, ZWNJ, none) that dorost's output
gets wrong against the clean paragraphs, by what the gold has, what dorost wrote, and where it came
from: left as the damage made it, made by dorost where the damaged text had the gold's, or neither.
Letters are aligned, so words that a misordered line moved away are left out; what remains is the
spacing part of the word error rate, where the gold's own style (``می شود``, ``شده\u200cاست``,
``آنتی بیوتیک``: ParsiNLU's passages write each both ways) shows as errors of either origin.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

# The sibling benchmarks: their documents, damage and peers.
import layout
import spacing
from dorost import Config, fix
from dorost.chars import ZWNJ

KASHIDA = "\u0640"
# Letters between which a kashida may stretch a word (both join to the next letter).
_STRETCH = re.compile("(?<=[بپتثجچحخسشصضطظعغفقکگلمنهیئ])(?=[بپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ])")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_LAM_ALEF = re.compile("\u0644([\u0627\u0622\u0623\u0625])")
_ENTITIES = {"«": "&laquo;", "»": "&raquo;", "–": "&ndash;"}


@dataclass
class Article:
    """One damaged document and the clean paragraphs it came from."""

    paragraphs: list[str]
    damaged: str


def _stretch(text: str, rng: random.Random, share: float) -> str:
    def word(match: re.Match[str]) -> str:
        token = match.group()
        places = [m.start() for m in _STRETCH.finditer(token)]
        if len(token) < 5 or not places or rng.random() >= share:
            return token
        at = rng.choice(places)
        return token[:at] + KASHIDA * rng.randint(1, 3) + token[at:]

    return re.sub(r"\S+", word, text)


def damage_letters(text: str, rng: random.Random) -> str:
    """Old encodings' Arabic letters, justification's kashida, markup's entities, pdftotext's
    lam-alef (alef first: `سالمت`): each by chance."""
    if rng.random() < 0.2:
        text = _LAM_ALEF.sub(lambda match: match.group(1) + "\u0644", text)
    if rng.random() < 0.3:
        text = text.replace("ی", "ي").replace("ک", "ك")
    if rng.random() < 0.2:
        text = _stretch(text, rng, 0.03)
    if rng.random() < 0.2:
        text = "".join(_ENTITIES.get(ch, ch) for ch in text)
    return text


def articles(count: int, seed: int, source: str, marks: str) -> list[Article]:
    rng = random.Random(seed)
    groups = [group for group in layout.held_out_paragraphs(source) if len(group) >= 20]
    out: list[Article] = []
    for number in range(count):
        group = rng.choice(groups)
        start = rng.randrange(0, len(group) - 14)
        chosen = group[start : start + rng.randint(8, 14)]
        # Paragraphs in presentation-form glyphs are damaged already (some passages came out of
        # PDFs so): they are no reference.
        paragraphs = [spacing.clean_gold(p) for p in chosen if not _PRESENTATION.search(p)]
        title = " ".join(spacing.clean_gold(rng.choice(group)).split()[:4])
        spaced = [spacing.damage("mix", p, seed * 100_003 + number * 101 + i) for i, p in enumerate(paragraphs)]
        lettered = [damage_letters(p, random.Random(seed * 7919 + number)) for p in spaced]
        document = layout.damage(lettered, "runs", rng, title, 0.02, random.Random(seed + number), marks)
        out.append(Article(paragraphs, " " + document.damaged))  # the title's stray leading space
    return out


@dataclass
class Tally:
    words: int = 0
    errors: int = 0
    paragraphs: int = 0
    whole: int = 0
    clean_errors: int = 0
    clean_whole: int = 0
    seconds: float = 0.0


def _lines(text: str) -> set[str]:
    return {" ".join(line.split()) for line in text.splitlines() if line.strip()}


def measure(
    name: str, run: Callable[[str], str], docs: list[Article], tally: Tally, outputs: list[list[str]] | None = None
) -> None:
    """Add a tool's figures on ``docs`` to ``tally``; its output for each document, damaged and clean, to
    ``outputs`` where given."""
    for doc in docs:
        reference = "\n".join(doc.paragraphs)
        started = time.process_time()
        output = run(doc.damaged)
        clean = run(reference)
        tally.seconds += time.process_time() - started
        if outputs is not None:
            outputs.append([output, clean])
        tally.words += len(reference.split())
        tally.errors += layout.word_errors(reference.split(), output.split())
        tally.clean_errors += layout.word_errors(reference.split(), clean.split())
        tally.paragraphs += len(doc.paragraphs)
        found, found_clean = _lines(output), _lines(clean)
        tally.whole += sum(1 for p in doc.paragraphs if " ".join(p.split()) in found)
        tally.clean_whole += sum(1 for p in doc.paragraphs if " ".join(p.split()) in found_clean)


def compare_runs(docs: list[Article], outputs: list[list[str]], earlier: list[list[str]]) -> None:
    """Print the documents whose word errors against the clean paragraphs went down or up since an earlier run of
    dorost (``--save``), damaged and clean input apart, each worse one with the words that changed (``+`` is ZWNJ):
    the document-by-document check of one tuning step."""
    for which, label in ((0, "damaged"), (1, "clean input")):
        better, worse = 0, []
        for index, (doc, now, before) in enumerate(zip(docs, outputs, earlier, strict=True)):
            if now[which] == before[which]:
                continue
            reference = "\n".join(doc.paragraphs).split()
            delta = layout.word_errors(reference, now[which].split()) - layout.word_errors(
                reference, before[which].split()
            )
            better += delta < 0
            if delta > 0:
                worse.append(f"    {index}: " + " ; ".join(spacing.word_changes(before[which], now[which])))
        print(f"{label}: {better} documents better, {len(worse)} worse")
        print("\n".join(worse))
    print()


# Letters aligned by matching runs at least this long (``_letter_map``): shorter runs pair letters by chance.
ALIGNED_RUN = 4
_ORIGINS = ("left as damaged", "made by dorost", "neither")


def _letter_map(gold: str, other: str) -> dict[int, int]:
    """Where each letter of ``gold`` stands in ``other`` (both ``spacing.project``'s letters), where it is aligned."""
    found: dict[int, int] = {}
    for block in SequenceMatcher(None, gold, other, autojunk=False).get_matching_blocks():
        if block.size >= ALIGNED_RUN:
            found.update(zip(range(block.a, block.a + block.size), range(block.b, block.b + block.size), strict=True))
    return found


def _separator_after(k: int, found: dict[int, int], separators: list[str]) -> str | None:
    """The separator that ``other`` has between the letters it aligns with gold letters ``k`` and ``k + 1``, where
    it holds them side by side."""
    at = found.get(k)
    return separators[at] if at is not None and found.get(k + 1) == at + 1 else None


def boundary_errors(docs: list[Article], outputs: list[list[str]], examples: int) -> None:
    """Print dorost's wrong separators between Persian letters, by the gold's, dorost's and their origin (see the
    module's notes), each kind with its commonest word pairs (``+`` is ZWNJ, ``|`` the boundary)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    pairs: dict[tuple[str, str], Counter[str]] = {}
    for doc, (output, _clean) in zip(docs, outputs, strict=True):
        letters, gold = spacing.project("\n".join(doc.paragraphs))
        out_letters, out = spacing.project(output)
        damaged_letters, damaged = spacing.project(doc.damaged)
        to_output, to_damaged = _letter_map(letters, out_letters), _letter_map(letters, damaged_letters)
        for k, separator in enumerate(gold):
            written = _separator_after(k, to_output, out)
            if separator == "other" or written is None or written == separator:
                continue
            before = _separator_after(k, to_damaged, damaged)
            origin = _ORIGINS[0] if before == written else _ORIGINS[1] if before == separator else _ORIGINS[2]
            counts[separator, written, origin] += 1
            first = k
            while first > 0 and gold[first - 1] == "none":
                first -= 1
            last = k + 1
            while last < len(gold) and gold[last] == "none":
                last += 1
            pair = letters[first : k + 1] + "|" + letters[k + 1 : last + 1]
            pairs.setdefault((separator, written), Counter())[pair] += 1
    total = sum(counts.values())
    print(f"dorost's wrong separators between Persian letters: {total:,}\n")
    print("| gold | dorost | " + " | ".join(_ORIGINS) + " | commonest pairs |")
    print("|---|---|" + "---|" * len(_ORIGINS) + "---|")
    for (separator, written), found in sorted(pairs.items(), key=lambda item: -sum(item[1].values())):
        common = " ".join(f"{pair}×{times}" if times > 1 else pair for pair, times in found.most_common(examples))
        print(
            f"| {separator} | {written} | "
            + " | ".join(str(counts[separator, written, origin]) for origin in _ORIGINS)
            + f" | {common.replace(ZWNJ, '+')} |"
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", choices=("shippable", "news", "both"), default="news")
    parser.add_argument("--marks", choices=("extractor", "random"), default="extractor")
    parser.add_argument("--tools", default="hazm,shekar,parsivar", help="peers, comma-separated ('' for none)")
    parser.add_argument("--show", type=int, default=0, help="print this many documents as dorost restores them")
    parser.add_argument("--save", type=Path, help="write dorost's output for each document (damaged, clean) here")
    parser.add_argument(
        "--against", type=Path, help="list the documents whose word errors went up or down since an earlier --save"
    )
    parser.add_argument(
        "--boundaries",
        type=int,
        default=0,
        help="list dorost's wrong separators by kind and origin, with this many word pairs each",
    )
    args = parser.parse_args(argv)
    if not layout.CORPORA.is_dir():
        print("needs ../shared/corpora beside the repository", file=sys.stderr)
        return 2
    docs = articles(args.docs, args.seed, args.source, args.marks)
    config = Config()
    runs: dict[str, Callable[[str], str]] = {
        "as damaged": lambda text: text,
        "dorost": lambda text: fix(text, config),
    }
    peers, missing = spacing.tools([name for name in args.tools.split(",") if name])
    runs.update({name: tool for name, tool in peers.items() if name != "dorost"})
    tallies = {name: Tally() for name in runs}
    outputs: list[list[str]] = []
    for name, run in runs.items():
        measure(name, run, docs, tallies[name], outputs if name == "dorost" else None)
    if args.save:
        args.save.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
    if args.against:
        compare_runs(docs, outputs, json.loads(args.against.read_text(encoding="utf-8")))
    if args.boundaries:
        boundary_errors(docs, outputs, args.boundaries)
    words = tallies["as damaged"].words
    print(
        f"source: {args.source}, {args.docs} documents ({words:,} words), seed {args.seed}, run borders: {args.marks}\n"
    )
    print("| tool | WER | ÷ dorost | paragraphs whole | clean input: WER | clean: paragraphs whole | CPU s |")
    print("|---|---|---|---|---|---|---|")
    best = max(tallies["dorost"].errors, 1) / words
    for name, t in tallies.items():
        print(
            f"| {name} | {t.errors / t.words:.2%} | {t.errors / t.words / best:.1f}× | {t.whole / t.paragraphs:.1%} "
            f"| {t.clean_errors / t.words:.2%} | {t.clean_whole / t.paragraphs:.1%} | {t.seconds:.1f} |"
        )
    for name, reason in missing.items():
        print(f"\n{name}: not measured ({reason})")
    for doc in docs[: args.show]:
        print("\n--- damaged\n" + doc.damaged + "\n--- restored\n" + fix(doc.damaged, config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
