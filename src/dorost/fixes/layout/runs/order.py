"""The candidate orders of a line and the search for the best one.

The printed line is ``Rk … R1``, so a repair is a choice of borders and the reversal of the runs between them. Only
the joins across borders and with the neighbouring lines differ from the line as printed, so a dynamic programme over
the gaps finds the best set of borders exactly (:func:`best_order`); :func:`order_gain` counts one set of borders, and
:func:`extractor_order` reads a line along the gaps pdftotext leaves. What a border costs is here with them.
"""

from __future__ import annotations

import math
from typing import NamedTuple, Protocol

from dorost.fixes.layout._common import SENTENCE_END, WordModel
from dorost.fixes.layout.runs.echo import Echo
from dorost.fixes.layout.runs.joins import DASHES, join2
from dorost.fixes.layout.runs.trigrams import START, context_test, join3, reads_nothing

# The search looks at this many gaps of a line (all of them in lines up to 17 words): the ones
# that read worst, a double space counting as reading badly. The work per line is bounded by
# its cube (about 700 steps).
MAX_CANDIDATES = 16
# At most this many borders in a line (five runs): more is not how extractors cut lines.
MAX_BORDERS = 4
# What a border costs in log-probability: one at a single space must pay for itself in fluency;
# one at a double space (an extractor's mark between runs) is evidence for the order.
SINGLE_SPACE_COST = 3.0
DOUBLE_SPACE_COST = -4.0
_WEAK_DOUBLE_COST = 0.0
# A wrapped line's first word did not fit at the end of the line before it (the wrapper would have
# put it there): an order that starts a line with a word that fits there costs this much, where the
# document shows that it was wrapped by its characters (see :func:`wraps_tightly`).
_WRAP_COST = 8.0
# A text that ends in mid-sentence (its last line's last word) is that much less likely.
OPEN_END = 6.0


class Setting(NamedTuple):
    """What a line's orders are scored in: the model, the neighbouring lines' words, and what the
    document says of its marks. :func:`best_order`, :func:`order_gain` and :func:`extractor_order`
    all take one.

    ``before`` is the previous line's last word (``None`` where the line starts a sentence),
    ``after`` the next line's first word; ``double_cost`` what a border at a double space costs
    (``weak``: the gaps whose double space is no evidence); ``echo`` the document's own pairs (see
    :class:`Echo`); ``contexts`` whether a join reads the word before its pair (:func:`join3`);
    ``holding`` whether a neighbour's word may only hold the line as printed; ``room`` how many
    characters the line before left free (``-1``: unknown); ``open_end`` what a text's ending in
    mid-sentence costs.
    """

    model: WordModel
    before: str | None
    after: str | None
    double_cost: float = DOUBLE_SPACE_COST
    weak: frozenset[int] = frozenset()
    echo: tuple[Echo, Echo] | None = None
    contexts: bool = True
    holding: tuple[bool, bool] = (False, False)
    room: int = -1
    open_end: float = OPEN_END


class _Pair(Protocol):
    """A join of two words of a line (indexes) or of the neighbours, with the word before the left one."""

    def __call__(self, left: int | str | None, right: int | str | None, context: int | str | None = None) -> float: ...


def _pairing(
    model: WordModel, words: list[str], before: str | None, echo: tuple[Echo, Echo] | None, contexts: bool = True
) -> _Pair:
    """The join of word ``left`` of the line with word ``right`` (each an index in the line, or a
    neighbour's word), given the word before ``left`` (``context``, see :func:`join3`) unless
    ``contexts`` is false, the document's own pairs mixed in (see :class:`Echo`); the word before
    ``left`` as printed (``before`` for the first) is the echo's triple's first word."""

    def bare(left: int | str | None, right: int | str | None, context: int | str | None = None) -> float:
        return join2(
            model, words[left] if isinstance(left, int) else left, words[right] if isinstance(right, int) else right
        )

    def read(left: int | str | None, right: int | str | None, context: int | str | None = None) -> float:
        return join3(
            model,
            words[context] if isinstance(context, int) else context,
            words[left] if isinstance(left, int) else left,
            words[right] if isinstance(right, int) else right,
        )

    join = read if contexts else bare
    if echo is None:
        return join

    def pair(left: int | str | None, right: int | str | None, context: int | str | None = None) -> float:
        score = join(left, right, context)
        first = words[left] if isinstance(left, int) else left
        second = words[right] if isinstance(right, int) else right
        if echo is None or second is None:
            return score
        document, own = echo
        if first is None or SENTENCE_END.search(first):
            return document.start(own, score, second)
        prev = (words[left - 1] if left else before) if isinstance(left, int) else None
        opens = isinstance(left, int) and (prev is None or SENTENCE_END.search(prev) is not None)
        return document.mix(own, score, first, second, prev, opens)

    return pair


