"""Named characters and character classes of Persian text.

Invisible and right-to-left characters are never written raw in the code: they are named
here with escapes, and everything else builds on these names.
"""

from __future__ import annotations

ZWNJ = "\u200c"  # ZERO WIDTH NON-JOINER, نیم\u200cفاصله
ZWJ = "\u200d"
ZWSP = "\u200b"
SOFT_HYPHEN = "\u00ad"
BOM = "\ufeff"
NBSP = "\u00a0"
KASHIDA = "\u0640"  # ARABIC TATWEEL

LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
BIDI_MARKS = LRM + RLM + ALM
# LRE RLE PDF LRO RLO and LRI RLI FSI PDI: embeddings, overrides and isolates.
BIDI_EMBEDDINGS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

ARABIC_YEH = "\u064a"  # ي
ALEF_MAKSURA = "\u0649"  # ى
ARABIC_KAF = "\u0643"  # ك
PERSIAN_YEH = "\u06cc"  # ی
PERSIAN_KEHEH = "\u06a9"  # ک
TEH_MARBUTA = "\u0629"  # ة
HEH = "\u0647"  # ه
ALEF = "\u0627"
LAM = "\u0644"

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
ALL_DIGITS = PERSIAN_DIGITS + ARABIC_INDIC_DIGITS + LATIN_DIGITS

# Harakat, tanwin, shadda, sukun, superscript alef; hamza marks are letters' parts and stay.
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670"
HAMZA_MARKS = "\u0653\u0654\u0655"


def _span(first: int, last: int) -> str:
    return "".join(chr(c) for c in range(first, last + 1))


# Letters of the Arabic script as used in Persian (base block, without digits and marks).
ARABIC_SCRIPT_LETTERS = (
    _span(0x0620, 0x063F) + _span(0x0641, 0x064A) + _span(0x0671, 0x06D3) + "\u06d5" + _span(0x06FA, 0x06FF)
)
PERSIAN_ONLY_LETTERS = "پچژگیک"  # absent from Arabic: their presence says "Persian"

# Letters that never join to the following letter (Academy orthography: ZWNJ after them is void).
NON_JOINING = "اآأإٱدذرزژوؤة" + "ۀ"

# Sentence and clause punctuation that takes no space before it.
CLOSING_PUNCTUATION = ".،؛:!؟»)]"
OPENING_PUNCTUATION = "«(["

# Characters of words: letters of any script, digits, marks, ZWNJ.
WORD_JOINERS = ZWNJ


def is_persian_letter(ch: str) -> bool:
    """True for Arabic-script letters used in Persian text (not digits or punctuation)."""
    return ch in _ARABIC_LETTER_SET


_ARABIC_LETTER_SET = frozenset(ARABIC_SCRIPT_LETTERS)
ARABIC_LETTER_CLASS = "\u0620-\u063f\u0641-\u064a\u0671-\u06d3\u06d5\u06fa-\u06ff"
ARABIC_MARK_CLASS = "\u064b-\u065f\u0670"
# Arabic Presentation Forms-A (U+FB50–U+FDFF) and -B (U+FE70–U+FEFE; U+FEFF is the BOM): glyph forms.
PRESENTATION_FORM_CLASS = "\ufb50-\ufdff\ufe70-\ufefe"
