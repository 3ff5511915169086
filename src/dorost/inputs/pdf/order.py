"""Visual to logical order with the Unicode bidi algorithm (UAX #9), glyph by glyph.

A PDF paints a Persian line left to right. Running the bidi algorithm over that visual string
(as if it were logical) reverses the right-to-left runs back and leaves Latin words and
numbers inside them in place: display order is an involution for the runs a line holds.

Three details make the result exact at glyph level:

- a glyph may carry several characters in *logical* order (a lam-alef ligature mapped to
  ``لا``, a Chromium ``/ActualText`` span, a letter with its harakat). Reversing the line would
  reverse them too; this is how pdftotext turns «علاقه» into «عالقه». So the text of a
  right-to-left glyph is reversed first, and comes back right when its run is reversed;
- the Rust implementation of python-bidi (``bidi.get_display``) keeps ZWNJ (U+200C, class BN)
  and does not mirror brackets; the pure-Python one (``bidi.algorithm``) drops ZWNJ (rule X9)
  and mirrors, so it is not used;
- whether bracket glyphs need mirroring (rule L4) depends on the producer: most map the
  painted glyph (the mirrored shape) to its own code point, some map it to the logical
  character. :func:`to_logical` scores both readings on a line and the document decides
  once (see :mod:`dorost.inputs.pdf`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from bidi import get_display

from dorost.inputs.pdf.glyphs import Glyph

#: Characters with the Bidi_Mirrored property that pair up (UnicodeData BidiMirroring.txt).
MIRRORED: dict[str, str] = {
    "(": ")",
    ")": "(",
    "[": "]",
    "]": "[",
    "{": "}",
    "}": "{",
    "<": ">",
    ">": "<",
    "\u00ab": "\u00bb",  # « »
    "\u00bb": "\u00ab",
    "\u2039": "\u203a",  # ‹ ›
    "\u203a": "\u2039",
}
#: A list label set as a left-to-right box ("1." painted with the period on the right), as
#: XeTeX's enumerate does in right-to-left text, comes out of the bidi algorithm as ".1" at
#: the start of the line; no Persian line starts that way, so it is put back.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LTR_LABEL = re.compile(r"^([.)])([0-9]{1,3})(?= )")
#: A list label as painted: "3." or ".3", "(۲)", "۱-", a bullet.
_LABEL = re.compile(
    "[.)(\\-]?[0-9\u06f0-\u06f9\u0660-\u0669]{1,3}[.)(\\-]|[.)(][0-9\u06f0-\u06f9\u0660-\u0669]{1,3}"
    "|[\u2022\u25cf\u25aa\u2013-]"
)
#: A reference's label in a left-to-right list of references ("[3] M. Alvarez-Manilla, …",
#: xrs_Vahid-Proposal.pdf): a label only there, as a right-to-left line may open on a citation its
#: sentence wrapped before (``[۲] یافت و …``).
_REFERENCE_LABEL = re.compile(r"\[[0-9]{1,3}\]")
#: The mirrored characters that are signs of order, not brackets: they say opposite things.
_RELATIONS = frozenset("<>")
OPENING = frozenset("([{\u00ab\u2039")
CLOSING = frozenset(")]}\u00bb\u203a")


@lru_cache(maxsize=4096)
def strong_direction(text: str) -> str | None:
    """``"R"``, ``"L"`` or ``None``: the bidi class of the first strong character of ``text``.

    European and Arabic-Indic digits count as right-to-left context, as rule N1 of UAX #9 does.

    >>> strong_direction("\\u06a9\\u062a\\u0627\\u0628"), strong_direction("PDF"), strong_direction("-")
    ('R', 'L', None)
    """
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return None


def _number(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("EN", "AN") for ch in text)


class BracketEvidence(NamedTuple):
    """How many of a line's brackets read as painted and how many mirrored (see :func:`to_logical`)."""

    as_painted: int = 0
    mirrored: int = 0