def best_order(
    words: list[str], gaps: list[str], setting: Setting, width: int = MAX_CANDIDATES
) -> tuple[list[int], float]:
    """The run borders (gap indexes) whose reversal reads best, and its gain over the line as is.

    ``gaps[i]`` is the space between ``words[i]`` and ``words[i + 1]``. The damage is modelled
    exactly: the extractor printed runs ``R1 … Rk`` as ``Rk … R1``, so with borders
    ``c1 < … < cm`` in the printed line the repair is the reversal of its runs, and it differs
    from the line as printed only in the joins across borders and with the neighbouring lines
    (``before``, the previous line's last word, ``None`` where the line starts a sentence; ``after``,
    the next line's first word). In the repaired line the run ending at border ``c(j+1)`` is followed by
    the run starting after ``c(j-1)``, so a join depends on two borders, and a dynamic programme
    over pairs of consecutive borders finds the best set among all subsets of the candidate gaps
    exactly, in ``O(k³)`` for ``k`` candidates (at most :data:`MAX_BORDERS` borders). Each
    border costs :data:`SINGLE_SPACE_COST`, or ``double_cost`` at a double space, or
    :data:`_WEAK_DOUBLE_COST` at the gaps in ``weak`` (a double space after a full stop).
    With ``echo`` (the document's pairs and the line's own, see :class:`Echo`) the joins count
    the pairs the document writes elsewhere. A join also reads the word before its left word
    (:func:`join3`) where that word is known from the borders the programme holds: within the
    left word's run, or, for a run's first join, the last word of the run now before it (known
    when the programme adds the border that places it); a run of one word joins the next without it,
    unless it starts the repaired line (it reads ``before``). Where the line starts a sentence, its
    first pair reads the sentences' first pairs (:data:`START`).
    With ``holding`` (for ``before`` and ``after``), a neighbour's word may only hold the line as
    printed: no order joins it better than the line's own first (last) word does (see
    :func:`reorder_reversed_runs`).
    Where the line ends its paragraph (``after`` is None) an order whose last word ends no sentence
    costs ``open_end``.
    Returns ``([], 0.0)`` when no order beats the line.
    """
    model, before, after, double_cost, weak, echo, contexts, holding, room, open_end = setting
    count = len(words)
    if count < 2:
        return [], 0.0
    pair = _pairing(model, words, before, echo, contexts)
    # The word before the line's first word, as a join's context reads it: a sentence's start apart
    # from a word not known (see :data:`START`).
    preceding = START if before is None else before
    observed = [pair(i, i + 1, i - 1 if i else preceding) for i in range(count - 1)]
    cost = [
        _WEAK_DOUBLE_COST if i in weak else double_cost if len(gap) >= 2 else SINGLE_SPACE_COST
        for i, gap in enumerate(gaps)
    ]
    candidates = sorted(sorted(range(count - 1), key=lambda i: observed[i] + cost[i])[:width])
    # Whether a word before a pair may change its join: where it cannot, a run's first join reads
    # the same after any run, and a run of one word joins the next as the line printed it.
    reads = context_test(model, words) if contexts else reads_nothing
    joins: dict[tuple[int, int, int | str | None], float] = {}

    def join(left: int, right: int, context: int | str | None = None) -> float:
        key = (left, right, context)
        if key not in joins:
            joins[key] = pair(left, right, context)
        return joins[key]

    firsts: dict[int, float] = {}
    lasts: dict[tuple[int, int | None], float] = {}

    def first_edge(word: int) -> float:
        if word not in firsts:
            firsts[word] = held_edge(word) - (_WRAP_COST if len(words[word]) <= room else 0.0)
        return firsts[word]

    def held_edge(word: int) -> float:
        score = pair(before, word)
        return min(score, pair(before, 0)) if holding[0] and word else score

    def last_edge(word: int, context: int | None) -> float:
        key = (word, context)
        if key not in lasts:
            if after is None:  # the end of the text ends a sentence
                lasts[key] = 0.0 if SENTENCE_END.search(words[word]) else -open_end
            else:
                lasts[key] = pair(word, after, context)
                if holding[1] and key != (count - 1, count - 2):
                    lasts[key] = min(lasts[key], last_edge(count - 1, count - 2))
        return lasts[key]

    def shift(start: int, new: int | str | None) -> float:
        # The run starting at ``start`` (two words or more) now follows ``new``: its first join
        # reads that word before it instead of the one printed there. Most words before a pair
        # change nothing (the trigrams know neither): then nothing is looked up.
        if not reads(new, start, start + 1) and not reads(start - 1 if start else preceding, start, start + 1):
            return 0.0
        return pair(start, start + 1, new) - observed[start]

    base = first_edge(0) + last_edge(count - 1, count - 2)
    # value[(p, q, k)]: the best score of sets of k borders whose last two are p < q (p = -1 when
    # q is the first), counting every join already fixed: the repaired line ends with the first
    # printed run (so with word c1), and the run ending at border r follows the run starting
    # after border p. by_last[q]: the states ending at border q, in the order they were reached.
    State = tuple[int, int, int]
    value: dict[State, float] = {}
    parent: dict[State, State | None] = {}
    by_last: dict[int, list[State]] = {q: [] for q in candidates}
    for q in candidates:
        state = (-1, q, 1)
        value[state] = last_edge(q, q - 1 if q else None) - observed[q] - cost[q]
        parent[state] = None
        by_last[q].append(state)
    best_gain, best_state = 0.0, None
    # rows[p][r]: the join of the run ending at border r to the run starting after border p.
    # The borders r after q are a tail of those after the first q seen with this p.
    rows: dict[int, dict[int, float]] = {}
    # shifted[p][r]: what the run starting after border p (two words or more) gains or loses
    # in its first join when the run ending at border r stands before it (None: nothing, for
    # every r). closing[p] and opening[q]: the same for the runs that end the repaired line
    # and start it.
    shifted: dict[int, dict[int, float] | None] = {}
    closing: dict[int, float] = {}
    opening: dict[int, float] = {}
    last = count - 1
    for position, q in enumerate(candidates):
        later = candidates[position + 1 :]
        first = first_edge(q + 1)
        after_q = q + 1
        if contexts and last > after_q:
            opening[q] = shift(after_q, preceding)
        for state in by_last[q]:
            p, _, size = state
            here = value[state]
            # Close: the last printed run (after q) starts the repaired line (never with a lone
            # dash that stood inside the line: see :func:`read_candidate`).
            # (A run of one word that starts the repaired line reads the word before the line.)
            gain = here + join(last, p + 1, (count - 2 if count - 2 > q else preceding) if contexts else None)
            gain += first - base
            if contexts:
                if q > p + 1 and p not in closing:
                    closing[p] = shift(p + 1, last)
                gain += (closing[p] if q > p + 1 else 0.0) + (opening[q] if last > after_q else 0.0)
            if gain > best_gain and words[after_q] not in DASHES:
                best_gain, best_state = gain, state
            if size == MAX_BORDERS or not later:
                continue
            row = rows.get(p)
            if row is None:
                row = rows[p] = {r: pair(r, p + 1, r - 1) for r in later}
            moved = None
            if contexts and q > p + 1:
                if p not in shifted:
                    start = p + 1
                    if reads(start - 1 if start else preceding, start, start + 1):
                        shifted[p] = {r: pair(start, start + 1, r) - observed[start] for r in later}
                    else:
                        moves = {
                            r: pair(start, start + 1, r) - observed[start] for r in later if reads(r, start, start + 1)
                        }
                        shifted[p] = {r: moves.get(r, 0.0) for r in later} if moves else None
                moved = shifted[p]
            # The run of one word between q and the next border joins the run after p without the
            # word before it (only a word the trigrams may read there makes a difference).
            lone = row.get(after_q, 0.0)
            if contexts and later[0] == after_q and reads(q, after_q, p + 1):
                lone = join(after_q, p + 1)
            grown = size + 1
            for r in later:
                score = here + (row[r] if r != after_q else lone) - observed[r] - cost[r]
                if moved is not None:
                    score += moved[r]
                key = (q, r, grown)
                held = value.get(key)
                if held is None:
                    by_last[r].append(key)
                elif held >= score:
                    continue
                value[key] = score
                parent[key] = state
    cuts: list[int] = []
    step = best_state
    while step is not None:
        cuts.append(step[1])
        step = parent[step]
    return sorted(cuts), best_gain


