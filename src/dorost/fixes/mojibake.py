"""Repair Persian mojibake: UTF-8 bytes that were decoded as Windows-1256 or Windows-1252/Latin-1,
and Windows-1256 bytes (the old Persian code page) decoded as Windows-1252/Latin-1.

`سلام` in UTF-8 is the bytes ``d8 b3 d9 84 d8 a7 d9 85``. Read as Windows-1256 they show as
`ط³ظ„ط§ظ…`; read as Windows-1252 as `Ø³Ù„Ø§Ù…`. Both are undone by encoding back with the wrong
codec and decoding as UTF-8, but only where the result is plausible Persian, so that correct
text is never "repaired". In Windows-1256 `سلام` is ``d3 e1 c7 e3``, which Windows-1252 shows as
`ÓáÇã` (old web pages and databases declared Latin-1): undone by encoding back and decoding as
Windows-1256, only where most of the words that come out are words the language model knows.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from dorost.chars import ARABIC_LETTER_CLASS, KASHIDA
from dorost.config import Config
from dorost.edits import Change
from dorost.patterns import lazy_pattern

# --- UTF-8 misread as Windows-1256 or Windows-1252, once or more ----------------------------

# A run of non-ASCII characters, possibly with ASCII spaces/punctuation inside: mojibake keeps
# ASCII bytes as they were, so a damaged sentence is one run broken only by ASCII.
_GAP = r"[ \t.,:;!?()\-\"'0-9]"
_RUN = lazy_pattern(rf"[^\x00-\x7f](?:[^\x00-\x7f]|{_GAP}+(?=[^\x00-\x7f]))*")
_ARABIC_LETTER = lazy_pattern(f"[{ARABIC_LETTER_CLASS}]")
_ARABIC_LETTERS = lazy_pattern(f"[{ARABIC_LETTER_CLASS}]+")


def _arabic_letter_count(text: str) -> int:
    """How many Arabic-script letters ``text`` holds, counted by word (a Persian text's letters one by one are a list
    of most of its characters: 0.11 s for 1.2 million characters, 0.05 s by word).

    >>> _arabic_letter_count("سلام، hello دنیا")
    8
    """
    return sum(map(len, _ARABIC_LETTERS().findall(text)))


# UTF-8 lead bytes of the Arabic block (d8–db) as each wrong codec shows them.
_LEADS_1256 = "طظعغ"  # d8 d9 da db in Windows-1256
_LEADS_1252 = "ØÙÚÛ"  # d8 d9 da db in Windows-1252 / Latin-1
# The same leads misread twice as Windows-1252 open with Ã (c3: Ø Ù Ú Û encoded again); misread twice as
# Windows-1256 they open with ط (d8: ط ظ ع غ encoded again), already a lead of that code page.
_TWICE_LEADS = {"windows-1256": "", "sloppy-windows-1252": "Ã", "latin-1": "Ã"}
# A suspect run opens with one of these (the pipeline skips the fix on text without any).
SUSPECT_LEADS = _LEADS_1256 + _LEADS_1252 + "Ã"
_CODECS = (("windows-1256", _LEADS_1256), ("sloppy-windows-1252", _LEADS_1252), ("latin-1", _LEADS_1252))
# A UTF-8 continuation byte (80–bf) as each wrong codec shows it. Mojibake is a lead followed by a
# continuation, twice in a row at least: a cheap test that correct Persian almost never passes.
_SHOWN_1256 = bytes(range(0x80, 0xC0)).decode("windows-1256")
# As ftfy's "sloppy-windows-1252" decodes them: the five bytes Windows-1252 leaves undefined read as
# Latin-1 (without importing ftfy before it is needed).
_SHOWN_1252 = "".join(bytes([byte]).decode("windows-1252", errors="ignore") or chr(byte) for byte in range(0x80, 0xC0))
_CONTINUATIONS_1256 = re.escape(_SHOWN_1256)
_CONTINUATIONS_1252 = re.escape(_SHOWN_1252)
# What each wrong codec shows for a continuation byte, all three together. A run is undone only where
# its first layer decodes as UTF-8, and a run opens with a non-ASCII character: a byte of 80-ff, which
# UTF-8 accepts only before a continuation. So a run whose second character is none of these is
# never undone, and is not tried (Persian text that holds a suspect somewhere, غژغژ, has a run per
# line: 33,000 in 1.2 million characters, nearly all of them real Persian).
_CONTINUATION_CHARACTERS = frozenset(_SHOWN_1256 + bytes(range(0x80, 0xC0)).decode("latin-1") + _SHOWN_1252)
_CONTINUATION_CLASS = "".join(sorted(map(re.escape, _CONTINUATION_CHARACTERS)))
# The start of a run whose second character is one of those: a non-ASCII character after the text's start or an
# ASCII character that no run holds, and what a run holds between its characters (_GAP). A search for what opens
# with such an ASCII character skips ahead over Persian text; the text's first run is asked apart.
_OUTSIDE_A_RUN = "".join(f"\\x{code:02x}" for code in range(0x80) if not re.fullmatch(_GAP, chr(code)))
_TRIED_RUN = lazy_pattern(rf"[{_OUTSIDE_A_RUN}]{_GAP}*([^\x00-\x7f])[{_CONTINUATION_CLASS}]")
_FIRST_TRIED_RUN = lazy_pattern(rf"{_GAP}*([^\x00-\x7f])[{_CONTINUATION_CLASS}]")
# (Written to open with one character class, the leads of both codecs, so that a search skips
# ahead to a lead instead of trying both alternatives at every position.)
_SUSPECT = lazy_pattern(
    f"[{_LEADS_1256}{_LEADS_1252}Ã]"
    f"(?:(?<=[{_LEADS_1256}])[{_CONTINUATIONS_1256}][{_LEADS_1256}][{_CONTINUATIONS_1256}]"
    f"|(?<=[{_LEADS_1252}])[{_CONTINUATIONS_1252}][{_LEADS_1252}][{_CONTINUATIONS_1252}]"
    # misread twice: Ø Ù Ú Û (Ã˜ Ã™ Ãš Ã›) or ط ظ ع غ (ط· ط¸ ط¹ طº) encoded and misread again
    "|(?<=Ã)[˜™š›][Ââ]|(?<=ط)[·¸¹º][آâ])"
)

# Words and Persian punctuation, as they come out of an undone run.
_DECODED_WORD = lazy_pattern(f"[{ARABIC_LETTER_CLASS}\u200c]+")
_PERSIAN_PUNCTUATION = frozenset("\u060c\u061b\u061f")
# What an undone short run may not hold: anything but Arabic-script letters and marks, ZWNJ, Persian
# punctuation, guillemets and ASCII.
_NOT_PERSIAN = lazy_pattern("[^\u0600-\u06ff\u200c\u00ab\u00bb\x20-\x7e]")

#: Times a text may have been misread in a row and still be undone.
MAX_LAYERS = 3


def _known_words(run: str) -> bool:
    """True when every word of the run is a word the shipped model knows."""
    from dorost.language import shipped_model

    model = shipped_model()
    words = _DECODED_WORD().findall(run)
    return model is not None and bool(words) and all(model.is_word(word) for word in words)


def _undo(run: str) -> tuple[str, str, int] | None:
    """The run undone, with the codec it was misread as and how many times; None where it is not mojibake."""
    # Imported here, on the first suspect run: ftfy takes a fifth of a second to import, which
    # every batch worker would pay at start-up for text that almost never needs it.
    import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

    for codec, leads in _CODECS:
        lead_count = sum(run.count(lead) for lead in leads + _TWICE_LEADS.get(codec, ""))
        if lead_count < 2:
            continue
        # Text misread twice or three times (Ã˜Â³ for س) is undone layer by layer with the same codec,
        # down to the last layer that decodes and reads as Persian.
        current = run
        found: tuple[str, str, int] | None = None
        for layers in range(1, MAX_LAYERS + 1):
            try:
                current = current.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                break
            letters = len(_ARABIC_LETTER().findall(current))
            # Plausible: mostly Arabic-script letters now, and about half as many characters as before
            # (each Persian letter had become two characters).
            if letters >= 2 and letters * 2 >= len(current.replace(" ", "")) and len(current) < len(run):
                found = (current, codec, layers)
            elif found is not None:
                break
        if found is not None:
            if codec == "windows-1256" and _known_words(run):
                return None  # Persian words as they stand (غژغژ, a word list's line): not mojibake
            return found
    return None


def _undo_as(run: str, codec: str, layers: int) -> str | None:
    """The run decoded as the rest of its text was misread, where only Arabic-script letters and marks,
    ZWNJ and Persian punctuation come out (besides what ASCII kept)."""
    try:
        for _ in range(layers):
            run = run.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if _ARABIC_LETTER().search(run) is None and not _PERSIAN_PUNCTUATION.intersection(run):
        return None
    return None if _NOT_PERSIAN().search(run) else run


# --- Windows-1256 misread as Windows-1252 or Latin-1 ----------------------------------------

# Runs of words made only of what bytes 80-ff show as. A text is judged by its runs apart from Latin
# words (not the é of café) that hold the alef (c7: Ç) or yeh (ed: í) nearly every Persian sentence
# holds: where those decode to words the model knows, its other runs (ÊæÓØ for توسط, æ for و, ¡ for ،,
# APIåÇí) are decoded too.
# What Windows-1252 (its five unused bytes as Latin-1) and Latin-1 show for bytes 80-ff.
_HIGH_1252 = "\u0080-\u00ff" + re.escape(
    "".join(bytes([byte]).decode("windows-1252", errors="ignore") for byte in range(0x80, 0xA0))
)
_OLD_CODE_PAGE_LETTERS = "Çí"
_OLD_WORD = f"[{_HIGH_1252}]+"
_OLD_RUN = lazy_pattern(_OLD_WORD + r"(?:[ \t.,:;!?()\-\"'0-9]+" + _OLD_WORD + r")*")
# A suspect text holds one of these characters (the pipeline skips the fix on text without any).
SUSPECT_CHARACTERS = SUSPECT_LEADS + _OLD_CODE_PAGE_LETTERS
#: Share of the judged runs' words (two letters or more) that must be known words once decoded, and
#: how many such words at least.
OLD_CODE_PAGE_KNOWN = 0.6
OLD_CODE_PAGE_MIN_WORDS = 2


def _decode_old_code_page(run: str) -> str | None:
    """The run read as Windows-1256, or None where a Latin letter comes out (Windows-1256 keeps a few
    French letters, é à ç, where Persian text never has them)."""
    import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

    # The text was decoded as Windows-1252 (its five unused bytes kept as control characters) or as
    # Latin-1; each can be encoded back by one of the two.
    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            decoded = run.encode(codec).decode("windows-1256")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        arabic_letter = _ARABIC_LETTER()
        latin = any(ch.isalpha() and ch != KASHIDA and not arabic_letter.match(ch) for ch in decoded)
        return None if latin else decoded
    return None


def _apart(text: str, match: re.Match[str]) -> bool:
    """False for a run that may be part of a Latin word: a letter of it touches an ASCII letter (café;
    once the text is judged, such a run is decoded too where no Latin letter comes out: APIåÇ)."""
    start, end = match.span()
    if start and text[start - 1].isascii() and text[start - 1].isalpha() and match.group()[0].isalpha():
        return False
    return not (end < len(text) and text[end].isascii() and text[end].isalpha() and match.group()[-1].isalpha())


def _old_code_page_changes(text: str) -> list[Change]:
    """Every run of the text undone, where the text's judged runs show it is Windows-1256 misread."""
    from dorost.language import shipped_model

    model = shipped_model()
    if model is None:
        return []
    decoded = [(match, _decode_old_code_page(match.group())) for match in _OLD_RUN().finditer(text)]
    # The evidence: runs apart from Latin words (not the é of café), with an alef or a yeh.
    judged = [
        [word for word in _DECODED_WORD().findall(repaired) if len(word) > 1]
        for match, repaired in decoded
        if repaired is not None
        and _apart(text, match)
        and any(letter in match.group() for letter in _OLD_CODE_PAGE_LETTERS)
    ]
    words = [word for run in judged for word in run]
    known = sum(1 for word in words if model.is_word(word.strip("\u200c")))
    if len(words) < OLD_CODE_PAGE_MIN_WORDS or known < OLD_CODE_PAGE_KNOWN * len(words):
        return []
    return [
        Change(match.start(), match.end(), repaired, 0.95)
        for match, repaired in decoded
        if repaired is not None and (_DECODED_WORD().search(repaired) or _PERSIAN_PUNCTUATION.intersection(repaired))
    ]


