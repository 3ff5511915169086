"""Code in Markdown text: fenced blocks and backtick spans, which the pipeline leaves as written.

Persian documentation (the README of a project, a translated handbook) is written in Markdown, and
its code holds Persian strings a program compares byte for byte: `print("می شود")` or a test's
fixture with Arabic `ي` on purpose. Code is never the text a fix repairs, so no edit may touch it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from dorost.edits import Change
from dorost.patterns import lazy_pattern
from dorost.text import SpanSet

# A fence opens a code block: three backticks or tildes or more; the block ends at a fence of the same
# character at least as long, on a line of its own. A fence never closed is taken for text (CommonMark
# would run the block to the end: in text that is not Markdown, a stray fence would then hide everything
# after it from the fixes). CommonMark indents a fence three spaces at most, but within its container:
# a fence in a list item stands under the item's text (`1. مرحله` and `   ```sh`), in a nested item
# four spaces or more, so any indentation opens a fence of backticks. One of tildes keeps the three
# spaces: a line of tildes is also a plain text's ornament between sections, centred by spaces.
_FENCE = lazy_pattern(r"^(?=[ \t]*`{3}| {0,3}~{3})[ \t]*(`{3,}|~{3,})", re.M)
# A run of backticks: one opens a code span, the next run of the same length on its line closes it.
_BACKTICKS = lazy_pattern(r"`+")


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    """The fenced code blocks of ``text``, each from its opening fence to the end of its closing one."""
    blocks: list[tuple[int, int]] = []
    opening: re.Match[str] | None = None
    for fence in _FENCE().finditer(text):
        line_end = text.find("\n", fence.end())
        line_end = len(text) if line_end < 0 else line_end
        mark = fence.group(1)
        if opening is None:
            if mark[0] == "`" and "`" in text[fence.end() : line_end]:
                continue  # an info string holds no backtick: this is inline code, not a fence
            opening = fence
        elif (
            mark[0] == opening.group(1)[0]
            and len(mark) >= len(opening.group(1))
            and not text[fence.end() : line_end].strip()
        ):
            blocks.append((opening.start(), line_end))
            opening = None
    return blocks


def _code_spans_of_line(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the backtick code spans of ``text[start:end]`` (one line) to ``spans``."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS().finditer(text, start, end)]
    # For each run, the next run of the same length (its closer, if it opens a span): one pass from
    # the right, so a line of many unmatched runs costs no more than its length.
    following: list[int] = [-1] * len(runs)
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = seen.get(length, -1)
        seen[length] = index
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer < 0:
            index += 1  # literal backticks: nothing closes them
            continue
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1


# Front matter (Jekyll, Hugo, MkDocs, VitePress): YAML from `---` as a text's very first line to the next
# line that is `---` or `...`; TOML (Hugo, Zola) from `+++` to the next `+++`. It is data a site's build
# parses (`tags: [نصب, راهنما]`: a Persian comma there makes the list one string), not prose. Only at the
# start of a text: a `---` later is a Markdown rule, and so is one that opens a later chunk of a streamed
# text (:func:`within_text`). A text may open with a rule too, so the block counts only if it closes and
# every line in it reads as its language (YAML: a key and a colon, a list item; TOML: a key and `=`, a
# `[table]`; either: an indented or blank line, a comment): the scan stops at the first line of prose, so
# it is linear and a rule over Persian paragraphs protects nothing.
_FRONT_MATTER_MARKS = ("---", "+++")
_FRONT_MATTER_OPEN = lazy_pattern(r"(---|\+\+\+)[ \t]*\r?\n")
_YAML_CLOSE = lazy_pattern(r"(?:---|\.\.\.)[ \t]*\r?$")
_YAML_LINE = lazy_pattern(r"[ \t]|-(?:[ \t]|\r?$)|#|\r?$|[\w.-]+[ \t]*:(?:[ \t]|\r?$)")
_TOML_CLOSE = lazy_pattern(r"\+\+\+[ \t]*\r?$")
# A key (bare, dotted or quoted) and `=`; a table header; the `]` closing a multi-line array.
_TOML_KEY = r"""(?:[\w-]+|"[^"\n]*"|'[^'\n]*')"""
_TOML_LINE = lazy_pattern(rf"[ \t]|#|\r?$|\]|\[|{_TOML_KEY}(?:[ \t]*\.[ \t]*{_TOML_KEY})*[ \t]*=")

