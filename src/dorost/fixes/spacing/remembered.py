"""The spacing fix's answers for the commonest words, pairs and letters of running text, ready-built.

A process that restores spacing fills its lexicon's memories as it meets words: whether a word needs a second look,
its lookup form, whether two neighbours may be one word, the readings of a run of letters. The first document of
every process (and of every batch worker) pays for the commonest ones again. ``scripts/build_model.py`` restores
the shippable running text once, counts how often each answer is asked for, and ships the answers asked for most
(``dorost/data/verdicts.bin``); :func:`load_into` puts them into a new lexicon's memories, in one read, before the
first word is judged.

An answer is a pure function of the model, the spelling tables and the fix's code. The file names what its answers
were computed from: the model file (its size and CRC-32, as ``spellings.bin`` does) and the source of the modules the
answers are computed by (the size and CRC-32 of their bytes, :func:`code_fingerprint`). A file that names another
model or other code is ignored and every answer is computed as it comes: it can make the fix slower, never different.

File format, not compressed::

    b"DOROSTVM" + version byte, then uint32 header length, a JSON header (the fingerprint, and for each memory its
    kind and the byte size of each of its sections), then the memories' sections in the header's order,
    little-endian. Text is UTF-16-LE, one entry a line. Per kind:

    - ``bool`` (a verdict per word): the words, then uint8[N] the verdicts (0 or 1);
    - ``str`` (a form per word): the words, then their forms;
    - ``pair`` (a verdict per pair of neighbours): the first words, the second words, then uint8[N] the verdicts
      (``False``, ``True``, ``LET_GO``, ``SPACED_ONLY`` as 0-3);
    - ``units`` (the readings of some letters): the letters, uint32[N] how many readings each has, then for every
      reading in order: the spellings, uint32[U] model ids, float64[U] scores, uint8[U] whether unknown.
"""

from __future__ import annotations

import json
import sys
import zlib
from array import array
from collections.abc import Iterable, Mapping
from itertools import accumulate, pairwise
from os import listdir
from os.path import dirname, join
from typing import TYPE_CHECKING

from dorost.fixes.spacing.units import Unit
from dorost.language.model import read_array, read_file, read_header

if TYPE_CHECKING:
    from dorost.fixes.spacing.lexicon import Lexicon

MAGIC = b"DOROSTVM"
VERSION = 1
DATA_FILE = "verdicts.bin"

#: The memories shipped, by their attribute on the lexicon, and their kind. Measured (instructions of a fresh
#: process restoring 0.5 MB, each memory left out in turn): the pair verdicts, the readings of letters, the word
#: verdicts and the pairs' join forms hold nearly all of the gain; the others (lookup forms, the signs' verdicts,
#: shapes, bigram scores, windows) save less than they cost to read.
MEMORIES: dict[str, str] = {
    "suspect_cache": "bool",
    "join_key_cache": "str",
    "pair_cache": "pair",
    "unit_cache": "units",
}
# A pair verdict as stored: False, True, LET_GO and SPACED_ONLY (``lexicon``) as 0-3, each read back as the very
# value the fix stores (the booleans stay booleans).
_PAIR_VALUES = (False, True, 2, 3)

# The modules whose code computes the answers (the spacing package, the characters, the model and its spelling
# tables): a change to any of them changes the fingerprint, and the shipped answers are then ignored.
_PACKAGE = dirname(dirname(dirname(__file__)))
_OTHER_SOURCES = ("chars.py", *(join("language", name) for name in ("__init__.py", "model.py", "spellings.py")))


def code_fingerprint() -> dict[str, int] | None:
    """The size and CRC-32 of the source of the modules that compute the answers; None where some is not found
    (an installation without sources: the shipped answers are then never trusted)."""
    spacing = join("fixes", "spacing")
    try:
        names = sorted(join(spacing, name) for name in listdir(join(_PACKAGE, spacing)) if name.endswith(".py"))
        crc, size = 0, 0
        for name in [*names, *_OTHER_SOURCES]:
            with open(join(_PACKAGE, name), "rb") as file:
                source = file.read()
            crc = zlib.crc32(name.replace("\\", "/").encode() + b"\n" + source, crc)
            size += len(source)
    except OSError:
        return None
    return {"code_bytes": size, "code_crc32": crc}


def fingerprint(model: Mapping[str, int]) -> dict[str, int] | None:
    """What the answers depend on: the model file's fingerprint (``LanguageModel.fingerprint``) and the code's."""
    code = code_fingerprint()
    return None if code is None else {**model, **code}


def _text(items: Iterable[str]) -> bytes:
    items = list(items)
    if any("\n" in item for item in items):
        raise ValueError("an entry holds a line break")
    return "\n".join(items).encode("utf-16-le")


