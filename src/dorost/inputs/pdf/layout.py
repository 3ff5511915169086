"""Reading order from glyph geometry: lines, columns, spaces and paragraphs.

Every producer we have writes Persian in *visual* order (left to right as painted), some with
glyphs reversed in the content stream (Chromium's ``/ReversedChars``, Word's number runs). So
nothing here trusts the content-stream order: a line is the glyphs on one baseline, sorted by
``x``; columns come from a vertical band that most lines leave empty; spaces come from gaps.
The visual line is then turned into logical order by :mod:`dorost.inputs.pdf.order`.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from dorost.inputs.pdf.glyphs import Glyph, is_mark
from dorost.inputs.pdf.order import CLOSING, OPENING, LogicalLine, strong_direction, to_logical

#: A gap wider than this share of the font size between two glyphs is a word space.
#: Measured on the generated PDFs: letters inside a word are 0–0.05 em apart (XeTeX, which
#: writes no space glyphs), word spaces are 0.2–0.35 em; Word 2013's gaps inside words are
#: below 0.12 em.
SPACE_GAP = 0.16
#: Glyphs whose baselines differ by less than this share of the font size are on one line.
BASELINE_TOLERANCE = 0.45
#: A repeated glyph closer than this share of the font size is an overprint (fake bold).
OVERPRINT_TOLERANCE = 0.12


@dataclass(slots=True)
class Line:
    """One visual line of one column: its glyphs sorted by ``x`` and its logical text."""

    glyphs: list[Glyph]
    baseline: float
    size: float
    x0: float = 0.0
    x1: float = 0.0
    column: int = 0
    logical: LogicalLine = field(default_factory=LogicalLine)
    #: The gaps between its glyphs that :func:`line_text` read as word spaces (wider than
    #: :data:`SPACE_GAP`), in points, left to right.
    gaps: list[float] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.logical.text

    @property
    def bold(self) -> bool:
        """Whether every letter and digit of the line is set bold (and it has one)."""
        found = False
        for glyph in self.glyphs:
            if any(ch.isalnum() for ch in glyph.text):
                if not glyph.bold:
                    return False
                found = True
        return found


def drop_overprints(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Drop a glyph painted again at (nearly) the same place: Nitro's fake bold paints it 3×.

    Kept glyphs are filed by text in cells two tolerances wide; a repeat within one tolerance
    lies in the glyph's own cell or the neighbour on the side of the cell it is nearer to (four
    cells). A cell's number may be shared by far cells; candidates are checked by distance.
    """
    kept: list[Glyph] = []
    seen: dict[str, dict[int, list[Glyph]]] = {}
    steps: dict[float, float] = {}
    for glyph in glyphs:
        text = glyph.text
        if not text.strip():
            kept.append(glyph)
            continue
        size = glyph.size
        step = steps.get(size)
        if step is None:
            step = steps[size] = max(size * OVERPRINT_TOLERANCE, 0.5)
        x0, baseline = glyph.x0, glyph.baseline
        fx, fy = x0 / (2 * step), baseline / (2 * step)
        kx, ky = math.floor(fx), math.floor(fy)
        cells = seen.get(text)
        if cells is None:
            seen[text] = {kx * _ROW + ky: [glyph]}
            kept.append(glyph)
            continue
        nx = kx + 1 if fx - kx >= 0.5 else kx - 1
        ny = ky + 1 if fy - ky >= 0.5 else ky - 1
        duplicate = False
        for cell in (kx * _ROW + ky, nx * _ROW + ky, kx * _ROW + ny, nx * _ROW + ny):
            others = cells.get(cell)
            if others and any(abs(o.x0 - x0) < step and abs(o.baseline - baseline) < step for o in others):
                duplicate = True
                break
        if not duplicate:
            cells.setdefault(kx * _ROW + ky, []).append(glyph)
            kept.append(glyph)
    return kept


#: Cell numbers of :func:`drop_overprints`: column × _ROW + row.
_ROW = 1 << 20


def group_lines(glyphs: Sequence[Glyph]) -> list[Line]:
    """Group glyphs whose baselines agree (within a share of the font size) into lines, top first.

    Combining marks are left out here: XeTeX places a mark at its own height, which may look
    like another baseline. :func:`attach_marks` puts them back on their letters.
    """
    ordered = sorted(glyphs, key=lambda g: -g.baseline)
    lines: list[Line] = []
    line: Line | None = None
    for glyph in ordered:
        if line is not None:
            size = glyph.size if glyph.size > line.size else line.size
            if abs(line.baseline - glyph.baseline) <= BASELINE_TOLERANCE * (size if size > 1.0 else 1.0):
                line.glyphs.append(glyph)
                if glyph.size > line.size and glyph.text.strip():
                    line.size = glyph.size
                continue
        line = Line([glyph], glyph.baseline, glyph.size)
        lines.append(line)
    for line in lines:
        line.glyphs = visual_order(hidden_zwnj(line.glyphs))
        line.x0 = min(g.x0 for g in line.glyphs)
        line.x1 = max(g.x1 for g in line.glyphs)
        line.baseline = own_baseline(line.glyphs, line.size, line.baseline)
    return lines


def own_baseline(glyphs: Sequence[Glyph], size: float, default: float) -> float:
    """Where most visible glyphs of the line's ``size`` sit (``default`` without any).

    The glyph that opened a line may sit higher than the rest: a footnote's superscript number
    (``1نودار``, xrs_Vahid-Proposal.pdf) made the gap to the next line look like a paragraph's
    spacing; so may a glyph of the other column on a two-column page, whose baselines are a few
    points apart (xelatex_2col.pdf).
    """
    baselines = [g.baseline for g in glyphs if g.text.strip() and abs(g.size - size) < 0.12 * size]
    return statistics.median_low(baselines) if baselines else default


def _invisible(glyph: Glyph) -> bool:
    return _format_only(glyph.text)


@lru_cache(maxsize=4096)
def _format_only(text: str) -> bool:
    """Text made only of format characters (ZWNJ, marks of direction): painted, not seen."""
    return bool(text) and all(unicodedata.category(ch) == "Cf" for ch in text)


def _arabic_letter(glyph: Glyph | None) -> bool:
    return glyph is not None and strong_direction(glyph.text) == "R"


def hidden_zwnj(glyphs: list[Glyph]) -> list[Glyph]:
    """Turn zero-advance "spaces" between Arabic letters into ZWNJ; drop other invisible ones.

    XeTeX (xdvipdfmx) paints the ZWNJ as a glyph whose ToUnicode says U+0020 with no advance:
    the next letter starts where it starts. WeasyPrint writes an empty string at the ZWNJ
    (see :class:`~dorost.inputs.pdf.glyphs.GlyphDevice`). A real space moves the next glyph on
    by its width. So a space glyph that a letter overlaps from its own left edge is a ZWNJ when
    both neighbours are Arabic-script letters, and nothing otherwise.
    """
    ordered = sorted(glyphs, key=lambda g: g.x0)
    out: list[Glyph] = []
    for index, glyph in enumerate(ordered):
        if glyph.text not in (" ", "\u200c") or glyph.x1 - glyph.x0 < 0:
            out.append(glyph)
            continue
        tolerance = 0.05 * max(glyph.size, 1.0)
        width = glyph.x1 - glyph.x0
        after = [g for g in ordered[index + 1 : index + 4] + ordered[max(0, index - 2) : index] if g.text.strip()]
        right = next((g for g in after if glyph.x0 - tolerance < g.x0 < glyph.x0 + max(0.5 * width, tolerance)), None)
        left = next(
            (g for g in reversed(ordered[max(0, index - 3) : index]) if g.text.strip() and g is not right), None
        )
        if glyph.text == " " and right is None:
            if not _painted_over(glyph, ordered, index, tolerance):
                out.append(glyph)  # an ordinary space
            continue
        if glyph.text == "\u200c" and width > tolerance:
            out.append(glyph)  # an /ActualText ZWNJ with its own box
            continue
        if _arabic_letter(left) and _arabic_letter(right) and left is not None and left.x1 > glyph.x0 - tolerance * 4:
            out.append(Glyph("\u200c", glyph.x0, glyph.x0, glyph.baseline, glyph.size))
    return out