# Whether the text the pipeline is given is a text's start (see :func:`within_text`).
_AT_START: ContextVar[bool] = ContextVar("dorost_at_text_start", default=True)


@contextmanager
def within_text() -> Iterator[None]:
    """Inside this block, a text given to the pipeline is a later part of a longer one (a chunk of a
    streamed text after its first): its first line opens no text, so it has no front matter.

    >>> text = "---\\ntags: [a, b]\\n---\\nمتن"
    >>> len(code_spans(text))
    1
    >>> with within_text():
    ...     code_spans(text)
    []
    """
    token = _AT_START.set(False)
    try:
        yield
    finally:
        _AT_START.reset(token)


def _scan_front_matter(text: str) -> int | None:
    """Where the front matter that opens ``text`` ends: the end of its closing line; ``-1`` where
    every line so far reads as front matter but none closes it; ``None`` where it has none."""
    opening = _FRONT_MATTER_OPEN().match(text)
    if opening is None:
        return None
    close, shape = (_YAML_CLOSE(), _YAML_LINE()) if opening.group(1) == "---" else (_TOML_CLOSE(), _TOML_LINE())
    position = opening.end()
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        if close.match(text, position, line_end):
            return line_end
        if not shape.match(text, position, line_end):
            return None
        position = line_end + 1
    return -1


def _front_matter(text: str) -> tuple[int, int] | None:
    """The front matter that opens ``text``, from its first `---` (`+++`) to the end of its closing line.

    >>> text = "---\\ntags: [نصب, راهنما]\\n---\\n\\n# راهنما"
    >>> span = _front_matter(text)
    >>> span is not None and text[span[0] : span[1]]
    '---\\ntags: [نصب, راهنما]\\n---'
    >>> text = '+++\\ntitle = "راهنما"\\ntags = ["نصب", "راهنما"]\\n+++\\nمتن'
    >>> span = _front_matter(text)
    >>> span is not None and text[span[1] :]
    '\\nمتن'
    >>> _front_matter("---\\nمتن بعد از خط افقی\\n---\\n") is None
    True
    """
    if not _AT_START.get():
        return None
    end = _scan_front_matter(text)
    return (0, end) if end is not None and end >= 0 else None


def front_matter_pending(text: str) -> bool:
    """Whether ``text``, a text's start, opens with front matter not yet closed: every line so far
    reads as its language. A stream that has read no more than this does not cut it yet.

    >>> front_matter_pending("---\\ntitle: راهنما\\n"), front_matter_pending("---\\nمتن\\n")
    (True, False)
    """
    return _scan_front_matter(text) == -1


def code_spans(text: str) -> list[tuple[int, int]]:
    """The spans of Markdown code in ``text``, sorted: fenced blocks and backtick code spans.

    >>> text = "دستور `pip install dorost` را اجرا کنید"
    >>> [text[start:end] for start, end in code_spans(text)]
    ['`pip install dorost`']
    >>> text = "مثال:\\n```python\\nprint('می شود')\\n```\\nپایان"
    >>> [text[start:end] for start, end in code_spans(text)]
    ["```python\\nprint('می شود')\\n```"]
    >>> code_spans("متن بدون کد")
    []
    """
    header = _front_matter(text) if text.startswith(_FRONT_MATTER_MARKS) else None
    if header is not None:
        # The fences and code spans after it: inside it, a backtick is a YAML character.
        return [header, *((start + header[1], end + header[1]) for start, end in code_spans(text[header[1] :]))]
    if "`" not in text and "~~~" not in text:
        return []
    blocks = _fenced_blocks(text)
    spans: list[tuple[int, int]] = []
    position = 0
    for block_start, block_end in [*blocks, (len(text), len(text))]:
        # The lines between blocks, one by one: a backtick span does not cross a line.
        while position < block_start:
            line_end = text.find("\n", position, block_start)
            line_end = block_start if line_end < 0 else line_end
            if "`" in text[position:line_end]:
                _code_spans_of_line(text, position, line_end, spans)
            position = line_end + 1
        if block_start < block_end:
            spans.append((block_start, block_end))
        position = block_end
    return spans


