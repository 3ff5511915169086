"""The fix itself: :func:`reorder_reversed_runs`, which judges a document's lines and records their repairs.

The lines that show an extractor's marks are judged first, and every line only where one of them was misordered;
each line's best order must beat it as printed by a margin that depends on the marks it and its document show,
and lines are judged again while a neighbour's repair changes the words beside them. The margins, and what the
document's style does to the marks, are here with the judging that reads them.
"""

from __future__ import annotations

import functools

from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.layout._common import has_persian, language_model, split_lines
from dorost.fixes.layout.paragraphs import wrap_width
from dorost.fixes.layout.runs.candidates import Candidate, closes_inside, read_candidate, table_rows
from dorost.fixes.layout.runs.echo import Echo
from dorost.fixes.layout.runs.marks import MARKED, MARKED_IN_TEXT
from dorost.fixes.layout.runs.neighbours import (
    PARAGRAPH_END,
    ends_at_wrap,
    ends_in_any_order,
    neighbour_word,
    next_body,
    spaced_length,
    wraps_tightly,
)
from dorost.fixes.layout.runs.order import (
    DOUBLE_SPACE_COST,
    MAX_CANDIDATES,
    OPEN_END,
    SINGLE_SPACE_COST,
    Setting,
    best_order,
    extractor_order,
    order_gain,
)
from dorost.fixes.layout.runs.spelling import Spelling, restored_line

# A line without any mark of an extractor (double or trailing space) is rarely misordered and
# must read far better reordered (by 16 nats): fewer gaps are looked at (a quarter of the work).
# (5 gaps made damaged documents' lines 30 % cheaper to judge but restored 2 fewer of 3,873 on
# benchmarks/layout.py seeds 7 to 9, random gaps; since clean wrapped text no longer has its
# unmarked lines judged at all, see reorder_reversed_runs, that saving is not worth a line.)
_MAX_CANDIDATES_UNMARKED = 10
# A line whose first word would have fitted on the line before was not printed in its order: it
# needs no extractor's mark to be judged, and its best order must beat it by this much.
_MARGIN_MISPLACED = 8.0
# A text that ends in mid-sentence costs this much (not ``OPEN_END``) where the line surely ends its paragraph
# (every word of the next line would have fit on it) and holds a sentence end before its last word, which ends
# none: a paragraph's last line printed last-first (`است.  تخت معمولی بسیار گسترده\u200cتر`). News and shippable text of
# benchmarks/layout.py, runs kind, random gaps, seeds 7 and 1: paragraphs broken mid-sentence 18 → 10
# and 11 → 7. At 16 and 18 more were restored, but undamaged lines of real paragraphs that end open
# (truncated passages, `… می\u200cشود. جزء`) were moved when a third of the paragraphs end so: they read
# 14.4 to 15.3 better reordered at 16, where an unmarked line needs 16.
_OPEN_END_INSIDE = 14.0
# Trailing spaces (the gap after the run an extractor printed first) are some evidence.
_TRAILING_BONUS = 3.0
# A mark (double space, trailing space) that most lines of the document show is its style, not
# evidence of misordered runs.
_COMMON_MARK = 0.3
# The best order must beat the line as it stands by this much (natural log units, marks
# included): a line that already reads well is never reordered.
_MARGIN = 8.0
# A line without any mark (neither a double space nor a trailing space) must read far better
# reordered: sparse counts of rare words (a list of fruit names) can make an undamaged line read
# better in another order by 13 units, while few unmarked misordered lines gain that much.
_MARGIN_UNMARKED = 16.0
# One double space alone is the mark a typist leaves too (measured: 7 of 608 undamaged lines
# given a stray double space read better reordered by 8, none by 10; with the word classes one
# line of benchmarks/layout.py, seed 8, `کربن دی\u200cاکسید  در هواکره …`, reads 11.7 better, and 13.7
# with the back-off text, which has `دی\u200cاکسید کربن` in the other order; none other above 11.5 on
# seeds 7 to 9).
_MARGIN_ONE_MARK = 14.5
# … or 14 where the document shows an extractor that misorders runs: two lines at least, each with
# both marks, restored (judged first, see reorder_reversed_runs). There a lone double space is more
# likely a border than a typist's slip (benchmarks/layout.py, news, damaged lines exact with random
# gaps, 14.5 → 12: seeds 1 to 6, 962 → 993; seeds 7 to 9, 460 → 469, --source both 496 → 507;
# pdftotext's gaps, which always leave a trailing space, as before. At 10, seed 1 swapped an
# undamaged line at its stray mark: `… زیرا غذایی آبکی بوده و  همچنین`). At 12, seeds 10 to 14
# swapped two undamaged lines, reading 12.4 and 13.4 better: a quotation (`من مولای اویم پس علی
# مولای  اوست) …`, news seed 11) and a line after a misordered one that shows no mark, whose last
# word as printed (`تا`) read badly before the line's first (`و  پروتکل\u200cهایی …`, shippable seed 14).
# 14 moves none on seeds 1 to 14, news and shippable, both gap modes, and restores 97 fewer of 24,384
# misordered lines (random gaps: news 2329 → 2276 of 7,347, shippable 2006 → 1962 of 4,845;
# pdftotext's gaps 4204 → 4203 and 3276 → 3274).
_MARGIN_ONE_MARK_SHOWN = 14.0
_SHOWN_LINES = 2
# … unless the one border is that double space itself: the two halves of the line swapped at the
# mark (the stray marks above read better only with more borders, at single spaces).
_MARGIN_AT_THE_MARK = 10.0
# Both marks, a double space and a trailing space, are what pdftotext leaves on a misordered line
# (all three in the sample article): the order still has to read clearly better.
_MARGIN_TWO_MARKS = 6.0
# How much likelier each gap of a line is under pdftotext's pattern than drawn at random (log 2).
_PATTERN_BONUS = 2.5
# Lines with a double space but no trailing space, per line with a trailing space, that a document
# following pdftotext's pattern may show (stray double spaces).
_PATTERN_STRAYS = 0.4
# Rounds of judging lines again with their neighbours as repaired.
_ROUNDS = 3


