"""Small helpers over plain text shared by the fixes: protected spans (URLs, e-mail, paths), table columns."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise

from dorost.chars import BIDI_EMBEDDINGS, BIDI_MARKS, BOM, SOFT_HYPHEN, ZWJ, ZWNJ, ZWSP
from dorost.patterns import lazy_pattern

# A web address: a scheme's `://` or `www.`, up to the next space (or `<>«»"`, which no address holds).
_WEB_ADDRESS = r"(?:[A-Za-z][A-Za-z0-9+.-]{1,15}://|www\.)[^\s<>«»\"]+"

# URLs, e-mail addresses and file paths: no fix may touch what is inside them.
# Linear time: an address or path may start only where a run of its characters starts (the
# lookbehinds), so a long token is scanned once, not once per position; and a path's segments
# `[\w.-]*/` cannot be split two ways, so a run of slashes does not backtrack exponentially.
_PROTECTED = lazy_pattern(
    _WEB_ADDRESS  # URLs
    + r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"  # e-mail addresses
    r"|(?:(?<![\w.-])|(?=[~/]|[A-Za-z]:))(?:[A-Za-z]:)?[./]?(?:~?[\w.-]*/)+[\w.-]+"  # file paths a/b/c.txt
)


# What a token holding an address or a path shows: `/`, `@` or `www.`. Each is found with ``str.find``, in C: a
# pattern for the three (``[/@]|www\.``) tries every position of the text, 16 ms on a book's 1.2 million characters,
# where the three searches take 2.
_SIGNS = ("/", "@", "www.")
_SPACE = lazy_pattern(r"\s")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and file paths, which fixes must leave alone.

    Only whitespace-separated tokens holding `/`, `@` or `www.` are searched (none of the three
    kinds crosses a space), so ordinary words cost one membership test each.

    >>> url_spans("نشانی https://a.ir/x را ببینید")
    [(6, 20)]
    """
    if "/" not in text and "@" not in text and "www." not in text:  # (most paragraphs: three scans in C)
        return []
    spans: list[tuple[int, int]] = []
    for base, token in _signed_tokens(text):
        spans.extend((base + match.start(), base + match.end()) for match in _PROTECTED().finditer(token))
    return spans


def _signed_tokens(text: str) -> Iterator[tuple[int, str]]:
    """Each whitespace-separated token of ``text`` that holds `/`, `@` or `www.`, once, with its offset, in order.

    Found from the signs (a pattern that opens with a lookbehind for a token's start would try every position of a
    long document): each token is read back to its start from its first sign and on to its end, once. The next of
    each sign is found from the last token's end, so a token full of signs is not read once per sign.
    """
    size = len(text)
    slash, at, www = (_find(text, sign, 0, size) for sign in _SIGNS)
    end = 0
    while True:
        # (Three names, not a list of three: a line of short paths is a token per sign.)
        if slash < end:
            slash = _find(text, "/", end, size)
        if at < end:
            at = _find(text, "@", end, size)
        if www < end:
            www = _find(text, "www.", end, size)
        start = min(slash, at, www)
        if start == size:
            return
        before = text[end:start]  # back to the token's start: the last whitespace before the sign, found in C
        if before and not before[-1].isspace():
            start -= len(before.rsplit(None, 1)[-1])
        space = _SPACE().search(text, start)  # (no sign holds a space)
        end = space.start() if space is not None else len(text)
        yield start, text[start:end]


def _find(text: str, sign: str, start: int, size: int) -> int:
    """Where ``sign`` next is in ``text`` from ``start`` (``size``, the text's length, where it is not)."""
    found = text.find(sign, start)
    return found if found >= 0 else size


_WEB_ADDRESS_ALONE = lazy_pattern(_WEB_ADDRESS)
# What closes the sentence after an address, not the address: `نشانی https://a.ir/x، را` and `(https://a.ir/x).`
_SENTENCE_MARKS = frozenset(".,،؛;:!?؟'")
# Invisible characters, none of which ends an address: a ZWNJ typed before the `،` after it, an RLM that shows the
# full stop after it on the Persian side (`https://a.ir/x\u200f.`) are the sentence's.
_INVISIBLE = frozenset(f"{ZWNJ}{ZWJ}{ZWSP}{SOFT_HYPHEN}{BOM}\u2060\u180e{BIDI_EMBEDDINGS}{BIDI_MARKS}")
_CLOSERS = {")": "(", "]": "["}


