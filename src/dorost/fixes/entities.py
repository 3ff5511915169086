"""Decode HTML/XML character references left in plain text (``&ndash;``, ``&#1587;``, ``&zwnj;``)."""

from __future__ import annotations

import re

from dorost.config import Config
from dorost.edits import Change
from dorost.patterns import lazy_pattern
from dorost.text import protected

# Only complete references count: a name or number closed by ";". `R&D` and `?a=1&b=2` are not.
_REFERENCE = lazy_pattern(
    r"&(?:#(?P<dec>[0-9]{1,7})|#[xX](?P<hex>[0-9a-fA-F]{1,6})|(?P<name>[A-Za-z][A-Za-z0-9]{1,31}));"
)


def _decoded(match: re.Match[str]) -> str | None:
    if match["name"] is not None:
        # (The table of names is imported here: only a text with a reference needs it.)
        from html.entities import html5

        return html5.get(match["name"] + ";")
    code = int(match["dec"]) if match["dec"] is not None else int(match["hex"], 16)
    # Control characters, surrogates and non-characters are never what an author meant.
    control = (code < 0x20 and code not in (9, 10)) or 0x7F <= code < 0xA0
    if control or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


# A reference that is all a quotation holds is named, not used: Firefox's messages tell the reader to
# escape `<` as «&lt;» and `&` as «&amp;», and decoded they would say to escape it as itself.
_QUOTES = {"«": "»", '"': '"', "'": "'", "“": "”", "‘": "’", "`": "`"}


def _quoted_alone(text: str, start: int, end: int) -> bool:
    closing = _QUOTES.get(text[start - 1 : start])
    return closing is not None and text[end : end + 1] == closing


# Nor is a reference the text names with a word for a character just before it (`موجودیت &nbsp; یک
# فاصلهٔ نشکن می\u200cسازد`, `کاراکتر &zwnj; را …`): decoded, the sentence would name an invisible
# space or the character itself. Only the reference alone after that word, as punctuation's fix keeps
# a mark after `علامت` or `نماد`.
_NAMING_WORDS = frozenset(
    ["موجودیت", "کاراکتر", "نویسه", "نویسهٔ", "نویسه\u200cی", "علامت", "نماد", "مرجع", "entity", "character"]
)
_LONGEST_NAMING = max(map(len, _NAMING_WORDS))
# What may follow the named reference: the sentence goes on or ends.
_CLOSING = ".،,:؛;)»"


def _named_alone(text: str, start: int, end: int) -> bool:
    after = text[end : end + 1]
    if text[start - 1 : start] != " " or not (after == "" or after.isspace() or after in _CLOSING):
        return False
    # The word before the space (a naming word is short: no need to look further back).
    window = max(0, start - 1 - _LONGEST_NAMING)
    word_start = max(text.rfind(" ", window, start - 1), text.rfind("\n", window, start - 1)) + 1
    return (word_start > window or window == 0) and text[word_start : start - 1] in _NAMING_WORDS


def decode_html_entities(text: str, config: Config) -> list[Change]:
    """Decode HTML character references such as `&ndash;` and `&#1587;`; leave `R&D`, URLs and a quoted `«&amp;»` alone,
    and a reference named by the word before it (`موجودیت &nbsp;`).

    >>> from dorost import fix
    >>> fix("فعال است &ndash; تهدید")
    'فعال است – تهدید'
    >>> fix("R&D و https://x.ir/?a=1&amp;b=2")
    'R&D و https://x.ir/?a=1&amp;b=2'
    >>> fix("«&» باید به\u200cصورت «&amp;» اسکیپ می\u200cشد.") == "«&» باید به\u200cصورت «&amp;» اسکیپ می\u200cشد."
    True
    >>> fix("موجودیت &nbsp; یک فاصلهٔ نشکن است.")
    'موجودیت &nbsp; یک فاصلهٔ نشکن است.'
    """
    if "&" not in text:
        return []
    guarded = protected(text)  # a bisect per reference, not a scan of every URL
    changes: list[Change] = []
    for match in _REFERENCE().finditer(text):
        start, end = match.span()
        if start in guarded or _quoted_alone(text, start, end) or _named_alone(text, start, end):
            continue
        decoded = _decoded(match)
        if decoded is not None:
            changes.append(Change(start, end, decoded, 0.99))
    return changes