# The runs that make code: backticks, and tildes as a fence has them.
_DELIMITERS = lazy_pattern(r"`+|~{3,}")


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, those that overlap or touch made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_NOT_SPACE = lazy_pattern(r"\S")
# What beside a delimiter could join it to another run or part it from its line.
_DELIMITING = lazy_pattern(r"[`~\n]")


class CodeShield:
    """Code the fixes neither see nor touch, kept in step with a text as the pipeline edits it.

    A fix reads :meth:`view`: the text with each character of code (not its whitespace) shown as
    ``x``, a Latin word to every fix, so that code is no evidence for a decision about the prose
    around it (Persian strings in code once made restore_mark_order judge a text's marks turned).
    :meth:`allows` refuses a change that touches code or a code delimiter's neighbour.

    >>> shield = CodeShield.of("کد `ي` و ي", ())
    >>> shield.view("کد `ي` و ي")
    'کد xxx و ي'
    >>> shield.allows(Change(4, 5, "ی"), "کد `ي` و ي"), shield.allows(Change(9, 10, "ی"), "کد `ي` و ي")
    (False, True)
    """

    __slots__ = ("_code", "_guard", "_inside", "_keep")

    def __init__(self, keep: Sequence[tuple[int, int]]) -> None:
        self._keep = sorted(keep)  # a front end's code, in the current text's offsets
        self._code: list[tuple[int, int]] = []
        self._inside = SpanSet([])  # code and every delimiter run
        self._guard = SpanSet([])  # those and the character on either side of each

    @classmethod
    def of(cls, text: str, keep: Sequence[tuple[int, int]]) -> CodeShield | None:
        """The shield of ``text`` and a front end's code spans ``keep``, or ``None`` where it has no code."""
        if not keep and "`" not in text and "~~~" not in text and not text.startswith(_FRONT_MATTER_MARKS):
            return None
        shield = cls(keep)
        shield._measure(text)
        return shield

    def _measure(self, text: str) -> None:
        # Every run of backticks or tildes is guarded with the character on either side of it: an edit
        # there could join two runs or part one, or move a fence onto another line, and what is code
        # would then change between one run of the pipeline and the next.
        code = code_spans(text)
        marked = [*code, *((m.start(), m.end()) for m in _DELIMITERS().finditer(text))]
        if code and code[0][0] == 0 and text.startswith(_FRONT_MATTER_MARKS):
            marked.append(code[0])  # front matter: an edit beside its closing line could end it elsewhere
        self._code = _merged([*code, *self._keep])
        self._inside = SpanSet(_merged([*marked, *self._keep]))
        widened = [(max(0, start - 1), min(len(text), end + 1)) for start, end in marked]
        self._guard = SpanSet(_merged([*widened, *self._keep]))

    def view(self, text: str) -> str:
        """``text`` as the fixes see it: its code shown as ``x``, whitespace kept."""
        if not self._code:
            return text
        pieces: list[str] = []
        last = 0
        for start, end in self._code:
            pieces.append(text[last:start])
            pieces.append(_NOT_SPACE().sub("x", text[start:end]))
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def allows(self, change: Change, text: str) -> bool:
        """Whether ``change`` (to ``text``) leaves code alone, and its delimiters apart from what
        is beside them: beside a delimiter a letter may change into another (`ٔه` → `هٔ`), but
        nothing may be deleted or put in that could join two runs of backticks or part one."""
        if not self._guard.overlaps(change.start, change.end):
            return True
        if self._inside.overlaps(change.start, change.end):
            return False
        before = text[change.start : change.end]
        return bool(before and change.after) and not _DELIMITING().search(before + change.after)

    def follow(self, changes: Sequence[Change], text: str) -> None:
        """Move along with ``changes`` (allowed ones, sorted, just applied) to the new ``text``."""
        if self._keep:
            moved: list[tuple[int, int]] = []
            index, shift = 0, 0
            for start, end in self._keep:
                while index < len(changes) and changes[index].end <= start:
                    change = changes[index]
                    shift += len(change.after) - (change.end - change.start)
                    index += 1
                moved.append((start + shift, end + shift))
            self._keep = moved
        self._measure(text)


