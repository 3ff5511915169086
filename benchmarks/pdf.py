"""PDF front end benchmark: dorost against the usual engines, all measured in the same run.

1. ``../shared/pdfs/generated/``: word error rate (WER) against the gold text beside each PDF,
   per producer and layout, with and without ZWNJ distinctions (``-zwnj``: ZWNJ deleted on
   both sides, so only the extractor's own work shows). Columns: ``dorost`` (extraction and
   the whole restoration pipeline), ``dorost-extract`` (extraction only: PDFium glyphs where
   the triage allows, pdfminer.six elsewhere), ``dorost-extract-pdfminer`` (extraction on
   pdfminer.six glyphs only), pdftotext (poppler, GPL, called as a program), PyMuPDF (AGPL,
   benchmark only), pypdfium2, pdfminer.six.
2. ``../shared/pdfs/real/``: share of Persian words found in a lexicon as written (``fwd``) and
   reversed (``rev``), ZWNJ compounds counted as their parts, and ``reversed``: words found only
   when reversed (a reading-order error), less those the PDF itself paints as written (listed
   under the table with every such word).
3. Paragraphs left broken in mid-sentence (``--only paragraphs``): lines that end in mid-sentence
   and that the next line goes on, inside a paragraph and across a blank line
   (:func:`broken_paragraphs`), per PDF, for dorost, its extraction and pdftotext+fix; for the
   generated PDFs also the gold's paragraphs found whole as lines of the output.
4. Pages per second on the 189-page ``basemax_proceedings_persian.pdf``, every engine in the
   same run, each as a ratio to dorost's extraction (the machine may be shared: ratios hold
   where seconds do not); ``--repeat N`` runs the table N times.

Run: ``.venv/bin/python benchmarks/pdf.py [--quick]`` (``--quick`` skips the speed table).
Every engine output is NFKC-normalised before scoring, as in ``notes/pdf-engines.md``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from measures import word_error_rate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "pdfs"
ZWNJ = "\u200c"
#: The ezafe after ه written as the letter ۀ (U+06C0) and as ه with a hamza above.
EZAFE_LETTER, EZAFE_HEH = "\u06c0", "\u0647\u0654"
PERSIAN_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0654\u200c]{2,}")

Engine = Callable[[Path], str]


def dorost_full(path: Path) -> str:
    from dorost.inputs.pdf import fix_pdf

    return fix_pdf(path).text


def dorost_extract(path: Path) -> str:
    from dorost.inputs.pdf import extract_pdf

    return extract_pdf(path).text


def dorost_extract_pdfminer(path: Path) -> str:
    from dorost.inputs.pdf import extract_pdf

    return extract_pdf(path, glyphs="pdfminer").text


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=300
    ).stdout.decode("utf-8", "replace")


def pymupdf(path: Path) -> str:
    import fitz  # type: ignore[import-not-found]

    with fitz.open(path) as document:
        return "\n".join(page.get_text() for page in document)


def pypdfium2(path: Path) -> str:
    import pypdfium2 as pdfium  # type: ignore[import-not-found]

    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(path)))


def pypdf_text(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def text_fixed(engine: Engine) -> Engine:
    """``engine``'s text restored by ``dorost fix`` as plain text (no PDF front end)."""

    def fixed(path: Path) -> str:
        from dorost import fix

        return fix(engine(path))

    fixed.__name__ = f"{engine.__name__}+fix"
    return fixed


def engines() -> dict[str, Engine]:
    found: dict[str, Engine] = {
        "dorost": dorost_full,
        "dorost-extract": dorost_extract,
        "dorost-extract-pdfminer": dorost_extract_pdfminer,
    }
    if shutil.which("pdftotext"):
        found["pdftotext"] = pdftotext
    try:
        import fitz  # type: ignore[import-not-found]  # noqa: F401

        found["pymupdf"] = pymupdf
    except ImportError:
        print("PyMuPDF not installed (pip install '.[bench]'): skipped", file=sys.stderr)
    try:
        import pypdfium2 as _  # type: ignore[import-not-found]  # noqa: F401

        found["pypdfium2"] = pypdfium2
    except ImportError:
        print("pypdfium2 not installed: skipped", file=sys.stderr)
    found["pdfminer"] = pdfminer
    try:
        import pypdf as _pypdf  # noqa: F401

        found["pypdf"] = pypdf_text
    except ImportError:
        print("pypdf not installed (pip install '.[bench]'): skipped", file=sys.stderr)
    return found


def with_text_fixes(found: dict[str, Engine]) -> dict[str, Engine]:
    """The engines, and after them the text of pdftotext and pypdf restored by ``dorost fix``."""
    fixed = {f"{name}+fix": text_fixed(found[name]) for name in ("pdftotext", "pypdf") if name in found}
    return {**found, **fixed}