def _painted_over(space: Glyph, ordered: list[Glyph], index: int, tolerance: float) -> bool:
    """Whether ``space`` is a space glyph that the letter on its left is painted over: nothing.

    Word 2013 paints an invisible character inside a word («بارگی ری», «بارگذا ری», «چجو ری» in
    ``fod_README-fa.pdf``) as a space glyph without moving the pen: the letter on its left is
    painted over it, ending where the space ends, and touches the letter on its right. The word
    is seen whole, and no ZWNJ was there: the ی before it is painted in its joining form (4.23
    wide against 10.02 for a final ی in the same line), joined to the ر. A real space keeps the
    letters apart; a letter whose ink only reaches over the space (a final ی's tail) ends far to
    the right of it.
    """
    cover = next(
        (
            g
            for g in reversed(ordered[max(0, index - 3) : index])
            if g.text.strip() and g.x0 <= space.x0 + tolerance and abs(g.x1 - space.x1) <= 2 * tolerance
        ),
        None,
    )
    if cover is None or not _arabic_letter(cover):
        return False
    following = next((g for g in ordered[index + 1 : index + 4] if g.text.strip()), None)
    return following is not None and _arabic_letter(following) and abs(following.x0 - cover.x1) <= tolerance


def visual_order(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs left to right by their left edge; a format character (ZWNJ) before a glyph that
    starts at (almost) the same place.

    Chromium and LibreOffice paint the ZWNJ glyph (a space glyph under ``/ActualText``) at the
    origin of the letter to its right, so it shares that letter's left edge (up to rounding)
    but belongs before it.
    """
    ordered = sorted(glyphs, key=lambda g: (g.x0, g.x1))
    for index in range(1, len(ordered)):
        glyph = ordered[index]
        if not _invisible(glyph):
            continue
        k = index
        while k > 0 and not _invisible(ordered[k - 1]) and ordered[k - 1].x0 > glyph.x0 - 0.02 * glyph.size:
            ordered[k] = ordered[k - 1]
            k -= 1
        ordered[k] = glyph
    return ordered


#: How many lines nearest a mark's baseline, and how many glyphs under it, :func:`attach_marks`
#: weighs: lines are at least a font size apart and a letter is a third of one wide, so real
#: pages never come near either; a hostile page that stacks thousands of lines or glyphs at one
#: place costs a bounded amount per mark.
MARK_LINES = 6
MARK_GLYPHS = 64


def attach_marks(lines: list[Line], marks: Sequence[Glyph]) -> None:
    """Append each combining mark's text to the letter it sits on (largest horizontal overlap).

    In logical order a mark follows its base letter; sorting by ``x`` alone would put it on
    the wrong side of the letter half the time. ``lines`` are top first (as from
    :func:`group_lines`); a mark is weighed against the few lines nearest its baseline and the
    glyphs of each that lie under it, found by bisection, so the work is bounded per mark.
    """
    if not lines:
        return
    depths = [-line.baseline for line in lines]  # ascending: lines are top first
    starts = [[g.x0 for g in line.glyphs] for line in lines]
    lone: dict[int, list[Glyph]] = {}
    for mark in marks:
        best: Glyph | None = None
        best_score = -1.0e9
        middle = bisect_left(depths, -mark.baseline)
        below, above = middle, middle - 1  # nearest lines first, outwards
        for _ in range(MARK_LINES):
            if below < len(lines) and (above < 0 or depths[below] + mark.baseline <= -mark.baseline - depths[above]):
                k, below = below, below + 1
            elif above >= 0:
                k, above = above, above - 1
            else:
                break
            line = lines[k]
            if abs(line.baseline - mark.baseline) > 1.2 * max(line.size, mark.size):
                continue
            glyphs = line.glyphs
            i = bisect_left(starts[k], mark.x0 - 3 * line.size)
            stop = min(len(glyphs), i + MARK_GLYPHS)
            while i < stop and glyphs[i].x0 <= mark.x1 + line.size:
                glyph = glyphs[i]
                i += 1
                if not glyph.text.strip():
                    continue
                overlap = min(glyph.x1, mark.x1) - max(glyph.x0, mark.x0)
                if mark.x1 - mark.x0 < 0.01:
                    overlap = -abs(glyph.center - mark.x0)
                score = overlap - abs(line.baseline - mark.baseline) * 0.01
                if score > best_score:
                    best, best_score = glyph, score
        if best is not None and best_score > -0.6 * mark.size:
            best.text += mark.text
            continue
        # A lone mark: kept as its own glyph on the nearest line.
        if middle == len(lines) or (
            middle > 0 and -mark.baseline - depths[middle - 1] <= depths[middle] + mark.baseline
        ):
            middle -= 1
        lone.setdefault(middle, []).append(mark)
    for k, found in lone.items():
        line = lines[k]
        line.glyphs = sorted([*found, *line.glyphs], key=lambda g: g.x0)


def _covered(line: Line, x0: float, x1: float) -> bool:
    """Whether a visible glyph of ``line`` (widened over word gaps) overlaps ``[x0, x1]``."""
    pad = 0.5 * line.size
    return any(g.x0 - pad < x1 and g.x1 + pad > x0 for g in line.glyphs if g.text.strip())


#: Most bins :func:`find_gutters` uses across a page: a bin is one point on any real page (A3
#: is 842 points wide), wider only when stray glyphs far off the page stretch the text width,
#: so the work stays linear in the number of glyphs whatever the coordinates say.
GUTTER_BINS = 4096


def find_gutters(lines: Sequence[Line]) -> list[float]:
    """The x positions of column gutters: vertical bands no glyph crosses on most lines.

    A bin (one point wide, or :data:`GUTTER_BINS` across the text width when that is wider)
    counts the lines whose (widened) glyphs cover it (``cross``) and the lines with text on both
    sides that leave it empty (``split``). A gutter needs at least three split lines and a fifth
    of all lines, twice as many split lines as crossing ones, and a text column of at least a
    fifth of the text width on each side.
    """
    text_lines = [line for line in lines if any(g.text.strip() for g in line.glyphs)]
    if len(text_lines) < 6:
        return []
    left = min(line.x0 for line in text_lines)
    right = max(line.x1 for line in text_lines)
    width = right - left
    if not 0 < width < math.inf:
        return []
    scale = 1.0 if width <= GUTTER_BINS else GUTTER_BINS / width  # bins per point
    bins = max(1, int(width * scale))

    def bin_of(x: float) -> int:
        return int((x - left) * scale)

    cross = [0] * (bins + 1)
    first = [0] * (bins + 1)  # lines whose text begins at or left of the bin
    last = [0] * (bins + 1)  # lines whose text ends at or right of the bin
    for line in text_lines:
        pad = 0.5 * line.size
        spans = sorted((g.x0 - pad, g.x1 + pad) for g in line.glyphs if g.text.strip())
        merged: list[list[float]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        for a, b in merged:
            ia = max(0, bin_of(a))
            ib = min(bins, bin_of(b) + 1)
            if ia < ib:  # +1 on bins ia..ib-1, as a difference array summed below
                cross[ia] += 1
                cross[ib] -= 1
        first[min(bins, max(0, bin_of(line.x0)))] += 1
        last[min(bins, max(0, bin_of(line.x1)))] += 1
    cross = list(itertools.accumulate(cross))
    # Prefix sums: lines that started before bin k and lines that end after bin k.
    started = list(itertools.accumulate(first))
    ended_after = [0] * (bins + 2)
    for k in range(bins, -1, -1):
        ended_after[k] = ended_after[k + 1] + last[k]
    n = len(text_lines)
    need = max(3, n // 5)
    candidates: list[tuple[int, int, int]] = []  # (score, lo, hi)
    k = int(0.2 * width * scale)
    stop = int(0.8 * width * scale)
    while k <= stop:
        split = min(started[k], ended_after[k]) - cross[k]
        if split >= need and cross[k] * 2 <= split:
            lo = k
            while k + 1 <= stop and cross[k + 1] == cross[lo]:
                k += 1
            candidates.append((split - 2 * cross[lo], lo, k))
        k += 1
    if not candidates:
        return []
    candidates.sort(reverse=True)
    gutters: list[float] = []
    for _score, lo, hi in candidates[:2]:
        middle = left + (lo + hi) / 2 / scale
        if all(abs(middle - g) > 0.2 * width for g in gutters):
            gutters.append(middle)
    return sorted(g for g in gutters if not page_numbers_beside(text_lines, g))


#: A contents page's page number: digits (ASCII, Persian or Arabic-Indic), after leaders if any.
_CONTENTS_NUMBER = re.compile(r"[.\s]*[0-9\u06f0-\u06f9\u0660-\u0669]{1,4}")
#: A column of page numbers beside titles holds this many numbers at least.
_CONTENTS_LEAST = 3


def page_numbers_beside(lines: Sequence[Line], gutter: float) -> bool:
    """Whether the gutter at ``gutter`` only sets a contents page's numbers apart from its titles:
    on one side of it every line holds a lone number, on the baseline of a title on the other side
    (``بخش ۲. سخنرانی\u200cها — آمار`` … ``۹``, basemax_proceedings_persian.pdf pages 8 to 12;
    ``2 بیان مسأله`` … ``3``, xrs_Vahid-Proposal.pdf page 2). Read as columns, the numbers came
    out as a column of their own after the titles (``۱۱ ۱۸ ۲۰ …``); each belongs at its title's end."""
    for side in (0, 1):
        numbers = alone = 0
        for line in lines:
            if _covered(line, gutter - 0.01, gutter + 0.01):
                continue
            here = "".join(g.text for g in line.glyphs if (g.center > gutter) == bool(side))
            if not here.strip():
                continue
            if not _CONTENTS_NUMBER.fullmatch(here.strip()):
                break
            there = any(g.text.strip() and (g.center > gutter) != bool(side) for g in line.glyphs)
            numbers += there
            alone += not there
        else:
            # One number may stand alone: the page's own, at its foot.
            if numbers >= _CONTENTS_LEAST and alone <= 1:
                return True
    return False


def split_columns(lines: Sequence[Line], gutters: Sequence[float]) -> list[Line]:
    """Split lines at the gutters; a line with a glyph across a gutter spans the page (column -1)."""
    if not gutters:
        return list(lines)
    out: list[Line] = []
    for line in lines:
        if any(_covered(line, g - 0.01, g + 0.01) for g in gutters):
            line.column = -1
            out.append(line)
            continue
        parts: dict[int, list[Glyph]] = {}
        for glyph in line.glyphs:
            column = sum(1 for g in gutters if glyph.center > g)
            parts.setdefault(column, []).append(glyph)
        for column, glyphs in sorted(parts.items()):
            visible = [g.size for g in glyphs if g.text.strip()] or [line.size]
            part = Line(glyphs, line.baseline, max(visible), column=column)
            part.baseline = own_baseline(glyphs, part.size, line.baseline)
            part.x0 = min(g.x0 for g in glyphs)
            part.x1 = max(g.x1 for g in glyphs)
            out.append(part)
    return out


def reading_order(lines: Sequence[Line], columns: int, rtl: bool) -> list[list[Line]]:
    """Lines in reading order as blocks (one per column run), top to bottom.

    Lines spanning the gutter cut the page into bands; inside a band the columns are read
    one after another, right to left on a right-to-left page.
    """
    if columns <= 1:
        return [sorted(lines, key=lambda line: -line.baseline)] if lines else []
    ordered = sorted(lines, key=lambda line: -line.baseline)
    blocks: list[list[Line]] = []
    band: list[Line] = []

    def flush() -> None:
        order = range(columns - 1, -1, -1) if rtl else range(columns)
        for column in order:
            block = [line for line in band if line.column == column]
            if block:
                blocks.append(block)
        band.clear()

    for line in ordered:
        if line.column == -1:
            flush()
            blocks.append([line])
        else:
            band.append(line)
    flush()
    return blocks


def line_text(line: Line, rtl_document: bool, rtl: bool | None = None) -> LogicalLine:
    """The logical text of a visual line: spaces from gaps, then the bidi algorithm (in the base
    direction ``rtl``, or the one the line's words give). The gaps read as word spaces are kept on
    the line (``line.gaps``)."""
    pieces: list[Glyph] = []
    spaces: list[bool] = []
    gaps: list[float] = []
    right = -1.0e18
    pending = False
    for glyph in line.glyphs:
        if not glyph.text.strip():
            if glyph.text:  # a space glyph
                pending = True
            elif glyph.x1 > right:  # an unmapped glyph (kashida): keeps the word together
                right = glyph.x1
            continue
        gap = glyph.x0 - right
        wide = bool(pieces) and gap > SPACE_GAP * max(glyph.size, 1.0)
        if wide:
            gaps.append(gap)
        spaces.append(bool(pieces) and (pending or wide))
        pieces.append(glyph)
        pending = False
        right = max(right, glyph.x1)
    line.gaps = gaps
    return to_logical(pieces, spaces, rtl_document, rtl)


Edges = dict[int, tuple[float, float]]


def column_edges(lines: Sequence[Line]) -> Edges:
    """Left and right text edges of each column (``-1``: lines spanning the page).

    An edge is where most lines end, not the extreme: the median of the outer half of the
    lines' ends, so one overfull line or a marginal number does not make every other line look
    indented.
    """
    by_column: dict[int, list[Line]] = {}
    for line in lines:
        by_column.setdefault(line.column, []).append(line)
    edges: Edges = {}
    for column, members in by_column.items():
        lefts = sorted(line.x0 for line in members)
        rights = sorted((line.x1 for line in members), reverse=True)
        half = (len(members) + 1) // 2
        edges[column] = (statistics.median(lefts[:half]), statistics.median(rights[:half]))
    if -1 in edges and len(edges) > 1:
        edges[-1] = (min(e[0] for e in edges.values()), max(e[1] for e in edges.values()))
    return edges


def new_paragraph(previous: Line, line: Line, edges: Edges, pitch: float, opener: Line | None = None) -> bool:
    """Whether ``line`` starts a new paragraph after ``previous`` (its predecessor in reading order).

    Evidence, all geometric: a vertical gap well above the usual line pitch (``pitch``, 0 when
    the lines are in different columns or pages), a change of font size (headings), a previous
    line that ends short of its column edge by more than the next line's first word would need
    (the test a line breaker guarantees for lines inside a paragraph), a list label, and
    first-line indentation. ``opener`` is the first line of the current paragraph.
    """
    size = max(previous.size, line.size, 1.0)
    if pitch and spaced(pitch, previous.baseline - line.baseline, size):
        return True  # paragraph spacing (LibreOffice adds a quarter of the line pitch)
    if line.logical.label:
        return True  # a list item: "3.", "۲)", "•"
    if abs(previous.size - line.size) > 0.12 * size:
        return True
    if (
        opener is not None
        and not (previous.logical.rtl or line.logical.rtl)
        and hanging_under(opener, line) is not None
        and line.x0 > opener.x0 + HANGING_TOLERANCE * size
        and _latin_words(previous)
    ):
        # A left-to-right item's next line of words set in under its text (a reference), however
        # far the line above it ends from the column's edge: a matrix set wider than the text put that
        # edge 30 points past the references' ends (``… applications, Acta.`` / ``Appl. Math. 66
        # (2001) 211–249.``, basemax_proceedings_persian.pdf page 120).
        return False
    left, right = edges.get(previous.column, (previous.x0, previous.x1))
    free = (previous.x0 - left) if previous.logical.rtl else (right - previous.x1)
    if free > line.logical.first_word_width + 1.0 * size:
        return True
    left, right = edges.get(line.column, (line.x0, line.x1))
    indent = (right - line.x1) if line.logical.rtl else (line.x0 - left)
    if indent < 0.75 * size:
        return False
    if previous.column != line.column or not pitch:  # first line of a column or page
        return True
    previous_indent = (right - previous.x1) if previous.logical.rtl else (previous.x0 - left)
    if opener is not None and hanging_under(opener, line) is not None:
        return False  # a list item's next line, set under the item's text (a hanging indent)
    if indent > previous_indent + 0.5 * size:
        return True
    # Indented like the line before: a one-line paragraph followed by another paragraph,
    # unless the paragraph is a list item whose lines are all indented.
    return abs(indent - previous_indent) < 0.25 * size and not (opener is not None and opener.logical.label)


def spaced(pitch: float, gap: float, size: float) -> bool:
    """Whether ``gap`` between baselines (of text of ``size``) is a paragraph's spacing after lines
    set ``pitch`` apart: LibreOffice adds a quarter of the line pitch, and more than a third of
    the font size."""
    return gap > 1.15 * pitch and gap - pitch > 0.3 * size


def sure_paragraph(previous: Line, line: Line, edges: Edges, pitch: float, usual: float = 0.0) -> bool:
    """Whether geometry leaves no doubt that ``line`` opens a paragraph after ``previous``, the
    line above it in the same column of the same page (``pitch``: their block's line pitch).

    A paragraph's spacing, a change of font size or a first-line indent after a line that left
    room for the next line's first word (as :func:`new_paragraph` measures a short line), or
    spacing and a change of size together (a footnote under a full line), or a blank line's
    spacing after a line that stops short of the far edge (a title). Not a short line
    alone (a paragraph set narrower than its column reads so line after line: fod_README-fa.pdf,
    page 1), nor spacing after a line too full for the next word (tall inline math widens the
    leading inside a paragraph: ``… روش پیشنهادی`` / ``را نشان می\u200cدهد.``,
    basemax_proceedings_persian.pdf), nor a break to the next column or page (a paragraph goes
    on there).
    """
    if not pitch or previous.column != line.column or line.column == -1:
        return False
    size = max(previous.size, line.size, 1.0)
    gap = previous.baseline - line.baseline
    # Wider than new_paragraph asks: tall inline math widens a line's leading by up to a quarter
    # (``… را پایای وینر`` / ``گویند و با W(G) …``: 12.4 points in an abstract set 10 apart,
    # basemax_proceedings_persian.pdf); a paragraph's spacing is a third of the pitch or more.
    spacing = gap > 1.3 * pitch and gap - pitch > 0.5 * size
    resized = abs(previous.size - line.size) > 0.12 * size
    # A footnote under the text's last full line is set a size or so smaller (9.07 points under
    # 9.96: ``… روش\u200cهای تشخیص شی مورب در`` / ``*سخنران. آدرس ایمیل: …``, basemax).
    if spacing and (resized or line.size < 0.95 * previous.size):
        return True
    if usual and spaced(pitch, gap, size) and abs(gap - usual) <= 0.1 * usual:
        return True  # the spacing that recurs between the block's paragraphs (``usual``)
    left, right = edges.get(line.column, (line.x0, line.x1))
    rtl = previous.logical.rtl
    free = (previous.x0 - left) if rtl else (right - previous.x1)
    if rtl != line.logical.rtl or free <= FULL_LINE * size:
        return False
    if gap >= 2 * pitch:
        return True  # a blank line's spacing after a line short of the edge (a title, centred)
    indented, previous_indent = _set_in(previous, line, edges)
    # A first-line indent under a line that starts at the near edge: no line of a paragraph is set
    # in from the edge the line above it starts at, whether or not the next word had room
    # (``… ارائه می\u200cدهد`` / indented ``برای جزئیات …``, a flush-right page printed by Chromium).
    if indented and abs(previous_indent) <= FULL_LINE * size:
        return True
    if free <= line.logical.first_word_width + 1.0 * size:
        return False  # the next word would not have fit: a wrap, whatever the spacing says
    return spacing or resized or indented


def heading_before(previous: Line, line: Line) -> bool:
    """Whether ``previous``, a paragraph's last line, is a heading over ``line``: set larger (by
    more than a change of size between lines of a paragraph, as :func:`new_paragraph` reads it)
    in lines of one direction. A heading opens a paragraph at a page's foot or head too
    (``چگونه دیتاسِت\u200cهای بزرگ را از هاب تهیه کنید``, an ``h3`` set 1.15 em, last on one page and
    first on another printed by Chromium, over ``چگونه از API …``); a running head or a footer
    is set no larger than the text (and one that repeats is removed with the break beside it)."""
    size = max(previous.size, line.size, 1.0)
    return previous.size - line.size > 0.12 * size and previous.logical.rtl == line.logical.rtl


#: A line that ends in one of these goes on: no heading ends so (a comma, a colon, a semicolon, a dash or
#: an ellipsis); nor does one end with a sentence's full stop, while a paragraph whose last
#: sentence is bold may (its last line then reads like a bold line of its own).
_GOES_ON = frozenset(".,;:-\u2013\u2014\u2026\u060c\u061b")


def bold_heading(previous: Line, line: Line, following: Line, edges: Edges) -> bool:
    """Whether ``line`` is a heading set in the text's own size, told apart by weight alone: every
    letter of it bold, the lines above and below it (in its column) not, and it stops short of the
    measure without a mark that carries a sentence on (``پیکربندی Gradle`` under a full line that
    ends a sentence, fod_README-fa.pdf, Word 2013's synthetic bold), over a line that runs wider.
    A bold word inside a sentence leaves its line in regular weight, and a bold sentence that
    wraps fills its first line."""
    if not (previous.column == line.column == following.column) or line.column == -1:
        return False
    size = max(line.size, 1.0)
    left, right = edges.get(line.column, (line.x0, line.x1))
    free = (line.x0 - left) if line.logical.rtl else (right - line.x1)
    # The text it heads runs wider than it: not a line among lines alike, such as a font
    # specimen's samples of one title (pdfjs_ArabicCIDTrueType.pdf, the second in NewBasrahBold).
    if free <= FULL_LINE * size or following.x1 - following.x0 <= line.x1 - line.x0 + size:
        return False
    # The text is still in painted order: a right-to-left line's last mark is painted leftmost.
    visual = line.logical.visual
    end = visual.lstrip()[:1] if line.logical.rtl else visual.rstrip()[-1:]
    return end not in _GOES_ON and line.bold and not previous.bold and not following.bold


def first_line_indent(previous: Line, line: Line, edges: Edges, opens: bool = False) -> bool:
    """Whether ``line`` is set in by a paragraph's first-line indent under ``previous``, a line of
    its column that starts at the near edge; or, where ``previous`` opens its paragraph (``opens``),
    under ``previous`` set in alike: a paragraph of one line, then the next (``… جزئی\u200cتر باشیم؛``
    / ``به هر دو مقدار …``, ``… حذف کنید`` / ``GIN_MODE=release …``: indented pages printed by
    Chromium, where the line before ran near the far edge or left no room for the next word)."""
    if previous.logical.rtl != line.logical.rtl:
        return False
    size = max(previous.size, line.size, 1.0)
    indented, previous_indent = _set_in(previous, line, edges)
    if indented:
        return abs(previous_indent) <= FULL_LINE * size
    if not opens or not 0.75 * size <= previous_indent <= FIRST_INDENT * size:
        return False
    left, right = edges.get(line.column, (line.x0, line.x1))
    indent = (right - line.x1) if previous.logical.rtl else (line.x0 - left)
    return abs(indent - previous_indent) < 0.25 * size


def _set_in(previous: Line, line: Line, edges: Edges) -> tuple[bool, float]:
    """Whether ``line`` is set in from its column's near edge as a first line is (0.75 em to
    :data:`FIRST_INDENT`, and half an em past ``previous``), and how far ``previous`` starts from
    that edge (lines of one direction, ``previous``'s)."""
    size = max(previous.size, line.size, 1.0)
    left, right = edges.get(line.column, (line.x0, line.x1))
    rtl = previous.logical.rtl
    indent = (right - line.x1) if rtl else (line.x0 - left)
    previous_indent = (right - previous.x1) if rtl else (previous.x0 - left)
    return 0.75 * size <= indent <= FIRST_INDENT * size and indent > previous_indent + 0.5 * size, previous_indent


def ends_short_of_next(previous: Line, line: Line, edges: Edges, pitch: float, above: Line | None) -> bool:
    """Whether ``previous`` ends its paragraph by geometry alone, in a way a text-blind reader
    cannot miss: it leaves room for the next line's first word (and for a run of the other
    direction that opens it: ``… در تنظمیات IDE به`` / ``Appearance & Behavior -> System Settings
    -> Http Proxy رفته …``, fod_README-fa.pdf, may have moved whole), the next line ``line``
    reaches a font size past it, and ``above`` (the line above it in the block) does not end
    where it does: lines set to a narrower measure (fod_README-fa.pdf, page 1) or beside a figure
    all end short of the edge, together. Ragged text shows no other sign of a paragraph of one
    line in a list of them (``… ارائه می\u200cدهد`` / ``بعضی از پروژه\u200cهای …``).

    Whether the words of ``previous`` let its sentence end there is for the caller.
    """
    if not pitch or above is None or not previous.column == line.column == above.column or line.column == -1:
        return False
    rtl = previous.logical.rtl
    if rtl != line.logical.rtl or previous.baseline - line.baseline < 0.85 * pitch:
        return False
    size = max(previous.size, line.size, 1.0)
    left, right = edges.get(line.column, (line.x0, line.x1))
    free = (previous.x0 - left) if rtl else (right - previous.x1)
    if free <= FULL_LINE * size or free <= max(_opening_run(line), line.logical.first_word_width) + 1.0 * size:
        return False
    ends = (above.x0, previous.x0, line.x0) if rtl else (-above.x1, -previous.x1, -line.x1)
    return ends[1] - ends[2] > 1.0 * size and abs(ends[0] - ends[1]) > FULL_LINE * size


def paragraph_mark(previous: Line, line: Line, edges: Edges, pitch: float) -> str | None:
    """How a document marks where its paragraphs start, seen at one break that surely ends one:
    ``previous`` (a line of prose) left room for the first word of ``line`` (prose of its size, one
    block, ``pitch``: its line pitch). ``"spaced"``: ``line`` is spaced below; ``"indented"``: it
    is set in by a first-line indent; ``""``: neither, it starts at the near edge one pitch below
    (flush-right text with no indent or spacing); ``None``: no such break, or no clear answer.
    """
    size = max(previous.size, line.size, 1.0)
    if not pitch or previous.column != line.column or abs(previous.size - line.size) > 0.12 * size:
        return None
    left, right = edges.get(line.column, (line.x0, line.x1))
    if previous.x0 - left <= line.logical.first_word_width + 1.0 * size:
        return None  # the next word would not have fitted: maybe a wrap
    if line.logical.label or not (_prose_line(previous) and _prose_line(line)):
        return None
    gap = previous.baseline - line.baseline
    indent = right - line.x1
    if spaced(pitch, gap, size) and gap < 3 * pitch:
        return "spaced"
    if 0.75 * size <= indent <= FIRST_INDENT * size and abs(gap - pitch) <= 0.15 * pitch:
        return "indented"
    if abs(gap - pitch) <= 0.15 * pitch and abs(indent) <= FULL_LINE * size:
        return ""
    return None


def _opening_run(line: Line) -> float:
    """The width of the run of the other direction that opens ``line`` in logical order (a Latin
    run at the right end of a right-to-left line; 0 without one)."""
    glyphs = [glyph for glyph in line.glyphs if glyph.text.strip()]
    if line.logical.rtl:
        glyphs.reverse()  # from the right: where a right-to-left line begins
    start = None
    for glyph in glyphs:
        if strong_direction(glyph.text) == ("R" if line.logical.rtl else "L"):
            break
        start = glyph
    if start is None:
        return 0.0
    return (line.x1 - start.x0) if line.logical.rtl else (start.x1 - line.x0)


def hanging_indent(opener: Line) -> float:
    """Where the text of a list item (``opener``) starts after its label: its next lines are set to
    start there (``• samples: …`` / ``ستون، مقدار …``, xrs_Navid-Khazaee.pdf; ``[1] S. Abramsky, …`` /
    ``(1991) 1–77.``, a list of references, xrs_Vahid-Proposal.pdf); ``-inf`` (``inf`` left to right)
    for a line that is no such item.
    """
    if not opener.logical.rtl:
        if not opener.logical.label:
            return math.inf
        label = opener.x0 + opener.logical.first_word_width  # the label is the line's first word
        starts = [glyph.x0 for glyph in opener.glyphs if glyph.text.strip() and glyph.x0 >= label - 0.01]
        return min(starts, default=math.inf)
    if not opener.logical.label:
        return -math.inf
    label = opener.x1 - opener.logical.first_word_width  # the label is the line's first word
    ends = [glyph.x1 for glyph in opener.glyphs if glyph.text.strip() and glyph.x1 <= label + 0.01]
    return max(ends, default=-math.inf)


#: A line set under a list item's text starts within this share of its font size of the
#: :func:`hanging_indent`.
HANGING_TOLERANCE = 0.25


def hanging_under(opener: Line, line: Line) -> float | None:
    """Where ``line`` starts when it is set under the text of list item ``opener`` (a hanging
    indent: :func:`hanging_indent`), else ``None``."""
    hanging = hanging_indent(opener)
    if math.isinf(hanging):
        return None  # no list item
    tolerance = HANGING_TOLERANCE * max(line.size, 1.0)
    if opener.logical.rtl:
        return hanging if abs(line.x1 - hanging) < tolerance else None
    # Left to right, anywhere from the label's start to the text's: a list of references may set its
    # next lines a little in from the label only (basemax_proceedings_persian.pdf, page 38).
    return hanging if opener.x0 - tolerance < line.x0 < hanging + tolerance else None


#: A line of prose is at least this many font sizes long, and holds no gap between glyphs wider
#: than :data:`PROSE_GAP` font sizes: measured on the real PDFs in ``../shared/pdfs``, justified
#: word spaces are 0.2–0.7 em, a table's cells are 1–5 em apart (purepersian_persian.pdf) and its
#: columns 10–14 em wide; prose columns are 24–42 em wide.
PROSE_WIDTH = 15.0
PROSE_GAP = 0.9
#: A full line ends within this share of the font size of its column's far edge (justified lines
#: end at it: -0.3 to 0.2 em); the next line of its paragraph starts within it of the near edge.
FULL_LINE = 0.5
#: A paragraph's first line may be indented by this many font sizes at most.
FIRST_INDENT = 3.0


def widest_gap(line: Line) -> float:
    """The widest gap between the visible glyphs of ``line``, in font sizes (0 for one glyph)."""
    right: float | None = None
    widest = 0.0
    for glyph in line.glyphs:  # sorted by x0
        if not glyph.text.strip():
            continue
        if right is not None:
            widest = max(widest, glyph.x0 - right)
            right = max(right, glyph.x1)
        else:
            right = glyph.x1
    return widest / max(line.size, 1.0)


def _prose_line(line: Line) -> bool:
    """Right-to-left text with Arabic-script letters and no wide gap (no table's cells)."""
    return (
        line.logical.rtl
        and sum(1 for g in line.glyphs if strong_direction(g.text) == "R") >= 2
        and widest_gap(line) <= PROSE_GAP
    )


#: Tall inline math (a fraction, a subscript under a superscript) pushes its line, or the next one,
#: down by up to this share of the font size: TeX then sets the lines' boxes a ``\lineskip`` apart
#: rather than a baseline pitch (12 to 15.6 points in lines of 10 set 12 apart, a paragraph of
#: basemax_proceedings_persian.pdf page 104). A table of contents set at alternating distances
#: steps by twice that (13 and 20.5 points, pages 1 to 10).
LEADING_STRETCH = 0.4


def wrapped_line(
    previous: Line,
    line: Line,
    edges: Edges,
    pitch: float,
    far: float | None = None,
    near: float | None = None,
    loose: bool = False,
    stretched: bool = False,
) -> bool:
    """Whether geometry says ``previous`` was wrapped into ``line`` inside a paragraph of prose.

    Both lines are in one block of a column (``pitch``: its :func:`line_pitch`), right to left,
    Persian, with no wide gaps (a table row's cells, a verse's hemistichs); ``previous`` is at
    least :data:`PROSE_WIDTH` font sizes long, runs to its column's far (left) edge as a justified
    line does, and starts at the near edge or a first-line indent; ``line`` starts at the near
    edge, one line pitch below. :func:`new_paragraph` must have found no paragraph break between
    them. What the text says (a sentence end, a table of contents' leaders) is for the caller.

    Ragged text (set flush right, not justified) has no far edge to run to: given ``far``, the
    farthest any line of the block reaches, ``previous`` may stop short of it by less than the
    width of ``line``'s first word, which then could not have fitted on it (the test every line
    breaker applies: the word went to the next line because it had no room). ``near`` is where
    the lines of a list item start after its first (its :func:`hanging_indent`), in place of the
    column's near edge. ``loose``: the caller tests whether ``previous`` left room for that word
    (:func:`left_room`), against the lines near it rather than the block's farthest.
    ``stretched``: the paragraph's leading is widened here and there by tall inline math, and
    ``line`` may be up to :data:`LEADING_STRETCH` further down.
    """
    if not pitch or previous.column != line.column or line.column == -1:
        return False
    size = max(previous.size, line.size, 1.0)
    drop = previous.baseline - line.baseline
    if not 0.85 * pitch <= drop <= (max(1.15 * pitch, pitch + LEADING_STRETCH * size) if stretched else 1.15 * pitch):
        return False
    if near is not None and not (previous.logical.rtl or line.logical.rtl):
        return _wrapped_item(previous, line, edges, size)
    # A ragged line may be short because the next line's first word is long (a Latin name: ``… ما
    # از کلاس`` / ``TFAutoModelForSequenceClassification با …``, hf-course): with it, it is prose.
    reach = previous.x1 - previous.x0 + (line.logical.first_word_width if far is not None else 0.0)
    if reach / size < PROSE_WIDTH:
        return False
    left, right = edges.get(line.column, (line.x0, line.x1))
    if not loose:  # (loose: the caller tests the room, see left_room)
        if far is None:
            if previous.x0 - left > FULL_LINE * size:
                return False
        elif previous.x0 - min(far, left) >= line.logical.first_word_width:
            return False  # the next line's first word would have fitted: no wrap put it there
    if right - previous.x1 > FIRST_INDENT * size or abs((right if near is None else near) - line.x1) > FULL_LINE * size:
        return False
    return _prose_line(previous) and _prose_line(line)


def _wrapped_item(previous: Line, line: Line, edges: Edges, size: float) -> bool:
    """Whether left-to-right ``previous``, a line of a list item (a reference: ``[2] S. Abramsky, A.
    Jung, Domain theory, in: …``, xrs_Vahid-Proposal.pdf), was wrapped into ``line``, set under the
    item's text: it runs to the column's right edge, or stops short of it by less than ``line``'s first
    word, which then had no room on it (ragged references: ``… via almost flat`` / ``extensions, J.
    Comm. Alg. …``); it holds Latin words (not a matrix's row of numbers after a bracket read as a
    label, basemax_proceedings_persian.pdf), and neither line holds a wide gap (ITEM_GAP)."""
    _left, right = edges.get(line.column, (line.x0, line.x1))
    free = right - previous.x1
    return (
        (free <= FULL_LINE * size or free < line.logical.first_word_width)
        and _latin_words(previous)
        and (previous.x1 - previous.x0) / size >= PROSE_WIDTH
        and widest_gap(previous) <= ITEM_GAP
        and widest_gap(line) <= ITEM_GAP
    )


def _latin_words(line: Line) -> bool:
    """Whether at least half the visible glyphs of ``line`` are Latin letters (a matrix's bracket
    pieces are left to right too, in the Private Use Area: basemax_proceedings_persian.pdf)."""
    visible = [glyph.text for glyph in line.glyphs if glyph.text.strip()]
    return 2 * sum(1 for text in visible if text.isalpha() and text < "\u0250") >= len(visible) > 0


#: Justified Latin lines of a list of references stretch their word spaces up to 0.91 em
#: (basemax_proceedings_persian.pdf, small type, long words); a table's cells are 1 em apart or more.
ITEM_GAP = 1.0


#: A justified line ends within this share of its font size of its column's far edge. Of the long
#: lines of prose inside a paragraph, 79–100% do so in the justified PDFs of ``../shared/pdfs``, and
#: 6–43% on flush-right pages (a line breaker leaves up to a word and a space free).
FLUSH_END = 0.3


def ends_at_edge(line: Line, edges: Edges) -> bool | None:
    """Whether ``line``, a long line of right-to-left prose, ends at its column's far (left) edge
    (``None``: no such line)."""
    size = max(line.size, 1.0)
    if (line.x1 - line.x0) < PROSE_WIDTH * size or not _prose_line(line):
        return None
    left, _right = edges.get(line.column, (line.x0, line.x1))
    return abs(line.x0 - left) <= FLUSH_END * size


def word_space(line: Line) -> float:
    """The usual word space of ``line``: the median gap between its words (a font's space, 0.2 to
    0.35 em, where the line is not stretched to a measure), or 0.35 em where it shows none."""
    return statistics.median(line.gaps) if line.gaps else 0.35 * max(line.size, 1.0)


def left_room(previous: Line, line: Line, far: float) -> bool:
    """Whether right-to-left ``previous`` stopped short of ``far`` (the farthest, leftmost, that
    the lines near it reach) by more than a word space and ``line``'s first word: that word would
    have fitted on it, so no wrap put it on the next line and ``previous`` ended with its content.
    The lines near it, not the column's edge, give the measure: an abstract set narrower than the
    page's text (basemax_proceedings_persian.pdf) has full lines short of that edge. On the
    flush-right test PDFs no line break inside a paragraph that geometry left to the text had such
    room (0 of 280); ``… چیزی ننوشتن است.`` had room for ``به`` and ended its paragraph.
    """
    if not (previous.logical.rtl and line.logical.rtl) or previous.column != line.column:
        return False
    room = previous.x0 - far - line.logical.first_word_width
    return room > 0 and room >= word_space(previous)


def full_line(line: Line, edges: Edges) -> bool:
    """``line`` runs to its column's far (left) edge, as a justified line inside a paragraph does."""
    left, _right = edges.get(line.column, (line.x0, line.x1))
    return line.x0 - left <= FULL_LINE * max(line.size, 1.0)


def line_pitch(block: Sequence[Line], size: float) -> float:
    """The distance between baselines of lines of ``size`` inside a paragraph (0: none recurs).

    The smallest distance between two lines of that size that recurs in the block (two distances
    at least within a tenth of it), their median: where most paragraphs are short, most distances
    are a paragraph's spacing (aut_main.pdf: 18 points inside its one paragraph of two lines,
    36–87 around its headings); footnotes in a smaller size are set closer (xrs_Vahid-Proposal.pdf).
    Distances between two lines of prose are taken first, where they recur: a formula's numerator
    and denominator, or its limits, are lines of the text's size set closer than its lines
    (basemax_proceedings_persian.pdf: 6.8 points on pages whose prose is 12–13 apart).
    """
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(block)
        if a.baseline > b.baseline and abs(a.size - size) <= 0.12 * size and abs(b.size - size) <= 0.12 * size
    ]
    prose = [(a, b) for a, b in pairs if _long_prose(a) and _long_prose(b)]
    return _recurring(prose) or _recurring(pairs)


