"""Readable reports of a :class:`~dorost.edits.Result`: an edit log and a word-level diff."""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator

from dorost.edits import Edit, Result


class LineIndex:
    """Turns offsets into 1-based (line, column) pairs."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def visible(text: str) -> str:
    """Show invisible and control characters by name, so an edit log can be read."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("⏎")
        elif ch == " ":
            out.append("␣")
        elif unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn") and ch != "\t":
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            out.append(f"<{name}>" if unicodedata.category(ch) != "Mn" else ch)
        else:
            out.append(ch)
    return "".join(out) or "∅"


def explain_lines(result: Result, source: str = "") -> Iterator[str]:
    """One line per edit: ``path:line:column  fix  before → after  (confidence)``, in the order of
    the text, as a reviewer reads it (edits at one place in the order they were made)."""
    index = LineIndex(result.original)
    prefix = f"{source}:" if source else ""
    for edit in sorted(result.edits, key=lambda edit: edit.start):
        line, column = index.position(edit.start)
        page = f" page {edit.page}" if edit.page is not None else ""
        yield (
            f"{prefix}{line}:{column}{page}  {edit.fix}  "
            f"{visible(edit.before)} → {visible(edit.after)}  ({edit.confidence:.2f})"
        )


def summary_line(result: Result) -> str:
    """The closing line of an edit log: how many edits, and how many each fix made.

    >>> from dorost import repair
    >>> summary_line(repair("كتاب")), summary_line(repair("اين كتاب")), summary_line(repair("کتاب"))
    ('1 edit: unify_arabic_letters 1', '2 edits: unify_arabic_letters 2', 'no edits')
    """
    return counts_line(result.counts())


def counts_line(counts: dict[str, int]) -> str:
    """:func:`summary_line` from the edits per fix, in the order given."""
    if not counts:
        return "no edits"
    total = sum(counts.values())
    parts = ", ".join(f"{name} {count}" for name, count in counts.items())
    return f"{total} edit{'' if total == 1 else 's'}: {parts}"


_SPACE = re.compile(r"\s")


def word_diff(result: Result) -> str:
    """A word-level diff: removed words as ``[-…-]``, added words as ``{+…+}``.

    It is read off the edits, each stretch they changed widened to the whole words (or the whole run
    of white space) it touches, not found by comparing the two texts: a sequence matcher over the
    words of half a megabyte of text ran for more than eight minutes (the space and the commonest
    words occur everywhere, which makes its search quadratic); this takes the time of the repair.

    >>> from dorost import repair
    >>> word_diff(repair("اين كتاب مي شود ."))
    '[-اين-]{+این+} [-كتاب-]{+کتاب+} [-مي شود -]{+می<ZERO WIDTH NON-JOINER>شود+}.'
    """
    from dorost.web.spans import group_spans, output_spans, undoable_marks  # only --diff needs them

    old, new = result.original, result.text
    regions: list[tuple[int, int, int, int]] = []  # (old start, old end, new start, new end)
    shift = 0  # between two marks the texts agree, so an offset moves by what the marks before it changed
    for mark, before in undoable_marks(group_spans(output_spans(result.edits)), result.edits, old):
        if before != new[mark.start : mark.end]:
            regions.append((mark.start + shift, mark.start + shift + len(before), mark.start, mark.end))
        shift += len(before) - (mark.end - mark.start)
    out: list[str] = []
    done = 0
    for a0, a1, b0, b1 in _whole_words(old, new, regions):
        out.append(old[done:a0])
        removed, added = old[a0:a1], new[b0:b1]
        if removed:
            out.append(f"[-{visible(removed) if not removed.strip() else named_invisibles(removed)}-]")
        if added:
            out.append(f"{{+{visible(added) if not added.strip() else named_invisibles(added)}+}}")
        done = a1
    out.append(old[done:])
    return "".join(out)


def _whole_words(old: str, new: str, regions: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """``regions`` (changed stretches, in order) widened to the words or white space they touch, and
    merged where they then meet. Outside the regions the two texts agree, character for character."""

    def kind(ch: str) -> bool:
        return _SPACE.match(ch) is not None

    words: list[tuple[int, int, int, int]] = []
    for index, (a0, a1, b0, b1) in enumerate(regions):
        floor = words[-1][1] if words else 0
        kinds = {kind(text[start]) for text, start, end in ((old, a0, a1), (new, b0, b1)) if start < end}
        while a0 > floor and kind(old[a0 - 1]) in kinds:
            a0, b0 = a0 - 1, b0 - 1
            kinds = {kind(old[a0])}
        ceiling = regions[index + 1][0] if index + 1 < len(regions) else len(old)
        kinds = {kind(text[end - 1]) for text, start, end in ((old, a0, a1), (new, b0, b1)) if start < end}
        while a1 < ceiling and kind(old[a1]) in kinds:
            a1, b1 = a1 + 1, b1 + 1
            kinds = {kind(old[a1 - 1])}
        if words and a0 <= words[-1][1]:
            last = words.pop()
            a0, b0 = last[0], last[2]
        words.append((a0, a1, b0, b1))
    return words


def named_invisibles(text: str) -> str:
    """Name the invisible characters inside changed words, as the edit log does: the commonest
    edit puts a ZWNJ in a word, and ``[-می شود-]{+می\u200cشود+}`` would show no difference. Line
    breaks, tabs and spaces keep the diff's layout.

    >>> named_invisibles("می\u200cشود و\u00a0نه")
    'می<ZERO WIDTH NON-JOINER>شود و<NO-BREAK SPACE>نه'
    """
    return "".join(ch if ch in " \n\r\t" else visible(ch) for ch in text)


def to_json(result: Result, source: str | None = None) -> str:
    data = result.to_dict()
    if source is not None:
        data = {"source": source, **data}
    return json.dumps(data, ensure_ascii=False)


def edits_from_json(text: str) -> list[Edit]:
    return [Edit.from_dict(item) for item in json.loads(text)["edits"]]
