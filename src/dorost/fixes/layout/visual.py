"""Visual-order text: lines stored in display order (left to right), turned back into reading order.

Text copied from some PDFs holds every right-to-left line as it is drawn: the letters of each word
reversed (`مالس` for `سلام`), often as presentation-form glyphs, with Latin words and numbers in
their own, left-to-right, order. The fix decides per document (and per line, for mixed documents)
from symmetric kinds of evidence, so that a converted line never reads as visual again:

- presentation-form glyphs: a word drawn right to left in logical order starts with an initial or
  isolated form and ends with a final form; stored visually, it starts with the final form;
- the lexicon: how much more often each word occurs read backwards than as written;
- a sentence's final mark at the line's left end (drawn) or at its end (read). A line without
  Persian that shows one (`. whatis command`) follows its visual document.

The conversion is the part of the Unicode Bidirectional Algorithm (UAX #9) a plain line needs,
with a right-to-left paragraph level: resolve the weak and neutral types of the visual string
(rules W1–W7, N0–N2), assign levels (I1–I2), and reverse (L2). Because reordering a single
right-to-left line is its own inverse, running L2 on the visual string gives the logical one,
once the levels are known. The rules that look at a character's neighbour in reading order (W1,
W2) look on the side it is drawn on; and a reading is checked by drawing it again (the same rules
on the reading-order line): where it does not give the line back, a neutral run resolved with the
Latin text around it is tried at the right-to-left level. Some lines are drawn the same from two
readings (`RTT-0` from `0-RTT` and from `RTT-0`): the one that keeps the Latin run whole is taken.
Brackets (L4) are mirrored when the document stores their drawn shapes: decided once per
document, from which reading nests them properly.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, lru_cache, reduce
from itertools import chain, compress, filterfalse, repeat
from operator import add, not_

from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.layout._common import (
    EDGE_PUNCTUATION,
    Line,
    WordModel,
    base_letters,
    has_persian,
    language_model,
    scoring_form,
    split_lines,
)
from dorost.patterns import lazy_pattern

# Bidi_Mirroring_Glyph pairs (UnicodeData BidiMirroring.txt) that occur in Persian text.
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_OPENING = "([{<«‹"
_TOKEN = lazy_pattern(r"\S+")
# The Arabic presentation forms (A and B): the glyphs some PDFs store instead of letters.
_PRESENTATION = re.compile("[\ufb50-\ufefe]")
_PERSIAN_WORD = lazy_pattern("[\u0620-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefe]{2,}")
# Per-word evidence is clipped so that one frequent word cannot decide a line alone.
_WORD_CAP = 3.0
# A line or document converts only on clear evidence (in clipped log-count units).
_LINE_THRESHOLD = 3.0
_DOCUMENT_THRESHOLD = 6.0
# A sentence's final mark drawn at a line's left end (`.یزول`, `.)button[data-v-f3f3eg9]`) is where
# a right-to-left line drawn in display order shows it; in reading order it is at the line's end.
# Evidence of this many units either way (quotes and brackets may stand outside the mark; a mark
# touching a Latin letter or a digit, `.NET`, `XP.`, is no evidence).
_MARK_EVIDENCE = 1.5
_EDGE = "«»()\\[\\]\"'“”‘’"
_DRAWN_END = re.compile(f"^[{_EDGE}]*[.!?؟](?![A-Za-z0-9.])")
_READ_END = lazy_pattern(f"(?<![A-Za-z0-9.])[.!?؟][{_EDGE}]*$")


# --- UAX #9, the part a single right-to-left line needs -------------------------------------


@cache
def _bidi_class(ch: str) -> str:
    kind = unicodedata.bidirectional(ch) or "ON"
    if kind in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"):
        return "BN"  # X9: explicit formatting characters are removed (here: ignored)
    return kind


# Percent signs (ET): written after their number, in Persian and in Latin text.
_PERCENT = "%\u066a\u2030\u0609\u060a"


def _after_percent(line: str, types: list[str], i: int) -> bool:
    """The digits around ``line[i]`` are drawn just after a percent sign."""
    while i > 0 and types[i - 1] in ("EN", "AN"):
        i -= 1
    return i > 0 and line[i - 1] in _PERCENT


def _strong_to_the_right(types: list[str]) -> list[str]:
    """For each position, the nearest strong type (L, R, AL) to its right; ``R`` at the end (eos)."""
    right = ["R"] * len(types)
    nearest = "R"
    for i in range(len(types) - 1, -1, -1):
        right[i] = nearest
        if types[i] in ("R", "L", "AL"):
            nearest = types[i]
    return right


# Bidi classes of neutral characters (after X9, BN counts as one).
_NEUTRAL = frozenset(("WS", "ON", "CS", "ES", "ET", "S", "BN"))
# Bidi_Paired_Bracket pairs (UnicodeData BidiBrackets.txt) that occur in Persian text.
_PAIRED = {"(": ")", "[": "]", "{": "}"}
# N0 counts numbers as right-to-left text.
_STRONG_FOR_N0 = frozenset(("L", "R", "EN", "AN"))
# BD16: brackets are paired with a stack this deep at most.
_BRACKET_DEPTH = 63


def _bracket_pairs(line: str, types: list[str]) -> list[tuple[int, int]]:
    """BD16: the positions of the bracket pairs of ``line``, in the order they open."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(line):
        if types[i] != "ON":
            continue
        if ch in _PAIRED:
            if len(stack) == _BRACKET_DEPTH:
                break
            stack.append((_PAIRED[ch], i))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == ch:
                pairs.append((stack[depth][1], i))
                del stack[depth:]
                break
    return sorted(pairs)


