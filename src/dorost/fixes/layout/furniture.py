"""Page furniture: running headers, footers and page numbers that an extractor left in the text.

They are recognised by what they are and by their rhythm, never by position alone:

- a page number is a line holding only a number (``۱۲``, ``- 12 -``, ``صفحه ۱۲``, ``12/40``); the
  numbers must rise page after page, several lines apart, and a page skipped leaves no number
  between two of them; numbers that count up from the document's first line, each after a
  sentence's end, head its sections (a timeline's years), however far apart the later ones are;
- a page number seen once (a document of two pages) is removed where the page break cuts a
  sentence: the prose line before it ends in mid-sentence and prose follows; a short line beside
  it, set apart by blank lines on both sides and without final punctuation, is that page's
  running header and goes with it. Between paragraphs (or after the last one) a number goes
  when it says it is one (`- ۱۲ -`, `صفحه ۱۲`), or when it is the document's only number alone
  on a line and stands where a page ends: after a full first page, before a last page no longer
  than it. The short line beside it goes only when it cannot be a heading: it reads as a piece
  cut from a sentence (it ends in a preposition or conjunction, a word in construct, a modal verb,
  a focus adverb, a quantifier or an adjective that governs a preposition, after a comma, inside
  brackets, or opens a relative, conditional or time clause that holds no verb), or the document
  has no other line that could be a heading (so none at the page break either). With a short
  line on each side of the number, the one cut from a sentence is the header and the other may
  be a heading;
- a running header or footer is a short Persian line that repeats (digits ignored, so
  ``فصل ۲ – ۱۴`` and ``فصل ۲ – ۱۵`` are one line) at a steady rhythm beside the page numbers;
  captions (``جدول ۲. …``) never are, a numbered line (``۱. مقدمه``) only when the same line stands
  beside the page number on three pages or more and nowhere else, and without page numbers
  nothing is taken for a header (a heading repeated in every chapter would look the same);
- two lines that take turns next to the numbers of four pages in a row or more (a book's title
  on even pages, its chapter's on odd ones) are running heads, each seen only every second page.

Only documents that read as prose (long lines with Persian text, not ending in one rhyme) are
looked at: a poem's refrain, a divan's poem numbers or a table's repeated cells are not furniture.

Where the text's pages are known (a PDF: :func:`~dorost.inputs.pdf.fix_pdf` tells where each page
starts and its number), a lone number among a page's first two or last two lines is its page number
when it is the page's number plus one offset shared by two pages or more, and no other lone number
stands beside it on its page (a table's column). Such numbers go in any document: a glossary set in
tables (purepersian_persian.pdf, ``۲`` to ``۹``) is no prose, and its pages are numbered all the same.
A table of contents' page column at a page's end counts another offset (basemax_proceedings_persian.pdf:
``۷۹`` ends page 8, whose own number is not printed) and stays.

Where the front end also knows which lines stand elsewhere than the place the pages' heads (or
feet) share, such a line is no running head, whatever its words: a paper's title on its first page,
which the heads of its later pages repeat word for word, stands lower than they do
(basemax_proceedings_persian.pdf: heads at 722.2 pt on every page, titles at 597 to 599 pt). And
where it knows the lines at each such place, a short line there that stands apart from the text
under it and ends no sentence is a running head too, seen once or not, where heads found by their
repetition stand at that place (see :func:`_heads_at_their_place`).
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence

from dorost.chars import (
    ALEF_MAKSURA,
    ALL_DIGITS,
    ARABIC_KAF,
    ARABIC_YEH,
    KASHIDA,
    PERSIAN_KEHEH,
    PERSIAN_YEH,
    ZWNJ,
)
from dorost.config import Config
from dorost.edits import Change, without_overlaps
from dorost.fixes.layout._common import (
    LATIN_LETTER,
    OPEN_WORDS,
    Line,
    ends_sentence,
    has_persian,
    in_construct,
    is_verse,
    language_model,
    scoring_form,
    split_lines,
)
from dorost.language import LanguageModel
from dorost.patterns import lazy_pattern

_DIGIT_CLASS = f"[{ALL_DIGITS}]"
_PAGE_NUMBER = lazy_pattern(
    r"^[-–—_.•|\s]*(?:(?:صفحه|ص\.?|page|Page|PAGE|p\.)\s*)?"
    f"({_DIGIT_CLASS}{{1,4}})"
    f"(?:\\s*(?:/|از|of)\\s*{_DIGIT_CLASS}{{1,4}})?[-–—_.•|\\s]*$"
)
# A page number that says so: `- 12 -`, `صفحه ۱۲`, `12/40`, not a bare number (a section's).
_DECORATED = lazy_pattern(
    f"^(?:[-–—].*[-–—]|(?:صفحه|ص\\.?|page|Page|PAGE|p\\.).*|.*{_DIGIT_CLASS}\\s*(?:/|از|of)\\s*{_DIGIT_CLASS}.*)$"
)
_DIGITS = lazy_pattern(f"{_DIGIT_CLASS}+")
_SPACES = lazy_pattern(r"\s+")
# Copies of one running head differ by a ZWNJ or a space between two words (``بهینه\u200cسازی``,
# ``بهینه سازی``), a kashida or an Arabic letter form, by the typesetter's hand or because the layout
# fixes run before the letter and spacing fixes; they are compared without them.
_WORD_GAP = lazy_pattern(f"(?<=[^\\W\\d_])[\\s{ZWNJ}]+(?=[^\\W\\d_])")
_LETTER_FORMS = str.maketrans(
    {ARABIC_YEH: PERSIAN_YEH, ALEF_MAKSURA: PERSIAN_YEH, ARABIC_KAF: PERSIAN_KEHEH, KASHIDA: None}
)
# The fewest lines between two pages' furniture, and the fewest lines a document must have.
_MIN_PAGE_LINES = 5
# The most lines one page gives: two columns of small print. Numbers further apart are not the
# numbers of pages that follow one another (the limits of two integrals, pages apart).
_MAX_PAGE_LINES = 200
_MIN_DOCUMENT_LINES = 12
_MAX_FURNITURE_LENGTH = 60
# A paper's or a chapter's title as a running head, taking turns with another (see _alternating_heads).
_MAX_HEAD_LENGTH = 100
# The fewest pages in a row on which two heads take turns.
_MIN_ALTERNATION = 4
# Numbered sections end on a sentence's end, all but one in this many (see _numbered_sections).
_UNENDED_SECTIONS = 10
# A header or footer sits within this many lines of its page's number.
_NEAR_NUMBER = 4
# pdftotext ends each page with a form feed. In a text that holds them, a page's number stands next to
# one (see _beside_break); the numbers of a table of contents or a formula, further in the page, are
# content (pdftotext's plain text of xrs_Vahid-Proposal.pdf lost 23 numbers of its table of contents,
# and that of basemax_proceedings_persian.pdf 31 of a table of contents and formulas, as page numbers).
_PAGE_BREAK = "\f"
# A page's number is among its first or last this many lines (a heading may stand above it).
_PAGE_EDGE = 2
# A two-page document's one page number ends a full page: this many lines at least before it.
_MIN_FIRST_PAGE = 3 * _MIN_PAGE_LINES
# A page number alone in a document, without a rhythm to fit, is below this (``۱۴۰۲`` is a year).
_MAX_LONE_NUMBER = 1000
_PAIRS = (("(", ")"), ("«", "»"), ("[", "]"))
# The last piece of a sentence, wrapped onto a line of its own after the page break: one short word
# without Persian that ends the sentence (`… یکان آن عدد به ۵ بخش پذیر باشد (۰ یا` / `۵).`).
_SENTENCE_TAIL = lazy_pattern(r"^\S{1,12}$(?<=[.!?؟…])")
# A sentence that ends inside a line (after a word, not after a heading's number or letter: ``۱.``,
# ``الف.``): the line is running text, a paragraph's last line, never a heading.
_INNER_END = lazy_pattern(r"[^\W\d_]{2}(?<!الف)[.!?؟…]\s+\S")


def median(values: Iterable[float]) -> float:
    """The median, as ``statistics.median`` computes it (the middle value; the mean of the middle two), without
    loading ``statistics`` and its imports (random, fractions, decimal) in every process."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if not ordered:
        raise ValueError("no median of no values")
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _value(number: str) -> int:
    return int("".join(str(ALL_DIGITS.index(ch) % 10) for ch in number))


