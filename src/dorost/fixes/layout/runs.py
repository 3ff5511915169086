"""Misordered runs: right-to-left lines whose runs an extractor printed last-first.

PDF extractors that read a right-to-left line's text runs left to right print the line as
``R3 R2 R1`` instead of ``R1 R2 R3`` (measured with pdftotext on LibreOffice 3.5 files; the sample
article has three such lines). Runs are cut where the PDF had a gap: often two spaces, sometimes
one, and often a ZWNJ glyph, so that `بین‌المللی` comes out as `بین` at the end of one run and
`المللی` at the start of another.

The fix reads each line as words and the gaps between them. The candidate run borders are the
gaps where the line reads worst (by the language model's bigram score) and every double space;
the candidate orders are the reversals of the line's runs for every choice of at most four
borders among at most eight candidates. Only the joins across borders and with the neighbouring
lines differ between two orders, so each order's score is a sum over its borders. A line is
reordered only when the best order beats the line as it stands by a clear margin: a line that
already reads well is never reordered, and a line without a language model is left alone.
"""

from __future__ import annotations

import math
import re
from itertools import combinations, pairwise

from dorost.chars import NON_JOINING, ZWNJ
from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.layout._common import (
    CLAUSE_END,
    LATIN_LETTER,
    SENTENCE_END,
    Line,
    WordModel,
    has_persian,
    language_model,
    scoring_form,
    split_lines,
)

_TOKEN = re.compile(r"\S+")
_TABLE = re.compile(r"\t|\|")
# Lines longer than this are paragraphs, not extracted lines; shorter ones have too few words
# to judge.
_MAX_WORDS = 40
_MIN_WORDS = 5
# At most this many candidate borders, and at most this many borders in one order (five runs).
_MAX_CANDIDATES = 8
_MAX_CUTS = 4
# A border at a single space costs a little (double spaces are borders anyway).
_SINGLE_SPACE_COST = 2.0
# A colon followed by an opening quotation mark is how Persian introduces a quotation.
_QUOTE_BONUS = 3.0
# Trailing spaces (the gap after the run an extractor printed first) are some evidence.
_TRAILING_BONUS = 1.0
# The best order must beat the line as it stands by this much (natural log units): less when
# the line shows an extractor's mark, a double space between words.
_MARGIN = 11.0
_MARGIN_MARKED = 3.0


def _join(model: WordModel, left: str | None, right: str | None) -> float:
    """Log-probability of ``right`` after ``left``: ``left=None`` is a sentence start, ``right=None``
    the end of the text (no term).

    Extraction loses ZWNJ (`انگیزه های`, `بین المللی`), so a pair that is usually one word written
    with ZWNJ scores as that word would: ``log(count(a‌b) / (count(a) + count(a‌b)))``.
    """
    if right is None:
        return 0.0
    if left is None or CLAUSE_END.search(left):
        score = model.bigram_logprob("", scoring_form(right))
        # A colon before an opening quotation mark: `گفت: «…` (the sample article's line 25).
        return score + _QUOTE_BONUS if left is not None and left.endswith(":") and right[0] in "«\"“" else score
    a, b = scoring_form(left), scoring_form(right)
    score = model.bigram_logprob(a, b)
    if a and b and a[-1] not in NON_JOINING:
        together = model.word_count(a + ZWNJ + b)
        if together:
            score = max(score, math.log(together / (together + model.word_count(a) + 1.0)))
    return score


def _compound(model: WordModel, left: str, right: str) -> bool:
    """True when ``left`` + ZWNJ + ``right`` is the usual spelling of the pair (`بین‌المللی`)."""
    a, b = scoring_form(left), scoring_form(right)
    if a != left or b != right or not a or a[-1] in NON_JOINING:
        return False
    joined = a + ZWNJ + b
    return model.is_word(joined) and model.word_count(joined) > model.bigram_count(a, b)


def _context(lines: list[Line], restored: dict[int, str], index: int, step: int) -> str | None:
    """The neighbouring line's last (``step=-1``) or first (``step=1``) word, ``None`` at a break."""
    other = index + step
    while 0 <= other < len(lines) and lines[other].blank:
        other += step
    if not 0 <= other < len(lines):
        return None
    words = restored.get(other, lines[other].content).split()
    if not words:
        return None
    if step < 0:
        return None if SENTENCE_END.search(words[-1]) else words[-1]
    return words[0]


