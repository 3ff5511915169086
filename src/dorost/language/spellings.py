"""The spelling groups of ``lm.bin``, ready-built: the tables that the spacing fix derives from the model.

A process that restores spacing needs the model's words grouped by their letters (``آن\u200cها`` and
``آنها`` are spellings of the letters ``آنها``), which spellings of a group are scored as another, and
which joined spellings running text keeps. Deriving them from the model's 129k words was a quarter
of a one-file run's start-up; ``scripts/build_model.py`` derives them once (with the spacing fix's own
code) and ships them here. The file names the ``lm.bin`` it was derived from (its size and CRC-32)
and the recipe of the derivation, and a file derived from another model or by another recipe is
refused: its tables would silently disagree with the model.

File format (``dorost/data/spellings.bin``), not compressed (inflating would cost more than reading)::

    b"DOROSTSG" + version byte, then uint32 header length, a JSON header (the model file's size and
    CRC-32, the recipe, the section sizes), then little-endian sections: the groups' letters (UTF-16-LE,
    one group a line, in the groups' order), uint32[G] each group's first (most frequent) spelling,
    for the groups of several spellings uint32[M] their positions, uint32[M] their sizes and uint32[S]
    their spellings, then the aliases: uint32[A] spellings, uint32[A] the spelling each is scored as,
    float64[A] the log ratio of their counts; then uint32[K] the joined spellings kept; then uint32[H] the
    compound heads and uint32[T] the compound tails; then uint32[N] the order of the attested letters (the
    model's words, then the groups' letters that are no word) in sorted order, each a position in that list.
    Spellings are ``lm.bin`` ids.

>>> from dorost.language import model
>>> tables = decode(read_file(None, DATA_FILE), model())
>>> [model().words[i] for i in tables.groups["آنها"]] == ["آن\u200cها", "آنها"]
True
"""

from __future__ import annotations

import json
import sys
from array import array
from itertools import accumulate
from typing import NamedTuple

from dorost.language.model import LanguageModel, fingerprint, read_array, read_file, read_header

MAGIC = b"DOROSTSG"
VERSION = 3
DATA_FILE = "spellings.bin"


class SpellingTables(NamedTuple):
    """The spacing fix's tables of one model (see the module's description)."""

    #: Letters (no ZWNJ) of every spelling with a ZWNJ → the ids of their spellings, most frequent first
    #: (the plain word among them where the letters are one).
    groups: dict[str, tuple[int, ...]]
    #: A rarer spelling's id → the id of its group's most frequent spelling, and the log ratio of their counts.
    alias: dict[int, tuple[int, float]]
    #: The ids of the joined spellings that running text writes often beside their ZWNJ spellings.
    kept_joined: frozenset[int]
    #: The ids of the words that begin many joined words of the model as a word of their own (دو of دوپیکر, در).
    compound_heads: frozenset[int]
    #: The ids of the words that end many joined words of the model as a word of their own (گونه of خداگونه).
    compound_tails: frozenset[int]
    #: The model's words and then the groups' letters that are no word (``Lexicon.known_letters``, in that order): the
    #: position of each in sorted order, so that a process sorts none of them (``Lexicon.known_sorted``).
    known_order: array[int]


def _le(values: array[int] | array[float]) -> bytes:
    if sys.byteorder == "big":  # pragma: no cover - the files are little-endian
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def encode(tables: SpellingTables, model_data: bytes, recipe: str) -> bytes:
    """The file's bytes for ``tables``, derived from the model file ``model_data`` by ``recipe``."""
    keys = list(tables.groups)
    if any("\n" in key for key in keys):
        raise ValueError("a group's letters hold a line break")
    several = [at for at, key in enumerate(keys) if len(tables.groups[key]) > 1]
    letters = "\n".join(keys).encode("utf-16-le")
    sections = [
        letters,
        _le(array("I", [tables.groups[key][0] for key in keys])),
        _le(array("I", several)),
        _le(array("I", [len(tables.groups[keys[at]]) for at in several])),
        _le(array("I", [index for at in several for index in tables.groups[keys[at]][1:]])),
        _le(array("I", list(tables.alias))),
        _le(array("I", [top for top, _ in tables.alias.values()])),
        _le(array("d", [ratio for _, ratio in tables.alias.values()])),
        _le(array("I", sorted(tables.kept_joined))),
        _le(array("I", sorted(tables.compound_heads))),
        _le(array("I", sorted(tables.compound_tails))),
        _le(array("I", tables.known_order)),
    ]
    header = fingerprint(model_data) | {
        "recipe": recipe,
        "letters_bytes": len(letters),
        "groups": len(keys),
        "several": len(several),
        "several_ids": sum(len(tables.groups[keys[at]]) - 1 for at in several),
        "aliases": len(tables.alias),
        "kept_joined": len(tables.kept_joined),
        "compound_heads": len(tables.compound_heads),
        "compound_tails": len(tables.compound_tails),
        "known_order": len(tables.known_order),
    }
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return MAGIC + bytes([VERSION]) + len(head).to_bytes(4, "little") + head + b"".join(sections)