def _steady(positions: list[int]) -> bool:
    """Occurrences at least a page apart, with no gap more than three times another."""
    gaps = [b - a for a, b in itertools.pairwise(positions)]
    return bool(gaps) and min(gaps) >= _MIN_PAGE_LINES and max(gaps) <= 3 * min(gaps)


def _chains(candidates: list[tuple[int, int]], per_page: float | None) -> list[list[tuple[int, int]]]:
    """Chains of numbers rising by one or two, each at least a page after the one before.

    One linear pass (a volume whose papers restart their numbering has several chains). With
    ``per_page`` (lines per page of the document's main chain), a link must also keep the page
    rhythm: between a quarter and four times as many lines as pages gone by. Without it a ``۰``
    under one integral and a ``۱`` under another, pages apart, would make a chain.
    """
    chains_ending: dict[int, list[list[tuple[int, int]]]] = {}
    chains: list[list[tuple[int, int]]] = []
    last_seen: dict[int, int] = {}  # the last line each value stood alone on, so far
    for index, value in candidates:
        best: list[tuple[int, int]] | None = None
        for previous in (value - 1, value - 2):
            for chain in chains_ending.get(previous, ()):
                gap = index - chain[-1][0]
                if not _MIN_PAGE_LINES <= gap <= _MAX_PAGE_LINES * (value - previous):
                    continue
                # A page skipped (a plate, a blank page) leaves no number between: where the number
                # skipped stands alone between the two, the numbers count something closer together
                # than pages (years heading a timeline's entries, ``۱۳۹۰`` … ``۱۳۹۱`` … ``۱۳۹۲``,
                # three lines apart, lost every second year as a chain rising by two).
                if value - previous == 2 and last_seen.get(value - 1, -1) > chain[-1][0]:
                    continue
                if per_page is not None and not per_page / 4 <= gap / (value - previous) <= 4 * per_page:
                    continue
                if best is None or len(chain) > len(best):
                    best = chain
        if best is None:
            best = []
            chains.append(best)
        else:
            chains_ending[best[-1][1]].remove(best)
        best.append((index, value))
        chains_ending.setdefault(value, []).append(best)
        last_seen[value] = index
    return chains


def _page_breaks(lines: list[Line]) -> list[int]:
    """The lines that hold a page break (pdftotext's form feed), in order."""
    return [index for index, line in enumerate(lines) if _PAGE_BREAK in line.text]


