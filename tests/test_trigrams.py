"""trigrams.bin (version 4): every triple of a kept context, the order text's sentence starts, and the
sentences' first pairs."""

from __future__ import annotations

import math
import zlib

import pytest


def test_every_triple_of_a_kept_context_is_kept() -> None:
    # Triples seen once are kept: for each context the kept third words are all its followers, and
    # their counts add up to its total (a pruned file would keep fewer).
    from dorost.language import model
    from dorost.language.trigrams import load

    m, tri = model(), load()
    assert tri.header["min_count"] == 1
    for index in range(0, len(tri.totals), 97):
        start, end = tri.starts[index], tri.starts[index + 1]
        assert end - start == tri.followers[index]
        assert sum(tri.triple_counts[start:end]) == tri.totals[index]
    # `و از` is followed by `شما` once in the model's text: the triple is there.
    total, followers, seen = tri.counts(m.index("و"), m.index("از"), m.index("شما"))
    assert seen == 1 and total > followers > 1


def test_the_order_text_s_sentence_starts_are_a_distribution() -> None:
    # Absolute discounting backing off to the unigram: over the vocabulary the starts add up to the
    # share of the order text's sentences that start with a word of the model (the rest start with a
    # number, a Latin word or a word it does not know), never more than one.
    from dorost.language import model
    from dorost.language.trigrams import load

    m, tri = model(), load()
    total = sum(tri.start_probability(i, math.exp(m.unigram_logprob(i))) for i in range(1, m.size))
    assert 0.5 < total <= 1.0
    assert int(str(tri.header["order_sentences"])) > 30_000
    # `این` starts many of its sentences, `را` (as frequent a word) hardly any.
    start = {w: tri.start_probability(m.index(w), math.exp(m.word_logprob(w))) for w in ("این", "را")}
    assert m.word_count("را") > m.word_count("این")
    assert start["این"] > 10 * start["را"]


def test_a_sentence_s_first_pair_is_counted_after_a_start() -> None:
    # Sentences often start `به عنوان مثال، …`: after a start `به` goes on with `عنوان` more than twice
    # as often as it does after any word; `این` goes on with `کار` far more often than with `را`,
    # which seldom follows a sentence's first word.
    from dorost.language import model
    from dorost.language.trigrams import load

    m, tri = model(), load()
    assert int(str(tri.header["start_contexts"])) > 1000
    ba, title = m.index("به"), m.index("عنوان")
    total, followers, seen = tri.start_counts(ba, title)
    assert total > seen > 0 and followers > 1
    assert tri.knows_start(ba) and not tri.knows(0, ba)
    assert seen / total > 2 * m.pair_count(ba, title) / m.context_totals[ba]
    this = m.index("این")
    assert tri.start_counts(this, m.index("کار"))[2] > 5 * tri.start_counts(this, m.index("را"))[2]
    # A word the model does not know (id 0) before a pair is no sentence's start, though the starts
    # are stored under that id.
    assert tri.counts(0, ba, title) == (0, 0, 0)


def test_a_trigram_file_of_an_older_version_is_refused() -> None:
    # Version 3 had no sentence's first pairs: a reader would take its starts for unknown words'.
    from dorost.language.trigrams import MAGIC, VERSION, Trigrams

    assert VERSION == 4
    for older in (2, 3):
        with pytest.raises(ValueError, match="known version"):
            Trigrams(MAGIC + bytes([older]) + zlib.compress(b"\x00\x00\x00\x00"))