class Spacing(NamedTuple):
    """The distances between baselines that recur in a block (see :func:`paragraph_spacing`)."""

    inside: float  #: between the lines of a paragraph (0: none recurs)
    between: float  #: between paragraphs (0: none recurs)


def paragraph_spacing(block: Sequence[Line], size: float) -> Spacing:
    """The distance between baselines of lines of ``size`` inside one paragraph and the one
    between paragraphs, when the block's distances fall apart into groups that far apart
    (0 for one that does not recur; the one between paragraphs is measured on prose only).

    Each is the median of a group of at least two distances that no :func:`spaced` step splits,
    the smallest such group and the next, between lines of prose where such a group recurs. A
    list of one-line paragraphs set with spacing between them makes the spacing the block's most
    common distance (19.5 points inside a paragraph, 26.25 between, on a flush-right page printed
    by Chromium); leading widened bit by bit by inline math (12 to 15.6 points,
    basemax_proceedings_persian.pdf) stays one group.
    """
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(block)
        if a.baseline > b.baseline and abs(a.size - size) <= 0.12 * size and abs(b.size - size) <= 0.12 * size
    ]
    prose = [(a, b) for a, b in pairs if _prose_line(a) and _prose_line(b)]
    groups = _recurring_groups(prose, size)
    if groups:
        return Spacing(groups[0], groups[1] if len(groups) > 1 else 0.0)
    # Without prose, the spacing is not told from a formula's or a table's own gaps (a page of
    # matrices, whose rows are 4 to 12 points apart, basemax_proceedings_persian.pdf page 103).
    groups = _recurring_groups(pairs, size)
    return Spacing(groups[0] if groups else 0.0, 0.0)


