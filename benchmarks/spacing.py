"""Spacing and ZWNJ restoration: dorost against its peers on held-out clean text, damaged five ways.

    .venv/bin/python benchmarks/spacing.py [--lines 400] [--peers hazm,shekar,parsivar,rishe]
    .venv/bin/python benchmarks/spacing.py --split dev --kinds mix --errors 5   # dorost's errors by kind
    .venv/bin/python benchmarks/spacing.py --split dev --peers "" --save before.json   # dorost's outputs
    .venv/bin/python benchmarks/spacing.py --split dev --peers "" --against before.json  # lines better/worse
    .venv/bin/python benchmarks/spacing.py --split dev --peers "" --chunk 10   # ten lines a text, like an article
    .venv/bin/python benchmarks/spacing.py --split dev --peers "" --kinds mix --classes   # F1 per separator class
    .venv/bin/python benchmarks/spacing.py --split dev --peers "" --kinds zwnj_space --sources 5   # errors or style?

The clean text is the slice of every clean running-text corpus that ``scripts/build_model.py``
keeps out of the model (the last tenth of each file), grouped by genre, plus the Wikipedia
paragraphs of PersianQA (development-only, never in the model: an out-of-build genre). Each is
damaged deterministically:

- ``no_zwnj``: every ZWNJ removed (letters run together);
- ``zwnj_space``: every ZWNJ replaced by a space;
- ``mix`` (realistic): each ZWNJ kept 30%, space 40%, removed 30%; 3% of longer words get a wrong
  inner space; 2% of spaces between Persian words are lost;
- ``inner_space``: 15% of words of four letters or more get a space inside;
- ``glued``: 10% of spaces between Persian words are lost;
- ``clean``: no damage (how often a tool changes correct text).

Metrics, over Persian words and letters only (punctuation and Latin padding by a peer is not
counted against it): word error rate against the clean text, and per-boundary macro-F1 over
{space, ZWNJ, none} between consecutive Persian letters. Every tool is run line by line in the
same process, so the figures are comparable within one run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from build_model import DEFAULT_CORPORA, HUMAN_TEXT, held_out  # noqa: E402
from dorost import Config, fix  # noqa: E402
from dorost.chars import ARABIC_LETTER_CLASS, NON_JOINING, ZWNJ  # noqa: E402
from dorost.language import normalize_word  # noqa: E402

GENRES = {
    "docs": (
        "cncf-glossary-fa", "debian-handbook-fa", "gin-docs-fa", "hf-course-fa", "http-explained-fa",
        "opensource-guide-fa", "pep8-fa", "react-docs-fa", "vite-docs-fa", "vitepress-docs-fa", "vue-docs-fa",
    ),
    "news-sentences": ("perspelldata",),
    "treebanks": ("ud-persian-perdt", "ud-persian-seraji"),
}  # fmt: skip
LETTER = re.compile(f"[{ARABIC_LETTER_CLASS}]")
WORD = re.compile(f"[{ARABIC_LETTER_CLASS}]+(?:{ZWNJ}[{ARABIC_LETTER_CLASS}]+)*")
SPACED_PAIR = re.compile(f"(?<=[{ARABIC_LETTER_CLASS}]) (?=[{ARABIC_LETTER_CLASS}])")
MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
VOID_ZWNJ = re.compile(f"(?<=[{NON_JOINING}]){ZWNJ}|{ZWNJ}(?![{ARABIC_LETTER_CLASS}])")
LABELS = ("space", "zwnj", "none")
SPACING_ONLY = Config().with_fixes(only=["tidy_zwnj", "restore_spacing"])


def clean_gold(line: str) -> str:
    """The reference: letters unified and void ZWNJs dropped, so that spacing is the only question."""
    return VOID_ZWNJ.sub("", normalize_word(line))


# --- damage ------------------------------------------------------------------------------------


def _zwnj(text: str, rng: random.Random, keep: float, space: float) -> str:
    out = []
    for ch in text:
        if ch == ZWNJ:
            roll = rng.random()
            out.append(ZWNJ if roll < keep else " " if roll < keep + space else "")
        else:
            out.append(ch)
    return "".join(out)


def _inner_spaces(text: str, rng: random.Random, share: float) -> str:
    def split(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < 4 or ZWNJ in word or rng.random() >= share:
            return word
        cut = rng.randrange(1, len(word))
        return word[:cut] + " " + word[cut:]

    return WORD.sub(split, text)


def _glue(text: str, rng: random.Random, share: float) -> str:
    return SPACED_PAIR.sub(lambda _m: "" if rng.random() < share else " ", text)


def damage(kind: str, text: str, seed: int) -> str:
    rng = random.Random(seed)
    if kind == "no_zwnj":
        return text.replace(ZWNJ, "")
    if kind == "zwnj_space":
        return text.replace(ZWNJ, " ")
    if kind == "mix":
        return _glue(_inner_spaces(_zwnj(text, rng, 0.3, 0.4), rng, 0.03), rng, 0.02)
    if kind == "inner_space":
        return _inner_spaces(text, rng, 0.15)
    if kind == "glued":
        return _glue(text, rng, 0.10)
    return text


KINDS = ("no_zwnj", "zwnj_space", "mix", "inner_space", "glued", "clean")

# --- metrics -------------------------------------------------------------------------------------


def project(text: str) -> tuple[str, list[str]]:
    """Persian letters of a text and the separator class after each (space, zwnj, none, other)."""
    text = MARKS.sub("", normalize_word(text))
    letters: list[str] = []
    seps: list[str] = []
    between = ""
    for ch in text:
        if LETTER.match(ch):
            if letters:
                seps.append(
                    "none" if between == "" else "zwnj" if between == ZWNJ
                    else "space" if between.isspace() else "other"
                )  # fmt: skip
            letters.append(ch)
            between = ""
        else:
            between += ch
    return "".join(letters), seps


def boundary_pairs(gold: str, output: str) -> list[tuple[str, str]]:
    gold_letters, gold_seps = project(gold)
    out_letters, out_seps = project(output)
    pairs: list[tuple[str, str]] = []
    if gold_letters == out_letters:
        blocks = [(0, 0, len(gold_letters))]
    else:
        matcher = SequenceMatcher(None, gold_letters, out_letters, autojunk=False)
        blocks = [(block.a, block.b, block.size) for block in matcher.get_matching_blocks()]
    covered = 0
    for a, b, size in blocks:
        for k in range(size - 1):
            pairs.append((gold_seps[a + k], out_seps[b + k]))
        covered += max(0, size - 1)
    # Boundaries the output lost (letters changed or dropped) count as wrong.
    pairs.extend((g, "other") for g in gold_seps[: max(0, len(gold_seps) - covered)])
    return [(g, o if o != "other" else "space") for g, o in pairs if g != "other"]


def words(text: str) -> list[str]:
    return WORD.findall(MARKS.sub("", normalize_word(text)).replace(ZWNJ + ZWNJ, ZWNJ))


def edit_distance(a: list[str], b: list[str]) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class Score:
    def __init__(self) -> None:
        self.errors = 0
        self.words = 0
        self.confusion: dict[tuple[str, str], int] = {}
        self.changed_lines = 0
        self.lines = 0
        self.seconds = 0.0

    def add(self, gold: str, damaged: str, output: str) -> None:
        gold_words = words(gold)
        self.errors += edit_distance(gold_words, words(output))
        self.words += len(gold_words)
        for pair in boundary_pairs(gold, output):
            self.confusion[pair] = self.confusion.get(pair, 0) + 1
        self.lines += 1
        self.changed_lines += words(output) != words(damaged)

    def wer(self) -> float:
        return self.errors / max(1, self.words)

    def counts(self, label: str) -> tuple[int, int, int]:
        """True positives, false positives and false negatives of one separator class."""
        tp = self.confusion.get((label, label), 0)
        fp = sum(v for (g, o), v in self.confusion.items() if o == label and g != label)
        fn = sum(v for (g, o), v in self.confusion.items() if g == label and o != label)
        return tp, fp, fn

    def f1(self, label: str) -> float:
        tp, fp, fn = self.counts(label)
        return 2 * tp / max(1, 2 * tp + fp + fn)

    def macro_f1(self) -> float:
        return sum(self.f1(label) for label in LABELS) / len(LABELS)


# --- tools ----------------------------------------------------------------------------------------


def tools(wanted: list[str]) -> tuple[dict[str, Callable[[str], str]], dict[str, str]]:
    found: dict[str, Callable[[str], str]] = {"dorost": lambda text: fix(text, SPACING_ONLY)}
    missing: dict[str, str] = {}
    for name in wanted:
        try:
            if name == "hazm":
                from hazm import Normalizer as HazmNormalizer

                found[name] = HazmNormalizer().normalize
            elif name == "shekar":
                from shekar import Normalizer as ShekarNormalizer

                shekar = ShekarNormalizer()

                def run_shekar(text: str, normalizer: Callable[[str], object] = shekar) -> str:
                    return str(normalizer(text))

                found[name] = run_shekar
            elif name == "parsivar":
                from parsivar import Normalizer as ParsivarNormalizer

                found[name] = ParsivarNormalizer().normalize
            elif name == "rishe":
                import rishe

                found[name] = rishe.Pipeline().normalize
        except Exception as error:  # a peer that is not installable here is reported, not fatal
            missing[name] = f"{type(error).__name__}: {error}"
    return found, missing


def evaluation_sets(count: int, split: str = "test") -> dict[str, list[str]]:
    """Clean held-out lines by genre: the reported ``test`` sample, or ``dev`` lines disjoint from it.

    The test sample of a genre is ``count`` lines drawn with seed 7 from its held-out slice; the dev
    lines are drawn (seed 8) from the held-out lines the test sample did not take, so tuning on dev
    never sees a reported line. Small genres leave few dev lines.
    """
    slices = held_out(DEFAULT_CORPORA)
    sets: dict[str, list[str]] = {}
    for genre, folders in GENRES.items():
        lines = [line for folder in folders for line in slices.get(folder, []) if WORD.search(line)]
        test = random.Random(7).sample(lines, min(count, len(lines)))
        if split == "dev":
            taken = set(test)
            rest = [line for line in lines if line not in taken]
            test = random.Random(8).sample(rest, min(count, len(rest)))
        sets[genre] = [clean_gold(line) for line in test]
    wiki = DEFAULT_CORPORA / "persianqa-test" / "pqa_test_contexts.txt"
    if wiki.exists():
        paragraphs = [p for p in wiki.read_text(encoding="utf-8").splitlines() if WORD.search(p)]
        sentences = [s.strip() for p in paragraphs for s in re.split(r"(?<=\.)\s", p) if len(s) > 20]
        chosen = sentences[:count] if split == "test" else sentences[count : 2 * count]
        sets["wikipedia-dev"] = [clean_gold(s) for s in chosen]
    # ParsiNLU's reading-comprehension passages (Wikipedia, BBC Persian and other news pages; development-only,
    # never in the model): an out-of-build genre with news in it. Their ZWNJs are unreliable (news pages lost
    # many), so read its ZWNJ figures with care; its spaces are sound. Only where --genres asks for it.
    passages = DEFAULT_CORPORA / "parsinlu-rc-passages" / "parsinlu_rc_passages.txt"
    if passages.exists():
        text = passages.read_text(encoding="utf-8")
        sentences = [s.strip() for p in text.splitlines() for s in re.split(r"(?<=[.!؟?])\s", p) if len(s.strip()) > 30]
        sentences = [s for s in sentences if WORD.search(s)]
        random.Random(5).shuffle(sentences)
        chosen = sentences[:count] if split == "test" else sentences[count : 2 * count]
        sets["parsinlu-dev"] = [clean_gold(s) for s in chosen]
    return sets


def run_lines(run: Callable[[str], str], lines: list[str], chunk: int) -> list[str]:
    """A tool's output for each line: line by line, or ``chunk`` lines at a time as one text (joined by line breaks,
    like a news article), so that what a tool reads from the whole text (dorost's signs of lost ZWNJs and of glued
    words) sees all of them. A chunk whose output has another number of lines is run line by line instead."""
    if chunk <= 1:
        return [run(line) for line in lines]
    outputs: list[str] = []
    for start in range(0, len(lines), chunk):
        part = lines[start : start + chunk]
        out = run("\n".join(part)).split("\n")
        outputs += out if len(out) == len(part) else [run(line) for line in part]
    return outputs


SHOWN = {"space": " ", "zwnj": "+", "none": ""}


def wrong_boundaries(
    gold: str, damaged: str, output: str
) -> Iterator[tuple[int, tuple[str, str, str], str, list[list[str]]]]:
    """dorost's wrong boundaries in one line: (letter index, (gold, input, output) separator, the gold's letters,
    the three separator views). A line whose output changed its letters (or their number) is skipped."""
    letters, gold_seps = project(gold)
    views = [gold_seps, project(damaged)[1], project(output)[1]]
    if any(len(seps) != len(gold_seps) for seps in views) or project(output)[0] != letters:
        return
    for k, (g, d, o) in enumerate(zip(*views, strict=True)):
        key = (g, d if d != "other" else "space", o if o != "other" else "space")
        if g != "other" and key[0] != key[2]:
            yield k, key, letters, views


def error_kinds(lines: list[str], kind: str, examples: int) -> None:
    """Print dorost's wrong boundaries by (gold, input, output) separator, commonest first, with examples.

    ``+`` stands for ZWNJ in the examples; each shows the gold, input and output around the boundary.
    """
    counts: dict[tuple[str, str, str], int] = {}
    shown: dict[tuple[str, str, str], list[str]] = {}
    for seed, gold in enumerate(lines):
        damaged = damage(kind, gold, seed)
        for k, key, letters, views in wrong_boundaries(gold, damaged, fix(damaged, SPACING_ONLY)):
            counts[key] = counts.get(key, 0) + 1
            if len(shown.setdefault(key, [])) < examples:
                lo, hi = max(0, k - 10), min(len(letters), k + 12)
                shown[key].append(
                    " | ".join(
                        "".join(letters[i] + (SHOWN.get(seps[i], " ") if i < hi - 1 else "") for i in range(lo, hi))
                        for seps in views
                    )
                )
    print(f"\n### dorost's wrong boundaries on {kind} (gold, input, output)\n")
    for key, count in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"- {key}: {count}")
        for example in shown[key]:
            print(f"    {example}")


def word_changes(reference: str, output: str) -> list[str]:
    """The words of ``output`` that differ from ``reference``, each as ``before → after`` with one word of
    context either side (``+`` stands for ZWNJ)."""
    ref, out = words(reference), words(output)
    changes = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ref, out, autojunk=False).get_opcodes():
        if op != "equal":
            before = " ".join(ref[max(0, i1 - 1) : i2 + 1])
            after = " ".join(out[max(0, j1 - 1) : j2 + 1])
            changes.append(f"{before} → {after}".replace(ZWNJ, "+"))
    return changes


def compare_runs(
    sets: dict[str, list[str]], kinds: list[str], outputs: dict[str, list[str]], earlier: dict[str, list[str]]
) -> None:
    """Print, per genre and damage, the lines whose word errors against the gold went down or up since an
    earlier run of dorost (``--save``), each worse line with its changed words, and the word-level changes to
    clean lines that are new or gone: the line-by-line check of one tuning step."""
    totals = [0, 0]
    for genre, lines in sets.items():
        for kind in kinds:
            key = f"{genre}|{kind}"
            if key not in earlier:
                continue
            better, worse = 0, []
            for index, (gold, now, before) in enumerate(zip(lines, outputs[key], earlier[key], strict=True)):
                if now == before:
                    continue
                gold_words = words(gold)
                delta = edit_distance(gold_words, words(now)) - edit_distance(gold_words, words(before))
                better += delta < 0
                if delta > 0:
                    worse.append(f"    {index}: " + " ; ".join(word_changes(before, now)))
            totals[0] += better
            totals[1] += len(worse)
            if better or worse:
                print(f"{key}: {better} lines better, {len(worse)} worse")
                print("\n".join(worse))
            if kind == "clean":
                was = {(i, c) for i, line in enumerate(earlier[key]) for c in word_changes(lines[i], line)}
                now_changes = {(i, c) for i, line in enumerate(outputs[key]) for c in word_changes(lines[i], line)}
                for sign, found in (("new", now_changes - was), ("gone", was - now_changes)):
                    for index, change in sorted(found):
                        print(f"    {sign} change to clean line {index}: {change}")
    print(f"\nIn all: {totals[0]} lines better, {totals[1]} worse")


# --- how the corpora spell the pairs that dorost gets wrong -----------------------------------------

# The running text a wrong boundary's pair is counted in: the shippable human text (the model's sources, every line)
# and ParsiNLU's passages (Wikipedia, BBC Persian and other news; development-only, never in the model), the nearest
# to the real news that judges the fix. Counting is not tuning: these say how writers spell the pair, not what to do.
SPELLING_SOURCES = {
    "human": [(folder, name) for folder, name, _step in HUMAN_TEXT],
    "news": [("parsinlu-rc-passages", "parsinlu_rc_passages.txt")],
}
SHARE = 0.75  # a source "writes" one spelling where it is this share of the pair's sightings
FEW = 3  # fewer sightings than this say nothing


def spelling_counts(files: list[tuple[str, str]]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Each word (ZWNJ kept) and each pair of words a space apart, counted in the files' lines as ``clean_gold``
    reads them."""
    tokens: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for folder, name in files:
        path = DEFAULT_CORPORA / folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = clean_gold(line)
            found = list(WORD.finditer(line))
            for match in found:
                tokens[match.group()] = tokens.get(match.group(), 0) + 1
            for first, second in pairwise(found):
                if line[first.end() : second.start()] == " ":
                    key = (first.group(), second.group())
                    pairs[key] = pairs.get(key, 0) + 1
    return tokens, pairs


