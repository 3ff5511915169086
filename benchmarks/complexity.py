"""Linear time and bounded memory: time and peak memory of the pipeline as the input doubles.

For every input shape (normal Persian text and the adversarial shapes a hostile or broken input
can take) the pipeline runs on 1, 2, 4 and 8 MB of that shape; each measurement runs in its own
process, so one shape cannot warm caches for the next and a runaway one is stopped by a limit
on its CPU time. The report gives CPU seconds (steady on a shared machine, where wall time is not), the
growth of peak resident memory while the pipeline runs (and, with ``--traced``, the peak that
``tracemalloc`` sees) and the doubling ratios: each doubling of
the input should cost about 2x. A ratio near 4 means quadratic work. Linear work can still be
far dearer per byte on a hostile shape than on normal text (every word damaged, every line a page
number): the last two columns give each shape's CPU per MB as a multiple of normal text's in the
same run, and its peak memory growth per MB of input (normal text is always measured first).

    python benchmarks/complexity.py                     # all shapes, 1 2 4 8 MB
    python benchmarks/complexity.py --sizes 0.125,0.25,0.5,1 --shapes zwnj_run,long_token
    python benchmarks/complexity.py --by-fix --shapes normal --sizes 1   # where the time goes
    nice -n 19 python benchmarks/complexity.py --sizes 0.125,0.25,0.5 --shapes dense_torn_words_line

Run it at low priority on a shared machine (``nice -n 19``). Normal text comes from the shared
corpora (``../shared``) when they are beside the repository, otherwise from the words of dorost's
own language model, so the benchmark runs anywhere.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPORA = ("farstail/farstail_unique_sentences.txt", "openclaw-docs-fa-mt/text.txt", "debian-handbook-fa/text.txt")
MB = 1_000_000

ZWNJ = "\u200c"
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _persian_words() -> list[str]:
    from dorost.language import model

    return [word for word in model().words[1:5000] if word]


def _corpus_text() -> str:
    pieces = []
    for name in CORPORA:
        path = SHARED / "corpora" / name
        if path.is_file():
            pieces.append(path.read_text(encoding="utf-8"))
    if pieces:
        return "\n".join(pieces)
    rng = random.Random(1)
    words = _persian_words()
    lines = [" ".join(rng.choice(words) for _ in range(rng.randint(5, 25))) + "." for _ in range(20_000)]
    return "\n".join(lines)


def _cut(text: str, size: int) -> str:
    """The first ``size`` bytes' worth of ``text`` (UTF-8), repeating it when it is shorter."""
    while len(text.encode("utf-8")) < size:
        text += "\n" + text
    encoded = text.encode("utf-8")[:size]
    return encoded.decode("utf-8", errors="ignore")


