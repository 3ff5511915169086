"""Small helpers over plain text shared by the fixes: protected spans (URLs, e-mail, paths), table columns."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise

from dorost.patterns import lazy_pattern

# URLs, e-mail addresses and file paths: no fix may touch what is inside them.
# Linear time: an address or path may start only where a run of its characters starts (the
# lookbehinds), so a long token is scanned once, not once per position; and a path's segments
# `[\w.-]*/` cannot be split two ways, so a run of slashes does not backtrack exponentially.
_PROTECTED = lazy_pattern(
    r"(?:[A-Za-z][A-Za-z0-9+.-]{1,15}://|www\.)[^\s<>«»\"]+"  # URLs
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"  # e-mail addresses
    r"|(?:(?<![\w.-])|(?=[~/]|[A-Za-z]:))(?:[A-Za-z]:)?[./]?(?:~?[\w.-]*/)+[\w.-]+"  # file paths a/b/c.txt
)


# What a token holding an address or a path shows: `/`, `@` or `www.` (a search skips ahead to these).
_SIGN = lazy_pattern(r"[/@]|www\.")
_SPACE = lazy_pattern(r"\s")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and file paths, which fixes must leave alone.

    Only whitespace-separated tokens holding `/`, `@` or `www.` are searched (none of the three
    kinds crosses a space), so ordinary words cost one membership test each.

    >>> url_spans("نشانی https://a.ir/x را ببینید")
    [(6, 20)]
    """
    if "/" not in text and "@" not in text and "www." not in text:
        return []
    spans: list[tuple[int, int]] = []
    for base, token in _signed_tokens(text):
        spans.extend((base + match.start(), base + match.end()) for match in _PROTECTED().finditer(token))
    return spans


def _signed_tokens(text: str) -> Iterator[tuple[int, str]]:
    """Each whitespace-separated token of ``text`` that holds `/`, `@` or `www.`, once, with its offset, in order.

    Found from the signs (a pattern that opens with a lookbehind for a token's start would try every position of a
    long document): each token is read back to its start from its first sign and on to its end, once.
    """
    end = 0
    for sign in _SIGN().finditer(text):
        start = sign.start()
        if start < end:
            continue  # a second sign of the token just read
        before = text[end:start]  # back to the token's start: the last whitespace before the sign, found in C
        if before and not before[-1].isspace():
            start -= len(before.rsplit(None, 1)[-1])
        space = _SPACE().search(text, sign.end())
        end = space.start() if space is not None else len(text)
        yield start, text[start:end]


class SpanSet:
    """Sorted, non-overlapping spans with a fast membership test."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        index = bisect_right(self._starts, pos) - 1
        return index >= 0 and pos < self._ends[index]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span holds a position from ``start`` up to ``end`` (excluded)."""
        index = bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self._ends[index] > start


# The last text asked about and its spans: the pipeline hands one text to each fix in turn, and
# three of them ask for its protected spans. The text is held (not its id), so it cannot be another.
_last: tuple[str, SpanSet] = ("", SpanSet([]))


def protected(text: str) -> SpanSet:
    """The protected spans of ``text`` as a :class:`SpanSet` (never changed by its users)."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    spans = SpanSet(url_spans(text))
    _last = (text, spans)
    return spans


# A gap of three spaces or more between two words: a table's columns as pdftotext -layout prints
# them (an extractor's run borders and a typist's slips leave one or two).
_COLUMN_GAP = lazy_pattern(r"(?<=\S) {3,}(?=\S)")


def aligned_columns(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines whose gaps of three spaces or more stand over one of the line before or
    after (two characters at least in common): the rows of a table aligned by spaces.

    >>> sorted(aligned_columns(["نام       نسخه", "ویت       پنج", "ویو  سه"]))
    [0, 1]
    """
    gaps = [[m.span() for m in _COLUMN_GAP().finditer(line)] if "   " in line else [] for line in lines]
    rows: set[int] = set()
    for a, b in pairwise(range(len(lines))):
        if any(min(x[1], y[1]) - max(x[0], y[0]) >= 2 for x in gaps[a] for y in gaps[b]):
            rows.update((a, b))
    return rows
