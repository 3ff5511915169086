"""Repair Persian mojibake: UTF-8 bytes that were decoded as Windows-1256 or Windows-1252/Latin-1.

`سلام` in UTF-8 is the bytes ``d8 b3 d9 84 d8 a7 d9 85``. Read as Windows-1256 they show as
`ط³ظ„ط§ظ…`; read as Windows-1252 as `Ø³Ù„Ø§Ù…`. Both are undone by encoding back with the wrong
codec and decoding as UTF-8, but only where the result is plausible Persian, so that correct
text is never "repaired".
"""

from __future__ import annotations

import re

from dorost.chars import ARABIC_LETTER_CLASS
from dorost.config import Config
from dorost.edits import Change

# A run of non-ASCII characters, possibly with ASCII spaces/punctuation inside: mojibake keeps
# ASCII bytes as they were, so a damaged sentence is one run broken only by ASCII.
_RUN = re.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|[ \t.,:;!?()\-\"'0-9]+(?=[^\x00-\x7f]))*")
_ARABIC_LETTER = re.compile(f"[{ARABIC_LETTER_CLASS}]")

# UTF-8 lead bytes of the Arabic block (d8–db) as each wrong codec shows them.
_LEADS_1256 = "طظعغ"  # d8 d9 da db in Windows-1256
_LEADS_1252 = "ØÙÚÛ"  # d8 d9 da db in Windows-1252 / Latin-1
# A suspect run opens with one of these (the pipeline skips the fix on text without any).
SUSPECT_LEADS = _LEADS_1256 + _LEADS_1252
_CODECS = (("windows-1256", _LEADS_1256), ("sloppy-windows-1252", _LEADS_1252), ("latin-1", _LEADS_1252))
# A UTF-8 continuation byte (80–bf) as each wrong codec shows it. Mojibake is a lead followed by a
# continuation, twice in a row at least: a cheap test that correct Persian almost never passes.
_CONTINUATIONS_1256 = re.escape(bytes(range(0x80, 0xC0)).decode("windows-1256"))
_CONTINUATIONS_1252 = re.escape(
    # As ftfy's "sloppy-windows-1252" decodes them: the five bytes Windows-1252 leaves undefined
    # read as Latin-1 (without importing ftfy before it is needed).
    "".join(bytes([byte]).decode("windows-1252", errors="ignore") or chr(byte) for byte in range(0x80, 0xC0))
)
# (Written to open with one character class, the leads of both codecs, so that a search skips
# ahead to a lead instead of trying both alternatives at every position.)
_SUSPECT = re.compile(
    f"[{_LEADS_1256}{_LEADS_1252}]"
    f"(?:(?<=[{_LEADS_1256}])[{_CONTINUATIONS_1256}][{_LEADS_1256}][{_CONTINUATIONS_1256}]"
    f"|(?<=[{_LEADS_1252}])[{_CONTINUATIONS_1252}][{_LEADS_1252}][{_CONTINUATIONS_1252}])"
)


def _undo(run: str) -> str | None:
    # Imported here, on the first suspect run: ftfy takes a fifth of a second to import, which
    # every batch worker would pay at start-up for text that almost never needs it.
    import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

    for codec, leads in _CODECS:
        lead_count = sum(run.count(lead) for lead in leads)
        if lead_count < 2:
            continue
        try:
            repaired = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        letters = len(_ARABIC_LETTER.findall(repaired))
        # Plausible: mostly Arabic-script letters now, and about half as many characters as before
        # (each Persian letter had become two characters).
        if letters >= 2 and letters * 2 >= len(repaired.replace(" ", "")) and len(repaired) < len(run):
            return repaired
    return None


def repair_mojibake(text: str, config: Config) -> list[Change]:
    """Undo UTF-8 Persian that was misread as Windows-1256 (`ط³ظ„ط§ظ…`) or Windows-1252 (`Ø³Ù„Ø§Ù…`).

    >>> from dorost import fix
    >>> fix("ط³ظ„ط§ظ… ط¯ظ†غŒط§")
    'سلام دنیا'
    >>> fix("Ø³Ù„Ø§Ù…")
    'سلام'
    >>> fix("طعم غذا ظریف است")
    'طعم غذا ظریف است'
    """
    if text.isascii() or not _SUSPECT.search(text):
        return []
    changes: list[Change] = []
    for match in _RUN.finditer(text):
        run = match.group()
        if len(run) < 4:
            continue
        repaired = _undo(run)
        if repaired is not None:
            changes.append(Change(match.start(), match.end(), repaired, 0.97))
    return changes