def _beside_break(lines: list[Line], breaks: list[int], index: int) -> bool:
    """The line is next to a page break (``breaks``: the lines that hold one, sorted), blank lines aside.

    A page's number is the last line of its page (the next line with content opens the next page:
    it holds the form feed; or the text ends), the first (the form feed opens its line), or the
    first after a form feed that stands alone.
    """
    at = bisect.bisect_left(breaks, index)
    if at < len(breaks) and breaks[at] == index:
        return True
    after = breaks[at] if at < len(breaks) else None
    before = breaks[at - 1] if at > 0 else None
    if _blank_between(lines, index + 1, len(lines) if after is None else after):
        return True  # the last line of its page, or of the text, which ends its last page
    return before is not None and lines[before].blank and _blank_between(lines, before + 1, index)


def _page_numbers(lines: list[Line]) -> list[int]:
    """Indexes of lines that are page numbers rising page by page.

    The longest chain of rising numbers sets the page rhythm (lines per page); the chains are
    then found again keeping that rhythm, so that the fix settles in one round. A number directly
    beside another number line belongs to a column of numbers (a table of contents, a table), not
    to a page's margin. Beside a long chain, a chain of two is a coincidence (two formulas' limits).
    """
    candidates: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        match = _PAGE_NUMBER().match(line.content) if not line.blank else None
        if match and not any(
            0 <= other < len(lines) and not lines[other].blank and _PAGE_NUMBER().match(lines[other].content)
            for other in (index - 1, index + 1)
        ):
            value = _value(match.group(1))
            if value > 0:  # no page is numbered 0; a 0 alone on a line is a formula's limit
                candidates.append((index, value))
    longest = max(_chains(candidates, None), key=len, default=[])
    per_page: float | None = None
    if len(longest) >= 3:
        per_page = median((b[0] - a[0]) / (b[1] - a[1]) for a, b in itertools.pairwise(longest))
    chains = sorted(_chains(candidates, per_page), key=len, reverse=True)
    shortest = 3 if chains and len(chains[0]) >= 5 else 2
    countdowns = _countdowns(lines, candidates)
    found: list[int] = []
    spans: list[tuple[int, int]] = []
    for chain in chains:
        first, last = chain[0][0], chain[-1][0]
        # Two numbers alone are the pages of a two-page document: the second page is a third of
        # the document at least.
        two_pages = len(chain) == shortest == 2 and last - first >= max(2 * _MIN_PAGE_LINES, len(lines) / 3)
        if len(chain) < 3 and not two_pages:
            continue
        # Papers that restart their numbering follow one another; a chain inside another's pages
        # is made of formulas' limits or list numbers.
        if any(first <= end and start <= last for start, end in spans):
            continue
        if _numbered_sections(lines, chain, countdowns[first]):
            continue
        spans.append((first, last))
        found.extend(index for index, _ in chain)
    breaks = _page_breaks(lines)
    if breaks:
        # The text marks its pages: a page's number stands beside a page break.
        found = [index for index in found if _beside_break(lines, breaks, index)]
    return sorted(found)


def _countdowns(lines: list[Line], candidates: list[tuple[int, int]]) -> dict[int, tuple[int, int, int]]:
    """For each candidate number's line: the line of the first number of the run that counts down to
    it (each one less than the next, on an earlier line, however close), how many numbers the run
    holds, and how many of its later numbers stand after no sentence's end. One pass.

    A chain needs its numbers a page apart; numbers that head short sections (a timeline's years,
    ``۱۳۹۰`` … ``۱۳۹۵``) fall closer at first, and the chain of the later ones, a page apart by
    chance, does not open the document: the run it ends does.
    """
    runs: dict[int, tuple[int, int, int]] = {}
    last_at: dict[int, int] = {}  # each value's latest line so far
    for index, value in candidates:
        previous = last_at.get(value - 1)
        if previous is None:
            runs[index] = (index, 1, 0)
        else:
            first, count, unended = runs[previous]
            runs[index] = (first, count + 1, unended + (not _after_sentence_end(lines, index)))
        last_at[value] = index
    return runs


def _numbered_sections(lines: list[Line], chain: list[tuple[int, int]], countdown: tuple[int, int, int]) -> bool:
    """The chain numbers the document's sections, not its pages: the run that counts down to it
    (``countdown``, see :func:`_countdowns`) opens the document and the other numbers stand after a
    sentence's end, all but one in ten (a section that ends on a quotation or a title: ``…
    "maintainers"``).

    A text of pieces each under its number alone on a line (``۱``, a blank line, two paragraphs,
    ``۲`` …) lost its numbers as page numbers. A page's number opens no document (an extractor prints
    the first page's at its foot, or none), and page breaks fall in mid-sentence more often than not.
    """
    first, count, unended = countdown
    if not _blank_between(lines, 0, first):
        return False
    unended += sum(1 for index, _ in chain[1:] if not _after_sentence_end(lines, index))
    return unended <= (count + len(chain) - 1) // _UNENDED_SECTIONS


def _after_sentence_end(lines: list[Line], index: int) -> bool:
    return (before := _neighbour_line(lines, index)) is not None and ends_sentence(lines[before].content)


def _neighbour_line(lines: list[Line], index: int) -> int | None:
    """The nearest line with content before ``index``, blank lines between or not."""
    return next((other for other in range(index - 1, -1, -1) if not lines[other].blank), None)