def _resolve_bracket_pairs(line: str, types: list[str]) -> None:
    """N0: a bracket pair takes one direction, from what it encloses and what comes before it.

    A pair enclosing right-to-left text (numbers count as such) is R; one enclosing only Latin
    text is L when Latin text comes before it too (`shadow (5)`, `button[data-v-f3f3eg9]`, where
    W7 made the digits L), else R. Drawn, a pair inside a left-to-right run keeps its reading
    order, so it is found and resolved as in the logical line; a pair in right-to-left text is
    drawn closing bracket first (unless the glyphs are mirrored) and is not paired, like a pair
    N0 would make R anyway.
    """
    for opening, closing in _bracket_pairs(line, types):
        inside = {"L" if kind == "L" else "R" for kind in types[opening + 1 : closing] if kind in _STRONG_FOR_N0}
        if not inside:
            continue
        direction = "R"
        if "R" not in inside:
            before = next((kind for kind in reversed(types[:opening]) if kind in _STRONG_FOR_N0), "R")
            direction = "L" if before == "L" else "R"
        types[opening] = types[closing] = direction


def _resolve_levels(line: str, drawn: bool = True) -> list[int]:
    """Embedding levels of ``line`` in a right-to-left paragraph (level 1): 1 for RTL, 2 for LTR.

    With ``drawn``, the rules run on a visual string, where a right-to-left stretch reads
    backwards: where a rule looks at a character's neighbour in reading order, it looks at the side
    that neighbour is drawn on (W1, W2); the other rules give the same answer either way round.
    Without it, ``line`` is in reading order and the rules are the standard's.
    """
    types = [_bidi_class(ch) for ch in line]
    n = len(types)
    right = _strong_to_the_right(types)
    # W1: a non-spacing mark takes the type of the character before it in reading order (sos: R);
    # X9: so do explicit formatting characters and boundary neutrals (ZWNJ), which the rules do
    # not see. Drawn, the character before it is the letter touching it on its right when that is
    # a right-to-left letter (a word's last mark, `ًامتح`; a ZWNJ between ه and an LRM drawn after
    # it, `یراد\u200e\u200cهنازخ` for `خزانه\u200c\u200eداری`), else the one on its left (`API\u200c` for
    # `API\u200cها`).
    for i in range(n):
        if types[i] not in ("NSM", "BN"):
            continue
        j = i + 1
        while drawn and j < n and types[j] in ("NSM", "BN"):
            j += 1
        if drawn and j < n and types[j] in ("R", "AL"):
            types[i] = "R"
        else:
            types[i] = types[i - 1] if i else "R"
    # W2: a European number whose reading-order predecessor (nearest strong type) is an Arabic letter
    # is an Arabic number. Drawn, that predecessor is on the number's left when a Latin run goes on
    # through it (W7 then makes the number L), otherwise on its right: `٪۱۲ هراق` is `قاره ۱۲٪`,
    # and `و ۸۰٪` at a line's right end is `۸۰٪ و` at the start of the line (sos, no Arabic letter).
    # A percent sign drawn before the digits after a Latin run (`packet loss ٪۲ اب`) shows the
    # number belongs to the Persian text on its right (`با ۲٪ packet loss`): no number is written
    # after its percent sign. W3: then AL becomes R.
    last_strong = "R"
    for i in range(n):
        kind = types[i]
        if kind in ("R", "L", "AL"):
            last_strong = kind
        elif kind != "EN":
            continue
        elif not drawn:
            types[i] = "AN" if last_strong == "AL" else kind
        elif right[i] == "AL" and (last_strong != "L" or _after_percent(line, types, i)):
            types[i] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]
    # W4: a single separator between two numbers of the same type joins them.
    for i in range(1, n - 1):
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if (kind == "ES" and before == after == "EN") or (
            kind == "CS"
            and before == after
            and before
            in (
                "EN",
                "AN",
            )
        ):
            types[i] = before
    # W5: terminators (%, currency signs) next to European numbers become European numbers.
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    # W6: remaining separators and terminators are neutral. W7: EN after L (sos R) acts as L.
    last_strong = "R"
    for i in range(n):
        kind = types[i]
        if kind in ("ES", "ET", "CS"):
            types[i] = "ON"
        elif kind in ("R", "L"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"
    _resolve_bracket_pairs(line, types)
    # N1/N2: a run of neutrals between two strong types of the same direction takes it (numbers
    # count as R); otherwise it takes the embedding direction, R.
    strong = ["L" if kind == "L" else "R" if kind in ("R", "EN", "AN") else "" for kind in types]
    i = 0
    while i < n:
        if strong[i]:
            i += 1
            continue
        j = i
        while j < n and not strong[j]:
            j += 1
        before = strong[i - 1] if i > 0 else "R"
        after = strong[j] if j < n else "R"
        direction = before if before == after else "R"
        strong[i:j] = [direction] * (j - i)
        i = j
    # I1/I2 at paragraph level 1: R stays at 1; L and numbers go up to 2.
    levels = [1 if direction == "R" and types[k] not in ("EN", "AN") else 2 for k, direction in enumerate(strong)]
    # L1: segment separators and trailing whitespace go back to the paragraph level.
    for i in range(n - 1, -1, -1):
        if types[i] in ("WS", "S", "B") or line[i].isspace():
            levels[i] = 1
        else:
            break
    for i in range(n):
        if types[i] in ("S", "B"):
            levels[i] = 1
    return levels


# The readings of a line tried when its first does not draw as the line (see visual_to_logical).
_MAX_TRIALS = 8
_MAX_TRIAL_LINE = 2_000


def visual_to_logical(line: str, mirror: bool | str = False) -> str:
    """Reading order of one right-to-left line stored in visual order (UAX #9, L2 and L4).

    Persian letters are reversed; Latin words and numbers keep their own order; with ``mirror``
    (``True`` or the brackets to mirror), brackets in right-to-left text are swapped for their
    mirror images.

    >>> visual_to_logical("مالس") == "سلام"
    True
    >>> visual_to_logical("۱۴۰۳ لاس رد PDF لیاف") == "فایل PDF در سال ۱۴۰۳"
    True
    >>> visual_to_logical("(ایند) مالس", mirror=True) == "سلام (دنیا)"
    True
    """
    levels = _resolve_levels(line)
    logical = _reorder(line, levels, mirror)
    if _reorder(logical, _resolve_levels(logical, drawn=False), mirror) == line:
        return logical
    # The logical line found does not draw as ``line``: a neutral run resolved with the Latin text
    # on both sides of it belongs to the right-to-left text between them, drawn there by N0
    # (`)COF( )Coefficient of friction :یسیلگنا هب(`: the `) (` closes one pair and opens
    # the next, both R; drawn, the two look like one pair with a space inside). Each such run
    # moved down to level 1 in turn; the first reading that draws as the line is taken. Each trial
    # draws the whole line again, so a line tries a few runs at most, and one longer than any printed
    # line none (a line of half a megabyte with runs of Latin words took 21 s, quadratic in its runs).
    if len(line) > _MAX_TRIAL_LINE:
        return logical
    for start, end in _neutral_runs(line, levels)[:_MAX_TRIALS]:
        trial = levels[:start] + [1] * (end - start) + levels[end:]
        candidate = _reorder(line, trial, mirror)
        if _reorder(candidate, _resolve_levels(candidate, drawn=False), mirror) == line:
            return candidate
    return logical


def _neutral_runs(line: str, levels: list[int]) -> list[tuple[int, int]]:
    """The runs of neutral characters (spaces, punctuation, brackets) that stand at level 2."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        if levels[i] < 2 or _bidi_class(line[i]) not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and levels[j] >= 2 and _bidi_class(line[j]) in _NEUTRAL:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _reorder(line: str, levels: list[int], mirror: bool | str) -> str:
    """L4 and L2 for levels 1 and 2: mirror brackets at level 1, keep level-2 runs, reverse the rest.

    With two levels this is its own inverse: it draws a line in reading order and reads a drawn
    line back, given the levels in each order.
    """
    chars = list(line)
    if mirror:
        chosen = "".join(_MIRROR) if mirror is True else str(mirror)
        chars = [_MIRROR[ch] if level % 2 and ch in chosen else ch for ch, level in zip(chars, levels, strict=True)]
    # L2: reverse every run at level 2, then the whole line (every character is at level >= 1).
    i = 0
    n = len(chars)
    while i < n:
        if levels[i] < 2:
            i += 1
            continue
        j = i
        while j < n and levels[j] >= 2:
            j += 1
        chars[i:j] = chars[i:j][::-1]
        i = j
    return "".join(reversed(chars))


# --- detection --------------------------------------------------------------------------------


def _form(ch: str) -> str:
    """The positional form of a presentation-form glyph: initial, medial, final, isolated or ''."""
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith("<"):
        return decomposition[1 : decomposition.index(">")]
    return ""


def _glyph_evidence(token: str) -> float:
    """+1 when a word's glyph forms say it is stored visually, -1 when they say logically."""
    first, last = _form(token[0]), _form(token[-1])
    evidence = 0.0
    if first == "final" or last == "initial":
        evidence += 1.0
    if first == "initial" or last == "final":
        evidence -= 1.0
    return evidence


def _word_evidence(model: WordModel | None, token: str) -> float:
    """Clipped log-ratio of how often the token occurs read backwards to how often as written."""
    if model is None:
        return 0.0
    return _counted_evidence(model.word_count, token)


@cache
def _shipped_count() -> Callable[[str], int]:
    """The shipped model's ``word_count`` for scoring forms, read straight from its vocabulary.

    A scoring form is already a lookup form (no marks or kashida, Persian ی and ک), so the
    model's second, normalised lookup would find nothing new: one dict lookup answers.
    """
    model = language_model()
    from dorost.language import LanguageModel

    if not isinstance(model, LanguageModel):  # pragma: no cover - the shipped model is one
        return model.word_count if model is not None else lambda word: 0
    ids, counts = model.ids, model.counts

    def count(word: str) -> int:
        index = ids.get(word, 0)
        return counts[index] if index else 0

    return count


def _counted_evidence(count: Callable[[str], int], token: str) -> float:
    forward = scoring_form(token)
    if len(forward) < 2 or not has_persian(forward):
        return 0.0
    # Without presentation forms every step of scoring_form works letter by letter (and strips
    # both ends alike), so the reversed token's form is the form reversed.
    backward = forward[::-1] if _PRESENTATION.search(token) is None else scoring_form(token[::-1])
    if forward == backward:
        return 0.0
    ratio = math.log1p(count(backward)) - math.log1p(count(forward))
    return max(-_WORD_CAP, min(_WORD_CAP, ratio))


def _token_evidence(model: WordModel | None, token: str) -> tuple[float, float]:
    """A token's glyph-form evidence and its lexicon evidence."""
    if model is not None and model is language_model():
        return _shipped_token_evidence(token)
    return _compute_token_evidence(model, token)


def _compute_token_evidence(model: WordModel | None, token: str) -> tuple[float, float]:
    glyphs = _PRESENTATION.findall(token)
    return (_glyph_evidence("".join(glyphs)) if glyphs else 0.0), _word_evidence(model, token)


@lru_cache(maxsize=1 << 16)
def _shipped_token_evidence(token: str) -> tuple[float, float]:
    """With the shipped model, a token's evidence is remembered across documents (bounded)."""
    glyphs = _PRESENTATION.findall(token)
    return (_glyph_evidence("".join(glyphs)) if glyphs else 0.0), _shipped_word_evidence(token)


@lru_cache(maxsize=1 << 16)
def _shipped_word_evidence(token: str) -> float:
    """The lexicon evidence alone, for tokens without presentation forms (their glyph evidence is 0)."""
    return _counted_evidence(_shipped_count(), token) if language_model() is not None else 0.0


def _shipped_bound(token: str) -> float:
    """The most a token adds to any line's evidence with the shipped model: its positive parts.

    A token that opens with a sentence's final mark (`.یزول`) may open a line: the mark's
    evidence counts towards it.
    """
    mark = _MARK_EVIDENCE if _DRAWN_END.match(token) else 0.0
    if _PRESENTATION.search(token) is None:
        # A token read backwards that the lexicon does not know has no positive evidence (it
        # is mostly so): one lookup instead of the whole score.
        if not _shipped_count()(scoring_form(token)[::-1]):
            return mark
        return mark + max(_shipped_word_evidence(token), 0.0)
    glyphs, words = _shipped_token_evidence(token)
    return mark + max(glyphs, 0.0) + max(words, 0.0)


# _DRAWN_END after a line break: at the start of a token (but the first) of tokens joined by line
# breaks, which no token holds. The lookahead sees the line break after a token where _DRAWN_END
# sees the token's end, and neither is a Latin letter, a digit or a full stop.
_DRAWN_END_AFTER_BREAK = re.compile(f"\n[{_EDGE}]*[.!?؟](?![A-Za-z0-9.])")


def _drawn_end_opens_a_token(joined: str) -> bool:
    """True when _DRAWN_END matches some token of ``joined`` (tokens joined by line breaks).

    (Opening with the line break, the second pattern is tried at each line break only: a
    multi-line ``^`` is tried at every character.)
    """
    return _DRAWN_END.match(joined) is not None or _DRAWN_END_AFTER_BREAK.search(joined) is not None


@cache
def _shipped_ids() -> dict[str, int] | None:
    """The shipped model's vocabulary (a word's index; 0 or absent: never counted)."""
    from dorost.language import LanguageModel

    model = language_model()
    return model.ids if isinstance(model, LanguageModel) else None


@lru_cache(maxsize=1 << 16)
def _backward_bound(backward: str) -> float:
    """The positive part of the lexicon evidence of a token without presentation forms, given its
    scoring form read backwards (as :func:`_counted_evidence` reckons it)."""
    forward = backward[::-1]
    if len(forward) < 2 or not has_persian(forward) or forward == backward:
        return 0.0
    count = _shipped_count()
    return max(0.0, min(_WORD_CAP, math.log1p(count(backward)) - math.log1p(count(forward))))


def _remember_bounds(tokens: list[str], bounds: dict[str, float], no_bound: set[str] | None = None) -> None:
    """Each token's :func:`_shipped_bound` into ``bounds``, worked out for all of them at once, and
    the tokens whose bound is 0 into ``no_bound``.

    Without presentation forms or a drawn sentence mark, a token's bound is its scoring form's
    lexicon bound read backwards, 0 where the lexicon does not know that form (nearly always).
    The steps of :func:`scoring_form` run over the tokens joined by line breaks (which no token
    holds), and the joined forms are read backwards at once. (Each memory takes the tokens' final
    answers in one step: another thread never reads a 0 for a token that has more.)
    """
    joined = "\n".join(tokens)
    ids = _shipped_ids()
    if ids is None or _PRESENTATION.search(joined) is not None or _drawn_end_opens_a_token(joined):
        found = dict(zip(tokens, map(_shipped_bound, tokens), strict=True))
    else:
        # scoring_form's steps without presentation forms: edge punctuation stripped, then base letters.
        forms = base_letters("\n".join(map(str.strip, tokens, repeat(EDGE_PUNCTUATION))))
        backward = forms[::-1].split("\n")
        backward.reverse()
        found = dict.fromkeys(tokens, 0.0)
        for token, form in compress(zip(tokens, backward, strict=True), map(ids.get, backward)):
            found[token] = _backward_bound(form)
    bounds.update(found)
    if no_bound is not None:
        no_bound.update(compress(found, map(not_, found.values())))


# Each token's bound, remembered across documents; forgotten all at once past the limit.
_BOUNDS: dict[str, float] = {}
_BOUNDS_KEPT = 1 << 16  # about 120 bytes an entry: at most 8 MB
# The tokens of _BOUNDS whose bound is 0: nearly every token of reading-order text. _surely_logical
# asks this set first (one lookup a token) and sums the others' bounds only, instead of looking
# every token up twice (a 0 adds nothing to a sum: the sum is the same float).
_NO_BOUND: set[str] = set()


def _forget_bounds() -> None:
    """Empty the memory of token bounds."""
    _NO_BOUND.clear()
    _BOUNDS.clear()


def _surely_logical(text: str) -> bool:
    """True when no line of ``text`` can reach a threshold: its tokens' positive evidence is too little.

    A line's evidence is a sum over its tokens, and every line's tokens are tokens of the text
    (``str.split`` and ``\\S+`` split at the same characters), so no line, and no sum of judged
    lines, exceeds the sum of the positive parts over the whole text. Below the line threshold,
    the full reckoning would choose nothing. Reading-order text mostly has no token read better
    backwards, and then one remembered bound per token decides.
    """
    tokens = text.split()
    bounds = _BOUNDS
    # The tokens not known to have no bound: those with one, and those not seen before (nearly
    # every paragraph holds one), which are looked for next (a sum that stops at the first of them,
    # with an exception to catch, was the dearer way to find them), one lookup each in C.
    rest = list(filterfalse(_NO_BOUND.__contains__, tokens))
    unseen = list(filterfalse(bounds.__contains__, rest))
    if unseen:
        if len(bounds) > _BOUNDS_KEPT:
            _forget_bounds()
            unseen = tokens
        _remember_bounds(list(dict.fromkeys(unseen)), bounds, _NO_BOUND)
    try:
        bound = sum(map(bounds.__getitem__, rest))
    except KeyError:  # another thread cleared the memory meanwhile
        bound = sum(map(_shipped_bound, rest))
    # A float sum of n terms of at most 3 each is off by less than n² 2^-48; with no positive
    # part at all, every sum is exactly 0 or below.
    return bound == 0.0 or bound + len(tokens) ** 2 * 2.0**-48 < min(_LINE_THRESHOLD, _DOCUMENT_THRESHOLD)


def _able_to_turn(lines: list[Line], line_bounds: list[float], slack: float) -> list[Line]:
    """The lines whose evidence may choose them (all of them, where the text's may reach the
    document threshold): the others cannot reach the line threshold.

    A line's evidence is at most the sum of its tokens' bounds (see :func:`_surely_logical`), and
    the document's at most the sum of its lines'. Where that stays below the document threshold,
    only a line whose own bound reaches the line threshold can be chosen, and the others need no
    evidence worked out (most lines of a text with a word or two read better backwards). The lines'
    bounds and the slack of their sums are :func:`_line_bounds`'.
    """
    if sum(line_bounds) + slack >= _DOCUMENT_THRESHOLD:
        return lines
    return [line for line, bound in zip(lines, line_bounds, strict=True) if bound + slack >= _LINE_THRESHOLD]


def _line_bounds(lines: list[Line]) -> tuple[list[float], float]:
    """Each line's bound (its tokens' bounds summed), and the slack of float sums over the lines: of
    terms of at most 3 each (a line's evidence, at most 3 a token and 1.5 a line), as in _surely_logical."""
    words = [line.content.split() for line in lines]
    try:  # every token was remembered by _surely_logical just before: one lookup each, in C
        line_bounds = [sum(map(_BOUNDS.__getitem__, line)) for line in words]
    except KeyError:  # forgotten meanwhile (the memory's limit, another thread): the same values afresh
        line_bounds = [sum(map(_shipped_bound, line)) for line in words]
    return line_bounds, sum(map(len, words)) ** 2 * 2.0**-48


def _weigh(lines: list[Line], model: WordModel | None) -> tuple[list[float], list[bool], float]:
    """Each line's evidence, whether it counts (two Persian words), and the document's evidence."""
    contents = [line.content for line in lines]
    seen: dict[str, tuple[float, float]] = {}
    evidence = [line_evidence(content, model, seen) for content in contents]
    # One word is too little to judge a line by: a line needs two Persian words to count, alone
    # or towards the document. A one-word line (a paragraph's last, `.دنامب`) follows its document.
    judged = [_two_persian_words(content) for content in contents]
    return evidence, judged, sum(score for score, counts in zip(evidence, judged, strict=True) if counts)


def _mark_evidence(content: str) -> float:
    """Evidence from where the line's sentence-final mark stands: its left end (visual) or its end."""
    evidence = 0.0
    if _DRAWN_END.match(content):
        evidence += _MARK_EVIDENCE
    if _READ_END().search(content):
        evidence -= _MARK_EVIDENCE
    return evidence


def line_evidence(content: str, model: WordModel | None, seen: dict[str, tuple[float, float]] | None = None) -> float:
    """Evidence that a line is stored in visual order (positive) or reading order (negative).

    Symmetric by construction: the evidence of the converted line is the negative of this.
    ``seen`` remembers each token's evidence across the lines of one document (a document
    repeats its words: one lookup per word type, not per word).
    """
    if model is not None and model is language_model():
        # Each token's scores are remembered across documents and added in the same order as
        # below (a glyph score of 0.0 adds nothing), without a Python step per token.
        tokens = _TOKEN().findall(content)
        if _PRESENTATION.search(content) is None:
            return reduce(add, map(_shipped_word_evidence, tokens), 0.0) + _mark_evidence(content)
        return reduce(add, chain.from_iterable(map(_shipped_token_evidence, tokens)), 0.0) + _mark_evidence(content)
    if seen is None:
        seen = {}
    evidence = 0.0
    for token in _TOKEN().findall(content):
        scores = seen.get(token)
        if scores is None:
            scores = seen[token] = _token_evidence(model, token)
        glyphs, words = scores
        if glyphs:
            evidence += glyphs
        evidence += words
    return evidence + _mark_evidence(content)


def _two_persian_words(content: str) -> bool:
    """True when a line holds two Persian words at least (found without listing them all)."""
    first = _PERSIAN_WORD().search(content)
    return first is not None and _PERSIAN_WORD().search(content, first.end()) is not None


def _nesting(lines: Sequence[str], pair: str) -> int:
    """Brackets of one ``pair`` properly nested minus those closed before they open, over ``lines``."""
    score = 0
    for line in lines:
        depth: dict[str, int] = {}
        for ch in line:
            if ch not in pair:
                continue
            opening = ch if ch in _OPENING else _MIRROR[ch]
            if ch in _OPENING:
                depth[opening] = depth.get(opening, 0) + 1
            elif depth.get(opening, 0) > 0:
                depth[opening] -= 1
                score += 1
            else:
                score -= 1
    return score


# A line read one way or the other is judged by its words; where it has hardly any words a model
# knows (its spaces lost: تولیدعلمبهصورتکلسیک), the order of its letters still tells which way it runs.
# A chosen line whose letters read better as they stand by this many nats, and by this much a pair of
# letters, over at least this many pairs, stays (a visual line read backwards has the opposite sign:
# about half a nat a pair either way).
_LETTER_PAIRS_MIN = 20
_LETTER_ORDER_GAIN = 10.0
_LETTER_ORDER_MARGIN = 0.25
_LETTER_RUN = lazy_pattern("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]{2,}")


@cache
def _letter_pairs() -> tuple[dict[str, float], float]:
    """Log-probabilities of each letter after another in the shipped model's words, by their counts,
    and the score of a pair never seen."""
    from dorost.language import shipped_model

    model = shipped_model()
    pairs: dict[str, int] = {}
    if model is not None:
        for word, count in zip(model.words, model.counts, strict=False):
            letters = base_letters(word).replace("\u200c", "")
            for k in range(len(letters) - 1):
                pair = letters[k : k + 2]
                pairs[pair] = pairs.get(pair, 0) + count + 1
    total = sum(pairs.values()) + 1
    return {pair: math.log(count / total) for pair, count in pairs.items()}, math.log(0.5 / total)


def _letter_order_evidence(content: str) -> tuple[float, int]:
    """How much better the line's letters read in the order they stand than backwards, and over how many pairs."""
    scores, unseen = _letter_pairs()
    gain = 0.0
    count = 0
    for run in _LETTER_RUN().findall(base_letters(unicodedata.normalize("NFKC", content))):
        for k in range(len(run) - 1):
            pair = run[k : k + 2]
            gain += scores.get(pair, unseen) - scores.get(pair[::-1], unseen)
            count += 1
    return gain, count


def _forward_letters(content: str) -> float:
    """How much better the line's letters read in the order they stand than backwards, where that is so (else 0).

    A line of a document that reads forward is turned on its own words' evidence less this: the pieces of words
    torn apart by letter spacing (`رس یدگی بش ود و چ نین دادگ اهی`, a justified PDF line) read backwards as short
    words (`سر`, `شب`, `دو`), while the letters within them still run in reading order.
    """
    gain, _count = _letter_order_evidence(content)
    return max(gain, 0.0)


def _reads_forward(content: str) -> bool:
    """True when the line's letters, with too few known words to judge by, plainly run in reading order."""
    gain, count = _letter_order_evidence(content)
    return count >= _LETTER_PAIRS_MIN and gain >= max(_LETTER_ORDER_GAIN, _LETTER_ORDER_MARGIN * count)


def restore_visual_order(text: str, config: Config) -> list[Change]:
    """Turn lines stored in visual (display) order back into reading order.

    Detected per document from glyph forms and the lexicon; Latin words and numbers keep their
    order and brackets are mirrored when the document needs it (Unicode bidi algorithm, UAX #9).

    >>> from dorost import fix
    >>> fix("تسا بوخ رایسب باتک نیا") == "این کتاب بسیار خوب است"
    True
    >>> fix("این کتاب بسیار خوب است") == "این کتاب بسیار خوب است"
    True
    """
    if not has_persian(text):
        return []
    model = language_model()
    if model is not None and _surely_logical(text):
        return []
    # Lines without Persian follow a visual document when they show a sentence's end drawn at
    # their left (`. whatis command`, `.) gdm3`: the last words of a Persian sentence, drawn right
    # to left around a Latin run); the rest read the same either way.
    lines = [line for line in split_lines(text) if has_persian(line.text) or _DRAWN_END.match(line.content)]
    able, weighed, slack = lines, lines, 0.0
    if model is not None:
        line_bounds, slack = _line_bounds(lines)
        weighed = able = _able_to_turn(lines, line_bounds, slack)
        if able is lines and len(lines) > 1:
            # Where the text's bound may reach the document threshold (a long text mostly does), the
            # lines with some positive bound are weighed first: every other line's evidence is 0 or
            # below, so it can only lower the document's, and no such line reaches the line threshold.
            # Unless theirs reaches the document threshold, they are all that can be chosen.
            positive = [line for line, bound in zip(lines, line_bounds, strict=True) if bound > 0]
            if len(positive) < len(lines):
                weighed = positive
    evidence, judged, document = _weigh(weighed, model)
    if weighed is not able and document + slack >= _DOCUMENT_THRESHOLD:
        weighed = able
        evidence, judged, document = _weigh(able, model)
    chosen: list[Line] = []
    for line, score, counts in zip(weighed, evidence, judged, strict=True):
        if document >= _DOCUMENT_THRESHOLD:
            chosen_by_words = score >= 0 or (counts and score >= _LINE_THRESHOLD)
        else:
            # (The letters are read only for a line its words would turn: a gain can only hold it back.)
            chosen_by_words = (
                counts and score >= _LINE_THRESHOLD and score - _forward_letters(line.content) >= _LINE_THRESHOLD
            )
        if chosen_by_words and not _reads_forward(line.content):
            chosen.append(line)
    if not chosen:
        return []
    # L4, decided per document and per bracket pair: mirror when that nests the pairs better.
    plain = [visual_to_logical(line.content) for line in chosen]
    mirrored = [visual_to_logical(line.content, mirror=True) for line in chosen]
    pairs = ("()", "[]", "{}", "<>", "«»", "‹›")
    mirror = "".join(pair for pair in pairs if _nesting(mirrored, pair) > max(0, _nesting(plain, pair)))
    converted = [visual_to_logical(line.content, mirror=mirror) for line in chosen] if mirror else plain
    changes: list[Change] = []
    for line, logical in zip(chosen, converted, strict=True):
        offset = line.start + (len(line.text) - len(line.text.lstrip()))
        changes.append(Change(offset, offset + len(line.content), logical, 0.9))
    return changes