@dataclass(slots=True)
class LogicalLine:
    """A line prepared for the bidi algorithm.

    ``visual`` is the line in painted order with right-to-left glyph texts pre-reversed;
    ``rtl`` its base direction; ``brackets`` the offsets in ``visual`` of mirrored characters
    in right-to-left context; ``first_word_width`` the width of the line's first logical word
    (for paragraph detection); ``evidence`` its brackets' scores read as painted and mirrored.
    """

    visual: str = ""
    rtl: bool = True
    brackets: tuple[int, ...] = ()
    first_word_width: float = 0.0
    evidence: BracketEvidence = field(default_factory=BracketEvidence)
    label: bool = False
    text: str = field(default="")
    #: The length of a section number at the end of ``visual`` that opens the line, before the rest
    #: read in the direction of its words, ``rest_rtl`` (see
    #: :func:`dorost.inputs.pdf.layout.numbered_on_the_right`): the bidi algorithm would join a
    #: number to a Latin word painted beside it (UAX #9, W7).
    opening: int = 0
    rest_rtl: bool = False
    #: Whether the line is right to left and has a bracket in left-to-right context (see
    #: :func:`_turn_latin_pairs`).
    latin_brackets: bool = False

    def resolve(self, mirror: bool) -> str:
        """The logical text, mirroring brackets when the document needs it."""
        # A font's ToUnicode map can give lone surrogates, which no encoder (nor python-bidi) takes:
        # they become U+FFFD, one for one, so indexes stay (found by fuzz/fuzz_pdf.py).
        visual = _LONE_SURROGATE.sub("\ufffd", self.visual)
        if mirror and self.brackets:
            chars = list(visual)
            for index in self.brackets:
                chars[index] = MIRRORED.get(chars[index], chars[index])
            visual = "".join(chars)
        if self.opening:
            rest = visual[: -self.opening].rstrip()
            self.text = f"{visual[-self.opening :]} {get_display(rest, base_dir='R' if self.rest_rtl else 'L')}"
        elif strong_direction(visual) is None and not self.rtl:
            self.text = visual
        else:
            self.text = get_display(visual, base_dir="R" if self.rtl else "L")
        if self.latin_brackets:
            self.text = _turn_latin_pairs(self.text)
        if self.rtl:
            self.text = _LTR_LABEL.sub(r"\2\1", self.text)
        return self.text


#: A closing bracket, what a formula holds (no Arabic-script letter, no bracket), an opening one.
_TURNED_PAIR = re.compile(r"([)\]}])([^()\[\]{}\u0600-\u06ff]*)([(\[{])")


def _unpaired(text: str) -> set[int]:
    """The offsets of the brackets of ``text`` that pair with none: a closer with no opener before
    it, an opener never closed (one pass)."""
    opened: list[int] = []
    unpaired: set[int] = set()
    for index, ch in enumerate(text):
        if ch in OPENING:
            opened.append(index)
        elif ch in CLOSING:
            if opened and MIRRORED.get(text[opened[-1]]) == ch:
                opened.pop()
            else:
                unpaired.add(index)
    unpaired.update(opened)
    return unpaired


def _turn_latin_pairs(text: str) -> str:
    """``text`` with each pair of brackets around Latin that came out turned (``)SOR − like(``),
    both pairing with none, put back (``(SOR − like)``).

    The bidi algorithm reads the painted line as if it were logical, and a pair of brackets that
    opens a left-to-right run painted beside a Persian word takes that word for its context (UAX #9,
    N0): it resolves the pair right to left and mirrors it, though the pair holds Latin alone
    (``روش شبه SOR (SOR − like) فرض کنید``, ``n × p (n ≥ p) مثل``, basemax_proceedings_persian.pdf,
    XeLaTeX). The order it gives the runs is kept: two runs painted side by side may be one
    formula or two, which the painted line cannot tell.

    >>> _turn_latin_pairs("روش شبه SOR )SOR − like( فرض کنید")
    'روش شبه SOR (SOR − like) فرض کنید'
    >>> _turn_latin_pairs("f(a) + g(b) و )x")
    'f(a) + g(b) و )x'
    """
    unpaired = _unpaired(text)
    if not unpaired:
        return text
    chars = list(text)
    for match in _TURNED_PAIR.finditer(text):
        closer, opener = match.start(1), match.start(3)
        if (
            closer in unpaired
            and opener in unpaired
            and MIRRORED.get(text[opener]) == text[closer]
            and strong_direction(match.group(2)) == "L"
        ):
            chars[closer], chars[opener] = text[opener], text[closer]
    return "".join(chars)


#: A number of parts joined by full stops, in one script of digits: ``۲.۱۰``, ``1.2.3``.
_DOTTED = re.compile(
    r"(?<![\d.])(?:[0-9]+(?:\.[0-9]+)+|[\u06f0-\u06f9]+(?:\.[\u06f0-\u06f9]+)+|[\u0660-\u0669]+(?:\.[\u0660-\u0669]+)+)"
    r"(?!\.?\d)"
)