def _recurring_groups(pairs: Sequence[tuple[Line, Line]], size: float) -> list[float]:
    """The medians of the groups of distances between ``pairs`` that recur, smallest first."""
    drops = sorted(a.baseline - b.baseline for a, b in pairs)
    medians: list[float] = []
    start = 0
    for index in range(1, len(drops) + 1):
        if index == len(drops) or spaced(drops[index - 1], drops[index], size):
            if index - start >= 2:
                medians.append(statistics.median(drops[start:index]))
            start = index
    return medians


def _long_prose(line: Line) -> bool:
    return (line.x1 - line.x0) >= PROSE_WIDTH * max(line.size, 1.0) and _prose_line(line)


def _recurring(pairs: Sequence[tuple[Line, Line]]) -> float:
    """The smallest distance between baselines that recurs among ``pairs`` (0: none does)."""
    drops = sorted(a.baseline - b.baseline for a, b in pairs)
    for index, drop in enumerate(drops):
        stop = bisect_left(drops, 1.1 * drop, lo=index)
        if stop - index >= 2:
            return statistics.median(drops[index:stop])
    return 0.0


def block_pitch(block: Sequence[Line], size: float = 0.0) -> float:
    """The usual distance between baselines in a block (0 for a single line); given ``size``,
    between two lines of that size (within a change of size, as :func:`new_paragraph` reads it)
    where two such distances or more are found (0 where fewer are)."""
    if size:
        pitches = [
            a.baseline - b.baseline
            for a, b in itertools.pairwise(block)
            if abs(a.size - size) <= 0.12 * size and abs(b.size - size) <= 0.12 * size
        ]
    else:
        pitches = [a.baseline - b.baseline for a, b in itertools.pairwise(block)]
    positive = [p for p in pitches if p > 0]
    if size and len(positive) < 2:
        return 0.0
    return statistics.median(positive) if positive else 0.0


