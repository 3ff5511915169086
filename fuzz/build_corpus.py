"""Build the fuzzers' seed corpora from the shared material beside the repository (``../shared``).

    python fuzz/build_corpus.py            # writes fuzz/corpus/text and fuzz/corpus/pdf

Text seeds are short slices of real Persian (the seed article and each corpus), each also in the
other encodings dorost reads (Windows-1256, UTF-16 with its mark) and in damaged forms (mojibake,
entities, presentation forms, stray controls); PDF seeds are the shared PDFs under 1 MB. The
corpora are generated, never committed (fuzz/.gitignore).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
SLICE = 2_000  # characters per text seed: small inputs keep the fuzzer fast
MAX_PDF = 1_000_000


def _slices(text: str, count: int) -> list[str]:
    step = max(1, len(text) // count)
    return [text[i : i + SLICE] for i in range(0, len(text), step)][:count]


def _variants(text: str) -> list[bytes]:
    """The text as dorost may meet it: encodings and typical damage."""
    encoded = [text.encode("utf-8"), text.encode("utf-16")]
    with contextlib.suppress(UnicodeEncodeError):
        encoded.append(text.replace("ی", "ي").replace("ک", "ك").encode("windows-1256"))
    head = text[:200]
    encoded.append(head.encode("utf-8").decode("windows-1256", errors="replace").encode("utf-8"))  # mojibake
    encoded.append(head.replace(" ", " &nbsp;&#1587;&zwnj; ", 5).encode("utf-8"))
    encoded.append(head.replace(" ", "\u200c\u200f\u202b ", 5).encode("utf-8"))
    return encoded


def text_seeds(shared: Path) -> list[bytes]:
    sources = [shared / "seed" / "article-as-extracted.txt"]
    sources += sorted(path for path in (shared / "corpora").glob("*/*.txt") if path.stat().st_size > 1_000)
    seeds: list[bytes] = []
    for source in sources:
        text = source.read_text(encoding="utf-8", errors="replace")
        for piece in _slices(text, 3 if source.parent.name != "seed" else 1):
            seeds.extend(_variants(piece))
    return seeds


def pdf_seeds(shared: Path) -> list[bytes]:
    paths = sorted((shared / "pdfs").glob("**/*.pdf"))
    return [path.read_bytes() for path in paths if path.stat().st_size <= MAX_PDF]


def write(seeds: list[bytes], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    return len(seeds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared material (default ../shared)")
    parser.add_argument("--out", type=Path, default=HERE / "corpus", help="where to write (default fuzz/corpus)")
    args = parser.parse_args()
    if not args.shared.is_dir():
        parser.error(f"{args.shared} is not a folder: give --shared")
    texts = write(text_seeds(args.shared), args.out / "text")
    pdfs = write(pdf_seeds(args.shared), args.out / "pdf")
    print(f"{texts} text seeds in {args.out / 'text'}, {pdfs} PDF seeds in {args.out / 'pdf'}")


if __name__ == "__main__":
    main()