def web_addresses(text: str) -> SpanSet:
    """The web addresses of ``text`` (a scheme's `://` or `www.`, up to the next space), whose every character
    is the address's: a page named with Arabic ي ك, a kashida, a ZWNJ or marks in its slug is another page
    once they are unified or removed, and the link breaks.

    An address ends before the marks that end the sentence around it (`.` `،` `؛` `:` `!` `؟` and the like),
    before invisible characters at its end (a ZWNJ or an RLM before such a mark: no address ends in one)
    and before a `)` or `]` it does not open (a Markdown link's `](…)`, an address in brackets); a bracket it
    opens is its own (`https://fa.wikipedia.org/wiki/تهران_(استان)`). E-mail addresses (Latin only) and file
    paths are left out: a path's pattern takes Persian words joined by a slash (`کتاب/دفتر`), which are text.

    >>> text = "[راهنما](https://example.ir/كتاب) و www.a.ir/ب_(ج)، و كتاب"
    >>> [text[start:end] for start, end in web_addresses(text).spans()]
    ['https://example.ir/كتاب', 'www.a.ir/ب_(ج)']
    """
    if "://" not in text and "www." not in text:  # (nearly all text: two scans in C)
        return _NONE
    spans = []
    for match in _WEB_ADDRESS_ALONE().finditer(text):
        start, end = match.span()
        address = match.group()
        opened = {closer: address.count(opener) - address.count(closer) for closer, opener in _CLOSERS.items()}
        while end > start:
            last = text[end - 1]
            if last in _SENTENCE_MARKS or last in _INVISIBLE:
                end -= 1
            elif last in opened and opened[last] < 0:  # one this address does not open
                opened[last] += 1
                end -= 1
            else:
                break
        spans.append((start, end))
    return SpanSet(spans)


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

    def spans(self) -> list[tuple[int, int]]:
        """The spans, in order."""
        return list(zip(self._starts, self._ends, strict=True))

    def span_at(self, pos: int) -> tuple[int, int] | None:
        """The span that holds ``pos``, or None.

        >>> SpanSet([(2, 5), (8, 9)]).span_at(4), SpanSet([(2, 5)]).span_at(5)
        ((2, 5), None)
        """
        index = bisect_right(self._starts, pos) - 1
        if index >= 0 and pos < self._ends[index]:
            return self._starts[index], self._ends[index]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span holds a position from ``start`` up to ``end`` (excluded)."""
        index = bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self._ends[index] > start


# The last text asked about, its protected spans and the tokens that hold them: the pipeline hands one text to each
# fix in turn, and three of them ask for its protected spans. The text is held (not its id), so it cannot be another.
_NONE = SpanSet([])
_last: tuple[str, SpanSet, SpanSet] = ("", _NONE, _NONE)


def _read(text: str) -> tuple[str, SpanSet, SpanSet]:
    global _last
    last = _last
    if last[0] is text:
        return last
    if "/" not in text and "@" not in text and "www." not in text:  # (most paragraphs)
        _last = (text, _NONE, _NONE)
        return _last
    tokens = list(_signed_tokens(text))
    spans = [
        (base + match.start(), base + match.end()) for base, token in tokens for match in _PROTECTED().finditer(token)
    ]
    read = (text, SpanSet(spans), SpanSet([(base, base + len(token)) for base, token in tokens]))
    _last = read
    return read


def protected(text: str) -> SpanSet:
    """The protected spans of ``text`` as a :class:`SpanSet` (never changed by its users)."""
    return _read(text)[1]


def address_tokens(text: str) -> SpanSet:
    """The whitespace-separated tokens of ``text`` that hold `/`, `@` or `www.`: the only ones in which a protected
    span can be, as it is or once joined to a neighbour.

    >>> tokens = address_tokens("نشانی a.ir/x را")
    >>> 7 in tokens, 3 in tokens
    (True, False)
    """
    return _read(text)[2]


# How far apart (in characters) two stretches of lines that hold something to judge may lie and still be read as one:
# a fix then reads a handful of texts, each a few lines, and not one text per line of a dense stretch.
NEAR = 1024


def line_stretches(text: str, wanted: re.Pattern[str], near: int) -> list[tuple[int, int]]:
    """The stretches of whole lines of ``text`` that hold a match of ``wanted`` (a match within a line), where
    stretches less than ``near`` characters apart are one. A fix whose every decision reads only the line it is
    on may read these alone: on a book that is one text, a handful of lines, not a million characters.

    >>> text = "یک\\nدو ي\\nسه\\nچهار\\nپنج ي"
    >>> [text[start:end] for start, end in line_stretches(text, re.compile("ي"), 0)]
    ['دو ي', 'پنج ي']
    >>> [text[start:end] for start, end in line_stretches(text, re.compile("ي"), 10)]
    ['دو ي\\nسه\\nچهار\\nپنج ي']
    >>> line_stretches(text, re.compile(""), 0) == [(0, 2), (3, 7), (8, 10), (11, 15), (16, 21)]
    True
    """
    stretches: list[tuple[int, int]] = []
    found = wanted.search(text)
    while found is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        if end < 0:
            end = len(text)
        if stretches and start - stretches[-1][1] <= near:
            start = stretches.pop()[0]
        stretches.append((start, end))
        # On from the next line (a pattern that matches nothing, or a line break, never finds the same line again).
        found = wanted.search(text, end + 1) if end < len(text) else None
    return stretches


def lines_holding(text: str, wanted: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """The stretches of whole lines of ``text`` that hold a match of ``wanted`` (:func:`line_stretches`, those
    :data:`NEAR` characters apart read as one), each as its offset in ``text`` and its text: ``text`` itself, not a
    copy, where one stretch is all of it. For a fix whose every decision reads only the line it is on; it adds the
    offset to the positions it finds.

    >>> list(lines_holding("یک\\nدو ي", re.compile("ي")))
    [(3, 'دو ي')]
    """
    size = len(text)
    for start, end in line_stretches(text, wanted, NEAR):
        yield start, text if start == 0 and end == size else text[start:end]


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
