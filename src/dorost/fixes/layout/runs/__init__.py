"""Misordered runs: right-to-left lines whose runs an extractor printed last-first.

PDF extractors that read a right-to-left line's text runs left to right print the line as ``R3 R2 R1`` instead of
``R1 R2 R3`` (measured with pdftotext on LibreOffice 3.5 files; the sample article has three such lines). Runs are cut
where the PDF had a gap: often two spaces, sometimes one, and often a ZWNJ glyph, so that `بین\u200cالمللی` comes out
as `بین` at the end of one run and `المللی` at the start of another.

The fix reads each line as words and the gaps between them and models the damage exactly: the printed line is ``Rk …
R1``, so the repair is a choice of borders and the reversal of the runs between them. Only the joins across borders and
with the neighbouring lines (the previous line's last word, the next line's first word) differ between the line as
printed and a repair, so a dynamic programme over the gaps finds the best set of borders exactly (see
:func:`~dorost.fixes.layout.runs.order.best_order`). A double space is evidence of a border, unless most lines of the
document have one; so is a trailing space. Where the document's gaps follow pdftotext's pattern (one space after the run
printed first, two after every later one, a trailing space: all three lines of the sample article) a line is also read
along that pattern (see :func:`~dorost.fixes.layout.runs.order.extractor_order`). A line that leaves room on it for the
next line's first word (within the width itself, in text wrapped by its characters, where that word is known) ends its
paragraph: its last word should end a sentence, and the next line starts one (scored with the model's sentence starts,
where `را` and `است` are rare). A Latin word is scored by where Latin words stand in the model's text (after `مانند`,
before `را`; rarely at a sentence's start). A pair of words the model never saw is scored by more text in Persian word
order (machine translations, FarsTail) where that text holds it (a pair it lacks is no evidence against it) and then by
their word classes (:mod:`dorost.language.classes`: a preposition before a noun, a verb before `و`), not by the second
word's frequency alone. A lone dash scores the same wherever it stands; a line that starts with one (a list item) is
left alone. A sentence's first word is scored by the model's sentence starts, backing off to those of the same text in
Persian word order (see :func:`~dorost.fixes.layout.runs.starts._start_logprob`). On a line that shows a mark, or in a
document that shows misordered runs, a join also reads the word before its left word (word trigrams of the model's text,
see :func:`~dorost.fixes.layout.runs.trigrams.join3`), where the borders place it: a run of one word joins the next
without it, so that the dynamic programme stays exact. On a line an extractor marked clearly (or with one double space,
in a document that shows misordered runs) a join also counts the pairs and triples the document writes elsewhere (a
cache model, see :class:`~dorost.fixes.layout.runs.echo.Echo`: news repeats its names, `وزارت خارجه روسیه`) and how its
sentences start (their first word and pair). After a comma or a colon a clause starts much as a sentence does. A border
where a compound was split gets its ZWNJ back as the document writes the pair, or the affix (`های`, `می`), else as the
model does (a pair it knows neither way, before a part its text writes mostly after a ZWNJ, `ترین`, `هایی`: joined). A
paragraph's last line of three or four words is judged only when it shows a mark and a sentence end inside
while its own last word ends none. A line is reordered only when the best order beats the line as it stands by a clear
margin: a line that already reads well is never reordered, and a line without a language model is left alone. Lines are
judged again while a neighbour's repair changes the words beside them; a neighbour that shows an extractor's marks
clearly and was not restored may hold a line not clearly marked itself as printed, never pull it into another order (its
words as printed may be a later run's). A number written in digits is read as the class of numbers (the words beside
numbers, counted in :mod:`dorost.language.trigrams`). Where the document shows that it was wrapped by its characters
(see :func:`~dorost.fixes.layout.runs.neighbours.wraps_tightly`), an order whose first word would have fitted at the end
of the line before (one that goes on into this one) costs :data:`~dorost.fixes.layout.runs.order._WRAP_COST`: the
wrapper would have put that word there.

A sentence's first pair (after a full stop inside a line, or on a line that starts a sentence) reads the first pairs
of the sentences of the model's text and of the same text in Persian word order, as a join reads the word before it
(see :func:`~dorost.fixes.layout.runs.trigrams.join3`); a run of one word that starts the repaired line reads the word
before the line.

The package holds the fix in the order of its data flow, each module reading only those above it:

- :mod:`~dorost.fixes.layout.runs.tokens`: what the joins ask of a word, looked up once, and the model's tables;
- :mod:`~dorost.fixes.layout.runs.starts`: how likely a sentence starts with a word;
- :mod:`~dorost.fixes.layout.runs.numbers`: joins with a number written in digits;
- :mod:`~dorost.fixes.layout.runs.joins`: the join of two words across a border;
- :mod:`~dorost.fixes.layout.runs.trigrams`: a join read with the word before it;
- :mod:`~dorost.fixes.layout.runs.echo`: the pairs and triples the document writes elsewhere;
- :mod:`~dorost.fixes.layout.runs.spelling`: the repaired line, each border spelt as the document does;
- :mod:`~dorost.fixes.layout.runs.order`: the candidate orders of a line and the search for the best;
- :mod:`~dorost.fixes.layout.runs.marks`: the marks an extractor leaves on a misordered line;
- :mod:`~dorost.fixes.layout.runs.candidates`: which lines may hold misordered runs;
- :mod:`~dorost.fixes.layout.runs.neighbours`: the neighbours' words and where paragraphs end;
- :mod:`~dorost.fixes.layout.runs.fix`: :func:`reorder_reversed_runs`, the margins and the edits.
"""

from __future__ import annotations

from dorost.fixes.layout.runs.fix import reorder_reversed_runs

__all__ = ["reorder_reversed_runs"]