class PageLines(NamedTuple):
    """A page's lines (see :func:`page_lines`)."""

    blocks: list[list[Line]]  #: blocks of lines in reading order
    edges: Edges  #: the text edges of its columns


def page_lines(glyphs: Sequence[Glyph], rtl_document: bool) -> PageLines:
    """Reconstruct a page: blocks of lines in reading order (each line prepared for the bidi
    algorithm) and the text edges of its columns."""
    marks: list[Glyph] = []
    letters: list[Glyph] = []
    for glyph in glyphs:
        (marks if is_mark(glyph.text) else letters).append(glyph)
    letters = drop_overprints(letters)
    lines = group_lines(letters)
    attach_marks(lines, marks)
    gutters = find_gutters(lines)
    lines = split_columns(lines, gutters)
    for line in lines:
        line.logical = line_text(line, rtl_document)
    rtl = rtl_document if not lines else _page_rtl(lines, rtl_document)
    kept = [line for line in lines if line.text.strip()]
    edges = column_edges(kept)
    if rtl:
        for line in kept:
            if numbered_on_the_right(line, edges):
                rest_rtl = line.logical.rtl
                if not rest_rtl:
                    line.logical = line_text(line, rtl_document, rtl=True)
                line.logical.opening = len(line.logical.visual.split()[-1])
                line.logical.rest_rtl = rest_rtl
            elif line.logical.rtl and set_left(line, edges):
                ltr = line_text(line, rtl_document, rtl=False)
                # Where the document's brackets, mirrored or not (decided at its end), read the
                # same either way, the line is left alone: its paragraph's geometry would change.
                if ltr.resolve(False) not in (line.logical.resolve(False), line.logical.resolve(True)):
                    line.logical = ltr
    return PageLines(reading_order(kept, len(gutters) + 1, rtl), edges)


