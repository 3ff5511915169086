"""Where each edit lies in the restored text, so a page can highlight it.

An :class:`~dorost.edits.Edit` records its span in the user's *original* input and, through
``step``/``at``, where it was applied in that step's own input. A reviewer reads the *restored*
text, so the page needs each edit's span there. :func:`output_spans` replays the steps and
carries every earlier span through each later step, the way a text editor keeps a selection
while the text around it changes:

- text before a span moves it; text after it does not;
- a later change that overlaps a span stretches the span to cover what that change wrote
  (``ﻙ`` → ``ك`` at step 0 and ``ك`` → ``ک`` at step 1 both end on the same ``ک``);
- an insertion exactly at a span's edge stays outside it;
- an edit that only deleted text has an empty span, at the place the text was removed, and
  keeps it empty (a later change around that place moves it to that change's start).

Spans of edits from different steps may therefore overlap; :func:`group_spans` merges
overlapping ones into the marks a page draws, each listing all the edits it shows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from dorost.edits import Edit


@dataclass(frozen=True, slots=True)
class _StepChange:
    start: int  # in the step's input
    end: int
    new_start: int  # in the step's output
    new_end: int


class _StepMap:
    """Maps offsets in one step's input to its output, given the step's sorted changes."""

    def __init__(self, changes: Sequence[tuple[int, int, int]]) -> None:
        self.changes: list[_StepChange] = []
        delta = 0
        for start, end, length in changes:
            new_start = start + delta
            self.changes.append(_StepChange(start, end, new_start, new_start + length))
            delta += length - (end - start)
        self._ends = [change.end for change in self.changes]

    def _shift(self, pos: int, last: int) -> int:
        """``pos`` moved by the changes up to index ``last`` (all of which end at or before it)."""
        if last < 0:
            return pos
        change = self.changes[last]
        return change.new_end + (pos - change.end)

    def start(self, pos: int) -> int:
        """Where a span starting at ``pos`` starts after the step."""
        following = bisect_right(self._ends, pos)
        if following < len(self.changes) and self.changes[following].start < pos:
            return self.changes[following].new_start  # pos lies inside that change
        return self._shift(pos, following - 1)

    def end(self, pos: int) -> int:
        """Where a span ending at ``pos`` ends after the step.

        An insertion exactly at ``pos`` lies after the span, so the end does not move past it.
        """
        following = bisect_right(self._ends, pos)
        if following < len(self.changes) and self.changes[following].start < pos:
            return self.changes[following].new_end  # pos lies inside that change
        last = following - 1
        while last >= 0 and self.changes[last].start == self.changes[last].end == pos:
            last -= 1
        return self._shift(pos, last)


def output_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Each edit's ``(start, end)`` in the restored text, in the order of ``edits``.

    ``edits`` are a :class:`~dorost.edits.Result`'s edits, in the order the pipeline recorded
    them (by step, and by place within a step).

    >>> from dorost import repair
    >>> result = repair("ﻙتاب")
    >>> [(e.fix, e.before, e.after) for e in result.edits]
    [('expand_presentation_forms', 'ﻙ', 'ك'), ('unify_arabic_letters', 'ك', 'ک')]
    >>> output_spans(result.edits)
    [(0, 1), (0, 1)]
    >>> result = repair(" سلام")
    >>> output_spans(result.edits)
    [(0, 0)]
    """
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(edits):
        step = edits[index].step
        following = index
        while following < len(edits) and edits[following].step == step:
            following += 1
        group = edits[index:following]
        mapping = _StepMap([(e.at, e.at + len(e.before), len(e.after)) for e in group])
        for position, (start, end) in enumerate(spans):
            new_start = mapping.start(start)
            new_end = new_start if start == end else max(new_start, mapping.end(end))
            spans[position] = (new_start, new_end)
        spans.extend((change.new_start, change.new_end) for change in mapping.changes)
        index = following
    return spans


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of the restored text to highlight, and the edits (by index) it shows."""

    start: int
    end: int
    edits: tuple[int, ...]


def group_spans(spans: Sequence[tuple[int, int]]) -> list[Mark]:
    """Merge overlapping spans into marks, in text order.

    Spans that only touch stay apart; empty spans (deletions) at the same place merge.

    >>> group_spans([(0, 1), (5, 5), (0, 1), (1, 3), (5, 5), (2, 4)])
    [Mark(start=0, end=1, edits=(0, 2)), Mark(start=1, end=4, edits=(3, 5)), Mark(start=5, end=5, edits=(1, 4))]
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1], i))
    marks: list[Mark] = []
    for i in order:
        start, end = spans[i]
        if marks:
            last = marks[-1]
            same_point = start == end == last.start == last.end
            if start < last.end or same_point:
                marks[-1] = Mark(last.start, max(last.end, end), (*last.edits, i))
                continue
        marks.append(Mark(start, end, (i,)))
    return marks


def undoable_marks(marks: Sequence[Mark], edits: Sequence[Edit], original: str) -> list[tuple[Mark, str]]:
    """The marks, each with the input its edits replaced, merged where two replaced the same input.

    Setting a mark's text back to its input undoes its edits; the marks' inputs never overlap, so any
    of them may be undone alone and undoing them all gives ``original`` back. (A ZWNJ removed and a
    space written in its place are two marks on the page but one stretch of input: they merge.)

    >>> from dorost import repair
    >>> result = repair("گفت،\u200cبه")
    >>> [(edit.fix, edit.before, edit.after) for edit in result.edits]
    [('tidy_zwnj', '\u200c', ''), ('fix_punctuation', '', ' ')]
    >>> [(mark.start, mark.end, before) for mark, before in undoable_marks(
    ...     group_spans(output_spans(result.edits)), result.edits, result.original)]
    [(4, 5, '\u200c')]
    """
    merged: list[tuple[Mark, int, int]] = []
    for mark in marks:
        start = min(edits[i].start for i in mark.edits)
        end = max(edits[i].end for i in mark.edits)
        if merged and start < merged[-1][2]:
            last, last_start, last_end = merged[-1]
            joined = Mark(min(last.start, mark.start), max(last.end, mark.end), (*last.edits, *mark.edits))
            merged[-1] = (joined, min(last_start, start), max(last_end, end))
        else:
            merged.append((mark, start, end))
    return [(mark, original[start:end]) for mark, start, end in merged]