# A list item's marker and the spaces after it (CommonMark 5.2): its text starts past them, and the lines of the
# item (its further paragraphs, its code) are indented to there.
_LIST_MARKER = lazy_pattern(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
# A line that ends a list item it is not indented into, even with no blank line before it: a heading, a fence,
# a block quote, an HTML block (only a paragraph's text may run on, unindented, as a lazy line).
_INTERRUPTS = ("#", "```", "~~~", ">", "<")


# An HTML block of a script or a style sheet opens so (CommonMark 4.6, start condition 1, less `pre` and
# `textarea`, whose text is the page's): its code runs to the line that holds the closing tag.
_RAW_BLOCK = lazy_pattern(r"<(script|style)(?=[\s>]|$)", re.I)


# A character a line shows: neither a space nor an invisible one that the fixes remove (ZWNJ, marks of direction).
_SHOWN = lazy_pattern("[^\\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _columns(indent: str) -> int:
    """The width of a line's indentation, a tab to the next multiple of four (CommonMark 2.2)."""
    width = 0
    for ch in indent:
        width = width + 4 - width % 4 if ch == "\t" else width + 1
    return width


def markdown_layout_spans(text: str) -> list[tuple[int, int]]:
    """What a Markdown text's layout holds that no fix may change: the indentation of each line, its indented
    code blocks (CommonMark 4.4) and its scripts, sorted.

    Markdown reads indentation: a list item's second paragraph is indented under its text (removed, the
    paragraph leaves the list), and a block indented four columns past its container, after a blank line, is
    code shown as written. A `<script>` or `<style>` block is code too. Fenced code is :func:`code_spans`'s.

    >>> text = "- مورد\\n\\n  ادامه مورد\\n\\nمتن\\n\\n    کد ي\\n\\n    کد دوم\\nپایان"
    >>> [text[start:end] for start, end in markdown_layout_spans(text)]
    ['  ', '    کد ي\\n\\n    کد دوم']
    """
    fenced = SpanSet(_fenced_blocks(text)) if "```" in text or "~~~" in text else SpanSet([])
    spans: list[tuple[int, int]] = []
    widths: list[int] = []  # the text columns of the list items the line may be inside, innermost last
    blank_before = True  # (the text's start counts as a blank line)
    in_paragraph = False
    code: tuple[int, int] | None = None  # the indented code block being read
    unclosed: set[str] = set()  # the scripts' tags that no closing tag follows
    position = 0
    size = len(text)
    while position <= size:
        line_end = text.find("\n", position)
        line_end = size if line_end < 0 else line_end
        line = text[position:line_end]
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)]
        if position in fenced:  # a fenced block's lines: code, and no list's
            blank_before, in_paragraph = False, False
        elif body[:1] == "<" and (raw := _RAW_BLOCK().match(body)) is not None:
            # A script or a style sheet (CommonMark 4.6, HTML block 1) down to the line that closes it.
            # (A tag closed nowhere after one line is closed nowhere after a later one: searched once, the cost is
            # linear. Left open, the block is its line, not the rest of the text, which a slip would hide.)
            tag = raw.group(1).lower()
            close = None if tag in unclosed else re.compile(f"</{tag}>", re.I).search(text, position)
            if close is None:
                unclosed.add(tag)
            else:
                line_end = _line_end(text, close.end())
            spans.append((position, line_end))
            blank_before, in_paragraph = False, False
        elif _SHOWN().search(body) is None:  # (a line of invisible characters is blank once they are removed)
            blank_before = True
        else:
            if indent:
                spans.append((position, position + len(indent)))
            columns = _columns(indent)
            base = widths[-1] if widths else 0
            if code is not None and columns >= base + 4:
                code = (code[0], line_end)
            elif blank_before and columns >= base + 4:
                code = (position + len(indent), line_end)
                in_paragraph = False
            else:
                if code is not None:
                    spans.append(code)
                    code = None
                marker = _LIST_MARKER().match(line)
                if blank_before or not in_paragraph or body.startswith(_INTERRUPTS) or marker is not None:
                    while widths and columns < widths[-1]:
                        widths.pop()
                if marker is not None:
                    after = _columns(marker.group())
                    widths.append(after if after - columns <= 6 else columns + 2)  # (5 spaces: code in the item)
                in_paragraph = not body.startswith(_INTERRUPTS)
            blank_before = False
        position = line_end + 1
    if code is not None:
        spans.append(code)
    return _merged(spans)
