"""Letter forms: presentation-form glyphs, Arabic letter variants, kashida and diacritics.

The lam-alef that extractors write alef first has its own module, :mod:`dorost.fixes.lam_alef`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from dorost.chars import (
    ALEF_MAKSURA,
    ARABIC_KAF,
    ARABIC_LETTER_CLASS,
    ARABIC_YEH,
    DIACRITICS,
    KASHIDA,
    PERSIAN_KEHEH,
    PERSIAN_YEH,
    PRESENTATION_FORM_CLASS,
)
from dorost.config import Config
from dorost.edits import Change
from dorost.script import arabic_spans

# --- expand_presentation_forms ---------------------------------------------------------------

_PRESENTATION = re.compile(f"[{PRESENTATION_FORM_CLASS}]+")
# Any character from U+FB50 on, up to U+FEFE: one range, searched about three times as fast as
# _PRESENTATION, so that text without these glyphs (nearly all text) costs one quick scan.
_FROM_PRESENTATION_FORMS = re.compile("[\ufb50-\ufefe]")
# The same characters as a set: without one of them expand_presentation_forms finds nothing.
PRESENTATION_FORMS = frozenset(map(chr, range(0xFB50, 0xFEFF)))
# Phrase symbols that are deliberate characters, not glyph forms: ﷺ ﷻ ﷼ ﷽ and
# the ornate parentheses. Their NFKC expansion would change what the author wrote.
_KEEP_AS_IS = frozenset("\ufd3e\ufd3f\ufdfa\ufdfb\ufdfc\ufdfd")
# Yeh and alef maksura glyphs: Persian fonts draw final/isolated ی with these, so they become ی
# (initial/medial Arabic yeh forms become ي and are judged by unify_arabic_letters).
_YEH_FORMS = frozenset("\ufeef\ufef0\ufef1\ufef2\ufbfc\ufbfd\ufbfe\ufbff\ufbe8\ufbe9")
# The heh-with-hamza glyphs (ezafe: خانهٔ) become ه and the hamza mark, as Persian text writes it
# (the corpora: about 15,900 هٔ against 225 ۀ), not the letter ۀ (U+06C0) their NFKC mapping gives.
_HEH_HAMZA_FORMS = frozenset("\ufba4\ufba5")
HEH_WITH_HAMZA = "\u0647\u0654"


@cache
def _base_letters(glyph: str) -> str | None:
    if glyph in _KEEP_AS_IS:
        return None
    if glyph in _YEH_FORMS:
        return PERSIAN_YEH
    if glyph in _HEH_HAMZA_FORMS:
        return HEH_WITH_HAMZA
    expanded = unicodedata.normalize("NFKC", glyph)
    if expanded == glyph:
        return None
    # Isolated and medial forms of harakat expand to a space or tatweel plus the mark: keep the mark.
    return expanded.lstrip(" " + KASHIDA) or None


def expand_presentation_forms(text: str, config: Config) -> list[Change]:
    """Turn Arabic presentation-form glyphs (U+FB50–U+FDFF, U+FE70–U+FEFF) into base letters.

    Lam-alef ligatures become `لا` in logical order; final and isolated yeh glyphs become `ی`; the
    ezafe's heh with hamza becomes `ه` and the hamza mark (`هٔ`).

    >>> from dorost import fix
    >>> fix("\ufeb3\ufefc\ufee1 \ufea9\ufee7\ufef4\ufe8e")
    'سلام دنیا'
    >>> fix("\ufee7\ufeb4\ufea8\ufba5 \ufee7\ufeee") == "نسخه\u0654 نو"
    True
    """
    if _FROM_PRESENTATION_FORMS.search(text) is None:
        return []
    changes: list[Change] = []
    for match in _PRESENTATION.finditer(text):
        start = match.start()
        for offset, glyph in enumerate(match.group()):
            base = _base_letters(glyph)
            if base is not None:
                changes.append(Change(start + offset, start + offset + 1, base, 0.99))
    return changes


# --- unify_arabic_letters --------------------------------------------------------------------

# Arabic letter variants that Persian writes otherwise (Academy orthography: ی and ک throughout).
_PERSIAN_FORM = {
    ARABIC_YEH: PERSIAN_YEH,
    ALEF_MAKSURA: PERSIAN_YEH,
    ARABIC_KAF: PERSIAN_KEHEH,
    "\u06be": "\u0647",  # ھ HEH DOACHASHMEE (Urdu keyboards) → ه
    "\u06c1": "\u0647",  # ہ HEH GOAL → ه
    "\u06d5": "\u0647",  # ە AE (Kurdish keyboards) → ه
}
ARABIC_VARIANTS = "".join(_PERSIAN_FORM)
_VARIANT = re.compile(f"[{ARABIC_VARIANTS}]")


def unify_arabic_letters(text: str, config: Config) -> list[Change]:
    """Write Arabic `ي ى ك` (and stray `ھ ہ ە`) as Persian `ی ک ه`, except inside Arabic passages.

    >>> from dorost import fix
    >>> fix("اين كتاب")
    'این کتاب'
    >>> fix("گفت: «قال رسول الله في كتابه على الناس»")
    'گفت: «قال رسول الله في كتابه على الناس»'
    """
    if not _VARIANT.search(text):
        return []
    arabic = arabic_spans(text)
    changes: list[Change] = []
    for match in _VARIANT.finditer(text):
        if match.start() in arabic:
            continue
        letter = match.group()
        if letter == ALEF_MAKSURA and _is_dagger_alef_word(text, match.start()):
            continue
        changes.append(Change(match.start(), match.end(), _PERSIAN_FORM[letter], 0.98))
    return changes


def _is_dagger_alef_word(text: str, pos: int) -> bool:
    """`ى` carrying a superscript alef (`عیسىٰ`, `موسىٰ`) is a deliberate Arabic spelling."""
    return text[pos + 1 : pos + 2] == "\u0670"


# --- remove_kashida --------------------------------------------------------------------------

# Kashida after a joining letter is justification, never part of a word. A kashida that starts a
# word (`ـها`, dictionary notation for a suffix) is the author's and stays.
_KASHIDA_RUN = re.compile(f"(?<=[{ARABIC_LETTER_CLASS}\u064b-\u0652]){KASHIDA}+")


def remove_kashida(text: str, config: Config) -> list[Change]:
    """Remove kashida (tatweel, `ـ`) used to stretch words: `بـــه` → `به`.

    >>> from dorost import fix
    >>> fix("گـــزارش")
    'گزارش'
    >>> fix("پسوند ـها")
    'پسوند ـها'
    """
    if KASHIDA not in text:
        return []
    return [Change(m.start(), m.end(), "", 0.99) for m in _KASHIDA_RUN.finditer(text)]


# --- remove_diacritics -----------------------------------------------------------------------

_DIACRITIC = re.compile(f"[{DIACRITICS}]+")


def remove_diacritics(text: str, config: Config) -> list[Change]:
    """With `diacritics="remove"`, drop harakat, tanwin, shadda and sukun (hamza marks stay).

    The default policy keeps them: `عمدتاً` keeps its tanwin.

    >>> from dorost import fix
    >>> fix("عمدتاً کِتاب")
    'عمدتاً کِتاب'
    >>> fix("عمدتاً کِتاب", diacritics="remove")
    'عمدتا کتاب'
    """
    if config.diacritics != "remove":
        return []
    return [Change(m.start(), m.end(), "", 0.99) for m in _DIACRITIC.finditer(text)]