# A numbered heading (`۱. مقدمه`) or a caption (`جدول ۲. …`, `شکل ۳`) recurs in every paper of a
# proceedings volume: it is content. A caption is never a running header; a numbered line only as
# itself, on three pages or more and only beside their numbers (see _running_lines).
_HEADING = lazy_pattern(f"^\\s*(?:{_DIGIT_CLASS}+\\s*[.)\\-]|(?:جدول|شکل|نمودار|Table|Figure|Fig\\.)\\s)")
_NUMBERED = lazy_pattern(f"^\\s*{_DIGIT_CLASS}+\\s*[.)\\-]")


def _head_key(content: str) -> str:
    """What copies of one running head share, whatever their spacing and letter forms.

    >>> forms = ("روش\u200cهای بهینه سازی", "روش های  بهینه\u200cسازی", "روشهاي بهینه\u200cسازی")
    >>> len({_head_key(form) for form in forms})
    1
    >>> _head_key("م. شمس")
    'م. شمس'
    """
    return _SPACES().sub(" ", _WORD_GAP().sub("", content.translate(_LETTER_FORMS))).strip()


def _running_lines(lines: list[Line], numbers: list[int]) -> list[int]:
    """Indexes of short Persian lines that repeat (digits ignored) beside the page numbers.

    A line is a running header or footer only when it sits within a few lines of a page number
    at two thirds of its occurrences or more (twice at least); one that ends a sentence, at every
    one of them (a title that ends on its mark: ``تک\u200cآهنگ "کجا باید برم؟"``, and the benchmark's
    running heads cut from a sentence, ``این ماهی همه\u200cچیزخوار است.`` beside four page numbers,
    where a repeated sentence of the text stands elsewhere too). Without page numbers to anchor
    the rhythm nothing is removed: a heading repeated in every chapter would look the same, and
    removing it would lose text. Anchoring also makes the fix settle in one pass: once the
    numbers are gone, nothing else is anchored.
    """
    if not numbers:
        return []
    groups: dict[tuple[bool, bool, str], list[int]] = {}
    for index, line in enumerate(lines):
        content = line.content
        if line.blank or len(content) > _MAX_HEAD_LENGTH:
            continue
        if not has_persian(content):
            continue
        if _HEADING().match(content) and not _NUMBERED().match(content):
            continue  # a caption
        numbered = _NUMBERED().match(content) is not None
        # A numbered line repeats only as itself, digits and all (`۲- در مورد افرادی` on every page):
        # headings' numbers differ.
        key = _head_key(content if numbered else _DIGITS().sub("#", content))
        if sum(ch.isalpha() for ch in key) < 3:
            continue
        groups.setdefault((numbered, ends_sentence(content), key), []).append(index)
    # A running header comes back on most pages: beside three page numbers at least when the
    # document has six pages or more. Twice in a long document is a table-of-contents entry and its
    # heading, or two figure captions (xrs_Navid-Khazaee.pdf, pages 3, 6 and 7).
    needed = max(2, min(3, len(numbers) // 2))
    found: list[int] = _alternating_heads(
        lines, numbers, [p for (numbered, ended, _), p in groups.items() if not (numbered or ended)]
    )
    for (numbered, ended, _), positions in groups.items():
        if len(lines[positions[0]].content) > _MAX_FURNITURE_LENGTH:
            continue  # a long line is a head only in turn with another (see _alternating_heads)
        beside = sum(1 for i in positions if any(abs(i - n) <= _NEAR_NUMBER for n in numbers))
        if numbered and (len(positions) < 3 or beside < len(positions)):
            # A numbered heading recurs in every paper of a proceedings volume (`۱. مقدمه`); a
            # numbered line is a header only beside a page number on three pages or more and
            # nowhere else (benchmark: a ParsiNLU passage's first words, `۲- در مورد افرادی`, as
            # the running header of a wrapped document).
            continue
        if ended and beside < len(positions):
            continue  # a sentence of the text, repeated
        if (
            len(positions) >= 2
            and beside >= needed
            and 3 * beside >= 2 * len(positions)
            and _steady(positions)
            and _numbers_keep_pace([lines[i].content for i in positions])
        ):
            # Only the occurrences in the page margin (beside a number, or heading the first page)
            # go: the same words elsewhere, such as a paper's own title line, are content.
            first = next((i for i, line in enumerate(lines) if not line.blank), -1)
            found.extend(i for i in positions if i == first or any(abs(i - n) <= _NEAR_NUMBER for n in numbers))
    return found


def _alternating_heads(lines: list[Line], numbers: list[int], groups: list[list[int]]) -> list[int]:
    """Heads printed on every second page, in turn with another, beside numbers rising page by page.

    Books and proceedings print the book's or the paper's title on even pages and the chapter's
    or the authors' on odd ones (basemax_proceedings_persian.pdf: ``م. شمس`` beside ۳ and ۵, the
    paper's title beside ۴ and ۶). Each comes back only every second page, too seldom for the
    rhythm of one head; the alternation is the evidence: four numbered pages in a row at least,
    each with one of the two lines beside its number, the two taking turns. Only the occurrences
    in that run go: the paper's title on its first page, or in the table of contents, is content.
    """
    value_at = {index: _number_of(lines[index]) for index in numbers}
    # page -> {group: the group's line beside that page's number}
    beside: dict[int, dict[int, int]] = {}
    for group, positions in enumerate(groups):
        pages: dict[int, int] = {}
        for index in positions:
            # The line next to the number, blank lines aside: a page's first or last line.
            at = bisect.bisect(numbers, index)
            for number in numbers[max(0, at - 1) : at + 1]:
                low, high = sorted((number, index))
                if high - low <= _NEAR_NUMBER and all(line.blank for line in lines[low + 1 : high]):
                    pages.setdefault(value_at[number], index)
        if len(pages) < 2:
            continue  # a head comes back; a line seen beside one number is the page's own
        for page, index in pages.items():
            beside.setdefault(page, {})[group] = index
    found: set[int] = set()
    for page, heads in beside.items():
        # Two heads take turns from this page on, unless they already did on the page before (that
        # walk covers this one: the work stays linear in the pages).
        for first, second in itertools.product(heads, beside.get(page + 1, {})):
            earlier = beside.get(page - 1, {})
            if second in earlier and first not in earlier:
                continue
            pair = (first, second)
            # Each on its own pages only: lines beside every page number (a repeated paragraph)
            # do not take turns.
            run = 0
            while pair[run % 2] in beside.get(page + run, {}) and pair[1 - run % 2] not in beside[page + run]:
                run += 1
            if run >= _MIN_ALTERNATION:
                found.update(beside[page + k][(first, second)[k % 2]] for k in range(run))
    return sorted(found)


def _numbers_keep_pace(contents: list[str]) -> bool:
    """Numbers inside a repeated line stay the same or rise page after page (``فصل ۲ – ۱۴``, ``– ۱۵``).

    Captions that differ only in a number that falls (``… ۱۲ …`` then ``… ۴ …``) are content.
    """
    values = [[_value(number) for number in _DIGITS().findall(content)] for content in contents]
    return all(
        len(before) == len(after) and all(b <= a for b, a in zip(before, after, strict=True))
        for before, after in itertools.pairwise(values)
    )


def _neighbour(lines: list[Line], index: int, step: int) -> int | None:
    """The nearest non-blank line from ``index`` in direction ``step``, if blank lines part them."""
    other = index + step
    while 0 <= other < len(lines) and lines[other].blank:
        other += step
    if not 0 <= other < len(lines) or other == index + step:
        return None
    return other


def _after_last(lines: list[Line], index: int) -> bool:
    """Only blank lines follow the line: it is the document's last."""
    return _blank_between(lines, index + 1, len(lines))


def _blank_between(lines: list[Line], start: int, end: int) -> bool:
    """Lines ``start`` to ``end`` (excluded) are blank. Read one by one up to the first that is not, never
    copied: a page's numbers each ask it of the rest of the document (a slice made it quadratic)."""
    return all(lines[index].blank for index in range(start, end))


def _header_beside(lines: list[Line], number: int, step: int, short: float) -> int | None:
    """A short line set apart by blank lines next to a page number: that page's running header.

    After the number, the document's last line counts as set apart from what follows it.
    """
    index = _neighbour(lines, number, step)
    if index is None or (_neighbour(lines, index, step) is None and not (step > 0 and _after_last(lines, index))):
        return None
    content = lines[index].content
    if (
        len(content) > min(_MAX_FURNITURE_LENGTH, short)
        or ends_sentence(content)
        or _PAGE_NUMBER().match(content)
        or not has_persian(content)
    ):
        return None
    return index


def _number_of(line: Line) -> int:
    match = _PAGE_NUMBER().match(line.content)
    return _value(match.group(1)) if match else -1


def _fits_between(lines: list[Line], numbers: list[int], index: int) -> bool:
    """A stray number fits the page numbering: above the page number before it, below the next."""
    at = bisect.bisect(numbers, index)
    value = _number_of(lines[index])
    below = at == 0 or _number_of(lines[numbers[at - 1]]) < value
    above = at == len(numbers) or value < _number_of(lines[numbers[at]])
    return below and above


def _ends_first_page(lines: list[Line], block: list[int]) -> bool:
    """The block stands where the first of two pages ends: a full page before it, no more after.

    A document's last page is no fuller than its others, so a lone number followed by more lines
    than came before it does not end a page (the document would have a second number). A blank
    line takes a line's room on the page too: a first page of short paragraphs set apart holds
    fewer lines of text than a last page of long ones (benchmark, ``headed`` news documents).
    """
    before = block[0]
    text = [i for i, line in enumerate(lines) if not line.blank]
    first_after = next((i for i in text if i > block[-1]), None)
    last_before = max((i for i in text if i < before), default=-1)
    after = 0 if first_after is None else text[-1] - first_after + 1
    return before >= _MIN_FIRST_PAGE and after <= last_before + 1


# A relative clause holds its verb (Persian is verb-final), a word that ends sentences often: in the
# shared corpora's lines of 2 to 12 words without a final mark that hold ``که`` (266), every clause
# does (``… که کاربر جستجو میکند``, ``… که به دنبال آن هستید``), its verb's log share of
# occurrences before a sentence's end -2.0 or more; the running heads cut from a sentence
# that the benchmark leaves beside a lone page number hold words below -6 (``محمد که از روش``:
# ``روش`` -8.1). A word seen this few times says little.
_VERB_END = -4.0
_KNOWN = 20
# Words that open a clause which must hold its verb: ``که`` inside the line, and a conditional or
# concessive conjunction anywhere (``اگر نیاز به کمی``, ``گرچه این\u200cها اجزای متصل``, ``حالا اگر npm
# start``: benchmark, running heads cut from a sentence beside a lone page number). ``زمانی`` and
# ``هنگامی`` open one only with their ``که`` (``زمانی که فایل README``).
_CLAUSE_OPENERS = frozenset(["اگر", "اگرچه", "گرچه", "هرچند", "چنانچه", "وقتی"])
_TIME_OPENERS = frozenset(["زمانی", "هنگامی"])
# A line ends on none of these words without its phrase going on: a modal verb without the verb it
# governs (``آیا ویتامین دی می\u200cتواند``), a focus adverb (``تغییرات در TCP نیز``) or a quantifier
# without its noun (``قدمت فوتبال به چندین``). Of the shared corpora's lines (running text, one
# paragraph or heading a line, and Firefox's interface strings: 11,310 of 2 to 12 words without a
# final mark), two end on one, both cut from their sentence (``… و بنا بر یکنوایی و تعمیم نیز``).
# (``همه`` ends interface strings, ``انتخاب همه``, and ``هم`` one, ``… در نمای دوتایی کنار هم``.)
# Nor on an adjective that governs its preposition (``موسوم به``, ``مایل به``, ``مبتنی بر``): ``جگر
# عضو قهوه\u200cای مایل``, ``… نشست موسوم`` (benchmark, running heads beside a lone page number); none of
# the corpora's 20,541 such lines (2 to 12 words, persianqa and Firefox's strings with them) ends on one.
# fmt: off
_GOES_ON = frozenset([
    "می\u200cتواند", "می\u200cتوانند", "می\u200cتوانید", "می\u200cتوانیم", "می\u200cتوانم", "می\u200cتوان",
    "نمی\u200cتواند", "نمی\u200cتوانند", "نمی\u200cتوان", "باید", "نباید", "خواهد", "خواهند", "شاید",
    "نیز", "فقط", "حتی", "بسیار", "چندین", "چند", "برخی", "هیچ",
    "موسوم", "مایل", "منجر", "مبتنی", "معطوف", "ملزم", "موظف", "قادر", "مجبور",
])
# fmt: on


def _without_verb(words: list[str]) -> bool:
    """No word is a verb: each is Latin (no Persian verb is), or known and ends sentences seldom."""
    model = language_model()
    if not words or not isinstance(model, LanguageModel):
        return False
    for word in words:
        if LATIN_LETTER.search(word) and not has_persian(word):
            continue
        form = scoring_form(word)
        if model.text_count(form) < _KNOWN or model.sentence_end_logprob(form) >= _VERB_END:
            return False
    return True


def _unfinished_clause(words: list[str]) -> bool:
    """The line opens a clause that holds no verb: it was cut from a sentence.

    >>> _unfinished_clause("محمد که از روش".split()), _unfinished_clause("متنی که کاربر جستجو میکند".split())
    (True, False)
    >>> _unfinished_clause("اگر نیاز به کمی".split()), _unfinished_clause("اگر گیر کردید".split())
    (True, False)
    """
    for at, word in enumerate(words[:-1]):
        clause = words[at + 1 :]
        if word in _TIME_OPENERS and clause[0] == "که":
            clause = clause[1:]
        elif not (word in _CLAUSE_OPENERS or (word == "که" and at > 0)):
            continue
        # No word of the clause is a verb: each is known, and none ends sentences often (a verb may
        # come before a closing phrase: ``مواردی که ممیزی بررسی می\u200cکند (در سطح کلی)``).
        return _without_verb(clause)
    return False


def _cut_from_sentence(content: str) -> bool:
    """The short line is a piece of a sentence, never a heading.

    >>> _cut_from_sentence("حالا می\u200cتوانید ببینید که"), _cut_from_sentence("در طول زمان، ممکن")
    (True, True)
    >>> _cut_from_sentence("ایکر کاسیاس فرناندز (به"), _cut_from_sentence("نتایج بررسی")
    (True, False)
    >>> _cut_from_sentence("تغییرات در TCP نیز"), _cut_from_sentence("آیا ویتامین دی می\u200cتواند")
    (True, True)

    A word in construct (ezafe) goes on too (``مطمئن شوید نام پروژه\u200cی``, see :func:`in_construct`),
    and so do a word that needs the next (see ``_GOES_ON``) and a clause without its verb (see
    :func:`_unfinished_clause`).
    """
    words = content.split()
    if not words or words[-1] in OPEN_WORDS or in_construct(words[-1]) or "،" in content or "," in content:
        return True
    if words[-1] in _GOES_ON or _unfinished_clause(words):
        return True
    quotes = sum(content.count(mark) for mark in "\"'")
    return quotes % 2 == 1 or any(content.count(a) != content.count(b) for a, b in _PAIRS)


def _could_be_heading(lines: list[Line], index: int, short: float) -> bool:
    """A short Persian line without final punctuation: a heading, a list item, a caption, a verse.

    A line with a sentence end inside is a paragraph's last line, whatever its end (a line whose
    runs an extractor printed last-first: ``می\u200cسازد. می\u200cآید را ممکن``).
    """
    line = lines[index]
    content = line.content
    return (
        not line.blank
        and has_persian(content)
        and len(content) < short
        and not ends_sentence(content)
        and not _PAGE_NUMBER().match(content)
        and not _INNER_END().search(content)
    )


def _lone_page_breaks(lines: list[Line], taken: set[int], numbers: list[int]) -> list[int]:
    """Page numbers seen once or twice, where a page ends, and their headers.

    In a document whose pages are numbered page after page (``numbers``), a stray number counts
    only where it fits the numbering (not the ``۰`` under an integral), and no header is taken
    beside it: running headers were found by their rhythm, and a short line beside a stray number
    is a heading (``۱ بخش اول`` after a table of contents).
    """
    with_headers = not numbers
    alone = [i for i, line in enumerate(lines) if not line.blank and _number_of(line) > 0]
    if not numbers and len(alone) > 2:
        # Unnumbered pages give no page numbers to find; many numbers alone on their lines with no
        # rhythm among them are a formula's limits or a list's, and stay.
        return []
    lengths = [len(line.content) for line in lines if not line.blank and has_persian(line.text)]
    short = 0.6 * median(lengths)
    first = next((i for i, line in enumerate(lines) if not line.blank), -1)
    breaks = _page_breaks(lines)
    found: list[int] = []
    for index, line in enumerate(lines):
        if index in taken or line.blank or _number_of(line) <= 0:
            continue
        if breaks and not _beside_break(lines, breaks, index):
            continue  # the text marks its pages, and this number stands inside one (see _beside_break)
        if numbers and not _fits_between(lines, numbers, index):
            continue
        sides = (-1, 1) if with_headers else ()
        headers = [h for h in (_header_beside(lines, index, step, short) for step in sides) if h]
        if len(headers) == 2:
            # A short line on each side: a heading may end one page or open the next, but a piece cut
            # from a sentence is no heading (``چگونه یک باگ یا مشکل گزارش شود``, ``صفحه ۱۶``,
            # ``جنگ\u200cهای ایران و روسیه،``: benchmark, a heading before a page's number and the
            # running head after it).
            headers = [h for h in headers if _cut_from_sentence(lines[h].content)]
        header = headers[0] if len(headers) == 1 else None
        block = sorted([index] if header is None else [index, header])
        before = _neighbour(lines, block[0], -1)
        after = _neighbour(lines, block[-1], 1)
        last = after is None and block[-1] + 1 < len(lines) and _after_last(lines, block[-1])
        if before is None or (after is None and not last) or before in taken or after in taken:
            continue
        previous = lines[before].content
        if not has_persian(previous):
            continue
        if after is not None:
            following = lines[after].content
            if _PAGE_NUMBER().match(following) or not (has_persian(following) or _SENTENCE_TAIL().match(following)):
                continue
            if len(previous) >= short and not ends_sentence(previous):
                found.extend(block)
                continue
        # Between paragraphs: the document's only number where a first page ends, or one that
        # says it is a page number.
        page_end = with_headers and alone == [index] and _number_of(line) < _MAX_LONE_NUMBER
        if not (page_end and _ends_first_page(lines, block)) and not _DECORATED().match(line.content):
            continue
        found.append(index)
        # The short line beside it is the next page's header unless it may be a heading: one that
        # reads as a piece of a sentence never is; otherwise only where the document has no other
        # line that could be one (a heading would not be the only one, right at the page break).
        if header is not None and (
            _cut_from_sentence(lines[header].content)
            or not any(_could_be_heading(lines, i, short) for i in range(len(lines)) if i not in (first, header))
        ):
            found.append(header)
    return found


def _numbers_at_page_edges(lines: list[Line], pages: Sequence[tuple[int, int]]) -> list[int]:
    """Lines that are their page's number, the pages known: ``pages`` are where each page starts in
    the text and its number (1-based, in order). See the module's docstring."""
    starts = [start for start, _ in pages]
    on_page: list[list[int]] = [[] for _ in pages]
    for index, line in enumerate(lines):
        at = bisect.bisect_right(starts, line.start) - 1
        if at >= 0 and not line.blank:
            on_page[at].append(index)
    found: list[tuple[int, int]] = []  # (line, the page's number less the page's place)
    for (_, page), indexes in zip(pages, on_page, strict=True):
        numbers = [_PAGE_NUMBER().match(lines[index].content) for index in indexes]
        edge = sorted({*range(min(_PAGE_EDGE, len(indexes))), *range(max(0, len(indexes) - _PAGE_EDGE), len(indexes))})
        for place in edge:
            match = numbers[place]
            if match is None or any(
                0 <= other < len(indexes) and numbers[other] is not None for other in (place - 1, place + 1)
            ):
                continue
            value = _value(match.group(1))
            if value > 0:
                found.append((indexes[place], value - page))
                break  # one number a page
    offsets = Counter(offset for _, offset in found).most_common(1)
    if not offsets or offsets[0][1] < 2:
        return []
    offset = offsets[0][0]
    return [index for index, other in found if other == offset]


def _is_prose(lines: list[Line]) -> bool:
    """Long Persian lines, and not verse one couplet a line (a divan numbers its poems ``۱``, ``۲``;
    so does an anthology its passages of a masnavi, whose couplets rhyme each within its line)."""
    persian = [i for i, line in enumerate(lines) if not line.blank and has_persian(line.text)]
    if len(persian) < _MIN_DOCUMENT_LINES or median(len(lines[i].content) for i in persian) < 30:
        return False
    unended = [i for i in persian if not ends_sentence(lines[i].content)]
    return not is_verse(lines, unended)


def remove_page_furniture(
    text: str,
    config: Config,
    pages: Sequence[tuple[int, int]] = (),
    elsewhere: Sequence[tuple[int, int]] = (),
    margins: Sequence[Sequence[tuple[int, int]]] = (),
) -> list[Change]:
    """Remove running headers, footers and page numbers repeated at page rhythm; ``pages``, where
    known, are where each page starts in ``text`` and its number (see the module's docstring).
    ``elsewhere``, where known (a PDF), are the spans of the lines set elsewhere than the place the
    pages' heads or feet share: no such line is a running head or foot, even where its words are
    (a paper's title on its first page, lower than the heads that repeat it on its later pages,
    basemax_proceedings_persian.pdf), and it stays; a line that only holds a number is judged as
    before (a paper's first page may set its number elsewhere). ``margins``, where known, are the
    spans of the lines at each place the pages' top or bottom lines share, a group a place (see
    :func:`_heads_at_their_place`).

    >>> from dorost import fix
    >>> body = "این سطر از متن اصلی مقاله است و ادامه دارد تا پایان صفحه برسد"
    >>> pages = [("گزارش سالانه", body, body, body, body, body, f"- {n} -") for n in "۱۲۳"]
    >>> damaged = "\\n".join(line for page in pages for line in page)
    >>> "گزارش سالانه" in fix(damaged) or "- ۲ -" in fix(damaged)
    False
    """
    furniture = _furniture(text)
    if len(pages) >= 2:
        furniture = sorted({*furniture, *_numbers_at_page_edges(split_lines(text), pages)})
    if furniture and elsewhere:
        furniture = _at_page_margins(split_lines(text), furniture, elsewhere)
    if furniture and margins:
        furniture = sorted({*furniture, *_heads_at_their_place(split_lines(text), furniture, margins)})
    return _remove_lines(split_lines(text), furniture) if furniture else []


#: A place the pages share is the running heads' (or feet's) where this many of the lines there
#: are running heads found by their repetition (their words, not the page's number).
_HEADS_AT_PLACE = 3


def _heads_at_their_place(
    lines: list[Line], furniture: list[int], margins: Sequence[Sequence[tuple[int, int]]]
) -> list[int]:
    """The lines at a place the pages share (``margins``: the spans of the lines at each, see
    :func:`remove_page_furniture`) where running heads found by their repetition (``furniture``)
    stand: each is a running head too, however seldom its words come back. A proceedings volume
    prints each paper's title and its authors as the heads of its pages in turn; a paper of three
    or four pages shows each once or twice, too seldom for any rhythm, but where every other
    paper's heads stand (``م. تقی\u200cزاده بیلندی و ف. رادمهر`` between the halves of a paragraph,
    basemax_proceedings_persian.pdf page 104, heads at 722.2 pt as on every page but a paper's
    first, whose title stands lower). Only a short line that stands apart from the text under
    it (a blank line follows it) and ends no sentence: a page's first line of prose, wherever it
    stands, goes on in the next line or ends its sentence.
    """
    taken = set(furniture)
    line_at = {line.start: index for index, line in enumerate(lines)}
    found: list[int] = []
    for place in margins:
        worded = [
            line_at[start]
            for start, _ in place
            if start in line_at and not _PAGE_NUMBER().match(lines[line_at[start]].content)
        ]
        if sum(1 for index in worded if index in taken) < _HEADS_AT_PLACE:
            continue
        found.extend(
            index
            for index in worded
            if index not in taken
            and len(lines[index].content) <= _MAX_HEAD_LENGTH
            and not ends_sentence(lines[index].content)
            and index + 1 < len(lines)
            and lines[index + 1].blank
        )
    return found


def _at_page_margins(lines: list[Line], furniture: list[int], elsewhere: Sequence[tuple[int, int]]) -> list[int]:
    """The lines of ``furniture`` (sorted) that are page numbers or stand in none of the spans
    ``elsewhere`` (sorted, apart)."""
    starts = [start for start, _ in elsewhere]
    kept: list[int] = []
    for index in furniture:
        line = lines[index]
        at = bisect.bisect_right(starts, line.start) - 1
        if at >= 0 and line.start < elsewhere[at][1] and not _PAGE_NUMBER().match(line.content):
            continue  # set where no page's head or foot stands
        kept.append(index)
    return kept


def _furniture(text: str) -> list[int]:
    """The lines of running heads and page numbers found by their rhythm, in a prose document."""
    # A prose document has _MIN_DOCUMENT_LINES lines at least (see _is_prose): a paragraph has one.
    if len(text) < 200 or text.count("\n") < _MIN_DOCUMENT_LINES - 1 or not has_persian(text):
        return []
    lines = split_lines(text)
    if not any(map(_PAGE_NUMBER().match, [line.content for line in lines])):
        # Every piece of furniture is found beside a page number: without a line that may be one
        # (most wrapped prose), there is no rhythm to find and no stray number to take. (Each line
        # asked through map: a line of prose fails at its first letter, and the generator's step
        # around that cost more. On 0.5 MB wrapped at 70, the fix's first calls 3.9 -> 3.0 ms.)
        return []
    if not _is_prose(lines):
        return []
    numbers = _page_numbers(lines)
    taken = set(numbers) | set(_running_lines(lines, numbers))
    return sorted(taken | set(_lone_page_breaks(lines, taken, numbers)))


def _remove_lines(lines: list[Line], furniture: list[int]) -> list[Change]:
    """Changes that remove the lines ``furniture`` (sorted), each with a line break."""
    changes: list[Change] = []
    for index in furniture:
        line = lines[index]
        if index + 1 < len(lines):
            changes.append(Change(line.start, lines[index + 1].start, "", 0.8))
        elif index > 0:
            previous = lines[index - 1]
            changes.append(Change(previous.end, line.end, "", 0.8))
    # A removed last line takes the line break before it; keep the changes apart.
    return without_overlaps(changes)