def set_left(line: Line, edges: Edges) -> bool:
    """Whether ``line``, in a right-to-left page, has no letter of either direction and is set to
    its column's left edge, short of its right one: a line of code's closing marks (``});`` under
    ``app.get('/pay', function(req, res){``, faragate_Farsi.pdf, Word 2013), which read right to
    left came out ``;)}``, and a reference's last line ``(2002) 149–190.`` came out ``.190–149
    (2002)`` (basemax_proceedings_persian.pdf), or, with no bracket, ``2364–2373.`` came
    out ``.2373–2364`` (page 44). Such a line goes left to right, as the lines around it; only one
    with a bracket, or with ASCII digits and no wide gap (not a table's row of numbers, which a
    Persian table sets in Persian digits), which the two directions may read apart (the caller
    leaves a line both read alike).
    """
    visual = line.logical.visual
    if strong_direction(visual) is not None:
        return False
    if not any(ch in OPENING or ch in CLOSING for ch in visual) and not (
        any("0" <= ch <= "9" for ch in visual) and widest_gap(line) <= PROSE_GAP
    ):
        return False
    left, right = edges.get(line.column, (line.x0, line.x1))
    size = max(line.size, 1.0)
    return line.x0 - left <= FULL_LINE * size and right - line.x1 > FIRST_INDENT * size


