"""Spacing inside and between Persian words: space, ZWNJ or nothing, decided with the language model.

Persian writes many words in parts joined by a zero-width non-joiner (ZWNJ, نیم\u200cفاصله): the verbal
prefixes ``می``/``نمی``, the plural and possessive suffixes (``ها``, ``های``, ``شان``),
``تر``/``ترین`` and compounds (``بین\u200cالمللی``, ``امکان\u200cپذیر``). Extraction and careless
typing lose it two ways: the letters run together (``گروههای``) or a space takes its place
(``می شود``). PDF extraction adds spaces inside words (``تحر یم``, ``ب ه`` from kashida
justification) and glues words (``بهخانه``).

The fix reads runs of Persian words separated by single spaces. A run is examined only where it
looks wrong — a word the model does not know, a word whose letters are far more often spelled
another way, or two neighbours whose letters together form a known word — so correct text costs
one set lookup per word. Each suspect stretch is segmented again by dynamic programming over its
letters: every segmentation into attested spellings (or the original words) is scored by the
bigram model, minus a cost for every boundary that differs from the input. The original wins
unless another reading beats it by a margin; the margin sets the confidence of the edits.
Two signs read once per text adjust the prices: a word that shows lost ZWNJs (میشود) lets commonly
joined spellings (آنها) be repaired, unless the text, which writes ZWNJs elsewhere, writes that word joined
again and again and never otherwise (its author's spelling); and words that show lost spaces (ازیک), as often as
damage leaves them (a typo in a long article is not enough), make long unknown words likelier glued words than names
or new words. And a text states its own spelling: damage loses a ZWNJ or turns it into a space but never adds one, so
the ZWNJs it writes intact (شده\u200cاست) are its author's, and the same two parts standing apart or run together
elsewhere in a damaged text take the ZWNJ back (``signs.Echo``; such edits carry the confidence ``ECHO_CONFIDENCE``).

Rules that bound it (Academy of Persian Language and Literature, «دستور خط فارسی», 1394):

- no ZWNJ after the non-joining letters ا د ذ ر ز ژ و: the joined spelling is the right one there;
- a ZWNJ typed by the author is kept unless the evidence is overwhelming;
- two free words are joined into one compound only when running text attests the compound
  (``به رسمیت`` and ``وزارت خارجه`` stay apart: their joined forms are contested);
- Latin words, digits, URLs and code are outside Persian runs and never touched.

The package holds the fix in the order of its data flow:

- :mod:`~dorost.fixes.spacing.words`: Persian words and their bound parts, as the Academy writes them;
- :mod:`~dorost.fixes.spacing.units`: what a reading is made of (units, separator labels);
- :mod:`~dorost.fixes.spacing.lexicon`: what the model and the word lists say about words and spellings;
- :mod:`~dorost.fixes.spacing.readings`: the candidate units of a run of letters;
- :mod:`~dorost.fixes.spacing.compounds`: when a reading may join words the input wrote apart;
- :mod:`~dorost.fixes.spacing.lattice`: the search for the best reading of a stretch;
- :mod:`~dorost.fixes.spacing.signs`: what the whole text shows (lost ZWNJs, glued or torn words);
- :mod:`~dorost.fixes.spacing.fix`: :func:`restore_spacing`, from the text to its edits.
"""

from __future__ import annotations

from dorost.fixes.spacing.fix import restore_spacing

__all__ = ["restore_spacing"]
