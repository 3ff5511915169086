"""Letter forms: presentation-form glyphs, Arabic letter variants, kashida and diacritics.

The lam-alef that extractors write alef first has its own module, :mod:`dorost.fixes.lam_alef`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, partial

from dorost.chars import (
    ALEF_MAKSURA,
    ARABIC_KAF,
    ARABIC_LETTER_CLASS,
    ARABIC_MARK_CLASS,
    ARABIC_YEH,
    DIACRITICS,
    KASHIDA,
    NON_JOINING,
    PERSIAN_KEHEH,
    PERSIAN_YEH,
    PRESENTATION_FORM_CLASS,
    TEH_MARBUTA,
)
from dorost.config import Config
from dorost.edits import Change
from dorost.patterns import lazy_pattern
from dorost.script import arabic_spans
from dorost.text import SpanSet, lines_holding, web_addresses

# --- expand_presentation_forms ---------------------------------------------------------------

_PRESENTATION = lazy_pattern(f"[{PRESENTATION_FORM_CLASS}]+")
# Any character from U+FB50 on, up to U+FEFE: one range, searched about three times as fast as
# _PRESENTATION, so that text without these glyphs (nearly all text) costs one quick scan.
_FROM_PRESENTATION_FORMS = lazy_pattern("[\ufb50-\ufefe]")
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
    if _FROM_PRESENTATION_FORMS().search(text) is None:
        return []
    changes: list[Change] = []
    for match in _PRESENTATION().finditer(text):
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
# `ھ ہ ە` are letters of Kurdish (Sorani `هەولێر`) and Urdu (`زندہ`, `بھائی`), whose names Persian
# Wikipedia and news quote: `اربیل (به کردی: هەولێر)`. A sentence that holds a letter of those
# alphabets (or of Pashto's) that Persian never writes, or names the language, keeps them.
_HEHS = "\u06be\u06c1\u06d5"
_OTHER_LANGUAGE = lazy_pattern(
    "[\u06ce\u06b5\u06c6\u0695\u06a4\u06ca"  # Kurdish ێ ڵ ۆ ڕ ڤ ۊ
    "\u0679\u0688\u0691\u06ba\u06d2\u06d3"  # Urdu ٹ ڈ ڑ ں ے ۓ
    "\u067c\u0689\u0693\u0696\u069a\u06ab\u06bc\u06cd\u06d0\u0681\u0685]"  # Pashto ټ ډ ړ ږ ښ ګ ڼ ۍ ې ځ څ
    # A language named before a colon (`به کردی:`; alone, کردی is also "you did" and اردو "camp"), or alone.
    r"|(?:کردی|کوردی|اردو|پشتو)\s*:|\b(?:کوردی|سورانی|کرمانجی|پشتو)\b"
)
_SENTENCE = lazy_pattern("[^.!?\u061f\n]+")


def _other_language_sentences(text: str) -> SpanSet | None:
    """The sentences that hold a sign of Kurdish, Urdu or Pashto (None when the text holds none)."""
    if _OTHER_LANGUAGE().search(text) is None:
        return None
    return SpanSet([m.span() for m in _SENTENCE().finditer(text) if _OTHER_LANGUAGE().search(m.group())])


# A short Arabic saying quoted in a Persian sentence (`«إنّما الأعمال بالنيّات»`) has too few of
# the function words that arabic_spans counts, so a quotation is read again for the signs of Arabic
# spelling. Guillemets, the Quran's ornate parentheses (either way round) and straight quotes; the
# innermost quotation, on one line.
_QUOTATION = re.compile('«[^«»\n]*»|[\ufd3e\ufd3f][^\ufd3e\ufd3f\n]*[\ufd3e\ufd3f]|"[^"\n]*"')
_QUOTED_WORD = lazy_pattern(f"[{ARABIC_LETTER_CLASS}{ARABIC_MARK_CLASS}]+")
_MARK = lazy_pattern(f"[{ARABIC_MARK_CLASS}]")
# Fatha, damma, kasra, sukun: a quotation with them on most words is vocalised Quran or hadith
# (a vocalised Persian name or title, `«سربازِ سُربی»`, is two words or three).
_HARAKA = lazy_pattern("[\u064e-\u0650\u0652]")
# Tanwin that Persian never writes: the dammatan and kasratan, and a fathatan not after alef
# (Persian writes it on alef, before or after it: `معمولاً`, `معمولًا`; Arabic also `ةً`, `ىً`).
_ARABIC_TANWIN = lazy_pattern("[\u064c\u064d]|(?<!\u0627)\u064b(?!\u0627)")
# The article, alone or after a one-letter particle, before two letters at least (`الأعمال`,
# `بالنيّات`, `للناس`; not Persian `بالا`).
_ARTICLE = lazy_pattern("(?:[وفبكل]?ال|لل)..")
# fmt: off
# Arabic words that are no Persian word. Homographs that Persian writes too (`علی`, `الی`, `کان`,
# `قد`, `لا`, `من`) are left out.
_ARABIC_ONLY_WORDS = frozenset(
    [
        "في", "فى", "إلى", "إلي", "الذي", "الذين", "التي", "اللذين", "هذا", "هذه", "ذلك", "تلك",
        "إن", "أن", "إنما", "أنما", "إنا", "ثم", "لن",
    ]
)
# Persian words that Arabic never writes (not `به`, `هم`, `یا`, `اما`, `این`: Arabic homographs).
_PERSIAN_ONLY_WORDS = frozenset(
    [
        "است", "را", "که", "از", "برای", "های", "ها", "می", "نمی", "شد", "شده", "کرد", "کرده", "بود",
        "اگر", "ولی", "نیز", "خود", "شود", "کند", "دارد", "باید", "هست", "نیست",
    ]
)
# fmt: on
_PERSIAN_ONLY_LETTER = lazy_pattern("[پچژگ]")
_ARABIC_YEH_KAF_LETTERS = (ARABIC_YEH, ALEF_MAKSURA, ARABIC_KAF)
_PERSIAN_YEH_KAF_LETTERS = (PERSIAN_YEH, PERSIAN_KEHEH)
_AS_PERSIAN = str.maketrans(_PERSIAN_FORM)


def _is_arabic_quotation(quotation: str) -> bool:
    """True when a quotation is written as Arabic: no Persian word in it, a sign Persian spelling
    never shows (a word opening with `إ` or `أ`, an Arabic-only word, tanwin Persian does not
    write, harakat on three words and most words), and signs of Arabic (these, the article `ال`,
    `ة`, shadda) on two words and half the words at least. One-letter words (`و`) are not counted.

    >>> _is_arabic_quotation("«إنّما الأعمال بالنيّات»")
    True
    >>> _is_arabic_quotation("«آية الله خميني»")  # a Persian name in an old encoding's letters
    False
    >>> _is_arabic_quotation("«كتاب هاي ما»")
    False
    """
    words = [word for word in _QUOTED_WORD().findall(quotation) if len(_MARK().sub("", word)) > 1]
    if len(words) < 2 or _PERSIAN_ONLY_LETTER().search(quotation):
        return False
    vocalised = sum(1 for word in words if _HARAKA().search(word))
    strong = 0
    signed = 0
    for word in words:
        bare = _MARK().sub("", word)
        if bare.translate(_AS_PERSIAN) in _PERSIAN_ONLY_WORDS:
            return False
        if bare[0] in "إأ" or bare in _ARABIC_ONLY_WORDS or _ARABIC_TANWIN().search(word):
            strong += 1
            signed += 1
        elif _ARTICLE().match(bare) or bare.endswith(TEH_MARBUTA) or "\u0651" in word:
            signed += 1
    if 2 * vocalised >= len(words) and vocalised >= 3:
        strong += 1
        signed = max(signed, vocalised)
    return strong >= 1 and signed >= 2 and 2 * signed >= len(words)


def _arabic_quotations(text: str, speak: Callable[[], bool]) -> SpanSet | None:
    """The quotations that read as Arabic, unless ``speak()`` says that the text around them is written mostly with
    Arabic `ي ى ك` (an old encoding's Persian): there a quotation's letters say nothing."""
    quotations = [m.span() for m in _QUOTATION.finditer(text)]
    if not quotations or not speak():
        return None
    return SpanSet([(start, end) for start, end in quotations if _is_arabic_quotation(text[start:end])])


def _quotations_speak(text: str) -> bool:
    """Whether, outside its quotations, ``text`` holds no more Arabic `ي ى ك` than Persian `ی ک`: read from the
    whole text (a book's quotations are judged by the whole book)."""
    # Counted in the whole text, less in each quotation (what is left is the text outside them, where a quotation
    # stands for a space): ``str.count`` runs in C, where a pattern would list every ی and ک.
    arabic = sum(map(text.count, _ARABIC_YEH_KAF_LETTERS))
    persian = sum(map(text.count, _PERSIAN_YEH_KAF_LETTERS))
    for quotation in _QUOTATION.finditer(text):
        quoted = quotation.group()
        arabic -= sum(map(quoted.count, _ARABIC_YEH_KAF_LETTERS))
        persian -= sum(map(quoted.count, _PERSIAN_YEH_KAF_LETTERS))
    return arabic <= persian


# A parenthesis that names Arabic before a colon gives the Arabic form of a name, as Persian
# Wikipedia writes it: `زبان عربی (به عربی: اللُّغَة العَرَبِيّة)`, `یمن (عربی: ٱلْیَمَن)`. Two words
# with the article and harakat are too short for the quotation test, but the label says what they
# are. The label opens the parenthesis or follows a word or separator in it (`نام کامل به عربی:`);
# the Arabic runs to the next separator (`(به عربی: ...، به انگلیسی: ...)`) or the closing mark.
_PARENTHESIS = re.compile(r"\([^()\n]*\)")
_ARABIC_LABEL = lazy_pattern(f"(?<![^\\s(;\u061b,\u060c])(?:به\\s+)?عرب[{PERSIAN_YEH}{ARABIC_YEH}]\\s*:")
_LABELLED_END = lazy_pattern("[;\u061b,\u060c]")


def _labelled_arabic(text: str) -> SpanSet | None:
    """The Arabic forms that a parenthesis labels `به عربی:`, unless one reads as Persian (a
    letter or word that Arabic never writes: then the label heads Persian, damaged or not)."""
    if ":" not in text:
        return None
    spans: list[tuple[int, int]] = []
    for parenthesis in _PARENTHESIS.finditer(text):
        position, end = parenthesis.start() + 1, parenthesis.end() - 1
        # Each label's form is read from the end of the one before: a parenthesis is read once.
        while (label := _ARABIC_LABEL().search(text, position, end)) is not None:
            stop = _LABELLED_END().search(text, label.end(), end)
            position = end if stop is None else stop.start()
            form = text[label.end() : position]
            words = (_MARK().sub("", word).translate(_AS_PERSIAN) for word in _QUOTED_WORD().findall(form))
            if not _PERSIAN_ONLY_LETTER().search(form) and not any(word in _PERSIAN_ONLY_WORDS for word in words):
                spans.append((label.end(), position))
    return SpanSet(spans) if spans else None


def unify_arabic_letters(text: str, config: Config) -> list[Change]:
    """Write Arabic `ي ى ك` (and stray `ھ ہ ە`) as Persian `ی ک ه`, except in Arabic passages and quotations.

    >>> from dorost import fix
    >>> fix("اين كتاب")
    'این کتاب'
    >>> fix("گفت: «قال رسول الله في كتابه على الناس»")
    'گفت: «قال رسول الله في كتابه على الناس»'
    >>> fix("فرمود: «إنّما الأعمال بالنيّات».")
    'فرمود: «إنّما الأعمال بالنيّات».'
    >>> fix("زبان عربی (به عربی: اللُّغَة العَرَبِيّة) زبانی سامی است.")
    'زبان عربی (به عربی: اللُّغَة العَرَبِيّة) زبانی سامی است.'
    >>> fix("اربیل (به کردی: هەولێر) مرکز اقلیم است.")
    'اربیل (به کردی: هەولێر) مرکز اقلیم است.'
    """
    if not _VARIANT.search(text):
        return []
    speak = cache(partial(_quotations_speak, text))  # read once, and only when a quotation asks
    changes: list[Change] = []
    # What it reads to judge a letter lies on the letter's line: Arabic lines and quotations (arabic_spans),
    # quotations, parentheses and sentences (none crosses a line break), the next character. Only whether quotations
    # speak at all is read from the whole text. So it reads the lines that hold a letter to judge, not a book's
    # million characters for a few letters.
    for start, lines in lines_holding(text, _VARIANT):
        changes += _unified_in(lines, start, speak)
    return changes


def _unified_in(lines: str, start: int, speak: Callable[[], bool]) -> list[Change]:
    """unify_arabic_letters' changes in ``lines``, whole lines that start at ``start`` in the text."""
    arabic = arabic_spans(lines)
    quoted = _arabic_quotations(lines, speak)
    labelled = _labelled_arabic(lines)
    other = _other_language_sentences(lines) if any(heh in lines for heh in _HEHS) else None
    # A web address keeps its letters (dorost.text.web_addresses): a slug typed on an Arabic keyboard
    # (https://example.ir/راهنماي-نصب) names its page only with ي and ك.
    addresses = web_addresses(lines) or None
    changes: list[Change] = []
    for match in _VARIANT.finditer(lines):
        if match.start() in arabic or (quoted is not None and match.start() in quoted):
            continue
        if labelled is not None and match.start() in labelled:
            continue
        if addresses is not None and match.start() in addresses:
            continue
        letter = match.group()
        if other is not None and letter in _HEHS and match.start() in other:
            continue
        if letter == ALEF_MAKSURA and _is_dagger_alef_word(lines, match.start()):
            continue
        changes.append(Change(start + match.start(), start + match.end(), _PERSIAN_FORM[letter], 0.98))
    return changes


def _is_dagger_alef_word(text: str, pos: int) -> bool:
    """`ى` carrying a superscript alef (`عیسىٰ`, `موسىٰ`) is a deliberate Arabic spelling."""
    return text[pos + 1 : pos + 2] == "\u0670"


# --- remove_kashida --------------------------------------------------------------------------

# Kashida after a joining letter is justification, never part of a word. A kashida that starts a
# word (`ـها`, dictionary notation for a suffix) is the author's and stays, and so does one after a
# letter that does not join or before a Latin letter or digit, which stretches nothing and stands for a
# hyphen (`غیرـloopback`, `زیرـproofs` in the OpenClaw and Open Logic translations).
# (It opens with the kashida and reads the letter before it in lookbehinds that span both: a pattern that opened
# with the lookbehinds would be tried at every position of the text, this one skips ahead to the next kashida.)
_KASHIDA_RUN = lazy_pattern(
    f"{KASHIDA}(?<=[{ARABIC_LETTER_CLASS}\u064b-\u0652]{KASHIDA})(?<![{NON_JOINING}]{KASHIDA}){KASHIDA}*"
    f"(?![{KASHIDA}A-Za-z0-9])"
)


def remove_kashida(text: str, config: Config) -> list[Change]:
    """Remove kashida (tatweel, `ـ`) used to stretch words: `بـــه` → `به`.

    >>> from dorost import fix
    >>> fix("گـــزارش")
    'گزارش'
    >>> fix("پسوند ـها")
    'پسوند ـها'
    >>> fix("اتصال\u200cهای غیرـloopback") == "اتصال\u200cهای غیرـloopback"
    True
    """
    if KASHIDA not in text:
        return []
    addresses = web_addresses(text)  # (a kashida in a web address's slug is the address's: the page's name)
    return [Change(m.start(), m.end(), "", 0.99) for m in _KASHIDA_RUN().finditer(text) if m.start() not in addresses]


# --- remove_diacritics -----------------------------------------------------------------------

_DIACRITIC = lazy_pattern(f"[{DIACRITICS}]+")


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
    addresses = web_addresses(text)  # (marks in a web address's slug are the address's: the page's name)
    return [Change(m.start(), m.end(), "", 0.99) for m in _DIACRITIC().finditer(text) if m.start() not in addresses]
