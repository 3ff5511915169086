"""The spacing fix's spelling tables ship ready-built: the same tables the fix derives from the model, and a
file derived from another model, by another recipe or of another format is refused, saying why."""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import pytest

from dorost.fixes.spacing import lexicon
from dorost.language import model
from dorost.language.model import DATA_FILE as MODEL_FILE
from dorost.language.model import read_file
from dorost.language.spellings import DATA_FILE, SpellingTables, decode, encode, load_tables

ZWNJ = "\u200c"
REPO = Path(__file__).resolve().parent.parent


def test_the_shipped_tables_are_the_derived_ones() -> None:
    lm = model()
    shipped = load_tables(lm, lexicon.Lexicon.RECIPE)
    derived = lexicon.Lexicon.derive(lm)
    assert shipped == derived
    # The same order too (the groups' and the aliases' dicts are walked in it), and the same types.
    assert list(shipped.groups) == list(derived.groups) and list(shipped.alias) == list(derived.alias)
    assert {type(ids) for ids in shipped.groups.values()} == {tuple}
    # آنها: its ZWNJ spelling is the more frequent; the joined one is scored as it, less likely.
    both = shipped.groups["آنها"]
    assert [lm.words[i] for i in both] == ["آن" + ZWNJ + "ها", "آنها"]
    top, ratio = shipped.alias[both[1]]
    assert top == both[0] and ratio < 0


def test_the_build_script_writes_the_shipped_file() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    from build_model import build_spellings

    assert build_spellings(read_file(None, MODEL_FILE)) == read_file(None, DATA_FILE)


def test_the_fix_uses_the_shipped_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_LEXICON", None)
    monkeypatch.setattr(lexicon.Lexicon, "derive", None)  # deriving would fail
    lex = lexicon.shared_lexicon()
    assert lex.groups == load_tables(model()).groups


def _tables() -> SpellingTables:
    return load_tables(model())


def test_tables_of_another_model_are_refused() -> None:
    data = read_file(None, MODEL_FILE)
    # A model of other contents: another CRC-32 in its place (after the magic and the version byte).
    crc = int.from_bytes(data[9:13], "little")
    other = encode(_tables(), data[:9] + (crc ^ 1).to_bytes(4, "little") + data[13:], lexicon.Lexicon.RECIPE)
    with pytest.raises(ValueError, match=r"derived from another lm\.bin.*scripts/build_model\.py"):
        decode(other, model())


def test_tables_of_another_recipe_are_refused() -> None:
    data = encode(_tables(), read_file(None, MODEL_FILE), "0 an older recipe")
    assert decode(data, model()) == _tables()  # the tables themselves read
    with pytest.raises(ValueError, match="derived by recipe '0 an older recipe'"):
        decode(data, model(), lexicon.Lexicon.RECIPE)


def test_other_files_are_refused() -> None:
    data = read_file(None, DATA_FILE)
    with pytest.raises(ValueError, match="format version 9"):
        decode(data[:8] + bytes([9]) + data[9:], model())
    with pytest.raises(ValueError, match="not a dorost spellings file"):
        decode(read_file(None, MODEL_FILE), model())
    with pytest.raises(ValueError, match="damaged"):
        decode(data[:-4], model())


def test_a_round_trip_keeps_every_table() -> None:
    lm = model()
    spelled = [i for i, word in enumerate(lm.words) if ZWNJ in word][:3]
    tables = SpellingTables(
        {"الف": (spelled[0],), "ب": (spelled[1], spelled[2], 7)},
        {spelled[1]: (spelled[0], -1.25)},
        frozenset({5, 3}),
        frozenset({9, 4}),
        frozenset({11}),
        array("I", [2, 0, 1]),
    )
    again = decode(encode(tables, read_file(None, MODEL_FILE), "r"), lm, "r")
    assert again == tables and list(again.groups) == ["الف", "ب"]


def test_the_shipped_order_puts_the_known_letters_in_sorted_order() -> None:
    lm = model()
    lex = lexicon.Lexicon(lm, load_tables(lm, lexicon.Lexicon.RECIPE))
    assert len(lex._known_order) == len(lex.known_letters)  # taken from the file
    assert lex.known_sorted == tuple(sorted(lex.known_letters))
    assert "آن" + ZWNJ + "ها" in lex.known_sorted and "آنها" in lex.known_sorted


def test_an_order_of_fewer_than_two_spellings_gives_a_tuple_too() -> None:
    # ``known_sorted`` picks the spellings by one ``itemgetter`` of all the indices: no tuple for fewer than two.
    lm = model()
    shipped = load_tables(lm, lexicon.Lexicon.RECIPE)
    for order in ([], [5], [5, 2]):
        lex = lexicon.Lexicon(lm, shipped._replace(known_order=array("I", order)))
        known = list(lex.known_letters)
        assert lex.known_sorted == tuple(known[index] for index in order)


def test_a_file_of_the_format_before_the_shipped_order_is_refused() -> None:
    data = read_file(None, DATA_FILE)
    with pytest.raises(ValueError, match="format version 2, this dorost reads 3"):
        decode(data[:8] + bytes([2]) + data[9:], model())
