"""A small Persian word language model: unigram and bigram counts of real running text.

The model is built by ``scripts/build_model.py`` from the shippable corpora (see
``dorost/data/NOTICE.md``) and shipped as one compact binary file inside the package, so nothing
is fetched at run time. It is pure Python: the vocabulary is a ``dict``, the counts and the sorted
bigram keys are ``array`` objects searched with :mod:`bisect`. :func:`model` loads it once;
the fixes ask :func:`shipped_model`, the same model or ``None`` where its data file cannot be read.

Words are looked up by their exact spelling, ZWNJ (U+200C) kept, after the letter unification
every other fix applies first (Arabic ي ك → Persian ی ک, diacritics and kashida dropped):

>>> m = model()
>>> m.is_word("می\\u200cشود")
True
>>> m.word_count("كتاب") == m.word_count("کتاب") > 0
True
>>> m.bigram_logprob("به", "عنوان") > m.bigram_logprob("عنوان", "به")
True
"""

from __future__ import annotations

from functools import cache

from dorost.language.model import LanguageModel, model, normalize_word, skeleton
from dorost.language.model import load as load_model_file

__all__ = ["LanguageModel", "load_model_file", "model", "normalize_word", "shipped_model", "skeleton"]


@cache
def shipped_model() -> LanguageModel | None:
    """The shipped model (:func:`model`, loaded once per process), or ``None`` where its data file
    is missing or damaged: every fix that consults the model asks here, and abstains on ``None``
    instead of failing (the answer is kept, so a damaged file is read once, not once a call).

    >>> shipped_model() is model()
    True
    """
    try:
        return model()
    except (OSError, ValueError):  # pragma: no cover - the model ships with the package
        return None
