"""A small Persian word language model: unigram and bigram counts of real running text.

The model is built by ``scripts/build_model.py`` from the shippable corpora (see
``dorost/data/NOTICE.md``) and shipped as one compact binary file inside the package, so nothing
is fetched at run time. It is pure Python: the vocabulary is a ``dict``, the counts and the sorted
bigram keys are ``array`` objects searched with :mod:`bisect`. :func:`model` loads it once.

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

from dorost.language.model import LanguageModel, model, normalize_word, skeleton
from dorost.language.model import load as load_model_file

__all__ = ["LanguageModel", "load_model_file", "model", "normalize_word", "skeleton"]
