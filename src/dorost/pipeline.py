"""The pipeline: every fix, in order, in one place.

Order matters and is chosen so that each fix sees what it needs:

1. encoding and markup first (entities, mojibake), since every later fix reads letters;
2. layout and reading order next, while line breaks, blank lines and runs of spaces are still
   as the extractor left them (they are the evidence), and before presentation forms are
   expanded (a lam-alef glyph must be reversed as one unit);
3. letter forms, then invisible characters and digits;
4. separators last: ZWNJ, spacing, punctuation, whitespace.

The pipeline repeats the whole list until nothing changes, at most ``config.max_rounds`` times.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import NamedTuple

from dorost.chars import ALL_DIGITS, DIACRITICS, KASHIDA, ZWNJ
from dorost.code import CodeShield
from dorost.config import DEFAULT_CONFIG, Config
from dorost.edits import Alignment, Change, Edit, Result, apply_changes
from dorost.fixes import Fix
from dorost.fixes.digits import unify_digits
from dorost.fixes.entities import decode_html_entities
from dorost.fixes.invisible import INVISIBLE_JUNK, remove_invisible_junk, tidy_zwnj
from dorost.fixes.lam_alef import ALEFS, restore_lam_alef
from dorost.fixes.layout import (
    LRE,
    join_broken_lines,
    remove_page_furniture,
    reorder_reversed_runs,
    restore_visual_order,
    unwrap_embedded_runs,
)
from dorost.fixes.letters import (
    ARABIC_VARIANTS,
    PRESENTATION_FORMS,
    expand_presentation_forms,
    remove_diacritics,
    remove_kashida,
    unify_arabic_letters,
)
from dorost.fixes.lost_alef import LAM, restore_lost_alef
from dorost.fixes.marks import MARKS, restore_mark_order
from dorost.fixes.mojibake import SUSPECT_CHARACTERS, repair_mojibake
from dorost.fixes.punctuation import fix_punctuation
from dorost.fixes.spacing import restore_spacing
from dorost.fixes.whitespace import normalize_whitespace
from dorost.memory import collector_tuned

# What a fix needs to find anything, as its first test says (most text holds none of these, and
# the pipeline then skips the fix without calling it). Page furniture and broken lines are lines.
_LINE_BREAK = frozenset("\n")

FIXES: tuple[Fix, ...] = (
    Fix("decode_html_entities", "encoding", decode_html_entities, needs=frozenset("&")),
    Fix("repair_mojibake", "encoding", repair_mojibake, needs=frozenset(SUSPECT_CHARACTERS)),
    Fix("unwrap_embedded_runs", "layout", unwrap_embedded_runs, needs=frozenset(LRE)),
    Fix("restore_visual_order", "layout", restore_visual_order),
    Fix("remove_page_furniture", "layout", remove_page_furniture, needs=_LINE_BREAK),
    Fix("reorder_reversed_runs", "layout", reorder_reversed_runs),
    Fix("join_broken_lines", "layout", join_broken_lines, needs=_LINE_BREAK),
    Fix("remove_invisible_junk", "letters", remove_invisible_junk, needs=frozenset(INVISIBLE_JUNK)),
    Fix("expand_presentation_forms", "letters", expand_presentation_forms, needs=PRESENTATION_FORMS),
    Fix("unify_arabic_letters", "letters", unify_arabic_letters, needs=frozenset(ARABIC_VARIANTS)),
    Fix("remove_kashida", "letters", remove_kashida, needs=frozenset(KASHIDA)),
    Fix("restore_mark_order", "letters", restore_mark_order, needs=frozenset(MARKS)),
    Fix("restore_lam_alef", "letters", restore_lam_alef, needs=ALEFS),
    Fix("restore_lost_alef", "letters", restore_lost_alef, needs=LAM),
    Fix("unify_digits", "letters", unify_digits, needs=frozenset(ALL_DIGITS)),
    Fix("remove_diacritics", "letters", remove_diacritics, needs=frozenset(DIACRITICS)),
    Fix("tidy_zwnj", "separators", tidy_zwnj, needs=frozenset(ZWNJ)),
    Fix("restore_spacing", "separators", restore_spacing),
    Fix("fix_punctuation", "separators", fix_punctuation),
    Fix("normalize_whitespace", "separators", normalize_whitespace),
)

FIXES_BY_NAME: dict[str, Fix] = {fix.name: fix for fix in FIXES}


def family_of_fixes(name: str) -> str | None:
    """What a family's name given where a fix's is asked for (`--skip layout`) names: a hint for the message that
    refuses it, or None for a name that is no family.

    >>> family_of_fixes("encoding")
    'encoding is a family of fixes, not a fix; its fixes are decode_html_entities,repair_mojibake'
    """
    members = [fix.name for fix in FIXES if fix.family == name]
    if not members:
        return None
    return f"{name} is a family of fixes, not a fix; its fixes are {','.join(members)}"


class FixError(RuntimeError):
    """A fix broke its contract (overlapping or out-of-range changes)."""


def _checked(fix: Fix, text: str, changes: Sequence[Change]) -> list[Change]:
    """Drop no-op changes and verify order and bounds, so a faulty fix cannot corrupt text."""
    kept: list[Change] = []
    last_end = 0
    last_was_insertion = False
    for change in changes:
        insertion = change.start == change.end
        # Two insertions at one point would be one edit told twice: a fix writes them as one.
        twice = insertion and last_was_insertion and change.start == last_end
        if not 0 <= change.start <= change.end <= len(text) or change.start < last_end or twice:
            raise FixError(f"{fix.name} proposed an invalid change at {change.start}-{change.end}")
        last_was_insertion = insertion
        if text[change.start : change.end] != change.after:
            kept.append(change)
        last_end = change.end
    return kept


def _character_class(chars: frozenset[str]) -> str:
    """A regular-expression class of ``chars``, consecutive code points written as ranges."""
    points = sorted(map(ord, chars))
    parts: list[str] = []
    start = 0
    for i in range(1, len(points) + 1):
        if i == len(points) or points[i] != points[i - 1] + 1:
            first, last = re.escape(chr(points[start])), re.escape(chr(points[i - 1]))
            parts.append(first if start == i - 1 else f"{first}-{last}")
            start = i
    return "[" + "".join(parts) + "]"


class _Step(NamedTuple):
    """An enabled fix (``place``: its index in the plan), its function (read once per plan, not at
    each step), and what it needs: the few characters asked of the text one by one (``few``), or
    the many found by the plan's pattern (``many``); both ``None`` for a fix that may act on any text."""

    place: int
    fix: Fix
    function: Callable[[str, Config], list[Change]]
    few: tuple[str, ...] | None
    many: frozenset[str] | None