def decode(data: bytes, lm: LanguageModel, recipe: str | None = None) -> SpellingTables:
    """Read a spellings file's tables for ``lm``; ``recipe``: the derivation's that they must follow.

    Raises ValueError, saying why, for a file of another format or version, one derived from another
    model file than ``lm``'s, or by another recipe.
    """
    blob, header, offset = read_header(data, MAGIC, VERSION, DATA_FILE, "spellings")
    rebuild = "rebuild it with scripts/build_model.py"
    if {key: header.get(key) for key in ("model_bytes", "model_crc32")} != lm.fingerprint:
        raise ValueError(f"{DATA_FILE} was derived from another lm.bin than the model loaded: {rebuild}")
    if recipe is not None and header.get("recipe") != recipe:
        raise ValueError(
            f"{DATA_FILE} was derived by recipe {header.get('recipe')!r}, the spacing fix's is {recipe!r}: {rebuild}"
        )
    end = offset + int(header["letters_bytes"])
    keys = str(blob[offset:end], "utf-16-le").split("\n") if end > offset else []
    heads, offset = read_array("I", blob, end, int(header["groups"]))
    several_at, offset = read_array("I", blob, offset, int(header["several"]))
    several_sizes, offset = read_array("I", blob, offset, int(header["several"]))
    several_ids, offset = read_array("I", blob, offset, int(header["several_ids"]))
    alias_of, offset = read_array("I", blob, offset, int(header["aliases"]))
    alias_top, offset = read_array("I", blob, offset, int(header["aliases"]))
    ratios = array("d")
    ratios.frombytes(blob[offset : offset + 8 * int(header["aliases"])])
    if sys.byteorder == "big":  # pragma: no cover - the files are little-endian
        ratios.byteswap()
    offset += ratios.itemsize * len(ratios)
    kept, offset = read_array("I", blob, offset, int(header["kept_joined"]))
    heads_of, offset = read_array("I", blob, offset, int(header["compound_heads"]))
    tails_of, offset = read_array("I", blob, offset, int(header["compound_tails"]))
    known_order, offset = read_array("I", blob, offset, int(header["known_order"]))
    if offset != len(data) or len(keys) != len(heads) or len(ratios) != len(alias_of):
        raise ValueError(f"{DATA_FILE} is damaged (its sections and its header disagree)")
    # Most groups are one spelling: one tuple each from the heads, in C; then the few of several.
    groups: dict[str, tuple[int, ...]] = dict(zip(keys, zip(heads), strict=True))
    rest = several_ids.tolist()
    ends = list(accumulate(size - 1 for size in several_sizes))
    for at, size, stop in zip(several_at, several_sizes, ends, strict=True):
        groups[keys[at]] = (heads[at], *rest[stop - size + 1 : stop])
    alias = dict(zip(alias_of, zip(alias_top, ratios, strict=True), strict=True))
    return SpellingTables(groups, alias, frozenset(kept), frozenset(heads_of), frozenset(tails_of), known_order)


def load_tables(lm: LanguageModel, recipe: str | None = None) -> SpellingTables:
    """The shipped spellings file's tables for ``lm`` (the shipped model); see :func:`decode`."""
    return decode(read_file(None, DATA_FILE), lm, recipe)
