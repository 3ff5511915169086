"""Edits: what a fix changed, where, and how sure it was.

A fix proposes :class:`Change` objects in the coordinates of the text it was given.
The pipeline applies them, maps each one back to the user's original input through an
:class:`Alignment`, and records it as an :class:`Edit`. A :class:`Result` carries the
restored text and every edit; :func:`replay` re-applies the edits to the original input
and must give the same text again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Change:
    """One replacement a fix proposes: ``text[start:end]`` becomes ``after``.

    ``start``/``end`` are offsets in the text the fix was given. ``confidence`` is the
    fix's own estimate (0–1) that the change is right.
    """

    start: int
    end: int
    after: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Edit:
    """One recorded edit.

    - ``start``/``end``: span in the user's original input (after decoding to text);
    - ``before``/``after``: the text the fix replaced and what it wrote;
    - ``fix``: the fix's name; ``confidence``: how sure it was (0–1);
    - ``step`` and ``at``: which pipeline step made it and where, in that step's own input,
      so :func:`replay` can redo it exactly;
    - ``page``: the PDF page (1-based) the edit falls on, when the input was a PDF.

    >>> from dorost import repair
    >>> text = "اين  كتاب"
    >>> [(edit.fix, edit.before, edit.after) for edit in repair(text).edits]
    [('unify_arabic_letters', 'ي', 'ی'), ('unify_arabic_letters', 'ك', 'ک'), ('normalize_whitespace', '  ', ' ')]
    >>> edit = repair(text).edits[-1]
    >>> edit.start, edit.end, text[edit.start : edit.end] == edit.before, edit.step, edit.at
    (3, 5, True, 1, 3)
    >>> Edit.from_dict(edit.to_dict()) == edit
    True
    """

    fix: str
    start: int
    end: int
    before: str
    after: str
    confidence: float
    step: int
    at: int
    page: int | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "fix": self.fix,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "confidence": round(self.confidence, 4),
            "step": self.step,
            "at": self.at,
        }
        if self.page is not None:
            data["page"] = self.page
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Edit:
        page = data.get("page")
        return cls(
            fix=str(data["fix"]),
            start=int(data["start"]),  # type: ignore[call-overload]
            end=int(data["end"]),  # type: ignore[call-overload]
            before=str(data["before"]),
            after=str(data["after"]),
            confidence=float(data["confidence"]),  # type: ignore[arg-type]
            step=int(data["step"]),  # type: ignore[call-overload]
            at=int(data["at"]),  # type: ignore[call-overload]
            page=None if page is None else int(page),  # type: ignore[call-overload]
        )


@dataclass(frozen=True)
class Result:
    """The outcome of a repair: the restored ``text``, the ``original`` input and the ``edits``.

    >>> from dorost import repair
    >>> result = repair("كتاب")
    >>> result.text
    'کتاب'
    >>> [(e.fix, e.before, e.after) for e in result.edits]
    [('unify_arabic_letters', 'ك', 'ک')]
    """

    text: str
    original: str
    edits: tuple[Edit, ...] = ()
    warnings: tuple[str, ...] = ()
    pages: tuple[int, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def counts(self) -> dict[str, int]:
        """Number of edits per fix, in pipeline order of first appearance."""
        counts: dict[str, int] = {}
        for edit in self.edits:
            counts[edit.fix] = counts.get(edit.fix, 0) + 1
        return counts

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "text": self.text,
            "edits": [edit.to_dict() for edit in self.edits],
            "counts": self.counts(),
        }
        if self.warnings:
            data["warnings"] = list(self.warnings)
        if self.pages:
            data["pages"] = list(self.pages)
        return data


class ReplayError(ValueError):
    """The edits do not fit the text they are replayed on."""


def without_overlaps(changes: list[Change]) -> list[Change]:
    """Sort changes and keep the first of any that overlap (or two insertions at one point).

    Fixes that gather changes from several patterns use this to honour the fix contract.

    >>> without_overlaps([Change(3, 5, "x"), Change(0, 4, "y"), Change(5, 5, "z"), Change(5, 5, "w")])
    [Change(start=0, end=4, after='y', confidence=1.0), Change(start=5, end=5, after='z', confidence=1.0)]
    """
    kept: list[Change] = []
    for change in sorted(changes, key=lambda change: (change.start, change.end)):
        if kept and change.start < kept[-1].end:
            continue
        if kept and change.start == change.end == kept[-1].start == kept[-1].end:
            continue
        kept.append(change)
    return kept


def apply_changes(text: str, changes: Sequence[Change]) -> str:
    """Apply sorted, non-overlapping changes to ``text`` in one linear pass."""
    pieces: list[str] = []
    cursor = 0
    for change in changes:
        pieces.append(text[cursor : change.start])
        pieces.append(change.after)
        cursor = change.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def replay(original: str, edits: Iterable[Edit]) -> str:
    """Re-apply recorded edits to ``original``, step by step, checking each ``before``.

    >>> from dorost import repair
    >>> result = repair("می شود &ndash; كه")
    >>> replay(result.original, result.edits) == result.text
    True
    """
    text = original
    step_changes: list[Change] = []
    current_step: int | None = None

    def flush() -> None:
        nonlocal text
        if step_changes:
            text = apply_changes(text, step_changes)
            step_changes.clear()

    last_end = -1
    for edit in edits:
        if edit.step != current_step:
            flush()
            current_step = edit.step
            last_end = -1
        if edit.at < last_end or text[edit.at : edit.at + len(edit.before)] != edit.before:
            raise ReplayError(f"edit {edit.fix} at {edit.at} does not match the text")
        step_changes.append(Change(edit.at, edit.at + len(edit.before), edit.after, edit.confidence))
        last_end = edit.at + len(edit.before)
    flush()
    return text


class Alignment:
    """Maps offsets in the current text back to the original input.

    It keeps only the replaced regions, as sorted tuples
    ``(cur_start, cur_end, orig_start, orig_end)``; between them the mapping is a shift.
    Memory is proportional to the number of edits, not to the text.
    """

    __slots__ = ("_cur_starts", "_regions")

    def __init__(self) -> None:
        self._regions: list[tuple[int, int, int, int]] = []
        self._cur_starts: list[int] = []

    def _locate(self, pos: int) -> tuple[int, int]:
        """Original offsets for a boundary ``pos`` in the current text, as (start side, end side).

        They differ only inside a replaced region (the whole region is taken) and at a deletion
        (a span starting there begins after the deleted text; one ending there, before it).
        """
        index = bisect_right(self._cur_starts, pos) - 1
        if index < 0:
            return pos, pos
        cur_start, cur_end, orig_start, orig_end = self._regions[index]
        if pos == cur_start == cur_end:
            return orig_end, orig_start
        if pos == cur_start:
            return orig_start, orig_start
        if pos < cur_end:
            return orig_start, orig_end
        shifted = orig_end + (pos - cur_end)
        return shifted, shifted

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that current ``[start, end)`` came from."""
        orig_start = self._locate(start)[0]
        orig_end = self._locate(end)[1]
        return min(orig_start, orig_end), max(orig_start, orig_end)

    def update(self, changes: Sequence[Change]) -> list[tuple[int, int]]:
        """Record applied ``changes`` (sorted, none overlapping) and return each change's original span."""
        if not self._regions:
            return self._first(changes)
        return self._merge(changes)

    def _first(self, changes: Sequence[Change]) -> list[tuple[int, int]]:
        """:meth:`_merge` where nothing was replaced before (a document's first changes: a PDF's line
        joins, thousands): each change's span is its own, and its region moves by the changes before it."""
        spans: list[tuple[int, int]] = []
        regions: list[tuple[int, int, int, int]] = []
        delta = 0
        last_end = 0
        for change in changes:
            start, end = change.start, change.end
            if start < last_end:  # not in order (the pipeline checks every fix's): the general way
                return self._merge(changes)
            grown = len(change.after) - (end - start)
            spans.append((start, end))
            regions.append((start + delta, end + delta + grown, start, end))
            delta += grown
            last_end = end
        self._regions = regions
        self._cur_starts = [region[0] for region in regions]
        return spans

    def _merge(self, changes: Sequence[Change]) -> list[tuple[int, int]]:
        """Map ``changes`` back through the regions replaced so far, then merge them in."""
        spans = [self.span(change.start, change.end) for change in changes]
        merged: list[tuple[int, int, int, int]] = []
        old = self._regions
        i = 0
        delta = 0  # length difference introduced by the changes processed so far
        # The last region this update made, in the old coordinates, and the delta before it: a
        # later change inside the same old region joins it (regions must never overlap).
        last_start, last_end, last_delta = -1, -1, 0
        for change, (orig_start, orig_end) in zip(changes, spans, strict=True):
            start, end = change.start, change.end
            # Old regions that end before this change keep their place, shifted.
            while i < len(old) and old[i][1] <= start and not old[i][0] < start < old[i][1]:
                cs, ce, os_, oe = old[i]
                merged.append((cs + delta, ce + delta, os_, oe))
                i += 1
            # Old regions overlapping the change are absorbed into it.
            region_start, region_end = start, end
            while i < len(old) and old[i][0] < end and old[i][1] > start:
                region_start = min(region_start, old[i][0])
                region_end = max(region_end, old[i][1])
                i += 1
            base = delta
            if merged and start < last_end and merged[-1][0] == last_start + last_delta:
                _, _, previous_start, previous_end = merged.pop()
                region_start, region_end = last_start, max(region_end, last_end)
                orig_start, orig_end = min(orig_start, previous_start), max(orig_end, previous_end)
                base = last_delta
            grown = len(change.after) - (end - start)
            merged.append((region_start + base, region_end + delta + grown, orig_start, orig_end))
            last_start, last_end, last_delta = region_start, region_end, base
            delta += grown
        while i < len(old):
            cs, ce, os_, oe = old[i]
            merged.append((cs + delta, ce + delta, os_, oe))
            i += 1
        self._regions = merged
        self._cur_starts = [region[0] for region in merged]
        return spans