def reorder_tex_numbers(text: str) -> str:
    """``text``, a right-to-left line set by XeTeX, with each number of parts joined by full
    stops amid right-to-left words given its parts in the order they were written.

    XeTeX lays a right-to-left paragraph out by TeX's own rules, not the Unicode bidi algorithm:
    digits keep their order within a part, but a full stop parts a number (rule W4 of UAX #9
    would join it), so the parts are painted right to left: the proceedings' labels came out
    ``مثال ۱.۱``, ``گزاره ۲.۱``, ``مثال ۳.۱``, ``قضیه ۱.۲``, ``گزاره ۱۰.۲`` in that order
    (basemax_proceedings_persian.pdf: 170 labels), a version ``۶.۰`` came out ``۰.۶``
    (purepersian_persian.pdf and the XeLaTeX PDFs made from its text), and the sections 1.2 and
    1.3 of chapter 1 ``2.1`` and ``3.1`` (xrs_Navid-Khazaee.pdf). A number beside a left-to-right
    letter is in a formula or a Latin run, which XeTeX sets left to right: it is left alone.

    >>> reorder_tex_numbers("گزاره ۱۰.۲. فرض کنید x = 1.5 باشد")
    'گزاره ۲.۱۰. فرض کنید x = 1.5 باشد'
    """
    matches = list(_DOTTED.finditer(text))
    if not matches:
        return text
    # The direction of the nearest letter before and after each offset ("R" past the line's ends).
    before: list[str] = []
    seen = "R"
    for ch in text:
        before.append(seen)
        seen = strong_direction(ch) or seen
    after: list[str] = [""] * len(text)
    seen = "R"
    for index in range(len(text) - 1, -1, -1):
        after[index] = seen
        seen = strong_direction(text[index]) or seen
    pieces: list[str] = []
    last = 0
    for match in matches:
        if before[match.start()] == after[match.end() - 1] == "R":
            pieces.append(text[last : match.start()])
            pieces.append(".".join(reversed(match.group().split("."))))
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def base_direction(pieces: Sequence[Glyph], spaces: Sequence[bool], rtl_document: bool) -> bool:
    """Right-to-left unless the line has more left-to-right words than right-to-left ones, and,
    in a right-to-left document, ends on its right in a Persian word.

    Words, not characters, are counted: a URL inside a Persian sentence has more Latin letters
    than the sentence has Persian ones, but the sentence is still right to left. A line's first
    strong character sets its direction (UAX #9, P2): read right to left, that is its rightmost
    one; read left to right, its leftmost. With a Persian word at the right end and Latin at the
    left both readings keep that rule, so the document's direction decides, not the count:
    formulas and product names outnumber the words of the sentence that holds them
    (``مثال ۱.۱. فرض کنید G = Glp روی X = Ln×p …``, 68 lines of basemax_proceedings_persian.pdf, and
    ``برای Edge ،Opera ،Safari ،FireFox ،Chrome و IE موجود است.`` in fod_README-fa.pdf came out
    back to front). A word at the right end that holds Latin letters too (``print("سلام")``) is no sign.
    """
    rtl_words = ltr_words = 0
    direction: str | None = None
    for index, glyph in enumerate(pieces):
        if index and spaces[index]:
            rtl_words += direction == "R"
            ltr_words += direction == "L"
            direction = None
        if direction is None:
            direction = strong_direction(glyph.text)
    rtl_words += direction == "R"
    ltr_words += direction == "L"
    if rtl_words == ltr_words:
        return rtl_document
    return rtl_words > ltr_words or (rtl_document and _ends_right_to_left(pieces, spaces))


def _ends_right_to_left(pieces: Sequence[Glyph], spaces: Sequence[bool]) -> bool:
    """Whether the line's rightmost strong character is right to left, in a word with no
    left-to-right letter."""
    found = False
    for index in range(len(pieces) - 1, -1, -1):
        for ch in reversed(pieces[index].text):
            kind = unicodedata.bidirectional(ch)
            if kind == "L":
                return False
            found = found or kind in ("R", "AL")
        if found and spaces[index]:
            return True
    return found


def _contexts(pieces: Sequence[Glyph], rtl: bool) -> tuple[list[str | None], list[str | None]]:
    """For each glyph, the direction of the nearest glyph on its left and on its right that has
    one (a strong letter, or a number), found in passes over the line.

    In a left-to-right line, a number with left-to-right letters on both sides (the line's ends
    counting as such) is left to right: European digits after a left-to-right letter or the
    paragraph's start are (UAX #9, W7). The English references and the formulas set on lines of
    their own in basemax_proceedings_persian.pdf, a document whose brackets among Persian words
    are mirrored, came out ``39 )1939(``, ``u)۱( = ۰`` and ``x۱ + x۲ < ۱`` (143 lines). Elsewhere a
    number counts as right to left, as rule N1 of UAX #9 has it: in a right-to-left line the visual
    order cannot tell whether it follows the Latin letter on its left or precedes the Persian word
    on its right, and reading it so there put a formula's factors out of order (``(n + ۱) × (m + ۱)``).
    """
    letters = [strong_direction(glyph.text) for glyph in pieces]
    # A number counts as right to left (below: unless left-to-right letters are on both sides).
    own = [
        direction if direction is not None or not _number(glyph.text) else "R"
        for glyph, direction in zip(pieces, letters, strict=True)
    ]
    if not rtl:
        # The nearest letter on each side of each glyph, "L" beyond the line's ends.
        after: list[str] = ["L"] * len(pieces)
        seen = "L"
        for index in range(len(pieces) - 1, -1, -1):
            after[index] = seen
            seen = letters[index] or seen
        seen = "L"
        for index, direction in enumerate(letters):
            if direction is not None:
                seen = direction
            elif own[index] == "R" and seen == after[index] == "L":
                own[index] = "L"
    left: list[str | None] = []
    last: str | None = None
    for direction in own:
        left.append(last)
        last = direction if direction is not None else last
    right: list[str | None] = [None] * len(own)
    last = None
    for index in range(len(own) - 1, -1, -1):
        right[index] = last
        last = own[index] if own[index] is not None else last
    return left, right