#: A section's number: ``1``, ``1.1``, ``۲.۳.`` (ASCII or Persian digits).
_SECTION_NUMBER = re.compile(r"[0-9\u06f0-\u06f9]+(?:\.[0-9\u06f0-\u06f9]+)*\.?")
#: LaTeX sets a section's number a quad (1 em) apart from its title; a word space is a third of that,
#: and a justified line's stretched spaces stay under 0.6 em (the English references of xrs_Vahid-Proposal.pdf).
NUMBER_GAP = 0.8


def numbered_on_the_right(line: Line, edges: Edges) -> bool:
    """Whether ``line``, in a right-to-left page, is a heading whose number is painted on its right:
    a section number a quad or so apart from the rest, the line flush with its column's right edge
    and short of its left one. Read right to left, the number opens the line; but a Latin word
    painted beside it takes it along (UAX #9, W7: digits after a left-to-right letter are left to
    right): ``K-means 1.1 و ویژگی\u200cها`` and, a title in Latin letters alone, which reads left to
    right by its words, ``Normalization 1.1`` (xrs_Navid-Khazaee.pdf, xrs_Vahid-Proposal.pdf,
    XeLaTeX with XePersian). A left-to-right line that ends in a number (a reference's volume,
    ``Logic 51``) starts at the left edge, or leaves the right one.
    """
    if not line.gaps or line.gaps[-1] < NUMBER_GAP * max(line.size, 1.0):
        return False
    left, right = edges.get(line.column, (line.x0, line.x1))
    size = max(line.size, 1.0)
    if right - line.x1 > FULL_LINE * size or line.x0 - left <= FIRST_INDENT * size:
        return False
    words = line.logical.visual.split()
    return len(words) > 1 and bool(_SECTION_NUMBER.fullmatch(words[-1]))


def _page_rtl(lines: Sequence[Line], default: bool) -> bool:
    rtl = sum(1 for line in lines if line.logical.rtl and line.text.strip())
    ltr = sum(1 for line in lines if not line.logical.rtl and line.text.strip())
    return default if rtl == ltr else rtl > ltr


