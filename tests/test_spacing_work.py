"""The lattice of restore_spacing analyses few pieces where every word is damaged."""

from __future__ import annotations

import pytest

from dorost import Config, fix
from dorost.fixes.spacing import lexicon, readings, units

SENTENCE = (
    "به گزارش خبرگزاری دانشجویان ایران امروز جلسه شورای شهر تهران برگزار شد و اعضا درباره بودجه سال آینده گفتگو کردند"
)


def test_a_sentence_of_torn_words_is_restored_analysing_few_pieces_a_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every word torn after its first letter (ب ه گ زارش): every piece of the line is in one window.
    torn = " ".join(word[0] + " " + word[1:] if len(word) > 2 else word for word in SENTENCE.split())
    lex = lexicon.shared_lexicon()
    for memory in (lex.unit_cache, lex.window_cache, lex.prepared_cache):
        memory.clear()
    analysed: list[str] = []
    find = readings._find_candidates

    def counted(lex: lexicon.Lexicon, letters: str) -> list[units.Unit]:
        analysed.append(letters)
        return find(lex, letters)

    monkeypatch.setattr(readings, "_find_candidates", counted)
    assert fix(torn, Config()) == SENTENCE
    # Up to MAX_UNIT (24) pieces from each letter were analysed (13.7 a letter here): the search from a letter
    # stops at the first piece that begins no reading (3.6 a letter).
    assert len(analysed) < 5 * len(SENTENCE.replace(" ", ""))