def order_gain(words: list[str], gaps: list[str], cuts: list[int], setting: Setting) -> float:
    """What :func:`best_order` counts for one set of borders: its gain over the line as printed."""
    model, before, after, double_cost, weak, echo, contexts, holding, room, open_end = setting
    count = len(words)
    pair = _pairing(model, words, before, echo, contexts)
    preceding = START if before is None else before

    def last_edge(word: int, context: int | str | None) -> float:
        if after is None:
            return 0.0 if SENTENCE_END.search(words[word]) else -open_end
        score = pair(word, after, context)
        if holding[1] and (word, context) != (count - 1, count - 2):
            score = min(score, pair(count - 1, after, count - 2))
        return score

    def observed(i: int) -> float:
        return pair(i, i + 1, i - 1 if i else preceding)

    starts = [0, *(c + 1 for c in cuts)]
    ends = [*cuts, count - 1]
    runs = list(zip(starts, ends, strict=True))[::-1]
    # The joins that differ from the line as printed: at its edges, across the borders, and each
    # run's first join (it reads the word now before the run; a run of one word joins the next
    # without the word before it).
    opening = pair(before, runs[0][0]) - pair(before, 0)
    score = (min(opening, 0.0) if holding[0] else opening) - last_edge(count - 1, count - 2)
    # A first word that would have fitted on the line before cannot start a wrapped line.
    score -= (_WRAP_COST if len(words[runs[0][0]]) <= room else 0.0) - (_WRAP_COST if len(words[0]) <= room else 0.0)
    previous: int | str = preceding
    for position, (start, end) in enumerate(runs):
        if end > start:
            score += pair(start, start + 1, previous) - observed(start)
        context = end - 1 if end > start else None if position else preceding
        if position + 1 < len(runs):
            score += pair(end, runs[position + 1][0], context)
        else:
            score += last_edge(end, context)
        previous = end
    for cut in cuts:
        cost = _WEAK_DOUBLE_COST if cut in weak else double_cost if len(gaps[cut]) >= 2 else SINGLE_SPACE_COST
        score -= observed(cut) + cost
    return score