def spelled(counts: tuple[dict[str, int], dict[tuple[str, str], int]], left: str, right: str) -> dict[str, int]:
    """How often a source writes two pieces with a ZWNJ, a space and nothing between them."""
    tokens, pairs = counts
    return {
        "zwnj": tokens.get(left + ZWNJ + right, 0),
        "space": pairs.get((left, right), 0),
        "none": tokens.get(left + right, 0),
    }


def verdict(found: dict[str, int], gold: str, output: str) -> str:
    """G where the source writes the gold's separator (``SHARE`` of its sightings), O where it writes dorost's, B where
    it writes both, ? where it saw the pair fewer than ``FEW`` times."""
    total = sum(found.values())
    if total < FEW:
        return "?"
    return "G" if found[gold] >= SHARE * total else "O" if found[output] >= SHARE * total else "B"


VERDICT_CLASSES = (
    ("real error: the sources write the gold's spelling", lambda v: "G" in v and "O" not in v),
    ("gold style: the sources write dorost's spelling", lambda v: "O" in v and "G" not in v),
    ("the sources disagree", lambda v: "G" in v and "O" in v),
    ("written both ways", lambda v: v.count("B") > 0 and "G" not in v and "O" not in v),
    ("too rare to count", lambda v: v == "??"),
)