#: Bidi controls (LRM, RLM, embeddings, isolates): pdftotext wraps runs in U+202B…U+202C. They
#: carry no letters, so every engine's output is scored without them.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def words(text: str, zwnj: bool = True) -> list[str]:
    text = BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    if not zwnj:
        text = text.replace(ZWNJ, "")
    return text.split()


def lexicon() -> Callable[[str], bool]:
    try:
        from dorost.language import model

        return model().is_word
    except ImportError:
        path = ROOT.parent / "shared" / "corpora" / "lilak-lexicon" / "lexicon.csv"
        known = {
            line.split("\t")[0].strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")
        }
        return known.__contains__


def _tokens(text: str) -> list[str]:
    """Persian words of ``text``, a ZWNJ compound counted as its parts (each of two letters or more).

    Counting parts makes the rate blind to ZWNJ against space: XeTeX paints ZWNJ as a space
    glyph, so pypdfium2 reads «همسایه ی» (one word, the lone ی too short to count) where dorost
    restores «همسایه\u200cی» (one compound with a part that is no lexicon word), and a compound of
    two known parts is one token in one output and two in the other. The lexicon lists few
    compounds; an engine that drops ZWNJ still loses, as its glued parts are not words.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u064a", "\u06cc").replace("\u0643", "\u06a9")
    return [part for token in PERSIAN_WORD.findall(text) for part in token.split(ZWNJ) if len(part) >= 2]


def lexicon_rates(text: str, is_word: Callable[[str], bool]) -> tuple[float, float, list[str], int]:
    """Share of words in the lexicon as written and reversed, and the words found only reversed."""
    tokens = _tokens(text)
    if not tokens:
        return 0.0, 0.0, [], 0
    forward = sum(1 for t in tokens if is_word(t))
    backward = sum(1 for t in tokens if is_word(t[::-1]))
    reversed_only = [t for t in tokens if len(t) >= 3 and not is_word(t) and is_word(t[::-1])]
    return forward / len(tokens), backward / len(tokens), reversed_only, len(tokens)


def painted_lines(path: Path) -> list[str]:
    """Each line of ``path`` as painted, read right to left: glyph by glyph from the rightmost,
    a space at each word gap, ZWNJ and marks left out, normalised as :func:`_tokens` does.

    This is the PDF's own order, not any engine's: Persian is painted right to left, so a word
    found here as written is no reading-order error of whoever wrote it out.
    """
    from pdfminer.pdfinterp import PDFResourceManager

    from dorost.inputs.pdf import _document, _fast_document, _page_count, _PageReader, _pages
    from dorost.inputs.pdf.glyphs import GlyphDevice, GuardedInterpreter, is_mark
    from dorost.inputs.pdf.layout import SPACE_GAP, drop_overprints, group_lines

    out: list[str] = []
    with path.open("rb") as stream:
        document = _document(stream, None)
        manager = PDFResourceManager(caching=True)
        device = GlyphDevice(manager)
        fast = _fast_document(path, None, _page_count(document), "auto")
        reader = _PageReader(device, GuardedInterpreter(manager, device), fast)
        try:
            for number, page in enumerate(_pages(document), start=1):
                glyphs = reader.read(number, page).glyphs
                letters = drop_overprints([g for g in glyphs if not is_mark(g.text)])
                for line in group_lines(letters):
                    pieces: list[str] = []
                    left = 1.0e18
                    for glyph in reversed(line.glyphs):
                        if not glyph.text.strip():
                            if glyph.text == " ":
                                pieces.append(" ")
                            continue
                        if left - glyph.x1 > SPACE_GAP * max(glyph.size, 1.0):
                            pieces.append(" ")
                        pieces.append(glyph.text)
                        left = min(left, glyph.x0)
                    text = unicodedata.normalize("NFKC", "".join(pieces)).replace(ZWNJ, "")
                    out.append(text.replace("\u064a", "\u06cc").replace("\u0643", "\u06a9"))
        finally:
            reader.close()
    return out


def reversal_verdicts(path: Path, flagged: set[str]) -> dict[str, bool]:
    """For each word found only reversed: ``True`` when the PDF paints it as written, right to
    left, and never its reverse (then it is a garbled or unknown word, not a reversal)."""
    if not flagged:
        return {}
    lines = "\n".join(painted_lines(path))
    return {word: word in lines and word[::-1] not in lines for word in flagged}


def run_engine(engine: Engine, path: Path) -> str:
    try:
        return engine(path)
    except Exception as error:
        print(f"{engine.__name__} failed on {path.name}: {error}", file=sys.stderr)
        return ""


def generated_table(found: dict[str, Engine]) -> list[str]:
    rows = ["| file | " + " | ".join(found) + " |", "|---|" + "---|" * len(found)]
    for pdf in sorted((SHARED / "generated").glob("*.pdf")):
        gold_text = pdf.with_suffix(".gt.txt").read_text(encoding="utf-8")
        cells = []
        for engine in found.values():
            text = run_engine(engine, pdf)
            with_zwnj = word_error_rate(words(gold_text), words(text))
            without = word_error_rate(words(gold_text, zwnj=False), words(text, zwnj=False))
            cells.append(f"{with_zwnj:.3f} / {without:.3f}")
        rows.append(f"| {pdf.stem} | " + " | ".join(cells) + " |")
    return rows


#: Words found only reversed listed per file and engine (those the PDF paints so first).
LISTED = 6


def real_table(found: dict[str, Engine], max_pages: int) -> list[str]:
    """Lexicon hit rates per real PDF and engine, and the words each engine has only reversed.

    ``reversed`` counts those words less the ones the PDF itself paints as written (right to
    left) and never reversed (:func:`reversal_verdicts`); every word found only reversed is
    listed under the table with its verdict.
    """
    is_word = lexicon()
    names = [name for name in found if name != "dorost-extract-pdfminer"]
    rows = [
        "| file | " + " | ".join(f"{name} fwd/rev/reversed" for name in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    notes: list[str] = []
    for pdf in sorted((SHARED / "real").glob("*.pdf")):
        target = _first_pages(pdf, max_pages) if pdf.stat().st_size > 2000000 or "basemax" in pdf.name else pdf
        results = {}
        for name in names:
            text = run_engine(found[name], target)
            results[name] = lexicon_rates(text, is_word)
        flagged = {word for result in results.values() for word in result[2]}
        try:
            verdicts = reversal_verdicts(target, flagged)
        except Exception as error:
            print(f"painted order of {pdf.name} not read: {error}", file=sys.stderr)
            verdicts = {word: False for word in flagged}
        cells = []
        for name, (forward, backward, reversed_only, count) in results.items():
            if not count:
                cells.append("no words")
                continue
            painted = sum(1 for word in reversed_only if verdicts[word])
            extra = f" (+{painted} painted so)" if painted else ""
            cells.append(f"{forward:.3f} / {backward:.3f} / {len(reversed_only) - painted}{extra}")
            listed = sorted(set(reversed_only), key=lambda word: (not verdicts[word], word))
            for word in listed[:LISTED]:
                verdict = "painted so: not a reversal" if verdicts[word] else "REVERSED"
                notes.append(f"- {pdf.stem}, {name}: {word} (reversed: {word[::-1]}): {verdict}")
            rest = listed[LISTED:]
            if rest:
                shown = sum(1 for word in rest if not verdicts[word])
                notes.append(f"- {pdf.stem}, {name}: and {len(rest)} more words ({shown} REVERSED)")
        rows.append(f"| {pdf.stem} | " + " | ".join(cells) + " |")
    if notes:
        rows += ["", "Words found only reversed:", "", *notes]
    return rows


#: A line that opens a list's item (a bullet, a number or letter and its mark): no continuation.
LIST_ITEM = re.compile(r"^(?:[-*•·▪●◦–—]\s|[0-9۰-۹]{1,3}\s*[.):\-]\s|[a-zA-Zابپتثجچد][.)]\s)")
#: A line's end that closes a sentence or introduces what follows (a colon).
CLOSED_END = re.compile(r"[.!?؟…:؛;][»)\]\"'”’]*$")
PERSIAN_START = re.compile('^[«("]?[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]')


def broken_paragraphs(text: str) -> tuple[int, int]:
    """Line ends in mid-sentence that the next line goes on: ``(inside, across)``.

    ``inside``: a line of four words or more, with Persian, no list item, that ends without a
    sentence's end or a colon, directly followed by a line that opens with a Persian letter and is
    no list item (a paragraph left in its printed lines). ``across``: such a line that ends on a
    comma or a word that never ends a sentence (a preposition, a conjunction, را), then a blank
    line, then such a line (a paragraph cut by a page or a column). Headings and titles without a
    full stop followed by their paragraph count in ``inside`` too: the figure is an upper bound to
    read against the output, not a verdict.
    """
    from dorost.fixes.layout._common import OPEN_WORDS

    lines = [line.strip() for line in text.split("\n")]
    inside = across = 0
    for index, line in enumerate(lines[:-1]):
        words_here = line.split()
        if len(words_here) < 4 or not PERSIAN_WORD.search(line) or LIST_ITEM.match(line) or CLOSED_END.search(line):
            continue
        following = lines[index + 1]
        if following:
            inside += bool(PERSIAN_START.match(following)) and not LIST_ITEM.match(following)
            continue
        after = lines[index + 2] if index + 2 < len(lines) else ""
        open_end = line.endswith(("،", ",")) or words_here[-1] in OPEN_WORDS
        across += open_end and bool(PERSIAN_START.match(after)) and not LIST_ITEM.match(after)
    return inside, across


def paragraph_table(found: dict[str, Engine], max_pages: int) -> list[str]:
    """Paragraphs left broken (:func:`broken_paragraphs`) per PDF and engine, and for the
    generated PDFs the share of the gold's paragraphs (one a line) found as a line of the output
    (ZWNJ, spacing and the ezafe's spelling aside: XeTeX's ToUnicode writes the هٔ of the gold
    as the one glyph's letter ۀ, a difference the WER table counts)."""
    names = [name for name in found if name in ("dorost", "dorost-extract", "pdftotext+fix")]
    rows = [
        "| file | " + " | ".join(f"{name} inside/across (paragraphs exact)" for name in names) + " |",
        "|---|" + "---|" * len(names),
    ]

    def norm(line: str) -> str:
        return " ".join(words(line, zwnj=False)).replace(EZAFE_LETTER, EZAFE_HEH)

    for folder in ("generated", "real"):
        for pdf in sorted((SHARED / folder).glob("*.pdf")):
            target = _first_pages(pdf, max_pages) if "basemax" in pdf.name else pdf
            gold_path = pdf.with_suffix(".gt.txt")
            gold = gold_path.read_text(encoding="utf-8") if folder == "generated" and gold_path.exists() else None
            cells = []
            for name in names:
                text = run_engine(found[name], target)
                inside, across = broken_paragraphs(text)
                cell = f"{inside} / {across}"
                if gold is not None:
                    wanted = [norm(line) for line in gold.splitlines() if line.strip()]
                    have = {norm(line) for line in text.splitlines()}
                    cell += f" ({sum(1 for line in wanted if line in have)}/{len(wanted)})"
                cells.append(cell)
            rows.append(f"| {pdf.stem} | " + " | ".join(cells) + " |")
    return rows


def _first_pages(pdf: Path, pages: int) -> Path:
    """The first ``pages`` pages of ``pdf`` as a new file (so slow peers stay short)."""
    import pypdfium2 as pdfium  # dorost's own PDF dependency: the table needs no bench extra

    out = Path("/tmp") / f"dorost-bench-{pdf.stem}-{pages}.pdf"
    if not out.exists():
        source = pdfium.PdfDocument(str(pdf))
        part = pdfium.PdfDocument.new()
        try:
            part.import_pages(source, list(range(min(pages, len(source)))))
            part.save(str(out))
        finally:
            part.close()
            source.close()
    return out


def speed_table(found: dict[str, Engine], repeat: int = 1) -> list[str]:
    """Seconds, pages per second and the ratio to dorost's extraction, per engine, in one run.

    With ``repeat`` > 1 the engines run in turn that many times and each keeps its best time
    (the least disturbed by other work on the machine).
    """
    pdf = SHARED / "real" / "basemax_proceedings_persian.pdf"
    import pypdfium2 as pdfium

    count = len(pdfium.PdfDocument(str(pdf)))
    timings: dict[str, float] = {}
    for _ in range(repeat):
        for name, engine in found.items():
            start = time.perf_counter()
            run_engine(engine, pdf)
            elapsed = time.perf_counter() - start
            timings[name] = min(elapsed, timings.get(name, elapsed))
    rows = ["| engine | seconds | pages/s | speed relative to dorost-extract |", "|---|---|---|---|"]
    for name, seconds in timings.items():
        ratio = timings["dorost-extract"] / seconds
        rows.append(f"| {name} | {seconds:.2f} | {count / seconds:.1f} | {ratio:.2f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the speed table")
    parser.add_argument("--real-pages", type=int, default=12, help="pages of the long real PDFs to score")
    parser.add_argument("--only", choices=["generated", "real", "paragraphs", "speed"], help="one table only")
    parser.add_argument("--repeat", type=int, default=1, help="speed table: runs per engine (best kept)")
    options = parser.parse_args()
    found = engines()
    if options.only in (None, "generated"):
        print("## Generated PDFs: WER with ZWNJ / without ZWNJ distinctions\n")
        print("\n".join(generated_table(with_text_fixes(found))) + "\n")
    if options.only in (None, "real"):
        print("## Real PDFs: lexicon hit rate as written / reversed / words found only reversed\n")
        print("\n".join(real_table(found, options.real_pages)) + "\n")
    if options.only in (None, "paragraphs"):
        print("## Paragraphs left broken: inside a paragraph / across a page or column break\n")
        print("\n".join(paragraph_table(with_text_fixes(found), options.real_pages)) + "\n")
    if options.only in (None, "speed") and not options.quick:
        print("## Speed on basemax_proceedings_persian.pdf (189 pages)\n")
        print("\n".join(speed_table(found, options.repeat)) + "\n")


if __name__ == "__main__":
    main()