def _partners(pieces: Sequence[Glyph]) -> dict[int, int]:
    """The brackets painted as a pair, opening on the left (``(`` … ``)``): each one's index to its
    partner's; a bracket without one is left out."""
    partners: dict[int, int] = {}
    opened: list[int] = []
    for index, glyph in enumerate(pieces):
        if glyph.text in OPENING:
            opened.append(index)
        elif glyph.text in CLOSING and opened and MIRRORED.get(pieces[opened[-1]].text) == glyph.text:
            start = opened.pop()
            partners[start], partners[index] = index, start
    return partners


def to_logical(
    pieces: Sequence[Glyph], spaces: Sequence[bool], rtl_document: bool, rtl: bool | None = None
) -> LogicalLine:
    """Prepare a visual line (glyphs sorted by ``x``; ``spaces[i]``: a space before glyph ``i``),
    read right to left or not as ``rtl`` says, or else as :func:`base_direction` finds."""
    if not pieces:
        return LogicalLine(rtl=rtl_document)
    if rtl is None:
        rtl = base_direction(pieces, spaces, rtl_document)
    out: list[str] = []
    brackets: list[int] = []
    latin_brackets = False
    as_painted = mirrored = 0
    length = 0
    word_start = pieces[0].x0
    first_width = -1.0
    last_x1 = pieces[0].x1
    lefts: list[str | None] = []
    rights: list[str | None] = []
    partners: dict[int, int] = {}
    if any(glyph.text in MIRRORED for glyph in pieces):
        lefts, rights = _contexts(pieces, rtl)
        partners = _partners(pieces)
    for index, glyph in enumerate(pieces):
        text = glyph.text
        if index and spaces[index]:
            out.append(" ")
            length += 1
            if first_width < 0:
                first_width = last_x1 - word_start
            word_start = glyph.x0
        if len(text) > 1 and strong_direction(text) == "R":
            text = text[::-1]  # comes back in logical order when the run is reversed
        elif text in MIRRORED:
            left, right = lefts[index], rights[index]
            if left != right and index in partners:
                # A bracket between a run and text of the other direction goes with its pair
                # (UAX #9, N0): the `)` of `… + abξJ(Y ; t−b)` before `.` and `:ب` closes the Latin run.
                left, right = lefts[partners[index]], rights[partners[index]]
            if left == right and left is not None:
                context = left
            elif text in _RELATIONS:
                # A sign between a formula's letters and a number or a word of the other direction
                # is left as painted: a mirrored `<` says the opposite (`an > ۰` came out `an < ۰`
                # in basemax_proceedings_persian.pdf once its line was read right to left).
                context = "L"
            else:
                context = "R" if rtl else "L"
            latin_brackets = latin_brackets or (context == "L" and rtl and text not in _RELATIONS)
            if context == "R":
                brackets.append(length)
                touches_left = index > 0 and not spaces[index] and pieces[index - 1].text.strip() != ""
                touches_right = (
                    index + 1 < len(pieces) and not spaces[index + 1] and pieces[index + 1].text.strip() != ""
                )
                if touches_right and not touches_left:  # visually left of a word: a logical closer
                    as_painted += text in CLOSING
                    mirrored += text in OPENING
                elif touches_left and not touches_right:  # visually right of a word: an opener
                    as_painted += text in OPENING
                    mirrored += text in CLOSING
        out.append(text)
        length += len(text)
        last_x1 = max(last_x1, glyph.x1)
    last_width = last_x1 - word_start
    if first_width < 0:
        first_width = last_width
    visual = "".join(out)
    words = visual.split()
    first_word = (words[-1] if rtl else words[0]) if words else ""
    return LogicalLine(
        visual=visual,
        label=bool(_LABEL.fullmatch(first_word) or (not rtl and _REFERENCE_LABEL.fullmatch(first_word)))
        and len(words) > 1,
        rtl=rtl,
        brackets=tuple(brackets),
        latin_brackets=latin_brackets,
        first_word_width=last_width if rtl else first_width,
        evidence=BracketEvidence(as_painted, mirrored),
        text="".join(out),
    )