def source_classes(sets: dict[str, list[str]], kinds: list[str], outputs: dict[str, list[str]], examples: int) -> None:
    """Print dorost's wrong boundaries per damage, each told by how the shippable human text and the news passages
    spell the pair around it (the pieces up to the next separator of the gold, the input or the output): where both
    agree with the gold against dorost it is a real error, where they write dorost's spelling it is the gold's own
    style. Per (gold, input, output) separator and class, the count and the commonest pairs."""
    counts = {source: spelling_counts(files) for source, files in SPELLING_SOURCES.items()}
    for kind in kinds:
        if kind == "clean":
            continue
        found: dict[tuple[tuple[str, str, str], str], dict[str, int]] = {}
        classes: dict[str, int] = {}
        for genre, lines in sets.items():
            for seed, (gold, output) in enumerate(zip(lines, outputs[f"{genre}|{kind}"], strict=True)):
                for k, key, letters, views in wrong_boundaries(gold, damage(kind, gold, seed), output):
                    start, end = k, k + 1
                    while start > 0 and all(seps[start - 1] == "none" for seps in views):
                        start -= 1
                    while end < len(letters) - 1 and all(seps[end] == "none" for seps in views):
                        end += 1
                    left, right = letters[start : k + 1], letters[k + 1 : end + 1]
                    marks = "".join(verdict(spelled(counts[s], left, right), key[0], key[2]) for s in SPELLING_SOURCES)
                    label = next(name for name, test in VERDICT_CLASSES if test(marks))
                    classes[label] = classes.get(label, 0) + 1
                    pair = f"{left}+{right}"
                    found.setdefault((key, label), {})[pair] = found.get((key, label), {}).get(pair, 0) + 1
        print(f"\n### dorost's wrong boundaries on {kind}, by how the sources spell the pair\n")
        print(", ".join(f"{label}: {n}" for label, n in sorted(classes.items(), key=lambda item: -item[1])))
        for (key, label), pairs in sorted(found.items(), key=lambda item: -sum(item[1].values())):
            top = sorted(pairs.items(), key=lambda item: -item[1])[:examples]
            shown = ", ".join(
                f"{pair} {n} ("
                + " ".join(
                    "/".join(str(c) for c in spelled(counts[s], *pair.split("+")).values()) for s in SPELLING_SOURCES
                )
                + ")"
                for pair, n in top
            )
            print(f"- {key} {label}: {sum(pairs.values())}: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=400, help="lines per genre")
    parser.add_argument("--peers", default="hazm,shekar,parsivar,rishe")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument(
        "--genres",
        default="docs,news-sentences,treebanks,wikipedia-dev",
        help="also parsinlu-dev: ParsiNLU passages with BBC Persian news, out of the build (not in the default)",
    )
    parser.add_argument(
        "--split",
        choices=("test", "dev"),
        default="test",
        help="test: the reported sample; dev: other held-out lines, for tuning (never report these)",
    )
    parser.add_argument(
        "--errors", type=int, default=0, help="also list dorost's wrong boundaries with this many examples each"
    )
    parser.add_argument("--save", type=Path, help="write dorost's outputs (every genre and damage) to this file")
    parser.add_argument(
        "--against", type=Path, help="compare dorost's outputs line by line with those an earlier --save wrote"
    )
    parser.add_argument(
        "--changes", action="store_true", help="list dorost's word-level changes to the clean lines (gold → output)"
    )
    parser.add_argument(
        "--classes",
        action="store_true",
        help="also give dorost's precision, recall and F1 per separator class (space, ZWNJ, none)",
    )
    parser.add_argument(
        "--sources",
        type=int,
        default=0,
        help="also tell dorost's wrong boundaries by how the shippable human text and ParsiNLU's news passages spell "
        "each pair (ZWNJ/space/joined): real errors against the gold's own style; this many pairs shown per line",
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=1,
        help="fix this many consecutive lines as one text, like an article (default 1: line by line)",
    )
    args = parser.parse_args()
    # A genre with no lines in the split (treebanks have no dev lines) is left out of the tables and averages.
    sets = {
        name: lines
        for name, lines in evaluation_sets(args.lines, args.split).items()
        if name in args.genres.split(",") and lines
    }
    if args.errors:
        for kind in args.kinds.split(","):
            if kind != "clean":
                error_kinds([line for lines in sets.values() for line in lines], kind, args.errors)
        return
    found, missing = tools([p for p in args.peers.split(",") if p])
    for name, why in missing.items():
        print(f"skipped {name}: {why}")
    kinds = args.kinds.split(",")
    results: dict[tuple[str, str, str], Score] = {}
    dorost_outputs: dict[str, list[str]] = {}
    for genre, lines in sets.items():
        for kind in kinds:
            damaged = [damage(kind, line, seed) for seed, line in enumerate(lines)]
            for name, run in found.items():
                score = Score()
                started = time.perf_counter()
                outputs = run_lines(run, damaged, args.chunk)
                score.seconds = time.perf_counter() - started
                for gold, bad, out in zip(lines, damaged, outputs, strict=True):
                    score.add(gold, bad, out)
                results[genre, kind, name] = score
                if name == "dorost":
                    dorost_outputs[f"{genre}|{kind}"] = outputs
    if args.save:
        args.save.write_text(json.dumps(dorost_outputs, ensure_ascii=False), encoding="utf-8")
    if args.against:
        compare_runs(sets, kinds, dorost_outputs, json.loads(args.against.read_text(encoding="utf-8")))
    if args.sources:
        source_classes(sets, kinds, dorost_outputs, args.sources)
    if args.changes and "clean" in kinds:
        print("\n### dorost's changes to clean lines\n")
        for genre, lines in sets.items():
            for index, (gold, out) in enumerate(zip(lines, dorost_outputs[f"{genre}|clean"], strict=True)):
                for change in word_changes(gold, out):
                    print(f"- {genre} {index}: {change}")
    names = list(found)
    words_total = {genre: sum(len(words(line)) for line in lines) for genre, lines in sets.items()}
    print(f"\nHeld-out lines per genre: { {g: len(v) for g, v in sets.items()} }, words: {words_total}\n")
    for metric in ("WER %", "macro-F1"):
        print(f"### {metric}\n")
        print("| genre | damage | " + " | ".join(names) + " |")
        print("|---|---|" + "---|" * len(names))
        for genre in sets:
            for kind in kinds:
                cells = []
                for name in names:
                    score = results[genre, kind, name]
                    value = score.wer() * 100 if metric == "WER %" else score.macro_f1()
                    cells.append(f"{value:.2f}" if metric == "WER %" else f"{value:.3f}")
                print(f"| {genre} | {kind} | " + " | ".join(cells) + " |")
        print()
    print("### Averages over genres, and dorost's advantage\n")
    print("| damage | " + " | ".join(f"{n} WER %" for n in names) + " | best peer WER / dorost WER | dorost F1 |")
    print("|---|" + "---|" * (len(names) + 2))
    for kind in kinds:
        wers = {n: sum(results[g, kind, n].wer() for g in sets) / len(sets) * 100 for n in names}
        peers = [wers[n] for n in names if n != "dorost"]
        # No ratio without a peer in the run, nor where dorost makes no error at all.
        ratio = f"{min(peers) / wers['dorost']:.1f}×" if peers and wers["dorost"] > 0 else "–"
        f1 = sum(results[g, kind, "dorost"].macro_f1() for g in sets) / len(sets)
        print(f"| {kind} | " + " | ".join(f"{wers[n]:.2f}" for n in names) + f" | {ratio} | {f1:.3f} |")
    if args.classes:
        print("\n### dorost per separator class: precision / recall / F1 (false positives, false negatives)\n")
        print("| genre | damage | " + " | ".join(LABELS) + " |")
        print("|---|---|" + "---|" * len(LABELS))
        for genre in sets:
            for kind in kinds:
                score = results[genre, kind, "dorost"]
                cells = []
                for label in LABELS:
                    tp, fp, fn = score.counts(label)
                    cells.append(
                        f"{tp / max(1, tp + fp):.3f} / {tp / max(1, tp + fn):.3f} / {score.f1(label):.3f} ({fp}, {fn})"
                    )
                print(f"| {genre} | {kind} | " + " | ".join(cells) + " |")
    print("\n### Changes to correct text (damage = clean)\n")
    print("| genre | tool | lines changed % | WER vs gold % | seconds |")
    print("|---|---|---|---|---|")
    for genre in sets:
        for name in names:
            clean = results[genre, "clean", name] if "clean" in kinds else None
            if clean:
                share = clean.changed_lines / max(1, clean.lines) * 100
                print(f"| {genre} | {name} | {share:.2f} | {clean.wer() * 100:.2f} | {clean.seconds:.2f} |")


if __name__ == "__main__":
    main()