class _Plan(NamedTuple):
    """The enabled fixes' steps, in order, and one pattern for every character of their ``many``."""

    steps: list[_Step]
    needed: re.Pattern[str] | None

    @property
    def active(self) -> list[Fix]:
        return [step.fix for step in self.steps]


# A fix that needs at most this many characters asks the text for each (``ch in text``, in C);
# the other needs are found together by one pattern. Most Persian text holds alef, lam and ZWNJ:
# found by the pattern, they were most of its matches (31 a paragraph), each a string in a list.
_FEW = 4
# So does a fix that needs a letter of the Persian alphabet, whatever else it needs: nearly every
# text holds one, and answers at its first. (repair_mojibake's ع ط غ ظ, which UTF-8 read as cp1256
# is full of, were the pattern's commonest matches left: without them, what the plan asks of 0.5 MB
# of paragraphs takes 9.9 ms, not 11.7; of text wrapped at 70, 3.4, not 5.3.)
_LETTERS = frozenset("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")


# The plans of the last few (config, fixes) pairs. A corpus run passes the same two objects for
# every document, and a caller of ``dorost.fix(text)`` an equal new Config each time: building the
# plan (twenty switches, one character class of a few thousand code points) costs about a
# millisecond, more than a short document's whole run. Configs are keyed by value, fixes by identity.
_PLANS: dict[tuple[Config, int], tuple[Sequence[Fix], _Plan]] = {}


def _new_plan(config: Config, fixes: Sequence[Fix]) -> _Plan:
    steps: list[_Step] = []
    for fix in fixes:
        if not config.enabled(fix.name):
            continue
        if fix.needs is not None and (len(fix.needs) <= _FEW or not fix.needs.isdisjoint(_LETTERS)):
            # (Letters first, then the highest code point first: alef, in nearly every text, before
            # آ أ إ, in few.)
            few = tuple(sorted(fix.needs, key=lambda char: (char not in _LETTERS, -ord(char))))
            steps.append(_Step(len(steps), fix, fix.function, few, None))
        else:
            steps.append(_Step(len(steps), fix, fix.function, None, fix.needs))
    many = [step.many for step in steps if step.many is not None]
    return _Plan(steps, re.compile(_character_class(frozenset().union(*many))) if many else None)


# The last plan asked for, by the identity of its config and fixes: a corpus run asks with the same
# two objects every time, and hashing a Config (twenty-three fields) costs more than the lookup.
_LAST_PLAN: tuple[Config, Sequence[Fix], _Plan] | None = None


def _plan(config: Config, fixes: Sequence[Fix]) -> _Plan:
    global _LAST_PLAN
    last = _LAST_PLAN
    if last is not None and last[0] is config and last[1] is fixes:
        return last[2]
    if not isinstance(fixes, tuple):  # a list may change between calls: nothing to remember
        return _new_plan(config, fixes)
    key = (config, id(fixes))
    found = _PLANS.get(key)
    if found is not None and found[0] is fixes:
        plan = found[1]
    else:
        plan = _new_plan(config, fixes)
        if len(_PLANS) >= 64:
            _PLANS.clear()
        _PLANS[key] = (fixes, plan)
    _LAST_PLAN = (config, fixes, plan)
    return plan


