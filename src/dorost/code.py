"""Code in Markdown text: fenced blocks and backtick spans, which the pipeline leaves as written.

Persian documentation (the README of a project, a translated handbook) is written in Markdown, and
its code holds Persian strings a program compares byte for byte: `print("می شود")` or a test's
fixture with Arabic `ي` on purpose. Code is never the text a fix repairs, so no edit may touch it.
"""

from __future__ import annotations

import re

# A fence opens a code block: three backticks or tildes or more, indented three spaces at most; the
# block ends at a fence of the same character at least as long, on a line of its own. A fence never
# closed is taken for text (CommonMark would run the block to the end: in text that is not Markdown,
# a stray fence would then hide everything after it from the fixes).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
# A run of backticks: one opens a code span, the next run of the same length on its line closes it.
_BACKTICKS = re.compile(r"`+")


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    """The fenced code blocks of ``text``, each from its opening fence to the end of its closing one."""
    blocks: list[tuple[int, int]] = []
    opening: re.Match[str] | None = None
    for fence in _FENCE.finditer(text):
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
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text, start, end)]
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