def reorder_reversed_runs(text: str, config: Config) -> list[Change]:
    """Put back in order the runs of a right-to-left line that an extractor printed last-first.

    Every set of run borders is scored with the language model across each border and with the
    neighbouring lines (see :func:`best_order`); a line that already reads well is never
    reordered. Lines are judged twice: the second time with their neighbours as repaired.

    >>> from dorost import fix
    >>> line = "با پذیرش باره نوشت روز سه شنبه سوم جولای، وزارت خارجه روسیه  نشریه دیپلمات در این "
    >>> fix(line, restore_spacing=False, join_broken_lines=False).startswith("نشریه دیپلمات در این باره")
    True
    """
    model = language_model()
    if model is None or not has_persian(text):
        return []
    if not MARKED_IN_TEXT.search(text):
        # Only a line that shows an extractor's mark is judged first, and the other lines only
        # where one of those was misordered (see below): a text without a mark has nothing to judge.
        return []
    lines = split_lines(text)
    # The lines that show a mark first: where none of them is a line to judge (a blank line of
    # spaces, a table's row, a line in Latin), there is nothing to judge either.
    marked = {i: read_candidate(i, lines[i]) for i, line in enumerate(lines) if MARKED.search(line.text)}
    if not any(c is not None and c.marked for c in marked.values()):
        return []
    candidates = [
        c
        for c in (marked[i] if i in marked else read_candidate(i, line) for i, line in enumerate(lines))
        if c is not None
    ]
    # The wrap width is measured as printed, spaces collapsed (runs printed apart carry extra spaces).
    width = wrap_width(lines)
    if not width:
        # Runs come out last-first where an extractor cut a page into wrapped lines. A document
        # that shows no wrapping (whole paragraphs, one per line, or a single line) is judged only
        # on lines that carry an extractor's mark: a double space between runs, a trailing space.
        candidates = [c for c in candidates if c.marked]
    if not candidates:
        return []
    tight = bool(width) and wraps_tightly(lines, width)

    def room(candidate: Candidate, before: str | None) -> int:
        """The room the line before leaves at the wrap (-1: none known). Only a line that goes on into
        this one leaves room that counts: not one that ends a sentence or a paragraph as last
        repaired (``before`` is None), nor a line that shows an extractor's marks and holds a
        sentence end: its last word as printed, or as repaired, may not be its last (a paragraph's
        last line printed last-first and put in a wrong order read as going on, and pushed the
        undamaged line after it into another). A line with marks and no sentence end goes on."""
        previous = next_body(lines, candidate.index, -1)
        if not tight or before is None or previous is None or not ends_at_wrap(lines, previous, width):
            return -1
        if previous in marked and any(PARAGRAPH_END.search(word) for word in lines[previous].content.split()):
            return -1
        return width - spaced_length(lines[previous].content) - 1

    def misplaced(candidate: Candidate) -> bool:
        """The line's first word as printed would have fitted on the line just before it, a line that
        holds no sentence end: in no order is that line a paragraph's last (a line misordered without a
        mark may hold its true last word, `… قرار دارد. در توضیح مختصر`). After a blank line it may be
        one: a paragraph that ends open (a passage cut short, a list's item), set apart by the blank
        line, was read as going on, and an undamaged news line after it judged misplaced and reordered
        (`ریشهٔ واژه اسکناس، … در زبان روسی به`, after `… نقش می\u200cبسته\u200cاست`; benchmarks/layout.py
        with a third of the paragraphs ending open, news seed 1. On the usual paragraphs, news seeds 1,
        3, 7, 11 and shippable 1 and 7, both gap styles: 2 of 5,712 misordered lines fewer restored)."""
        space = room(candidate, "")
        previous = next_body(lines, candidate.index, -1)
        return (
            space >= 0
            and len(candidate.words[0]) <= space
            and previous == candidate.index - 1
            and not any(PARAGRAPH_END.search(word) for word in lines[previous].content.split())
        )

    # A text wrapped by its characters ended a line with room for the next line's first word only
    # at a paragraph's end: the room is read up to the width itself, where that word is known: the
    # next line shows no mark and is not misplaced (a misordered line's first word as printed is
    # another run's). A paragraph's last line whose next word fits only in the last fifth was read as
    # going on, and an order that ends its sentence there lost to one that ends mid-sentence
    # (benchmarks/layout.py, damaged lines exact, random / pdftotext's gaps, seeds 1-14: news 2515 →
    # 2549 and 4280 → 4365, shippable 2086 → 2118 and 3320 → 3384; no undamaged line moved).
    full: frozenset[int] = frozenset()
    if tight:
        full = frozenset(range(len(lines))) - set(marked) - {c.index for c in candidates if misplaced(c)}
    # Marks most lines show are the document's style, not an extractor's slip.
    double = sum(1 for c in candidates if c.doubles) / len(candidates)
    trailing = sum(1 for c in candidates if c.trailing) / len(candidates)
    double_cost = DOUBLE_SPACE_COST if double <= _COMMON_MARK or len(candidates) < 4 else SINGLE_SPACE_COST
    trailing_bonus = _TRAILING_BONUS if trailing <= _COMMON_MARK or len(candidates) < 4 else 0.0
    # pdftotext prints one space after the run it prints first, two after every later run, and a
    # trailing space (see :func:`extractor_order`): a line with one border shows a trailing space
    # and no double space. Where the document shows such lines, and few lines with a double space
    # but no trailing space (stray spaces), its gaps follow that pattern, and a line whose gaps fit
    # it is likelier misordered along it than along borders that leave its gaps to chance. Gaps
    # that follow another pattern (two spaces at every border) are left to :func:`best_order`.
    trailed_lines = [c for c in candidates if c.trailing]
    double_only = sum(1 for c in candidates if not c.trailing and c.doubles)
    one_border = any(all(len(gap) < 2 for gap in c.spaced) for c in trailed_lines)
    patterned = one_border and double_only <= _PATTERN_STRAYS * len(trailed_lines)
    pattern_bonus = _PATTERN_BONUS if patterned else 0.0
    # A table's rows count in the document's style above, but are not judged.
    rows = table_rows(lines)
    candidates = [c for c in candidates if c.index not in rows]
    restored: dict[int, str] = {}
    decided: dict[int, tuple[str, float]] = {}
    # How the document spells the pairs a repair may split (see :class:`Spelling`), counted on first need.
    spelling = functools.cache(lambda: Spelling.of(text, model))

    # The document's pairs and what each line adds to them (with the words it meets on its
    # neighbours), counted on first need: only clearly marked lines hear them.
    document = functools.cache(lambda: Echo.of([[word for line in lines for word in line.text.split()]]))
    owns: dict[int, Echo] = {}

    def echo_of(candidate: Candidate) -> tuple[Echo, Echo]:
        if candidate.index not in owns:
            previous = next_body(lines, candidate.index, -1)
            following = next_body(lines, candidate.index, 1)
            head = lines[previous].text.split()[-2:] if previous is not None else []
            tail = lines[following].text.split()[:2] if following is not None else []
            owns[candidate.index] = Echo.of([[*head, *candidate.words, *tail]])
        return document(), owns[candidate.index]

    judged: dict[int, tuple[str | None, str | None, tuple[bool, bool]]] = {}
    # Each line's repair (or None) given its neighbours' words: a line meets the same neighbours
    # again when all lines are judged afresh (see below).
    verdicts: dict[tuple[int, str | None, str | None, tuple[bool, bool], bool], tuple[str, float] | None] = {}
    # Whether the document shows misordered runs (see _MARGIN_ONE_MARK_SHOWN): found between the
    # two rounds of judging.
    shown = False

    def clearly_marked(candidate: Candidate, weak: bool = False) -> bool:
        """A trailing space or two double spaces that count: the line is read the same in any document.
        With ``weak``, a double space after a full stop counts among the two (see ``showing``)."""
        doubles = candidate.doubles + (len(candidate.weak) if weak else 0)
        return (candidate.trailing and trailing_bonus > 0) or (double_cost < 0 and doubles > 1)

    def judge(candidate: Candidate, before: str | None, after: str | None, holding: tuple[bool, bool]) -> None:
        judged[candidate.index] = (before, after, holding)
        key = (candidate.index, before, after, holding, shown and not clearly_marked(candidate))
        if key not in verdicts:
            verdicts[key] = verdict(candidate, before, after, holding)
        repair = verdicts[key]
        if repair is not None:
            restored[candidate.index] = repair[0]
            decided[candidate.index] = repair
        else:
            restored.pop(candidate.index, None)
            decided.pop(candidate.index, None)

    def verdict(
        candidate: Candidate, before: str | None, after: str | None, holding: tuple[bool, bool]
    ) -> tuple[str, float] | None:
        closing = (
            after is None and closes_inside(candidate.words) and ends_in_any_order(lines, candidate.index, width, tight)
        )
        open_end = _OPEN_END_INSIDE if closing else OPEN_END
        # Marks count only where the document does not show them everywhere.
        doubles = candidate.doubles if double_cost < 0 else 0
        if closing and double_cost < 0:
            # Two spaces after a full stop are a typist's habit, but on a paragraph's last line that
            # ends open they stand where the run printed first ended (`repository (انبار) نشان
            # می\u200cدهد.  صفحه\u200cی اصلی`): they count as a mark (news and shippable seeds 7 and 1,
            # random gaps: paragraphs broken mid-sentence 10 → 9, 7 → 6, 8 → 8, 13 → 12).
            doubles += len(candidate.weak)
        trailed = candidate.trailing and trailing_bonus > 0
        marked = trailed or doubles > 0
        if trailed and doubles:
            margin = _MARGIN_TWO_MARKS
        elif trailed or doubles > 1:
            margin = _MARGIN
        else:
            margin = (_MARGIN_ONE_MARK_SHOWN if shown else _MARGIN_ONE_MARK) if doubles else _MARGIN_UNMARKED
        kept = MAX_CANDIDATES if marked else _MAX_CANDIDATES_UNMARKED
        # The document's own pairs judge a line an extractor marked clearly (a trailing space, two
        # double spaces); elsewhere a line with one double space or none is judged by the model alone.
        # Where the document shows misordered runs (see _MARGIN_ONE_MARK_SHOWN) but not pdftotext's
        # pattern, a line with one double space is read so too: there it is as likely misordered by
        # the same extractor, and the margins, not the reading, guard the lines that read well (news,
        # random gaps, damaged lines exact: seeds 1 to 6, 993 → 1013, every seed up). Under the pattern
        # every misordered line ends with a space, and a line without one is a stray: so read, an
        # undamaged line with a stray double space was swapped (news, pdftotext's gaps, seed 6).
        clear = trailed or doubles > 1 or (shown and doubles > 0 and not patterned)
        # The word trigrams read every line that shows a mark, and every line of a document that shows
        # misordered runs. Pruned of the triples seen once they read only the clearly marked ones: a
        # news line that read well, given one stray double space, was swapped at it (`پرواز می\u200cکند
        # و به …`, seed 7). With those triples kept (trigrams.bin version 3) no undamaged line moves on
        # news seeds 1, 3, 7, 11 and shippable 1, 3 (nor with a tenth of the undamaged lines given a
        # stray double space, news 1 and 7); damaged lines restored exactly, random / pdftotext's gaps,
        # 1106 → 1117 and 1742 → 1744 of 2835 on those seeds, broken mid-sentence 42 → 41 and 12 → 12.
        # Read on the unmarked lines of other documents too (most of them undamaged), they gained one
        # line more and the pipeline took 15 % more CPU on benchmarks/same_outputs.py's texts; read so,
        # the same CPU (the fix takes a tenth more on documents that show misordered runs).
        reading = clear or marked or shown
        space = room(candidate, before)
        echo = echo_of(candidate) if clear else None
        # A line an extractor did not mark clearly is not pulled into another order by the words
        # of a neighbour that shows marks and was not restored (see the neighbours in settle).
        holding = (False, False) if trailed or doubles > 1 else holding
        setting = Setting(model, before, after, double_cost, candidate.weak, echo, reading, holding, space, open_end)
        cuts, gain = best_order(candidate.words, candidate.gaps, setting, kept)
        if candidate.trailing and pattern_bonus:
            pattern, pattern_gain = extractor_order(candidate.words, candidate.gaps, setting)
            if candidate.spaced != candidate.gaps:
                # The pattern read on the gaps as printed: a double space beside a Latin word or
                # after a full stop is a border too, where the document shows pdftotext's pattern.
                raw, raw_gain = extractor_order(candidate.words, candidate.gaps, setting, candidate.spaced)
                if raw and raw_gain > pattern_gain:
                    pattern, pattern_gain = raw, raw_gain
            # Each gap, the trailing space included, is as the pattern has it (log 2 a gap likelier
            # than drawn at random).
            pattern_gain += pattern_bonus * (len(pattern) + 1)
            if pattern and pattern_gain > gain:
                cuts, gain = pattern, pattern_gain
        if trailed:
            gain += trailing_bonus
        at_the_mark = len(cuts) == 1 and len(candidate.gaps[cuts[0]]) >= 2
        if (
            doubles == 1
            and not trailed
            and not patterned
            and (shown or bool(trailed_lines))
            and at_the_mark
            and 0 < cuts[0] < len(candidate.gaps) - 1
        ):
            # (Under pdftotext's pattern every misordered line ends with a space: a double space on a
            # line without one is a stray, and a swap at it is no likelier than another order. News,
            # pdftotext's gaps, seed 4: `… گفته می\u200cشود که  برای درمان فشارخون به\u200cکار می\u200cرود.`
            # A swap that moves one word from one end of the line to the other is judged on that word's
            # few pairs: one seen once (`مفاهیم برایتان`) swapped an undamaged line at its stray mark,
            # `برایتان  مشکلی پیش بیایید. …` (shippable, seed 1); such swaps reading 10 to 12 better
            # restored 5 misordered lines of 7,844 on seeds 1-9, news and shippable.)
            # Only where the document shows an extractor's hand (a trailing space on a line, or
            # misordered lines restored): a text of stray double spaces alone is a typist's, and an
            # undamaged news line read 10.4 better swapped at its one (`غذاهای سرخ شده و پر چرب  باعث
            # می شود …`, benchmarks/layout.py, wrapped, news seed 1; no other figure moved on 14 runs).
            margin = _MARGIN_AT_THE_MARK

        def opening() -> bool:
            # A line before that shows marks may be misordered itself, and whether it goes on is then
            # read from its last word as repaired: it may end a paragraph that ends open, and this line
            # start the next. The order must read better in that reading too: a shippable paragraph's
            # last line without a full stop (`… حل نمی\u200cکند`, printed last-first) left room for `به`,
            # and the undamaged line after it, read as going on from `نمی\u200cکند` and spared the cost
            # of a first word that fits, read 11.2 better reordered; as a paragraph's start 2.0
            # (benchmarks/layout.py with a third of the paragraphs ending open, shippable seed 7).
            # After an unmarked line it is not asked: a misordered line's true first word is often no
            # sentence's start (`گذاشته\u200cاند تا …`, 8.8 better after `کتابخانه\u200cها`, -0.3 first).
            # On the usual benchmark (news seeds 1, 3, 7, 11, shippable 1, 3, 7, both gap styles) 3 of
            # 6,400 misordered lines are no longer restored and 5 no longer put in a wrong order: all 8
            # are left as printed.
            alone = order_gain(candidate.words, candidate.gaps, cuts, setting._replace(before=None, room=-1))
            alone -= order_gain(candidate.words, candidate.gaps, cuts, setting)
            return gain + min(alone, 0.0) >= _MARGIN_MISPLACED

        if (
            misplaced(candidate)
            and margin > _MARGIN_MISPLACED
            and (not MARKED.search(lines[candidate.index - 1].text) or opening())
        ):
            # The line cannot have been printed so: its first word would have fitted on the line before.
            margin = _MARGIN_MISPLACED
        if cuts and gain >= margin:
            return restored_line(candidate.words, candidate.printed, cuts, model, spelling()), gain
        return None

    # The lines that show an extractor's marks clearly (a trailing space, or two double spaces, one
    # after a full stop counted too): one not restored is likely misordered still, and its first and
    # last words as printed then stand where its later runs put them. Such a neighbour may hold a
    # line that reads well as printed, never pull it into another order: an undamaged news line with
    # one stray double space was swapped at it to meet `نقدی`, printed first on the misordered line
    # after it (`… یارانه  جدید نیستند؛ … امروز` | `نقدی اعلام کرده است.  حذف …`; benchmarks/layout.py,
    # news, seed 4). A neighbour with one double space is more often a typist's slip, its words as
    # written: held by them, a misordered line next to one was left (news, seed 6). (Holding the
    # clearly marked lines too, seeds 1-14: news +22 of 14,694 damaged lines, shippable -10 of 9,690:
    # not adopted.)
    showing = {c.index for c in candidates if clearly_marked(c, weak=True)}

    def unsure(index: int, step: int, word: str | None) -> bool:
        other = next_body(lines, index, step)
        return word is not None and other is not None and other in showing and other not in restored

    def settle(judging: list[Candidate]) -> None:
        # Each line is judged with its neighbours as last repaired, again while a neighbour's
        # repair changed the words next to it (a bounded number of rounds).
        for _round in range(_ROUNDS):
            changed = False
            for candidate in judging:
                before = neighbour_word(lines, restored, candidate.index, -1, width, full)
                after = neighbour_word(lines, restored, candidate.index, 1, width, full)
                context = (before, after, (unsure(candidate.index, -1, before), unsure(candidate.index, 1, after)))
                if judged.get(candidate.index) != context:
                    was = restored.get(candidate.index)
                    judge(candidate, *context)
                    changed = changed or restored.get(candidate.index) != was
            if not changed:
                break

    # In a wrapped document every line is a candidate, but a line without an extractor's mark is
    # rarely misordered: the unmarked lines are judged only where a marked line was found
    # misordered (this extractor misorders runs), all lines then afresh, as one document. Text
    # that shows no misordered run is spared judging every line (most of the whole pipeline's
    # time on a PDF's text).
    showing_marks = [c for c in candidates if c.marked or misplaced(c)]
    settle(showing_marks)
    twice_marked = {c.index for c in showing_marks if c.trailing and c.doubles}
    shown = sum(1 for index in decided if index in twice_marked) >= _SHOWN_LINES
    if decided and len(showing_marks) < len(candidates):
        restored.clear()
        decided.clear()
        judged.clear()
        settle(candidates)
    changes: list[Change] = []
    for candidate in candidates:
        if candidate.index in decided:
            new, gain = decided[candidate.index]
            changes.append(Change(candidate.start, candidate.end, new, min(0.95, 0.5 + gain / 40)))
    return changes