def _le(values: array[int] | array[float]) -> bytes:
    if sys.byteorder == "big":  # pragma: no cover - the files are little-endian
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def encode(memories: Mapping[str, Mapping[object, object]], stamp: Mapping[str, int]) -> bytes:
    """The file's bytes for ``memories`` (each named in ``MEMORIES``, its entries in the order to keep), computed
    where the fingerprint is ``stamp``."""
    sections: list[bytes] = []
    kinds: list[dict[str, object]] = []
    for name, kind in MEMORIES.items():
        entries = memories[name]
        if kind == "bool":
            if any(type(value) is not bool for value in entries.values()):
                raise ValueError(f"{name} holds a verdict that is not a boolean")
            parts = [_text(entries), bytes(map(int, entries.values()))]  # type: ignore[arg-type]
        elif kind == "str":
            parts = [_text(entries), _text(entries.values())]  # type: ignore[arg-type]
        elif kind == "pair":
            pairs: Mapping[tuple[str, str], int] = entries  # type: ignore[assignment]
            values = [_PAIR_VALUES.index(value) for value in pairs.values()]
            parts = [_text(first for first, _ in pairs), _text(second for _, second in pairs), bytes(values)]
        else:
            readings: Mapping[str, list[Unit]] = entries  # type: ignore[assignment]
            units = [unit for found in readings.values() for unit in found]
            parts = [
                _text(readings),
                _le(array("I", map(len, readings.values()))),
                _text(unit.spelling for unit in units),
                _le(array("I", [unit.index for unit in units])),
                _le(array("d", [unit.logprob for unit in units])),
                bytes(map(int, [unit.unknown for unit in units])),
            ]
        kinds.append({"name": name, "kind": kind, "entries": len(entries), "sections": list(map(len, parts))})
        sections += parts
    header = {**stamp, "memories": kinds}
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return MAGIC + bytes([VERSION]) + len(head).to_bytes(4, "little") + head + b"".join(sections)


def decode(data: bytes, stamp: Mapping[str, int] | None) -> dict[str, dict[object, object]]:
    """The memories of a file, where it was computed where the fingerprint is ``stamp``.

    Raises ValueError, saying why, for a file of another format or version, one computed from another model or other
    code than ``stamp`` names (or where the code's fingerprint is unknown), or a damaged one.
    """
    blob, header, offset = read_header(data, MAGIC, VERSION, DATA_FILE, "verdicts")
    if stamp is None or any(header.get(key) != value for key, value in stamp.items()):
        raise ValueError(
            f"{DATA_FILE} was computed from another lm.bin or other spacing code than this one's: "
            "rebuild it with scripts/build_model.py --verdicts-only"
        )
    memories: dict[str, dict[object, object]] = {}
    for memory in header["memories"]:
        ends = list(accumulate(memory["sections"], initial=offset))
        parts = [blob[a:b] for a, b in pairwise(ends)]
        offset = ends[-1]
        count = int(memory["entries"])
        keys = _lines(parts[0], count)
        kind = memory["kind"]
        if kind == "bool":
            memories[memory["name"]] = dict(zip(keys, map(bool, parts[1]), strict=True))
        elif kind == "str":
            memories[memory["name"]] = dict(zip(keys, _lines(parts[1], count), strict=True))
        elif kind == "pair":
            pairs = zip(map(sys.intern, keys), map(sys.intern, _lines(parts[1], count)), strict=True)
            memories[memory["name"]] = dict(zip(pairs, map(_PAIR_VALUES.__getitem__, parts[2]), strict=True))
        else:
            sizes, _ = read_array("I", parts[1], 0, count)
            total = sum(sizes)
            indices, _ = read_array("I", parts[3], 0, total)
            scores = array("d")
            scores.frombytes(parts[4])
            if sys.byteorder == "big":  # pragma: no cover - the files are little-endian
                scores.byteswap()
            units = list(map(Unit, _lines(parts[2], total), indices, scores, map(bool, parts[5])))
            bounds = list(accumulate(sizes, initial=0))
            each = map(units.__getitem__, map(slice, bounds, bounds[1:]))
            memories[memory["name"]] = dict(zip(keys, each, strict=True))
    if offset != len(data):
        raise ValueError(f"{DATA_FILE} is damaged (its sections and its header disagree)")
    return memories


def _lines(text: memoryview, count: int) -> list[str]:
    found = str(text, "utf-16-le").split("\n") if count else []
    if len(found) != count:
        raise ValueError(f"{DATA_FILE} is damaged (a section holds another number of entries than its header says)")
    return found


def load_into(lex: Lexicon) -> bool:
    """Fill the memories of ``lex`` with the shipped answers, where they were computed for its model and the code
    running now; False (and nothing filled) where they were not, or the file is missing."""
    try:
        memories = decode(read_file(None, DATA_FILE), fingerprint(lex.lm.fingerprint))
    except (OSError, ValueError):
        return False
    for name, entries in memories.items():
        getattr(lex, name).update(entries)
    return True