def best_order(
    words: list[str], gaps: list[str], model: WordModel, before: str | None, after: str | None
) -> tuple[list[int], float]:
    """The run borders (gap indexes) whose reversal reads best, and its gain over the line as is.

    ``gaps[i]`` is the space between ``words[i]`` and ``words[i + 1]``. Every double space is a
    border (extractors write one between runs; a line is judged with all of them or not at all);
    up to :data:`_MAX_CUTS` borders are chosen among the single-space gaps that read worst.
    Returns ``([], 0.0)`` when no order beats the line.
    """
    count = len(words)
    observed = [_join(model, words[i], words[i + 1]) for i in range(count - 1)]
    forced = [i for i, gap in enumerate(gaps) if len(gap) >= 2]
    if len(forced) > _MAX_CUTS:
        return [], 0.0  # spaced out like a table or justified text: not runs
    single = sorted((i for i in range(count - 1) if len(gaps[i]) < 2), key=lambda i: observed[i])
    optional = single[: _MAX_CANDIDATES - len(forced)]
    # A run ends at word ``i`` (the gap after it is a border) and the next run starts at ``i + 1``.
    as_is_edges = _join(model, before, words[0]) + _join(model, words[-1], after)
    best_gain, best_cuts = 0.0, []
    joins: dict[tuple[int, int], float] = {}

    def join(left: int, right: int) -> float:
        key = (left, right)
        if key not in joins:
            joins[key] = _join(model, words[left], words[right])
        return joins[key]

    # The joins with the neighbouring lines depend only on the first and last run: computed once
    # per word, not once per candidate order (up to 163 orders a line).
    firsts: dict[int, float] = {}
    lasts: dict[int, float] = {}

    def edges(first: int, last: int) -> float:
        if first not in firsts:
            firsts[first] = _join(model, before, words[first])
        if last not in lasts:
            lasts[last] = _join(model, words[last], after)
        return firsts[first] + lasts[last]

    for size in range(0, min(_MAX_CUTS - len(forced), len(optional)) + 1):
        for extra in combinations(optional, size):
            cuts = sorted((*forced, *extra))
            if not cuts:
                continue
            # Observed runs: [0..c1], [c1+1..c2], ..., [ck+1..n-1]; restored: last run first.
            starts = [0, *(c + 1 for c in cuts)]
            ends = [*cuts, count - 1]
            score = edges(starts[-1], ends[0])
            for run in range(len(starts) - 1, 0, -1):
                score += join(ends[run], starts[run - 1])
            as_is = as_is_edges + sum(observed[cut] for cut in cuts)
            gain = score - as_is - _SINGLE_SPACE_COST * size
            if gain > best_gain:
                best_gain, best_cuts = gain, cuts
    return best_cuts, best_gain


def _restore(words: list[str], gaps: list[str], cuts: list[int], model: WordModel) -> str:
    """The line with its runs in reverse order; a border that splits a compound gets its ZWNJ back."""
    starts = [0, *(c + 1 for c in cuts)]
    ends = [*cuts, len(words) - 1]
    runs = []
    for start, end in zip(starts, ends, strict=True):
        pieces = [words[start]]
        for i in range(start, end):
            pieces.append(gaps[i])
            pieces.append(words[i + 1])
        runs.append(pieces)
    out: list[str] = []
    for run in reversed(runs):
        if out:
            out.append(ZWNJ if _compound(model, out[-1], run[0]) else " ")
        out.extend(run)
    return "".join(out)


def reorder_reversed_runs(text: str, config: Config) -> list[Change]:
    """Put back in order the runs of a right-to-left line that an extractor printed last-first.

    Candidate orders are scored with the language model across each border and with the
    neighbouring lines; a line that already reads well is never reordered.

    >>> from dorost import fix
    >>> line = "با پذیرش باره نوشت روز سه شنبه سوم جولای، وزارت خارجه روسیه  نشریه دیپلمات در این "
    >>> fix(line, restore_spacing=False, join_broken_lines=False).startswith("نشریه دیپلمات در این باره")
    True
    """
    model = language_model()
    if model is None or not has_persian(text):
        return []
    lines = split_lines(text)
    restored: dict[int, str] = {}
    changes: list[Change] = []
    for index, line in enumerate(lines):
        content = line.content
        if line.blank or not has_persian(content) or LATIN_LETTER.search(content) or _TABLE.search(content):
            continue
        matches = list(_TOKEN.finditer(line.text))
        if not _MIN_WORDS <= len(matches) <= _MAX_WORDS:
            continue
        words = [match.group() for match in matches]
        gaps = [line.text[a.end() : b.start()] for a, b in pairwise(matches)]
        before = _context(lines, restored, index, -1)
        after = _context(lines, restored, index, 1)
        cuts, gain = best_order(words, gaps, model, before, after)
        if line.text != line.text.rstrip():
            gain += _TRAILING_BONUS
        marked = any(len(gap) >= 2 for gap in gaps)
        if not cuts or gain < (_MARGIN_MARKED if marked else _MARGIN):
            continue
        new = _restore(words, gaps, cuts, model)
        restored[index] = new
        start = line.start + matches[0].start()
        changes.append(Change(start, line.start + matches[-1].end(), new, min(0.95, 0.5 + gain / 40)))
    return changes