def _repeat(unit: str, size: int) -> str:
    count = max(1, size // len(unit.encode("utf-8")))
    return unit * count


def normal(size: int) -> str:
    return _cut(_corpus_text(), size)


def long_token(size: int) -> str:
    """One Persian word of ``size`` bytes with no space or break: the spacing fix's worst case."""
    rng = random.Random(2)
    words = _persian_words()
    letters: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(words).replace(ZWNJ, "")
        letters.append(word)
        total += len(word.encode("utf-8"))
    return _cut("".join(letters), size)


def long_token_spaced(size: int) -> str:
    """A long word beside a sentence that writes a ZWNJ and turned others into spaces: the spacing fix's reading of
    the ZWNJs the text writes (its echo) meets the long word in a run that holds a ZWNJ."""
    return long_token(size) + " آن\u200cها می شود و آن ها گروه ها"


def long_turned_token(size: int) -> str:
    """One Persian word of ``size`` bytes holding, in its middle, a single alef-lam pair as pdftotext turns a
    lam-alef, and no lam-alef written right: the lam-alef fix's worst case (it reads a glued word's splits)."""
    rng = random.Random(3)
    # (Words without lam and not ending in alef: a lam-alef typed or another pair made where two words meet would
    # each end the fix's search early.)
    words = [
        word.replace(ZWNJ, "") for word in _persian_words() if "\u0644" not in word and word[-1] not in "\u0627\u0622"
    ]
    halves: list[list[str]] = [[], []]
    for half in halves:
        total = 0
        while total < size // 2:
            word = rng.choice(words)
            half.append(word)
            total += len(word.encode("utf-8"))
    return _cut("".join(halves[0]) + "\u0627\u0644" + "".join(halves[1]), size)


def latin_token(size: int) -> str:
    """One Latin token of ``size`` bytes, with `/` and `@` elsewhere (URL and e-mail patterns wake up)."""
    return "a/b x@y " + _repeat("abcdefghij0123456789", size)


def zwnj_run(size: int) -> str:
    """Consecutive ZWNJs between two letters."""
    return "ب" + _repeat(ZWNJ, size) + "ب"


def bidi_run(size: int) -> str:
    """Consecutive bidi marks, embeddings and isolates between words."""
    return "سلام " + _repeat(BIDI_CONTROLS, size) + " Windows."


def long_line(size: int) -> str:
    """Normal text with every line break turned into a space: one line of ``size`` bytes."""
    return normal(size).replace("\n", " ")


def mixed_scripts(size: int) -> str:
    """Persian, Arabic, Latin, Cyrillic, Greek, Hebrew, CJK, emoji and three digit systems, interleaved."""
    unit = "این كتاب Book книга βιβλίο ספר 書 📚 ۱۴۰۳ ١٤٠٣ 1403 قال في كتابه «على الناس» "
    return _repeat(unit, size)


def entities(size: int) -> str:
    return _repeat("&ndash;&#1587;&#x644;&zwnj;&nbsp;&amp; ", size)


def ampersands(size: int) -> str:
    """`&` without `;`: names and numbers that never close, the reference pattern's worst case."""
    return _repeat("&ndash&#1587&#x644 &abcdefghijklmnopqrstuvwxyzabcdef&", size)


def presentation_forms(size: int) -> str:
    return _repeat("\ufeb3\ufefc\ufee1 \ufea9\ufee7\ufef4\ufe8e \ufef0\ufe8e ", size)


def space_run(size: int) -> str:
    """A run of spaces and tabs that does not end the line: trailing-space patterns scan it."""
    return "سلام" + _repeat(" \t", size) + "دنیا"


def blank_lines(size: int) -> str:
    """Blank lines (some with spaces or CR) in the middle of the text."""
    return "سلام" + _repeat("\n \r\n", size) + "دنیا"


def numbers_line(size: int) -> str:
    """One long line with many numbers among Persian words: per-number line scans go quadratic."""
    return _repeat("سال ۱۴۰۳ و 2024 و ٤٥٦ ", size)


def slashes(size: int) -> str:
    """Paths, URLs and runs of slashes: the protected-span pattern has nested repetition."""
    return _repeat("a/b/c.txt https://x.ir/a?b=1 //// ./././ x@y.ir ", size)


def mojibake(size: int) -> str:
    """UTF-8 Persian misread as Windows-1256."""
    sentence = "سلام دنیا، این یک متن است. "
    return _repeat(sentence.encode("utf-8").decode("windows-1256"), size)


def kashida_marks(size: int) -> str:
    """Kashida and diacritics repeated inside words, and ZWNJ after marks."""
    return _repeat("بـــــهَ\u200cهِ\u200cها گـــزارش ", size)


def backticks(size: int) -> str:
    """Backtick runs of 1 to 39 backticks among words, and fences that never close: a code-span
    search that tried each opener against the rest of its line, or each fence against the rest of
    the text, would go quadratic."""
    unit = "".join("`" * length + " متن " for length in range(1, 40)) + " ```\nکد\n~~~~\n"
    return _repeat(unit, size)


def term_lines(size: int) -> str:
    """Lines that each open with a term and its colon, all wrapped at one width, none ending a
    sentence: a test of the whole run of such lines for every pair of them would go quadratic."""
    words = [
        "الکامیدها",
        "پلی",
        "ساکاریدها",
        "گلیکوزیدها",
        "مواد",
        "دیگری",
        "گیاه",
        "یافت",
        "می\u200cشود",
        "کتاب",
        "خانه",
    ]
    lines = []
    for n in range(40):
        line = f"واژه{n % 7}:"
        for k in range(n, n + 30):
            word = words[(k * 7) % len(words)]
            if len(line) + 1 + len(word) > 70:
                break
            line += " " + word
        lines.append(line)
    return _repeat("\n".join(lines) + "\n", size)


# --- Dense damage: every word of normal text damaged in one way the pipeline repairs. Each kind
# comes twice: in the corpus's own lines, and as one line of the whole size (a user's 4.2 MB line
# of 'كتاب مي شود' took 78 CPU s where normal text runs at about 1 MB per CPU s), since a linear
# step can still be far dearer per byte on a text that is all damage.

_PERSIAN_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


def _each_word(damage: Callable[[str], str]) -> Callable[[str], str]:
    """Applies ``damage`` to every word of a text (the spaces and line breaks kept)."""

    def damaged(text: str) -> str:
        return re.sub(r"[^\s]+", lambda word: damage(word.group()), text)

    return damaged


def _arabic_letters(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def _spaced_affixes(text: str) -> str:
    return re.sub(r"(?<![^\s])(ن?می)(?=[^\s])", r"\1 ", text).replace(ZWNJ, " ")


def _lost_zwnj(text: str) -> str:
    return re.sub(r"(?<![^\s])(ن?می)(?=[^\s])", r"\1", text).replace(ZWNJ, "")


def _glued_words(text: str) -> str:
    """Every other space gone: two words glued at each."""
    return re.sub(r"(\S+) (\S+)", r"\1\2", text)


def _torn_word(word: str) -> str:
    """`به گزارش` → `ب ه گ زارش`: a space after a word's first letter (and inside a short word)."""
    if len(word) < 2 or not _PERSIAN_LETTER.match(word):
        return word
    return word[0] + " " + word[1:]


def _turned_lam_alef(text: str) -> str:
    return text.replace("لا", "ال")


def _lost_alef(text: str) -> str:
    return text.replace("لا", "ل")


def _kashida_word(word: str) -> str:
    return re.sub("(?<=[بپتثجچحخسشصضطظعغفقکگلمنهی])(?=[\u0621-\u06cc])", "\u0640\u0640", word, count=2)


def _presentation_forms(text: str) -> str:
    """Every letter in its isolated presentation form (as some PDFs store them)."""
    import unicodedata

    isolated: dict[str, str] = {}
    for code in range(0xFE70, 0xFEFF):
        name = unicodedata.name(chr(code), "")
        decomposition = unicodedata.decomposition(chr(code))
        parts = decomposition.split()
        if "ISOLATED" in name and len(parts) == 2 and parts[0] == "<isolated>" and parts[1] != "0020":
            isolated.setdefault(chr(int(parts[1], 16)), chr(code))
    return text.translate(str.maketrans(isolated))


def _mixed_digits_word(word: str) -> str:
    return word + " ۱۲3٤"


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("windows-1256", errors="replace")


def _bidi_word(word: str) -> str:
    return "\u202b" + word + "\u202c\u200f"


def _entity_word(word: str) -> str:
    return f"&#{ord(word[0])};" + word[1:].replace(ZWNJ, "&zwnj;")


def _reversed_runs(text: str) -> str:
    """Each line's runs of words printed last-first (a cut after every fourth word)."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        runs = [" ".join(words[k : k + 4]) for k in range(0, len(words), 4)]
        # Extractors leave a double space at a border and a space at the end (the marks the fix reads).
        lines.append("  ".join(reversed(runs)) + " ")
    return "\n".join(lines)


def _visual_order(text: str) -> str:
    """Each line stored in display order: its characters last-first (Latin and digits too)."""
    return "\n".join(line[::-1] for line in text.split("\n"))


DAMAGE: dict[str, Callable[[str], str]] = {
    "arabic_letters": _arabic_letters,
    "spaced_affixes": _spaced_affixes,
    "lost_zwnj": _lost_zwnj,
    "glued_words": _glued_words,
    "torn_words": _each_word(_torn_word),
    "lam_alef": _turned_lam_alef,
    "lost_alef": _lost_alef,
    "kashida": _each_word(_kashida_word),
    "presentation": _presentation_forms,
    "mixed_digits": _each_word(_mixed_digits_word),
    "mojibake_all": _mojibake,
    "bidi_words": _each_word(_bidi_word),
    "entity_words": _each_word(_entity_word),
    "reversed_runs": _reversed_runs,
    "visual_order": _visual_order,
}


def _dense(damage: Callable[[str], str], one_line: bool) -> Callable[[int], str]:
    def shape(size: int) -> str:
        # Damage grows or shrinks the text: cut the clean text so that the damaged one has ``size``.
        sample = normal(100_000)
        growth = len(damage(sample).encode("utf-8")) / len(sample.encode("utf-8"))
        text = damage(normal(int(size / growth)))
        return text.replace("\n", " ") if one_line else text

    return shape


def repeated_damage_line(size: int) -> str:
    """One line of one damaged phrase repeated (a user's 4.2 MB line of 'كتاب مي شود' took 78 CPU s)."""
    return _repeat("كتاب مي شود ", size)


def furniture_lines(size: int) -> str:
    """Every line a running header or a page number."""
    lines = []
    total = 0
    page = 1
    while total < size:
        for line in ("گزارش سالانه شرکت ملی", f"- {page} -", "فصل دوم: بررسی بازار", str(page)):
            lines.append(line)
            total += len(line.encode("utf-8")) + 1
        page += 1
    return "\n".join(lines)


def furniture_pages(size: int) -> str:
    """Pages of three lines of text between a running header and a page number: furniture every
    few lines."""
    body = [line for line in normal(size).split("\n") if line.strip()]
    lines = []
    for page, start in enumerate(range(0, len(body), 3), start=1):
        lines += ["گزارش سالانه شرکت ملی", *body[start : start + 3], f"- {page} -"]
    return _cut("\n".join(lines), size)


def furniture_form_feeds(size: int) -> str:
    """pdftotext's pages: three lines of text and a page number, each page after a form feed, thousands of them (a
    page's number is asked whether its page ends next to a form feed)."""
    body = [line for line in normal(size).split("\n") if line.strip()]
    starts = range(0, len(body), 3)
    pages = ["\n".join([*body[start : start + 3], "", str(page)]) for page, start in enumerate(starts, start=1)]
    return _cut("\n\f".join(pages), size)


def poem(size: int) -> str:
    """Short lines of three to five words, two to a verse, verses apart: a page of poetry."""
    rng = random.Random(3)
    words = normal(200_000).split()
    lines = []
    total = 0
    while total < size:
        line = " ".join(rng.choice(words) for _ in range(rng.randint(3, 5)))
        lines.append(line + ("\n" if len(lines) % 2 else ""))
        total += len(line.encode("utf-8")) + 1
    return "\n".join(lines)


def number_table(size: int) -> str:
    """A table of numbers: rows of figures in three digit systems, apart by spaces and tabs."""
    rng = random.Random(4)
    rows = []
    total = 0
    digits = ("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")
    while total < size:
        system = digits[len(rows) % 3]
        cells = ["".join(rng.choice(system) for _ in range(rng.randint(1, 7))) for _ in range(8)]
        row = "\t".join(cells) if len(rows) % 2 else "  ".join(cells)
        rows.append(row)
        total += len(row.encode("utf-8")) + 1
    return "\n".join(rows)


def word_lines(size: int) -> str:
    """A document of one-word lines."""
    return "\n".join(normal(size).split())


SHAPES: dict[str, Callable[[int], str]] = {
    "normal": normal,
    "long_token": long_token,
    "long_token_spaced": long_token_spaced,
    "long_turned_token": long_turned_token,
    "latin_token": latin_token,
    "zwnj_run": zwnj_run,
    "bidi_run": bidi_run,
    "long_line": long_line,
    "mixed_scripts": mixed_scripts,
    "entities": entities,
    "ampersands": ampersands,
    "presentation_forms": presentation_forms,
    "space_run": space_run,
    "blank_lines": blank_lines,
    "numbers_line": numbers_line,
    "slashes": slashes,
    "mojibake": mojibake,
    "kashida_marks": kashida_marks,
    "backticks": backticks,
    "term_lines": term_lines,
    **{f"dense_{name}": _dense(damage, one_line=False) for name, damage in DAMAGE.items()},
    **{f"dense_{name}_line": _dense(damage, one_line=True) for name, damage in DAMAGE.items()},
    "repeated_damage_line": repeated_damage_line,
    "furniture_lines": furniture_lines,
    "furniture_pages": furniture_pages,
    "furniture_form_feeds": furniture_form_feeds,
    "poem": poem,
    "number_table": number_table,
    "word_lines": word_lines,
}


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def measure_one(shape: str, path: Path, traced: bool, by_fix: bool) -> dict[str, object]:
    """Time and peak memory of the whole pipeline on one input, in this (fresh) process.

    Peak memory is the growth of the process's peak resident size over its size once the model
    is loaded and the input built; with ``traced`` a second run measures it with ``tracemalloc``.
    """
    from dorost import repair
    from dorost.language import model
    from dorost.pipeline import FIXES

    model()  # load the language model and warm every fix before timing: one-off costs
    repair("گروههای بین المللی می گویند: «كتاب» &ndash; ۱۴۰۳.\n\nسلام")
    # Tables built on first need (the letter pairs that judge a line read backwards) are one-off
    # costs too: a short damaged text builds them, so that no shape is charged for them.
    repair(_visual_order("این کتاب بسیار خوب است\nامروز به گزارش خبرگزاری رسید") + "\nب ه گ زارش")
    text = path.read_text(encoding="utf-8")
    baseline = _rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = repair(text)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    report: dict[str, object] = {
        "shape": shape,
        "bytes": len(text.encode("utf-8")),
        "seconds": cpu,
        "wall_seconds": seconds,
        "peak_mb": _rss_mb() - baseline,
        "edits": len(result.edits),
    }
    del result
    if traced:
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        repair(text)
        report["traced_mb"] = (tracemalloc.get_traced_memory()[1] - base) / MB
        tracemalloc.stop()
    if by_fix:
        from dorost.config import Config

        config = Config()
        per_fix: dict[str, float] = {}
        for fix in FIXES:
            started = time.perf_counter()
            fix(text, config)
            per_fix[fix.name] = time.perf_counter() - started
        report["per_fix"] = per_fix
    return report


def _run_child(shape: str, size: int, memory: bool, by_fix: bool, limit: float) -> dict[str, object] | None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as handle:
        handle.write(SHAPES[shape](size))  # built here, so that the child's memory is the pipeline's
    try:
        return _measure_in_child(shape, Path(handle.name), size, memory, by_fix, limit)
    finally:
        Path(handle.name).unlink()


def _measure_in_child(
    shape: str, path: Path, size: int, memory: bool, by_fix: bool, limit: float
) -> dict[str, object] | None:
    command = [sys.executable, __file__, "--child", shape, str(path)]
    command += ["--traced"] if memory else []
    command += ["--by-fix"] if by_fix else []

    def limit_cpu() -> None:
        # The limit is on CPU time, which a busy shared machine does not stretch: a wall-clock limit
        # stopped a 0.5 MB run after 90 s of which it had used 27 CPU s.
        seconds = max(1, int(limit))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))

    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=limit * 20, check=True, preexec_fn=limit_cpu
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        if error.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
            return None
        return {"shape": shape, "bytes": size, "error": (error.stderr.strip().splitlines() or ["?"])[-1]}
    report: dict[str, object] = json.loads(done.stdout)
    return report


def _ratio(later: float, earlier: float) -> str:
    return f"{later / earlier:.2f}" if earlier > 0 else "-"


def _per_mb(
    shape: str, rows: list[dict[str, object]], sizes: list[int], normal_cost: dict[int, float]
) -> tuple[str, str]:
    """The cost per byte of a shape's largest measured input, against normal text of the same size.

    Growth ratios catch quadratic work; these catch linear work far dearer per byte than normal
    text (a shape whose every word is damaged) and memory that grows with the input. Measured
    sizes differ a little from the nominal ones, so both are per MB of the input measured.
    """
    if not rows:
        return "-", "-"
    for size, row in zip(sizes, rows, strict=False):
        if shape == "normal":
            normal_cost[size] = float(row["seconds"]) / (int(row["bytes"]) / MB)  # type: ignore[arg-type]
    size, row = list(zip(sizes, rows, strict=False))[-1]
    megabytes = int(row["bytes"]) / MB  # type: ignore[call-overload]
    cost = float(row["seconds"]) / megabytes  # type: ignore[arg-type]
    ratio = f"{cost / normal_cost[size]:.1f}x" if normal_cost.get(size) else "-"
    return ratio, f"{float(row['peak_mb']) / megabytes:.0f}"  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,2,4,8", help="input sizes in MB, comma-separated (default 1,2,4,8)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="shapes to measure (default: all)")
    parser.add_argument("--traced", action="store_true", help="also measure memory with tracemalloc (a second run)")
    parser.add_argument("--by-fix", action="store_true", help="also time each fix on its own")
    parser.add_argument("--limit", type=float, default=600.0, help="CPU seconds allowed per measurement")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement to FILE")
    parser.add_argument("--child", nargs=2, metavar=("SHAPE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        shape, path = args.child
        print(json.dumps(measure_one(shape, Path(path), args.traced, args.by_fix)))
        return
    sizes = [int(float(value) * MB) for value in args.sizes.split(",")]
    shapes = [name.strip() for name in args.shapes.split(",") if name.strip()]
    unknown = [name for name in shapes if name not in SHAPES]
    if unknown:
        parser.error(f"unknown shape: {', '.join(unknown)}; known: {', '.join(SHAPES)}")
    if "normal" not in shapes:
        shapes.insert(0, "normal")  # the yardstick of the per-MB columns
    shapes.sort(key=lambda name: name != "normal")
    header = f"| shape | {' | '.join(f'{s / MB:g} MB' for s in sizes)} | time ratios | memory ratios |"
    print(header + " CPU per MB / normal's | peak MB per MB |")
    print("|" + "---|" * (len(sizes) + 5))
    normal_cost: dict[int, float] = {}  # size: normal text's CPU seconds per input MB
    everything: list[dict[str, object]] = []
    for shape in shapes:
        rows: list[dict[str, object]] = []
        for size in sizes:
            report = _run_child(shape, size, args.traced, args.by_fix, args.limit)
            if report is None:
                rows.append({"shape": shape, "bytes": size, "timeout": args.limit})
                break
            rows.append(report)
            if "error" in report:
                break
        everything.extend(rows)
        cells = []
        for row in rows:
            if "timeout" in row:
                cells.append(f"> {args.limit:g} s")
            elif "error" in row:
                cells.append(f"error: {row['error']}")
            else:
                peak = f" / {row['peak_mb']:.1f} MB"
                cells.append(f"{row['seconds']:.2f} s{peak}")
        cells += ["-"] * (len(sizes) - len(cells))
        timed = [r for r in rows if "seconds" in r]
        times = [float(r["seconds"]) for r in timed]  # type: ignore[arg-type]
        peaks = [float(r["peak_mb"]) for r in timed if "peak_mb" in r]  # type: ignore[arg-type]
        time_ratios = " ".join(_ratio(b, a) for a, b in itertools.pairwise(times)) or "-"
        memory_ratios = " ".join(_ratio(b, a) for a, b in itertools.pairwise(peaks)) or "-"
        per_mb, memory_per_mb = _per_mb(shape, timed, sizes, normal_cost)
        print(
            f"| {shape} | {' | '.join(cells)} | {time_ratios} | {memory_ratios} | {per_mb} | {memory_per_mb} |",
            flush=True,
        )
        for row in rows:
            if "per_fix" in row:
                slowest = sorted(row["per_fix"].items(), key=lambda item: -item[1])[:4]  # type: ignore[attr-defined]
                detail = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in slowest)
                print(f"|   {row['bytes']} bytes: {detail} |", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