def _runs_to_try(text: str) -> Iterator[re.Match[str]]:
    """The runs of ``text`` (as ``_RUN().finditer`` finds them) that :func:`_undo` is tried on: four characters or
    more, the second a continuation byte as a wrong codec shows it."""
    run = _RUN()
    first = _FIRST_TRIED_RUN().match(text)
    starts = [] if first is None else [first]
    for opening in itertools.chain(starts, _TRIED_RUN().finditer(text)):
        match = run.match(text, opening.start(1))
        if match is not None and len(match.group()) >= 4:
            yield match


def repair_mojibake(text: str, config: Config) -> list[Change]:
    """Undo Persian read in the wrong code page: UTF-8 as Windows-1256/1252 (`ط³ظ„ط§ظ…`), Windows-1256 as 1252 (`ÓáÇã`).

    >>> from dorost import fix
    >>> fix("ط³ظ„ط§ظ… ط¯ظ†غŒط§")
    'سلام دنیا'
    >>> fix("Ø³Ù„Ø§Ù…")
    'سلام'
    >>> fix("Ã˜Â³Ã™â€žÃ˜Â§Ã™â€¦")
    'سلام'
    >>> fix("طعم غذا ظریف است")
    'طعم غذا ظریف است'
    >>> fix("ÓáÇã ÏäíÇ¡ Çíä ßÊÇÈ ÇÓÊ.")
    'سلام دنیا، این کتاب است.'
    >>> fix("Ça va, Émile? Très bien.")
    'Ça va, Émile? Très bien.'
    """
    if text.isascii():
        return []
    changes: list[Change] = []
    # (A text that wakes the fix is read run by run only where one of its runs is undone: a long text of Persian
    # with a suspect somewhere, غژغژ, holds a run a line, and few of them are tried.)
    if _SUSPECT().search(text) and any(_undo(match.group()) is not None for match in _runs_to_try(text)):
        left: list[re.Match[str]] = []
        misread: tuple[str, int] | None = None
        for match in _RUN().finditer(text):
            run = match.group()
            undone = _undo(run) if len(run) >= 4 and run[1] in _CONTINUATION_CHARACTERS else None
            if undone is None:
                left.append(match)
                continue
            repaired, codec, layers = undone
            changes.append(Change(match.start(), match.end(), repaired, 0.97))
            misread = misread or (codec, layers)
        if misread is not None:
            # The text shows how it was misread: its runs too short to judge alone (a و or ، between
            # Latin words: RAID ظˆ LVM) are undone the same way where Persian letters come out.
            for match in left:
                short = _undo_as(match.group(), *misread)
                if short is not None:
                    changes.append(Change(match.start(), match.end(), short, 0.9))
            changes.sort(key=lambda change: change.start)
    if any(map(text.__contains__, _OLD_CODE_PAGE_LETTERS)) and _arabic_letter_count(text) * 4 < len(text):
        # Windows-1256 read as Windows-1252: a text with few Arabic-script letters of its own.
        taken = changes
        changes = changes + [
            change
            for change in _old_code_page_changes(text)
            if not any(other.start < change.end and change.start < other.end for other in taken)
        ]
        changes.sort(key=lambda change: change.start)
    return changes