def extractor_order(
    words: list[str], gaps: list[str], setting: Setting, printed: list[str] | None = None
) -> tuple[list[int], float]:
    """The best borders as pdftotext prints a misordered line, and their gain (see :func:`order_gain`).

    In all three misordered lines of the sample article the run printed first is followed by one
    space and every later run by two (each run keeps the space that followed it, and pdftotext puts
    one between runs): the borders are every double space and one single space before the first
    of them. Only that single border is left to find, among a handful of gaps; the best of them is
    returned even when it reads worse than the line as printed (its gain is then negative), since
    the gaps themselves are evidence (see :func:`reorder_reversed_runs`). With ``printed``
    the double spaces are read there (the gaps as printed, a double space beside a Latin word or
    after a full stop included), the costs still from ``gaps``.
    """
    doubles = [i for i, gap in enumerate(printed if printed is not None else gaps) if len(gap) >= 2]
    if len(doubles) + 1 > MAX_BORDERS:
        return [], 0.0
    first = doubles[0] if doubles else len(gaps)
    best: tuple[list[int], float] = ([], -math.inf)
    for single in range(first):
        cuts = [single, *doubles]
        if words[cuts[-1] + 1] in DASHES:
            continue  # no repaired line starts with a dash that stood inside it (see :func:`read_candidate`)
        gain = order_gain(words, gaps, cuts, setting)
        if gain > best[1]:
            best = (cuts, gain)
    return best if best[0] else ([], 0.0)