#: A footnote is set this share of the text's size or smaller (LaTeX: 10 points under 12, 8 under 10).
NOTE_SIZE = 0.9
#: A page number: digits, with the dashes or dots some set around them, and nothing else.
_FOLIO = re.compile(r"[-\u2013\u2014.\s]*[0-9\u06f0-\u06f9\u0660-\u0669]{1,4}[-\u2013\u2014.\s]*")


def held_notes(block: Sequence[Line], edges: Edges) -> range | None:
    """Where the footnotes of a page (or of a column) lie in ``block`` (their lines' indexes), when
    the paragraph above them goes on at the next page (or column); ``None`` when there are none,
    or the paragraph above them ends there.

    Footnotes are the lines at the page's foot, under the text and over nothing but the page's
    number, each set smaller than the text's last line (:data:`NOTE_SIZE`) and no closer to it
    than its lines are to each other. The paragraph goes on when that last line is full at both
    edges, as a justified line inside a paragraph is, under two lines or more of its size: read
    in page order, the footnotes would cut it in two (``… همچنین با توجه به مطالب`` / ``3Saheb-Djahromi``
    … ``7Vickers`` / ``4`` / ``موجود در سمینار …``, xrs_Vahid-Proposal.pdf pages 4 and 5; ``1Action`` …
    ``7Genetic Decomposition`` under ``… مفهوم درخت را``, basemax_proceedings_persian.pdf page 103).
    ``block`` may be any column's: a page set in two columns by LaTeX sets each footnote at the foot
    of the column that calls it, and the paragraph goes on at the next column's top. Footnotes set
    across the columns (each line a block of its own) are not looked at.
    """
    stop = len(block)
    if stop and _FOLIO.fullmatch(block[-1].text):
        stop -= 1
    start = stop
    text = statistics.median(line.size for line in block)
    while start > 0 and block[start - 1].size <= NOTE_SIZE * text:
        start -= 1
    if start == stop or start < 3:
        return None
    above = block[start - 1]
    size = max(above.size, 1.0)
    body = block[start - 3 : start]
    if any(abs(line.size - above.size) > 0.12 * size or line.column != above.column for line in body):
        return None
    if any(line.size > NOTE_SIZE * above.size or line.column != above.column for line in block[start:stop]):
        return None
    left, right = edges.get(above.column, (above.x0, above.x1))
    if above.x0 - left > FULL_LINE * size or right - above.x1 > FULL_LINE * size:
        return None
    pitch = block_pitch(body)
    gap = above.baseline - block[start].baseline
    if not pitch or not 0.95 * pitch <= gap <= NOTE_GAP * pitch or not opens_with_mark(block[start]):
        return None
    return range(start, stop)


def notes_at_foot(block: Sequence[Line]) -> int | None:
    """The index in ``block``, a page's last block, of the last line of the footnotes at its foot
    (its number aside), where they end it: lines set smaller than the text (:data:`NOTE_SIZE`, by
    most of their glyphs: a speaker's note opens with an asterisk as large as the text), the first
    of them set apart from the line above it by half a pitch more than the block's lines are (the
    rule over the notes). No paragraph of the page goes on in them, nor from them at the next page
    (``*سخنران. آدرس ایمیل: …`` under a displayed formula, and ``به وضوح اگر …`` overleaf,
    basemax_proceedings_persian.pdf pages 156 and 157). Lines in a small type at the regular pitch
    (references, which may go on overleaf) are no footnotes.
    """
    last = len(block) - 1
    if last >= 0 and _FOLIO.fullmatch(block[last].text):
        last -= 1
    if last < 1:
        return None
    text = statistics.median(line.size for line in block)
    pitch = block_pitch(block)
    if not pitch:
        return None
    for index in range(last, 0, -1):
        line = block[index]
        if _body_size(line) > NOTE_SIZE * text:
            return None
        if block[index - 1].baseline - line.baseline >= 1.5 * pitch:
            return last
    return None


def _body_size(line: Line) -> float:
    """The size most of the line's visible glyphs are set in (the largest of them, where as many)."""
    sizes = Counter(round(glyph.size, 1) for glyph in line.glyphs if glyph.text.strip())
    return max(sizes, key=lambda size: (sizes[size], size)) if sizes else line.size


#: A footnote's first line is this many line pitches of the text under its last line at most (a
#: rule and some space between them: 1.04 pitches in xrs_Vahid-Proposal.pdf, 1.8 in basemax).
NOTE_GAP = 3.0
#: A footnote's mark is a superscript: set this share of its line's size or smaller (7 points in
#: lines of 10, 6 in lines of 8: xrs_Vahid-Proposal.pdf, basemax_proceedings_persian.pdf) and
#: raised by this share of it or more (0.36 and 0.39 em).
MARK_SIZE = 0.85
MARK_RISE = 0.2


def opens_with_mark(line: Line) -> bool:
    """Whether ``line`` opens with a superscript, as a footnote opens with its mark (``¹Radon``):
    its first glyph in its own direction (the leftmost of a left-to-right line, the rightmost of a
    right-to-left one) set smaller and higher than the line's text."""
    visible = [glyph for glyph in line.glyphs if glyph.text.strip()]
    if len(visible) < 2:
        return False
    first = visible[-1] if line.logical.rtl else visible[0]
    size = max(line.size, 1.0)
    return first.size <= MARK_SIZE * line.size and first.baseline - line.baseline >= MARK_RISE * size


def contents_entry(line: Line, edges: Edges) -> bool:
    """Whether ``line`` is an entry of a table of contents: it ends in a page number set a quad or
    more apart at its column's far edge (``… موجک چندگانه لژاندر`` … ``۲۰``, basemax_proceedings_persian.pdf
    page 8). No sentence goes on past a page number: the next line is another entry."""
    words = line.logical.visual.split()
    if len(words) < 2 or not line.gaps:
        return False
    size = max(line.size, 1.0)
    left, right = edges.get(line.column, (line.x0, line.x1))
    if line.logical.rtl:
        number, gap, free = words[0], line.gaps[0], line.x0 - left
    else:
        number, gap, free = words[-1], line.gaps[-1], right - line.x1
    return free <= FULL_LINE * size and gap >= NUMBER_GAP * size and bool(_CONTENTS_NUMBER.fullmatch(number))


#: Copies of one running head (or foot) on different pages stand on one baseline, to this many
#: points (a chain of baselines each this close to the next is one place).
MARGIN_TOLERANCE = 1.0


class Place(NamedTuple):
    """A place the pages' top (or bottom) lines share: its lowest and highest baseline."""

    low: float
    high: float


def shared_places(baselines: Sequence[float]) -> list[Place]:
    """The places that the pages' top (or bottom) lines share, each as the lowest and highest
    baseline of it: two pages at least, and more than half as many as the place most share, so
    that a layout with one place for odd pages and one for even pages has both.

    basemax_proceedings_persian.pdf sets its running heads at 722.2 pt on every page but a paper's
    first, where the paper's title stands lower (597 to 599 pt): the heads' place is shared, the
    titles' is not. Linear after sorting.

    >>> shared_places([722.2, 722.2, 598.1, 722.2, 597.4, 722.2])
    [Place(low=722.2, high=722.2)]
    """
    places: list[list[float]] = []
    for baseline in sorted(baselines):
        if places and baseline - places[-1][-1] <= MARGIN_TOLERANCE:
            places[-1].append(baseline)
        else:
            places.append([baseline])
    most = max(map(len, places), default=0)
    return [Place(place[0], place[-1]) for place in places if len(place) >= 2 and 2 * len(place) > most]


def place_at(baseline: float, places: Sequence[Place]) -> int | None:
    """Which of ``places`` (see :func:`shared_places`: in order, apart) ``baseline`` stands at, if any.

    Only the last place that starts at or below it can hold it (a bisection: a document of many
    pages may share many places, and every line asks).

    >>> places = [Place(597.4, 598.1), Place(722.2, 722.2)]
    >>> place_at(722.9, places), place_at(610.0, places)
    (1, None)
    """
    at = bisect_right(places, (baseline + MARGIN_TOLERANCE, math.inf)) - 1
    return at if at >= 0 and baseline <= places[at].high + MARGIN_TOLERANCE else None
