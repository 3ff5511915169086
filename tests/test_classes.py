"""Word classes: class pairs smoothed cell by cell, so that a sparse row reads as its parts of speech."""

from __future__ import annotations

import json

import pytest

from dorost.language import model
from dorost.language.classes import (
    DATA_FILE,
    RATIOS_RECIPE,
    WordClasses,
    classes,
    pack,
    read_sections,
    with_ratios,
)
from dorost.language.model import DATA_FILE as MODEL_FILE
from dorost.language.model import read_file


def test_a_sparse_cell_reads_as_its_parts_of_speech() -> None:
    # `بررسی` is a frequent word with a class of its own; the running text never shows it right
    # after a verb (a clause ends there first), a cell expected only a few times. Smoothed by two
    # pairs' worth of the column's share per row, the pair read 3,700 times less likely than its
    # words (-8.2), ten times less than a verb before another noun; a modal before the noun it
    # governs (`ممکن است بخواهند بررسی کنند`) read so too, and good lines were reordered.
    c = classes()
    other_noun = c.association("نوشتند", "کتاب")
    own_class = c.association("نوشتند", "بررسی")
    assert own_class < 0 and other_noun < 0
    assert own_class > other_noun - 2.0
    # A modal is a class of its own: it stands before the verb it governs or that verb's object.
    assert c.association("بخواهند", "بررسی") > own_class
    assert c.association("بخواهند", "بررسی") > -1.0


def test_a_filled_cell_keeps_its_own_count() -> None:
    # Cells the text fills are their own evidence, whatever their parts of speech say: `قرار`
    # (a class of its own) before a verb, `است` before `که`, a preposition before a noun and not a
    # verb.
    c = classes()
    assert c.association("قرار", "گرفت") > 2.0
    assert c.association("است", "که") > 1.5
    assert c.association("به", "کتاب") > 0 > c.association("به", "می\u200cنویسیم")


def _without_ratios(data: bytes) -> tuple[dict[str, object], bytes]:
    """The header and the count sections of a word-class file, its ratios and its model's size and CRC-32 left out."""
    blob = read_sections(data)
    size = int.from_bytes(blob[:4], "little")
    header = json.loads(bytes(blob[4 : 4 + size]))
    cells = len(header["classes"]) ** 2
    counts = bytes(blob[4 + size : len(blob) - 2 * 8 * cells])
    return {k: v for k, v in header.items() if k not in ("ratios", "model_bytes", "model_crc32")}, counts


def test_the_shipped_ratios_are_those_the_counts_give() -> None:
    # The file holds the class pairs' ratios ready-built; derived again from its counts by this dorost's code,
    # they are the same floats to the last bit.
    data = read_file(None, DATA_FILE)
    shipped = WordClasses(data, model())
    header, counts = _without_ratios(data)
    derived = WordClasses(pack(header, [counts]), model())
    assert shipped.header["ratios"] == RATIOS_RECIPE and "ratios" not in derived.header
    assert shipped.ratio == derived.ratio and shipped.upos_ratio == derived.upos_ratio
    assert all(type(cell) is float for row in shipped.ratio + shipped.upos_ratio for cell in row)
    # The build script's step that adds them writes the shipped file.
    assert with_ratios(pack(header, [counts]), model(), read_file(None, MODEL_FILE)) == data


def test_a_file_of_another_recipe_or_model_is_refused() -> None:
    data = read_file(None, DATA_FILE)
    blob = read_sections(data)
    size = int.from_bytes(blob[:4], "little")
    header = json.loads(bytes(blob[4 : 4 + size]))
    sections = bytes(blob[4 + size :])
    with pytest.raises(ValueError, match=r"derived by recipe '0 older'.*scripts/build_model\.py"):
        WordClasses(pack(header | {"ratios": "0 older"}, [sections]), model())
    with pytest.raises(ValueError, match="built for another language model"):
        WordClasses(pack(header | {"model_crc32": header["model_crc32"] ^ 1}, [sections]), model())
    with pytest.raises(ValueError, match="damaged"):
        WordClasses(pack(header, [sections[:-8]]), model())
    with pytest.raises(ValueError, match="not a dorost word-class file"):
        WordClasses(read_file(None, MODEL_FILE), model())
