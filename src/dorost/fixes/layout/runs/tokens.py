"""What the joins ask of a word as printed, looked up once: :class:`Token`, and the model's tables.

A word's kind (Latin, a sentence's or a clause's end, a number), its scoring form and that form's id, count and
unigram log-probability in the model, and its class profile; the word trigrams and the word classes shipped with the
model, loaded on first need. Every score of an order reads these; they read no order.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from dorost.fixes.layout._common import CLAUSE_END, LATIN_LETTER, PERSIAN_LETTER, SENTENCE_END, WordModel, scoring_form
from dorost.language.classes import Profile, WordClasses
from dorost.language.classes import load as load_classes
from dorost.language.model import LanguageModel, normalize_word
from dorost.language.trigrams import Trigrams
from dorost.language.trigrams import load as load_trigrams

# Bigram estimates after a word seen this many times count half (see :func:`join2`).
RARE_CONTEXT = 5.0


# Scores, counts and unigram probabilities remembered across lines and documents (a document
# repeats its pairs, a corpus its words), bounded.
KEPT = 1 << 16


@functools.lru_cache(maxsize=KEPT)
def word_count(model: WordModel, form: str) -> int:
    """``model.word_count(form)``, remembered."""
    return model.word_count(form)


@functools.lru_cache(maxsize=KEPT)
def unigram(model: WordModel, form: str) -> float:
    """``exp(model.word_logprob(form))``, remembered."""
    return math.exp(model.word_logprob(form))


@dataclass(frozen=True, slots=True)
class Token:
    """What the joins ask of a word as printed, looked up once: its kind, its scoring form and
    that form's id, count and unigram log-probability in the model, and its class profile."""

    latin: bool
    sentence_end: bool
    clause_end: bool
    number: bool
    form: str
    id: int
    count: int
    logprob: float
    profile: Profile | None


@functools.lru_cache(maxsize=KEPT)
def read_token(model: WordModel, word: str) -> Token:
    # The model's lookup form (as the model's own methods would take it), so that a compound of
    # two forms can be looked up as it is.
    form = _bare_ezafe(model, normalize_word(scoring_form(word)))
    sentences = model if isinstance(model, LanguageModel) else None
    classes = word_classes(sentences) if sentences is not None else None
    profile = classes.profile(form) if classes is not None else None
    return Token(
        latin=_latin(word),
        sentence_end=SENTENCE_END.search(word) is not None,
        clause_end=CLAUSE_END.search(word) is not None,
        number=profile is not None and profile.number,
        form=form,
        id=sentences.ids.get(form, 0) if sentences is not None and form else 0,
        count=word_count(model, form),
        logprob=model.word_logprob(form),
        profile=profile,
    )


# The ezafe written on a final ه (`کرهٔ`, `کرۀ`; the Academy of Persian Language and Literature's
# orthography writes it so, and most text leaves it unwritten).
_EZAFE_ON_HEH = ("\u0647\u0654", "\u06c0")


def _bare_ezafe(model: WordModel, form: str) -> str:
    """``form`` without the ezafe written on its final ه, where the model counts the bare word more
    often: it is that word, in construct. The model's text rarely writes the mark (`کرهٔ` 0 times, `کره`
    17; `مذاکرهٔ` 0, `مذاکره` 25), and read as written such a word joined every word 4 to 7 nats worse
    than the bare word does (`در نتیجهٔ` -10.3, `در نتیجه` -5.3; `آغاز مذاکرهٔ` -15.0, now -11.3), so
    that a misordered line was put in an order that set it before a verb (`پروتکل\u200cهای رمزنگاری ارسال
    مذاکرهٔ می\u200cشوند.`, http-explained-fa). Measured on benchmarks/layout.py (news seeds 1, 3, 7, 11,
    shippable 1, 3, both gap styles): 7 more misordered lines restored, 4 fewer, of 5,670.

    >>> from dorost.language import model
    >>> _bare_ezafe(model(), "کرهٔ"), _bare_ezafe(model(), "کرۀ"), _bare_ezafe(model(), "کره")
    ('کره', 'کره', 'کره')
    """
    if form.endswith(_EZAFE_ON_HEH):
        bare = form[: -len("\u0654")] if form.endswith("\u0654") else form[:-1] + "\u0647"
        if word_count(model, bare) > word_count(model, form):
            return bare
    return form


@functools.cache
def trigram_counts() -> Trigrams | None:
    """The trigram counts shipped with the model, ``None`` when they cannot be loaded."""
    try:
        return load_trigrams()
    except (OSError, ValueError):  # pragma: no cover - a damaged or missing data file
        return None


@functools.cache
def word_classes(model: LanguageModel) -> WordClasses | None:
    """The word classes shipped with the model, ``None`` when they cannot be loaded."""
    try:
        return load_classes(words=model)
    except (OSError, ValueError):  # pragma: no cover - a damaged or missing data file
        return None


def _latin(word: str) -> bool:
    """True for a Latin word (letters, maybe digits and punctuation) with no Persian letter in it."""
    return LATIN_LETTER.search(word) is not None and PERSIAN_LETTER.search(word) is None