def run(
    text: str, config: Config | None = None, fixes: Sequence[Fix] = FIXES, keep: Sequence[tuple[int, int]] = ()
) -> Result:
    """Run the enabled fixes over ``text`` to a fixed point and record every edit.

    No fix reads or touches code: Markdown's fenced blocks and backtick spans, and the spans in
    ``keep`` (a front end's code: a web page's ``<code>`` and ``<pre><code>``).
    """
    edits: list[Edit] = []
    with _collector_for(text):
        restored = _fixed_point(text, config or DEFAULT_CONFIG, fixes, keep, edits, {})
    return Result(text=restored, original=text, edits=tuple(edits))


def run_counted(
    text: str, config: Config | None = None, fixes: Sequence[Fix] = FIXES, keep: Sequence[tuple[int, int]] = ()
) -> tuple[str, dict[str, int]]:
    """:func:`run`'s text and its number of edits per fix (``Result.counts``), without the edits.

    A corpus run that keeps only the counts needs neither the edits nor where each falls in the
    input (on 0.5 MB of text wrapped as a PDF's, 3,700 edits, the lines joined).

    >>> text = "اين  كتاب"
    >>> run_counted(text) == (run(text).text, run(text).counts())
    True
    """
    counts: dict[str, int] = {}
    with _collector_for(text):
        return _fixed_point(text, config or DEFAULT_CONFIG, fixes, keep, None, counts), counts


# A text this long (about 120 KB) is restored with the cyclic collector tuned (``memory.collector_tuned``), as the CLI
# and batch runs restore theirs: its run alone fills the collector's young generation many times over, and with
# Python's default thresholds every full collection walks the fixes' memories and every edit recorded so far. A
# single text of 0.5 MB of paragraphs: 27 ms of collection in 101 collections, 10 ms in 2; of 2 MB: 218 ms in 647,
# 51 ms in 12. A shorter text is left alone: a corpus of short documents collects between them as before.
_TUNED_FROM = 1 << 16


def _collector_for(text: str) -> AbstractContextManager[None]:
    """The cyclic collector tuned for a text of :data:`_TUNED_FROM` characters or more; as it is for a shorter one."""
    return collector_tuned() if len(text) >= _TUNED_FROM else nullcontext()


def _fixed_point(
    text: str,
    config: Config,
    fixes: Sequence[Fix],
    keep: Sequence[tuple[int, int]],
    edits: list[Edit] | None,
    counts: dict[str, int],
) -> str:
    """The restored text; the edits counted per fix in ``counts``, and appended to ``edits`` unless it is ``None``."""
    alignment: Alignment | None = None  # made at the first change: most texts need none
    step = 0
    plan = _plan(config, fixes)
    needed = plan.needed
    # A fix is a pure function of (text, config): one that found nothing in this very text (no fix
    # has changed it since) would find nothing again, so the next round skips it.
    found_nothing_at = [-1] * len(plan.steps)
    # The characters of the text some fix needs (found once per text, or asked one by one where a
    # fix needs a few): a fix that needs none of those present would find nothing, and is skipped
    # like one that has found nothing. After a change, those it put in are added, and those it took
    # out stay: a fix then called for a character no longer there finds nothing, as it would have
    # been skipped (a change seldom takes out the last of one), and the text is not read again.
    # (Where code is shielded, a change may show or hide code as the fixes see it: read again.)
    present: set[str] | None = None
    # Code (Markdown's, or a front end's ``keep``) is neither read nor touched by any fix.
    shield = CodeShield.of(text, keep)
    view = text if shield is None else shield.view(text)
    for _round in range(config.max_rounds):
        changed = False
        for index, fix, function, chars, needs in plan.steps:
            if found_nothing_at[index] == step:
                continue
            if chars is not None:
                # (A loop of ``in`` tests: calling ``view.__contains__`` through map costs more.)
                for char in chars:
                    if char in view:
                        break
                else:
                    found_nothing_at[index] = step
                    continue
            elif needs is not None and needed is not None:
                if present is None:
                    present = set(needed.findall(view))
                if needs.isdisjoint(present):
                    found_nothing_at[index] = step
                    continue
            proposed = function(view, config)
            changes = _checked(fix, text, proposed) if proposed else proposed
            if shield is not None and changes:
                changes = [change for change in changes if shield.allows(change, text)]
            if not changes:
                found_nothing_at[index] = step
                continue
            counts[fix.name] = counts.get(fix.name, 0) + len(changes)
            if edits is not None:
                if alignment is None:
                    alignment = Alignment()
                spans = alignment.update(changes)
                for change, (start, end) in zip(changes, spans, strict=True):
                    edits.append(
                        Edit(
                            fix=fix.name,
                            start=start,
                            end=end,
                            before=text[change.start : change.end],
                            after=change.after,
                            confidence=change.confidence,
                            step=step,
                            at=change.start,
                        )
                    )
            text = apply_changes(text, changes)
            if shield is None:
                view = text
                if present is not None and needed is not None:
                    present.update(needed.findall("".join([change.after for change in changes])))
            else:
                shield.follow(changes, text)
                view = shield.view(text)
                present = None
            step += 1
            changed = True
        if not changed:
            break
    return text
