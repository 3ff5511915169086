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


_TOKEN = re.compile(r"\S+|\s+")


def word_diff(result: Result) -> str:
    """A word-level diff: removed words as ``[-…-]``, added words as ``{+…+}``."""
    old = _TOKEN.findall(result.original)
    new = _TOKEN.findall(result.text)
    import difflib  # only --diff needs it: not imported with the command line

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    out: list[str] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            out.append("".join(old[a0:a1]))
            continue
        removed = "".join(old[a0:a1])
        added = "".join(new[b0:b1])
        if removed:
            out.append(f"[-{visible(removed) if not removed.strip() else named_invisibles(removed)}-]")
        if added:
            out.append(f"{{+{visible(added) if not added.strip() else named_invisibles(added)}+}}")
    return "".join(out)


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
